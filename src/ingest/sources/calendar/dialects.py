"""Writers that name people their own way, made iCalendar before anyone is read from their events.

Applied to each calendar as it is read (``parsing``), so that ``people`` keeps one set of rules for who
an event names and who took part, whatever wrote the file. Scoped by what the calendar declares:

vCalendar 1.0 (Versit, 1996; ``VERSION:1.0``, files named ``.vcs``). Seen from Nokia's Symbian agenda
(``X-EPOCAGENDAENTRYTYPE``, ``X-SYMBIAN-…``: a Funambol sync server's test ``test_Importance_vcal``,
code index id 263760150, and Symbian's Versit tests, id 10925994978) and Funambol's Outlook client
(``WinEventTest``, id 28589197136). icalendar parses it (it checks no VERSION), but an attendee is
written another way:

- its value is an address, no ``mailto:`` URI: ``jan.berg@example.org`` or, as the specification's
  example and Funambol write it, ``Jan Berg <jan.berg@example.org>``. Symbian encodes it
  quoted-printable (``jan.berg=40example.org``, after a soft line break that ``reading`` joins);
- its name is ``X-CN`` (Symbian) or the name before the ``<address>``: vCalendar has no ``CN``;
- a parameter may have no value, as in vCard 2.1 (``TEL;HOME:``): Sony Ericsson's P990 marks the phone's owner
  ``ATTENDEE;ROLE=ORGANIZER;STATUS=NEEDS ACTION;RSVP=NO;EXPECT=FYI;X-PHONEOWNER:<address>`` (gammu/gammu
  ``tests/vcal/p990.vcs``). icalendar refuses the line, and the owner was lost; ``salvage_people`` reads it with the
  bare parameter ``=TRUE`` (``X-PHONEOWNER=TRUE``), and ``owner.declared_owner`` takes that attendee for the owner;
- the response is ``STATUS=`` with vCalendar's values, read as the PARTSTAT they stand for
  (``STATUS_AS_PARTSTAT``), so that ``people``'s rules decide as for any calendar;
- the organizer is the attendee with ``ROLE=ORGANIZER`` (Symbian, beside an empty ``ORGANIZER:``;
  its status stays ``NEEDS ACTION``) or ``ROLE=OWNER`` (Funambol): made the ORGANIZER.

``EXPECT=`` (Symbian writes ``FYI`` for everyone, the organizer too) and ``RSVP=`` say nothing about who
was there. SUMMARY, LOCATION and DESCRIPTION are decoded too where quoted-printable (phones write
``SUMMARY;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:``, a Sony Ericsson event in a library's test, id
28677343808): ``modes`` reads their words. Not translated: vCalendar's own RRULE (``W1 FR #4``), which
icalendar reads as a rule without parts, so that a series is read once, at its start; times without
``Z`` are read as floating, not against ``TZ:`` (Symbian writes UTC); a bare ``;QUOTED-PRINTABLE``
parameter (no ``ENCODING=``), which icalendar refuses with its line.

Lotus Notes, 6.0 to 12.0 (``PRODID:-//Lotus Development Corporation//NONSGML Notes …``: vpim's tests,
id 11152498010; a Notes 9.0.1 invitation, id 14427231628; Zimbra's CalDAV tests, Notes 8.5.3, id
2859109833). A person's CN is Notes' hierarchical name, abbreviated: ``CN="Carmen Ortiz/Acme"``
(``name/unit/…/organisation``). The name is what comes before the first "/". Only in Notes' calendars:
elsewhere a "/" belongs to the name as written (``Meyer/Schmidt``), and nothing tells the two apart.

Any writer, iCalendar 2.0 too: a person's value that is a bare address (``ATTENDEE;CN=Jana Kowal:jana@example.org``,
no ``mailto:``; hand-typed guests in ownCloud and rapla, vCalendar 1.0's form) is that address; a CN written as
``Name (address)`` (Outlook, Exchange: ``CN=Jonas Berg (jberg@example.org)``) is the name before it. Also:

- a CalDAV principal's path with the address in it, percent-encoded (Apple Calendar on a Radicale server,
  macOS 10.15: ``ATTENDEE;PARTSTAT=ACCEPTED;ROLE=CHAIR:/radicale/jana%40example.org/`` and the same as ORGANIZER,
  TimDaub/simple-caldav issue #20) is that address. Read as nobody, the owner was missing from each of their own
  events, a guest taken for the owner, and the meeting lost;
- a CN in single quotes (``CN='Jan Berg'``, ``CN="'jan@example.org'"``: Outlook's one-off addresses, as Exchange's
  CDO wrote them in 2004, ical4j's ``valid/tmeher.ics``, and as Outlook's data reached a CalDAV sync in 2016,
  aluxnimm/outlookcaldavsynchronizer issue #173) is the name inside them;
- an ORGANIZER or ATTENDEE line icalendar cannot parse is read leniently (``salvage_people``): its address after
  the last ``mailto:`` and its CN, PARTSTAT, CUTYPE and ROLE. Seen: ``SCHEDULE-STATUS="3.7;Invalid Calendar
  User";INVALID CALENDAR USER":mailto:…``, a quote too many (skarim/vobject issue #72, 2017: "a real-life
  example"). icalendar leaves such a line out without a word: the guest was lost;
- a guest written as a name alone, no address and no CN (``ATTENDEE:Jana``): kalender.digital, a booking service
  (``PRODID:kalender.digital``), writes who booked or hosts an event so, typed by hand, several in one value:
  ``ATTENDEE:Jana\\, Ole``, ``Jana|Ole|Mia``, ``Jana und Ole``, ``Jana & Ole``, ``Jana/Ole``, ``jana\\;``
  (davidfoerster/irrlicht-kalender-backup, ``irrlichtev.ics``: 780 of 820 events, read as nobody). Each part is
  a guest known by that name (``CN``), as Outlook's guests without an address are; counted for the file's note
  (``NAMES_ONLY``). A value with a scheme (``invalid:nomail``, ``urn:uuid:…``), an ``@`` or a "/" at its start
  (Exchange's directory path) is none;
- a CN with a comma left unquoted (``CN=Kowal, Jana``: Tutanota 3.82 wrote its guests so, tutao/tutanota
  issues #2910 and #2962, 2021) is that name, comma and all: icalendar reads a list of the parts, and the
  guest's name read as ``['Kowal', ' Jana']``.

Events read as their writer meant them (``as_icalendar`` counts each for the file's note):

- a series whose RRULE ends (UNTIL) before its own start: Outlook.com and Exchange 2010 wrote
  ``RRULE:FREQ=YEARLY;BYMONTHDAY=22;BYMONTH=7;UNTIL=20210721T220000Z`` for a series starting on 22 July 2021
  (nextcloud/calendar issue #2635; nextcloud/server issue #25349: "other calendar clients show one event").
  recurring-ical-events gives no instance at all, and every guest of the series was lost without a word. Read
  once, at its start, as RFC 5545 §3.8.5.3 has it ("DTSTART … always counts as the first occurrence").
- a DURATION below zero: ``DTSTART;VALUE=DATE:20210401`` with ``DURATION:-PT1W1D2H3M4S`` (jens-maus/node-ical
  ``test/fixtures/bad_custom_ms_tz.ics``, a Google event's shape). recurring-ical-events starts such an event at its
  end, a week and more before the day written. A meeting is placed by its start: the duration is left out.

Lines icalendar would misread, rewritten before it parses them (``as_icalendar_line``):

- Google's birthdays calendar (``Google Calendar 70.9054``) wrote the birthdays of earlier years as
  ``RDATE:20131210Z``: a date with a UTC "Z", which no date has. Read as the date (``RDATE;VALUE=DATE:…``).
- A time with a space before it: ``DTEND: 20240812T223000Z`` (``PRODID:-//Force.com Labs//iCalendar Export//EN``,
  Salesforce, in a bank's appointment e-mailed in 2024: py-vobject/vobject issue #50 and its ``vobject_0050.ics``).
  icalendar refuses the value, and the event was quarantined. Read without the spaces around it.
- Synology Calendar (``PRODID:-//Synology//EN``) gives an all-day event a DURATION instead of a DTEND and writes a
  week as if it were a time: ``DTSTART:20240215`` with ``DURATION:PT1W`` (jens-maus/node-ical
  ``test/fixtures/test_date_duration.ics``; the same with ``DTSTART;VALUE=DATE:…``). RFC 5545 has weeks and days
  before the "T" only (``P1W``, ``P1DT2H``): icalendar refuses the value, and the event was quarantined
  ("DURATION: not a valid value"), its guests lost. Weeks and days written after the "T" are read before it
  (``PT1W`` as ``P1W``, ``-PT1W1D2H`` as ``-P1W1DT2H``).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from urllib.parse import unquote

import icalendar

from ..vcard_lines import unquoted
from .expansion import as_utc
from .people import directory_path
from .reading import properties, unfolded
from .zone_dialects import MINUTES_SECONDS, display_zones, microsoft_zones, minutes_seconds, zone_line

# vCalendar 1.0's STATUS parameter of an attendee, as iCalendar's PARTSTAT (``people.ABSENT`` and
# ``people.UNANSWERED`` decide from those). SENT: the invitation went out, not answered yet; CONFIRMED:
# the attendee confirmed; COMPLETED (a to-do's "done") is PARTSTAT's own value.
STATUS_AS_PARTSTAT = {"ACCEPTED": "ACCEPTED", "CONFIRMED": "ACCEPTED", "TENTATIVE": "TENTATIVE",
                      "DECLINED": "DECLINED", "DELEGATED": "DELEGATED", "NEEDS ACTION": "NEEDS-ACTION",
                      "SENT": "NEEDS-ACTION", "COMPLETED": "COMPLETED"}
ORGANIZER_ROLES = {"ORGANIZER", "OWNER"}
TEXTS = ("SUMMARY", "LOCATION", "DESCRIPTION")
LOTUS_NOTES = re.compile(r"\s*-//Lotus Development Corporation//NONSGML Notes\b", re.I)
_ADDRESS = r"[^\s<>():@]+@[^\s<>()@]+"  # no scheme: a mailto: value is read as it is
# A name is at most NAME_CHARS long and the spaces before it are taken whole (``\s*+``): otherwise both patterns took
# time growing with the cube of a run of spaces (2,000 of them: 7 s)
NAME_CHARS = 300
_NAMED_ADDRESS = re.compile(rf'\s*+"?(?P<name>[^"<>]{{0,{NAME_CHARS}}}?)"?\s*<(?P<address>{_ADDRESS})>\s*')
_BARE_ADDRESS = re.compile(rf"\s*(?P<address>{_ADDRESS})\s*")
_NAME_AND_ADDRESS = re.compile(rf"\s*+(?P<name>.{{0,{NAME_CHARS}}}?)\s*\(\s*{_ADDRESS}\s*\)\s*")
# A CalDAV principal's path ending in an address; its domain taken whole and its dot looked for apart (``_domain``):
# split at each of a long run of dots, each try scanning on, it took the square of the length (20,000: 9 s)
_PRINCIPAL = re.compile(r"(?:https?://[^/]+)?/(?:[^/]*/)*?(?P<address>[^/@\s]+@(?P<domain>[^/@\s]++))/?", re.I)
_QUOTED_NAME = re.compile(r"\s*'(?P<name>[^']+)'\s*")
# A person's line read leniently (``salvage_people``): the property, the parameters icalendar's rules need, the address.
_PERSON_LINE = re.compile(r"(?P<name>ORGANIZER|ATTENDEE)[;:]", re.I)
_PERSON_PARAM = re.compile(r';(?P<name>CN|PARTSTAT|CUTYPE|ROLE)=(?:"(?P<quoted>[^"]*)"|(?P<plain>[^;:"]*))', re.I)
# The parameters of a content line, each ``;NAME=value`` or vCalendar's bare ``;NAME``, up to the ":" of its value.
_HEAD = re.compile(r'(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;(?:"[^"]*"|[^";:])*)*):')
_PARAMETER = re.compile(r';(?P<param>(?:"[^"]*"|[^";:])*)')
# The address after the line's last "mailto:": its local part up to the first "@", the rest taken whole (each "@" of
# a long run was tried as the split, each try scanning to the line's end: 50,000 of them took 3 minutes).
_MAILTO_AT_END = re.compile(r"mailto:(?P<address>[^\s:;\"<>@]+@[^\s:;\"<>]++)\s*$", re.I)
# Weeks or days after the "T" of a duration (Synology: ``DURATION:PT1W``); each part's digits bounded, the
# parameters without ";" or ":" inside: one way to match, time linear in the line.
_TIME_WEEKS = re.compile(r'(?P<head>DURATION(?:;[^;:"]{0,100})*):(?P<sign>[+-]?)PT(?P<days>(?:\d{1,9}W)?(?:\d{1,9}D)?)'
                         r"(?P<time>(?:\d{1,9}H)?(?:\d{1,9}M)?(?:\d{1,9}S)?)", re.I)
_DATES_WITH_Z = re.compile(r"RDATE:(?P<dates>\d{8}Z(?:,\d{8}Z)*)", re.I)
# A time property's value with spaces around it; the parameters may quote a ":" (TZID="tzone://…").
_SPACED_TIME = re.compile(r'(?P<head>(?:DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE|DTSTAMP|CREATED|LAST-MODIFIED)'
                          r'(?:;(?:"[^"]*"|[^";:])*)*):(?P<value>\s+\S+\s*|\S+\s+)', re.I)


def as_icalendar_line(line: str) -> str:
    """One physical line of a file as iCalendar writes it, before icalendar parses it (see above)."""
    line = microsoft_zones(line)
    if match := _SPACED_TIME.fullmatch(line):
        line = f"{match['head']}:{match['value'].strip()}"
    if match := _DATES_WITH_Z.fullmatch(line):
        line = f"RDATE;VALUE=DATE:{match['dates'].upper().replace('Z', '')}"
    if line[:8].upper() == "DURATION" and (match := _TIME_WEEKS.fullmatch(line)) and match["days"]:
        line = _weeks_before_time(match)
    return zone_line(line)


def _weeks_before_time(match: re.Match) -> str:
    """A duration with weeks or days after its "T" (``PT1W``, ``-PT1W1D2H``) as RFC 5545 writes it (``P1W``,
    ``-P1W1DT2H``)."""
    time = f"T{match['time']}" if match["time"] else ""
    return f"{match['head']}:{match['sign']}P{match['days'].upper()}{time.upper()}"


NAMES_ONLY = "guests written as a name alone (no address), read by that name"
# Between two names in one value (see above): a comma, semicolon, bar, ampersand, slash or plus, or "und"/"and".
# (``(?<!\s)``: a run of spaces is tried from its first only, not from each of its spaces: time linear in it)
_NAME_SEPARATORS = re.compile(r"(?<!\s)\s*[,;|&/+]\s*|(?<!\s)\s+(?:und|and)\s+", re.I)
NO_ADDRESS = "invalid:nomail"  # what Outlook writes for a person it knows no address of: no e-mail
# Words a booking names a group by, not a person, where guests are names alone: "Mitglieder und Gäste", "Vorstand"
# (76 and more events of davidfoerster/irrlicht-kalender-backup irrlichtev.ics), English and German, casefolded.
GROUP_WORDS = frozenset({"mitglieder", "gäste", "gaeste", "vorstand", "alle", "team", "members", "guests", "board",
                         "all", "everyone", "staff", "volunteers", "helfer", "ehrenamtliche"})
ENDS_BEFORE_START = "series ending (UNTIL) before their start (Outlook.com, Exchange), each read once, at DTSTART"
NEGATIVE_DURATIONS = "events lasting less than nothing (DURATION:-P1D), read at their start"


def as_icalendar(calendar: icalendar.Calendar) -> Counter:
    """The calendar's events rewritten in place where its writer is one of the above; what the note says of it."""
    vcalendar = str(calendar.get("VERSION") or "").strip() == "1.0"
    notes = LOTUS_NOTES.match(str(calendar.get("PRODID") or ""))
    counts: Counter = Counter()
    for event in calendar.walk("VEVENT"):
        _joined_names(event)
        if vcalendar:
            _vcalendar_event(event)
        if notes:
            _notes_names(event)
        _plain_people(event)
        counts[NAMES_ONLY] += _plain_names(event)
        if _ends_before_start(event):
            del event["RRULE"]
            counts[ENDS_BEFORE_START] += 1
        if _negative_duration(event):
            del event["DURATION"]
            counts[NEGATIVE_DURATIONS] += 1
        counts.update(display_zones(event))
    counts[MINUTES_SECONDS] += minutes_seconds(calendar)
    return counts


