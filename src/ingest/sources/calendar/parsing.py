"""Reading a calendar export: the owner, each file's events expanded into meetings (see the package)."""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime

import icalendar

from ..archive import Export
from ...columns import Columns
from ...errors import UnknownLayoutError
from ...models import Account, Interaction, MemberNote, Quarantined, Record
from .budget import MAX_INSTANCES, Budget, ExpansionError
from .companions import HEAD as COMPANION_HEAD, other_member
from .dialects import as_icalendar, as_icalendar_line, salvage_people
from .expansion import Instance, as_utc, expand, export_time, file_times, floating_zone, problem
from .modes import GROUP_GUESTS, mode_of
from .outlook_csv import read_csv
from .outlook_shapes import shape_of
from .owner import calendar_address, is_invitation, owner_of_calendars, owner_of_file
from .people import ABSENCE, GUEST_INFORMED, NAMELESS, OWNER_INFORMED, REMINDER, ROOMS, ROSTER, SERVICES, WEB_NAMES, \
    Owner, Person, invited, others_of
from .reading import NAME, Block, CalendarFile, excerpt, is_calendar, line_of, read_file
from .salvage import mend_file, needs_mending

# Old Lightning and Evolution name zones by a vendor's path (``/mozilla.org/20050126_1/Europe/Berlin``,
# ``/freeassociation.sourceforge.net/Tzfile/…``): icalendar reads the Olson name at its end, the zone they wrap, and
# warned of it on the terminal (and in Airflow's task log) for every such time: a reading, not a fault of the file.
warnings.filterwarnings("ignore", category=icalendar.GloballyUniqueTZIDGuessed)
BATCH_ROWS = 50_000
# Why an instance is no interaction, in the order the note lists them (counted per instance).
NOT_INTERACTIONS = ("cancelled", ABSENCE, ROSTER, REMINDER, "declined by the owner", OWNER_INFORMED,
                    "not answered by the owner", "nobody but the owner", "free, without guests",
                    "another person's calendar, without the owner")
# People of an interaction who are no counterpart (counted per instance and person).
LEFT_OUT = ("declined by a guest", GUEST_INFORMED, ROOMS, SERVICES, NAMELESS, WEB_NAMES)
GROUP_EVENTS = f"group events (more than {GROUP_GUESTS} people besides the owner)"
CUT_OFF = "the file ends before END:VCALENDAR (cut off): read up to there"
# Tasks and journal entries are no meetings, whoever they name: a jtx Board journal entry lists guests as bare
# ``ATTENDEE:<address>`` (TechbeeAT/jtxBoard app/src/androidTest/assets/journal-most-fields.ics), a task its
# assignees (``VTODO`` with ``ATTENDEE;CN=…;ROLE=REQ-PARTICIPANT``, DAVx5 with jtx). Counted in the file's note,
# so that a file of nothing else does not read as one that names nobody.
NOT_MEETINGS = "tasks and journal entries naming people (VTODO, VJOURNAL): no meetings, left out"
RECURRING = ("RRULE", "RDATE", "RECURRENCE-ID")
# An event written again in one file under its UID, without RECURRENCE-ID: a calendar saved twice into one file, or an
# invitation and its update (RFC 5545's SEQUENCE counts the organiser's revisions). Each was read as a meeting of its
# own: one meeting counted twice, the moved one at its old time too. The later version is read; a second event of
# the UID that differs and says no later SEQUENCE is still an event of its own (``_series_key``).
SUPERSEDED = "an earlier version of an event of this file (the same UID, a lower SEQUENCE): the later one read"
REPEATED = "the same event again in this file (the same UID, SEQUENCE, start and guests): read once"
# A meeting invitation saved from an e-mail (``METHOD:REQUEST``: Google's ``invite.ics``, Teams, Zoom, Exchange 2007's
# ``Calendar.ics``) holds one event, stamped when it was sent: the meeting lies after the export's time. Its guests
# are kept as accounts (people known, no meeting), so that the file does not read as one with nobody in it. Seen:
# sudhansuaws/winner ``invite.ics``, ``invite (1).ics``; Ahadvt/testttt and ThePubDoc/ThePubDoc ``invite (1).ics``;
# DrOak1991/icstesting-240426 ``invite.ics``; maseric/MailDecoder ``Calendar.ics``.
INVITATIONS = ("invitations to a meeting after the export's time (not happened yet when it was saved): "
               "guests kept as accounts, no meeting")
