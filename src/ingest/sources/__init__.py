"""The sources, first in the flow: finding an owner's exports in their inbox (``inbox``, ``archive``), one
module per source, and the readers they share; they import the shared modules only. Here: the source registry,
the one place that maps names to source modules.

Adding a platform is one module here plus its fixtures. Each module exposes ``NAME``,
``detect(export) -> bool`` and ``parse(export) -> Iterator[Record]``; one whose messages have text sets
``MESSAGE_TEXT = True`` and keeps it in ``Interaction.message_text`` when called as
``parse(export, message_text=True)`` (the owner opted in), never otherwise. One whose files may come in
a folder or archive beside another source's (a Takeout's products, a calendar beside contacts) sets
``SHARED_ARCHIVE = True`` (see ``split_export``). A platform whose export may be loose files saved by hand among
other sources' (XING's vCards, downloaded contact by contact) exposes ``loose_files(export) -> bool``, true when
the export is such files: ``split_export`` then shares it file by file as well.

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
from .takeout import takeout_products
from .tarcheck import refuse_encrypted

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
    """The source that recognises the export by content; a platform name in the path breaks a tie, and a claim
    that rests on the name alone (``xing.claimed_by_name_only``) yields to one by content."""
    matches = [name for name in DETECTION if detector(name)(export)]
    if len(matches) > 1:
        by_content = [name for name in matches if not _by_name_only(name, export)]
        hinted = [name for name in by_content if name in export.relative_path.lower()]
        matches = hinted or by_content or matches
    return SOURCES[matches[0]] if matches else None


def _by_name_only(name: str, export: Export) -> bool:
    claimed = getattr(importlib.import_module(f"{__name__}.{DETECTION[name]}"), "claimed_by_name_only", None)
    return bool(claimed and claimed(export))


def split_export(export: Export) -> list[tuple[ModuleType, Export]]:
    """Each source of an export with the part of it that it reads: mostly one source and the whole export.

    When a ``SHARED_ARCHIVE`` source recognises the whole, every product folder another such source
    recognises becomes that source's, and then every file of a folder that another such source reads and
    the folder's own source does not (``_reader``); the rest (files no source reads alone, the files beside
    a Takeout's folders) stays with the folder's source, which lists it once. Each source's files make
    its view of the export, named ``<export>#<source>``. A platform's export is never split: its own parser
    decides about its files.

    A Google Takeout holds a folder per product (``Takeout/Calendar/``, ``Takeout/Contacts/``,
    ``Takeout/Drive/`` …) in one zip, or across the zips of a Takeout in several parts (``Export.product_folders``
    groups them by product, not by part); a product is read whole, never file by file (``_by_file``).
    A folder or zip of another's making mixes sources file by file: Outlook for Windows exports the calendar
    (``Calendar.CSV``) and the contacts (``contacts.csv``) into one Documents folder; calendar apps and phones
    save ``.ics`` and ``.vcf`` side by side (audriga/jmap-php-icalendar_vcard ``tests/resources/``); a Radicale
    server's storage keeps a user's calendars and address books two folders below its root
    (``collection-root/<user>/<collection>/``: Kozea/Radicale ``DOCUMENTATION.md``). Given to the calendar whole,
    the contacts were an unknown file and every person only in them was lost.
    """
    source = detect_source(export)
    if source is None:
        refuse_encrypted(export.path)  # a backup encrypted with gpg: no source could ever read it as it is
        return []
    if not (_shares(source) or _loose(source, export)):
        return [(source, export)]
    readers = _readers()
    folders = export.product_folders()
    by_file = _by_file(export)
    taken: dict[ModuleType, list[str]] = {source: []}
    for folder, members in folders.items():
        owner = _reader(export.view(members, folder), readers, source) if folder and len(folders) > 1 else source
        for member in members:
            reader = _reader(export.view([member], member), readers, owner) if by_file else owner
            taken.setdefault(reader, []).append(member)
    parts = [(module, export.view(members, module.NAME)) for module, members in taken.items() if members]
    return parts if len(parts) > 1 else [(source, export)]


def _shares(source: ModuleType) -> bool:
    return getattr(source, "SHARED_ARCHIVE", False)


def _loose(source: ModuleType, export: Export) -> bool:
    """Whether the export is a platform's loose files, shared with other sources file by file: XING's vCards,
    downloaded one per contact, saved beside a calendar's ``.ics``, a phone's ``.vcf`` or the journal. Whoever
    took the folder, the others' files were its unknown files, and their people lost; Facebook's, Twitter's and
    LinkedIn's archives, and XING's data copy, are never loose files."""
    loose_files = getattr(source, "loose_files", None)
    return loose_files is not None and loose_files(export)


def _readers() -> list[ModuleType]:
    """The sources that may read a file of a shared export: the ``SHARED_ARCHIVE`` ones, then the platforms whose
    exports are loose files (asked last: they claim a file a shared source reads too only under their name)."""
    modules = list(SOURCES.values())
    return [m for m in modules if _shares(m)] + [m for m in modules if _may_be_loose(m)]


def _by_file(export: Export) -> bool:
    """Whether the export's files are given to sources one by one: not in a Google Takeout, where Google writes
    each product into its own folder, and a product no source reads (Drive, Keep: thousands of the owner's
    own files) is not opened file by file."""
    return takeout_products(export.members()) is None


def _reader(view: Export, readers: list[ModuleType], owner: ModuleType) -> ModuleType:
    """The source that reads the view: ``owner`` when it shares its files and reads it, else the first other of
    ``readers`` that does, else ``owner`` (which lists what no source reads as its unknown files). A platform owner
    is asked last: XING claims every file of a folder named after it, its calendar too."""
    if _shares(owner) and owner.detect(view):
        return owner
    return next((module for module in readers if module is not owner and module.detect(view)), owner)


def splittable(name: str) -> bool:
    """Whether an export the source ``name`` recognises may be split between sources (``split_export``): a
    ``SHARED_ARCHIVE`` source's, or a platform's whose exports may be loose files among others'."""
    return _shares(SOURCES[name]) or _may_be_loose(SOURCES[name])


def _may_be_loose(source: ModuleType) -> bool:
    return hasattr(source, "loose_files")


def part_for(export: Export, name: str) -> Export:
    """The part of the export that the source ``name`` reads (``split_export``), the whole export mostly."""
    if not splittable(name):
        return export
    return next((part for module, part in split_export(export) if module.NAME == name), export)
