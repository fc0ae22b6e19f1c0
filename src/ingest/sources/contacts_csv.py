"""Address books saved as CSV (or tab-separated), recognised by their header: Google Contacts, Outlook,
Thunderbird, Yahoo, Open-Xchange, Zimbra, and the address book an owner uploaded to LinkedIn (read inside the LinkedIn
export, ``sources/linkedin``); Outlook's in the 33 other languages of ``data/outlook_contacts_columns.csv``, each in its
Windows code page; Thunderbird's in a language no shape names, by the order of its columns; a CRM's or sales tool's
contacts (HubSpot, Pipedrive, Zoho CRM, Salesforce, Apollo, Odoo, Twenty) by the words of its columns.

Each shape is declared as data (``contacts_shapes``): the columns its header must hold, and which columns give the
name, company, position, e-mails and phone numbers. A row is one contact; like a vCard it yields
one ``Account`` with the first e-mail and phone and one more per extra value (same account_ref,
same line). Where each shape was seen is in docs/formats.md (address book).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from itertools import zip_longest

from ..models import Account, Record
from ..normalise import join_name
from .archive import Export
from .base import records_from_rows
from .contacts_shapes import (GOOGLE, GOOGLE_LEGACY, GOOGLE_NAMED_COLUMNS, GOOGLE_NAMING, GOOGLE_NUMBERED_COLUMNS,
                              SHAPES, THUNDERBIRD, THUNDERBIRD_BY_POSITION, THUNDERBIRD_COLUMNS, ZIMBRA,
                              ZIMBRA_FIELDS, ZIMBRA_NAMING, Shape, crm_shape, outlook_languages)
from .crm_rows import FOOTER_NOTE, crm_row, without_footer
from .phone_regions import Placement, file_region, international, place, region_note
from .profiles import platform_of, profile_key
from .tabular import Row, canonical, encoding_of, head_rows, header_of, read_as, read_rows
from .vcard import GROUPS
from .vcard_fields import SERVICE_CODE, email_address

PLATFORM = "addressbook"
# Thunderbird's columns by position (``_by_position``): where e-mails are, and where none is
_EMAIL_COLUMNS, _NO_EMAIL_COLUMNS = (4, 5), range(7, 27)
# Contacts tables: CSV, and Thunderbird's "Tab Delimited" export, which it names .txt (or .tab)
TABLE_SUFFIXES = (".csv", ".txt", ".tab", ".tsv")


def shape_of(export: Export, member: str) -> Shape | None:
    """The address-book shape of a CSV (or tab-separated) member, by its header; else Outlook's in another
    language; else a Thunderbird export in another language, by its columns' order; else a header of some of
    Thunderbird's, Google's or Zimbra's columns; else a CRM's contacts by its columns' words."""
    if not member.lower().endswith(TABLE_SUFFIXES):
        return None
    named = next((shape for shape in SHAPES if header_of(export, member, shape.required, _eight_bit(shape))), None)
    return named or _outlook_language(export, member) or _by_position(export, member) \
        or _thunderbird_columns(export, member) or _google_columns(export, member) or _zimbra_columns(export, member) \
        or _crm_columns(export, member)


def _outlook_language(export: Export, member: str) -> Shape | None:
    """Outlook's CSV in the language of the table whose columns its header holds most of, the header read in each
    language's code page (a UTF-8 file reads the same in all); the shape then reads the columns by position."""
    heads = {codepage: head_rows(export, member, (codepage, "latin-1"))
             for codepage in {shape.codepage for shape in outlook_languages()}}
    found = [(len(known), shape, names) for shape in outlook_languages() for row in heads[shape.codepage]
             if (known := _known_columns(shape, names := [canonical(c) for c in row]))]
    if not found:
        return None
    _, shape, names = max(found, key=lambda candidate: candidate[0])  # the first of the best on a tie
    return replace(shape, positions=tuple(names))


def _known_columns(shape: Shape, header: list[str]) -> set[str]:
    """The columns of a header that the shape reads, if the header holds its given and family name and at least an
    e-mail and a phone column; else none."""
    names = set(header)
    emails, phones = {n for n in names if shape.emails.fullmatch(n)}, {n for n in names if shape.phones.fullmatch(n)}
    if not ({shape.given, shape.family} <= names and emails and phones):
        return set()
    return emails | phones | (names & {shape.given, shape.middle, *shape.company, *shape.position})


def _eight_bit(shape: Shape) -> tuple[str, ...]:
    """How a file of this shape that is not UTF-8 is read: in its code page, Latin-1 where a byte has none there."""
    return (shape.codepage or "cp1252", "latin-1")


