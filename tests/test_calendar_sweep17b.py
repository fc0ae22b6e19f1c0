"""Calendars as published files showed them (sweep of issue #13, round 17b).

A meeting invitation saved from an e-mail (METHOD:REQUEST, one event after its own DTSTAMP) was read as a file with
nobody in it, and its organiser taken for the owner by a tie-break; Confluence's leaves, trips and rosters were
meetings in person; a LOCATION holding a join link was read in person; a calendar named ``Creative @ The Gathering``
was taken for its owner's address."""

from __future__ import annotations

import icalendar
import pytest

from conftest import export_counts as counts, fixture, query
from test_calendar_vcard_sweep17 import ingest, note
from ingest.sources.calendar.modes import mode_of
from ingest.sources.calendar.owner import calendar_address, find_owner

GOOGLE_INVITE = fixture("calendar", "google-invitation-2020")
EXCHANGE_INVITE = fixture("calendar", "exchange-2007-invitation")
CONFLUENCE = fixture("calendar", "confluence-team-calendars-2026")
JOIN_LINK = fixture("calendar", "google-join-link-2025")
NAMED_CALENDAR = fixture("calendar", "google-public-calname-2015")
INVITED = "invitations to a meeting after the export's time (not happened yet when it was saved)"




@pytest.mark.parametrize("export, guests", [
    (GOOGLE_INVITE, ["mirela.pop@kestrel-works.example", "oskar.lindahl@kestrel-works.example",
                     "personal@kestrel-works.example", "t.achebe@kestrel-works.example"]),
    (EXCHANGE_INVITE, ["equipe.prod@telco.example", "luc.garnier@telco.example", "maelle.bertin@telco.example",
                       "odile.marchand@telco.example", "support_fe@prestataire.example"])])
def test_a_saved_invitation_keeps_its_guests_as_people_known(unsocial, tmp_path, export, guests):
    """Its one event lies after the sending time: no meeting, but the people are kept (the room is not), and the
    file is not "nobody is in it"."""
    db = ingest(unsocial, tmp_path, export)
    assert counts(db) == [("calendar", 1, 1, 0)]
    assert query(db, "select count(*) from raw_interactions") == [(0,)]
    assert query(db, "select account_ref, is_owner from raw_accounts order by 1") == [(g, False) for g in guests]
    assert query(db, "select handling from raw_members") == [("parsed",)]
    assert f"{INVITED}: guests kept as accounts, no meeting: 1" in note(db)
    assert "events without an instance up to then" not in note(db)


def test_the_sender_of_a_saved_invitation_is_no_owner_by_a_tie_break(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, GOOGLE_INVITE)
    assert note(db).startswith("owner: not known (a saved invitation, METHOD:REQUEST")
    event = icalendar.Calendar.from_ical(
        (GOOGLE_INVITE / "invite.ics").read_text()).walk("VEVENT")[0]
    assert find_owner([("", [event])]).email == "personal@kestrel-works.example"  # a calendar: the tie-break
    assert find_owner([("", [event])], invitation=True).email is None


def test_confluence_leaves_trips_and_rosters_are_no_meetings(unsocial, tmp_path):
    """Of seven events only the timed, busy sprint review is a meeting (with its two guests)."""
    db = ingest(unsocial, tmp_path, CONFLUENCE)
    assert query(db, "select mode, count(*) from raw_interactions group by 1") == [("in_person", 2)]
    assert ("not interactions: an absence (Confluence leave or travel) 3, all-day whereabouts (Confluence roster, "
            "milestone or working from home) 3") in note(db)
    assert counts(db) == [("calendar", 1, 1, 0)]


def test_a_join_link_as_location_is_video(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, JOIN_LINK)
    assert query(db, "select mode, count(*) from raw_interactions group by 1 order by 1") == [
        ("in_person", 2), ("video", 1)]  # a bare link and the practice with a street address and a link: in person


@pytest.mark.parametrize("location, url, mode", [
    ("Please join at this link: https://au.tele.clinic.example/room/2023112", None, "video"),
    ("https://video.clinic.example/s/7fk2q", None, "in_person"),  # a link alone: no room, no invitation to join
    ("https://www.linkedin.com/events/campus-visit-7123456789/", None, "in_person"),
    (None, "https://meet.clinic.example/x7", "video"),
    ("Kiellinie 7, Kiel https://hafenbau.example", None, "in_person"),
    ("Meeting room 2, Hauptstr. 5 https://maps.google.com/?q=Hauptstr.+5", None, "in_person"),
    (None, "https://tickets.example/e/annual-meeting-2024", "in_person"),
    ("Besprechungsraum 3", None, "in_person")])
def test_links_where_a_place_belongs(location, url, mode):
    event = icalendar.Event()
    event.add("SUMMARY", "Termin")
    for name, value in (("LOCATION", location), ("URL", url)):
        if value:
            event.add(name, value)
    assert mode_of(event) == mode


def test_a_calendar_name_with_blanks_is_no_address(unsocial, tmp_path):
    assert calendar_address("Creative @ The Gathering") is None
    assert calendar_address(" jana@example.org ") == "jana@example.org"
    db = ingest(unsocial, tmp_path, NAMED_CALENDAR)
    assert query(db, "select account_ref from raw_accounts where is_owner") == [("sigrid.haugen@festivalen.example",)]
    assert query(db, "select account_ref from raw_interactions") == [("eirik.solberg@festivalen.example",)]
