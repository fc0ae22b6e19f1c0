"""Calendars (.ics): Google Takeout, Outlook and Apple exports, as folder, as zip and as a single file."""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from datetime import datetime

import duckdb
import icalendar
import pytest

from conftest import fixture, zip_folder
from ingest.columns import Columns
from ingest.errors import UnknownLayoutError
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import calendar, detect_source
from ingest.sources.archive import Export
from ingest.sources.calendar.modes import mode_of
from ingest.sources.calendar.reading import Block, excerpt

GOOGLE = "Takeout/Calendar/marta@example.se.ics"
ONE_ON_ONE = "0q7v3kd1m5s9e2b8c4n6p1r3t5@google.com;RECURRENCE-ID="


def parse(export: Export) -> list:
    """Every record, with column batches expanded into model instances."""
    return [record for item in calendar.parse(export)
            for record in (item.records() if isinstance(item, Columns) else [item])]


def of_type(records, model) -> list:
    return [r for r in records if isinstance(r, model)]


def meetings(records, member: str | None = None) -> list[tuple]:
    return [(i.line, i.account_ref, i.occurred_at, i.mode, i.is_group) for i in of_type(records, Interaction)
            if member is None or i.member == member]


def notes(records) -> dict[str, tuple]:
    return {n.member: (n.handling, n.records_read, n.note) for n in of_type(records, MemberNote)}


def export_of(vintage: str, form: str, tmp_path) -> Export:
    folder = fixture("calendar", vintage)
    return Export(folder) if form == "folder" else Export(zip_folder(folder, tmp_path / f"{vintage}.zip"))


@pytest.fixture(params=["folder", "zip"])
def google(request, tmp_path) -> Export:
    return export_of("google-2026", request.param, tmp_path)


@pytest.fixture(params=["folder", "zip"])
def outlook(request, tmp_path) -> Export:
    return export_of("outlook-2025", request.param, tmp_path)


@pytest.fixture(params=["folder", "zip"])
def apple(request, tmp_path) -> Export:
    return export_of("apple-2024", request.param, tmp_path)


