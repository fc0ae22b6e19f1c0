"""Zips checked before they are read, and their members streamed: the hostile-input side of ``archive``.

A zip bomb, an encrypted member, an entry stored twice under one name or a compression this version cannot
read is refused with a one-line error naming the zip, before anything is read; damage found while reading
a member becomes the same kind of error. The limits come from the environment (``limit_setting``).
Member names are read with ``/`` between folders, also where Windows wrote ``\\`` (``open_zip``), before any check.
"""

from __future__ import annotations

import io
import lzma
import os
import stat
import zipfile
import zlib
from pathlib import Path
from typing import IO

from isal import isal_zlib

from ..errors import UnreadableExportError, UnsafeArchiveError, UnsocialError
from .placeholders import split_volume

# Defaults of UNSOCIAL_MAX_UNZIPPED_BYTES and UNSOCIAL_MAX_ZIP_RATIO, read each time a zip is
# checked (not at import), so that a DAG task or a test can set them after the import.
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_RATIO = 200
# Default of UNSOCIAL_MAX_ZIP_ENTRIES. Each entry costs about 3 KB and 70 µs before anything is read (a zip of
# 200,000 one-byte photos: 14 s, 590 MB), so a zip of 100 MB holding 1.5 million empty entries took minutes and
# gigabytes. A real export's media rarely make a tenth of this.
MAX_ENTRIES = 1_000_000
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_ENCRYPTED, _PATCHED = 0x1 | 0x40, 0x20  # flag bits: encrypted (0: classic/AES, 6: "strong"); 5: patch data
# What zipfile and its decompressors raise on a damaged member: reading it, not listing the zip.
MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, isal_zlib.error, lzma.LZMAError, EOFError, NotImplementedError,
                 RuntimeError, OSError)


def faster_inflate(stream: zipfile.ZipExtFile) -> zipfile.ZipExtFile:
    """A deflated member inflated by ISA-L, twice as fast as zlib (a 60 MB DM file: 0.05 s instead of 0.11 s),
    with the same interface; zipfile still checks sizes and the CRC. zipfile names no way to choose the
    inflater: where its reader is not as expected, zlib stays."""
    if getattr(stream, "_compress_type", None) == zipfile.ZIP_DEFLATED and hasattr(stream, "_decompressor"):
        stream._decompressor = isal_zlib.decompressobj(-15)
    return stream


class MemberStream(io.RawIOBase):
    """A zip member's bytes. Damage found while decompressing (a bad CRC, a broken deflate stream,
    data shorter than declared) becomes a one-line ``UnreadableExportError`` naming the zip."""

    def __init__(self, stream: IO[bytes], label) -> None:
        self._stream, self._label = stream, label

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readall(self) -> bytes:
        return self._read(-1)

    def _read(self, size: int) -> bytes:
        try:
            return self._stream.read(size)
        except MEMBER_ERRORS as exc:
            raise damaged(self._label, exc) from None

    def close(self) -> None:
        self._stream.close()
        super().close()


def damaged(label, exc: Exception) -> UnreadableExportError:
    if volume := split_volume(Path(str(label))):  # one volume of a split zip: its directory points into the others
        return UnreadableExportError(label, *volume)
    # The member is not named: in a Facebook or E2EE export its path holds other people's names.
    name = exc.__class__.__name__ if exc.__class__.__name__ != "error" else f"{exc.__class__.__module__}.error"
    return UnreadableExportError(label, f"a file inside the zip cannot be read ({name}: damaged, "
                                        "or compressed in a way this version cannot read)",
                                 "download the export again, or unzip it and put the folder into the inbox")


def open_zip(file) -> zipfile.ZipFile:
    """A zip opened for reading (``file``: a path or a stream), its member names with ``/`` between folders."""
    archive = zipfile.ZipFile(file)
    if _read_unflagged_utf8(archive) | _read_backslashes_as_slashes(archive):
        archive.NameToInfo = {info.filename: info for info in archive.infolist()}  # how ``open(name)`` finds it
    return archive


def _read_unflagged_utf8(archive: zipfile.ZipFile) -> bool:
    """Whether a name was read again as UTF-8: one whose bytes are UTF-8 with letters beyond ASCII, where the zip
    does not set the UTF-8 flag (general purpose bit 11) and zipfile read it as IBM code page 437."""
    # Info-ZIP's zip 3.0 on Linux and macOS writes a name's bytes as the file system gives them, UTF-8, without the
    # flag: a Catalan Google Takeout zipped again so (Torregu/DataCamp ``Takeout/``: its product folder "YouTube i
    # YouTube\u00a0Music") was read as cp437, "YouTube i YouTube┬áMusic", no product known, an unknown file asking
    # for an issue. unzip on those systems hands the bytes through, UTF-8 again. Names of cp437's letters beyond
    # ASCII almost never make valid UTF-8. zipfile still checks the local header's name against the name it read
    # (``orig_filename``), which is left as it is.
    renamed = False
    for info in archive.infolist():
        if info.flag_bits & 0x800 or info.filename.isascii():
            continue
        try:
            name = info.filename.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        info.filename, renamed = name, True
    return renamed


