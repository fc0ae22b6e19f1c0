"""Address books saved as CSV (or tab-separated), recognised by their header: Google Contacts, Outlook,
Thunderbird, Yahoo, Open-Xchange, and the address book an owner uploaded to LinkedIn (read inside the LinkedIn export,
``sources/linkedin``); Outlook's in the 33 other languages of ``data/outlook_contacts_columns.csv``, each in its
Windows code page; Thunderbird's in a language no shape names, by the order of its columns.

Each shape is declared as data: the columns its header must hold, and which columns give the
name, company, position, e-mails and phone numbers. A row is one contact; like a vCard it yields
one ``Account`` with the first e-mail and phone and one more per extra value (same account_ref,
same line). Where each shape was seen is in docs/formats.md (address book).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, partial
from itertools import zip_longest
from pathlib import Path

from ..models import Account, Record
from ..normalise import join_name
from .archive import Export
from .base import records_from_rows
from .profiles import platform_of, profile_key
from .tabular import Row, canonical, encoding_of, head_rows, header_of, read_as, read_rows
from .vcard import GROUPS, email_address

PLATFORM = "addressbook"
# Google writes every value of a field into one cell, joined by " ::: " ("+49 170 … ::: +49 30 …").
_GOOGLE_SEPARATOR = re.compile(r"\s*:::\s*")
# LinkedIn's Contacts.csv lists a contact's numbers (and e-mails) in one cell, separated by ", "
# (formats.md §3.9, hudi-packages-connectors' 2021 sample); no address or number holds a comma.
_COMMA_SEPARATOR = re.compile(r"\s*,\s*")


@dataclass(frozen=True)
class Shape:
    """One address-book CSV: how it is recognised and which columns (canonical names) mean what."""

    name: str
    required: tuple[str, ...]
    given: str
    family: str
    middle: str | None = None
    display: tuple[str, ...] = ()
    fallback: tuple[str, ...] = ()  # the name when no name column is filled: a business contact
    company: tuple[str, ...] = ()
    position: tuple[str, ...] = ()
    emails: re.Pattern = re.compile(r"(?!)")  # the columns (canonical names) of e-mail addresses
    phones: re.Pattern = re.compile(r"(?!)")
    websites: re.Pattern = re.compile(r"(?!)")  # the columns of web addresses, social profiles among them
    labels: str | None = None  # the column labelling a website, by the number its pattern captures
    separator: re.Pattern = _GOOGLE_SEPARATOR  # between several values in one cell
    codepage: str | None = None  # the ANSI code page a file that is not UTF-8 is in, where it is not cp1252
    positions: tuple[str, ...] = ()  # the columns' names by position, whatever the header calls them
    group: str | None = None  # the column whose "true" marks a contact group: left out, counted in the note


SHAPES = (
    # contacts.google.com, "Google CSV", since about 2021; saved as contacts.csv
    Shape("Google Contacts CSV", ("First Name", "Last Name", "File As", "Labels"),
          given="first name", middle="middle name", family="last name", fallback=("file as", "organization name"),
          company=("organization name",), position=("organization title",),
          emails=re.compile(r"e-mail \d+ - value"), phones=re.compile(r"phone \d+ - value"),
          websites=re.compile(r"website (\d+) - value"), labels="website {} - label"),
    # Gmail's contact manager, "Google CSV", until about 2020; saved as google.csv
    Shape("Google Contacts CSV (legacy)", ("Name", "Given Name", "Family Name", "Group Membership"),
          given="given name", middle="additional name", family="family name", display=("name",),
          fallback=("organization 1 - name",), company=("organization 1 - name",),
          position=("organization 1 - title",),
          emails=re.compile(r"e-mail \d+ - value"), phones=re.compile(r"phone \d+ - value"),
          websites=re.compile(r"website (\d+) - value"), labels="website {} - label"),
    # Outlook for Windows (Import/Export wizard), outlook.com, and Google's "Outlook CSV"
    OUTLOOK := Shape("Outlook CSV", ("First Name", "Last Name", "E-mail Address", "Mobile Phone"),
                     given="first name", middle="middle name", family="last name", fallback=("company",),
                     company=("company",), position=("job title",),
                     emails=re.compile(r"e-mail(?: \d)? address"),
                     phones=re.compile(r"(?!.*fax)(?:.*phone|callback|isdn)(?: \d)?")),
    # Outlook Express and the Windows Address Book (Windows 98 to XP), "Export → Other Address Book → Text File
    # (Comma Separated Values)": the fields it ticks by default, the full name in "Name", no first or last name
    # ("Name,E-mail Address,Home Street,…,Home Phone,…,Business Phone,Company,Job Title": KDE kmailcvt's
    # filter_csv.cxx, code index id 2405994232, which reads it by position); a contact taken from a mail has no name
    Shape("Windows Address Book CSV", ("Name", "E-mail Address", "Home Phone", "Business Phone"),
          given="first name", middle="middle name", family="last name", display=("name",), fallback=("company",),
          company=("company",), position=("job title",), emails=re.compile(r"e-mail(?: \d)? address"),
          phones=re.compile(r"(?!.*fax)(?:.*phone|callback|isdn)(?: \d)?")),
    # Thunderbird's address book, "Export" as comma separated, or as "Tab Delimited" (Personal Address Book.txt,
    # the same header separated by tabs: mozilla/releases-comm-central mailnews/addrbook/test/unit/data/export.txt)
    THUNDERBIRD := Shape("Thunderbird CSV", ("First Name", "Last Name", "Display Name", "Primary Email"),
                         given="first name", family="last name", display=("display name",),
                         fallback=("organization",), company=("organization",), position=("job title",),
                         emails=re.compile(r"(?:primary|secondary) email"),
                         phones=re.compile(r"work phone|home phone|mobile number")),
    # the same from a German Thunderbird, "Persönliches Adressbuch.csv", UTF-8 or, with the system-charset
    # option on Windows, Windows-1252. Its header is the localised strings 2100-2136 of importMsgs.properties
    # in exportAttributes order (mozilla-l10n/firefox-l10n de/mail/chrome/messenger/importMsgs.properties;
    # AddrBookUtils.sys.mjs, code index id 1799127866): 2136, the screen name after the second e-mail, is
    # "Anzeigename" as the display name is, so the display name is the first of the two ("anzeigename #1")
    Shape("Thunderbird CSV (German)", ("Vorname", "Nachname", "Anzeigename", "Primäre E-Mail-Adresse"),
          given="vorname", family="nachname", display=("anzeigename #1",), fallback=("organisation",),
          company=("organisation",), position=("arbeitstitel",),
          emails=re.compile(r"(?:primäre|sekundäre) e-mail-adresse"),
          phones=re.compile(r"tel\. dienstlich|tel\. privat|mobil-tel\.-nr\.")),
    # the same from a French Thunderbird, "Adresses personnelles.csv": the strings 2100-2136 of fr importMsgs.properties
    # (mozilla-l10n/firefox-l10n, then thunderbird/thunderbird-l10n). The e-mail columns were translated three ways
    # over the years ("Première/Deuxième adresse électronique", "Adresse électronique principale/secondaire",
    # "Adresse e-mail principale/secondaire"), so none is required; the names and "Tél. personnel" never changed.
    # "Tél. professionnel " ends in a space in Thunderbird's strings (canonical() strips it); the screen name (2136)
    # is "Nom de l'écran", with a typographic apostrophe in later versions, and is not read
    Shape("Thunderbird CSV (French)", ("Prénom", "Nom de famille", "Nom à afficher", "Tél. personnel"),
          given="prénom", family="nom de famille", display=("nom à afficher",), fallback=("société",),
          company=("société",), position=("profession",),
          emails=re.compile(r"(?:première|deuxième) adresse électronique"
                            r"|adresse (?:électronique|e-mail) (?:principale|secondaire)"),
          phones=re.compile(r"tél\. professionnel|tél\. personnel|portable")),
    # Thunderbird in Russian, "Личная адресная книга.csv": the strings 2100-2136 of ru importMsgs.properties
    # (thunderbird/thunderbird-l10n; the same in roundcube/roundcubemail program/localization/ru_RU/csv2vcard.inc),
    # UTF-8, or with the system-charset option on a Russian Windows its code page, cp1251 (not seen: ``codepage``)
    Shape("Thunderbird CSV (Russian)", ("Имя", "Фамилия", "Отображаемое имя", "Адрес электронной почты"),
          given="имя", family="фамилия", display=("отображаемое имя",), fallback=("организация",),
          company=("организация",), position=("должность",),
          emails=re.compile(r"(?:альтернативный )?адрес электронной почты"),
          phones=re.compile(r"рабочий телефон|домашний телефон|номер мобильного телефона"), codepage="cp1251"),
    # Yahoo Mail's contacts "Export" as CSV, yahoo_contacts.csv, every field quoted. Older headers (code index ids
    # 24269382445 and 17844129333 quote one; LinkedIn's export for Yahoo has it) say "Yahoo! ID" and "Yahoo! Phone"
    # where today's say "Messenger ID" and "Yahoo Phone" and add "Messenger ID1" … "QQ ID" at the end. "Primary"
    # says which number is the main one ("home": the AppleScript exporter of 17844129333), so a value without a
    # digit is no number (``_number``); Fax and Pager are not read as phones
    Shape("Yahoo CSV", ("First", "Last", "Email", "Alternate Email 1", "Personal Website"),
          given="first", middle="middle", family="last", fallback=("nickname", "company"), company=("company",),
          position=("title",), emails=re.compile(r"email|alternate email \d"),
          phones=re.compile(r"home|work|mobile|other|yahoo!? phone|primary"),
          websites=re.compile(r"(?:personal|business) website")),
    # Nokia Suite / Nokia PC Suite, "Export contacts → CSV" from a Nokia phone (Contacts.csv): every field quoted,
    # 55 columns and an empty 56th (each line ends in a comma), "Title","First name","Middle name","Last name",
    # "Suffix","Job title","Company",…,"SIP address","Push-to-talk","Share view","User ID","Notes", then for
    # General, Home and Business each "mobile","phone","email" (older: "e-mail"),"fax","video call",…; most names in
    # "First name" or "Last name" alone, many numbers operator codes ("*123#"). Seen: cvenkatachary/contacts
    # Contacts.csv (a published export); code index ids 12722155334 and 39742906539 (writers of the "e-mail" header)
    Shape("Nokia Suite CSV", ("First name", "Last name", "Push-to-talk", "Share view"),
          given="first name", middle="middle name", family="last name", fallback=("company",),
          company=("company",), position=("job title",),
          emails=re.compile(r"(?:general|home|business) e-?mail"),
          phones=re.compile(r"(?:general|home|business) (?:mobile|phone|video call)"),
          websites=re.compile(r"(?:general|home|business) web address")),
    # Open-Xchange App Suite (mailbox.org, and the other OX hosts: Contacts → Export → CSV), "<folder>.csv": UTF-8,
    # LF, every field quoted, OX's English field names in ContactField's order whatever the user's language
    # ("Display name","Sur name","Given name",…,"Cellular telephone 1",…,"Email 1","Email 2","Email 3","URL",…),
    # the display name often "Last, First"; two columns with no name: a distribution list's members ("addr;Name;…")
    # and its mark ("true" for a list, exported with the contacts). open-xchange/appsuite-middleware
    # com.openexchange.importexport/…/exporters/CSVContactExporter.java (DEFAULT_FIELDS), …/ContactField.java
    Shape("Open-Xchange CSV", ("Display name", "Sur name", "Given name", "Email 1", "Cellular telephone 1"),
          given="given name", middle="middle name", family="sur name", fallback=("display name", "company"),
          company=("company",), position=("position",), emails=re.compile(r"email [123]"),
          phones=re.compile(r"(?:cellular )?telephone .*|phone \(car\)|ip phone"),  # not "FAX …", "Pager", "Telex"
          websites=re.compile(r"url"), group=""),  # the later nameless column: ``_numbered`` keeps its name
    # LinkedIn Complete export ≤ 2018, "Imported Contacts.csv": the address book the owner uploaded
    # (apache/streams linkedin.ttl.ftl quotes the header; "Created At" as "5/2/16, 9:00 AM", not read)
    Shape("LinkedIn imported contacts", ("First Name", "Last Name", "Companies", "Email Address", "Phone Numbers"),
          given="first name", family="last name", display=("full name",), company=("companies",),
          position=("title",), emails=re.compile(r"email address"), phones=re.compile(r"phone numbers"),
          separator=_COMMA_SEPARATOR),
    # LinkedIn 2021 and later, "Contacts.csv": the same, its columns run together, with the service the
    # contact came from in Source (GOOGLE_CONTACTS, OUTLOOK …; humandataincome/hudi-packages-connectors)
    Shape("LinkedIn contacts", ("FirstName", "LastName", "Companies", "Emails", "PhoneNumbers"),
          given="firstname", family="lastname", display=("fullname",), company=("companies",),
          position=("title",), emails=re.compile(r"emails"), phones=re.compile(r"phonenumbers"),
          separator=_COMMA_SEPARATOR),
    # LinkedIn 2025, "ImportedContacts.csv" (no space): the same without Source and Companies, with
    # MiddleName, NickName, NamePrefix, NameSuffix, UpdatedAt, CountryCode, RegionCode, ThirdPartyVerified,
    # Location; "CreatedAt" as "3/14/19, 8:02 AM", not read (code index ids 6706357958, a loader quoting
    # the header, and 59013228737, an importer reading it from the zip)
    Shape("LinkedIn imported contacts (2025)",
          ("FirstName", "LastName", "Emails", "PhoneNumbers", "ThirdPartyVerified"),
          given="firstname", middle="middlename", family="lastname", fallback=("nickname",), position=("title",),
          emails=re.compile(r"emails"), phones=re.compile(r"phonenumbers"), separator=_COMMA_SEPARATOR),
)


# Thunderbird writes its CSV header in the user's language, and always the same 37 columns in exportAttributes order
# (AddrBookUtils.sys.mjs, code index id 1799127866; strings 2100-2136 of importMsgs.properties in every locale). A
# header in a language no shape above names is read by position, under the English names, when the file shows it is
# one: 37 named columns (and a 38th empty one where every line ends in a comma, as French ones do), and in the first
# rows an e-mail address in an e-mail column (5th, 6th) and none among the phones, addresses and organisation
THUNDERBIRD_COLUMNS = (
    "first name", "last name", "display name", "nickname", "primary email", "secondary email", "screen name",
    "work phone", "home phone", "fax number", "pager number", "mobile number", "home address", "home address 2",
    "home city", "home state", "home zipcode", "home country", "work address", "work address 2", "work city",
    "work state", "work zipcode", "work country", "job title", "department", "organization", "web page 1",
    "web page 2", "birth year", "birth month", "birth day", "custom 1", "custom 2", "custom 3", "custom 4", "notes")
_EMAIL_COLUMNS, _NO_EMAIL_COLUMNS = (4, 5), range(7, 27)
THUNDERBIRD_BY_POSITION = replace(THUNDERBIRD, name="Thunderbird CSV (by position)", positions=THUNDERBIRD_COLUMNS)
# Contacts tables: CSV, and Thunderbird's "Tab Delimited" export, which it names .txt (or .tab)
TABLE_SUFFIXES = (".csv", ".txt", ".tab", ".tsv")


# Outlook for Windows writes its contacts CSV ("Export to a file → Comma Separated Values") with the header in the
# user's language and, unless saved as UTF-8, in that language's Windows code page: every field quoted, "0/0/00" for
# no date, and where "E-mail Type" is EX an Exchange directory path instead of an address (``email_address`` drops
# it). English is the shape above; every other language is a row of data/outlook_contacts_columns.csv, taken from
# Exchange's own reader of these files (OutlookCsvLanguageSelect, code index id 32363504724), and told as Exchange
# tells it: each language's header read in its code page, the one whose columns it holds most of. Before the table,
# each language no shape named was refused whole. Seen in real exports: German (code index id 53124786938), French
# (39746869220), Polish in cp1250 (52850260361; read as cp1252, "Łukasz" was "£ukasz"), Italian (51895266288),
# Dutch (369253317), Spanish (11118370884), Brazilian Portuguese (59345069987).
OUTLOOK_COLUMNS = Path(__file__).parent / "data" / "outlook_contacts_columns.csv"


@cache
def outlook_languages() -> tuple[Shape, ...]:
    """One shape per language of ``data/outlook_contacts_columns.csv``, in the table's order."""
    languages: dict[str, list[dict[str, str]]] = {}
    with open(OUTLOOK_COLUMNS, encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            languages.setdefault(row["locale"], []).append(row)
    return tuple(map(_outlook_shape, languages.values()))


def _outlook_shape(rows: list[dict[str, str]]) -> Shape:
    """A language's rows of the table as a shape: the columns of each field by their canonical names."""
    fields: dict[str, list[str]] = {}
    for row in rows:
        fields.setdefault(row["field"], []).append(canonical(row["column"]))
    given, family, company = fields["given"][0], fields["family"][0], tuple(fields.get("company", ()))
    return Shape(f"Outlook CSV ({rows[0]['language']})", (given, family), given=given, family=family,
                 middle=fields.get("middle", [None])[0], fallback=company, company=company,
                 position=tuple(fields.get("position", ())), emails=_any_of(fields["email"]),
                 phones=_any_of(fields["phone"]), codepage=rows[0]["code_page"])


def _any_of(names: list[str]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, names)))


