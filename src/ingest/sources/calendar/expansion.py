"""When: the export's own time, the instances of each event up to it, and every start in UTC.

The horizon is the export's own time, never today's date, so that the same file always gives the
same records: the latest DTSTAMP in it (Google and Outlook stamp every event with the moment of
the export), each file's own where its writer's files tell one (``file_times``); for a single meeting, the time the
file was written where that is later (``parsing.WRITTEN``).
recurring-ical-events does the expansion (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides,
X-WR-TIMEZONE); this module only bounds it, because an unbounded rule asked for a span of years
expands every instance in it at once, and a rule repeating every minute would not end.
What an event and an export may cost is ``budget``'s: an event over it is quarantined with its reason.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from math import prod

import icalendar
import recurring_ical_events

from .budget import MAX_INSTANCES, PULLS_PER_INSTANCE, Budget, Clock, ExpansionError
from .reading import line_of, properties

MAX_WINDOWS = 100
EARLIEST = datetime(1900, 1, 1)
DATE_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")
CHECKED_PROPERTIES = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RRULE", "RDATE", "EXDATE")
# The shortest time (seconds) one instance of each frequency takes: a window of MAX_INSTANCES of them is
# asked for at a time, so that a series is expanded in a few calls whatever its pace.
_PERIODS = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 7 * 86400,
            "MONTHLY": 28 * 86400, "YEARLY": 365 * 86400}
LONGEST = timedelta(days=200 * 365)
_DAY_PARTS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_DAYS_PER_PERIOD = {"YEARLY": 366, "MONTHLY": 31, "WEEKLY": 7}


@dataclass(frozen=True)
class Instance:
    """One instance of an event: its start in UTC, the line of the VEVENT it comes from, and the
    start it has in the series (its RECURRENCE-ID: differs from ``start`` for a moved instance)."""

    start: datetime
    line: int
    recurrence_id: date | datetime


@dataclass
class Expansion:
    """The instances of one event (a series and its overrides) up to the horizon, by start."""

    instances: list[Instance]
    capped: bool


def as_utc(value: date | datetime) -> datetime:
    """A naive UTC datetime: a zoned time converted, a floating one taken as UTC, a date at 00:00."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def export_time(events: list[icalendar.Event]) -> tuple[datetime | None, str]:
    """The latest DTSTAMP of the events, and the property it came from.

    A writer that leaves DTSTAMP out (none seen) falls back on LAST-MODIFIED, then on the latest
    DTSTART: then every single event counts and series end with the last of them.
    """
    for name in ("DTSTAMP", "LAST-MODIFIED", "DTSTART"):
        stamps = [as_utc(value) for event in events if (value := _value(event, name)) is not None]
        if stamps:
            return max(stamps), name
    return None, ""


def file_times(calendars: dict[str, list[icalendar.Calendar]]) -> dict[str, tuple[datetime, str]]:
    """Each file's own time (``calendars``: each member's), where its writer's files tell one: the latest DTSTAMP
    (else LAST-MODIFIED) of the files of one writer (PRODID), a file without PRODID alone. Files of other writers
    were exported apart: a Confluence team calendar stamped June 2019 (niccokunzmann/python-recurring-ical-events
    ``test/calendars/issue_4.ics``), read beside a Google calendar stamped August 2020 (``benchmark/issue42.ics``),
    had its weekly series expanded 14 months past its own export. Files of one writer share their time, since Apple
    and Thunderbird stamp each event when it changed. A file whose writer's files tell no such time is left out:
    the export's time holds for it."""
    writers: dict[str, list[str]] = defaultdict(list)
    for member, file_calendars in calendars.items():
        prodids = sorted({str(c.get("PRODID") or "").strip() for c in file_calendars} - {""})
        writers[f"PRODID:{prodids[0]}" if len(prodids) == 1 else f"member:{member}"].append(member)
    times = {}
    for members in writers.values():
        time, source = export_time([event for m in members for c in calendars[m] for event in c.walk("VEVENT")])
        if source in ("DTSTAMP", "LAST-MODIFIED"):
            times.update(dict.fromkeys(members, (time, source)))
    return times


