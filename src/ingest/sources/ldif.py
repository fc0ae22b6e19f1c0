"""LDIF (RFC 2849) as Thunderbird's address book writes it, "Export → LDIF" (``AddrBookUtils``
``exportDirectoryToLDIF``; mozilla/releases-comm-central ``mailnews/addrbook/test/unit/data/export.ldif``):
the reading the address-book source uses for ``*.ldif`` files.

Written here, not taken from a library. python-ldap's ``ldif`` module needs the OpenLDAP C libraries; its
pure-Python fork on PyPI (``ldif`` 4.3.0) was tried in its place and measured: it joins a folded value by
repeated concatenation (a 2 MB folded photo took 1.2 s, a 32 MiB one minutes: a hostile file's lever), reads
base64 with its bad characters dropped (``sn:: !!!`` silently an empty name), and in strict mode refuses the dn
Thunderbird writes for a name with a comma (``cn=Doe, John,…``) while its lenient mode logs that dn, a person's
name and address. Using it took our own entry splitting, unfolding and an override of a private method; what
is left of RFC 2849 for an address book is small and is read here: entries separated by blank lines, a line
starting with a space continues the one before, ``attr:: <base64>`` for values that are not plain ASCII
(Thunderbird writes every non-ASCII name so, ``dn::`` included), ``#`` comments, an optional ``version: 1``
first. ``attr:< URL`` values (a file to fetch) are never fetched: read as missing.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import dropwhile, takewhile

from ..models import MemberNote, Quarantined, Record, reason_of
from .archive import Export
from .tabular import bounded_lines  # a physical line past tabular.MAX_LINE (16 MiB) is no address book
from .vcard_fields import without_sim_mark
from .zipcheck import limit_setting

LDIF_SUFFIXES = (".ldif", ".ldi")
MAX_ENTRY = 32 << 20  # characters of one entry (a photo is a few MB): past it, quarantined and read past, never held
# Attributes of one entry, the vCard's limit (UNSOCIAL_MAX_VCARD_PROPERTIES, 1,000): each mail or number becomes an
# account, and one entry of 300,000 ``mail:`` lines (7.7 MB) took 14 s and 765 MB, of 1,200,000 (24 MB) over a minute.
# Thunderbird writes about 40; the folded lines of a photo are one attribute.
MAX_ATTRIBUTES = 1_000
EXCERPT_CHARS = 300
# Thunderbird writes a mailing list as an entry of its own before its members: objectclass groupOfNames with
# one ``member: cn=…,mail=…`` per member. It names no one of its own: left out, counted in the file's note.
_GROUP_CLASSES = {"groupofnames", "groupofuniquenames"}
GROUPS = "mailing lists, not people (left out)"
_ATTRIBUTE = re.compile(r"([A-Za-z0-9][A-Za-z0-9;.\-]*)\s*:(:|<)?\s?(.*)")
# A phone's phone book saved as LDIF without any dn: gammu/gammu tests/ldif/173_contacts.ldif (gammu issue 173, "real
# (failing) testcase"): 43 entries of objectclass mozillaAbPersonObsolete, cn and numbers, no dn; 44 more with
# ``dn: <Name>/M`` and a number. Refused whole, as no LDIF. An entry is a block between blank lines (RFC 2849 wants a
# dn first): without one, it is read when it names a person by one of these attributes (lowercased).
_PERSON_NAMES = ("cn", "sn", "givenName", "mail", "telephoneNumber", "homePhone", "mobile", "workPhone")
_PERSON = tuple(name.lower() for name in _PERSON_NAMES)


@dataclass
class Entry:
    """One entry: its first line, its attributes (names lowercased, values in file order), why it cannot be read."""

    line: int
    lines: list[str] = field(default_factory=list)
    size: int = 0
    attributes: dict[str, list[str]] = field(default_factory=dict)
    problem: str | None = None
    count: int = 1  # attribute lines, the first one included

    def add(self, line: str, max_attributes: int = MAX_ATTRIBUTES) -> None:
        self.size += len(line)
        self.count += not line.startswith(" ")
        if self.size > MAX_ENTRY:
            self.problem = f"LDIF: an entry longer than {MAX_ENTRY >> 20} MiB characters"
        elif self.count > max_attributes:
            self.problem = (f"LDIF: an entry of more than {max_attributes} attributes "
                            "(limit UNSOCIAL_MAX_VCARD_PROPERTIES)")
        else:
            self.lines.append(line)

    def first(self, name: str) -> str | None:
        return next((v.strip() for v in self.attributes.get(name, []) if v.strip()), None)

    def values(self, *names: str) -> list[str]:
        return [v.strip() for name in names for v in self.attributes.get(name, []) if v.strip()]

    def dn_name(self) -> str | None:
        """The name a dn that is no LDAP name (no ``attr=value``) writes: gammu's ``dn: <Name>/M``, without the SIM's
        mark of the number's kind (``vcard_fields.SIM_MARK``)."""
        dn = self.first("dn")
        return (without_sim_mark(dn) or None) if dn and "=" not in dn else None

    def is_group(self) -> bool:
        return bool(_GROUP_CLASSES & {v.casefold() for v in self.values("objectclass")})

    def excerpt(self) -> str:
        return "\n".join(self.lines)[:EXCERPT_CHARS]


