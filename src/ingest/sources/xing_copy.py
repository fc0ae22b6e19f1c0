"""XING's GDPR data copy ("Datenauskunft"): contacts and messages from the CSV files under ``data/`` (formats.md §4).

[U] Documented by one parser written against a real export, not sampled: skoelle/chat-archive
``api/app/parsers/xing.py`` (2026; its comments count "11 empty conversations" and "71 contacts without
confirmation date" of the author's own copy). No published copy was found; the fixture
``xing/gdpr-datenauskunft-2026`` is invented to that description. As that parser says:

- The copy is an HTML bundle with CSV files under ``data/``. The HTML pages are not described: not read.
- ``data/network-inquiry/files/<hash>.csv``, with a header: the contacts ``"Name","Kontakt bestätigt am"``
  (some dates empty) and the owner's notes on people ``"Name","Erstellt am","Text der Notiz"``, which
  "contains a row named like the archive owner". The notes are read for the people they name (``_noted``).
- ``data/messages-backend/files/<hash>.csv``, no header, 6 columns: a conversation row
  ``Betreff, Zeitstempel, "Teilnehmer1,Teilnehmer2", "", "", ""`` starts a block of message rows
  ``"", "", "", Absender, Zeitstempel, Inhalt``. Contents span lines (quoted) and some are HTML
  (event invitations, newsletters). Some conversations have no message.
- Times ``2014-06-19 06:32:37 UTC``; clean UTF-8; German headers (whether an English account gets
  English ones is unknown). People by display name only: no id, e-mail or URL. So an account_ref is
  the name as written, as for a vCard with neither UID nor e-mail (design.md: "else the FN").

Files are known by folder and content together, never by the export's name. Nothing says who the
owner is: the one name on every participant list, else the most frequent sender (``find_owner``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePosixPath

from ..columns import Columns
from ..models import GROUP_REF, Account, Interaction, MemberNote, Recipient, Record
from .archive import Export
from .base import parse_column_date, records_from_rows, require
from .dates import read_instant
from .tabular import Row, bounded_lines, canonical, decode_head, read_rows

NAME = "xing"
_FOLDERS = {"network-inquiry": re.compile(r"(?:^|/)data/network-inquiry/(?:[^/]+/)*[^/]+\.csv$", re.I),
            "messages-backend": re.compile(r"(?:^|/)data/messages-backend/(?:[^/]+/)*[^/]+\.csv$", re.I)}
HEADERS = {"contacts": ("Name", "Kontakt bestätigt am"), "notes": ("Name", "Erstellt am", "Text der Notiz")}
CONFIRMED = canonical(HEADERS["contacts"][1])
MESSAGE_COLUMNS = ("Absender", "Zeitstempel", "Inhalt")  # cells 3-5 of a message row, as Row columns
OWNER_UNKNOWN = ("Absender: cannot tell the owner's messages apart (no name is on every conversation, and "
                 "several send the most messages)")
OWNER_ROW = "Name: the owner's own name (found from the messages): no counterpart"
NOBODY_ELSE = ("no one besides the owner in this conversation (XING leaves deactivated members out of the "
               "participant list, and no one else wrote)")
NOTES_NOTE = "the owner's notes on people: the people only (a note is no interaction; its text not kept)"
NOTE_TEXT = canonical(HEADERS["notes"][2])
NOTED_UNSURE = ("Name: not among the contacts, and the owner is unknown (no messages to tell them by): the notes "
                "hold a row of the owner's own, so this may be the owner")
_HTML = re.compile(r"\s*<[a-zA-Z!]")


@dataclass(frozen=True)
class Owner:
    name: str | None
    how: str  # for the messages file's note; names nobody
    # each messages file's conversations and those without messages, counted on the way (for its note)
    conversations: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class Conversation:
    """One block of a messages file: its conversation row, and the senders of its message rows."""

    line: int
    participants: tuple[str, ...]
    senders: set[str] = field(default_factory=set)
    rows: list[Row] = field(default_factory=list)
    listed_at: int | None = None  # the line where its members were listed for the owner's messages to the group


# --- which file is which -------------------------------------------------------------------------

def kinds(export: Export) -> dict[str, str]:
    """Members of a data copy read or known here: ``contacts``, ``notes`` or ``messages``."""
    found = {}
    for member in export.members():
        if _FOLDERS["network-inquiry"].search(member):
            kind = next((k for k, header in HEADERS.items() if _first_row(export, member) == header), None)
        elif _FOLDERS["messages-backend"].search(member):
            kind = "messages" if _row_kind(_first_row(export, member)) else None
        else:
            kind = None
        if kind:
            found[member] = kind
    return found


def detect(export: Export) -> bool:
    """A data copy holds a contacts, notes or messages file of XING's shape in its folder."""
    return bool(kinds(export))


