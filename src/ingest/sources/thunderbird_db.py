"""Thunderbird's address books as it keeps them in the profile (Thunderbird 78 and later): ``abook.sqlite`` (the
Personal Address Book), ``abook-N.sqlite`` (each book added since) and ``history.sqlite`` (Collected Addresses), read
as address-book cards (``sources/addressbook.py``). Thunderbird before 78 kept them as Mork ``abook.mab``, which is
not read (``unrecognised.py`` says what to do).

The schema (comm-central ``mailnews/addrbook/modules/SQLiteDirectory.sys.mjs``; a real book of 772 cards,
Gilsoncalloni/BAT ``abook.sqlite``, ``PRAGMA user_version`` 2, page size 32 KiB)::

    cards (uid TEXT PRIMARY KEY, localId INTEGER)
    properties (card TEXT, name TEXT, value TEXT)     one row per property of a card, by the card's uid
    lists (uid, localId, name, nickName, description), list_cards (list, card)     mailing lists: no one

The legacy properties read are DisplayName, FirstName, LastName, NickName, PrimaryEmail, SecondEmail, the numbers
CellularNumber, HomePhone, WorkPhone (FaxNumber and PagerNumber too, which are no one's phone, as a vCard's), Company
and JobTitle. Since Thunderbird 102 a card is kept whole as a vCard in the ``_vCard`` property (the legacy ones
beside it are copies of a few of its values, for searching): that vCard is read when there is one.

Each card is made a vCard (vobject's) and read as one (``vcard.card_records``): the same accounts, numbers placed in
the book's region. The database is opened read-only (``immutable=1``: nothing is written, no journal looked for); a
member of a zip or tarball is copied to a temporary file first, refused past ``UNSOCIAL_MAX_ADDRESS_BOOK_BYTES``.
A book is told by its schema, written as text on the database's first page, whatever its name.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from ..models import MemberNote, Quarantined, Record, reason_of
from .archive import Export
from .local_copy import book_database
from .phone_regions import Placement, file_region, region_note
from .vcard import LEFT_OUT, MAX_BYTES as VCARD_BYTES, MAX_PROPERTIES, REGION_SAMPLE, card_records
from .vcard_fields import phone
from .zipcheck import limit_setting

DB_SUFFIX = ".sqlite"
MAX_BYTES = 512 << 20  # default of UNSOCIAL_MAX_ADDRESS_BOOK_BYTES: a book of 772 cards is 1.3 MB
EXCERPT_CHARS = 300
_MAGIC = b"SQLite format 3\x00"
# Both tables as SQLiteDirectory creates them: found on the first page, where SQLite keeps its schema
_SCHEMA = (re.compile(rb"CREATE TABLE cards\s*\(\s*uid\b", re.I), re.compile(rb"CREATE TABLE properties\s*\(\s*card\b",
                                                                              re.I))
# Thunderbird's "Collected Addresses" book: everyone the owner sent a message to (mail.collect_email_address_outgoing)
HISTORY = "history.sqlite"
HISTORY_NOTE = ("Thunderbird's Collected Addresses (history.sqlite): people the owner wrote to, not necessarily "
                "contacts")
BOOK_NOTE = "cards of a Thunderbird address book"
LISTS_NOTE = "mailing lists (no one)"
_VCARD = "_vCard"
_TEL = re.compile(r"^(?:item\d+\.)?TEL[^:\r\n]*:(.*?)\r?$", re.I | re.M)
# What each legacy property is on a vCard; FaxNumber and PagerNumber become TEL;TYPE=FAX/PAGER, which no one is
# reached on (``vcard_fields.phone_numbers`` leaves them out), as Thunderbird's own vCard export writes them.
_TEXTS = {"DisplayName": "fn", "NickName": "nickname", "PrimaryEmail": "email", "SecondEmail": "email",
          "JobTitle": "title"}
_NUMBERS = {"CellularNumber": "CELL", "HomePhone": "HOME", "WorkPhone": "WORK", "FaxNumber": "FAX",
            "PagerNumber": "PAGER"}
# How a reason names what a card lacks: Thunderbird's names, not the vCard's
_VCARD_NAMES = "FN, N, EMAIL, TEL"
_CARD_NAMES = "DisplayName, FirstName, LastName, PrimaryEmail, …Number"


class NotThunderbirdError(ValueError):
    """A database that cannot be read, or is not Thunderbird's: what the file's note says."""


def thunderbird_members(export: Export) -> list[str]:
    """Members named .sqlite that are Thunderbird address books (told by their schema)."""
    return [m for m in export.members()
            if m.lower().endswith(DB_SUFFIX) and is_thunderbird_book(first_page(export, m))]


def is_thunderbird_book(head: bytes) -> bool:
    """An SQLite database whose first page creates the tables ``cards`` and ``properties`` as Thunderbird does;
    ``head``: at least the first 4 KiB (``first_page`` reads the whole page)."""
    return head.startswith(_MAGIC) and all(pattern.search(head) for pattern in _SCHEMA)


def first_page(export: Export, member: str) -> bytes:
    """The database's first page (its size is written at offset 16; 1 means 64 KiB), where the schema is."""
    head = export.head(member, 100)
    size = int.from_bytes(head[16:18], "big") if head.startswith(_MAGIC) else 0
    return export.head(member, 65536 if size == 1 else max(size, 4096))


