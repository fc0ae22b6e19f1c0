"""Outlook's calendar saved as CSV known by its header, in each language whose header was seen: what recognising a
calendar export needs (``reading.detect``) without the reader (``outlook_csv``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..archive import Export
from ..dates import DAY_FIRST, MONTH_FIRST, Order
from ..tabular import header_of

CSV_SUFFIXES = (".csv",)


@dataclass(frozen=True)
class Shape:
    """The columns (canonical names) of one language's export, and how it writes yes and its dates."""

    name: str
    subject: str
    start_date: str
    start_time: str
    all_day: str
    organizer: str
    required: str
    optional: str
    resources: str
    location: str
    description: str
    yes: str  # the "All day event" value that means yes
    order: Order  # the date order when no value proves one

    @property
    def columns(self) -> tuple[str, ...]:
        return self.start_date, self.start_time, self.organizer, self.required, self.optional


SHAPES = (
    Shape("Outlook calendar CSV", "subject", "start date", "start time", "all day event", "meeting organizer",
          "required attendees", "optional attendees", "meeting resources", "location", "description", "true",
          MONTH_FIRST),
    Shape("Outlook calendar CSV (German)", "betreff", "beginnt am", "beginnt um", "ganztägiges ereignis",
          "besprechungsplanung", "erforderliche teilnehmer", "optionale teilnehmer", "besprechungsressourcen", "ort",
          "beschreibung", "ein", DAY_FIRST),
)


def shape_of(export: Export, member: str) -> Shape | None:
    """The member's shape, by its header; None for any other file."""
    if not member.lower().endswith(CSV_SUFFIXES):
        return None
    return next((shape for shape in SHAPES if header_of(export, member, shape.columns)), None)


def is_outlook_csv(export: Export, members: Iterable[str]) -> bool:
    """Any member is an Outlook calendar CSV."""
    return any(shape_of(export, member) for member in members)