# A shape whose header names no language's code page (English Outlook, Thunderbird, Yahoo …) is written in the code
# page of the user's Windows: Greek Outlook writes the English header in cp1253 (Exchange's OutlookCsvLanguageSelect,
# el_gr), and so does any English Outlook on a Russian, Polish, Turkish, Hebrew or Japanese Windows. Read as cp1252,
# every name of such a file was mojibake, silently. The code page is decided once from the whole file's bytes
# (``code_pages``), and said in the file's note.
def _with_code_page(export: Export, member: str, shape: Shape) -> tuple[Shape, str, str | None]:
    """The shape with the code page a file that is not UTF-8 is in, the note saying so, and the file's
    ``tabular.encoding_of`` (None where the shape names its code page: found as the rows are read)."""
    if shape.codepage:
        return shape, shape.name, None
    encoding = encoding_of(export, member)
    note = read_as(encoding)
    if not note:
        return shape, shape.name, encoding
    return replace(shape, codepage=encoding), f"{shape.name}; {note}", encoding


def _by_position(export: Export, member: str) -> Shape | None:
    """Thunderbird's columns in a language no shape names, told by where the e-mail addresses are."""
    header, *rows = head_rows(export, member) or [[]]
    names = header[:-1] if len(header) == len(THUNDERBIRD_COLUMNS) + 1 and not header[-1].strip() else header
    if len(names) != len(THUNDERBIRD_COLUMNS) or not all(n.strip() and "@" not in n for n in names):
        return None
    rows = [row for row in rows if len(row) >= len(THUNDERBIRD_COLUMNS)]
    mail = any("@" in row[i] for row in rows for i in _EMAIL_COLUMNS)
    elsewhere = any("@" in row[i] for row in rows for i in _NO_EMAIL_COLUMNS)
    return replace(THUNDERBIRD_BY_POSITION, required=tuple(header)) if mail and not elsewhere else None


# Thunderbird's own importer takes a CSV whose first row is made of its column names only, any of them in any order,
# and reads it without asking (AddrBookFileImporter.parseCsvFile, mozilla/releases-comm-central mailnews/import/
# modules/; its test csv_semicolon.csv: "Display Name;First Name;Last Name;Primary Email"). Mail programs' tests and
# hand-made address books write such headers: Roundcube's tests/src/Csv2vcard/email.csv is "Primary Email" alone.
# Each was refused whole for lack of the four columns the full export has. A header of English Thunderbird names
# (a trailing empty one allowed, as Thunderbird allows it) is read so when one of them names a person
_THUNDERBIRD_NAMING = {"first name", "last name", "display name", "nickname", "primary email", "secondary email"}
THUNDERBIRD_SOME = replace(THUNDERBIRD, name="Thunderbird CSV (some of its columns)")


def _thunderbird_columns(export: Export, member: str) -> Shape | None:
    """A header of some of Thunderbird's columns (English names) naming a person, as Thunderbird imports it."""
    header = [canonical(c) for c in next(iter(head_rows(export, member)), [])]
    names = header[:-1] if len(header) > 1 and not header[-1] else header
    if not (set(names) <= set(THUNDERBIRD_COLUMNS) and _THUNDERBIRD_NAMING & set(names)):
        return None
    return replace(THUNDERBIRD_SOME, required=tuple(names))


def _google_columns(export: Export, member: str) -> Shape | None:
    """A header of some of Google's columns (``contacts_shapes.GOOGLE_NAMED_COLUMNS``, numbered ones) with a name
    column and a phone or e-mail value: read as Google's CSV, legacy where it names Gmail's "Given Name" or "Name"."""
    header = [canonical(c) for c in next(iter(head_rows(export, member)), [])]
    names = header[:-1] if len(header) > 1 and not header[-1] else header
    if not all(n in GOOGLE_NAMED_COLUMNS or GOOGLE_NUMBERED_COLUMNS.fullmatch(n) for n in names):
        return None
    values = [n for n in names if GOOGLE.phones.fullmatch(n) or GOOGLE.emails.fullmatch(n)]
    if not (GOOGLE_NAMING & set(names) and values):
        return None
    legacy = {"name", "given name", "family name"} & set(names)
    shape = GOOGLE_LEGACY if legacy else GOOGLE
    return replace(shape, name=f"{shape.name} (some of its columns)", required=tuple(names))