def _read_backslashes_as_slashes(archive: zipfile.ZipFile) -> bool:
    """Whether a name written with "\\" between folders was read with "/"."""
    # Windows PowerShell 5.1's Compress-Archive writes "\" between folders, against the zip format (APPNOTE
    # 4.4.17.1), in zips "made by" MS-DOS (create_system 0): ``Takeout\Contacts\My Contacts\My Contacts.vcf``
    # (PowerShell/Microsoft.PowerShell.Archive issues #48, #71; PowerShell/PowerShell #2140). Each file was read as one
    # name at the root: a Takeout "not a recognised export", a Facebook zip's ``friends\friends.json`` left out,
    # a LinkedIn ``Jobs\Job Applications.csv`` an unknown file. Read as Info-ZIP's unzip and libarchive read it
    # (libarchive/libarchive PR #970, ``archive_read_support_format_zip.c``): "\" is "/" where the zip says
    # MS-DOS made it and the name holds no "/". A Unix zip's "\" stays part of a name. The checks (names stored
    # twice, folders, nested zips' depth) and the reading all see the name so read; zipfile still checks the
    # name in the local header against the name stored (``orig_filename``), which is left as it is.
    renamed = False
    for info in archive.infolist():
        if info.create_system == 0 and "\\" in info.filename and "/" not in info.filename:
            info.filename = info.filename.replace("\\", "/")
            renamed = True
    return renamed


def checked_zip_infos(path, label: str | None = None) -> list[zipfile.ZipInfo]:
    """The zip's entries (links left out), after refusing encryption, unreadable compression, entries
    under one name, and zip bombs by the sizes declared. ``path`` may be a stream.

    A size declared too small does not get past: zipfile stops at the declared size and the CRC fails.
    """
    archive, infos = checked_zip(path, label)
    archive.close()
    return infos


def checked_zip(path, label: str | None = None) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The zip, open, and its entries as ``checked_zip_infos`` checks them."""
    path_label = label or path
    try:
        archive = open_zip(path)
    except (*MEMBER_ERRORS, ValueError) as exc:  # from a stream: a nested zip is read out of its part
        raise UnreadableExportError(path_label, f"not a readable zip ({exc.__class__.__name__})",
                                    "download the export again") from None
    try:
        return archive, _checked_entries(archive.infolist(), path_label)
    except BaseException:
        archive.close()
        raise


def _checked_entries(infos: list[zipfile.ZipInfo], path_label) -> list[zipfile.ZipInfo]:
    max_total = limit_setting("UNSOCIAL_MAX_UNZIPPED_BYTES", MAX_TOTAL_BYTES)
    max_ratio = limit_setting("UNSOCIAL_MAX_ZIP_RATIO", MAX_RATIO)
    check_entry_count(len(infos), path_label)
    infos = [info for info in infos if not _is_link(info)]
    total = 0
    for info in infos:
        if not info.filename:  # an empty name, or one opening with NUL (zipfile cuts it there): no file a tool writes
            raise UnsafeArchiveError(path_label, "an entry of the zip has no name (tampered, or damaged)",
                                     "zip the export again, or download it again")
        _check_entry(info, path_label, max_ratio)
        total += info.file_size
    if total > max_total:
        raise UnsafeArchiveError(path_label, f"expands to {total} bytes, more than the limit of {max_total}",
                                 "raise UNSOCIAL_MAX_UNZIPPED_BYTES if the file is genuine")
    names = [info.filename for info in infos if not info.is_dir()]
    if len(set(names)) != len(names):
        # Tools disagree on which of two entries named alike they read (zipfile: the last, others:
        # the first): a way to show one file to a checker and another to a reader.
        raise UnsafeArchiveError(path_label, "two entries in the zip have the same name (tampered, or appended to)",
                                 "zip the export again, or download it again")
    return infos


def check_entry_count(count: int, label) -> None:
    """Refuse an archive of more entries than ``UNSOCIAL_MAX_ZIP_ENTRIES`` (``MAX_ENTRIES``)."""
    most = limit_setting("UNSOCIAL_MAX_ZIP_ENTRIES", MAX_ENTRIES)
    if count > most:
        raise UnsafeArchiveError(label, f"holds {count} entries, more than the limit of {most}",
                                 "raise UNSOCIAL_MAX_ZIP_ENTRIES if the file is genuine")


def _check_entry(info: zipfile.ZipInfo, label, max_ratio: int) -> None:
    if info.flag_bits & _ENCRYPTED:
        raise UnsafeArchiveError(label, "the zip is encrypted", "export it again without a password")
    if info.compress_type not in _METHODS or info.flag_bits & _PATCHED:
        # Windows Explorer writes Deflate64 (method 9) for large zips; zipfile cannot read it.
        raise UnreadableExportError(label, f"compressed with a method this version cannot read "
                                           f"(method {info.compress_type})",
                                    "unzip it with your system's tool and put the folder into the inbox")
    if info.file_size > 1 << 20 and info.file_size > max_ratio * max(info.compress_size, 1):
        raise UnsafeArchiveError(label, f"a member expands more than {max_ratio}-fold (zip bomb?)",
                                 "raise UNSOCIAL_MAX_ZIP_RATIO if the file is genuine")


def _is_link(info: zipfile.ZipInfo) -> bool:
    """A symbolic link stored by a Unix zip tool: its content is the target's path, no data of the export."""
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def limit_setting(variable: str, default: int) -> int:
    """A size limit from the environment (hostile-input limits), ``default`` when unset; anything but a
    positive whole number is a one-line error naming the variable."""
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise UnsocialError(variable, "must be a positive whole number", f"unset it to use the default ({default})")
    return int(raw)
