"""Exports nested or mixed in one folder (docs/formats.md, "Several sources in one folder or zip"), sweep 16.

XING's per-contact vCards saved into one folder beside a calendar, a phone's address book and the journal: XING,
a platform, was never split, so whichever source took the folder listed the others' files as unknown (the cards
beside Thunderbird's ``.ics`` were "unknown file", a lone XING card beside a phone's book became an address-book
card). Now each source gets its files; a folder of XING's cards alone, XING's data copy and the other platforms'
archives stay whole. And Nextcloud's ``user.nextcloud_export`` (a zip under its own name) kept in a folder or zip
beside other files was one unknown file: it is now opened like a nested ``.zip``, with the same checks."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import export_counts as counts, fixture, ingest_as_marta as ingest, query, zip_folder
from ingest.errors import UnsafeArchiveError
from ingest.pipeline import discover_exports
from ingest.sources import split_export
from ingest.sources.archive import Export

DOKUMENTE = fixture("mixed", "dokumente-vcards-2026")
NEXTCLOUD = fixture("mixed", "nextcloud-downloads-2024")
XING_CARDS = ["Lena_Hoffmann.vcf", "Mehmet_Yilmaz.vcf", "Sophie_Krause.vcf"]
NESTED = "user.nextcloud_export"


def as_form(folder: Path, form: str, tmp_path: Path) -> Path:
    return folder if form == "folder" else zip_folder(folder, tmp_path / f"{folder.name}.zip")


def split(export: Export) -> list[tuple[str, list[str]]]:
    return [(source.NAME, part.members()) for source, part in split_export(export)]


# --- XING's vCards beside a calendar, a phone's address book and the journal ---------------------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_xing_cards_beside_a_calendar_a_phone_book_and_the_journal_are_each_read_by_their_source(
        unsocial, tmp_path, form):
    db = ingest(unsocial, tmp_path, as_form(DOKUMENTE, form, tmp_path))
    assert counts(db) == [("addressbook", 2, 2, 0), ("calendar", 1, 1, 0), ("journal", 2, 2, 0),
                          ("xing", 3, 2, 1)]
    assert query(db, "select display_name, email, account_ref, profile_url from raw_accounts "
                     "where platform = 'xing' order by 1") == [
        ("Lena Hoffmann", "lena.hoffmann@muehlenwerk.example", "xing-7d3e91a0c4",
         "https://www.xing.com/profile/Lena_Hoffmann7"),
        ("Mehmet Yılmaz", "m.yilmaz@kiyi-lojistik.example", "xing-52fa08b6e1",
         "https://www.xing.com/profile/Mehmet_Yilmaz12")]
    # the phone's cards stay the address book's: no XING mark on them
    assert query(db, "select display_name, member from raw_accounts where platform = 'addressbook' order by 1") == [
        ("Greta Nachbar", "Telefonbuch.vcf"), ("Lena Hoffmann", "Telefonbuch.vcf")]
    assert query(db, "select member, reason from raw_quarantine") == [
        ("Sophie_Krause.vcf", "END:VCARD: missing (vCard cut off)")]
    assert query(db, "select count(*) from not_read where handling = 'unknown'") == [(0,)]


def test_the_folder_is_split_file_by_file_and_xing_gets_only_its_cards():
    assert split(Export(DOKUMENTE)) == [("calendar", ["Kalender.ics"]), ("xing", XING_CARDS),
                                        ("addressbook", ["Telefonbuch.vcf"]), ("journal", ["journal.csv"])]


def test_in_an_inbox_each_source_reads_its_part_of_the_folder(tmp_path):
    """``Found.export`` gives XING its part too (``part_for``), not the whole folder."""
    inbox = tmp_path / "inbox"
    shutil.copytree(DOKUMENTE, inbox / "Dokumente")
    found = {f.source: f.export for f in discover_exports(inbox).found}
    assert {source: export.members() for source, export in found.items()} == {
        "calendar": ["Kalender.ics"], "xing": XING_CARDS, "addressbook": ["Telefonbuch.vcf"],
        "journal": ["journal.csv"]}
    assert found["xing"].relative_path == "Dokumente#xing"


def test_a_folder_named_after_xing_still_gives_the_calendar_and_journal_away(tmp_path):
    """The name makes every vCard XING's (a hint that wins), not the calendar or the journal."""
    folder = shutil.copytree(DOKUMENTE, tmp_path / "XING Kontakte")
    assert split(Export(folder)) == [("xing", [*XING_CARDS, "Telefonbuch.vcf"]), ("calendar", ["Kalender.ics"]),
                                     ("journal", ["journal.csv"])]


