"""One .ics file: its VEVENT blocks with their line numbers, and icalendar's parse of the rest.

icalendar knows nothing of line numbers, and refuses a whole file for one broken event. So the
file is first scanned, line by line as it streams in, for VEVENT blocks: each complete block gets a
marker property carrying the line of its ``BEGIN:VEVENT`` (icalendar keeps it, and
recurring-ical-events copies it onto every instance); a block that cannot be read is taken out and
quarantined with its reason instead of costing the whole file:

- cut off before its ``END:VEVENT`` (a download cut off, a writer that forgot it); but Exchange's calendars of
  December 2023 left out every END:VEVENT but the last (and END:VCALENDAR): there, an event goes on up to the
  next BEGIN:VEVENT (``UNENDED_WRITERS``);
- holding another VEVENT (not iCalendar: the outer event and everything in it is one bad record);
- a physical line longer than ``UNSOCIAL_MAX_ICS_LINE_CHARS`` (16 Mi characters) or an event longer
  than ``UNSOCIAL_MAX_ICS_EVENT_CHARS`` (32 Mi): no calendar writes those (an inline attachment is
  folded into short lines and mail servers cap attachments far below), so the block is skipped
  unread and memory stays bounded whatever the file holds. An over-long line outside any event and
  an ``END:VEVENT`` without its ``BEGIN:VEVENT`` are left out, each quarantined at its line.

Each physical line is decoded as UTF-8 (a character that a fold cut in two made whole: ``_mended``), else the
file is read again as cp1252; then what a writer writes its own way is made iCalendar (``dialects``).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

from ..archive import Export
from ..utf16 import UTF16_SNIFF, utf16_codec
from ..zipcheck import limit_setting
from .outlook_shapes import is_outlook_csv
from .zone_cost import LEFT_OUT as ZONES_LEFT_OUT, with_short_zone_names, without_costly_zones

if TYPE_CHECKING:  # imported where a file is read: recognising an export does without it
    import icalendar

NAME = "calendar"  # the platform of its records
MARKER = "X-UNSOCIAL-LINE"
# What a quarantine excerpt may show of an event: when and who, never what or where (privacy).
EXCERPT_PROPERTIES = {"BEGIN", "END", "UID", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "RRULE", "RDATE", "EXDATE",
                      "RECURRENCE-ID", "STATUS", "TRANSP", "SEQUENCE", "CREATED", "LAST-MODIFIED", "CLASS",
                      "ORGANIZER", "ATTENDEE"}
# Defaults of UNSOCIAL_MAX_ICS_LINE_CHARS and UNSOCIAL_MAX_ICS_EVENT_CHARS, read for each file.
MAX_LINE = 16 << 20
MAX_EVENT = 32 << 20
EXCERPT_SOURCE = 4096  # characters of a skipped block kept for its quarantine excerpt
HEAD_LINES = 20  # lines of a file icalendar cannot read kept for its excerpt
CUT_OFF = "END:VEVENT: missing (event cut off)"
NESTED = "VEVENT: holds another VEVENT (not iCalendar)"
STRAY_END = "END:VEVENT: without its BEGIN:VEVENT, left out"
_CALENDAR_START = re.compile(r"\s*BEGIN\s*:\s*VCALENDAR\b", re.I)
# Writers whose events may lack their END:VEVENT: each such event ends where the next one begins. Exchange Online
# (``PRODID:Microsoft Exchange Server 2010``) published calendars in December 2023 with END:VEVENT after the last
# event only and no END:VCALENDAR (ical4j/ical4j issue #666, with a sample; sabre-io/vobject issue #633,
# nextcloud/calendar issue #5620, derekantrican/GAS-ICS-Sync PR #386). Read as any writer's, every event but the
# last was quarantined as cut off. Elsewhere an event without its end stays quarantined: nothing says where it ends.
UNENDED_WRITERS = re.compile(r"PRODID\s*:\s*Microsoft Exchange Server\b", re.I)
UNENDED = "events without END:VEVENT (Exchange, December 2023), each read up to the next BEGIN:VEVENT"
_NAME = re.compile(r"[\w-]+")
# Outside any event, a line that is no property (nor a fold of one) made icalendar refuse the whole file: a DOS
# end-of-file mark (Ctrl-Z) or a NUL after END:VCALENDAR, a footer a tool appended. Such lines are left out and
# counted in the file's note (``JUNK``).
_PROPERTY = re.compile(r"[A-Za-z0-9-]+\s*[;:]|[ \t]|\s*$")
JUNK = "lines outside any event that are no iCalendar property (an end-of-file mark, a footer), left out"
_QUOTED_PRINTABLE = re.compile(r"[^:]*QUOTED-PRINTABLE", re.I)  # among the parameters, before the value
_DELIMITER = re.compile(r"(?:BEGIN|END):V[A-Z]+", re.I)
# A line that opens its parameters (``NAME;PARAM=value``) and ends before the ":" of its value (``_broken``).
_OPEN_PARAMETERS = re.compile(r"[A-Za-z][A-Za-z0-9-]*(?:;[A-Za-z0-9-]+(?:=[^;:]*)?)*;[A-Za-z0-9-]+=[^;:]*;?")
BROKEN = "lines broken inside their parameters (vCalendar 1.0, Sony Ericsson), joined to the line before"
_UNDECODED = re.compile("[\udc80-\udcff]")  # a byte ``surrogateescape`` kept undecoded: no UTF-8 on its own
_CONTINUED = re.compile("[\udc80-\udcbf]+")  # UTF-8 continuation bytes (10xxxxxx), kept so


@dataclass
class Block:
    """The physical lines of one VEVENT, from its ``BEGIN:VEVENT`` on (the start only, once skipped)."""

    line: int
    lines: list[str] = field(default_factory=list)
    size: int = 0  # characters read
    stored: int = 0  # characters kept in ``lines``
    problem: str | None = None  # why it cannot be read, once known: the rest of it is skipped

    def add(self, line: str, limit: int) -> None:
        self.size += len(line)
        if self.problem is None and self.size > limit:
            self.skip(f"VEVENT: longer than {limit} characters (limit UNSOCIAL_MAX_ICS_EVENT_CHARS)")
        if self.problem is None or self.stored + len(line) <= EXCERPT_SOURCE:
            self.lines.append(line)
            self.stored += len(line)

    def skip(self, problem: str) -> None:
        """The block cannot be read: from now on only what its excerpt needs is kept."""
        self.problem, kept, self.stored = problem, self.lines, 0
        self.lines = []
        for line in kept:
            if self.stored + len(line) > EXCERPT_SOURCE:
                break
            self.lines.append(line)
            self.stored += len(line)


@dataclass
class CalendarFile:
    """One member read: its calendars (one per VCALENDAR), its complete VEVENT blocks by line, and
    what was quarantined: blocks and stray lines by line, with the reason. ``cut_off``: the file
    ends before its END:VCALENDAR (a download cut off): what it holds was read, but not all of it."""

    member: str
    calendars: list[icalendar.Calendar]
    blocks: dict[int, Block]
    refused: dict[int, tuple[Block, str]]
    unreadable: Block | None = None
    cut_off: bool = False
    size: int = 0  # characters read (an over-long line counts as its start): what the file may give rows for
    # what was read in its writer's own way (``UNENDED``, ``dialects``' rewrites), counted for the file's note
    read_as: Counter = field(default_factory=Counter)


def decode(raw: bytes) -> str:
    """UTF-8 as RFC 5545 asks; UTF-16 with a BOM (Outlook for Windows can save it) or without; cp1252 from old writers."""
    if codec := utf16_codec(raw):
        return raw.decode(codec, errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def is_calendar(export: Export, member: str) -> bool:
    """The member starts like an iCalendar file, whatever its name."""
    return bool(_CALENDAR_START.match(decode(export.head(member, 256))))


# Photos, videos and sound are not opened to look for a calendar: a Facebook export holds tens of
# thousands of them beside its JSON, and opening each one costs more than reading all the JSON.
MEDIA = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp4", ".mov", ".webm", ".mp3", ".m4a", ".aac",
         ".wav", ".ogg", ".opus")


def detect(export: Export) -> bool:
    """Any member that starts with BEGIN:VCALENDAR (those named .ics are looked at first; media are not), or
    Outlook's calendar saved as CSV, known by its header (``outlook_shapes``)."""
    members = sorted((m for m in export.members() if not m.lower().endswith(MEDIA)),
                     key=lambda m: not m.lower().endswith(".ics"))
    return any(is_calendar(export, member) for member in members) or is_outlook_csv(export, members)


