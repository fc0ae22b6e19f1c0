"""Outlook for Windows' calendar saved as CSV ("File → Open & Export → Import/Export → Export to a file → Comma
Separated Values", the Calendar folder; ``Calendar.CSV``, ``Kalender.CSV``): made iCalendar events, so that a row
is read as an .ics event is (``parsing``).

One row per appointment, every field quoted, the ANSI code page of the user's Windows (cp1252 in Western Europe,
cp1251 on a Russian one, cp1250 on a Polish or Czech one: organiser and attendee names in it, decided for the file
from its words and counted in the file's note, ``tabular``), 22 columns in the user's language:
``"Subject","Start Date","Start Time","End Date","End Time","All day event",…,"Meeting Organizer","Required
Attendees","Optional Attendees","Meeting Resources",…,"Show time as"`` (Tiki's and a Go converter's writers, code
index ids 17582164 and 19018305022; an Outlook import test, 71624798819), in German ``"Betreff","Beginnt am",
"Beginnt um",…,"Besprechungsplanung","Erforderliche Teilnehmer","Optionale Teilnehmer","Besprechungsressourcen",…``
(Horde's test of a real German export, ``Horde_Util_CsvTest::testBug4025``, code index ids 3158694317 and
20274595526; Emacs' lookout.el maps both). People are display names, often "Last, First" (``Haas, Jörg``), several
joined by ``;``, an address only where Outlook knew no name; no response, no address book, no UID. Dates and times
are the PC's short formats, local time without a zone: ``3/4/2024`` ``10:00:00 AM`` (US), ``2.5.2006``
``11:50:00`` (German). A series is written one row per occurrence in the range asked for. Read with nothing
else to tell: a name stands for the person; the owner is the name in most rows (``owner.find_owner``).
"""

from __future__ import annotations

from collections import Counter

from ..archive import Export
from ..dates import decide_order, read_datetime
from ..tabular import Row, encoding_of, read_as, read_rows
from .outlook_shapes import Shape
from .reading import MARKER, Block, CalendarFile

_NO_ADDRESS = "invalid:nomail"  # what Outlook itself writes in an .ics for a person it knows no address of


def read_csv(export: Export, member: str, shape: Shape) -> CalendarFile:
    """The member as a ``CalendarFile`` of one calendar, an event per row at the row's line; a row whose start
    cannot be read is refused (quarantined) with the column named."""
    import icalendar  # here, where a file is read: recognising an export does without it

    encoding = encoding_of(export, member)
    rows = list(read_rows(export, member, shape.columns, encoding=encoding))
    order = decide_order((row.get(shape.start_date) for row in rows), shape.order)
    calendar, blocks, refused = icalendar.Calendar(), {}, {}
    calendar.add("PRODID", shape.name)
    for row in rows:
        block = Block(row.line, _excerpt_lines(row, shape))
        try:
            event = _event(row, shape, order.day_first)
        except ValueError as exc:
            refused[row.line] = (block, str(exc))
            continue
        calendar.add_component(event)
        blocks[row.line] = block
    size = sum(len(",".join(row.raw)) for row in rows)
    decoded = Counter({f"rows {note}": len(rows)} if (note := read_as(encoding)) else {})
    return CalendarFile(member, [calendar], blocks, refused, size=size, read_as=decoded)


def _event(row: Row, shape: Shape, day_first: bool):
    import icalendar

    if row.problem:
        raise ValueError(row.problem)
    event = icalendar.Event()
    event.add("DTSTART", _start(row, shape, day_first))
    for name, column in (("SUMMARY", shape.subject), ("LOCATION", shape.location),
                         ("DESCRIPTION", shape.description)):
        if row.get(column):  # read to tell the meeting's mode, never stored (``modes``)
            event.add(name, row.get(column))
    for name, column, params in (("ORGANIZER", shape.organizer, {}),
                                 ("ATTENDEE", shape.required, {"ROLE": "REQ-PARTICIPANT"}),
                                 ("ATTENDEE", shape.optional, {"ROLE": "OPT-PARTICIPANT"}),
                                 ("ATTENDEE", shape.resources, {"CUTYPE": "ROOM"})):
        for person in _people(row.get(column)):
            event.add(name, _address(person, params))
    event.add(MARKER, str(row.line))
    return event


def _start(row: Row, shape: Shape, day_first: bool):
    """The start as written (local, no zone); a date alone for an all-day event."""
    day = row.get(shape.start_date)
    if not day:
        raise ValueError(f"{shape.start_date}: missing")
    try:
        start = read_datetime(f"{day} {row.get(shape.start_time) or ''}", day_first)
    except ValueError as exc:
        raise ValueError(f"{shape.start_date}, {shape.start_time}: {exc}") from None
    return start.date() if (row.get(shape.all_day) or "").casefold() == shape.yes else start


def _people(cell: str | None) -> list[str]:
    """The people of one column: Outlook joins them by ``;`` (a comma is inside "Last, First")."""
    return [" ".join(part.split()) for part in (cell or "").split(";") if part.strip()]


def _address(person: str, params: dict[str, str]):
    """A name as the CN of an entry without an address, an address as the entry's address."""
    import icalendar

    if "@" in person and " " not in person:
        return icalendar.vCalAddress(f"mailto:{person}", params=dict(params))
    return icalendar.vCalAddress(_NO_ADDRESS, params={"CN": person, **params})


def _excerpt_lines(row: Row, shape: Shape) -> list[str]:
    """What a quarantine excerpt shows of a row: when and who, as iCalendar lines (``reading.excerpt``)."""
    when = " ".join(filter(None, (row.get(shape.start_date), row.get(shape.start_time))))
    who = [f"{name};CN={person}:{_NO_ADDRESS}" for name, column in (("ORGANIZER", shape.organizer),
                                                                   ("ATTENDEE", shape.required))
           for person in _people(row.get(column))]
    return ["BEGIN:VEVENT", f"DTSTART:{when}", *who, "END:VEVENT"]
