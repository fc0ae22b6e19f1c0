"""Who: the organizer and attendees of an event, the owner of the calendar, and who was really there."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import icalendar

from ...normalise import normalise_email
from .reading import properties

ROOMS = "rooms and resources"
SERVICES = "services and mailing lists"
NAMELESS = "directory paths without a name"
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
# Only there: elsewhere an all-day event marked free with a guest is a meeting (Google marks all-day events free).
SUBCALENDAR = "X-CONFLUENCE-SUBCALENDAR-TYPE"
ABSENCE_TYPES = {"leaves", "travel"}
ABSENCE = "an absence (Confluence leave or travel)"
ROSTER = "all-day and free (Confluence roster or milestone)"
# A saved invitation (METHOD:REQUEST) is the organiser's message: whoever saved it is normally one of the guests,
# so the organiser is no owner by a tie-break (sudhansuaws/winner ``invite.ics``, maseric/MailDecoder
# ``Calendar.ics``: one event, everyone in it once).
INVITATION_OWNER = ("not known (a saved invitation, METHOD:REQUEST: the organiser sent it, and no address is in more "
                    "events than the others)")


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
    by_name: bool = False  # known by the name alone (``_owner_by_name``): the name is its account_ref
    aliases: frozenset[str] = frozenset()  # the owner's other addresses (``_aliases``)

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
        person = _person(address)
        if person is not None:
            people[person.ref] = person
    return list(people.values())


def _person(address) -> Person | None:
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
    left_out = NOT_PEOPLE.get(cutype) or (email and not_a_person(email)) or (not (email or name) and NAMELESS)
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


def calendar_address(name: str | None) -> str | None:
    """The address a calendar is named after (Google names the primary calendar so), else None. A name with a
    blank in it is none, whatever "@" it holds: ``X-WR-CALNAME:Creative @ The Gathering`` (Foxboron/Frank,
    ``basic.ics``, a public Google calendar) was taken for its owner's address."""
    text = str(name or "").strip()
    return None if any(c.isspace() for c in text) else normalise_email(text)


def find_owner(calendars: list[tuple[str, list[icalendar.Event]]], declared: Sequence[Owner] = (),
               invitation: bool = False) -> Owner:
    """The owner's address: the calendar's name when it is one (Google names the primary calendar
    after its owner's address), else the calendar's X-OWNER (``declared``: Outlook's "Save Calendar"
    writes ``X-OWNER;CN="…":mailto:…``), else the address that occurs in the most events, since the
    owner is in nearly every event of their own calendar (ties: the more frequent organizer, then the
    alphabetically first address); where a name written without any address is in more events than any
    address (Outlook's calendar CSV), that name (``_owner_by_name``). ``calendars`` are (X-WR-CALNAME, events)
    pairs of the export. In a saved invitation (``invitation``: every calendar is METHOD:REQUEST) the organiser
    wins no tie: the owner is then not known (``INVITATION_OWNER``).

    Exchange writes the owner's own meetings with a directory path as organizer (``_DIRECTORY_PATH``):
    a path counts as the address it stands for (``_directory_addresses``), a path that stands for none
    as an address of its own, and the owner is known by every path that stands for the owner's address."""
    events = [event for _, calendar_events in calendars for event in calendar_events]
    everyone = [people_of(event) for event in events]  # each event's, read once
    entries = [list(filter(_countable, people)) for people in everyone]
    by_name = Counter(name for people in everyone for name in {p.name for p in people if _named_only(p)})
    naming = sum(1 for people in everyone if any(_named_only(p) or _countable(p) for p in people))
    names = _names(entries)
    known = _directory_addresses(names)
    counts, organized = Counter(), Counter()
    for event, people in zip(events, entries):
        counts.update({_identity(p, known) for p in people})
        organizers = filter(None, map(_person, properties(event, "ORGANIZER")))
        organized.update(_identity(p, known) for p in organizers if _countable(p))
    owner = _owner(calendars, declared, counts, organized, len(events), by_name, naming, invitation)
    if owner.email:
        owner = replace(owner, directories=frozenset(path for path, email in known.items() if email == owner.email))
    owner = replace(owner, name=owner.name or _name_of(owner, names))
    aliases = _aliases(owner, entries)
    if aliases:
        how = f"{owner.how}; {len(aliases)} other address(es) written only with the owner's name taken as the owner's"
        owner = replace(owner, aliases=aliases, how=how)
    return owner


