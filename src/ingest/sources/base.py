"""What every source module shares: turning rows into records or quarantine entries, and counting them.

A source module exposes ``NAME``, ``detect(export) -> bool`` and ``parse(export) -> Iterator[Record]``.
Its row functions take one row and return the records it yields, or raise ``ValueError`` with a
reason that names the column and never the value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..columns import Columns
from ..models import MemberNote, Quarantined, Record, reason_of
from .tabular import Row

RowParser = Callable[[Row], Iterable[Record | tuple[type[Record], dict]]]
BATCH_ROWS = 50_000


def records_from_rows(member: str, rows: Iterable[Row], parse_row: RowParser, note: str = "") -> Iterator[Record | Columns]:
    """Records of every row, bad rows quarantined, closed by a ``MemberNote`` with the count read.

    A row parser returns model instances, or ``(model, values)`` pairs that are gathered into
    ``Columns`` and validated in bulk: the fast path for files of hundreds of thousands of rows.
    """
    read, buffers = 0, {}
    for row in rows:
        read += 1
        if row.problem:
            yield Quarantined(member=member, line=row.line, reason=row.problem, excerpt=row.excerpt())
            continue
        try:
            records = list(parse_row(row))
        except ValueError as exc:
            yield Quarantined(member=member, line=row.line, reason=reason_of(exc), excerpt=row.excerpt())
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
    """Parse one date column, naming the column (not the value) when it fails."""
    try:
        return parse(row.get(column))
    except ValueError:
        raise ValueError(f"{column}: date in no known format") from None