def write_ics(path, *events: str, header: str = "") -> Export:
    """A minimal calendar of the given VEVENT bodies, CRLF as the RFC asks."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *header.split("\n")]
    for event in events:
        lines += ["BEGIN:VEVENT", *event.strip().split("\n"), "END:VEVENT"]
    path.write_text("\r\n".join([line for line in lines if line] + ["END:VCALENDAR", ""]), encoding="utf-8")
    return Export(path)


# --- Google Takeout 2026 ----------------------------------------------------------------------------

def test_google_weekly_one_on_one_is_expanded_up_to_the_export(google):
    one_on_one = [(i.line, i.occurred_at, i.thread_ref.removeprefix(ONE_ON_ONE))
                  for i in of_type(parse(google), Interaction) if i.thread_ref.startswith(ONE_ON_ONE)]
    # Mondays 10:00 Berlin from 7 Sep: the 21st excluded (EXDATE), the 12 Oct moved to Wednesday the
    # 14th 15:00 (its own VEVENT, line 48), 2 Nov cancelled; 10:00 is 08:00 UTC until the clocks go
    # back on 25 Oct, 09:00 after; 23 Nov is after the export (DTSTAMP 20 Nov) and not expanded.
    assert one_on_one == [
        (26, datetime(2026, 9, 7, 8), "20260907T080000Z"),
        (26, datetime(2026, 9, 14, 8), "20260914T080000Z"),
        (26, datetime(2026, 9, 28, 8), "20260928T080000Z"),
        (26, datetime(2026, 10, 5, 8), "20261005T080000Z"),
        (48, datetime(2026, 10, 14, 13), "20261012T080000Z"),
        (26, datetime(2026, 10, 19, 8), "20261019T080000Z"),
        (26, datetime(2026, 10, 26, 9), "20261026T090000Z"),
        (26, datetime(2026, 11, 9, 9), "20261109T090000Z"),
        (26, datetime(2026, 11, 16, 9), "20261116T090000Z"),
    ]


def test_google_single_events_with_zone_mode_and_group(google):
    assert meetings(parse(google), GOOGLE)[9:] == [
        # Meet call (X-GOOGLE-CONFERENCE) in UTC; Lukas Berger declined and is left out
        (82, "aylin.demir@example.com", datetime(2026, 10, 15, 13), "video", True),
        (82, "pieter@example.nl", datetime(2026, 10, 15, 13), "video", True),
        (110, "anna.mueller@example.org", datetime(2026, 6, 12, 10, 30), "meal", False),  # "Lunch mit Anna"
        # all-day (VALUE=DATE), marked free as Google marks all-day events, but with a guest: 00:00 UTC
        (167, "l.berger@hafenbau.example", datetime(2026, 7, 3), "in_person", False),
        # floating 19:00 read in the calendar's X-WR-TIMEZONE (Europe/Berlin, summer time)
        (200, "pieter@example.nl", datetime(2026, 8, 15, 17), "meal", False),
        (254, "tomasz.nowak@example.pl", datetime(2026, 3, 4, 16), "call", False),  # LOCATION:tel:…
    ]


def test_google_what_is_no_interaction_is_counted_in_the_note(google):
    assert notes(parse(google)) == {
        GOOGLE: ("parsed", 8, "owner: the calendar's name (X-WR-CALNAME); expanded up to 2026-11-20 09:15 UTC "
                              "(the latest DTSTAMP); not interactions: cancelled 2, declined by the owner 1, "
                              "nobody but the owner 1; not counterparts: declined by a guest 1; "
                              "events without an instance up to then: 1"),
        "Takeout/Calendar/Feiertage in Deutschland.ics": (
            "no_people", 0, "owner: the calendar's name (X-WR-CALNAME); expanded up to 2026-11-20 09:15 UTC "
                         "(the latest DTSTAMP); not interactions: free, without guests 2"),
        "Takeout/archive_browser.html": ("ignored", 0, "Takeout's index of the archive: no people"),
    }


def test_google_event_without_start_is_quarantined_without_its_summary(google):
    [entry] = of_type(parse(google), Quarantined)
    assert (entry.member, entry.line, entry.reason) == (GOOGLE, 238, "DTSTART: missing")
    assert entry.excerpt.startswith("BEGIN:VEVENT\nDTEND:20260415T110000Z\nDTSTAMP:20261120T091500Z\n")


def test_excerpts_show_when_and_who_never_what_or_where():
    block = Block(7, ["BEGIN:VEVENT", "SUMMARY:Lunch mit Anna", "LOCATION:Café Liebling\\, Lange Reihe 48\\, ",
                      " Hamburg", "DTSTART:2026061", "ATTENDEE;CN=Anna Mu", " eller:mailto:anna.mueller@example.org",
                      "END:VEVENT"])
    assert excerpt(block) == ("BEGIN:VEVENT\nSUMMARY:…\nLOCATION:…\nDTSTART:2026061\n"
                              "ATTENDEE;CN=Anna Mueller:mailto:anna.mueller@example.org\nEND:VEVENT")


def test_google_accounts_once_per_person_with_the_owner_apart(google):
    accounts = [(a.line, a.account_ref, a.display_name, a.is_owner) for a in of_type(parse(google), Account)]
    assert accounts == [
        (26, "marta@example.se", "Marta Lindqvist", True),
        (26, "jonas.weber@example.de", "Jonas Weber", False),
        (82, "aylin.demir@example.com", "Aylin Demir", False),
        (82, "pieter@example.nl", None, False),  # Google writes the address as CN when it knows no name
        (110, "anna.mueller@example.org", "Anna Mueller", False),  # written Anna.Mueller@…
        (167, "l.berger@hafenbau.example", "Lukas Berger", False),
        (254, "tomasz.nowak@example.pl", "Tomasz Nowak", False),
    ]


# --- Outlook 2025 --------------------------------------------------------------------------------------

def test_outlook_windows_zones_teams_and_the_organizer(outlook):
    assert meetings(parse(outlook)) == [
        # W. Europe Standard Time in March is UTC+1; a Teams meeting; the room is no counterpart
        (32, "jonas.weber@example.de", datetime(2025, 3, 11, 13), "video", True),
        (32, "tomasz.nowak@example.pl", datetime(2025, 3, 11, 13), "video", True),
        # every other Tuesday 10:00 in a "Customized Time Zone" the file defines (+03:00), up to 20 June
        *[(76, "aylin.demir@example.com", datetime(2025, month, day, 7), "in_person", False)
          for month, day in ((4, 8), (4, 22), (5, 6), (5, 20), (6, 3), (6, 17))],
        (98, "pieter@example.nl", datetime(2025, 4, 4, 7), "call", False),  # "Anruf …", summer time
        # the owner invited: the organizer is the counterpart
        (158, "anna.mueller@example.org", datetime(2025, 5, 27, 10), "meal", False),
    ]


def test_outlook_unknown_zone_and_unreadable_start_are_quarantined(outlook):
    records = parse(outlook)
    assert [(q.line, q.reason) for q in of_type(records, Quarantined)] == [
        (118, "DTSTART: unknown time zone"),  # "Customized Time Zone 1" without a VTIMEZONE
        (138, "DTSTART: not a valid value"),
    ]
    assert notes(records)["Kalender.ics"] == (
        "parsed", 6, "owner: the address in most events (6 of 7); expanded up to 2025-06-20 10:15 UTC (the "
                     "latest DTSTAMP); not interactions: nobody but the owner 1; "
                     "not counterparts: rooms and resources 1")


def test_outlook_folded_lines_and_owner_as_organizer(outlook):
    accounts = {a.account_ref: (a.display_name, a.is_owner) for a in of_type(parse(outlook), Account)}
    assert accounts == {
        "marta@example.se": ("Marta Lindqvist", True),
        "jonas.weber@example.de": ("Jonas Weber", False),  # address folded in the middle
        "tomasz.nowak@example.pl": ("Tomasz Nowak", False),
        "aylin.demir@example.com": ("Aylin Demir", False),
        "pieter@example.nl": ("Pieter de Vries", False),
        "anna.mueller@example.org": ("Dr. Anna Müller", False),
    }


def test_a_single_ics_file_is_an_export(outlook):
    single = Export(fixture("calendar", "outlook-2025", "Kalender.ics"))
    assert single.kind == "file" and calendar.detect(single)
    assert parse(single) == parse(Export(fixture("calendar", "outlook-2025")))


# --- Apple Calendar 2024 -------------------------------------------------------------------------------

def test_apple_monthly_series_with_rdate_and_exdate(apple):
    records = parse(apple)
    monthly = [(i.occurred_at, i.account_ref) for i in of_type(records, Interaction) if i.line == 26]
    # the 15th at 10:00 Berlin, plus 29 Feb (RDATE), without 15 March (EXDATE), up to the export (30 June)
    assert monthly == [(datetime(2024, month, day, hour), ref)
                       for month, day, hour in ((1, 15, 9), (2, 15, 9), (2, 29, 9), (4, 15, 8), (5, 15, 8), (6, 15, 8))
                       for ref in ("tomasz.nowak@example.pl", "lukas.berger@example.de")]


def test_apple_calendars_one_file_each(apple):
    records = parse(apple)
    assert meetings(records, "Arbeit.ics")[-1] == (51, "chloe.dubois@example.fr", datetime(2024, 5, 7, 16),
                                                    "video", False)  # FaceTime link; urn:uuid with EMAIL=
    assert meetings(records, "Privat.ics") == [
        (8, "zoe.martin@example.fr", datetime(2024, 4, 12, 17, 30), "meal", False),  # Aylin declined
        (28, "jonas.weber@example.de", datetime(2024, 6, 3, 15), "meal", False),  # floating, no X-WR-TIMEZONE: UTC
    ]
    owner = "owner: the address in most events (5 of 8); expanded up to 2024-06-30 17:45 UTC (the latest DTSTAMP)"
    assert notes(records) == {
        "Arbeit.ics": ("parsed", 3, owner),
        "Geburtstage.ics": ("no_people", 0, f"{owner}; not interactions: free, without guests 70"),  # 37 + 33 years
        "Privat.ics": ("parsed", 2, f"{owner}; not interactions: nobody but the owner 1; "
                                    "not counterparts: declined by a guest 1"),
    }


def test_apple_rule_that_cannot_be_read_is_quarantined(apple):
    assert [(q.member, q.line, q.reason) for q in of_type(parse(apple), Quarantined)] == [
        ("Arbeit.ics", 72, "RRULE: not a valid value")]  # FREQ=FORTNIGHTLY


# --- rules every export keeps -------------------------------------------------------------------------

@pytest.mark.parametrize("vintage", ["google-2026", "outlook-2025", "apple-2024"])
@pytest.mark.parametrize("form", ["folder", "zip"])
def test_every_event_read_is_loaded_or_quarantined_exactly_once(vintage, form, tmp_path):
    records = parse(export_of(vintage, form, tmp_path))
    loaded, quarantined = defaultdict(set), defaultdict(list)
    for record in records:
        if isinstance(record, (Account, Interaction)):
            loaded[record.member].add(record.line)
        elif isinstance(record, Quarantined):
            quarantined[record.member].append(record.line)
    for note in of_type(records, MemberNote):
        lines = quarantined[note.member]
        assert not loaded[note.member] & set(lines) and len(lines) == len(set(lines))
        assert note.records_read == len(loaded[note.member]) + len(lines)
    refs = {a.account_ref for a in of_type(records, Account)}
    owners = {a.account_ref for a in of_type(records, Account) if a.is_owner}
    assert owners == {"marta@example.se"}
    assert {i.account_ref for i in of_type(records, Interaction)} <= refs - owners
    assert all(i.kind == "meeting" and i.direction == "mutual" and i.is_offline for i in of_type(records, Interaction))


@pytest.mark.parametrize("vintage", ["google-2026", "outlook-2025", "apple-2024"])
def test_nothing_of_what_or_where_is_stored(vintage):
    text = repr(parse(Export(fixture("calendar", vintage))))
    for word in ("Lunch", "Zahnarzt", "Café", "Teams Besprechung", "Abendessen", "Konferenzraum", "Geburtstag von"):
        assert word not in text


def test_parsing_is_deterministic(apple):
    assert parse(apple) == parse(apple)


def test_detected_by_content_not_by_name(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(b"\xef\xbb\xbf" + fixture("calendar", "outlook-2025", "Kalender.ics").read_bytes())
    assert calendar.detect(Export(path))
    assert len(of_type(parse(Export(path)), Interaction)) == 10
    assert not calendar.detect(Export(fixture("journal", "comma")))
    assert not calendar.detect(Export(fixture("xing", "vcards-2014")))


@pytest.mark.parametrize("vintage", ["google-2026", "outlook-2025", "apple-2024"])
def test_no_other_source_claims_a_calendar(vintage):
    assert detect_source(Export(fixture("calendar", vintage))) in (None, calendar)


def test_an_export_without_any_calendar_is_an_unknown_layout(tmp_path):
    (tmp_path / "Takeout").mkdir()
    (tmp_path / "Takeout" / "archive_browser.html").write_text("<html></html>")
    with pytest.raises(UnknownLayoutError, match="no iCalendar file among its 1 files"):
        parse(Export(tmp_path / "Takeout"))


# --- edge cases -------------------------------------------------------------------------------------

EVENT = """UID:{uid}
DTSTART:{start}
DTSTAMP:20250301T120000Z
ORGANIZER;CN=Marta Lindqvist:mailto:marta@example.se
ATTENDEE;PARTSTAT=ACCEPTED;CN=Marta Lindqvist:mailto:marta@example.se
ATTENDEE;PARTSTAT=ACCEPTED;CN={guest}
{extra}"""


def event(uid: str, start: str = "20250110T100000Z", extra: str = "",
          guest: str = "Jonas Weber:mailto:jonas.weber@example.de") -> str:
    return EVENT.format(uid=uid, start=start, extra=extra, guest=guest)


def test_an_unbounded_rule_is_capped(tmp_path):
    export = write_ics(tmp_path / "cap.ics", event("minutely", extra="RRULE:FREQ=MINUTELY"))
    records = parse(export)
    starts = [i.occurred_at for i in of_type(records, Interaction)]
    assert (len(starts), starts[0], starts[-1]) == (5000, datetime(2025, 1, 10, 10), datetime(2025, 1, 13, 21, 19))
    assert notes(records)["cap.ics"][2].endswith("events capped at 5000 instances: 1")


def test_an_event_cut_off_costs_only_itself(tmp_path):
    path = tmp_path / "truncated.ics"
    write_ics(path, event("first"))
    # a download cut off in the middle of the second event: no END:VEVENT, no END:VCALENDAR
    path.write_bytes(path.read_bytes().replace(b"END:VCALENDAR\r\n", b"BEGIN:VEVENT\r\nUID:second\r\nDTSTART:2025"))
    records = parse(Export(path))
    assert [(q.line, q.reason) for q in of_type(records, Quarantined)] == [(12, "END:VEVENT: missing (event cut off)")]
    assert meetings(records) == [(4, "jonas.weber@example.de", datetime(2025, 1, 10, 10), "in_person", False)]


def test_what_no_calendar_writes_is_skipped_unread_and_costs_only_itself(tmp_path, monkeypatch):
    monkeypatch.setenv("UNSOCIAL_MAX_ICS_LINE_CHARS", "200")
    monkeypatch.setenv("UNSOCIAL_MAX_ICS_EVENT_CHARS", "2000")
    many_lines = "\n".join(["COMMENT:" + "y" * 60] * 40)  # 2,720 characters in short lines
    export = write_ics(tmp_path / "limits.ics", event("first"), event("line", extra="DESCRIPTION:" + "x" * 500),
                       event("event", extra=many_lines), event("last"), header="X-WR-CALDESC:" + "z" * 300)
    records = parse(export)
    quarantined = of_type(records, Quarantined)
    assert [(q.line, q.reason) for q in quarantined] == [
        (4, "a line longer than 200 characters outside any event, left out (limit UNSOCIAL_MAX_ICS_LINE_CHARS)"),
        (13, "a line longer than 200 characters in the event (limit UNSOCIAL_MAX_ICS_LINE_CHARS)"),
        (22, "VEVENT: longer than 2000 characters (limit UNSOCIAL_MAX_ICS_EVENT_CHARS)")]
    assert quarantined[1].excerpt.startswith("BEGIN:VEVENT\nUID:line\n") and "DESCRIPTION:…" in quarantined[1].excerpt
    assert not [q for q in quarantined if "xxx" in q.excerpt or "yyy" in q.excerpt or "zzz" in q.excerpt]
    assert [m[:2] for m in meetings(records)] == [(5, "jonas.weber@example.de"), (70, "jonas.weber@example.de")]
    assert notes(records)["limits.ics"][:2] == ("parsed", 5)


def test_a_limit_that_is_no_number_is_a_named_error(tmp_path, monkeypatch):
    from ingest.errors import UnsocialError

    monkeypatch.setenv("UNSOCIAL_MAX_ICS_EVENT_CHARS", "lots")
    with pytest.raises(UnsocialError, match="UNSOCIAL_MAX_ICS_EVENT_CHARS: must be a positive whole number"):
        parse(write_ics(tmp_path / "cal.ics", event("first")))


def test_an_end_without_begin_and_an_event_without_end_cost_only_themselves(tmp_path):
    path = tmp_path / "ends.ics"
    events = ["BEGIN:VEVENT", *event("first").strip().split("\n"), "END:VEVENT", "END:VEVENT",
              "BEGIN:VEVENT", *event("no end").strip().split("\n"),
              "BEGIN:VEVENT", *event("after", "20250111T100000Z").strip().split("\n"), "END:VEVENT"]
    path.write_text("\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *events, "END:VCALENDAR"]))
    records = parse(Export(path))
    assert [(q.line, q.reason) for q in of_type(records, Quarantined)] == [
        (12, "END:VEVENT: without its BEGIN:VEVENT, left out"), (13, "END:VEVENT: missing (event cut off)")]
    assert [m[:3] for m in meetings(records)] == [(4, "jonas.weber@example.de", datetime(2025, 1, 10, 10)),
                                                  (20, "jonas.weber@example.de", datetime(2025, 1, 11, 10))]


def test_a_file_that_is_not_utf8_far_down_is_read_as_windows_1252(tmp_path):
    path = tmp_path / "old.ics"
    write_ics(path, *(event(f"e{i}") for i in range(200)), event("last", guest="Jürgen Groß:mailto:jg@example.de"))
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))  # the non-UTF-8 byte after 100 KB
    records = parse(Export(path))
    assert not of_type(records, Quarantined) and len(meetings(records)) == 201
    assert "Jürgen Groß" in {a.display_name for a in of_type(records, Account)}


def test_a_file_that_cannot_be_parsed_is_one_quarantined_record(tmp_path, monkeypatch):
    """A stray END line makes icalendar refuse the file: mended (calendar/salvage.py), it is read without that
    line; a file too large to mend in memory stays one quarantined record, its reason a line."""
    path = tmp_path / "broken.ics"
    path.write_text("BEGIN:VCALENDAR\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
    records = parse(Export(path))
    assert not of_type(records, Quarantined) and "lines outside any component" in notes(records)["broken.ics"][2]
    monkeypatch.setattr("ingest.sources.calendar.salvage.MAX_CHARS", 0)
    records = parse(Export(path))
    assert [(q.line, q.reason) for q in of_type(records, Quarantined)] == [(1, "VCALENDAR: the file cannot be parsed")]
    assert notes(records)["broken.ics"][:2] == ("parsed", 1)


def test_a_colleagues_calendar_counts_only_where_the_owner_is_invited(tmp_path):
    folder = tmp_path / "Takeout" / "Calendar"
    folder.mkdir(parents=True)
    write_ics(folder / "marta@example.se.ics", event("own"),
              event("own too", "20250113T100000Z", guest="Aylin:mailto:aylin@example.com"),
              header="X-WR-CALNAME:marta@example.se")
    shared = "ORGANIZER;CN=Jonas Weber:mailto:jonas.weber@example.de\nATTENDEE;CN=Aylin:mailto:aylin@example.com"
    write_ics(folder / "jonas.weber@example.de.ics",
              shared.replace("\n", "\nUID:without\nDTSTART:20250111T100000Z\nDTSTAMP:20250301T120000Z\n"),
              event("with-marta", "20250112T100000Z"), header="X-WR-CALNAME:jonas.weber@example.de")
    records = parse(Export(tmp_path / "Takeout"))
    assert [(i.member.rsplit("/", 1)[-1], i.thread_ref) for i in of_type(records, Interaction)] == [
        ("jonas.weber@example.de.ics", "with-marta"), ("marta@example.se.ics", "own"),
        ("marta@example.se.ics", "own too")]
    assert notes(records)["Calendar/jonas.weber@example.de.ics"][2] == (
        "owner: the calendar's name (X-WR-CALNAME) in most events, of 2 calendars named by an address; expanded up "
        "to 2025-03-01 12:00 UTC (the latest DTSTAMP); "
        "not interactions: another person's calendar, without the owner 1")


def test_owner_who_declined_and_people_who_are_no_people(tmp_path):
    export = write_ics(tmp_path / "c.ics",
                       event("declined").replace("PARTSTAT=ACCEPTED;CN=Marta", "PARTSTAT=DECLINED;CN=Marta"),
                       event("room", extra="ATTENDEE;CN=Raum:mailto:c_1889abc@resource.calendar.google.com\n"
                                           "ATTENDEE;CN=Unbekannt;PARTSTAT=DELEGATED:mailto:x@example.com\n"
                                           "ATTENDEE:invalid:nomail"))
    records = parse(export)
    assert [(i.thread_ref, i.account_ref, i.is_group) for i in of_type(records, Interaction)] == [
        ("room", "jonas.weber@example.de", False)]
    assert notes(records)["c.ics"][2].endswith(
        "not interactions: declined by the owner 1; not counterparts: declined by a guest 1, rooms and resources 1")


def test_a_guest_or_owner_copied_for_information_only_was_not_met(tmp_path):
    """``ROLE=NON-PARTICIPANT`` (RFC 5545: copied for information only) is no meeting, even when accepted."""
    informed = "ATTENDEE;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Aylin Demir:mailto:aylin@example.com"
    export = write_ics(tmp_path / "c.ics", event("guest informed", extra=informed),
                       event("owner informed").replace("ATTENDEE;PARTSTAT=ACCEPTED;CN=Marta",
                                                       "ATTENDEE;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Marta"))
    records = parse(export)
    assert [(i.thread_ref, i.account_ref) for i in of_type(records, Interaction)] == [
        ("guest informed", "jonas.weber@example.de")]
    assert notes(records)["c.ics"][2].endswith("not interactions: copied to the owner for information only 1; "
                                                 "not counterparts: copied for information only 1")


@pytest.mark.parametrize("link", ["https://us06web.zoom.us/j/812", "https://www.zoomgov.com/j/161",
                                  "https://app.chime.aws/meetings/?pin=5531", "https://meet.goto.com/418"])
def test_a_meeting_with_a_video_link_is_a_video_meeting(tmp_path, link):
    export = write_ics(tmp_path / "c.ics", event("video", extra=f"LOCATION:{link}"))
    assert {i.mode for i in of_type(parse(export), Interaction)} == {"video"}


def test_tasks_and_journal_entries_naming_people_are_no_meetings_but_are_counted():
    """A jtx Board journal entry with two guests (TechbeeAT/jtxBoard's test asset's shape): no meeting, and the
    file's note says what it left out rather than that it names nobody."""
    records = parse(export_of("jtx-board-2021", "folder", None))
    assert of_type(records, Interaction) == []
    assert notes(records)["journals.ics"][:2] == ("no_people", 0)
    assert notes(records)["journals.ics"][2].endswith(
        "tasks and journal entries naming people (VTODO, VJOURNAL): no meetings, left out: 1")


