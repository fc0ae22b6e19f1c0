"""Zones as the writers of calendars name them, made iCalendar's (``dialects``: the rest of what writers do their own
way). Lines icalendar would misread are rewritten before it parses them (``microsoft_zones`` and ``zone_line``, from
``dialects.as_icalendar_line``); times in a zone named by its Windows display name are placed after it
(``display_zones``):

- Exchange and Office 365 name zones ``tzone://Microsoft/Utc``, ``tzone://Microsoft/Olson/Europe/Paris``,
  ``tzone://Microsoft/Custom`` and write the TZID parameter unquoted (``DTSTART;TZID=tzone://Microsoft/Utc:2025…``),
  where its ":" ends the parameters: icalendar reads a TZID "tzone" and no valid time. Read: ``Utc`` as UTC,
  ``Olson/<Area/City>`` as that tz database zone, any other quoted, so that the file's VTIMEZONE of that
  name defines it (without one, the event is quarantined as for any unknown TZID).
- Exchange 2010 (``PRODID:Microsoft Exchange Server 2010``, an Office 365 meeting of 2015 in ical4j's samples
  ``valid/blankTzid.ics``) writes a zone without a name: a VTIMEZONE whose ``TZID:`` is empty, and
  ``DTSTART;TZID=:20150826T090000``. icalendar refuses the whole file for it ("mandatory TZID not found"): every
  meeting in it was lost. The empty name is given one (``UNNAMED_ZONE``) in both places, so that the file's own
  VTIMEZONE defines it; a time naming the empty zone without such a VTIMEZONE is an unknown zone, as any.
- A VTIMEZONE named with a space at its end: ``TZID:Mitteleuropäische Zeit `` (the German name Windows gives
  W. Europe Standard Time), beside ``DTSTART;TZID=Mitteleuropäische Zeit :20260701T170000``. Seen in a GroupWise
  invitation (``X-GWITEM-TYPE``) accepted in Thunderbird (``Mozilla.org/NONSGML Mozilla Calendar V1.1``), 2026,
  Kozea/Radicale issue #2172 and its test ``event_issue2172.ics``. icalendar strips the parameter's space but
  keeps the zone's, so that no zone had the name the times give: each such event was quarantined as an unknown
  zone, its guests lost. The zone's name is read without the spaces around it.
- iCloud writes a full history of each zone, and an offset under an hour with seconds as minutes and seconds:
  ``TZOFFSETFROM:+5328`` for Berlin's local mean time of 1893 (+00:53:28), ``+1730`` Brussels, ``+1932`` Amsterdam
  (jazzband/icalevents ``test/test_data/icloud.ics``; pimutils/khal issues #140 and #684, collective/icalendar
  issue #155). icalendar refuses the whole file for ``+5328`` ("Offset must be less than 24 hours"): every event
  was lost. An offset of 16 hours or more, which no zone ever had (the farthest, Manila's of 1844, is -15:56), is
  read as minutes and seconds (``+005328``), marked so that the note counts it (``MINUTES_SECONDS``).

Zones named as Windows displays them (``(UTC-05:00) Eastern Time (US & Canada)``, Outlook Web App of Exchange 2010,
without a VTIMEZONE) are read as the zone the name stands for, else at the offset it gives (``windows_zones``); a
Windows zone id with a number after it (``GMT Standard Time 1``, Exchange 2010) as the zone without it; a zone named by
its places alone (Exchange 2003's ``Sarajevo, Skopje, Sofija, Vilnius, Warsaw, Zagreb``, Lotus Notes' ``W. Europe``)
as the zone they stand for (``named_zone``, counted in the note as ``NAMED_ZONES``).

An end in a zone nobody knows, beside a start that is placed: Exchange 2003 wrote the start in the file's own
VTIMEZONE and the end in a zone named otherwise, defined nowhere (sabre-io/vobject
``tests/VObject/TimeZoneUtilTest.php``, ``testUnknownExchangeId``). A meeting is placed by its start; the end only
tells how long it lasts. Such a meeting was quarantined ("DTEND: unknown time zone"), its guests lost: its end is
read in its start's zone (``END_ZONES``), or left out when it would then come before the start (recurring-ical-events
would start the meeting at its end).

A zone named by its offset, without a VTIMEZONE: ``DTSTART;TZID=GMT-0400:20190531T062500``, the events iCloud makes of
what it finds in mail (``X-APPLE-SUGGESTION-INFO-…``: a flight, in an iOS 12 calendar published from iCloud,
Aupajo/almanack issue #24). Each such event was quarantined as an unknown zone, its guests lost. The name states the
offset, as ``GMT+0530``, ``UTC+02:00`` and ``GMT-04:00`` would: read at it (``offset_zone``), counted in the note
(``OFFSET_ZONES``). ``Etc/GMT+4``, the tz database's zone of the inverted sign, is no such name: icalendar knows it.

A TZID whose quotes are astray, on a time's line (``quoted_zone``). Exchange 2010 (``PRODID:Microsoft Exchange
Server 2010``) closed the quote after the value: ``DTSTART;TZID="W. Europe Standard Time:20200609T090000"``
(jens-maus/node-ical ``test/fixtures/ms_timezones.ics``, beside the same zone written unquoted in the other
events); with nothing after the quote, icalendar found no value ("DTSTART: not a valid value"), or, a quote left
open, no DTSTART at all. A zone whose name holds a ":" (``(UTC+01:00) …``) or a "," (a list of places:
``TZID=Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna``) written unquoted ends its parameters at the ":" or is
read as a list of zones. Each such event was quarantined, its guests lost. Where the text after the line's last ":"
is a time (or a list of them), the zone is everything between ``TZID=`` and that ":", read without its quotes; a
line with other parameters after the TZID, or folded before its value, is left as it is.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

import icalendar

from .reading import properties
from .windows_zones import display_zone, named_zone, numbered_zone

_MICROSOFT_ZONE = re.compile(r';TZID=(?P<quote>"?)tzone://Microsoft/(?P<zone>[^";:]*)(?P=quote)(?=[;:])', re.I)
UNNAMED_ZONE = "unnamed zone"  # the name given to Exchange's VTIMEZONE with an empty TZID
_EMPTY_TZID = re.compile(r"\s*TZID\s*:\s*", re.I)  # the VTIMEZONE's own name, empty
_EMPTY_TZID_PARAM = re.compile(r';TZID=(?:"")?(?=[;:])', re.I)  # a time's zone, empty: ";TZID=:" or ';TZID="":'
_SPACED_TZID = re.compile(r"TZID:\s*(?P<zone>\S(?:.*\S)?)\s*", re.I)  # a zone's own name, spaces around it or not
# A zone's offset that no zone had, written as minutes and seconds by iCloud (``TZOFFSETFROM:+5328``: see above).
_MINUTES_SECONDS = re.compile(r"(?P<name>TZOFFSET(?:FROM|TO))\s*:\s*(?P<sign>[+-])(?P<minutes>1[6-9]|[2-5]\d)"
                              r"(?P<seconds>[0-5]\d)\s*", re.I)
MINUTES_SECONDS_MARK = "X-UNSOCIAL-READ-AS"
MINUTES_SECONDS = "zone offsets written as minutes and seconds (iCloud: TZOFFSETFROM:+5328), read so"
DISPLAY_ZONES = "times in zones named as Windows displays them (Outlook Web App), read as the zone the name stands for"
FIXED_ZONES = ("times in zones named as Windows displays them, of places not known, read at the fixed offset their "
               "name gives (summer time not applied)")
NUMBERED_ZONES = ("times in Windows zones with a number after their name (Exchange: GMT Standard Time 1), read as "
                  "the zone without it")
OFFSET_ZONES = "times in zones named by their offset (iCloud: TZID=GMT-0400), read at that offset"
NAMED_ZONES = ("times in zones named by their places (Exchange 2003: TZID=\"Sarajevo, Skopje, …\"; Lotus Notes: "
               "W. Europe), read as the zone the name stands for")
END_ZONES = "ends of meetings in a zone the file does not define, read in the zone of their start"
# ``;TZID=UTC+02:00:2019…`` unquoted: its ":" ends the parameters, and icalendar reads a zone "UTC+02", no valid time.
_OFFSET_TZID_PARAM = re.compile(r";TZID=(?P<zone>(?:UTC|GMT)[+-]\d{1,2}:[0-5]\d)(?=[;:])", re.I)
# What a time's line holds after its last ":" when a TZID's quotes are astray (``quoted_zone``): times or dates, a
# comma between two; a quote closed after them. Each repetition begins with its "," (one way to match).
_TIMES = re.compile(r'\d{8}(?:T\d{6}Z?)?(?:,\d{8}(?:T\d{6}Z?)?)*"?', re.I)
TIME_NAMES = frozenset({"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"})
ZONE_CHARS = 255  # a longer zone name is no Windows or tz database name: its line is left as it is
_OFFSET_NAME = re.compile(r"\s*(?:UTC|GMT)\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>[0-5]\d))?\s*", re.I)


def microsoft_zones(line: str) -> str:
    """The line with Exchange's ``tzone://Microsoft/…`` zones named as above."""
    return _MICROSOFT_ZONE.sub(_microsoft_zone, line) if "tzone://" in line else line


