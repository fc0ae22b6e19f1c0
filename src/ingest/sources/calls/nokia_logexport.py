"""A Nokia (Symbian S60) phone's log as LogExport (freeware, 2007) writes it: ``log-<date>.csv``, CRLF, a comma after
every line's last field, the header's first name unquoted and the others quoted, and a row as long as its entry
needs (software-architects/time-cockpit-documentation ``doc/signal-tracker/phone-calls.md``)::

    Date,"Time","Type","RemoteParty","Direction","DurationType","Duration","Status","Subject","Number","SentData",…,
    02/02/2009,"21:15","Voice call","Mara Quendt","Outgoing","1","58","","6","+43664…",
    01/30/2009,"17:31","Short message","Ole Brinkhaus","Outgoing","-1","0","Sent","<the text>","+43664…",

The log holds every event of the phone's log engine: ``Voice call`` rows are read; text messages (``Short
message``) and other entries are no offline contact, not read, counted in the file's note (as Samsung's logs.db's
are, ``call_db``). ``Direction`` is Outgoing, Incoming or Missed call (Symbian adds "… (alternate line)"),
``Duration`` seconds. Date and time are the phone's, in its locale's form, no zone: the day and month order is decided
once for the file (``dates.decide_order``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Export
from ..dates import DAY_FIRST, Order, decide_order, read_datetime
from ..tabular import canonical, first_row, read_rows
from .call import Call, wall_clock_ms

SHAPE = "Nokia LogExport's phone log"
# The header's first names, as LogExport writes them: no other CSV starts so
HEADER = tuple(canonical(name) for name in ("Date", "Time", "Type", "RemoteParty", "Direction", "DurationType",
                                             "Duration", "Status", "Subject", "Number"))
CALL = "voice call"
DIRECTIONS = (("incoming", "1"), ("outgoing", "2"), ("missed", "3"))  # Android's codes (``records``)
NEEDED = len(HEADER)  # a row cut before ``Number`` names no one to tie it to


def named(member: str) -> bool:
    return member.lower().endswith(".csv")


def claims(head: bytes) -> bool:
    return tuple(canonical(cell) for cell in first_row(head)[:NEEDED]) == HEADER


def shape(export: Export, member: str) -> str:
    rows = list(_rows(export, member))
    others = sum(1 for _, cells in rows if isinstance(cells, list) and len(cells) > 2 and canonical(cells[2]) != CALL)
    named = f"{SHAPE}, {others} messages and other entries not read" if others else SHAPE
    note = _order(rows).note
    return f"{named} ({note})" if note else named


def calls(export: Export, member: str) -> Iterator[Call]:
    """The file's voice calls in order (``line``: the row's first line in the file)."""
    rows = list(_rows(export, member))
    day_first = _order(rows).day_first
    for line, cells in rows:
        if isinstance(cells, str):
            yield Call(line, None, None, None, None, None, None, "", problem=cells)
            continue
        if len(cells) > 2 and canonical(cells[2]) != CALL:
            continue  # a message or another entry: counted in the note (``shape``)
        yield _call(line, cells, day_first)


def _rows(export: Export, member: str) -> Iterator[tuple[int, list[str] | str]]:
    """(line, fields) of each row after the header, the trailing comma's empty field dropped; for a row the reader
    cannot read (a field past the limit, a line break in a field not quoted), why, the rows after it read on
    (``tabular.read_rows``: a field of over 1 MiB lost the whole file)."""
    for row in read_rows(export, member, HEADER[:3]):
        if not row.raw:
            yield row.line, row.problem or ""
        else:
            yield row.line, row.raw[:-1] if row.raw[-1] == "" else row.raw


def _order(rows: list[tuple[int, list[str] | str]]) -> Order:
    """The file's day and month order, decided from all its dates (day first where none tells: most locales')."""
    return decide_order((cells[0] for _, cells in rows if isinstance(cells, list) and cells), DAY_FIRST)


def _call(line: int, cells: list[str], day_first: bool) -> Call:
    excerpt = ",".join(cells)[:300]
    if len(cells) < NEEDED:
        return Call(line, None, None, None, None, None, None, excerpt,
                    problem=f"row has {len(cells)} fields, the header {NEEDED} up to Number")
    row = dict(zip(HEADER, (cell.strip() for cell in cells)))
    try:
        at = read_datetime(f"{row['date']} {row['time']}", day_first)
    except ValueError as exc:
        return Call(line, None, None, None, None, None, None, excerpt, problem=f"date: {exc}")
    direction = row["direction"].casefold()
    kind = next((code for word, code in DIRECTIONS if direction.startswith(word)), row["direction"])
    return Call(line, row["number"], wall_clock_ms(at) if at else None, kind, row["duration"],
                row["remoteparty"], None, excerpt)
