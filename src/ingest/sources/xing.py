"""XING contacts: vCards, one per contact or several in one .vcf, in a folder or a zip (formats.md §4).

Since 2014 XING has offered no bulk export: a member downloads each contact's vCard from the
contact's profile ("vCard herunterladen"), so an export is a folder or zip of ``Lukas_Berger.vcf``
files, or one file the member concatenated. The vCards carry no interactions and no connection
date, so this source yields one ``Account`` per contact and nothing else. The owner's own vCard is
not part of such a download, and nothing in a contact's vCard tells it apart from the owner's:
no owner account is yielded.

vCards are read by ``sources/vcard.py`` (shared with the phone address book); the profile URL of XING's
2016 vCards, only in XING's stamp in their NOTE, is read here (``_note_profiles``).
Until 2014 XING exported all contacts at once as a "CSV for Outlook" (social-media-sales.de,
"Xing Kontaktexport"); no sample was found [U], so under a XING name a CSV of any address-book shape
``sources/contacts_csv.py`` knows (Outlook's, English or German) is read as XING contacts.
XING's GDPR data copy ("Datenauskunft", "Datenkopie"), documented by one parser and not sampled [U]:
its contacts, notes and messages CSVs under ``data/`` are read by ``xing_copy``, its vCards here, every other
file is listed as not read; an export named after XING with none of these raises ``UnknownLayoutError``.
"""

from __future__ import annotations

import quopri
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..errors import UnknownLayoutError
from ..models import Account, MemberNote, Record
from ..normalise import join_name
from . import xing_copy
from .archive import Export
from .contacts_csv import parse_table, shape_of
from .vcard import FOLD, VCARD_SUFFIXES, card_blocks, decoded_bytes, parse_member, vcard_members
from .vcard_fields import company, email_address, name_parts, phone_numbers, preferred, text, values
from .vcard_lines import logical_lines

NAME = "xing"
MESSAGE_TEXT = True  # the data copy's messages (xing_copy), kept only when the owner opts in
# detect() looks at this much of an export: enough for hundreds of vCards without photos.
SCAN_CARDS = 500
SCAN_BYTES = 4 << 20

# Signs that a vCard was written by XING. None is confirmed on a real download [U]: a profile URL
# on xing.com, a photo URL on a xing.com host, a PRODID naming XING, an X-XING… property. A phone's
# address book can hold a contact's XING link too (iPhone: X-SOCIALPROFILE;type=xing, not matched
# here), so detect() wants them on at least half of the vCards, not on one.
_XING_SIGNAL = re.compile(
    rb"^(?:[\w-]+\.)?(?:URL|PHOTO)[^:\r\n]*:[ \t]*(?:https?://)?(?:[\w-]+\.)*xing\.com(?![\w.-])"
    rb"|^PRODID[^:\r\n]*:[^\r\n]*xing|^(?:[\w-]+\.)?X-XING", re.I | re.M)
# Sem.Sync's XING connector (2009-2010) downloaded every contact's vCard and kept it in its cache as
# "_app_contact_op=vcard;scr_id=<id>.txt" (or "_app_vcard_op=…"), the contact's photo beside it under its
# URL ("https___www.xing.com_img_users_….jpg"): Interface007/-Sem.Sync Sem.Sync.Connector.Xing/ContactClient.cs,
# Sem.Sync.SyncBase/Helpers/HttpHelper.cs (CachePathName). So a .txt file is read when it holds vCards.
_VCARD_START = re.compile(rb"\s*BEGIN\s*:\s*VCARD", re.I)
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif")
PHOTO_NOTE = "a contact's photo, kept beside the vCards (Sem.Sync's cache of XING): no people in it, not read"


