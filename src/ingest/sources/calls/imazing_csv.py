"""iMazing's export of an iPhone's call history (DigiDNA, macOS and Windows, 2024–2026): ``Call History - <YYYY-MM-DD
HH MM SS>.csv``, UTF-8, one row per call (sascha-andres/imazingtosbr ``testdata/call_history_basic.txtar``,
``application_call.go``)::

    Call type,Date,Duration,Number,Contact,Location,Service
    Outgoing,2024-03-15 14:30:00,00:02:45,+49151…,Mara Quendt,Germany,Phone: +49151…
    Outgoing,2024-03-15 16:20:15,00:00:00,+49176…,Ida Fennek,Germany,WhatsApp Video

``Call type`` is Incoming, Outgoing or Missed; ``Date`` the computer's local time in its locale's form, no zone
(``2024-03-15 14:30:00``, in the US ``01/15/2026 09:30:00``: the day and month order is decided once for the file,
``dates.decide_order``); ``Duration`` ``HH:MM:SS``. ``Service`` names how the call went: ``Phone: <number>``,
``iPhone``, ``FaceTime``, another app's (``WhatsApp Video``): each a call, a video call too. A missed call from a
withheld number leaves ``Number`` and ``Contact`` empty. Signal's calls name the person by Signal's own id, a UUID
(``call_history_signal.txtar``), and Teams' a meeting by its name (``call_history_teams.txtar``): no phone number to
tie the call to, refused saying so (``APP_ID``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Export
from ..dates import DAY_FIRST, Order, decide_order, read_datetime
from ..tabular import Row, canonical, first_row, read_rows
from .call import Call, clock_seconds, wall_clock_ms

SHAPE = "iMazing's iPhone call history"
# Every column iMazing writes but ``Location``, which a call without a place leaves empty: "Call type" and "Service"
# are iMazing's words, and no journal, LinkedIn or calendar CSV holds both
REQUIRED = ("Call type", "Date", "Duration", "Number", "Contact", "Service")
TYPES = {"incoming": "1", "outgoing": "2", "missed": "3"}  # Android's codes (``records``)
# The services whose calls name a phone number (or, FaceTime's, an Apple ID): a number of letters there is a withheld
# caller's word ("Unknown"), which ``records`` refuses as withheld
_PHONE_SERVICES = ("phone", "iphone", "facetime", "whatsapp")
_LETTER = re.compile(r"[^\W\d_]")
APP_ID = "number: an app's own id (Signal) or a meeting's name (Teams), no phone number to tie the call to"


def named(member: str) -> bool:
    """A CSV file (whatever its name: the owner may have renamed it; told by its header, ``claims``)."""
    return member.lower().endswith(".csv")


def claims(head: bytes) -> bool:
    return {canonical(column) for column in REQUIRED} <= {canonical(cell) for cell in first_row(head)}


def shape(export: Export, member: str) -> str:
    note = _order(_rows(export, member)).note
    return f"{SHAPE} (CSV; {note})" if note else f"{SHAPE} (CSV)"


def calls(export: Export, member: str) -> Iterator[Call]:
    """The file's calls in order (``line``: the row's line in the file)."""
    rows = _rows(export, member)
    day_first = _order(rows).day_first
    for row in rows:
        if row.problem:
            yield Call(row.line, None, None, None, None, None, None, "", problem=row.problem)
            continue
        try:
            at = read_datetime(row.get("date"), day_first)
        except ValueError as exc:
            yield Call(row.line, None, None, None, None, None, None, "", problem=f"date: {exc}")
            continue
        yield _call(row, wall_clock_ms(at) if at else None)


def _rows(export: Export, member: str) -> list[Row]:
    return list(read_rows(export, member, REQUIRED))


def _order(rows: list[Row]) -> Order:
    """The file's day and month order, decided from all its dates (day first where none tells: most locales')."""
    return decide_order((row.get("date") for row in rows if not row.problem), DAY_FIRST)


def _call(row: Row, at_ms: str | None) -> Call:
    number, kind = row.get("number"), row.get("call type") or ""
    problem = APP_ID if number and _app_id(number, row.get("service") or "") else None
    return Call(row.line, number, at_ms, TYPES.get(kind.casefold(), kind), clock_seconds(row.get("duration")),
                row.get("contact"), None, row.excerpt(), problem=problem)


def _app_id(number: str, service: str) -> bool:
    """A number that is no phone number nor e-mail address: Signal's UUID, a Teams meeting's name."""
    return bool(_LETTER.search(number)) and "@" not in number and not service.casefold().startswith(_PHONE_SERVICES)
