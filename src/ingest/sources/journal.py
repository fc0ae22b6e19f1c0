"""The offline journal: a CSV the owner keeps of meetings, calls, meals, letters and gifts.

Header ``date,name,email,phone,kind,note``; only ``date`` and ``name`` are required. Spreadsheets
save it with ``;`` separators, a BOM, or dates in their locale's style; all are accepted. Excel's "CSV (Comma
delimited)" saves it in the ANSI code page of the owner's Windows (cp1251 on a Russian one, cp1250 on a Polish or
Czech one, cp1253 Greek, cp1254 Turkish), decided for the file from its words and said in its note (``tabular``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from ..models import Account, Interaction, Record
from ..normalise import normalise_email, normalise_name
from .archive import Export
from .base import parse_column_date, records_from_rows, require
from .dates import DAY_FIRST, Order, decide_order, read_datetime
from .tabular import Row, encoding_of, header_of, read_as, read_rows

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


# A journal kept beside a calendar export in one folder ("offline/": calendar.ics and journal.csv) is that folder's
# file of its own: the calendar reads the rest (sources.split_export).
SHARED_ARCHIVE = True


def detect(export: Export) -> bool:
    """A single CSV whose header is the journal's (any order, a subset of its columns): the file given alone,
    or the one file of a folder's part (``Export.view``) that holds it. A folder of nothing but the journal
    stays a folder whose file is found on its own, as it always was (its export keeps its name)."""
    members = export.members()
    if export.kind != "file" and export.label is None:
        return False
    if len(members) != 1 or not members[0].lower().endswith((".csv", ".txt")):
        return False
    header = header_of(export, members[0], REQUIRED)
    return bool(header) and set(header) <= COLUMNS


def parse(export: Export) -> Iterator[Record]:
    member = export.members()[0]
    order = _date_order(export, member)
    parse_row = partial(_entry, member=member, day_first=order.day_first)
    encoding = encoding_of(export, member)
    note = "; ".join(filter(None, (order.note, read_as(encoding))))
    rows = read_rows(export, member, REQUIRED, encoding=encoding)
    yield from records_from_rows(member, rows, parse_row, note=note)


def _date_order(export: Export, member: str) -> Order:
    """Day and month order of slashed dates ("03/04/2025"), decided for the whole file: one file is
    written by one spreadsheet in one order. With no value to prove it, day first, the order of most
    of the world's spreadsheets. Dotted dates ("14.06.2025") are day first everywhere."""
    return decide_order((row.get("date") for row in read_rows(export, member, REQUIRED)), DAY_FIRST)


def _entry(row: Row, *, member: str, day_first: bool) -> list[Record]:
    occurred_at = require(parse_column_date(row, "date", partial(read_datetime, day_first=day_first)), "date")
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
