"""Address books whose numbers or people were misread (docs/formats.md, address book): a Chinese Android book writing
few numbers with +86, national numbers of a book of several countries, names quoted-printable without ENCODING, an
operator's SIM entries and SMS senders saved as contacts, a fax taken for XING's phone, and a Google CSV of some of
its columns."""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source, xing
from ingest.sources.archive import Export
from ingest.sources.phone_regions import UNPLACED, file_region, international
from test_addressbook import evidence, ingest_books, parsed, people
from test_addressbook_sweep18 import one_file

HUAWEI_CN = "android-2.1-cn-huawei"
BARE_QP = "android-3.0-ru-bare-qp"
DIALOG_SIM = "android-2.1-lk-dialog-sim"
GOOGLE_SOME = "google-csv-some-columns"
SONY_ERICSSON = "sonyericsson-2.1-ua-ru"


def note(records) -> str:
    return next(r.note for r in records if isinstance(r, MemberNote))


def refused(records) -> list[tuple[int, str]]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def _cards(numbers: list[str]) -> str:
    return "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nN:{i};Person;;;\nTEL;TYPE=CELL:{number}\nEND:VCARD\n"
                   for i, number in enumerate(numbers))


# --- 1. the region of a book writing few numbers internationally, by the validity of its national ones ---

def test_a_chinese_book_with_few_numbers_written_with_86_reads_its_national_ones_in_cn():
    records = parsed(HUAWEI_CN)
    assert ("numbers without a country code read in CN (4 of the 4 numbers written with a country code are +86; of 14 "
            "written without one, 12 are valid only in CN, 0 only in DE)") in note(records)
    rows = {name: phone for _, _, name, _, phone, *_ in people(records)}
    assert rows["李雷"] == "+8613805550101"  # "1-380-555-0101", not "+4913805550101"
    assert rows["孙娜"] == "+8615025550103"  # valid in CN and in DE: read in the book's region
    assert rows["郭峰"] == "+8613355500121"  # written with +86
    assert rows["移动客服"] == "10086"  # the operator's short code, as written
    assert_nothing_lost(records)


CN_ONLY = ["1-380-555-0101", "1-391-555-0102", "1-331-555-0105", "1-390-555-0106", "1-350-555-0107",
           "1-381-555-0110", "1-370-555-0112", "1-355-555-0114", "1-380-555-0115", "1-391-555-0116"]
GERMAN = ["0170 5550101", "030 5550102", "089 5550103", "040 5550105", "0176 5550107", "069 5550108",
          "0711 5550109", "0160 5550110", "0221 5550106"] * 2  # the last valid in CN too


@pytest.mark.parametrize("numbers, region", [
    (["+86 138 5550 0119"] * 3 + CN_ONLY, "CN"),
    (["+86 138 5550 0119"] * 2 + CN_ONLY, None),  # two written internationally: too few to tell
    (["+86 138 5550 0119"] * 3 + CN_ONLY[:9], None),  # nine valid only in CN: too few
    (["+86 138 5550 0119"] * 3 + ["+1 202 555 0123"] + CN_ONLY, None),  # 3 of 4 +86: of no one country
    # a German book with a few Chinese friends: its national numbers valid in DE
    (["+86 138 5550 0119"] * 3 + GERMAN, None),
    (["+86 138 5550 0119"] * 3 + CN_ONLY + GERMAN[:4], None),  # 10 only in CN, 4 only in DE: not 3 times as many
    (["+86 138 5550 0119"] * 3 + CN_ONLY + GERMAN[:3], "CN"),
    (["+86 138 5550 0119"] * 3 + CN_ONLY + GERMAN[8:9] * 20, "CN"),  # valid in both: counts for neither
])
def test_a_few_numbers_of_one_country_decide_it_when_the_national_ones_are_valid_only_there(numbers, region):
    found = file_region(numbers)
    assert (found and found.region) == region


def test_a_german_book_with_a_few_chinese_numbers_stays_german(tmp_path):
    records = one_file(tmp_path, "contacts.vcf", _cards(["+86 138 5550 0119"] * 3 + GERMAN))
    assert note(records) == "vCards"
    assert evidence(records, "Person 3")[1] == ["0170 5550101"]  # read in DE by linking, as before


