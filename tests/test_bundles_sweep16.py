"""Backups that hold calendars and address books (docs/formats.md, "Several sources in one folder or zip"), sweep 16.

calcardbackup (BernieO/calcardbackup, a Nextcloud/ownCloud backup script) writes ``calcardbackup-<date>/`` with one
``<user>-<calendar>.ics`` and ``<user>-<address book>.vcf`` per collection, a ``.webcal`` (the address of a
subscribed calendar) per subscription and an empty ``.vcf`` for an empty book, then packs the folder as
``calcardbackup-<date>.tar.gz`` (``.zip`` with ``-z``, left as it is with ``-x``): each form is read, the calendar
and the cards by their sources. With ``-e`` the archive is encrypted with gpg (``….tar.gz.gpg``): it was "not a
recognised export", and now says it is encrypted and how to decrypt it."""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

import pytest

from conftest import export_counts as counts, fixture, ingest_as_marta as ingest, query, zip_folder
from ingest.errors import UnreadableExportError
from ingest.pipeline import discover_exports
from ingest.sources import split_export
from ingest.sources.archive import Export

CALCARD = fixture("mixed", "calcardbackup-2026", "calcardbackup-2026-03-01.tar.gz")
# gpg -c's output begins with a symmetric-key packet (tag 3, old format: 0x8c), AES256 (9), iterated and salted S2K;
# the rest of an invented one is filler: it is never decrypted
ENCRYPTED_BYTES = bytes.fromhex("8c0d04090302") + bytes(range(7, 256))
FOLDER = "calcardbackup-2026-03-01"


def as_form(form: str, tmp_path: Path) -> Path:
    """The backup as calcardbackup leaves it: a .tar.gz, the folder (``-x``) or a .zip (``-z``)."""
    if form == "tar.gz":
        return CALCARD
    with tarfile.open(CALCARD) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    folder = tmp_path / "unpacked" / FOLDER
    return folder if form == "folder" else zip_folder(folder.parent, tmp_path / f"{FOLDER}.zip")


@pytest.mark.parametrize("form", ["tar.gz", "folder", "zip"])
def test_a_calcardbackup_is_read_by_the_calendar_and_the_address_book_in_each_form(unsocial, tmp_path, form):
    db = ingest(unsocial, tmp_path, as_form(form, tmp_path))
    assert counts(db) == [("addressbook", 4, 3, 1), ("calendar", 2, 2, 0)]
    assert query(db, "select display_name, email from raw_accounts where platform = 'addressbook' order by 1") == [
        ("Ines Brauer", "ines.brauer@example.com"), ("Mira Sand", "mira.sand@example.org"),
        ("Ole Brandt", "ole.brandt@example.net")]
    assert query(db, "select kind, strftime(occurred_at, '%Y-%m-%d') from raw_interactions order by 2") == [
        ("meeting", "2026-02-12"), ("meeting", "2026-02-13")]
    # the last card of the book is cut off: refused, the rest read
    assert query(db, "select reason from raw_quarantine") == [("END:VCARD: missing (vCard cut off)",)]


def test_the_backups_birthdays_and_subscription_are_no_people(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, CALCARD)
    rows = query(db, "select handling, regexp_extract(member, '[^/]+$') from not_read "
                     "where handling <> 'quarantined' order by 2")
    assert rows == [("no_people", "greta-Contact_birthdays.ics"), ("ignored", "greta-Feiertage.webcal"),
                    ("ignored", "greta-Leer.vcf")]  # an empty address book: left out as empty


def test_the_tarball_is_split_between_the_calendar_and_the_address_book():
    parts = {source.NAME: [m.rsplit("/", 1)[1] for m in part.members()] for source, part in
             split_export(Export(CALCARD))}
    assert parts == {"calendar": ["greta-Contact_birthdays.ics", "greta-Feiertage.webcal", "greta-Personal.ics"],
                     "addressbook": ["greta-Kollegen_shared_by_ole.vcf", "greta-Kontakte.vcf", "greta-Leer.vcf"]}


def test_a_calcardbackup_beside_its_unpacked_folder_is_read_once(unsocial, tmp_path):
    folder = tmp_path / "backups"
    with tarfile.open(CALCARD) as archive:
        archive.extractall(folder, filter="data")
    shutil.copy(CALCARD, folder)
    db = ingest(unsocial, tmp_path, folder)
    assert counts(db) == [("addressbook", 4, 3, 1), ("calendar", 2, 2, 0)]


# --- the backup encrypted with gpg (calcardbackup -e) ------------------------------------------------------------

@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "calcardbackup-2026-03-03.tar.gz.gpg"
    path.write_bytes(ENCRYPTED_BYTES)
    return path


def test_an_encrypted_backup_says_so_and_how_to_decrypt_it(unsocial, tmp_path, encrypted):
    result = unsocial("ingest", encrypted, "--db", tmp_path / "u.duckdb", "--owner", "marta")
    assert result.code == 1
    assert "the archive is encrypted (gpg); decrypt it" in result.err
    assert "not a recognised export" not in result.err


def test_an_encrypted_backup_in_an_inbox_is_a_failure_with_that_reason(tmp_path, encrypted):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(encrypted, inbox)
    discovery = discover_exports(inbox)
    assert discovery.found == [] and discovery.unrecognised == []
    assert [(type(e), e.problem) for e in discovery.failed] == [
        (UnreadableExportError, "the archive is encrypted (gpg)")]


@pytest.mark.parametrize("name, content", [("calcardbackup-2026-03-03.tar.gz.gpg", b"passphrase: 1234\n"),
                                           ("pubring.gpg", b"\x99\x01\x0d\x04")])
def test_a_gpg_file_that_is_no_encrypted_archive_stays_unrecognised(unsocial, tmp_path, name, content):
    """Only a file named as an archive and starting as an OpenPGP packet is said to be encrypted."""
    path = tmp_path / name
    path.write_bytes(content)
    result = unsocial("ingest", path, "--db", tmp_path / "u.duckdb", "--owner", "marta")
    assert result.code == 1
    assert "not a recognised export" in result.err and "encrypted" not in result.err


def test_a_folder_of_dated_backups_counts_each_meeting_once(unsocial, tmp_path):
    # calcardbackup -r 15 keeps fifteen days' tarballs in its output folder; dropped into the inbox whole, each
    # nested archive is a copy of the same calendar: its meetings counted once, not once per day kept
    backups = tmp_path / "backups"
    backups.mkdir()
    for day in ("01", "02"):
        shutil.copy(CALCARD, backups / f"calcardbackup-2026-03-{day}.tar.gz")
    db = ingest(unsocial, tmp_path, backups)
    for command in (("resolve", "--owner", "marta"), ("report", "--reports", tmp_path / "r")):
        result = unsocial(*command, "--db", db)
        assert result.code == 0, result.err
    assert query(db, "select count(*) from raw_interactions where platform = 'calendar'") == [(4,)]
    assert query(db, "select count(*), count(distinct member) from stg_interactions where platform = 'calendar'") == [
        (2, 1)]