def test_a_copied_uid_is_an_event_of_its_own(tmp_path):
    export = write_ics(tmp_path / "c.ics", event("copied"),
                       event("copied", "20250111T100000Z", guest="Aylin Demir:mailto:aylin@example.com"))
    assert [(i.line, i.account_ref, i.thread_ref) for i in of_type(parse(export), Interaction)] == [
        (4, "jonas.weber@example.de", "copied"), (12, "aylin@example.com", "copied")]


def test_the_owner_written_without_an_address_is_no_counterpart(tmp_path):
    nameless = ("UID:nameless\nDTSTART:20250112T100000Z\nDTSTAMP:20250301T120000Z\n"
                "ORGANIZER;CN=Tomasz Nowak:mailto:tomasz.nowak@example.pl\nATTENDEE;CN=Marta Lindqvist:invalid:nomail")
    records = parse(write_ics(tmp_path / "c.ics", event("one"), event("two"), nameless))
    assert [(i.thread_ref, i.account_ref) for i in of_type(records, Interaction)] == [
        ("one", "jonas.weber@example.de"), ("two", "jonas.weber@example.de"), ("nameless", "tomasz.nowak@example.pl")]


def test_floating_times_without_a_known_zone_are_utc(tmp_path):
    export = write_ics(tmp_path / "c.ics", event("floating", "20250110T100000"), header="X-WR-TIMEZONE:Mars/Olympus")
    records = parse(export)
    assert [i.occurred_at for i in of_type(records, Interaction)] == [datetime(2025, 1, 10, 10)]
    assert notes(records)["c.ics"][2].endswith("unknown X-WR-TIMEZONE: floating times read as UTC: 1")


