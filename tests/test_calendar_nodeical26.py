"""Calendars of node-ical's test samples (jens-maus/node-ical ``test/fixtures``) whose events were quarantined.

Synology's all-day events with ``DURATION:PT1W`` ("DURATION: not a valid value"); Exchange's TZID quoted around the
value (``TZID="W. Europe Standard Time:20200609T090000"``), left open, or a display name with its ":" unquoted;
``(GMT +01:00)`` with a space; a zone named by a list of places that is none of Windows' lists ("unknown time zone").
Each fixture is a miniature of the real shape with invented people; before, each event named below was quarantined
and its guest lost."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from conftest import FIXTURES, FIXTURES_WRITTEN, query
from ingest.sources.calendar.dialects import as_icalendar_line
from ingest.sources.calendar.windows_zones import display_zone, named_zone
from ingest.sources.calendar.zone_dialects import quoted_zone

NODEICAL = FIXTURES / "calendar"


def ingest(unsocial, tmp_path, name):
    """The fixture folder copied and dated as the exports' calendars are (``conftest.FIXTURES_WRITTEN``), ingested."""
    folder = shutil.copytree(NODEICAL / name, tmp_path / name)
    for path in folder.iterdir():
        os.utime(path, (FIXTURES_WRITTEN, FIXTURES_WRITTEN))
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", folder, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    return db


def meetings(db) -> list[tuple[str, str]]:
    return query(db, "select account_ref, occurred_at::varchar from raw_interactions order by 2, 1")


def quarantined(db) -> list[str]:
    return [reason for (reason,) in query(db, "select reason from raw_quarantine order by line")]


def note(db) -> str:
    return query(db, "select note from raw_members")[0][0]


def test_synology_all_day_events_with_a_week_written_as_a_time_are_read(unsocial, tmp_path):
    """``DTSTART:20240205`` and ``DTSTART;VALUE=DATE:20240212``, each with ``DURATION:PT1W``: before, both were
    quarantined ("DURATION: not a valid value") and Pia, a guest of only one of them, was nobody. The timed event
    beside them (``DURATION:PT1H15M``) was read before too."""
    db = ingest(unsocial, tmp_path, "synology-2024")
    assert quarantined(db) == []
    assert query(db, "select account_ref, is_owner from raw_accounts order by 1") == [
        ("greta.holm@example.de", True), ("lukas.ferber@example.org", False), ("pia.sandvik@example.net", False)]
    assert meetings(db) == [("lukas.ferber@example.org", "2024-02-05 00:00:00"),
                            ("pia.sandvik@example.net", "2024-02-12 00:00:00"),
                            ("lukas.ferber@example.org", "2024-02-14 09:00:00")]


def test_an_event_lasting_less_than_nothing_is_read_at_its_start(unsocial, tmp_path):
    """``DTSTART;VALUE=DATE:20210401`` with ``DURATION:-PT1W1D2H3M4S``: before, quarantined; and a negative duration
    icalendar can read (``-P1D``) started the meeting at its end, days before the date written."""
    db = ingest(unsocial, tmp_path, "negative-duration-2021")
    assert quarantined(db) == []
    assert meetings(db) == [("lukas.ferber@example.org", "2021-04-01 00:00:00")]
    assert "events lasting less than nothing (DURATION:-P1D), read at their start: 1" in note(db)


def test_exchange_zones_with_their_quotes_astray_are_read_at_the_right_time(unsocial, tmp_path):
    """The quote closed after the value (Jonas, June: summer time), left open (Aylin) and missing around a display
    name with a ":" in it (Hanne) were quarantined; the display name quoted as it should be (Rafael) was read. Each
    meeting is at 10:00 or 09:00 in Berlin."""
    db = ingest(unsocial, tmp_path, "exchange-2010-quotes")
    assert quarantined(db) == []
    assert meetings(db) == [("aylin.kaya@example.com", "2024-02-13 09:00:00"),
                            ("rafael.moreno@example.org", "2024-02-20 09:00:00"),
                            ("hanne.berg@example.no", "2024-02-27 09:00:00"),
                            ("jonas.weber@example.de", "2024-06-11 07:00:00")]


