"""Exports as zips, folders, zips inside zips; refusing archives that are not what they claim."""

from __future__ import annotations

import zipfile

import pytest

from conftest import fixture, zip_folder
from ingest.columns import Columns
from ingest.errors import UnreadableExportError, UnsafeArchiveError
from ingest.models import Interaction
from ingest.pipeline import discover_exports
from ingest.sources import detect_source, linkedin
from ingest.sources.archive import Export


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
