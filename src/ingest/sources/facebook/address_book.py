"""The phone contacts the owner let Facebook or Messenger upload: ``your_address_books.json`` and
``your_imported_contacts.json``.

Read as any address book is (``sources/addressbook``): identity evidence with the platform
``addressbook``, no interaction. ``your_address_books.json`` comes in two shapes, the same entries
``{name, details: [{contact_point}], created_timestamp}``, a contact point being a phone number or an
e-mail address:

* F3 (2018-2020) ``about_you/your_address_books.json``: ``{"address_book": {"address_book": [...]}}``
  (sreejithag/facebook-data-contacts-extractor ``contacts.py``);
* F4 on ``…/other_personal_information/your_address_books.json``: ``{"address_book_v2": {"address_book":
  [...]}}`` (HITS-Research/PriOSS ``prototype/prioss/src/app/facebook/models/PersonalInformation/
  OtherPersonalInformation/AddressBooks.ts``; code index id 14225328863, a ``YourAddressBooksV2`` class).

``personal_information/other_personal_information/your_imported_contacts.json`` (2024-2025) is a list
of ``{timestamp, media, label_values: [{label, timestamp_value}, {label, value}, …], fbid}``, one contact
point per entry (a contact with two numbers is two entries), the labels in the account's language:
"Czas aktualizacji", "Imię i nazwisko kontaktu", "Punkt kontaktowy" in Polish (a ShadowID module's
reader, code index id 55538592869), Arabic in majdfatihy/facebook-contacts-converter
``demo-imported-contacts.json``. So values are told by their form, never by their label: an e-mail
address, a phone number, else the name.

2025 exports ([INV] nikbpetrov/timelinize docs/fork/facebook-inventory.md) add two more, read the same way:
``…/other_personal_information/contacts_uploaded_from_your_phone.json``, a list of such entries (a name and
upload times), and ``…/profile_information/contacts_uploaded_before_2021.json``, one record whose "Contacts"
entry lists every contact in ``vec`` as ``{dict: [{label, value | timestamp_value}]}``: each is one entry.
Its ``user_id`` is Facebook's number for the contact, not a phone number, and is left out.
``…/profile_information/synced_contacts_from_instagram.json`` (2025) has that one-record shape too (the keys in
what-if-horizon/what-if-data-donation ``FB_merged_structure_annotated.csv``; its labels are not known, so its
values are told by their form as the others').
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Export
from ..contacts_csv import contact_accounts
from ...models import Account, Record
from ..text_repair import repair
from ..vcard_fields import email_address
from .people import BrokenFile, broken_file, items_of, load_json, read_items
from .rows import Tally
from .text import as_list, name_of

PLATFORM = "addressbook"
KEYS = ("address_book_v2", "address_book")
# A phone number as people save them: digits with +, spaces, dots, dashes, slashes, parentheses.
# (possessive, the digits counted apart: "[…]*\d[…]*" took time growing with the square of a run of digits)
_PHONE = re.compile(r"\+?[\d\s().\-/]*+")
MIN_PHONE_DIGITS = 3  # "112"; a name is never digits alone
NOT_CONTACT = ("user_id",)  # Facebook's number for the contact (contacts_uploaded_before_2021.json), no phone


def read_address_book(export: Export, member: str) -> Iterator[Record]:
    """One contact per entry, closed by the file's note; an entry naming nobody is quarantined."""
    tally = Tally(member)
    try:
        entries, note = items_of(load_json(export, member), KEYS)
    except BrokenFile as exc:
        yield from broken_file(tally, exc, "address book")
        return
    if note:
        tally.note(note, None)
    accounts: list[Account] = []
    read = _unnested(entries)
    yield from read_items(tally, read, lambda line, entry: accounts.extend(entry_accounts(member, line, entry)))
    yield from accounts
    yield tally.member_note("address book")


def entry_accounts(member: str, line: int, entry: dict) -> list[Account]:
    """The accounts of one contact: ``{name, details: [{contact_point}]}`` or a ``label_values`` entry."""
    if "label_values" in entry:
        return _imported_accounts(member, line, entry)
    points = [repair(p["contact_point"]) for p in as_list(entry.get("details"))
              if isinstance(p, dict) and isinstance(p.get("contact_point"), str)]
    emails = list(dict.fromkeys(e for p in points if "@" in p and (e := email_address(p))))
    phones = list(dict.fromkeys(p for p in points if p and "@" not in p))
    name = name_of(entry.get("name"))
    if not (name or emails or phones):
        raise ValueError("name, details.contact_point: all missing")
    return contact_accounts(member, line, PLATFORM, name, emails, phones)


def _unnested(entries: list) -> list:
    """The entries, each record holding a ``vec`` of contacts (contacts_uploaded_before_2021.json) replaced
    by those contacts, as ``{"label_values": […]}``."""
    found = []
    for entry in entries:
        vecs = [v for v in as_list(entry.get("label_values")) if isinstance(v, dict) and "vec" in v] \
            if isinstance(entry, dict) else []
        found += [_entry(c) for v in vecs for c in as_list(v["vec"])] if vecs else [entry]
    return found


def _entry(contact):
    return {"label_values": contact.get("dict")} if isinstance(contact, dict) and "dict" in contact else contact


def _imported_accounts(member: str, line: int, entry: dict) -> list[Account]:
    """An entry of your_imported_contacts.json: its text values told apart by their form."""
    values = [repair(v["value"]) for v in as_list(entry["label_values"])
              if isinstance(v, dict) and isinstance(v.get("value"), str) and v.get("label") not in NOT_CONTACT]
    emails = list(dict.fromkeys(e for v in values if "@" in v and (e := email_address(v))))
    phones = list(dict.fromkeys(v for v in values if _is_phone(v)))
    names = [v for v in values if v and "@" not in v and not _is_phone(v)]
    if not (names or emails or phones):
        raise ValueError("label_values.value: all missing")
    return contact_accounts(member, line, PLATFORM, names[0] if names else None, emails, phones)


def _is_phone(value: str) -> bool:
    return bool(_PHONE.fullmatch(value)) and sum(c.isdigit() for c in value) >= MIN_PHONE_DIGITS
