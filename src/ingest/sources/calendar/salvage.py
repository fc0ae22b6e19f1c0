"""A calendar file icalendar refuses whole, mended so that a bad value costs at most what it is in.

icalendar reads a value it cannot parse inside a VEVENT as broken (``expansion.problem`` then quarantines the
event if it needs the value), but raises for one anywhere else — a VTODO's DTSTAMP, a VALARM's TRIGGER, a property
of the VCALENDAR —, for a zone it cannot build, for a stray END line: ``reading.read_file`` then gives the whole file
as unreadable. Seen: libical/libical ``test-data/large.ics`` (RFC 2445's examples one after the other, 1,788
VCALENDARs and 1,458 events): a VTODO's ``DTSTAMP:19970901T1300Z``, a time without seconds, cost every event.
A component without its END (libical's ``crash.ics``: a VJOURNAL) keeps its VCALENDAR open: icalendar gives none
of it and raises nothing, so every event in it went unseen.

The file is then read again, mended line by line, every line keeping its number (so that quarantined events keep
theirs): a time without seconds in DTSTAMP, LAST-MODIFIED or CREATED (bookkeeping, never needed for a meeting) is
given its seconds; any other value icalendar would refuse outside a VEVENT is left out, as is a zone it cannot build
(its events are then quarantined, "unknown time zone"), a component without its END (up to where the next one
begins) and a line outside any component. What was mended is
counted in the file's note. A file that is still refused stays one unreadable record.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import icalendar
from icalendar.parser import Contentline

from ..archive import Export
from ..utf16 import UTF16_SNIFF, utf16_codec
from .reading import CalendarFile, line_of, read_file

# Characters of a file mended in memory at most: a larger one stays unreadable (read_file streams, this does not).
MAX_CHARS = 64 << 20
BOOKKEEPING = ("DTSTAMP", "LAST-MODIFIED", "CREATED")
_NO_SECONDS = re.compile(r"(:\s*\d{8}T\d{4})(Z?\s*)$")  # ``DTSTAMP:19970901T1300Z`` (libical's large.ics)
_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line ends ``read_file`` counts lines by (universal newlines)
_CHECK = "X-UNSOCIAL-CHECK"  # a component of no known kind: icalendar refuses a bad value in it, as in a VTODO
TOLERANT = "VEVENT"  # the one component icalendar reads a bad value of as broken
SECONDS = "times without seconds in DTSTAMP, LAST-MODIFIED or CREATED (19970901T1300Z), read as on the minute"
ZONES = "time zones (VTIMEZONE) icalendar cannot read, left out: the events in them are quarantined"
VALUES = "values icalendar cannot read outside events (VTODO, VALARM, VTIMEZONE, VCALENDAR, …), left out"
LINES = "lines icalendar cannot split outside events, left out"
UNENDED = "components without their END (VTODO, VJOURNAL, …), left out"
# Where a component may begin ("": outside any); one that begins elsewhere ends what is open above its parent.
_TOP = ("VCALENDAR", "")
PARENTS = {"VEVENT": _TOP, "VTODO": _TOP, "VJOURNAL": _TOP, "VFREEBUSY": _TOP, "VTIMEZONE": _TOP,
           "STANDARD": ("VTIMEZONE",), "DAYLIGHT": ("VTIMEZONE",), "VALARM": ("VEVENT", "VTODO")}
OUTSIDE = "lines outside any component (an END without its BEGIN, a property after END:VCALENDAR), left out"


def needs_mending(calendar_file: CalendarFile) -> bool:
    """icalendar refused the file, or left complete events out of what it gave (a VTODO or VJOURNAL without its
    END keeps its VCALENDAR open to the end: icalendar then gives nothing of it, and no error)."""
    return calendar_file.unreadable is not None or bool(_lost(calendar_file))


def mend_file(export: Export, member: str, rewrite: Callable[[str], str], first: CalendarFile) -> CalendarFile:
    """The member read again from its lines mended (see the module), or ``first`` if that reads no better."""
    if first.size > MAX_CHARS:
        return first
    mended, counts = mend_lines(_physical_lines(export, member), rewrite)
    if not counts:
        return first
    calendar_file = read_file(_Mended("\n".join(mended).encode("utf-8", "surrogateescape")), member, rewrite)
    if calendar_file.unreadable is not None or (first.unreadable is None and
                                                 len(_lost(calendar_file)) >= len(_lost(first))):
        return first
    calendar_file.read_as.update(counts)
    return calendar_file


def _lost(calendar_file: CalendarFile) -> set[int]:
    """The lines of the complete events that icalendar did not give."""
    given = {line_of(event) for calendar in calendar_file.calendars for event in calendar.walk(TOLERANT)}
    return set(calendar_file.blocks) - given


@dataclass
class _Mended:
    """A mended file in memory, read by ``read_file`` as it reads a member of an export."""

    data: bytes

    def head(self, member: str, size: int) -> bytes:
        return self.data[:size]

    def open(self, member: str) -> io.BytesIO:
        return io.BytesIO(self.data)


def _physical_lines(export: Export, member: str) -> list[str]:
    """The member's lines as ``read_file`` numbers them; bytes that are no UTF-8 kept as they are (surrogateescape),
    so that ``read_file`` reads the mended file in the encoding it would have read the file in."""
    with export.open(member) as handle:
        raw = handle.read()
    codec = utf16_codec(raw[:UTF16_SNIFF])
    text = raw.decode(codec, errors="replace") if codec else raw.decode("utf-8-sig", errors="surrogateescape")
    return _NEWLINE.split(text)


@dataclass
class Logical:
    """One content line as icalendar reads it (``rewrite`` made, unfolded), and the physical lines it spans."""

    start: int
    end: int  # the index after its last physical line
    text: str


def logical_lines(lines: list[str], rewrite: Callable[[str], str]) -> Iterator[Logical]:
    """The content lines; as icalendar unfolds, a line that goes on (a blank first) may follow empty lines."""
    current: Logical | None = None
    for index, line in enumerate(lines):
        if not line:
            continue
        if line[:1] in (" ", "\t") and current is not None:
            current.text, current.end = current.text + rewrite(line)[1:], index + 1
            continue
        if current is not None:
            yield current
        current = Logical(index, index + 1, rewrite(line))
    if current is not None:
        yield current


def mend_lines(lines: list[str], rewrite: Callable[[str], str]) -> tuple[list[str], Counter]:
    """The lines mended (each line keeps its index; a line left out is emptied), and what was mended."""
    icalendar.use_zoneinfo()  # the zones cached emptied, as ``read_file`` empties them: ``_zone_builds`` builds each
    mender = _Mender(list(lines), rewrite)
    for logical in logical_lines(lines, rewrite):
        mender.feed(logical)
    mender.close_unended(len(lines), _first_component)  # ``read_file`` ends a VCALENDAR cut off, nothing else
    return mender.mended, mender.counts


class _Mender:
    """The components open while the content lines go by, and what is left out of them."""

    def __init__(self, mended: list[str], rewrite: Callable[[str], str]):
        self.mended, self.rewrite, self.counts = mended, rewrite, Counter()
        self.stack: list[tuple[str, int]] = []  # the components open, each with the index of its BEGIN line

    def feed(self, logical: Logical) -> None:
        name, value = _parts(logical.text)
        if (name, value) in (("BEGIN", TOLERANT), ("END", "VCALENDAR")):
            _close_event(self.stack)
        if name == "BEGIN":
            self.close_unended(logical.start, lambda stack: _parent(stack, value))
            self.stack.append((value, logical.start))
        elif name == "END":
            self._end(logical, value)
        elif not self.stack:
            self.leave_out(logical.start, logical.end, OUTSIDE)
        elif self.stack[-1][0] != TOLERANT and _fault(logical.text):
            self._mend_value(logical, name, self.stack[-1][0])

    def close_unended(self, end: int, parent: Callable[[list[tuple[str, int]]], int | None]) -> None:
        """Components left open where one begins that cannot be inside them (``PARENTS``), or at the end of
        their VCALENDAR or of the file, are left out: icalendar would keep them open, and the VCALENDAR they are
        in would never end (libical/libical ``test-data/crash.ics``: a VJOURNAL without END hid every event)."""
        top = parent(self.stack)
        unended = [] if top is None else self.stack[top:]
        if not unended or any(kind == TOLERANT for kind, _ in unended):  # an event is ``read_file``'s to close
            return
        del self.stack[top:]
        self.leave_out(unended[0][1], end, UNENDED)

    def _end(self, logical: Logical, kind: str) -> None:
        """An END line: one that ends no open component is left out; a zone icalendar cannot build is left out
        whole."""
        kinds = [open_kind for open_kind, _ in self.stack]
        if kind not in kinds:
            self.leave_out(logical.start, logical.end, OUTSIDE)
            return
        self.close_unended(logical.start, lambda stack: len(kinds) - kinds[::-1].index(kind))
        _, start = self.stack.pop()
        if kind == "VTIMEZONE" and not _zone_builds([self.rewrite(line) for line in self.mended[start:logical.end]]):
            self.leave_out(start, logical.end, ZONES)

    def _mend_value(self, logical: Logical, name: str | None, component: str) -> None:
        """A bookkeeping time without seconds is given them (13:00 is 13:00:00); any other value is left out."""
        line = self.mended[logical.start]
        if name in BOOKKEEPING and logical.end == logical.start + 1 and _NO_SECONDS.search(line):
            repaired = _NO_SECONDS.sub(r"\g<1>00\g<2>", line)
            if not _fault(self.rewrite(repaired)):
                self.mended[logical.start] = repaired
                self.counts[SECONDS] += 1
                return
        self.leave_out(logical.start, logical.end, LINES if name is None else VALUES)

    def leave_out(self, start: int, end: int, key: str) -> None:
        self.mended[start:end] = [""] * (end - start)
        self.counts[key] += 1


def _parent(stack: list[tuple[str, int]], kind: str) -> int | None:
    """Where in ``stack`` a component of ``kind`` begins to be open (above its nearest possible parent);
    None for a kind that may be anywhere, or whose parent is not open."""
    if kind not in PARENTS:
        return None
    kinds = [open_kind for open_kind, _ in stack]
    for index in range(len(kinds) - 1, -1, -1):
        if kinds[index] in PARENTS[kind]:
            return index + 1
    return 0 if "" in PARENTS[kind] else None


def _first_component(stack: list[tuple[str, int]]) -> int | None:
    return next((index for index, (kind, _) in enumerate(stack) if kind != "VCALENDAR"), None)


def _parts(text: str) -> tuple[str | None, str]:
    """The property's name and value, upper case; no name for a line icalendar cannot split."""
    try:
        name, _, value = Contentline(text).parts()
    except ValueError:
        return None, ""
    return name.upper(), str(value).strip().upper()