def zone_line(line: str) -> str:
    """The line with an empty zone name given one, a zone named by its offset with a ":" in it quoted, a zone's name
    without spaces around it, and an iCloud offset written as minutes and seconds read so (marked for the note)."""
    if ";TZID=" in line or ";tzid=" in line:
        line = quoted_zone(line)
        line = _OFFSET_TZID_PARAM.sub(r';TZID="\g<zone>"', line)
        return _EMPTY_TZID_PARAM.sub(f';TZID="{UNNAMED_ZONE}"', line)
    if _EMPTY_TZID.fullmatch(line):
        return f"TZID:{UNNAMED_ZONE}"
    if match := _SPACED_TZID.fullmatch(line):
        return f"TZID:{match['zone']}"
    if line[:8].upper() == "TZOFFSET" and (match := _MINUTES_SECONDS.fullmatch(line)):
        return f"{match['name']};{MINUTES_SECONDS_MARK}=MINUTES-SECONDS:{match['sign']}00{match['minutes']}" \
               f"{match['seconds']}"
    return line


def quoted_zone(line: str) -> str:
    """A time's line with its TZID quoted as iCalendar quotes it, where its quotes are astray or missing around a
    ":" or "," (see the module); any other line as it is."""
    head, colon, value = line.rpartition(":")
    at = head.upper().find(";TZID=")
    if not colon or at < 0 or not _TIMES.fullmatch(value) or not _time_property(head[:at]):
        return line
    zone = head[at + 6:]
    name = zone.replace('"', "").strip()
    if not name or ";" in zone or len(zone) > ZONE_CHARS or _well_quoted(zone, name, value):
        return line
    return f'{head[:at]};TZID="{name}":{value.rstrip(chr(34))}'


