"""Calendars of public test corpora (hunt 25).

The Events Calendar (WordPress) wrote one VTIMEZONE with two TZID lines: icalendar raised AttributeError, and the
whole ingest stopped with a traceback, every calendar given with it lost; so did a file with two X-OWNER lines, and
one whose event held a stray END:VALARM. A one-event calendar without ORGANIZER made the guest who declined its owner
by an alphabetical tie-break, and kept nobody."""

from __future__ import annotations

import icalendar
import pytest

from conftest import fixture, query, zip_folder
from ingest.sources.calendar.owner import find_owner

SHAPES = fixture("calendar", "odd-shapes-2024")
ECP = "maple-grove-elementary-school-events.ics"


def ingest(unsocial, tmp_path, export):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    return db


def notes(db) -> dict[str, tuple[str, str]]:
    return {member: (handling, note) for member, handling, note in query(db, "select member, handling, note "
                                                                          "from raw_members")}


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_zone_with_two_tzids_is_left_out_and_the_calendars_beside_it_load(unsocial, tmp_path, form):
    """Before: exit 1, a traceback (``'list' object has no attribute 'strip'``), nothing loaded. Now the zone is left
    out (both its names are the tz database's: its events are read), and the guests of the calendar beside it load."""
    folder = SHAPES / "ecp-feed"
    db = ingest(unsocial, tmp_path, folder if form == "folder" else zip_folder(folder, tmp_path / "calendars.zip"))
    assert query(db, "select account_ref, is_owner from raw_accounts order by 1") == [
        ("ivo.brandt@mail.example", False), ("nora.vance@mail.example", True), ("selma.okafor@mail.example", False)]
    assert query(db, "select account_ref, occurred_at::varchar from raw_interactions order by 2") == [
        ("ivo.brandt@mail.example", "2024-02-05 17:00:00"), ("selma.okafor@mail.example", "2024-02-12 16:00:00")]
    assert query(db, "select count(*) from raw_quarantine") == [(0,)]
    handling, note = notes(db)[ECP]
    assert handling == "no_people"
    assert "not interactions: nobody but the owner 2" in note  # both events read, the one in Los Angeles time too
    assert "time zones (VTIMEZONE) icalendar cannot read, left out: the events in them are quarantined: 1" in note


def test_damaged_components_cost_no_traceback(unsocial, tmp_path):
    """Two X-OWNER lines (before: AttributeError); a zone's STANDARD without its END and a stray END:VALARM in the
    event, which together made icalendar end the event early and give it without its line marker (before:
    KeyError). The first X-OWNER is the owner, the unended part and the stray line are left out, the meeting loads."""
    db = ingest(unsocial, tmp_path, SHAPES / "damaged")
    assert query(db, "select account_ref, occurred_at::varchar from raw_interactions") == [
        ("ivo.brandt@mail.example", "2024-02-19 09:00:00")]
    handling, note = notes(db)["Calendar.ics"]
    assert (handling, query(db, "select count(*) from raw_quarantine")) == ("parsed", [(0,)])
    assert note.startswith("owner: the calendar's owner (X-OWNER)")
    assert "components without their END (VTODO, VJOURNAL, …), left out: 1" in note
    assert "lines outside any component (an END without its BEGIN, a property after END:VCALENDAR), left out: 1" \
        in note


def test_a_calendar_where_no_address_stands_out_has_no_owner_and_keeps_its_guests(unsocial, tmp_path):
    """One event, no ORGANIZER, six guests: before, the one who declined (``abel@``) was the owner by an alphabetical
    tie-break, and nobody was kept ("no people"). Now the owner is not known, no meeting is counted, and every guest
    is kept as an account, as for an invitation saved by someone not known."""
    db = ingest(unsocial, tmp_path, SHAPES / "one-event")
    assert query(db, "select account_ref, is_owner from raw_accounts order by 1") == [
        ("abel@mail.example", False), ("edda.krone@mail.example", False), ("mira.holt@mail.example", False),
        ("quint@mail.example", False), ("tilde@mail.example", False), ("tomas.lind@mail.example", False)]
    assert query(db, "select count(*) from raw_interactions") == [(0,)]
    handling, note = notes(db)["event.ics"]
    assert handling == "parsed"
    assert note.startswith("owner: not known (no address stands out: 6 are each in 1 of 1 events, none organising "
                           "more)")
    assert ("events of a calendar whose owner is not known (no address stands out; who took part cannot be told): "
            "guests kept as accounts, no meeting: 1") in note
    assert query(db, "select records_read, records_loaded, records_quarantined from ingested_exports") == [(1, 1, 0)]


def _event(*people: str) -> icalendar.Event:
    lines = "".join(f"{person}\r\n" for person in people)
    return icalendar.Event.from_ical(f"BEGIN:VEVENT\r\nUID:u\r\nDTSTART:20240101T100000Z\r\n{lines}END:VEVENT\r\n")


@pytest.mark.parametrize("events, owner", [
    ([_event("ATTENDEE:mailto:abel@x.example", "ATTENDEE:mailto:zora@x.example")], None),
    ([_event("ORGANIZER:mailto:zora@x.example", "ATTENDEE:mailto:abel@x.example")], "zora@x.example"),  # organises
    ([_event("ATTENDEE:mailto:zora@x.example", "ATTENDEE:mailto:abel@x.example"),
      _event("ATTENDEE:mailto:zora@x.example")], "zora@x.example"),  # in more events
])
def test_the_owner_is_an_address_that_stands_out(events, owner):
    assert find_owner([("", events)]).email == owner


def test_an_address_folded_with_two_spaces_is_the_address_without_them(unsocial, tmp_path):
    """khal's real file folds a guest's address after its "@" with two spaces: the second stayed in the address
    ("hcabot@ example.com"), one account no other export's address could ever match."""
    calendar = tmp_path / "calendar.ics"
    calendar.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a1\r\n"
                         b"DTSTAMP:20240101T000000Z\r\nDTSTART:20240105T100000Z\r\nDTEND:20240105T110000Z\r\n"
                         b"SUMMARY:Kaffee\r\nORGANIZER;CN=Marta:mailto:marta@mail.example\r\n"
                         b"ATTENDEE;CN=Ivo Brandt;PARTSTAT=ACCEPTED:mailto:ivo.brandt@\r\n  mail.example\r\n"
                         b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    db = ingest(unsocial, tmp_path, calendar)
    assert query(db, "select account_ref from raw_accounts where not is_owner") == [("ivo.brandt@mail.example",)]