def read_file(export: Export, member: str, rewrite: Callable[[str], str]) -> CalendarFile:
    """The member parsed by icalendar, each complete VEVENT marked with its line (see ``line_of``),
    each line read as ``rewrite`` makes it first (``dialects.as_icalendar_line``).

    Read as ``decode`` reads it: a file that is not UTF-8 throughout is read again as cp1252."""
    limits = (limit_setting("UNSOCIAL_MAX_ICS_LINE_CHARS", MAX_LINE),
              limit_setting("UNSOCIAL_MAX_ICS_EVENT_CHARS", MAX_EVENT))
    utf16 = utf16_codec(export.head(member, UTF16_SNIFF))
    for encoding in (utf16,) if utf16 else ("utf-8-sig", "cp1252"):
        scan = _Scan(*limits)
        try:
            with export.open(member) as handle:
                utf8 = encoding == "utf-8-sig"
                text = io.TextIOWrapper(handle, encoding=encoding, errors="surrogateescape" if utf8 else "replace",
                                        newline=None)
                lines = _soft_breaks(_mended(_lines(text, limits[0])) if utf8 else _lines(text, limits[0]))
                for number, (line, too_long) in enumerate(_broken(lines, scan), start=1):
                    scan.feed(number, line if too_long else rewrite(line), too_long)
                    scan.size += len(line) + 1
            break
        except UnicodeDecodeError:
            continue
    kept = scan.finish()
    import icalendar

    # icalendar keeps every VTIMEZONE it meets in one table for the process, the first definition of a
    # name winning; but Outlook's "Customized Time Zone 1" and Exchange's "tzone://Microsoft/Custom" are
    # another zone in each file. Choosing the provider again empties the table: each file has its own.
    icalendar.use_zoneinfo()
    # after the table is emptied: ``without_costly_zones`` asks icalendar's names
    kept, zones_left_out = without_costly_zones(with_short_zone_names(kept))
    # icalendar raises ValueError for a file it cannot read, but other kinds for a damaged component: The Events
    # Calendar (WordPress, ``PRODID:…ECPv6.3.3…``) writes one VTIMEZONE with two TZID lines (jens-maus/node-ical
    # ``test/fixtures/test_with_multiple_tzids_in_vtimezone.ics``), and icalendar raised AttributeError on it, which
    # aborted the whole export. Each is the file refused: ``salvage`` then leaves out what it cannot read.
    try:
        calendars = icalendar.Calendar.from_ical("\r\n".join(kept), multiple=True)
    except Exception:  # noqa: BLE001
        calendars = None
    if calendars is None or not _all_marked(calendars):
        return CalendarFile(member, [], {}, {}, unreadable=Block(1, scan.head), size=scan.size)
    return CalendarFile(member, list(calendars), scan.blocks, scan.refused, cut_off=scan.open_calendars > 0,
                        size=scan.size, read_as=Counter({UNENDED: scan.unended, JUNK: scan.junk, BROKEN: scan.broken,
                                         ZONES_LEFT_OUT: zones_left_out}))


