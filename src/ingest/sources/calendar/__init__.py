"""Calendars (.ics, RFC 5545) as Google Calendar, Outlook and Apple Calendar export them: meetings.

Accepted: one .ics file, or a folder or zip of them (Google Takeout: ``Takeout/Calendar/<calendar>.ics``,
one file per calendar; Apple Calendar: one ``<calendar>.ics`` per calendar exported; Outlook:
``<calendar>.ics`` from "Save Calendar"). A file is a calendar when it starts with
``BEGIN:VCALENDAR``, whatever its name; other files of the export are listed as unknown, the companions that
name nobody (Takeout's ``archive_browser.html``, Apple's ``Calendar Metadata.json``, Radicale's ``.Radicale.props``
and ``.Radicale.lock``) as ignored (``companions``). icalendar parses, recurring-ical-events expands recurrences.
vCalendar 1.0 (``.vcs``: Symbian's agenda), Lotus Notes' hierarchical names, Exchange's ``tzone://`` zones,
Outlook's ``Name (address)`` names and guests without ``mailto:``, kalender.digital's guests written as names alone
(``ATTENDEE:Jana\\, Ole``), Tutanota's names with an unquoted comma and
Outlook.com's series that end before they start are made iCalendar as each calendar is read (``dialects``);
Exchange's events of December 2023 without END:VEVENT end where the next begins (``reading``). Outlook's calendar
saved as CSV (``Calendar.CSV``, ``Kalender.CSV``), people by display name alone, is made events (``outlook_csv``).

What becomes a record. Each instance of each VEVENT up to the export's own time (the latest
DTSTAMP of the export; see ``expansion``) yields, per other person who was there, one
``Interaction(kind="meeting", direction="mutual", is_offline=True, mode=…)`` at the instance's
start in UTC, and each person once per file an ``Account`` (``account_ref``: the lowercased
e-mail, else the CN; a guest without a CN gets ``first_name``/``last_name`` read from a
``firstname.lastname@`` address, never a ``display_name``: a weaker name, see ``linkage``).
Exchange's directory path written where an address belongs (``mailto:/O=EXCHANGELABS/OU=…/CN=…``)
is no e-mail: its CN names the guest; a path that stands for the owner's address, or that is in most
events, is the owner's (``owner.find_owner``), and so is an address written only with the owner's own name (Zimbra's
alias). The owner yields one ``Account(is_owner=True)`` per
file. A guest is met only where the owner took part: as the organizer, or as a guest who accepted
or answered "tentative" (``people``). An instance is no interaction, and yields nothing, when it is
cancelled (``STATUS:CANCELLED``, also a cancelled
override of one instance), when it is someone's leave or trip, or an all-day free roster, in
Confluence's Team Calendars (``people.ABSENCE``, ``people.ROSTER``), when the owner declined or
never answered (``PARTSTAT=NEEDS-ACTION``: Google's unanswered invitations), when nobody but the
owner is in it, when it is free (``TRANSP:TRANSPARENT``) without any guest (birthdays, holidays),
when it is all-day, free and yearly whoever it names (a birthday its organiser shared: ``people.REMINDER``),
when it lies in a calendar named
after someone else without the owner, or when it starts after the export's time. An attendee who
declined (or delegated), rooms and resources, and services and mailing lists (a booking system or
Meetup as organizer, a Google Group as guest: ``people.not_a_person``) and a CN that is a web address
(``people.WEB_NAMES``) are no counterparts. An
event with more than ``modes.GROUP_GUESTS`` other people is a group event (mode ``group``), not a
personal meeting with each of them.

Counting, for the reconciliation read = loaded + quarantined. ``line`` is the line of the
VEVENT's ``BEGIN:VEVENT``: all instances of a recurring event share it, an override (a moved
instance) has its own. ``records_read`` counts the VEVENT blocks that yielded at least one
interaction or were quarantined; blocks that yielded nothing for the reasons above are not
errors and not counted there, but in the file's note, as instances ("cancelled: 2"), with how
the owner was found and the time events were expanded to. A meeting invitation saved from an
e-mail (``METHOD:REQUEST``) lies after its own DTSTAMP: its guests are accounts without a meeting
(counted in the note: the file is not one with nobody in it), and its organiser is no owner by a
tie-break; where its owner is not known, its guests are accounts without a meeting even for instances
before its DTSTAMP (a series re-sent: ``parsing.SAVED_BY_SOMEONE``). So are the guests of a calendar where no
address stands out (several in as many events, none organising more: ``owner.TIED_OWNER``): its owner is not known,
and no instance is a meeting (``parsing.OWNER_NOT_KNOWN``). A file read whole that yields
no record (holidays, birthdays, one's own appointments: an Exchange or Google calendar without guests) is ``handling="no_people"``: complete, with nobody in
it, which the run reports and accepts; a file
that ends before its END:VCALENDAR stays ``parsed`` (nothing read from a cut-off download is an
error). A block that cannot be placed in time
(no DTSTART, a value that cannot be read, an unknown TZID, a rule that cannot be expanded) is
quarantined with the property named; so is a block that cannot be read (cut off before its
END:VEVENT, holding another VEVENT, a line or an event beyond the limits: see ``reading``), and
the other events of the file load. A file icalendar cannot read at all (whatever it raises: The Events
Calendar's VTIMEZONE with two TZID lines raised AttributeError) is mended first (``salvage``: what it cannot read
outside events is left out), else one quarantined record at line 1.
A vCalendar 1.0 attendee marked ``X-PHONEOWNER`` (Sony Ericsson) is the owner
(``owner.phone_owner``), and a line a phone broke inside its parameters is joined to the next
(``reading._broken``).

Decisions. Floating times (no zone) are read in the calendar's X-WR-TIMEZONE (Google, Apple
write it), else as UTC. An all-day event (``VALUE=DATE``) is placed at 00:00 of its day, UTC, with
no zone applied: a date has none, and the day is what matters. A TZID that is neither an IANA nor a
Windows name (Outlook's "W. Europe Standard Time" is mapped by icalendar; Exchange's
``tzone://Microsoft/Utc`` and ``…/Olson/<zone>`` by ``dialects``; Outlook Web App's display names,
``(UTC-05:00) Eastern Time (US & Canada)``, by ``windows_zones``) nor defined by a VTIMEZONE of the
same file quarantines the event ("DTSTART: unknown time zone") rather than guess an offset. A series is
expanded to at most 5,000 instances (noted); what expanding an event and an
export may cost (steps of dateutil, instances, meetings per character, a wall-clock net) is
``budget``'s, and an event over it is quarantined with the limit named. Summaries, descriptions and
locations are read to tell the mode and never stored: quarantine excerpts show only the
properties that say when and who.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .reading import NAME, detect

if TYPE_CHECKING:
    from ..archive import Export
    from ...columns import Columns
    from ...models import Record

__all__ = ["NAME", "SHARED_ARCHIVE", "detect", "parse"]
# A Google Takeout holds Takeout/Calendar/ beside other products' folders (Takeout/Contacts/ …) in one
# zip: each is read by its own source (sources.split_export).
SHARED_ARCHIVE = True


def parse(export: Export) -> Iterator[Record | Columns]:
    """Every record of the export (``parsing``: imported when an export is this source's, not to detect one)."""
    from .parsing import parse as parse_export

    return parse_export(export)