def parse_member(export: Export, member: str,
                 to_records: Callable[[str, int, object], list[Record]]) -> Iterator[Record]:
    """Records of every card of one book (``to_records`` makes them from a card, as from a vCard), and a note with the
    count read; mailing lists counted in it. A database that cannot be read, or is another program's, is a note
    saying why (``unknown``), never an error stopping the other books."""
    try:
        cards, lists = _read(export, member)
    except NotThunderbirdError as exc:
        yield MemberNote(member=member, line=0, handling="unknown", note=str(exc))
        return
    read, left_out, placed = 0, Counter(), Counter()
    region = file_region([n for _, props in cards[:REGION_SAMPLE] for n in _numbers(props)])
    for line, props in cards:
        records = _records(member, line, props, to_records, region, placed)
        if records in LEFT_OUT:
            left_out[records] += 1
            continue
        read += 1
        yield from records
    left_out.update({LISTS_NOTE: lists} if lists else {})
    yield _note(member, read, left_out, region, placed)


def _note(member: str, read: int, left_out: Counter, region: Placement | None, placed: Counter) -> MemberNote:
    note = HISTORY_NOTE if member.rsplit("/", 1)[-1].lower() == HISTORY else BOOK_NOTE
    note += f"; {region_note(region, placed)}" if region else ""
    note += "".join(f"; {kind}: {count}" for kind, count in left_out.items())
    return MemberNote(member=member, line=0, handling="parsed" if read else "no_people", note=note, records_read=read)


def _records(member: str, line: int, props: list[tuple[str, str]],
             to_records: Callable[[str, int, object], list[Record]], region: Placement | None,
             placed: Counter) -> list[Record] | str:
    """The records of one card, its quarantine, or why it is left out (``vcard.LEFT_OUT``)."""
    try:
        limit = limit_setting("UNSOCIAL_MAX_VCARD_PROPERTIES", MAX_PROPERTIES)
        if len(props) > limit:
            raise ValueError(f"Thunderbird card: more than {limit} properties (limit UNSOCIAL_MAX_VCARD_PROPERTIES)")
        return card_records(member, line, _card(props), to_records, region, placed)
    except ValueError as exc:
        reason = reason_of(exc).replace(_VCARD_NAMES, _CARD_NAMES)
        return [Quarantined(member=member, line=line, reason=reason, excerpt=_excerpt(props))]


def _excerpt(props: list[tuple[str, str]]) -> str:
    return "\n".join(f"{name}: {value}" for name, value in props if name != _VCARD)[:EXCERPT_CHARS]


def _numbers(props: list[tuple[str, str]]) -> Iterator[str]:
    """The card's numbers, of its legacy properties and of its own vCard's TEL lines."""
    values = [v for name, v in props if name in _NUMBERS]
    values += [v for name, text in props if name == _VCARD for v in _TEL.findall(text)]
    return (number for value in values if (number := phone(value)))


