"""Phones' own call-history databases (SQLite), as copied off the phone or out of its backup (formats.md, Phone call
logs); each table's codes mapped onto Android's (``records``), times onto milliseconds since 1970.

iPhone, iOS 8 and later: ``CallHistory.storedata`` (Core Data; in an iTunes/Finder backup the file
``5a4935c78a5255723f707230a451d79c540d2741``, in a ``5a/`` folder since iOS 10: mvt-project/mvt ``calls.py``), one
``ZCALLRECORD`` row per call (a real iOS 17 one, shamrockmuffin/case ``CallHistory.storedata``: 2456 calls)::

    ZDATE 720000000.5 (seconds since 2001-01-01 UTC)  ZDURATION 63.2  ZADDRESS "+4915…" (a BLOB in iOS 8-9)
    ZORIGINATED 1 (out)  ZANSWERED 1 (0 on every outgoing call)  ZCALLTYPE 1 phone, 8 FaceTime video, 16 FaceTime
    audio, 0 another app's  ZISO_COUNTRY_CODE "us"  ZNAME  ZFILTERED_OUT_REASON (set: screened, the phone never rang)

A group FaceTime call names its people in ``ZHANDLE`` through ``Z_<n>REMOTEPARTICIPANTHANDLES`` (Core Data numbers
the table, ``Z_2…`` in iOS 17); ``ZADDRESS`` holds one of them. FaceTime by Apple ID writes an e-mail address as
``ZADDRESS``: the person's address (``records``).
iPhone, iOS 7 and before: ``call_history.db`` (backup ``2b2b0084a1bc3a5ac8c27afdf14afb42c61a19ca``), table ``call``
(address, date: seconds since 1970, duration, flags: bit 0 outgoing, name; richinfante/iphonebackuptools
``schemas/calls/calls2_6.1.6.sql``). A tool's own ``call_history.db`` of other tables is not a phone's: not claimed.
Android: ``calllog.db`` (Android 7 and later) and ``contacts2.db`` (before), table ``calls`` as the provider's
``CallLog.Calls`` (kacos2000/Queries ``calllog_db.sql``); Samsung's ``logs.db``, table ``logs``, the same columns and
``logtype``: 100 a call, the others messages and other apps' entries (kacos2000/Queries ``logs_db.sql``).

A database is copied to a temporary folder and opened read-only there, with its write-ahead log (``-wal``: the calls
of the last hours or days, not yet written into the file) when one is beside it; past ``UNSOCIAL_MAX_CALL_LOG_BYTES``
refused. A file that is no database, encrypted or damaged, or of no call table, is one refused row saying so.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from ..archive import Export
from ..local_copy import copy_bounded, local_copy
from ..zipcheck import limit_setting
from .call import Call

# The phone's own names, and the names of their files in an iPhone's backup (SHA-1 of domain and path); a file of
# such a name is still told by its content (``claims``): a backup holds thousands of hashed files, only these opened.
_NAME = re.compile(r"(?:callhistory(?:temp)?\.storedata|call_history\.db|calllog\.db|contacts2\.db|logs\.db"
                   r"|5a4935c78a5255723f707230a451d79c540d2741|2b2b0084a1bc3a5ac8c27afdf14afb42c61a19ca)"
                   r"(?P<companion>-wal|-shm|-journal)?", re.I)
_MAGIC = b"SQLite format 3\x00"
_COMPANION_HEADS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83", b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7",
                    (3007000).to_bytes(4, "little"), (3007000).to_bytes(4, "big"))
_LEAF_PAGE = 0x0D
_TABLE = re.compile(rb'CREATE TABLE\s+["`\[]?(?:ZCALLRECORD|call|calls|logs)["`\]]?\s*\(', re.I)
# Beside the database in its folder (``CallHistoryDB/`` on an iPhone, and on a Mac in ``~/Library/Application
# Support/``, where the iPhone's calls are kept too): the database's version, no call (shamrockmuffin/case
# ``com.apple.callhistory.databaseInfo.plist``). The folder copied whole was no call log because of it.
BESIDE = frozenset({"com.apple.callhistory.databaseinfo.plist"})
BESIDE_NOTE = "the call history database's own information (its version): no calls"
CONTACTS_DB = "contacts2.db"
# Android 7 and later keep the calls in calllog.db and leave contacts2.db's ``calls`` table empty, or drop it
CONTACTS_ONLY = ("Android's contacts database without calls (Android 7 and later keep them in calllog.db): its "
                 "contacts are read as an address book")
MAX_BYTES = 512 << 20  # default of UNSOCIAL_MAX_CALL_LOG_BYTES: a phone's 2456 calls are 1.3 MB
MAC_EPOCH = 978307200  # 2001-01-01 in seconds since 1970: Core Data's times, and some iOS 7 call_history.db dates
SAMSUNG_CALL = 100
SHAPES = {"ZCALLRECORD": "an iPhone's call history (CallHistory.storedata)",
          "call": "an iPhone's call history of iOS 7 or before (call_history.db)",
          "calls": "Android's call log database", "logs": "Samsung's log database (logs.db)"}
NOT_READ = "an SQLite database that is no call log: not read"
NO_TABLE = "file: an SQLite database without a call log's table (ZCALLRECORD, call, calls or logs): not read"
EMPTY = "file: not an SQLite database that can be read (empty): damaged, encrypted or not fully copied"
COMPANIONS = {"-wal": "write-ahead log", "-shm": "shared-memory index", "-journal": "rollback journal"}


class CallDbError(ValueError):
    """A database that cannot be read: the refused row's reason."""


