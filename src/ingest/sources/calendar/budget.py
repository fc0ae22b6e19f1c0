"""What expanding recurring events may cost: a budget per event and per export, so that no calendar hangs a run.

The cost is dateutil's (under recurring-ical-events). It walks a rule period by period from its
DTSTART: a day for DAILY (a week, month or year for the others, each day of it looked at), an hour,
minute or second for the finer ones, and its BY… parts only filter what it walks over. A rule that
yields no more instances walks on to the year 9999 before it gives up. Measured before this budget:
``FREQ=SECONDLY;BYHOUR=23;BYMINUTE=59;BYSECOND=59`` from 1900 took 88 s for its first 5,000 instances,
and with ``BYMONTH=2;BYMONTHDAY=29`` it ran for hours.

So, before an event is expanded (deterministic: the same file gives the same records on any machine):

- steps: the periods its rules walk from DTSTART up to the export's time, each weighted by what it
  costs (``_WEIGHT``: a step is about a microsecond); over ``UNSOCIAL_MAX_ICS_STEPS`` (2,000,000: a
  daily rule over 5,000 years, a secondly one over 23 days) the event is quarantined, and so are the
  events after the export's own budget (``EXPORT_STEPS`` times that) is spent;
- an HOURLY, MINUTELY or SECONDLY rule may not limit the days it falls on (BYMONTH, BYMONTHDAY,
  BYYEARDAY, BYWEEKNO, BYDAY, BYSETPOS): if those match no day, dateutil walks every hour, minute or
  second to the year 9999. No calendar program writes such a rule;
- a DAILY or coarser rule must give a start at all: one that never does (30 February) would be
  walked to the year 9999 too (3 s for a daily one). The calendar repeats every 400 years (146,097
  days, whole weeks), so the rule is tried from a start moved by whole cycles of the calendar and of
  its INTERVAL to between two and one cycles before that year: it finds its first start there, or
  none (at most 0.8 s measured, and charged as steps: the export's budget bounds how many are tried).
  After the export's time, dateutil then walks at most one cycle to the next start.

While an event is expanded: at most ``MAX_INSTANCES`` instances are kept per event (a series over
it is capped, noted); per export, ``UNSOCIAL_MAX_ICS_INSTANCES`` (100,000) instances met, kept or not,
and meetings (instances times people) ``base.max_rows`` of the calendar files' characters: an event
over what is left is quarantined. An event whose instances overlap, met again in each window, stops
at ``PULLS_PER_INSTANCE`` times its limit. A wall clock is the safety net only, for what the model
above does not foresee: ``UNSOCIAL_MAX_ICS_SECONDS`` (120 s) per export, an eighth of it per event.
Below it, results never depend on the machine's speed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from math import gcd

import icalendar
from dateutil.rrule import rrulestr

from ..zipcheck import limit_setting
from ..base import max_rows
from .reading import properties

MAX_INSTANCES = 5_000  # per event: a daily stand-up over 13 years, far beyond any real series
MAX_STEPS = 2_000_000  # default of UNSOCIAL_MAX_ICS_STEPS, per event
EXPORT_STEPS = 5  # times the per-event steps: what all events of an export may walk together
MAX_EXPORT_INSTANCES = 100_000  # default of UNSOCIAL_MAX_ICS_INSTANCES
MAX_SECONDS = 120  # default of UNSOCIAL_MAX_ICS_SECONDS, per export
EVENT_SHARE = 8  # an event may take this share of the export's seconds
PULLS_PER_INSTANCE = 4
CHECK_EVERY = 256  # occurrences between two looks at the clock
LAST_YEAR = 9999  # where dateutil gives up
CYCLE_YEARS = 400  # the Gregorian calendar repeats: 146,097 days, a whole number of weeks
_CYCLE = {"YEARLY": 400, "MONTHLY": 4800, "WEEKLY": 20871, "DAILY": 146097}  # periods per cycle (weeks: of 7 days)
# What one period costs dateutil, in steps of about a microsecond. Measured walking rules that give no start:
# a year (366 days looked at) 28 µs, a month 3.6, a week 2.1, a day 1.0; an hour, a minute or a second at most
# 0.33 (the inner loop of a SECONDLY rule with BYHOUR, BYMINUTE and BYSECOND), counted as 1.
_WEIGHT = {"YEARLY": 30, "MONTHLY": 4, "WEEKLY": 2, "DAILY": 1}
_PERIOD_DAYS = {"YEARLY": 365.2425, "MONTHLY": 30.436875, "WEEKLY": 7, "DAILY": 1}
_SUBDAILY = {"HOURLY": 3600, "MINUTELY": 60, "SECONDLY": 1}
_DAY_FILTERS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "BYSETPOS")


class ExpansionError(ValueError):
    """A series that cannot or may not be expanded; the message names the property and the limit."""


@dataclass
class Budget:
    """What the events of one export may still cost. ``steps`` and ``instances`` are deterministic;
    ``seconds`` is the wall-clock net."""

    event_steps: int
    steps: int
    instances: int
    seconds: float
    rows: int  # meetings (an instance times its people) the export may give: ``base.max_rows`` of its size
    size: int  # characters of the export's calendar files
    spent: dict = field(default_factory=lambda: {"steps": 0, "instances": 0, "seconds": 0.0, "rows": 0})

    @classmethod
    def from_settings(cls, size: int) -> Budget:
        """The budget of an export whose calendar files hold ``size`` characters."""
        event_steps = limit_setting("UNSOCIAL_MAX_ICS_STEPS", MAX_STEPS)
        return cls(event_steps, EXPORT_STEPS * event_steps,
                   limit_setting("UNSOCIAL_MAX_ICS_INSTANCES", MAX_EXPORT_INSTANCES),
                   float(limit_setting("UNSOCIAL_MAX_ICS_SECONDS", MAX_SECONDS)), max_rows(size), size)

    def check_rules(self, events: list[icalendar.Event], end: datetime) -> None:
        """Refuse the series before it is expanded when its rules would walk too far, or give no start; charge
        the steps (what trying whether a rule gives a start took included)."""
        rules = [(rule, _local(event["DTSTART"].dt)) for event in events for rule in properties(event, "RRULE")]
        if any(_no_interval(rule) for rule, _ in rules):
            raise ExpansionError("RRULE: INTERVAL=0, a series that never moves on (RFC 5545 wants 1 or more)")
        steps = sum(rule_steps(rule, start, end) for rule, start in rules)
        if steps > self.event_steps:
            raise ExpansionError(f"RRULE: walks more than {self.event_steps} steps up to the export's time "
                                 "(limit UNSOCIAL_MAX_ICS_STEPS)")
        if steps + sum(trial_cost(rule, start) for rule, start in rules) > self.steps - self.spent["steps"]:
            raise ExpansionError(f"RRULE: not expanded, the export's events walk more than {self.steps} steps "
                                 f"together (limit UNSOCIAL_MAX_ICS_STEPS, {EXPORT_STEPS} times it per export)")
        for rule, start in rules:
            gives, walked = first_start(rule, start)
            steps += walked
            if not gives:
                self.spent["steps"] += steps
                raise ExpansionError("RRULE: gives no start at all (its BY… parts exclude each other)")
        self.spent["steps"] += steps

    def clock(self) -> Clock:
        left = self.seconds - self.spent["seconds"]
        if left <= 0:
            raise ExpansionError(f"RRULE: not expanded, the export's {self.seconds:g} s for recurring events "
                                 "are used up (limit UNSOCIAL_MAX_ICS_SECONDS)")
        return Clock(self, time.monotonic(), min(left, self.seconds / EVENT_SHARE))

    def instance_limit(self, people: int) -> tuple[int, str | None]:
        """How many instances the next series may keep (``people``: the most people one instance of it meets),
        and why a series that has more is refused, when that is less than ``MAX_INSTANCES`` (a series
        over ``MAX_INSTANCES`` keeps its first ones)."""
        limits = [(MAX_INSTANCES, None), (self.instances - self.spent["instances"],
                                          f"RRULE: more instances than the export has left of its {self.instances} "
                                          "(limit UNSOCIAL_MAX_ICS_INSTANCES)")]
        if people:
            limits.append(((self.rows - self.spent["rows"]) // people,
                           f"VEVENT: more meetings than the export may give ({self.rows} for its {self.size} "
                           "characters; limit UNSOCIAL_MAX_ROWS_PER_BYTE)"))
        most, reason = min(limits, key=lambda limit: limit[0])
        return max(most, 0), reason


@dataclass
class Clock:
    """The wall-clock net of one event's expansion."""

    budget: Budget
    start: float
    allowed: float
    ticks: int = 0

    def tick(self) -> None:
        """Called per occurrence met: looks at the clock now and then."""
        self.ticks += 1
        if self.ticks % CHECK_EVERY == 0:
            self.check()

    def check(self) -> None:
        if time.monotonic() - self.start > self.allowed:
            self.stop()
            raise ExpansionError(f"RRULE: expanding took longer than {self.allowed:g} s (limit "
                                 "UNSOCIAL_MAX_ICS_SECONDS, per event an eighth of it)")

    def stop(self) -> None:
        self.budget.spent["seconds"] += time.monotonic() - self.start