def _aliases(owner: Owner, entries: list[list[Person]]) -> frozenset[str]:
    """The owner's other addresses: each written with exactly the owner's name (CN), and never with another.
    Zimbra's owner organises under a main address and an alias, both with the same CN (Fabian-Fynn/nodepi-remote,
    ``Calendar.ics``: 1,226 events under one, 30 under the other); read as someone else, the alias was a guest
    the owner met in their own meetings. An address also written with another CN (a shared mailbox, a colleague
    of the same name) is not the owner's."""
    if not (owner.email and owner.name):
        return frozenset()
    names: dict[str, set[str | None]] = defaultdict(set)
    for people in entries:
        for person in people:
            if person.email:
                names[person.email].add(person.name)
    return frozenset(email for email, written in names.items() if email != owner.email and written == {owner.name})


def _owner(calendars: list[tuple[str, list[icalendar.Event]]], declared: Sequence[Owner], counts: Counter,
           organized: Counter, events: int, by_name: Counter, naming: int, invitation: bool = False) -> Owner:
    """The owner by ``find_owner``'s rules, the name left to the events where they must tell it."""
    named = sorted({email for name, _ in calendars if (email := calendar_address(name))})
    if len(named) == 1:
        return Owner(named[0], None, "the calendar's name (X-WR-CALNAME)")
    if named:  # a colleague's calendar exported along with the owner's [U]: the address in more events
        email = min(named, key=lambda a: (-counts[a], -organized[a], a))
        how = f"the calendar's name (X-WR-CALNAME) in most events, of {len(named)} calendars named by an address"
        return Owner(email, None, how)
    if declared:
        return declared[0]
    if _by_name(by_name, counts, naming):
        return _owner_by_name(by_name, events)
    if not counts and by_name:
        return Owner(None, None, f"not found (no address is written; no name is in half of the {naming} events "
                                 "naming anyone)")
    if not counts:
        return Owner(None, None, "not found (no event names anyone)")
    top = counts.most_common(2)
    if invitation and len(top) > 1 and top[0][1] == top[1][1]:
        return Owner(None, None, INVITATION_OWNER)
    found = min(counts, key=lambda a: (-counts[a], -organized[a], a))
    if _is_path(found):  # it stands for no address of the export: the owner is known by it alone
        how = f"the directory path (Exchange) in most events ({counts[found]} of {events})"
        return Owner(None, None, how, frozenset({found}))
    return Owner(found, None, f"the address in most events ({counts[found]} of {events})")


def _named_only(person: Person) -> bool:
    """An entry of a person known by a name alone: no address, no directory path, no room."""
    return bool(person.name) and not (person.email or person.directory or person.left_out)


def _by_name(named: Counter, counts: Counter, naming: int) -> bool:
    """The owner is known by a name alone when that name is in more events than any address or path, and in at
    least half the events that name anyone (``naming``): Outlook's calendar saved as CSV names everyone by display
    name (``outlook_csv``), an address only where it knows no name, and the owner organises. Where addresses are
    written, the owner's is in as many events as the owner's name, and wins. A booking service's guests written as
    names (``dialects.NAMES_ONLY``: a club's hosts, each in a few of its events) name no owner."""
    most = max(named.values(), default=0)
    return most > max(counts.values(), default=0) and 2 * most >= naming


def _owner_by_name(named: Counter, events: int) -> Owner:
    name = min(named, key=lambda n: (-named[n], n))
    return Owner(None, name, f"the name in most events ({named[name]} of {events}; no address is in as many)",
                 by_name=True)


def _countable(person: Person) -> bool:
    """An entry that may be the owner's: an address or a directory path, no room, no service."""
    return bool(person.email or person.directory) and person.left_out in (None, NAMELESS)


def _is_path(identity: str) -> bool:
    return identity.startswith("/o=")


def _identity(person: Person, known: dict[str, str]) -> str:
    """The address an entry stands for: its e-mail, the e-mail its directory path stands for, else the path."""
    return person.email or known.get(person.directory) or person.directory


