"""Named errors. Each becomes a one-line message on the command line: what file, what is wrong, what to do.

Messages name files and places inside them, never a value read from them (which may be personal data).
"""

from __future__ import annotations

import re

# What a file name may hold that a terminal acts on or that breaks a line: C0 and C1 controls and DEL (a name with
# "\x1b[31m" in it coloured the terminal, one with a newline split the one-line error in two), and the
# bidirectional embeddings, overrides and isolates that make "…\u202etxt.exe" show as "…exe.txt".
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": r"\n", "\r": r"\r", "\t": r"\t"}


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with each such character written as its escape (``\\n``, ``\\x1b``, ``\\u202e``), as Python writes
    it in a string; with ``keep_newlines``, line breaks stay (a message of several lines)."""
    def escaped(match: re.Match) -> str:
        char = match[0]
        if keep_newlines and char == "\n":
            return char
        return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")

    return _UNPRINTABLE.sub(escaped, text)


class UnsocialError(Exception):
    """Base of every error the command line reports without a traceback."""

    exit_code = 1

    def __init__(self, path, problem: str, advice: str = ""):
        self.path, self.problem, self.advice = printable(str(path)), problem, advice
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


def file_name_text(name: str) -> str:
    """A file name as text. A name that is not UTF-8 (a Latin-1 name from an old disk, or a zip unpacked by a tool
    that kept its bytes) comes from the file system with each such byte as a lone surrogate, which no database,
    model or terminal takes: each is read as the Windows-1252 letter it most likely is ("journal-\\udce9.csv" is
    "journal-é.csv"). The file itself is still opened by its own name."""
    if name.isascii() or not any("\udc80" <= c <= "\udcff" for c in name):
        return name
    return "".join(bytes([ord(c) - 0xDC00]).decode("cp1252", "replace") if "\udc80" <= c <= "\udcff" else c
                   for c in name)
