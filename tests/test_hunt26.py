"""Losses a hunt of session 26 found on shapes of real folders and exports, each read now."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime

import pytest

from conftest import FIXTURES_WRITTEN, fixture, ingest_as_marta, query

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mara Quendt\r\nN:Quendt;Mara;;;\r\nTEL;TYPE=CELL:+12025550143\r\nEND:VCARD\r\n"


def test_one_vcard_beside_a_note_is_read_and_the_note_listed(unsocial, tmp_path):
    """A folder of one address book and a note (``notes.txt``): the note counted as another platform's table, and
    the folder was "not a recognised export as a whole", its contacts lost."""
    folder = tmp_path / "Handy"
    folder.mkdir()
    (folder / "Kontakte.vcf").write_text(CARD, encoding="utf-8")
    (folder / "notes.txt").write_text("Einkaufsliste: Milch\nBrot\n", encoding="utf-8")
    db = ingest_as_marta(unsocial, tmp_path, folder)
    assert query(db, "select display_name from raw_accounts where not is_owner") == [("Mara Quendt",)]
    assert query(db, "select member, handling from not_read") == [("notes.txt", "unknown")]


def test_one_vcard_beside_a_table_of_another_kind_is_still_not_taken_whole(unsocial, tmp_path):
    """A real table beside the card (a bank's statement) may be another export: the folder is not guessed, and the
    message says to give the exports by their paths."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / "Kontakte.vcf").write_text(CARD, encoding="utf-8")
    (folder / "statement.csv").write_text("Date,Amount,Payee\n2026-01-02,12.50,Bakery\n", encoding="utf-8")
    result = unsocial("ingest", folder, "--db", tmp_path / "u.duckdb", "--owner", "marta")
    assert result.code == 1
    assert "ingest those exports by their paths" in result.err


def test_a_call_log_beside_the_cards_is_read_by_the_calls_source(unsocial, tmp_path):
    """iMazing's call history saved beside the phone's contacts: the CSV counted as another platform's table, and
    neither the cards nor the calls were read."""
    folder = tmp_path / "iPhone"
    folder.mkdir()
    (folder / "Kontakte.vcf").write_text(CARD, encoding="utf-8")
    (folder / "Call History - 2026-02-03 21 10 00.csv").write_text(
        "Call type,Date,Duration,Number,Contact,Location,Service\n"
        "Outgoing,2026-01-15 09:30:00,00:04:10,+12025550143,Mara Quendt,United States,Phone: +12025550143\n",
        encoding="utf-8")
    db = ingest_as_marta(unsocial, tmp_path, folder)
    assert query(db, "select source from ingested_exports order by 1") == [("addressbook",), ("calls",)]
    assert query(db, "select kind, direction, is_offline from raw_interactions") == [("call", "out", True)]


GROUP_POSTS = "your_facebook_activity/groups/group_posts_and_comments.json"


@pytest.mark.parametrize("member", [GROUP_POSTS, "groups/your_posts_in_groups.json"])
def test_comments_in_groups_under_their_names_of_2021_to_2026_are_read(unsocial, tmp_path, member):
    """The posts and comments in groups (``group_posts_v2``) under 2021-22's and 2023-26's names were taken for the
    owner's own activity ("nothing to do"): the owner's comments on others' posts in groups were lost."""
    export = shutil.copytree(fixture("facebook", "f6-2025-group-posts"), tmp_path / "facebook-lenavogel")
    if member != GROUP_POSTS:
        (export / member).parent.mkdir(parents=True)
        (export / GROUP_POSTS).rename(export / member)
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "lena")
    assert result.code == 0, result.err
    assert query(db, "select kind, direction, account_ref from raw_interactions where kind = 'comment' order by all") \
        == [("comment", "out", "Ida Falk"), ("comment", "out", "Jonas Weber")]  # the owner's own post names nobody
    [(read, loaded, quarantined)] = query(db, "select records_read, records_loaded, records_quarantined "
                                              "from ingested_exports")
    assert read == loaded + quarantined and quarantined == 0
    assert "group_posts_and_comments" not in result.out and "your_posts_in_groups" not in result.out  # not left out


