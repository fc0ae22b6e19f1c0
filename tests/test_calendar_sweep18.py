"""Calendars as published files showed them (sweep of issue #13, round 18).

A Google invitation to a weekly series re-sent months after it began was read as 20 weeks met by video with both
the organiser and the guest, though nothing says who saved it; a birthday SabreDAV kept with the organiser who shared
it was met in person once a year; Apple iCal 1.0's film calendar listed a trailer's web page as a guest met in
person; a Sony Ericsson P990's owner (``X-PHONEOWNER``) and its guest, whose line the phone broke inside
``STATUS=NEEDS ACTION``, were both lost."""

from __future__ import annotations

import icalendar
import pytest

from conftest import export_counts as counts, fixture, query
from test_calendar_vcard_sweep17 import ingest, note
from ingest.sources.calendar.people import Owner, others_of, person_of

SERIES_INVITE = fixture("calendar", "google-invitation-series-2021")
BIRTHDAY = fixture("calendar", "sabredav-birthday-2018")
FILMS = fixture("calendar", "ical-1.0-published-2004")
P990 = fixture("calendar", "sonyericsson-p990-vcal")
SAVED_BY_SOMEONE = ("invitations to meetings before the export's time, saved by someone not known (who was there "
                    "cannot be told): guests kept as accounts, no meeting: 1")


def test_an_invitation_to_a_series_under_way_meets_nobody_when_its_owner_is_not_known(unsocial, tmp_path):
    """Weekly since September, re-sent in March: the organiser and the guest who never answered are people known,
    no week is a meeting (before, 2 × 20 meetings by video)."""
    db = ingest(unsocial, tmp_path, SERIES_INVITE)
    assert query(db, "select count(*) from raw_interactions") == [(0,)]
    assert query(db, "select account_ref, is_owner from raw_accounts order by 1") == [
        ("priya.student@mail.example", False), ("ravi.menon@study-circle.example", False)]
    assert note(db).startswith("owner: not known (a saved invitation, METHOD:REQUEST")
    assert SAVED_BY_SOMEONE in note(db)
    assert counts(db) == [("calendar", 1, 1, 0)]
    assert query(db, "select handling, what_to_do from not_read where reason like '%saved by someone not known%'") \
        == [("parsed", "nothing to do: a meeting invitation saved from an e-mail, and nothing tells whose; its "
                       "guests are kept as people you know, without a meeting")]


def test_a_yearly_free_all_day_event_is_a_birthday_not_a_meeting(unsocial, tmp_path):
    """The shared birthday (organiser, owner ACCEPTED) meets nobody; lunch, a free coffee with a guest and a free
    all-day party that does not repeat stay meetings; a yearly holiday without guests is "free, without guests"."""
    db = ingest(unsocial, tmp_path, BIRTHDAY)
    assert query(db, "select account_ref, occurred_at::date::varchar from raw_interactions order by 2") == [
        ("lena.holm@mail.example", "2017-06-23"), ("jonas.berg@mail.example", "2018-03-01"),
        ("lena.holm@mail.example", "2018-03-05")]
    assert "h7+fruux@mail.example" not in {ref for (ref,) in query(db, "select account_ref from raw_accounts")}
    assert "not interactions: all-day, free and yearly (a birthday, an anniversary) 2, free, without guests 3" \
        in note(db)


def _event(text: str) -> icalendar.Event:
    return icalendar.Event.from_ical(f"BEGIN:VEVENT\nUID:x\n{text}\nEND:VEVENT\n".replace("\n", "\r\n"))


OWNER = Owner("erik@mail.example", None, "test")
GUEST = "ATTENDEE;PARTSTAT=ACCEPTED:mailto:lena@mail.example"


@pytest.mark.parametrize("when, rule, transp, reason", [
    ("DTSTART;VALUE=DATE:20160308", "RRULE:FREQ=YEARLY", "TRANSPARENT", "all-day, free and yearly (a birthday, "
                                                                       "an anniversary)"),
    ("DTSTART;VALUE=DATE:20160308", "RRULE:FREQ=YEARLY", "OPAQUE", None),  # marked busy: a yearly reunion
    ("DTSTART;VALUE=DATE:20160308", "RRULE:FREQ=WEEKLY", "TRANSPARENT", None),
    ("DTSTART:20160308T180000Z", "RRULE:FREQ=YEARLY", "TRANSPARENT", None),  # a timed yearly dinner
])
def test_what_makes_a_reminder(when, rule, transp, reason):
    event = _event(f"{when}\n{rule}\nTRANSP:{transp}\n{GUEST}")
    assert others_of(event, OWNER, False)[0] == reason


def test_a_web_address_written_as_a_guest_s_name_is_no_person(unsocial, tmp_path):
    """The trailer's page is left out and counted; the actor written by name alone (``invalid:nomail``: no address)
    is a guest known by name, as Outlook's guests without an address are, and met under the calendar's rules."""
    db = ingest(unsocial, tmp_path, FILMS)
    assert query(db, "select account_ref, email from raw_accounts where not is_owner") == [("Ada Quill", None)]
    assert query(db, "select account_ref from raw_interactions") == [("Ada Quill",)]
    assert "nobody but the owner 3; not counterparts: web addresses written as a name 1" in note(db)


@pytest.mark.parametrize("cn", ["http://www.trailers.example/x.php?id=1", "https://example.org/a", "www.example.org"])
def test_names_that_are_web_addresses(cn):
    person = person_of(icalendar.vCalAddress("invalid:nomail", params={"CN": cn}))
    assert person.left_out == "web addresses written as a name"


def test_the_phone_s_owner_and_a_guest_line_broken_inside_its_status(unsocial, tmp_path):
    """P990: the attendee marked X-PHONEOWNER is the owner (before: "not found (no event names anyone)"), the guest
    whose line broke at ``STATUS=NEEDS`` / ``ACTION;…`` is read (before: lost), and so is the next event's."""
    db = ingest(unsocial, tmp_path, P990)
    assert note(db).startswith("owner: the attendee marked as the phone's owner (X-PHONEOWNER, vCalendar 1.0);")
    assert "lines broken inside their parameters (vCalendar 1.0, Sony Ericsson), joined to the line before: 1" \
        in note(db)
    assert query(db, "select account_ref, is_owner from raw_accounts order by 1") == [
        ("kari.nordmann@telefon.example", True), ("ola.hansen@klinikk.example", False),
        ("per.lie@post.example", False)]
    assert query(db, "select line, account_ref from raw_interactions order by 1") == [
        (6, "ola.hansen@klinikk.example"), (28, "per.lie@post.example")]
    assert counts(db) == [("calendar", 2, 2, 0)]


def test_a_text_line_without_a_colon_is_not_joined(unsocial, tmp_path):
    """Only a line that ends among ``NAME;PARAM=value`` parameters goes on in the next: a description's text written
    unfolded (``word; more``) does not swallow the property after it."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20240102T000000Z\r\n"
        "DTSTART:20240101T100000Z\r\nDESCRIPTION:Agenda\r\nitems; more\r\n"
        "ORGANIZER:mailto:erik@mail.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:lena@mail.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n")
    db = ingest(unsocial, tmp_path, tmp_path / "in")
    assert query(db, "select account_ref from raw_interactions") == [("lena@mail.example",)]
    assert "joined to the line before" not in note(db)
