"""Exports packaged the way users hand them over (hunt 25): in a folder a sync tool or an office program has been at,
in iCloud Drive, split in volumes, zipped deeper than zips are opened.

Each was either read with what is not data (lock files and sync tools' markers listed as unknown files with a request
to open an issue; sync tools' old copies read as data, every record counted twice) or refused with the wrong advice
("not a recognised export", "download the export again")."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from conftest import fixture, query, zip_folder

LINKEDIN = fixture("linkedin", "2024-complete")
EXPORT = "Basic_LinkedInDataExport_11-19-2026"
AS_OF = "2026-06-01"
NOT_READ = "select member, handling, reason from not_read where handling = 'unknown' order by member"
# Files that hold no data, as the programs write them beside a CSV of the export
JUNK = {
    "~$Connections.csv": b"\x0bJane Doe   " + bytes(150),  # Excel's lock while Connections.csv is open in it
    ".~lock.Connections.csv#": b"Jane Doe,jane,host,01.01.2024 10:00,file:///home/jane/.config/libreoffice/4;\n",
    ".localized": b"",  # macOS: the folder's localised name
    "Icon\r": b"",  # macOS: the folder's custom icon (its data in a resource fork)
    ".nomedia": b"",  # Android: keep the folder out of the gallery
    ".dropbox": b'{"tag": "dropbox", "ns": 1}',  # Dropbox's marker of its folder
    "~syncthing~Profile.csv.tmp": b"First Name,Last",  # Syncthing receiving a file, on Windows
    ".syncthing.Profile.csv.tmp": b"First Name,Last",  # and elsewhere
    ".849C9593-D756-4E56-8D6E-42412F2A707B": b"",  # OneDrive's hidden file
}
# Sync tools' old versions and a desktop's trash, inside the export's folder: the same records again
COPIES = (".stversions/Connections~20231201-101010.csv", ".dropbox.cache/Connections.csv",
          ".sync/Archive/Connections.csv", ".Trash-1000/files/Connections.csv")
ICLOUD = ("still in iCloud Drive, not downloaded: only its placeholder is here",
          "open its folder in Finder (or the Files app) and choose Download Now on it (or on the whole folder), then "
          "run again")
SEVEN_ZIP = ("not a recognised export: one volume of a zip split into several files ({0}.001, .002, …); put all its "
             "volumes in one folder and join them (7-Zip: open {0}.001 and choose File > Combine Files; or `cat "
             "{0}.0?? > {0}`), then ingest {0}")
SPANNED = ("not a recognised export: one volume of a zip spanned over several files ({0}.z01, .z02, …, {0}.zip); put "
           "all its volumes in one folder and join them (`zip -s 0 {0}.zip --out whole.zip`, or extract {0}.zip with "
           "7-Zip or WinZip), then ingest the joined zip (or the extracted folder)")
DEEPER = ("not a recognised export: all it holds is another zip, {0}, nested deeper than zips are opened; unzip {1} "
          "and give {0} from it to `unsocial ingest` (or put it into the inbox)")


def linkedin_folder(tmp_path, files: dict[str, bytes]):
    """The LinkedIn fixture as a folder, with ``files`` (path → bytes) added."""
    folder = tmp_path / "given" / EXPORT
    shutil.copytree(LINKEDIN, folder)
    for path, data in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    return folder


def given(tmp_path, files: dict[str, bytes], form: str):
    folder = linkedin_folder(tmp_path, files)
    return folder if form == "folder" else zip_folder(folder, tmp_path / f"{EXPORT}.zip")


def ingest(unsocial, tmp_path, path, db_name="u.duckdb"):
    return unsocial("ingest", path, "--db", tmp_path / db_name, "--owner", "marta")


def run(unsocial, tmp_path, inbox):
    return unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "reports", "--as-of", AS_OF)


def counts(db):
    return query(db, "select (select count(*) from raw_accounts), (select count(*) from raw_interactions)")[0]


def plain_counts(unsocial, tmp_path):
    assert ingest(unsocial, tmp_path, LINKEDIN, "plain.duckdb").code == 0
    return counts(tmp_path / "plain.duckdb")


def split_zip(tmp_path, folder):
    """7-Zip's "Split to volumes" of the LinkedIn fixture's zip: two byte ranges of one zip."""
    data = zip_folder(LINKEDIN, tmp_path / "whole.zip").read_bytes()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{EXPORT}.zip.001").write_bytes(data[:len(data) // 2])
    (folder / f"{EXPORT}.zip.002").write_bytes(data[len(data) // 2:])
    return folder


def spanned_zip(folder):
    """Info-ZIP's ``zip -s 64k`` of an export, as its volumes begin: the first with the spanning signature."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Basic.z01").write_bytes(b"PK\x07\x08PK\x03\x04" + bytes(400))
    (folder / "Basic.zip").write_bytes(b"PK\x03\x04" + bytes(200))
    return folder