def test_gmt_offsets_written_with_a_space_are_read(unsocial, tmp_path):
    """``(GMT +01:00)`` and ``(GMT +02:00)`` alone: at that offset (a weekly series until November: four Tuesdays);
    with Windows' places after it: in their zone, summer time applied. All three were quarantined ("unknown time
    zone"), Oskar and Mira lost."""
    db = ingest(unsocial, tmp_path, "owncloud-gmt-offset-2022")
    assert quarantined(db) == []
    assert meetings(db) == [("mira.okonkwo@example.com", "2022-07-15 12:00:00"),
                            ("mira.okonkwo@example.com", "2022-07-19 12:00:00"),
                            ("oskar.lindqvist@example.se", "2022-10-04 13:00:00"),
                            ("oskar.lindqvist@example.se", "2022-10-11 13:00:00"),
                            ("oskar.lindqvist@example.se", "2022-10-18 13:00:00"),
                            ("oskar.lindqvist@example.se", "2022-10-25 13:00:00")]
    assert "read at the fixed offset their name gives (summer time not applied): 2" in note(db)


def test_a_zone_named_by_a_list_of_places_is_the_zone_they_share(unsocial, tmp_path):
    """Places of three of Windows' +01:00 zones in one list (a daily series, its second day excluded in the same
    zone), and Windows' own list unquoted: read in Central European time. ``Berlin, London`` keep no common time: that
    event stays quarantined as an unknown zone, as before."""
    db = ingest(unsocial, tmp_path, "exchange-place-list-2024")
    assert meetings(db) == [("femke.visser@example.nl", "2024-02-12 18:00:00"),
                            ("bram.jansen@example.nl", "2024-04-15 17:00:00"),
                            ("bram.jansen@example.nl", "2024-04-17 17:00:00")]
    assert quarantined(db) == ["DTSTART: unknown time zone"]


@pytest.mark.parametrize("line, read", [
    ('DTSTART;TZID="W. Europe Standard Time:20200609T090000"',
     'DTSTART;TZID="W. Europe Standard Time":20200609T090000'),
    ('DTEND;TZID="(UTC+01:00) Wien:20240213T110000', 'DTEND;TZID="(UTC+01:00) Wien":20240213T110000'),
    ("DTSTART;TZID=(GMT +01:00):20240212T140000", 'DTSTART;TZID="(GMT +01:00)":20240212T140000'),
    ("EXDATE;TZID=Berlin, Bern:20240212T140000,20240213T140000",
     'EXDATE;TZID="Berlin, Bern":20240212T140000,20240213T140000'),
    ('DTSTART;TZID="(UTC+01:00) Wien":20240212T100000"', 'DTSTART;TZID="(UTC+01:00) Wien":20240212T100000'),
    # left as they are: well written, other parameters after the zone, no time after the last ":", no time property
    ('DTSTART;TZID="(UTC+01:00) Wien":20240212T100000', None),
    ("DTSTART;TZID=Europe/Berlin:20240212T100000", None),
    ("DTSTART;TZID=Europe/Berlin;VALUE=DATE:20120714", None),
    ('DTSTART;TZID="W. Europe Standard Time:soon"', None),
    ('X-NOTE;TZID="a:20240212T100000"', None),
    ('DTSTART;X-A="b";TZID="c:20240212T100000"', None),
])
def test_a_zone_is_quoted_only_where_its_quotes_are_astray(line, read):
    assert quoted_zone(line) == (read or line)


@pytest.mark.parametrize("line, read", [
    ("DURATION:PT1W", "DURATION:P1W"),
    ("DURATION:-PT1W1D2H3M4S", "DURATION:-P1W1DT2H3M4S"),
    ("duration:pt2d", "duration:P2D"),
    ("DURATION:PT1H15M", "DURATION:PT1H15M"),
    ("DURATION:P1W", "DURATION:P1W"),
])
def test_weeks_and_days_after_the_t_of_a_duration_are_read_before_it(line, read):
    assert as_icalendar_line(line) == read


@pytest.mark.parametrize("line", [
    "DTSTART;TZID=" + '"' * 20_000 + ":" * 20_000 + "1" * 20_000,
    "DTSTART;TZID=" + "a," * 30_000 + ":20240212T100000",
    "DURATION:PT" + "1" * 50_000 + "W",
    "DTSTART;TZID=(GMT +01:00)" + " " * 50_000 + "x:20240212T100000",
])
def test_hostile_lines_cost_no_time(line):
    """Each rewrite is linear in its line (a bound or one way to match): these take milliseconds."""
    started = time.perf_counter()
    as_icalendar_line(line)
    assert time.perf_counter() - started < 2.0  # linear: milliseconds; the quadratic forms took seconds


@pytest.mark.parametrize("tzid", ["(GMT +01:00)" + " " * 50_000 + "x", "amsterdam, " * 20_000 + "x",
                                  "(UTC+01:00)" + "\t" * 50_000])
def test_hostile_zone_names_cost_no_time(tzid):
    started = time.perf_counter()
    display_zone(tzid) or named_zone(tzid)
    assert time.perf_counter() - started < 2.0  # linear: milliseconds; the quadratic forms took seconds