def named(member: str) -> bool:
    return bool(_NAME.fullmatch(member.rsplit("/", 1)[-1]))


def shares_file(member: str) -> bool:
    """Android's ``contacts2.db``: its contacts are the address book's (``sources.phone_books``), its calls ours."""
    return member.rsplit("/", 1)[-1].lower() == CONTACTS_DB


def contacts_only(member: str, calls: list[Call]) -> str | None:
    """The note of a ``contacts2.db`` of no calls (``CONTACTS_ONLY``): none read, or its contacts but no ``calls``
    table in it."""
    empty = not calls or (len(calls) == 1 and calls[0].problem == CONTACTS_ONLY)
    return CONTACTS_ONLY if shares_file(member) and empty else None


def beside(member: str) -> bool:
    """A file the phone keeps beside its call history, holding no call (``BESIDE``)."""
    return member.rsplit("/", 1)[-1].lower() in BESIDE


def claims(head: bytes) -> bool:
    """An SQLite database that may hold calls (its schema, when the first page holds it whole, creates a call
    table), or SQLite's file beside one (``named`` took only those of a call log's name)."""
    if not head or head.startswith(_COMPANION_HEADS):
        return True
    if not head.startswith(_MAGIC) or len(head) <= 100:
        return False
    page = int.from_bytes(head[16:18], "big")
    whole = head[100] == _LEAF_PAGE and len(head) >= (65536 if page == 1 else page)
    return not whole or bool(_TABLE.search(head))


def shape(export: Export, member: str) -> str:
    if suffix := _companion(member):
        return _companion_shape(export, member, suffix)
    try:
        with _database(export, member) as con:
            table = _call_table(con)
            others = _samsung_others(con) if table == "logs" else 0
    except (CallDbError, *DAMAGED):
        return NOT_READ
    if others:
        return f"{SHAPES[table]}, {others} messages and other entries not read"
    return SHAPES.get(table, NOT_READ)


def calls(export: Export, member: str) -> Iterator[Call]:
    """The database's calls in time order, a group call once per person (``line``: the call's place in that order,
    each counted once; the excerpt names the row); a database that cannot be read, or holds no calls table, one
    ``Call`` saying why."""
    if _companion(member):
        return
    rows: list[Call] = []
    try:
        with _database(export, member) as con:
            table = _call_table(con)
            if table is None:
                raise CallDbError(CONTACTS_ONLY if "raw_contacts" in _tables(con) else NO_TABLE)
            for place, call in enumerate(_READERS[table](con), 1):
                rows.append(call._replace(line=place))
    except CallDbError as exc:
        rows.append(_problem(str(exc)))
    except DAMAGED as exc:
        rows.append(_problem(f"file: damaged from here on (SQLite: {exc}): the calls before were read" if rows
                             else _unreadable(exc), len(rows) + 1 if rows else 0))
    yield from rows


# --- the iPhone's tables ---------------------------------------------------------------------------------------------

