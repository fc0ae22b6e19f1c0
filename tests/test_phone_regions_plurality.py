"""A book of several countries, one of them its clear majority (phone_regions ``_plurality``): a Moroccan Android
phone book (SalahEddineLahniche/phonebook ``Contacts.vcf``) writes 121 numbers with +212, 20 with +39, and its
national "06…" mobiles are valid in Morocco and in Italy (Rome's numbers start with 06): read in Morocco."""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost
from ingest.models import MemberNote
from ingest.sources import addressbook
from ingest.sources.archive import Export
from ingest.sources.phone_regions import UNPLACED, Candidate, file_region, international
from test_addressbook import evidence, ingest_books, parsed, people

MOROCCO = "android-2.1-ma-plurality"


def note(records) -> str:
    return next(r.note for r in records if isinstance(r, MemberNote))


def phones(records) -> dict[str, str | None]:
    return {name: phone for _, _, name, _, phone, *_ in people(records) if name}


def test_the_national_numbers_of_a_moroccan_book_with_italian_friends_are_read_in_morocco():
    records = parsed(MOROCCO)
    found = phones(records)
    assert found["Nadia Idrissi"] == "+212612555014"  # "0612555014" only: valid in MA and IT, not left out
    assert found["Amine Fassi"] == "+212522555020"  # a Casablanca landline "0522…", valid in both too
    assert found["Mehdi Chraibi"] == "+212661555019"  # nine digits: valid in MA only, as before
    assert evidence(records, "Youssef Benali")[1] == ["+212661555001", "+212661555011"]
    assert evidence(records, "Hamza Sqalli")[1] == ["+212661555012"]  # "066155501122": valid nowhere, left out
    assert found["Marco Bianchi"] == "+390655550102"  # the Italian friends are written with +39: as written
    assert_nothing_lost(records)


def test_the_note_counts_the_numbers_read_in_the_books_majority_apart():
    assert note(parsed(MOROCCO)).endswith(
        "(16 numbers written with a country code, 11 +212, 3 +39, 1 +33, 0 of DE); 1 left out, 1 read in the one of "
        "MA, IT they are valid in, 5 valid in several read in MA (11 of the 16 numbers written with a country code, "
        "at least 2 times as many as of the others)")


def test_the_candidates_carry_how_many_numbers_name_them():
    numbers = ["+212 661 555001"] * 11 + ["+39 347 5550101"] * 3 + ["+33 6 55501234", "0612555014"]
    candidates = file_region(numbers).candidates
    assert candidates == ("MA", "IT")  # +33: under a tenth, not tried
    assert [(c.numbers, c.of) for c in candidates] == [(11, 15), (3, 15)]


@pytest.mark.parametrize("counts, expected", [
    ({"MA": 121, "IT": 20}, "+212612555014"),  # the Moroccan book: 121 of 181, six times as many
    ({"MA": 10, "IT": 5}, "+212612555014"),  # twice as many, and most of the book's
    ({"MA": 10, "IT": 6}, None),  # not twice as many: of which country?
    ({"MA": 10, "IT": 2, "ES": 9}, None),  # twice as many as Italy's, but not most of the book (10 of 21)
    ({"IT": 10, "MA": 4}, "+390612555014"),  # an Italian book with Moroccan friends: read in IT
])
def test_a_number_valid_in_several_countries_is_read_in_the_books_clear_majority(counts, expected):
    total = sum(counts.values())
    candidates = [Candidate(region, count, total) for region, count in counts.items()]
    assert international("0612555014", UNPLACED, str, candidates) == expected


def test_plain_region_codes_decide_nothing_and_a_number_valid_in_one_country_is_read_there():
    assert international("0612555014", UNPLACED, str, ("MA", "IT")) is None  # no counts: of which country?
    only_ma = [Candidate("MA", 2, 12), Candidate("IT", 10, 12)]  # Italy the majority, but the number is not Italian
    assert international("661555019", UNPLACED, str, only_ma) == "+212661555019"


def test_a_book_of_two_countries_in_like_numbers_still_leaves_them_out():
    numbers = ["+43 664 5550190"] * 6 + ["+49 170 5550190"] + ["+41 79 555 0190"] * 5 + ["031 555 0190"]
    region = file_region(numbers)
    assert region.region == UNPLACED and region.candidates == ("AT", "CH")
    assert international("031 555 0190", UNPLACED, str, region.candidates) is None  # Graz or Bern: 6 against 5
    assert international("0664 5550190", UNPLACED, str, region.candidates) == "+436645550190"  # in AT only


def test_a_contacts_csv_of_a_moroccan_book_reads_them_in_morocco_too(tmp_path):
    rows = [f"Youssef{i},Example,,+212 661 5550{i:02d}" for i in range(11)]
    rows += [f"Giulia{i},Example,,+39 347 55501{i:02d}" for i in range(3)]
    rows += ["Nadia,Idrissi,,06 12 55 50 14", "Hamza,Sqalli,,0661 5550 1122"]
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,E-mail Address,Mobile Phone\n" + "\n".join(rows) + "\n")
    records = list(addressbook.parse(Export(path)))
    assert evidence(records, "Nadia Idrissi") == ([], ["+212612555014"])
    assert evidence(records, "Hamza Sqalli") == ([], [])  # valid nowhere: the row is read, its number not linked
    assert note(records).endswith("; 1 left out, 0 read in the one of MA, IT they are valid in, 1 valid in several "
                                  "read in MA (11 of the 14 numbers written with a country code, at least 2 times as "
                                  "many as of the others)")
    assert_nothing_lost(records)


def test_the_note_is_shown_with_advice_through_the_command_line(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    ingest_books(unsocial, db, MOROCCO)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select reason from not_read where handling = 'parsed'").fetchall()
        linked = con.execute("select count(*) from raw_accounts where phone like '+212%'").fetchone()[0]
    assert len(rows) == 1 and "5 valid in several read in MA" in rows[0][0]
    assert linked == 16  # ten written with +212, six written nationally valid in MA ("00212…": as written)
