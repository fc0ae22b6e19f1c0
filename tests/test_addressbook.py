"""A phone's address book: identity evidence (e-mails, phones), never mistaken for XING."""

from __future__ import annotations

import pytest

from conftest import fixture, zip_folder
from ingest.archive import Export
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source

FOLDER = fixture("addressbook", "phone-3.0")


@pytest.fixture(params=["file", "folder", "zip"])
def book(request, tmp_path) -> Export:
    if request.param == "file":
        return Export(FOLDER / "contacts.vcf")
    if request.param == "folder":
        return Export(FOLDER)
    return Export(zip_folder(FOLDER, tmp_path / "iCloud vCards.zip"))


def test_phone_address_book_is_detected_as_such_not_as_xing(book):
    assert detect_source(book) is addressbook


def test_every_card_yields_accounts_with_all_its_emails_and_phones(book):
    accounts = [r for r in addressbook.parse(book) if isinstance(r, Account)]
    anna = [(a.account_ref, a.email, a.phone) for a in accounts if a.display_name == "Dr. Anna Mueller"]
    assert anna == [("3F2504E0-4F89-11D3-9A0C-0305E82C3301", "anna.mueller@example.org", "0170 5550188"),
                    ("3F2504E0-4F89-11D3-9A0C-0305E82C3301", "anna.m@example.net", "+49 30 555 0100")]
    # the UID, else the first e-mail, else the name
    assert sorted({a.account_ref for a in accounts}) == [
        "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "Aylin Demir", "Ingrid Lindqvist", "Zahnarzt Dr. Roth",
        "jonas.weber@example.de"]


def test_a_card_without_name_email_or_phone_is_quarantined(book):
    quarantined = [(q.line, q.reason) for q in addressbook.parse(book) if isinstance(q, Quarantined)]
    assert quarantined == [(47, "FN, N, EMAIL, TEL: all missing")]
    note = next(n for n in addressbook.parse(book) if isinstance(n, MemberNote))
    assert note.records_read == 6
