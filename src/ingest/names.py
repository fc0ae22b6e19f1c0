"""Comparison keys for people's names as they are written on platforms, in journals and calendars.

One name gives several keys, so that the ways people write the same name meet on one of them:
transliteration both ways (Müller, Mueller, Muller; Straße, Strasse; Łukasz, Lukasz), nicknames
(Bob for Robert, Kathi for Katharina: ``data/nicknames.csv``, extendable with ``UNSOCIAL_NICKNAMES``),
"Last, First", titles and credentials dropped (``normalise_name``), initials ("Anna M.") and a
first name alone.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from .normalise import normalise_name

NICKNAMES_FILE = Path(__file__).parent / "data" / "nicknames.csv"
FAMILY_FIRST_FILE = Path(__file__).parent / "data" / "family_first.csv"
# An English short form of more full names than this says too little to read it as any of them ("al").
MAX_PACKAGE_READINGS = 4
# German transliteration first (ä → ae), then whatever accents remain are dropped (é → e).
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Letters that NFKD does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ı": "i", "þ": "th"})


def _strip_accents(text: str) -> str:
    text = text.translate(_LETTERS)
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 18)
def spellings(text: str) -> frozenset[str]:
    """The ASCII spellings of a (normalised) name: "müller" → {"mueller", "muller"}."""
    return frozenset({ascii_spelling(text), _strip_accents(text)})


def ascii_spelling(text: str) -> str:
    """A name as a German writes it without umlauts, other accents dropped: "jürgen" → "juergen", "josé" → "jose"."""
    return _strip_accents(text.translate(_GERMAN))


@lru_cache(maxsize=1)
def nickname_table() -> dict[str, frozenset[str]]:
    """Short or full given name → the full names it stands for (ASCII spellings)."""
    table: dict[str, set[str]] = {}
    for path in filter(None, (NICKNAMES_FILE, os.environ.get("UNSOCIAL_NICKNAMES"))):
        with Path(path).open(encoding="utf-8") as handle:
            rows = csv.DictReader(line for line in handle if not line.startswith("#"))
            for row in rows:
                full = _strip_accents(row["name"].strip().casefold())
                for nick in [full, *filter(None, (n.strip().casefold() for n in row["nicknames"].split(";")))]:
                    for spelling in spellings(nick):
                        table.setdefault(spelling, set()).add(full)
    for nick, fulls in _package_nicknames().items():
        for spelling in spellings(nick):
            table.setdefault(spelling, set()).update(fulls)
    return {name: frozenset(fulls) for name, fulls in table.items()}


def _package_nicknames() -> dict[str, set[str]]:
    """English short forms from the maintained ``nicknames`` package (when installed): nickname → full names,
    without the short forms that stand for too many names to say which."""
    try:
        from nicknames import name_triplets
    except ImportError:  # pragma: no cover - a dependency, absent only in a broken install
        return {}
    fulls: dict[str, set[str]] = {}
    for triplet in name_triplets():
        if triplet.relationship == "has_nickname":
            fulls.setdefault(triplet.name2, set()).add(triplet.name1)
    return {nick: names | {nick} for nick, names in fulls.items() if len(names) <= MAX_PACKAGE_READINGS}


@lru_cache(maxsize=1)
def family_first_names() -> frozenset[str]:
    """Family names of cultures that write the family name first (Vietnamese, Hungarian, Chinese, Korean):
    "Trần Xuân Hùng" is "Hùng Trần" where given names come first."""
    with FAMILY_FIRST_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return frozenset(s for row in rows for s in spellings(row["family_name"].strip().casefold()))


@lru_cache(maxsize=1 << 18)
def given_names(first: str) -> frozenset[str]:
    """A given name and every full name it may be short for: "bob" → {"bob", "robert"}."""
    table = nickname_table()
    return frozenset(s for spelling in spellings(first) for s in (spelling, *table.get(spelling, ())))


def company_spelling(company: str | None) -> str:
    """A company as the resolver compares it: case, spacing and accents aside. XING shows what its member typed,
    often without them: "Bogaz Yazilim A.s." is LinkedIn's "Boğaz Yazılım A.Ş.", "Wislok Tech" is "Wisłok Tech"."""
    return _strip_accents(" ".join((company or "").casefold().split()))


# Words of a family name that are not a middle name: "Greta van der Berg" is not "Greta Berg".
PARTICLES = frozenset("van von der den de del della di da dos du la le ten ter zu zur y".split())


@lru_cache(maxsize=1 << 18)
def full_name_keys(name: str | None) -> frozenset[str]:
    """Keys of a full name (two or more words): every given-name reading × every spelling of the rest.

    The rest is also read without middle names ("Jessica Ute Rotter" is "Jessica Rotter" elsewhere)
    and a double name by either half ("Anna Weber-Schmidt": "Anna Weber", "Anna Schmidt"), the two
    ways the same person's name most often differs between platforms.
    """
    tokens = (normalise_name(name) or "").split()
    if len(tokens) < 2:
        return frozenset()
    if tokens[0] in family_first_names() or _strip_accents(tokens[0]) in family_first_names():
        # family name first: read also given-name first, the given name being the last word
        return _keys([tokens[-1], *tokens[1:-1], tokens[0]]) | _keys(tokens)
    return _keys(tokens)


