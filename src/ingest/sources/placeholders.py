"""Files that stand for others, told by their names alone: iCloud Drive's placeholder of a file it has not downloaded,
and one volume of a zip split into several files. Neither can be read as what it stands for; each is said with what
to do, wherever it is met: alone (``unrecognised``), inside an export (``base.capped_rows``), in the inbox
(``inbox``), or as a zip that cannot be opened (``zipcheck.damaged``).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import file_name_text, printable
from ..models import MemberNote

# iCloud Drive keeps a file it has not downloaded (yet) as a placeholder in its place, named a dot, the file's name and
# ".icloud" (".messages.csv.icloud", a small binary plist naming the file and its size): with "Optimise Mac Storage",
# and on an iPhone or iPad. The file itself is not there: a LinkedIn export's messages were missing, and the
# placeholder listed as an unknown file with a request to open an issue (hunt 25).
_ICLOUD = re.compile(r"\.(.+)\.icloud", re.I | re.S)
ICLOUD_NOTE = "still in iCloud Drive, not downloaded: only its placeholder is here"
ICLOUD_TODO = ("open its folder in Finder (or the Files app) and choose Download Now on it (or on the whole folder), "
               "then run again")
# One volume of a zip split in several files. 7-Zip's "Split to volumes" cuts one zip into byte ranges
# "<name>.zip.001", ".002", … (the first holds the start of the zip, the last its directory); Info-ZIP's ``zip -s``
# and WinZip write a spanned zip, "<name>.z01", ".z02", … and last "<name>.zip", whose directory points into the
# others. Each volume was "not a recognised export", or "cannot be read … download the export again".
UNRECOGNISED = "not a recognised export"
_SEVEN_ZIP_VOLUME = re.compile(r"(.+\.zip)\.\d{3}", re.I | re.S)
_SPANNED_VOLUME = re.compile(r"(.+)\.z\d{2}", re.I | re.S)


def in_icloud(name: str) -> str | None:
    """The name of the file an iCloud Drive placeholder stands for (``.messages.csv.icloud``: ``messages.csv``); None
    for any other file. ``name``: a file's name, or a member's path."""
    match = _ICLOUD.fullmatch(name.rpartition("/")[2])
    return match[1] if match else None


def placeholder_note(note: MemberNote) -> MemberNote:
    """A source's note of an unknown member, told as an iCloud Drive placeholder (``ICLOUD_NOTE``) where it is one:
    the file it stands for is missing from the export. Any other note as it is."""
    if note.handling != "unknown" or in_icloud(note.member) is None:
        return note
    return note.model_copy(update={"note": ICLOUD_NOTE})


def split_volume(path: Path) -> tuple[str, str] | None:
    """(what it is, what to do) of one volume of a zip split in several files, told by its name (the last volume of a
    spanned zip, ``<name>.zip``, by its first volume beside it); None for any other file."""
    name = shown(path.name)
    if seven := _SEVEN_ZIP_VOLUME.fullmatch(name):
        return (f"{UNRECOGNISED}: one volume of a zip split into several files ({seven[1]}.001, .002, …)",
                f"put all its volumes in one folder and join them (7-Zip: open {seven[1]}.001 and choose File > "
                f"Combine Files; or `cat {seven[1]}.0?? > {seven[1]}`), then ingest {seven[1]}")
    spanned = _SPANNED_VOLUME.fullmatch(name)
    stem = spanned[1] if spanned else name[:-4] if name.lower().endswith(".zip") else None
    if stem is None or not spanned and not _first_volume_beside(path, path.name[:-4]):
        return None
    return (f"{UNRECOGNISED}: one volume of a zip spanned over several files ({stem}.z01, .z02, …, {stem}.zip)",
            f"put all its volumes in one folder and join them (`zip -s 0 {stem}.zip --out whole.zip`, or extract "
            f"{stem}.zip with 7-Zip or WinZip), then ingest the joined zip (or the extracted folder)")


def shown(name: str) -> str:
    """A file's name as it may be shown in an error's problem (the path itself is made printable by the error)."""
    return printable(file_name_text(name))


def _first_volume_beside(path: Path, stem: str) -> bool:
    return any(path.with_name(f"{stem}.{suffix}").is_file() for suffix in ("z01", "Z01"))
