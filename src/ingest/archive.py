"""Exports as a flat list of member files, whether a zip, a folder or a single file.

Nothing is ever extracted to disk: members are streamed straight out of the zip, so a member name
like ``../../etc/passwd`` is only a name. Zips are still checked before reading, because a zip
bomb or an encrypted member is a sign of a file that is not what it claims to be.
"""

from __future__ import annotations

import hashlib
import os
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


@dataclass
class Export:
    """One export in an inbox: a zip, an extracted folder or a single file."""

    path: Path
    inbox: Path | None = None
    _members: list[str] | None = field(default=None, repr=False)
    _sha256: str | None = field(default=None, repr=False)

    @property
    def relative_path(self) -> str:
        """The export's path relative to the inbox: the key that identifies it across runs."""
        if self.inbox is not None and self.path.is_relative_to(self.inbox):
            return self.path.relative_to(self.inbox).as_posix()
        return self.path.name

    @property
    def kind(self) -> str:
        if self.path.is_dir():
            return "folder"
        return "zip" if zipfile.is_zipfile(self.path) else "file"

    def members(self) -> list[str]:
        """Member paths, sorted, relative to the export root, with OS noise left out."""
        if self._members is None:
            self._members = sorted(m for m in self._list_members() if not _is_noise(m))
        return self._members

    def _list_members(self) -> list[str]:
        if self.path.is_dir():
            return [p.relative_to(self.path).as_posix() for p in self.path.rglob("*") if p.is_file()]
        if self.kind == "zip":
            return [i.filename for i in _checked_zip_infos(self.path) if not i.is_dir()]
        return [self.path.name]

    def open(self, member: str) -> IO[bytes]:
        """A binary stream of one member."""
        if self.path.is_dir():
            return (self.path / member).open("rb")
        if self.kind == "zip":
            archive = zipfile.ZipFile(self.path)
            return _ClosingMember(archive, archive.open(member))
        return self.path.open("rb")

    def head(self, member: str, size: int = 4096) -> bytes:
        with self.open(member) as handle:
            return handle.read(size)

    @property
    def sha256(self) -> str:
        """Content hash: of the file, or of every member's path and hash for a folder."""
        if self._sha256 is None:
            self._sha256 = self._hash()
        return self._sha256

    def _hash(self) -> str:
        if not self.path.is_dir():
            return sha256_file(self.path)
        digest = hashlib.sha256()
        for member in self.members():
            digest.update(f"{member}\0{sha256_file(self.path / member)}\n".encode())
        return digest.hexdigest()


class _ClosingMember:
    """A zip member stream that closes its archive too."""

    def __init__(self, archive: zipfile.ZipFile, stream: IO[bytes]):
        self._archive, self._stream = archive, stream

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def __enter__(self):
        return self._stream

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._stream.close()
        self._archive.close()


def _checked_zip_infos(path: Path) -> list[zipfile.ZipInfo]:
    """The zip's entries, after refusing encrypted members and zip bombs."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableExportError(path, f"not a readable zip ({exc.__class__.__name__})",
                                    "download the export again") from None
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnsafeArchiveError(path, "the zip is encrypted", "export it again without a password")
        total += info.file_size
        if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeArchiveError(path, f"a member expands more than {MAX_RATIO}-fold (zip bomb?)",
                                     "raise UNSOCIAL_MAX_ZIP_RATIO if the file is genuine")
    if total > MAX_TOTAL_BYTES:
        raise UnsafeArchiveError(path, f"expands to {total} bytes, more than the limit of {MAX_TOTAL_BYTES}",
                                 "raise UNSOCIAL_MAX_UNZIPPED_BYTES if the file is genuine")
    return infos
