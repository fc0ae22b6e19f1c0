"""A Google Takeout of products no source reads is a Takeout still: recognised, each product listed as it tells,
complete with no people (sweep 20).

Seen in real Takeouts: Voice alone (GunEcstasy/voice ``Takeout/Voice/``: Phones.vcf, Greetings/, Spam/), YouTube in
Catalan (``Takeout/YouTube i YouTube\\u00a0Music/``, a no-break space in Google's name), Google Pay, My Activity
(edwardtanoto/gdata ``Takeout/My Activity/Search/``). Each was "not a recognised export", exit 1, nothing listed;
under ``unsocial run``, Voice's Phones.vcf (the owner's own numbers) was loaded as a contact of no name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import fixture, query, zip_folder
from ingest.sources import addressbook, calendar, detect_source
from ingest.sources.archive import Export
from ingest.sources.takeout import product_note, product_of

VOICE = fixture("calls", "takeout-voice-2026")
YOUTUBE_CA = fixture("mixed", "takeout-youtube-ca-2026")
PAY = fixture("mixed", "takeout-pay-2026")
KEEP = fixture("addressbook", "takeout-contacts-keep-2026")
VOICE_GREETINGS = "Google Takeout: Google Voice's greetings and settings (no call or text page), holds no other person"
INDEX_NOTE = "Google Takeout's index: none of the products in this Takeout is one this version reads"


def ingest(unsocial, tmp_path: Path, export: Path) -> Path:
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "jana")
    assert result.code == 0, result.err
    return db


def not_read(db: Path) -> list[tuple]:
    return query(db, "select handling, reason, files from not_read order by handling, reason")


@pytest.fixture(params=["folder", "zip"])
def voice(request, tmp_path) -> Path:
    return VOICE if request.param == "folder" else zip_folder(VOICE, tmp_path / "takeout-20260101T000000Z-001.zip")


def test_a_takeout_of_voice_alone_is_read_as_a_call_log_and_each_file_listed(unsocial, tmp_path, voice):
    db = ingest(unsocial, tmp_path, voice)
    # its missed call names the number (test_calls_voice.py); the owner's own numbers are no contact
    assert query(db, "select source, records_read from ingested_exports") == [("calls", 1)]
    assert query(db, "select account_ref from raw_accounts") == [("+15550100003",)]
    assert not_read(db) == [
        ("ignored", "Google Takeout's index of the archive: no people", 1),
        ("ignored", "Google Voice's audio (a voicemail, a recorded call or a greeting): the call page beside it is "
                    "read", 1),
        ("ignored", "Google Voice's text messages: a message is no offline contact, not read", 1),
        ("no_people", "Google Voice's list of the owner's own phone numbers: no contact in it", 1),
    ]


def test_voice_phones_are_no_contact_under_run(unsocial, tmp_path):
    inbox = tmp_path / "jana"
    shutil.copytree(VOICE, inbox)  # the Takeout unpacked into the inbox: inbox/Takeout/…
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "reports")
    assert result.code == 0, result.err
    db = tmp_path / "u.duckdb"
    assert query(db, "select source, export_path from ingested_exports") == [("calls", "Takeout")]
    assert query(db, "select account_ref from raw_accounts") == [("+15550100003",)]  # the caller, not the owner


def test_catalan_youtube_with_a_no_break_space_is_youtube(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, YOUTUBE_CA)
    assert not_read(db) == [
        ("ignored", "Google Takeout: YouTube and YouTube Music, holds no other person", 2),
        ("no_people", INDEX_NOTE, 1),
    ]


def test_google_pay_is_listed_as_naming_other_people(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, PAY)
    [(handling, reason, files)] = query(db, "select handling, reason, files from not_read where handling = 'unknown'")
    assert (handling, files) == ("unknown", 2)
    assert reason.startswith("Google Takeout: Google Pay") and "name other people" in reason
    assert "open an issue" not in query(db, "select what_to_do from not_read where handling = 'unknown'")[0][0]


def test_a_takeout_of_keep_alone_is_recognised(tmp_path):
    keep = tmp_path / "keep"
    shutil.copytree(KEEP, keep, ignore=shutil.ignore_patterns("Contacts"))
    assert detect_source(Export(keep)) is addressbook


def test_a_takeout_with_a_calendar_keeps_voice_with_the_calendar(tmp_path):
    takeout = tmp_path / "takeout"
    shutil.copytree(VOICE, takeout)
    (takeout / "Takeout" / "Calendar").mkdir()
    (takeout / "Takeout" / "Calendar" / "jana@example.com.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nEND:VCALENDAR\r\n")
    assert detect_source(Export(takeout)) is calendar


def test_an_unrelated_folder_named_takeout_inside_is_not_claimed(tmp_path):
    folder = tmp_path / "notes"
    (folder / "Takeout" / "Recipes").mkdir(parents=True)
    (folder / "Takeout" / "Recipes" / "soup.txt").write_text("leeks, potatoes\n")
    assert not addressbook.detect(Export(folder))


@pytest.mark.parametrize(("member", "product", "note"), [
    ("Takeout/YouTube i YouTube\u00a0Music/historial/x.html", "YouTube i YouTube Music",
     ("ignored", "Google Takeout: YouTube and YouTube Music, holds no other person")),
    ("Takeout/Meine Aktivitäten/Google Suche/MeineAktivitäten.html", "Meine Aktivitäten",
     ("ignored", "Google Takeout: My Activity, holds no other person")),
    ("Takeout/My Activity/Search/MyActivity.html", "My Activity",
     ("ignored", "Google Takeout: My Activity, holds no other person")),
    ("Takeout/Voice/Greetings/greeting.mp3", "Voice", ("ignored", VOICE_GREETINGS)),
])
def test_localised_products_are_known(member, product, note):
    assert product_of(member) == product
    assert product_note(member) == note