def _time_property(head: str) -> bool:
    """The line's name and parameters before its TZID: a time's, no quote opened."""
    return '"' not in head and head.split(";", 1)[0].strip().upper() in TIME_NAMES


def _well_quoted(zone: str, name: str, value: str) -> bool:
    """The zone quoted as iCalendar quotes it (no stray quote after the value), or needing no quotes."""
    if zone == f'"{name}"':
        return not value.endswith('"')
    return not set(zone) & set('":,')


def _microsoft_zone(match: re.Match) -> str:
    zone = match["zone"]
    if zone.lower() == "utc":
        return ";TZID=UTC"
    if zone.lower().startswith("olson/"):
        return f";TZID={zone[6:]}"
    return f';TZID="tzone://Microsoft/{zone}"'


def display_zones(event: icalendar.Event) -> set[str]:
    """The event's times in a zone icalendar left them without, named by its Windows display name, its places, a
    numbered Windows zone id or its offset, placed in the zone it stands for, and an end in a zone nobody knows
    placed in the start's; what the note says of it, once for the event."""
    read_as = set()
    broken = {name for name, _ in event.errors}  # left to ``expansion.problem``: icalendar refuses their values
    for name in (name for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE") if name not in broken):
        for prop in properties(event, name):
            tzid = getattr(prop, "params", {}).get("TZID")
            zone = _zone_of(str(tzid)) if tzid else None
            if zone is None:
                continue
            for value in prop.dts if hasattr(prop, "dts") else [prop]:
                if isinstance(value.dt, datetime) and value.dt.tzinfo is None:
                    value.dt = value.dt.replace(tzinfo=zone[0])
                    read_as.add(zone[1])
    if not broken & {"DTSTART", "DTEND"} and _end_in_start_zone(event):
        read_as.add(END_ZONES)
    return read_as


def _end_in_start_zone(event: icalendar.Event) -> bool:
    """An end in a zone nobody knows (a TZID, left without a zone) read in the zone of a start that has one, or left
    out if it then comes before the start; whether it was."""
    start, end = event.get("DTSTART"), event.get("DTEND")
    if not all(hasattr(prop, "params") for prop in (start, end)) or "TZID" not in end.params:
        return False
    if not (isinstance(start.dt, datetime) and start.dt.tzinfo is not None
            and isinstance(end.dt, datetime) and end.dt.tzinfo is None):
        return False
    end.dt = end.dt.replace(tzinfo=start.dt.tzinfo)
    if end.dt < start.dt:
        del event["DTEND"]
    return True


def _zone_of(tzid: str) -> tuple[tzinfo, str] | None:
    """The zone a TZID icalendar does not know stands for, and what the note says of it; None for any other."""
    if zone := display_zone(tzid):
        return zone[0], FIXED_ZONES if zone[1] else DISPLAY_ZONES
    if zone := named_zone(tzid):
        return zone, NAMED_ZONES
    if zone := numbered_zone(tzid):
        return zone, NUMBERED_ZONES
    if zone := offset_zone(tzid):
        return zone, OFFSET_ZONES
    return None


def offset_zone(tzid: str) -> tzinfo | None:
    """The fixed offset a zone's name states (``GMT-0400``, ``UTC+02:00``, ``GMT+0530``); None for any other name."""
    match = _OFFSET_NAME.fullmatch(tzid)
    if match is None:
        return None
    offset = timedelta(hours=int(match["hours"]), minutes=int(match["minutes"] or 0))
    if offset > timedelta(hours=14):
        return None
    hours, minutes = divmod(int(offset.total_seconds()) // 60, 60)
    return timezone(offset if match["sign"] == "+" else -offset, f"UTC{match['sign']}{hours:02d}:{minutes:02d}")


def minutes_seconds(calendar: icalendar.Calendar) -> int:
    """How many of the calendar's zone offsets were read as minutes and seconds (``zone_line``)."""
    return sum(1 for zone in calendar.walk("VTIMEZONE") for part in zone.subcomponents
               for name in ("TZOFFSETFROM", "TZOFFSETTO")
               if MINUTES_SECONDS_MARK in getattr(part.get(name), "params", {}))
