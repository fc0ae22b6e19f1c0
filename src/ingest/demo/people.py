"""The owner's invented network, with the ground truth of who is who on which platform.

``make_network`` draws N true people (``random.Random(seed)`` only) and, for each, the accounts a real
user would have: which platforms, under which name variant (titles and emoji on LinkedIn, nicknames and
maiden names on Facebook, handles on Twitter, formal Latin-1 names on XING). Each account's ``ref`` is
exactly the ``account_ref`` the parsers produce (design.md). The offline sources (address book, calendar,
journal) are planned later, by their writers; what they write as offline evidence lands in ``Person.via``,
and ``Identities`` says which of it a careful resolver can attribute to one person.
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from ..normalise import normalise_email
from .common import phone_key, slugify, transliterate
from .names import CITIES, COMPANIES, COMPANY_SUFFIXES, CULTURE_WEIGHTS, HEAD_SHARE, MARRIED_NAME_CULTURES, NAMES, \
    NICKNAMES, POSITIONS, RECRUITER_FIRMS, name_tail
from .platforms import Facebook, LinkedIn, Twitter, Xing, facebook_account, twitter_account, xing_account

DEMO_OWNER = ("Henrike", "Sommerfeld")
DEMO_OWNER_URL = "https://www.linkedin.com/in/henrike-sommerfeld-3a9f2c"
DEMO_OWNER_EMAIL = "henrike.sommerfeld@example.com"
OWNER_KEY = "p00000"
OWNER_TWITTER = ("2718281828", "hsommerfeld")  # accountId, handle (Profile.csv lists the handle too)
SHARES = {"linkedin": 0.85, "facebook": 0.55, "twitter": 0.35, "xing": 0.25}
MET_OFFLINE = 0.30
PLATFORMS = ("linkedin", "facebook", "twitter", "xing")
# Offline evidence that counts as an interaction; every other token in ``Person.via`` is a trap written for
# that person ("calendar-declined", "journal-future", …) or an entry no one can attribute ("journal-ambiguous").
COUNTING = frozenset({"journal", "calendar", "calls"})
NAMESAKE = ("Thomas", "Müller")  # the trap: three different people, all called this, on different platforms


@dataclass(eq=False, slots=True)
class Person:
    key: str  # the ground-truth identity, stable for a seed and size
    first: str
    last: str  # the current family name
    culture: str = "de"
    female: bool = False
    middle: str = ""
    maiden: str = ""  # birth name of a married woman; her old Facebook profile still shows it
    title: str = ""  # "Dr.", "Prof. Dr."
    credential: str = ""  # ", PhD"
    emoji: str = ""
    company: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    city: tuple = CITIES[0]
    tie: float = 0.0  # closeness to the owner, 0-1: drives messages and meetings
    met_offline: bool = False  # planned: drives platforms and ties; the label is ``met``, from what was written
    variants: bool = True  # False: the plain name on every platform (the planted namesakes)
    role: str = "network"  # "owner", "network", "offline" (on no platform), LinkedIn-only: "pending", "recruiter"
    linkedin: LinkedIn | None = None
    facebook: Facebook | None = None
    twitter: Twitter | None = None
    xing: Xing | None = None
    private_email: str = ""  # in the phone's address book and on some invitations, on no platform
    mobile: str = ""  # canonical "+49 1xx …"; the address book writes it in other formats
    card: object = None  # the address-book card (addressbook.Card), if the owner's phone has one
    via: set = field(default_factory=set)  # offline evidence written for this person, see COUNTING
    journal_roll: float = 1.0  # how the owner writes the name in the journal (journal.written_name)
    journal_email: bool = False  # whether journal rows carry the e-mail a platform shows

    plain = property(lambda self: f"{self.first} {self.last}")
    met = property(lambda self: not self.via.isdisjoint(COUNTING))


@dataclass
class Network:
    owner: Person
    people: list[Person]  # the owner's network: ``people=`` of them
    strangers: list[Person]  # on LinkedIn only: pending invitations and recruiters
    export_day: date
    extra_refs: list[tuple[str, str, Person]] = field(default_factory=list)  # refs only some files use
    offline_only: list[Person] = field(default_factory=list)  # on no platform: family, neighbours, the plumber
    shown: dict = field(default_factory=lambda: defaultdict(list))  # offline account → (person, name, e-mail, phone)
    # a second account of someone in ``people`` on one platform (demo/twins.py): on that platform only, never met
    twins: list[Person] = field(default_factory=list)

    def on(self, platform: str) -> list[Person]:
        return [p for p in (*self.people, *self.twins) if getattr(p, platform) is not None]

    def everyone(self) -> list[Person]:
        return [self.owner, *self.people, *self.strangers, *self.offline_only, *self.twins]


class Picker:
    """Weighted choice from ordered lists, common names first, with cumulative weights computed once."""

    def __init__(self, r: random.Random):
        self.r, self.cache = r, {}

    def __call__(self, items: list):
        cum = self.cache.get(id(items))
        if cum is None:
            cum = self.cache[id(items)] = list(accumulate(1 / (i + 4) ** 0.9 for i in range(len(items))))
        return self.r.choices(items, cum_weights=cum)[0]

    def name(self, head: list, tail: tuple, head_share: float) -> str:
        """A well-known name (common ones first) or, as often as real networks have them, a rarer one."""
        return self(head) if not tail or self.r.random() < head_share else self.r.choice(tail)


def employer(r: random.Random) -> str:
    """One of the firms around the owner (colleagues cluster), or one of thousands of others."""
    if r.random() < 0.4:
        return r.choice(COMPANIES)
    return f"{r.choice(name_tail('de')[2] + name_tail('en')[2])} {r.choice(COMPANY_SUFFIXES)}"


def feminine(culture: str, last: str) -> str:
    if culture == "pl":
        return re.sub(r"(sk|ck|dzk)i$", r"\1a", last)
    if culture == "el":
        return re.sub(r"os$", "ou", re.sub(r"is$", "i", re.sub(r"as$", "a", last)))
    return last


def random_person(r: random.Random, pick: Picker, key: str) -> Person:
    culture = r.choices(list(CULTURE_WEIGHTS), list(CULTURE_WEIGHTS.values()))[0]
    female = r.random() < 0.5
    given = 0 if female else 1

    def first() -> str:
        return pick.name(NAMES[culture][given], name_tail(culture)[given], HEAD_SHARE["first"])

    def last() -> str:
        return pick.name(NAMES[culture][2], name_tail(culture)[2], HEAD_SHARE["last"])

    family = feminine(culture, last()) if female else last()
    if culture == "es" and r.random() < 0.4:
        family = f"{family} {last()}"
    p = Person(key, first(), family, culture, female)
    if female and culture in MARRIED_NAME_CULTURES and r.random() < 0.3:
        p.maiden, p.last = p.last, feminine(culture, last())
    if r.random() < 0.05 and culture in ("de", "nl", "en"):
        p.middle = first()
    p.company = employer(r) if r.random() < 0.87 else ""
    p.position = r.choice(POSITIONS) if r.random() < 0.9 else ""
    p.city = r.choice(CITIES) if culture == "de" else CITIES[r.randrange(3)]
    return p


def decorate(r: random.Random, p: Person) -> None:
    """What members type into LinkedIn's name fields: titles, credentials, emoji."""
    roll = r.random() if p.variants else 1.0
    if roll < 0.04:
        p.title = "Prof. Dr." if p.culture == "de" and roll < 0.006 else "Dr."
    elif roll < 0.065:
        p.credential = r.choice((", PhD", ", PhD", ", MBA"))
    elif roll < 0.085:
        p.emoji = r.choice((" 🚀", " 🌿", " ☕", " 🌊"))


