"""The offline journal: a CSV the owner keeps of meetings, calls, meals, letters and gifts.

Header ``date,name,email,phone,kind,note``; only ``date`` and ``name`` are required. Spreadsheets
save it with ``;`` separators, a BOM, Latin-1, or dates in their locale's style; all are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from ..archive import Export
from ..models import Account, Interaction, Record
from ..normalise import normalise_email, normalise_name, parse_datetime
from .base import parse_column_date, records_from_rows, require
from .tabular import Row, header_of, read_rows

NAME = "journal"
REQUIRED = ("date", "name")
COLUMNS = {"date", "name", "email", "phone", "kind", "note"}

# The mode of each journal kind: an "event" is a gathering the owner attended in person.
MODES = {"meeting": "in_person", "call": "call", "meal": "meal", "event": "in_person", "letter": "letter",
         "gift": "gift", "other": "other"}
_VIDEO = re.compile(r"\b(video|zoom|teams|meet|webex|skype|facetime|jitsi|whereby)\b", re.I)

# The journal's kinds and the words people write for them (English and German).
KINDS = {
    "meeting": ("meeting", "meet", "visit", "treffen", "besuch"),
    "call": ("call", "phone", "video", "video call", "anruf", "telefonat"),
    "meal": ("meal", "lunch", "dinner", "breakfast", "coffee", "essen", "mittagessen", "abendessen", "kaffee"),
    "event": ("event", "conference", "party", "veranstaltung", "konferenz"),
    "letter": ("letter", "card", "postcard", "brief", "karte"),
    "gift": ("gift", "present", "geschenk"),
    "other": ("other", "", "sonstiges"),
}
_KIND_OF = {word: kind for kind, words in KINDS.items() for word in words}

ISO = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")
DOTTED = ("%d.%m.%Y", "%d.%m.%y", "%d.%m.%Y %H:%M")  # German spreadsheets
WORDED = ("%d %m %Y", "%m %d, %Y", "%m %d %Y")          # "14 Jun 2025", "June 14, 2025"
DAY_FIRST = ("%d/%m/%Y", "%d/%m/%y", "%d/%m/%Y %H:%M")
MONTH_FIRST = ("%m/%d/%Y", "%m/%d/%y", "%m/%d/%Y %H:%M", "%m/%d/%y, %I:%M %p")


def detect(export: Export) -> bool:
    """A single CSV whose header is the journal's (any order, a subset of its columns)."""
    if export.kind != "file" or not export.path.suffix.lower() in (".csv", ".txt"):
        return False
    header = header_of(export, export.members()[0], REQUIRED)
    return bool(header) and set(header) <= COLUMNS


def parse(export: Export) -> Iterator[Record]:
    member = export.members()[0]
    formats = ISO + DOTTED + WORDED + _slash_formats(export, member)
    parse_row = partial(_entry, member=member, formats=formats)
    yield from records_from_rows(member, read_rows(export, member, REQUIRED), parse_row)


def _slash_formats(export: Export, member: str) -> tuple[str, ...]:
    """Day/month order of slashed dates, decided for the whole file.

    "03/04/2025" is ambiguous alone; a file written by one spreadsheet uses one order, so any
    date with a first part over 12 means day first, a second part over 12 month first. With no
    such evidence, day first (the order of most of the world's spreadsheets).
    """
    for row in read_rows(export, member, REQUIRED):
        match = re.match(r"\s*(\d{1,2})/(\d{1,2})/", row.get("date") or "")
        if match and int(match.group(2)) > 12:
            return MONTH_FIRST
        if match and int(match.group(1)) > 12:
            return DAY_FIRST
    return DAY_FIRST


def _entry(row: Row, *, member: str, formats: tuple[str, ...]) -> list[Record]:
    occurred_at = require(parse_column_date(row, "date", partial(parse_datetime, formats=formats)), "date")
    name = require(row.get("name"), "name")
    kind = _KIND_OF.get(" ".join((row.get("kind") or "").casefold().split()))
    if kind is None:
        raise ValueError(f"kind: not one of {', '.join(KINDS)}")
    email = normalise_email(row.get("email"))
    account = Account(member=member, line=row.line, platform=NAME, account_ref=email or normalise_name(name) or name,
                      display_name=name, email=email, phone=row.get("phone"))
    return [account, Interaction(member=member, line=row.line, platform=NAME, account_ref=account.account_ref,
                                 kind=kind, direction="mutual", occurred_at=occurred_at, is_offline=True,
                                 mode=_mode(kind, row))]


def _mode(kind: str, row: Row) -> str:
    """A call written as "video" (in the kind or the note) was a video call."""
    written = f"{row.get('kind') or ''} {row.get('note') or ''}"
    return "video" if kind == "call" and _VIDEO.search(written) else MODES[kind]
