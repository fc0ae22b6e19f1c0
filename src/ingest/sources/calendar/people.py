"""Who: the organizer and attendees of an event, the owner of the calendar, and who was really there."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import icalendar

from ...normalise import normalise_email
from .reading import properties

ROOMS = "rooms and resources"
SERVICES = "services and mailing lists"
NAMELESS = "directory paths without a name"
# A CN that is a web address names a page, not a person: Apple iCal 1.0's published film calendar lists a trailer's
# page as a guest, ``ATTENDEE;CN="http://www.example.com/trailers.php?id=…":invalid:nomail`` (ical4j/ical4j
# src/test/resources/samples/invalid/OZMovies.ics). Read as a name, the page was met in person.
WEB_NAMES = "web addresses written as a name"
_WEB_ADDRESS = re.compile(r"(?:https?|ftp)://|www\.", re.I)
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
# RFC 5545 §3.2.16's ROLE of "an attendee who is copied for information purposes only": not expected to come,
# whatever the answer (Outlook writes it for rooms too, left out by their CUTYPE: the outlook-2025 fixture).
INFORMED = "NON-PARTICIPANT"
GUEST_INFORMED, OWNER_INFORMED = "copied for information only", "copied to the owner for information only"
# Exchange's directory path (X.500, the "legacyExchangeDN") where an address belongs: Outlook and Exchange Online
# write it for a sender of their own organisation, the owner's own meetings among them. Seen as the ORGANIZER of an
# Outlook 16.0 calendar, folded: ``ORGANIZER;CN="…":mailto:/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP
# (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=<hex>-<alias>`` (mittwald/hutbot, tests/test_calendar.py); as
# ``/o=ExchangeLabs/ou=…`` and, on premises, ``/o=First Organization/ou=…/cn=Recipients/cn=<alias>`` (the forms of
# OfficeDev/office-js issue #3701, microsoft/idfix issue #79); any case, with or without ``mailto:``. It is no
# e-mail and names nobody: the CN names the person, and the path is kept only to know the owner by (``find_owner``).
_DIRECTORY_PATH = re.compile(r"(?:mailto:)?\s*(?P<path>/o=[^/]*(?:/(?:ou|cn)=[^/]*)+)", re.I)
# Its last CN: "<hex id>-<alias>" (Exchange 2013 and later, Exchange Online), the alias alone before.
_DIRECTORY_ALIAS = re.compile(r"(?:[0-9a-f]{8,}-)?(?P<alias>.+)")
# A name in the address: firstname.lastname@, firstname_lastname@, first.m.last@ (a middle initial).
_ADDRESS_NAME = re.compile(r"([^\W\d_]{2,}(?:-[^\W\d_]{2,})?)[._](?:[^\W\d_][._])?([^\W\d_]{2,}(?:-[^\W\d_]{2,})?)")
# Atlassian Confluence's Team Calendars (``PRODID:-//Atlassian Confluence//Calendar Plugin 1.0//EN``) mark each event
# with the kind of its sub-calendar (jakob-dittrich-dyn/test-ics, ``ab91770b8d2262963861f628caccbd19b8b4a205.ics``:
# ``X-CONFLUENCE-SUBCALENDAR-TYPE:leaves`` 109, ``travel`` 5, ``custom`` 65, ``other`` 34). A leave or a trip is
# someone's absence, its "guests" the people away: no meeting. Rosters (``custom``: on call, on duty) and milestones
# are all-day and free (TRANSP:TRANSPARENT): no meeting either. Read as meetings, 354 met in person were counted.
# Only there: elsewhere an all-day event marked free with a guest is a meeting (Google marks all-day events free),
# unless it comes back each year (``REMINDER``).
SUBCALENDAR = "X-CONFLUENCE-SUBCALENDAR-TYPE"
ABSENCE_TYPES = {"leaves", "travel"}
ABSENCE = "an absence (Confluence leave or travel)"
# An entry of a custom event type (WfH, on call) is someone's whereabouts for the day, free or not: Confluence of 2019
# writes no TRANSP (niccokunzmann/python-recurring-ical-events ``test/calendars/issue_4.ics``: a weekly all-day
# ``WfH``, ``CATEGORIES:WFH``, ``X-CONFLUENCE-SUBCALENDAR-TYPE:custom``).
STATUS_TYPES = {"custom"}
ROSTER = "all-day whereabouts (Confluence roster, milestone or working from home)"
# A yearly all-day event marked free is a day to remember (a birthday, an anniversary), not a meeting, whoever it
# names: SabreDAV (fruux) keeps a birthday, ``RRULE:FREQ=YEARLY`` and ``TRANSP:TRANSPARENT``, with the organiser who
# shared it and the owner ACCEPTED (jakkdl/calendar_statistics ``Calendar.ics``): read as meetings, the organiser was
# met in person once a year. An all-day free event that does not come back each year (Google marks every all-day
# event free) and a timed free event with guests stay meetings.
REMINDER = "all-day, free and yearly (a birthday, an anniversary)"


@dataclass(frozen=True)
class Person:
    """One organizer or attendee: ``ref`` is the lowercased e-mail, else the common name (CN).

    ``left_out``: why this is no counterpart at all (a room, a service), None for a person.
    ``address_name``: (first, last) read from the address when no CN names the person.
    ``directory``: Exchange's directory path written instead of an address, lowercased (never an e-mail)."""

    ref: str
    name: str | None
    email: str | None
    partstat: str
    left_out: str | None
    address_name: tuple[str, str] | None = None
    directory: str | None = None
    informed: bool = False  # copied for information only (``INFORMED``): not met there


