"""One entry of a call log as its file writes it: what every reader of a log gives (``records`` decides what it
means). Apart from ``records``, so that telling a log (``detection``) imports no more than its readers do."""

from __future__ import annotations

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
