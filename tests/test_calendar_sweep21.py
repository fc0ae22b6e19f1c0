"""Calendars as real files showed them (sweep of round 21).

Exchange named a zone by its places alone, without a VTIMEZONE of that name: a meeting whose start was in the file's
own zone (``(GMT+01.00) Sarajevo/Warsaw/Zagreb``) and whose end was in ``Sarajevo, Skopje, Sofija, Vilnius, Warsaw,
Zagreb`` was quarantined "DTEND: unknown time zone", its guests lost (sabre-io/vobject
``tests/VObject/TimeZoneUtilTest.php``). A meeting is placed by its start: its end no longer refuses it, and names
of places (Exchange 2003, Exchange's CDO, Lotus Notes) are read as their zone."""

from __future__ import annotations

import csv
import os
import shutil
import zipfile
import zoneinfo
from datetime import datetime, timezone

import icalendar
import pytest

from conftest import export_counts as counts, fixture, parse, query
from test_calendar_vcard_sweep17 import ingest, note
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from ingest.models import Interaction
from ingest.sources.archive import Export
from ingest.sources.calendar.expansion import problem
from ingest.sources.calendar.windows_zones import DISPLAY_NAMES, NAMES_FILE, display_zone, named_zone
from ingest.sources.calendar.zone_dialects import END_ZONES, NAMED_ZONES, display_zones

EXCHANGE = fixture("calendar", "exchange-2003-place-zones")


def met(db) -> list[tuple]:
    return query(db, "select account_ref, occurred_at::varchar from raw_interactions order by 2, 1")


def test_exchange_s_zones_named_by_places_are_read(unsocial, tmp_path):
    """Before: 1 of 6 events read (at a fixed +01:00, an hour off in June), 5 quarantined as unknown zones. Now:
    the end in "Sarajevo, Skopje, …" and a start in it (Warsaw: winter UTC+1), the CDO's "Berlin/Stockholm/…" in
    summer time, Exchange 2003's "Amsterdam, Berlin, …" without its offset; a weekly series whose end is in
    "Customized Time Zone 3", defined nowhere, is placed by its start. A start in that zone stays quarantined."""
    db = ingest(unsocial, tmp_path, EXCHANGE)
    assert met(db) == [("tomasz.wrona@example.pl", "2025-01-15 08:00:00"),
                       ("tomasz.wrona@example.pl", "2025-03-04 09:00:00"),
                       ("tomasz.wrona@example.pl", "2025-03-11 09:00:00"),
                       ("femke.devries@example.nl", "2025-05-20 14:00:00"),
                       ("ilka.sommer@example.de", "2025-06-12 12:00:00"),
                       ("ilka.sommer@example.de", "2025-06-26 08:00:00")]
    assert query(db, "select line, reason from raw_quarantine") == [(66, "DTSTART: unknown time zone")]
    assert counts(db) == [("calendar", 6, 5, 1)]
    assert f"{NAMED_ZONES}: 3" in note(db)
    assert f"{END_ZONES}: 1" in note(db)
    assert "fixed offset" not in note(db)


def _event(start: str, end: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n"
                                            f"{start}\r\n{end}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    return calendar.walk("VEVENT")[0]


def test_an_end_in_a_zone_nobody_knows_is_read_in_the_start_s():
    event = _event("DTSTART;TZID=Europe/Warsaw:20250612T140000", 'DTEND;TZID="Nowhere Known":20250612T150000')
    assert display_zones(event) == {END_ZONES}
    assert event["DTEND"].dt == datetime(2025, 6, 12, 15, tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))
    assert problem(event) is None


def test_an_end_before_the_start_in_its_zone_is_left_out():
    """recurring-ical-events would start such a meeting at its end: the start is kept, the end dropped."""
    event = _event("DTSTART;TZID=Europe/Warsaw:20250612T140000", 'DTEND;TZID="Nowhere Known":20250612T130000')
    assert display_zones(event) == {END_ZONES}
    assert "DTEND" not in event
    assert problem(event) is None


@pytest.mark.parametrize("start", ["DTSTART:20250612T140000", "DTSTART;VALUE=DATE:20250612"])
def test_an_unknown_end_beside_a_floating_start_or_a_date_refuses_nothing(start):
    event = _event(start, 'DTEND;TZID="Nowhere Known":20250612T150000')
    assert display_zones(event) == set()
    assert problem(event) is None


def test_a_start_in_a_zone_nobody_knows_is_still_refused():
    event = _event('DTSTART;TZID="Nowhere Known":20250612T140000', "DTEND;TZID=Europe/Warsaw:20250612T150000")
    assert display_zones(event) == set()
    assert problem(event) == "DTSTART: unknown time zone"


