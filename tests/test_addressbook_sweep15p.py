"""Address-book CSVs from mail programs' import tests that were refused whole: a header of some of Thunderbird's
columns, in any order, as Thunderbird's own importer reads it (its csv_semicolon.csv; Roundcube's email.csv, one
"Primary Email" column); a CSV without a header stays unread (docs/formats.md, address book)."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from ingest.sources.contacts_csv import shape_of
from test_addressbook import evidence, ingest_books, parsed, people
from test_addressbook_sweep15 import quarantined


def test_a_semicolon_csv_of_four_thunderbird_columns_in_another_order_is_read():
    records = parsed("thunderbird-csv-semicolon")
    assert people(records) == [
        (2, "lena.vogel@example.invalid", "Lena Vogel", "lena.vogel@example.invalid", None, None, None),
        (3, "jonas.weber@example.invalid", "Jonas Weber", "jonas.weber@example.invalid", None, None, None),
        (5, "aylin.kaya@example.invalid", "Aylin Kaya", "aylin.kaya@example.invalid", None, None, None),
    ]
    first = next(r for r in records if getattr(r, "account_ref", None) == "lena.vogel@example.invalid")
    assert (first.first_name, first.last_name) == ("Lena", "Vogel")
    assert quarantined(records) == [("contacts.csv", 4, "first name, last name, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_a_csv_of_the_primary_email_column_alone_is_read(tmp_path):
    for export in (Export(fixture("addressbook", "roundcube-csv-email")),
                   Export(zip_folder(fixture("addressbook", "roundcube-csv-email"), tmp_path / "email.zip")),
                   Export(fixture("addressbook", "roundcube-csv-email", "email.csv"))):
        assert detect_source(export) is addressbook
        records = list(addressbook.parse(export))
        assert [p[1] for p in people(records)] == ["marta.nunez@example.invalid", "pieter.devries@example.invalid"]
        assert evidence(records, "marta.nunez@example.invalid") == (["marta.nunez@example.invalid"], [])
        assert [q[:2] for q in quarantined(records)] == [("email.csv", 4)]
        assert_nothing_lost(records)


@pytest.mark.parametrize("header, taken", [
    ("Primary Email,Secondary Email,Mobile Number,", True),  # a trailing empty column, as Thunderbird allows
    ("Nickname\tWork Phone", True),  # tab-separated
    ("Work Phone,Notes", False),  # no column naming a person
    ("Primary Email,Company", False),  # "Company" is no Thunderbird column: Thunderbird would ask
    ("Name,Primary Email", False),
])
def test_only_a_header_of_thunderbird_columns_naming_a_person_is_taken(tmp_path, header, taken):
    (tmp_path / "book.csv").write_text(f"{header}\nlena.vogel@example.invalid,,+49 30 5550101\n", encoding="utf-8")
    assert (shape_of(Export(tmp_path), "book.csv") is not None) is taken


def test_a_csv_without_a_header_is_not_guessed(tmp_path):
    # Thunderbird's csv_no_header.csv: its importer asks which column is which, so nothing is read by guess
    (tmp_path / "contacts.csv").write_text("Lena Vogel,Lena,Vogel,lena.vogel@example.invalid\n", encoding="utf-8")
    assert shape_of(Export(tmp_path), "contacts.csv") is None
    assert not addressbook.detect(Export(tmp_path))


@pytest.mark.parametrize("given", ["file", "folder"])
def test_ingesting_a_csv_without_a_header_says_to_add_one_naming_no_one(unsocial, tmp_path, given):
    """Not "not a recognised export, expected one of: …": what is wrong and what to do, in one line."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "contacts.csv").write_text("Lena Vogel,Lena,Vogel,lena.vogel@example.invalid\n", encoding="utf-8")
    result = unsocial("ingest", folder / "contacts.csv" if given == "file" else folder, "--db", tmp_path / "u.duckdb")
    assert result.code == 1 and "without a header row" in result.err and "add a header row" in result.err
    assert [n for n in ("Vogel", "example.invalid") if n in result.out + result.err] == []


def test_the_two_files_load_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", "thunderbird-csv-semicolon", "roundcube-csv-email")
    assert counts == [("roundcube-csv-email", "addressbook", 3, 2, 1),
                      ("thunderbird-csv-semicolon", "addressbook", 4, 3, 1)]
    assert [n for n in ("Vogel", "example.invalid", "no-at-sign") if n in result.out + result.err] == []
