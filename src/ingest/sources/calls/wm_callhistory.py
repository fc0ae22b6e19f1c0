"""A Windows Mobile phone's call history as CallHistory export (accosto.com, 2010) writes it: ``callhistory.tsv``,
tab-separated, no header, CRLF, one line per call (software-architects/time-cockpit-documentation
``doc/signal-tracker/phone-calls.md``)::

    O  +43 699 555 00 17  Brinkhaus, Ole  Hdy  2010.02.08 13:52.03  54  Local  Connected       Ended  CID_Available
    O  +436605550100      Quendt, Mara    Hdy  2010.02.08 18:27.16  0   Local  busy/no answer  Ended  CID_Available

The fields: O (outgoing) or I (incoming), the number as the phone book wrote it (spaces and all), the name filed
"Last, First", the line (``Hdy``), the start in the phone's local time (``yyyy.mm.dd hh:mm.ss``, no zone), the
length in seconds, roaming or not, whether the call was connected, how it ended, and whether the caller's number was
shown. A call not connected is an attempt: incoming, missed; outgoing, not answered (whatever it rang). A caller whose
number was not shown (``CID_`` other than ``CID_Available``; not seen) is withheld.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime

from ..archive import Export
from ..dates import UNKNOWN_FORMAT
from ..tabular import bounded_lines, decode_head, encoding_of
from .call import Call, wall_clock_ms

SHAPE = "Windows Mobile's call history (CallHistory export)"
FIELDS = 10
# The first line: a direction letter, three fields, a start in CallHistory's own form, a length in seconds
_FIRST = re.compile(r"\ufeff?[A-Z]\t[^\t\r\n]*\t[^\t\r\n]*\t[^\t\r\n]*\t\d{4}\.\d\d\.\d\d \d\d:\d\d\.\d\d\t\d+\t")
TIME_FORM = "%Y.%m.%d %H:%M.%S"
DIRECTIONS = {"I": "1", "O": "2"}  # Android's codes (``records``)
MISSED, NOT_ANSWERED = "3", "0"
CONNECTED, SHOWN = "connected", "cid_available"


def named(member: str) -> bool:
    return member.lower().endswith(".tsv")


def claims(head: bytes) -> bool:
    return bool(_FIRST.match(decode_head(head)))


def shape(export: Export, member: str) -> str:
    return SHAPE


def calls(export: Export, member: str) -> Iterator[Call]:
    """The file's calls in order (``line``: the call's line in the file)."""
    with export.open(member) as handle:
        text = io.TextIOWrapper(handle, encoding=encoding_of(export, member), errors="replace", newline="")
        for line, written in enumerate(bounded_lines(text, export, member, what="a call history"), 1):
            if written.strip():
                yield _call(line, written.rstrip("\r\n").split("\t"))


def _call(line: int, cells: list[str]) -> Call:
    excerpt = "\t".join(cells)[:300]
    if len(cells) < FIELDS - 2:  # the last two (how it ended, the caller shown) are not needed
        return Call(line, None, None, None, None, None, None, excerpt,
                    problem=f"row has {len(cells)} fields, the header (CallHistory writes none) {FIELDS}")
    direction, number, name, _, start, seconds, _, status, *rest = (cell.strip() for cell in cells)
    try:
        at_ms = wall_clock_ms(datetime.strptime(start, TIME_FORM))
    except ValueError:
        return Call(line, None, None, None, None, None, None, excerpt, problem=f"date: {UNKNOWN_FORMAT}")
    kind, seconds = _outcome(direction, status, seconds)
    shown = "1" if not rest[1:] or rest[1].casefold() == SHOWN else "2"
    return Call(line, number, at_ms, kind, seconds, _first_last(name), shown, excerpt)


def _outcome(direction: str, status: str, seconds: str) -> tuple[str, str]:
    """Android's code and the length: a call not connected is missed (incoming) or not answered (outgoing)."""
    kind = DIRECTIONS.get(direction.upper(), direction)
    if status.casefold() == CONNECTED or kind not in DIRECTIONS.values():
        return kind, seconds
    return (MISSED, seconds) if kind == DIRECTIONS["I"] else (kind, NOT_ANSWERED)


def _first_last(name: str) -> str | None:
    """"Quendt, Mara" as "Mara Quendt": the phone book files a name last name first."""
    last, comma, first = name.partition(", ")
    return f"{first} {last}" if comma and first.strip() and last.strip() and "," not in first else name or None
