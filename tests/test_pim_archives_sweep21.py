"""Desktop programs' own address books and archives given as an address book or calendar (sweep 21): Thunderbird's
``abook.sqlite`` and ``history.sqlite`` (Thunderbird 78 and later; the schema of a real book of 772 cards,
Gilsoncalloni/BAT ``abook.sqlite``) read as cards; Mork ``.mab``, Outlook's ``.pst`` and ``.olm``, ``.wab``, macOS
Contacts' ``.abbu`` and Evolution's ``contacts.db`` said what they are, with how to export them; macOS Calendar's
``.icbu`` archive read without its companions listed as unknown.

The fixtures are built by ``build_fixtures`` (``python tests/test_pim_archives_sweep21.py``), invented people only.
"""

from __future__ import annotations

import plistlib
import shutil
import sqlite3
import zipfile
from pathlib import Path

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, calendar, detect_source
from ingest.sources.archive import Export
from ingest.sources.unrecognised import why_unrecognised
from test_addressbook import evidence, people

TB = "thunderbird-sqlite-2024"
ICBU = "macos-calendars-archive-2024"
ICAL = "ical-archive-2007"
_MORK = "// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> // (f=iso-8859-1)\n  (B8=LastName)(B9=FirstName)>\n"


def records_of(path: Path, source=addressbook) -> list:
    export = Export(path)
    assert detect_source(export) is source
    return list(source.parse(export))


def notes(records) -> dict[str, tuple[str, str, int]]:
    return {n.member: (n.handling, n.note, n.records_read) for n in records if isinstance(n, MemberNote)}


def refused(records) -> list[tuple[str, int, str]]:
    return [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)]


# --- Thunderbird's databases ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_thunderbirds_address_book_and_collected_addresses_are_read_as_cards(form, tmp_path):
    folder = fixture("addressbook", TB)
    path = folder if form == "folder" else zip_folder(folder, tmp_path / "t.zip")
    records = records_of(path)
    assert people(records) == [
        (3, "3b0e8c1e-0a4f-4d3c-9a51-000000000001", "Zoë Brandt", "zoe.brandt@example.de", "+49 89 5550103",
         "Brandt & Söhne", "Einkäuferin"),
        (5, "3b0e8c1e-0a4f-4d3c-9a51-000000000002", None, "jonas.becker@example.org", None, None, None),
        # Thunderbird 102 and later: the card kept whole as a vCard, its number only there
        (6, "3b0e8c1e-0a4f-4d3c-9a51-000000000003", "Aylin Kaya", "aylin.kaya@example.net", "+49 30 5550102 99",
         None, None),
        (1, "5c7d2e10-6b1a-4f0e-8d22-000000000011", "Mateo García", "mateo.garcia@example.es", None, None, None),
        (2, "5c7d2e10-6b1a-4f0e-8d22-000000000012", None, "lena.vogt@example.ch", None, None, None)]
    # every e-mail and number a user sees on the card (work, mobile, home, as a vCard's are ranked), but the fax
    assert evidence(records, "3b0e8c1e-0a4f-4d3c-9a51-000000000001") == (
        ["zoe.brandt@example.de", "zb@example.com"], ["+49 89 5550103", "+49 171 5550101", "+49 30 5550102"])
    assert refused(records) == [("abook.sqlite", 7, "DisplayName, FirstName, LastName, PrimaryEmail, …Number: all "
                                                   "missing")]
    assert notes(records) == {
        "abook.mab.bak": ("unknown", "Thunderbird's copy of an old address book (Mork .mab.bak), kept when Thunderbird "
                                     "78 moved its cards into an .sqlite book, not read by this version: ingest that "
                                     "abook.sqlite (or abook-N.sqlite) instead; it holds the same cards", 0),
        "abook.sqlite": ("parsed", "cards of a Thunderbird address book; mailing lists (no one): 1", 4),
        "history.sqlite": ("parsed", "Thunderbird's Collected Addresses (history.sqlite): people the owner wrote to, "
                                     "not necessarily contacts", 2)}
    assert_nothing_lost(records)