def deep_zip(tmp_path, outer, inner_path):
    """A zip holding the LinkedIn fixture's zip at ``inner_path``."""
    inner = zip_folder(LINKEDIN, tmp_path / "inner.zip")
    outer.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, inner_path)
    return outer


# --- 1. files that hold no data ------------------------------------------------------------------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_lock_files_and_sync_tools_markers_are_left_out_as_windows_own_files_are(unsocial, tmp_path, form):
    """Real files named like them (``Icon.png``, ``lock.csv``) are still files not read, each listed."""
    plain = plain_counts(unsocial, tmp_path)
    export = given(tmp_path, {**JUNK, "Icon.png": b"\x89PNG\r\n\x1a\n" + bytes(40), "lock.csv": b"a,b\n1,2\n"}, form)
    assert ingest(unsocial, tmp_path, export).code == 0
    db = tmp_path / "u.duckdb"
    assert query(db, NOT_READ) == [(name, "unknown", "not a LinkedIn file this version reads")
                                   for name in ("Icon.png", "Mystery_Feature.csv", "lock.csv")]
    assert counts(db) == plain


# --- 2. sync tools' copies -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_the_old_versions_a_sync_tool_keeps_in_the_folder_are_not_read_twice(unsocial, tmp_path, form):
    plain = plain_counts(unsocial, tmp_path)
    connections = (LINKEDIN / "Connections.csv").read_bytes()
    export = given(tmp_path, dict.fromkeys(COPIES, connections), form)
    assert ingest(unsocial, tmp_path, export).code == 0
    db = tmp_path / "u.duckdb"
    assert counts(db) == plain
    assert query(db, "select member from not_read where member like '%/.%'") == []


# --- 3. iCloud Drive's placeholders --------------------------------------------------------------------------------

def test_an_export_zip_still_in_icloud_says_to_download_it_first(unsocial, tmp_path):
    placeholder = tmp_path / "given" / f".{EXPORT}.zip.icloud"
    placeholder.parent.mkdir()
    placeholder.write_bytes(b"bplist00\xd3\x01\x02\x03XNSURLNameVNSFileSize" + bytes(40))
    result = ingest(unsocial, tmp_path, placeholder)
    assert result.code == 1
    assert result.err.strip() == (f"error: {placeholder}: not a recognised export: {ICLOUD[0]} ({EXPORT}.zip); "
                                  f"{ICLOUD[1]}")


def test_an_export_folder_none_of_whose_files_is_downloaded_says_so(unsocial, tmp_path):
    folder = tmp_path / "given" / EXPORT
    folder.mkdir(parents=True)
    for name in ("Connections.csv", "Profile.csv", "messages.csv"):
        (folder / f".{name}.icloud").write_bytes(b"bplist00" + bytes(40))
    result = ingest(unsocial, tmp_path, folder)
    assert result.code == 1
    assert result.err.strip() == (f"error: {folder}: not a recognised export: {ICLOUD[0]} (Connections.csv); "
                                  f"{ICLOUD[1]}")


def test_a_file_of_an_export_still_in_icloud_is_listed_with_what_to_do(unsocial, tmp_path):
    folder = linkedin_folder(tmp_path, {".messages.csv.icloud": b"bplist00" + bytes(40)})
    (folder / "messages.csv").unlink()
    assert ingest(unsocial, tmp_path, folder).code == 0
    assert query(tmp_path / "u.duckdb", "select member, reason, what_to_do from not_read where member like '%icloud'") \
        == [(".messages.csv.icloud", *ICLOUD)]


