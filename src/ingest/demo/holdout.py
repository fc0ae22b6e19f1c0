"""The holdout network: a second generator configuration that only reports and is never tuned on.

``write_demo_inbox(..., config="holdout")`` draws the owner's network here instead of ``people.make_network``.
Nothing here is read by the resolver or by the tuning configuration: other cultures and name lists (Faker
locales the tuning configuration does not use, see ``names.TAIL_LOCALES``), other nicknames, other variant
habits per culture (family name first, diacritics dropped, a middle name on one side, decorations, handles
cut at 15 characters, married names, two accounts of one person on one platform) and another platform mix.
Changing the resolver until this configuration scores well defeats its purpose: tune on ``tuning``.
"""
from __future__ import annotations

import importlib
import random
import unicodedata
import zlib
from datetime import date
from functools import lru_cache
from itertools import accumulate

from .common import slugify
from .names import COMPANIES, POSITIONS
from .people import Network, Person, Taken, assign_slug, business_email, journal_habits, make_owner, name_keys, \
    phone_number, plant_faults
from .platforms import Facebook, LinkedIn, Twitter, xing_account

# culture: (weight, Faker locales, family name written first at home)
CULTURES = {
    "de": (30, ("de_LU", "de_LI"), False), "pt": (10, ("pt_BR", "pt_PT"), False), "vi": (7, ("vi_VN",), True),
    "hu": (7, ("hu_HU",), True), "cs": (7, ("cs_CZ", "sk_SK"), False), "it": (9, ("it_IT",), False),
    "nord": (9, ("sv_SE", "da_DK", "fi_FI"), False), "in": (8, ("en_IN",), False), "en": (8, ("en_NZ",), False),
    "hr": (5, ("hr_HR", "sl_SI"), False),
}
SHARES = {"linkedin": 0.70, "facebook": 0.65, "twitter": 0.25, "xing": 0.15}  # tuning: .85 .55 .35 .25
MET_OFFLINE = 0.35
# What friends call someone here, a table of its own (the tuning one is ``names.NICKNAMES``)
_RAW_NICKS = (
    "José:Zé Francisco:Chico Conceição:São Eduardo:Dudu Antônio:Tonho Fernanda:Nanda Gabriela:Gabi "
    "Giuseppe:Beppe,Peppe Francesco:Checco Alessandro:Ale Federica:Fede Roberto:Rob Massimo:Max "
    "László:Laci István:Pista József:Józsi Erzsébet:Erzsi Katalin:Kati Zsuzsanna:Zsuzsa "
    "Jiří:Jirka Tomáš:Tom Kateřina:Káťa Petr:Péťa Jan:Honza "
    "Fredrik:Fredde Johan:Jocke Kristian:Kris Mikael:Micke "
    "Lawrence:Larry Douglas:Doug Kenneth:Ken Nicholas:Nick Charlotte:Lotte Catherine:Cathy "
    "Rajesh:Raj Srinivas:Srini Venkatesh:Venky Lakshmi:Lux "
    "Konstantin:Konsti Christine:Tine Nicolas:Nico Gabrielle:Gabi Alexandre:Alex")
NICKS = {k: tuple(v.split(",")) for k, v in (item.split(":") for item in _RAW_NICKS.split())}
DECORATIONS = (", CFA", " 🚀", " (she/her)", " (he/him)", ", MBA", " ✨", ", PMP")
NOT_A_NAME = ("coffee first", "views are my own", "🏔️🚴", "just here for the memes", "ex-consultant")
HANDLE_WORDS = ("travel", "the", "real", "hello", "its", "dev")