# A saved invitation to a series under way: Google re-sends the whole series when it changes (PranavAmarnath/SecresMail
# ``invite.ics``: weekly from September 2020, DTSTAMP March 2021, an organiser and one guest who never answered). Its
# owner not known, nothing tells who saved it, nor whether they went: 20 weeks were met by video with both. Its
# guests are kept as accounts, as for any invitation, and no instance is a meeting.
# An iTIP message that answers or withdraws an invitation (RFC 5546: ``METHOD:REPLY``, ``CANCEL``, ``REFRESH``,
# ``DECLINECOUNTER``) may leave DTSTART out: it names the meeting by its UID alone (ical4j's samples,
# ``valid/incoming.ics``: four replies and a cancellation among requests). No meeting, nothing a new download
# mends: left out and counted, not quarantined as "DTSTART: missing".
ANSWERS = frozenset({"REPLY", "CANCEL", "REFRESH", "DECLINECOUNTER"})
UNTIMED_ANSWERS = "answers and cancellations without a time of their own (iTIP REPLY, CANCEL: no meetings), left out"
SAVED_BY_SOMEONE = ("invitations to meetings before the export's time, saved by someone not known (who was there "
                    "cannot be told): guests kept as accounts, no meeting")
# A meeting of the calendar after the export's time (its latest DTSTAMP or LAST-MODIFIED) has not happened as far as
# the file tells, but its guests are people the owner knows: kept as accounts, no meeting, as for an invitation; the
# note counts those met in no meeting before. They were lost without a word: an eM Client 6.0 calendar
# (``PRODID:-//eM Client/6.0…``, Windows zone ids) whose planned meeting holds a guest of no past one; a KOrganizer
# file (``PRODID:-//K Desktop Environment//NONSGML libkcal 3.5//EN``, ``ORGANIZER;CN="…":MAILTO:``) of one meeting at
# 18:30, stamped 10:06 the same day: KOrganizer, as Thunderbird and Apple, writes in DTSTAMP when the event was last
# changed, so that the export's time is no later than its last change, and the file read as one with nobody in it.
# A single meeting after the calendar's latest change but before the file was written (its modification time, or its
# zip entry's): its day had come when the file was saved, and nothing in it says the meeting was called off. Apple,
# Thunderbird, KOrganizer, SOGo and eM Client stamp an event when it changes (DTSTAMP, LAST-MODIFIED), so the latest
# stamp is the last change, not the export: a SOGo 2.2 file's one meeting, stamped before it (code index id
# 45325048630), and the KOrganizer file below were read with nobody met. A series is not carried so far: whether it
# went on past the last change no file tells.
# A calendar whose owner is not known because no address stands out (``owner.TIED_OWNER``): who took part cannot be
# told, so no instance is a meeting, and its guests are kept as accounts, as for an invitation saved by someone not
# known (pimutils/khal ``tests/ics/event_dt_partstat.ics``: one event, no ORGANIZER, six guests).
OWNER_NOT_KNOWN = ("events of a calendar whose owner is not known (no address stands out; who took part cannot be "
                   "told): guests kept as accounts, no meeting")
WRITTEN = "single meetings after the calendar's latest change but before the file was written, counted as held"
LATER = ("people known only from meetings after the export's time (not happened yet as far as it tells): "
         "kept as accounts, no meeting")