def test_a_renamed_file_whose_records_name_others_is_unknown_not_the_owners_own(unsocial, tmp_path):
    """A file Facebook renames again is no longer "the owner's own activity, nothing to do" when its records name
    an author: the owner is told of a file this version does not read."""
    export = shutil.copytree(fixture("facebook", "f6-2025-group-posts"), tmp_path / "facebook-lenavogel")
    (export / GROUP_POSTS).rename(export / GROUP_POSTS.replace(".json", "_2027.json"))
    result = unsocial("ingest", export, "--db", tmp_path / "u.duckdb", "--owner", "lena")
    assert result.code == 0, result.err
    assert "unknown file your_facebook_activity/groups/group_posts_and_comments_2027.json" in result.out
    assert "name other people" in result.out


def test_names_written_in_base64_are_read_as_names(unsocial, tmp_path):
    """An iPhone address book exported by iDevice Manager wrote names with letters beyond ASCII in base64: they were
    kept as "UsO8ZGlnZXIgS8Okc3RuZXI=", those people unreadable and linked to no one by name."""
    folder = tmp_path / "iPhone"
    folder.mkdir()
    (folder / "Kontakte.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN;ENCODING=b;CHARSET=utf-8:S8Okc3RuZXI7UsO8ZGlnZXI7Ozs=\r\n"
        "FN;ENCODING=b;CHARSET=utf-8:UsO8ZGlnZXIgS8Okc3RuZXI=\r\nTEL;TYPE=CELL:+12025550143\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=BASE64:TcO8bGxlcjtKw7ZyZzs7Ow==\r\n"
        "FN;CHARSET=UTF-8;ENCODING=BASE64:SsO2cmcgTcO8bGxlcg==\r\nTEL;CELL:+12025550178\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN;ENCODING=b:not base64!\r\nTEL:+12025550199\r\nEND:VCARD\r\n",
        encoding="utf-8")
    db = ingest_as_marta(unsocial, tmp_path, folder)
    assert query(db, "select display_name from raw_accounts where not is_owner order by 1") == [
        ("Jörg Müller",), ("Rüdiger Kästner",), ("not base64!",)]


def test_zones_named_by_a_vendors_path_are_read_without_a_warning_on_the_terminal(tmp_path):
    """Old Lightning and Evolution name zones ``/mozilla.org/20050126_1/Europe/Berlin``: read as the zone at the path's
    end, and icalendar's warning of it printed on the terminal for every time, before the summary."""
    folder = tmp_path / "calendar"
    folder.mkdir()
    (folder / "calendar.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
        "BEGIN:VEVENT\r\nUID:m1@example.org\r\nDTSTAMP:20050311T090000Z\r\n"
        "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20050310T190000\r\nSUMMARY:Essen\r\n"
        "ORGANIZER;CN=Marta Lindqvist:mailto:marta@example.se\r\n"
        "ATTENDEE;CN=Jonas Weber;PARTSTAT=ACCEPTED:mailto:jonas.weber@example.de\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8")
    os.utime(folder / "calendar.ics", (FIXTURES_WRITTEN, FIXTURES_WRITTEN))
    db = tmp_path / "u.duckdb"
    done = subprocess.run([sys.executable, "-c", "from ingest.cli import main; main()", "ingest", str(folder), "--db",
                           str(db), "--owner", "marta"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "GloballyUniqueTZID" not in done.stderr
    assert query(db, "select account_ref, occurred_at from raw_interactions") == [
        ("jonas.weber@example.de", datetime(2005, 3, 10, 18, 0))]


@pytest.mark.parametrize("name, content, advice", [
    ("contacts.json", '[["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Mara Quendt"]]]]',
     "vCard (.vcf)"),
    ("calendar.json", '["vcalendar", [["version", {}, "text", "2.0"]], [["vevent", [], []]]]', "iCalendar (.ics)"),
    ("contacts.xml", '<?xml version="1.0"?><vcards xmlns="urn:ietf:params:xml:ns:vcard-4.0"><vcard/></vcards>',
     "vCard (.vcf)"),
    ("calendar.xml", '<?xml version="1.0"?><icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"/>',
     "iCalendar (.ics)")])
def test_contacts_and_calendars_in_their_json_and_xml_forms_say_what_to_export_instead(unsocial, tmp_path, name,
                                                                                     content, advice):
    """jCard, jCal, xCard and xCal (what sabre/dav servers hand out on request) were a plain "not a recognised
    export"; the same data is a click away as .vcf or .ics."""
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = unsocial("ingest", tmp_path / name, "--db", tmp_path / "u.duckdb", "--owner", "marta")
    assert result.code == 1
    assert f"export the same again as {advice}" in result.err and "Mara" not in result.err