@dataclass(frozen=True)
class Owner:
    """The export's owner, and how it was found (said in every file's note). ``directories``: the
    owner's directory paths (Exchange), by which the owner is known where no address is written."""

    email: str | None
    name: str | None
    how: str
    directories: frozenset[str] = frozenset()
    by_name: bool = False  # known by the name alone (``owner._owner_by_name``): the name is its account_ref
    aliases: frozenset[str] = frozenset()  # the owner's other addresses (``owner._aliases``)
    tied: bool = False  # not known: several addresses stand alike (``owner.TIED_OWNER``), none is taken

    @property
    def ref(self) -> str | None:
        """The owner's account_ref: the address, else the name where the owner is known by it alone."""
        return self.email or (self.name if self.by_name else None)


def people_of(event: icalendar.Event) -> list[Person]:
    """The organizer, then the attendees, each person once (Google lists the organizer among the
    attendees too; the attendee entry, which carries the response, wins). Entries with neither an
    e-mail nor a name are left out (Outlook's ``invalid:nomail`` without a CN)."""
    people: dict[str, Person] = {}
    for address in properties(event, "ORGANIZER") + properties(event, "ATTENDEE"):
        person = person_of(address)
        if person is not None:
            people[person.ref] = person
    return list(people.values())


def person_of(address) -> Person | None:
    if not isinstance(address, icalendar.vCalAddress):
        return None
    email, directory = _address(address)
    name = " ".join(str(address.params.get("CN") or "").split()) or None
    if name and "@" in name:  # Google writes the address as CN when it knows no name
        name = None
    if not (email or name or directory):
        return None
    cutype = str(address.params.get("CUTYPE") or "INDIVIDUAL").upper()
    # a directory path without a CN may be the owner's, but names no counterpart
    left_out = NOT_PEOPLE.get(cutype) or (email and not_a_person(email)) or (not (email or name) and NAMELESS) \
        or (name and _WEB_ADDRESS.match(name) and WEB_NAMES)
    named = None if name or left_out or not email else address_name(email)
    return Person(email or name or directory, name, email, str(address.params.get("PARTSTAT") or "").upper(),
                  left_out or None, named, directory, str(address.params.get("ROLE") or "").upper() == INFORMED)


def _address(address: icalendar.vCalAddress) -> tuple[str | None, str | None]:
    """The e-mail and the directory path (Exchange) of an organizer or attendee, each None when not written."""
    value = str(address).strip()
    directory = directory_path(value)
    email = None if directory else normalise_email(value[7:] if value.lower().startswith("mailto:") else None)
    return email or normalise_email(address.params.get("EMAIL")), directory  # Apple: urn:uuid:… with EMAIL=


