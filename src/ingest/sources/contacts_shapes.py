"""The shapes of contacts CSVs, declared as data (``contacts_csv`` reads them): the columns each header must hold,
and which columns give the name, company, position, e-mails and phone numbers. Google Contacts, Outlook (English,
and the 33 other languages of ``data/outlook_contacts_columns.csv``, each in its Windows code page), Thunderbird,
Yahoo, Open-Xchange, Zimbra, LinkedIn's uploaded address book; a CRM's or sales tool's contacts (HubSpot,
Pipedrive, Zoho CRM, Salesforce, Apollo, Odoo, Twenty) by the words of its columns (``data/contacts_columns.csv``).
Where each shape was seen is in docs/formats.md (address book).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path

from .journal import names_a_date
from .tabular import canonical

# Google writes every value of a field into one cell, joined by " ::: " ("+49 170 … ::: +49 30 …"). The parts are
# stripped where they are read: "\s*:::\s*" took time growing with the square of a run of spaces (40 KB of them in
# one cell: 15 s).
_GOOGLE_SEPARATOR = re.compile(r":::")
# LinkedIn's Contacts.csv lists a contact's numbers (and e-mails) in one cell, separated by ", "
# (formats.md §3.9, hudi-packages-connectors' 2021 sample); no address or number holds a comma.
_COMMA_SEPARATOR = re.compile(r",")


@dataclass(frozen=True)
class Shape:
    """One address-book CSV: how it is recognised and which columns (canonical names) mean what."""

    name: str
    required: tuple[str, ...]
    given: str | None  # None: a CRM's file of a full-name column only (``crm_shape``)
    family: str | None
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
    group: tuple[str, ...] = ()  # the columns whose "true" marks a contact group: left out, counted in the note
    members: tuple[str, ...] = ()  # the columns listing a group's members: a row with one filled is a group too
    # the columns of an address's country: where few numbers are written internationally, they may decide the region
    # of the others (``phone_regions.decided_by_country``)
    countries: re.Pattern = re.compile(r"(?!)")
    by_words: bool = False  # known by its columns' words (``crm_shape``): its cells are read as a CRM writes them
    calling_code: str | None = None  # the column of the country calling code of the primary number (Twenty's)
    parent_in_display: bool = False  # the display name is "Company, Person" for a company's contact (Odoo's)


SHAPES = (
    # contacts.google.com, "Google CSV", since about 2021; saved as contacts.csv
    GOOGLE := Shape("Google Contacts CSV", ("First Name", "Last Name", "File As", "Labels"),
          given="first name", middle="middle name", family="last name", fallback=("file as", "organization name"),
          company=("organization name",), position=("organization title",),
          emails=re.compile(r"e-mail \d+ - value"), phones=re.compile(r"phone \d+ - value"),
          websites=re.compile(r"website (\d+) - value"), labels="website {} - label",
          countries=re.compile(r"address \d+ - country")),
    # Gmail's contact manager, "Google CSV", until about 2020; saved as google.csv
    GOOGLE_LEGACY := Shape("Google Contacts CSV (legacy)", ("Name", "Given Name", "Family Name", "Group Membership"),
          given="given name", middle="additional name", family="family name", display=("name",),
          fallback=("organization 1 - name",), company=("organization 1 - name",),
          position=("organization 1 - title",),
          emails=re.compile(r"e-mail \d+ - value"), phones=re.compile(r"phone \d+ - value"),
          websites=re.compile(r"website (\d+) - value"), labels="website {} - label",
          countries=re.compile(r"address \d+ - country")),
    # Outlook for Windows (Import/Export wizard), outlook.com, and Google's "Outlook CSV"
    OUTLOOK := Shape("Outlook CSV", ("First Name", "Last Name", "E-mail Address", "Mobile Phone"),
                     given="first name", middle="middle name", family="last name", fallback=("company",),
                     company=("company",), position=("job title",),
                     emails=re.compile(r"e-mail(?: \d)? address"),
                     phones=re.compile(r"(?!.*fax)(?:.*phone|callback|isdn)(?: \d)?"),
                     countries=re.compile(r"(?:home|business|other) country(?:/region)?")),
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
          websites=re.compile(r"(?:personal|business) website"),
          countries=re.compile(r"(?:home|work|business) country")),
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
    # com.openexchange.importexport/…/exporters/CSVContactExporter.java (DEFAULT_FIELDS), …/ContactField.java.
    # App Suite 8 (aravindb26/middleware, the AGPL middleware: …/formats/csv/CSVLibrary.java READABLE_TITLES) names
    # those two "Distribution list" and "Mark as distribution list", and calls the car phone, the pager, the telex
    # and the TTY "Telephone car", "Telephone pager", "Telephone telex", "Telephone TTY/TDD", the IP phone
    # "Telephone IP"; with its "sanitize" option a cell opening with = + - @ gets a leading apostrophe ("'+49 …",
    # CSVContactExporter.appendEscapedForCsv): ``contacts_csv._number`` drops it
    Shape("Open-Xchange CSV", ("Display name", "Sur name", "Given name", "Email 1", "Cellular telephone 1"),
          given="given name", middle="middle name", family="sur name", fallback=("display name", "company"),
          company=("company",), position=("position",), emails=re.compile(r"email [123]"),
          # not "FAX …", the pager, the telex, the TTY, in either wording
          phones=re.compile(r"(?:cellular )?telephone (?!pager|telex|tty).*|phone \(car\)|ip phone"),
          # the mark of a list: nameless before App Suite 8 (``_numbered`` keeps the later nameless column's name)
          websites=re.compile(r"url"), group=("", "mark as distribution list")),
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
    # XingExport's workbook of a member's XING contacts, sheet "Contacts" (olebittner/XingExport XingNetworkExport.py,
    # read from XING's own contactsNetwork query): the profile's address behind the "Link" of Xing-Profil
    # (https://www.xing.com/profile/<pageName>/cv), no date; read from the workbook's sheet (``workbook``)
    Shape("XingExport contacts", ("Name", "Vorname", "Firma", "Titel", "Xing-Profil"),
          given="vorname", family="name", company=("firma",), position=("titel",),
          websites=re.compile(r"xing-profil")),
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
THUNDERBIRD_BY_POSITION = replace(THUNDERBIRD, name="Thunderbird CSV (by position)", positions=THUNDERBIRD_COLUMNS)


# Google's columns, current and legacy (canonical names), that a CSV of some of them may hold: those named once, and
# the numbered fields ("Phone 1 - Value", "Phone 1 - Type", "E-mail 2 - Label" …). A converter's sample of Google's
# CSV with the columns in use only, "First Name","Last Name","Phone 1 - Value","Phone 1 - Type",…,"Labels"
# (lukejmorrison/google2voipms_csv_converter README, code index id 14078971339), was refused as no export.
GOOGLE_NAMED_COLUMNS = frozenset({
    "first name", "middle name", "last name", "phonetic first name", "phonetic middle name", "phonetic last name",
    "name prefix", "name suffix", "nickname", "file as", "organization name", "organization title",
    "organization department", "birthday", "notes", "photo", "labels", "name", "given name", "additional name",
    "family name", "yomi name", "given name yomi", "additional name yomi", "family name yomi", "initials",
    "short name", "maiden name", "gender", "location", "billing information", "directory server", "mileage",
    "occupation", "hobby", "sensitivity", "priority", "subject", "language", "group membership"})
GOOGLE_NUMBERED_COLUMNS = re.compile(r"(?:e-mail|phone|address|website|relation|event|custom field|im|external id"
                                     r"|organization|jot|calendar link|hobby|user defined field) \d+ - [\w ]+")
# the columns of a person's name in either shape: one of them, and a phone or e-mail value, make a Google CSV
GOOGLE_NAMING = frozenset({"first name", "middle name", "last name", "nickname", "file as", "name", "given name",
                           "family name"})


# Zimbra's contacts CSV (Contacts → Export, "Zimbra" CSV; the REST ``?fmt=csv`` of a folder): every field quoted,
# CRLF, the header Zimbra's own field names (ContactConstants.Attr, camelCase), and ONLY the fields some contact of
# the folder uses, sorted ("company","email","email2","fileAs","firstName",…,"workPhone"): the "allfields" format of
# Zimbra/zm-mailbox store/src/java/com/zimbra/cs/service/formatter/ContactCSV.java ``toCSV``. "fileAs" is a number
# (1 "Last, First" … 8 "8:<as written>"); a contact group is a row with "type" "group" and its members' addresses
# in "dlist". A tool's export of all 53 of them (code index ids 45306395586 and 45331744601) is the same shape. No
# fixed column is always there, so a header is Zimbra's when every column is one of Zimbra's fields (the web client
# numbers further values: "email4", "homePhone3", "mobilePhone2"), one names a person and one holds an e-mail or a
# phone number (``contacts_csv._zimbra_columns``)
ZIMBRA = Shape("Zimbra CSV", (), given="firstname", middle="middlename", family="lastname",
               fallback=("fullname", "nickname", "company"), company=("company",), position=("jobtitle",),
               emails=re.compile(r"email\d*|workemail\d+"),
               # not homeFax, workFax, otherFax, the pager
               phones=re.compile(r"(?:mobile|home|work|company|other|car|callback|assistant|workalt)phone\d*"
                                 r"|workmobile\d*"),
               websites=re.compile(r"(?:home|work|other)url\d*"), group=("type",), members=("dlist",),
               countries=re.compile(r"(?:home|work|other)country\d*"))
# Zimbra's contact fields (ContactConstants, canonical, without the number the web client adds to a repeated one)
ZIMBRA_FIELDS = frozenset({
    "assistantphone", "birthday", "anniversary", "callbackphone", "canexpand", "carphone", "company", "dn",
    "phoneticcompany", "companyphone", "description", "department", "dlist", "email", "fileas", "firstname",
    "phoneticfirstname", "fullname", "groupmember", "homecity", "homecountry", "homefax", "homephone",
    "homepostalcode", "homestate", "homestreet", "homeurl", "image", "initials", "ismycard", "jobtitle", "lastname",
    "phoneticlastname", "maidenname", "member", "middlename", "mobilephone", "nameprefix", "namesuffix", "nickname",
    "notes", "office", "othercity", "othercountry", "otherfax", "otherphone", "otherpostalcode", "otherstate",
    "otherstreet", "otherurl", "pager", "tollfree", "usercertificate", "usersmimecertificate", "workcity",
    "workcountry", "workfax", "workphone", "workpostalcode", "workstate", "workstreet", "workurl", "type",
    "homeaddress", "imaddress", "workaddress", "workemail", "workmobile", "workim", "workaltphone",
    "otherdepartment", "otheroffice", "otherprofession", "otheraddress", "othermgrname", "otherasstname",
    "otheranniversary", "othercustom", "custom", "vcarduid", "vcardurl", "vcardxprops", "zimbraid", "outlookprops"})
# the columns of a person's name: one of them, and an e-mail or phone column, make a Zimbra CSV
ZIMBRA_NAMING = frozenset({"firstname", "middlename", "lastname", "fullname", "nickname"})


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


# CRMs and sales tools export their contacts as CSV, each heading the columns its own way, and HubSpot's "Export all
# contacts" (hubspot-crm-exports-all-contacts-<date>.csv, ~190 columns, code index id 44056861562) carries each
# account's own properties besides: such a file is known by the words of its columns (data/contacts_columns.csv), not
# by a fixed list, when no shape above knows it. Seen: HubSpot, Pipedrive (people-export.csv, "Person - Email - Work"),
# Zoho CRM (Contacts_001.csv), Salesforce (a report's "Export Details", contacts, leads by API name "FirstName"),
# Apollo, Odoo (res.partner.csv in the user's language), Twenty (people.csv, "Name / First Name"). Each was refused
# whole as no export (the CRM hunt of sweep 21; docs/formats.md, address book).
CRM_COLUMNS = Path(__file__).parents[1] / "data" / "contacts_columns.csv"
# several values in one cell: Pipedrive's "a@example.com, b@example.com"; no address or number holds a comma
CRM = Shape("CRM contacts CSV", (), given=None, family=None, separator=re.compile(r"[,;]"), by_words=True)
_NAMING = ("given", "family", "full name", "display name")
# Odoo names its export after the model: res.partner.csv
_ODOO_MODEL = "res.partner"
# a column written for Odoo's "Company, Person": the company part (``crm_rows.crm_row``)
PARENT = "company (of the display name)"
# The columns of files other readers own, in their words: the journal's date (``journal.names_a_date``: a journal is
# "date,name,email,phone,kind,note") and LinkedIn's "Connected On" in its languages (data/linkedin_headers.csv:
# Connections.csv is "First Name,Last Name,URL,Email Address,Company,Position,Connected On"; read here, for
# sources.linkedin imports this module), as the words of the role "other" of data/contacts_columns.csv are. A header
# holding one is never a CRM's.
_LINKEDIN_WORDS = Path(__file__).parents[1] / "data" / "linkedin_headers.csv"


def crm_shape(header: list[str], member: str) -> Shape | None:
    """The shape of a CRM's contacts CSV (``CRM``) whose header (canonical names) holds a name column and an e-mail
    or phone column by the words of data/contacts_columns.csv, and none of another reader's (``_owned_by_others``)."""
    roles = {name: role for name in header if (role := crm_role(name))}

    def named(*wanted: str) -> tuple[str, ...]:
        return tuple(name for name, role in roles.items() if role in wanted)

    if not (named(*_NAMING) and named("email", "phone", "mobile")) or named("other") or _owned_by_others(header):
        return None
    given, family, code, display = named("given"), named("family"), named("calling code"), named("display name")
    odoo = bool(display) and member.rsplit("/", 1)[-1].lower().startswith(_ODOO_MODEL)
    company = (PARENT,) * odoo + named("company")
    return replace(CRM, required=tuple(header), positions=tuple(header), given=next(iter(given), None),
                   family=next(iter(family), None), display=named("full name") + display, fallback=company,
                   company=company, position=_positions(named("title")), emails=_columns(named("email")),
                   phones=_columns(named("phone", "mobile")), websites=_columns(named("linkedin")),
                   calling_code=next(iter(code), None), parent_in_display=odoo)


