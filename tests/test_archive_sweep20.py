"""Zips made by Windows PowerShell 5.1's ``Compress-Archive``: "\\" between folders, "made by" MS-DOS.

PowerShell/Microsoft.PowerShell.Archive issues #48, #71, PowerShell/PowerShell #2140: such a zip names a file
``Takeout\\Contacts\\My Contacts\\My Contacts.vcf``. Info-ZIP's unzip and libarchive (PR #970) read the "\\" as "/"
when the zip says it was made on MS-DOS and the name holds no "/"; so does unsocial, and every check on names
(traversal, names stored twice, the depth of nested zips, a zip beside its unpacked copy) sees the name so read.
The zips are made at run time from the fixtures of invented people.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import export_counts, fixture, ingest_as_marta, query, zip_folder
from ingest.errors import UnsafeArchiveError
from ingest.sources.archive import LEFT_OUT_COPY, Export

MS_DOS, UNIX = 0, 3  # "version made by", upper byte (APPNOTE 4.4.2)
CONNECTIONS = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" \
              b"Jonas,Weber,https://www.linkedin.com/in/jonasweber,,Hafenbau KG,Ingenieur,12 Jan 2023\n"
PROFILE = b"First Name,Last Name,Headline\nMarta,Lindqvist,Engineer\n"
EXPORTS = [("addressbook", "google-takeout-2025"), ("calendar", "takeout-2024"), ("facebook", "f3-2020"),
           ("linkedin", "2024-complete")]


def windows_zip(entries: dict[str, bytes], target: Path, system: int = MS_DOS) -> Path:
    """A zip as Compress-Archive writes it: the names as given (with "\\"), "made by" ``system``."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 9, 15, 0))
            info.create_system, info.create_version, info.compress_type = system, 20, zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return target