def detect(export: Export) -> bool:
    """vCards with XING's marks on most of them, or any vCards under a path that names XING.

    A phone's address book is vCards too (the "addressbook" source): without a XING mark on the
    vCards or ``xing`` in the export's path, vCards are not claimed. Nor is, without that hint, a
    folder or zip holding other files besides vCards (a Google Takeout, a mixed download folder):
    the inbox is then looked into file by file. A zip or folder named after XING without any
    vCard is claimed as a possible data copy, and parse() says that its layout is not known.
    A contacts CSV is XING's when its file name says so (``XING_Kontakte.csv``). The data copy is
    known by its folders and CSV headers (``xing_copy.detect``), whatever its name.
    """
    if xing_copy.detect(export):
        return True
    cards, members = _cards(export), export.members()
    if not cards and "xing" in export.path.name.lower() and export.kind != "file" and members:
        return True
    if not cards:  # XING's own CSV export: every file a contacts CSV named after XING
        return bool(members) and all("xing" in m.lower() and shape_of(export, m) for m in members)
    if "xing" in export.relative_path.lower():
        return True
    photos = [m for m in members if m.lower().endswith(PHOTO_SUFFIXES)]
    return len(cards) + len(photos) == len(members) and _mostly_xing(export, cards)


def claimed_by_name_only(export: Export) -> bool:
    """Whether ``detect`` claims the export only because its name says XING (no vCard, no data copy): a hint that a
    source reading the files by their content overrides. Xing is a given name too: a Facebook download unzipped
    into a folder named after its owner ("xing215", four Facebook HTML pages) was claimed, and nothing read."""
    return not xing_copy.detect(export) and not _cards(export) and "xing" in export.path.name.lower()


def loose_files(export: Export) -> bool:
    """Whether the export is vCards saved contact by contact (no data copy, no CSV export), which a member keeps
    where the rest is: ``sources.split_export`` gives the calendar, the journal and a phone's address book
    beside them their files."""
    return not xing_copy.detect(export) and bool(_cards(export))


def parse(export: Export, message_text: bool = False) -> Iterator[Record]:
    """One Account per vCard, a Quarantined entry per vCard that cannot be read, a note per file; the data
    copy's contacts, notes and messages (``xing_copy``), message texts only when the owner opts in."""
    cards, tables, copy = set(_cards(export)), _tables(export), xing_copy.kinds(export)
    if not (cards or tables or copy):
        raise UnknownLayoutError(export.path, f"no vCard among its files ({_file_kinds(export)}), and no contacts, "
                                 "notes or messages of XING's data copy (data/network-inquiry/, "
                                 "data/messages-backend/)",
                                 "add the contacts' vCards (\"vCard herunterladen\" on each contact's profile) or "
                                 "the data copy as XING sent it")
    owner = xing_copy.find_owner(export, copy) if copy else None
    for member in export.members():
        if member in copy:
            yield from xing_copy.parse_member(export, member, copy[member], owner, message_text)
        elif member in cards:
            stamped = _note_profiles(export, member)
            yield from parse_member(export, member,
                                    lambda m, line, card: [_account(m, line, card, stamped.get(line))])
        elif member in tables:
            yield from parse_table(export, member, tables[member], platform=NAME)
        elif cards and member.lower().endswith(PHOTO_SUFFIXES):
            yield MemberNote(member=member, line=0, handling="ignored", note=PHOTO_NOTE)
        elif copy:
            yield xing_copy.note_unread(member)
        else:
            yield MemberNote(member=member, line=0, handling="unknown",
                             note="not a vCard: not read (nor a file of XING's data copy this version reads)")


def _cards(export: Export) -> list[str]:
    """Files of vCards: named .vcf or .vcard, and .txt files that start as a vCard (Sem.Sync's cache). The .txt
    files are looked into only where the export holds nothing else than .txt files, vCards and photos, as the
    cache does: every export passes through ``detect``, and a Facebook download has dozens of ``no-data.txt``."""
    cards, members = vcard_members(export), export.members()
    if not all(m.lower().endswith((".txt", *VCARD_SUFFIXES, *PHOTO_SUFFIXES)) for m in members):
        return cards
    texts = [m for m in members if m.lower().endswith(".txt") and m not in cards
             and _VCARD_START.match(decoded_bytes(export.head(m, 1024)))]
    return cards + texts