@pytest.mark.parametrize("summary, location, extra, mode", [
    ("Weekly sync", "https://us02web.zoom.us/j/812345", "", "video"),
    ("Call with Jonas", "Microsoft Teams Meeting", "", "video"),
    ("Abstimmung", "", "CONFERENCE;VALUE=URI:https://meet.jit.si/unsocial", "video"),
    ("Kurzes Telefonat", "", "", "call"),
    ("Rückruf Pieter", "", "", "call"),
    ("Sync", "tel:+4940555123", "", "call"),
    ("Coffee with Aylin", "Elbgold", "", "meal"),
    ("Frühstück", "", "", "meal"),
    ("Projekt-Workshop", "Nordlicht GmbH, Hamburg", "", "in_person"),
    ("Callcenter visit", "", "", "in_person"),
])
def test_mode_from_links_and_words(summary, location, extra, mode):
    lines = ["BEGIN:VEVENT", f"SUMMARY:{summary}", f"LOCATION:{location}", extra, "END:VEVENT"]
    text = "".join(f"{line}\r\n" for line in lines if line)
    assert mode_of(icalendar.Event.from_ical(text)) == mode


# --- calendars as people download them: nobody in them, invitations, services, crowds --------------

HOLIDAYS = ("Birthdays.ics", "Holidays in Germany.ics", "Phases of the Moon.ics")
MASS = "marta@example.se.ics"


