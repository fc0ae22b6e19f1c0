"""Zones named as Windows displays them: ``(UTC-05:00) Eastern Time (US & Canada)``, read as the tz database zone.

Outlook Web App of Exchange 2010 (``PRODID:Microsoft Exchange Server 2010``) published calendars without any
VTIMEZONE and named each time's zone by its display name, in the language of the mailbox:
``DTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":20201028T133000``, ``"(GMT+10:00) Canberra, Melbourne,
Sydney"`` (jens-maus/node-ical ``test/fixtures/Office-2012-owa.ics``), in German ``"(UTC+01:00) Amsterdam, Berlin,
Bern, Rom, Stockholm, Wien"`` (the form a calendar service's tests list beside the English one). icalendar knows
Windows' zone ids (``W. Europe Standard Time``, its ``windows_to_olson`` table from Unicode CLDR) but not their
display names: every such event was quarantined as an unknown zone, its guests lost.

``DISPLAY_NAMES`` gives, for the places of a display name (the text after ``(UTC±hh:mm)``, casefolded), the Windows
zone id, which icalendar's table makes a tz database zone: Windows' English names as Windows 10 and Exchange list
them, older spellings (``(GMT) Greenwich Mean Time : Dublin, …``), and the German ones of the zones of Europe and
North America. A name not in it whose prefix gives an offset is read at that fixed offset (``fixed_zone``): the
right hour when the event is in the season it was written for, an hour off across a change to summer time.

Exchange 2010 numbers a Windows zone id: ``DTSTART;TZID=GMT Standard Time 1:20220126T120000``, ``Eastern Standard
Time 1`` (a published Outlook calendar, derekantrican/GAS-ICS-Sync issues #254 and #219), with a VTIMEZONE of that
name or without any. Without one, each such event was quarantined as an unknown zone, its guests lost: the id without
its number is the zone (``numbered_zone``).

Older writers name a zone by its places alone, without the offset before them, and without a VTIMEZONE of that name:
Exchange 2003 (``DTEND;TZID="Sarajevo, Skopje, Sofija, Vilnius, Warsaw, Zagreb":20120418T103000`` beside a start in
the file's own zone, sabre-io/vobject ``tests/VObject/TimeZoneUtilTest.php``), Exchange's CDO of Outlook 2003
(``(GMT+01.00) Sarajevo/Warsaw/Zagreb``, its places joined by "/"), Lotus Notes (``W. Europe``: Windows' zone id
without "Standard Time"). Such a time was quarantined as an unknown zone, its guests lost. The names are those of
``data/windows_zone_names.csv`` (each with where it was seen), beside Windows' own of ``DISPLAY_NAMES``
(``named_zone``); the places after a ``(GMT±hh.mm)`` are looked up in both.

A list of places that is none of those lists: ``TZID="Amsterdam, Belgrade, Berlin, Brussels, Budapest, Madrid, Paris,
Prague, Stockholm"`` (jens-maus/node-ical ``test/fixtures/test_with_tz_list.ics``, an Exchange event: the places of
three of Windows' zones of +01:00 in one), without a VTIMEZONE. Each such event was quarantined as an unknown zone.
Every place is looked up among the places of the names above (``PLACES``); where each is known and all their zones
keep the same time in winter and in summer, the list is the zone of its first place (``listed_zone``); a place not
known, or places of zones apart (``Berlin, London``), leave the zone unknown, as any.

The offset in a display name may have a space before it: ``DTSTART;TZID="(GMT +01:00)":20221004T140000``, written
by ownCloud Calendar 0.6.3 and stored from Exchange by Thunderbird (``X-MICROSOFT-CDO-…`` beside
``X-MOZ-SNOOZE-TIME``; jens-maus/node-ical ``test/fixtures/music-school-weekly-until.ics``, and its ``test21.ics``
of 2022 with ``(GMT +02:00)``). Such events were quarantined as an unknown zone; they are read as any display name,
at the fixed offset where no place follows. Places that are a tz database zone (``(UTC-05:00) America/New_York``,
node-ical's ``test14.ics``) are that zone.
"""

from __future__ import annotations

import csv
import re
import zoneinfo
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

# ``(UTC+01:00)``, ``(GMT-05:00)``, ``(GMT+01.00)`` (Outlook 2003), ``(GMT +01:00)`` (ownCloud), ``(UTC)``, ``(GMT)``,
# then the places (spaces around them dropped by ``_key``: ``\s*+`` gives back none, so time stays linear).
_DISPLAY = re.compile(r"\s*\((?:UTC|GMT)(?: ?(?P<sign>[+-])(?P<hours>\d{1,2})[:.](?P<minutes>\d{2}))?\)\s*+"
                      r"(?P<places>.*)", re.I)