def _joined_names(event: icalendar.Event) -> None:
    """``CN=Kowal, Jana`` unquoted, which icalendar reads as the list ``['Kowal', ' Jana']``: the name as written."""
    for prop in properties(event, "ORGANIZER") + properties(event, "ATTENDEE"):
        name = getattr(prop, "params", {}).get("CN")
        if isinstance(name, list):
            prop.params["CN"] = ",".join(map(str, name))


def _ends_before_start(event: icalendar.Event) -> bool:
    """Every RRULE of a series ends (UNTIL) before the series' DTSTART (see above)."""
    rules = properties(event, "RRULE")
    if not rules or "DTSTART" not in event or "RECURRENCE-ID" in event:
        return False
    try:
        start = event["DTSTART"].dt
        return all(hasattr(rule, "get") and rule.get("UNTIL") and as_utc(rule["UNTIL"][0]) < as_utc(start)
                   for rule in rules)
    # a value icalendar could not read (its broken properties raise ValueError): ``expansion`` names the problem
    except (AttributeError, TypeError, ValueError):
        return False


def _negative_duration(event: icalendar.Event) -> bool:
    """The event's DURATION is below zero (see above); not for one icalendar could not read."""
    duration = event.get("DURATION")
    if "DURATION" in {name for name, _ in event.errors} or not hasattr(duration, "dt"):
        return False
    return isinstance(duration.dt, timedelta) and duration.dt < timedelta(0)


