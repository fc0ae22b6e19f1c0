"""One .ics file: its text, its VEVENT blocks with their line numbers, and icalendar's parse of it.

icalendar knows nothing of line numbers, and refuses a whole file for one event cut off before
its ``END:VEVENT``. So the file is first scanned for VEVENT blocks: each complete block gets a
marker property carrying the line of its ``BEGIN:VEVENT`` (icalendar keeps it, and
recurring-ical-events copies it onto every instance), and a block cut off is taken out and
quarantined instead of costing the whole file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import icalendar

from ...archive import Export

MARKER = "X-UNSOCIAL-LINE"
# What a quarantine excerpt may show of an event: when and who, never what or where (privacy).
EXCERPT_PROPERTIES = {"BEGIN", "END", "UID", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "RRULE", "RDATE", "EXDATE",
                      "RECURRENCE-ID", "STATUS", "TRANSP", "SEQUENCE", "CREATED", "LAST-MODIFIED", "CLASS",
                      "ORGANIZER", "ATTENDEE"}
_CALENDAR_START = re.compile(r"\s*BEGIN\s*:\s*VCALENDAR\b", re.I)
_NAME = re.compile(r"[\w-]+")


@dataclass
class Block:
    """The physical lines of one VEVENT, from its ``BEGIN:VEVENT`` on."""

    line: int
    lines: list[str] = field(default_factory=list)


@dataclass
class CalendarFile:
    """One member read: its calendars (one per VCALENDAR), its complete and its cut-off VEVENT blocks."""

    member: str
    calendars: list[icalendar.Calendar]
    blocks: dict[int, Block]
    cut_off: list[Block]
    unreadable: Block | None = None


def decode(raw: bytes) -> str:
    """UTF-8 as RFC 5545 asks; UTF-16 with a BOM (Outlook for Windows can save it); cp1252 from old writers."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def is_calendar(export: Export, member: str) -> bool:
    """The member starts like an iCalendar file, whatever its name."""
    return bool(_CALENDAR_START.match(decode(export.head(member, 256))))


def read_file(export: Export, member: str) -> CalendarFile:
    """The member parsed by icalendar, each complete VEVENT marked with its line (see ``line_of``)."""
    with export.open(member) as handle:
        text = decode(handle.read())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept, blocks, cut_off = _scan(lines)
    try:
        calendars = icalendar.Calendar.from_ical("\r\n".join(kept), multiple=True)
    except ValueError:  # icalendar's one error for a file it cannot read at all
        return CalendarFile(member, [], {}, [], unreadable=Block(1, lines[:20]))
    return CalendarFile(member, list(calendars), blocks, cut_off)


def _scan(lines: list[str]) -> tuple[list[str], dict[int, Block], list[Block]]:
    """The lines to hand to icalendar (complete events marked, cut-off ones left out), the complete
    blocks by line, and the cut-off blocks. A file truncated in the middle (a download cut off)
    also lacks its ``END:VCALENDAR``: it is added so that the events before the cut are read."""
    kept: list[str] = []
    blocks: dict[int, Block] = {}
    cut_off: list[Block] = []
    current: Block | None = None
    depth = open_calendars = 0
    for number, line in enumerate(lines, start=1):
        name = "" if line[:1] in (" ", "\t") else line.strip().upper()
        if current is not None and depth == 0 and name in ("BEGIN:VEVENT", "END:VCALENDAR"):
            cut_off.append(current)
            current = None
        if current is not None:
            current.lines.append(line)
            if name == "END:VEVENT" and depth == 0:
                blocks[current.line] = current
                # before END:VEVENT: a marker after BEGIN:VEVENT could be continued by a stray folded line
                kept.extend([*current.lines[:-1], f"{MARKER}:{current.line}", current.lines[-1]])
                current = None
            elif name.startswith("BEGIN:"):  # a VALARM inside the event
                depth += 1
            elif name.startswith("END:") and depth:
                depth -= 1
        elif name == "BEGIN:VEVENT":
            current, depth = Block(number, [line]), 0
        else:
            open_calendars += (name == "BEGIN:VCALENDAR") - (name == "END:VCALENDAR")
            kept.append(line)
    if current is not None:
        cut_off.append(current)
    return kept + ["END:VCALENDAR"] * max(open_calendars, 0), blocks, cut_off


def properties(event: icalendar.Event, name: str) -> list:
    """Every value of a property that may occur more than once (icalendar gives a list then)."""
    value = event.get(name)
    return [] if value is None else value if isinstance(value, list) else [value]


def line_of(event: icalendar.Event) -> int:
    """The line of the event's BEGIN:VEVENT, from the marker (the last one, should a file carry its own)."""
    marker = event[MARKER]
    return int(marker[-1] if isinstance(marker, list) else marker)


def excerpt(block: Block) -> str:
    """The block's lines unfolded, with every property that may say what or where replaced by its name."""
    logical: list[str] = []
    for line in block.lines:
        if line[:1] in (" ", "\t") and logical:
            logical[-1] += line[1:]
        else:
            logical.append(line)
    shown = []
    for line in logical:
        name = (_NAME.match(line) or [""])[0].upper()
        shown.append(line if name in EXCERPT_PROPERTIES else f"{name}:…")
    return "\n".join(shown)[:300]