@pytest.mark.parametrize("tzid, zone", [
    ("Sarajevo, Skopje, Sofija, Vilnius, Warsaw, Zagreb", "Europe/Warsaw"),  # Exchange 2003
    ("Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"),  # Windows' display name, no offset
    ("Sarajevo/Warsaw/Zagreb", "Europe/Warsaw"),  # Exchange's CDO (Outlook 2003)
    ("W. Europe", "Europe/Berlin"),  # Lotus Notes
    ("Eastern", "America/New_York"),
    ("Mexico Standard Time 2", "America/Mazatlan"),  # Lotus: Windows XP's "Chihuahua, La Paz, Mazatlan"
    ("Eniwetok, Kwajalein, Dateline Time", "Etc/GMT+12"),  # UTC-12, not Kwajalein's +12 of today
    ("Customized Time Zone 1", None),
    ("Nowhere Known", None),
])
def test_which_names_of_places_are_known(tzid, zone):
    found = named_zone(tzid)
    assert (str(found) if found else None) == zone


@pytest.mark.parametrize("tzid, zone", [
    ("(GMT+01.00) Sarajevo/Warsaw/Zagreb", "Europe/Warsaw"),
    ("(GMT+1.00) Sarajevo/Warsaw/Zagreb", "Europe/Warsaw"),  # Kolab's test of the same name
    ("(GMT-08:00) Pacific Time (US & Canada); Tijuana", "America/Los_Angeles"),
    ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"),
])
def test_display_names_of_older_writers_are_their_zone(tzid, zone):
    found, fixed = display_zone(tzid)
    assert (str(found), fixed) == (zone, False)


def test_every_name_of_the_table_is_a_zone_and_none_repeats_windows_own():
    with NAMES_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert len(rows) > 100
    for row in rows:
        zoneinfo.ZoneInfo(WINDOWS_TO_OLSON.get(row["zone"], row["zone"]))
        assert row["seen_in"]
        assert " ".join(row["name"].split()).casefold() not in DISPLAY_NAMES


# --- single meetings after the calendar's last change, before its file was written ---------------------------------

KORGANIZER = fixture("calendar", "korganizer-3.5-later", "std.ics")
WRITTEN_NOTE = "single meetings after the calendar's latest change but before the file was written, counted as held"


def _written(source, target, when: str):
    shutil.copy(source, target)
    seconds = datetime.fromisoformat(when).replace(tzinfo=timezone.utc).timestamp()
    os.utime(target, (seconds, seconds))
    return target


def test_a_single_meeting_before_the_file_was_written_is_held(unsocial, tmp_path):
    """KOrganizer writes an event's last change in DTSTAMP: its 18:30 meeting, stamped 10:06 that day, was never met
    though the file was saved the day after. Its guests who accepted or answered "tentative" are met."""
    folder = tmp_path / "calendar"
    folder.mkdir()
    db = ingest(unsocial, tmp_path, _written(KORGANIZER, folder / "std.ics", "2007-01-10 08:00"))
    assert met(db) == [("fredrik.aalto@example.fi", "2007-01-05 11:30:00"),
                       ("fredrik.aalto@example.fi", "2007-01-09 18:30:00"),
                       ("ngozi.okafor@example.org", "2007-01-09 18:30:00")]
    assert f"{WRITTEN_NOTE}: 1" in note(db)


def test_a_meeting_after_the_file_was_written_is_still_not_held(unsocial, tmp_path):
    folder = tmp_path / "calendar"
    folder.mkdir()
    db = ingest(unsocial, tmp_path, _written(KORGANIZER, folder / "std.ics", "2007-01-09 12:00"))
    assert met(db) == [("fredrik.aalto@example.fi", "2007-01-05 11:30:00")]
    assert WRITTEN_NOTE not in note(db)


def test_the_time_of_a_zip_entry_tells_when_the_file_was_written(unsocial, tmp_path):
    archive = tmp_path / "calendar.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr(zipfile.ZipInfo("std.ics", date_time=(2007, 1, 12, 9, 0, 0)), KORGANIZER.read_bytes())
    db = ingest(unsocial, tmp_path, archive)
    assert ("ngozi.okafor@example.org", "2007-01-09 18:30:00") in met(db)


def test_a_series_is_not_carried_past_the_last_change(tmp_path):
    """Whether a weekly meeting went on after the calendar's last change no file tells: only single meetings are."""
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    text = KORGANIZER.read_text(encoding="utf-8").replace("DTSTART:20070109T183000Z",
                                                         "RRULE:FREQ=WEEKLY;COUNT=10\r\nDTSTART:20070109T183000Z")
    (calendar / "std.ics").write_text(text, encoding="utf-8", newline="")
    seconds = datetime(2007, 6, 1, tzinfo=timezone.utc).timestamp()
    os.utime(calendar / "std.ics", (seconds, seconds))
    records = parse(Export(calendar))
    held = sorted(str(r.occurred_at) for r in records if isinstance(r, Interaction) and r.account_ref.startswith("n"))
    assert held == []  # its first instance comes after the last change (10:06), the rest later still
