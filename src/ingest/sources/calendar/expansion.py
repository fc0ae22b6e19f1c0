"""When: the export's own time, the instances of each event up to it, and every start in UTC.

The horizon is the export's own time, never today's date, so that the same file always gives the
same records: the latest DTSTAMP in it (Google and Outlook stamp every event with the moment of
the export). recurring-ical-events does the expansion (RRULE, RDATE, EXDATE, RECURRENCE-ID
overrides, X-WR-TIMEZONE); this module only bounds it, because an unbounded rule asked for a
span of years expands every instance in it at once, and a rule repeating every minute would not end.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import icalendar
import recurring_ical_events

from .reading import line_of, properties

MAX_INSTANCES = 5_000  # per event: a daily stand-up over 13 years, far beyond any real series
MAX_WINDOWS = 100
EARLIEST = datetime(1900, 1, 1)
DATE_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")
CHECKED_PROPERTIES = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RRULE", "RDATE", "EXDATE")
# The shortest time (seconds) one instance of each frequency takes: a window of MAX_INSTANCES of them is
# asked for at a time, so that a series is expanded in a few calls whatever its pace.
_PERIODS = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 7 * 86400,
            "MONTHLY": 28 * 86400, "YEARLY": 365 * 86400}
LONGEST = timedelta(days=200 * 365)


class ExpansionError(ValueError):
    """A series recurring-ical-events cannot expand; the message names the property."""


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
        if any(_unknown_zone(prop) for prop in properties(event, name)):
            return f"{name}: unknown time zone"
    return None


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


def expand(events: list[icalendar.Event], zone: str | None, horizon: datetime) -> Expansion:
    """The instances of one event up to the horizon (its overrides and cancelled instances included).

    ``zone`` is the calendar's X-WR-TIMEZONE: recurring-ical-events reads floating times in it.
    """
    calendar = icalendar.Calendar()
    if zone:
        calendar.add("X-WR-TIMEZONE", zone)
    for event in events:
        calendar.add_component(event)
    first = min(_local(event["DTSTART"].dt) for event in events)
    end = horizon + timedelta(days=1)  # spans are read in the event's own zone: a day covers any offset
    found: dict = {}
    capped = False
    try:
        for series in recurring_ical_events.of(calendar).series:
            capped |= _collect(series, found, first, _window(events), end)
    # recurring-ical-events and dateutil raise errors of many kinds on a rule they cannot follow
    except Exception as exc:  # noqa: BLE001
        raise ExpansionError(f"RRULE: cannot be expanded ({type(exc).__name__})") from None
    instances = [_instance(o, events) for o in found.values() if as_utc(o.start) <= horizon]
    instances.sort(key=lambda instance: (instance.start, instance.line))
    return Expansion(instances[:MAX_INSTANCES], capped or len(instances) > MAX_INSTANCES)


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


def _collect(series, found: dict, first: datetime, window: timedelta | None, end: datetime) -> bool:
    """Gather the series' occurrences window by window; True when it stopped short of the end.

    A window that brought few instances (a rule thinned out by BYHOUR, BYMONTH, …) is doubled.
    """
    low, high = min(EARLIEST, first), _advance(first, window, end)
    for _ in range(MAX_WINDOWS):
        before = len(found)
        for occurrence in series.between(low, high):
            found.setdefault(occurrence.id, occurrence)
        if len(found) > MAX_INSTANCES:
            return True
        if high >= end:
            return False
        if window is not None and len(found) - before < MAX_INSTANCES // 4:
            window = min(window * 2, LONGEST)
        low, high = high, _advance(high, window, end)
    return True


def _advance(start: datetime, window: timedelta | None, end: datetime) -> datetime:
    return end if window is None or end - start <= window else start + window


def _window(events: list[icalendar.Event]) -> timedelta | None:
    """The time MAX_INSTANCES instances of the event's fastest rule take at least (None: no rule)."""
    seconds = [_PERIODS.get(str((rule.get("FREQ") or [""])[0]).upper(), 1)
               * max(int((rule.get("INTERVAL") or [1])[0]), 1) * MAX_INSTANCES
               for event in events for rule in properties(event, "RRULE")]
    return min(timedelta(seconds=min(seconds)), LONGEST) if seconds else None


def _local(value: date | datetime) -> datetime:
    """The wall-clock time as written, the form recurring-ical-events compares spans in."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=None)