NO_INSTANCE = "events without an instance up to then"


@dataclass
class Context:
    """What holds for every file of the export: the owner and the time it was exported."""

    owner: Owner
    horizon: datetime | None
    horizon_source: str
    budget: Budget
    written: datetime | None = None  # when the file was written, as its folder or zip tells (``Export.modified``)


def parse(export: Export) -> Iterator[Record | Columns]:
    """Accounts and meeting interactions of every calendar file, quarantined events, a note per file."""
    members = export.members()
    files = {m: calendar_file for m in members if (calendar_file := _read(export, m))}
    if not files:
        raise UnknownLayoutError(export.path, f"no iCalendar file among its {len(members)} files",
                                 "export the calendar again as .ics (iCalendar)")
    context = _context(list(files.values()))
    times = file_times({member: calendar_file.calendars for member, calendar_file in files.items()})
    for member in members:
        if member in files:
            written = export.modified(member)
            yield from FileParse(files[member], _file_context(files[member], context, times, written)).records()
        else:
            yield other_member(member, export.head(member, COMPANION_HEAD))


def _read(export: Export, member: str) -> CalendarFile | None:
    """The member read, what its writer writes its own way (vCalendar 1.0, Lotus Notes, Exchange's zones, …)
    made iCalendar; Outlook's calendar saved as CSV made events (``outlook_csv``); None for any other file."""
    if shape := shape_of(export, member):
        return read_csv(export, member, shape)
    if not is_calendar(export, member):
        return None
    calendar_file = read_file(export, member, as_icalendar_line)
    if needs_mending(calendar_file):  # what icalendar refuses costs at most its component (``salvage``)
        calendar_file = mend_file(export, member, as_icalendar_line, calendar_file)
    for calendar in calendar_file.calendars:
        for event in calendar.walk("VEVENT"):
            if event.errors and (block := calendar_file.blocks.get(line_of(event))):
                salvage_people(event, block.lines)
        calendar_file.read_as.update(as_icalendar(calendar))
    return calendar_file


def _context(files: list[CalendarFile]) -> Context:
    every = [c for f in files for c in f.calendars]
    horizon, source = export_time([event for c in every for event in c.walk("VEVENT")])
    return Context(owner_of_calendars(every), horizon, source, Budget.from_settings(sum(f.size for f in files)))


def _file_context(calendar_file: CalendarFile, context: Context, times: dict, written: datetime | None) -> Context:
    """The export's context made the file's own: its owner and its time where the file tells them
    (``owner.owner_of_file``, ``expansion.file_times``), and when it was written (``WRITTEN``)."""
    horizon, source = times.get(calendar_file.member, (context.horizon, context.horizon_source))
    return replace(context, owner=owner_of_file(calendar_file.calendars, context.owner), horizon=horizon,
                   horizon_source=source, written=written)


