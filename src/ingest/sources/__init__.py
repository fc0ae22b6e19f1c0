"""The source registry: the one place that maps names to source modules.

Adding a platform is one module here plus its fixtures. Each module exposes ``NAME``,
``detect(export) -> bool`` and ``parse(export) -> Iterator[Record]``; one whose messages have text sets
``MESSAGE_TEXT = True`` and keeps it in ``Interaction.message_text`` when called as
``parse(export, message_text=True)`` (the owner opted in), never otherwise. One whose files may come in
an archive beside other products' sets ``SHARED_ARCHIVE = True`` (see ``split_export``).
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


def split_export(export: Export) -> list[tuple[ModuleType, Export]]:
    """Each source of an export with the part of it that it reads: mostly one source and the whole export.

    A Google Takeout holds a folder per product (``Takeout/Calendar/``, ``Takeout/Contacts/``,
    ``Takeout/Drive/`` …) in one zip. When a ``SHARED_ARCHIVE`` source recognises the whole, every
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
