"""Address books of hunt 25: macOS Contacts' vCard 2.1 in Mac OS Roman (``CHARSET=MACINTOSH``, and without a CHARSET),
read the same way on every card; a contacts CSV of Roundcube's csv2vcard column names ("Email Home", "Home Mobile",
"Home Phone 2" …), whose e-mails and half of whose numbers were lost."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from ingest.sources.contacts_shapes import crm_role
from ingest.sources.vcard_lines import block_codec
from test_addressbook import evidence, parsed, people

MAC_FIXTURES = ["macos-2.1-macintosh", "macos-2.1-no-charset"]
MAC_PEOPLE = [
    (1, "3F2A1C90-0000-4000-8000-00000000A001", "Lotte Köhler", "lotte.koehler@example.de", "030 5550147", None, None),
    (11, "Märta Åkesson", "Märta Åkesson", None, "+46 70 555 01 48", "Bäckeri Öst AB", None),
    (20, "renee.mueller@example.ch", "Renée Müller", "renee.mueller@example.ch", None, None, "Geschäftsführerin")]


def quarantined(records) -> list[tuple[int, str]]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def file_note(records) -> str:
    return next(n.note for n in records if isinstance(n, MemberNote))


@pytest.mark.parametrize("vintage", MAC_FIXTURES)
def test_macos_21_cards_in_mac_roman_read_alike_with_every_letter(vintage):
    # before: "Lotte Kšhler", "RenŽe MŸller" (Mac Roman read as cp1252), and without CHARSET "Mrta kesson" (as
    # Latin-1, its C1 controls dropped): one card one way, the next another
    records = parsed(vintage)
    assert people(records) == MAC_PEOPLE
    assert quarantined(records) == [(29, "FN, N, EMAIL, TEL: all missing")]
    assert_nothing_lost(records)


def test_a_mac_roman_file_without_charset_says_how_it_was_read(tmp_path):
    folder = fixture("addressbook", "macos-2.1-no-charset")
    for export in (Export(folder), Export(zip_folder(folder, tmp_path / "mac.zip"))):
        assert detect_source(export) is addressbook
        records = list(addressbook.parse(export))
        assert people(records) == MAC_PEOPLE
        assert file_note(records) == "vCards; not UTF-8: read as mac-roman (Mac OS Roman)"


@pytest.mark.parametrize("charset", ["MACINTOSH", "macintosh", "x-mac-roman", "mac", "csMacintosh"])
def test_every_name_of_mac_roman_is_honoured(charset):
    card = f"BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET={charset}:Renée Müller\nEND:VCARD".encode("mac_roman")
    assert block_codec(card) == "mac-roman"


def test_a_latin_1_file_without_charset_is_not_taken_for_mac_roman(tmp_path):
    # cp1252's "Müller", "José" read as Mac Roman are "M¸ller", "JosÈ": no words; the file stays Western European
    data = ("BEGIN:VCARD\r\nVERSION:2.1\r\nPRODID:-//Apple Inc.//Mac OS X 10.11.6//EN\r\nN:Müller;José;;;\r\n"
            "FN:José Müller\r\nTEL;CELL:+34 600 555 010\r\nEND:VCARD\r\n").encode("cp1252")
    (tmp_path / "contacts.vcf").write_bytes(data)
    records = list(addressbook.parse(Export(tmp_path / "contacts.vcf")))
    assert [p[2] for p in people(records)] == ["José Müller"]
    assert file_note(records) == "vCards"


def test_roundcube_csv_gives_every_email_and_the_persons_numbers():
    records = parsed("roundcube-csv-all")
    # before: no e-mail at all, "Dr." (the prefix in Outlook's "Title") as the position, Tomasz without his mobile
    assert people(records) == [
        (2, "halina@example.pl", "Halina Wróbel", "halina@example.pl", "+48 22 555 01 10", "Kwiatex Sp. z o.o.",
         "Kierowniczka zakupów"),
        (3, "tomasz.lis@example.pl", "Tomasz Lis", "tomasz.lis@example.pl", "+48 602 555 020", None, None)]
    # every number of hers but the faxes, the pager and her assistant's
    assert evidence(records, "halina@example.pl") == (
        ["halina@example.pl", "h.wrobel@kwiatex.example", "hala.w@example.com"],
        ["+48 22 555 01 10", "+48 22 555 01 11", "+48 22 555 01 20", "+48 22 555 01 21", "+48 601 555 011",
         "+48 601 555 012", "+48 601 555 013", "+48 22 555 01 31", "+48 22 555 01 50"])
    assert quarantined(records) == [(4, "first name, last name, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


# Roundcube's csv2vcard labels (program/localization/en_US/csv2vcard.inc) of Outlook, Atmail, Letter Hub and its own
@pytest.mark.parametrize("column, role", [
    ("email home", "email"), ("email work", "email"), ("email other", "email"), ("e-mail 2 address", "email"),
    ("e-mail 3 address", "email"), ("home phone 2", "phone"), ("business phone 2", "phone"), ("phone1", "phone"),
    ("phone video", "phone"), ("home mobile", "mobile"), ("work mobile", "mobile"), ("assistant's phone", "ignore"),
    ("work company", "company"), ("work title", "title"), ("pager", None), ("home fax", "ignore")])
def test_roundcube_column_words(column, role):
    assert crm_role(column) == role
