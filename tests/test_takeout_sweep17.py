"""What of a Google Takeout is not read is shown to the owner, with the right reason (issue 13).

Seen in a real Takeout of 2025 (TechnoSmack/TechnoSmack ``Takeout/``): the empty ``.vcf`` Takeout writes for a label
with no contact was in no row of ``not_read``, and the files of the products no source reads (Hangouts, Groups,
Currents Stream, Drive) were "no calendar, and of a kind this version does not know" under the calendar."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import fixture, zip_folder
from ingest.models import MemberNote, Quarantined
from ingest.sources.archive import Export
from ingest.sources.calendar.companions import NAMED_AS_CALENDAR, OF_UNKNOWN_KIND, other_member
from ingest.sources.takeout import product_note
from ingest.sources.vcard import EMPTY, parse_member

MIXED = fixture("mixed", "takeout-hangouts-2025")
CONTACTS = fixture("addressbook", "takeout-empty-label-2025")
EMPTY_LABELS = ["Takeout/Contacts/Solar/Solar.vcf", "Takeout/Contacts/Starred in Android/Starred in Android.vcf"]


@pytest.fixture(params=["folder", "zip"])
def mixed(request, tmp_path) -> Path:
    return MIXED if request.param == "folder" else zip_folder(MIXED, tmp_path / "takeout-20250301T101010Z-001.zip")


def ingest(unsocial, tmp_path: Path, export: Path) -> Path:
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "odile")
    assert result.code == 0, result.err
    return db


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


# --- an empty label's vCard file --------------------------------------------------------------------------------------

def test_an_empty_labels_vcard_is_left_out_as_empty(mixed, unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, mixed)
    rows = query(db, "select source, member, handling, reason, files from not_read where member like '%.vcf'")
    assert rows == [("addressbook", EMPTY_LABELS[0], "ignored", EMPTY, 2)]  # files left out for one reason: one row
    assert query(db, "select records_loaded from ingested_exports where source = 'addressbook'") == [(2,)]


def test_a_blank_vcard_file_is_left_out_as_empty_and_text_is_still_refused(tmp_path):
    (tmp_path / "blank.vcf").write_bytes(b"\r\n  \r\n")
    (tmp_path / "text.vcf").write_bytes(b"not a card\r\n")
    export = Export(tmp_path)
    blank = list(parse_member(export, "blank.vcf", lambda *_: []))
    assert blank == [MemberNote(member="blank.vcf", line=0, handling="ignored", note=EMPTY)]
    text = list(parse_member(export, "text.vcf", lambda *_: []))
    assert [type(r) for r in text] == [Quarantined, MemberNote] and text[-1].records_read == 1


# --- the products no source reads ------------------------------------------------------------------------------------

def test_the_products_no_source_reads_are_named_with_what_they_hold(mixed, unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, mixed)
    rows = query(db, "select member, handling, reason from not_read where source = 'calendar' "
                     "and handling in ('unknown', 'ignored') order by 1")
    assert rows == [
        ("Takeout/Currents Stream/Tags/Followed Tags.html", "unknown",
         "Google Takeout: Currents posts, comments and likes, not read by this version"),
        ("Takeout/Drive/Business Plan/business_plan.txt", "ignored",
         "Google Takeout: Google Drive (the owner's own files), holds no other person"),
        ("Takeout/Groups/info.csv", "unknown",  # and members.csv: a product's files, one row
         "Google Takeout: Google Groups (its members and messages), not read by this version"),
        ("Takeout/Hangouts/Hangouts.json", "unknown", "Google Takeout: Hangouts chats, not read by this version"),
        ("Takeout/archive_browser.html", "ignored", "Takeout's index of the archive: no people")]


def test_every_file_of_the_takeout_is_accounted_for(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, MIXED)
    files = sorted(p.relative_to(MIXED).as_posix() for p in MIXED.rglob("*") if p.is_file())
    listed = {m for (m,) in query(db, "select member from raw_members")}
    assert listed == set(files)
    not_read = "select sum(files) from not_read where handling in ('unknown', 'ignored', 'no_people')"
    members = "select count(*) from raw_members where handling in ('unknown', 'ignored', 'no_people')"
    assert query(db, not_read) == query(db, members)  # each file not read stands in a row, alone or with its kind
    read = {m for (m,) in query(db, "select member from raw_members where records_read > 0")}
    assert read | {m for (m,) in query(db, members.replace("count(*)", "member"))} == set(files)


def test_a_takeout_of_contacts_without_calendar_names_the_other_products(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, CONTACTS)
    assert query(db, "select member, handling, reason from not_read order by 1") == [
        ("Takeout/Contacts/Solar/Solar.vcf", "ignored", EMPTY),
        ("Takeout/Fit/Daily activity metrics/Daily activity metrics.csv", "ignored",
         "Google Takeout: Google Fit, holds no other person"),
        ("Takeout/Hangouts/Hangouts.json", "unknown", "Google Takeout: Hangouts chats, not read by this version"),
        ("Takeout/archive_browser.html", "ignored", "a photo or the archive's index: no people")]
    assert query(db, "select source, records_read, records_loaded from ingested_exports") == [("addressbook", 2, 2)]


@pytest.mark.parametrize(("member", "handling", "what"), [
    ("Takeout/Google Chat/Groups/DM abc/messages.json", "unknown", "Google Chat messages"),
    ("Takeout/Mail/All mail Including Spam and Trash.mbox", "unknown", "Gmail's mail"),
    # Voice's call and text pages are the call log's (test_calls_voice.py); left to a product note, a Voice of none
    ("Takeout/Voice/Greetings/greeting.mp3", "ignored", "Google Voice's greetings and settings (no call or text page)"),
    ("Takeout/Keep/Shopping.json", "unknown", "Keep notes (a shared note names its collaborators)"),
    ("takeout-001/Takeout/Fit/All Data/steps.json", "ignored", "Google Fit"),
    ("Takeout/YouTube and YouTube Music/history/watch-history.json", "ignored", "YouTube and YouTube Music"),
    ("Takeout/Google Photos/2024/IMG_1.jpg", "ignored", "Google Photos"),
    ("Takeout/Maps (your places)/Saved Places.json", "ignored", "Google Maps (your places)"),
])
def test_each_product_is_told_by_what_it_holds(member, handling, what):
    note = other_member(member)
    assert (note.handling, note.note.split(", ")[0]) == (handling, f"Google Takeout: {what}")


def test_files_outside_known_products_keep_an_honest_reason():
    assert product_note("Takeout/Blogger/Blogs/feed.atom") == (
        "unknown", 'Google Takeout: a file of the product folder "Blogger", of a kind this version does not know')
    assert other_member("Takeout/Calendar/broken.ics").note == NAMED_AS_CALENDAR
    assert other_member("Takeout/Drive/old.ics").handling == "ignored"  # the owner's own file in Drive
    assert other_member("Documents/shopping.txt").note == OF_UNKNOWN_KIND
    assert product_note("Takeout/archive_browser.html") is None
