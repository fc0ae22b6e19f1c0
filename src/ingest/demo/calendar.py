"""The owner's Google Calendar: ``calendar.ics``, as Google Calendar's "Export" writes it (RFC 5545).

Google's habits: ``X-WR-CALNAME`` is the owner's address, ``X-WR-TIMEZONE:Europe/Berlin``, one VTIMEZONE;
single events in UTC (``…Z``), series in ``TZID=Europe/Berlin`` (their UTC times move with daylight saving),
all-day events as ``VALUE=DATE``; ``DTSTAMP`` is the export time on every event; lines folded at 75 octets;
commas and semicolons escaped, a ``CN`` with a comma quoted. The organizer is listed as an attendee too,
and so is the owner on every event with guests. A guest's address is the e-mail a platform shows (LinkedIn,
XING) where there is one, else one of their address-book card, else a private one known nowhere; the
``CN`` is the address when Google knows no name. Someone on no platform invited by name only is written
``invalid:nomail`` [U: seen in Google exports of events copied from elsewhere; not verified].

Written per 200 people: 1:1 series (``SERIES``), in-person meetings, video calls (Meet in
``X-GOOGLE-CONFERENCE``, Zoom, Teams), lunches, phone calls (``tel:``), conferences with many guests.
Traps, none an interaction: invitations the contact declined, the owner declined, cancelled events,
events after ``as_of``, events with only the owner, yearly all-day birthdays, one VEVENT without DTSTART.
Each guest of each event adds a token to ``Person.via`` (``calendar`` where the event counts).
"""
from __future__ import annotations

import base64
import os
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from .addressbook import private_email
from .common import fold_octets
from .names import ALONE, COMPANIES, CONFERENCES, NICKNAMES, PLACES, RESTAURANTS, VENUES
from .people import Identities, Network, Person

FILE = "calendar.ics"
BERLIN = ZoneInfo("Europe/Berlin")
# Events per 200 people of each kind; the traps at least once whatever the size
PER_200 = {"series": 4, "meeting": 10, "video": 10, "lunch": 8, "call": 6, "conference": 3, "declined": 3,
           "owner_declined": 2, "cancelled": 3, "future": 4, "alone": 4, "birthday": 4}
VTIMEZONE = ("BEGIN:VTIMEZONE TZID:Europe/Berlin X-LIC-LOCATION:Europe/Berlin BEGIN:DAYLIGHT TZOFFSETFROM:+0100 "
             "TZOFFSETTO:+0200 TZNAME:CEST DTSTART:19700329T020000 RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU END:DAYLIGHT "
             "BEGIN:STANDARD TZOFFSETFROM:+0200 TZOFFSETTO:+0100 TZNAME:CET DTSTART:19701025T030000 "
             "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU END:STANDARD END:VTIMEZONE").split()
# 1:1 series: weeks apart, first instance (days from as_of), how it ends (COUNT n | UNTIL days from as_of),
# summary, and whether it is with someone never met
SERIES = ((1, -420, ("COUNT", 16), "1:1 {first} / Henrike", False),
          (2, -252, ("UNTIL", 91), "Jour fixe {first}", False),  # still running; EXDATE, one moved, one cancelled
          (1, -300, ("UNTIL", -120), "Mentoring {first}", False),
          (2, 10, ("COUNT", 6), "Onboarding {first}", True))  # starts after as_of


@dataclass(slots=True)
class Guest:
    person: Person
    partstat: str = "ACCEPTED"


@dataclass(slots=True)
class Event:
    summary: str
    start: datetime | date  # Berlin wall time, or a date: an all-day event
    length: timedelta
    guests: list[Guest]
    organizer: Person | None
    uid: str = ""
    dates: list[date] = field(default_factory=list)  # the days it takes place on (series: every instance)
    utc: bool = True  # Google writes single events in UTC, series in their time zone
    location: str = ""
    description: str = ""
    conference: str = ""
    status: str = "CONFIRMED"
    transp: str = "OPAQUE"
    rrule: str = ""
    exdates: list[datetime] = field(default_factory=list)
    recurrence_id: datetime | None = None
    malformed: bool = False  # planted: written without DTSTART
    created: str = ""  # CREATED and LAST-MODIFIED


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def utc_text(moment: datetime) -> str:
    return moment.replace(tzinfo=BERLIN).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def when(name: str, value: datetime | date, utc: bool) -> str:
    if not isinstance(value, datetime):
        return f"{name};VALUE=DATE:{value:%Y%m%d}"
    return f"{name}:{utc_text(value)}" if utc else f"{name};TZID=Europe/Berlin:{value:%Y%m%dT%H%M%S}"


