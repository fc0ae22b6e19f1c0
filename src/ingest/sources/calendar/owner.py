"""Whose calendar it is: the owner of an export's calendars, found from their names, X-OWNER, or the address (or
name) in most events, with the owner's directory paths (Exchange) and other addresses (Zimbra)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

import icalendar

from ...normalise import normalise_email
from .people import NAMELESS, Owner, Person, directory_alias, is_owner, people_of, person_of
from .reading import properties

# A saved invitation (METHOD:REQUEST) is the organiser's message: whoever saved it is normally one of the guests,
# so the organiser is no owner by a tie-break (sudhansuaws/winner ``invite.ics``, maseric/MailDecoder
# ``Calendar.ics``: one event, everyone in it once).
PHONE_OWNER = "X-PHONEOWNER"
PHONE_OWNER_HOW = "the attendee marked as the phone's owner (X-PHONEOWNER, vCalendar 1.0)"
INVITED_ATTENDEE = "X-MOZ-INVITED-ATTENDEE"
INVITED_ATTENDEE_HOW = "the address Thunderbird marks as the owner's (X-MOZ-INVITED-ATTENDEE)"
CALENDAR_NAME_HOW = "the calendar's name (X-WR-CALNAME)"
INVITATION_OWNER = ("not known (a saved invitation, METHOD:REQUEST: the organiser sent it, and no address is in more "
                    "events than the others)")
# Where no address stands out (several in as many events as the one in most, none organising more), the alphabetically
# first was the owner: pimutils/khal ``tests/ics/event_dt_partstat.ics``, one event, no ORGANIZER, six guests, made
# the one who declined the owner, and its meeting nobody's. Whose the calendar is, nothing tells: not known.
TIED_OWNER = "not known (no address stands out: {tied} are each in {count} of {events} events, none organising more)"


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
    owner is in nearly every event of their own calendar (ties: the more frequent organizer; where that ties
    too, the owner is not known: ``TIED_OWNER``); where a name written without any address is in more events than any
    address (Outlook's calendar CSV), that name (``_owner_by_name``). ``calendars`` are (X-WR-CALNAME, events)
    pairs of the export. In a saved invitation (``invitation``: every calendar is METHOD:REQUEST) the organiser
    wins no tie: the owner is then not known (``INVITATION_OWNER``).

    Exchange writes the owner's own meetings with a directory path as organizer (``_DIRECTORY_PATH``):
    a path counts as the address it stands for (``_directory_addresses``), a path that stands for none
    as an address of its own, and the owner is known by every path that stands for the owner's address."""
    events = _voting([event for _, calendar_events in calendars for event in calendar_events])
    everyone = [people_of(event) for event in events]  # each event's, read once
    entries = [list(filter(_countable, people)) for people in everyone]
    by_name = Counter(name for people in everyone for name in {p.name for p in people if _named_only(p)})
    naming = sum(1 for people in everyone if any(_named_only(p) or _countable(p) for p in people))
    names = _names(entries)
    known = _directory_addresses(names)
    counts, organized = Counter(), Counter()
    for event, people in zip(events, entries):
        counts.update({_identity(p, known) for p in people})
        organizers = filter(None, map(person_of, properties(event, "ORGANIZER")))
        organized.update(_identity(p, known) for p in organizers if _countable(p))
    owner = _owner(calendars, declared, counts, organized, len(events), by_name, naming, invitation)
    if owner.how == INVITATION_OWNER:
        owner = _guest_of_every_invitation(events, counts, organized) or owner
    if owner.email:
        owner = replace(owner, directories=frozenset(path for path, email in known.items() if email == owner.email))
    owner = replace(owner, name=owner.name or _name_of(owner, names))
    aliases = _aliases(owner, entries)
    if aliases:
        how = f"{owner.how}; {len(aliases)} other address(es) written only with the owner's name taken as the owner's"
        owner = replace(owner, aliases=aliases, how=how)
    return owner


def owner_of_file(calendars: list[icalendar.Calendar], export_owner: Owner) -> Owner:
    """The owner of one file of the export: the export's owner (``find_owner`` over every file) where the file names
    them, else the owner the file's own name, X-OWNER or events tell (``find_owner`` over the file alone), else the
    export's. Files written apart tell their owners apart: a Confluence team calendar, its one weekly WfH entry
    organised and attended by its owner (niccokunzmann/python-recurring-ical-events
    ``test/calendars/issue_4.ics``), read beside a Google calendar named after another address
    (``benchmark/issue42.ics``), took that address for its owner: its own owner was met in person 77 times.
    A calendar named after someone else, where the export's owner too is known by a calendar's name, stays
    someone else's (a colleague's calendar exported along: see ``_owner``)."""
    known = export_owner.ref or export_owner.directories  # an export whose owner is not known: no file tells one
    if not (calendars and known) or any(_names_owner(calendar, export_owner) for calendar in calendars):
        return export_owner
    own = owner_of_calendars(calendars)
    same = (own.ref, own.directories) == (export_owner.ref, export_owner.directories)
    named_apart = own.how.startswith(CALENDAR_NAME_HOW) and export_owner.how.startswith(CALENDAR_NAME_HOW)
    if same or named_apart or not (own.ref or own.directories):
        return export_owner
    return replace(own, how=f"{own.how}, in this file (the export's owner, by {export_owner.how}, is in none of its "
                            "events)")


def owner_of_calendars(calendars: list[icalendar.Calendar]) -> Owner:
    """``find_owner`` over these calendars (saved invitations when every one is METHOD:REQUEST)."""
    return find_owner([(str(c.get("X-WR-CALNAME") or ""), list(c.walk("VEVENT"))) for c in calendars],
                      [owner for c in calendars if (owner := declared_owner(c))],
                      bool(calendars) and all(is_invitation(c) for c in calendars))