def turned(name: str | None) -> str | None:
    """A name of two or more words read the other way round: "Székely Imre" → "Imre Székely", "Nguyễn Phú Hồng"
    → "Hồng Phú Nguyễn": the family name first on one side, last on the other."""
    tokens = (name or "").split()
    return " ".join([tokens[-1], *tokens[1:-1], tokens[0]]) if len(tokens) >= 2 else None


def _keys(tokens: list[str]) -> frozenset[str]:
    rests = {" ".join(tokens[1:])}
    if len(tokens) >= 3:  # "Lotte Sanne van Driessche" → "van driessche"
        rests.add(" ".join([t for t in tokens[1:-1] if t in PARTICLES] + tokens[-1:]))
    if len(tokens) == 2 and "-" in tokens[1]:
        rests.update(part for part in tokens[1].split("-") if len(part) > 1)
    return frozenset(f"{first} {last}" for first in given_names(tokens[0]) for rest in rests
                     for last in spellings(rest))


@lru_cache(maxsize=1 << 18)
def initial_keys(name: str | None) -> frozenset[str]:
    """Keys a name is known by as "First L." (first name and the initial of the last)."""
    tokens = (normalise_name(name) or "").split()
    if len(tokens) < 2:
        return frozenset()
    return frozenset(f"{first} {last[0]}." for first in given_names(tokens[0]) for last in spellings(tokens[-1]))


@lru_cache(maxsize=1 << 18)
def first_name_keys(name: str | None) -> frozenset[str]:
    tokens = (normalise_name(name) or "").split()
    return frozenset(f"{first}" for first in given_names(tokens[0])) if tokens else frozenset()


def shape(name: str | None) -> str:
    """How much of a name is written: "full", "initial" ("Anna M.") or "first" (a given name alone)."""
    tokens = (normalise_name(name) or "").replace(".", " ").split()
    if len(tokens) == 1:
        return "first"
    return "initial" if len(tokens) == 2 and len(tokens[1]) == 1 else "full"


def slug_handle(profile_url: str | None) -> str | None:
    """The name a LinkedIn URL spells, as a handle: "thuy-vo-e8a1b47c" → "thuy_vo". LinkedIn adds a
    number to a taken name; the words before it are what the person chose, nearly always their name."""
    slug = unquote((profile_url or "").rstrip("/").rsplit("/in/", 1)[-1]) if "/in/" in (profile_url or "") else ""
    words = [w for w in _strip_accents(slug.casefold()).split("-") if w]
    while words and any(c.isdigit() for c in words[-1]):
        words.pop()
    return "_".join(words) if words and all(w.isalpha() for w in words) else None


# Local parts of e-mail addresses as people make them of their names ("s.gangl", "lisahirschmann",
# "b.hoermann"): an initial and a last name, or a first and a last name run together. Shorter runs are
# too often a nickname or a word.
MIN_RUN = 8


def address_keys(email: str | None) -> frozenset[str]:
    """What an address's local part says of a name: "s.gangl@…" → "gangl|s", "lisa.hirschmann@…" and
    "lisahirschmann@…" → "=lisahirschmann". An address with digits, or a single short word ("info", "anna"),
    says nothing of a name; role addresses never get here (calendar guests: ``not_a_person``)."""
    local = (email or "").partition("@")[0].split("+", 1)[0].casefold()
    if not local or not local.replace(".", "").replace("_", "").replace("-", "").isalpha():
        return frozenset()
    parts = [p for p in local.replace("_", ".").replace("-", ".").split(".") if p]
    keys = set()
    if len(parts) == 2 and len(parts[0]) == 1 and len(parts[1]) >= 3:
        keys.add(f"{parts[1]}|{parts[0]}")
    if len(parts) == 2 and min(map(len, parts)) >= 2 or len(parts) == 1 and len(parts[0]) >= MIN_RUN:
        keys.add("=" + "".join(parts))
    return frozenset(keys)


@lru_cache(maxsize=1 << 18)
def name_address_keys(name: str | None) -> frozenset[str]:
    """The ``address_keys`` a full name may be written as: "Sebastian Gangl" → "gangl|s", "=sebastiangangl"."""
    tokens = (normalise_name(name) or "").split()
    if len(tokens) < 2 or len(tokens[-1]) < 2:
        return frozenset()
    keys = set()
    for first in spellings(tokens[0]):
        for last in spellings(tokens[-1]):
            keys |= {f"{last}|{first[:1]}", f"={first}{last}"}
        keys |= {f"={first}{rest}" for rest in spellings("".join(tokens[1:]))}
    return frozenset(keys)
