"""Gzipped tarballs checked before they are read: the ``.tgz`` side of ``archive``, with ``zipcheck``'s limits.

Google Takeout offers ``.tgz`` beside ``.zip`` ("File type"), and names its parts ``takeout-<stamp>-001.tgz``,
``-002.tgz`` … (a downloader's test expects ``takeout-20240101T120000Z-001.tgz``: code index id 55658177342;
msh9/g_photos_takeout_metadata_merger ``README.md``: "takeout archives are in the form of gzipped tarballs", a
file in one part and its metadata in another). Given one, the inbox said "not a recognised export", and every
calendar and contact in it was lost.

A gzip stream cannot be read from the middle: the tarball is inflated once into an anonymous temporary file,
never beyond ``UNSOCIAL_MAX_UNZIPPED_BYTES`` nor ``UNSOCIAL_MAX_ZIP_RATIO`` times its size (a bomb is refused
before it fills the disk), and its members are read from there. Only regular files are members: links, devices
and folders are left out, and nothing is ever extracted, so a name like ``../../x`` is only a name. Two entries
under one name are refused, as in a zip. A member stored sparse (GNU tar's ``--sparse``, in a PAX header) unpacks
to the size its header claims, its holes as zeros: a tar of 10 KB held a member of 1 TB, read for minutes on end;
members that add up to more than the limits allow are refused like a bomb.

A plain ``.tar`` is read the same way, from the file itself (nothing to inflate). 7-Zip, the archive tool of many
Windows users, opens a ``.tgz`` one layer at a time: "Extract here" of ``takeout-…-001.tgz`` gives
``takeout-…-001.tar`` (sweep 23: put in the inbox, it was "no source reads this file"). A ``.tar`` only when it
says so: POSIX and GNU tar write "ustar" at byte 257 of the first header.
"""

from __future__ import annotations

import gzip
import re
import tarfile
import tempfile
import zlib
from pathlib import Path
from typing import IO

from ..errors import UnreadableExportError, UnsafeArchiveError
from .zipcheck import MAX_RATIO, MAX_TOTAL_BYTES, check_entry_count, limit_setting

TAR_SUFFIXES = (".tgz", ".tar.gz")
PLAIN_TAR = ".tar"
# An archive encrypted with gpg: calcardbackup's ``-e`` (a Nextcloud calendar and address-book backup) writes
# ``calcardbackup-<date>.tar.gz.gpg`` (``.zip.gpg`` with ``-z``), AES256 by ``gpg -c`` (BernieO/calcardbackup
# ``calcardbackup``, ``gpg_encrypt_backup``); given one, the inbox said "not a recognised export".
ENCRYPTED_SUFFIXES = tuple(f"{suffix}.gpg" for suffix in (*TAR_SUFFIXES, ".zip"))
_GZIP_MAGIC = b"\x1f\x8b"
_USTAR = (257, b"ustar")  # where a POSIX or GNU tar header says what it is ("ustar\x0000", "ustar  \x00")
_CHUNK = 1 << 20
_READ_ERRORS = (OSError, EOFError, zlib.error, tarfile.TarError)
_BEYOND_LIMITS = "expands beyond the size or ratio limits"
_RAISE_LIMITS = "raise UNSOCIAL_MAX_UNZIPPED_BYTES or UNSOCIAL_MAX_ZIP_RATIO if the file is genuine"


def is_tgz(path: Path) -> bool:
    """A regular file named as a gzipped tarball that starts as a gzip stream."""
    if not (path.name.lower().endswith(TAR_SUFFIXES) and path.is_file()):
        return False
    with path.open("rb") as handle:
        return handle.read(2) == _GZIP_MAGIC


def is_tar(path: Path) -> bool:
    """A gzipped tarball (``is_tgz``), or a regular file named ``.tar`` whose first header says it is a tar."""
    if is_tgz(path):
        return True
    if not (path.name.lower().endswith(PLAIN_TAR) and path.is_file()):
        return False
    offset, magic = _USTAR
    with path.open("rb") as handle:
        return handle.read(offset + len(magic))[offset:] == magic