def floating_zone(calendar: icalendar.Calendar) -> tuple[str | None, bool]:
    """The calendar's X-WR-TIMEZONE (Google, Apple) if zoneinfo knows it, and whether one was named at all."""
    name = str(calendar.get("X-WR-TIMEZONE") or "").strip()
    if not name:
        return None, False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None, True
    return name, True


def problem(event: icalendar.Event) -> str | None:
    """Why the event cannot be placed in time, naming the property; None when it can."""
    broken = {name for name, _ in event.errors}
    for name in CHECKED_PROPERTIES:
        if name in broken:
            return f"{name}: not a valid value"
    if event.get("DTSTART") is None:
        return "DTSTART: missing"
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):  # icalendar gives a list when a writer repeats one
        if isinstance(event.get(name), list):
            return f"{name}: given more than once"
    for name in DATE_PROPERTIES:
        if any(_unknown_zone(prop) for prop in properties(event, name)) and (name != "DTEND" or _zoned_start(event)):
            return f"{name}: unknown time zone"
    return None


def _zoned_start(event: icalendar.Event) -> bool:
    """The start is a time in a zone. A meeting is placed by its start: an end in a zone nobody knows is read in the
    start's (``zone_dialects.display_zones``), and beside a floating start or a date it is floating too. Only an
    end left so beside a zoned start is a problem: recurring-ical-events would give such a meeting no instance."""
    start = event["DTSTART"].dt
    return isinstance(start, datetime) and start.tzinfo is not None


def _unknown_zone(prop) -> bool:
    """icalendar leaves a time naive when it knows no zone by its TZID, neither an IANA or Windows
    name nor a VTIMEZONE of the file (Outlook writes "Customized Time Zone 1" without one)."""
    if "TZID" not in prop.params:
        return False
    values = [v.dt for v in prop.dts] if hasattr(prop, "dts") else [prop.dt]
    values = [v[0] if isinstance(v, tuple) else v for v in values]  # RDATE periods
    return any(isinstance(v, datetime) and v.tzinfo is None for v in values)


def _value(event: icalendar.Event, name: str) -> date | datetime | None:
    prop = properties(event, name)[:1]
    if not prop or name in {n for n, _ in event.errors}:
        return None
    return prop[0].dt


def expand(events: list[icalendar.Event], zone: str | None, horizon: datetime, budget: Budget,
           people: int) -> Expansion:
    """The instances of one event up to the horizon (its overrides and cancelled instances included).

    ``zone`` is the calendar's X-WR-TIMEZONE: recurring-ical-events reads floating times in it.
    ``budget``: what the export's events may still cost, ``people`` the most one instance meets;
    ``ExpansionError`` when this event would go over.
    """
    end = _wall_clock_end(events, zone, horizon)
    budget.check_rules(events, end)
    limit, refusal = budget.instance_limit(people)
    found, capped = _occurrences(events, zone, (horizon, end), limit, budget)
    if capped and refusal:
        raise ExpansionError(refusal)
    instances = sorted((_instance(o, events) for o in found.values()), key=lambda i: (i.start, i.line))
    return Expansion(instances[:limit], capped)


def _occurrences(events: list[icalendar.Event], zone: str | None, span: tuple[datetime, datetime], limit: int,
                 budget: Budget) -> tuple[dict, bool]:
    """The occurrences up to the horizon by id (``span``: the horizon, and the end of the windows), at most
    ``limit`` and one, and whether there were more. What was met counts against the budget, kept or not."""
    calendar = icalendar.Calendar()
    if zone:
        calendar.add("X-WR-TIMEZONE", zone)
    for event in events:
        calendar.add_component(event)
    first = min(_local(event["DTSTART"].dt) for event in events)
    found: dict = {}
    capped, clock = False, budget.clock()
    try:
        for series in recurring_ical_events.of(calendar).series:
            capped |= _collect(series, found, (first, *span), _window(events), (limit, clock))
    except ExpansionError:
        raise
    # recurring-ical-events and dateutil raise errors of many kinds on a rule they cannot follow
    except Exception as exc:  # noqa: BLE001
        raise ExpansionError(f"RRULE: cannot be expanded ({type(exc).__name__})") from None
    finally:
        clock.stop()
        budget.spent["instances"] += min(len(found), limit + 1)
    return found, capped


