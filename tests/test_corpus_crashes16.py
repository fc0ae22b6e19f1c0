"""Sweep 16, the test corpora of calendar and vCard libraries given to ``unsocial ingest`` as users would.

About 1,200 files and 110 folders (libical, ical4j, icalendar, ical.js, khal, ez-vcard, vobject, sabre/vobject,
Thunderbird, KDE kcalendarcore and kcontacts, Radicale, ical.net, AOSP vcard, evolution-data-server): no traceback,
no hang. What they found is the refusal: every file or folder no source reads said "not a recognised export;
expected one of: linkedin, facebook, …", whatever was wrong. Each such refusal now says what it is and what to do
(``ingest.sources.unrecognised``), in one line that names the path and nobody in it.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from conftest import fixture, query

# not exports of their own (tests/test_unread.py reads every folder under fixtures/exports as one): inputs refused
REFUSED = Path(__file__).parent / "fixtures" / "refused"
BARE = REFUSED / "khal-bare-vevent-2014"
MIXED = REFUSED / "thunderbird-test-data-2026"
NAMES = ("Greta", "Lindqvist", "Tomas", "Ines", "Walter", "Lena", "Vogel", "Jonas", "example")


def refusal(unsocial, path) -> str:
    """The one-line error of an ingest that must be refused."""
    result = unsocial("ingest", path, "--db", path.parent / "refused.duckdb", "--owner", "marta")
    assert result.code == 1 and "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1
    assert [name for name in NAMES if name in result.err.replace(str(path), "")] == []
    return lines[0]


def test_an_event_saved_without_its_calendar_says_so_and_what_to_do(unsocial, tmp_path):
    """khal's tests/ics/*.ics: one VEVENT, no VCALENDAR around it (also a calendar app's "save this event")."""
    for path in (shutil.copytree(BARE, tmp_path / "bare"), tmp_path / "bare" / "event_dt_partstat.ics"):
        line = refusal(unsocial, path)
        assert "not a recognised export: one BEGIN:VEVENT without its BEGIN:VCALENDAR" in line
        assert line.endswith("export the whole calendar from your calendar app and ingest that file")


def test_an_empty_download_and_an_empty_folder_are_named_as_such(unsocial, tmp_path):
    (tmp_path / "Kalender.ics").write_bytes(b"")
    (tmp_path / "contacts.ldif").write_bytes(b"\r\n\x00\x00")
    (tmp_path / "export").mkdir()
    assert "the file is empty; export or download it again" in refusal(unsocial, tmp_path / "Kalender.ics")
    assert "the file is empty" in refusal(unsocial, tmp_path / "contacts.ldif")
    assert "the folder is empty; pass the folder or zip" in refusal(unsocial, tmp_path / "export")


def test_a_gzipped_calendar_is_said_to_be_compressed(unsocial, tmp_path):
    calendar = fixture("calendar", "google-2026", "Takeout", "Calendar", "marta@example.se.ics")
    path = tmp_path / "marta@example.se.ics.gz"
    path.write_bytes(gzip.compress(calendar.read_bytes()))
    assert "the file is compressed (gzip); decompress it" in refusal(unsocial, path)


def test_a_file_named_as_a_calendar_or_ldif_that_is_none_names_its_first_line(unsocial, tmp_path):
    (tmp_path / "Arbeit.ics").write_text("<html><body>Please sign in</body></html>\n")
    (tmp_path / "Kontakte.ldif").write_text("<html><body>Session expired</body></html>\n")
    calendar, card = refusal(unsocial, tmp_path / "Arbeit.ics"), refusal(unsocial, tmp_path / "Kontakte.ldif")
    assert "named as a calendar, but it does not begin with BEGIN:VCALENDAR" in calendar
    assert "named as an LDIF address book, but it does not begin with dn:" in card


def test_a_file_of_no_known_kind_keeps_the_plain_error(unsocial, tmp_path):
    (tmp_path / "notes.json").write_text('{"notes": []}')
    assert refusal(unsocial, tmp_path / "notes.json").endswith(
        "not a recognised export; expected one of: linkedin, facebook, twitter, xing, addressbook, calendar, journal, "
        "calls")


def test_a_folder_of_address_books_beside_json_counts_them_and_points_to_run(unsocial, tmp_path):
    """Thunderbird's mailnews/addrbook/test/unit/data: export.vcf and export.ldif beside a .json and a .js, which make
    the folder no address book (addressbook._OTHER_SOURCES); refused whole, the error said nothing of the cards."""
    line = refusal(unsocial, shutil.copytree(MIXED, tmp_path / "data"))
    assert "not a recognised export as a whole: it holds 2 exports of their own (addressbook 2) beside 2 files" in line
    assert "give the folder to `unsocial run`" in line


def test_the_folder_given_to_run_loads_every_card(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(MIXED, inbox / "data")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports")
    assert result.code == 0, result.err
    assert query(db, "select display_name from raw_accounts order by 1") == [
        ("Ines Walter",), ("Jonas Weber",), ("Lena Vogel",)]
    assert query(db, "select count(*) from quarantine") == [(1,)]  # the card that names nobody


def test_a_tarball_no_source_reads_is_not_said_to_need_decompressing(unsocial, tmp_path):
    import tarfile

    (tmp_path / "notes.txt").write_text("shopping: bread\n")
    with tarfile.open(tmp_path / "backup.tar.gz", "w:gz") as tar:
        tar.add(tmp_path / "notes.txt", arcname="notes.txt")
    line = refusal(unsocial, tmp_path / "backup.tar.gz")
    assert "not a recognised export" in line and "compressed" not in line
