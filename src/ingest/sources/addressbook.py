"""A phone's or mail program's address book: vCards (iPhone, Android, Outlook, Google Contacts).

Not interactions: evidence of identity. Each card's e-mails and phone numbers link calendar
attendees and journal entries to platform accounts. A card with several e-mails or numbers yields
one ``Account`` row per extra value (same ``account_ref``, same line), so the resolver sees all of
them. vCards that XING wrote (``sources/xing.py``) are not an address book.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import zip_longest

from ..archive import Export
from ..models import Account, MemberNote, Record
from ..normalise import join_name, normalise_email
from . import xing
from .vcard import all_values, company, name_parts, parse_member, phone, text, vcard_members

NAME = "addressbook"


def detect(export: Export) -> bool:
    """Nothing but vCards, and not XING's."""
    cards = vcard_members(export)
    return bool(cards) and len(cards) == len(export.members()) and not xing.detect(export)


def parse(export: Export) -> Iterator[Record]:
    cards = set(vcard_members(export))
    for member in export.members():
        if member in cards:
            yield from parse_member(export, member, _accounts)
        else:
            yield MemberNote(member=member, line=0, handling="unknown", note="not a vCard")


def _accounts(member: str, line: int, card) -> list[Account]:
    """account_ref: the UID, else the first e-mail (lowercased), else the formatted name."""
    given, family = name_parts(card)
    display_name = text(card, "fn") or join_name(given, family)
    emails, phones = all_values(card, "email", normalise_email), all_values(card, "tel", phone)
    if not (display_name or emails or phones):
        raise ValueError("FN, N, EMAIL, TEL: all missing")
    ref = text(card, "uid") or (emails[0] if emails else None) or display_name or phones[0]
    first = Account(member=member, line=line, platform=NAME, account_ref=ref, display_name=display_name,
                    first_name=given, last_name=family, email=emails[0] if emails else None,
                    phone=phones[0] if phones else None, company=company(card), position=text(card, "title"))
    extra = [Account(member=member, line=line, platform=NAME, account_ref=ref, display_name=display_name,
                     email=email, phone=number) for email, number in zip_longest(emails[1:], phones[1:])]
    return [first, *extra]