def _wall_clock_end(events: list[icalendar.Event], zone: str | None, horizon: datetime) -> datetime:
    """The horizon on the latest wall clock of the series' zones, and an hour: recurring-ical-events reads
    a span in each event's own zone (floating times in the calendar's), and a zone's offset may change."""
    ends = [horizon]
    for event in events:
        start = event["DTSTART"].dt
        if isinstance(start, datetime):
            tz = start.tzinfo or (zoneinfo.ZoneInfo(zone) if zone else None)
            if tz is not None:
                ends.append(horizon.replace(tzinfo=timezone.utc).astimezone(tz).replace(tzinfo=None))
    return max(ends) + timedelta(hours=1)


def _instance(occurrence, events: list[icalendar.Event]) -> Instance:
    """The occurrence placed: a lone VEVENT is its own source (the common case, and fast); in a
    series with overrides, the instance's copy of its VEVENT says which one and which slot."""
    if len(events) == 1:
        source = events[0]
        slot = source["RECURRENCE-ID"].dt if "RECURRENCE-ID" in source else occurrence.start
    else:
        source = occurrence.as_component(False)
        slot = source["RECURRENCE-ID"].dt
    return Instance(as_utc(occurrence.start), line_of(source), slot)


def _collect(series, found: dict, span: tuple[datetime, datetime, datetime], window: timedelta | None,
             limits: tuple[int, Clock]) -> bool:
    """Gather the series' occurrences window by window; True when it stopped short of the end.

    A window that brought few instances (a rule thinned out by BYHOUR, BYMONTH, …) is doubled. It stops
    as soon as there are more than ``limit``: BY… parts can multiply the instances of a period
    (BYHOUR × BYMINUTE × BYSECOND: 86,400 a day), so a window may hold far more than it was sized for.
    """
    (first, horizon, end), (limit, clock) = span, limits
    low, high, met = min(EARLIEST, first), _advance(first, window, end), 0
    for _ in range(MAX_WINDOWS):
        before = len(found)
        for occurrence in series.between(low, high):
            met += 1
            if met > PULLS_PER_INSTANCE * max(limit, MAX_INSTANCES // 4):
                raise ExpansionError(f"RRULE: its instances overlap: more than {met - 1} met again and again")
            clock.tick()
            if as_utc(occurrence.start) <= horizon:
                found.setdefault(occurrence.id, occurrence)
                if len(found) > limit:
                    return True
        clock.check()
        if high >= end:
            return False
        if window is not None and len(found) - before < MAX_INSTANCES // 4:
            window = min(window * 2, LONGEST)
        low, high = high, _advance(high, window, end)
    return True


def _advance(start: datetime, window: timedelta | None, end: datetime) -> datetime:
    return end if window is None or end - start <= window else start + window


def _window(events: list[icalendar.Event]) -> timedelta | None:
    """The time MAX_INSTANCES instances of the event's fastest rule take at least (None: no rule).

    dateutil hands a window's instances over as one list: its BY… parts can give many instances a
    period (BYMONTHDAY × BYHOUR × BYMINUTE × BYSECOND: 31 million a year), so the window is sized for
    the most a period can give, not for one."""
    seconds = [_PERIODS.get(str((rule.get("FREQ") or [""])[0]).upper(), 1)
               * max(int((rule.get("INTERVAL") or [1])[0]), 1) * MAX_INSTANCES / _most_per_period(rule)
               for event in events for rule in properties(event, "RRULE")]
    return min(timedelta(seconds=max(min(seconds), 1)), LONGEST) if seconds else None


def _most_per_period(rule) -> int:
    """The most instances one period of the rule can give: BY… parts finer than its FREQ multiply them."""
    frequency = str((rule.get("FREQ") or [""])[0]).upper()
    days = _DAYS_PER_PERIOD.get(frequency, 1) if any(rule.get(name) for name in _DAY_PARTS) else 1
    finer = _TIME_PARTS[{"HOURLY": 1, "MINUTELY": 2, "SECONDLY": 3}.get(frequency, 0):]
    return days * prod(len(rule.get(name) or [1]) for name in finer)


def _local(value: date | datetime) -> datetime:
    """The wall-clock time as written, the form recurring-ical-events compares spans in."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=None)