def _zimbra_columns(export: Export, member: str) -> Shape | None:
    """A header of Zimbra's field names only (``contacts_shapes.ZIMBRA_FIELDS``, a repeated one numbered) with a
    name column and an e-mail or phone column: Zimbra's CSV of the fields its contacts use."""
    names = [canonical(c) for c in next(iter(head_rows(export, member)), [])]
    if not names or not all(name.rstrip("0123456789") in ZIMBRA_FIELDS for name in names):
        return None
    values = [n for n in names if ZIMBRA.emails.fullmatch(n) or ZIMBRA.phones.fullmatch(n)]
    if not (ZIMBRA_NAMING & set(names) and values):
        return None
    return replace(ZIMBRA, required=tuple(names))


def _crm_columns(export: Export, member: str) -> Shape | None:
    """A CRM's or sales tool's contacts, by the words of its header's columns (``contacts_shapes.crm_shape``)."""
    names = [canonical(c) for c in next(iter(head_rows(export, member)), [])]
    return crm_shape(names, member) if names else None


# A contacts CSV without a header row: Thunderbird's importer asks which column is which
# (mozilla/releases-comm-central mailnews/import/test/unit/resources/csv_no_header.csv, whose user picks [2,0,1,4]),
# so its columns are not guessed here either; the one thing to do is to give it a header.
HEADERLESS = ("its first row holds an e-mail address, not column names: a contacts CSV without a header row",
              "add a header row naming the columns (such as First Name,Last Name,Display Name,Primary Email) "
              "and ingest it again")
_ADDRESS = re.compile(r"[^@\s,;\"']+@[^@\s,;\"']+\.\w+")


def headerless(export: Export) -> bool:
    """The export is one CSV (or a folder of one) whose first row holds an e-mail address (``HEADERLESS``)."""
    tables = [m for m in export.members() if m.lower().endswith(TABLE_SUFFIXES)]
    if len(tables) != 1 or len(export.members()) != 1:
        return False
    first = next(iter(head_rows(export, tables[0])), [])
    return any(_ADDRESS.fullmatch(cell.strip()) for cell in first)


def parse_table(export: Export, member: str, shape: Shape, platform: str = PLATFORM) -> Iterator[Record]:
    """One contact per row; ``platform``: XING's own CSV export is read as XING accounts."""
    shape, note, encoding = _with_code_page(export, member, shape)
    parse_row = partial(_accounts, member=member, shape=shape, platform=platform)
    eight_bit = _eight_bit(shape)  # a file that is not UTF-8
    rows = read_rows(export, member, shape.required, eight_bit, encoding)
    header = list(shape.positions) or header_of(export, member, shape.required, eight_bit) or []
    rows, groups = _without_groups(_by_numbered_header(rows, header), shape)
    rows, footer = without_footer(rows)  # an address book is small: its numbers decide the region first
    rows = [crm_row(row, shape) for row in rows] if shape.by_words else rows
    region = _file_region(rows, shape)
    note += f"; {region_note(region, _placed(rows, shape, region))}" if region else ""
    note = f"{note}; {GROUPS}: {groups}" if groups else note
    note = f"{note}; {FOOTER_NOTE}: {footer} lines" if footer else note
    parse_row = partial(parse_row, region=region)
    yield from records_from_rows(member, rows, parse_row, note=note)


def _file_region(rows: list[Row], shape: Shape) -> Placement | None:
    """The region of the file's numbers written without a country code (``phone_regions.file_region``): by the
    numbers it writes internationally, else by the country its rows' addresses name (``Shape.countries``)."""
    rows = [row for row in rows if not row.problem]
    numbers = [number for row in rows for number in _phones(row, shape)]
    countries = [_first_value(row, shape.countries, shape.separator) for row in rows]
    return file_region(numbers, filter(None, countries))


def _placed(rows: list[Row], shape: Shape, region: Placement) -> Counter:
    """How the national numbers of the rows fare in ``region`` (``phone_regions.place``), for the note: counted
    before the rows are read, as the note is written first."""
    placed = Counter()
    for row in rows:
        for number in [] if row.problem else _row_phones(row, shape):
            place(number, region, _number, placed)
    return placed


def _first_value(row: Row, columns: re.Pattern, separator: re.Pattern) -> str | None:
    """The first value of the matching columns, the first of several in its cell (Google's "Lebanon ::: Lebanon")."""
    cell = next((row.get(c) for c in row.values if columns.fullmatch(c) and (row.get(c) or "").strip()), None)
    return next((part.strip() for part in separator.split(cell) if part.strip()), None) if cell else None


def _without_groups(rows: Iterable[Row], shape: Shape) -> tuple[Iterable[Row], int]:
    """The rows that are no contact group (``Shape.group``, ``Shape.members``), and how many were; an address book
    is small."""
    if not (shape.group or shape.members):
        return rows, 0
    rows = list(rows)
    kept = [row for row in rows if row.problem or not _is_group(row, shape)]
    return kept, len(rows) - len(kept)


