"""The offline journal: a CSV the owner keeps of meetings, calls, meals, letters and gifts.

Header ``date,name,email,phone,kind,note``; only ``date`` and ``name`` are required. Spreadsheets
save it with ``;`` separators, a BOM, or dates in their locale's style; all are accepted. Excel's "CSV (Comma
delimited)" saves it in the ANSI code page of the owner's Windows (cp1251 on a Russian one, cp1250 on a Polish or
Czech one, cp1253 Greek, cp1254 Turkish), decided for the file from its words and said in its note (``tabular``).

People keep it by hand, in their own words: its header in their language or with synonyms (``WORDS_FILE``), a column
of their own beside (a place, a Google Form's ``Timestamp``: not read, named in the file's note), tab-separated
(``.tsv``), kinds in their language (``WORDS_FILE``), and dates as their spreadsheet saves them (a day number such as
``45822``, ``14-Jun-25``: ``dates``).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from pathlib import Path

from ..models import Account, Interaction, MemberNote, Record
from ..normalise import normalise_email, normalise_name
from .archive import Export
from .base import parse_column_date, records_from_rows, require
from .dates import DAY_FIRST, Order, decide_order, read_datetime, spreadsheet_serial
from .tabular import Row, canonical, encoding_of, head_rows, read_as, read_rows
from .workbook import is_workbook

NAME = "journal"
REQUIRED = ("date", "name")
COLUMNS = ("date", "name", "email", "phone", "kind", "note")
SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
# The words people write for the journal's columns and kinds in eight languages, and the words of a message
WORDS_FILE = Path(__file__).parents[1] / "data" / "journal_words.csv"

# A sheet of the journal's workbook without its header (the owner's notes, a pivot table): not read, and said so
OTHER_SHEET = "a sheet of the journal's workbook without the journal's header (date, name, …): not read"

# The mode of each journal kind: an "event" is a gathering the owner attended in person.
MODES = {"meeting": "in_person", "call": "call", "meal": "meal", "event": "in_person", "letter": "letter",
         "gift": "gift", "other": "other"}
# "video" begins the word for a video call in German, Spanish and Dutch ("Videoanruf", "videollamada")
_VIDEO = re.compile(r"\b(video\w*|zoom|teams|meet|webex|skype|facetime|jitsi|whereby)\b", re.I)

# Written where a kind goes, a message word ("text", "e-mail", "WhatsApp") says the owner wrote, not met: the journal
# is of contact off the networks, and a message is no such contact (counted as one, its person would never be flagged
# as never met). Refused, saying so.
MESSAGE = "kind: a message (text, e-mail, chat) is no offline contact"


def _word(text: str) -> str:
    """A header or kind word as matched: no case, accents, dashes or spaces ("Rendez-vous" is "rendezvous")."""
    letters = unicodedata.normalize("NFKD", canonical(text).replace("ł", "l"))
    return "".join(c for c in letters if not unicodedata.combining(c) and c not in _JOINERS)


_JOINERS = frozenset(" -.'’")  # only these: a UTF-16 file without a BOM ("d\0a\0t\0e") is no header


def _words() -> dict[str, dict[str, str]]:
    """``WORDS_FILE`` read once: of each table (column, kind, message), each word as matched (``_word``) → its key."""
    tables: dict[str, dict[str, str]] = {}
    with WORDS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            tables.setdefault(row["table"], {}).update(dict.fromkeys(map(_word, row["words"].split("|")), row["key"]))
    return tables


_WORDS = _words()
_COLUMN_OF = _WORDS["column"]


def names_a_date(column: str) -> bool:
    """A header's column the journal reads as its date, in any of its languages ("Datum", "fecha")."""
    return _COLUMN_OF.get(_word(column)) == "date"


_KIND_OF = _WORDS["kind"] | {"": "other"}
_MESSAGE_WORDS = set(_WORDS["message"])


# A journal kept beside a calendar export in one folder ("offline/": calendar.ics and journal.csv) is that folder's
# file of its own: the calendar reads the rest (sources.split_export).
SHARED_ARCHIVE = True


def detect(export: Export) -> bool:
    """A single CSV or TSV whose header is the journal's (``_columns``): the file given alone, or the one
    file of a folder's part (``Export.view``) that holds it; or a workbook whose sheets hold it (``_sheets``). A
    folder of nothing but the journal stays a folder whose file is found on its own, as it always was (its export
    keeps its name)."""
    members = export.members()
    if export.kind != "file" and export.label is None:
        return False
    if _workbook_of(members):
        return bool(_journal_sheets(export, members))
    if len(members) != 1 or not members[0].lower().endswith(SUFFIXES):
        return False
    return _header(export, members[0]) is not None


def _workbook_of(members: list[str]) -> str | None:
    """The workbook whose sheets the members are (``archive``: ``journal.xlsx/2025.csv``), if they are one's."""
    books = {member.rsplit("/", 1)[0] for member in members if "/" in member}
    book = next(iter(books)) if len(books) == 1 else None
    return book if book and is_workbook(book) and all(m.startswith(f"{book}/") for m in members) else None


def _journal_sheets(export: Export, members: list[str]) -> list[str]:
    """The sheets of a workbook with the journal's header: the owner may keep a sheet a year."""
    return [member for member in members if _header(export, member) is not None]


