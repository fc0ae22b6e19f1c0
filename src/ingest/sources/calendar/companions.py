"""Files of a calendar export that are no calendar: what the run summary says of each.

A companion file its writer puts beside the calendars and that names nobody is ``ignored`` ("nothing to do").
A file named like a calendar that is none (an error page saved as ``.ics``) is ``unknown`` with the advice to
export the calendar again. A subscription file holding only a calendar's address (``SUBSCRIPTION``) names nobody:
``ignored``, saying to download the calendar itself. Any other file is ``unknown`` of a kind this version does not
know, and its advice (``sql/marts/advice.sql``, the fallback) asks for its name if it holds people. Before, every
one of them was told "not read as a calendar: if it is one, export it again from your calendar app as .ics", Apple's
metadata and a shopping list alike.

A file of a Google Takeout's product that no source reads (Hangouts, Groups, Drive …, which stay with the calendar
that recognised the Takeout: ``sources.split_export``) is told by its product (``takeout.product_note``): unknown
when the product holds people, ignored when it holds the owner's own data. Before, each was "no calendar, and of a
kind this version does not know" (a real Takeout of 2025: TechnoSmack/TechnoSmack ``Takeout/Hangouts/``).
"""

from __future__ import annotations

import re

from ...models import MemberNote
from ..app_files import app_note
from ..takeout import PRODUCTS_NOT_READ, product_note, product_of

# By file name, as each writer names them whatever the language of the export.
COMPANIONS = {
    # Google Takeout: the archive's index, in every Takeout zip.
    "archive_browser.html": "Takeout's index of the archive: no people",
    # Apple's privacy copy (privacy.apple.com): beside the .ics of `iCloud Calendars and Reminders.zip`, each
    # calendar's display name, colour, zone and collection type; the name stays English in a French copy
    # (`Calendriers et rappels iCloud/Calendar Metadata.json`: code index ids 55216990279, 62542165430).
    "Calendar Metadata.json": "Apple's list of the calendars (names, colours, zones): no people",
    # A Radicale server's storage (Kozea/Radicale DOCUMENTATION.md, "Storage"): each collection's properties
    # (`{"tag": "VCALENDAR", "D:displayname": …}`) and the storage's lock file, which is empty.
    ".Radicale.props": "Radicale's properties of a collection (its kind, name, colour): no people",
    ".Radicale.lock": "Radicale's lock file: empty",
    # macOS Calendar's archive, "Calendars Archive.icbu" (File > Export > Calendar Archive), a copy of
    # ~/Library/Calendars: beside each account's and calendar's folder its Info.plist (title, colour, kind), at the
    # root the app's cache database; iCal 2-4 (Mac OS X 10.4-10.7) wrote Nodes.plist (the list of calendars) and an
    # Index beside each calendar's corestorage.ics. The events are the .ics files, read.
    "Info.plist": "macOS Calendar's properties of an account or calendar (title, colour): no people",
    "Calendar Cache": "macOS Calendar's cache of the events read from the .ics files: nothing more",
    "Nodes.plist": "iCal's list of the calendars of the archive: no people",
    "Index": "iCal's search index of a calendar, beside its .ics: nothing more",
}
# Extensions of calendar files (iCalendar, free/busy, vCalendar 1.0): such a file that is none was exported badly.
CALENDAR_SUFFIXES = (".ics", ".ical", ".icalendar", ".ifb", ".vcs")
NAMED_AS_CALENDAR = "named as a calendar, but not an iCalendar file"
OF_UNKNOWN_KIND = "no calendar, and of a kind this version does not know"
# A subscribed calendar saved as its address: calcardbackup writes each Nextcloud subscription as
# ``<user>-<name>.webcal`` holding the URL alone (BernieO/calcardbackup ``calcardbackup``,
# create_calendarsubscription_files); a subscription link saved to a file is the webcal:// address alone, whatever
# the file is named. Neither holds a person: the calendar is at that address.
SUBSCRIPTION = "a subscription address, not a calendar: download the calendar itself"
SUBSCRIPTION_SUFFIXES = (".webcal", ".webcals")
_ADDRESS_ALONE = re.compile(rb"\s*webcals?://\S+\s*", re.IGNORECASE)
HEAD = 4096  # the bytes read of a file that is no calendar, to tell a subscription address


def other_member(member: str, head: bytes = b"") -> MemberNote:
    """How a member that is no calendar is listed: ignored when a known companion or a subscription address (its
    first bytes, ``head``, are the address alone), as its product tells when of a Google Takeout's product, else
    unknown."""
    name = member.rsplit("/", 1)[-1]
    if known := COMPANIONS.get(name):
        return MemberNote(member=member, line=0, handling="ignored", note=known)
    if is_subscription(name, head):
        return MemberNote(member=member, line=0, handling="ignored", note=SUBSCRIPTION)
    if app := app_note(member, head):  # a macOS Contacts archive beside a Calendars archive, an Outlook .pst …
        return MemberNote(member=member, line=0, handling="unknown", note=app)
    named_as_calendar = name.lower().endswith(CALENDAR_SUFFIXES)
    if named_as_calendar and product_of(member) not in PRODUCTS_NOT_READ:  # a Drive file is the owner's own
        return MemberNote(member=member, line=0, handling="unknown", note=NAMED_AS_CALENDAR)
    if product := product_note(member):
        return MemberNote(member=member, line=0, handling=product[0], note=product[1])
    return MemberNote(member=member, line=0, handling="unknown", note=OF_UNKNOWN_KIND)


def is_subscription(name: str, head: bytes) -> bool:
    """A file holding a calendar's address instead of the calendar: a ``.webcal`` file, or a webcal:// address
    alone (``SUBSCRIPTION``)."""
    return name.lower().endswith(SUBSCRIPTION_SUFFIXES) or bool(_ADDRESS_ALONE.fullmatch(head))
