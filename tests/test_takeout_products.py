"""A Google Takeout is read by product, whatever part of it holds the product: the contacts of a Takeout in
several zips, or beside Keep and YouTube, reach the address book (docs/formats.md, calendar and address book)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, MemberNote
from ingest.sources import addressbook, calendar, detect_source, split_export
from ingest.sources.archive import Export

PARTS = fixture("calendar", "takeout-multipart-2026")
FIRST, SECOND = "takeout-20260301T101010Z-3-001.zip", "takeout-20260301T101010Z-3-002.zip"
CONTACTS_KEEP = fixture("addressbook", "takeout-contacts-keep-2026")
CONTACTS = [("t.wierzbicki@werkstatt.example", "+49 151 00000017"), ("greta.hollmann@post.example", "+49 160 00000042")]
NOTES = ["Takeout/Google Notizen/Einkaufsliste.html", "Takeout/Google Notizen/Einkaufsliste.json"]


def ingest(unsocial, tmp_path: Path, *exports: Path) -> Path:
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", *exports, "--db", db, "--owner", "ines")
    assert result.code == 0, result.err
    return db


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


# --- a Takeout in several zips (takeout-<stamp>-001.zip, -002.zip) --------------------------------------------------

def test_the_parts_of_a_takeout_in_one_folder_are_split_by_product_not_by_zip():
    sources = [(s.NAME, [m.split("/", 1)[1] for m in part.members()]) for s, part in split_export(Export(PARTS))]
    assert sources == [
        ("calendar", ["Takeout/Kalender/ines.moreau@example.fr.ics", "Takeout/archive_browser.html", *NOTES]),
        ("addressbook", ["Takeout/Kontakte/Meine Kontakte/Meine Kontakte.vcf"])]


def test_the_contacts_of_a_takeout_in_several_parts_are_read_with_their_emails_and_phones(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, PARTS)
    assert query(db, "select email, phone from raw_accounts where platform = 'addressbook' order by line") == CONTACTS
    assert query(db, "select source, records_read, records_loaded, records_quarantined from ingested_exports "
                     "order by 1") == [("addressbook", 2, 2, 0), ("calendar", 1, 1, 0)]
    unread = query(db, "select member, handling, files from not_read order by 1")
    assert sorted((m.split("/", 1)[1], h, n) for m, h, n in unread) == [  # Keep's two files: one row
        ("Takeout/Google Notizen/Einkaufsliste.html", "unknown", 2), ("Takeout/archive_browser.html", "ignored", 1)]


def test_the_parts_of_a_takeout_in_the_inbox_itself_are_one_export(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "ines"
    shutil.copytree(PARTS, inbox)
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "reports",
                      "--as-of", "2026-06-01")
    assert result.code == 0, result.err
    assert "not a recognised export" not in result.out
    db = tmp_path / "u.duckdb"
    assert query(db, "select export_path, source, records_loaded from ingested_exports order by 1") == [
        (f"{FIRST}#addressbook", "addressbook", 2), (f"{FIRST}#calendar", "calendar", 1)]
    assert query(db, "select member, files from not_read where handling = 'unknown'") == [(NOTES[0], 2)]


def test_the_parts_of_a_takeout_given_one_by_one_are_one_export(unsocial, tmp_path):
    """`unsocial ingest takeout-…-001.zip takeout-…-002.zip`: the parts, named on the command line, are read
    together as in a folder; read one by one, the part with Keep alone was "not a recognised export"."""
    db = ingest(unsocial, tmp_path, PARTS / SECOND, PARTS / FIRST)
    assert query(db, "select email, phone from raw_accounts where platform = 'addressbook' order by line") == CONTACTS
    assert query(db, "select source, records_read, records_loaded, records_quarantined from ingested_exports "
                     "order by 1") == [("addressbook", 2, 2, 0), ("calendar", 1, 1, 0)]


def test_parts_renamed_and_with_the_contacts_beside_keep_are_read_in_one_folder(unsocial, tmp_path):
    """English product names, the contacts in the part that holds Keep, the parts named at will."""
    folder = tmp_path / "google"
    folder.mkdir()
    with zipfile.ZipFile(folder / "part one.zip", "w") as part:
        part.write(CONTACTS_KEEP / "Takeout/archive_browser.html", "Takeout/archive_browser.html")
        with zipfile.ZipFile(PARTS / FIRST) as german:
            part.writestr("Takeout/Calendar/ines.moreau@example.fr.ics",
                          german.read("Takeout/Kalender/ines.moreau@example.fr.ics"))
    zip_folder(CONTACTS_KEEP, folder / "part two.zip")
    db = ingest(unsocial, tmp_path, folder)
    assert query(db, "select source, records_loaded from ingested_exports order by 1") == [
        ("addressbook", 2), ("calendar", 1)]
    assert query(db, "select sum(files) from not_read where member like '%Takeout/Keep/%'") == [(2,)]


# --- a Takeout of Contacts beside Keep or YouTube, without a calendar ------------------------------------------------

@pytest.fixture(params=["folder", "zip"])
def contacts_keep(request, tmp_path) -> Export:
    if request.param == "folder":
        return Export(CONTACTS_KEEP)
    return Export(zip_folder(CONTACTS_KEEP, tmp_path / "takeout-20260301T101010Z-001.zip"))


def test_a_takeout_of_contacts_and_keep_is_the_address_books(contacts_keep):
    assert detect_source(contacts_keep) is addressbook
    records = list(addressbook.parse(contacts_keep))
    assert_nothing_lost(records)
    emails = [a.email for a in records if isinstance(a, Account)]
    assert emails == ["seun.adebayo@mail.example", "maren.solberg@fjord.example"]
    notes = {n.member: n.handling for n in records if isinstance(n, MemberNote) and n.records_read == 0}
    assert notes == {"Takeout/Keep/Shopping.html": "unknown", "Takeout/Keep/Shopping.json": "unknown",
                     "Takeout/archive_browser.html": "ignored"}


def test_a_takeout_of_contacts_and_keep_is_loaded(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, CONTACTS_KEEP)
    assert query(db, "select source, records_read, records_loaded from ingested_exports") == [("addressbook", 2, 2)]


def test_a_takeout_with_a_calendar_stays_the_calendars(tmp_path):
    assert detect_source(Export(fixture("calendar", "takeout-2024"))) is calendar


@pytest.mark.parametrize("platform", ["facebook", "twitter", "linkedin"])
def test_other_platforms_exports_are_not_claimed(platform):
    for folder in sorted(fixture(platform).iterdir()):
        source = detect_source(Export(folder, folder.parent))
        assert source is not None and source.NAME == platform, folder.name


def test_the_parts_of_a_takeout_unpacked_by_7zip_to_tar_are_one_export(unsocial, tmp_path):
    """7-Zip's "Extract here" of takeout-…-001.tgz gives takeout-…-001.tar: each part was read alone, and a part
    of Keep or Photos alone was no export."""
    import tarfile
    import zipfile

    inbox = tmp_path / "inboxes" / "ines"
    inbox.mkdir(parents=True)
    for part in (FIRST, SECOND):
        with zipfile.ZipFile(PARTS / part) as source, tarfile.open(inbox / part.replace(".zip", ".tar"), "w") as tar:
            for info in (i for i in source.infolist() if not i.is_dir()):
                entry = tarfile.TarInfo(info.filename)
                entry.size = info.file_size
                tar.addfile(entry, source.open(info))
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "reports",
                      "--as-of", "2026-06-01")
    assert result.code == 0, result.err
    first = FIRST.replace(".zip", ".tar")
    assert query(tmp_path / "u.duckdb", "select export_path, source, records_loaded from ingested_exports order by 1") \
        == [(f"{first}#addressbook", "addressbook", 2), (f"{first}#calendar", "calendar", 1)]