def _vcalendar_event(event: icalendar.Event) -> None:
    # Symbian writes an empty ``RRULE:`` into every event that does not repeat (icalendar reads
    # vCalendar's own rules, ``W1 FR #4``, as empty too): the event is read once, at its start.
    if properties(event, "RRULE") and not any(properties(event, "RRULE")):
        del event["RRULE"]
    for name in TEXTS:
        prop = event.get(name)
        if hasattr(prop, "params") and _quoted(prop):
            event[name] = icalendar.vText(_decoded(prop), params=_plain(prop.params))
    attendees = [_vcalendar_attendee(a) for a in properties(event, "ATTENDEE") if hasattr(a, "params")]
    if not attendees:
        return
    event["ATTENDEE"] = attendees
    organizer = next((a for a in attendees if str(a.params.get("ROLE") or "").upper() in ORGANIZER_ROLES), None)
    if organizer is not None and not str(event.get("ORGANIZER") or "").strip():
        event["ORGANIZER"] = organizer


def _vcalendar_attendee(address: icalendar.vCalAddress) -> icalendar.vCalAddress:
    """One attendee as iCalendar writes it: CN, PARTSTAT, the address of ``Name <address>`` (made
    ``mailto:``, as any writer's bare address, by ``_plain_people``)."""
    value = (_decoded(address) if _quoted(address) else str(address)).strip()
    named = _NAMED_ADDRESS.fullmatch(value)
    params = _plain(address.params)
    name = params.get("CN") or params.get("X-CN") or (named["name"].strip() if named else None)
    if name:
        params["CN"] = name
    status = " ".join(str(params.get("STATUS") or "").upper().replace("-", " ").split())
    if "PARTSTAT" not in params and status in STATUS_AS_PARTSTAT:
        params["PARTSTAT"] = STATUS_AS_PARTSTAT[status]
    return icalendar.vCalAddress(named["address"] if named else value, params=params)