def rule_steps(rule: icalendar.vRecur, start: datetime, end: datetime) -> int:
    """The steps dateutil takes for one rule from ``start`` up to ``end`` (or its UNTIL): its periods, each
    weighted by what it costs (``_WEIGHT``), and a day more for a finer rule to find its next start.

    A rule without any BY… part gives a start at every period (a MONTHLY one on the 31st at every other):
    its walk ends with its COUNT, or when the expansion has its ``MAX_INSTANCES`` (after at most two
    windows of them)."""
    frequency, interval = _frequency(rule)
    until = min((_local(v) for v in rule.get("UNTIL") or []), default=end)
    span = max((min(until, end) - start).total_seconds(), 0)
    if frequency in _SUBDAILY:
        if any(rule.get(name) for name in _DAY_FILTERS):
            raise ExpansionError(f"RRULE: FREQ={frequency} with a BY… part that limits the days may walk every "
                                 "period up to the year 9999 (not allowed: no calendar program writes it)")
        periods = (span + 86400) // (_SUBDAILY[frequency] * interval)
    else:
        periods = span / 86400 / (_PERIOD_DAYS.get(frequency, 1) * interval) + 1
    if not any(name.startswith("BY") for name in rule):
        count = rule.get("COUNT")
        starts = min(max(int(count[0]), 0), 2 * MAX_INSTANCES) if count else 2 * MAX_INSTANCES
        periods = min(periods, 2 * starts)
    return int(periods * _WEIGHT.get(frequency, 1))