def directory_path(value: str) -> str | None:
    """Exchange's directory path (``/o=…/ou=…/cn=…``, with or without ``mailto:``) lowercased, else None."""
    match = _DIRECTORY_PATH.fullmatch(value.strip())
    return match["path"].lower() if match else None


def directory_alias(path: str) -> str | None:
    """The mailbox's alias at the end of a directory path (``…/cn=<hex>-dana.owner``: ``dana.owner``)."""
    if "/cn=" not in path:
        return None
    return _DIRECTORY_ALIAS.fullmatch(path.rsplit("/cn=", 1)[1])["alias"]


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
    if reason := _confluence_no_meeting(event):
        return reason, [], left_out
    people = people_of(event)
    if foreign and not any(is_owner(p, owner) for p in people):
        return "another person's calendar, without the owner", [], left_out
    if absent := _owner_absent(event, people, owner):
        return absent, [], left_out
    others = []
    for person in people:
        if is_owner(person, owner):
            continue
        if person.left_out or person.partstat in ABSENT or person.informed:
            left_out[person.left_out or (GUEST_INFORMED if person.informed else "declined by a guest")] += 1
        else:
            others.append(person)
    if others and _is_reminder(event):  # without others, "free, without guests" says it
        return REMINDER, [], Counter()
    if others:
        return None, others, left_out
    free = not people and _free(event)
    return ("free, without guests" if free else "nobody but the owner"), [], left_out


def _confluence_no_meeting(event: icalendar.Event) -> str | None:
    """Why an event of Confluence's Team Calendars is no meeting (``SUBCALENDAR``), None for any other event."""
    kind = str(event.get(SUBCALENDAR) or "").strip().lower()
    if not kind:
        return None
    if kind in ABSENCE_TYPES:
        return ABSENCE
    return ROSTER if _all_day(event) and (_free(event) or kind in STATUS_TYPES) else None


def _is_reminder(event: icalendar.Event) -> bool:
    """A yearly all-day event marked free (``REMINDER``)."""
    if not (_free(event) and _all_day(event)):
        return False
    return any(hasattr(rule, "get") and "YEARLY" in rule.get("FREQ", ()) for rule in properties(event, "RRULE"))


def _all_day(event: icalendar.Event) -> bool:
    return not isinstance(event["DTSTART"].dt, datetime)


def _free(event: icalendar.Event) -> bool:
    return str(event.get("TRANSP") or "").upper() == "TRANSPARENT"


def invited(event: icalendar.Event, owner: Owner) -> list[Person]:
    """Everyone an invitation names but the owner, rooms and services: people known, not met."""
    return [person for person in people_of(event) if not (person.left_out or is_owner(person, owner))]


def _owner_absent(event: icalendar.Event, people: list[Person], owner: Owner) -> str | None:
    """Why the owner did not take part, None when they did: the owner takes part as the organizer
    or as a guest who accepted or answered "tentative". An entry without PARTSTAT (Outlook writes
    none for anyone) and an owner not listed at all (the event is in their own calendar) are taken
    as there; RFC 5545's default NEEDS-ACTION would make every Outlook meeting nobody's."""
    entry = next((p for p in people if is_owner(p, owner)), None)
    if entry is None:
        return None
    if entry.partstat in ABSENT:
        return "declined by the owner"
    if entry.informed:
        return OWNER_INFORMED
    organizer = next(filter(None, map(person_of, properties(event, "ORGANIZER"))), None)
    if entry.partstat in UNANSWERED and not (organizer and is_owner(organizer, owner)):
        return "not answered by the owner"
    return None


def is_owner(person: Person, owner: Owner) -> bool:
    """The owner's address, one of the owner's directory paths (Exchange), or the owner's name on an
    entry without any address (Outlook's ``invalid:nomail``): the owner never becomes a counterpart."""
    if person.email is not None:
        return person.email == owner.email or person.email in owner.aliases
    if person.directory is not None and person.directory in owner.directories:
        return True
    return owner.name is not None and person.name == owner.name
