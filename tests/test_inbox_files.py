"""What users download, put into an inbox as it is (sweep 23): an archive of a kind this version cannot open, a plain
.tar, a download not yet finished, the files Windows leaves in folders, an owner's folder named with an umlaut.

Each was "not a recognised export: no source reads this file" with advice to open an issue; alone in the inbox,
"no recognised export here (1 other files); put your platform exports and journal into this folder", of a file
that was in that folder.
"""

from __future__ import annotations

import shutil
import tarfile

import pytest

from conftest import fixture, query

AS_OF = "2026-06-01"
EXTRACT = "extract it and put the folder (or a .zip of it) into the inbox"
DOWNLOADING = ("not a recognised export: still being downloaded (or an interrupted download)",
               "wait for it to finish, or download it again")
ARCHIVES = {  # a file, its first bytes, what it is said to be, what to do
    "facebook-marta-2026.7z": (b"7z\xbc\xaf\x27\x1c\x00\x04", "a 7-Zip archive, which this version cannot open",
                               EXTRACT),
    "twitter-2026.rar": (b"Rar!\x1a\x07\x01\x00", "a RAR archive, which this version cannot open", EXTRACT),
    "takeout-2026.tar.bz2": (b"BZh91AY&SY", "a tar archive compressed with bzip2, which this version cannot open",
                             EXTRACT),
    "kalender.ics.xz": (b"\xfd7zXZ\x00\x00\x04", "the file is compressed (xz)",
                        "decompress it (unxz, or your archive tool) and ingest the file it holds"),
}


def journal_inbox(tmp_path, name="marta"):
    inbox = tmp_path / "inboxes" / name
    inbox.mkdir(parents=True)
    shutil.copy(fixture("journal", "comma", "journal.csv"), inbox / "journal.csv")
    return inbox


def run(unsocial, tmp_path, inbox):
    return unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "reports", "--as-of", AS_OF)


def unread(tmp_path):
    return query(tmp_path / "u.duckdb", "select source_file, reason, what_to_do from not_read where source is null "
                                        "order by source_file")


@pytest.mark.parametrize("name", ARCHIVES)
def test_an_archive_this_version_cannot_open_says_so_and_to_extract_it(unsocial, tmp_path, name):
    inbox = journal_inbox(tmp_path)
    head, what, todo = ARCHIVES[name]
    (inbox / name).write_bytes(head + bytes(200))
    assert run(unsocial, tmp_path, inbox).code == 0
    assert unread(tmp_path) == [(name, f"not a recognised export: {what}", todo)]


