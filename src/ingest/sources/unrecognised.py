"""Why no source reads a file or folder given to ``unsocial ingest``, said in its one-line error with what to do.

Sweep 16 gave the test corpora of calendar and vCard libraries to ``unsocial ingest`` as users would (libical
``test-data/``, ical4j ``src/test/resources/samples/``, icalendar ``src/icalendar/tests/calendars/``, khal
``tests/ics/``, ez-vcard ``src/test/resources/``, Thunderbird ``mailnews/addrbook/test/unit/data/``, …). No
traceback; but every refusal read "not a recognised export; expected one of: linkedin, facebook, …", whatever was
wrong: an empty download, a gzipped calendar, one event saved without its calendar (khal's ``tests/ics/*.ics``), a
folder of address books beside a ``.json`` (Thunderbird's ``data/``). Each now says what it is and what to do; the
words "not a recognised export" stay first. Looked at by name and first bytes only: nothing read is shown.

Sweep 23 put into an inbox what users download: a .7z or .rar of an export, a download not yet finished. Each was
"no source reads this file", with advice to open an issue; alone in the inbox, "no recognised export here (1 other
files); put your platform exports and journal into this folder", naming neither the file nor what was wrong
(``nothing_recognised``).

Hunt 25 packaged exports as users hand them over: one volume of a zip split in several files was "not a recognised
export" or "download the export again"; a file iCloud Drive had not downloaded yet an unknown file, with a request to
open an issue; a zip holding only a zip deeper than zips are opened, "not a recognised export". Each now says so.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections import Counter
from itertools import islice
from pathlib import Path, PurePosixPath

from ..errors import UnsocialError
from .app_files import ABCD, SQLITE, app_file
from .archive import NESTED_ZIP_DEPTH, NESTED_ZIP_SUFFIXES, Export, is_noise, still_downloading
from .calendar.companions import SUBSCRIPTION, is_subscription
from .facebook.layout import INSTAGRAM_PAGE, PAGE_HEAD
from .placeholders import ICLOUD_NOTE, ICLOUD_TODO, UNRECOGNISED, in_icloud, shown, split_volume

Diagnosis = tuple[str, str]  # what is wrong, what to do
HEAD_BYTES = 512
MAX_FILES = 10_000  # files of a folder looked at for exports of their own: past it, the plain error
_TARBALLS = (".tgz", ".tar.gz")
# Archives and compressed files this version does not open, by their first bytes (7-Zip's signature header, RAR 4's
# and 5's "Rar!\x1a\x07\x00" and "…\x01\x00", gzip's, bzip2's "BZh" and a block size, xz's stream header): what
# each is called, and the tool that decompresses the one file it holds (None: an archive of a folder, whatever its
# name; one compressed and named a tar, ".tar.bz2", is one too)
_PACKED = ((re.compile(rb"7z\xbc\xaf\x27\x1c"), "7-Zip", None), (re.compile(rb"Rar!\x1a\x07"), "RAR", None),
           (re.compile(rb"\x1f\x8b"), "gzip", "gunzip"), (re.compile(rb"BZh[1-9]"), "bzip2", "bunzip2"),
           (re.compile(rb"\xfd7zXZ\x00"), "xz", "unxz"))
_TARRED = re.compile(r"\.(?:tar\.\w+|tbz2?|txz)$", re.I)
_EXTRACT = "extract it and put the folder (or a .zip of it) into the inbox"
_DOWNLOAD = (f"{UNRECOGNISED}: still being downloaded (or an interrupted download)",
             "wait for it to finish, or download it again")
# The "no recognised export here" error of an inbox: how many of the files no source reads are looked at, and named
_LOOKED_AT = 50
_NAMED_IN_ERROR = 3
_BLANK = b" \t\r\n\x00\xef\xbb\xbf"  # blanks, NULs (a download that never arrived), a UTF-8 BOM
# What a file is taken for by its name, and the line its writer begins it with (a .vcf is the address book's
# whatever it holds: text outside any vCard is quarantined there).
_CALENDAR = ("a calendar", "BEGIN:VCALENDAR")
_NAMED = {".ics": _CALENDAR, ".ical": _CALENDAR, ".ifb": _CALENDAR, ".vcs": _CALENDAR,
          ".ldif": ("an LDIF address book", "dn:"), ".ldi": ("an LDIF address book", "dn:")}
# Workbooks (.xlsx) are read, each sheet as a CSV (``workbook``); these kinds of spreadsheet are not
_OTHER_SPREADSHEETS = {".xls": "Excel 97-2003", ".ods": "OpenDocument", ".numbers": "Apple Numbers",
                       ".xlsb": "Excel binary"}
# Instagram's messages as HTML pages in Messenger's very shape, message_1.html …, its logo atop each (Shawagfeh/rur, an
# Arabic thread of 2023, given as its folder): not Facebook's, and said so, as Instagram's JSON threads are
_THREAD_PAGE = re.compile(r"message_\d+\.html?", re.I)
_INSTAGRAM = (f"{UNRECOGNISED}: Instagram's messages (Instagram is not read by this version)",
              "nothing to do: the people in them are not counted; give the Facebook download for Messenger's")
# khal's and icalendar's test files, and a calendar app's "save this event": one component without its VCALENDAR
_COMPONENT = re.compile(rb"\s*BEGIN\s*:\s*(VEVENT|VTODO|VJOURNAL|VTIMEZONE|VFREEBUSY|VALARM)\b", re.I)


def why_unrecognised(path: Path) -> Diagnosis | None:
    """What is wrong with a file or folder no source reads, where that can be told; None for the plain error."""
    if path.is_symlink():  # told before anything is opened: a link is never followed
        return (f"{UNRECOGNISED}: a symbolic link, not followed (it could lead anywhere outside the inbox)",
                "copy or move the export itself into the inbox")
    try:
        if still_downloading(path):  # told by name: the part written so far may hold anything
            return _DOWNLOAD
        return _folder(path) if path.is_dir() else _file(path)
    except OSError:
        return None  # unreadable: the plain error, which names the path


def nothing_recognised(inbox: Path, paths: list[str]) -> UnsocialError:
    """The error of an inbox in which no source reads any file: a few of those files (``paths``, relative to the
    inbox) named, those whose trouble can be told first, each with it, and what to do about them. It was "(1 other
    files); put your platform exports and journal into this folder", of a .7z that was in that folder."""
    files = [path for path in paths if not is_noise(path)]
    told = {path: why_unrecognised(inbox / path.split("#", 1)[0]) for path in files[:_LOOKED_AT]}
    shown = sorted(told, key=lambda path: told[path] is None)[:_NAMED_IN_ERROR]  # stable: in the inbox's order
    named = [_named(path, told[path]) for path in shown]
    if len(files) > len(shown):
        named.append(f"and {len(files) - len(shown)} more")
    advice = list(dict.fromkeys(told[path][1] for path in shown if told[path]))
    if not files or any(told.get(path) is None for path in files):  # files not looked at are no export either
        advice.append("put your platform exports and journal into this folder")
    counted = "no other file" if not files else f"{len(files)} other file{'s' if len(files) > 1 else ''}"
    listed = f": {', '.join(named)}" if named else ""
    return UnsocialError(inbox, f"no recognised export here ({counted}){listed}", "; ".join(advice))