class Planner:
    """Draws the events: guests for interactions from the people met, each trap from people never met."""

    def __init__(self, r: random.Random, net: Network, ids: Identities, as_of: date, hold_back: set[int]):
        self.r, self.net, self.ids, self.as_of = r, net, ids, as_of
        self.scale = len(net.people) / 200
        met = [p for p in net.people + net.offline_only if p.met_offline and id(p) not in hold_back]
        self.met = [p for p in met if r.random() < 0.65]
        unmet = [p for p in net.people if not p.met_offline and id(p) not in hold_back]
        r.shuffle(unmet)
        self.unmet, self.events, self.addresses = iter(unmet), [], {}
        self.by_name = False
        self.refs: dict[str, Person] = {net.owner.email: net.owner}
        self.used = {e for p in net.everyone() for e in (p.email, p.private_email) if e}
        self.weekdays = [d for d in range(4) if d not in (as_of.weekday(), (as_of.weekday() + 1) % 7)]

    def count(self, kind: str) -> int:
        return max(1, round(PER_200[kind] * self.scale))

    def pick_met(self, k: int = 1) -> list[Person]:
        if not self.met:
            return []
        chosen = {id(p): p for p in self.r.choices(self.met, [0.2 + p.tie for p in self.met], k=k)}
        return list(chosen.values())

    def pick_unmet(self) -> Person | None:
        return next(self.unmet, None)  # each trap with its own person

    def uid(self) -> str:
        code = base64.b32encode(self.r.getrandbits(128).to_bytes(16, "big")).decode("ascii")
        return f"{code[:26].lower()}@google.com"

    def past_day(self) -> date:
        day = self.as_of - timedelta(days=self.r.randint(8, 730))  # before the export, a week before as_of
        return day - timedelta(days=max(day.weekday() - 4, 0))

    def at(self, day: date, lo: int = 8, hi: int = 18) -> datetime:
        return datetime.combine(day, time(self.r.randint(lo, hi), self.r.choice((0, 0, 30))))

    def address(self, p: Person) -> tuple[str, str]:
        """(calendar address, CN) of a person, the same on every event; registers the calendar account."""
        if id(p) not in self.addresses:
            self.addresses[id(p)] = self.choose_address(p)
            email, cn = self.addresses[id(p)]
            ref = email.lower() or cn
            if self.refs.setdefault(ref, p) is not p:  # a name already used by someone else: give an address
                email = private_email(self.r, p, self.used)
                self.addresses[id(p)], ref = (email, cn), email
                self.refs[ref] = p
            self.net.extra_refs.append(("calendar", ref, p))
            self.net.shown[("calendar", ref)].append((p, cn, email, ""))
        return self.addresses[id(p)]

    def choose_address(self, p: Person) -> tuple[str, str]:
        r, shown = self.r, (p.linkedin and p.linkedin.email) or (p.xing and p.xing.email)
        roll, nick = r.random(), r.choice(NICKNAMES.get(p.first, ("",)))
        if p is self.net.owner:
            return p.email, p.email  # the primary calendar is named after its address
        if p.role == "offline" and (roll < 0.4 or not self.by_name):
            email, self.by_name = "", True  # invited by name only (at least one such guest)
        elif shown and roll < 0.8:
            email = shown
        elif p.card and p.card.emails and roll < 0.9:
            email = r.choice(p.card.emails)
        else:
            email = private_email(r, p, self.used)  # known nowhere else: only the name can link it
        style = r.random()
        if email and style < 0.15:
            return email, email  # Google knows no name for this address
        if style < 0.22 and nick:
            return email, f"{nick} {p.last}"
        return email, f"{p.last}, {p.first}" if style < 0.27 else p.plain

    def add(self, event: Event) -> Event:
        event.uid = event.uid or self.uid()
        if not event.dates and not event.malformed:
            event.dates = [event.start.date() if isinstance(event.start, datetime) else event.start]
        for guest in event.guests:
            self.address(guest.person)
        self.record(event)
        self.events.append(event)
        return event

    def record(self, event: Event) -> None:
        owner = self.net.owner
        owner_declined = any(g.person is owner and g.partstat == "DECLINED" for g in event.guests)
        for g in event.guests:
            if g.person is not owner:
                g.person.via.add(self.evidence(event, g, owner_declined))

    def evidence(self, event: Event, g: Guest, owner_declined: bool) -> str:
        """What this event is for this guest: an interaction, or the trap it fell into."""
        if event.malformed:
            return "calendar-malformed"
        if event.status == "CANCELLED":
            return "calendar-cancelled"
        if owner_declined:
            return "calendar-owner-declined"
        if g.partstat == "DECLINED":
            return "calendar-declined"
        if min(event.dates) > self.as_of:
            return "calendar-future"
        email, cn = self.address(g.person)
        return "calendar" if self.ids.resolves(g.person, "" if cn == email else cn, email) else "calendar-ambiguous"

    def meeting(self, kind: str, guests: list[Person], day: date) -> Event:
        """One of the ordinary interactions; the organizer is the owner or the first guest."""
        r, owner, first = self.r, self.net.owner, guests[0]
        organizer = owner if r.random() < 0.6 else first
        event = Event("", self.at(day), timedelta(minutes=r.choice((30, 45, 60, 90))),
                      [Guest(owner)] + [Guest(p) for p in guests], organizer)
        names = " & ".join(p.first for p in guests)
        if kind == "meeting":
            event.summary = r.choice((f"Kaffee mit {names}", f"Treffen {names}", "Workshop Datenstrategie, Teil 2",
                                      f"Catch-up {first.first} / Henrike", "Coworking"))
            event.location = r.choice(PLACES)
        elif kind == "video":
            self.video(event, names)
        elif kind == "lunch":
            event.summary = r.choice((f"Lunch mit {names}", f"Mittagessen {names}", "Lunch"))
            event.start, event.location = self.at(day, 12, 13), r.choice(RESTAURANTS)
        else:
            event.summary = r.choice((f"Call with {first.plain}", f"Anruf {first.first}"))
            number = first.mobile or first.phone
            event.location = f"tel:{number.replace(' ', '')}" if number else ""
        return event

    def video(self, event: Event, names: str) -> None:
        r = self.r
        event.summary = r.choice((f"Video call: {names} / Henrike", f"Sync {names}", "Intro call",
                                  f"{names} <> Henrike"))
        style, code = r.random(), "".join(r.choice("abcdefghijkmnopqrstuvwxyz") for _ in range(10))
        if style < 0.5:
            link = f"https://meet.google.com/{code[:3]}-{code[3:7]}-{code[7:]}"
            event.conference, event.location = link, r.choice(("", link))
            event.description = f"Join with Google Meet: {link}\nOr dial: (DE) +49 30 300195061 PIN: 123456789#"
        elif style < 0.8:
            meeting = r.randrange(10**10, 10**11)
            event.location = f"https://us06web.zoom.us/j/{meeting}?pwd={code}"
            event.description = (f"Join Zoom Meeting\n{event.location}\n\nMeeting ID: {meeting}\n"
                                 f"Passcode: {meeting % 10**6}")
        else:
            event.location = "Microsoft Teams Meeting"
            event.description = ("Microsoft Teams meeting\nJoin: "
                                 f"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{code}")

    def conference(self, i: int) -> Event | None:
        """Many guests, most accepted; every third one all-day over two days (``VALUE=DATE``)."""
        guests, r, day = self.pick_met(self.r.randint(10, 25)), self.r, self.past_day()
        if not guests:
            return None
        statuses = r.choices(("ACCEPTED", "NEEDS-ACTION", "TENTATIVE", "DECLINED"), (70, 15, 10, 5), k=len(guests))
        statuses[0] = "ACCEPTED"  # the first guest may be the organizer
        name = r.choice(CONFERENCES).format(n=r.randint(20, 80), y=day.year, c=r.choice(COMPANIES))
        start, length = (day, timedelta(days=2)) if i % 3 == 1 else (self.at(day, 17, 18), timedelta(hours=3))
        return Event(name, start, length, [Guest(self.net.owner)] + [Guest(p, s) for p, s in zip(guests, statuses)],
                     guests[0] if i % 2 else self.net.owner, location=r.choice(VENUES),
                     description="Agenda, Slides und Anfahrt: siehe Link im Wiki")


