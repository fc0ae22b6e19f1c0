"""Time zones (VTIMEZONE) whose rules would cost more than a calendar's, left out before icalendar reads the file.

A zone the file defines under a name the tz database does not know (Outlook's "W. Europe Standard Time",
"Customized Time Zone 1") becomes a dateutil zone that walks each observance's RRULE from its DTSTART up to every
time converted, an instance at a time (``budget`` says what a step costs). Outlook writes ``DTSTART:16010101T…``
and ``FREQ=YEARLY``: some 25,000 steps, a few milliseconds, for a time in 2025. But a 503-byte file whose zone said
``FREQ=MINUTELY`` hung a run (``FREQ=HOURLY``: 17 s and 400 MB for one event), and an 850 KB file of 2,000 such
Outlook zones, an event in each, took over a minute. No writer's zone repeats more often than yearly.

So, before the file is parsed (deterministic: counted from the text, never timed): a zone whose observance repeats
other than yearly is left out, and so is each zone after the file's ``MAX_ZONE_STEPS`` are spent, counted as
years walked (from the observance's DTSTART to the latest year of any zoned time in the file) times what a year
costs (``_YEAR_STEPS``, and each instance its BY… parts give in a year). Its events are then quarantined as in a
zone the file does not define ("unknown time zone"), and the file's note says how many zones were left out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from math import prod

MAX_ZONE_STEPS = 2_000_000  # per file: some 80 of Outlook's zones from 1601, or 4 with an event in the year 9999
_YEAR_STEPS = 30  # what dateutil's walk over one year of a YEARLY rule costs (``budget._WEIGHT``)
LEFT_OUT = ("time zones (VTIMEZONE) repeating more often than yearly or past what a file's zones may cost, "
            "left out: the events in them are quarantined")
_YEARS = re.compile(r"(?:^|[:,])(\d{4})\d{4}")
_NAME_MAX = 255  # bytes of one file name (NAME_MAX of Linux and macOS)
# A TZID parameter (quoted or not), and the TZID property of a VTIMEZONE (a logical line of its own)
_ZONE_NAMES = (re.compile(r'(?P<key>;TZID=)(?P<name>"[^"]*"|[^;:]*)', re.I),
               re.compile(r"^(?P<key>TZID(?:;[^:]*)?:)(?P<name>.*)$", re.I))


@dataclass
class _Zone:
    start: int  # index of its BEGIN:VTIMEZONE line
    name: str = ""
    rules: list[tuple[int, dict[str, list[str]]]] = field(default_factory=list)  # (DTSTART year, RRULE parts)
    year: int = 0  # the DTSTART year of the observance being read


def without_costly_zones(lines: list[str]) -> tuple[list[str], int]:
    """The lines with every zone that would cost too much emptied (each line keeps its index), and how many."""
    last = max((_last_year(text) for _, text in _logical(lines) if "TZID=" in text.upper()), default=0)
    steps, kept, left_out = MAX_ZONE_STEPS, set(), 0
    for zone, end in _zones(lines):
        if zone.name in kept or _known(zone.name):  # icalendar reads the first definition of a name, or the tz one
            continue
        cost = _cost(zone, last)
        if cost is None or cost > steps:
            lines[zone.start:end] = [""] * (end - zone.start)
            left_out += 1
            continue
        steps -= cost
        kept.add(zone.name)
    return lines, left_out


def with_short_zone_names(lines: list[str]) -> list[str]:
    """The lines with each zone name no file system can hold (a part of it over ``_NAME_MAX`` bytes) written as a
    short one, the same for the same name: zoneinfo looks a name up as a file, and one of 300 characters raised
    "file name too long" out of icalendar, for the whole file ("cannot be read; download the export again"). Its
    events are quarantined as in any zone the file does not define, or read in the zone it defines under that name."""
    for index, text in list(_logical(lines)):
        if "TZID" in text.upper() and len(text.encode()) > _NAME_MAX:
            shortened = _ZONE_NAMES[1].sub(_short_name, _ZONE_NAMES[0].sub(_short_name, text))
            if shortened != text:
                end = _line_end(lines, index)
                lines[index:end] = [shortened] + [""] * (end - index - 1)
    return lines


def _short_name(match: re.Match) -> str:
    name = match["name"].strip('"')
    if all(len(part.encode()) <= _NAME_MAX for part in name.split("/")):
        return match[0]
    return f"{match['key']}X-LONG-ZONE-{hashlib.sha256(name.encode()).hexdigest()[:16]}"


def _cost(zone: _Zone, last: int) -> int | None:
    """The steps the zone's rules walk up to the year ``last``; None if one repeats other than yearly, or every 0
    years (``INTERVAL=0``: dateutil walks on for ever without a second start)."""
    if any(parts.get("FREQ", ["YEARLY"]) != ["YEARLY"] or not _positive(parts.get("INTERVAL", ["1"]))
           for _, parts in zone.rules):
        return None
    return sum(_rule_cost(start, parts, last) for start, parts in zone.rules)


def _positive(values: list[str]) -> bool:
    return all(value.strip().isdigit() and int(value) > 0 for value in values[:1])


def _rule_cost(start: int, parts: dict[str, list[str]], last: int) -> int:
    until = [int(year) for year in _YEARS.findall(":" + ",".join(parts.get("UNTIL", [])))]
    years = max(min([last, *until]) - start + 1, 0)
    per_year = prod(len(values) for name, values in parts.items() if name.startswith("BY"))
    return years * (_YEAR_STEPS + per_year)


def _zones(lines: list[str]) -> Iterator[tuple[_Zone, int]]:
    """Each VTIMEZONE with the index after its END line."""
    zone: _Zone | None = None
    for index, text in _logical(lines):
        name, _, value = text.partition(":")
        name = name.split(";")[0].strip().upper()
        if (name, value.strip().upper()) == ("BEGIN", "VTIMEZONE"):
            zone = _Zone(index)
        elif zone is None:
            continue
        elif (name, value.strip().upper()) == ("END", "VTIMEZONE"):
            yield zone, _line_end(lines, index)
            zone = None
        else:
            _read_zone_line(zone, name, value.strip())


def _read_zone_line(zone: _Zone, name: str, value: str) -> None:
    if name == "TZID":
        zone.name = value
    elif name == "DTSTART":
        zone.year = int(value[:4]) if value[:4].isdigit() else 0
    elif name == "RRULE":
        parts = dict(part.partition("=")[::2] for part in value.upper().split(";") if part)
        zone.rules.append((zone.year, {key.strip(): values.split(",") for key, values in parts.items()}))


def _logical(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Unfolded lines, each with the index of its first physical line (a fold begins with a space or a tab)."""
    start, parts = None, []
    for index, line in enumerate(lines):
        if line[:1] in (" ", "\t") and start is not None:
            parts.append(line[1:])
            continue
        if start is not None:
            yield start, "".join(parts)
        start, parts = index, [line]
    if start is not None:
        yield start, "".join(parts)


def _line_end(lines: list[str], index: int) -> int:
    """The index after the logical line that begins at ``index``."""
    index += 1
    while index < len(lines) and lines[index][:1] in (" ", "\t"):
        index += 1
    return index


def _last_year(text: str) -> int:
    return max((int(year) for year in _YEARS.findall(":" + text.partition(":")[2])), default=0)


def _known(name: str) -> bool:
    """A name icalendar knows a zone by (the tz database's, or Windows' "W. Europe Standard Time"): it takes that
    zone and never walks the file's rules. Asked before the file's own zones are read (``reading.read_file``)."""
    from icalendar.timezone import tzp

    try:
        return bool(name) and tzp.timezone(name) is not None
    except (OSError, ValueError):  # zoneinfo refuses a name of 300 characters as a file name too long
        return False