def _quoted(prop) -> bool:
    return str(prop.params.get("ENCODING") or "").upper() == "QUOTED-PRINTABLE"


def _decoded(prop) -> str:
    """The quoted-printable value decoded with its CHARSET (else UTF-8, else Latin-1), as a vCard 2.1 one."""
    charset = prop.params.get("CHARSET")
    return unquoted(str(prop), f";CHARSET={charset}" if charset else "", "utf-8")


def _plain(params: icalendar.Parameters) -> icalendar.Parameters:
    """The parameters of a value decoded: without its ENCODING and CHARSET."""
    kept = params.copy()
    for name in ("ENCODING", "CHARSET"):
        kept.pop(name, None)
    return kept


def _notes_names(event: icalendar.Event) -> None:
    """``Carmen Ortiz/Acme`` → ``Carmen Ortiz``: Notes' hierarchical name cut before its first "/"."""
    for prop in properties(event, "ORGANIZER") + properties(event, "ATTENDEE"):
        name = str(getattr(prop, "params", {}).get("CN") or "")
        if "/" in name and name.split("/", 1)[0].strip():
            prop.params["CN"] = name.split("/", 1)[0].strip()


def _plain_people(event: icalendar.Event) -> None:
    """Every writer's organizer and attendees: a bare address made ``mailto:``, ``Name (address)`` the name."""
    for name in ("ORGANIZER", "ATTENDEE"):
        people = properties(event, name)
        plain = [_plain_person(p) if hasattr(p, "params") else p for p in people]
        if any(a is not b for a, b in zip(plain, people)):
            event[name] = plain if isinstance(event[name], list) else plain[0]