@pytest.fixture(params=["folder", "zip"])
def holidays(request, tmp_path) -> Export:
    return export_of("google-holidays", request.param, tmp_path)


@pytest.fixture(scope="module")
def mass() -> list:
    return parse(Export(fixture("calendar", "google-mass-invite")))


def test_calendars_without_guests_are_read_with_nobody_in_them(holidays):
    records = parse(holidays)
    stamp = "owner: the calendar's name (X-WR-CALNAME); expanded up to 2026-11-20 09:15 UTC (the latest DTSTAMP)"
    assert notes(records) == {
        # Google's contacts' birthdays: the one attendee, "Contacts" at <hash>@virtual, is nobody
        "Birthdays.ics": ("no_people", 0, f"{stamp}; not interactions: nobody but the owner 75; "
                                          "not counterparts: services and mailing lists 75"),
        "Holidays in Germany.ics": ("no_people", 0, f"{stamp}; not interactions: free, without guests 4; "
                                                    "events without an instance up to then: 1"),
        "Phases of the Moon.ics": ("no_people", 0, f"{stamp}; not interactions: nobody but the owner 3"),
        "marta@example.se.ics": ("parsed", 2, stamp),
    }
    assert {a.account_ref for a in of_type(records, Account)} == {
        "marta@example.se", "jonas.weber@example.de", "tomasz.nowak@example.pl"}