# Outlook's "Title" is the name's prefix ("Dr."), its "Job Title" the position (Roundcube's csv2vcard maps them so; a
# CSV of its column names, tests/src/Csv2vcard/all.csv, has both): beside another title column, "Title" is no position.
def _positions(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in columns if c != "title") if len(columns) > 1 else columns


def crm_role(column: str) -> str | None:
    """The role of a column (canonical name) by data/contacts_columns.csv: the column as it is, or without a tool's
    prefix ("person - email - work"); a word to ignore first, then a whole word, then one with "*"."""
    prefixes, words = _crm_words()
    names = {column} | {column.removeprefix(prefix) for prefix in prefixes if column.startswith(prefix)}
    return next((role for word, role in words for name in names if fnmatchcase(name, word)), None)


@cache
def _crm_words() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The prefixes, and the (word, role) pairs in the order they are tried, of data/contacts_columns.csv."""
    with open(CRM_COLUMNS, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    prefixes = tuple(row["word"].casefold() for row in rows if row["role"] == "prefix")
    words = [(canonical(row["word"]), row["role"]) for row in rows if row["role"] != "prefix"]
    return prefixes, tuple(sorted(words, key=lambda word: (word[1] != "ignore", "*" in word[0])))


def _owned_by_others(header: list[str]) -> bool:
    return any(names_a_date(name) or canonical(name) in _connected_on() for name in header)


@cache
def _connected_on() -> frozenset[str]:
    """LinkedIn's "Connected On" in the languages of data/linkedin_headers.csv (the English words stand as they are,
    among the words of the role "other")."""
    with open(_LINKEDIN_WORDS, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        cells = [row["words"] for row in rows if (row["table"], row["key"]) == ("connections", "connected on")]
    return frozenset(canonical(word) for cell in cells for word in cell.split("|"))


def _columns(names: tuple[str, ...]) -> re.Pattern:
    return _any_of(list(names)) if names else re.compile(r"(?!)")
