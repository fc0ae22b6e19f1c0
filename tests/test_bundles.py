"""Bundles people download that hold a calendar and an address book together (docs/formats.md, "Several
sources in one folder or zip"): Apple's "Get a copy of your data", a Nextcloud account's "Data migration"
file, a Radicale server's storage with its caches. Every person in them is read, each zip alone or all of
them together in one folder; a server's caches are neither read nor listed."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import export_counts as counts, fixture, ingest_as_marta as ingest, query, zip_folder
from ingest.sources import split_export
from ingest.sources.archive import Export

APPLE = fixture("mixed", "apple-privacy-2026")
CONTACTS_ZIP, CALENDARS_ZIP = "iCloud Contacts.zip", "iCloud Calendars and Reminders.zip"
RADICALE_CACHE = fixture("mixed", "radicale-cache-2026")
NEXTCLOUD = fixture("mixed", "nextcloud-migration-2024") / "user.nextcloud_export"
APPLE_CARDS = [("Lena Vogel", "lena.vogel@example.de", "+49 170 5550188"),
               ("Priya Raman", None, "+44 20 7946 0321"), ("Tomás Novak", "tomas.novak@example.cz", None)]


def cards(db: Path) -> list[tuple]:
    return query(db, "select display_name, email, phone from raw_accounts where platform = 'addressbook' "
                     "order by 1, 2 nulls first, 3 nulls first")


# --- Apple's "Get a copy of your data" (privacy.apple.com): one zip per category -----------------------------

def test_apple_s_contacts_zip_alone_reads_every_card(unsocial, tmp_path):
    """``iCloud Contacts.zip`` holds ``iCloud Contacts/vCards/<Name>.vcf``, one card a file; a card with no
    name, e-mail or phone (``vCard.vcf``) is refused, not lost."""
    db = ingest(unsocial, tmp_path, APPLE / CONTACTS_ZIP)
    assert counts(db) == [("addressbook", 4, 3, 1)]
    assert cards(db) == APPLE_CARDS
    assert query(db, "select member, reason from raw_quarantine") == [
        ("iCloud Contacts/vCards/vCard.vcf", "FN, N, EMAIL, TEL: all missing")]


def test_apple_s_calendars_zip_alone_reads_the_guests_and_lists_the_metadata(unsocial, tmp_path):
    """``iCloud Calendars and Reminders.zip``: an ``.ics`` per calendar, reminders (VTODO) in their own, and
    ``Calendar Metadata.json`` (names, zones, storage: nobody in it) listed once as left out: nothing to do."""
    db = ingest(unsocial, tmp_path, APPLE / CALENDARS_ZIP)
    assert counts(db) == [("calendar", 2, 1, 1)]
    guests = query(db, "select display_name from raw_accounts where platform = 'calendar' and not is_owner "
                       "order by 1")
    assert ("Kwame Mensah",) in guests and ("Lena Vogel",) in guests
    assert query(db, "select reason from raw_quarantine") == [("DTSTART: not a valid value",)]
    assert query(db, "select member, handling from not_read where handling != 'quarantined' order by 1") == [
        ("iCloud Calendars and Reminders/Calendar Metadata.json", "ignored"),
        ("iCloud Calendars and Reminders/Reminders.ics", "no_people")]


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_apple_s_zips_together_in_one_folder_are_split_between_calendar_and_cards(unsocial, tmp_path, form):
    """All of the copy's zips in one folder (Notes and the account's CSVs beside), or that folder zipped
    again: the cards go to the address book, the events to the calendar; the rest is listed, nobody lost."""
    export = APPLE if form == "folder" else zip_folder(APPLE, tmp_path / "Apple Data.zip")
    db = ingest(unsocial, tmp_path, export)
    assert counts(db) == [("addressbook", 4, 3, 1), ("calendar", 2, 1, 1)]
    assert cards(db) == APPLE_CARDS
    unknown = query(db, "select member from not_read where handling = 'unknown' order by 1")
    assert [m.split("/", 1)[0] for (m,) in unknown] == ["Apple ID account and device information.zip",
                                                        "iCloud Notes.zip"]


def test_apple_s_zips_side_by_side_in_an_inbox_each_find_their_people(unsocial, tmp_path):
    """``unsocial run`` on an inbox holding the zips as downloaded: the contacts and the calendar are two
    exports, the zips of categories no source reads are named as not recognised, and a guest of the calendar
    who is a card is one person."""
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(APPLE, inbox)
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", "2026-06-01")
    assert result.code == 0, result.err
    assert query(db, "select export_path, source, records_loaded from ingested_exports order by 1") == [
        (CALENDARS_ZIP, "calendar", 1), (CONTACTS_ZIP, "addressbook", 3)]
    assert "iCloud Notes.zip" in result.out and "not a recognised export" in result.out
    linked = query(db, "select c.account_ref from resolved_accounts c join resolved_accounts b using (person_id) "
                       "where c.platform = 'calendar' and b.platform = 'addressbook' order by 1")
    assert ("lena.vogel@example.de",) in linked


# --- Nextcloud's "Data migration" (user_migration app): user.nextcloud_export ---------------------------------

def test_a_nextcloud_migration_file_gives_its_calendars_and_address_books_to_each_source(unsocial, tmp_path):
    """A zip named ``.nextcloud_export``: ``dav/calendars/<name>_<date>.ics``, ``dav/address_books/<name>_<date>.vcf``
    with a ``.json`` of the book's name beside, the account's JSON files and the owner's files (``files/``)."""
    assert [(s.NAME, len(p.members())) for s, p in split_export(Export(NEXTCLOUD))] == [
        ("calendar", 8), ("addressbook", 1)]
    db = ingest(unsocial, tmp_path, NEXTCLOUD)
    assert counts(db) == [("addressbook", 2, 2, 0), ("calendar", 1, 1, 0)]
    assert cards(db) == [("Ilka Moravec", "ilka.moravec@example.cz", None), ("Oskar Lind", None, "+46 70 555 01 99")]


