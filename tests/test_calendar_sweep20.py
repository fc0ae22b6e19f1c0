"""Calendars as real files showed them (sweep of round 20).

Meetings after the export's time (its latest DTSTAMP) lost the people who were in no earlier meeting, without a word:
a KOrganizer file of one meeting read as one with nobody in it. Zones named by their offset (iCloud's
``TZID=GMT-0400``) and Windows zone ids with a number (Exchange's ``GMT Standard Time 1``), without a VTIMEZONE,
quarantined every event as an unknown zone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import export_counts as counts, fixture, query
from test_calendar_vcard_sweep17 import ingest, note
from ingest.sources.calendar.zone_dialects import offset_zone, zone_line
from ingest.sources.calendar.windows_zones import numbered_zone

KORGANIZER = fixture("calendar", "korganizer-3.5-later")
EMCLIENT = fixture("calendar", "emclient-6-later")
ICLOUD = fixture("calendar", "icloud-offset-zones-2019")
EXCHANGE = fixture("calendar", "exchange-2010-numbered-zones")
LATER = ("people known only from meetings after the export's time (not happened yet as far as it tells): "
         "kept as accounts, no meeting")


def accounts(db) -> list[tuple]:
    return query(db, "select account_ref, is_owner from raw_accounts order by 1")


def met(db) -> list[tuple]:
    return query(db, "select account_ref, occurred_at::varchar from raw_interactions order by 2, 1")


def advice(db) -> list[str]:
    return [what for (what,) in query(db, "select what_to_do from not_read order by 1")]


def test_korganizer_s_meeting_after_its_last_change_keeps_its_guests(unsocial, tmp_path):
    """Before: the 18:30 meeting, stamped 10:06 the same day (KOrganizer writes the last change in DTSTAMP), was read
    as "events without an instance up to then", its guests lost. Still no meeting, but who accepted or answered
    "tentative" is kept; the guest who declined is not, as for any meeting."""
    db = ingest(unsocial, tmp_path, KORGANIZER)
    assert accounts(db) == [("fredrik.aalto@example.fi", False), ("ilse.brandauer@example.at", True),
                            ("ngozi.okafor@example.org", False)]
    assert met(db) == [("fredrik.aalto@example.fi", "2007-01-05 11:30:00")]
    assert f"{LATER}: 1" in note(db)  # Fredrik was met before: only Ngozi is known from the later meeting alone
    assert counts(db) == [("calendar", 2, 2, 0)]
    assert advice(db)[0].startswith("nothing to do: meetings planned after the calendar was exported")


def test_em_client_s_planned_meeting_is_shown_with_its_guest(unsocial, tmp_path):
    """Before: 1 of 2 meetings read, status "ok" and no row in not_read; the guest of the planned one lost. A
    cancelled meeting after the export's time keeps no one."""
    db = ingest(unsocial, tmp_path, EMCLIENT)
    assert accounts(db) == [("fredrik.aalto@example.fi", False), ("ilse.brandauer@example.at", True),
                            ("ngozi.okafor@example.org", False)]
    assert met(db) == [("fredrik.aalto@example.fi", "2026-01-15 09:00:00")]
    assert f"{LATER}: 1" in note(db)
    assert counts(db) == [("calendar", 2, 2, 0)]
    assert len(advice(db)) == 1


def test_zones_named_by_their_offset_are_read_at_it(unsocial, tmp_path):
    """Before: every event quarantined "DTSTART: unknown time zone". ``GMT-0400`` (iCloud's suggestion of a flight),
    ``GMT+0530``, ``UTC+02:00`` and ``GMT-04:00`` (unquoted, its ":" in the parameter) are read at their offset; an
    offset no zone has (``GMT+1500``) stays unknown."""
    db = ingest(unsocial, tmp_path, ICLOUD)
    assert met(db) == [("ngozi.okafor@example.org", "2019-03-20 07:30:00"),
                       ("ananya.rao@example.in", "2019-04-15 13:30:00"),
                       ("fredrik.aalto@example.fi", "2019-05-02 16:00:00"),
                       ("fredrik.aalto@example.fi", "2019-05-31 10:25:00")]
    assert "times in zones named by their offset (iCloud: TZID=GMT-0400), read at that offset: 4" in note(db)
    assert query(db, "select line, reason from raw_quarantine") == [(53, "DTSTART: unknown time zone")]
    assert counts(db) == [("calendar", 5, 4, 1)]
    assert "nothing to do: the calendar names zones by their offset (GMT-0400), and times were read at that " \
           "offset" in advice(db)


def test_exchange_s_numbered_windows_zones_are_the_zone_without_the_number(unsocial, tmp_path):
    """Before: "GMT Standard Time 1" and "Eastern Standard Time 1" without a VTIMEZONE quarantined each event. Read as
    London (winter: UTC) and New York (winter: UTC-5), the weekly series too; "Customized Time Zone 1" names no zone
    and stays quarantined."""
    db = ingest(unsocial, tmp_path, EXCHANGE)
    assert met(db) == [("ngozi.okafor@example.com", "2022-01-03 15:00:00"),
                       ("ngozi.okafor@example.com", "2022-01-10 15:00:00"),
                       ("ngozi.okafor@example.com", "2022-01-17 15:00:00"),
                       ("fredrik.aalto@example.co.uk", "2022-01-26 12:00:00")]
    assert "read as the zone without it: 2" in note(db)
    assert query(db, "select line, reason from raw_quarantine") == [(50, "DTSTART: unknown time zone")]
    assert counts(db) == [("calendar", 3, 2, 1)]


@pytest.mark.parametrize("tzid, offset", [
    ("GMT-0400", timedelta(hours=-4)),
    ("GMT+0530", timedelta(hours=5, minutes=30)),
    ("UTC+02:00", timedelta(hours=2)),
    ("GMT-04:00", timedelta(hours=-4)),
    ("gmt+5", timedelta(hours=5)),
    ("GMT+1500", None),  # no zone is that far from UTC
    ("Etc/GMT+4", None),  # the tz database's (inverted sign): icalendar knows it
    ("GMT", None),
    ("(UTC-05:00) Eastern Time (US & Canada)", None),  # ``windows_zones.display_zone``'s
])
def test_which_zone_names_state_an_offset(tzid, offset):
    zone = offset_zone(tzid)
    assert (zone.utcoffset(None) if zone else None) == offset


@pytest.mark.parametrize("tzid, zone", [
    ("GMT Standard Time 1", "Europe/London"),
    ("Eastern Standard Time 1", "America/New_York"),
    ("W. Europe Standard Time 2", "Europe/Berlin"),
    ("Customized Time Zone 1", None),  # Outlook's own zone: only its VTIMEZONE tells it
    ("GMT Standard Time", None),  # icalendar's own table reads it
])
def test_which_numbered_windows_zones_are_known(tzid, zone):
    found = numbered_zone(tzid)
    assert (str(found) if found else None) == zone


@pytest.mark.parametrize("line, read", [
    ("DTSTART;TZID=UTC+02:00:20190320T093000", 'DTSTART;TZID="UTC+02:00":20190320T093000'),
    ("DTEND;TZID=GMT-04:00;X-A=1:20190502T130000", 'DTEND;TZID="GMT-04:00";X-A=1:20190502T130000'),
    ("DTSTART;TZID=GMT-0400:20190531T062500", "DTSTART;TZID=GMT-0400:20190531T062500"),
    ('DTSTART;TZID="UTC+02:00":20190320T093000', 'DTSTART;TZID="UTC+02:00":20190320T093000'),
])
def test_an_offset_zone_with_a_colon_is_quoted(line, read):
    assert zone_line(line) == read
