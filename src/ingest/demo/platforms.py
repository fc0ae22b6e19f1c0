"""One person's account on each platform, the name variant they use there, and its ``account_ref``.

The ``ref`` properties compute exactly what the parsers produce per design.md's table, with the
project's own normalisers, so labels.csv can be joined to the loaded accounts.
"""
from __future__ import annotations

import random
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time

from ..normalise import normalise_email, normalise_linkedin_url, normalise_name
from .common import epoch, slugify, transliterate
from .names import HANDLE_WORDS, NICKNAMES, NOT_A_NAME


@dataclass(slots=True)
class LinkedIn:
    first: str  # "First Name" as the member typed it: may hold "Dr." and middle names
    last: str  # "Last Name": may hold ", PhD" or an emoji
    slug: str
    email: str = ""
    connected: date | None = None  # None: not a connection (pending invitation, recruiter, owner)
    bad_date: str = ""

    name = property(lambda self: f"{self.first} {self.last}")
    url = property(lambda self: f"https://www.linkedin.com/in/{self.slug}")
    ref = property(lambda self: normalise_linkedin_url(self.url))


@dataclass(slots=True)
class Facebook:
    name: str  # the display name, NFC
    written: str  # as the export holds it before the mojibake (one is NFD)
    friend_since: int | None  # Unix seconds; None: seen only in group chats, not a friend

    ref = property(lambda self: unicodedata.normalize("NFC", self.name))


@dataclass(slots=True)
class Twitter:
    id: str
    handle: str
    display: str  # free text, often not a name at all
    follows_me: bool
    followed: bool

    ref = property(lambda self: self.id)


@dataclass(slots=True)
class Xing:
    fn: str
    given: str
    family: str
    title: str
    email: str
    phone: str
    uid: str
    version: str  # "3.0", or "2.1" with QUOTED-PRINTABLE

    ref = property(lambda self: self.uid or (self.email.lower() if self.email else "") or self.fn)


@dataclass(slots=True)
class Journal:
    name: str
    email: str = ""

    ref = property(lambda self: normalise_email(self.email) or normalise_name(self.name) or self.name)


def facebook_account(r: random.Random, p, taken: set[str], export_day: date) -> Facebook | None:
    """Nicknames, "First L.", the maiden name of a profile never updated; None if every variant is taken."""
    last = p.maiden if p.maiden and r.random() < 0.5 else p.last
    nick, roll = r.choice(NICKNAMES.get(p.first, ("",))), r.random() if p.variants else 1.0
    candidates = [f"{p.first} {last}", f"{nick} {last}" if nick else "",
                  f"{p.first} {p.middle} {last}" if p.middle else "",
                  f"{p.first} {p.last}-{p.maiden}" if p.maiden else "", f"{p.first} {last[0]}."]
    if roll < 0.22 and nick:
        candidates.insert(0, candidates.pop(1))
    elif roll < 0.29:
        candidates.insert(0, candidates.pop())
    candidates += [f"{p.first} {initial}. {last}" for initial in r.sample("ABCDEFGHJKLMNPRSTW", 4)]
    name = next((c for c in candidates if c and c.casefold() not in taken), None)
    if name is None:
        return None
    taken.add(name.casefold())
    lo, hi = epoch(datetime(2009, 3, 1)), epoch(datetime.combine(export_day, time(6)))
    since = lo + int((hi - lo) * r.random() ** 0.8)
    return Facebook(name, name, None if r.random() < 0.04 else since)


def twitter_account(r: random.Random, p, handles: set[str], ids: set[str]) -> Twitter:
    account_id = ""
    while not account_id or account_id in ids:
        old = r.random() < 0.35  # pre-2016 accounts have short ids, later ones are 64-bit snowflakes
        account_id = str(r.randrange(10**7, 3 * 10**9) if old else r.randrange(7 * 10**17, 19 * 10**17))
    ids.add(account_id)
    return Twitter(account_id, twitter_handle(r, p, handles), twitter_display(r, p),
                   *follow_edges(r))


def follow_edges(r: random.Random) -> tuple[bool, bool]:
    follows_me, followed = r.random() < 0.8, r.random() < 0.7
    return follows_me, followed or not follows_me


def twitter_handle(r: random.Random, p, taken: set[str]) -> str:
    first, last = slugify(transliterate(p.first), ""), slugify(transliterate(p.last), "")
    styles = (f"{first}_{last[:1]}", f"{first[:1]}{last}", f"{first[:4]}{last[:3]}", f"{first}{last}",
              f"{first[:1]}{last}{r.randrange(70, 100)}", f"{r.choice(HANDLE_WORDS)}{r.randrange(1, 1000)}")
    handle = r.choices(styles, (20, 20, 12, 20, 15, 13))[0][:15]
    if r.random() < 0.15:
        handle = handle[:1].upper() + handle[1:]
    base, n = handle[:12], 1
    while handle.lower() in taken:
        n += 1
        handle = f"{base}{n}"
    taken.add(handle.lower())
    return handle


def twitter_display(r: random.Random, p) -> str:
    roll = r.random() if p.variants else 0.0
    if roll < 0.55:
        return p.plain
    if roll < 0.65:
        return p.first
    if roll < 0.75:
        return f"{r.choice(NICKNAMES.get(p.first, (p.first,)))} {r.choice(('🚲', '🌿', '📊', '⛵'))}"
    if roll < 0.9:
        motto = r.choice(NOT_A_NAME)  # drawn for the name typed without spaces too: the rest of the network stays
        if roll < 0.85:
            return motto
        # typed without spaces, each word capitalised, cut at the field's 15 characters
        return "".join(word[:1].upper() + word[1:] for word in p.plain.split())[:15]
    return f"{p.plain} {r.choice(('(she/her)' if p.female else '(he/him)', '🇪🇺', '| data'))}"


def latin1(text: str) -> str:
    """What fits ISO-8859-1 stays; other letters lose their accents (Łukasz → Lukasz) [U: XING's handling]."""
    out = []
    for c in text:
        try:
            c.encode("latin-1")
            out.append(c)
        except UnicodeEncodeError:
            out.append(slugify(c, "") if c.isalpha() and slugify(c, "") else "")
    return "".join(out).replace("  ", " ")


def xing_account(r: random.Random, p, fn_only: set[str]) -> Xing:
    """The formal name with its title, in Latin-1; UID on most cards, the business e-mail on many."""
    given, family = latin1(" ".join(filter(None, (p.first, p.middle)))), latin1(p.last)
    fn = " ".join(filter(None, (p.title, given, family)))
    uid = str(uuid.UUID(int=r.getrandbits(128), version=4)) if r.random() < 0.9 else ""
    email = p.email if r.random() < 0.6 else ""
    if email and r.random() < 0.2:
        local, domain = email.split("@")
        email = f"{local.title()}@{domain.capitalize()}"  # typed with capitals; the ref is lowercased
    if not uid and not email and fn.casefold() in fn_only:
        uid = str(uuid.UUID(int=r.getrandbits(128), version=4))
    if not uid and not email:
        fn_only.add(fn.casefold())
    return Xing(fn, given, family, p.title, email, p.phone, uid, "2.1" if r.random() < 0.15 else "3.0")