def _names(entries: list[list[Person]]) -> dict[str, str | None]:
    """Each address and directory path of the export that may be the owner's (``entries``: each event's), in
    the order they first occur, with the first CN written with it (None where none is)."""
    names: dict[str, str | None] = {}
    for people in entries:
        for person in people:
            key = person.email or person.directory
            names[key] = names.get(key) or person.name
    return names


def _directory_addresses(names: dict[str, str | None]) -> dict[str, str]:
    """The address each directory path stands for, where the export tells: the one address whose local
    part is the path's alias (``…/cn=<hex>-dana.owner``: ``dana.owner@…``) or which is written with the
    path's CN. With two such addresses, or none, the path stands for none."""
    by_alias, by_name = defaultdict(set), defaultdict(set)
    for key, name in names.items():
        if not _is_path(key):
            by_alias[key.partition("@")[0].split("+", 1)[0]].add(key)
            if name:
                by_name[name.casefold()].add(key)
    known = {}
    for path, name in names.items():
        if _is_path(path):
            candidates = by_alias.get(directory_alias(path), set()) | by_name.get(name and name.casefold(), set())
            if len(candidates) == 1:
                known[path] = next(iter(candidates))
    return known


def declared_owner(calendar: icalendar.Calendar) -> Owner | None:
    """The calendar's X-OWNER (Outlook 2010 and later), None when it names no address."""
    prop = calendar.get("X-OWNER")
    person = _person(icalendar.vCalAddress(str(prop), params=prop.params)) if prop is not None else None
    if person is None or person.email is None:
        return None
    return Owner(person.email, person.name, "the calendar's owner (X-OWNER)")


def _name_of(owner: Owner, names: dict[str, str | None]) -> str | None:
    """The first CN written with the owner's address or one of the owner's directory paths."""
    identities = owner.directories | {owner.email}
    return next((name for key, name in names.items() if name and key in identities), None)


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
    if foreign and not any(_is_owner(p, owner) for p in people):
        return "another person's calendar, without the owner", [], left_out
    if absent := _owner_absent(event, people, owner):
        return absent, [], left_out
    others = []
    for person in people:
        if _is_owner(person, owner):
            continue
        if person.left_out or person.partstat in ABSENT or person.informed:
            left_out[person.left_out or (GUEST_INFORMED if person.informed else "declined by a guest")] += 1
        else:
            others.append(person)
    if others:
        return None, others, left_out
    free = not people and str(event.get("TRANSP") or "").upper() == "TRANSPARENT"
    return ("free, without guests" if free else "nobody but the owner"), [], left_out


def _confluence_no_meeting(event: icalendar.Event) -> str | None:
    """Why an event of Confluence's Team Calendars is no meeting (``SUBCALENDAR``), None for any other event."""
    kind = str(event.get(SUBCALENDAR) or "").strip().lower()
    if not kind:
        return None
    if kind in ABSENCE_TYPES:
        return ABSENCE
    all_day = not isinstance(event["DTSTART"].dt, datetime)
    return ROSTER if all_day and str(event.get("TRANSP") or "").upper() == "TRANSPARENT" else None


def invited(event: icalendar.Event, owner: Owner) -> list[Person]:
    """Everyone an invitation names but the owner, rooms and services: people known, not met."""
    return [person for person in people_of(event) if not (person.left_out or _is_owner(person, owner))]


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
    if entry.informed:
        return OWNER_INFORMED
    organizer = next(filter(None, map(_person, properties(event, "ORGANIZER"))), None)
    if entry.partstat in UNANSWERED and not (organizer and _is_owner(organizer, owner)):
        return "not answered by the owner"
    return None


def _is_owner(person: Person, owner: Owner) -> bool:
    """The owner's address, one of the owner's directory paths (Exchange), or the owner's name on an
    entry without any address (Outlook's ``invalid:nomail``): the owner never becomes a counterpart."""
    if person.email is not None:
        return person.email == owner.email or person.email in owner.aliases
    if person.directory is not None and person.directory in owner.directories:
        return True
    return owner.name is not None and person.name == owner.name
