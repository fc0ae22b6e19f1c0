"""Files that desktop mail and contacts programs (and phones' calendars) keep or archive, which no source reads: what
each is, and how to export what it holds in a form that is read. Said in ``unrecognised``'s one-line error of such a
file given alone, and in the note of such a file inside an export the address book or the calendar reads."""

from __future__ import annotations

import re

Diagnosis = tuple[str, str]  # what the file is, what to do

# Files that desktop mail and contacts programs keep or archive, which no source reads (sweep 21: Thunderbird's Mork
# ``abook.mab``, elena/mork-parser and a Thunderbird profile's; Outlook's ``.pst``, libyal/libpff and gopst test
# files; Outlook for Mac's ``.olm``, olmreader's ``outlook_example.olm``): each said with the program and how to export
# its contacts or calendar in a form that is read. Told by first bytes, by name, or by the folder they sit in.
APP_NOT_READ = "not read by this version"
_MORK = b"// <!-- <mdb:mork:z"
_PST = b"!BDN"
SQLITE = b"SQLite format 3\x00"
# Evolution's address book (e-book-backend-sqlitedb.c): the system book's table is named after its folder id,
# ``folder_id``, with the whole card in its ``vcard`` column
_EVOLUTION = re.compile(rb"CREATE TABLE (?:IF NOT EXISTS )?['\"]?folder_id['\"]?\s*\([^)]*\bvcard\b", re.I)
# Phones' own calendar databases (hunt 27): an iPhone's ``Calendar.sqlitedb`` (tables CalendarItem, Participant,
# Calendar, Store; in a backup the file 2041457d5fe04d39d0ab481178355df6781e6858: kacos2000/Queries
# ``calendar_sqlitedb.sql``) and Android's ``calendar.db`` (Events, Attendees, Calendars: AOSP CalendarProvider2).
# Told by their tables on the first page, or, a real phone's schema going on past it, by their name.
_IOS_CALENDAR = (re.compile(rb"CREATE TABLE\s+CalendarItem\s*\(", re.I), re.compile(rb"CREATE TABLE\s+Participant\s*\(",
                                                                                     re.I))
_ANDROID_CALENDAR = tuple(re.compile(rb"CREATE TABLE\s+" + name + rb"\s*\(", re.I)
                          for name in (rb"Events", rb"Attendees", rb"Calendars"))
_IOS_CALENDAR_NAMES = ("calendar.sqlitedb", "2041457d5fe04d39d0ab481178355df6781e6858")
_ANDROID_CALENDAR_NAMES = ("calendar.db",)
_OLM_CONTACTS = "Local/Address Book/Contacts.xml"  # Outlook for Mac's archive, a zip (olmreader)
_ABBU = ".abbu"
ABCD = ("addressbook-v22.abcddb", ".abcdp", ".abcdg")  # macOS Contacts' database and its per-card plists
_MAB = ("Thunderbird's old address book (Mork .mab, Thunderbird before 78)",
        "open it in Thunderbird 78 or later (which turns it into abook.sqlite, read by this version), or export the "
        "book from Thunderbird's Address Book as vCard (.vcf), and ingest that file")
_MAB_KEPT = ("Thunderbird's copy of an old address book (Mork .mab.bak), kept when Thunderbird 78 moved its cards "
             "into an .sqlite book", "ingest that abook.sqlite (or abook-N.sqlite) instead; it holds the same cards")
_APPS = {
    "mork": ("a Mozilla Mork database (a Thunderbird folder index .msf, or an old history file), no address book",
             "nothing in it is read: give Thunderbird's address books (abook.sqlite, or a .vcf exported) instead"),
    "pst": ("an Outlook data file (.pst or .ost)",
            "in Outlook, export the contacts as CSV (File > Open & Export > Import/Export > Export to a file > Comma "
            "Separated Values) and the calendar as .ics (File > Save Calendar), and ingest those files"),
    "olm": ("an Outlook for Mac archive (.olm)",
            "in Outlook for Mac, select all contacts and drag them to the desktop (one .vcf), or export them from "
            "Outlook on the web; and ingest that file"),
    "wab": ("a Windows Address Book (.wab, Outlook Express or Windows Mail)",
            "import it into Windows Contacts (wab.exe /import), export the contacts as vCards or CSV, and ingest "
            "those files"),
    "abbu": ("a macOS Contacts archive (.abbu, its AddressBook-v22.abcddb database)",
             "in Contacts on the Mac, import the archive (File > Import), select all cards, File > Export > Export "
             "vCard, and ingest that .vcf"),
    "ios_calendar": ("an iPhone calendar database (Calendar.sqlitedb)",
                     "export the calendar as .ics (on a Mac: Calendar > File > Export; or from the account the iPhone "
                     "syncs it with, iCloud, Google or Exchange) and ingest that file"),
    "android_calendar": ("an Android calendar database (calendar.db)",
                         "export the calendar as .ics (Google Calendar on the web: Settings > Import & export > "
                         "Export; or the phone's calendar app's export) and ingest that file"),
    "evolution": ("Evolution's address book database (contacts.db)",
                  "in Evolution, select the address book, File > Save as vCard, and ingest that .vcf"),
}


def app_file(member: str, head: bytes = b"", names: tuple[str, ...] = ()) -> Diagnosis | None:
    """What a file of a desktop mail or contacts program is, and how to export what it holds instead; None for any
    other file. ``member``: its path in the export (an ``.abbu`` folder tells), ``head``: its first bytes (of an
    SQLite file, its first page), ``names``: the members of a zip."""
    path = member.lower()
    if path.endswith(".mab.bak"):  # Thunderbird 78 keeps the old book so when it moves its cards into abook.sqlite
        return _MAB_KEPT
    if head.lstrip().startswith(_MORK) or path.endswith(".mab"):
        return _MAB if path.endswith(".mab") else _APPS["mork"]
    if head.startswith(_PST) or path.endswith((".pst", ".ost")):
        return _APPS["pst"]
    if path.endswith(".olm") or _OLM_CONTACTS in names:
        return _APPS["olm"]
    if path.endswith(".wab"):
        return _APPS["wab"]
    if _ABBU + "/" in path or path.endswith((_ABBU, *ABCD)) or any(n.lower().endswith(ABCD) for n in names):
        return _APPS["abbu"]
    if head.startswith(SQLITE) and _EVOLUTION.search(head):
        return _APPS["evolution"]
    return _phone_calendar(path.rsplit("/", 1)[-1], head)


def _phone_calendar(name: str, head: bytes) -> Diagnosis | None:
    """A phone's calendar database, by its tables or, an SQLite file, by the phone's name for it."""
    if not head.startswith(SQLITE):
        return None
    if all(p.search(head) for p in _IOS_CALENDAR) or name in _IOS_CALENDAR_NAMES:
        return _APPS["ios_calendar"]
    if all(p.search(head) for p in _ANDROID_CALENDAR) or name in _ANDROID_CALENDAR_NAMES:
        return _APPS["android_calendar"]
    return None


def app_note(member: str, head: bytes = b"") -> str | None:
    """The note of such a file in an export a source reads (``app_file``): what it is, and how to export it."""
    found = app_file(member, head)
    return f"{found[0]}, {APP_NOT_READ}: {found[1]}" if found else None