def _all_marked(calendars: list[icalendar.Calendar]) -> bool:
    """Every event icalendar gives carries its marker: a stray END inside an event (``END:VALARM`` with no VALARM
    open) ends the event where icalendar reads it, and the rest of the block, marker and all, lands outside it; the
    file is then refused as one icalendar cannot read (``salvage`` leaves the stray line out)."""
    return all(MARKER in event for calendar in calendars for event in calendar.walk("VEVENT"))


def _lines(text: io.TextIOWrapper, limit: int) -> Iterator[tuple[str, bool]]:
    """Physical lines without their ending (``\\r\\n``, ``\\n`` or ``\\r``). A line longer than
    ``limit`` is read past, never held: it comes as its first 80 characters and True."""
    while piece := text.readline(limit + 1):
        if len(piece) <= limit or piece.endswith("\n"):
            yield piece.removesuffix("\n"), False
            continue
        start = piece[:80]
        while piece and not piece.endswith("\n"):
            piece = text.readline(1 << 20)
        yield start, True


def _mended(lines: Iterator[tuple[str, bool]]) -> Iterator[tuple[str, bool]]:
    """The lines of a file read as UTF-8 with ``surrogateescape``, each character that a fold cut in two
    made whole again; UnicodeDecodeError when a byte is still no UTF-8 (the file is not UTF-8).

    Writers that fold at 75 octets cut a multi-byte character in two (``CN=J\\xc3`` and `` \\xbcrgen``
    on the next line); RFC 5545 §3.1 asks readers to restore it. Neither half is UTF-8: read strictly,
    the whole file would be taken for cp1252 and every name in it garbled. Lines keep their numbers."""
    held, held_long = None, False
    for line, too_long in chain(lines, [(None, False)]):
        if held is not None:
            if line is not None and not (held_long or too_long):
                held, line = _rejoined(held, line)
            yield held.encode("utf-8", "surrogateescape").decode("utf-8"), held_long
        held, held_long = line, too_long