def _named(path: str, diagnosis: Diagnosis | None) -> str:
    return f"{path} ({diagnosis[0].removeprefix(f'{UNRECOGNISED}: ')})" if diagnosis else path


def _file(path: Path, in_folder: bool = False) -> Diagnosis | None:
    """``in_folder``: the file is the one file of a folder given, inside which a zip is opened as a nested one."""
    if (held := in_icloud(path.name)) is not None:  # told by name: a placeholder holds no data
        return f"{UNRECOGNISED}: {ICLOUD_NOTE} ({shown(held)})", ICLOUD_TODO
    if volume := split_volume(path):
        return volume
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head.strip(_BLANK):
        return f"{UNRECOGNISED}: the file is empty", "export or download it again: this copy holds nothing"
    if packed := _packed(path.name, head):
        return packed
    if _THREAD_PAGE.fullmatch(path.name) and _instagram_thread(path):
        return _INSTAGRAM
    if is_subscription(path.name, head):
        return (f"{UNRECOGNISED}: {SUBSCRIPTION.split(':')[0]}",
                "download the calendar from that address (or export it as .ics from your calendar app) and ingest "
                "that file")
    if standard := _json_or_xml_form(head):
        return standard
    names = _zip_names(path, head)
    if app := app_file(path.name, _first_page(path, head), names):
        return f"{UNRECOGNISED}: {app[0]}", app[1]
    if zips := _only_zips_not_opened(path, names, in_folder):
        return zips
    if path.suffix.lower() in _OTHER_SPREADSHEETS:
        return (f"{UNRECOGNISED}: a spreadsheet of a kind this version does not read "
                f"({_OTHER_SPREADSHEETS[path.suffix.lower()]})",
                "open it and save it again as an Excel workbook (.xlsx) or as CSV (UTF-8)")
    if own := _journal_columns_of_own(path):
        return (f"{UNRECOGNISED}: a CSV with the journal's date and name columns and columns of its own "
                f"({', '.join(own)})", "if it is your journal, name its columns date, name, email, phone, kind and "
                "note; a column of your own is read beside three of those at least")
    what, start = _NAMED.get(path.suffix.lower(), (None, None))
    if what is None:
        return None
    component = _COMPONENT.match(head)
    if component and start == "BEGIN:VCALENDAR":
        return (f"{UNRECOGNISED}: one BEGIN:{component[1].decode().upper()} without its BEGIN:VCALENDAR "
                "(an entry saved alone, or a piece of a calendar)",
                "export the whole calendar from your calendar app and ingest that file")
    return (f"{UNRECOGNISED}: named as {what}, but it does not begin with {start}",
            "check that this is the file your app exported (it begins with that line), or export it again")