def test_an_exchange_2010_calendar_of_ones_own_events_is_complete_without_people():
    records = parse(Export(fixture("calendar", "exchange-2010", "Kalender.ics")))
    assert notes(records) == {"Kalender.ics": (
        "no_people", 0, "owner: the calendar's owner (X-OWNER); expanded up to 2012-06-15 07:15 UTC (the latest "
                        "DTSTAMP); not interactions: nobody but the owner 11, free, without guests 1")}
    assert not of_type(records, Quarantined)  # Windows zone names, an all-day OOF, a weekly series


def test_a_calendar_cut_off_before_any_event_is_not_taken_as_complete(tmp_path):
    empty = tmp_path / "empty.ics"  # shape of python-recurring-ical-events' test/calendars/no-events.ics
    empty.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SabreDAV//SabreDAV//EN\r\nX-WR-CALNAME:test\r\n"
                     "END:VCALENDAR\r\n")
    cut = tmp_path / "cut.ics"
    cut.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Kalender\r\n")
    assert notes(parse(Export(empty)))["empty.ics"][:2] == ("no_people", 0)
    assert notes(parse(Export(cut)))["cut.ics"] == (
        "parsed", 0, "owner: not found (no event names anyone); "
                     "the file ends before END:VCALENDAR (cut off): read up to there: 1")


