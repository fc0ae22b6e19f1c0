"""The address book the owner let Twitter upload: ``contact.js``.

``window.YTD.contact.part0 = [{"contact": {"emails": [...], "phoneNumbers": [...]}}, …]``: one entry per
contact, either list may be missing, no names. Two parsers' tests agree on the shape (code index ids
55050950224, a contact syncer's, and 53403409085, an X-archive loader's); formats.md §2 marks its content
unverified. Read as the LinkedIn and Facebook uploaded address books are (``contacts_csv``,
``facebook/address_book``): accounts of the platform ``addressbook`` with e-mails and phone numbers as
identity evidence, no interaction.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..contacts_csv import PLATFORM, contact_accounts
from ...models import Account, Record
from ..vcard_fields import email_address
from .common import Context, clean_text, parsed_note, quarantined
from .jsfiles import Unparsable, iter_items, unwrap


def parse_contacts(data: bytes, member: str, ctx: Context) -> Iterator[Record]:
    """One contact per entry, closed by the file's note; an entry with neither e-mail nor number is quarantined."""
    accounts: list[Account] = []
    entries = 0
    for line, item in enumerate(iter_items(data, "contact"), 1):
        entries = line
        try:
            accounts += _accounts(item, member, line)
        except ValueError as exc:
            yield quarantined(member, line, exc, item)
    yield from accounts
    yield parsed_note(member, entries, "address book the owner uploaded: e-mails and phone numbers, no names",
                      ctx, entries)


def _accounts(item: object, member: str, line: int) -> list[Account]:
    if isinstance(item, Unparsable):
        raise ValueError("contact: not valid JSON (truncated or damaged file?)")
    entry = unwrap(item, "contact")
    if not isinstance(entry, dict):
        raise ValueError("contact: not an object")
    emails = _values(entry.get("emails"), email_address)
    phones = _values(entry.get("phoneNumbers"), lambda v: v)
    if not (emails or phones):
        raise ValueError("contact.emails, contact.phoneNumbers: all missing")
    return contact_accounts(member, line, PLATFORM, None, emails, phones)


def _values(value: object, convert) -> list[str]:
    """The usable texts of a list, converted, each once; a value that is no list is none."""
    texts = (clean_text(v) for v in value) if isinstance(value, list) else ()
    return list(dict.fromkeys(c for t in texts if t and (c := convert(t))))