def _mostly_xing(export: Export, cards: list[str]) -> bool:
    seen = marked = 0
    for member in cards:
        data = FOLD.sub(b"", decoded_bytes(export.head(member, SCAN_BYTES)))
        for card in re.split(rb"(?im)^[ \t]*BEGIN:VCARD", data)[1:]:
            seen, marked = seen + 1, marked + bool(_XING_SIGNAL.search(card))
        if seen >= SCAN_CARDS:
            break
    return marked > 0 and 2 * marked >= seen


def _tables(export: Export) -> dict:
    """Members that are contacts CSVs, with their shape (``contacts_shapes.SHAPES``)."""
    return {m: shape for m in export.members() if (shape := shape_of(export, m))}


def _file_kinds(export: Export) -> str:
    kinds = Counter(PurePosixPath(m).suffix.lower() or "no extension" for m in export.members())
    return ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())) or "empty"


# --- vobject component → Account ---------------------------------------------------------------

def _account(member: str, line: int, card, stamped: str | None = None) -> Account:
    """account_ref: the UID if present, else the lowercased e-mail, else the FN (design.md). The phone: the preferred
    one that is no fax or pager (``vcard_fields.phone_numbers``): XING's card of a member may list the office fax
    first or mark it PREF, and a shared fax would link everyone in the office."""
    given, family = name_parts(card)
    display_name = text(card, "fn") or join_name(given, family)
    email = preferred(card, "email", email_address)
    if not (display_name or email):
        raise ValueError("FN, N, EMAIL: all missing")
    return Account(member=member, line=line, platform=NAME,
                   account_ref=text(card, "uid") or email or display_name,
                   display_name=display_name, first_name=given, last_name=family, email=email,
                   phone=next(iter(phone_numbers(card)), None), profile_url=_xing_url(card) or stamped,
                   company=company(card), position=text(card, "title"))


def _xing_url(card) -> str | None:
    for value in values(card, "url"):
        text = value.strip() if isinstance(value, str) else ""
        try:
            host = urlsplit(text if "://" in text else f"https://{text}").hostname or ""
        except ValueError:  # a malformed URL is no XING profile, and no reason to lose the contact
            continue
        if host == "xing.com" or host.endswith(".xing.com"):
            return text
    return None


def _note_profiles(export: Export, member: str) -> dict[int, str]:
    """The profile URL in XING's stamp in a vCard's NOTE, by the line the vCard starts on.

    XING's vCards of PRODID ``-//XING//www.xing.com//version 2.0//DE`` (2016) name the profile only there,
    ``NOTE;CHARSET=ISO-8859-1:17.02.2016, 19:18 - XING - http://www.xing.com/profile/<Name>``, their URL being
    the company's web site: jhermsmeier/node-vcf ``test/data/xing.vcf``. Those of 2009 stamped
    ``- XING - http://www.xing.com`` (a contact taken into Open-Xchange, in its tests: code index id 122604141):
    no profile there, so none is read from it.
    The NOTE never reaches vobject (a damaged note must not cost the contact), so it is looked for in the lines.
    """
    found: dict[int, str] = {}
    for block in card_blocks(export, member):
        for line in logical_lines(block.lines):
            if not (note := _NOTE_LINE.match(line)):
                continue
            quoted = b"QUOTED-PRINTABLE" in note["params"].upper()
            value = quopri.decodestring(note["value"]) if quoted else note["value"]
            stamp = _NOTE_STAMP.search(value.decode("latin-1"))
            if stamp and urlsplit(stamp[1]).path.lower().startswith("/profile/"):
                found.setdefault(block.line, stamp[1])
    return found


_NOTE_LINE = re.compile(rb"(?:[\w-]+\.)?NOTE(?P<params>(?:;[^:]*)?):(?P<value>.*)", re.I | re.S)
_NOTE_STAMP = re.compile(r"-\s*XING\s*-\s*(https?://(?:[\w-]+\.)*xing\.com/[^\s\\,;]+)", re.I)