# --- 1b. the national numbers of a book of several countries, tried in each of them ---

def test_a_national_number_of_a_book_of_several_countries_is_read_in_the_one_it_is_valid_in():
    assert international("097 555 0190", UNPLACED, str, ("UA", "RU")) == "+380975550190"
    assert international("8 916 555 0191", UNPLACED, str, ("UA", "RU")) == "+79165550191"
    assert international("8 044 555 0193", UNPLACED, str, ("UA", "RU")) is None  # valid in neither
    assert international("0664 5550190", UNPLACED, str, ("DE", "AT")) is None  # valid in both: which?
    assert international("097 555 0190", UNPLACED, str) is None  # no country to try


def test_the_countries_tried_are_those_a_tenth_of_the_book_names():
    numbers = ["+380 67 555 0001"] * 10 + ["+7 916 555 0001"] * 8 + ["+372 5555 0001"] * 2 + ["097 555 0190"] * 3
    assert file_region(numbers).candidates == ("UA", "RU", "EE")
    # one number more written internationally: Estonia's two are under a tenth of 21
    assert file_region(numbers[:-3] + ["+1 202 555 0123"] + ["097 555 0190"] * 3).candidates == ("UA", "RU")


def test_the_note_counts_the_numbers_read_and_left_out():
    records = parsed(SONY_ERICSSON)
    assert note(records).endswith("0 of DE); 2 left out, 2 read in the one of UA, RU they are valid in")


def test_a_card_left_with_numbers_not_linked_only_says_so(tmp_path):
    numbers = ["+380 67 555 0001"] * 6 + ["+7 916 555 0001"] * 5
    text = _cards(numbers) + "BEGIN:VCARD\nVERSION:3.0\nTEL;TYPE=CELL:8 044 555 0193\nEND:VCARD\n"
    records = one_file(tmp_path, "contacts.vcf", text)
    assert refused(records) == [(67, "FN, N, EMAIL, TEL: all missing or empty; only numbers without a country code "
                                     "not linked")]
    assert note(records).endswith("; 1 left out, 0 read in the one of UA, RU they are valid in")


def test_a_contacts_csv_of_several_countries_counts_its_national_numbers(tmp_path):
    rows = [f"Olena{i},Example,,{'+380 67 555 00' if i % 2 else '+7 916 555 00'}{i:02d}" for i in range(12)]
    rows += ["Stepan,Kyivstar,,097 555 0190", "Oksana,Old,,8 044 555 0193"]
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,E-mail Address,Mobile Phone\n" + "\n".join(rows) + "\n")
    records = list(addressbook.parse(Export(path)))
    assert note(records).endswith("; 1 left out, 1 read in the one of RU, UA they are valid in")  # 6 of each
    assert evidence(records, "Stepan Kyivstar") == ([], ["+380975550190"])
    assert evidence(records, "Oksana Old") == ([], [])  # the row is read, its number is not linked
    assert_nothing_lost(records)


def test_the_note_on_numbers_not_linked_is_shown_with_advice(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    ingest_books(unsocial, db, SONY_ERICSSON)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select reason, is_actionable, what_to_do from not_read "
                           "where handling = 'parsed'").fetchall()
    assert len(rows) == 1 and "2 left out, 2 read in" in rows[0][0] and rows[0][1]
    assert "write them with their country code" in rows[0][2]


# --- 3. names quoted-printable without ENCODING ---

def test_a_name_quoted_printable_without_encoding_is_decoded():
    records = parsed(BARE_QP)
    assert [(name, company) for _, _, name, _, _, company, _ in people(records)] == [
        ("Шура", None),
        ("Анна Петрова", "Ромашка"),  # FN, N and ORG
        ("Max=Moritz", None),  # not only "=XX": as written
        ("=FF=FE", None),  # no UTF-8: as written
    ]
    first = next(a for a in records if isinstance(a, Account))
    assert (first.first_name, first.last_name) == ("Шура", None)


def test_only_names_are_decoded(tmp_path):
    records = one_file(tmp_path, "contacts.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:=D0=A8=D1=83\nN:;=D0=A8=D1=83;;;\n"
                                                  "TITLE:=D0=A8\nTEL;TYPE=CELL:+7 916 555 0101\nEND:VCARD\n")
    account = next(a for a in records if isinstance(a, Account))
    assert (account.display_name, account.position) == ("Шу", "=D0=A8")


