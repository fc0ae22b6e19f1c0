"""Address-book CSVs whose numbers were lost to linking (docs/formats.md, address book): numbers without a country
code read as German in a Lebanese Google CSV and a US Yahoo CSV (the file's region decided as for vCards, from its
numbers written internationally, else from its rows' country), the country code written twice by an iPhone synced
to Google, words after a number, an address in "First Name", names of punctuation only, operators' codes kept as
numbers, a contact saved under its number."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost
from ingest.models import Account, MemberNote
from ingest.normalise import e164, repaired_number
from ingest.sources.phone_regions import decided_by_country, file_region, region_of_country
from test_addressbook import evidence, ingest_books, parsed, people
from test_addressbook_sweep15 import quarantined


def linked(records) -> dict[int, list[str | None]]:
    """Each row's numbers as linking reads them (E.164), by line."""
    found: dict[int, list[str | None]] = {}
    for account in (r for r in records if isinstance(r, Account) and r.phone):
        found.setdefault(account.line, []).append(e164(account.phone))
    return found


def note(records) -> str:
    return next(r.note for r in records if isinstance(r, MemberNote))


def test_a_lebanese_google_csv_reads_its_national_numbers_in_lebanon():
    records = parsed("google-csv-iphone-lb")
    assert "numbers without a country code read in LB (15 of the 18 numbers written with a country code are +961)" \
        in note(records)
    numbers = linked(records)
    assert numbers[26] == ["+96176555211"]  # "76555211", read as +49… before
    assert numbers[27] == ["+9613555213", "+96171555214"]  # "03 555 213 ::: 71 555 214"
    assert numbers[28] == ["+96171555218"]
    assert numbers[14] == ["+9613555300"]  # written internationally: as it was
    assert_nothing_lost(records)


@pytest.mark.parametrize("written, number", [
    ("+961+9647805550206", "+9647805550206"),
    ("+961 00963935550207", "+963935550207"),
    ("+96100963935550208", "+963935550208"),
    ("+961+0201005550205", None),  # "+0201…" is no number either: left unread, as before
])
def test_a_country_code_written_twice_is_read_once(written, number):
    assert e164(written) == number


def test_the_doubled_country_codes_of_the_iphone_synced_csv_are_linked():
    numbers = linked(parsed("google-csv-iphone-lb"))
    assert (numbers[9], numbers[10], numbers[11]) == (["+9647805550206"], ["+963935550207"], ["+963935550208"])


@pytest.mark.parametrize("written, number", [
    ("925-555-0150  not in service", "+499255550150"),
    ("(925) 555-0151   unlisted", "+499255550151"),
    ("+49 30 5550101 (Büro)", "+49305550101"),
])
def test_the_number_before_words_in_its_cell_is_linked(written, number):
    assert e164(written) == number


@pytest.mark.parametrize("written", ["0800-FLOWERS", "+49 30 5550101", "0170 5550101", "+1 925 555 0160 ext. 12"])
def test_numbers_read_before_are_read_alike(written):
    assert repaired_number(written) == written or e164(written) == e164(repaired_number(written))
    assert e164(written) is not None


def test_a_us_yahoo_csv_is_read_in_the_us_by_its_rows_country():
    records = parsed("yahoo-csv-us")
    assert "numbers without a country code read in US (14 of the 15 rows naming a country: US)" in note(records)
    numbers = linked(records)
    assert numbers[3] == ["+19255550101"]  # "925-555-0101", read as +49… before
    assert numbers[14] == ["+19255550150"]  # "925-555-0150  not in service"
    assert numbers[15] == ["+19255550151", "+19255550152"]
    assert numbers[17] == ["+19255550160"]  # "… ext 1234"
    assert 16 not in numbers  # "disconnected": no number
    assert_nothing_lost(records)


def test_rows_naming_a_country_decide_only_when_many_and_alike():
    assert decided_by_country(["United States"] * 9) is None  # too few
    assert decided_by_country(["United States"] * 7 + ["Canada"] * 3) is None  # 80 % is needed
    assert decided_by_country(["United States"] * 7 + ["US", "Canada", "PARIS"])[0] == "US"  # a city counts against
    assert decided_by_country(["United States"] * 7 + ["Canada", "PARIS", "Springfield"]) is None
    assert decided_by_country(["Deutschland"] * 10)[0] == "DE"
    assert file_region([], ["Deutschland"] * 10) is None  # the region linking reads them in anyway
    assert file_region(["+961 3 555 201"] * 10, ["United States"] * 10)[0] == "LB"  # the numbers first
    assert [region_of_country(n) for n in ("United States", "us", "Liban", "Lebanon ", "España", "PARIS", "")] == \
        ["US", "US", "LB", "LB", "ES", None, None]


def test_an_address_in_first_name_is_the_contacts_email():
    records = parsed("google-csv-es-address-as-name")
    assert people(records)[1:3] == [
        (3, "oficina.norte@empresa.example", "Oficina", "oficina.norte@empresa.example", "+34 600 555 002",
         "Empresa Norte", None),
        (4, "reservas@hotel-sol.example", "Hotel Sol", "reservas@hotel-sol.example", None, "Hotel Sol", None),
    ]
    first = next(r for r in records if isinstance(r, Account) and r.line == 3)
    assert (first.first_name, first.last_name) == (None, "Oficina")
    assert_nothing_lost(records)


def test_punctuation_is_no_name_and_operators_codes_no_number():
    records = parsed("google-csv-iphone-lb")
    rows = {row[0]: row for row in people(records)}
    assert rows[3][1:5] == ("+961 3 555 201", None, None, "+961 3 555 201")  # first name ";"
    assert rows[6][1:5] == ("+961 3 555 202", None, None, "+961 3 555 202")  # first name "#%&"
    assert quarantined(records) == [
        ("contacts.csv", line, "first name, last name and e-mail columns empty; the phone column only an operator's "
                               "code (USSD)") for line in (7, 8)]  # "*220#", "*200*…#"


def test_a_contact_saved_under_its_number_has_it_as_its_number():
    rows = {row[0]: row for row in people(parsed("google-csv-iphone-lb"))}
    assert rows[12][1:5] == ("+9613555210", None, None, "+9613555210")  # "03555210" in First Name, no number
    assert rows[13][1:5] == ("+961 70 555 204", None, None, "+961 70 555 204")  # and the same in its Phone 1
    assert evidence(parsed("google-csv-iphone-lb"), "+961 70 555 204") == ([], ["+961 70 555 204"])


def test_the_new_vintages_ingest_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", "google-csv-iphone-lb",
                                  "google-csv-es-address-as-name", "yahoo-csv-us")
    assert counts == [("google-csv-es-address-as-name", "addressbook", 4, 4, 0),
                      ("google-csv-iphone-lb", "addressbook", 24, 22, 2),
                      ("yahoo-csv-us", "addressbook", 16, 16, 0)]
    assert [n for n in ("Oficina", "Haddad", "555", "example.com") if n in result.out + result.err] == []
