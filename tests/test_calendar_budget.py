"""What expanding a calendar may cost (issue 15, items 9 and 10): steps, instances and meetings per event and per
export, deterministic, and the wall clock as a net. Each refused event is quarantined with its reason; the events
around it load."""

from __future__ import annotations

from datetime import datetime

import icalendar
import pytest

from ingest.models import Interaction, Quarantined
from ingest.sources import base
from ingest.sources.archive import Export
from ingest.sources.calendar import budget
from ingest.sources.calendar.budget import first_start, rule_steps
from test_calendar import of_type, parse, write_ics
from test_hostile import bounded

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

GOOD = ("UID:good@example\nDTSTAMP:20260101T000000Z\nDTSTART:20251201T100000Z\nDTEND:20251201T110000Z\n"
        "ORGANIZER:mailto:marta@example.se\nATTENDEE;PARTSTAT=ACCEPTED;CN=Jonas Weber:mailto:jonas.weber@example.de")


def event(uid: str, rule: str, start: str = "20251201T100000Z", guests: int = 1) -> str:
    attendees = "\n".join(f"ATTENDEE;PARTSTAT=ACCEPTED;CN=Guest {g}:mailto:guest{g}@example.de" for g in range(guests))
    return (f"UID:{uid}\nDTSTAMP:20260101T000000Z\nDTSTART:{start}\nDURATION:PT30M\nRRULE:{rule}\n"
            f"ORGANIZER:mailto:marta@example.se\n{attendees}")


def refused(records) -> list[tuple[int, str]]:
    return [(q.line, q.reason) for q in of_type(records, Quarantined)]


STEPS = "RRULE: walks more than 2000000 steps up to the export's time (limit UNSOCIAL_MAX_ICS_STEPS)"
DAYS = ("RRULE: FREQ=SECONDLY with a BY… part that limits the days may walk every period up to the year 9999 "
        "(not allowed: no calendar program writes it)")
NO_START = "RRULE: gives no start at all (its BY… parts exclude each other)"


@pytest.mark.parametrize("rule, start, reason", [
    # 88 s before: one instance a day, found by walking every second since 1900
    ("FREQ=SECONDLY;BYHOUR=23;BYMINUTE=59;BYSECOND=59", "19000101T235959Z", STEPS),
    # hours before: a 29 February a SECONDLY rule walks to, second by second, up to the year 9999
    ("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=23;BYMINUTE=59;BYSECOND=59", "20251231T235959Z", DAYS),
    ("FREQ=MINUTELY;BYHOUR=9", "20200101T090000Z", STEPS),
    # never a start: walked day by day (or by every other day, or in the wrong week of a fortnight) to 9999
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "20200101T100000Z", NO_START),
    ("FREQ=DAILY;INTERVAL=2;BYSETPOS=2", "20200101T100000Z", NO_START),
    ("FREQ=WEEKLY;INTERVAL=2;BYMONTH=4;BYMONTHDAY=31", "20200101T100000Z", NO_START),
    ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", "19010301T100000Z", NO_START),  # 1901, 1905, …: none leap
])
def test_a_rule_that_would_walk_for_hours_is_quarantined_before_it_is_expanded(tmp_path, rule, start, reason):
    export = write_ics(tmp_path / "c.ics", GOOD, event("slow@example", rule, start))
    records = bounded(parse, export)
    assert refused(records) == [(12, reason)]
    assert [i.account_ref for i in of_type(records, Interaction)] == ["jonas.weber@example.de"]


@pytest.mark.parametrize("rule, start, kept", [
    ("FREQ=SECONDLY", "20251231T000000Z", 5000),  # no BY… part: walking ends with the instances kept
    ("FREQ=SECONDLY;BYHOUR=23;BYMINUTE=59;BYSECOND=59", "20251215T000000Z", 18),  # 1.6 million seconds walked
    ("FREQ=HOURLY;BYHOUR=9", "19000101T090000Z", 5000),
    ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "19000101T090000Z", 5000),  # capped, as before
    ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", "19000301T100000Z", 32),  # DTSTART, 1904, 1908, …, 2024
    ("FREQ=MONTHLY;BYDAY=5MO", "20200101T100000Z", 26),  # DTSTART, and a fifth Monday: some months only
])
def test_rules_within_the_budget_are_expanded(tmp_path, rule, start, kept):
    export = write_ics(tmp_path / "c.ics", event("ok@example", rule, start))
    records = bounded(parse, export)
    assert not refused(records) and len(of_type(records, Interaction)) == kept


def rrule(text: str) -> icalendar.vRecur:
    return icalendar.vRecur.from_ical(text)


@pytest.mark.parametrize("text, start, steps", [
    ("FREQ=DAILY", datetime(2025, 1, 1), 366),
    ("FREQ=SECONDLY", datetime(2025, 1, 1), 20_000),  # no BY… part: two windows of instances at most
    ("FREQ=DAILY;BYDAY=MO", datetime(2025, 1, 1), 366),  # days walked, the end day included
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", datetime(2025, 1, 1), 54),  # 27 fortnights, 2 steps each
    ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14", datetime(1950, 1, 1), 2310),  # a birthday: 77 years of 30 steps
    ("FREQ=HOURLY;BYHOUR=9", datetime(2025, 12, 31), 48),  # and the day after the end, to the next start
    ("FREQ=SECONDLY;BYSECOND=1;UNTIL=20250101T000100Z", datetime(2025, 1, 1), 86_460),
    ("FREQ=SECONDLY;COUNT=3", datetime(2025, 1, 1), 6),
])
def test_steps_are_counted_from_the_rule_alone(text, start, steps):
    assert rule_steps(rrule(text), start, datetime(2026, 1, 1)) == steps


