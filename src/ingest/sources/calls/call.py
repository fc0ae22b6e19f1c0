"""One entry of a call log as its file writes it: what every reader of a log gives (``records`` decides what it
means). Apart from ``records``, so that telling a log (``detection``) imports no more than its readers do."""

from __future__ import annotations

import calendar
from typing import NamedTuple


class Call(NamedTuple):
    """One entry of a call log as its file writes it (texts as written, None where absent)."""

    line: int
    number: str | None
    at_ms: str | None  # milliseconds since 1970, UTC
    type: str | None  # Android's code (``INCOMING`` …)
    duration: str | None  # seconds
    name: str | None
    presentation: str | None
    excerpt: str
    country: str | None = None  # the country the phone was in (Android's ``countryiso``): national numbers' region
    problem: str | None = None  # the file breaks off here: what follows could not be read


# A log that writes its times as the phone or computer showed them, with no zone (iMazing's CSV, Nokia's LogExport,
# Windows Mobile's CallHistory), gives them as written: milliseconds of that wall-clock time counted from 1970, which
# ``records`` turns back into the same time, as the dates module keeps a time without a zone.
def wall_clock_ms(at) -> str:
    """``at`` (a naive datetime, as written) as the text of milliseconds since 1970 that ``Call.at_ms`` holds."""
    return str(calendar.timegm(at.timetuple()) * 1000 + at.microsecond // 1000)


def clock_seconds(value: str | None) -> str | None:
    """A length written ``HH:MM:SS`` (or ``MM:SS``) as whole seconds of text; anything else as written (``records``
    refuses what is no number of seconds)."""
    parts = (value or "").strip().split(":")
    if len(parts) not in (2, 3) or not all(part.isascii() and part.isdigit() for part in parts):  # not "²", "٣"
        return value
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return str(seconds)
