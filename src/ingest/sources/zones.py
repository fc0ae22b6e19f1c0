"""Time zone designators as exports write them, read as fixed offsets or tz database zones.

``UTC±hh[:mm]``, ``±hh:mm``, the abbreviations of ``data/time_zones.csv`` (where one is ambiguous,
the reading taken and why are in that file, and ``note_zone`` says it in the file's note), tz database
names (``Asia/Kuala_Lumpur``, fbchat-archive-parser issue #48). Used by the one date reader, ``dates``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TABLE = Path(__file__).parent / "data" / "time_zones.csv"
MAX_OFFSET = timedelta(hours=14)


@dataclass(frozen=True)
class Zone:
    """A zone designator as written, read as a fixed offset or a tz database zone."""

    name: str
    offset: timedelta | None = None
    region: ZoneInfo | None = None
    meaning: str = ""
    also: str = ""  # the readings not taken, for an ambiguous abbreviation

    def to_utc(self, local: datetime) -> datetime:
        try:
            if self.offset is not None:
                return local - self.offset
            return local.replace(tzinfo=self.region).astimezone(timezone.utc).replace(tzinfo=None)
        except OverflowError:  # "0001-01-01T00:00+01:00" lies before the first instant a datetime holds
            raise ValueError("date out of range") from None


# A designator at the end: UTC/GMT with an offset, a bare offset, a tz database name, an abbreviation.
_DESIGNATOR = re.compile(r"(?<!\s)\s+(?P<designator>(?:UTC|GMT|UT)(?:\s?[+\-−]\d{1,2}(?::?\d\d)?)?|[+\-−]\d\d:?\d\d"
                         r"|[A-Z][A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+|[A-Z]{1,5})$")
_OFFSET = re.compile(r"(?:UTC|GMT|UT)?\s?(?P<sign>[+\-−])(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?")
_NOT_ZONES = {"AM", "PM"}


def split_zone(text: str) -> tuple[str, Zone | None]:
    """The text without its trailing zone designators, and the zone. Croatian F0 times carry two
    ("u 13:54 PDT UTC-07", fbchat-archive-parser's tests): an explicit offset wins over a name."""
    zones = []
    while len(zones) < 3 and (match := _DESIGNATOR.search(text)) and match["designator"] not in _NOT_ZONES:
        zones.append(read_zone(match["designator"]))
        text = text[:match.start()]
    explicit = [z for z in zones if z.offset is not None and z.name[-1].isdigit()]
    return text, (explicit or zones or [None])[0]


@lru_cache(maxsize=1024)
def read_zone(designator: str) -> Zone:
    """A zone designator: ``UTC-07``, ``+02:00``, ``PDT``, ``Europe/Berlin``; ValueError when not known."""
    if designator in _zones():
        return _zones()[designator]
    offset = _OFFSET.fullmatch(designator)
    if offset:
        delta = timedelta(hours=int(offset["hours"]), minutes=int(offset["minutes"] or 0))
        if delta > MAX_OFFSET:
            raise ValueError("time zone offset out of range")
        return Zone(designator, -delta if offset["sign"] in "-−" else delta)
    if "/" in designator:
        try:
            return Zone(designator, region=ZoneInfo(designator))
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones ("America/Argentina")
            pass
    raise ValueError("time zone not known")


@cache
def _zones() -> dict[str, Zone]:
    """The abbreviations of ``data/time_zones.csv``, each a fixed offset."""
    with open(TABLE, encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["abbreviation"]: Zone(row["abbreviation"], _offset_of(row["offset"]), meaning=row["meaning"],
                                          also=row["also"]) for row in rows}


def note_zone(text: str) -> str | None:
    """How the ambiguous zone abbreviation that ends ``text`` was read, for the file's note ("zone CST
    read as Central Standard Time (US and Canada), UTC-06:00"); None for any other text."""
    try:
        zone = split_zone(text.strip())[1]
    except ValueError:
        return None
    if zone is None or not zone.also:
        return None
    hours, minutes = divmod(abs(int(zone.offset.total_seconds())) // 60, 60)
    sign = "-" if zone.offset < timedelta(0) else "+"
    return f"zone {zone.name} read as {zone.meaning}, UTC{sign}{hours:02d}:{minutes:02d}"


def _offset_of(text: str) -> timedelta:
    hours, minutes = text[1:].split(":")
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    return -delta if text[0] == "-" else delta