_TZ_NAME = re.compile(r"[A-Za-z_]{1,30}(?:/[A-Za-z0-9_+-]{1,30}){1,2}")  # a tz database name: ``America/New_York``
_PLACE_SEPARATORS = re.compile(r"[,;/]")
# When the zones of a list's places are compared (``listed_zone``): noon UTC in winter and in summer.
_SEASONS = (datetime(2024, 1, 15, 12, tzinfo=timezone.utc), datetime(2024, 7, 15, 12, tzinfo=timezone.utc))

MAX_OFFSET = timedelta(hours=14)  # the farthest any place is from UTC (Kiribati, UTC+14:00)
_NUMBERED = re.compile(r"(?P<zone>.*\S)\s+\d{1,2}")  # a Windows zone id and a number: "GMT Standard Time 1"

NAMES_FILE = Path(__file__).parents[2] / "data" / "windows_zone_names.csv"

DISPLAY_NAMES = {
    # English (Windows 10, Exchange 2010 and later)
    "international date line west": "Dateline Standard Time",
    "coordinated universal time-11": "UTC-11",
    "aleutian islands": "Aleutian Standard Time",
    "hawaii": "Hawaiian Standard Time",
    "marquesas islands": "Marquesas Standard Time",
    "alaska": "Alaskan Standard Time",
    "coordinated universal time-09": "UTC-09",
    "baja california": "Pacific Standard Time (Mexico)",
    "coordinated universal time-08": "UTC-08",
    "pacific time (us & canada)": "Pacific Standard Time",
    "arizona": "US Mountain Standard Time",
    "chihuahua, la paz, mazatlan": "Mountain Standard Time (Mexico)",
    "mountain time (us & canada)": "Mountain Standard Time",
    "central america": "Central America Standard Time",
    "central time (us & canada)": "Central Standard Time",
    "easter island": "Easter Island Standard Time",
    "guadalajara, mexico city, monterrey": "Central Standard Time (Mexico)",
    "saskatchewan": "Canada Central Standard Time",
    "bogota, lima, quito, rio branco": "SA Pacific Standard Time",
    "bogota, lima, quito": "SA Pacific Standard Time",
    "chetumal": "Eastern Standard Time (Mexico)",
    "eastern time (us & canada)": "Eastern Standard Time",
    "haiti": "Haiti Standard Time",
    "havana": "Cuba Standard Time",
    "indiana (east)": "US Eastern Standard Time",
    "asuncion": "Paraguay Standard Time",
    "atlantic time (canada)": "Atlantic Standard Time",
    "caracas": "Venezuela Standard Time",
    "cuiaba": "Central Brazilian Standard Time",
    "georgetown, la paz, manaus, san juan": "SA Western Standard Time",
    "santiago": "Pacific SA Standard Time",
    "turks and caicos": "Turks And Caicos Standard Time",
    "newfoundland": "Newfoundland Standard Time",
    "araguaina": "Tocantins Standard Time",
    "brasilia": "E. South America Standard Time",
    "cayenne, fortaleza": "SA Eastern Standard Time",
    "city of buenos aires": "Argentina Standard Time",
    "buenos aires": "Argentina Standard Time",
    "greenland": "Greenland Standard Time",
    "montevideo": "Montevideo Standard Time",
    "punta arenas": "Magallanes Standard Time",
    "saint pierre and miquelon": "Saint Pierre Standard Time",
    "salvador": "Bahia Standard Time",
    "coordinated universal time-02": "UTC-02",
    "azores": "Azores Standard Time",
    "cabo verde is.": "Cape Verde Standard Time",
    "cape verde is.": "Cape Verde Standard Time",
    "coordinated universal time": "UTC",
    "casablanca": "Morocco Standard Time",
    "dublin, edinburgh, lisbon, london": "GMT Standard Time",
    "greenwich mean time : dublin, edinburgh, lisbon, london": "GMT Standard Time",
    "greenwich mean time: dublin, edinburgh, lisbon, london": "GMT Standard Time",
    "monrovia, reykjavik": "Greenwich Standard Time",
    "sao tome": "Sao Tome Standard Time",
    "amsterdam, berlin, bern, rome, stockholm, vienna": "W. Europe Standard Time",
    "belgrade, bratislava, budapest, ljubljana, prague": "Central Europe Standard Time",
    "brussels, copenhagen, madrid, paris": "Romance Standard Time",
    "sarajevo, skopje, warsaw, zagreb": "Central European Standard Time",
    "west central africa": "W. Central Africa Standard Time",
    "windhoek": "Namibia Standard Time",
    "amman": "Jordan Standard Time",
    "athens, bucharest": "GTB Standard Time",
    "athens, bucharest, istanbul": "GTB Standard Time",
    "beirut": "Middle East Standard Time",
    "cairo": "Egypt Standard Time",
    "chisinau": "E. Europe Standard Time",
    "damascus": "Syria Standard Time",
    "gaza, hebron": "West Bank Standard Time",
    "harare, pretoria": "South Africa Standard Time",
    "helsinki, kyiv, riga, sofia, tallinn, vilnius": "FLE Standard Time",
    "helsinki, kiev, riga, sofia, tallinn, vilnius": "FLE Standard Time",
    "jerusalem": "Israel Standard Time",
    "kaliningrad": "Kaliningrad Standard Time",
    "tripoli": "Libya Standard Time",
    "baghdad": "Arabic Standard Time",
    "istanbul": "Turkey Standard Time",
    "kuwait, riyadh": "Arab Standard Time",
    "minsk": "Belarus Standard Time",
    "moscow, st. petersburg": "Russian Standard Time",
    "moscow, st. petersburg, volgograd": "Russian Standard Time",
    "nairobi": "E. Africa Standard Time",
    "tehran": "Iran Standard Time",
    "abu dhabi, muscat": "Arabian Standard Time",
    "astrakhan, ulyanovsk": "Astrakhan Standard Time",
    "baku": "Azerbaijan Standard Time",
    "izhevsk, samara": "Russia Time Zone 3",
    "port louis": "Mauritius Standard Time",
    "saratov": "Saratov Standard Time",
    "tbilisi": "Georgian Standard Time",
    "volgograd": "Volgograd Standard Time",
    "yerevan": "Caucasus Standard Time",
    "kabul": "Afghanistan Standard Time",
    "ashgabat, tashkent": "West Asia Standard Time",
    "ekaterinburg": "Ekaterinburg Standard Time",
    "islamabad, karachi": "Pakistan Standard Time",
    "chennai, kolkata, mumbai, new delhi": "India Standard Time",
    "sri jayawardenepura": "Sri Lanka Standard Time",
    "kathmandu": "Nepal Standard Time",
    "astana": "Central Asia Standard Time",
    "dhaka": "Bangladesh Standard Time",
    "omsk": "Omsk Standard Time",
    "yangon (rangoon)": "Myanmar Standard Time",
    "bangkok, hanoi, jakarta": "SE Asia Standard Time",
    "barnaul, gorno-altaysk": "Altai Standard Time",
    "hovd": "W. Mongolia Standard Time",
    "krasnoyarsk": "North Asia Standard Time",
    "novosibirsk": "N. Central Asia Standard Time",
    "tomsk": "Tomsk Standard Time",
    "beijing, chongqing, hong kong, urumqi": "China Standard Time",
    "irkutsk": "North Asia East Standard Time",
    "kuala lumpur, singapore": "Singapore Standard Time",
    "perth": "W. Australia Standard Time",
    "taipei": "Taipei Standard Time",
    "ulaanbaatar": "Ulaanbaatar Standard Time",
    "pyongyang": "North Korea Standard Time",
    "eucla": "Aus Central W. Standard Time",
    "chita": "Transbaikal Standard Time",
    "osaka, sapporo, tokyo": "Tokyo Standard Time",
    "seoul": "Korea Standard Time",
    "yakutsk": "Yakutsk Standard Time",
    "adelaide": "Cen. Australia Standard Time",
    "darwin": "AUS Central Standard Time",
    "brisbane": "E. Australia Standard Time",
    "canberra, melbourne, sydney": "AUS Eastern Standard Time",
    "guam, port moresby": "West Pacific Standard Time",
    "hobart": "Tasmania Standard Time",
    "vladivostok": "Vladivostok Standard Time",
    "lord howe island": "Lord Howe Standard Time",
    "bougainville island": "Bougainville Standard Time",
    "chokurdakh": "Russia Time Zone 10",
    "magadan": "Magadan Standard Time",
    "norfolk island": "Norfolk Standard Time",
    "sakhalin": "Sakhalin Standard Time",
    "solomon is., new caledonia": "Central Pacific Standard Time",
    "anadyr, petropavlovsk-kamchatsky": "Russia Time Zone 11",
    "auckland, wellington": "New Zealand Standard Time",
    "coordinated universal time+12": "UTC+12",
    "fiji": "Fiji Standard Time",
    "chatham islands": "Chatham Islands Standard Time",
    "coordinated universal time+13": "UTC+13",
    "nuku'alofa": "Tonga Standard Time",
    "samoa": "Samoa Standard Time",
    "kiritimati island": "Line Islands Standard Time",
    # German (a mailbox set to German): Europe and North America
    "amsterdam, berlin, bern, rom, stockholm, wien": "W. Europe Standard Time",
    "belgrad, bratislava, budapest, ljubljana, prag": "Central Europe Standard Time",
    "brüssel, kopenhagen, madrid, paris": "Romance Standard Time",
    "sarajevo, skopje, warschau, zagreb": "Central European Standard Time",
    "dublin, edinburgh, lissabon, london": "GMT Standard Time",
    "greenwich mean time : dublin, edinburgh, lissabon, london": "GMT Standard Time",
    "helsinki, kiew, riga, sofia, tallinn, wilna": "FLE Standard Time",
    "helsinki, kiew, riga, sofia, tallinn, vilnius": "FLE Standard Time",
    "athen, bukarest": "GTB Standard Time",
    "athen, bukarest, istanbul": "GTB Standard Time",
    "moskau, st. petersburg": "Russian Standard Time",
    "moskau, st. petersburg, wolgograd": "Russian Standard Time",
    "eastern time (usa & kanada)": "Eastern Standard Time",
    "central time (usa & kanada)": "Central Standard Time",
    "mountain time (usa & kanada)": "Mountain Standard Time",
    "pacific time (usa & kanada)": "Pacific Standard Time",
}