def test_an_export_in_the_inbox_still_in_icloud_is_listed_with_what_to_do(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    shutil.copy(fixture("journal", "comma", "journal.csv"), inbox / "journal.csv")
    (inbox / f".{EXPORT}.zip.icloud").write_bytes(b"bplist00" + bytes(40))
    assert run(unsocial, tmp_path, inbox).code == 0
    assert query(tmp_path / "u.duckdb", "select member, reason, what_to_do from not_read where source is null") == [
        (f".{EXPORT}.zip.icloud", f"not a recognised export: {ICLOUD[0]} ({EXPORT}.zip)", ICLOUD[1])]


# --- 4. zips split in volumes --------------------------------------------------------------------------------------

def test_a_folder_of_7zip_volumes_says_to_join_them(unsocial, tmp_path):
    folder = split_zip(tmp_path, tmp_path / "given" / "linkedin")
    result = ingest(unsocial, tmp_path, folder)
    assert result.code == 1
    assert result.err.strip() == f"error: {folder}: {SEVEN_ZIP.format(f'{EXPORT}.zip')}"


def test_the_first_7zip_volume_given_says_to_join_them(unsocial, tmp_path):
    first = split_zip(tmp_path, tmp_path / "given") / f"{EXPORT}.zip.001"
    result = ingest(unsocial, tmp_path, first)
    assert result.code == 1
    assert result.err.strip() == f"error: {first}: {SEVEN_ZIP.format(f'{EXPORT}.zip')}"


def test_the_first_volume_of_a_spanned_zip_given_says_to_join_them(unsocial, tmp_path):
    first = spanned_zip(tmp_path / "given") / "Basic.z01"
    result = ingest(unsocial, tmp_path, first)
    assert result.code == 1
    assert result.err.strip() == f"error: {first}: {SPANNED.format('Basic')}"


def test_volumes_in_the_inbox_are_listed_with_how_to_join_them(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(LINKEDIN, inbox / EXPORT)
    (split_zip(tmp_path, inbox) / f"{EXPORT}.zip.002").unlink()  # the last volume: see the test below
    spanned_zip(inbox)
    (inbox / "Basic.zip").unlink()
    assert run(unsocial, tmp_path, inbox).code == 0
    assert query(tmp_path / "u.duckdb", "select member, reason || '; ' || what_to_do from not_read "
                                        "where source is null order by member") == [
        ("Basic.z01", SPANNED.format("Basic")), (f"{EXPORT}.zip.001", SEVEN_ZIP.format(f"{EXPORT}.zip"))]


def test_the_last_7zip_volume_given_says_to_join_them_not_to_download_again(unsocial, tmp_path):
    last = split_zip(tmp_path, tmp_path / "given") / f"{EXPORT}.zip.002"
    result = ingest(unsocial, tmp_path, last)
    assert result.code == 1
    assert result.err.strip() == f"error: {last}: {SEVEN_ZIP.format(f'{EXPORT}.zip')}"


def test_the_last_volume_of_a_spanned_zip_says_to_join_them_not_to_download_again(unsocial, tmp_path):
    folder = spanned_zip(tmp_path / "given")
    whole = zip_folder(LINKEDIN, tmp_path / "whole.zip").read_bytes()
    directory = int.from_bytes(whole[-6:-2], "little")  # where the zip's directory begins (its end record's field)
    (folder / "Basic.z01").write_bytes(b"PK\x07\x08" + whole[:directory])  # the members
    (folder / "Basic.zip").write_bytes(whole[directory:])  # the directory, pointing into the volume before
    result = ingest(unsocial, tmp_path, folder / "Basic.zip")
    assert result.code == 1
    assert result.err.strip() == f"error: {folder / 'Basic.zip'}: {SPANNED.format('Basic')}"


# --- 5. a zip deeper than zips are opened --------------------------------------------------------------------------

def test_a_zip_holding_only_a_zip_two_folders_down_names_it_and_says_to_unzip(unsocial, tmp_path):
    outer = deep_zip(tmp_path, tmp_path / "given" / "Exporte.zip", f"Exporte/Jana Novak/{EXPORT}.zip")
    result = ingest(unsocial, tmp_path, outer)
    assert result.code == 1
    assert result.err.strip() == f"error: {outer}: {DEEPER.format(f'{EXPORT}.zip', 'Exporte.zip')}"
    assert "Jana" not in result.err  # the folders above it may be named after people


def test_a_folder_holding_only_a_zip_of_a_zip_is_read_as_that_zip(unsocial, tmp_path):
    """A folder of one file is read as that file (session 27: a folder of one journal.csv was refused): a zip holding
    the export's zip, one level deep from the zip, as when the zip is given itself."""
    folder = tmp_path / "given" / "d"
    deep_zip(tmp_path, folder / "linkedin.zip", f"{EXPORT}.zip")
    result = ingest(unsocial, tmp_path, folder)
    assert result.code == 0, result.err
    assert query(tmp_path / "u.duckdb", "select source, export_path from ingested_exports") == [
        ("linkedin", "linkedin.zip")]


def test_a_folder_holding_a_zip_of_a_zip_beside_another_file_says_to_give_the_zip(unsocial, tmp_path):
    folder = tmp_path / "given" / "d"
    deep_zip(tmp_path, folder / "linkedin.zip", f"{EXPORT}.zip")
    (folder / "notes.txt").write_text("Einkaufsliste\n", encoding="utf-8")
    result = ingest(unsocial, tmp_path, folder)
    assert result.code == 1
    assert "it holds 1 export of its own (linkedin 1)" in result.err and "Traceback" not in result.err
    assert "ingest those exports by their paths" in result.err
