"""A calendar file icalendar refuses whole, or leaves events out of, is mended: a bad value costs at most its component.

libical/libical ``test-data/large.ics`` (RFC 2445's examples, 1,788 VCALENDARs) lost all 1,458 events to one VTODO's
``DTSTAMP:19970901T1300Z`` (a time without seconds): one record refused, "VCALENDAR: the file cannot be parsed".
Its ``crash.ics`` holds a VJOURNAL without END: icalendar gave nothing and said nothing ("read whole, nobody in it").
"""

from __future__ import annotations

import shutil

import pytest

from conftest import export_counts as counts, fixture, query
from test_calendar_vcard_sweep17 import ingest
from ingest.sources.calendar.dialects import as_icalendar_line
from ingest.sources.calendar.salvage import LINES, OUTSIDE, SECONDS, UNENDED, VALUES, ZONES, mend_lines

RFC_EXAMPLES = fixture("calendar", "libical-rfc-examples-1997")
MET = [("large.ics", 4, "jonas.berg@host.example", "1997-09-03 16:30:00"),
       ("large.ics", 38, "ines.koch@host.example", "1997-09-05 14:00:00"),
       ("large.ics", 38, "jonas.berg@host.example", "1997-09-05 14:00:00"),
       ("crash.ics", 9, "olaf.lind@host.example", "1997-09-08 10:00:00")]


def notes(db) -> dict[str, str]:
    return dict(query(db, "select member, note from raw_members"))


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_task_s_time_without_seconds_no_longer_costs_the_file(unsocial, tmp_path, form):
    """Before: large.ics one record refused ("VCALENDAR: the file cannot be parsed"), crash.ics nobody in it. Every
    meeting of both VCALENDARs is read; only the event with a broken DTEND is quarantined, at its line."""
    export = RFC_EXAMPLES
    if form == "zip":
        export = shutil.make_archive(str(tmp_path / "rfc"), "zip", RFC_EXAMPLES)
    db = ingest(unsocial, tmp_path, export)
    assert query(db, "select member, line, account_ref, occurred_at::varchar from raw_interactions "
                     "order by 4, 3") == MET
    assert query(db, "select member, line, reason from raw_quarantine") == [
        ("large.ics", 13, "DTEND: not a valid value")]
    assert counts(db) == [("calendar", 4, 3, 1)]


def test_what_was_mended_is_in_the_file_s_note(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, RFC_EXAMPLES)
    large, crash = notes(db)["large.ics"], notes(db)["crash.ics"]
    assert f"{SECONDS}: 1" in large  # the VTODO's; the VEVENT's is icalendar's to leave aside, as ever
    assert f"{VALUES}: 1" in large  # the VALARM's TRIGGER:-PT1H-X
    assert f"{UNENDED}: 1" in crash


HEAD = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y"]
EVENT = ["BEGIN:VEVENT", "UID:e1", "DTSTAMP:19970901T1300Z", "DTSTART:19970903T163000Z", "DTEND:1997090",
         "END:VEVENT"]
ZONE = ["BEGIN:VTIMEZONE", "TZID:US-Eastern", "BEGIN:DAYLIGHT", "DTSTAR:19990404T020000", "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0400", "END:DAYLIGHT", "END:VTIMEZONE"]


@pytest.mark.parametrize("body, mended, counted", [
    (["BEGIN:VTODO", "DTSTAMP:19970901T1300Z", "END:VTODO"],
     ["BEGIN:VTODO", "DTSTAMP:19970901T130000Z", "END:VTODO"], {SECONDS: 1}),
    (["BEGIN:VTODO", "LAST-MODIFIED:1997", "DUE:19970415T235959Z", "END:VTODO"],
     ["BEGIN:VTODO", "", "DUE:19970415T235959Z", "END:VTODO"], {VALUES: 1}),
    (["BEGIN:VTODO", "DUE;TZID=\"a:1", "END:VTODO"], ["BEGIN:VTODO", "", "END:VTODO"], {LINES: 1}),
    (EVENT, EVENT, {}),  # icalendar reads an event's bad values as broken: ``expansion.problem`` judges them
    (ZONE, [""] * len(ZONE), {ZONES: 1}),  # libical's 1.ics: dateutil cannot build it
    (["END:VTODO"], [""], {OUTSIDE: 1}),
    (["BEGIN:VJOURNAL", "UID:j1", *EVENT], ["", "", *EVENT], {UNENDED: 1}),
])
def test_how_lines_are_mended(body, mended, counted):
    """Every line keeps its index, so that quarantined events keep their line."""
    lines = [*HEAD, *body, "END:VCALENDAR", ""]
    result, counts_ = mend_lines(lines, as_icalendar_line)
    assert result == [*HEAD, *mended, "END:VCALENDAR", ""]
    assert dict(counts_) == counted


def test_a_folded_line_is_judged_whole():
    """A value folded across lines (RFC 5545 §3.1) is read as icalendar reads it, once unfolded."""
    lines = [*HEAD, "BEGIN:VTODO", "DUE:1997", " 0415T235959Z", "DTSTAMP:19970901", " T1300Z", "END:VTODO",
             "END:VCALENDAR"]
    result, counts_ = mend_lines(lines, as_icalendar_line)
    assert result[4:6] == ["DUE:1997", " 0415T235959Z"]
    assert result[6:8] == ["", ""] and dict(counts_) == {VALUES: 1}  # a folded time is not given seconds
