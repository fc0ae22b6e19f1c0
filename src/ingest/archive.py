"""Exports as a flat list of member files, whether a zip, a folder or a single file.

Nothing is ever extracted to disk: members are streamed straight out of the zip, so a member name
like ``../../etc/passwd`` is only a name. Zips are still checked before reading, because a zip
bomb or an encrypted member is a sign of a file that is not what it claims to be.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from .errors import UnreadableExportError, UnsafeArchiveError

MAX_TOTAL_BYTES = int(os.environ.get("UNSOCIAL_MAX_UNZIPPED_BYTES", 8 * 1024**3))
MAX_RATIO = int(os.environ.get("UNSOCIAL_MAX_ZIP_RATIO", 200))
_IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _is_noise(name: str) -> bool:
    """macOS and Windows leave these in folders and zips; they are never data."""
    parts = PurePosixPath(name).parts
    return any(p in _IGNORED_NAMES or p == "__MACOSX" or p.startswith("._") for p in parts)


@dataclass(frozen=True)
class _Location:
    part: Path  # the zip, folder or file that holds the member
    kind: str  # the part's kind: zip, folder or file
    outer: str | None  # the nested zip inside the part, if the member sits in one
    inner: str  # the member's name inside its container


@dataclass
class Export:
    """One export in an inbox: a zip, an extracted folder or a single file.

    A large Facebook request arrives as several zips; ``parts`` then lists them all and the
    export is their union. A zip inside the export (a zip zipped again, a part inside a
    "download all" zip) is opened in place: its members appear as ``<nested.zip>/<member>``.
    """

    path: Path
    inbox: Path | None = None
    parts: tuple[Path, ...] = ()
    _index: dict[str, _Location] | None = field(default=None, repr=False)
    _zips: dict[tuple[Path, str | None], zipfile.ZipFile] = field(default_factory=dict, repr=False)
    _sha256: str | None = field(default=None, repr=False)

    @property
    def all_parts(self) -> tuple[Path, ...]:
        return self.parts or (self.path,)

    @property
    def relative_path(self) -> str:
        """The export's path relative to the inbox: the key that identifies it across runs."""
        if self.inbox is not None and self.path.is_relative_to(self.inbox):
            return self.path.relative_to(self.inbox).as_posix()
        return self.path.name

    @property
    def kind(self) -> str:
        return _kind(self.path)

    def members(self) -> list[str]:
        """Member paths, sorted, relative to the export root, with OS noise left out."""
        return sorted(self._locations())

    def _locations(self) -> dict[str, _Location]:
        if self._index is None:
            index: dict[str, _Location] = {}
            for part in self.all_parts:
                kind = _kind(part)
                for name in _list_members(part, kind):
                    if name.lower().endswith(".zip") and kind != "file":
                        for inner in self._nested_members(part, kind, name):
                            index.setdefault(f"{name}/{inner}", _Location(part, kind, name, inner))
                    else:
                        index.setdefault(name, _Location(part, kind, None, name))
            self._index = {m: loc for m, loc in index.items() if not _is_noise(m)}
        return self._index

    def open(self, member: str) -> IO[bytes]:
        """A binary stream of one member."""
        location = self._locations()[member]
        if location.kind == "folder":
            return (location.part / location.inner).open("rb")
        if location.kind == "file":
            return location.part.open("rb")
        return self._zip(location.part, location.outer).open(location.inner)

    def _zip(self, part: Path, outer: str | None) -> zipfile.ZipFile:
        """The part's zip (or the zip nested in it), opened once: a zip's index is read once, not per member.

        A nested zip is copied to an anonymous temporary file first: reading members out of a
        compressed stream would decompress it from the start for every seek back.
        """
        key = (part, outer)
        if key not in self._zips:
            if outer is None:
                self._zips[key] = zipfile.ZipFile(part)
            elif part.is_dir():
                self._zips[key] = zipfile.ZipFile(part / outer)
            else:
                spool = tempfile.TemporaryFile()
                with self._zip(part, None).open(outer) as stream:
                    shutil.copyfileobj(stream, spool)
                self._zips[key] = zipfile.ZipFile(spool)
        return self._zips[key]

    def _nested_members(self, part: Path, kind: str, name: str) -> list[str]:
        if kind == "folder":
            infos = _checked_zip_infos(part / name)
        else:
            with self._zip(part, None).open(name) as stream:
                infos = _checked_zip_infos(stream, label=f"{part}/{name}")
        return [i.filename for i in infos if not i.is_dir()]

    def close(self) -> None:
        for archive in self._zips.values():
            archive.close()
        self._zips.clear()

    def head(self, member: str, size: int = 4096) -> bytes:
        with self.open(member) as handle:
            return handle.read(size)

    @property
    def sha256(self) -> str:
        """Content hash: of the file, of every member of a folder, of every part of a multi-zip export."""
        if self._sha256 is None:
            hashes = [_hash_part(part) for part in self.all_parts]
            self._sha256 = hashes[0] if len(hashes) == 1 else hashlib.sha256("\n".join(hashes).encode()).hexdigest()
        return self._sha256


def _kind(path: Path) -> str:
    if path.is_dir():
        return "folder"
    return "zip" if zipfile.is_zipfile(path) else "file"


def _list_members(part: Path, kind: str) -> list[str]:
    if kind == "folder":
        return [p.relative_to(part).as_posix() for p in part.rglob("*") if p.is_file() and not p.is_symlink()]
    if kind == "zip":
        return [i.filename for i in _checked_zip_infos(part) if not i.is_dir()]
    return [part.name]


def _hash_part(part: Path) -> str:
    if not part.is_dir():
        return sha256_file(part)
    digest = hashlib.sha256()
    for member in sorted(_list_members(part, "folder")):
        digest.update(f"{member}\0{sha256_file(part / member)}\n".encode())
    return digest.hexdigest()


def _checked_zip_infos(path, label: str | None = None) -> list[zipfile.ZipInfo]:
    """The zip's entries, after refusing encrypted members and zip bombs. ``path`` may be a stream."""
    path_label = label or path
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableExportError(path_label, f"not a readable zip ({exc.__class__.__name__})",
                                    "download the export again") from None
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnsafeArchiveError(path_label, "the zip is encrypted", "export it again without a password")
        total += info.file_size
        if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeArchiveError(path_label, f"a member expands more than {MAX_RATIO}-fold (zip bomb?)",
                                     "raise UNSOCIAL_MAX_ZIP_RATIO if the file is genuine")
    if total > MAX_TOTAL_BYTES:
        raise UnsafeArchiveError(path_label, f"expands to {total} bytes, more than the limit of {MAX_TOTAL_BYTES}",
                                 "raise UNSOCIAL_MAX_UNZIPPED_BYTES if the file is genuine")
    return infos