def choose_platforms(r: random.Random, people: list[Person]) -> dict[str, set[Person]]:
    """Who is where: marginal shares as in SHARES; friends on Facebook are more often met offline."""
    on = {name: set() for name in SHARES}
    fb_not_met = (SHARES["facebook"] - MET_OFFLINE * 0.8) / (1 - MET_OFFLINE)
    xing_other = (SHARES["xing"] - 0.45 * 0.42) / 0.55
    for p in people:
        p.met_offline = r.random() < MET_OFFLINE
        p.tie = r.random() ** (1.0 if p.met_offline else 3.0)
        if r.random() < (0.8 if p.met_offline else fb_not_met):
            on["facebook"].add(p)
        if r.random() < SHARES["twitter"]:
            on["twitter"].add(p)
        if r.random() < (0.42 if p.culture == "de" else xing_other):
            on["xing"].add(p)
    forced = [p for p in people if not p.met_offline and not any(p in s for s in on.values())]
    forced_set = set(forced)
    rest = [p for p in people if p not in forced_set]
    quota = max(round(SHARES["linkedin"] * len(people)) - len(forced), 0)
    on["linkedin"] = set(forced) | set(r.sample(rest, min(quota, len(rest))))
    return on


def plant_namesakes(r: random.Random, people: list[Person], on: dict[str, set[Person]]) -> None:
    """Three different "Thomas Müller": LinkedIn+XING, Facebook only (met), LinkedIn+Twitter."""
    if len(people) < 12:
        return
    plans = (({"linkedin", "xing"}, False), ({"facebook"}, True), ({"linkedin", "twitter"}, False))
    for p, (where, met) in zip(r.sample(people[1:], 3), plans):
        p.first, p.last, p.culture, p.female, p.maiden, p.middle = *NAMESAKE, "de", False, "", ""
        p.met_offline, p.tie, p.variants = met, 0.8 if met else 0.05, False
        for name, members in on.items():
            members.discard(p)
            if name in where:
                members.add(p)
    linked = [p for p in people if p in on["linkedin"] and p.plain != " ".join(NAMESAKE)]
    for a, b in zip(linked[10::50][:2], linked[35::50][:2]):  # two more pairs of namesakes on LinkedIn
        b.first, b.last, b.culture, b.female, b.maiden = a.first, a.last, a.culture, a.female, a.maiden


