"""Exports as a flat list of member files, whether a zip, a folder or a single file.

Nothing is ever extracted to disk: members are streamed straight out of the zip, so a member name
like ``../../etc/passwd`` is only a name. Zips are still checked before reading (``zipcheck``), because a zip
bomb or an encrypted member is a sign of a file that is not what it claims to be. Symbolic links
are never followed: not in a folder, not as zip entries.

An archive both zipped and unpacked in one export (``unpacked_copy_of``) is read once, from its
unpacked files; ``Export.left_out`` names the zip and why.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import stat
import tarfile
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import IO

from ..errors import UnreadableExportError, UnsafeArchiveError, file_name_text
from .takeout import takeout_products
from .tarcheck import TAR_SUFFIXES, checked_tar, is_tar
from .workbook import is_workbook, workbook_sheets
from .zipcheck import (MEMBER_ERRORS, MemberStream, checked_zip, checked_zip_infos, damaged, faster_inflate,
                       open_zip)

# Compared lowercased: Windows' file systems ignore case, and both "desktop.ini" and "Desktop.ini" are found. Windows
# keeps a folder's thumbnails in "Thumbs.db" (Vista's Media Center in "ehthumbs.db", "ehthumbs_vista.db") and its
# icon and view in "desktop.ini", in every folder it has shown; macOS its Finder view in ".DS_Store", a localised
# folder name in ".localized" and a folder's custom icon in "Icon\r" (the name ends in a carriage return); Android
# marks a folder to keep out of the gallery with ".nomedia"; Dropbox marks its own folder with ".dropbox". Each was an
# unknown file, with a request to open an issue (hunt 25).
_IGNORED_NAMES = {".ds_store", "thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", ".localized", "icon\r",
                  ".nomedia", ".dropbox"}
# Names that begin so are a program's own, never data: macOS' resource forks "._<file>"; the lock a program holds
# on a file open in it, Office's "~$<file>" (Connections.csv opened in Excel: "~$Connections.csv") and LibreOffice's
# ".~lock.<file>#"; Syncthing's file being received, "~syncthing~<file>.tmp" on Windows and ".syncthing.<file>.tmp"
# elsewhere (syncthing/syncthing ``lib/fs/tempname.go``: ``IsTemporary`` is these prefixes).
_IGNORED_PREFIXES = ("._", "~$", ".~lock.", "~syncthing~", ".syncthing.")
# OneDrive leaves hidden files named a dot and a GUID (".849C9593-D756-4E56-8D6E-42412F2A707B") in folders it syncs
_ONEDRIVE_HIDDEN = re.compile(r"\.[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}")
# Windows marks a file downloaded from the internet with an NTFS stream "<file>:Zone.Identifier" ("[ZoneTransfer]",
# "ZoneId=3", "ReferrerUrl=…"); copied out of Windows (WSL, a network share) it becomes a file of its own beside each
# file of the export, in a git checkout its colon written U+F03A, as Windows' git writes a ":" it cannot store
# (moisessalgado/moisessalgado.github.io "Profile.csv\uf03aZone.Identifier", beside each LinkedIn CSV, 2026). Each was
# an unknown file, with a request to open an issue.
_IGNORED_STREAMS = (":zone.identifier", "\uf03azone.identifier")
# Folders whose files are copies or bookkeeping, never data. A Radicale server caches each item of a
# collection under ``<collection>/.Radicale.cache/item/<href>`` (a pickle holding the item's text) and
# its history under ``history/<href>``, named like the item (``e1.ics``, ``x.vcf``), and sync tokens
# under ``sync-token/`` (Kozea/Radicale ``radicale/storage/multifilesystem/cache.py``, ``sync.py``;
# code index id 70598991985: three events make nine ``.ics`` files): read, each card was refused as
# damaged and each event listed as an unknown file.
# Sync tools keep old versions of the files inside the folder they sync: Syncthing in ".stversions/"
# ("Connections~20231201-101010.csv", syncthing-versioning(7)), Dropbox in ".dropbox.cache/", Resilio in
# ".sync/Archive/" (docs.resilio.com, "Understanding the Archive folder"); a Linux desktop moves a file deleted on a
# USB stick to "<stick>/.Trash-<uid>/files/" (freedesktop.org Trash specification). An export folder synced so was
# read with its copies, every record counted twice (hunt 25).
_IGNORED_FOLDERS = {"__macosx", ".radicale.cache", ".stversions", ".dropbox.cache", ".sync"}
_TRASH = re.compile(r"\.trash-\d+")
# A name is looked at part by part only if a part of it begins with a dot or it holds one of these: a plain name (the
# common case) is told at C speed, and the markers stay few as the lists grow
_NOISE_MARKERS = ("/.", *sorted({name for name in (*_IGNORED_NAMES, *_IGNORED_FOLDERS, *_IGNORED_PREFIXES)
                                 if not name.startswith(".")}), "zone.identifier")
# Browsers write a download under a name of their own until it is complete: Chrome and Edge "….crdownload", Firefox
# "….part" (beside an empty file of the final name), Safari a "….download" folder holding the part, old Edge
# "….partial", Opera "….opdownload". Moved into the inbox too early, each was "no source reads this file".
_DOWNLOADING = (".crdownload", ".part", ".download", ".partial", ".opdownload")
# A zip opened inside the export (a zip zipped again, a part in a "download all" zip) sits at its
# root or one folder down. Deeper ones are attachments (a zip someone sent in Messenger sits in
# messages/inbox/<thread>/files/): other people's files, never opened, whatever they hold.
NESTED_ZIP_DEPTH = 1
# Names of the zips opened inside an export. Nextcloud's "Data migration" is a zip named
# ``user.nextcloud_export`` (nextcloud/user_migration ``lib/Service/UserMigrationService.php``): alone it is read
# as a zip by its content; kept in a folder or zip beside other exports, it was one unknown file, and every
# calendar and address book in it lost. Only these names are opened: a member is never tried as a zip by its
# content (Office files, EPUBs and JARs are zips of no export), and the checks of a nested zip are the same.
NESTED_ZIP_SUFFIXES = (".zip", ".nextcloud_export")
LEFT_OUT_COPY = "the same files as the unpacked copy beside it, read once from there"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def still_downloading(path: Path) -> bool:
    """A browser's download under way (or broken off): by its name, inside Safari's ``….download`` folder, or the
    empty file Firefox makes under the final name beside its ``….part``."""
    if path.name.lower().endswith(_DOWNLOADING) or path.parent.name.lower().endswith(".download"):
        return True
    part = path.with_name(f"{path.name}.part")
    try:
        return part.is_file() and not part.is_symlink() and path.is_file() and path.stat().st_size == 0
    except OSError:  # "<name>.part" past the file system's longest name (a name of 251 to 255 bytes): no such file
        return False


def is_noise(name: str) -> bool:
    """macOS and Windows leave these in folders and zips, and servers and sync tools their caches; they are never
    data. ``name``: a member's path (with ``/``), or a file's name."""
    lowered = name.lower()
    if lowered[:1] != "." and not any(marker in lowered for marker in _NOISE_MARKERS):  # the common case
        return False
    return lowered.endswith(_IGNORED_STREAMS) or any(_noise_part(p) for p in lowered.split("/"))


def _noise_part(part: str) -> bool:
    return (part in _IGNORED_NAMES or part in _IGNORED_FOLDERS or part.startswith(_IGNORED_PREFIXES)
            or bool(_TRASH.fullmatch(part)) or _onedrive_hidden(part))


def _onedrive_hidden(part: str) -> bool:
    return len(part) == 37 and part[0] == "." and bool(_ONEDRIVE_HIDDEN.fullmatch(part))


@dataclass(frozen=True)
class _Location:
    part: Path  # the zip, folder or file that holds the member
    kind: str  # the part's kind: zip, folder or file
    outer: str | None  # the nested zip inside the part, if the member sits in one
    inner: str  # the member's name inside its container


@dataclass
class Export:
    """One export in an inbox: a zip, an extracted folder or a single file.

    A large Facebook request arrives as several zips; ``parts`` then lists them all and the
    export is their union. A zip inside the export (a zip zipped again, a part inside a
    "download all" zip) is opened in place: its members appear as ``<nested.zip>/<member>``.
    One archive may hold the files of several sources (a Google Takeout of Calendar and Contacts):
    ``view`` gives the part of it one source reads, named ``<export>#<label>``.
    A zip whose files are all unpacked in the export as well (nested, or a part beside a folder part)
    is not read: ``left_out`` maps it (its member path, or a part's file name) to the reason.
    """

    path: Path
    inbox: Path | None = None
    parts: tuple[Path, ...] = ()
    only: frozenset[str] | None = None  # a view: the members it holds
    label: str | None = None  # a view: what tells it from the other views of the export
    _index: dict[str, _Location] | None = field(default=None, repr=False)
    # each zip opened once and shared with the views: zipfile reads a zip's whole directory when it opens it (1.3 s
    # for 200,000 entries), and each view of a Facebook export of many photos opened it again
    _zips: dict[tuple[Path, str | None], zipfile.ZipFile] = field(default_factory=dict, repr=False)
    # a .tgz part, inflated once (tarcheck) and shared with the views: its members by name
    _tars: dict[Path, tuple[tarfile.TarFile, dict[str, tarfile.TarInfo]]] = field(default_factory=dict, repr=False)
    _sha256: str | None = field(default=None, repr=False)
    _left_out: dict[str, str] = field(default_factory=dict, repr=False)  # filled with the index of members
    # each workbook's sheets as CSV (``workbook``), by the part and the workbook's member name: shared with the views
    _sheets: dict[tuple[Path, str], dict[str, bytes]] = field(default_factory=dict, repr=False)
    _members: list[str] | None = field(default=None, repr=False)  # ``members``, sorted once: readers ask many times

    @property
    def all_parts(self) -> tuple[Path, ...]:
        return self.parts or (self.path,)

    @property
    def relative_path(self) -> str:
        """The export's path relative to the inbox: the key that identifies it across runs."""
        if self.inbox is not None and self.path.is_relative_to(self.inbox):
            path = self.path.relative_to(self.inbox).as_posix()
        else:
            path = self.path.name
        path = file_name_text(path)
        return f"{path}#{self.label}" if self.label else path

    @property
    def kind(self) -> str:
        return _kind(self.path)

    def members(self) -> list[str]:
        """Member paths, sorted, relative to the export root, with OS noise left out (a view's only)."""
        if self._members is None:
            index = self._locations()
            self._members = sorted(index if self.only is None else (m for m in self.only if m in index))
        return list(self._members)

    def view(self, members: list[str], label: str) -> Export:
        """The export seen as holding only ``members``: its content hash stays the export's."""
        return Export(self.path, self.inbox, self.parts, frozenset(members), label, _index=self._locations(),
                      _zips=self._zips, _tars=self._tars, _sha256=self._sha256, _left_out=self.left_out,
                      _sheets=self._sheets)

    @property
    def left_out(self) -> dict[str, str]:
        """Each zip not read, because its files are unpacked in the export too, and why (``unpacked_copy_of``):
        a nested zip by its member path, a part by its file name."""
        self._locations()
        return self._left_out

    def product_folders(self) -> dict[str, list[str]]:
        """Members by the folder they are in below the archive's root folder, if all share one
        (Google Takeout: ``Takeout/Calendar/…``, ``Takeout/Contacts/…`` → ``Calendar``, ``Contacts``);
        the files beside those folders (``Takeout/archive_browser.html``) under ``""``. A Takeout in
        several parts is grouped by product across all of them (``takeout_products``)."""
        members = self.members()
        products = takeout_products(members)
        if products is not None:
            return products
        roots = {m.split("/", 1)[0] for m in members}
        depth = 1 if len(roots) == 1 and all("/" in m for m in members) else 0
        folders: dict[str, list[str]] = {}
        for member in members:
            parts = member.split("/")
            folders.setdefault(parts[depth] if len(parts) > depth + 1 else "", []).append(member)
        return folders

    def _locations(self) -> dict[str, _Location]:
        if self._index is None:
            index: dict[str, _Location] = {}
            listed = {part: self._listing(part) for part in self.all_parts}  # every part listed (and checked) first
            for part, (kind, names) in listed.items():
                if kind in ("zip", "tar") and self._unpacked_beside(part, listed):
                    continue
                files = frozenset(names)
                for name in names:
                    if _nested_archive(name, kind):
                        self._index_nested(index, part, kind, name, files)
                    elif _opened_workbook(name) and self._index_sheets(index, part, kind, name):
                        continue
                    else:
                        index.setdefault(file_name_text(name), _Location(part, kind, None, name))
            self._index = {m: loc for m, loc in index.items() if not is_noise(m)}
        return self._index

    def _listing(self, part: Path) -> tuple[str, list[str]]:
        kind = _kind(part)
        return kind, self._list_members(part, kind)

    def _index_nested(self, index: dict[str, _Location], part: Path, kind: str, name: str,
                      names: frozenset[str]) -> None:
        """The members of a zip (or a folder's .tgz) nested in the part, unless the part holds them unpacked as well.
        A nested .tgz is a tarball part of its own, read from its inflated copy (``_tar``)."""
        tar = part / name if name.lower().endswith(TAR_SUFFIXES) else None
        inner = {m: i.size for m, i in self._tar(tar).items()} if tar else self._nested_members(part, kind, name)
        if unpacked_copy_of(inner, PurePosixPath(name), names, lambda member: self._size(part, kind, member)):
            self._left_out[name] = LEFT_OUT_COPY
            return
        for member in inner:
            location = _Location(tar, "tar", None, member) if tar else _Location(part, kind, name, member)
            index.setdefault(f"{name}/{member}", location)

    def _index_sheets(self, index: dict[str, _Location], part: Path, kind: str, name: str) -> bool:
        """The sheets of a workbook in the part as members ``<workbook>/<sheet>.csv`` (``workbook``); False, and the
        workbook left a member as it is, when it cannot be read (the export given is that workbook: raised)."""
        label = f"{part}/{name}" if kind != "file" else str(part)
        try:
            with self._open_location(_Location(part, kind, None, name)) as stream:
                sheets = workbook_sheets(stream, label)
        except UnsafeArchiveError:
            raise
        except UnreadableExportError:
            if kind == "file":
                raise
            return False
        self._sheets[(part, name)] = sheets
        for sheet in sheets:
            index.setdefault(f"{name}/{sheet}", _Location(part, "sheet", name, sheet))
        return True

    def _unpacked_beside(self, part: Path, listed: dict[Path, tuple[str, list[str]]]) -> bool:
        """Whether a zip or .tgz part is unpacked in a folder part of the export (a zip beside its folder in an
        inbox, joined to it by ``inbox``)."""
        folders = [(folder, frozenset(names)) for folder, (kind, names) in listed.items() if kind == "folder"]
        if not folders:
            return False
        inner = {name: self._size(part, listed[part][0], name) for name in listed[part][1]}
        for folder, names in folders:
            if unpacked_copy_of(inner, PurePosixPath(part.name), names, lambda m: self._size(folder, "folder", m)):
                self._left_out[part.name] = LEFT_OUT_COPY
                return True
        return False

    def _size(self, part: Path, kind: str, member: str) -> int | None:
        """A listed member's size: from the zip's directory, or ``lstat`` of the file (no link is followed)."""
        if kind == "zip":
            return self._zips[(part, None)].getinfo(member).file_size
        if kind == "tar":
            return self._tar(part)[member].size
        try:
            return os.lstat(part / member).st_size
        except OSError:
            return None

    def _list_members(self, part: Path, kind: str) -> list[str]:
        if kind == "tar":
            return list(self._tar(part))
        if kind != "zip":
            return _list_members(part, kind)
        archive, infos = checked_zip(part)  # kept open for reading: an index of 60,000 entries is read once
        self._zips[(part, None)] = archive
        return [i.filename for i in infos if not i.is_dir()]

    def open(self, member: str) -> IO[bytes]:
        """A binary stream of one member; a member that cannot be read raises ``UnreadableExportError``."""
        return self._open_location(self._locations()[member])

    def _open_location(self, location: _Location) -> IO[bytes]:
        if location.kind == "sheet":
            return io.BytesIO(self._sheets[(location.part, location.outer)][location.inner])
        if location.kind == "folder" and location.outer is None:  # a zip nested in a folder is read as a zip
            return _open_regular(location.part / location.inner, location.part)
        if location.kind == "file":  # the export itself: a link to it was chosen by the user, or passed over
            return _open_regular(location.part, location.part, follow=True)
        if location.kind == "tar":  # read from the inflated copy: no damage left to find
            info = self._tar(location.part)[location.inner]
            return self._tars[location.part][0].extractfile(info)
        label = f"{location.part}/{location.outer}" if location.outer else location.part
        try:
            stream = faster_inflate(self._zip(location.part, location.outer).open(location.inner))
        except MEMBER_ERRORS as exc:
            raise damaged(label, exc) from None
        return io.BufferedReader(MemberStream(stream, label), buffer_size=1 << 16)

    def _zip(self, part: Path, outer: str | None) -> zipfile.ZipFile:
        """The part's zip (or the zip nested in it), opened once: a zip's index is read once, not per member.

        A nested zip is copied to an anonymous temporary file first: reading members out of a
        compressed stream would decompress it from the start for every seek back.
        """
        key = (part, outer)
        if key not in self._zips:
            if outer is None:
                self._zips[key] = open_zip(part)
            elif part.is_dir():
                self._zips[key] = open_zip(part / outer)
            else:
                spool = tempfile.TemporaryFile()
                with self._zip(part, None).open(outer) as stream:
                    shutil.copyfileobj(stream, spool)
                self._zips[key] = open_zip(spool)
        return self._zips[key]

    def _tar(self, part: Path) -> dict[str, tarfile.TarInfo]:
        """The members of a .tgz part by name, inflated and checked once (``tarcheck``)."""
        if part not in self._tars:
            archive, infos = checked_tar(part)
            self._tars[part] = archive, {info.name: info for info in infos}
        return self._tars[part][1]

    def _nested_members(self, part: Path, kind: str, name: str) -> dict[str, int]:
        """The files of a zip nested in the part, with their sizes, after the checks of ``checked_zip``."""
        if kind == "folder":
            infos = checked_zip_infos(part / name)
        else:
            try:
                stream = self._zip(part, None).open(name)
            except MEMBER_ERRORS as exc:
                raise damaged(part, exc) from None
            with stream:
                infos = checked_zip_infos(stream, label=f"{part}/{name}")
        return {i.filename: i.file_size for i in infos if not i.is_dir()}

    def close(self) -> None:
        for archive in self._zips.values():
            archive.close()
        self._zips.clear()
        for tar, _ in self._tars.values():
            tar.close()
            tar.fileobj.close()  # the inflated copy: tarfile leaves a file it was given open
        self._tars.clear()

    def modified(self, member: str) -> datetime | None:
        """When the member was last written, as its container tells, naive UTC: a file's modification time, a zip
        entry's (the zipping machine's clock: hours off at most); None where nothing tells (a workbook's sheet)."""
        location = self._locations()[member]
        try:
            if location.kind == "file":
                return _utc(os.stat(location.part).st_mtime)
            if location.kind == "folder" and location.outer is None:
                return _utc(os.lstat(location.part / location.inner).st_mtime)
            if location.kind == "tar":
                return _utc(self._tar(location.part)[location.inner].mtime)
            if location.kind in ("zip", "folder"):
                return datetime(*self._zip(location.part, location.outer).getinfo(location.inner).date_time)
        except (OSError, KeyError, ValueError, OverflowError):
            return None
        return None

    def head(self, member: str, size: int = 4096) -> bytes:
        with self.open(member) as handle:
            return handle.read(size)

    def tail(self, member: str, size: int = 4096) -> bytes:
        """The last ``size`` bytes of a member: sought in a file, read through in a zip (a deflated stream cannot
        be sought)."""
        with self.open(member) as handle:
            if handle.seekable():
                handle.seek(max(handle.seek(0, io.SEEK_END) - size, 0))
                return handle.read(size)
            last = b""
            while chunk := handle.read(1 << 20):
                last = (last + chunk)[-size:]
            return last

    def line_count(self, member: str) -> int:
        """The number of lines of a member (its line ends, and a last line without one)."""
        lines, last = 0, b"\n"
        with self.open(member) as handle:
            while chunk := handle.read(1 << 20):
                lines, last = lines + chunk.count(b"\n"), chunk[-1:]
        return lines + (last != b"\n")

    @property
    def sha256(self) -> str:
        """Content hash: of the file, of every member of a folder, of every part of a multi-zip export."""
        if self._sha256 is None:
            hashes = [_hash_part(part) for part in self.all_parts]
            self._sha256 = hashes[0] if len(hashes) == 1 else hashlib.sha256("\n".join(hashes).encode()).hexdigest()
        return self._sha256


def unpacked_copy_of(inner: dict[str, int], zip_path: PurePosixPath, names: frozenset[str],
                     size_of: Callable[[str], int | None]) -> bool:
    """Whether every file of a zip (``inner``: name → size, from its directory) is also among ``names``
    unpacked, at the same path and of the same size: beside the zip, or in a folder named after it.

    Users download an export and unzip it next to the zip (``twitter-….zip`` and ``data/tweets.js``; or
    ``x.zip`` and ``x/``, as Finder and Windows' "Extract All" name the folder): the same archive twice,
    every tweet counted twice. Then the zip is the one left out, never the unpacked files: they are a
    superset of it (every file of the zip is there), their member paths are those of the folder read
    alone (the rows' provenance and the not_read rows do not change when the zip is deleted), and
    nothing is inflated. Sizes, not contents: the zip's directory and ``lstat`` cost nothing, where
    hashing would read both copies; an archive of another date differs in the size of its data files.
    A zip only partly unpacked, or holding a file of another size, is read as before.
    """
    files = {name: size for name, size in inner.items() if not is_noise(name)}  # __MACOSX/ is not unpacked
    roots = (_folder_of(zip_path), f"{_folder_of(zip_path)}{zip_path.stem}/")
    # ``names`` first: a path made of a zip member's name (``../../x``) is only looked up among the files
    # listed, never stat'ed on the disk
    return bool(files) and any(all(root + name in names and size_of(root + name) == size
                                   for name, size in files.items()) for root in roots)


def _folder_of(path: PurePosixPath) -> str:
    return "" if str(path.parent) == "." else f"{path.parent}/"


def _nested_archive(name: str, kind: str) -> bool:
    """Whether a member is an archive opened in place: at the root or one folder down, a zip in a zip or a folder,
    a .tgz in a folder (Takeout's parts kept in one; one inside a zip is not inflated a second time)."""
    if name.count("/") > NESTED_ZIP_DEPTH:
        return False
    lowered = name.lower()
    return (kind in ("zip", "folder") and lowered.endswith(NESTED_ZIP_SUFFIXES)
            or kind == "folder" and lowered.endswith(TAR_SUFFIXES))


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None)


