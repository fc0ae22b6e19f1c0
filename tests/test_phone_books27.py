"""Phones' own address books (hunt 27; docs/formats.md, Address book): an iPhone's ``AddressBook.sqlitedb``, also under
its hashed name in a backup, and Android's ``contacts2.db``, whose call log the calls source reads from the same file.
Their people were lost: "not a recognised export", an unknown file, or, in contacts2.db, silently dropped. Phones'
calendar databases are not read, and said so in one line. Fixtures: ``scripts/make_phone_books.py``."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from conftest import fixture, query, zip_folder
from ingest.models import Account, MemberNote
from ingest.sources import addressbook, calls, split_export
from ingest.sources.archive import Export
from ingest.sources.inbox import discover_exports

IOS = fixture("addressbook", "ios-addressbook-2024")
ANDROID = fixture("addressbook", "android-contacts2-2019")
BACKUP_NAME = "31bb7ba8914766d4ba40d6dfb6113c8b614be442"
IOS_PEOPLE = [("Hafenamt Kiel", None, "+49 431 5550100"), ("Henrike Vos", "henrike.vos@example.nl", "+31 6 5550 1122"),
              ("Ilse Brandt", "ilse.brandt@example.de", "0171 5550199"), ("Ilse Brandt", "ilse@segeln.example", None),
              ("Kapitän", None, "+49 170 5550144")]
PEOPLE = "select display_name, email, phone from raw_accounts where platform = 'addressbook' order by all"


def ingest(unsocial, tmp_path, export) -> tuple:
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "marta")
    return db, result


def iphone_backup(tmp_path):
    """An iPhone backup folder: the address book and the call history under their hashed names."""
    backup = tmp_path / "iphone-backup"
    (backup / "31").mkdir(parents=True)
    shutil.copy(IOS / "AddressBook.sqlitedb", backup / "31" / BACKUP_NAME)
    (backup / "5a").mkdir()
    shutil.copy(fixture("calls", "ios-17-callhistory", "CallHistory.storedata"),
                backup / "5a" / "5a4935c78a5255723f707230a451d79c540d2741")
    return backup


@pytest.mark.parametrize("form", ["file", "zip", "backup"])
def test_the_people_of_an_iphone_address_book_are_contacts_with_their_numbers_and_emails(form, unsocial, tmp_path):
    export = {"file": lambda: IOS / "AddressBook.sqlitedb", "zip": lambda: zip_folder(IOS, tmp_path / "book.zip"),
              "backup": lambda: iphone_backup(tmp_path)}[form]()
    db, result = ingest(unsocial, tmp_path, export)
    assert result.code == 0, result.err
    assert query(db, PEOPLE) == IOS_PEOPLE  # a company's card named by its company; its fax number no phone
    [(reason,)] = query(db, "select reason from raw_quarantine q join ingested_exports e using (export_path) "
                            "where e.source = 'addressbook'")  # a person of only a postal address
    assert reason == "First, Last, Organization, Nickname, phone, e-mail: all missing"
    if form == "backup":  # the call history beside it is still read as one
        assert query(db, "select count(*) from raw_interactions where mode = 'call'")[0][0] > 0


def test_deleted_android_contacts_are_left_out_and_each_contact_is_one_card(unsocial, tmp_path):
    db, result = ingest(unsocial, tmp_path, ANDROID / "contacts2.db")
    assert result.code == 0, result.err
    assert query(db, PEOPLE) == [("Brauhaus am Deich", None, "04841 555012"),
                                 ("Lucía Ferrer", "lucia.ferrer@example.es", "+34 612 555 014"),  # Google + WhatsApp
                                 ("Osei Mensah", "osei.mensah@example.com", "+233 20 555 0101")]
    assert query(db, "select count(*) from raw_accounts where display_name = 'Gregor Pahl'") == [(0,)]
    [(note,)] = query(db, "select note from raw_members where export_path = 'contacts2.db#addressbook'")
    assert note.endswith("; contacts deleted on the phone (left out): 1")


def test_the_calls_of_a_contacts2_db_are_still_read_and_nothing_is_counted_twice(unsocial, tmp_path):
    db, result = ingest(unsocial, tmp_path, ANDROID / "contacts2.db")
    assert result.code == 0, result.err
    assert query(db, "select source, export_path, records_read, records_loaded, records_quarantined "
                     "from ingested_exports order by 1") == [("addressbook", "contacts2.db#addressbook", 4, 3, 1),
                                                             ("calls", "contacts2.db#calls", 3, 3, 0)]
    assert query(db, "select count(*) from raw_interactions where mode = 'call'") == [(2,)]
    keys = query(db, "select export_path, member, line from raw_accounts union all "
                     "select export_path, member, line from raw_quarantine")
    assert len({(m, line) for _, m, line in keys if _.endswith("#addressbook")}) == 4
    again = unsocial("ingest", ANDROID / "contacts2.db", "--db", db, "--owner", "marta")
    assert again.code == 0 and query(db, "select sum(records_read) from ingested_exports") == [(7,)]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(ANDROID / "contacts2.db", inbox)
    assert sorted(f.source for f in discover_exports(inbox).found) == ["addressbook", "calls"]


@pytest.mark.parametrize("calls_table", ["dropped", "empty"])
def test_a_newer_androids_contacts2_db_without_calls_is_read_as_an_address_book(calls_table, unsocial, tmp_path):
    # Android 7 and later keep the calls in calllog.db; contacts2.db's calls table is gone or empty
    path = tmp_path / "contacts2.db"
    shutil.copy(ANDROID / "contacts2.db", path)
    with sqlite3.connect(path) as con:
        con.execute("drop table calls" if calls_table == "dropped" else "delete from calls")
    con.close()
    db, result = ingest(unsocial, tmp_path, path)
    assert result.code == 0, result.err
    assert len(query(db, PEOPLE)) == 3
    assert query(db, "select count(*) from raw_interactions") == [(0,)]


def test_a_damaged_database_is_a_note_and_the_book_beside_it_is_read(unsocial, tmp_path):
    folder = tmp_path / "phone"
    folder.mkdir()
    shutil.copy(ANDROID / "contacts2.db", folder / "contacts2.db")
    (folder / "AddressBook.sqlitedb").write_bytes((IOS / "AddressBook.sqlitedb").read_bytes()[:4096])
    book = next(part for module, part in split_export(Export(folder)) if module is addressbook)
    records = list(addressbook.parse(book))
    [note] = [n for n in records if isinstance(n, MemberNote) and n.member == "AddressBook.sqlitedb"]
    assert (note.handling, note.note.split(" (")[0]) == ("unknown", "a phone's address book that cannot be read")
    assert len({a.line for a in records if isinstance(a, Account)}) == 3  # contacts2.db's
    db, result = ingest(unsocial, tmp_path, folder / "AddressBook.sqlitedb")  # alone: one line, no traceback
    assert result.code != 0 and "Traceback" not in result.err and "Henrike" not in result.err
    assert "AddressBook.sqlitedb: recognised as addressbook but no record was read" in result.err


def calendar_database(path, *tables: str):
    with sqlite3.connect(path) as con:
        for table in tables:
            con.execute(f"create table {table} (ROWID integer primary key, title text)")
    con.close()
    return path


@pytest.mark.parametrize("name, tables, said", [
    ("Calendar.sqlitedb", ("Store", "Calendar", "CalendarItem", "Participant"),
     "not a recognised export: an iPhone calendar database (Calendar.sqlitedb); export the calendar as .ics"),
    ("calendar.db", ("Calendars", "Events", "Attendees"),
     "not a recognised export: an Android calendar database (calendar.db); export the calendar as .ics"),
    ("Kalender-Kopie.db", ("Calendars", "Events", "Attendees"), "an Android calendar database (calendar.db)")])
def test_a_phones_calendar_database_is_named_in_one_line_with_what_to_do(name, tables, said, unsocial, tmp_path):
    path = calendar_database(tmp_path / name, *tables)
    _, result = ingest(unsocial, tmp_path, path)
    assert result.code != 0 and said in result.err and "Traceback" not in result.err


def test_a_calendar_database_beside_a_phones_address_book_is_listed_with_what_to_do(tmp_path):
    folder = tmp_path / "phone"
    shutil.copytree(IOS, folder)
    calendar_database(folder / "Calendar.sqlitedb", "Store", "Calendar", "CalendarItem", "Participant")
    records = list(addressbook.parse(Export(folder)))
    [note] = [n for n in records if isinstance(n, MemberNote) and n.member == "Calendar.sqlitedb"]
    assert note.handling == "unknown" and note.note.startswith("an iPhone calendar database (Calendar.sqlitedb), "
                                                               "not read by this version: export the calendar as .ics")


def test_the_call_log_and_the_address_book_each_claim_only_their_part_of_contacts2_db():
    parts = {module.NAME: part for module, part in split_export(Export(ANDROID / "contacts2.db"))}
    assert {name: part.relative_path for name, part in parts.items()} == {
        "addressbook": "contacts2.db#addressbook", "calls": "contacts2.db#calls"}
    assert addressbook.reads_part(parts["calls"]) and calls.reads_part(parts["addressbook"])
    assert not addressbook.reads_part(Export(IOS))  # an iPhone's book holds no calls: the address book's alone