def series_dates(start: datetime, weeks: int, count: int | None = None, until: date | None = None) -> list[datetime]:
    out, current = [], start
    while (count is None or len(out) < count) and (until is None or current.date() <= until):
        out.append(current)
        current += timedelta(weeks=weeks)
    return out


def plan_series(pl: Planner, i: int) -> None:
    """A 1:1 series after ``SERIES[i % 4]``, on a weekday that is neither ``as_of`` nor the day after."""
    weeks, offset, (end, value), summary, never_met = SERIES[i % 4]
    person = pl.pick_unmet() if never_met else next(iter(pl.pick_met()), None)
    if person is None:
        return
    r, weekday, day = pl.r, pl.r.choice(pl.weekdays), pl.as_of + timedelta(days=offset)
    start = datetime.combine(day + timedelta(days=(weekday - day.weekday()) % 7), time(r.choice((9, 10, 16)), 30))
    rule = f"FREQ=WEEKLY;WKST=MO;{'INTERVAL=2;' if weeks == 2 else ''}"
    if end == "COUNT":
        rule, instances = f"{rule}COUNT={value}", series_dates(start, weeks, count=value)
    else:
        until = pl.as_of + timedelta(days=value)  # in UTC, as RFC 5545 wants it beside a TZID start
        rule, instances = f"{rule}UNTIL={utc_text(datetime.combine(until, time(23, 59, 59)))}", \
            series_dates(start, weeks, until=until)
    master = Event(summary.format(first=person.first), start, timedelta(minutes=30),
                   [Guest(pl.net.owner), Guest(person)], person if i % 4 == 2 else pl.net.owner, utc=False,
                   rrule=f"{rule};BYDAY={'MO TU WE TH'.split()[weekday]}", dates=[d.date() for d in instances],
                   location=r.choice(PLACES[:3]))
    if i % 4 == 1 and len(instances) > 7:
        plant_exceptions(pl, master, instances)
    pl.add(master)