def _opened_workbook(name: str) -> bool:
    """Whether a member is a workbook whose sheets are read (``workbook``): at the root or one folder down, as a
    nested zip. Deeper ones are attachments (a spreadsheet sent in Messenger): other people's files, never opened."""
    return is_workbook(name) and name.count("/") <= NESTED_ZIP_DEPTH


def _kind(path: Path) -> str:
    if path.is_dir():
        return "folder"
    if is_tar(path):  # Google Takeout's other file type, or the plain .tar 7-Zip unpacks it to (tarcheck)
        return "tar"
    if is_workbook(path.name):  # a zip, but no export: its sheets are its members (``workbook``)
        return "file"
    # A named pipe or a device is not opened to look for a zip: reading a pipe waits for a writer.
    return "zip" if path.is_file() and zipfile.is_zipfile(path) else "file"


def _list_members(part: Path, kind: str) -> list[str]:
    if kind == "folder":
        # Linked folders are not descended into, linked files are left out. A link in an extracted
        # export pointing elsewhere (../../.ssh/id_rsa) is never read.
        return _regular_files(part)
    if kind == "zip":
        return [i.filename for i in checked_zip_infos(part) if not i.is_dir()]
    return [part.name]


def _regular_files(folder: Path) -> list[str]:
    """Paths (relative, with ``/``) of the regular files under ``folder``; a folder that cannot be
    listed is passed over, as ``Path.rglob`` does."""
    found, pending = [], [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        try:
            with os.scandir(path) as scan:
                entries = list(scan)
        except PermissionError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, f"{prefix}{entry.name}/"))
            elif entry.is_file(follow_symlinks=False):
                found.append(prefix + entry.name)
    return found


def _open_regular(path: Path, part: Path, follow: bool = False) -> IO[bytes]:
    """A regular file, opened without following a link (one made after the listing) and without
    waiting on a named pipe; anything else is refused."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    flags |= 0 if follow else getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if path.is_symlink():
            raise UnsafeArchiveError(part, "a file in it is a symbolic link", "copy the real files instead") from None
        raise UnreadableExportError(part, f"cannot be opened ({exc.__class__.__name__})",
                                    "check the file's permissions") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnreadableExportError(part, "not a regular file (a named pipe or a device?)",
                                    "put the export file itself into the inbox")
    return os.fdopen(fd, "rb")


def _hash_part(part: Path) -> str:
    if not part.is_dir():
        return sha256_file(part)
    digest, root = hashlib.sha256(), str(part)
    for member in sorted(_list_members(part, "folder")):  # an extracted Facebook export: 60,000 files and more
        with open(os.path.join(root, member), "rb") as handle:
            # the name's own bytes (os.fsencode: the same as UTF-8 for every name that is UTF-8)
            digest.update(os.fsencode(member) + f"\0{hashlib.file_digest(handle, 'sha256').hexdigest()}\n".encode())
    return digest.hexdigest()


