"""Phones' own address books (SQLite), as copied off the phone or out of its backup, read as address-book cards
(``sources/addressbook.py``), each contact made a vCard and read as one (``vcard.card_records``), as Thunderbird's
books are (``thunderbird_db``).

iPhone: ``AddressBook.sqlitedb`` (on the phone ``private/var/mobile/Library/AddressBook/``; in an iTunes/Finder
backup the file ``31bb7ba8914766d4ba40d6dfb6113c8b614be442``, in a ``31/`` folder since iOS 10: mvt-project/mvt
``ios/modules/mixed/contacts.py``; kacos2000/Queries ``AddressBook_sqlite.sql``)::

    ABPerson (ROWID, First, Last, Middle, Prefix, Suffix, Organization, JobTitle, Nickname, Kind, CreationDate …)
    ABMultiValue (UID, record_id → ABPerson.ROWID, property, identifier, label → ABMultiValueLabel.ROWID, value)
    ABMultiValueLabel (value)      "_$!<Mobile>!$_", "_$!<Home>!$_", "iPhone" or a label the owner typed

``property`` 3 is a phone number, 4 an e-mail address (5 a postal address, 22 a URL, 46 a social profile: not read).
Android: ``contacts2.db`` (``/data/data/com.android.providers.contacts/databases/``; AOSP ``ContactsDatabaseHelper``,
kacos2000/Queries ``contacts2.sql``)::

    raw_contacts (_id, contact_id, display_name, deleted, account_id …)   one per account a contact is kept in
    data (_id, raw_contact_id, mimetype_id, data1 … data15)               one row per name, number, address …
    mimetypes (_id, mimetype)      vnd.android.cursor.item/name (data1 display name, data2 given, data3 family),
                                   …/phone_v2 (data1 number, data2 type), …/email_v2 (data1), …/organization
                                   (data1 company, data4 title), …/nickname (data1)

Android before 7 kept the call log in the same file (table ``calls``, read by the call log: ``calls.call_db``); the
file is then read by both sources, each its own tables (``reads_part``, ``sources.split_export``). A contact deleted
on the phone stays a row until the next sync (``deleted`` 1): left out, counted in the note.

The database is opened read-only (``immutable=1``); a member of a zip or tarball is copied to a temporary file first,
refused past ``UNSOCIAL_MAX_ADDRESS_BOOK_BYTES``. A book is told by its schema on the database's first page; a real
phone's schema (dozens of tables, views and triggers) spans more pages than the first, so a file of the phone's own
name is claimed when its first page does not hold the whole schema, and its tables decide when it is read.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator

from ..models import MemberNote, Quarantined, Record, reason_of
from .archive import Export
from .local_copy import book_database
from .phone_regions import Placement, file_region, region_note
from .thunderbird_db import first_page
from .vcard import LEFT_OUT, REGION_SAMPLE, card_records
from .vcard_fields import phone
from .zipcheck import limit_setting

MAX_BYTES = 512 << 20  # default of UNSOCIAL_MAX_ADDRESS_BOOK_BYTES, shared with Thunderbird's books
EXCERPT_CHARS = 300
IOS_BACKUP_NAME = "31bb7ba8914766d4ba40d6dfb6113c8b614be442"  # SHA-1 of "HomeDomain-Library/AddressBook/…"
_IOS_NAMES = {"addressbook.sqlitedb", IOS_BACKUP_NAME}
_ANDROID_NAMES = {"contacts2.db"}
_SUFFIXES = (".db", ".sqlitedb")
_MAGIC = b"SQLite format 3\x00"
_LEAF_PAGE = 0x0D
_IOS_SCHEMA = (re.compile(rb"CREATE TABLE\s+ABPerson\s*\(", re.I), re.compile(rb"CREATE TABLE\s+ABMultiValue\s*\(",
                                                                              re.I))
_ANDROID_SCHEMA = tuple(re.compile(rb"CREATE TABLE\s+" + name + rb"\s*\(", re.I)
                        for name in (rb"raw_contacts", rb"data", rb"mimetypes"))
IOS_NOTE = "an iPhone's address book (AddressBook.sqlitedb)"
ANDROID_NOTE = "Android's address book (contacts2.db)"
DELETED = "contacts deleted on the phone (left out)"
# iOS keeps Apple's own labels in this form; a label the owner typed is kept as typed (and tells no kind)
_IOS_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_IOS_KINDS = {"mobile": "CELL", "iphone": "CELL", "home": "HOME", "work": "WORK", "main": "VOICE", "pager": "PAGER",
              "homefax": "FAX", "workfax": "FAX", "otherfax": "FAX"}
_IOS_PHONE, _IOS_EMAIL = 3, 4
# Android's ``Phone.TYPE`` codes (data2): 1 home, 2 mobile, 3 work, 4 work fax, 5 home fax, 6 pager, 17 work mobile
_ANDROID_KINDS = {"1": "HOME", "2": "CELL", "3": "WORK", "4": "FAX", "5": "FAX", "6": "PAGER", "13": "FAX",
                  "17": "CELL", "18": "PAGER"}
_MIME = "vnd.android.cursor.item/"
# What a reason names a contact lacks: the phone's fields, not the vCard's
_VCARD_NAMES = "FN, N, EMAIL, TEL"
_IOS_FIELDS = "First, Last, Organization, Nickname, phone, e-mail"
_ANDROID_FIELDS = "name, nickname, organization, phone, e-mail"

Row = dict[str, object]
Contact = tuple[int, list[tuple[str, str]]]  # its line and its fields (vCard property, value, kind) in their order


class PhoneBookError(ValueError):
    """A database that cannot be read, or is of no phone's address book: what the file's note says."""


def phone_book_members(export: Export) -> list[str]:
    """Members that are a phone's address book (``is_phone_book``): only files of a phone's name or of a database's
    suffix are opened (a backup holds thousands of hashed files)."""
    return [m for m in export.members() if _candidate(m) and is_phone_book(m, first_page(export, m))]


def is_phone_book(member: str, head: bytes) -> bool:
    """An SQLite database whose first page creates an iPhone's or Android's address-book tables; one of the phone's
    own name whose schema goes on past the first page (``head``: that page) is claimed too."""
    if not head.startswith(_MAGIC) or len(head) <= 100:
        return False
    if kind_of(head):
        return True
    page = int.from_bytes(head[16:18], "big")
    whole = head[100] == _LEAF_PAGE and len(head) >= (65536 if page == 1 else page)
    return not whole and _name(member) in _IOS_NAMES | _ANDROID_NAMES


def android_book(export: Export, member: str) -> bool:
    """Android's ``contacts2.db``, the file that may hold a call log too (``addressbook.reads_part``): told by name
    first, so that no other file is opened."""
    return _name(member) in _ANDROID_NAMES and is_phone_book(member, first_page(export, member))


def shows_schema(export: Export, member: str) -> bool:
    """Whether the member's first page shows a phone's address-book tables (not its name alone)."""
    return kind_of(first_page(export, member)) is not None


def kind_of(head: bytes) -> str | None:
    if all(pattern.search(head) for pattern in _IOS_SCHEMA):
        return "ios"
    return "android" if all(pattern.search(head) for pattern in _ANDROID_SCHEMA) else None


def _name(member: str) -> str:
    return member.rsplit("/", 1)[-1].lower()


def _candidate(member: str) -> bool:
    return _name(member) in _IOS_NAMES | _ANDROID_NAMES or _name(member).endswith(_SUFFIXES)


def parse_member(export: Export, member: str,
                 to_records: Callable[[str, int, object], list[Record]]) -> Iterator[Record]:
    """Records of every contact of one book, and a note with the count read and the deleted ones left out; a
    database that cannot be read is a note saying why (``unknown``), never an error stopping the other files."""
    try:
        kind, contacts, deleted = _read(export, member)
    except PhoneBookError as exc:
        yield MemberNote(member=member, line=0, handling="unknown", note=str(exc))
        return
    read, left_out, placed = 0, Counter({DELETED: deleted} if deleted else {}), Counter()
    region = file_region([n for _, fields in contacts[:REGION_SAMPLE] for n in _numbers(fields)])
    for line, fields in contacts:
        records = _records(member, line, fields, kind, to_records, region, placed)
        if records in LEFT_OUT:
            left_out[records] += 1
            continue
        read += 1
        yield from records
    yield _note(kind, member, read, left_out, region, placed)


def _note(kind: str, member: str, read: int, left_out: Counter, region: Placement | None,
          placed: Counter) -> MemberNote:
    note = IOS_NOTE if kind == "ios" else ANDROID_NOTE
    note += f"; {region_note(region, placed)}" if region else ""
    note += "".join(f"; {what}: {count}" for what, count in left_out.items())
    return MemberNote(member=member, line=0, handling="parsed" if read else "no_people", note=note, records_read=read)


def _records(member: str, line: int, fields: list[tuple], kind: str,
             to_records: Callable[[str, int, object], list[Record]], region: Placement | None,
             placed: Counter) -> list[Record] | str:
    """The records of one contact, its quarantine, or why it is left out (``vcard.LEFT_OUT``)."""
    try:
        return card_records(member, line, _card(fields), to_records, region, placed)
    except ValueError as exc:
        names = _IOS_FIELDS if kind == "ios" else _ANDROID_FIELDS
        reason = reason_of(exc).replace(_VCARD_NAMES, names)
        excerpt = "\n".join(f"{name}: {value}" for name, value, *_ in fields)[:EXCERPT_CHARS]
        return [Quarantined(member=member, line=line, reason=reason, excerpt=excerpt)]


def _numbers(fields: list[tuple]) -> Iterator[str]:
    return (number for name, value, *_ in fields if name == "tel" and (number := phone(value)))


# --- the database ----------------------------------------------------------------------------------------------------

def _read(export: Export, member: str) -> tuple[str, list[Contact], int]:
    """The book's kind (ios, android), its contacts in their order and how many were deleted; ``PhoneBookError``
    when the database cannot be read or holds no phone's address book."""
    limit = limit_setting("UNSOCIAL_MAX_ADDRESS_BOOK_BYTES", MAX_BYTES)
    with book_database(export, member, "a phone's address book", PhoneBookError, limit) as con:
        kind = _check_schema(con)
        return (kind, *(_ios_contacts(con) if kind == "ios" else _android_contacts(con)))


