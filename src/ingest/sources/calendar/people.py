"""Who: the organizer and attendees of an event, the owner of the calendar, and who was really there."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import icalendar

from ...normalise import normalise_email
from .reading import properties

# Attendees that are no person: meeting rooms and equipment (Outlook, Google resources), mailing lists.
NOT_PEOPLE = {"ROOM", "RESOURCE", "GROUP"}
# Google lists its room calendars and group calendars as attendees, often without a CUTYPE.
NOT_PEOPLE_DOMAINS = ("resource.calendar.google.com", "group.calendar.google.com", "group.v.calendar.google.com")
# An attendee who declined or handed the invitation on was not there.
ABSENT = {"DECLINED", "DELEGATED"}


@dataclass(frozen=True)
class Person:
    """One organizer or attendee: ``ref`` is the lowercased e-mail, else the common name (CN)."""

    ref: str
    name: str | None
    email: str | None
    partstat: str
    is_thing: bool


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
    is_thing = cutype in NOT_PEOPLE or bool(email and email.endswith(NOT_PEOPLE_DOMAINS))
    return Person(email or name, name, email, str(address.params.get("PARTSTAT") or "").upper(), is_thing)


def find_owner(calendars: list[tuple[str, list[icalendar.Event]]]) -> Owner:
    """The owner's address: the calendar's name when it is one (Google names the primary calendar
    after its owner's address), else the address that occurs in the most events, since the owner
    is in nearly every event of their own calendar (ties: the more frequent organizer, then the
    alphabetically first address). ``calendars`` are (X-WR-CALNAME, events) pairs of the export."""
    events = [event for _, calendar_events in calendars for event in calendar_events]
    counts, organized = Counter(), Counter()
    for event in events:
        counts.update({p.email for p in people_of(event) if p.email and not p.is_thing})
        organized.update(p.email for p in map(_person, properties(event, "ORGANIZER")) if p and p.email)
    named = sorted({email for name, _ in calendars if (email := normalise_email(name))})
    if len(named) == 1:
        return Owner(named[0], _name_of(named[0], events), "the calendar's name (X-WR-CALNAME)")
    if named:  # a colleague's calendar exported along with the owner's [U]: the address in more events
        email = min(named, key=lambda a: (-counts[a], -organized[a], a))
        how = f"the calendar's name (X-WR-CALNAME) in most events, of {len(named)} calendars named by an address"
        return Owner(email, _name_of(email, events), how)
    if not counts:
        return Owner(None, None, "not found (no event names anyone)")
    email = min(counts, key=lambda a: (-counts[a], -organized[a], a))
    return Owner(email, _name_of(email, events), f"the address in most events ({counts[email]} of {len(events)})")


def _name_of(email: str, events: list[icalendar.Event]) -> str | None:
    return next((p.name for event in events for p in people_of(event) if p.email == email and p.name), None)


def others_of(event: icalendar.Event, owner: Owner, foreign: bool) -> tuple[str | None, list[Person], Counter]:
    """Who the owner met in this instance of an event, or why it was no meeting.

    Returns the reason it is not an interaction (None if it is), the other people who were there,
    and counts of people left out (declined, rooms). ``foreign``: the event is in a calendar named
    after someone else (a colleague's calendar shared with the owner and exported along), where
    only the events the owner is invited to are the owner's.
    """
    left_out: Counter = Counter()
    if str(event.get("STATUS") or "").upper() == "CANCELLED":
        return "cancelled", [], left_out
    people = people_of(event)
    if foreign and not any(_is_owner(p, owner) for p in people):
        return "another person's calendar, without the owner", [], left_out
    if any(_is_owner(p, owner) and p.partstat in ABSENT for p in people):
        return "declined by the owner", [], left_out
    others = []
    for person in people:
        if _is_owner(person, owner):
            continue
        if person.is_thing or person.partstat in ABSENT:
            left_out["rooms and resources" if person.is_thing else "declined by a guest"] += 1
        else:
            others.append(person)
    if others:
        return None, others, left_out
    free = not people and str(event.get("TRANSP") or "").upper() == "TRANSPARENT"
    return ("free, without guests" if free else "nobody but the owner"), [], left_out


def _is_owner(person: Person, owner: Owner) -> bool:
    """The owner's address, or the owner's name on an entry without any address (Outlook's
    ``invalid:nomail``): the owner never becomes a counterpart."""
    if person.email is not None:
        return person.email == owner.email
    return owner.name is not None and person.name == owner.name