def test_a_single_book_is_read_alone_whatever_its_name(tmp_path):
    path = tmp_path / "abook-1.sqlite"
    shutil.copy(fixture("addressbook", TB, "history.sqlite"), path)
    records = records_of(path)
    assert [a.display_name for a in records if isinstance(a, Account)] == ["Mateo García", None]
    assert notes(records)["abook-1.sqlite"][0] == "parsed"


def test_a_book_larger_than_the_limit_is_refused_as_a_zip_bomb_is(tmp_path, monkeypatch):
    monkeypatch.setenv("UNSOCIAL_MAX_ADDRESS_BOOK_BYTES", "5000")
    records = records_of(zip_folder(fixture("addressbook", TB), tmp_path / "t.zip"))
    assert notes(records)["abook.sqlite"] == (
        "unknown",
        "a Thunderbird address book larger than 5000 bytes (limit UNSOCIAL_MAX_ADDRESS_BOOK_BYTES): not read", 0)
    assert not [a for a in records if isinstance(a, Account)]


def test_a_damaged_book_is_a_clear_note_and_the_book_beside_it_is_read(tmp_path):
    folder = tmp_path / "profile"
    folder.mkdir()
    shutil.copy(fixture("addressbook", TB, "history.sqlite"), folder)
    (folder / "abook.sqlite").write_bytes(fixture("addressbook", TB, "abook.sqlite").read_bytes()[:4096])
    records = records_of(folder)
    handling, note, _ = notes(records)["abook.sqlite"]
    assert (handling, note.split(" (")[0]) == ("unknown", "a Thunderbird address book that cannot be read")
    assert len([a for a in records if isinstance(a, Account)]) == 2  # history.sqlite's


def test_another_programs_database_is_not_claimed_and_named(tmp_path):
    folder = tmp_path / "books"
    folder.mkdir()
    shutil.copy(fixture("addressbook", TB, "history.sqlite"), folder)
    _evolution_db(folder / "contacts.db")
    con = sqlite3.connect(folder / "other.sqlite")
    con.execute("create table people (name text)")
    con.commit()
    con.close()
    found = notes(records_of(folder))
    assert found["contacts.db"][:2] == ("unknown", "Evolution's address book database (contacts.db), not read by this "
                                                   "version: in Evolution, select the address book, File > Save as "
                                                   "vCard, and ingest that .vcf")
    assert found["other.sqlite"][:2] == ("unknown", "not a vCard, LDIF or address-book CSV: not read")


# --- what is not read: said with the program and how to export -----------------------------------------------------

def _evolution_db(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE folders (folder_id TEXT PRIMARY KEY, version INTEGER);"
                      "CREATE TABLE folder_id (uid TEXT PRIMARY KEY, full_name TEXT, email_1 TEXT, vcard TEXT);")
    con.commit()
    con.close()


def _zip(path: Path, *names: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, b"<contacts/>")
    return path


def _abbu(folder: Path) -> Path:
    (folder / "Sources" / "A1").mkdir(parents=True)
    for path in (folder / "AddressBook-v22.abcddb", folder / "Sources" / "A1" / "AddressBook-v22.abcddb"):
        path.write_bytes(b"SQLite format 3\x00" + bytes(200))
    return folder


MADE = {
    "abook.mab": lambda p: p.write_text(_MORK),
    "outlook.pst": lambda p: p.write_bytes(b"!BDN" + bytes(508)),
    "Archive.olm": lambda p: _zip(p, "Local/Address Book/Contacts.xml"),
    "olm-unzipped.zip": lambda p: _zip(p, "Accounts/x/y.xml", "Local/Address Book/Contacts.xml"),
    "Marta.wab": lambda p: p.write_bytes(bytes(range(256))),
    "Contacts Archive.abbu": lambda p: _abbu(p),
    "Contacts Archive.abbu.zip": lambda p: _zip(p, "Contacts Archive.abbu/AddressBook-v22.abcddb"),
    "contacts.db": _evolution_db,
}