def display_zone(tzid: str) -> tuple[tzinfo, bool] | None:
    """The zone a Windows display name stands for, and whether it is only the fixed offset its prefix gives
    (the places are not known); None for a TZID of any other shape."""
    match = _DISPLAY.fullmatch(tzid)
    if match is None:
        return None
    places = match["places"].strip()
    zone = (_tz_database(places) if _TZ_NAME.fullmatch(places) else None) or named_zone(places)
    if zone is not None:
        return zone, False
    fixed = fixed_zone(match)
    return (fixed, True) if fixed is not None else None


def named_zone(places: str) -> tzinfo | None:
    """The zone named by its places alone (``Sarajevo, Skopje, Sofija, Vilnius, Warsaw, Zagreb``, ``W. Europe``):
    Windows' display names and those of ``data/windows_zone_names.csv``, else a list of their places
    (``listed_zone``); None for any other name."""
    key = _key(places)
    zone = DISPLAY_NAMES.get(key) or PLACE_ZONES.get(key)
    return _tz_database(WINDOWS_TO_OLSON.get(zone, zone)) if zone else listed_zone(key)


def _tz_database(name: str) -> tzinfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


@lru_cache(maxsize=256)
def listed_zone(key: str) -> tzinfo | None:
    """The zone of a list of places (casefolded, as ``_key`` makes it) each of which a known name holds, whose
    zones all keep the same time in winter and in summer: the zone of the first place (see the module)."""
    places = [place.strip() for place in _PLACE_SEPARATORS.split(key)]
    if len(places) < 2 or not all(place in PLACES for place in places):
        return None
    zones = [zone for place in places for name in PLACES[place] if (zone := _tz_database(name)) is not None]
    offsets = {tuple(season.astimezone(zone).utcoffset() for season in _SEASONS) for zone in zones}
    return zones[0] if zones and len(offsets) == 1 else None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _place_zones() -> dict[str, str]:
    """The zone of each name of ``data/windows_zone_names.csv`` (a Windows zone id or a tz database zone)."""
    with NAMES_FILE.open(encoding="utf-8") as handle:
        return {_key(row["name"]): row["zone"]
                for row in csv.DictReader(line for line in handle if not line.startswith("#"))}