# --- 4 and 6. an operator's codes and SMS senders; what a card left with nothing held ---

def test_an_operators_codes_and_sms_senders_are_no_numbers_and_no_people():
    records = parsed(DIALOG_SIM)
    assert [(line, name, phone) for line, _, name, _, phone, *_ in people(records)] == [
        (1, "Nimal Perera", "077 555 0101"),
        (7, "Kamala Silva", "+94 77 555 0102"),
        (13, "D-Balance Check", None),  # "#456#": named, kept as a name, as a contacts CSV keeps "Airtime balance"
        (19, "D-Reload", None),  # "*102*#"
        (25, "D-Hotline", "1777"),  # a short number: a number
        (43, "Ruwan", "071 555 0103"),  # "*#06#" beside it left out
    ]
    # "ExamplePROMO", "Pizza Place", "#123#" on cards of no name
    assert "; operators' codes and SMS senders without a name, not people (left out): 3" in note(records)
    assert refused(records) == [(50, "FN, N, EMAIL, TEL: all missing or empty; only fax or pager numbers"),
                                (54, "FN, N, EMAIL, TEL: all missing")]
    assert_nothing_lost(records)


def test_a_nameless_card_of_a_code_and_an_e_mail_is_someone(tmp_path):
    records = one_file(tmp_path, "contacts.vcf", "BEGIN:VCARD\nVERSION:2.1\nTEL;CELL:#456#\n"
                                                  "EMAIL:info@shop.example\nEND:VCARD\n")
    assert evidence(records, "info@shop.example") == (["info@shop.example"], [])


# --- 5. XING's phone is no fax ---

@pytest.mark.parametrize("fax", ["TEL;TYPE=work,fax;TYPE=PREF:+49 30 5550199", "TEL;TYPE=work,fax:+49 30 5550199",
                                 "TEL;TYPE=PAGER;TYPE=PREF:+49 30 5550199"])
def test_xings_phone_is_not_its_fax_or_pager(tmp_path, fax):
    path = tmp_path / "Ida_Brandt.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nN:Brandt;Ida;;\nFN:Ida Brandt\n"
                    f"{fax}\nTEL;TYPE=work:+49 30 5550100\nEMAIL;TYPE=work:ida.brandt@example.de\n"
                    "PRODID:-//XING//www.xing.com//version 2.0//DE\nEND:VCARD\n", encoding="utf-8")
    export = Export(path)
    assert detect_source(export) is xing
    account = next(a for a in xing.parse(export) if isinstance(a, Account))
    assert account.phone == "+49 30 5550100"


# --- 7. a Google CSV of some of its columns ---

def test_a_google_csv_of_the_columns_in_use_is_read():
    records = parsed(GOOGLE_SOME)
    assert note(records) == "Google Contacts CSV (some of its columns)"
    assert [(line, name, phone) for line, _, name, _, phone, *_ in people(records)] == [
        (2, "Holly Sample", "12025550123"), (3, "Tom Example", "13035551234"), (4, "Ana", None)]
    assert evidence(records, "Tom Example")[1] == ["13035551234", "13035559876"]
    assert_nothing_lost(records)


@pytest.mark.parametrize("header", [
    '"Phone 1 - Value","Labels"',  # no name column
    '"First Name","Last Name","Labels"',  # no phone or e-mail
    '"First Name","Phone 1 - Value","Favourite Colour"',  # a column Google does not write
])
def test_a_header_that_is_not_some_of_googles_is_not_read_as_one(tmp_path, header):
    path = tmp_path / "contacts.csv"
    path.write_text(f"{header}\nx,y,z\n")
    assert detect_source(Export(path)) is not addressbook


def test_the_new_books_through_the_command_line(unsocial, tmp_path):
    _, counts = ingest_books(unsocial, tmp_path / "u.duckdb", HUAWEI_CN, BARE_QP, DIALOG_SIM, GOOGLE_SOME)
    assert counts == [(HUAWEI_CN, "addressbook", 18, 18, 0), (DIALOG_SIM, "addressbook", 8, 6, 2),
                      (BARE_QP, "addressbook", 4, 4, 0), (GOOGLE_SOME, "addressbook", 3, 3, 0)]