def business_email(r: random.Random, p: Person, used: set[str]) -> str:
    domain = f"{slugify(p.company.split(' ')[0]) or 'mail'}.example" if p.company else r.choice(
        ("example.com", "example.org", "example.net"))
    local = f"{slugify(transliterate(p.first), '.')}.{slugify(transliterate(p.last), '')}"
    email, n = f"{local}@{domain}", 1
    while email in used:
        n += 1
        email = f"{local}{n}@{domain}"
    used.add(email)
    return email


def phone_number(r: random.Random, p: Person) -> str:
    if r.random() < 0.5:
        return f"+49 {r.choice((151, 160, 170, 171, 176, 179))} {r.randrange(10**6, 10**8)}"
    area = {"Hamburg": 40, "München": 89, "Berlin": 30, "Köln": 221, "Frankfurt am Main": 69}.get(p.city[0], 211)
    return f"+49 {area} {r.randrange(10**5, 10**7)}"


def linkedin_account(r: random.Random, p: Person, used: set[str], export_day: date) -> LinkedIn:
    first = " ".join(filter(None, (p.title, p.first, p.middle)))
    li = LinkedIn(first, p.last + p.credential + p.emoji, assign_slug(r, p, used))
    li.connected = export_day - timedelta(days=1 + int(3650 * r.random() ** 1.4))  # more in recent years
    return li


def assign_slug(r: random.Random, p: Person, used: set[str]) -> str:
    style, base = r.random(), slugify(p.plain)
    if style < 0.12:
        base = slugify(p.first[0] + p.last).replace("-", "")  # vanity slug like "pdevries"
    elif style < 0.2:
        base = base.replace("-", "")
    slug = "" if style > 0.55 or not p.variants else base
    while not slug or slug in used:
        slug = f"{base}-{r.getrandbits(24):06x}" if r.random() < 0.6 else f"{base}-{r.getrandbits(32):08x}"
    used.add(slug)
    return slug


def make_owner() -> Person:
    owner = Person(OWNER_KEY, *DEMO_OWNER, female=True, role="owner", email=DEMO_OWNER_EMAIL, tie=1.0)
    owner.linkedin = LinkedIn(*DEMO_OWNER, DEMO_OWNER_URL.rsplit("/", 1)[1])
    owner.facebook = Facebook(" ".join(DEMO_OWNER), " ".join(DEMO_OWNER), None)
    owner.twitter = Twitter(*OWNER_TWITTER, " ".join(DEMO_OWNER), False, False)
    return owner


def make_strangers(r: random.Random, pick: Picker, n: int, start: int, used: set[str]) -> list[Person]:
    """People on LinkedIn only who are not connections: pending invitations, recruiters writing InMails."""
    pending, recruiters = max(3, round(0.08 * n)), max(2, round(0.10 * n))
    out = []
    for i in range(pending + recruiters):
        p = random_person(r, pick, f"p{start + i:05d}")
        p.role = "pending" if i < pending else "recruiter"
        if p.role == "recruiter":
            p.company, p.position = RECRUITER_FIRMS[i % len(RECRUITER_FIRMS)], "Senior Talent Acquisition Partner"
        p.linkedin = LinkedIn(p.first, p.last, assign_slug(r, p, used))
        out.append(p)
    return out