def _plain_person(address: icalendar.vCalAddress) -> icalendar.vCalAddress:
    if quoted := _QUOTED_NAME.fullmatch(str(address.params.get("CN") or "")):
        address.params["CN"] = quoted["name"]
    if named := _NAME_AND_ADDRESS.fullmatch(str(address.params.get("CN") or "")):
        address.params["CN"] = named["name"]
    if bare := _BARE_ADDRESS.fullmatch(str(address)):
        return icalendar.vCalAddress(f"mailto:{bare['address']}", params=address.params)
    if (str(address).startswith(("/", "http")) and (path := _PRINCIPAL.fullmatch(unquote(str(address))))
            and "." in path["domain"][1:-1]):
        if directory_path(str(address)) is None:  # Exchange's /o=…/cn=…, no CalDAV principal: never an address
            return icalendar.vCalAddress(f"mailto:{path['address']}", params=address.params)
    return address


def _plain_names(event: icalendar.Event) -> int:
    """Guests written as names alone (``ATTENDEE:Jana\\, Ole``) made one attendee each, known by the name (``CN``);
    an organizer written so is the first name, the others its attendees. Returns how many names were read."""
    read, attendees = 0, []
    organizers = properties(event, "ORGANIZER")
    if len(organizers) == 1 and (names := _names_only(organizers[0])):
        event["ORGANIZER"] = names[0]
        read, attendees = len(names), names[1:]
    for attendee in properties(event, "ATTENDEE"):
        names = _names_only(attendee)
        read += len(names)
        attendees += names or [attendee]
    if read and attendees:
        event["ATTENDEE"] = attendees
    return read


