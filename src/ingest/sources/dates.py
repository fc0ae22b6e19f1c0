"""One reader for the dates and times of every export.

Forms read, and where they were seen:

- ISO 8601, the fast path: LinkedIn ``messages.csv`` (``2024-10-26 11:43:11 UTC``), journals (``2025-06-14``).
- Numeric: ``1/8/18, 6:14 PM`` and ``07/21/19, 12:11 PM`` (LinkedIn 2018 Complete export, Invitations,
  Recommendations: US order, formats.md §3), ``12.02.2021, 15:04`` (Facebook HTML in German: dotted dates
  are day first everywhere), ``2024/07/16 10:00:00 UTC`` (LinkedIn endorsements: year first).
- Worded: ``05 Mar 2024`` (LinkedIn Connected On), ``Feb 12, 2021, 3:04 PM`` and ``Jun 04, 2025 6:46:10 pm``
  (Facebook HTML F2-F6; in Vietnamese ``11:29, 18 tháng 4, 2015`` and ``Tháng 6 14, 2023 4:25:08chiều``, the
  month a numbered word; in Chinese ``3 月 18, 2023 8:12:40 上午`` and ``2020年9月14日 下午7:26``, numbers
  written against their units), and Facebook F0's localised long forms (2013-2017) such as ``Friday, October
  4, 2013 at 10:05pm PDT`` or ``Sonntag, 4. Dezember 2016 um 13:54 UTC-07``, in the 25 languages and Leet
  Speak of ``data/date_names.csv`` (month and weekday names, and the words for AM and PM, from CLDR).
- Spreadsheets: Excel's ``d-mmm-yy`` and ``d-mmm-yyyy`` (``14-Jun-25``), an e-mail's (RFC 5322) ``Sat, 14 Jun
  2025`` with its English weekday cut to three letters, and, for a caller that knows the column holds dates,
  ``spreadsheet_serial`` (``45822``: a date cell formatted as a number).
- Zones: ``UTC±hh[:mm]``, ``±hh:mm``, the abbreviations of ``data/time_zones.csv`` (where one is
  ambiguous, the reading taken and why are in that file), tz database names (``Asia/Kuala_Lumpur``,
  fbchat-archive-parser issue #48): read by ``zones``.

A time with a zone comes back as naive UTC; one without as written: LinkedIn's Sent At and Facebook's
later HTML carry no zone and nothing to convert with. Whether ``03/04/2025`` is March or April is
decided once per file by ``decide_order``; told no order, the reader refuses such a date rather than guess.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import BinaryIO

from .zones import Zone, read_zone, split_zone

DATA = Path(__file__).parent / "data"
UNKNOWN_FORMAT = "date in no known format"
NO_ZONE = "time without a UTC offset"


@dataclass(frozen=True)
class Order:
    """Day and month order of a file's numeric dates, and why."""

    day_first: bool
    reason: str = ""

    @property
    def note(self) -> str:
        """For the file's ``MemberNote``; empty when the file holds no date whose order matters."""
        label = "day-first" if self.day_first else "month-first (US)"
        return f"dates read {label}: {self.reason}" if self.reason else ""


MONTH_FIRST = Order(day_first=False)  # the US order: LinkedIn writes it whatever the member's country
DAY_FIRST = Order(day_first=True)     # the order of most of the world's spreadsheets


def read_datetime(text: str | None, day_first: bool | None = None) -> datetime | None:
    """A date and time in any known form: naive UTC when it names a zone, else as written; None when empty.

    ``day_first`` is the file's order (``decide_order``) for numeric dates such as ``03/04/2025``;
    without it they are refused. Raises ValueError with a reason that names no value.
    """
    if text is None or not (text := text.strip()):
        return None
    local, zone = read_parts(text, day_first)
    return zone.to_utc(local) if zone else local


def read_instant(text: str | None, day_first: bool | None = None) -> datetime:
    """A date and time that must name its zone, as naive UTC; ValueError when it names none."""
    if text is None or not text.strip():
        raise ValueError("missing")
    local, zone = read_parts(text.strip(), day_first)
    if zone is None:
        raise ValueError(NO_ZONE)
    return zone.to_utc(local)


def read_parts(text: str, day_first: bool | None = None) -> tuple[datetime, Zone | None]:
    """The local date and time as written and the zone it names (None when it names none)."""
    iso = _ISO.fullmatch(text)
    if iso:  # the common case, several times faster than the general path
        return _read_iso(text, iso)
    rest, zone = split_zone(text)
    rest, clock, half = _split_time(rest)
    day, period = _read_date(rest, day_first)
    return datetime.combine(day, _in_period(clock, half, period)), zone