def test_an_inbox_holding_only_a_7z_names_it_and_says_to_extract_it(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    (inbox / "facebook-marta-2026.7z").write_bytes(b"7z\xbc\xaf\x27\x1c" + bytes(200))
    result = run(unsocial, tmp_path, inbox)
    assert result.code == 1
    assert result.err.strip() == (f"error: {inbox}: no recognised export here (1 other file): facebook-marta-2026.7z "
                                  f"(a 7-Zip archive, which this version cannot open); {EXTRACT}")


def test_an_inbox_of_files_no_source_reads_names_a_few_those_told_first(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    for number in range(4):
        (inbox / f"holiday-{number}.jpg").write_bytes(b"\xff\xd8\xff" + bytes(100))
    (inbox / "x-2026.zip.crdownload").write_bytes(b"PK\x03\x04" + bytes(100))
    (inbox / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # Windows': not counted
    result = run(unsocial, tmp_path, inbox)
    assert result.code == 1
    assert result.err.strip() == (
        f"error: {inbox}: no recognised export here (5 other files): x-2026.zip.crdownload (still being downloaded "
        "(or an interrupted download)), holiday-0.jpg, holiday-1.jpg, and 2 more; wait for it to finish, or download "
        "it again; put your platform exports and journal into this folder")


def test_a_plain_tar_of_an_export_is_read_as_its_tgz_is(unsocial, tmp_path):
    inbox = journal_inbox(tmp_path)
    with tarfile.open(inbox / "Basic_LinkedInDataExport_11-19-2026.tar", "w") as archive:  # 7-Zip's "extract" of .tgz
        archive.add(fixture("linkedin", "2024-basic"), arcname=".")
    assert run(unsocial, tmp_path, inbox).code == 0
    assert query(tmp_path / "u.duckdb", "select source, export_path, records_read, records_loaded, records_quarantined "
                                        "from ingested_exports where source = 'linkedin'") == [
        ("linkedin", "Basic_LinkedInDataExport_11-19-2026.tar", 5, 4, 1)]
    assert unread(tmp_path) == []


def test_a_plain_tar_cut_short_is_refused_not_read_in_part(unsocial, tmp_path):
    inbox = journal_inbox(tmp_path)
    whole = tmp_path / "whole.tar"
    with tarfile.open(whole, "w") as archive:
        archive.add(fixture("linkedin", "2024-basic"), arcname=".")
    cut = inbox / "Basic_LinkedInDataExport_11-19-2026.tar"
    with tarfile.open(whole) as archive:
        last = archive.getmembers()[-1].offset  # where Profile.csv begins: cut there, tarfile takes it for the end
    cut.write_bytes(whole.read_bytes()[:last])
    result = run(unsocial, tmp_path, inbox)
    assert result.code == 1
    assert f"error: {cut}: not a readable .tar (ReadError: truncated or damaged?); download the export again, or " \
           "unpack it and put the folder into the inbox" in result.err.splitlines()
    assert query(tmp_path / "u.duckdb", "select source from ingested_exports") == [("journal",)]


@pytest.mark.parametrize("name", ["facebook-marta-2026.zip.crdownload", "twitter-2026.zip.part",
                                  "Basic_LinkedInDataExport.zip.partial", "takeout-2026-001.tgz.download",
                                  "twitter-2026.zip.opdownload"])
def test_a_download_not_finished_says_to_wait_or_download_it_again(unsocial, tmp_path, name):
    inbox = journal_inbox(tmp_path)
    (inbox / name).write_bytes(b"PK\x03\x04" + bytes(100))  # the first bytes of a zip, the rest not yet there
    assert run(unsocial, tmp_path, inbox).code == 0
    assert unread(tmp_path) == [(name, *DOWNLOADING)]


def test_windows_own_files_in_an_export_are_no_files_not_read(unsocial, tmp_path):
    inbox = journal_inbox(tmp_path)
    export = inbox / "Basic_LinkedInDataExport_11-19-2026"
    shutil.copytree(fixture("linkedin", "2024-basic"), export)
    (export / "Desktop.ini").write_bytes(b"[.ShellClassInfo]\r\nIconResource=imageres.dll,-3\r\n")
    (export / "ehthumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (export / "THUMBS.DB").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert run(unsocial, tmp_path, inbox).code == 0
    assert query(tmp_path / "u.duckdb", "select member from not_read where handling <> 'quarantined'") == []


@pytest.mark.parametrize(("folder", "suggested", "earlier"), [("Jürgen", "juergen", "j-rgen"), ("José", "jose", "jos"),
                                                             ("Straße", "strasse", "stra-e")])
def test_an_owner_folder_with_accents_suggests_the_id_its_owner_would_spell(unsocial, tmp_path, folder, suggested,
                                                                              earlier):
    inbox = journal_inbox(tmp_path, folder)
    result = run(unsocial, tmp_path, inbox)
    assert result.code == 2
    assert result.err.strip() == (
        f"error: {inbox}: the folder's name is not a valid owner id (1 to 64 lowercase letters, digits, '.', '_' or "
        f"'-', starting with a letter or digit); rename the folder to {suggested} or pass --owner {suggested} "
        f"(earlier versions read it as owner {earlier}: pass --owner {earlier} to keep that data)")
    assert run(unsocial, tmp_path, inbox.rename(inbox.with_name(suggested))).code == 0


def test_windows_files_and_a_firefox_download_at_the_top_of_the_inbox(unsocial, tmp_path):
    """Beside the exports themselves: Windows' Thumbs.db and desktop.ini are never listed; Firefox's empty file under
    the final name (beside its .part) is a download under way, not "a damaged zip: download it again"."""
    inbox = journal_inbox(tmp_path)
    (inbox / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    (inbox / "desktop.ini").write_text("[.ShellClassInfo]\n", encoding="utf-8")
    (inbox / "twitter-2026.zip").write_bytes(b"")
    (inbox / "twitter-2026.zip.part").write_bytes(b"PK\x03\x04" + bytes(100))
    result = run(unsocial, tmp_path, inbox)
    assert result.code == 0, result.err
    assert unread(tmp_path) == [("twitter-2026.zip", *DOWNLOADING), ("twitter-2026.zip.part", *DOWNLOADING)]


@pytest.mark.parametrize("header, own", [("date,name,what", "what"), ("Datum;Name;Was;Wo", "Was, Wo")])
def test_a_journal_with_columns_of_its_own_says_which_and_how_to_name_them(unsocial, tmp_path, header, own):
    """A journal's header needs three of its columns beside one of the owner's own: "date,name,what" was "not a
    recognised export", nothing said of its header."""
    path = tmp_path / "journal.csv"
    separator = ";" if ";" in header else ","
    path.write_text(f"{header}\n2025-06-14{separator}Jonas Weber{separator}Lunch\n", encoding="utf-8")
    result = unsocial("ingest", path, "--db", tmp_path / "u.duckdb", "--owner", "marta")
    assert result.code == 1 and result.err.strip() == (
        f"error: {path}: not a recognised export: a CSV with the journal's date and name columns and columns of its "
        f"own ({own}); if it is your journal, name its columns date, name, email, phone, kind and note; a column of "
        "your own is read beside three of those at least")