class FileParse:
    """The records of one calendar file, and the counts its note reports."""

    def __init__(self, calendar_file: CalendarFile, context: Context):
        self.file, self.context, self.owner = calendar_file, context, context.owner
        self.member = calendar_file.member
        self.counts: Counter = Counter()
        self.loaded: set[int] = set()
        self.quarantined: set[int] = set()
        self.accounts: set[str] = set()
        self.met: set[str] = set()  # the people of an interaction
        self.later: set[str] = set()  # the people of a meeting after the export's time (``LATER``)
        self.sources: dict[int, icalendar.Event] = {}
        # UID → the first event of it without RECURRENCE-ID, its series key and series (of its VCALENDAR)
        self.masters: dict[str, tuple[icalendar.Event, str, dict]] = {}
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
        self.counts.update(self.file.read_as)
        self.counts[LATER] += len(self.later - self.met)
        handling = "parsed" if read or self.file.cut_off else "no_people"  # the note counts what was left out
        yield MemberNote(member=self.member, line=0, handling=handling, note=self._note(), records_read=read)

    def _quarantine(self, block: Block, reason: str) -> Quarantined:
        self.quarantined.add(block.line)
        return Quarantined(member=self.member, line=block.line, reason=reason, excerpt=excerpt(block))

    def _calendar(self, calendar: icalendar.Calendar) -> Iterator[Record | Columns]:
        zone, named = floating_zone(calendar)
        self.counts["unknown X-WR-TIMEZONE: floating times read as UTC"] += named and zone is None
        calendar_owner = calendar_address(calendar.get("X-WR-CALNAME"))
        foreign = calendar_owner is not None and calendar_owner != self.owner.email
        series: dict[str, list[icalendar.Event]] = {}  # a series and its overrides share the UID
        self.counts[NOT_MEETINGS] += sum(1 for kind in ("VTODO", "VJOURNAL") for entry in calendar.walk(kind)
                                         if "ATTENDEE" in entry or "ORGANIZER" in entry)
        answer = str(calendar.get("METHOD") or "").strip().upper() in ANSWERS
        for event in calendar.walk("VEVENT"):
            line = line_of(event)
            if (reason := problem(event)) and answer and "DTSTART" not in event:
                self.counts[UNTIMED_ANSWERS] += 1
                continue
            if reason:
                yield self._quarantine(self.file.blocks[line], reason)
                continue
            uid = str(event.get("UID") or "") if "RECURRENCE-ID" not in event else ""
            if uid in self.masters and (dropped := self._replaced(self.masters[uid], event, series)) is not None:
                yield self._quarantine(self.file.blocks[line_of(dropped)], SUPERSEDED
                                       if _sequence(dropped) != _sequence(event) else REPEATED)
                continue
            self.sources[line] = event
            key = _series_key(event, line, series)
            series.setdefault(key, []).append(event)
            if uid:
                self.masters.setdefault(uid, (event, key, series))
        for events in series.values():
            yield from self._series(events, zone, foreign, is_invitation(calendar))

    def _replaced(self, earlier: tuple[icalendar.Event, str, dict], event: icalendar.Event,
                  series: dict[str, list[icalendar.Event]]) -> icalendar.Event | None:
        """The event of the two that is not read (``_later_version``), the later put in the earlier's place; None
        when both are read, or when the later comes in a VCALENDAR after the earlier's, whose series was read."""
        first, key, its_series = earlier
        kept = _later_version(first, event)
        if kept is None or (kept is event and its_series is not series):
            return None
        if kept is event:
            self.sources.pop(line_of(first), None)
            self.sources[line_of(event)] = event
            series[key][series[key].index(first)] = event
            self.masters[str(event.get("UID"))] = (event, key, series)
        return event if kept is first else first

    def _series(self, events: list[icalendar.Event], zone: str | None, foreign: bool,
                invitation: bool = False) -> Iterator[Record | Columns]:
        lines = [line_of(event) for event in events]
        people = max(len(self._verdict(line, foreign)[1]) for line in lines)
        horizon = self._horizon(events, invitation)
        try:
            expansion = expand(events, zone, horizon, self.context.budget, people)
        except ExpansionError as exc:
            for line in lines:
                yield self._quarantine(self.file.blocks[line], str(exc))
            return
        self.counts[f"events capped at {MAX_INSTANCES} instances"] += expansion.capped
        if horizon != self.context.horizon:
            self.counts[WRITTEN] += sum(1 for i in expansion.instances if i.start > self.context.horizon)
        begun = {i.line for i in expansion.instances}
        unknown = self._unknown_owner(invitation)
        for instance in () if unknown else expansion.instances:
            yield from self._instance(instance, foreign)
        for line in sorted(begun) if unknown else ():
            yield from self._invited(line, unknown)
        for line in sorted(set(lines) - begun):
            yield from self._invited(line) if invitation else self._later(line, foreign)
        if len(self.buffer) >= BATCH_ROWS:
            yield self.buffer.take()

    def _unknown_owner(self, invitation: bool) -> str | None:
        """Why who took part cannot be told (``SAVED_BY_SOMEONE``, ``OWNER_NOT_KNOWN``), None where the owner is
        known or the events tell who was there without them."""
        if self.owner.ref is not None or self.owner.directories:
            return None
        return SAVED_BY_SOMEONE if invitation else OWNER_NOT_KNOWN if self.owner.tied else None

    def _horizon(self, events: list[icalendar.Event], invitation: bool) -> datetime | None:
        """Up to when the event is expanded: the export's time, or for a single meeting of a calendar (not a saved
        invitation) the time the file was written where that is later (``WRITTEN``)."""
        horizon, written = self.context.horizon, self.context.written
        if horizon is None or written is None or written <= horizon or invitation \
                or self.context.horizon_source not in ("DTSTAMP", "LAST-MODIFIED") \
                or any(name in event for event in events for name in RECURRING):
            return horizon
        return written

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
        yield from self._owner_account(line)
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
            self.met.add(person.ref)
            self.buffer.append(member=self.member, line=line, platform=NAME, account_ref=person.ref, kind="meeting",
                               direction="mutual", occurred_at=instance.start, is_offline=True,
                               thread_ref=thread_ref, is_group=len(others) > 1, mode=self.modes[line])

    def _invited(self, line: int, why: str = INVITATIONS) -> Iterator[Account]:
        """The guests of an invitation to a meeting after the export's time, or saved by someone not known
        (``why``): accounts, no interaction."""
        event = self.sources[line]
        if str(event.get("STATUS") or "").upper() == "CANCELLED":
            self.counts["cancelled"] += 1
            return
        guests = invited(event, self.owner)
        self.counts[why if guests else NO_INSTANCE] += 1
        yield from self._known(line, guests)

    def _later(self, line: int, foreign: bool) -> Iterator[Account]:
        """The people of a meeting after the export's time (``LATER``): accounts, no interaction. Who they are is
        decided as for a meeting: an event the owner declined, or with nobody else, keeps no one."""
        self.counts[NO_INSTANCE] += 1
        others = self._verdict(line, foreign)[1]
        self.later.update(person.ref for person in others)
        yield from self._known(line, others)

    def _known(self, line: int, people: list[Person]) -> Iterator[Account]:
        """Accounts of people known from the event at ``line``, who met the owner in none of its instances."""
        for person in people:
            if person.ref not in self.accounts:
                yield from self._owner_account(line)
                self.accounts.add(person.ref)
                self.loaded.add(line)
                yield self._account(line, person)

    def _owner_account(self, line: int) -> Iterator[Account]:
        """The owner's account, once per file, at the first line that loads anything."""
        if not self.loaded and self.owner.ref:
            yield Account(member=self.member, line=line, platform=NAME, account_ref=self.owner.ref,
                          display_name=self.owner.name, email=self.owner.email, is_owner=True)

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


def _later_version(first: icalendar.Event, second: icalendar.Event) -> icalendar.Event | None:
    """Of two events of one UID without RECURRENCE-ID, the one to read when one replaces the other (``SUPERSEDED``,
    ``REPEATED``): the higher SEQUENCE, or the first of two alike; None when both are to be read."""
    if _sequence(first) != _sequence(second):
        return first if _sequence(first) > _sequence(second) else second
    return first if _start(first) == _start(second) and _guests(first) == _guests(second) else None


def _sequence(event: icalendar.Event) -> int:
    value = str(event.get("SEQUENCE") or "0").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0


def _start(event: icalendar.Event):
    start = event.get("DTSTART")
    return getattr(start, "dt", None)


def _guests(event: icalendar.Event) -> list[str]:
    guests = event.get("ATTENDEE") or []
    return sorted(str(guest).casefold() for guest in (guests if isinstance(guests, list) else [guests]))


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
