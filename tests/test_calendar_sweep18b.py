"""Calendars as real files showed them (sweep of issue #13, round 18, second part).

iCloud's zone history with an offset written as minutes and seconds (``TZOFFSETFROM:+5328``) cost the whole file;
Outlook Web App's zones named as Windows displays them (``(UTC-05:00) Eastern Time (US & Canada)``) quarantined
every event; Thunderbird's mark of the owner's own address (``X-MOZ-INVITED-ATTENDEE``) was not read, and a tie made
the organiser the owner; a folder of saved invitations never found its owner; a cancelled meeting's guest could win
the owner's tie; iTIP replies and cancellations without a time were quarantined as broken."""

from __future__ import annotations

from datetime import datetime, timedelta

import icalendar
import pytest

from conftest import export_counts as counts, fixture, query
from test_calendar_vcard_sweep17 import ingest, note
from ingest.sources.calendar.dialects import as_icalendar_line
from ingest.sources.calendar.owner import find_owner
from ingest.sources.calendar.windows_zones import DISPLAY_NAMES, display_zone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

ICLOUD = fixture("calendar", "icloud-lmt-offsets-2016")
OWA = fixture("calendar", "exchange-2010-owa-display-zones")
THUNDERBIRD_TEAMS = fixture("calendar", "thunderbird-teams-2026")
NOTES_INVITATIONS = fixture("calendar", "lotus-notes-invitations-2005")
ITIP = fixture("calendar", "itip-messages-1997")


def test_icloud_s_offsets_in_minutes_and_seconds_no_longer_cost_the_file(unsocial, tmp_path):
    """Before: one record refused, "VCALENDAR: the file cannot be parsed". Both meetings are read at the right hour
    (Berlin and Brussels in summer: UTC+2), and the note says the offsets were read so."""
    db = ingest(unsocial, tmp_path, ICLOUD)
    assert query(db, "select account_ref, occurred_at::varchar from raw_interactions order by 2") == [
        ("anton.weiss@post.example", "2016-06-16 17:30:00"), ("lieve.claes@mail.example", "2016-10-03 08:00:00")]
    assert "zone offsets written as minutes and seconds (iCloud: TZOFFSETFROM:+5328), read so: 3" in note(db)
    assert counts(db) == [("calendar", 2, 2, 0)]


@pytest.mark.parametrize("line, read", [
    ("TZOFFSETFROM:+5328", "TZOFFSETFROM;X-UNSOCIAL-READ-AS=MINUTES-SECONDS:+005328"),
    ("TZOFFSETTO:+1932", "TZOFFSETTO;X-UNSOCIAL-READ-AS=MINUTES-SECONDS:+001932"),
    ("TZOFFSETFROM:-1556", "TZOFFSETFROM:-1556"),  # Manila's local mean time of 1844: a real offset
    ("TZOFFSETTO:+0100", "TZOFFSETTO:+0100"),
    ("TZOFFSETFROM:+005328", "TZOFFSETFROM:+005328"),  # written right (Thunderbird)
    ("DESCRIPTION:TZOFFSETFROM:+5328", "DESCRIPTION:TZOFFSETFROM:+5328"),
])
def test_which_offsets_are_minutes_and_seconds(line, read):
    assert as_icalendar_line(line) == read


def test_outlook_web_app_s_display_name_zones_are_read(unsocial, tmp_path):
    """Before: all 4 events quarantined "DTSTART: unknown time zone". English and German display names are read as
    their zone (New York in summer, Berlin in winter, Sydney before its summer time), a name of unknown places at the
    offset it gives, noted so that the owner knows it may be an hour off."""
    db = ingest(unsocial, tmp_path, OWA)
    assert query(db, "select account_ref, occurred_at::varchar from raw_interactions order by 2") == [
        ("kai.brandt@firm.example", "2020-01-16 09:00:00"), ("ravi.iyer@firm.example", "2020-03-10 04:00:00"),
        ("mia.lund@firm.example", "2020-07-15 17:30:00"), ("mia.lund@firm.example", "2020-09-01 23:00:00")]
    assert "read as the zone the name stands for: 3" in note(db)
    assert "read at the fixed offset their name gives (summer time not applied): 1" in note(db)
    assert counts(db) == [("calendar", 4, 4, 0)]
    assert query(db, "select what_to_do from not_read")[0][0].startswith("nothing to do unless times look an hour")