def shape_of(export: Export, member: str) -> Shape | None:
    """The address-book shape of a CSV (or tab-separated) member, by its header; else Outlook's in another
    language; else a Thunderbird export in another language, by its columns' order."""
    if not member.lower().endswith(TABLE_SUFFIXES):
        return None
    named = next((shape for shape in SHAPES if header_of(export, member, shape.required, _eight_bit(shape))), None)
    return named or _outlook_language(export, member) or _by_position(export, member) \
        or _thunderbird_columns(export, member)


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
def _with_code_page(export: Export, member: str, shape: Shape) -> tuple[Shape, str]:
    """The shape with the code page a file that is not UTF-8 is in (``tabular.encoding_of``), and the note saying so."""
    if shape.codepage:
        return shape, shape.name
    encoding = encoding_of(export, member)
    note = read_as(encoding)
    return (replace(shape, codepage=encoding), f"{shape.name}; {note}") if note else (shape, shape.name)


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
    shape, note = _with_code_page(export, member, shape)
    parse_row = partial(_accounts, member=member, shape=shape, platform=platform)
    eight_bit = _eight_bit(shape)  # a file that is not UTF-8
    rows = read_rows(export, member, shape.required, eight_bit)
    header = list(shape.positions) or header_of(export, member, shape.required, eight_bit) or []
    rows, groups = _without_groups(_by_numbered_header(rows, header), shape.group)
    note = f"{note}; {GROUPS}: {groups}" if groups else note
    yield from records_from_rows(member, rows, parse_row, note=note)