def _first_row(export: Export, member: str) -> tuple[str, ...]:
    """The first row of a CSV of the copy; its lines may end in CR alone (saved again by Excel for Mac as "CSV
    (Macintosh)"), which the CSV reader refused with an error that stopped the whole run."""
    text = decode_head(export.head(member, 8192))
    try:
        row = next(csv.reader(io.StringIO(text, newline=None)), [])
    except csv.Error:  # a head cut inside a quoted field, or one that is no CSV at all: no row of XING's
        return ()
    return tuple(cell.replace("\ufeff", "") for cell in row)


def _row_kind(cells) -> str | None:
    # "A conversation row starts a new block": cells 0-2 filled (the subject may be empty), 3-5 empty; a
    # message row the other way round. Anything else, or another number of cells, is no row of this file.
    if len(cells) != 6:
        return None
    head, tail = any(c.strip() for c in cells[:3]), any(c.strip() for c in cells[3:])
    return "conversation" if head and not tail else "message" if tail and not head else None


def note_unread(member: str) -> MemberNote:
    """A file of the data copy not read here: its HTML pages, and files of no documented shape."""
    if PurePosixPath(member).suffix.lower() in (".html", ".htm"):
        return MemberNote(member=member, line=0, handling="ignored",
                          note="an HTML page of XING's data copy, its layout not documented: not read (the copy's "
                               "contacts and messages are read from its CSV files under data/)")
    return MemberNote(member=member, line=0, handling="unknown",
                      note="not a file of XING's data copy this version reads")


# --- the messages files: conversations, and who the owner is --------------------------------------

def conversations(export: Export, member: str) -> Iterator[Conversation]:
    """The blocks of a messages file. A row of no known shape comes with a ``problem`` in the block it is
    in; message rows before any conversation row in a block of line 0."""
    current = Conversation(0, ())
    for line, cells, problem in _cells(export, member):
        kind = None if problem else _row_kind(cells)
        if kind == "conversation":
            if current.line or current.rows:
                yield current
            current = Conversation(line, tuple(p.strip() for p in cells[2].split(",") if p.strip()))
            continue
        if kind == "message" and current.line == 0:
            problem = "a message row before any conversation row (the file cut off at its start?)"
        elif kind is None and not problem:
            problem = (f"row has {len(cells)} fields, the header 6 (implied: these files have none)" if len(cells) != 6
                       else "neither a conversation row nor a message row")
        values = dict(zip(MESSAGE_COLUMNS, cells[3:])) if len(cells) == 6 else {}
        current.rows.append(Row(line, values, list(cells), problem))
        if not problem and values["Absender"].strip():
            current.senders.add(values["Absender"].strip())
    if current.line or current.rows:
        yield current


def _cells(export: Export, member: str) -> Iterator[tuple[int, list[str], str | None]]:
    """Each record with the line it starts on (a content spans lines); blank lines left out."""
    with export.open(member) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace", newline="")
        reader, end = csv.reader(bounded_lines(text, export, member, "check that this is the file XING sent")), 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # a field past tabular.MAX_FIELD, a NUL byte: the reader goes on
                yield end + 1, [], f"row: damaged, not readable as CSV ({str(exc).split(':')[0]})"
                cells = None
            start, end = end + 1, reader.line_num
            if cells and any(c.strip() for c in cells):
                yield start, cells, None


def find_owner(export: Export, found: dict[str, str]) -> Owner:
    """The one name on every participant list; else the one who sends the most messages; on a tie the one of
    them not among the contacts (nobody's own contact list holds them). None when still undecided."""
    lists, senders, counted = [], Counter(), {}
    for member in (m for m, kind in found.items() if kind == "messages"):
        sizes = []
        for conversation in conversations(export, member):
            lists += [set(conversation.participants)] if conversation.participants else []
            senders.update(r.values["Absender"].strip() for r in conversation.rows if not r.problem)
            sizes += [len(conversation.rows)] if conversation.line else []
        counted[member] = (len(sizes), sizes.count(0))
    senders.pop("", None)
    on_all = set.intersection(*lists) if lists else set()
    if len(on_all) == 1:
        return Owner(on_all.pop(), "the one name on every conversation", counted)
    pool = Counter({name: n for name, n in senders.items() if name in on_all}) if on_all else senders
    top = [name for name, n in pool.items() if n == max(pool.values())]
    if len(top) > 1:
        contacts = _contact_names(export, found)
        top = [name for name in top if name not in contacts] or top
    if len(top) == 1:
        return Owner(top[0], "the one who sends the most messages", counted)
    return Owner(None, "undecided: no name is on every conversation, and several send the most messages", counted)


def _contact_names(export: Export, found: dict[str, str]) -> set[str]:
    return {row.get("name") for member, kind in found.items() if kind == "contacts"
            for row in read_rows(export, member, HEADERS["contacts"])}


# --- rows → records --------------------------------------------------------------------------------