def _names_only(address) -> list[icalendar.vCalAddress]:
    """One attendee per name of a value that is names alone (see above), none for any other value."""
    value = str(address).strip()
    if not hasattr(address, "params") or address.params.get("CN") or not value or ":" in value or "@" in value \
            or value.startswith("/"):
        return []
    names = [" ".join(part.split()) for part in _NAME_SEPARATORS.split(value)]
    return [icalendar.vCalAddress(NO_ADDRESS, params={**address.params, "CN": name}) for name in names
            if name and name.casefold() not in GROUP_WORDS]


def salvage_people(event: icalendar.Event, lines: list[str]) -> None:
    """The event's ORGANIZER and ATTENDEE lines that icalendar could not parse, read leniently and added to
    it (see above). ``lines``: the event's physical lines, as ``reading`` kept them. Only for an event
    icalendar reported errors in; a line without an address or a CN stays unread."""
    import icalendar.parser

    for line in unfolded(lines):
        if not (person := _PERSON_LINE.match(line)):
            continue
        try:
            icalendar.parser.Contentline(line).parts()
            continue  # icalendar read it
        except ValueError:
            pass
        address = _with_bare_parameters(line) or _lenient_person(line)
        if address is not None:
            event.add(person["name"].upper(), address)


def _with_bare_parameters(line: str) -> icalendar.vCalAddress | None:
    """A person's line whose parameters without a value (vCalendar's ``X-PHONEOWNER``) are read as ``=TRUE``;
    None when it has none, or is still no content line icalendar reads."""
    import icalendar.parser

    head = _HEAD.match(line)
    if head is None:
        return None
    written = [m["param"] for m in _PARAMETER.finditer(head["params"])]
    params = [param if "=" in param or not param.strip() else f"{param.strip()}=TRUE" for param in written]
    if params == written:
        return None
    try:
        _, parameters, value = icalendar.parser.Contentline(
            ";".join([head["name"], *params]) + line[head.end() - 1:]).parts()
    except ValueError:
        return None
    return icalendar.vCalAddress(value, params=parameters)


def _lenient_person(line: str) -> icalendar.vCalAddress | None:
    mailto = _MAILTO_AT_END.search(line)
    head = line[:mailto.start()] if mailto else line
    params = {m["name"].upper(): m["quoted"] if m["quoted"] is not None else m["plain"]
              for m in _PERSON_PARAM.finditer(head)}
    if not (mailto or params.get("CN")):
        return None
    return icalendar.vCalAddress(f"mailto:{mailto['address']}" if mailto else "",
                                 params={k: v for k, v in params.items() if v})