def _rejoined(line: str, following: str) -> tuple[str, str]:
    """The continuation bytes that a fold put at the start of the following line moved back onto ``line``."""
    folded = following[:1] in (" ", "\t") and _UNDECODED.fullmatch(line[-1:])
    cut = _CONTINUED.match(following, 1) if folded else None
    if cut is None:
        return line, following
    return line + cut[0], following[0] + following[cut.end():]


def _soft_breaks(lines: Iterator[tuple[str, bool]]) -> Iterator[tuple[str, bool]]:
    """The physical lines with each quoted-printable soft line break made an RFC 5545 fold.

    vCalendar 1.0 writes quoted-printable values as vCard 2.1 does: a value ending in "=" goes on in
    the next line, unindented. Symbian's agenda starts every attendee's address so
    (``ATTENDEE;…;ENCODING=QUOTED-PRINTABLE:=`` and ``name=40host`` on the next line: a Funambol sync
    server's test of a Symbian event, code index id 263760150). icalendar would take the next line for
    a property it cannot read and lose the address; as a fold ("=" taken off, the next line indented
    by a space) the value is read whole (``dialects`` decodes it), and every line keeps its number."""
    quoted = broken = False
    for line, too_long in lines:
        if too_long:
            quoted = broken = False
            yield line, True
            continue
        if broken and not _DELIMITER.fullmatch(line.strip()):  # a writer's "=" at the value's very end
            line = " " + line
        elif line[:1] not in (" ", "\t"):
            quoted = bool(_QUOTED_PRINTABLE.match(line))
        broken = quoted and line.endswith("=")
        yield (line[:-1] if broken else line), False


def _broken(lines: Iterator[tuple[str, bool]], scan: _Scan) -> Iterator[tuple[str, bool]]:
    """The physical lines with a line broken inside its parameters joined to the next, made a fold.

    Sony Ericsson's P990 (vCalendar 1.0) wrote a guest ``ATTENDEE;ROLE=ATTENDEE;STATUS=NEEDS`` and, on the next
    line, unindented, ``ACTION;RSVP=YES;EXPECT=FYI;…:<address>``: the space of ``NEEDS ACTION`` became a line break
    (gammu/gammu ``tests/vcal/p990.vcs``). icalendar took the rest for a property ``ACTION`` and the guest was lost.
    Every property line holds the ":" before its value: one that ends among its parameters (``_OPEN_PARAMETERS``:
    ``NAME;PARAM=value``, no ":") goes on in the next line when that one holds the ":" and begins or ends no
    component; it is indented by a fold and the space (``scan.broken`` counts them). Lines keep their numbers.
    A line without ":" of any other shape (a description's text written unfolded) is left as it is."""
    held = False
    for line, too_long in lines:
        if held and not too_long and line[:1] not in (" ", "\t") and ":" in line \
                and not _DELIMITER.fullmatch(line.strip()):
            line = "  " + line
            scan.broken += 1
        held = not too_long and ":" not in line and bool(_OPEN_PARAMETERS.fullmatch(line))
        yield line, too_long