def _weighted(names, locale: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Names with weights: Faker's own frequencies where it has them, else a seeded Zipf order."""
    if isinstance(names, dict):
        return tuple(names), tuple(names.values())
    items = sorted(set(names))
    random.Random(zlib.crc32(locale.encode())).shuffle(items)
    return tuple(items), tuple(1 / (i + 3) ** 0.9 for i in range(len(items)))


@lru_cache(maxsize=None)
def name_lists(culture: str, part: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """(names, cumulative weights) of ``part`` (first_names_female, first_names_male, last_names[_female])."""
    names, weights = [], []
    for locale in CULTURES[culture][1]:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        found = getattr(provider, part, None) or getattr(provider, part.removesuffix("_female"))
        ns, ws = _weighted(found, locale)
        names += [n for n in ns if n.replace("-", "").replace(" ", "").replace("'", "").isalpha()]
        weights += [w for n, w in zip(ns, ws) if n.replace("-", "").replace(" ", "").replace("'", "").isalpha()]
    return tuple(names), tuple(accumulate(weights))


def draw(r: random.Random, culture: str, part: str) -> str:
    names, cum = name_lists(culture, part)
    return r.choices(names, cum_weights=cum)[0]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).replace("đ", "d")


def holdout_person(r: random.Random, key: str) -> Person:
    culture = r.choices(list(CULTURES), [c[0] for c in CULTURES.values()])[0]
    female = r.random() < 0.5
    first = draw(r, culture, "first_names_female" if female else "first_names_male")
    family = "last_names_female" if female and culture == "cs" else "last_names"
    p = Person(key, first, draw(r, culture, family), culture, female)
    if culture == "vi":
        p.middle = draw(r, culture, "middle_names")
    elif culture == "pt" and r.random() < 0.5:
        p.middle = draw(r, culture, "last_names")  # "Carlos João Magalhães": a family name in the middle
    elif r.random() < 0.08:
        p.middle = draw(r, culture, "first_names_female" if female else "first_names_male")
    if female and culture in ("de", "hu", "cs", "en", "nord", "pt") and r.random() < 0.25:
        p.maiden, p.last = p.last, draw(r, culture, family)
    p.company = _employer(r) if r.random() < 0.85 else ""
    p.position = r.choice(POSITIONS) if r.random() < 0.9 else ""
    return p


def _employer(r: random.Random) -> str:
    if r.random() < 0.3:
        return r.choice(COMPANIES)
    return f"{draw(r, r.choice(('it', 'nord', 'de')), 'last_names')} {r.choice(('AB', 'S.p.A.', 'GmbH', 'Lda', 'Kft.'))}"


def native(p: Person, accents: bool = True) -> str:
    """The name as written at home: "Nguyễn Văn Nam", "Nagy László"; others given name first."""
    fold = (lambda s: s) if accents else strip_accents
    if CULTURES[p.culture][2]:
        return fold(" ".join(filter(None, (p.last, p.middle, p.first))))
    return fold(p.plain)


def linkedin_names(r: random.Random, p: Person) -> tuple[str, str]:
    roll = r.random()
    if CULTURES[p.culture][2] and roll < 0.4:
        return " ".join(filter(None, (p.last, p.middle))), p.first  # family name in the first-name field
    title = "Dr." if roll > 0.96 else ""
    middle = p.middle if p.culture in ("pt", "in") or r.random() < 0.5 else ""
    decoration = r.choice(DECORATIONS) if r.random() < 0.1 else ""
    return " ".join(filter(None, (title, p.first, middle))), p.last + decoration


def facebook_candidates(r: random.Random, p: Person) -> list[str]:
    last = p.maiden if p.maiden and r.random() < 0.5 else p.last
    nick = r.choice(NICKS.get(p.first, ("",)))
    roll = r.random()
    if roll < 0.3 and CULTURES[p.culture][2]:
        first = native(p, accents=r.random() < 0.6)
    elif roll < 0.5 and nick:
        first = f"{nick} {last}"
    elif roll < 0.65:
        first = strip_accents(f"{p.first} {last}")
    elif roll < 0.75 and p.middle and not CULTURES[p.culture][2]:
        first = f"{p.first} {p.middle} {last}"
    else:
        first = f"{p.first} {last}"
    return [first, f"{p.first} {last}", f"{p.first} {p.last} {p.maiden}".strip(), f"{p.first} {last[0]}."] + [
        f"{p.first} {c}. {last}" for c in r.sample("ABCDEFGHJKLMNPRSTW", 5)]


def twitter_names(r: random.Random, p: Person) -> tuple[str, str]:
    """(handle, display name): handles from names or hobbies, display names cut at 15 characters."""
    first, last = slugify(p.first, ""), slugify(p.last, "")
    handle = r.choices((f"{first}{last}", f"{first[:1]}{last}", f"{r.choice(HANDLE_WORDS)}_{first}",
                        f"{first}{last[:4]}{r.randrange(70, 100)}", f"{last}{first[:1]}"), (25, 25, 15, 20, 15))[0]
    roll = r.random()
    if roll < 0.45:
        display = strip_accents(p.plain) if r.random() < 0.3 else p.plain
    elif roll < 0.6:
        display = (p.first + p.last)[:15]  # typed without a space, cut at the field's 15 characters
    elif roll < 0.7:
        display = p.first
    elif roll < 0.8:
        display = f"{p.plain} {r.choice(DECORATIONS).strip(', ')}"
    elif roll < 0.9:
        display = r.choice(NOT_A_NAME)
    else:
        display = native(p, accents=False)
    return handle[:15], display


class Accounts:
    """Account builders with the holdout habits, in place of ``platforms``' tuning ones."""

    def __init__(self, r: random.Random, taken: Taken, export_day: date):
        self.r, self.taken, self.export_day = r, taken, export_day

    def facebook(self, p: Person) -> Facebook | None:
        name = next((c for c in facebook_candidates(self.r, p) if c.casefold() not in self.taken.fb_names), None)
        if name is None:
            return None
        self.taken.fb_names.add(name.casefold())
        since = 1_236_000_000 + int(self.r.random() ** 0.8 * 550_000_000)
        return Facebook(name, name, None if self.r.random() < 0.04 else since)

    def twitter(self, p: Person) -> Twitter:
        handle, display = twitter_names(self.r, p)
        base, n = handle[:12], 1
        while handle.lower() in self.taken.handles:
            n += 1
            handle = f"{base}{n}"
        self.taken.handles.add(handle.lower())
        account_id = ""
        while not account_id or account_id in self.taken.twitter_ids:
            account_id = str(self.r.randrange(10**8, 19 * 10**17))
        self.taken.twitter_ids.add(account_id)
        return Twitter(account_id, handle, display, self.r.random() < 0.8, self.r.random() < 0.7)


def choose_platforms(r: random.Random, people: list[Person]) -> dict[str, set[Person]]:
    on = {name: set() for name in SHARES}
    for p in people:
        p.met_offline = r.random() < MET_OFFLINE
        p.tie = r.random() ** (1.0 if p.met_offline else 3.0)
        for name, share in SHARES.items():
            boost = 1.3 if name == "facebook" and p.met_offline else 2.0 if name == "xing" and p.culture == "de" else 1
            if r.random() < share * boost:
                on[name].add(p)
        if not p.met_offline and not any(p in s for s in on.values()):
            on["linkedin"].add(p)
    return on


def add_accounts(r: random.Random, acc: Accounts, p: Person, on: dict[str, set[Person]]) -> None:
    from datetime import timedelta

    if p in on["xing"] or p in on["linkedin"] and r.random() < 0.1:
        p.email = business_email(r, p, acc.taken.emails)
    if p in on["linkedin"]:
        p.linkedin = LinkedIn(*linkedin_names(r, p), assign_slug(r, p, acc.taken.slugs), p.email)
        p.linkedin.connected = acc.export_day - timedelta(days=1 + int(3000 * r.random() ** 1.2))
    if p in on["facebook"]:
        p.facebook = acc.facebook(p)
    if p in on["twitter"]:
        p.twitter = acc.twitter(p)
    if p in on["xing"]:
        p.phone = phone_number(r, p) if r.random() < 0.6 else ""
        p.xing = xing_account(r, p, acc.taken.xing_fns)
    if p.met_offline:
        journal_habits(r, p)


TWIN_SHARES = {"twitter": 0.06, "facebook": 0.03, "linkedin": 0.015}  # of each platform's members


def plant_twins(r: random.Random, acc: Accounts, people: list[Person]) -> list[Person]:
    """A second account of one person on one platform: a work Twitter account ("Laura Beck | Fahrwerk"),
    an old Facebook profile, a duplicate LinkedIn profile. Each twin is a ``Person`` of its own holding that one
    account, with the original's ``key``: the labels give both accounts one true person."""
    twins = []
    for platform, share in TWIN_SHARES.items():
        members = [p for p in people if getattr(p, platform) is not None]
        for p in r.sample(members, round(share * len(members))):
            twin = Person(p.key, p.first, p.last, p.culture, p.female, p.middle, p.maiden, company=p.company,
                          position=p.position, tie=p.tie * 0.2, role="network")
            if platform == "twitter":
                twin.twitter = acc.twitter(p)
                company = (p.company or "work").split(" ")[0]
                twin.twitter.display = r.choice((f"{p.plain} | {company}", f"{p.first} @ {company}", p.plain))
            elif platform == "facebook":
                twin.facebook = acc.facebook(p)
            else:
                twin.linkedin = LinkedIn(p.first, p.last, assign_slug(r, p, acc.taken.slugs))
                twin.linkedin.connected = p.linkedin.connected
            if getattr(twin, platform) is not None:
                twins.append(twin)
    return twins


def extra_people(r: random.Random, taken: Taken, net: Network, n: int, start: int) -> None:
    """LinkedIn strangers (pending invitations, recruiters) and people on no platform, as the tuning
    network has them, drawn from the holdout's names."""
    names = {key for p in net.everyone() for key in name_keys(p.plain)}
    for i in range(max(3, round(0.06 * n)) + max(2, round(0.08 * n))):
        p = holdout_person(r, f"p{start + i:05d}")
        p.role = "pending" if i < max(3, round(0.06 * n)) else "recruiter"
        p.linkedin = LinkedIn(p.first, p.last, assign_slug(r, p, taken.slugs))
        net.strangers.append(p)
    start += len(net.strangers)
    while len(net.offline_only) < max(4, round(0.03 * n)):
        p = holdout_person(r, f"p{start + len(net.offline_only):05d}")
        if names.isdisjoint(name_keys(p.plain)):
            p.role, p.met_offline, p.tie, p.company, p.position = "offline", r.random() < 0.75, r.random(), "", ""
            names |= name_keys(p.plain)
            net.offline_only.append(p)


def make_network(r: random.Random, n: int, export_day: date) -> Network:
    """The owner (the same as the tuning network's) and ``n`` people drawn with the holdout's habits."""
    owner = make_owner()
    people = [holdout_person(r, f"p{i:05d}") for i in range(1, n + 1)]
    on = choose_platforms(r, people)
    taken = Taken({owner.linkedin.slug})
    acc = Accounts(r, taken, export_day)
    for p in people:
        add_accounts(r, acc, p, on)
    people = [p for p in people if any((p.linkedin, p.facebook, p.twitter, p.xing)) or p.met_offline]
    people += plant_twins(r, acc, people)
    plant_faults(people)
    net = Network(owner, people, [], export_day)
    extra_people(r, taken, net, n, n + 1)
    return net