@pytest.mark.parametrize("name, what", [
    ("abook.mab", "Thunderbird's old address book (Mork .mab, Thunderbird before 78)"),
    ("outlook.pst", "an Outlook data file (.pst or .ost)"),
    ("Archive.olm", "an Outlook for Mac archive (.olm)"),
    ("olm-unzipped.zip", "an Outlook for Mac archive (.olm)"),
    ("Marta.wab", "a Windows Address Book (.wab, Outlook Express or Windows Mail)"),
    ("Contacts Archive.abbu", "a macOS Contacts archive (.abbu, its AddressBook-v22.abcddb database)"),
    ("Contacts Archive.abbu.zip", "a macOS Contacts archive (.abbu, its AddressBook-v22.abcddb database)"),
    ("contacts.db", "Evolution's address book database (contacts.db)"),
])
def test_a_program_file_given_alone_is_refused_with_what_it_is_and_how_to_export(name, what, tmp_path):
    path = tmp_path / name
    if name.endswith(".abbu"):
        path.mkdir()
    MADE[name](path)
    problem, advice = why_unrecognised(path)
    assert problem == f"not a recognised export: {what}"
    assert any(form in advice for form in (".vcf", "vCard", "CSV"))


def test_a_thunderbird_profile_folder_names_the_books_to_ingest(tmp_path):
    profile = tmp_path / "abcd1234.default-release"
    shutil.copytree(fixture("addressbook", TB), profile)
    (profile / "prefs.js").write_text('user_pref("mail.collect_email_address_outgoing", true);\n')
    (profile / "session.json").write_text("{}")
    problem, advice = why_unrecognised(profile)
    assert "a Thunderbird profile folder" in problem
    assert advice.endswith("by their paths: abook.sqlite, history.sqlite")


def test_through_the_command_line(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("addressbook", TB), "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select records_read, records_loaded, records_quarantined from ingested_exports"
                           ).fetchall() == [(6, 5, 1)]
        rows = con.execute("select member, handling, what_to_do from not_read order by 1, 2").fetchall()
    assert rows == [
        ("abook.mab.bak", "unknown", "export the contacts or calendar from that program as the reason says, and "
                                     "ingest that file"),
        ("abook.sqlite", "quarantined", "nothing to do: the entry names nobody (no name, e-mail or phone)"),
        ("history.sqlite", "parsed", "nothing to do: the people you wrote to from Thunderbird, read as address-book "
                                     "entries though you may never have saved them as contacts")]
    assert [n for n in ("Zoë", "Brandt", "example.de") if n in result.out + result.err] == []


def test_a_pst_given_alone_fails_in_one_line(unsocial, tmp_path):
    path = tmp_path / "Outlook.pst"
    MADE["outlook.pst"](path)
    result = unsocial("ingest", path, "--db", tmp_path / "u.duckdb", "--owner", "marta")
    assert result.code == 1 and "Traceback" not in result.err
    assert "not a recognised export: an Outlook data file (.pst or .ost); in Outlook, export the contacts as CSV" \
        in result.err


# --- macOS Calendar's archive --------------------------------------------------------------------------------------

@pytest.mark.parametrize("vintage", [ICBU, ICAL])
def test_a_calendars_archive_is_read_and_its_companions_left_out_quietly(vintage):
    records = records_of(fixture("calendar", vintage), calendar)
    # the two meetings with someone (the third event of the 2024 archive is the owner's alone)
    assert sum(n.records_read for n in records if isinstance(n, MemberNote)) == 2
    assert {a.display_name for a in records if isinstance(a, Account)} >= {"Jonas Becker", "Aylin Kaya"}
    handled = {n.member.rsplit("/", 1)[-1]: n.handling for n in records if isinstance(n, MemberNote)
               if not n.member.endswith(".ics")}
    assert handled and set(handled.values()) == {"ignored"}, handled
    assert set(handled) <= {"Info.plist", "Calendar Cache", "Nodes.plist", "Index"}


def test_a_contacts_archive_beside_a_calendars_archive_is_named_not_lost(tmp_path):
    folder = tmp_path / "mac"
    shutil.copytree(fixture("calendar", ICBU), folder / "Calendars Archive.icbu")
    _abbu(folder / "Contacts Archive.abbu")
    records = records_of(folder, calendar)
    unknown = {n.member: n.note for n in records if isinstance(n, MemberNote) and n.handling == "unknown"}
    assert sorted(unknown) == ["Contacts Archive.abbu/AddressBook-v22.abcddb",
                               "Contacts Archive.abbu/Sources/A1/AddressBook-v22.abcddb"]
    assert all(note.startswith("a macOS Contacts archive (.abbu") and "Export vCard" in note
               for note in unknown.values())