def _ios_calls(con: sqlite3.Connection) -> Iterator[Call]:
    group = _participants(con)
    columns = ("Z_PK", "ZADDRESS", "ZDATE", "ZDURATION", "ZORIGINATED", "ZANSWERED", "ZCALLTYPE", "ZNAME",
               "ZISO_COUNTRY_CODE", "ZFILTERED_OUT_REASON")
    for row in _rows(con, "ZCALLRECORD", columns, "ZDATE is null, ZDATE, Z_PK"):
        handles = group.get(row["Z_PK"], [])
        addresses = handles if len(handles) > 1 else [_text(row["ZADDRESS"]) or next(iter(handles), None)]
        for address in addresses:
            yield _ios_call(row, address)


def _ios_call(row: dict, address: str | None) -> Call:
    code = "6" if row["ZFILTERED_OUT_REASON"] else "2" if row["ZORIGINATED"] == 1 else \
        "1" if row["ZANSWERED"] == 1 else "3"
    at = _ms(row["ZDATE"], MAC_EPOCH)
    return Call(0, address, at, code, _text(row["ZDURATION"]), _text(row["ZNAME"]), None,
                _excerpt(row, ZADDRESS=address), _text(row["ZISO_COUNTRY_CODE"]))


def _participants(con: sqlite3.Connection) -> dict[int, list[str]]:
    """Each call's people as ``ZHANDLE`` names them, by the call's Z_PK (Core Data numbers the join table and its
    columns after the entities: ``Z_2REMOTEPARTICIPANTHANDLES`` (Z_2REMOTEPARTICIPANTCALLS, Z_3…) in iOS 17)."""
    table = next((t for t in _tables(con) if re.fullmatch(r"Z_\d+REMOTEPARTICIPANTHANDLES", t)), None)
    if table is None or "ZHANDLE" not in _tables(con):
        return {}
    columns = _columns(con, table)
    call = next((c for c in columns if c.endswith("REMOTEPARTICIPANTCALLS")), None)
    handle = next((c for c in columns if c.endswith("REMOTEPARTICIPANTHANDLES")), None)
    if not call or not handle:
        return {}
    found: dict[int, list[str]] = {}
    for pk, value in con.execute(f"select j.{_quoted(call)}, coalesce(h.ZVALUE, h.ZNORMALIZEDVALUE) "
                                 f"from {_quoted(table)} j join ZHANDLE h on h.Z_PK = j.{_quoted(handle)} "
                                 f"order by j.{_quoted(call)}, h.Z_PK"):
        if text := _text(value):
            found.setdefault(pk, []).append(text)
    return found


def _ios7_calls(con: sqlite3.Connection) -> Iterator[Call]:
    columns = ("ROWID", "address", "date", "duration", "flags", "name")
    for row in _rows(con, "call", columns, "date is null, date, ROWID"):
        address, flags, seconds = _text(row["address"]), row["flags"] or 0, row["duration"] or 0
        code = "2" if isinstance(flags, int) and flags & 1 else "1" if _positive(seconds) else "3"
        at = _ios7_ms(row["date"])
        yield Call(0, address, at, code, _text(row["duration"]), _text(row["name"]), None, _excerpt(row))


def _ios7_ms(value) -> str | None:
    """iOS wrote seconds since 1970; a date before 2001 so read is one since 2001 (Core Data's), as tools rewrote."""
    return _ms(value, MAC_EPOCH if isinstance(value, (int, float)) and 0 < value < MAC_EPOCH else 0)


# --- Android's tables ------------------------------------------------------------------------------------------------

def _android_calls(con: sqlite3.Connection, table: str = "calls", where: str = "") -> Iterator[Call]:
    columns = ("_id", "number", "date", "duration", "type", "name", "presentation", "countryiso")
    for row in _rows(con, table, columns, "date is null, date, _id", where):
        yield Call(0, _text(row["number"]), _text(row["date"]), _text(row["type"]), _text(row["duration"]),
                   _text(row["name"]), _text(row["presentation"]), _excerpt(row), _text(row["countryiso"]))


def _samsung_calls(con: sqlite3.Connection) -> Iterator[Call]:
    return _android_calls(con, "logs", f"where logtype = {SAMSUNG_CALL}")


def _samsung_others(con: sqlite3.Connection) -> int:
    return con.execute(f"select count(*) from logs where logtype is not {SAMSUNG_CALL}").fetchone()[0]


_READERS = {"ZCALLRECORD": _ios_calls, "call": _ios7_calls, "calls": _android_calls, "logs": _samsung_calls}


# --- the database ----------------------------------------------------------------------------------------------------

