"""Finding an owner's exports in their inbox: each file or folder recognised by content, a folder
no source claims looked into, the zips of one multi-zip request joined, a zip joined to the folder it
was unpacked into, and an export unchanged since it was loaded recognised by its content hash alone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import UnreadableExportError, UnsocialError, file_name_text
from .archive import Export, is_noise, still_downloading
from .placeholders import in_icloud
from .takeout import takeout_parts

OVERRIDES_FILE = "overrides.csv"  # an inbox's own overrides, at its top; not an export (``identity.overrides``)


@dataclass(frozen=True)
class Found:
    """An export found in an inbox and the source that recognised it (of an archive holding several
    sources' files, the part that source reads: ``sources.split_export``)."""

    path: Path
    inbox: Path
    source: str
    unchanged: bool = False  # loaded before with the same content hash
    parts: tuple[Path, ...] = ()  # every zip of a request delivered in several; a folder and its zip
    only: frozenset[str] | None = None  # of a folder or zip of several exports, the members this source reads

    @property
    def export(self) -> Export:
        from . import part_for

        whole = Export(self.path, self.inbox, self.parts)
        return whole.view(sorted(self.only), self.source) if self.only is not None else part_for(whole, self.source)


@dataclass
class Discovery:
    found: list[Found] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    failed: list[UnsocialError] = field(default_factory=list)


def sources_of(export: Export) -> list:
    """The sources of an export, each with the part it reads (mostly one, with the whole export); a
    file named .zip that is no zip is an error, not an unknown file. A folder so named is a folder: an export
    unpacked into a folder that kept the zip's name (leadjobs-dev/career-network, a LinkedIn export of 2026)."""
    from . import split_export

    if export.path.suffix.lower() == ".zip" and export.kind == "file":
        if not os.access(export.path, os.R_OK):  # copied from another account or a backup with its permissions
            raise UnreadableExportError(export.path, "the file cannot be read (permission denied)",
                                        "give your user permission to read it")
        raise UnreadableExportError(export.path, "not a readable zip (truncated or damaged?)",
                                    "download the export again")
    return split_export(export)


def checked_inbox(inbox: Path) -> Path:
    """The inbox folder; a missing one refused before anything (the database, its batch folder) is created."""
    if not inbox.is_dir():
        raise UnsocialError(inbox, "no such inbox folder", "pass the folder that holds your exports")
    return inbox


def discover_exports(inbox: Path, loaded: dict[str, tuple[str, str]] | None = None) -> Discovery:
    """Every export in the inbox, recognised by content; a folder no source claims is looked into.

    ``loaded`` (export path → content hash and source, from the database) lets an export that is
    unchanged since it was loaded be recognised by its hash alone, without reading it again.
    """
    checked_inbox(inbox)
    discovery = Discovery()
    _discover(inbox, inbox, loaded or {}, discovery, depth=0)
    discovery.found = _join_unpacked(_join_parts(discovery.found, loaded or {}), loaded or {})
    return discovery


def _join_parts(found: list[Found], loaded: dict[str, tuple[str, str]]) -> list[Found]:
    """Sibling zips of one multi-zip request become one export (sources with ``MULTIPART``).

    Facebook names the parts of one request alike but for a random suffix
    (``facebook-jana-20_11_2026-AbCdEfGh.zip``, ``…-XyZ12345.zip``), so parts share their name
    without the last ``-token``.
    """
    from . import SOURCES

    groups: dict[tuple, list[Found]] = {}
    for item in found:
        multipart = getattr(SOURCES[item.source], "MULTIPART", False) and item.path.suffix.lower() == ".zip"
        key = (item.source, item.path.parent, _part_stem(item.path.name)) if multipart else (item.path, item.source)
        groups.setdefault(key, []).append(item)
    joined = []
    for items in groups.values():
        if len(items) == 1:
            joined.append(items[0])
            continue
        paths = tuple(sorted(i.path for i in items))
        group = Found(paths[0], items[0].inbox, items[0].source, parts=paths)
        known = loaded.get(group.export.relative_path)
        joined.append(replace(group, unchanged=bool(known) and known[0] == group.export.sha256))
    return sorted(joined, key=lambda f: f.path)


def _join_unpacked(found: list[Found], loaded: dict[str, tuple[str, str]]) -> list[Found]:
    """A zip beside the folder it was unpacked into (``x.zip`` and ``x/``, both of one source) becomes one
    export with that folder, whose parts they are: ``Export`` reads the folder and leaves the zip out when
    the folder holds every file of it (``archive.unpacked_copy_of``). As two exports, both were parsed and
    the run summary counted every record twice. A zip that differs from the folder stays an export."""
    joined = {(f.path, f.source): f for f in found}
    for item in (f for f in found if not f.path.is_dir()):
        for folder in [f for f in joined.values() if f.path.is_dir() and _beside(f, item)]:
            group = replace(folder, parts=(*(folder.parts or (folder.path,)), *(item.parts or (item.path,))))
            export = group.export
            if set(export.left_out) - set(folder.export.left_out):  # the zip beside, not one inside the folder
                joined[(folder.path, folder.source)] = replace(group, unchanged=_same(loaded, export, group.source))
                del joined[(item.path, item.source)]
                break
    return sorted(joined.values(), key=lambda f: f.path)


def _beside(folder: Found, item: Found) -> bool:
    return folder.source == item.source and folder.path.parent == item.path.parent


def _same(loaded: dict[str, tuple[str, str]], export: Export, source: str) -> bool:
    """Whether the export was loaded before, by this source, from the same content."""
    known = loaded.get(export.relative_path)
    return bool(known) and known[1] == source and known[0] == export.sha256


def _part_stem(name: str) -> str:
    return re.sub(r"[-_ ]?(\(\d+\)|part\s*\d+|[A-Za-z0-9]{6,12})$", "", name[: -len(".zip")], flags=re.I).lower()


def _discover(folder: Path, inbox: Path, loaded: dict[str, tuple[str, str]], discovery: Discovery, depth: int) -> None:
    try:
        paths = sorted(folder.iterdir())
    except OSError as exc:  # a folder the user may not read (copied from another account, a backup's permissions)
        discovery.failed.append(UnreadableExportError(file_name_text(folder.relative_to(inbox).as_posix()),
                                                      f"the folder cannot be read ({exc.strerror or 'OSError'})",
                                                      "give your user permission to read it, or move the exports "
                                                      "out of it"))
        return
    takeouts = takeout_parts(paths)
    for path in paths:
        if (path.name.startswith(".") and not in_icloud(path.name) or is_noise(path.name)
                or (depth == 0 and path.name == OVERRIDES_FILE)):
            continue
        # never followed, but said: a download linked into the inbox is not read; nor is one still being downloaded
        # (Firefox's empty file under the final name would be "not a readable zip: download it again")
        if path.is_symlink() or still_downloading(path) or in_icloud(path.name):
            discovery.unrecognised.append(file_name_text(path.relative_to(inbox).as_posix()))
            continue
        if path in takeouts and takeouts[path][0] != path:  # read with the first part
            continue
        parts = takeouts.get(path, ())
        export = Export(path, inbox, parts)
        known = loaded.get(export.relative_path)
        if known and known[0] == export.sha256 and not _shared(known[1]):
            discovery.found.append(Found(path, inbox, known[1], unchanged=True, parts=parts))
            continue
        try:
            sources = sources_of(export)
        except UnsocialError as exc:
            discovery.failed.append(exc)
            continue
        if sources:
            discovery.found.extend(_found(path, inbox, source.NAME, part, loaded, parts) for source, part in sources)
        elif path.is_dir() and depth < 2:
            _discover(path, inbox, loaded, discovery, depth + 1)
        else:
            discovery.unrecognised.append(export.relative_path)


def _shared(source: str) -> bool:
    """Exports that may be split between sources (``sources.splittable``) are detected again even when unchanged:
    an archive that is now split may have been read whole by one (a Google Takeout, or XING's cards beside a
    calendar, before)."""
    from . import SOURCES, splittable

    return source in SOURCES and splittable(source)


def _found(path: Path, inbox: Path, source: str, part: Export, loaded: dict[str, tuple[str, str]],
           parts: tuple[Path, ...] = ()) -> Found:
    """An export, or the part of one that a source reads, is unchanged when that source loaded it from
    the same content. A platform's part of a folder or zip of several exports keeps its members: ``part_for``
    gives a platform the whole export."""
    known = loaded.get(part.relative_path)
    only = frozenset(part.members()) if part.only is not None and not _shared(source) else None
    return Found(path, inbox, source, unchanged=bool(known) and known[1] == source and known[0] == part.sha256,
                 parts=parts, only=only)