# What marks a group: Open-Xchange's "true"; Zimbra's "type" "group" (ContactConstants.TYPE_GROUP)
_GROUP_MARKS = frozenset({"true", "group"})


def _is_group(row: Row, shape: Shape) -> bool:
    return (any((row.get(column) or "").strip().casefold() in _GROUP_MARKS for column in shape.group)
            or any((row.get(column) or "").strip() for column in shape.members))


def _by_numbered_header(rows: Iterable[Row], header: list[str]) -> Iterator[Row]:
    """The rows by the header with its repeats told apart (``_numbered``)."""
    columns = _numbered(header)
    for row in rows:
        yield replace(row, values=dict(zip(columns, row.raw)))


def _numbered(header: list[str]) -> list[str]:
    """A translated header may give two columns one name (German Thunderbird's "Anzeigename", French
    Outlook's "Titre"): the last keeps it, as a row read by name has it, the earlier ones are "<name> #1", …"""
    times, seen = Counter(header), Counter()
    numbered = []
    for name in header:
        seen[name] += 1
        numbered.append(name if seen[name] == times[name] else f"{name} #{seen[name]}")
    return numbered


def _accounts(row: Row, *, member: str, shape: Shape, platform: str, region: Placement | None = None
              ) -> list[Account]:
    given, middle, family, display = _names(row, shape)
    name = display or join_name(given, middle, family) or _first(row, shape.fallback)
    emails = _values(row, shape.emails, shape.separator, email_address)
    emails = list(dict.fromkeys(emails + _named_addresses(row, shape)))
    phones = _row_phones(row, shape)
    if region:
        phones = list(dict.fromkeys(filter(None, (international(number, region.region, _number, region.candidates)
                                                  for number in phones))))
    if not (name or emails or phones):
        raise ValueError(_nothing(row, shape))
    return contact_accounts(member, row.line, platform, name, emails, phones, first_name=given, last_name=family,
                            company=_first(row, shape.company), position=_first(row, shape.position),
                            profiles=_profiles(row, shape))


def _nothing(row: Row, shape: Shape) -> str:
    """Why a row names nobody: its columns all empty, or its only number a code dialled to the operator."""
    if any(SERVICE_CODE.match(cell) for cell in _cells(row, shape.phones)):
        return f"{_name_columns(row, shape)} and e-mail columns empty; the phone column only an operator's code (USSD)"
    return f"{_name_columns(row, shape)}, e-mail and phone columns: all empty"


def _name_columns(row: Row, shape: Shape) -> str:
    """The name columns a row's file has, for its quarantine reason: the first and last name, else the full name
    (the Windows Address Book writes "Name" only)."""
    present = [c for c in (shape.given, shape.family) if c in row.values]
    return ", ".join(present or [c for c in shape.display if c in row.values]
                     or [c for c in (shape.given, shape.family) if c])


def contact_accounts(member: str, line: int, platform: str, name: str | None, emails: list[str],
                     phones: list[str], ref: str | None = None, profiles: list[str] = (), **fields) -> list[Account]:
    """One contact of an address book: an ``Account`` with the first e-mail, phone and social profile
    (``profiles.profile_key``) and the other ``fields``, and one more per further e-mail, number or
    profile (same account_ref, same line), so that the resolver sees all of them. account_ref: ``ref``
    (a vCard's UID), else the first e-mail, else the name, else the first number."""
    ref = ref or (emails[0] if emails else None) or name or phones[0]
    first = Account(member=member, line=line, platform=platform, account_ref=ref, display_name=name,
                    email=emails[0] if emails else None, phone=phones[0] if phones else None,
                    profile_url=profiles[0] if profiles else None, **fields)
    extra = [Account(member=member, line=line, platform=platform, account_ref=ref, display_name=name,
                     email=email, phone=number, profile_url=url)
             for email, number, url in zip_longest(emails[1:], phones[1:], profiles[1:])]
    return [first, *extra]


# A CSV written for spreadsheets guards a cell opening with = + - @ by an apostrophe, so that no spreadsheet reads a
# formula: "'+49 171 …" (Open-Xchange's "sanitize" export option, CSVContactExporter.appendEscapedForCsv in the App
# Suite 8 middleware, aravindb26/middleware com.openexchange.importexport/…/exporters/). No number opens so.
_FORMULA_GUARD = re.compile(r"^\s*'(?=[=+\-@])")