def _call_table(con: sqlite3.Connection) -> str | None:
    """The table of calls the database holds, told by its name and columns."""
    needed = {"ZCALLRECORD": {"ZDATE", "ZADDRESS"}, "call": {"address", "date", "flags"},
              "logs": {"number", "date", "type", "logtype"}, "calls": {"number", "date", "type"}}
    tables = _tables(con)
    return next((t for t, columns in needed.items() if t in tables and columns <= set(_columns(con, t))), None)


def _tables(con: sqlite3.Connection) -> list[str]:
    return [name for (name,) in con.execute("select name from sqlite_master where type = 'table'")]


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in con.execute(f"pragma table_info({_quoted(table)})")]


def _quoted(name: str) -> str:
    """A table's or column's name as SQL writes it: the names of a join table are the database's own."""
    return '"' + name.replace('"', '""') + '"'



def _rows(con: sqlite3.Connection, table: str, wanted: tuple[str, ...], order: str, where: str = "") -> Iterator[dict]:
    """The table's rows as dicts of ``wanted``, a column the table lacks (an older version's) None."""
    present = set(_columns(con, table)) | {"ROWID"}
    select = ", ".join(f'"{c}"' if c in present else f'null as "{c}"' for c in wanted)
    cursor = con.execute(f'select {select} from "{table}" {where} order by {order}')
    for values in cursor:
        yield dict(zip(wanted, values))


@contextmanager
def _database(export: Export, member: str) -> Iterator[sqlite3.Connection]:
    """The member opened read-only from a private copy, its write-ahead log beside it when the export has one."""
    limit = limit_setting("UNSOCIAL_MAX_CALL_LOG_BYTES", MAX_BYTES)
    with local_copy(export, member, "calls.db", limit, _too_large) as path:
        if not path.stat().st_size:
            raise CallDbError(EMPTY)
        if f"{member}-wal" in export.members():
            copy_bounded(export, f"{member}-wal", path.with_name("calls.db-wal"), limit, _too_large)
        try:
            con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise CallDbError(_unreadable(exc)) from None
        con.text_factory = _text  # a value's damaged bytes read as U+FFFD, not an error
        try:
            yield con
        finally:
            con.close()


# A damaged byte in a table's name makes SQLite's own error message no UTF-8: Python raises UnicodeDecodeError, which
# is no sqlite3.Error, while making it; it stopped the whole run
DAMAGED = (sqlite3.Error, UnicodeDecodeError)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _too_large(limit: int) -> CallDbError:
    return CallDbError(f"file: a call history database larger than {limit} bytes (limit UNSOCIAL_MAX_CALL_LOG_BYTES): "
                       "not read")


def _unreadable(exc: Exception) -> str:
    return f"file: not an SQLite database that can be read (SQLite: {exc}): damaged, encrypted or not fully copied"


def _companion(member: str) -> str | None:
    match = _NAME.fullmatch(member.rsplit("/", 1)[-1])
    return match["companion"].lower() if match and match["companion"] else None


def _companion_shape(export: Export, member: str, suffix: str) -> str:
    database = member.removesuffix(member[-len(suffix):])
    kind = f"SQLite's {COMPANIONS[suffix]} of {database.rsplit('/', 1)[-1]}"
    if database not in export.members():
        return f"{kind}, without its database beside it: not read"
    return f"{kind}, read with it" if suffix == "-wal" else f"{kind}: not needed to read it"


# --- values ----------------------------------------------------------------------------------------------------------

def _problem(reason: str, line: int = 0) -> Call:
    return Call(line, None, None, None, None, None, None, "", problem=reason)


def _text(value) -> str | None:
    """A column's value as text: iOS 8 and 9 kept ZADDRESS as a BLOB of UTF-8."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return None if value is None else str(value)


def _ms(seconds, epoch: int = 0) -> str | None:
    """Seconds since ``epoch`` (since 1970) as milliseconds since 1970; what is no number as written (``records``
    refuses it)."""
    try:
        return str(round((float(seconds) + epoch) * 1000))
    except (TypeError, ValueError, OverflowError):
        return _text(seconds)


def _positive(value) -> bool:
    return isinstance(value, (int, float)) and value > 0


def _excerpt(row: dict, **replaced) -> str:
    return " ".join(f"{key}={_text(value)}" for key, value in {**row, **replaced}.items() if value is not None)[:300]