def test_a_holiday_feed_with_an_empty_rule_is_read_whole(tmp_path):
    """Calendar Labs' holiday feeds (python-recurring-ical-events, test/calendars/Germany_Holidays.ics):
    a date without VALUE=DATE and an empty ``RRULE:`` line on every event."""
    export = write_ics(tmp_path / "holidays.ics", "SUMMARY:New Year's Day\nDTSTART:20190101\nDTEND:20190101\n"
                       "RRULE:\nUID:5e3a8f3124a1@calendarlabs.com\nDTSTAMP:20200205T094729Z\nTRANSP:TRANSPARENT",
                       header="X-WR-CALNAME:Germany Holidays\nX-WR-TIMEZONE:Etc/GMT")
    records = parse(export)
    assert not of_type(records, Quarantined)
    assert notes(records)["holidays.ics"] == ("no_people", 0, "owner: not found (no event names anyone); expanded "
                                              "up to 2020-02-05 09:47 UTC (the latest DTSTAMP); "
                                              "not interactions: free, without guests 1")


def test_an_invitation_the_owner_never_answered_is_no_meeting(mass):
    # 103 guests and the owner all NEEDS-ACTION (line 8); 6 of 18 bookings unanswered too
    assert not [i for i in of_type(mass, Interaction) if i.line == 8]
    assert "not interactions: not answered by the owner 7, nobody but the owner 14" in notes(mass)[MASS][2]


def test_the_owner_as_organizer_or_accepting_takes_part_whatever_else_is_unanswered(tmp_path):
    unanswered = event("mine", guest="Jonas Weber:mailto:jonas.weber@example.de").replace(
        "PARTSTAT=ACCEPTED;CN=Marta", "PARTSTAT=NEEDS-ACTION;CN=Marta")  # organizer: the owner
    invited = unanswered.replace("ORGANIZER;CN=Marta Lindqvist:mailto:marta@example.se",
                                 "ORGANIZER;CN=Aylin Demir:mailto:aylin@example.com").replace("UID:mine", "UID:theirs")
    tentative = invited.replace("NEEDS-ACTION", "TENTATIVE").replace("UID:theirs", "UID:maybe")
    records = parse(write_ics(tmp_path / "c.ics", unanswered, invited, tentative))
    assert [(i.thread_ref, i.account_ref) for i in of_type(records, Interaction)] == [
        ("mine", "jonas.weber@example.de"), ("maybe", "aylin@example.com"), ("maybe", "jonas.weber@example.de")]


def test_booking_services_meetup_gmail_and_lists_are_no_people(mass):
    refs = {a.account_ref for a in of_type(mass, Account)} | {i.account_ref for i in of_type(mass, Interaction)}
    assert not refs & {"bookings@kraftwerk-studio.example", "info@meetup.com", "unknownorganizer@calendar.google.com",
                       "hamburg-python@googlegroups.com"}
    assert "not counterparts: declined by a guest 3, services and mailing lists 15" in notes(mass)[MASS][2]


def test_an_event_with_many_guests_is_a_group_event(mass):
    modes = Counter((line, mode, group) for line, _, _, mode, group in meetings(mass))
    assert modes == {(641, "group", True): 40, (803, "in_person", True): 6}  # 43 guests, 3 declined; a Stammtisch
    assert notes(mass)[MASS][2].endswith("group events (more than 8 people besides the owner): 1")


@pytest.mark.parametrize("others, mode", [(1, "in_person"), (8, "in_person"), (9, "group"), (103, "group")])
def test_group_cut_off(others, mode):
    assert mode_of(icalendar.Event.from_ical("BEGIN:VEVENT\r\nSUMMARY:Workshop\r\nEND:VEVENT\r\n"), others) == mode


def test_guests_without_a_name_get_one_from_their_address_never_as_written(mass):
    named = {a.account_ref: (a.display_name, a.first_name, a.last_name) for a in of_type(mass, Account)}
    assert sum(1 for name, _, _ in named.values() if name is None) == 43  # the guests met without a CN
    assert [named[ref] for ref in ("ole_hansen@example.net", "tomasz.nowak@wisla-software.example",
                                   "lena92@example.org", "pieter@example.nl", "anna.albers@nordlicht.example")] == [
        (None, "Ole", "Hansen"), (None, "Tomasz", "Nowak"), (None, None, None), (None, None, None),
        ("Anna Albers", None, None)]


