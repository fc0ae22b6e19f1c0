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
the export is such files: ``split_export`` then shares it file by file as well. A shared source that reads a part of
a file another source reads too (a phone's database of several apps' tables) exposes ``reads_part(export) -> bool``,
true when the export, a view of that one file, is such a file: ``split_export`` gives the file to both.

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
             "xing": "xing", "addressbook": "addressbook", "calendar": "calendar.reading", "journal": "journal",
             "calls": "calls.detection"}


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

    A folder or zip holding whole exports side by side (``_bundled``) gives each entry to the source that
    recognises it, as ``unsocial run`` does with the exports in an inbox.
    """
    source = detect_source(export)
    if source is None:
        refuse_encrypted(export.path)  # a backup encrypted with gpg: no source could ever read it as it is
        return []
    if not (_shares(source) or _loose(source, export)):
        return _bundled(export, source) or [(source, export)]
    return _split_files(export, source)


def _split_files(export: Export, source: ModuleType) -> list[tuple[ModuleType, Export]]:
    """The files of a shared export (or of loose files) given to the sources that read them (``split_export``)."""
    readers = _readers()
    folders = export.product_folders()
    by_file = _by_file(export)
    taken: dict[ModuleType, list[str]] = {source: []}
    for folder, members in folders.items():
        owner = _reader(export.view(members, folder), readers, source) if folder and len(folders) > 1 else source
        for member in members:
            view = export.view([member], member) if by_file else None
            reader = _reader(view, readers, owner) if view else owner
            for module in [reader, *(_part_readers(view, readers, reader) if view else [])]:
                taken.setdefault(module, []).append(member)
    parts = [(module, export.view(members, module.NAME)) for module, members in taken.items() if members]
    return parts if len(parts) > 1 else [(source, export)]


def _part_readers(view: Export, readers: list[ModuleType], reader: ModuleType) -> list[ModuleType]:
    """The other sources that read a part of the one file ``view`` holds (``reads_part``): Android's ``contacts2.db``
    holds the call log (table ``calls``) and the address book (``raw_contacts``, ``data``). Each source's view of it is
    an export of its own (``<export>#<source>``), so the two sources' rows never share their (export, member, line);
    each reads only its own tables and counts only their records."""
    return [module for module in readers if module is not reader and _reads_part(module, view)]


def _reads_part(source: ModuleType, view: Export) -> bool:
    reads_part = getattr(source, "reads_part", None)
    return reads_part is not None and reads_part(view)


def _bundled(export: Export, source: ModuleType) -> list[tuple[ModuleType, Export]]:
    """A folder or zip of whole exports side by side, each part given to its source; empty when it is one export.

    People keep their downloads together and pass the folder, or zip it (a zip of zips): a Facebook export folder
    (renamed ``facebook-jürgenmüller-2026/``), ``LinkedIn Export (1).zip``, a Google Takeout zip of Contacts and
    a journal CSV in one Downloads folder. The platform detected first took the whole: every file of the others was
    its own data "ignored", or an unknown file, and 46 of 70 records were lost. It is a bundle when an entry at
    its top is a whole export (``_whole_export``); each entry then goes to the source that recognises it, what
    none recognises stays with ``source``, and a Takeout in it is split by product as alone."""
    entries = _entries(export)
    views = {name: export.view(members, name) for name, members in entries.items()}
    if len(entries) < 2 or not any(_whole_export(name, view, source) for name, view in views.items()):
        return []
    taken: dict[ModuleType, list[str]] = {source: []}
    for name, view in views.items():
        for module, part in _entry_parts(view, source):
            taken.setdefault(module, []).extend(part.members())
    parts = [(module, export.view(members, module.NAME)) for module, members in taken.items() if members]
    return parts if len(parts) > 1 else []


def _entries(export: Export) -> dict[str, list[str]]:
    """Members by the file, folder or nested zip they are in at the export's top, below a root folder all share
    (a zip of a Downloads folder made by macOS holds ``Downloads/…``)."""
    members = export.members()
    roots = {member.split("/", 1)[0] for member in members}
    depth = 1 if len(roots) == 1 and all("/" in member for member in members) else 0
    entries: dict[str, list[str]] = {}
    for member in members:
        entries.setdefault("/".join(member.split("/")[: depth + 1]), []).append(member)
    return entries


def _whole_export(name: str, view: Export, source: ModuleType) -> bool:
    """Whether the entry ``name`` (a folder or a nested zip, never a lone file) is an export of its own: one that
    another source recognises, or one of ``source`` named after it, as platforms name their exports
    (``facebook-<user>-<date>``, ``Complete_LinkedInDataExport_<date>.zip``, ``twitter-<date>-<hash>.zip``).
    A platform's own folders (``data/``, ``messages/``) are neither: its export is never split."""
    if view.members() == [name]:
        return False
    if source.detect(view):
        return source.NAME in name.rsplit("/", 1)[-1].lower()
    return detect_source(view) is not None


def _entry_parts(view: Export, owner: ModuleType) -> list[tuple[ModuleType, Export]]:
    """The sources of one entry of a bundle and the part each reads; ``owner`` keeps what no source recognises."""
    source = detect_source(view)
    if source is None:
        return [(owner, view)]
    return _split_files(view, source) if _shares(source) or _loose(source, view) else [(source, view)]


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
