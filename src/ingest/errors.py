"""Named errors. Each becomes a one-line message on the command line: what file, what is wrong, what to do.

Messages name files and places inside them, never a value read from them (which may be personal data).
"""

from __future__ import annotations


class UnsocialError(Exception):
    """Base of every error the command line reports without a traceback."""

    exit_code = 1

    def __init__(self, path, problem: str, advice: str = ""):
        self.path, self.problem, self.advice = str(path), problem, advice
        super().__init__(self.message())

    def message(self) -> str:
        text = f"{self.path}: {self.problem}"
        return f"{text}; {self.advice}" if self.advice else text


class UsageError(UnsocialError):
    """A bad option or argument found in a command's body, told in one line as every other error (typer's own usage
    errors come in a box of several lines)."""

    exit_code = 2


class UnreadableExportError(UnsocialError):
    """A file or archive that cannot be read at all."""


class UnsafeArchiveError(UnreadableExportError):
    """An archive refused before reading: bomb, traversal, encryption, truncation."""


class UnknownLayoutError(UnreadableExportError):
    """An export recognised as a platform's whose files match no known layout."""


class EmptyExportError(UnreadableExportError):
    """A recognised export from which not a single record was read."""


class DatabaseBusyError(UnsocialError):
    """Another process holds the DuckDB file."""


class DatabaseError(UnsocialError):
    """The DuckDB file cannot be opened, read or written as asked (read-only, no memory left, wrong key)."""


class InvalidOwnerError(UnsocialError):
    """An owner id (``--owner``, the DAG's ``owners``, an inbox folder's name) against ``ingest.sources.owners``' rule."""

    exit_code = 2


class ForeignDatabaseError(UnsocialError):
    """A database this tool did not make, or made by a version whose schema this one does not know."""