def test_a_lone_xing_card_beside_a_nextcloud_migration_is_xing_s_not_the_address_book_s(tmp_path):
    folder = tmp_path / "Downloads"
    shutil.copytree(NEXTCLOUD, folder)
    shutil.copy(DOKUMENTE / "Mehmet_Yilmaz.vcf", folder)
    parts = dict(split(Export(folder)))
    assert parts["xing"] == ["Mehmet_Yilmaz.vcf"]
    assert "Mehmet_Yilmaz.vcf" not in parts["addressbook"]


@pytest.mark.parametrize("folder", [fixture("xing", "vcards-2014"), fixture("xing", "gdpr-datenauskunft-2026"),
                                    fixture("xing", "semsync-cache-2009")])
def test_xing_s_own_exports_stay_whole(folder):
    [(source, export)] = split_export(Export(folder))
    assert source.NAME == "xing" and export.label is None


def test_a_platform_archive_with_a_xing_card_in_it_is_never_split(tmp_path):
    folder = shutil.copytree(fixture("linkedin", "2024-complete"), tmp_path / "Complete_LinkedInDataExport")
    shutil.copy(DOKUMENTE / "Lena_Hoffmann.vcf", folder)
    [(source, export)] = split_export(Export(folder))
    assert source.NAME == "linkedin" and export.label is None


# --- Nextcloud's user.nextcloud_export inside a folder or zip ------------------------------------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_nextcloud_migration_kept_beside_a_phone_book_is_opened_and_read(unsocial, tmp_path, form):
    db = ingest(unsocial, tmp_path, as_form(NEXTCLOUD, form, tmp_path))
    assert counts(db) == [("addressbook", 3, 3, 0), ("calendar", 2, 1, 1)]
    assert query(db, "select display_name, member from raw_accounts where platform = 'addressbook' order by 1") == [
        ("Jonas Eklund", f"{NESTED}/dav/address_books/contacts_2024-05-02.vcf"),
        ("Noor Haddad", f"{NESTED}/dav/address_books/contacts_2024-05-02.vcf"), ("Paul Sommer", "Kontakte.vcf")]
    assert query(db, "select member, reason from raw_quarantine") == [
        (f"{NESTED}/dav/calendars/personal_2024-05-02.ics", "DTSTART: not a valid value")]
    assert query(db, f"select count(*) from not_read where member = '{NESTED}'") == [(0,)]


