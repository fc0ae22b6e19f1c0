"""A member of an export as a file of its own, for readers that need a path (SQLite opens files, not streams): copied,
whatever its container, into a private temporary folder removed after; past a byte limit refused, as a zip bomb is.
Thunderbird's address books (``thunderbird_db``) and phones' call histories (``calls.call_db``) are read so."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .archive import Export

CHUNK = 1 << 20


@contextmanager
def local_copy(export: Export, member: str, name: str, limit: int,
               too_large: Callable[[int], Exception]) -> Iterator[Path]:
    """The member copied to ``<private folder>/<name>``; ``too_large(limit)`` raised past ``limit`` bytes. Other files
    may be copied beside it (``copy_bounded``) while the folder lives."""
    with tempfile.TemporaryDirectory(prefix="unsocial-") as folder:
        path = Path(folder, name)
        copy_bounded(export, member, path, limit, too_large)
        yield path


def copy_bounded(export: Export, member: str, target: Path, limit: int,
                 too_large: Callable[[int], Exception]) -> int:
    """The member written to ``target``, read a chunk at a time; the bytes copied."""
    with export.open(member) as source, target.open("wb") as copy:
        while data := source.read(CHUNK):
            if copy.tell() + len(data) > limit:
                raise too_large(limit)
            copy.write(data)
        return copy.tell()