def refuse_encrypted(path: Path) -> None:
    """Raise for an archive encrypted with gpg: named so, and starting as an OpenPGP packet (its top bit set)."""
    if not (path.name.lower().endswith(ENCRYPTED_SUFFIXES) and path.is_file()):
        return
    with path.open("rb") as handle:
        if handle.read(1)[:1] >= b"\x80":
            raise UnreadableExportError(path, "the archive is encrypted (gpg)",
                                        "decrypt it (gpg -o <archive> -d <archive>.gpg) and put that into the inbox")


def checked_tar(path: Path) -> tuple[tarfile.TarFile, list[tarfile.TarInfo]]:
    """The tarball, inflated and open, and its regular files, after refusing bombs and entries under one name;
    a plain ``.tar``, open as it is."""
    spool = _opened(path) if _plain(path) else _inflated(path)
    try:
        archive = tarfile.open(fileobj=spool, mode="r:")
        infos = [info for info in archive.getmembers() if info.isreg()]
        if _plain(path) and not _ended(spool, archive.offset):
            raise tarfile.ReadError("cut short")
    except _READ_ERRORS as exc:
        spool.close()
        raise _damaged(path, exc) from None
    for info in infos:  # "tar -czf x.tgz -C folder ." names every member "./…"
        info.name = re.sub(r"^(?:\./)+", "", info.name)
    try:
        _check_members(path, infos)
    except BaseException:  # refused, or a limit set wrong in the environment
        archive.close()
        spool.close()
        raise
    return archive, infos


def _check_members(path: Path, infos: list[tarfile.TarInfo]) -> None:
    """Refuse too many members, two under one name, and members that add up past the limits."""
    check_entry_count(len(infos), path)
    names = [info.name for info in infos]
    if len(set(names)) != len(names):
        raise UnsafeArchiveError(path, "two entries in the archive have the same name (tampered, or appended to)",
                                 "download the export again")
    if sum(info.size for info in infos) > _limit(path):
        raise UnsafeArchiveError(path, _BEYOND_LIMITS + " (sparse members?)", _RAISE_LIMITS)


def _plain(path: Path) -> bool:
    return path.name.lower().endswith(PLAIN_TAR)  # is_tar: a .tar is one by its header, a .tgz a gzip stream


def _ended(tar: IO[bytes], offset: int) -> bool:
    """Whether a plain tar goes on to its end-of-archive block after its last member. A tar cut short (a download
    broken off, a copy onto a full disk) is no error to ``tarfile``: a header cut short is taken for the end, and the
    members after it were lost unsaid. A .tgz cut short ends its gzip stream early, which is one."""
    tar.seek(offset)
    block = tar.read(tarfile.BLOCKSIZE)
    return len(block) == tarfile.BLOCKSIZE and not block.strip(b"\0")


def _opened(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise _damaged(path, exc) from None


def _inflated(path: Path) -> IO[bytes]:
    """The tarball's bytes in an anonymous temporary file, inflated under the limits of ``zipcheck``."""
    limit = _limit(path)
    spool = tempfile.TemporaryFile()
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                if spool.tell() + len(chunk) > limit:
                    raise UnsafeArchiveError(path, _BEYOND_LIMITS + " (a gzip bomb?)", _RAISE_LIMITS)
                spool.write(chunk)
    except _READ_ERRORS as exc:
        spool.close()
        raise _damaged(path, exc) from None
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def _limit(path: Path) -> int:
    """The most the tarball may expand to: the size limit, and its ratio limit past the first megabyte."""
    max_total = limit_setting("UNSOCIAL_MAX_UNZIPPED_BYTES", MAX_TOTAL_BYTES)
    max_ratio = limit_setting("UNSOCIAL_MAX_ZIP_RATIO", MAX_RATIO)
    return min(max_total, max(1 << 20, max_ratio * path.stat().st_size))


def _damaged(path: Path, exc: Exception) -> UnreadableExportError:
    kind = PLAIN_TAR if _plain(path) else ".tgz"
    return UnreadableExportError(path, f"not a readable {kind} ({exc.__class__.__name__}: truncated or damaged?)",
                                 "download the export again, or unpack it and put the folder into the inbox")