def plant_exceptions(pl: Planner, master: Event, instances: list[datetime]) -> None:
    """A holiday (EXDATE), an instance moved to the next day (RECURRENCE-ID), one cancelled the same way."""
    skipped, moved, cancelled = instances[2], instances[4], instances[6]
    master.exdates = [skipped]
    master.uid = pl.uid()
    new_start = moved + timedelta(days=1, hours=1)
    master.dates = [new_start.date() if d == moved else d.date() for d in instances if d not in (skipped, cancelled)]
    for start, status in ((new_start, "CONFIRMED"), (cancelled, "CANCELLED")):
        pl.add(Event(master.summary, start, master.length, master.guests, master.organizer, master.uid,
                     [start.date()], False, master.location, status=status,
                     recurrence_id=moved if status == "CONFIRMED" else cancelled))


def plan_traps(pl: Planner) -> Event | None:
    """Events that are no interaction, each with someone never met (the one way a mistake would show).

    Returns the first invitation a contact declined."""
    r, owner, declined = pl.r, pl.net.owner, None
    for kind in ("declined", "owner_declined", "cancelled", "future"):
        for i in range(pl.count(kind)):
            person = pl.pick_unmet()
            if person is None:
                return declined
            day = pl.as_of + timedelta(days=r.randint(3, 90)) if kind == "future" else pl.past_day()
            event = pl.meeting(r.choice(("meeting", "video", "lunch")), [person], day)
            if i == 0 and kind in ("declined", "future"):  # a group: others, met elsewhere, accept
                event.guests += [Guest(p) for p in pl.pick_met(2) if p is not person]
            if kind == "declined":
                event.organizer, event.guests[1].partstat = owner, "DECLINED"
                declined = declined or event
            elif kind == "owner_declined":
                event.organizer, event.guests[0].partstat = person, "DECLINED"
            elif kind == "cancelled":
                event.status = "CANCELLED"
            pl.add(event)
    for i in range(pl.count("alone")):
        alone = [Guest(owner)] if i == 0 else []  # Google lists the owner alone, or nobody
        pl.add(Event(r.choice(ALONE), pl.at(pl.past_day()), timedelta(hours=1), alone, owner))
    for _ in range(pl.count("birthday")):
        plan_birthday(pl, r.choice(pl.net.people))
    return declined


def plan_birthday(pl: Planner, p: Person) -> None:
    """A yearly all-day reminder, free time, nobody invited: a name in a summary is no meeting."""
    r = pl.r
    born = date.fromisoformat(p.card.bday) if p.card and p.card.bday else \
        date(r.randrange(1960, 2000), r.randrange(1, 13), r.randrange(1, 29))
    summary = r.choice((f"Geburtstag {p.plain}", f"Geburtstag {p.first}", f"{p.plain}'s birthday"))
    pl.add(Event(summary, born, timedelta(days=1), [], pl.net.owner, transp="TRANSPARENT", rrule="FREQ=YEARLY"))