# --- the database ----------------------------------------------------------------------------------------------------

def _read(export: Export, member: str) -> tuple[list[tuple[int, list[tuple[str, str]]]], int]:
    """Each card's (line: its localId, else its place, and its properties in their order) and the number of mailing
    lists. ``NotThunderbirdError`` when the database cannot be read or is not Thunderbird's."""
    limit = limit_setting("UNSOCIAL_MAX_ADDRESS_BOOK_BYTES", MAX_BYTES)
    with book_database(export, member, "a Thunderbird address book", NotThunderbirdError, limit) as con:
        _check_schema(con)
        return _cards(con), _count_lists(con)


def _check_schema(con: sqlite3.Connection) -> None:
    columns = {(table, column) for table, column in con.execute(
        "select m.name, p.name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'")}
    needed = {("cards", "uid"), ("properties", "card"), ("properties", "name"), ("properties", "value")}
    if not needed <= columns:
        raise NotThunderbirdError("an SQLite database, but not a Thunderbird address book (no cards and properties "
                                  "tables): not read")


def _cards(con: sqlite3.Connection) -> list[tuple[int, list[tuple[str, str]]]]:
    props: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for card, name, value in con.execute("select card, name, value from properties order by rowid"):
        if isinstance(name, str) and value is not None and str(value).strip():
            props[card].append((name, str(value)))
    local_id = "localId" if _has_column(con, "cards", "localId") else "null"
    rows = con.execute(f"select uid, {local_id} from cards order by {local_id}, rowid").fetchall()
    return [(lid if isinstance(lid, int) and lid > 0 else place, [("uid", str(uid)), *props.get(uid, [])])
            for place, (uid, lid) in enumerate(rows, start=1)]


def _has_column(con: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in con.execute(f"pragma table_info({table})"))


def _count_lists(con: sqlite3.Connection) -> int:
    if not con.execute("select 1 from sqlite_master where type = 'table' and name = 'lists'").fetchone():
        return 0
    return con.execute("select count(*) from lists").fetchone()[0]


# --- a card as a vCard -----------------------------------------------------------------------------------------------

def _card(props: list[tuple[str, str]]):
    """The card as a vCard (vobject's): its own vCard (Thunderbird 102 and later) when it has one that can be read,
    else made of its legacy properties. The card's uid is its UID, as in the vCard Thunderbird exports."""
    values = dict(reversed(props))  # the first value of each name
    card = _own_vcard(values.get(_VCARD)) or _legacy_card(props)
    if "uid" not in card.contents:
        card.add("uid").value = values["uid"]
    return card


def _own_vcard(text: str | None):
    """The card's own vCard, held to the limits of a vCard file's (``UNSOCIAL_MAX_VCARD_BYTES``, properties): past
    them (a property folded over four lines at most), or unreadable, None and the legacy properties are read."""
    if not text or len(text) > limit_setting("UNSOCIAL_MAX_VCARD_BYTES", VCARD_BYTES) \
            or text.count("\n") > limit_setting("UNSOCIAL_MAX_VCARD_PROPERTIES", MAX_PROPERTIES) * 4:
        return None
    import vobject

    try:
        return vobject.readOne(text)
    except Exception:  # noqa: BLE001 - vobject raises many kinds; the legacy properties are read in its place
        return None


def _legacy_card(props: list[tuple[str, str]]):
    import vobject  # here, where a card is read: telling a book from another file does without it

    card, names = vobject.vCard(), {}
    for name, value in props:
        value = value.strip()
        if name in ("FirstName", "LastName"):
            names.setdefault(name, value)
        elif name in _NUMBERS:
            _add(card, "tel", value, _NUMBERS[name])
        elif name == "Company":
            _add(card, "org", [value])
        elif prop := _TEXTS.get(name):
            _add(card, prop, value)
    if names:
        card.add("n").value = vobject.vcard.Name(family=names.get("LastName", ""), given=names.get("FirstName", ""))
    return card


def _add(card, name: str, value, kind: str | None = None) -> None:
    line = card.add(name)
    line.value = value
    if kind:
        line.params["TYPE"] = [kind]
