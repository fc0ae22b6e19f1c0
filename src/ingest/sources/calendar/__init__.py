"""Calendars (.ics, RFC 5545) as Google Calendar, Outlook and Apple Calendar export them: meetings.

Accepted: one .ics file, or a folder or zip of them (Google Takeout: ``Takeout/Calendar/<calendar>.ics``,
one file per calendar; Apple Calendar: one ``<calendar>.ics`` per calendar exported; Outlook:
``<calendar>.ics`` from "Save Calendar"). A file is a calendar when it starts with
``BEGIN:VCALENDAR``, whatever its name; other files of the export are listed as unknown (Takeout's
``archive_browser.html`` as ignored). icalendar parses, recurring-ical-events expands recurrences.

What becomes a record. Each instance of each VEVENT up to the export's own time (the latest
DTSTAMP of the export; see ``expansion``) yields, per other person who was there, one
``Interaction(kind="meeting", direction="mutual", is_offline=True, mode=…)`` at the instance's
start in UTC, and each person once per file an ``Account`` (``account_ref``: the lowercased
e-mail, else the CN; a guest without a CN gets ``first_name``/``last_name`` read from a
``firstname.lastname@`` address, never a ``display_name``: a weaker name, see ``linkage``). The
owner yields one ``Account(is_owner=True)`` per file. A guest is met only where the owner took part:
as the organizer, or as a guest who accepted or answered "tentative" (``people``). An instance is no
interaction, and yields nothing, when it is cancelled (``STATUS:CANCELLED``, also a cancelled
override of one instance), when the owner declined or never answered (``PARTSTAT=NEEDS-ACTION``:
Google's unanswered invitations), when nobody but the owner is in it, when it is free
(``TRANSP:TRANSPARENT``) without any guest (birthdays, holidays), when it lies in a calendar named
after someone else without the owner, or when it starts after the export's time. An attendee who
declined (or delegated), rooms and resources, and services and mailing lists (a booking system or
Meetup as organizer, a Google Group as guest: ``people.not_a_person``) are no counterparts. An
event with more than ``modes.GROUP_GUESTS`` other people is a group event (mode ``group``), not a
personal meeting with each of them.

Counting, for the reconciliation read = loaded + quarantined. ``line`` is the line of the
VEVENT's ``BEGIN:VEVENT``: all instances of a recurring event share it, an override (a moved
instance) has its own. ``records_read`` counts the VEVENT blocks that yielded at least one
interaction or were quarantined; blocks that yielded nothing for the reasons above are not
errors and not counted there, but in the file's note, as instances ("cancelled: 2"), with how
the owner was found and the time events were expanded to. A file read whole that yields no record
(holidays, birthdays, one's own appointments: an Exchange or Google calendar without guests) is
``handling="no_people"``: complete, with nobody in it, which the run reports and accepts; a file
that ends before its END:VCALENDAR stays ``parsed`` (nothing read from a cut-off download is an
error). A block that cannot be placed in time
(no DTSTART, a value that cannot be read, an unknown TZID, a rule that cannot be expanded) is
quarantined with the property named; so is a block that cannot be read (cut off before its
END:VEVENT, holding another VEVENT, a line or an event beyond the limits: see ``reading``), and
the other events of the file load. A file icalendar cannot read at all is one quarantined record
at line 1.

Decisions. Floating times (no zone) are read in the calendar's X-WR-TIMEZONE (Google, Apple
write it), else as UTC. An all-day event (``VALUE=DATE``) is placed at 00:00 of its day, UTC, with
no zone applied: a date has none, and the day is what matters. A TZID that is neither an IANA nor a
Windows name (Outlook's "W. Europe Standard Time" is mapped by icalendar) nor defined by a
VTIMEZONE of the file quarantines the event ("DTSTART: unknown time zone") rather than guess an
offset. A series is expanded to at most 5,000 instances (noted); what expanding an event and an
export may cost (steps of dateutil, instances, meetings per character, a wall-clock net) is
``budget``'s, and an event over it is quarantined with the limit named. Summaries, descriptions and
locations are read to tell the mode and never stored: quarantine excerpts show only the
properties that say when and who.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import icalendar

from ...archive import Export
from ...columns import Columns
from ...errors import UnknownLayoutError
from ...models import Account, Interaction, MemberNote, Quarantined, Record
from ...normalise import normalise_email
from .budget import MAX_INSTANCES, Budget, ExpansionError
from .expansion import Instance, as_utc, expand, export_time, floating_zone, problem
from .modes import GROUP_GUESTS, mode_of
from .people import ROOMS, SERVICES, Owner, Person, declared_owner, find_owner, others_of
from .reading import Block, CalendarFile, excerpt, is_calendar, line_of, read_file

NAME = "calendar"
# A Google Takeout holds Takeout/Calendar/ beside other products' folders (Takeout/Contacts/ …) in one
# zip: each is read by its own source (sources.split_export).
SHARED_ARCHIVE = True
BATCH_ROWS = 50_000
# Files of a Google Takeout that hold no people.
KNOWN_OTHERS = {"archive_browser.html": "Takeout's index of the archive: no people"}
# Why an instance is no interaction, in the order the note lists them (counted per instance).
NOT_INTERACTIONS = ("cancelled", "declined by the owner", "not answered by the owner", "nobody but the owner",
                    "free, without guests", "another person's calendar, without the owner")
# People of an interaction who are no counterpart (counted per instance and person).
LEFT_OUT = ("declined by a guest", ROOMS, SERVICES)
GROUP_EVENTS = f"group events (more than {GROUP_GUESTS} people besides the owner)"
CUT_OFF = "the file ends before END:VCALENDAR (cut off): read up to there"
RECURRING = ("RRULE", "RDATE", "RECURRENCE-ID")


@dataclass
class Context:
    """What holds for every file of the export: the owner and the time it was exported."""

    owner: Owner
    horizon: datetime | None
    horizon_source: str
    budget: Budget


# Photos, videos and sound are not opened to look for a calendar: a Facebook export holds tens of
# thousands of them beside its JSON, and opening each one costs more than reading all the JSON.
MEDIA = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp4", ".mov", ".webm", ".mp3", ".m4a", ".aac",
         ".wav", ".ogg", ".opus")


def detect(export: Export) -> bool:
    """Any member that starts with BEGIN:VCALENDAR (those named .ics are looked at first; media are not)."""
    members = sorted((m for m in export.members() if not m.lower().endswith(MEDIA)),
                     key=lambda m: not m.lower().endswith(".ics"))
    return any(is_calendar(export, member) for member in members)


def parse(export: Export) -> Iterator[Record | Columns]:
    """Accounts and meeting interactions of every calendar file, quarantined events, a note per file."""
    members = export.members()
    files = {m: read_file(export, m) for m in members if is_calendar(export, m)}
    if not files:
        raise UnknownLayoutError(export.path, f"no iCalendar file among its {len(members)} files",
                                 "export the calendar again as .ics (iCalendar)")
    context = _context(list(files.values()))
    for member in members:
        if member in files:
            yield from FileParse(files[member], context).records()
        else:
            yield _other_member(member)


def _other_member(member: str) -> MemberNote:
    known = KNOWN_OTHERS.get(member.rsplit("/", 1)[-1])
    if known:
        return MemberNote(member=member, line=0, handling="ignored", note=known)
    return MemberNote(member=member, line=0, handling="unknown", note="not an iCalendar file")


def _context(files: list[CalendarFile]) -> Context:
    calendars = [(str(c.get("X-WR-CALNAME") or ""), list(c.walk("VEVENT"))) for f in files for c in f.calendars]
    declared = [owner for f in files for c in f.calendars if (owner := declared_owner(c))]
    horizon, source = export_time([event for _, events in calendars for event in events])
    size = sum(f.size for f in files)
    return Context(find_owner(calendars, declared), horizon, source, Budget.from_settings(size))


class FileParse:
    """The records of one calendar file, and the counts its note reports."""

    def __init__(self, calendar_file: CalendarFile, context: Context):
        self.file, self.context, self.owner = calendar_file, context, context.owner
        self.member = calendar_file.member
        self.counts: Counter = Counter()
        self.loaded: set[int] = set()
        self.quarantined: set[int] = set()
        self.accounts: set[str] = set()
        self.sources: dict[int, icalendar.Event] = {}
        self.modes: dict[int, str] = {}
        self.verdicts: dict[int, tuple] = {}
        self.buffer = Columns(Interaction)

    def records(self) -> Iterator[Record | Columns]:
        """Quarantined blocks, accounts and interaction batches, then the file's note."""
        if self.file.unreadable is not None:
            yield self._quarantine(self.file.unreadable, "VCALENDAR: the file cannot be parsed")
        for line in sorted(self.file.refused):
            yield self._quarantine(*self.file.refused[line])
        for calendar in self.file.calendars:
            yield from self._calendar(calendar)
        if len(self.buffer):
            yield self.buffer.take()
        read = len(self.loaded | self.quarantined)
        self.counts[CUT_OFF] += self.file.cut_off
        handling = "parsed" if read or self.file.cut_off else "no_people"
        yield MemberNote(member=self.member, line=0, handling=handling, note=self._note(), records_read=read)

    def _quarantine(self, block: Block, reason: str) -> Quarantined:
        self.quarantined.add(block.line)
        return Quarantined(member=self.member, line=block.line, reason=reason, excerpt=excerpt(block))

    def _calendar(self, calendar: icalendar.Calendar) -> Iterator[Record | Columns]:
        zone, named = floating_zone(calendar)
        self.counts["unknown X-WR-TIMEZONE: floating times read as UTC"] += named and zone is None
        calendar_owner = normalise_email(str(calendar.get("X-WR-CALNAME") or ""))
        foreign = calendar_owner is not None and calendar_owner != self.owner.email
        series: dict[str, list[icalendar.Event]] = {}  # a series and its overrides share the UID
        for event in calendar.walk("VEVENT"):
            line = line_of(event)
            if reason := problem(event):
                yield self._quarantine(self.file.blocks[line], reason)
                continue
            self.sources[line] = event
            series.setdefault(_series_key(event, line, series), []).append(event)
        for events in series.values():
            yield from self._series(events, zone, foreign)

    def _series(self, events: list[icalendar.Event], zone: str | None, foreign: bool) -> Iterator[Record | Columns]:
        lines = [line_of(event) for event in events]
        people = max(len(self._verdict(line, foreign)[1]) for line in lines)
        try:
            expansion = expand(events, zone, self.context.horizon, self.context.budget, people)
        except ExpansionError as exc:
            for line in lines:
                yield self._quarantine(self.file.blocks[line], str(exc))
            return
        self.counts[f"events capped at {MAX_INSTANCES} instances"] += expansion.capped
        for instance in expansion.instances:
            yield from self._instance(instance, foreign)
        self.counts["events without an instance up to then"] += len(set(lines) - {i.line for i in expansion.instances})
        if len(self.buffer) >= BATCH_ROWS:
            yield self.buffer.take()

    def _verdict(self, line: int, foreign: bool) -> tuple:
        """Why the VEVENT is no interaction (or None), who it meets, who is left out: worked out once."""
        if line not in self.verdicts:
            self.verdicts[line] = others_of(self.sources[line], self.owner, foreign)
        reason, others, left_out = self.verdicts[line]
        return reason, [] if reason else others, left_out

    def _instance(self, instance: Instance, foreign: bool) -> Iterator[Account]:
        """The interactions of one instance. Instances differ from their VEVENT only in when they
        start, so who was there (and whether it was a meeting) is worked out once per VEVENT."""
        line = instance.line
        reason, others, left_out = self._verdict(line, foreign)
        self.counts.update(left_out)
        if reason:
            self.counts[reason] += 1
            return
        if not self.loaded and self.owner.email:
            yield Account(member=self.member, line=line, platform=NAME, account_ref=self.owner.email,
                          display_name=self.owner.name, email=self.owner.email, is_owner=True)
        self.loaded.add(line)
        if line not in self.modes:
            self.modes[line] = mode_of(self.sources[line], len(others))
        self.counts[GROUP_EVENTS] += self.modes[line] == "group"
        thread_ref = self._thread(instance)
        self.context.budget.spent["rows"] += len(others)
        for person in others:
            if person.ref not in self.accounts:
                self.accounts.add(person.ref)
                yield self._account(line, person)
            self.buffer.append(member=self.member, line=line, platform=NAME, account_ref=person.ref, kind="meeting",
                               direction="mutual", occurred_at=instance.start, is_offline=True,
                               thread_ref=thread_ref, is_group=len(others) > 1, mode=self.modes[line])

    def _account(self, line: int, person: Person) -> Account:
        first, last = person.address_name or (None, None)
        return Account(member=self.member, line=line, platform=NAME, account_ref=person.ref,
                       display_name=person.name, first_name=first, last_name=last, email=person.email)

    def _thread(self, instance: Instance) -> str | None:
        """The UID; for an instance of a recurring event, the UID and the instance's RECURRENCE-ID."""
        source = self.sources[instance.line]
        uid = str(source.get("UID") or "").strip() or None
        if uid is None or not any(name in source for name in RECURRING):
            return uid
        return f"{uid};RECURRENCE-ID={_ical_time(instance.recurrence_id)}"

    def _note(self) -> str:
        parts = [f"owner: {self.owner.how}"]
        if self.context.horizon is not None:
            parts.append(f"expanded up to {self.context.horizon:%Y-%m-%d %H:%M} UTC "
                         f"(the latest {self.context.horizon_source})")
        for title, keys in (("not interactions", NOT_INTERACTIONS), ("not counterparts", LEFT_OUT)):
            counted = [f"{key} {self.counts[key]}" for key in keys if self.counts[key]]
            if counted:
                parts.append(f"{title}: {', '.join(counted)}")
        known = set(NOT_INTERACTIONS + LEFT_OUT)
        parts += [f"{key}: {count}" for key, count in self.counts.items() if key not in known and count]
        return "; ".join(parts)


def _series_key(event: icalendar.Event, line: int, series: dict[str, list[icalendar.Event]]) -> str:
    """The UID, shared by a series and its overrides. A second event with the UID of another and no
    RECURRENCE-ID is an event of its own (a copy, a writer's bug): recurring-ical-events would
    keep one of the two."""
    uid = str(event.get("UID") or "")
    if not uid or ("RECURRENCE-ID" not in event and any("RECURRENCE-ID" not in e for e in series.get(uid, []))):
        return f"{uid} (line {line})"
    return uid


def _ical_time(value) -> str:
    if isinstance(value, datetime):
        return as_utc(value).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")