PLACE_ZONES = _place_zones()


def _places() -> dict[str, list[str]]:
    """Each place of a known name (``amsterdam``), with the tz database zones of the names it is in."""
    places: dict[str, list[str]] = {}
    for name, zone in [*DISPLAY_NAMES.items(), *PLACE_ZONES.items()]:
        for place in _PLACE_SEPARATORS.split(name):
            zones = places.setdefault(place.strip(), [])
            if WINDOWS_TO_OLSON.get(zone, zone) not in zones:
                zones.append(WINDOWS_TO_OLSON.get(zone, zone))
    places.pop("", None)
    return places


PLACES = _places()


def fixed_zone(match: re.Match) -> tzinfo | None:
    """The offset of a display name's ``(UTC±hh:mm)`` prefix (``(UTC)``: none), as a zone named after it; None
    for one no place keeps (beyond ±14:00, or 60 minutes and more: ``(UTC+25:00)`` stopped the calendar with a
    traceback)."""
    if match["sign"] is None:
        return timezone.utc
    offset = timedelta(hours=int(match["hours"]), minutes=int(match["minutes"]))
    if int(match["minutes"]) >= 60 or offset > MAX_OFFSET:
        return None
    sign = -1 if match["sign"] == "-" else 1
    return timezone(sign * offset, f"UTC{match['sign']}{int(match['hours']):02d}:{match['minutes']}")


def numbered_zone(tzid: str) -> tzinfo | None:
    """The zone of a Windows zone id with a number after it (``GMT Standard Time 1``); None for any other TZID."""
    match = _NUMBERED.fullmatch(tzid.strip())
    olson = WINDOWS_TO_OLSON.get(match["zone"]) if match else None
    try:
        return zoneinfo.ZoneInfo(olson) if olson else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