@pytest.mark.parametrize("tzid, zone, offset", [
    ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York", None),
    ("(GMT+10:00) Canberra, Melbourne, Sydney", "Australia/Sydney", None),
    ("(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien", "Europe/Berlin", None),
    ("(GMT+01.00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin", None),
    ("(UTC+05:30) Nowhere Known", None, timedelta(hours=5, minutes=30)),
    ("(GMT-03:30) Nowhere Known", None, -timedelta(hours=3, minutes=30)),
    ("(UTC) Nowhere Known", None, timedelta(0)),
])
def test_display_names(tzid, zone, offset):
    found, fixed = display_zone(tzid)
    assert fixed == (zone is None)
    assert (str(found) == zone) if zone else found.utcoffset(datetime(2020, 7, 1)) == offset


@pytest.mark.parametrize("tzid", ["Eastern", "W. Europe Standard Time", "Customized Time Zone 1", "(UTC+01:00"])
def test_other_zone_names_are_no_display_names(tzid):
    assert display_zone(tzid) is None


def test_every_display_name_stands_for_a_zone_icalendar_knows():
    assert {windows for windows in DISPLAY_NAMES.values() if windows not in WINDOWS_TO_OLSON} == set()


def test_thunderbird_s_invited_attendee_is_the_owner(unsocial, tmp_path):
    """A Teams series accepted in Thunderbird: every address is in both events; before, the organiser was the owner
    by the tie-break, and the owner (who accepted) one of the people met."""
    db = ingest(unsocial, tmp_path, THUNDERBIRD_TEAMS)
    assert note(db).startswith("owner: the address Thunderbird marks as the owner's (X-MOZ-INVITED-ATTENDEE)")
    assert query(db, "select account_ref from raw_accounts where is_owner") == [("jonas.keller@firma.example",)]
    assert query(db, "select account_ref, count(*) from raw_interactions group by 1 order by 1") == [
        ("petra.lang@firma.example", 14), ("sabine.vogt@firma.example", 14), ("tobias.roth@firma.example", 14)]


def test_a_folder_of_saved_invitations_finds_the_guest_who_saved_them(unsocial, tmp_path):
    """Three Lotus Notes invitations to two meetings, the same chair and the same guest in each: the guest is the
    owner (before: "not known" in every file); the invitations are still no meetings."""
    db = ingest(unsocial, tmp_path, NOTES_INVITATIONS)
    assert note(db).startswith("owner: the guest in every saved invitation (METHOD:REQUEST) who organises none "
                               "(3 invitations to 2 meetings)")
    assert query(db, "select distinct account_ref, is_owner from raw_accounts order by 1") == [
        ("dora.fink@beanery.example", False), ("leo.marsh@tester.example", True)]
    assert query(db, "select count(*) from raw_interactions") == [(0,)]


def _invitation(uid: str, *attendees: str, status: str = "CONFIRMED") -> icalendar.Event:
    people = "".join(f"ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:{a}\r\n" for a in attendees)
    return icalendar.Event.from_ical(f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:20250101T100000Z\r\nSTATUS:{status}\r\n"
                                     f"ORGANIZER:mailto:ola@x.example\r\n{people}END:VEVENT\r\n")


@pytest.mark.parametrize("events, owner", [
    ([_invitation("a", "eva@x.example"), _invitation("b", "eva@x.example")], "eva@x.example"),
    ([_invitation("a", "eva@x.example")], None),  # one invitation: its guest may be anyone's
    ([_invitation("a", "eva@x.example"), _invitation("a", "eva@x.example")], None),  # one meeting sent twice
    ([_invitation("a", "eva@x.example", "tim@x.example"), _invitation("b", "eva@x.example", "tim@x.example")], None),
])
def test_when_the_guest_of_every_invitation_is_the_owner(events, owner):
    assert find_owner([("", events)], invitation=True).email == owner


def test_a_cancelled_meeting_does_not_vote_for_the_owner():
    """Each address in one event: the alphabetically first wins the tie, but not from a cancelled meeting."""
    events = [_invitation("a", "aaron@x.example", status="CANCELLED"), _invitation("b", "eva@x.example"),
              _invitation("c", "eva@x.example")]
    assert find_owner([("", events)]).how == "the address in most events (2 of 2)"


def test_itip_answers_without_a_time_are_left_out_not_refused(unsocial, tmp_path):
    """A REPLY and a CANCEL naming the meeting by UID alone: before, each quarantined "DTSTART: missing" with "download
    again"; now counted in the note, which needs nothing done."""
    db = ingest(unsocial, tmp_path, ITIP)
    assert query(db, "select count(*) from raw_quarantine") == [(0,)]
    assert "answers and cancellations without a time of their own (iTIP REPLY, CANCEL: no meetings), left out: 2" \
        in note(db)
    assert query(db, "select account_ref from raw_interactions") == [("ben.cole@host.example",)]
    assert counts(db) == [("calendar", 1, 1, 0)]