def test_a_nextcloud_migration_file_without_calendars_still_reads_its_cards(unsocial, tmp_path):
    """The calendars left unticked in "Data migration": only the account's JSON, the files and the books."""
    target = tmp_path / "user.nextcloud_export"
    with zipfile.ZipFile(NEXTCLOUD) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            if not info.filename.startswith("dav/calendars/"):
                copy.writestr(info, source.read(info))
    db = ingest(unsocial, tmp_path, target)
    assert counts(db) == [("addressbook", 2, 2, 0)]


# --- a Radicale server's storage with its caches ---------------------------------------------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_radicale_s_caches_are_neither_read_nor_listed(unsocial, tmp_path, form):
    """``<collection>/.Radicale.cache/item/<href>`` (a pickle of the item), ``history/<href>`` and
    ``sync-token/<token>``: named like the items, they were read as damaged cards (six refused) and listed as
    unknown calendars. Now the counts are the storage's without caches."""
    export = RADICALE_CACHE if form == "folder" else zip_folder(RADICALE_CACHE, tmp_path / "radicale.zip")
    db = ingest(unsocial, tmp_path, export)
    assert counts(db) == [("addressbook", 3, 2, 1), ("calendar", 3, 2, 1)]
    assert query(db, "select count(*) from raw_quarantine where reason like 'BEGIN:VCARD%'") == [(0,)]
    listed = query(db, "select member from not_read order by 1")
    assert not [m for (m,) in listed if ".Radicale.cache" in m]
    assert [m.rsplit("/", 1)[-1] for (m,) in listed if "Radicale" in m] == [".Radicale.lock", ".Radicale.props"]


def test_radicale_s_caches_are_no_members_of_the_export():
    members = Export(RADICALE_CACHE).members()
    assert len(members) == 8 and not [m for m in members if "/.Radicale.cache/" in m]
    assert len(list(RADICALE_CACHE.rglob(".Radicale.cache/*/*"))) == 12  # they are there, on the disk
