"""A member of an export as a file of its own, for readers that need a path (SQLite opens files, not streams): copied,
whatever its container, into a private temporary folder removed after; past a byte limit refused, as a zip bomb is.
Thunderbird's and phones' address books (``thunderbird_db``, ``phone_books``: ``book_database``) and phones' call
histories (``calls.call_db``) are read so."""

from __future__ import annotations

import sqlite3
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


@contextmanager
def book_database(export: Export, member: str, what: str, error: type[Exception],
                  limit: int) -> Iterator[sqlite3.Connection]:
    """An address-book database (``what``: "a Thunderbird address book") copied out and opened read-only
    (``immutable=1``: nothing is written, no journal looked for), damaged bytes of its text replaced. A copy past
    ``limit`` bytes (``UNSOCIAL_MAX_ADDRESS_BOOK_BYTES``), and SQLite's errors opening or reading it, are raised as
    ``error`` saying so: the file's note, never an error stopping the other files."""
    def too_large(size: int) -> Exception:
        return error(f"{what} larger than {size} bytes (limit UNSOCIAL_MAX_ADDRESS_BOOK_BYTES): not read")

    with local_copy(export, member, "book.sqlite", limit, too_large) as path:
        try:
            con = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        except sqlite3.Error as exc:
            raise error(_unreadable(what, exc)) from None
        con.text_factory = lambda data: data.decode("utf-8", "replace")  # a damaged byte is no UnicodeDecodeError
        try:
            yield con
        except (sqlite3.Error, UnicodeDecodeError) as exc:  # a damaged name makes SQLite's message no UTF-8
            raise error(_unreadable(what, exc)) from None
        finally:
            con.close()


def _unreadable(what: str, exc: Exception) -> str:
    return f"{what} that cannot be read (SQLite: {exc}): damaged, or not fully copied"