def ldif_members(export: Export) -> list[str]:
    """Members named .ldif that start like LDIF; a single file of another name when it does."""
    named = [m for m in export.members() if m.lower().endswith(LDIF_SUFFIXES)]
    candidates = named or (export.members() if export.kind == "file" else [])
    return [m for m in candidates if is_ldif(export, m)]


_HEAD = 4096


def is_ldif(export: Export, member: str) -> bool:
    """The first entry starts with ``dn:`` (after comments and ``version: 1``), or is made of attributes naming a
    person (``_PERSON``), and the file has an objectclass."""
    head = export.head(member, _HEAD)
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = list(dropwhile(_blank, (line for line in text.splitlines() if not line.startswith("#"))))
    lines = lines[1:] if lines and lines[0].lower().startswith("version:") else lines
    first = list(takewhile(str.strip, dropwhile(_blank, lines)))
    first = first[:-1] if len(head) == _HEAD and len(first) > 1 else first  # the last line may be cut
    return bool(first) and "objectclass:" in text.lower() and (first[0].lower().startswith("dn:") or _names(first))


def _blank(line: str) -> bool:
    return not line.strip()


def _names(lines: list[str]) -> bool:
    """Lines all ``attribute: value`` (or folded), one of them naming a person (``_PERSON``) with a value."""
    matches = [_ATTRIBUTE.fullmatch(line) for line in lines if not line.startswith(" ")]
    return all(matches) and any(m[1].lower() in _PERSON and m[3].strip() for m in matches)


def parse_member(export: Export, member: str, to_records: Callable[[str, Entry], list[Record]]) -> Iterator[Record]:
    """Records of every entry of one file (``to_records`` makes them, a ValueError quarantines the entry),
    a note with the count read; mailing lists are not read, and counted in the note."""
    read = groups = 0
    for entry in _entries(_lines(export, member)):
        # a mailing list of thousands of members is over the attributes' limit, and left out all the same
        if entry.is_group():
            groups += 1
            continue
        read += 1
        try:
            if entry.problem:
                raise ValueError(entry.problem)
            records = to_records(member, entry)
        except ValueError as exc:
            yield Quarantined(member=member, line=entry.line, reason=reason_of(exc), excerpt=entry.excerpt())
            continue
        yield from records
    note = "LDIF entries" if read or groups else "no LDIF entry in the file"
    yield MemberNote(member=member, line=0, handling="parsed", note=f"{note}; {GROUPS}: {groups}" if groups else note,
                     records_read=read)


def _lines(export: Export, member: str) -> Iterator[str]:
    """Physical lines without their ending. Thunderbird writes UTF-8 (non-ASCII values base64 anyway)."""
    with export.open(member) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="replace", newline=None)
        for line in bounded_lines(text, export, member, "check that this is the file the address book wrote",
                                  what="an LDIF file"):
            yield line.rstrip("\n")


def _entries(lines: Iterator[str]) -> Iterator[Entry]:
    """Entries between blank lines, each with its logical (unfolded) lines read into attributes."""
    entry: Entry | None = None
    max_attributes = limit_setting("UNSOCIAL_MAX_VCARD_PROPERTIES", MAX_ATTRIBUTES)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if entry:
                yield _finished(entry)
            entry = None
        elif line.startswith("#") or (number == 1 and line.lower().startswith("version:")):
            continue  # a comment; "version: 1", which may open the file
        elif entry is None:
            entry = Entry(number, [line], len(line))
        elif entry.problem is None:
            entry.add(line, max_attributes)
    if entry:
        yield _finished(entry)


def _finished(entry: Entry) -> Entry:
    """The entry with its attributes read; the first problem met, if any, kept."""
    for logical in _unfolded(entry.lines):
        try:
            name, value = _attribute(logical)
        except ValueError as exc:
            entry.problem = entry.problem or str(exc)
            continue
        entry.attributes.setdefault(name, []).append(value)
    if "dn" not in entry.attributes and not entry.values(*_PERSON):
        entry.problem = entry.problem or f"LDIF: an entry without dn, and {', '.join(_PERSON_NAMES)}: all missing"
    return entry


def _unfolded(lines: list[str]) -> Iterator[str]:
    """RFC 2849 folding: a line starting with one space continues the line before, that space dropped."""
    current: str | None = None
    for line in lines:
        if line.startswith(" ") and current is not None:
            current += line[1:]
            continue
        if current is not None:
            yield current
        current = line
    if current is not None:
        yield current


def _attribute(line: str) -> tuple[str, str]:
    """``name: value``, ``name:: base64`` (UTF-8), ``name:< URL`` (not fetched: empty). Options such as
    ``;lang-de`` are dropped from the name."""
    match = _ATTRIBUTE.fullmatch(line)
    if not match:
        raise ValueError("LDIF: a line that is not 'attribute: value'")
    name, kind, value = match[1].split(";", 1)[0].lower(), match[2], match[3]
    if kind == "<":
        return name, ""
    return name, _base64(name, value) if kind == ":" else value


def _base64(name: str, value: str) -> str:
    try:
        return base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise ValueError(f"{name}: not base64 UTF-8") from None
