"""Folders and zips holding the files of several sources: each source reads the files it recognises
(``sources.split_export``), a file no source reads is listed once as unknown, and a platform's archive is
never split file by file (docs/formats.md, "Several sources in one folder or zip").

Before, the source that recognised the whole read it alone: the contacts beside Outlook's ``Calendar.CSV``,
the vCards beside a Thunderbird calendar or in a Radicale server's storage were "unknown file … not read
as a calendar", and every person only in them was lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import (assert_nothing_lost, export_counts as counts, fixture, ingest_as_marta as ingest, parse,
                      query, zip_folder)
from ingest.models import Account, Quarantined
from ingest.sources import SOURCES, addressbook, calendar, split_export
from ingest.sources.archive import Export

OUTLOOK = fixture("mixed", "outlook-documents-2024")
RADICALE = fixture("mixed", "radicale-storage-2025")
THUNDERBIRD = fixture("mixed", "thunderbird-dokumente-2016")
OFFLINE = fixture("mixed", "offline-notes-2026")  # calendar.ics and journal.csv: the design's "offline" folder
GRETA = "collections/collection-root/greta"
CALENDAR_FOLDER, CONTACTS_FOLDER = (f"{GRETA}/4b1e0c9a-2f57-4d0e-9a43-7c61d2e8f105",
                                    f"{GRETA}/d93a6f21-0b8e-4c7a-b5d2-1e4f7a9c3b60")
OUTLOOK_CONTACTS = [("chen.li@example.com", "+46 70 555 01 23"), ("priya.nair@example.co.uk", "+44 20 7946 0958"),
                    ("ben.okafor@example.de", None)]


def as_form(folder: Path, form: str, tmp_path: Path) -> Path:
    return folder if form == "folder" else zip_folder(folder, tmp_path / f"{folder.name}.zip")


def split(export: Export) -> list[tuple[str, list[str]]]:
    return [(source.NAME, part.members()) for source, part in split_export(export)]


# --- Outlook for Windows: Calendar.CSV and contacts.csv exported into one Documents folder -------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_outlook_calendar_and_contacts_in_one_folder_are_each_read_by_their_source(unsocial, tmp_path, form):
    db = ingest(unsocial, tmp_path, as_form(OUTLOOK, form, tmp_path))
    assert counts(db) == [("addressbook", 4, 3, 1), ("calendar", 5, 4, 1)]
    assert query(db, "select email, phone from raw_accounts where platform = 'addressbook' order by line") == \
        OUTLOOK_CONTACTS
    assert query(db, "select reason from raw_quarantine order by 1") == [
        ("first name, last name, e-mail and phone columns: all empty",),
        ("start date, start time: date in no known format",)]
    assert query(db, "select count(*) from not_read where handling = 'unknown'") == [(0,)]


def test_the_outlook_folder_is_split_by_file_through_the_library():
    export = Export(OUTLOOK)
    assert split(export) == [("calendar", ["Calendar.CSV"]), ("addressbook", ["contacts.csv"])]
    [(_, events), (_, book)] = split_export(export)
    assert (events.relative_path, book.relative_path) == ("outlook-documents-2024#calendar",
                                                          "outlook-documents-2024#addressbook")
    records = parse(events) + [r for r in addressbook.parse(book)]
    assert_nothing_lost(records)
    cards = [a for a in records if isinstance(a, Account) and a.platform == "addressbook"]
    assert [(a.display_name, a.email) for a in cards] == [
        ("Chen Li", "chen.li@example.com"), ("Priya Nair", "priya.nair@example.co.uk"),
        ("Ben Okafor", "ben.okafor@example.de")]
    assert [(q.member, q.line) for q in records if isinstance(q, Quarantined)] == [
        ("Calendar.CSV", 8), ("contacts.csv", 5)]


def test_an_inbox_folder_of_both_links_the_calendar_guests_to_their_cards_and_reads_once(unsocial, tmp_path):
    """The cards give the calendar's guests, known there by name alone, their e-mails; a second run
    changes nothing."""
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(OUTLOOK, inbox / "Documents")
    db = tmp_path / "u.duckdb"
    for _ in range(2):
        result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", "2026-06-01")
        assert result.code == 0, result.err
    assert query(db, "select export_path, source, records_loaded from ingested_exports order by 1") == [
        ("Documents#addressbook", "addressbook", 3), ("Documents#calendar", "calendar", 4)]
    linked = query(db, "select c.account_ref, b.account_ref from resolved_accounts c join resolved_accounts b "
                       "using (person_id) where c.platform = 'calendar' and b.platform = 'addressbook' order by 1")
    assert linked == [("Chen Li", "chen.li@example.com"), ("Okafor, Ben", "ben.okafor@example.de"),
                      ("Priya Nair", "priya.nair@example.co.uk")]


# --- an .ics beside a .vcf: Thunderbird's calendar and address book saved into one folder -------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_calendar_beside_an_address_book_loses_no_card_and_lists_the_other_file_once(unsocial, tmp_path, form):
    db = ingest(unsocial, tmp_path, as_form(THUNDERBIRD, form, tmp_path))
    assert counts(db) == [("addressbook", 2, 2, 0), ("calendar", 1, 1, 0)]
    assert query(db, "select member, handling from not_read") == [("Einkaufsliste.txt", "unknown")]
    assert query(db, "select display_name, email from raw_accounts where platform = 'addressbook' order by line") == [
        ("Anna Mueller", "anna.mueller@charite.example"), ("Zoë Martin", "zoe.martin@example.fr")]


# --- a Radicale server's storage: calendars and address books two folders below the root -------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_journal_kept_beside_the_calendar_in_one_folder_is_read_too(unsocial, tmp_path, form):
    """The owner keeps a journal of meetings next to the calendar export (docs/design.md); in one folder, the
    journal was "unknown file … not read as a calendar" and every meeting only in it lost."""
    db = ingest(unsocial, tmp_path, as_form(OFFLINE, form, tmp_path))
    assert counts(db) == [("calendar", 1, 1, 0), ("journal", 10, 7, 3)]
    assert ("Jonas Weber",) in query(db, "select display_name from raw_accounts where platform = 'journal'")
    assert query(db, "select count(*) from not_read where handling = 'unknown'") == [(0,)]


def test_a_journal_given_alone_stays_one_export_and_a_folder_of_it_alone_is_no_export():
    journal = fixture("journal", "comma")
    assert split(Export(journal / "journal.csv")) == [("journal", ["journal.csv"])]
    assert split(Export(journal)) == []  # the inbox finds its file on its own: the export keeps its name
    assert split(Export(OFFLINE)) == [("calendar", ["calendar.ics"]), ("journal", ["journal.csv"])]


def test_radicale_storage_gives_each_collection_to_its_source():
    [(first, events), (second, cards)] = split(Export(RADICALE))
    assert (first, second) == ("calendar", "addressbook")
    assert cards == [f"{CONTACTS_FOLDER}/{uid}.vcf" for uid in ("0e9d8c7b-6a5f-4e3d-2c1b-a09f8e7d6c5b",
                                                                  "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
                                                                  "9f8e7d6c-5b4a-4c3d-2e1f-0a9b8c7d6e5f")]
    # Radicale's own files (the lock, each collection's .Radicale.props) stay with the first source, listed once
    assert [m for m in events if not m.endswith(".ics")] == [
        "collections/.Radicale.lock", f"{CALENDAR_FOLDER}/.Radicale.props", f"{CONTACTS_FOLDER}/.Radicale.props"]


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_radicale_storage_loads_the_cards_beside_the_events(unsocial, tmp_path, form):
    db = ingest(unsocial, tmp_path, as_form(RADICALE, form, tmp_path))
    assert counts(db) == [("addressbook", 3, 2, 1), ("calendar", 3, 2, 1)]
    assert query(db, "select account_ref, email from raw_accounts where platform = 'addressbook' order by line") == [
        ("0e9d8c7b-6a5f-4e3d-2c1b-a09f8e7d6c5b", "oskar.lind@example.se"),
        ("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", "ilka.moravec@example.cz")]
    assert query(db, "select reason from raw_quarantine order by 1") == [
        ("DTSTART: not a valid value",), ("FN, N, EMAIL, TEL: all missing",)]
    assert query(db, "select member from not_read where handling = 'unknown'") == []
    # Radicale's lock and each collection's props name nobody: left out, one row of the two kinds of file
    left_out = query(db, "select member, files from not_read where handling = 'ignored' order by 1")
    assert [(m.rsplit("/", 1)[-1], n) for m, n in left_out] == [(".Radicale.lock", 1), (".Radicale.props", 2)]


# --- what is not split -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("platform, vintage", [("facebook", "f3-2020"), ("twitter", "2022"),
                                               ("linkedin", "2024-complete")])
def test_a_platform_archive_holding_a_calendar_and_cards_is_never_split(tmp_path, platform, vintage):
    """Its own parser decides about every file in it: a .ics and a .vcf dropped into it stay its files."""
    folder = shutil.copytree(fixture(platform, vintage), tmp_path / vintage)
    shutil.copy(THUNDERBIRD / "Privat.ics", folder)
    shutil.copy(THUNDERBIRD / "Persönliches Adressbuch.vcf", folder)
    export = Export(folder)
    assert [(source, part) for source, part in split_export(export)] == [(SOURCES[platform], export)]


def test_one_source_s_files_and_a_takeout_stay_as_they_were(tmp_path):
    """A calendar folder with a file no source reads is the calendar's whole; a Google Takeout is split by
    product, its files beside the products (archive_browser.html) the calendar's."""
    folder = shutil.copytree(fixture("calendar", "apple-2024"), tmp_path / "apple")
    (folder / "notes.txt").write_text("no one in here\n")
    export = Export(folder)
    assert split_export(export) == [(calendar, export)]
    assert split(Export(fixture("calendar", "takeout-2024"))) == [
        ("calendar", ["Takeout/Calendar/marta@example.se.ics", "Takeout/archive_browser.html"]),
        ("addressbook", ["Takeout/Contacts/My Contacts/My Contacts.vcf",
                         "Takeout/Contacts/My Contacts/Pieter de Vries.jpg"])]