@pytest.mark.parametrize("text, start, gives", [
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", datetime(2025, 1, 1), True),
    ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", datetime(1901, 1, 1), False),
    ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", datetime(1904, 1, 1), True),
    ("FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6,9,11", datetime(2025, 1, 1), False),
    ("FREQ=YEARLY;INTERVAL=1000;BYMONTH=2;BYMONTHDAY=30", datetime(2025, 1, 1), False),  # tried in a 2000-year cycle
    ("FREQ=YEARLY;INTERVAL=3001;BYMONTH=2;BYMONTHDAY=30", datetime(2025, 1, 1), True),  # 3 years walked to 9999
])
def test_a_rule_gives_a_start_or_none_in_two_cycles(text, start, gives):
    assert first_start(rrule(text), start)[0] is gives


def test_the_export_instance_budget_quarantines_the_events_over_it(tmp_path, monkeypatch):
    """Met, kept or not, instances count: the second series meets four of its five, more than the three left."""
    monkeypatch.setenv("UNSOCIAL_MAX_ICS_INSTANCES", "9")
    export = write_ics(tmp_path / "c.ics", GOOD, event("five@example", "FREQ=DAILY;COUNT=5"),
                       event("five-more@example", "FREQ=DAILY;COUNT=5"))
    records = parse(export)
    assert refused(records) == [(
        21, "RRULE: more instances than the export has left of its 9 (limit UNSOCIAL_MAX_ICS_INSTANCES)")]
    assert len(of_type(records, Interaction)) == 6  # the single event and five


def test_the_meetings_an_export_may_give_are_bounded_by_its_size(tmp_path, monkeypatch):
    """40 events of 20 guests every second made 4,000,000 rows of 63 KB; here 4 of 3 guests, and 100 rows at least
    (instead of 250,000): an hour of seconds, 10,803 meetings each; 10 a character (UNSOCIAL_MAX_ROWS_PER_BYTE)
    allow one."""
    monkeypatch.setattr(base, "MIN_ROWS", 100)
    events = [event(f"storm-{i}@example", "FREQ=SECONDLY", "20251231T230000Z", guests=3) for i in range(4)]
    export = write_ics(tmp_path / "c.ics", *events)
    size = len((tmp_path / "c.ics").read_text().replace("\r\n", "\n"))
    records = parse(export)
    assert 10_803 <= 10 * size < 2 * 10_803 and len(of_type(records, Interaction)) == 10_803
    assert refused(records) == [(line, f"VEVENT: more meetings than the export may give ({10 * size} for its {size} "
                                       "characters; limit UNSOCIAL_MAX_ROWS_PER_BYTE)") for line in (15, 26, 37)]


def test_the_wall_clock_is_a_net_per_event_and_per_export(tmp_path, monkeypatch):
    """A clock that runs 10 s a look: the first series runs out of its eighth, and then the export's time is up."""
    ticks = iter(range(0, 10_000, 10))
    monkeypatch.setattr(budget.time, "monotonic", lambda: next(ticks))
    monkeypatch.setenv("UNSOCIAL_MAX_ICS_SECONDS", "16")
    export = write_ics(tmp_path / "c.ics", event("daily@example", "FREQ=DAILY;COUNT=3"), GOOD)
    assert refused(parse(export)) == [
        (4, "RRULE: expanding took longer than 2 s (limit UNSOCIAL_MAX_ICS_SECONDS, per event an eighth of it)"),
        (13, "RRULE: not expanded, the export's 16 s for recurring events are used up "
             "(limit UNSOCIAL_MAX_ICS_SECONDS)")]


def test_the_same_file_gives_the_same_records(tmp_path):
    export = write_ics(tmp_path / "c.ics", GOOD, event("a@example", "FREQ=SECONDLY", "20251231T000000Z", guests=3),
                       event("b@example", "FREQ=SECONDLY;BYHOUR=23;BYMINUTE=59;BYSECOND=59", "19000101T235959Z"))
    assert parse(export) == parse(Export(tmp_path / "c.ics"))


def test_the_export_step_budget_bounds_how_many_rules_are_tried(tmp_path, monkeypatch):
    """Each rule that gives no start costs its trial (two cycles: 780 years of weeks here, 81,971 steps with its own
    walk); three fit the export's 5 × 50,000 steps, the next ones are refused untried."""
    monkeypatch.setenv("UNSOCIAL_MAX_ICS_STEPS", "50000")
    events = [event(f"never-{i}@example", "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30", "20200101T100000Z") for i in range(5)]
    used_up = ("RRULE: not expanded, the export's events walk more than 250000 steps together (limit "
               "UNSOCIAL_MAX_ICS_STEPS, 5 times it per export)")
    reasons = [reason for _, reason in refused(parse(write_ics(tmp_path / "c.ics", *events)))]
    assert reasons == [NO_START] * 3 + [used_up] * 2