# --- spreadsheet day numbers ---------------------------------------------------------------------

# A date cell formatted as "General" or as a number is saved as its day number: "45822" is 14 June 2025, counted
# from Excel's day 0, 30 December 1899 (1900 date system, also LibreOffice's and Google Sheets'; the 1904 system of
# old Mac Excel is not read). Five digits only, and only from 1970 to 2099: any other number is no date.
SPREADSHEET_EPOCH = datetime(1899, 12, 30)
SERIAL_RANGE = (25569, 73050)  # 1970-01-01 and 2099-12-31
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")


def spreadsheet_serial(text: str | None) -> datetime | None:
    """The date (and time, from a fraction of a day) of a spreadsheet's day number such as ``45822`` or
    ``45822.75``; None for anything else. For columns that hold only dates: elsewhere a number is a number."""
    if text is None or not _SERIAL.fullmatch(text := text.strip()):
        return None
    days = float(text)
    if not SERIAL_RANGE[0] <= days < SERIAL_RANGE[1] + 1:
        return None
    return SPREADSHEET_EPOCH + timedelta(seconds=round(days * 86400))


# --- ISO 8601 -------------------------------------------------------------------------------------

_ISO = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?)?(?P<zone> ?(?:UTC|Z|[+-]\d\d:?\d\d))?")


def _read_iso(text: str, match: re.Match) -> tuple[datetime, Zone | None]:
    zone = match.group("zone")
    try:
        local = datetime.fromisoformat(text[:match.start("zone")] if zone else text)
    except ValueError:
        raise ValueError(UNKNOWN_FORMAT) from None
    zone = zone.strip() if zone else None
    return local, zone and read_zone("UTC" if zone in ("Z", "UTC") else f"UTC{zone}")


# --- time of day ----------------------------------------------------------------------------------

_TIME = re.compile(r"(?<![\d:])(?P<hour>\d{1,2}):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:[.,]\d+)?)?"
                   r"(?:\s?(?P<half>[AaPp])\.?\s?[Mm]\.?(?!\w))?(?![\d:])")


def _split_time(text: str) -> tuple[str, time, int | None]:
    """The text without its time of day, the time as written (midnight for a date alone), and the hours its
    "am" or "pm" adds (None without)."""
    found = list(_TIME.finditer(text))
    if not found:
        return text, time(), None
    if len(found) > 1:
        raise ValueError(UNKNOWN_FORMAT)
    match = found[0]
    try:
        clock = time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
    except ValueError:
        raise ValueError(UNKNOWN_FORMAT) from None
    half = (12 if match["half"] in "Pp" else 0) if match["half"] else None
    return f"{text[:match.start()]} {text[match.end():]}", clock, half


def _in_period(clock: time, half: int | None, period: int | None) -> time:
    """The time of a 12-hour clock in the half of the day that "am" or "pm" (``half``) or a word of the date's
    language ("下午", "chiều": ``period``) names, as hours added (12 am is 0:00); as written when none does.
    Refused when both do ("4:25 am chiều"), or for a time that is no 12-hour clock's, or no time at all."""
    if half is None and period is None:
        return clock
    if (half is not None and period is not None) or not 1 <= clock.hour <= 12:
        raise ValueError(UNKNOWN_FORMAT)
    return clock.replace(hour=clock.hour % 12 + (period if half is None else half))


# --- the date -------------------------------------------------------------------------------------

_NUMERIC = re.compile(r"(?P<a>\d{1,4})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})\.?")
_SPLIT = re.compile(r"[\s,]+")
# Romanian is often typed with cedillas (ş, ţ) where CLDR writes commas below (ș, ț); Facebook's Arabic pages
# write Arabic-Indic digits and wrap a time in right-to-left marks ("\u200fيوليو ١٢, ٢٠٢٣ ١٠:١١:١٢ ص\u200f",
# Mahmmadzoude/shiny-disco; the time of day is read by its digits' values already)
_LETTERS = str.maketrans({"ş": "ș", "ţ": "ț", "\u200e": " ", "\u200f": " "}
                         | {chr(zero + n): str(n) for zero in (0x660, 0x6F0) for n in range(10)})