@dataclass
class Taken:
    """What is already in use on each platform: the identifiers that must stay unique."""

    slugs: set[str]
    emails: set[str] = field(default_factory=lambda: {DEMO_OWNER_EMAIL})
    fb_names: set[str] = field(default_factory=lambda: {" ".join(DEMO_OWNER).casefold()})
    handles: set[str] = field(default_factory=lambda: {OWNER_TWITTER[1]})
    twitter_ids: set[str] = field(default_factory=lambda: {OWNER_TWITTER[0]})
    xing_fns: set[str] = field(default_factory=set)


def add_accounts(r: random.Random, p: Person, on: dict[str, set[Person]], taken: Taken, export_day: date) -> None:
    decorate(r, p)
    if p in on["xing"] or r.random() < 0.03:
        p.email = business_email(r, p, taken.emails)
    if p in on["linkedin"]:
        p.linkedin = linkedin_account(r, p, taken.slugs, export_day)
        p.linkedin.email = p.email if p.email and (p not in on["xing"] or r.random() < 0.1) else ""
    if p in on["facebook"]:
        p.facebook = facebook_account(r, p, taken.fb_names, export_day)
    if p in on["twitter"]:
        p.twitter = twitter_account(r, p, taken.handles, taken.twitter_ids)
    if p in on["xing"]:
        p.phone = phone_number(r, p) if r.random() < 0.5 else ""
        p.xing = xing_account(r, p, taken.xing_fns)
    if p.met_offline:
        journal_habits(r, p)


def journal_habits(r: random.Random, p: Person) -> None:
    """Drawn with the network, in this order, so that the platform files do not depend on the journal."""
    p.journal_roll = r.random() if p.variants else 1.0
    shown = (p.linkedin and p.linkedin.email) or (p.xing and p.xing.email)
    p.journal_email = bool(shown) and r.random() < 0.5


def make_network(r: random.Random, n: int, export_day: date) -> Network:
    """The owner and ``n`` people of their network (plus LinkedIn strangers), with their accounts."""
    pick, owner = Picker(r), make_owner()
    people = [random_person(r, pick, f"p{i:05d}") for i in range(1, n + 1)]
    on = choose_platforms(r, people)
    plant_namesakes(r, people, on)
    taken = Taken({owner.linkedin.slug})
    for p in people:
        add_accounts(r, p, on, taken, export_day)
    plant_decorations(people)
    plant_faults(people)
    net = Network(owner, people, make_strangers(r, pick, n, n + 1, taken.slugs), export_day)
    net.offline_only = make_offline_only(r, pick, net, n + 1 + len(net.strangers))
    return net


def make_offline_only(r: random.Random, pick: Picker, net: Network, start: int) -> list[Person]:
    """People on no platform (~3%): family, neighbours, the sailing club; a quarter of them never met.

    Their full names are nobody else's: a resolver could not know that a second "Anna Schmidt" exists
    off the platforms, so a shared name would make a trap no one can see.
    """
    names = {key for p in net.everyone() for key in name_keys(p.plain)}
    out = []
    while len(out) < max(4, round(0.03 * len(net.people))):
        p = random_person(r, pick, f"p{start + len(out):05d}")
        if names.isdisjoint(name_keys(p.plain)):
            p.role, p.met_offline, p.tie, p.company, p.position = "offline", len(out) % 4 != 3, r.random(), "", ""
            names |= name_keys(p.plain)
            out.append(p)
    return out


def plant_decorations(people: list[Person]) -> None:
    """A title, a credential and an emoji in LinkedIn's name fields, whatever the draw gave (no draw here)."""
    linked = [p for p in people if p.linkedin and p.variants]
    missing = [(kind, value) for kind, value in (("title", "Dr."), ("credential", ", PhD"), ("emoji", " 🚀"))
               if not any(getattr(p, kind) for p in linked)]
    plain = [p for p in linked if not (p.title or p.credential or p.emoji)]
    for (kind, value), p in zip(missing, plain):
        setattr(p, kind, value)
        p.linkedin.first = " ".join(filter(None, (p.title, p.first, p.middle)))
        p.linkedin.last = p.last + p.credential + p.emoji