def plan_events(pl: Planner) -> None:
    for i in range(pl.count("series")):
        plan_series(pl, i)
    for kind in ("meeting", "video", "lunch", "call"):
        for _ in range(pl.count(kind)):
            guests = pl.pick_met(1 if pl.r.random() < 0.8 else pl.r.randint(2, 3))
            if guests:
                pl.add(pl.meeting(kind, guests, pl.past_day()))
    for p in [q for q in pl.met if q.role == "offline"][:pl.count("call")]:  # family, neighbours: no platform
        pl.add(pl.meeting(pl.r.choice(("lunch", "meeting", "call")), [p], pl.past_day()))
    for i in range(pl.count("conference")):
        event = pl.conference(i)
        if event:
            pl.add(event)
    trapped = plan_traps(pl)
    if trapped:  # planted: a VEVENT without DTSTART, with a guest the declined invitation also names
        pl.add(Event("Kaffee", pl.at(pl.past_day()), timedelta(hours=1), trapped.guests[:2], pl.net.owner,
                     malformed=True))


def cal_address(email: str) -> str:
    return f"mailto:{email}" if email else "invalid:nomail"


def param(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ",;:") else value


def event_lines(pl: Planner, e: Event, stamp: str) -> list[str]:
    """One VEVENT in Google's property order."""
    lines = ["BEGIN:VEVENT"] + ([] if e.malformed else [when("DTSTART", e.start, e.utc)])
    lines.append(when("DTEND", e.start + e.length, e.utc))
    lines += [f"RRULE:{e.rrule}"] if e.rrule else []
    lines += [when("EXDATE", x, False) for x in e.exdates]
    lines.append(f"DTSTAMP:{stamp}")
    if e.organizer:
        email, cn = pl.address(e.organizer)
        lines.append(f"ORGANIZER;CN={param(cn)}:{cal_address(email)}")
    lines.append(f"UID:{e.uid}")
    lines += [when("RECURRENCE-ID", e.recurrence_id, False)] if e.recurrence_id else []
    for g in e.guests:
        email, cn = pl.address(g.person)
        rsvp = "RSVP=TRUE;" if g.partstat == "NEEDS-ACTION" else ""
        lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={g.partstat};{rsvp}"
                     f"CN={param(cn)};X-NUM-GUESTS=0:{cal_address(email)}")
    lines += [f"X-GOOGLE-CONFERENCE:{e.conference}"] if e.conference else []
    lines += [f"CREATED:{e.created}", f"DESCRIPTION:{escape(e.description)}", f"LAST-MODIFIED:{e.created}",
              f"LOCATION:{escape(e.location)}", "SEQUENCE:0", f"STATUS:{e.status}", f"SUMMARY:{escape(e.summary)}",
              f"TRANSP:{e.transp}", "END:VEVENT"]
    return lines


def set_creation_times(pl: Planner, export: datetime) -> None:
    """When each event was created: days to weeks before it, never after the export."""
    for e in pl.events:
        start = e.start if isinstance(e.start, datetime) else datetime.combine(e.start, time(9))
        moment = min(start - timedelta(days=pl.r.randint(1, 40), minutes=pl.r.randint(0, 600)),
                     export - timedelta(days=1))
        moment = max(moment, export - timedelta(days=6 * 365))  # a birthday entered years after the birth
        e.created = moment.strftime("%Y%m%dT%H%M%SZ")


def write_calendar(r: random.Random, net: Network, ids: Identities, inbox: Path, as_of: date, export: datetime,
                   hold_back: set[int]) -> Path:
    """``calendar.ics``; every guest's evidence goes to ``Person.via`` and their account to the labels."""
    pl = Planner(r, net, ids, as_of, hold_back)
    plan_events(pl)
    set_creation_times(pl, export)
    stamp = export.strftime("%Y%m%dT%H%M%SZ")
    head = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{net.owner.email}", "X-WR-TIMEZONE:Europe/Berlin",
            *VTIMEZONE]
    path = inbox / FILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("".join(fold_octets(line) for line in head))
        for e in sorted(pl.events, key=lambda e: (e.uid, e.recurrence_id is not None, e.recurrence_id or e.start)):
            handle.write("".join(fold_octets(line) for line in event_lines(pl, e, stamp)))
        handle.write("END:VCALENDAR\r\n")
    written = export.replace(tzinfo=timezone.utc).timestamp()  # saved when it was exported, as a download is
    os.utime(path, (written, written))
    return path
