"""Address books whose people or numbers were lost or misread (docs/formats.md, address book): a Sony Ericsson phone
book of Ukraine and Russia whose national numbers were read as German, fax and pager numbers kept as phones, a
quoted-printable name broken after its colon, and gammu's LDIF phone book without dn, refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_nothing_lost
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from ingest.sources.phone_regions import UNPLACED, file_region, international
from ingest.sources.vcard_lines import logical_lines
from test_addressbook import evidence, ingest_books, parsed, people

SONY_ERICSSON = "sonyericsson-2.1-ua-ru"
GAMMU_LDIF = "gammu-ldif-sim"


def note(records) -> str:
    return next(r.note for r in records if isinstance(r, MemberNote))


def phones(records) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for account in (r for r in records if isinstance(r, Account)):
        found.setdefault(account.line, []).extend([account.phone] if account.phone else [])
    return found


def test_national_numbers_of_a_book_of_two_foreign_countries_are_not_read_as_german():
    records = parsed(SONY_ERICSSON)
    assert ("numbers without a country code not linked: the book is not of DE and of no one country (16 numbers "
            "written with a country code, 10 +380, 6 +7, 0 of DE)") in note(records)
    numbers = phones(records)
    # tried in UA and RU, the book's countries, and read in the one it is valid in (test_addressbook_sweep18b)
    assert numbers[76] == ["+380975550190"]  # "0975550190" of Ukraine: not "+49975550190"
    assert numbers[82] == ["+74955550191", "+79165550192"]  # "84955550191" of Moscow
    assert numbers[89] == []  # "80445550193", Ukraine's old "8 0xx" trunk: valid in neither, left out
    assert numbers[10] == ["+380675550000"]
    assert_nothing_lost(records)


@pytest.mark.parametrize("numbers, region", [
    (["+380 67 555 0001"] * 6 + ["+7 916 555 0001"] * 5 + ["097 555 0190"] * 3, UNPLACED),
    # a German book: its German numbers written nationally, only its foreign ones with a code
    (["+380 67 555 0001"] * 6 + ["+7 916 555 0001"] * 5 + ["0170 5550190"] * 30, None),
    (["+380 67 555 0001"] * 6 + ["+7 916 555 0001"] * 5 + ["+49 170 5550190"] * 4, None),  # 4 of 15 German
    (["+380 67 555 0001"] * 9 + ["+7 916 555 0001"], "UA"),  # one country: read in it, as before
    (["+380 67 555 0001"] * 5 + ["+7 916 555 0001"] * 4, None),  # too few to tell
])
def test_a_book_is_not_the_default_regions_when_its_international_numbers_say_so(numbers, region):
    found = file_region(numbers)
    assert (found and found[0]) == region


def test_a_national_number_of_an_unplaced_book_is_not_linked():
    assert international("097 555 0190", UNPLACED, str) is None
    assert international("+380 97 555 0190", UNPLACED, str) == "+380 97 555 0190"
    assert international("1234", UNPLACED, str) == "1234"  # a short code, as in any region


def test_fax_and_pager_numbers_are_not_phones_but_a_voice_line_that_faxes_is():
    records = parsed(SONY_ERICSSON)
    assert evidence(records, "Тарас Вигаданий")[1] == ["+380975550101"]  # TEL;FAX: +380445550102 left out
    assert evidence(records, "Hanna Office")[1] == ["+380445550195"]  # TEL;WORK;VOICE;FAX kept, TEL;PAGER not


def one_file(tmp_path: Path, name: str, text: str) -> list:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode())
    export = Export(path)
    assert detect_source(export) is addressbook
    return list(addressbook.parse(export))


@pytest.mark.parametrize("fax", [
    "TEL;WORK;FAX:+49 30 5550199",  # Outlook 2003 (mangstadt/ez-vcard outlook-2003.vcf)
    "TEL;type=WORK;type=FAX:+49 30 5550199",  # Lotus Notes (ez-vcard John_Doe_LOTUS_NOTES.vcf)
    "TEL;TYPE=FAX:+49 30 5550199",  # Thunderbird MoreFunctionsForAddressBook (ez-vcard)
    "TEL;TYPE=PAGER:+49 30 5550199",
    "TEL;TYPE=home,fax:+49 30 5550199",
])
def test_vcard_3_fax_and_pager_forms_are_left_out(tmp_path, fax):
    records = one_file(tmp_path, "contact.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Jana Muster\nN:Muster;Jana;;;\n"
                                                 f"{fax}\nTEL;TYPE=CELL,VOICE:+49 170 5550100\nEND:VCARD\n")
    assert evidence(records, "Jana Muster")[1] == ["+49 170 5550100"]


def test_a_quoted_printable_name_broken_after_its_colon_is_read():
    records = parsed(SONY_ERICSSON)
    assert people(records)[0][:3] == (1, "Тарас Вигаданий", "Тарас Вигаданий")


@pytest.mark.parametrize("lines, joined", [
    ([b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:", b";=D0=A2=D0=B0"], 1),
    ([b"ADR;ENCODING=QUOTED-PRINTABLE:", b"=D0=A2;;;"], 1),
    ([b"EMAIL;CHARSET=UTF-8:", b";x"], 2),  # no quoted-printable: the next line is left alone
    ([b"N;ENCODING=QUOTED-PRINTABLE:", b"TEL;CELL:+380975550101"], 2),  # a property: not joined
    ([b"N;ENCODING=QUOTED-PRINTABLE:Doe", b";=D0=A2"], 2),  # the value is not empty: not joined
])
def test_a_quoted_printable_value_is_joined_only_when_safe(lines, joined):
    assert len(logical_lines(lines)) == joined


def test_a_cut_off_card_of_the_phone_book_is_quarantined():
    assert [q.reason for q in parsed(SONY_ERICSSON) if isinstance(q, Quarantined)] == \
        ["END:VCARD: missing (vCard cut off)"]


def test_gammus_ldif_without_dn_reads_every_person():
    records = parsed(GAMMU_LDIF)
    assert [(line, name, phone) for line, _, name, _, phone, *_ in people(records)] == [
        (1, "Almut", "01705550101"),
        (13, "Bruno Beispiel", "0305550102"),
        (34, "Almut", "01705550101"),  # dn: Almut/M, the SIM's "mobile" mark dropped
        (42, "Almut", "0305550105"),  # dn: Almut/H
        (50, "Carla Muster", "0895550106"),
        (58, "Dieter", "0405550107"),
    ]
    assert evidence(records, "Bruno Beispiel")[1] == ["0305550102", "0305550103", "0305550104"]  # workPhone read
    assert [q.reason for q in records if isinstance(q, Quarantined)] == [  # names no one
        "LDIF: an entry without dn, and cn, sn, givenName, mail, telephoneNumber, homePhone, mobile, workPhone: "
        "all missing"]
    assert_nothing_lost(records)


def test_an_ldif_of_no_person_without_dn_is_still_no_address_book(tmp_path):
    path = tmp_path / "other.ldif"
    path.write_text("objectclass: top\ndescription: a printer\n")
    from ingest.sources.ldif import ldif_members

    assert ldif_members(Export(path)) == []


def test_both_books_through_the_command_line(unsocial, tmp_path):
    _, counts = ingest_books(unsocial, tmp_path / "u.duckdb", SONY_ERICSSON, GAMMU_LDIF)
    assert counts == [(GAMMU_LDIF, "addressbook", 7, 6, 1), (SONY_ERICSSON, "addressbook", 17, 16, 1)]


def test_a_contacts_csv_of_two_foreign_countries_leaves_its_national_numbers_unlinked(tmp_path):
    rows = [f"Olena{i},Example,,{'+380 67 555 00' if i % 2 else '+7 916 555 00'}{i:02d}" for i in range(12)]
    rows.append("Stepan,Kyivstar,,097 555 0190")
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,E-mail Address,Mobile Phone\n" + "\n".join(rows) + "\n")
    records = list(addressbook.parse(Export(path)))
    assert "numbers without a country code not linked" in note(records)
    # the row is read, its number read in UA, the one of the book's countries it is valid in (sweep18b)
    assert evidence(records, "Stepan Kyivstar") == ([], ["+380975550190"])
    assert evidence(records, "Olena1 Example")[1] == ["+380 67 555 0001"]
    assert_nothing_lost(records)