def _check_schema(con: sqlite3.Connection) -> str:
    columns = {(table, column) for table, column in con.execute(
        "select m.name, p.name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'")}
    if {("ABPerson", "First"), ("ABMultiValue", "record_id"), ("ABMultiValue", "property"),
            ("ABMultiValue", "value")} <= columns:
        return "ios"
    if {("raw_contacts", "_id"), ("data", "raw_contact_id"), ("data", "mimetype_id"), ("mimetypes", "mimetype")} \
            <= columns:
        return "android"
    raise PhoneBookError("an SQLite database, but not a phone's address book (no ABPerson, nor raw_contacts and "
                         "data tables): not read")


def _rows(con: sqlite3.Connection, sql: str, wanted: tuple[str, ...], table: str, skip: int = 0) -> Iterator[Row]:
    """The rows of ``sql`` as dicts of ``wanted``: ``{columns}`` in it stands for ``wanted`` of ``table`` but the
    first ``skip`` (selected by ``sql`` itself), a column an older version lacks null."""
    present = {row[1] for row in con.execute(f'pragma table_info("{table}")')} | {"ROWID"}
    columns = ", ".join(f't."{c}"' if c in present else f'null as "{c}"' for c in wanted[skip:])
    for values in con.execute(sql.format(columns=columns)):
        yield dict(zip(wanted, values))