def test_a_nested_nextcloud_migration_that_is_a_zip_bomb_is_refused(tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    with zipfile.ZipFile(folder / NESTED, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dav/address_books/contacts_2024-05-02.vcf", b"\0" * (8 << 20))
    shutil.copy(NEXTCLOUD / "Kontakte.vcf", folder)
    with pytest.raises(UnsafeArchiveError, match="zip bomb"):
        Export(folder).members()


def test_a_nextcloud_migration_deeper_than_one_folder_is_not_opened(tmp_path):
    """As a nested ``.zip``: two folders down it is someone's file (an attachment), never opened."""
    deep = tmp_path / "export" / "files" / "Backups"
    deep.mkdir(parents=True)
    shutil.copy(NEXTCLOUD / NESTED, deep)
    assert Export(tmp_path / "export").members() == [f"files/Backups/{NESTED}"]


# --- Google Takeout as .tgz ("File type: .tgz"), in parts -----------------------------------------------------------

TGZ = fixture("mixed", "takeout-tgz-2026")
TGZ_PARTS = ["takeout-20260301T101010Z-3-001.tgz", "takeout-20260301T101010Z-3-002.tgz"]
TGZ_CARDS = [("Elif Aydın", "elif.aydin@example.com", "+46 70 555 03 41"), ("Rasmus Dahl", None, "+46 73 555 08 12")]


def tgz(tmp_path: Path, files: dict[str, bytes], name: str = "takeout-20260301T101010Z-001.tgz",
        links: tuple[str, ...] = ()) -> Path:
    """A gzipped tarball of ``files`` (and symbolic links named ``links``), as Takeout writes one."""
    import io
    import tarfile

    path = tmp_path / name
    with tarfile.open(path, "w:gz") as archive:
        for member, data in files.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for member in links:
            info = tarfile.TarInfo(member)
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
            archive.addfile(info)
    return path


def cards(db: Path) -> list[tuple]:
    return query(db, "select display_name, email, phone from raw_accounts where platform = 'addressbook' order by 1")


def test_a_takeout_tgz_part_alone_reads_its_contacts(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, TGZ / TGZ_PARTS[1])
    assert counts(db) == [("addressbook", 3, 2, 1)]
    assert cards(db) == TGZ_CARDS
    assert query(db, "select member, reason from raw_quarantine") == [
        ("Takeout/Kontakte/Meine Kontakte/Meine Kontakte.vcf", "FN, N, EMAIL, TEL: all missing")]


def test_takeout_tgz_parts_in_an_inbox_are_one_export_read_by_product(unsocial, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(TGZ, inbox)
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", "2026-06-01")
    assert result.code == 0, result.err
    assert query(db, "select export_path, source, records_loaded from ingested_exports order by 1") == [
        (f"{TGZ_PARTS[0]}#addressbook", "addressbook", 2), (f"{TGZ_PARTS[0]}#calendar", "calendar", 1)]
    assert cards(db) == TGZ_CARDS
    assert ("Elif Aydın",) in query(db, "select display_name from raw_accounts where platform = 'calendar'")


def test_takeout_tgz_parts_kept_in_a_folder_beside_a_calendar_are_opened(unsocial, tmp_path):
    folder = shutil.copytree(TGZ, tmp_path / "Downloads")
    shutil.copy(DOKUMENTE / "Kalender.ics", folder)
    db = ingest(unsocial, tmp_path, folder)
    assert counts(db) == [("addressbook", 3, 2, 1), ("calendar", 2, 2, 0)]
    assert cards(db) == TGZ_CARDS


def test_a_tgz_unpacked_beside_itself_is_read_once(tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    vcf = (DOKUMENTE / "Telefonbuch.vcf").read_bytes()
    tgz(folder, {"Takeout/Kontakte/Meine Kontakte/Meine Kontakte.vcf": vcf})
    (folder / "Takeout/Kontakte/Meine Kontakte").mkdir(parents=True)
    (folder / "Takeout/Kontakte/Meine Kontakte/Meine Kontakte.vcf").write_bytes(vcf)
    export = Export(folder)
    assert export.members() == ["Takeout/Kontakte/Meine Kontakte/Meine Kontakte.vcf"]
    assert list(export.left_out) == ["takeout-20260301T101010Z-001.tgz"]


def test_a_tgz_s_links_are_left_out_and_its_names_are_only_names(tmp_path):
    path = tgz(tmp_path, {"Takeout/../../escape.vcf": b"BEGIN:VCARD\r\nFN:X\r\nEND:VCARD\r\n"},
               links=("Takeout/Kontakte/passwd.vcf",))
    export = Export(path)
    assert export.kind == "tar" and export.members() == ["Takeout/../../escape.vcf"]
    assert export.head("Takeout/../../escape.vcf", 11) == b"BEGIN:VCARD"
    assert not (tmp_path.parent / "escape.vcf").exists()


def test_a_tgz_bomb_is_refused_before_it_is_inflated_whole(tmp_path):
    path = tgz(tmp_path, {"Takeout/Kontakte/all.vcf": b"\0" * (8 << 20)})
    with pytest.raises(UnsafeArchiveError, match="gzip bomb"):
        Export(path).members()


def test_a_tgz_with_two_entries_of_one_name_is_refused(tmp_path):
    import io
    import tarfile

    path = tmp_path / "takeout-20260301T101010Z-001.tgz"
    with tarfile.open(path, "w:gz") as archive:
        for data in (b"one", b"two"):
            info = tarfile.TarInfo("Takeout/Kontakte/all.vcf")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    with pytest.raises(UnsafeArchiveError, match="same name"):
        Export(path).members()


def test_a_cut_off_tgz_is_a_one_line_error_naming_it(tmp_path):
    from ingest.errors import UnreadableExportError

    path = tgz(tmp_path, {"Takeout/Kontakte/all.vcf": (DOKUMENTE / "Telefonbuch.vcf").read_bytes() * 50})
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(UnreadableExportError, match="not a readable .tgz"):
        Export(path).members()


def test_in_an_inbox_a_tgz_beside_the_folder_it_was_unpacked_into_is_read_once(unsocial, tmp_path):
    import tarfile

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    part = shutil.copy(TGZ / TGZ_PARTS[1], inbox)
    with tarfile.open(part) as archive:
        archive.extractall(inbox / Path(part).name.removesuffix(".tgz"), filter="data")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", "2026-06-01")
    assert result.code == 0, result.err
    assert query(db, "select export_path, source, records_read from ingested_exports") == [
        ("takeout-20260301T101010Z-3-002", "addressbook", 3)]