@pytest.mark.parametrize("email, name", [
    ("jonas.weber@example.de", ("Jonas", "Weber")),
    ("ole_hansen@example.net", ("Ole", "Hansen")),
    ("hans-juergen.mueller@example.de", ("Hans-Juergen", "Mueller")),
    ("anna.m.schmidt@example.org", ("Anna", "Schmidt")),  # a middle initial
    ("jonas.weber+newsletter@example.de", ("Jonas", "Weber")),
    ("zoë.müller@example.de", ("Zoë", "Müller")),
    ("a.schmidt@example.org", None),  # an initial is no first name
    ("lena92@example.org", None),
    ("jweber@example.de", None),
    ("max.mustermann.2@example.de", None),
])
def test_name_from_address(email, name):
    from ingest.sources.calendar.people import address_name

    assert address_name(email) == name


@pytest.mark.parametrize("email, why", [
    ("noreply@kraftwerk-studio.example", "services and mailing lists"),
    ("no-reply@booking.example", "services and mailing lists"),
    ("bookings@atlas.example", "services and mailing lists"),
    ("info@meetup.com", "services and mailing lists"),
    ("unknownorganizer@calendar.google.com", "services and mailing lists"),
    ("hamburg-python@googlegroups.com", "services and mailing lists"),
    ("team-announce@example.org", "services and mailing lists"),
    ("users@lists.example.org", "services and mailing lists"),
    ("4dhmurjkc5hn8sq0@virtual", "services and mailing lists"),
    ("c_1889abc@resource.calendar.google.com", "rooms and resources"),
    ("anna.list@example.de", None),  # List is a family name
    ("jonas.weber@example.de", None),
])
def test_addresses_that_are_no_person(email, why):
    from ingest.sources.calendar.people import not_a_person

    assert not_a_person(email) == why


# --- through the command line ----------------------------------------------------------------------

def query(db, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_run_reads_calendars_without_people_beside_a_real_one(unsocial, tmp_path):
    """Each calendar as its own .ics in the inbox (as Google's per-calendar export and Outlook's
    "Save Calendar" give them): the ones nobody is in are complete, not an error."""
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    for path in fixture("calendar", "google-holidays").iterdir():
        shutil.copy(path, inbox / path.name)
    shutil.copy(fixture("calendar", "exchange-2010", "Kalender.ics"), inbox / "Kalender.ics")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", "2026-11-27")
    assert result.code == 0 and "error" not in result.err, result.err
    assert "  - 1 file read with no people in it (Birthdays.ics): nothing to do" in result.out
    assert query(db, "select export_path, records_read, records_loaded, records_quarantined from ingested_exports "
                     "order by 1") == [
        ("Birthdays.ics", 0, 0, 0), ("Holidays in Germany.ics", 0, 0, 0), ("Kalender.ics", 0, 0, 0),
        ("Phases of the Moon.ics", 0, 0, 0), ("marta@example.se.ics", 2, 2, 0)]
    assert query(db, "select member, handling from raw_members where handling <> 'parsed' order by 1") == [
        (name, "no_people") for name in ("Birthdays.ics", "Holidays in Germany.ics", "Kalender.ics",
                                         "Phases of the Moon.ics")]


def test_run_meets_who_was_there_not_an_invitation_list(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(fixture("linkedin", "2024-complete"), inbox / "linkedin")
    shutil.copy(fixture("calendar", "google-mass-invite", MASS), inbox / MASS)
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", "2026-11-27")
    assert result.code == 0, result.err
    # no meeting on the day of the unanswered invitation, none with the studio; the offsite is a group event
    assert query(db, "select mode, count(*), min(occurred_at) from interactions where platform = 'calendar' "
                     "group by mode order by mode") == [
        ("group", 40, datetime(2026, 9, 18, 7)), ("in_person", 6, datetime(2026, 5, 21, 16, 30))]
    assert query(db, "select count(*) from int_weighted_interactions where mode = 'group' "
                     "and (is_personal_contact or weight <> 0.5)") == [(0,)]
    # tomasz.nowak@… without a CN names the one Tomasz Nowak on LinkedIn; two Lukas Bergers: neither
    assert query(db, "select match_confidence, match_reason from resolved_accounts where platform = 'calendar' "
                     "and account_ref = 'tomasz.nowak@wisla-software.example'") == [
        (0.7, "the name in the e-mail address (firstname.lastname@…), nobody else has it (with a linkedin account)")]
    assert query(db, "select display_name, has_offline_interaction, last_met_in_person_at from contacts "
                     "where display_name in ('Tomasz Nowak', 'Lukas Berger') order by 1, 2") == [
        ("Lukas Berger", False, None), ("Lukas Berger", False, None),
        ("Tomasz Nowak", True, datetime(2026, 5, 21, 16, 30))]
    # guests met without a CN on no platform are listed by the name in their address; lena92@ and pieter@ name nobody
    assert query(db, "select count(*) filter (where display_name is null), count(*) filter (where display_name = "
                     "'Ole Hansen') from unmatched_offline") == [(2, 1)]
