"""What the run summary says of the files of a calendar export that are no calendar (sweep of issue #13, round 15).

Every such file was "unknown … not read as a calendar: if it is one, export it again from your calendar app as
.ics": Apple's ``Calendar Metadata.json``, Radicale's ``.Radicale.props`` and a shopping list alike. Now a known
companion that names nobody is left out on purpose ("nothing to do"), a file named ``.ics`` that is none keeps the
advice to export again, and any other file gets the advice for a file of unknown kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import export_counts as counts, fixture, query, zip_folder
from ingest.sources.calendar.companions import other_member

FOLDER = fixture("calendar", "folder-with-others-2026")
APPLE_CALENDARS = fixture("mixed", "apple-privacy-2026", "iCloud Calendars and Reminders.zip")
RADICALE = fixture("mixed", "radicale-storage-2025")
TAKEOUT = fixture("calendar", "google-2026")
EXPORT_AGAIN = "not read as a calendar: if it is one, export it again from your calendar app as .ics"
UNKNOWN_KIND = "this version does not read it; if it holds people, open an issue with its file name and header"
NOTHING_TO_DO = "nothing to do: it holds no other person, or the same records are read from another file"


def ingest(unsocial, tmp_path: Path, export: Path) -> tuple[Path, str]:
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    return db, result.out


def listed(db: Path) -> list[tuple]:
    """(file name, handling, advice) of every file not read, or read with nobody in it."""
    rows = query(db, "select member, handling, what_to_do from not_read where handling != 'quarantined' order by 1")
    return [(member.rsplit("/", 1)[-1], handling, advice) for member, handling, advice in rows]


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_shopping_list_and_a_login_page_saved_as_ics_are_told_apart(unsocial, tmp_path, form):
    export = FOLDER if form == "folder" else zip_folder(FOLDER, tmp_path / "Kalender.zip")
    db, out = ingest(unsocial, tmp_path, export)
    assert counts(db) == [("calendar", 2, 1, 1)]
    assert query(db, "select account_ref from raw_interactions") == [("ilka.moravec@example.cz",)]
    assert query(db, "select reason from raw_quarantine") == [("DTSTART: not a valid value",)]
    assert [(name, handling, advice[:len(UNKNOWN_KIND)]) for name, handling, advice in listed(db)] == [
        ("Arbeit.ics", "unknown", EXPORT_AGAIN[:len(UNKNOWN_KIND)]),
        ("Einkaufsliste.txt", "unknown", UNKNOWN_KIND)]
    assert f"unknown file Einkaufsliste.txt (no calendar, and of a kind this version does not know): {UNKNOWN_KIND}" \
        in out
    assert "Einkaufsliste.txt: not read as a calendar" not in out


def test_apple_s_calendar_metadata_is_left_out_with_nothing_to_do(unsocial, tmp_path):
    db, out = ingest(unsocial, tmp_path, APPLE_CALENDARS)
    assert counts(db) == [("calendar", 2, 1, 1)]
    assert listed(db)[0] == ("Calendar Metadata.json", "ignored", NOTHING_TO_DO)
    assert "1 file left out on purpose: nothing to do" in out
    assert "unknown file" not in out and "export it again from your calendar app" not in out


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_radicale_s_props_and_lock_are_left_out_with_nothing_to_do(unsocial, tmp_path, form):
    export = RADICALE if form == "folder" else zip_folder(RADICALE, tmp_path / "radicale.zip")
    db, out = ingest(unsocial, tmp_path, export)
    assert counts(db) == [("addressbook", 3, 2, 1), ("calendar", 3, 2, 1)]
    assert [row for row in listed(db) if "Radicale" in row[0]] == [
        (".Radicale.lock", "ignored", NOTHING_TO_DO), (".Radicale.props", "ignored", NOTHING_TO_DO)]
    # files left out for one reason are one row: both collections' props
    assert query(db, "select files from not_read where member like '%.Radicale.props'") == [(2,)]
    assert "3 files left out on purpose: nothing to do" in out and "unknown file" not in out


def test_takeout_s_index_stays_left_out(unsocial, tmp_path):
    db, _ = ingest(unsocial, tmp_path, TAKEOUT)
    assert ("archive_browser.html", "ignored", NOTHING_TO_DO) in listed(db)


@pytest.mark.parametrize("member, handling, note_starts", [
    ("Takeout/archive_browser.html", "ignored", "Takeout's index"),
    ("Calendriers et rappels iCloud/Calendar Metadata.json", "ignored", "Apple's list of the calendars"),
    ("collections/collection-root/greta/4b1e/.Radicale.props", "ignored", "Radicale's properties"),
    ("collections/.Radicale.lock", "ignored", "Radicale's lock file"),
    ("Kalender/Arbeit.ICS", "unknown", "named as a calendar"),
    ("Kalender.vcs", "unknown", "named as a calendar"),
    ("calendar metadata.json", "unknown", "no calendar, and of a kind"),  # Apple writes it capitalised only
    ("Einkaufsliste.txt", "unknown", "no calendar, and of a kind"),
    ("notes.json", "unknown", "no calendar, and of a kind"),
])
def test_each_file_that_is_no_calendar_is_listed_by_what_it_is(member, handling, note_starts):
    note = other_member(member)
    assert (note.member, note.handling, note.records_read) == (member, handling, 0)
    assert note.note.startswith(note_starts)