def powershell_zip(folder: Path, target: Path) -> Path:
    """The fixture folder zipped by Windows PowerShell 5.1: its files at the root, "\\" between folders."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return windows_zip({str(p.relative_to(folder)).replace("/", "\\"): p.read_bytes() for p in files}, target)


def outcome(unsocial, tmp_path: Path, export: Path) -> tuple[list, list]:
    """What the owner sees of one export: its counts and every row of ``not_read``."""
    db = ingest_as_marta(unsocial, tmp_path, export)
    return export_counts(db), query(db, "select * exclude (owner_id) from not_read order by all")


@pytest.mark.parametrize(("platform", "vintage"), EXPORTS)
def test_a_powershell_zip_is_read_as_the_same_zip_with_slashes(unsocial, tmp_path, platform, vintage):
    folder = fixture(platform, vintage)
    (tmp_path / "slashes").mkdir()
    (tmp_path / "backslashes").mkdir()
    slashes = zip_folder(folder, tmp_path / "slashes" / f"{vintage}.zip")
    backslashes = powershell_zip(folder, tmp_path / "backslashes" / f"{vintage}.zip")
    assert Export(backslashes).members() == Export(slashes).members()
    counts, not_read = outcome(unsocial, tmp_path / "backslashes", backslashes)
    assert (counts, not_read) == outcome(unsocial, tmp_path / "slashes", slashes)
    assert counts and all(read > 0 for _, read, _, _ in counts)  # a Takeout zip was "not a recognised export"
    assert not [row for row in not_read if "\\" in (row[2] or "")]  # no "unknown file Jobs\Job Applications.csv"


def test_a_takeout_of_calendar_and_contacts_made_by_powershell_is_read_by_both(unsocial, tmp_path):
    # the fixture: the folder calendar/takeout-2024 zipped by ``powershell_zip``
    export = fixture("mixed", "powershell-compress-archive-2026", "takeout-20261120T091500Z-001.zip")
    with zipfile.ZipFile(export) as archive:
        assert {(i.create_system, "\\" in i.filename, "/" in i.filename) for i in archive.infolist()} == {
            (MS_DOS, True, False)}
    (tmp_path / "folder").mkdir()
    counts = outcome(unsocial, tmp_path, export)[0]
    assert counts == outcome(unsocial, tmp_path / "folder", fixture("calendar", "takeout-2024"))[0]
    assert [source for source, *_ in counts] == ["addressbook", "calendar"]
    assert Export(export).product_folders().keys() == {"", "Calendar", "Contacts"}


def test_a_unix_zip_keeps_a_backslash_as_part_of_a_name(tmp_path):
    # On Linux and macOS "\" is a character of a file name like any other: only MS-DOS zips are read with folders.
    path = windows_zip({"Profile.csv": PROFILE, "notes\\2026.csv": b"x\n"}, tmp_path / "unix.zip", system=UNIX)
    assert Export(path).members() == ["Profile.csv", "notes\\2026.csv"]


def test_a_name_with_slashes_and_backslashes_is_left_as_it_is(tmp_path):
    # Info-ZIP and libarchive read "\" as a folder only in a name that holds no "/"
    path = windows_zip({"Jobs/Job\\Applications.csv": b"x\n", "Profile.csv": PROFILE}, tmp_path / "mixed.zip")
    assert Export(path).members() == ["Jobs/Job\\Applications.csv", "Profile.csv"]


def test_folders_of_a_powershell_zip_are_no_members(tmp_path):
    path = windows_zip({"Takeout\\": b"", "Takeout\\Contacts\\": b"", "Takeout\\Contacts\\All.vcf": b"x"},
                       tmp_path / "folders.zip")
    assert Export(path).members() == ["Takeout/Contacts/All.vcf"]


def test_backslash_traversal_names_are_only_names(unsocial, tmp_path, monkeypatch):
    path = windows_zip({"Profile.csv": PROFILE, "..\\..\\escaped\\Connections.csv": CONNECTIONS,
                        "C:\\Users\\Public\\Connections.csv": CONNECTIONS}, tmp_path / "evil.zip")
    export = Export(path)
    assert export.members() == ["../../escaped/Connections.csv", "C:/Users/Public/Connections.csv", "Profile.csv"]
    assert export.head("../../escaped/Connections.csv").startswith(b"First Name")
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    ingest_as_marta(unsocial, work, path)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith("u.duckdb")) == \
        ["evil.zip"]  # nothing unzipped, in the folder of the zip or beside it
    assert not (tmp_path / "escaped").exists() and not Path("C:").exists()


def test_a_name_stored_with_a_backslash_and_with_a_slash_is_a_name_stored_twice(tmp_path):
    # Read as one name, two entries would show one file to a check and the other to a reader.
    first = windows_zip({"Connections.csv": CONNECTIONS, "Jobs\\Job Applications.csv": b"x\n"}, tmp_path / "a.zip")
    with zipfile.ZipFile(first, "a") as archive:
        archive.writestr("Jobs/Job Applications.csv", b"y\n")
    with pytest.raises(UnsafeArchiveError, match="same name"):
        Export(first).members()


def test_an_attachment_zip_deep_in_a_powershell_zip_stays_closed(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
    attachment = "messages\\inbox\\jonasweber_123\\files\\holiday.zip"
    path = windows_zip({"friends\\friends.json": b'{"friends": []}', attachment: inner.getvalue()}, tmp_path / "f.zip")
    assert Export(path).members() == ["friends/friends.json", "messages/inbox/jonasweber_123/files/holiday.zip"]


def test_a_powershell_zip_inside_a_zip_is_read_with_folders(tmp_path):
    inner = powershell_zip(fixture("linkedin", "2024-complete"), tmp_path / "Complete_LinkedInDataExport.zip")
    outer = windows_zip({"download\\Complete_LinkedInDataExport.zip": inner.read_bytes()}, tmp_path / "all.zip")
    export = Export(outer)
    member = "download/Complete_LinkedInDataExport.zip/Jobs/Job Applications.csv"
    assert member in export.members()
    assert export.head(member) == (fixture("linkedin", "2024-complete") / "Jobs" / "Job Applications.csv").read_bytes()[
        :4096]


def test_a_powershell_zip_beside_its_unpacked_folder_is_read_once(unsocial, tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(fixture("linkedin", "2024-complete"), folder / "Basic_LinkedInDataExport")
    powershell_zip(fixture("linkedin", "2024-complete"), folder / "Basic_LinkedInDataExport.zip")
    (tmp_path / "alone").mkdir()
    alone = outcome(unsocial, tmp_path / "alone", fixture("linkedin", "2024-complete"))[0]
    assert export_counts(ingest_as_marta(unsocial, tmp_path, folder)) == alone  # every connection once
    assert Export(folder).left_out == {"Basic_LinkedInDataExport.zip": LEFT_OUT_COPY}


def zip_without_utf8_flag(entries: dict[str, bytes], target: Path) -> Path:
    """A zip as Info-ZIP's zip 3.0 writes it on Linux: each name's UTF-8 bytes, the UTF-8 flag not set. zipfile
    flags every name beyond ASCII, so each is written as an ASCII stand-in of its length, then swapped in."""
    stand_ins = {name: "x" * len(name.encode("utf-8")) for name in entries}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(stand_ins[name], data)
    raw = target.read_bytes()
    for name, stand_in in stand_ins.items():
        raw = raw.replace(stand_in.encode(), name.encode("utf-8"))
    target.write_bytes(raw)
    return target


def test_utf8_names_of_a_zip_without_the_utf8_flag_are_read_as_utf8(unsocial, tmp_path):
    """A Catalan Takeout zipped again with zip 3.0: its product folder "YouTube i YouTube\u00a0Music" (a no-break
    space) was "YouTube i YouTube┬áMusic", an unknown file asking for an issue."""
    folder = fixture("mixed", "takeout-youtube-ca-2026")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    target = zip_without_utf8_flag({p.relative_to(folder).as_posix(): p.read_bytes() for p in files},
                                   tmp_path / "takeout-20260301T101010Z-001.zip")
    assert not any(info.flag_bits & 0x800 for info in zipfile.ZipFile(target).infolist())
    names = Export(target, tmp_path).members()
    assert "Takeout/YouTube i YouTube\u00a0Music/subscripcions/subscripcions.csv" in names
    db = ingest_as_marta(unsocial, tmp_path, target)
    assert query(db, "select handling, count(*) from raw_members where member like '%YouTube%' group by all") == [
        ("ignored", 2)]  # left out on purpose as YouTube, the owner's own data