def _header(export: Export, member: str) -> tuple[list[str], dict[str, str]] | None:
    """The header row within the first lines that is the journal's: its names, and each name that is a
    journal column with that column."""
    for row in head_rows(export, member):
        names = [canonical(cell) for cell in row]
        columns = _columns(names)
        if columns is not None:
            return names, columns
    return None


def _columns(names: list[str]) -> dict[str, str] | None:
    """The journal columns of a header, in any order and any words of ``WORDS_FILE``; None when it is no journal's.
    It holds a date and a name; any column of the owner's own stands beside three of the journal's at least, and
    fewer than them ("date,name,amount" is no journal: a bank's or a shop's list is not claimed)."""
    columns: dict[str, str] = {}
    for name in names:
        column = _COLUMN_OF.get(_word(name))
        if column and column not in columns.values():
            columns[name] = column
    others = sum(1 for name in names if name and name not in columns)
    if not set(REQUIRED) <= set(columns.values()):
        return None
    if others and (len(columns) < 3 or others >= len(columns)):
        return None
    return columns


def own_columns(export: Export) -> list[str] | None:
    """The columns of its own a single CSV holds beside the journal's date and name, when they are why it is no
    journal (``_columns``): "date,name,what" was "not a recognised export", nothing said of the header."""
    members = export.members()
    if len(members) != 1 or not members[0].lower().endswith(SUFFIXES):
        return None
    for row in head_rows(export, members[0]):
        names = [canonical(cell) for cell in row]
        known = {name for name in names if _COLUMN_OF.get(_word(name))}
        if set(REQUIRED) <= {_COLUMN_OF[_word(name)] for name in known} and _columns(names) is None:
            return [cell.strip() for cell, name in zip(row, names) if name and name not in known]  # as written
    return None


def parse(export: Export) -> Iterator[Record]:
    members = export.members()
    if not _workbook_of(members):
        yield from _parse_file(export, members[0])
        return
    journal = _journal_sheets(export, members)
    for member in members:
        if member in journal:
            yield from _parse_file(export, member)
        else:
            yield MemberNote(member=member, line=0, handling="unknown", note=OTHER_SHEET)


def _parse_file(export: Export, member: str) -> Iterator[Record]:
    names, columns = _header(export, member) or ([], {})
    encoding = encoding_of(export, member)
    order = _date_order(_rows(export, member, columns, encoding))
    parse_row = partial(_entry, member=member, day_first=order.day_first)
    note = "; ".join(filter(None, (order.note, _others_note(names, columns), read_as(encoding))))
    yield from records_from_rows(member, _rows(export, member, columns, encoding), parse_row, note=note)


def _rows(export: Export, member: str, columns: dict[str, str], encoding: str) -> Iterator[Row]:
    """The rows with their values under the journal's column names, whatever the header calls them."""
    required = [name for name, column in columns.items() if column in REQUIRED]
    for row in read_rows(export, member, required, encoding=encoding):
        values = {column: row.values.get(name, "") for name, column in columns.items()}
        yield Row(row.line, values, row.raw, row.problem)


def _others_note(names: list[str], columns: dict[str, str]) -> str:
    """For the file's note, the owner's own columns, not read ("location", a form's "timestamp")."""
    others = [name for name in names if name and name not in columns]
    return f"columns not the journal's, not read: {', '.join(others)}" if others else ""


def _date_order(rows: Iterator[Row]) -> Order:
    """Day and month order of slashed dates ("03/04/2025"), decided for the whole file: one file is
    written by one spreadsheet in one order. With no value to prove it, day first, the order of most
    of the world's spreadsheets. Dotted dates ("14.06.2025") are day first everywhere."""
    return decide_order((row.get("date") for row in rows), DAY_FIRST)


def _read_date(text: str | None, day_first: bool) -> datetime | None:
    """A date as written, or as the spreadsheet's day number a date cell formatted as a number saves
    ("45822": a column of dates only, so a number there is a day)."""
    return spreadsheet_serial(text) or read_datetime(text, day_first=day_first)


def _entry(row: Row, *, member: str, day_first: bool) -> list[Record]:
    occurred_at = require(parse_column_date(row, "date", partial(_read_date, day_first=day_first)), "date")
    name = require(row.get("name"), "name")
    kind = _kind(row.get("kind") or "")
    email = normalise_email(row.get("email"))
    account = Account(member=member, line=row.line, platform=NAME, account_ref=email or normalise_name(name) or name,
                      display_name=name, email=email, phone=row.get("phone"))
    return [account, Interaction(member=member, line=row.line, platform=NAME, account_ref=account.account_ref,
                                 kind=kind, direction="mutual", occurred_at=occurred_at, is_offline=True,
                                 mode=_mode(kind, row))]


def _kind(written: str) -> str:
    """The journal kind of what is written in the kind column, in any language of ``WORDS_FILE``; a video-call
    service ("Zoom", "Teams") is a call. A message is refused (``_MESSAGE_WORDS``), as is a word not known."""
    word = _word(written)
    if word in _KIND_OF:
        return _KIND_OF[word]
    if _VIDEO.search(written):
        return "call"
    if word in _MESSAGE_WORDS:
        raise ValueError(MESSAGE)
    raise ValueError(f"kind: not one of {', '.join(MODES)}")


def _mode(kind: str, row: Row) -> str:
    """A call written as "video" (in the kind or the note) was a video call."""
    written = f"{row.get('kind') or ''} {row.get('note') or ''}"
    return "video" if kind == "call" and _VIDEO.search(written) else MODES[kind]
