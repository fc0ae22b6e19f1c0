"""The owner's invented network, with the ground truth of who is who on which platform.

``make_network`` draws N true people (``random.Random(seed)`` only) and, for each, the accounts a real
user would have: which platforms, under which name variant (titles and emoji on LinkedIn, nicknames and
maiden names on Facebook, handles on Twitter, formal Latin-1 names on XING, transliterations in the
owner's journal). Each account's ``ref`` is exactly the ``account_ref`` the parsers produce (design.md).
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from .common import slugify, transliterate
from .names import CITIES, COMPANIES, CULTURE_WEIGHTS, MARRIED_NAME_CULTURES, NAMES, POSITIONS, RECRUITER_FIRMS
from .platforms import Facebook, Journal, LinkedIn, Twitter, Xing, facebook_account, twitter_account, \
    xing_account

DEMO_OWNER = ("Henrike", "Sommerfeld")
DEMO_OWNER_URL = "https://www.linkedin.com/in/henrike-sommerfeld-3a9f2c"
DEMO_OWNER_EMAIL = "henrike.sommerfeld@example.com"
OWNER_KEY = "p00000"
OWNER_TWITTER = ("2718281828", "hsommerfeld")  # accountId, handle (Profile.csv lists the handle too)
SHARES = {"linkedin": 0.85, "facebook": 0.55, "twitter": 0.35, "xing": 0.25}
MET_OFFLINE = 0.30
PLATFORMS = ("linkedin", "facebook", "twitter", "xing", "journal")
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
    met_offline: bool = False
    variants: bool = True  # False: the plain name on every platform (the planted namesakes)
    role: str = "network"  # "owner", "network", or LinkedIn-only strangers: "pending", "recruiter"
    linkedin: LinkedIn | None = None
    facebook: Facebook | None = None
    twitter: Twitter | None = None
    xing: Xing | None = None
    journal: Journal | None = None

    plain = property(lambda self: f"{self.first} {self.last}")


@dataclass
class Network:
    owner: Person
    people: list[Person]  # the owner's network: ``people=`` of them
    strangers: list[Person]  # on LinkedIn only: pending invitations and recruiters
    export_day: date
    extra_refs: list[tuple[str, str, Person]] = field(default_factory=list)  # refs only some files use

    def on(self, platform: str) -> list[Person]:
        return [p for p in self.people if getattr(p, platform) is not None]

    def label_rows(self) -> list[tuple[str, str, str, str, str]]:
        """``platform, account_ref, person_key, is_owner, met_offline`` for every account written."""
        rows = {}
        for p in [self.owner, *self.people, *self.strangers]:
            refs = [(name, getattr(p, name).ref) for name in PLATFORMS if getattr(p, name) is not None]
            for platform, ref in refs + [(pl, ref) for pl, ref, q in self.extra_refs if q is p]:
                assert rows.setdefault((platform, ref), p) is p, f"{platform} account_ref shared by two people"
        return sorted((pl, ref, p.key, str(p.role == "owner").lower(), str(p.met_offline).lower())
                      for (pl, ref), p in rows.items())


class Picker:
    """Weighted choice from ordered lists, common names first, with cumulative weights computed once."""

    def __init__(self, r: random.Random):
        self.r, self.cache = r, {}

    def __call__(self, items: list):
        cum = self.cache.get(id(items))
        if cum is None:
            cum = self.cache[id(items)] = list(accumulate(1 / (i + 4) ** 0.9 for i in range(len(items))))
        return self.r.choices(items, cum_weights=cum)[0]


def feminine(culture: str, last: str) -> str:
    if culture == "pl":
        return re.sub(r"(sk|ck|dzk)i$", r"\1a", last)
    if culture == "el":
        return re.sub(r"os$", "ou", re.sub(r"is$", "i", re.sub(r"as$", "a", last)))
    return last


def random_person(r: random.Random, pick: Picker, key: str) -> Person:
    culture = r.choices(list(CULTURE_WEIGHTS), list(CULTURE_WEIGHTS.values()))[0]
    females, males, lasts = NAMES[culture]
    female = r.random() < 0.5
    last = feminine(culture, pick(lasts)) if female else pick(lasts)
    if culture == "es" and r.random() < 0.4:
        last = f"{last} {pick(lasts)}"
    p = Person(key, pick(females if female else males), last, culture, female)
    if female and culture in MARRIED_NAME_CULTURES and r.random() < 0.3:
        p.maiden, p.last = p.last, feminine(culture, pick(lasts))
    if r.random() < 0.05 and culture in ("de", "nl", "en"):
        p.middle = pick(females if female else males)
    p.company = r.choice(COMPANIES) if r.random() < 0.87 else ""
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


def journal_account(r: random.Random, p: Person, first_counts: Counter, taken: set[str]) -> Journal:
    """The owner writes names as they say them: no titles, sometimes without umlauts, first name only."""
    roll, name = r.random() if p.variants else 1.0, p.plain
    if roll < 0.3 and re.search("[äöüßÄÖÜ]", name):
        name = transliterate(name)
    elif roll < 0.38:
        name = f"{p.last}, {p.first}"
    elif roll < 0.6 and first_counts[p.first] == 1:
        name = p.first
    shown = (p.linkedin and p.linkedin.email) or (p.xing and p.xing.email)
    email = p.email if shown and r.random() < 0.5 else ""  # the same address as on XING or LinkedIn
    account = Journal(name, email)
    for alternative in (f"{p.plain} ({p.company})" if p.company else "", f"{p.plain} ({p.city[0]})"):
        if account.ref not in taken:
            break
        account = Journal(alternative or account.name, email)
    if account.ref in taken:
        account = Journal(account.name, f"{slugify(p.first, '.')}.{slugify(p.last, '')}.{p.key}@example.net")
    taken.add(account.ref)
    return account


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
    journal_refs: set[str] = field(default_factory=set)


def add_accounts(r: random.Random, p: Person, on: dict[str, set[Person]], taken: Taken, export_day: date,
                 first_counts: Counter) -> None:
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
        p.journal = journal_account(r, p, first_counts, taken.journal_refs)


def make_network(r: random.Random, n: int, export_day: date) -> Network:
    """The owner and ``n`` people of their network (plus LinkedIn strangers), with their accounts."""
    pick, owner = Picker(r), make_owner()
    people = [random_person(r, pick, f"p{i:05d}") for i in range(1, n + 1)]
    on = choose_platforms(r, people)
    plant_namesakes(r, people, on)
    taken, first_counts = Taken({owner.linkedin.slug}), Counter(p.first for p in people)
    for p in people:
        add_accounts(r, p, on, taken, export_day, first_counts)
    plant_faults(people)
    return Network(owner, people, make_strangers(r, pick, n, n + 1, taken.slugs), export_day)


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

