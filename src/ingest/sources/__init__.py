"""The sources, first in the flow: finding an owner's exports in their inbox (``inbox``, ``archive``), one
module per source, and the readers they share; they import the shared modules only. Here: the source registry,
the one place that maps names to source modules.

Adding a platform is one module here plus its fixtures. Each module exposes ``NAME``,
``detect(export) -> bool`` and ``parse(export) -> Iterator[Record]``; one whose messages have text sets
``MESSAGE_TEXT = True`` and keeps it in ``Interaction.message_text`` when called as
``parse(export, message_text=True)`` (the owner opted in), never otherwise. One whose files may come in
an archive beside other products' sets ``SHARED_ARCHIVE = True`` (see ``split_export``).

Recognising an export imports what detection needs and no parser: each ``detect`` lives in a module that
imports little (``DETECTION``; the source module re-exports it), the calendar's and Facebook's readers
(icalendar, the HTML parsers) in their package's ``parsing``, vobject where a card is read. A source
module is imported on its first look-up in ``SOURCES``: a Twitter zip costs no import of the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType

from .archive import Export

# name → the module holding its detect(), under this package; in the order sources are tried
DETECTION = {"linkedin": "linkedin.files", "facebook": "facebook.scan", "twitter": "twitter.layout",
             "xing": "xing", "addressbook": "addressbook", "calendar": "calendar.reading", "journal": "journal"}


class _Sources(Mapping[str, ModuleType]):
    """Name → source module, each imported when first looked up."""

    def __getitem__(self, name: str) -> ModuleType:
        if name not in DETECTION:
            raise KeyError(name)
        return importlib.import_module(f"{__name__}.{name}")

    def __iter__(self) -> Iterator[str]:
        return iter(DETECTION)

    def __len__(self) -> int:
        return len(DETECTION)


SOURCES: Mapping[str, ModuleType] = _Sources()


def detector(name: str) -> Callable[[Export], bool]:
    """The source's ``detect``, without importing its parser."""
    return importlib.import_module(f"{__name__}.{DETECTION[name]}").detect


def detect_source(export: Export) -> ModuleType | None:
    """The source that recognises the export by content; a platform name in the path breaks a tie."""
    matches = [name for name in DETECTION if detector(name)(export)]
    if len(matches) > 1:
        hinted = [name for name in matches if name in export.relative_path.lower()]
        matches = hinted or matches
    return SOURCES[matches[0]] if matches else None


def split_export(export: Export) -> list[tuple[ModuleType, Export]]:
    """Each source of an export with the part of it that it reads: mostly one source and the whole export.

    A Google Takeout holds a folder per product (``Takeout/Calendar/``, ``Takeout/Contacts/``,
    ``Takeout/Drive/`` …) in one zip, or across the zips of a Takeout in several parts (``Export.product_folders``
    groups them by product, not by part). When a ``SHARED_ARCHIVE`` source recognises the whole, every
    product folder another such source recognises becomes that source's view of the export; the rest
    (products no source reads, the files beside the folders) stays with the first, which lists it.
    """
    source = detect_source(export)
    if source is None or not getattr(source, "SHARED_ARCHIVE", False):
        return [(source, export)] if source else []
    folders = export.product_folders()
    if len(folders) < 2:
        return [(source, export)]
    shared = [module for module in SOURCES.values() if getattr(module, "SHARED_ARCHIVE", False)]
    taken: dict[ModuleType, list[str]] = {source: []}
    for folder, members in folders.items():
        view = export.view(members, folder)
        owner = next((module for module in shared if module.detect(view)), source) if folder else source
        taken.setdefault(owner, []).extend(members)
    parts = [(module, export.view(members, module.NAME)) for module, members in taken.items() if members]
    return parts if len(parts) > 1 else [(source, export)]


def part_for(export: Export, name: str) -> Export:
    """The part of the export that the source ``name`` reads (``split_export``), the whole export mostly."""
    if not getattr(SOURCES[name], "SHARED_ARCHIVE", False):
        return export
    return next((part for module, part in split_export(export) if module.NAME == name), export)
