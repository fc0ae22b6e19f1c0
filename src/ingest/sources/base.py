"""What every source module shares: turning rows into records or quarantine entries, and counting them.

A source module exposes ``NAME``, ``detect(export) -> bool`` and ``parse(export) -> Iterator[Record]``.
Its row functions take one row and return the records it yields, or raise ``ValueError`` with a
reason that names the column and never the value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import os
from pathlib import Path

from ..columns import Columns
from ..errors import UnsafeArchiveError
from ..models import Account, Interaction, MemberNote, Quarantined, Record, reason_of
from .archive import Export
from .placeholders import placeholder_note
from .zipcheck import limit_setting
from .tabular import Row

RowParser = Callable[[Row], Iterable[Record | tuple[type[Record], dict]]]
BATCH_ROWS = 50_000
# Facebook's and Twitter's JSON is pretty-printed: its lines are short. A file read whole whose
# line runs past this is refused before the rest is read, so that one line of hundreds of
# megabytes (a hostile or broken file) is never held in memory. Generous, because the E2EE
# export's formatting is not verified [U].
MAX_JSON_LINE = 64 << 20


# Rows (accounts and interactions) an input may give: ``ROWS_PER_BYTE`` per byte (UNSOCIAL_MAX_ROWS_PER_BYTE), and
# ``MIN_ROWS`` whatever its size. Real exports give far less than one row per byte (a message of 150 bytes
# is one row; zipped, about one per 30 bytes); a recurring meeting or a group chat multiplies its rows by
# its people, and a hostile file by much more: 40 events of 63 KB gave 4,000,000 rows (issue 15).
ROWS_PER_BYTE = 10
MIN_ROWS = 250_000
BACKSTOP = 4  # ``capped_rows`` refuses an export at this many times ``max_rows`` of its size as stored


def max_rows(size: int) -> int:
    """The rows an input of ``size`` bytes may give."""
    return max(MIN_ROWS, limit_setting("UNSOCIAL_MAX_ROWS_PER_BYTE", ROWS_PER_BYTE) * size)


def export_size(export: Export) -> int:
    """The bytes of an export as stored (a zip's own size, a folder's files); links are not followed."""
    total = 0
    for part in export.all_parts:
        if part.is_dir() and not part.is_symlink():
            total += sum(os.lstat(Path(root, name)).st_size for root, _, names in os.walk(part) for name in names)
        elif part.exists():
            total += part.stat().st_size
    return total


def capped_rows(records: Iterable[Record | Columns], export: Export, path: Path) -> Iterator[Record | Columns]:
    """The records, refusing the export (a named error) once they run past ``BACKSTOP`` times ``max_rows``
    of its size as stored (a zip's compressed size).

    A backstop for any source, after the limits of the sources that multiply rows (calendar events,
    address-book cards), which quarantine the one event or card that goes over; a group chat's messages
    count one row per other member, with no limit of their own."""
    size = export_size(export)
    limit, rows = BACKSTOP * max_rows(size), 0
    for record in records:
        if isinstance(record, Columns):
            # an owner's messages to a group, stored once each, count as the interactions staging makes of
            # them, one per member (``stands_for``): a hostile group of thousands is refused here as before
            rows += getattr(record, "stands_for", len(record)) if record.model in (Account, Interaction) else 0
        elif isinstance(record, (Account, Interaction)):
            rows += 1
        elif isinstance(record, MemberNote):
            record = placeholder_note(record)  # an unknown file that is iCloud Drive's placeholder of one not there
        if rows > limit:
            raise UnsafeArchiveError(path, f"gives more than {limit} rows for its {size} bytes (limit "
                                     "UNSOCIAL_MAX_ROWS_PER_BYTE): not what a platform writes",
                                     "check that this is the export as downloaded; if it is, raise the limit")
        yield record


def left_out_notes(export: Export) -> Iterator[MemberNote]:
    """A note for each zip not read because its files are unpacked in the export too (``Export.left_out``):
    the owner sees which copy was read."""
    for name, reason in sorted(export.left_out.items()):
        yield MemberNote(member=name, line=0, handling="ignored", note=reason)


class LineTooLong(ValueError):
    """A file read whole holds a line longer than ``MAX_JSON_LINE``: not a platform's JSON."""


def read_whole(export: Export, member: str, max_line: int = MAX_JSON_LINE) -> bytearray:
    """A member's bytes, read in chunks; ``LineTooLong`` as soon as one line runs past ``max_line``."""
    data, line_start = bytearray(), 0
    with export.open(member) as stream:
        while chunk := stream.read(1 << 20):
            data += chunk
            newline = chunk.rfind(b"\n")
            if newline != -1:
                line_start = len(data) - len(chunk) + newline + 1
            elif len(data) - line_start > max_line:
                raise LineTooLong(f"file: a line longer than {max_line >> 20} MiB (not the JSON a platform writes)")
    return data


def records_from_rows(member: str, rows: Iterable[Row], parse_row: RowParser, note: str = "",
                      hidden: tuple[str, ...] = ()) -> Iterator[Record | Columns]:
    """Records of every row, bad rows quarantined (without the values of the ``hidden`` columns: message
    text), closed by a ``MemberNote`` with the count read.

    A row parser returns model instances, or ``(model, values)`` pairs that are gathered into
    ``Columns`` and validated in bulk: the fast path for files of hundreds of thousands of rows.
    """
    read, buffers = 0, {}
    for row in rows:
        read += 1
        if row.problem:
            yield Quarantined(member=member, line=row.line, reason=row.problem, excerpt=row.excerpt(hidden))
            continue
        try:
            records = list(parse_row(row))
        except ValueError as exc:
            yield Quarantined(member=member, line=row.line, reason=reason_of(exc), excerpt=row.excerpt(hidden))
            continue
        for record in records:
            if isinstance(record, tuple):
                if record[0] not in buffers:
                    buffers[record[0]] = Columns(record[0])
                buffer = buffers[record[0]]
                buffer.append(**record[1])
                if len(buffer) >= BATCH_ROWS:
                    yield buffer.take()
            else:
                yield record
    yield from (buffer.take() for buffer in buffers.values() if len(buffer))
    yield MemberNote(member=member, line=0, handling="parsed", note=note or ("" if read else "no records"),
                     records_read=read)


def require(value: str | None, column: str) -> str:
    if not value:
        raise ValueError(f"{column}: missing")
    return value


def parse_column_date(row: Row, column: str, parse: Callable[[str | None], object]):
    """Parse one date column; when it fails, the reason is the column and the date reader's own, which
    names no value ("connected on: day and month order of this file not decided")."""
    try:
        return parse(row.get(column))
    except ValueError as exc:
        raise ValueError(f"{column}: {exc}") from None