def _without_groups(rows: Iterable[Row], column: str | None) -> tuple[Iterable[Row], int]:
    """The rows that are no contact group (``Shape.group``), and how many were; an address book is small."""
    if column is None:
        return rows, 0
    rows = list(rows)
    kept = [row for row in rows if row.problem or (row.get(column) or "").casefold() != "true"]
    return kept, len(rows) - len(kept)


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


def _accounts(row: Row, *, member: str, shape: Shape, platform: str) -> list[Account]:
    given, middle, family, display = _names(row, shape)
    name = display or join_name(given, middle, family) or _first(row, shape.fallback)
    emails = _values(row, shape.emails, shape.separator, email_address)
    phones = _values(row, shape.phones, shape.separator, _number)
    if not (name or emails or phones):
        raise ValueError(f"{_name_columns(row, shape)}, e-mail and phone columns: all empty")
    return contact_accounts(member, row.line, platform, name, emails, phones, first_name=given, last_name=family,
                            company=_first(row, shape.company), position=_first(row, shape.position),
                            profiles=_profiles(row, shape))


def _name_columns(row: Row, shape: Shape) -> str:
    """The name columns a row's file has, for its quarantine reason: the first and last name, else the full name
    (the Windows Address Book writes "Name" only)."""
    present = [c for c in (shape.given, shape.family) if c in row.values]
    return ", ".join(present or [c for c in shape.display if c in row.values] or [shape.given, shape.family])


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