def _number(value: str) -> str | None:
    """A phone number as written, without a spreadsheet's guard (``_FORMULA_GUARD``); a cell without a digit is a
    label, not a number (Yahoo's "Primary": "home"), an operator's code (``vcard_fields.SERVICE_CODE``) no number."""
    value = _FORMULA_GUARD.sub("", value)
    return value if any(c.isdigit() for c in value) and not SERVICE_CODE.match(value) else None


def _phones(row: Row, shape: Shape) -> list[str]:
    return _values(row, shape.phones, shape.separator, _number)


def _row_phones(row: Row, shape: Shape) -> list[str]:
    """The row's numbers: its phone columns', and a number written as its name (``_named_numbers``)."""
    return list(dict.fromkeys(_phones(row, shape) + _named_numbers(row, shape)))


def _cells(row: Row, columns: re.Pattern) -> list[str]:
    return [row.get(column) for column in row.values if columns.fullmatch(column) and row.get(column)]


def _profiles(row: Row, shape: Shape) -> list[str]:
    """Social profiles among a contact's websites: a LinkedIn URL, or a handle labelled "Twitter"."""
    found = (profile_key(part, _platform(row, shape, match))
             for column in row.values if (match := shape.websites.fullmatch(column)) and row.get(column)
             for part in map(str.strip, shape.separator.split(row.get(column))))
    return list(dict.fromkeys(key for key in found if key))


def _platform(row: Row, shape: Shape, website: re.Match) -> str | None:
    """The platform a website's label names (Google's "website 1 - label": "Twitter"); None without labels."""
    return platform_of(row.get(shape.labels.format(website[1]))) if shape.labels else None


def _first(row: Row, columns: tuple[str, ...]) -> str | None:
    return next((v for v in map(row.get, columns) if v and v.casefold() not in _NO_VALUE), None)


# A value that says there is none: LinkedIn's Contacts.csv of an address book synced from Yahoo writes the company
# of 25 of its 36 contacts as the word "null" (UsernameTron/Linkedin-Chatbot ``MY Data/Contacts.csv``, 2024)
_NO_VALUE = frozenset({"null", "none", "n/a"})


def _names(row: Row, shape: Shape) -> tuple[str | None, ...]:
    """Given, middle, family and display name. Gmail filed a contact it collected from mail under its
    address, split at a dot over the name parts ("pieter@example", "nl"): such a row has no name. A name cell that
    is a whole address or a number is the contact's e-mail or phone (``_named_addresses``, ``_named_numbers``), one
    of punctuation only (";", "#%&": a Lebanese Google CSV synced from an iPhone) no name."""
    names = tuple(None if not v or _ADDRESS.fullmatch(v.strip()) or _named_number(v) or not _wordy(v)
                  else v for v in _name_cells(row, shape))
    return (None,) * 4 if any(v and "@" in v for v in names) else names


def _name_cells(row: Row, shape: Shape) -> tuple[str | None, ...]:
    return (row.get(shape.given), row.get(shape.middle) if shape.middle else None, row.get(shape.family),
            _first(row, shape.display))


def _wordy(value: str) -> bool:
    """Not of punctuation only (an emoji is a name's, as a letter is)."""
    return not all(c.isspace() or unicodedata.category(c).startswith("P") for c in value)


# A name cell holding a whole address and nothing else: a Google CSV row with the address in "First Name" and the
# e-mail columns empty (a Spanish Google CSV); or only a phone number: a contact saved under its number, the number
# columns empty (a Lebanese Google CSV synced from an iPhone). Six digits at least: "Rami 111", "3" stay names.
_NUMBER_LIKE = re.compile(r"\s*+\+?[\d\s().\-/]*+")  # possessive: a nested pattern took 13 s on 20,000 digits


def _named_number(value: str) -> bool:
    return bool(_NUMBER_LIKE.fullmatch(value)) and sum(c.isdigit() for c in value) >= 6


def _named_addresses(row: Row, shape: Shape) -> list[str]:
    return [email_address(v) for v in _name_cells(row, shape) if v and _ADDRESS.fullmatch(v.strip())]


def _named_numbers(row: Row, shape: Shape) -> list[str]:
    return [v.strip() for v in _name_cells(row, shape) if v and _named_number(v)]


def _values(row: Row, columns: re.Pattern, separator: re.Pattern, convert) -> list[str]:
    """Every value of the matching columns in header order, split where several share a cell, without repeats."""
    cells = [row.get(column) for column in row.values if columns.fullmatch(column)]
    found = (convert(part.strip()) for cell in cells if cell for part in separator.split(cell))
    return list(dict.fromkeys(v for v in found if v))
