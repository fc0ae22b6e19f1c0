"""Who: the organizer and attendees of an event, the owner of the calendar, and who was really there."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import icalendar

from ...normalise import normalise_email
from .reading import properties

ROOMS = "rooms and resources"
SERVICES = "services and mailing lists"
# Attendees that are no person, by CUTYPE: meeting rooms and equipment (Outlook, Google resources),
# groups (a mailing list invited as one attendee).
NOT_PEOPLE = {"ROOM": ROOMS, "RESOURCE": ROOMS, "GROUP": SERVICES}
# Addresses that are no person, by domain. Google lists its room calendars and group calendars as
# attendees, often without a CUTYPE; Google Groups and groups.io are mailing lists; Google's
# contacts' birthdays calendar names one attendee "Contacts" at ``<hash>@virtual`` (kewisch/ical.js,
# samples/google_birthday.ics).
NOT_PEOPLE_DOMAINS = {"resource.calendar.google.com": ROOMS, "group.calendar.google.com": ROOMS,
                      "group.v.calendar.google.com": ROOMS, "googlegroups.com": SERVICES, "groups.io": SERVICES,
                      "virtual": SERVICES}
# Mailing-list hosts: lists.example.org, listserv.example.edu.
LIST_HOSTS = ("lists.", "listserv.", "list.")
# Addresses no person reads, by their local part (before any "+tag"): the organizer of events a
# service puts into calendars. Booking systems send from bookings@ or noreply@ (a fitness studio, a
# restaurant), Meetup from info@meetup.com ("Meetup Reminder"), Google's events from Gmail and Goals
# from unknownorganizer@calendar.google.com ("Unknown Organizer"), lists end in -list or -announce.
SERVICE_LOCAL_PARTS = re.compile(
    r"no[-_.]?reply.*|do[-_.]?not[-_.]?reply.*|unknownorganizer|mailer-daemon|bounces?|notifications?|notify"
    r"|calendar(?:[-_.]notifications?)?|reminders?|bookings?|reservations?|appointments?|scheduling|scheduler"
    r"|tickets?|events?|info|automated|.*-(?:list|announce)")
# An attendee who declined or handed the invitation on was not there; an owner who never answered
# was not either (an invitation nobody answered lies in every guest's calendar).
ABSENT = {"DECLINED", "DELEGATED"}
UNANSWERED = {"NEEDS-ACTION"}
# A name in the address: firstname.lastname@, firstname_lastname@, first.m.last@ (a middle initial).
_ADDRESS_NAME = re.compile(r"([^\W\d_]{2,}(?:-[^\W\d_]{2,})?)[._](?:[^\W\d_][._])?([^\W\d_]{2,}(?:-[^\W\d_]{2,})?)")


@dataclass(frozen=True)
class Person:
    """One organizer or attendee: ``ref`` is the lowercased e-mail, else the common name (CN).

    ``left_out``: why this is no counterpart at all (a room, a service), None for a person.
    ``address_name``: (first, last) read from the address when no CN names the person."""

    ref: str
    name: str | None
    email: str | None
    partstat: str
    left_out: str | None
    address_name: tuple[str, str] | None = None


@dataclass(frozen=True)
class Owner:
    """The export's owner, and how it was found (said in every file's note)."""

    email: str | None
    name: str | None
    how: str


def people_of(event: icalendar.Event) -> list[Person]:
    """The organizer, then the attendees, each person once (Google lists the organizer among the
    attendees too; the attendee entry, which carries the response, wins). Entries with neither an
    e-mail nor a name are left out (Outlook's ``invalid:nomail`` without a CN)."""
    people: dict[str, Person] = {}
    for address in properties(event, "ORGANIZER") + properties(event, "ATTENDEE"):
        person = _person(address)
        if person is not None:
            people[person.ref] = person
    return list(people.values())


def _person(address) -> Person | None:
    if not isinstance(address, icalendar.vCalAddress):
        return None
    value = str(address)
    email = normalise_email(value[7:] if value.lower().startswith("mailto:") else None)
    email = email or normalise_email(address.params.get("EMAIL"))  # Apple: urn:uuid:… with EMAIL=
    name = " ".join(str(address.params.get("CN") or "").split()) or None
    if name and "@" in name:  # Google writes the address as CN when it knows no name
        name = None
    if not (email or name):
        return None
    cutype = str(address.params.get("CUTYPE") or "INDIVIDUAL").upper()
    left_out = NOT_PEOPLE.get(cutype) or (email and not_a_person(email))
    named = None if name or left_out or not email else address_name(email)
    return Person(email or name, name, email, str(address.params.get("PARTSTAT") or "").upper(), left_out or None,
                  named)


def not_a_person(email: str) -> str | None:
    """Why an address is no person (a room, a service, a list), None for a person's address."""
    local, _, domain = email.partition("@")
    for suffix, why in NOT_PEOPLE_DOMAINS.items():
        if domain == suffix or domain.endswith("." + suffix):
            return why
    if domain.startswith(LIST_HOSTS) or SERVICE_LOCAL_PARTS.fullmatch(local.split("+", 1)[0]):
        return SERVICES
    return None


def address_name(email: str) -> tuple[str, str] | None:
    """(first, last) from ``firstname.lastname@…`` (also ``_`` and a middle initial), else None.

    Read as first then last, the order Google Workspace and Exchange make addresses in; an address
    with digits or a single word names nobody."""
    match = _ADDRESS_NAME.fullmatch(email.partition("@")[0].split("+", 1)[0])
    if match is None:
        return None
    first, last = ("-".join(part.capitalize() for part in group.split("-")) for group in match.groups())
    return first, last


def find_owner(calendars: list[tuple[str, list[icalendar.Event]]], declared: Sequence[Owner] = ()) -> Owner:
    """The owner's address: the calendar's name when it is one (Google names the primary calendar
    after its owner's address), else the calendar's X-OWNER (``declared``: Outlook's "Save Calendar"
    writes ``X-OWNER;CN="…":mailto:…``), else the address that occurs in the most events, since the
    owner is in nearly every event of their own calendar (ties: the more frequent organizer, then the
    alphabetically first address). ``calendars`` are (X-WR-CALNAME, events) pairs of the export."""
    events = [event for _, calendar_events in calendars for event in calendar_events]
    counts, organized = Counter(), Counter()
    for event in events:
        counts.update({p.email for p in people_of(event) if p.email and not p.left_out})
        organized.update(p.email for p in map(_person, properties(event, "ORGANIZER")) if p and p.email)
    named = sorted({email for name, _ in calendars if (email := normalise_email(name))})
    if len(named) == 1:
        return Owner(named[0], _name_of(named[0], events), "the calendar's name (X-WR-CALNAME)")
    if named:  # a colleague's calendar exported along with the owner's [U]: the address in more events
        email = min(named, key=lambda a: (-counts[a], -organized[a], a))
        how = f"the calendar's name (X-WR-CALNAME) in most events, of {len(named)} calendars named by an address"
        return Owner(email, _name_of(email, events), how)
    if declared:
        return declared[0]
    if not counts:
        return Owner(None, None, "not found (no event names anyone)")
    email = min(counts, key=lambda a: (-counts[a], -organized[a], a))
    return Owner(email, _name_of(email, events), f"the address in most events ({counts[email]} of {len(events)})")


def declared_owner(calendar: icalendar.Calendar) -> Owner | None:
    """The calendar's X-OWNER (Outlook 2010 and later), None when it names no address."""
    prop = calendar.get("X-OWNER")
    person = _person(icalendar.vCalAddress(str(prop), params=prop.params)) if prop is not None else None
    if person is None or person.email is None:
        return None
    return Owner(person.email, person.name, "the calendar's owner (X-OWNER)")


def _name_of(email: str, events: list[icalendar.Event]) -> str | None:
    return next((p.name for event in events for p in people_of(event) if p.email == email and p.name), None)


def others_of(event: icalendar.Event, owner: Owner, foreign: bool) -> tuple[str | None, list[Person], Counter]:
    """Who the owner met in this instance of an event, or why it was no meeting.

    Returns the reason it is not an interaction (None if it is), the other people who were there,
    and counts of people left out (declined, rooms, services). ``foreign``: the event is in a
    calendar named after someone else (a colleague's calendar shared with the owner and exported
    along), where only the events the owner is invited to are the owner's.
    """
    left_out: Counter = Counter()
    if str(event.get("STATUS") or "").upper() == "CANCELLED":
        return "cancelled", [], left_out
    people = people_of(event)
    if foreign and not any(_is_owner(p, owner) for p in people):
        return "another person's calendar, without the owner", [], left_out
    if absent := _owner_absent(event, people, owner):
        return absent, [], left_out
    others = []
    for person in people:
        if _is_owner(person, owner):
            continue
        if person.left_out or person.partstat in ABSENT:
            left_out[person.left_out or "declined by a guest"] += 1
        else:
            others.append(person)
    if others:
        return None, others, left_out
    free = not people and str(event.get("TRANSP") or "").upper() == "TRANSPARENT"
    return ("free, without guests" if free else "nobody but the owner"), [], left_out


def _owner_absent(event: icalendar.Event, people: list[Person], owner: Owner) -> str | None:
    """Why the owner did not take part, None when they did: the owner takes part as the organizer
    or as a guest who accepted or answered "tentative". An entry without PARTSTAT (Outlook writes
    none for anyone) and an owner not listed at all (the event is in their own calendar) are taken
    as there; RFC 5545's default NEEDS-ACTION would make every Outlook meeting nobody's."""
    entry = next((p for p in people if _is_owner(p, owner)), None)
    if entry is None:
        return None
    if entry.partstat in ABSENT:
        return "declined by the owner"
    organizer = next(filter(None, map(_person, properties(event, "ORGANIZER"))), None)
    if entry.partstat in UNANSWERED and not (organizer and _is_owner(organizer, owner)):
        return "not answered by the owner"
    return None


def _is_owner(person: Person, owner: Owner) -> bool:
    """The owner's address, or the owner's name on an entry without any address (Outlook's
    ``invalid:nomail``): the owner never becomes a counterpart."""
    if person.email is not None:
        return person.email == owner.email
    return owner.name is not None and person.name == owner.name