def _number(value: str) -> str | None:
    """A phone number as written; a cell without a digit is a label, not a number (Yahoo's "Primary": "home")."""
    return value if any(c.isdigit() for c in value) else None


def _profiles(row: Row, shape: Shape) -> list[str]:
    """Social profiles among a contact's websites: a LinkedIn URL, or a handle labelled "Twitter"."""
    found = (profile_key(part, _platform(row, shape, match))
             for column in row.values if (match := shape.websites.fullmatch(column)) and row.get(column)
             for part in shape.separator.split(row.get(column)))
    return list(dict.fromkeys(key for key in found if key))


def _platform(row: Row, shape: Shape, website: re.Match) -> str | None:
    """The platform a website's label names (Google's "website 1 - label": "Twitter"); None without labels."""
    return platform_of(row.get(shape.labels.format(website[1]))) if shape.labels else None


def _first(row: Row, columns: tuple[str, ...]) -> str | None:
    return next((v for v in map(row.get, columns) if v), None)


def _names(row: Row, shape: Shape) -> tuple[str | None, ...]:
    """Given, middle, family and display name. Gmail filed a contact it collected from mail under its
    address, split at a dot over the name parts ("pieter@example", "nl"): such a row has no name."""
    names = (row.get(shape.given), row.get(shape.middle) if shape.middle else None, row.get(shape.family),
             _first(row, shape.display))
    return (None,) * 4 if any(v and "@" in v for v in names) else names


def _values(row: Row, columns: re.Pattern, separator: re.Pattern, convert) -> list[str]:
    """Every value of the matching columns in header order, split where several share a cell, without repeats."""
    cells = [row.get(column) for column in row.values if columns.fullmatch(column)]
    found = (convert(part) for cell in cells if cell for part in separator.split(cell))
    return list(dict.fromkeys(v for v in found if v))
