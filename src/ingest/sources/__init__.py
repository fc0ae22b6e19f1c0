"""The source registry: the one place that maps names to source modules.

Adding a platform is one module here plus its fixtures. Each module exposes ``NAME``,
``detect(export) -> bool`` and ``parse(export) -> Iterator[Record]``; one whose messages have text sets
``MESSAGE_TEXT = True`` and keeps it in ``Interaction.message_text`` when called as
``parse(export, message_text=True)`` (the owner opted in), never otherwise.
"""

from __future__ import annotations

from types import ModuleType

from ..archive import Export
from . import addressbook, calendar, facebook, journal, linkedin, twitter, xing

SOURCES: dict[str, ModuleType] = {module.NAME: module for module in (linkedin, facebook, twitter, xing, addressbook, calendar, journal)}


def detect_source(export: Export) -> ModuleType | None:
    """The source that recognises the export by content; a platform name in the path breaks a tie."""
    matches = [module for module in SOURCES.values() if module.detect(export)]
    if len(matches) > 1:
        hinted = [m for m in matches if m.NAME in export.relative_path.lower()]
        matches = hinted or matches
    return matches[0] if matches else None
