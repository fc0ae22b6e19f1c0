"""A phone's or mail program's address book: vCards (iPhone, Android, Outlook, Google Contacts), a
contacts CSV (Google Contacts, Outlook, Thunderbird, Yahoo; ``sources/contacts_csv.py``), Thunderbird's
LDIF (``sources/ldif.py``), Windows Contacts' ``.contact`` files (``sources/windows_contact.py``), an old phone's
phone book saved by Gammu or Wammu (``sources/gammu_backup.py``), Thunderbird's own address books, ``abook.sqlite``
and ``history.sqlite`` (``sources/thunderbird_db.py``), or a phone's own, an iPhone's ``AddressBook.sqlitedb`` and
Android's ``contacts2.db`` (``sources/phone_books.py``), several of them side by side in one folder. Other
programs' books (Mork ``.mab``, Outlook's ``.pst``, macOS Contacts' ``.abbu`` …) are named in their note, with how to
export them (``sources/app_files.app_note``).

Not interactions: evidence of identity. Each card's e-mails and phone numbers link calendar
attendees and journal entries to platform accounts, and the social profiles it names
(``profiles``) link it to the LinkedIn, XING, Twitter/X or Facebook account. A card with several
e-mails, numbers or profiles yields one ``Account`` row per extra value (same ``account_ref``, same
line), so the resolver sees all of them. vCards that XING wrote (``sources/xing.py``) are not an address book.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Account, MemberNote, Record
from ..normalise import join_name
from . import xing
from .archive import Export
from .contacts_csv import TABLE_SUFFIXES, contact_accounts, parse_table, shape_of
from .gammu_backup import backup_members
from .gammu_backup import parse_member as parse_backup
from .ldif import Entry, ldif_members
from .ldif import parse_member as parse_ldif
from .phone_books import android_book, phone_book_members, shows_schema
from .phone_books import parse_member as parse_phone_book
from .tabular import head_rows
from .takeout import folder_note, takeout_of_products, takeout_products
from .thunderbird_db import first_page, thunderbird_members
from .thunderbird_db import parse_member as parse_thunderbird
from .windows_contact import GROUP_NOTE, GROUP_SUFFIX, Contact, contact_members
from .app_files import app_note
from .calls.detection import reader_of, voice_takeout
from .calls.voice import PHONES_NOTE
from .windows_contact import parse_member as parse_windows_contact
from .vcard import parse_member, vcard_members
from .vcard_fields import (all_values, chat_addresses, company, email_address, name_parts, phone_numbers,
                           social_profiles, text)

NAME = "addressbook"
SHARED_ARCHIVE = True  # Takeout/Contacts/ may come in one zip with Takeout/Calendar/ (sources.split_export)
# Files beside the cards that hold no one: Google Takeout's index of the archive, and the contact
# photos Takeout puts next to each label's vCard (Takeout/Contacts/My Contacts/<Name>.jpg).
_TAKEOUT_INDEX = "archive_browser.html"
_PHOTOS = (".jpg", ".jpeg", ".png", ".gif")
# Files of the repository or web site an address book is published in (Niskens/contacts: contacts.vcf beside
# GitHub Pages' empty .nojekyll): they do not make the folder something else, and are listed as unknown files,
# as beside a calendar.
_REPOSITORY_FILES = {".nojekyll", ".gitattributes", ".gitignore"}
_REPOSITORY_STEMS = ("readme", "license", "licence")
# Files other sources read: a folder holding one is not an address book, whatever cards it holds beside (a Google
# Takeout of Calendar/ and Contacts/ is the calendar's, split between the two; Facebook's JSON and HTML pages,
# Twitter's .js). Looked at by name only, so that a platform's export of thousands of files costs no reading.
_CALENDARS = (".ics", ".ical", ".ifb", ".vcs")
_OTHER_SOURCES = (*_CALENDARS, ".json", ".js", ".html", ".htm")
# Google Voice's ``Takeout/Voice/Phones.vcf``: one card of no name whose numbers are the owner's own, the Voice
# number labelled ``item1.X-ABLabel:Google Voice`` (GunEcstasy/voice). Read, it was a contact of no name holding
# the owner's numbers; left out, said why.
_VOICE_PHONES = "Phones.vcf"
_VOICE_LABEL = b"x-ablabel:google voice"
VOICE_PHONES_NOTE = PHONES_NOTE  # the same note as where Voice's Takeout is read as a call log (``calls.voice``)
# The index of a Takeout of products no source reads (``_takeout_alone``): read, it tells the Takeout is complete
# and holds nobody this version reads, as a calendar of one's own appointments is ("no_people", not an error).
TAKEOUT_ALONE_NOTE = "Google Takeout's index: none of the products in this Takeout is one this version reads"


def detect(export: Export) -> bool:
    """Address-book files (vCards not XING's, address-book CSVs, Thunderbird LDIF) with, beside them, files
    of no other source, listed as unknown (Thunderbird exports one book as .vcf, .csv, .txt and .ldif, and
    people keep them in one folder); Takeout's index and photos and a repository's own files are left out.
    A Google Takeout whose contacts are an address book is one too, whatever other products it holds
    (``_takeout_contacts``), and so is one of products no source reads alone (``_takeout_alone``)."""
    return (_address_book(export) or _takeout_contacts(export) or _nextcloud_contacts(export)
            or _takeout_alone(export))


# Nextcloud's "Data migration" (the user_migration app's ``user.nextcloud_export``, a zip): the account's
# ``user.json``, ``settings.json``, ``versions.json`` and ``migrator_versions.json`` at its root, the user's files
# under ``files/``, the address books as ``dav/address_books/<book>_<YYYY-MM-DD>.vcf``, each beside a ``.json`` of
# its metadata (nextcloud/server apps/dav/lib/UserMigration/ContactsMigrator.php). Exported with calendars, the
# calendar recognises it and hands the cards over (``sources.split_export``); without, its JSON files made it no
# address book, and every contact was lost.
_NEXTCLOUD_MIGRATION = "migrator_versions.json"
_NEXTCLOUD_BOOKS = "dav/address_books/"


def _nextcloud_contacts(export: Export) -> bool:
    """A Nextcloud migration file without calendars whose address books are cards (only its
    ``dav/address_books/`` is judged)."""
    members = export.members()
    if _NEXTCLOUD_MIGRATION not in members or any(m.startswith("dav/calendars/") for m in members):
        return False
    books = [m for m in members if m.startswith(_NEXTCLOUD_BOOKS) and not m.lower().endswith(".json")]
    return bool(books) and _address_book(export.view(books, "address books"))


def _takeout_contacts(export: Export) -> bool:
    """A Google Takeout of Contacts beside products no source reads: Keep writes ``Takeout/Keep/<note>.html``
    and ``.json``, YouTube ``.json`` (a Takeout importer's test, code index id 54612357043: ``Takeout/Kontakte/``,
    ``Takeout/Notizen/*.json``, ``Takeout/YouTube and YouTube Music/…json``). Those files made the whole export
    no address book, and, with no calendar in it, no export at all: every contact was lost. Only a ``Takeout/``
    tree counts (``takeout_products``), so a platform's export of JSON and HTML is never claimed; one holding
    calendars stays the calendar's, which hands the contacts over (``sources.split_export``)."""
    products = _products(export)
    if not products or any(m.lower().endswith(_CALENDARS) for m in export.members()):
        return False
    return any(_address_book(export.view(members, folder)) for folder, members in products.items() if folder)


def _takeout_alone(export: Export) -> bool:
    """A whole Google Takeout (never a part of one being shared out: ``sources.split_export``) of products no
    source reads, and no calendar: Voice, YouTube, Google Pay, My Activity (GunEcstasy/voice ``Takeout/Voice/``;
    edwardtanoto/gdata ``Takeout/My Activity/``). It was "not a recognised export" and nothing was listed; as a
    Takeout of Calendar lists them, each file is now listed as its product tells (``takeout.folder_note``). One
    whose Voice holds Google Voice's calls and texts is the call log's (``calls.detection.voice_takeout``)."""
    if export.only is not None or any(m.lower().endswith(_CALENDARS) for m in export.members()):
        return False
    products = _products(export)
    return bool(products) and takeout_of_products(products) and not voice_takeout(export, products)


def _products(export: Export) -> dict[str, list[str]] | None:
    """A Takeout's members by product (``takeout.takeout_products``), of a zip or folder holding ``Takeout/``, or
    of the ``Takeout/`` folder itself (a zip unpacked into an inbox)."""
    root = export.path.name if export.kind == "folder" else ""
    return takeout_products(export.members(), root)


def _address_book(export: Export) -> bool:
    members = [m for m in export.members() if not _left_out(m) and not _repository_file(m)]
    if not members or any(m.lower().endswith(_OTHER_SOURCES) for m in members):
        return _single_vcard(export)
    readable = _readable(export)
    # CSVs that are no address book make it another platform's export when they are as many (LinkedIn's
    # Imported Contacts.csv among its thirty other CSVs), not when the address books outnumber them
    other_tables = [m for m in members if m not in readable and _table(export, m) and not reader_of(export, m)]
    return len(readable) > len(other_tables) and not xing.detect(export)


def _table(export: Export, member: str) -> bool:
    """A file named and shaped as a table: a row of two fields or more among its first lines (LinkedIn's
    Connections.csv opens with a line of notes). A note beside the contacts (``notes.txt``, "Einkaufsliste: Milch")
    counted as one, and a folder of one vCard beside it was no address book, nothing of it read (a hunt, session 26);
    so did a phone's call log beside the cards (iMazing's CSV), which the calls source reads (``split_export``)."""
    return member.lower().endswith(TABLE_SUFFIXES) and any(len(row) >= 2 for row in head_rows(export, member))


def _readable(export: Export) -> set[str]:
    """The members read as an address book: vCards, contacts tables, LDIF files, Windows contacts, Gammu backups
    and Thunderbird's and phones' databases."""
    cards, books, contacts = set(vcard_members(export)), set(ldif_members(export)), set(contact_members(export))
    backups, databases = set(backup_members(export)), set(thunderbird_members(export)) | _phone_books(export)
    known = cards | books | contacts | backups | databases
    return known | {m for m in export.members() if m not in known and shape_of(export, m)}


def _phone_books(export: Export) -> set[str]:
    """Phones' databases that make an export an address book: a ``contacts2.db`` the call log claims by its name alone
    (its schema past the first page) is the call log's, and comes to the address book as well (``reads_part``)."""
    return {m for m in phone_book_members(export) if not reader_of(export, m) or shows_schema(export, m)}


def _left_out(member: str) -> bool:
    return member.rsplit("/", 1)[-1] == _TAKEOUT_INDEX or member.lower().endswith(_PHOTOS)


def _repository_file(member: str) -> bool:
    name = member.rsplit("/", 1)[-1]
    return name in _REPOSITORY_FILES or name.lower().startswith(_REPOSITORY_STEMS)


def _single_vcard(export: Export) -> bool:
    """A single file of another name that starts like a vCard (``vcard_members`` looks at its head)."""
    return export.kind == "file" and bool(vcard_members(export)) and not xing.detect(export)


def reads_part(export: Export) -> bool:
    """Whether the export is one file of which the address book reads a part, another source the rest
    (``sources.split_export``): Android's ``contacts2.db``, whose call log the calls source reads."""
    members = export.members()
    return len(members) == 1 and android_book(export, members[0])


def parse(export: Export) -> Iterator[Record]:
    cards, books, contacts = set(vcard_members(export)), set(ldif_members(export)), set(contact_members(export))
    backups, databases = set(backup_members(export)), set(thunderbird_members(export))
    phones = set(phone_book_members(export))
    products = {m: folder for folder, members in (_products(export) or {}).items() for m in members}
    alone = bool(products) and not (_address_book(export) or _takeout_contacts(export))
    for member in export.members():
        if member in cards and _owner_numbers(export, member):
            yield MemberNote(member=member, line=0, handling="no_people", note=VOICE_PHONES_NOTE)
        elif alone and member.rsplit("/", 1)[-1] == _TAKEOUT_INDEX:
            yield MemberNote(member=member, line=0, handling="no_people", note=TAKEOUT_ALONE_NOTE)
        elif member in cards:
            yield from parse_member(export, member, _accounts)
        elif member in books:
            yield from parse_ldif(export, member, _ldif_accounts)
        elif member in contacts:
            yield from parse_windows_contact(export, member, _windows_accounts)
        elif member in backups:  # a phone-book entry is made a vCard and read as one
            yield from parse_backup(export, member, _accounts)
        elif member in databases:  # each card is made a vCard and read as one
            yield from parse_thunderbird(export, member, _accounts)
        elif member in phones:  # each contact is made a vCard and read as one
            yield from parse_phone_book(export, member, _accounts)
        elif shape := shape_of(export, member):
            yield from parse_table(export, member, shape)
        elif _left_out(member):
            yield MemberNote(member=member, line=0, handling="ignored",
                             note="a photo or the archive's index: no people")
        elif member.lower().endswith(GROUP_SUFFIX):  # beside Windows Contacts' .contact files
            yield MemberNote(member=member, line=0, handling="ignored", note=GROUP_NOTE)
        elif product := products.get(member):  # Keep, YouTube … (_takeout_contacts, _takeout_alone)
            handling, note = folder_note(product)
            yield MemberNote(member=member, line=0, handling=handling, note=note)
        else:
            yield MemberNote(member=member, line=0, handling="unknown", note=_unknown_note(export, member))


def _unknown_note(export: Export, member: str) -> str:
    """The note of a file not read: the program it is of and how to export it, where that can be told (a Mork
    ``abook.mab`` beside a Thunderbird export, sweep 21), else that it is no book this version reads."""
    head = first_page(export, member) if member.lower().endswith((".sqlite", ".db")) else export.head(member, 512)
    return app_note(member, head) or "not a vCard, LDIF or address-book CSV: not read"


def _owner_numbers(export: Export, member: str) -> bool:
    """Google Voice's ``Phones.vcf`` (``_VOICE_PHONES``), told by its name and label, in a Takeout or alone."""
    return member.rsplit("/", 1)[-1] == _VOICE_PHONES and _VOICE_LABEL in export.head(member).lower()


def _accounts(member: str, line: int, card) -> list[Account]:
    """account_ref: the UID, else the first e-mail (lowercased), else the formatted name."""
    given, family = name_parts(card)
    # Android writes no FN or N for a contact saved with a nickname only (AOSP VCardBuilder, vCard 2.1)
    display_name = text(card, "fn") or join_name(given, family) or text(card, "nickname")
    emails = list(dict.fromkeys([*all_values(card, "email", email_address), *chat_addresses(card)]))
    phones = phone_numbers(card)
    if not (display_name or emails or phones):
        raise ValueError("FN, N, EMAIL, TEL: all missing")
    return contact_accounts(member, line, NAME, display_name, emails, phones, ref=text(card, "uid"),
                            first_name=given, last_name=family, company=company(card), position=text(card, "title"),
                            profiles=social_profiles(card))


def _ldif_accounts(member: str, entry: Entry) -> list[Account]:
    """A Thunderbird LDIF entry (attribute names as AddrBookUtils writes them, lowercased). account_ref: the
    first e-mail, else the name (cn), else the first number; the dn is cn and mail again, so not used, but where it
    is no LDAP name (``Entry.dn_name``)."""
    given, family = entry.first("givenname"), entry.first("sn")
    display_name = (entry.first("cn") or join_name(given, family) or entry.first("mozillanickname")
                    or entry.dn_name())
    emails = list(dict.fromkeys(filter(None, map(email_address, entry.values("mail", "mozillasecondemail")))))
    # workPhone: gammu's LDIF (gammu/gammu tests/ldif/173_contacts.ldif); Thunderbird's is telephoneNumber
    phones = list(dict.fromkeys(entry.values("telephonenumber", "homephone", "mobile", "workphone")))
    if not (display_name or emails or phones):
        raise ValueError("cn, givenName, sn, mail, telephoneNumber, homePhone, mobile: all missing")
    # Horde's Turba writes the organisation as ``company:`` (and ``department:``), not ``o:``/``ou:``
    # (horde/turba test/Turba/fixtures/export.ldif, importCRLF.ldif)
    return contact_accounts(member, entry.line, NAME, display_name, emails, phones, first_name=given,
                            last_name=family, company=entry.first("o") or entry.first("company"),
                            position=entry.first("title"))


def _windows_accounts(member: str, contact: Contact) -> list[Account]:
    """A Windows contact (``windows_contact.Contact``). account_ref: its ContactID, else the first e-mail, else the
    name; a business saved with its company alone is named by it, as in a contacts CSV."""
    display_name = (contact.formatted or join_name(contact.given, contact.family) or contact.nickname
                    or contact.company)
    emails = list(dict.fromkeys(filter(None, map(email_address, contact.emails))))
    if not (display_name or emails or contact.phones):
        raise ValueError("FormattedName, GivenName, FamilyName, EmailAddress, PhoneNumber: all missing")
    return contact_accounts(member, 1, NAME, display_name, emails, contact.phones, ref=contact.ref,
                            first_name=contact.given, last_name=contact.family, company=contact.company,
                            position=contact.position)