# --- the fixtures ----------------------------------------------------------------------------------------------------

_TB_SCHEMA = """CREATE TABLE cards (uid TEXT PRIMARY KEY, localId INTEGER);
CREATE TABLE properties (card TEXT, name TEXT, value TEXT);
CREATE TABLE lists (uid TEXT PRIMARY KEY, localId INTEGER, name TEXT, nickName TEXT, description TEXT);
CREATE TABLE list_cards (list TEXT, card TEXT, PRIMARY KEY(list, card));
CREATE INDEX properties_card ON properties(card);
CREATE INDEX properties_name ON properties(name);
PRAGMA user_version = 2;"""
_AYLIN = ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Aylin Kaya\r\nN:Kaya;Aylin;;;\r\nEMAIL;PREF=1:aylin.kaya@example.net\r\n"
          "TEL;TYPE=cell;VALUE=TEXT:+49 30 5550102 99\r\nUID:3b0e8c1e-0a4f-4d3c-9a51-000000000003\r\nEND:VCARD\r\n")
_BOOK = [  # (uid, localId, properties): as Thunderbird writes them, PopularityIndex and LastModifiedDate on every card
    ("3b0e8c1e-0a4f-4d3c-9a51-000000000001", 3, {
        "DisplayName": "Zoë Brandt", "FirstName": "Zoë", "LastName": "Brandt", "NickName": "Zo",
        "PrimaryEmail": "zoe.brandt@example.de", "SecondEmail": "zb@example.com", "CellularNumber": "+49 171 5550101",
        "HomePhone": "+49 30 5550102", "WorkPhone": "+49 89 5550103", "FaxNumber": "+49 89 5550104",
        "Company": "Brandt & Söhne", "JobTitle": "Einkäuferin"}),
    ("3b0e8c1e-0a4f-4d3c-9a51-000000000002", 5, {"PrimaryEmail": "jonas.becker@example.org"}),
    ("3b0e8c1e-0a4f-4d3c-9a51-000000000003", 6, {"_vCard": _AYLIN, "DisplayName": "Aylin Kaya",
                                                 "PrimaryEmail": "aylin.kaya@example.net"}),
    ("3b0e8c1e-0a4f-4d3c-9a51-000000000004", 7, {"PreferMailFormat": "0"}),  # a card emptied: names nobody
]
_HISTORY = [
    ("5c7d2e10-6b1a-4f0e-8d22-000000000011", 1, {"DisplayName": "Mateo García",
                                                 "PrimaryEmail": "mateo.garcia@example.es"}),
    ("5c7d2e10-6b1a-4f0e-8d22-000000000012", 2, {"PrimaryEmail": "lena.vogt@example.ch"}),
]


def _tb_book(path: Path, cards, lists=()) -> None:
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.executescript(_TB_SCHEMA)
    for uid, local_id, props in cards:
        con.execute("insert into cards values (?, ?)", (uid, local_id))
        props = {**props, "PopularityIndex": "0", "LastModifiedDate": "1709280000"}
        con.executemany("insert into properties values (?, ?, ?)", [(uid, k, v) for k, v in props.items()])
    for uid, local_id, name, members in lists:
        con.execute("insert into lists values (?, ?, ?, '', '')", (uid, local_id, name))
        con.executemany("insert into list_cards values (?, ?)", [(uid, m) for m in members])
    con.commit()
    con.close()


def _plist(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(plistlib.dumps(data, fmt=plistlib.FMT_BINARY))


def _event(uid: str, start: str, summary: str, attendees=()) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20240401T090000Z", f"DTSTART;TZID=Europe/Berlin:{start}",
             f"DTEND;TZID=Europe/Berlin:{start[:9]}{int(start[9:11]) + 1:02d}0000", f"SUMMARY:{summary}"]
    if attendees:
        lines.append('ORGANIZER;CN="Marta Lind":mailto:marta.lind@example.se')
    lines += [f'ATTENDEE;CN="{cn}";PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:{mail}' for cn, mail in attendees]
    return "\r\n".join([*lines, "END:VEVENT"])