# Chinese writes numbers against their units, "2020年9月14日" (AlanZJW/fb, 2021): parted, the month is the
# name "4 月" that Facebook's HTML of 2025 spaces itself ("3 月 18, 2023", VoidPharah41/fb_old), and 年 and 日
# are words between numbers as "de" is in Spanish. data/date_names.csv writes its names so too.
_HAN_DIGIT = re.compile(r"(?<=\d)(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])(?=\d)")


def _read_date(text: str, day_first: bool | None) -> tuple[datetime, int | None]:
    """The date, and the hours the words for AM or PM add to the time (None when there are none)."""
    numeric, numbers, words = None, [], []
    for token in _tokens(_undashed(text)):
        match = _NUMERIC.fullmatch(token)
        bare = token.strip(".")
        if match and numeric is None:
            numeric = match
        elif bare.isascii() and bare.isdigit():
            numbers.append(bare)
        elif bare:
            words.append(bare)
    month, weekday, period = _meanings(tuple(words))
    if numeric is not None and month is None and not numbers:
        day = _numeric_date(numeric, day_first)
    elif numeric is None and month is not None:
        day = _worded_date(numbers, month)
    else:
        raise ValueError(UNKNOWN_FORMAT)
    if weekday is not None and day.isoweekday() != weekday:
        raise ValueError("weekday does not match the date")
    return day, period


# Excel's date formats "d-mmm-yy" and "d-mmm-yyyy" write "14-Jun-25" and "14-Jun-2025" (a journal kept in a
# spreadsheet, saved as CSV): the month a word between dashes, the year of two digits read as strptime's %y.
_DASHED = re.compile(r"(?<![\w-])(\d{1,2})-([^\W\d_]{3,})\.?-(\d{4}|\d{2})(?![\w-])")


def _undashed(text: str) -> str:
    """A dashed worded date ("14-Jun-25") as the spaced one the reader knows ("14 Jun 2025")."""
    def spaced(match: re.Match) -> str:
        year = match[3] if len(match[3]) == 4 else str(_century(int(match[3])))
        return f"{match[1]} {match[2]} {year}"
    return _DASHED.sub(spaced, text)


def _tokens(text: str) -> list[str]:
    text = _HAN_DIGIT.sub(" ", unicodedata.normalize("NFC", text).casefold().translate(_LETTERS))
    phrases = _vocabulary()[1]
    if phrases is not None:  # multi-word names (Leet Speak's Friday) become one token
        text = phrases.sub(lambda m: m.group(0).replace(" ", "_"), text)
    return [t for t in _SPLIT.split(text) if t]


def _numeric_date(match: re.Match, day_first: bool | None) -> datetime:
    a, b, c, sep = match["a"], match["b"], match["c"], match["sep"]
    if len(a) == 4 and len(c) <= 2:
        return _date(int(a), int(b), int(c))
    if len(a) > 2 or len(c) not in (2, 4) or sep == "-":  # dashes only in year-first dates
        raise ValueError(UNKNOWN_FORMAT)
    year = int(c) if len(c) == 4 else _century(int(c))
    if sep == ".":
        return _date(year, int(b), int(a))
    if day_first is None:
        raise ValueError("day and month order of this file not decided")
    return _date(year, int(b), int(a)) if day_first else _date(year, int(a), int(b))


def _worded_date(numbers: list[str], month: int) -> datetime:
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1 or len(days) != 1 or len(numbers) != 2:
        raise ValueError(UNKNOWN_FORMAT)
    return _date(int(years[0]), month, int(days[0]))


def _century(year: int) -> int:
    """Two-digit years as strptime's %y reads them: 69-99 in the 1900s, 00-68 in the 2000s."""
    return year + (1900 if year >= 69 else 2000)


def _date(year: int, month: int, day: int) -> datetime:
    try:
        return datetime(year, month, day)
    except ValueError:
        raise ValueError(UNKNOWN_FORMAT) from None


@lru_cache(maxsize=4096)
def _meanings(words: tuple[str, ...]) -> tuple[int | None, int | None, int | None]:
    """Month, weekday and the hours of AM or PM named by a date's words, all of one language; ValueError when
    the words are of no language or name different months in the languages they fit ("listopad" is October
    in Croatian, November in Czech and Polish: the words around it tell which)."""
    if not words:
        return None, None, None
    index = _vocabulary()[0]
    languages = None
    for word in words:
        meanings = index.get(word)
        if not meanings:
            raise ValueError(UNKNOWN_FORMAT)
        languages = set(meanings) if languages is None else languages & meanings.keys()
    readings = {reading for language in languages or () if (reading := _reading(words, index, language))}
    if len(readings) > 1:
        raise ValueError("month name of different months in different languages")
    if not readings:
        raise ValueError(UNKNOWN_FORMAT)
    return readings.pop()