class _Scan:
    """The VEVENT blocks of a file, fed one physical line at a time, and the lines left for icalendar."""

    def __init__(self, max_line: int, max_event: int):
        self.max_line, self.max_event = max_line, max_event
        self.kept: list[str] = []  # for icalendar: every line outside a block, complete blocks marked
        self.blocks: dict[int, Block] = {}
        self.refused: dict[int, tuple[Block, str]] = {}
        self.head: list[str] = []
        self.size = 0
        self.current: Block | None = None
        self.depth = self.open_calendars = 0  # components open inside the current block (VALARM); VCALENDARs
        self.unended_writer = False  # the current VCALENDAR's PRODID is one of ``UNENDED_WRITERS``
        self.unended = 0  # events read up to the next BEGIN:VEVENT
        self.junk = 0  # lines outside any event that are no property, left out (``JUNK``)
        self.broken = 0  # lines broken inside their parameters, joined (``_broken``)
        # A block cut off by a BEGIN:VEVENT, where ``kept`` stood then, and the blocks since: if an
        # END:VEVENT without a block follows, the cut-off block held those (a VEVENT inside a VEVENT).
        self.outer: tuple[Block, int, list[int]] | None = None

    def feed(self, number: int, line: str, too_long: bool) -> None:
        if len(self.head) < HEAD_LINES:
            self.head.append(line)
        name = "" if too_long or line[:1] in (" ", "\t") else line.strip().upper()
        if self.current is not None and self.depth == 0 and name in ("BEGIN:VEVENT", "END:VCALENDAR"):
            self._cut(name)
        if self.current is not None:
            self._in_block(name, line, too_long)
        elif name == "BEGIN:VEVENT":
            self.current, self.depth = Block(number), 0
            self.current.add(line, self.max_event)
        elif name == "END:VEVENT":
            self._stray_end(number, line)
        elif too_long:
            self._refuse(Block(number, [line]), self._long_line("outside any event, left out"))
        elif not _PROPERTY.match(line):
            self.junk += 1
        else:
            if name in ("BEGIN:VCALENDAR", "END:VCALENDAR"):
                self.open_calendars += 1 if name == "BEGIN:VCALENDAR" else -1
                self.outer, self.unended_writer = None, False
            elif UNENDED_WRITERS.match(line):
                self.unended_writer = True
            self.kept.append(line)

    def _cut(self, name: str) -> None:
        """The current block cut off by a BEGIN:VEVENT or END:VCALENDAR before its END:VEVENT: quarantined,
        unless its writer is known to leave END:VEVENT out and the next event begins (``UNENDED_WRITERS``)."""
        block, self.current = self.current, None
        if name == "BEGIN:VEVENT" and self.unended_writer:
            block.add("END:VEVENT", self.max_event)
            self._close(block)
            self.unended += block.problem is None
            return
        self._refuse(block, CUT_OFF)
        self.outer = (block, len(self.kept), []) if name == "BEGIN:VEVENT" else None

    def finish(self) -> list[str]:
        """The lines for icalendar; a file truncated in the middle (a download cut off) also lacks its
        ``END:VCALENDAR``: it is added so that the events before the cut are read."""
        if self.current is not None:
            self._refuse(self.current, CUT_OFF)
            self.current = None
        return self.kept + ["END:VCALENDAR"] * max(self.open_calendars, 0)

    def _in_block(self, name: str, line: str, too_long: bool) -> None:
        block = self.current
        if too_long and block.problem is None:
            block.skip(self._long_line("in the event"))
        block.add(line, self.max_event)
        if name == "END:VEVENT" and self.depth == 0:
            self._close(block)
        elif name.startswith("BEGIN:"):  # a VALARM inside the event
            self.depth += 1
        elif name.startswith("END:") and self.depth:
            self.depth -= 1

    def _close(self, block: Block) -> None:
        self.current = None
        if self.outer is not None:
            self.outer[2].append(block.line)
        if block.problem is not None:
            self._refuse(block, block.problem)
            return
        self.blocks[block.line] = block
        # before END:VEVENT: a marker after BEGIN:VEVENT could be continued by a stray folded line
        self.kept.extend([*block.lines[:-1], f"{MARKER}:{block.line}", block.lines[-1]])

    def _stray_end(self, number: int, line: str) -> None:
        """An END:VEVENT outside any block closes the block last cut off by a BEGIN:VEVENT, which
        then held everything since: one bad event. Without such a block it is only left out."""
        if self.outer is None:
            self._refuse(Block(number, [line]), STRAY_END)
            return
        outer, mark, inner = self.outer
        for held in [*self.kept[mark:], line]:
            if not held.startswith(MARKER):
                outer.add(held, self.max_event)
        del self.kept[mark:]
        for start in inner:
            self.blocks.pop(start, None)
            self.refused.pop(start, None)
        self._refuse(outer, NESTED)
        self.outer = None

    def _refuse(self, block: Block, reason: str) -> None:
        self.refused[block.line] = (block, reason)

    def _long_line(self, where: str) -> str:
        return f"a line longer than {self.max_line} characters {where} (limit UNSOCIAL_MAX_ICS_LINE_CHARS)"


def properties(event: icalendar.Event, name: str) -> list:
    """Every value of a property that may occur more than once (icalendar gives a list then)."""
    value = event.get(name)
    return [] if value is None else value if isinstance(value, list) else [value]


def line_of(event: icalendar.Event) -> int:
    """The line of the event's BEGIN:VEVENT, from the marker (the last one, should a file carry its own)."""
    marker = event[MARKER]
    return int(marker[-1] if isinstance(marker, list) else marker)


def unfolded(lines: list[str]) -> list[str]:
    """Physical lines joined into the logical lines they were folded from (a line going on starts with a blank)."""
    logical: list[str] = []
    for line in lines:
        if line[:1] in (" ", "\t") and logical:
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def excerpt(block: Block) -> str:
    """The block's lines unfolded, with every property that may say what or where replaced by its name."""
    shown = []
    for line in unfolded(block.lines):
        name = (_NAME.match(line) or [""])[0].upper()
        shown.append(line if name in EXCERPT_PROPERTIES else f"{name}:…")
    return "\n".join(shown)[:300]
