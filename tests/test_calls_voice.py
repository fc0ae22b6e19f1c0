"""Google Voice's call pages in a Google Takeout are a call log (docs/formats.md, Phone call logs): placed, received
and recorded calls that lasted are offline calls, missed calls and voicemails only name the number, a withheld caller
and a call in spam count for no one; text pages, audio and ``Phones.vcf`` are listed, never read as people. Before,
a Takeout of Voice was the address book's, every page "Google Voice calls and texts, not read by this version"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import assert_nothing_lost, export_counts, fixture, parse, query, zip_folder
from ingest.models import Account, Interaction, Quarantined
from ingest.sources import calls, detect_source, split_export
from ingest.sources.archive import Export
from ingest.sources.calls.records import HIDDEN
from ingest.sources.calls import voice

VOICE = fixture("calls", "google-voice-2018")
MIXED_VOICE = fixture("calls", "takeout-voice-2026")
JANA, OTTO, MIRA = "+13035550101", "+13035550102", "+13035550103"
CALLS_DIR = "Takeout/Voice/Calls/"


def not_read(db: Path) -> list[tuple]:
    return query(db, "select handling, reason, files, records from not_read order by handling, reason")


def ingest(unsocial, tmp_path: Path, export: Path) -> Path:
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "jana")
    assert result.code == 0, result.err
    return db


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_takeout_of_voice_gives_its_calls_to_the_call_log(unsocial, tmp_path, form):
    export = VOICE if form == "folder" else zip_folder(VOICE, tmp_path / "takeout-20180610T000000Z-001.zip")
    db = ingest(unsocial, tmp_path, export)
    # 8 call pages: 6 read, the withheld caller and the call in spam refused
    assert export_counts(db) == [("calls", 8, 6, 2)]
    assert query(db, "select account_ref, direction, occurred_at::varchar, mode from raw_interactions "
                     "order by occurred_at") == [
        (MIRA, "out", "2017-07-27 01:16:04", "call"),  # the older name, no label: its tag says placed
        (JANA, "out", "2018-05-30 23:14:02", "call"),  # 17:14:02 at -06:00, in UTC
        (JANA, "in", "2018-06-01 18:00:00", "call"),
        (MIRA, "in", "2018-06-03 02:00:00", "call"),  # recorded: Voice records only calls answered
    ]
    # the missed call and the voicemail only name Otto's number; no spam caller, no owner's number
    assert query(db, "select distinct account_ref, display_name from raw_accounts order by 1") == [
        (JANA, "Jana Beispiel"), (OTTO, "Otto Krämer"), (MIRA, "Mira Lindqvist")]
    assert not_read(db) == [
        ("ignored", "Google Takeout's index of the archive: no people", 1, None),
        ("ignored", voice.AUDIO_NOTE, 2, None),
        ("ignored", voice.TEXT_NOTE, 1, None),
        ("no_people", voice.PHONES_NOTE, 1, None),
        ("quarantined", voice.SPAM, 1, 1),
        ("quarantined", HIDDEN, 1, 1),
    ]
    assert query(db, "select count(*) from not_read where what_to_do like 'a reason this version has no advice%'"
                 ) == [(0,)]


def test_each_page_is_one_call_and_nothing_is_lost():
    records = parse(Export(VOICE))
    assert [(q.member.removeprefix("Takeout/Voice/"), q.reason) for q in records if isinstance(q, Quarantined)] == [
        ("Calls/ - Received - 2018-06-04T16_00_00Z.html", HIDDEN),
        ("Spam/Win A Cruise - Received - 2018-06-06T15_00_00Z.html", voice.SPAM)]
    assert sum(isinstance(r, Interaction) for r in records) == 4
    assert_nothing_lost(records)


def test_voice_in_a_takeout_with_calendar_and_contacts_is_read_as_calls(unsocial, tmp_path):
    takeout = tmp_path / "takeout"
    shutil.copytree(VOICE, takeout)
    (takeout / "Takeout" / "Calendar").mkdir()
    (takeout / "Takeout" / "Calendar" / "jana@example.com.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nEND:VCALENDAR\r\n")
    (takeout / "Takeout" / "Contacts" / "My Contacts").mkdir(parents=True)
    (takeout / "Takeout" / "Contacts" / "My Contacts" / "My Contacts.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jana Beispiel\r\nTEL;TYPE=CELL:+1 303-555-0101\r\nEND:VCARD\r\n")
    parts = {module.NAME: part.members() for module, part in split_export(Export(takeout))}
    assert sorted(parts) == ["addressbook", "calendar", "calls"]
    assert all(member.startswith("Takeout/Voice/") for member in parts["calls"])
    db = ingest(unsocial, tmp_path, takeout)
    assert ("calls", 8, 6, 2) in export_counts(db)
    assert query(db, "select count(*) from raw_interactions where mode = 'call'") == [(4,)]


def test_voice_beside_a_product_no_source_reads_is_the_call_logs(unsocial, tmp_path):
    takeout = tmp_path / "takeout"
    shutil.copytree(VOICE, takeout)
    (takeout / "Takeout" / "Fit" / "All Data").mkdir(parents=True)
    (takeout / "Takeout" / "Fit" / "All Data" / "steps.json").write_text("[]")
    assert detect_source(Export(takeout)) is calls
    db = ingest(unsocial, tmp_path, takeout)
    assert export_counts(db) == [("calls", 8, 6, 2)]
    assert ("ignored", "Google Takeout: Google Fit, holds no other person", 1, None) in not_read(db)


def test_the_mixed_takeout_of_voice_reads_its_missed_call(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, MIXED_VOICE)
    assert export_counts(db) == [("calls", 1, 1, 0)]
    # a link of the number alone: the name is the file name's
    assert query(db, "select account_ref, display_name from raw_accounts") == [("+15550100003", "Karl Muster")]
    assert query(db, "select count(*) from raw_interactions") == [(0,)]


@pytest.mark.parametrize(("tags", "name", "title", "code"), [
    (["placed"], "x - Received - 2018-01-01T00_00_00Z.html", "Received call from x", "2"),  # tags first
    ([], "x - Missed - 2018-01-01T00_00_00Z.html", "Placed call to x", "3"),  # then the file name's label
    ([], "x - 2018-01-01T00_00_00Z.html", "Voicemail from x", "4"),  # then the title
    (["recorded"], "x - Recorded - 2018-01-01T00_00_00Z.html", "", "1"),
    (["spam", "unread"], "x - 2017-07-27T01_16_04Z.html", "x", None),  # no kind: the number only
])
def test_the_kind_of_a_call_page(tags, name, title, code):
    assert voice._kind(tags, f"{CALLS_DIR}{name}", title) == code


@pytest.mark.parametrize(("value", "ms"), [
    ("2018-05-30T17:14:02.000-06:00", "1527722042000"), ("2026-01-03T09:00:00.000-05:00", "1767448800000"),
    ("", None), ("May 30", None)])
def test_the_time_of_a_call_page_is_utc_milliseconds(value, ms):
    assert voice._unix_ms(value) == ms


def test_text_pages_alone_are_no_call():
    records = parse(Export(VOICE))
    assert not any(isinstance(a, Account) and "Text" in a.member for a in records)


def test_a_page_too_large_for_a_call_page_is_refused_unread(tmp_path):
    folder = tmp_path / "Takeout" / "Voice" / "Calls"
    folder.mkdir(parents=True)
    page = folder / "Jana - Placed - 2018-05-30T23_14_02Z.html"
    page.write_bytes(b'<html><body><div class="haudio">' + b"x" * (2 << 20) + b"</div></body></html>")
    [call] = list(voice.calls(Export(page), page.name))
    assert call.problem == voice.TOO_LARGE