def is_invitation(calendar: icalendar.Calendar) -> bool:
    """A meeting invitation (``METHOD:REQUEST``, RFC 5546) rather than a calendar (``PUBLISH``, or no METHOD)."""
    return str(calendar.get("METHOD") or "").strip().upper() == "REQUEST"


def _names_owner(calendar: icalendar.Calendar, owner: Owner) -> bool:
    """The calendar is named after the owner, or one of its events names the owner (as organiser or guest)."""
    if owner.email and calendar_address(calendar.get("X-WR-CALNAME")) == owner.email:
        return True
    return any(is_owner(person, owner) for event in calendar.walk("VEVENT") for person in people_of(event))


def _voting(events: list[icalendar.Event]) -> list[icalendar.Event]:
    """The events that tell whose calendar it is: a cancelled one (``STATUS:CANCELLED``) names whoever the organiser
    invited to what did not take place (node-ical ``test/fixtures/tentative-apple-calendar.ics``: a cancelled
    meeting's guest, in as many events as the owner). All of them where every event is cancelled."""
    kept = [event for event in events if str(event.get("STATUS") or "").strip().upper() != "CANCELLED"]
    return kept or events


def _guest_of_every_invitation(events: list[icalendar.Event], counts: Counter, organized: Counter) -> Owner | None:
    """In a folder of saved invitations (every calendar METHOD:REQUEST) to at least two meetings, the one address in
    every invitation that organises none: each invitation went to whoever saved them all. Lotus Notes' invitations
    in ical4j's samples (``valid/calconnect.ics`` to ``calconnect9.ics``: four meetings, nine messages, the same
    chair and the same guest in each) had no owner. One invitation tells nothing (its guests are all alike), nor do
    several where two guests are in every one; None then."""
    meetings = {str(event.get("UID") or "").strip() or id(event) for event in events}
    if len(meetings) < 2:
        return None
    everywhere = [identity for identity, count in counts.items()
                  if count == len(events) and not organized[identity] and not _is_path(identity)]
    if len(everywhere) != 1:
        return None
    return Owner(everywhere[0], None, f"the guest in every saved invitation (METHOD:REQUEST) who organises none "
                                      f"({len(events)} invitations to {len(meetings)} meetings)")


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
        return Owner(named[0], None, CALENDAR_NAME_HOW)
    if named:  # a colleague's calendar exported along with the owner's [U]: the address in more events
        email = min(named, key=lambda a: (-counts[a], -organized[a], a))
        how = f"{CALENDAR_NAME_HOW} in most events, of {len(named)} calendars named by an address"
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
    tied = sum(1 for a in counts if (counts[a], organized[a]) == (counts[found], organized[found]))
    if tied > 1:
        return Owner(None, None, TIED_OWNER.format(tied=tied, count=counts[found], events=events), tied=True)
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
    """The calendar's X-OWNER (Outlook 2010 and later), None when it names no address; in vCalendar 1.0, the
    attendee marked as the phone's owner (``phone_owner``); else the address Thunderbird marks as its own
    (``invited_attendee``)."""
    prop = next(iter(properties(calendar, "X-OWNER")), None)  # the first, where a damaged file writes two
    person = person_of(icalendar.vCalAddress(str(prop), params=prop.params)) if prop is not None else None
    if person is None or person.email is None:
        if str(calendar.get("VERSION") or "").strip() == "1.0":
            return phone_owner(calendar)
        return invited_attendee(calendar)
    return Owner(person.email, person.name, "the calendar's owner (X-OWNER)")


def invited_attendee(calendar: icalendar.Calendar) -> Owner | None:
    """The address Thunderbird (``Mozilla.org/NONSGML Mozilla Calendar``) writes as ``X-MOZ-INVITED-ATTENDEE`` in an
    invitation it received: the identity of the calendar's owner it was sent to. Seen in a Teams series accepted in
    Thunderbird (Kozea/Radicale ``radicale/tests/static/event_issue2151.ics``: one organiser, three guests, the
    owner the one who accepted): each address was in both events, and the tie made the organiser the owner, every
    meeting one with the wrong people. Where events mark several, the one in most of them; None where none is."""
    marked = Counter(person.email for event in calendar.walk("VEVENT") for prop in properties(event, INVITED_ATTENDEE)
                     if (person := person_of(icalendar.vCalAddress(str(prop)))) is not None and person.email)
    if not marked:
        return None
    email, count = min(marked.items(), key=lambda item: (-item[1], item[0]))
    events = sum(1 for event in calendar.walk("VEVENT") if INVITED_ATTENDEE in event)
    return Owner(email, None, f"{INVITED_ATTENDEE_HOW} ({count} of {events} events marking one)")


def phone_owner(calendar: icalendar.Calendar) -> Owner | None:
    """The attendee a Sony Ericsson phone marks ``X-PHONEOWNER`` (P990, gammu/gammu ``tests/vcal/p990.vcs``: the
    organiser, in every event the owner made), None when none is. Marked so, it is the owner even where its address
    is not one: the guest beside it was taken for the owner, by the address in most events."""
    for event in calendar.walk("VEVENT"):
        for address in properties(event, "ATTENDEE"):
            if PHONE_OWNER in getattr(address, "params", {}):
                person = person_of(address)
                if person is not None and person.email:
                    return Owner(person.email, person.name, PHONE_OWNER_HOW)
                return Owner(None, person and person.name, f"{PHONE_OWNER_HOW}, written without an address")
    return None


def _name_of(owner: Owner, names: dict[str, str | None]) -> str | None:
    """The first CN written with the owner's address or one of the owner's directory paths."""
    identities = owner.directories | {owner.email}
    return next((name for key, name in names.items() if name and key in identities), None)