def _calendar(*events: str) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Apple Inc.//macOS 14.5//EN", "CALSCALE:GREGORIAN",
                        *events, "END:VCALENDAR", ""])


_MARTA = ("Marta Lind", "marta.lind@example.se")


def _icbu(root: Path) -> None:
    """macOS 10.8 and later: a copy of ~/Library/Calendars, one folder per account and calendar, one .ics per event."""
    shutil.rmtree(root, ignore_errors=True)
    _plist(root / "Info.plist", {"Version": 1})
    account = root / "28274580-C46A-4B5F-BEAD-C1862DF36708.caldav"
    _plist(account / "Info.plist", {"Title": "iCloud", "Type": "CalDAV"})
    events = account / "4458F49C-7C8B-46CE-8EBB-1D18CEB223D9.calendar" / "Events"
    _plist(events.parent / "Info.plist", {"Title": "Privat", "Type": "CalDAV", "Color": "#1BADF8"})
    events.mkdir()
    for uid, start, summary, who in (("E1", "20240312T100000", "Kaffee", ("Jonas Becker", "jonas.becker@example.org")),
                                     ("E2", "20240315T180000", "Abendessen", ("Aylin Kaya", "aylin.kaya@example.net"))):
        (events / f"{uid}.ics").write_text(_calendar(_event(uid, start, summary, [who, _MARTA])), newline="")
    local = root / "3A6B37BF-5A2C-4961-9124-76823DDFB2C5.calendar"
    _plist(local / "Info.plist", {"Title": "Zuhause", "Type": "Local"})
    (local / "Events").mkdir()
    (local / "Events" / "E3.ics").write_text(_calendar(_event("E3", "20240322T190000", "Kino")), newline="")
    con = sqlite3.connect(root / "Calendar Cache")
    con.execute("create table ZCALENDARITEM (Z_PK integer primary key, ZTITLE text)")
    con.commit()
    con.close()


def _ical(root: Path) -> None:
    """iCal 2 to 4 (Mac OS X 10.4 to 10.7): Nodes.plist, and each calendar's events in one corestorage.ics."""
    shutil.rmtree(root, ignore_errors=True)
    key = "C4EABD52-AF5C-45F1-9D4D-0ABE391A8381"
    _plist(root / "Nodes.plist", {"List": [{"SourceKey": key, "Type": "com.apple.ical.sources.naivereadwrite"}]})
    source = root / "Sources" / f"{key}.calendar"
    _plist(source / "Info.plist", {"Key": key, "Title": "Arbeit"})
    (source / "corestorage.ics").write_text(_calendar(
        _event("O1", "20070312T100000", "Kaffee", [("Jonas Becker", "jonas.becker@example.org"), _MARTA]),
        _event("O2", "20070315T180000", "Abendessen", [("Aylin Kaya", "aylin.kaya@example.net"), _MARTA])), newline="")
    (source / "Index").write_bytes(bytes(64))


def build_fixtures() -> None:
    book = fixture("addressbook", TB)
    book.mkdir(parents=True, exist_ok=True)
    _tb_book(book / "abook.sqlite", _BOOK, [("9d1f0000-0000-4000-8000-000000000001", 1, "Chor",
                                             ["3b0e8c1e-0a4f-4d3c-9a51-000000000001"])])
    _tb_book(book / "history.sqlite", _HISTORY)
    (book / "abook.mab.bak").write_text(_MORK)
    _icbu(fixture("calendar", ICBU))
    _ical(fixture("calendar", ICAL))


if __name__ == "__main__":
    build_fixtures()


def test_unsocial_run_says_what_a_program_s_file_in_the_inbox_is(unsocial, tmp_path):
    # Before: the run's table said "? | not a recognised export, ignored" of an Outlook .pst beside the journal, and
    # nothing more, where `unsocial ingest` of the file names the program and what to export instead
    inbox = tmp_path / "marta"
    inbox.mkdir()
    shutil.copy(fixture("journal", "comma", "journal.csv"), inbox)
    (inbox / "Outlook.pst").write_bytes(b"!BDN" + bytes(60))
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "reports")
    assert result.code == 0, result.err
    assert "not a recognised export, ignored (below)" in result.out
    assert "Outlook.pst: not a recognised export: an Outlook data file (.pst or .ost); in Outlook, export" in result.out
