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
