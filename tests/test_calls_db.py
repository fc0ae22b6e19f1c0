"""Phones' own call-history databases (docs/formats.md, Phone call logs): an iPhone's ``CallHistory.storedata`` (iOS 8
and later, also under its hashed name in a backup) and ``call_history.db`` (iOS 7 and before), Android's ``calllog.db``
and Samsung's ``logs.db``. The calls read as those of a backup app's log are: a call that took place makes its person
met by phone, every person of a group FaceTime call; a missed, screened or unanswered call names the number; a
FaceTime call to an e-mail address, a withheld number and a service code name no one; a file of another program, an
encrypted or damaged one, is one refused row saying why, never an error."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from conftest import assert_nothing_lost, fixture, parse, query, zip_folder
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import calls, detect_source
from ingest.sources.archive import Export
from ingest.sources.calls import call_db
from ingest.sources.calls.records import HIDDEN, REPEATED, SERVICE

IOS17 = fixture("calls", "ios-17-callhistory")
IOS6 = fixture("calls", "ios-6-call-history-db")
ANDROID = fixture("calls", "android-calllog-db")
BACKUP_NAME = "5a4935c78a5255723f707230a451d79c540d2741"
MAC_EPOCH = 978307200


def interactions(records) -> list[tuple]:
    return sorted((r.account_ref, r.direction, r.occurred_at.isoformat(), r.mode) for r in records
                  if isinstance(r, Interaction))


def accounts(records) -> set[tuple]:
    return {(a.account_ref, a.display_name) for a in records if isinstance(a, Account)}


def refused(records) -> list[tuple]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def notes(records) -> dict[str, tuple[str, str, int]]:
    return {n.member: (n.handling, n.note, n.records_read) for n in records if isinstance(n, MemberNote)}


# --- an iPhone, iOS 8 and later --------------------------------------------------------------------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_an_iphones_call_history_makes_its_calls_offline_calls_every_person_of_a_group_call_met(form, tmp_path):
    export = Export(IOS17 if form == "folder" else zip_folder(IOS17, tmp_path / "CallHistoryDB.zip"))
    assert detect_source(export) is calls
    records = parse(export)
    # Mac absolute time read as UTC; a US number written nationally placed by the call's country ("us")
    assert interactions(records) == [
        ("+14155550142", "in", "2024-06-01T13:00:00.500000", "call"),
        ("+4915112345601", "out", "2024-06-01T12:00:00.250000", "call"),
        ("+4917012345604", "out", "2024-06-02T13:00:00", "call"),
        ("+4917012345605", "out", "2024-06-02T13:00:00", "call"),
        ("+4917012345606", "out", "2024-06-02T13:00:00", "call"),
        ("clara.probe@example.org", "out", "2024-06-02T12:00:00", "call")]  # FaceTime by Apple ID: the address
    # the missed call, the screened one (ZFILTERED_OUT_REASON) and the unanswered outgoing one: numbers, no call
    assert accounts(records) == {("+4915112345601", "Anna Beispiel"), ("+14155550142", "Ben Muster"),
                                 ("+4915112345603", None), ("+4930123456789", None), ("+4917012345604", None),
                                 ("+4917012345605", None), ("+4917012345606", None),
                                 ("clara.probe@example.org", "Clara Probe")}
    assert refused(records) == [(10, HIDDEN), (11, "date: missing or not a time in milliseconds")]
    assert notes(records) == {"CallHistory.storedata": (
        "parsed", "an iPhone's call history (CallHistory.storedata), calls: 6, missed: 1, blocked: 1, "
                  "not answered: 1", 11)}
    assert_nothing_lost(records)


def test_the_call_history_in_an_iphone_backup_is_found_under_its_hashed_name(tmp_path):
    folder = tmp_path / "backup" / "5a"
    folder.mkdir(parents=True)
    shutil.copy(IOS17 / "CallHistory.storedata", folder / BACKUP_NAME)
    records = parse(Export(folder))
    assert len(interactions(records)) == 6
    assert notes(records)[BACKUP_NAME][1].startswith("an iPhone's call history (CallHistory.storedata), calls: 6")


def test_the_calls_of_the_write_ahead_log_beside_the_database_are_read(tmp_path):
    phone, folder = tmp_path / "phone", tmp_path / "CallHistoryDB"
    phone.mkdir(), folder.mkdir()
    shutil.copy(IOS17 / "CallHistory.storedata", phone / "CallHistory.storedata")
    writer, reader = _wal_writer(phone / "CallHistory.storedata")
    # the last call, made after the phone last wrote its log into the file: only in CallHistory.storedata-wal
    writer.execute("insert into ZCALLRECORD (Z_PK, Z_ENT, Z_OPT, ZANSWERED, ZCALLTYPE, ZORIGINATED, ZDATE, ZDURATION, "
                   "ZADDRESS, ZISO_COUNTRY_CODE) values (20, 2, 1, 1, 1, 0, ?, 61.0, '+4915112345699', 'de')",
                   (1718000000 - MAC_EPOCH,))
    writer.commit()
    for name in ("CallHistory.storedata", "CallHistory.storedata-wal"):  # copied off the phone as they are
        shutil.copy(phone / name, folder / name)
    writer.close(), reader.close()
    assert len(interactions(parse(Export(folder / "CallHistory.storedata")))) == 6  # the file alone: not in it
    export = Export(folder)
    assert detect_source(export) is calls
    records = parse(export)
    assert ("+4915112345699", "in", "2024-06-10T06:13:20", "call") in interactions(records)
    assert notes(records)["CallHistory.storedata-wal"] == (
        "parsed", "SQLite's write-ahead log of CallHistory.storedata, read with it: no calls", 0)
    assert_nothing_lost(records)


def _wal_writer(path):
    """A connection writing into the database's write-ahead log, and one holding a read so that nothing is written
    back into the file."""
    writer = sqlite3.connect(path)
    writer.execute("pragma journal_mode=wal")
    writer.execute("pragma wal_autocheckpoint=0")
    reader = sqlite3.connect(path)
    reader.execute("begin")
    reader.execute("select count(*) from ZCALLRECORD").fetchone()
    return writer, reader


def test_ios_8_and_9_addresses_kept_as_blobs_are_read(tmp_path):
    path = tmp_path / "CallHistory.storedata"
    shutil.copy(IOS17 / "CallHistory.storedata", path)
    with sqlite3.connect(path) as con:
        con.execute("update ZCALLRECORD set ZADDRESS = cast(ZADDRESS as blob)")
    con.close()
    assert len(interactions(parse(Export(path)))) == 6


# --- an iPhone, iOS 7 and before -------------------------------------------------------------------------------------

def test_an_old_iphones_call_history_db_is_read_with_its_flags_and_seconds_since_1970():
    records = parse(Export(IOS6))
    # flags bit 0: outgoing; an incoming call of no length was missed; national numbers placed as the log's others
    assert interactions(records) == [("+4915112345601", "out", "2013-01-01T10:00:00", "call"),
                                     ("+4915112345602", "in", "2013-01-01T11:06:40", "call"),
                                     ("dora.test@example.org", "out", "2013-01-01T19:26:40", "call")]
    assert accounts(records) == {("+4915112345601", "Anna Beispiel"), ("+4915112345602", None),
                                 ("+4915112345603", None), ("dora.test@example.org", None)}
    assert refused(records) == [(6, SERVICE)]
    assert notes(records)["call_history.db"][1] == ("an iPhone's call history of iOS 7 or before (call_history.db), "
                                                    "calls: 3, missed: 1, not answered: 1")
    assert_nothing_lost(records)


# --- Android ---------------------------------------------------------------------------------------------------------

def test_androids_calllog_db_and_samsungs_logs_db_are_read_and_a_call_in_both_counts_once():
    records = parse(Export(ANDROID))
    assert interactions(records) == [("+4915112345601", "in", "2025-01-01T12:00:00", "call"),
                                     ("+4915112345602", "out", "2025-01-01T13:00:00", "call"),
                                     ("+4915112345604", "in", "2025-01-01T15:36:40", "call"),
                                     ("+4915112345605", "out", "2025-01-02T12:00:00", "call")]
    assert refused(records) == [(6, HIDDEN), (7, SERVICE), (9, "date: missing or not a time in milliseconds"),
                                (1, REPEATED)]
    # Samsung keeps its text messages in the same table: left out, and said so
    assert notes(records) == {
        "calllog.db": ("parsed", "Android's call log database, calls: 3, missed: 1, rejected: 1, blocked: 1", 9),
        "logs.db": ("parsed", "Samsung's log database (logs.db), 2 messages and other entries not read, calls: 1", 2)}
    assert "+4915112345606" not in {ref for ref, _ in accounts(records)}
    assert_nothing_lost(records)


def test_a_call_in_a_phones_database_makes_its_contact_met(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", ANDROID, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    assert query(db, "select records_read, records_loaded, records_quarantined from ingested_exports") == [(11, 7, 4)]
    assert query(db, "select count(*) from raw_interactions where is_offline and mode = 'call'") == [(4,)]


# --- files that are not a phone's call history -----------------------------------------------------------------------

def test_another_programs_database_named_like_a_call_log_is_not_taken(tmp_path):
    # a tool's own call_history.db (one table call_history): its schema, whole on the first page, names no call table
    path = tmp_path / "call_history.db"
    with sqlite3.connect(path) as con:
        con.execute("create table call_history (id integer primary key, phone_number text, timestamp datetime)")
    con.close()
    assert detect_source(Export(path)) is None


DAMAGED = b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + b"\x00" * 80 + b"\x05" + b"\xff" * 4000  # page 1 garbled


@pytest.mark.parametrize("content", [DAMAGED, b""], ids=["damaged", "empty"])
def test_a_damaged_or_empty_database_is_one_refused_row_saying_so(content, tmp_path):
    path = tmp_path / "calllog.db"
    path.write_bytes(content)
    records = parse(Export(path))
    [(line, reason)] = refused(records)
    assert line == 0 and reason.startswith("file: not an SQLite database that can be read (")
    assert notes(records)["calllog.db"] == ("parsed", call_db.NOT_READ, 1)


def test_a_database_of_no_call_table_whose_schema_is_not_on_the_first_page_is_refused_saying_so(tmp_path):
    path = tmp_path / "contacts2.db"
    with sqlite3.connect(path) as con:
        for n in range(80):  # Android's contacts2.db: a schema of many pages
            con.execute(f"create table t{n} (a_rather_long_column_name_{n} text, another_long_column_name text)")
    con.close()
    records = parse(Export(path))
    assert refused(records) == [(0, call_db.NO_TABLE)]


def test_a_database_larger_than_the_limit_is_refused_saying_so(tmp_path, monkeypatch):
    monkeypatch.setenv("UNSOCIAL_MAX_CALL_LOG_BYTES", "4096")
    [(_, reason)] = refused(parse(Export(IOS17 / "CallHistory.storedata")))
    assert reason.endswith("larger than 4096 bytes (limit UNSOCIAL_MAX_CALL_LOG_BYTES): not read")


def test_a_backup_folder_is_not_opened_file_by_file(tmp_path):
    # only the hashed names of the call history are opened: another hashed file (a photo, a database) is never read
    assert not call_db.named("5a/5a0000000000000000000000000000000000ff")
    assert call_db.named(f"5a/{BACKUP_NAME}") and call_db.named("Library/CallHistoryDB/CallHistory.storedata-wal")


def test_an_iphones_call_history_folder_copied_whole_is_read_and_its_version_file_listed(tmp_path):
    # ``CallHistoryDB/`` as on the phone and in a Mac's ``~/Library/Application Support/``: the database, its temporary
    # twin and ``com.apple.callhistory.databaseInfo.plist`` (the database's version, no call)
    folder = tmp_path / "CallHistoryDB"
    folder.mkdir()
    shutil.copy(IOS17 / "CallHistory.storedata", folder / "CallHistory.storedata")
    (folder / "com.apple.callhistory.databaseInfo.plist").write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>DatabaseVersionPerm</key>'
        b"<integer>27</integer></dict></plist>\n")
    export = Export(folder)
    assert detect_source(export) is calls
    records = parse(export)
    assert len(interactions(records)) == 6
    assert notes(records)["com.apple.callhistory.databaseInfo.plist"] == ("ignored", call_db.BESIDE_NOTE, 0)
    assert_nothing_lost(records)