def _journal_columns_of_own(path: Path) -> list[str] | None:
    from .journal import SUFFIXES, own_columns

    if not path.name.lower().endswith(SUFFIXES):  # a zip no source reads is not listed a second time
        return None
    try:
        return own_columns(Export(path))
    except UnsocialError:  # a file that cannot be read as text: the plain error
        return None


def _packed(name: str, head: bytes) -> Diagnosis | None:
    """An archive this version cannot open, or a compressed file (a .tgz is opened and read, ``tarcheck``)."""
    kind, tool = next(((kind, tool) for magic, kind, tool in _PACKED if magic.match(head)), (None, None))
    if kind is None or name.lower().endswith(_TARBALLS):
        return None
    if tool is None:
        return f"{UNRECOGNISED}: a {kind} archive, which this version cannot open", _EXTRACT
    if _TARRED.search(name):
        return f"{UNRECOGNISED}: a tar archive compressed with {kind}, which this version cannot open", _EXTRACT
    return (f"{UNRECOGNISED}: the file is compressed ({kind})",
            f"decompress it ({tool}, or your archive tool) and ingest the file it holds")


def _only_zips_not_opened(path: Path, names: tuple[str, ...], in_folder: bool) -> Diagnosis | None:
    """A zip that holds nothing but zips the reader does not open: deeper than ``NESTED_ZIP_DEPTH`` (``Exporte.zip``
    holding ``Exporte/LinkedIn/<export>.zip``), or any when the zip is itself opened inside a folder. Such a zip is
    never opened (an attachment sent in Messenger is one): the user is told to unzip it. Zips are named by their own
    file name only: the folders above them may be named after people."""
    files = [name for name in names if not name.endswith("/") and not is_noise(name)]
    if not files or not all(name.lower().endswith(NESTED_ZIP_SUFFIXES)
                            and (in_folder or name.count("/") > NESTED_ZIP_DEPTH) for name in files):
        return None
    held = sorted({shown(PurePosixPath(name).name) for name in files})
    if len(held) == 1:
        what, which = f"another zip, {held[0]}", held[0]
    else:
        what, which = f"{len(held)} other zips ({', '.join(held[:3])}{', …' if len(held) > 3 else ''})", "each zip"
    return (f"{UNRECOGNISED}: all it holds is {what}, nested deeper than zips are opened",
            f"unzip {shown(path.name)} and give {which} from it to `unsocial ingest` (or put it into the inbox)")


def _instagram_thread(path: Path) -> bool:
    with path.open("rb") as handle:
        return bool(INSTAGRAM_PAGE.search(handle.read(PAGE_HEAD)))


def _first_page(path: Path, head: bytes) -> bytes:
    """An SQLite file's first page, where its schema is (``thunderbird_db.first_page``); other files' ``head``."""
    if not head.startswith(SQLITE):
        return head
    with path.open("rb") as handle:
        return handle.read(65536)


def _zip_names(path: Path, head: bytes) -> tuple[str, ...]:
    """The member names of a zip (its directory only: nothing is decompressed); none of another file."""
    if not head.startswith(b"PK\x03\x04"):
        return ()
    try:
        with zipfile.ZipFile(path) as archive:
            return tuple(islice((name.replace("\\", "/") for name in archive.namelist()), MAX_FILES))
    except (zipfile.BadZipFile, OSError, ValueError):
        return ()