def _reading(words: tuple[str, ...], index: dict, language: str) -> tuple[int | None, ...] | None:
    found: dict[str, list[int]] = {"month": [], "weekday": [], "period": [], "connector": []}
    for word in words:
        kind, number = index[word][language]
        found[kind].append(number)
    if any(len(found[kind]) > 1 for kind in ("month", "weekday", "period")):
        return None
    return tuple((found[kind] or [None])[0] for kind in ("month", "weekday", "period"))


# The weekday as an e-mail's date writes it (RFC 5322 "Sat, 14 Jun 2025", English whatever the language), and as
# spreadsheets copy it. Only English: CLDR's short forms of other languages clash with their months ("mar" is
# Tuesday and March in Spanish), so data/date_names.csv keeps full names only.
_ENGLISH_WEEKDAYS = {"mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6,
                     "sun": 7}


@cache
def _vocabulary() -> tuple[dict[str, dict[str, tuple[str, int]]], re.Pattern | None]:
    """word → {language: (kind, number)} from ``data/date_names.csv``, and a pattern of its multi-word names."""
    index: dict[str, dict[str, tuple[str, int]]] = {}
    with open(DATA / "date_names.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            key = row["name"].replace(" ", "_")
            index.setdefault(key, {})[row["language"]] = (row["kind"], int(row["number"] or 0))
    for word, number in _ENGLISH_WEEKDAYS.items():
        index.setdefault(word, {}).setdefault("en", ("weekday", number))
    phrases = sorted((k.replace("_", " ") for k in index if "_" in k), key=len, reverse=True)
    return index, re.compile("|".join(map(re.escape, phrases))) if phrases else None


# --- day and month order of a whole file ----------------------------------------------------------

_AMBIGUOUS = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})(?!\d)")


def decide_order(values: Iterable[str | None], default: Order) -> Order:
    """The day and month order of a file's numeric dates, decided once from all of them.

    One file is written by one program in one order: a first field over 12 proves day first, a
    second field over 12 month first. With no proof the export's own order holds (``default``);
    with proofs both ways the larger count wins and the other values, impossible in that order,
    are quarantined. The reason says which, for the file's note.
    """
    day_proofs = month_proofs = either = 0
    for value in values:
        match = _AMBIGUOUS.match(value) if value else None
        if match is None:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second:
            day_proofs += 1
        elif second > 12 >= first:
            month_proofs += 1
        else:
            either += 1
    return _decision(day_proofs, month_proofs, either, default)


def _decision(day_proofs: int, month_proofs: int, either: int, default: Order) -> Order:
    if not (day_proofs or month_proofs):
        return Order(default.day_first, "no value proves otherwise" if either else "")
    if day_proofs and month_proofs:
        if day_proofs == month_proofs:
            return Order(default.day_first, f"as many values prove each order ({day_proofs}); the export's own "
                                            "holds, the others are quarantined")
        day_first = day_proofs > month_proofs
        won, lost = (day_proofs, month_proofs) if day_first else (month_proofs, day_proofs)
        return Order(day_first, f"{won} values prove it, {lost} the other order (quarantined)")
    count = day_proofs or month_proofs
    values = "1 value has" if count == 1 else f"{count} values have"
    return Order(bool(day_proofs), f"{values} a {'first' if day_proofs else 'second'} field over 12")


# "/8/18" of "1/8/18": a literal first makes the search run at memory speed, where a pattern that
# starts with a digit class is ten times slower
_SLASHED_BYTES = re.compile(rb"/\d{1,2}/\d\d")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def holds_slashed_dates(stream: BinaryIO) -> bool:
    """Whether a file's bytes hold anything shaped like a slashed date ("1/8/18", "2024/07/16").

    A file with none needs no day and month order decided and is spared a second reading: LinkedIn's
    messages.csv writes ISO dates and can hold 100,000s of rows. Such text in another column only
    costs that reading, never a wrong date. UTF-16 (a file re-saved by Excel) hides its digits from a
    byte search: it is always read.
    """
    chunk = stream.read(1 << 20)
    if chunk.startswith(_UTF16_BOMS):
        return True
    while chunk:
        if _SLASHED_BYTES.search(chunk):
            return True
        more = stream.read(1 << 20)
        chunk = chunk[-8:] + more if more else b""  # a date cut in two is found whole with the next chunk
    return False