# --- the iPhone's tables ---------------------------------------------------------------------------------------------

_IOS_PERSON = ("ROWID", "First", "Last", "Middle", "Prefix", "Suffix", "Organization", "JobTitle", "Nickname")


def _ios_contacts(con: sqlite3.Connection) -> tuple[list[Contact], int]:
    values = _ios_values(con)
    people = _rows(con, "select {columns} from ABPerson t order by t.ROWID", _IOS_PERSON, "ABPerson")
    return [(row["ROWID"], [*_ios_fields(row), *values.get(row["ROWID"], [])]) for row in people], 0


def _ios_fields(row: Row) -> list[tuple]:
    names = {key: str(value).strip() for key, value in row.items() if isinstance(value, str) and value.strip()}
    fields: list[tuple] = [("n", tuple(names.get(k, "") for k in ("Last", "First", "Middle", "Prefix", "Suffix")))] \
        if {"First", "Last", "Middle"} & set(names) else []
    if "Organization" in names:
        fields.append(("org", names["Organization"]))
        if not fields[:-1] and "Nickname" not in names:  # a company's card: the iPhone shows its name
            fields.append(("fn", names["Organization"]))
    fields += [(prop, names[key]) for key, prop in (("JobTitle", "title"), ("Nickname", "nickname")) if key in names]
    return fields