def _folder(path: Path) -> Diagnosis | None:
    files = list(islice(_files(path), MAX_FILES + 1))
    if not files:
        return f"{UNRECOGNISED}: the folder is empty", "pass the folder or zip that holds the export's files"
    if len(files) > MAX_FILES:
        return None
    if app := app_file(path.name) or next(filter(None, (app_file(f.name) for f in files if _apps_own(f))), None):
        return f"{UNRECOGNISED}: {app[0]}", app[1]
    if books := _thunderbird_books(files):
        return (f"{UNRECOGNISED}: a Thunderbird profile folder (or another folder holding its address books)",
                f"ingest its address books by their paths: {', '.join(sorted(books))}")
    if volume := next(filter(None, map(split_volume, sorted(files))), None):  # a split zip: its volumes no export
        return volume
    if len(files) == 1:  # a folder of one file: the file's
        return _DOWNLOAD if still_downloading(files[0]) else _file(files[0], in_folder=True)
    if held := next((file for file in sorted(files) if in_icloud(file.name)), None):  # an export not downloaded
        return _file(held)
    if any(_instagram_thread(f) for f in files if _THREAD_PAGE.fullmatch(f.name)):
        return _INSTAGRAM
    from .inbox import discover_exports

    found = discover_exports(path)
    exports = Counter(item.source for item in found.found)
    if not exports:
        return None
    kinds = ", ".join(f"{source} {count}" for source, count in sorted(exports.items()))
    others = len(found.unrecognised)
    held = "1 export of its own" if exports.total() == 1 else f"{exports.total()} exports of their own"
    return (f"{UNRECOGNISED} as a whole: it holds {held} ({kinds}) beside "
            f"{others} {'file' if others == 1 else 'files'} no source reads with them",
            "ingest those exports by their paths, or give the folder to `unsocial run`, which reads each export in it")


def _apps_own(file: Path) -> bool:
    """A macOS Contacts database or card in a folder given (an ``.abbu`` copied under another name)."""
    return file.name.lower().endswith(ABCD)


def _thunderbird_books(files: list[Path]) -> list[str]:
    """The Thunderbird address books among a folder's files (``thunderbird_db``): read alone, not with the profile."""
    from .thunderbird_db import DB_SUFFIX, is_thunderbird_book

    books = []
    for file in files:
        if file.name.lower().endswith(DB_SUFFIX):
            with file.open("rb") as handle:
                if is_thunderbird_book(handle.read(65536)):
                    books.append(file.name)
    return books


# vCard and iCalendar in their JSON (jCard, RFC 7095; jCal, RFC 7265) and XML (xCard, RFC 6351; xCal, RFC 6321) forms,
# which CalDAV and CardDAV servers built on sabre/dav hand out on request: no app exports them by default, and no source
# reads them; the same data is a click away as .vcf or .ics. Told by the first bytes: the JSON array opening with its
# component's name, the XML's namespace.
_VCF, _ICS = "vCard (.vcf)", "iCalendar (.ics)"
_STANDARD_FORMS = ((re.compile(rb'^\s*\[\s*(?:\[\s*)?"vcard"', re.I), "contacts in jCard, vCard's JSON form", _VCF),
                   (re.compile(rb'^\s*\[\s*(?:\[\s*)?"vcalendar"', re.I), "a calendar in jCal, iCalendar's JSON form",
                    _ICS),
                   (re.compile(rb"urn:ietf:params:xml:ns:vcard-4\.0"), "contacts in xCard, vCard's XML form", _VCF),
                   (re.compile(rb"urn:ietf:params:xml:ns:icalendar-2\.0"), "a calendar in xCal, iCalendar's XML form",
                    _ICS))


def _json_or_xml_form(head: bytes) -> Diagnosis | None:
    found = next(((what, form) for pattern, what, form in _STANDARD_FORMS if pattern.search(head[:4096])), None)
    if found is None:
        return None
    return f"{UNRECOGNISED}: {found[0]}", f"export the same again as {found[1]} and ingest that file"


def lone_file(path: Path) -> Path | None:
    """The one file of a folder that holds nothing else (hidden files and the system's noise aside); else None."""
    if not path.is_dir() or path.is_symlink():
        return None
    files = list(islice(_files(path), 2))
    return files[0] if len(files) == 1 and not files[0].is_symlink() else None


def _files(path: Path):
    for root, _, names in os.walk(path):
        # hidden files are left out, but for iCloud Drive's placeholders: they stand for files that are not there
        yield from (Path(root, name) for name in names
                    if (not name.startswith(".") or in_icloud(name)) and not is_noise(name))
