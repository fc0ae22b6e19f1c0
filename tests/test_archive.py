"""Exports as zips, folders, zips inside zips; refusing archives that are not what they claim."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF, fixture, zip_folder
from ingest.columns import Columns
from ingest.errors import UnreadableExportError, UnsafeArchiveError
from ingest.models import Interaction
from ingest.pipeline import discover_exports
from ingest.sources import detect_source, linkedin
from ingest.sources.archive import LEFT_OUT_COPY, Export


def test_zip_inside_a_zip_is_read_in_place(tmp_path):
    inner = zip_folder(fixture("linkedin", "2024-complete"), tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip")
    outer = tmp_path / "download.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, inner.name)
    export = Export(outer)
    assert "Complete_LinkedInDataExport_11-20-2026.zip/Connections.csv" in export.members()
    assert detect_source(export) is linkedin
    def interactions(e):
        return [(r.account_ref, r.kind, r.occurred_at) for item in linkedin.parse(e) if isinstance(item, Columns)
                and item.model is Interaction for r in item.records()]
    assert interactions(export) == interactions(Export(inner)) and len(interactions(export)) == 21


def test_folder_and_zip_hash_differently_but_stably(tmp_path):
    folder = fixture("linkedin", "2024-complete")
    assert Export(folder).sha256 == Export(folder).sha256
    zipped = zip_folder(folder, tmp_path / "a.zip")
    assert Export(zipped).sha256 == Export(zipped).sha256 != Export(folder).sha256


def test_members_with_traversal_names_are_only_names(tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../outside.csv", "First Name,Last Name,Connected On\n")
        archive.writestr("/etc/absolute.csv", "x\n")
    export = Export(path)
    assert export.head("../../outside.csv").startswith(b"First Name")
    assert not (tmp_path.parent.parent / "outside.csv").exists()


def test_os_noise_is_not_a_member(tmp_path):
    path = tmp_path / "mac.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("__MACOSX/._Connections.csv", "x")
        archive.writestr(".DS_Store", "x")
        archive.writestr("Connections.csv", "x")
    assert Export(path).members() == ["Connections.csv"]


def test_encrypted_zip_is_refused(tmp_path):
    path = tmp_path / "locked.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", "First Name\n")
    data = bytearray(path.read_bytes())
    for signature in (b"PK\x03\x04", b"PK\x01\x02"):  # set the "encrypted" flag in both headers
        at = data.find(signature)
        flag = at + (6 if signature == b"PK\x03\x04" else 8)
        data[flag] |= 0x1
    path.write_bytes(bytes(data))
    with pytest.raises(UnsafeArchiveError, match="encrypted"):
        Export(path).members()


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("messages.csv", b"\0" * (8 << 20))
    with pytest.raises(UnsafeArchiveError, match="zip bomb"):
        Export(path).members()


def test_truncated_zip_is_reported_not_skipped(tmp_path):
    good = zip_folder(fixture("linkedin", "2020"), tmp_path / "good.zip")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "linkedin.zip").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    discovery = discover_exports(inbox)
    assert discovery.found == [] and discovery.unrecognised == []
    assert [type(e) for e in discovery.failed] == [UnreadableExportError]


def _deflated(path, member: str, data: bytes, damage=None):
    """A zip of one deflated member; ``damage(bytes, offset of the member's data)`` edits the raw zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    if damage:
        raw = bytearray(path.read_bytes())
        damage(raw, 30 + len(member))  # after the local header (30 bytes) and the name, no extra field
        path.write_bytes(bytes(raw))
    return path


def test_a_deflated_member_reads_the_same_through_the_faster_inflater(tmp_path):
    data = b"".join(b'{"id": "%d", "text": "message %d"},\n' % (i, i * 7) for i in range(200_000))
    export = Export(_deflated(tmp_path / "big.zip", "data/direct-messages.js", data))
    with export.open("data/direct-messages.js") as stream:
        assert stream.read() == data
    with export.open("data/direct-messages.js") as stream:  # and in pieces, as the parsers read
        assert b"".join(iter(lambda: stream.read(1 << 20), b"")) == data


@pytest.mark.parametrize("damage", ["broken deflate stream", "bytes changed"])
def test_a_damaged_member_is_a_one_line_error_naming_the_zip(tmp_path, damage):
    def broken_stream(raw, start):
        raw[start] = 0xFF  # a deflate block of the reserved type 3: the inflater fails

    def changed(raw, start):
        raw[start + 200:start + 400] = bytes(b ^ 0x55 for b in raw[start + 200:start + 400])

    data = b'window.YTD.tweets.part0 = [' + b'{"tweet": {}},' * 50_000 + b'{}]'
    path = _deflated(tmp_path / "twitter.zip", "data/tweets.js", data,
                     broken_stream if damage == "broken deflate stream" else changed)
    with pytest.raises(UnreadableExportError) as raised, Export(path).open("data/tweets.js") as stream:
        stream.read()
    assert str(raised.value).startswith(f"{path}: a file inside the zip cannot be read (")
    assert "data/tweets.js" not in str(raised.value)


# --- an archive downloaded and unzipped beside itself: read once ------------------------------------------------------

TWITTER = fixture("twitter", "2022")
TWITTER_ZIP = "twitter-2026-11-20-abc.zip"


def _exports(db: Path) -> list[tuple]:
    """Per export loaded: records read, loaded and quarantined, and the rows of the raw tables."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select records_read, records_loaded, records_quarantined, "
                           "(select count(*) from raw_interactions), (select count(*) from raw_accounts) "
                           "from ingested_exports order by export_path").fetchall()


def _ingested(unsocial, export: Path, db: Path) -> list[tuple]:
    result = unsocial("ingest", export, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    return _exports(db)


@pytest.mark.parametrize("unpacked", ["beside the zip", "in a folder named after it", "beside it, all zipped again"])
def test_an_archive_zipped_and_unpacked_in_one_export_is_read_once(unsocial, tmp_path, unpacked):
    folder = tmp_path / "twitter-export"
    shutil.copytree(TWITTER, folder / ("twitter-2026-11-20-abc" if unpacked == "in a folder named after it" else ""))
    zip_folder(TWITTER, folder / TWITTER_ZIP)
    export = zip_folder(folder, tmp_path / "download.zip") if unpacked.endswith("zipped again") else folder
    alone = _ingested(unsocial, TWITTER, tmp_path / "alone.duckdb")
    assert _ingested(unsocial, export, tmp_path / "both.duckdb") == alone  # every tweet, like and follow once
    assert alone[0][0] == 31
    assert Export(export).left_out == {TWITTER_ZIP: LEFT_OUT_COPY}  # the zip is left out, the unpacked files read
    with duckdb.connect(str(tmp_path / "both.duckdb"), read_only=True) as con:  # and the owner is told so
        assert con.execute("select handling, note from raw_members where member = ?", [TWITTER_ZIP]).fetchall() == [
            ("ignored", LEFT_OUT_COPY)]


def test_a_zip_beside_its_unpacked_folder_in_an_inbox_is_one_export(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(TWITTER, inbox / "twitter-2026-11-20-abc")
    zip_folder(TWITTER, inbox / TWITTER_ZIP)
    alone = _ingested(unsocial, TWITTER, tmp_path / "alone.duckdb")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert _exports(db) == alone  # one export, not the folder and the zip with the same records each
    [found] = discover_exports(inbox).found
    assert [p.name for p in found.parts] == ["twitter-2026-11-20-abc", TWITTER_ZIP]
    assert found.export.left_out == {TWITTER_ZIP: LEFT_OUT_COPY}


def _other_zip(tmp_path: Path, target: Path, differs: str, unpacked: Path) -> Path:
    """The fixture zipped, but not quite the files in the folder ``unpacked``."""
    copy = shutil.copytree(TWITTER, tmp_path / "other")
    if differs == "a file of another size":
        (copy / "data" / "block.js").write_bytes((copy / "data" / "block.js").read_bytes() + b"\n")
    zip_folder(copy, target)
    if differs == "a file more":
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr("data/ad-engagements.js", "window.YTD.ad_engagements.part0 = [ ]\n")
    elif differs == "a name outside the export":  # a same-size file is there, but no path leads out of the export
        with zipfile.ZipFile(target, "a") as archive:
            archive.writestr("../outside.txt", "abc")
        (unpacked.parent / "outside.txt").write_text("abc")
    return target


DIFFERS = ["a file of another size", "a file more", "a name outside the export"]


@pytest.mark.parametrize("differs", DIFFERS)
def test_a_zip_that_differs_from_the_unpacked_files_is_still_read(tmp_path, differs):
    folder = shutil.copytree(TWITTER, tmp_path / "twitter-export")
    zip_folder(TWITTER, folder / TWITTER_ZIP)
    other = _other_zip(tmp_path, folder / "twitter-2026-11-27-def.zip", differs, folder)
    export = Export(folder)
    assert export.left_out == {TWITTER_ZIP: LEFT_OUT_COPY}
    assert not [m for m in export.members() if m.startswith(TWITTER_ZIP)]
    with zipfile.ZipFile(other) as archive:  # every file of the other zip read, out of the zip
        assert {name: export.head(f"{other.name}/{name}", 1 << 20) for name in archive.namelist()} == \
            {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("differs", DIFFERS)
def test_in_an_inbox_a_zip_that_differs_from_the_folder_beside_it_stays_an_export(tmp_path, differs):
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(TWITTER, inbox / "twitter-2026-11-20-abc")
    zip_folder(TWITTER, inbox / TWITTER_ZIP)
    _other_zip(tmp_path, inbox / "twitter-2026-11-27-def.zip", differs, inbox / "twitter-2026-11-20-abc")
    found = discover_exports(inbox).found
    assert [(f.path.name, [p.name for p in f.parts]) for f in found] == [
        ("twitter-2026-11-20-abc", ["twitter-2026-11-20-abc", TWITTER_ZIP]), ("twitter-2026-11-27-def.zip", [])]