def _ios_values(con: sqlite3.Connection) -> dict[int, list[tuple]]:
    """Each person's numbers and e-mail addresses, by their ROWID, with the kind their label tells."""
    labels = dict(con.execute("select ROWID, value from ABMultiValueLabel")) if _has_table(con, "ABMultiValueLabel") \
        else {}
    found: dict[int, list[tuple]] = {}
    for record, prop, label, value in con.execute(
            "select record_id, property, label, value from ABMultiValue where property in (?, ?) "
            "order by record_id, property, identifier, UID", (_IOS_PHONE, _IOS_EMAIL)):
        if isinstance(value, str) and value.strip():
            name = "tel" if prop == _IOS_PHONE else "email"
            kind = _ios_kind(labels.get(label)) if name == "tel" else None
            found.setdefault(record, []).append((name, value.strip(), kind))
    return found


def _ios_kind(label) -> str | None:
    match = _IOS_LABEL.fullmatch(label or "")
    return _IOS_KINDS.get((match[1] if match else label or "").lower().replace(" ", ""))


def _has_table(con: sqlite3.Connection, name: str) -> bool:
    return con.execute("select 1 from sqlite_master where type = 'table' and name = ?", (name,)).fetchone() is not None


# --- Android's tables ------------------------------------------------------------------------------------------------

_DATA = ("data1", "data2", "data3", "data4")


def _android_contacts(con: sqlite3.Connection) -> tuple[list[Contact], int]:
    """One card per contact as the phone's Contacts app shows it: Android joins the raw contacts of one person kept
    in several accounts (Google, the phone, WhatsApp) into one ``contact_id``; each card's line is its first raw
    contact's _id."""
    raw = list(_rows(con, "select {columns} from raw_contacts t order by t._id",
                     ("_id", "contact_id", "display_name", "deleted"), "raw_contacts"))
    kept = [row for row in raw if str(row["deleted"] or "0") != "1"]
    data = _android_data(con)
    contacts: dict[object, Contact] = {}
    for row in kept:
        key = row["contact_id"] if row["contact_id"] is not None else f"raw {row['_id']}"
        _, fields = contacts.setdefault(key, (row["_id"], []))
        fields += [*data.get(row["_id"], []), *_display_name(row)]  # the name Android shows, where no name row
    return list(contacts.values()), len(raw) - len(kept)


def _display_name(row: Row) -> list[tuple]:
    name = row["display_name"]
    return [("fn", name.strip())] if isinstance(name, str) and name.strip() else []


def _android_data(con: sqlite3.Connection) -> dict[int, list[tuple]]:
    sql = ("select t.raw_contact_id, m.mimetype, {columns} from data t join mimetypes m on m._id = t.mimetype_id "
           "order by t.raw_contact_id, t._id")
    found: dict[int, list[tuple]] = {}
    for row in _rows(con, sql, ("raw_contact_id", "mimetype", *_DATA), "data", skip=2):
        found.setdefault(row["raw_contact_id"], []).extend(_android_fields(row))
    return found


def _android_fields(row: Row) -> list[tuple]:
    """The vCard fields of one data row; a mimetype not read (an address, a photo, another app's row) gives none."""
    kind = str(row["mimetype"] or "").removeprefix(_MIME)
    value = {k: str(v).strip() for k, v in row.items() if k.startswith("data") and v is not None and str(v).strip()}
    if kind == "name":
        parts = (value.get("data3", ""), value.get("data2", ""), "", "", "")
        return [*([("fn", value["data1"])] if "data1" in value else []), *([("n", parts)] if any(parts) else [])]
    if kind == "phone_v2" and "data1" in value:
        return [("tel", value["data1"], _ANDROID_KINDS.get(value.get("data2", "")))]
    if kind == "email_v2" and "data1" in value:
        return [("email", value["data1"])]
    if kind == "organization":
        return [*([("org", value["data1"])] if "data1" in value else []),
                *([("title", value["data4"])] if "data4" in value else [])]
    return [("nickname", value["data1"])] if kind == "nickname" and "data1" in value else []


# --- a contact as a vCard --------------------------------------------------------------------------------------------

def _card(fields: list[tuple]):
    """The contact as a vCard (vobject's): one property per field, the first name and full name only."""
    import vobject  # here, where a contact is read: telling a book from another file does without it

    card = vobject.vCard()
    for name, value, *kind in fields:
        if name in ("n", "fn") and name in card.contents:
            continue
        line = card.add(name)
        line.value = _value(vobject, name, value)
        if kind and kind[0]:
            line.params["TYPE"] = [kind[0]]
    return card


def _value(vobject, name: str, value):
    if name == "n":
        family, given, additional, prefix, suffix = value
        return vobject.vcard.Name(family=family, given=given, additional=additional, prefix=prefix, suffix=suffix)
    return [value] if name == "org" else value
