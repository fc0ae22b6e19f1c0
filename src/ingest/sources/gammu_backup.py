"""Gammu's phone backup (``gammu backup phone.backup``; Wammu's "Backup" writes the same through python-gammu): the
phone's and the SIM's phone books of an old mobile phone, read as address-book cards (``sources/addressbook.py``).

The file is INI text (gammu/gammu ``libgammu/service/backup/backtext.c``, ``SaveBackup``; the samples in
``tests/vcards/*.backup``, ``tests/backups/gprs-points.backup``, ``tests/ldif/173_contacts.backup``), nearly always
UTF-16 big-endian with a BOM, CRLF, ``; This file format was designed for Gammu …`` comments, then::

    [Backup]                      IMEI, Phone, Creator, DateTime, Format = 1.04 or 1.05
    [PhonePBK001] / [SIMPBK001]   Location = 001, then per value EntryNNType = Name, FirstName, LastName,
                                  NumberMobile, NumberHome, NumberWork, NumberGeneral, NumberFax, Email, Email2,
                                  Company, JobTitle, URL, … and EntryNNText = "…"
    [Calendar001], [TODO001], [Note001], [SMSC001], [Caller001], [Ringtone001], [GPRSPoint001], …, [Checksum]

Written without ``-unicode`` (``SaveBackup(…, FALSE)``) it is 8-bit text in the computer's locale, each text also
written as ``EntryNNTextUnicode = 0048…``: its UTF-16BE bytes in hex, which Gammu reads in place of the text.
Values are quoted; ``\\n``, ``\\r`` and ``\\<c>`` are escapes (``DecodeUnicodeSpecialChars``: ``"5\\, Chemin…"``).

Each phone-book entry is made a vCard (vobject's) and read as one (``vcard.card_records``): the same accounts,
numbers placed in the book's region, operators' codes left out. Calendar entries, to-do items and notes name no one:
left out, counted in the file's note. A file is known by its content, a ``[Backup]`` section with ``Format =``
in its first 4 KiB, whatever its name (Gammu writes this format under any name it knows no other format of).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from ..models import MemberNote, Quarantined, Record, reason_of
from .archive import Export
from .phone_regions import Placement, file_region, region_note
from .tabular import bounded_lines, decodes
from .utf16 import utf16_codec
from .vcard import LEFT_OUT, MAX_BYTES, MAX_PROPERTIES, REGION_SAMPLE, card_records
from .vcard_fields import phone
from .zipcheck import limit_setting

BACKUP_SUFFIXES = (".backup", ".bak")
HEAD = 4096
EXCERPT_CHARS = 300
EXCERPT_LINES = 20
_SECTION = re.compile(r"\s*\[(?P<name>[^\]]*)\]\s*")
_KEY = re.compile(r"\s*(?P<key>[^=\s][^=]*?)\s*=\s*(?P<value>.*?)\s*")
_ENTRY_KEY = re.compile(r"entry(?P<number>\d+)(?P<what>type|text|textunicode|location)", re.I)
_PHONE_BOOK = re.compile(r"(?:PhonePBK|SIMPBK)\d+", re.I)
# Sections of the phone's own calendar, to-do list and notes: no people (a calendar entry's phone number is one the
# owner dials, with no name).
_NO_PEOPLE = re.compile(r"(?:Calendar|TODO|Note)\d+", re.I)
NO_PEOPLE = "calendar entries, to-do items and notes of a phone backup, not people (left out)"
# The names a phone-book entry is read by, as a vCard's are: how a reason names them (``vcard_fields``'s vocabulary)
_VCARD_NAMES = "FN, N, EMAIL, TEL"
_ENTRY_NAMES = "Name, FirstName, LastName, Email, Number…"
_ESCAPE = re.compile(r"\\(.)", re.S)
_ESCAPED = {"n": "\n", "r": "\r"}


@dataclass
class Section:
    """One ``[…]`` section: its name, its first line, its ``key = value`` pairs (keys lowercased); once over a
    limit (``problem``), only its first lines, for the excerpt."""

    name: str
    line: int
    lines: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    size: int = 0
    entries: int = 0
    problem: str | None = None

    def add(self, line: str, limits: tuple[int, int]) -> None:
        self.size += len(line)
        if self.problem is None:
            self._read(line, limits)
        if self.problem is None or len(self.lines) < EXCERPT_LINES:
            self.lines.append(line)

    def _read(self, line: str, limits: tuple[int, int]) -> None:
        if not (match := _KEY.fullmatch(line)):
            self.problem = "Gammu backup: line cannot be parsed (not 'name = value')"
            return
        key = match["key"].lower()
        self.entries += key.startswith("entry") and key.endswith("type")
        self.values[key] = match["value"]
        self.problem = _over(self, limits)

    def excerpt(self) -> str:
        return "\n".join([f"[{self.name}]", *self.lines])[:EXCERPT_CHARS]


def _over(section: Section, limits: tuple[int, int]) -> str | None:
    entries, size = limits
    if section.entries > entries:
        return f"Gammu backup: an entry of more than {entries} values (limit UNSOCIAL_MAX_VCARD_PROPERTIES)"
    if section.size > size:
        return f"Gammu backup: an entry of more than {size} characters (limit UNSOCIAL_MAX_VCARD_BYTES)"
    return None


def backup_members(export: Export) -> list[str]:
    """Members named .backup or .bak that are Gammu backups; a single file of another name when it is one."""
    named = [m for m in export.members() if m.lower().endswith(BACKUP_SUFFIXES)]
    candidates = named or (export.members() if export.kind == "file" else [])
    return [m for m in candidates if is_gammu_backup(export, m)]


def is_gammu_backup(export: Export, member: str) -> bool:
    """A ``[Backup]`` section holding a ``Format =`` line in the first ``HEAD`` bytes. An SMS backup
    (``gammu backupsms``: ``[SMSBackup000]`` sections) has none, nor has any other INI file."""
    section = None
    for line in _decoded(export.head(member, HEAD)).splitlines():
        if match := _SECTION.fullmatch(line):
            section = match["name"].strip().lower()
        elif section == "backup" and (key := _KEY.fullmatch(line)) and key["key"].lower() == "format":
            return True
    return False


def _decoded(head: bytes) -> str:
    codec = utf16_codec(head)
    return head.decode(codec or "utf-8", errors="replace").lstrip("\ufeff")


def parse_member(export: Export, member: str,
                 to_records: Callable[[str, int, object], list[Record]]) -> Iterator[Record]:
    """Records of every phone-book entry of one backup (``to_records`` makes them from a card, as from a vCard), a
    note with the count read; calendar entries, to-do items and notes counted in it, left out."""
    read, left_out, placed = 0, Counter(), Counter()
    region = _region(export, member)
    for section in _sections(export, member):
        if _NO_PEOPLE.fullmatch(section.name):
            left_out[NO_PEOPLE] += 1
        elif _PHONE_BOOK.fullmatch(section.name):
            records = _records(member, section, to_records, region, placed)
            if records in LEFT_OUT:
                left_out[records] += 1
                continue
            read += 1
            yield from records
    yield _note(member, read, left_out, region, placed)


def _note(member: str, read: int, left_out: Counter, region: Placement | None, placed: Counter) -> MemberNote:
    """The file's note; a backup of the phone's calendar or settings alone (gammu/gammu tests/vcal/*.backup,
    tests/misc/wap-settings.backup) is read whole with nobody in it (``no_people``), not an export cut off."""
    note = "phone-book entries of a Gammu backup" if read else "a Gammu backup of no phone-book entry"
    note += f"; {region_note(region, placed)}" if region else ""
    note += "".join(f"; {kind}: {count}" for kind, count in left_out.items())
    return MemberNote(member=member, line=0, handling="parsed" if read else "no_people", note=note, records_read=read)


def _records(member: str, section: Section, to_records: Callable[[str, int, object], list[Record]],
             region: Placement | None, placed: Counter) -> list[Record] | str:
    """The records of one entry, its quarantine, or why it is left out (``vcard.LEFT_OUT``)."""
    try:
        if section.problem:
            raise ValueError(section.problem)
        return card_records(member, section.line, _card(section), to_records, region, placed)
    except ValueError as exc:
        reason = reason_of(exc).replace(_VCARD_NAMES, _ENTRY_NAMES)
        return [Quarantined(member=member, line=section.line, reason=reason, excerpt=section.excerpt())]


def _region(export: Export, member: str) -> Placement | None:
    """The region of the book's numbers written without a country code (``phone_regions.file_region``), by its
    first numbers, as a vCard file's."""
    numbers = (number for section in _sections(export, member)
               for kind, value, _ in entry_values(section) if kind.startswith("number") and (number := phone(value)))
    return file_region(list(islice(numbers, REGION_SAMPLE)))


def _sections(export: Export, member: str) -> Iterator[Section]:
    """The file's sections in order, a phone book's with its lines read (comments and blank lines left out); the
    others (calendar, settings, ringtones, pictures) only named: nothing of them is kept."""
    limits = (limit_setting("UNSOCIAL_MAX_VCARD_PROPERTIES", MAX_PROPERTIES),
              limit_setting("UNSOCIAL_MAX_VCARD_BYTES", MAX_BYTES))
    section, kept = None, False
    for number, line in enumerate(_lines(export, member), start=1):
        if match := _SECTION.fullmatch(line):
            if section is not None:
                yield section
            section = Section(match["name"].strip(), number)
            kept = bool(_PHONE_BOOK.fullmatch(section.name))
        elif kept and line.strip() and not line.lstrip().startswith((";", "#")):
            section.add(line, limits)
    if section is not None:
        yield section


def _lines(export: Export, member: str) -> Iterator[str]:
    """Physical lines without their ending: UTF-16 when the file is (``utf16.utf16_codec``), else UTF-8, a line that
    is not in the 8-bit code page of Windows (Gammu wrote the computer's locale) or Latin-1."""
    codec = utf16_codec(export.head(member, 8)) or "utf-8"
    errors = "replace" if codec != "utf-8" else "surrogateescape"
    with export.open(member) as handle:
        text = io.TextIOWrapper(handle, encoding=codec, errors=errors, newline=None)
        for line in bounded_lines(text, export, member, "check that this is the backup Gammu or Wammu wrote",
                                  what="a Gammu backup"):
            yield _eight_bit(line.rstrip("\n").lstrip("\ufeff"))


def _eight_bit(line: str) -> str:
    """A line of 8-bit text read as UTF-8 (its bytes kept as surrogates) in Windows' Western code page, else Latin-1."""
    try:
        line.encode("utf-8")
        return line
    except UnicodeEncodeError:
        data = line.encode("utf-8", "surrogateescape")
    return data.decode("cp1252") if decodes(data, "cp1252") else data.decode("latin-1")


def entry_values(section: Section) -> Iterator[tuple[str, str, str | None]]:
    """(type lowercased, text, location) of each value of a phone-book entry, in the order of its numbers; a value of
    no text (a caller group's number, a photo) or empty is left out. ``TextUnicode`` is read in place of ``Text``."""
    entries: dict[int, dict[str, str]] = {}
    for key, value in section.values.items():
        if match := _ENTRY_KEY.fullmatch(key):
            entries.setdefault(int(match["number"]), {})[match["what"].lower()] = value
    for _, entry in sorted(entries.items()):
        text = _hex_text(entry.get("textunicode")) or _text(entry.get("text"))
        if text and text.strip():
            yield entry.get("type", "").strip().lower(), text.strip(), entry.get("location", "").strip().lower()


def _text(value: str | None) -> str | None:
    """A quoted value unquoted and unescaped (``\\n``, ``\\r``, ``\\<c>``: Gammu's ``DecodeSpecialChars``)."""
    if value is None:
        return None
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        value = value[1:-1]
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m[1], m[1]), value)


def _hex_text(value: str | None) -> str | None:
    """``EntryNNTextUnicode``: the text's UTF-16BE bytes in hex; None when it is not such."""
    if not value or len(value) % 4 or not re.fullmatch(r"[0-9A-Fa-f]+", value):
        return None
    return bytes.fromhex(value).decode("utf-16-be", errors="replace")


# What a phone-book value is on a vCard. Numbers: every ``Number…`` type (Gammu's NumberGeneral, NumberMobile,
# NumberWork, NumberHome, NumberOther, NumberMessaging, NumberVideo, NumberMobileWork, NumberMobileHome) a TEL;
# NumberFax and NumberPager a TEL typed FAX or PAGER, which is no phone (``vcard_fields.phone_numbers``).
_PROPERTIES = {"name": "fn", "nickname": "nickname", "email": "email", "email2": "email", "url": "url",
               "company": "org", "jobtitle": "title"}
_NUMBER_TYPES = {"numbermobile": "CELL", "numbermobilework": "CELL", "numbermobilehome": "CELL", "numberfax": "FAX",
                 "numberpager": "PAGER", "numberhome": "HOME", "numberwork": "WORK", "numbergeneral": "VOICE",
                 "numbervideo": "VIDEO", "numbermessaging": "MSG"}


def _card(section: Section):
    """The entry as a vCard (vobject's): its names, numbers, e-mails, company, job title and web addresses."""
    import vobject  # here, where an entry is read: telling a backup from another file does without it

    card, given, family = vobject.vCard(), None, None
    for kind, text, location in entry_values(section):
        if kind == "firstname":
            given = given or text
        elif kind == "lastname":
            family = family or text
        elif kind.startswith("number"):
            _add(card, "tel", text, [t for t in (_NUMBER_TYPES.get(kind), location.upper()) if t])
        elif prop := _PROPERTIES.get(kind):
            _add(card, prop, [text] if prop == "org" else text)
    if given or family:
        card.add("n").value = vobject.vcard.Name(family=family or "", given=given or "")
    return card


def _add(card, name: str, value, types: Iterable[str] = ()) -> None:
    line = card.add(name)
    line.value = value
    if types:
        line.params["TYPE"] = list(types)