def parse_member(export: Export, member: str, kind: str, owner: Owner,
                 message_text: bool = False) -> Iterator[Record | Columns]:
    """Records of one file of the data copy, each row loaded or quarantined, and the file's note."""
    if kind == "notes":
        contacts = _contact_names(export, kinds(export)) if owner.name is None else set()
        yield from records_from_rows(member, map(_without_text, read_rows(export, member, HEADERS["notes"])),
                                     partial(_noted, member=member, owner=owner.name, contacts=contacts),
                                     note=NOTES_NOTE)
    elif kind == "contacts":
        yield from records_from_rows(member, read_rows(export, member, HEADERS["contacts"]),
                                     partial(_contact, member=member, owner=owner.name), note="contacts")
    else:
        yield from _messages(export, member, owner, message_text)


def _messages(export: Export, member: str, owner: Owner, keep_text: bool) -> Iterator[Record | Columns]:
    count, empty = owner.conversations.get(member, (0, 0))
    note = f"messages of {count} conversations ({empty} without messages); owner: {owner.how}"
    # records_from_rows takes each row before it asks for the next: ``current`` is the row's conversation
    current: list[Conversation] = []

    def rows() -> Iterator[Row]:
        for conversation in conversations(export, member):
            current[:] = [conversation]
            yield from conversation.rows

    parse_row = partial(_message, member=member, owner=owner.name, seen=set(), keep_text=keep_text,
                        conversation=lambda: current[0])
    yield from records_from_rows(member, rows(), parse_row, note=note, hidden=("Inhalt",))


def _contact(row: Row, *, member: str, owner: str | None) -> list[Record]:
    name = require(row.get("name"), "Name")
    if name == owner:
        raise ValueError(OWNER_ROW)
    # "71 contacts without confirmation date" in chat-archive's own copy: an empty date is no error
    confirmed = parse_column_date(row, CONFIRMED, lambda text: read_instant(text) if text else None)
    account = _account(member, row.line, name, connected_at=confirmed)
    if confirmed is None:
        return [account]
    return [account, Interaction(member=member, line=row.line, platform=NAME, account_ref=name, kind="connection",
                                 direction="mutual", occurred_at=confirmed)]


def _noted(row: Row, *, member: str, owner: str | None, contacts: set[str]) -> list[Record]:
    # The notes file: the person the owner wrote a note on, by name, as LinkedIn's Notes.csv is read; the note's
    # date is when the owner wrote it, no interaction. Its row "named like the archive owner" (chat-archive) is
    # the owner; with the owner unknown, only a name among the contacts is surely someone else.
    name = require(row.get("name"), "Name")
    if owner is None and name not in contacts:
        raise ValueError(NOTED_UNSURE)
    return [_account(member, row.line, name, is_owner=name == owner)]


def _without_text(row: Row) -> Row:
    """A notes row without the note: the owner's own words reach no record and no quarantine excerpt, also when
    a row has more fields than the header (a comma outside quotes) and the text is cut in several."""
    values = {column: value for column, value in row.values.items() if column != NOTE_TEXT}
    return Row(row.line, values, row.raw[:2] + ["…"] * (len(row.raw) > 2), row.problem)


def _message(row: Row, *, member: str, owner: str | None, seen: set, keep_text: bool, conversation) -> list[Record]:
    sender = require(row.get("Absender"), "Absender")
    sent_at = parse_column_date(row, "Zeitstempel", read_instant)
    if owner is None:
        raise ValueError(OWNER_UNKNOWN)
    block = conversation()
    # a list that holds only the owner has lost a deactivated member: the senders name them
    people = set(block.participants) | block.senders
    direction, counterparts = ("out", sorted(people - {owner})) if sender == owner else ("in", [sender])
    if not counterparts:
        raise ValueError(NOBODY_ELSE)
    text = _plain(row.get("Inhalt")) if keep_text else None
    records: list[Record] = []
    for name in [owner, *counterparts]:
        if name not in seen:  # one account per person and file
            seen.add(name)
            records.append(_account(member, row.line, name, is_owner=name == owner))
    message = partial(Interaction, member=member, line=row.line, platform=NAME, kind="message", direction=direction,
                      occurred_at=sent_at, is_group=len(people) > 2, message_text=text,
                      thread_ref=f"{PurePosixPath(member).stem}:{block.line}")
    if len(counterparts) == 1:
        return records + [message(account_ref=counterparts[0])]
    # the owner's message to a group: one row, its members listed once per conversation (``Recipient``), as a
    # Twitter group's are; a row per member and message let a 1 MB file of 300 members give six million rows
    if block.listed_at is None:
        block.listed_at = row.line
        records += [Recipient(member=member, line=row.line, platform=NAME, account_ref=name) for name in counterparts]
    return records + [message(account_ref=GROUP_REF, recipients_line=block.listed_at)]


def _account(member: str, line: int, name: str, **fields) -> Account:
    # the name is all there is: the account_ref as design.md has it for a vCard without UID and e-mail
    return Account(member=member, line=line, platform=NAME, account_ref=name, display_name=name, **fields)


def _plain(content: str | None) -> str | None:
    """A message's text; XING stored some (event invitations, newsletters) as HTML: its text without tags."""
    if not content or not _HTML.match(content):
        return content
    from bs4 import BeautifulSoup  # only when the owner keeps texts and a message is HTML

    return BeautifulSoup(content, "lxml").get_text(" ", strip=True) or None