def plant_faults(people: list[Person]) -> None:
    """Quirks a parser must survive, written into the accounts themselves."""
    # Facebook: one name typed on a Mac, stored decomposed (NFD); the account_ref is its NFC form
    for p in people:
        if p.facebook and p.variants and re.search("[éëèüöäáó]", p.facebook.name):
            p.facebook.written = unicodedata.normalize("NFD", p.facebook.name)
            break
    # LinkedIn: one connection (in no other LinkedIn file) whose "Connected On" cannot be parsed
    plain = [p for p in people[len(people) // 2:]
             if p.linkedin and p.variants and not (p.title or p.credential or p.emoji)]
    if plain:
        bad = plain[0].linkedin
        bad.bad_date, bad.connected = f"31 Foo {bad.connected.year}", None



def name_keys(text: str) -> set[str]:
    """Comparison keys of a written name: accents folded (Müller → muller) and transliterated (→ mueller),
    one word a word: "Karl-Hermann" is one given name ("karlhermann"), not Karl of the Hermanns."""
    return {" ".join(filter(None, (slugify(fold(word), "") for word in text.split())))
            for fold in (str, transliterate)} - {""}


def written_keys(name: str) -> set[str]:
    """Keys of a name as written in an offline record: "Last, First" turned round; one word is a first name."""
    if name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    keys = name_keys(name)
    return {("1:" if " " not in key else "2:") + key for key in keys}


def person_keys(p: Person) -> set[str]:
    """Every first name and full name this person could be written as: nicknames, middle and maiden names."""
    givens = {p.first, *NICKNAMES.get(p.first, ()), *([p.middle] if p.middle else [])}
    lasts = {p.last, *([p.maiden] if p.maiden else [])}
    keys = {f"1:{key}" for given in givens for key in name_keys(given)}
    return keys | {f"2:{key}" for given in givens for last in lasts for key in name_keys(f"{given} {last}")}


class Identities:
    """What a careful resolver can attribute to one person, given everything the inbox holds.

    A written name is ambiguous when it fits more than one person anywhere in the network (namesakes,
    a first name several people share, a nickname of another's name). An e-mail or a phone number links
    when a platform shows it (LinkedIn, XING), or when the phone's address book holds it on a card that
    itself links: by such an id, a LinkedIn URL, or a name nobody else has.
    """

    def __init__(self, net: Network):
        self.names: dict[str, Person | None] = {}
        self.strong: dict[str, Person | None] = {}
        self.cards: dict[str, Person | None] = {}
        for p in net.everyone():
            for key in person_keys(p):
                self._add(self.names, key, p)
            for value in (p.linkedin and p.linkedin.email, p.xing and p.xing.email, p.xing and p.xing.phone):
                self._add(self.strong, normalise_email(value) or phone_key(value), p)
            for value in (p.card.emails + p.card.phones) if p.card else ():
                self._add(self.cards, normalise_email(value) or phone_key(value), p)

    @staticmethod
    def _add(index: dict, key: str | None, p: Person) -> None:
        # None: several people; a person's second account on one platform (``Network.twins``) is the same person
        if key:
            held = index.get(key, p)
            index[key] = p if held is not None and held.key == p.key else None

    def unique(self, p: Person, name: str) -> bool:
        """True if ``name`` as written fits ``p`` and nobody else."""
        found = {self.names.get(key, False) for key in written_keys(name)} - {False}
        return bool(found) and None not in found and {q.key for q in found} == {p.key}

    def anchored(self, p: Person) -> bool:
        card = p.card
        return bool(card) and (bool(card.linkedin_url) or self.unique(p, card.fn) or any(
            _same(self.strong.get(normalise_email(v) or phone_key(v)), p) for v in card.emails + card.phones))

    def resolves(self, p: Person, name: str = "", email: str = "", phone: str = "") -> bool:
        """True if a record naming ``name`` with ``email``/``phone`` can be attributed to ``p`` alone."""
        ids = [i for i in (normalise_email(email), phone_key(phone)) if i]
        if any(_same(self.strong.get(i), p) for i in ids):
            return True
        if any(_same(self.cards.get(i), p) for i in ids) and self.anchored(p):
            return True
        return bool(name) and self.unique(p, name)


def _same(found: Person | None, p: Person) -> bool:
    return found is not None and found.key == p.key