def _close_event(stack: list[tuple[str, int]]) -> None:
    """An event cut off (a BEGIN:VEVENT or END:VCALENDAR before its END:VEVENT) is closed as ``read_file`` closes
    it, so that what follows is judged in the component it is in."""
    if any(kind == TOLERANT for kind, _ in stack):
        del stack[[kind for kind, _ in stack].index(TOLERANT):]


def _zone_builds(lines: list[str]) -> bool:
    """icalendar builds a VTIMEZONE it does not know by name when it reads its END line (then cached till the next
    ``icalendar.use_zoneinfo``, which ``read_file`` calls): dateutil refuses a broken one (libical/libical
    ``test-data/1.ics``: ``DTSTAR`` in a DAYLIGHT, "unsupported property")."""
    try:
        icalendar.Component.from_ical("\r\n".join(lines))
    except Exception:  # noqa: BLE001 - icalendar and dateutil raise many kinds for a broken zone
        return False
    return True


def _fault(text: str) -> bool:
    """icalendar refuses the line in a component other than a VEVENT (it does so for every kind but VEVENT)."""
    try:
        icalendar.Component.from_ical(f"BEGIN:{_CHECK}\r\n{text}\r\nEND:{_CHECK}")
    except Exception:  # noqa: BLE001 - ValueError and TypeError seen; any other kind is the line refused too
        return True
    return False
    return False