def first_start(rule: icalendar.vRecur, start: datetime) -> tuple[bool, int]:
    """Whether a DAILY or coarser rule gives any start at all, and the steps trying it took: tried from a
    start moved by whole cycles (of the calendar and of its INTERVAL) to at most two cycles before the year
    9999. A rule whose cycle is longer than what is left before 9999 is walked to its end at less cost than
    that; one dateutil cannot read is left to the expansion to refuse."""
    frequency, interval = _frequency(rule)
    moved = _moved_start(rule, start)
    if moved is None:
        return True, 0
    parts = [p for p in rule.to_ical().decode().split(";") if not p.upper().startswith(("COUNT=", "UNTIL="))]
    try:
        first = next(iter(rrulestr(";".join(parts), dtstart=moved)), None)
    except (ValueError, TypeError, OverflowError):
        return True, 0
    walked = ((first or datetime(LAST_YEAR, 12, 31)) - moved).days / (_PERIOD_DAYS[frequency] * interval) + 1
    return first is not None, int(walked * _WEIGHT[frequency])


def trial_cost(rule: icalendar.vRecur, start: datetime) -> int:
    """The most steps ``first_start`` can take for the rule: two cycles, or none."""
    frequency, interval = _frequency(rule)
    if _moved_start(rule, start) is None:
        return 0
    return 2 * _CYCLE[frequency] // gcd(interval, _CYCLE[frequency]) * _WEIGHT[frequency]


def _moved_start(rule: icalendar.vRecur, start: datetime) -> datetime | None:
    """The start moved by whole cycles to between two and one cycles before the year 9999; None when the
    rule is finer than daily (refused otherwise) or its cycle does not fit."""
    frequency, interval = _frequency(rule)
    if frequency not in _CYCLE:
        return None
    cycle = CYCLE_YEARS * (interval // gcd(interval, _CYCLE[frequency]))  # years after which all repeats
    if start.year + cycle > LAST_YEAR:
        return None
    return start.replace(year=start.year + (LAST_YEAR - cycle - start.year) // cycle * cycle, tzinfo=None)


def _no_interval(rule: icalendar.vRecur) -> bool:
    """``INTERVAL=0`` (or below): recurring_ical_events waits for ever for the series' second start."""
    try:
        return int((rule.get("INTERVAL") or [1])[0]) < 1
    except (TypeError, ValueError):
        return False


def _frequency(rule: icalendar.vRecur) -> tuple[str, int]:
    frequency = str((rule.get("FREQ") or [""])[0]).upper()
    try:
        interval = max(int((rule.get("INTERVAL") or [1])[0]), 1)
    except (TypeError, ValueError):
        interval = 1
    return frequency, interval


def _local(value: date | datetime) -> datetime:
    """The wall-clock time as written (a zoned UNTIL in UTC is near enough for counting periods)."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=None)
