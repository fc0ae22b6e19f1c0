"""Address-book shapes that lost whole files, found in other projects' test material: Outlook's CSV in Dutch, the
Windows Address Book's (Outlook Express) CSV, and vCards in UTF-16 without a byte-order mark (docs/formats.md,
address book)."""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture
from ingest.models import Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from test_addressbook import evidence, ingest_books, parsed, people


def quarantined(records) -> list[tuple]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def test_a_dutch_outlook_csv_is_read():
    # contacts.csv from a Dutch Outlook: every field quoted, cp1252, the 92 columns Open-Xchange's importer test quotes
    records = parsed("outlook-csv-nl")
    assert people(records) == [
        (2, "sanne.vandenberg@example.nl", "Sanne van den Berg", "sanne.vandenberg@example.nl", "+31 6 5550 1234",
         "Bakkerij Van den Berg", "Eigenaar"),
        (3, "d.devries@example.com", "Daan Pieter de Vries", "d.devries@example.com", "+31 20 555 0188", None, None),
        # "E-mailtype" EX: an Exchange directory path, no e-mail address
        (4, "Fleur Bakker-Çelik", "Fleur Bakker-Çelik", None, "06-55501999", None, None),
        (5, "Fietsenmakerij Hoogeveen", "Fietsenmakerij Hoogeveen", None, "+31 528 555 010",
         "Fietsenmakerij Hoogeveen", None)]
    # both e-mails; the work and home phones, not the work fax
    assert evidence(records, "d.devries@example.com") == (
        ["d.devries@example.com", "daan@example.org"], ["+31 20 555 0188", "+31 30 555 0147"])
    assert quarantined(records) == [(6, "voornaam, achternaam, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_a_windows_address_book_csv_is_read():
    # Outlook Express's export with its default fields: one "Name" column, no first or last name
    records = parsed("windows-address-book-csv")
    assert people(records) == [
        (2, "mirela.d@example.ro", "Mirela Dumitrescu", "mirela.d@example.ro", "+40 264 555 012", None, None),
        (3, "oystein@example.no", "Øystein Hågensen", "oystein@example.no", "+47 77 55 50 10", "Hågensen Fisk AS",
         "Daglig leder"),
        (4, "k.osei@example.com", None, "k.osei@example.com", None, None, None),  # taken from a mail, no name
        (5, "Greenwich Tiles Ltd", "Greenwich Tiles Ltd", None, "+44 20 5550 0990", "Greenwich Tiles Ltd", None)]
    # the reason names the columns the file has: "Name", not a first and last name it never had
    assert quarantined(records) == [(6, "name, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_a_utf16_vcard_without_a_byte_order_mark_is_read():
    records = parsed("utf16-nobom-3.0")
    assert people(records) == [
        (1, "ljiljana.djuric@example.hr", "Ǉiljana Ǆurić", "ljiljana.djuric@example.hr", "+385 91 555 0143", None,
         None),
        (8, "haruto.okubo@example.jp", "大久保 陽翔", "haruto.okubo@example.jp", None, None, None)]
    assert quarantined(records) == [(14, "FN, N, EMAIL, TEL: all missing")]
    assert_nothing_lost(records)


@pytest.mark.parametrize("name", ["contacts.vcf", "Kontakte"])  # a single file of another name is known by its head
def test_a_little_endian_utf16_vcard_without_a_byte_order_mark_is_read(tmp_path, name):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zsófia Kővári\r\nEMAIL:zsofia.kovari@example.hu\r\nEND:VCARD\r\n"
    path = tmp_path / name
    path.write_bytes(card.encode("utf-16-le"))
    export = Export(path)
    assert detect_source(export) is addressbook
    records = list(addressbook.parse(export))
    assert people(records) == [
        (1, "zsofia.kovari@example.hu", "Zsófia Kővári", "zsofia.kovari@example.hu", None, None, None)]
    assert_nothing_lost(records)


def test_a_utf8_vcard_is_not_taken_for_utf16(tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lúcia Prado\nTEL:+55 11 5550 0123\nEND:VCARD\n", "utf-8")
    assert people(list(addressbook.parse(Export(path)))) == [
        (1, "Ana Lúcia Prado", "Ana Lúcia Prado", None, "+55 11 5550 0123", None, None)]


def test_counts_reconcile_through_the_command_line(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result, counts = ingest_books(unsocial, db, "outlook-csv-nl", "windows-address-book-csv", "utf16-nobom-3.0")
    assert counts == [("outlook-csv-nl", "addressbook", 5, 4, 1), ("utf16-nobom-3.0", "addressbook", 3, 2, 1),
                      ("windows-address-book-csv", "addressbook", 5, 4, 1)]
    with duckdb.connect(str(db), read_only=True) as con:
        # every e-mail: three Dutch (one person's two), three from Outlook Express, two from the UTF-16 cards
        emails = "select count(distinct email) from raw_accounts where platform = 'addressbook'"
        assert con.execute(emails).fetchone() == (8,)
    # nothing personal in what the command prints
    printed = result.out + result.err
    assert [n for n in ("Sanne", "Hågensen", "example.nl", "Kerkstraat", "ljiljana") if n in printed] == []


def test_a_nokia_suite_csv_is_read():
    # Contacts.csv from Nokia Suite: every field quoted, each line ending in a comma (an empty 56th column), names
    # often in "First name" or "Last name" alone, operator codes as numbers (cvenkatachary/contacts Contacts.csv)
    records = parsed("nokia-suite-csv")
    assert people(records) == [
        (2, "Nomvula Dlamini", "Nomvula Dlamini", None, "+27 82 555 0147", None, None),
        (3, "Uncle Sipho", "Uncle Sipho", None, "082 555 0199", None, None),
        (4, "tendai.moyo@example.zw", "Tendai Moyo", "tendai.moyo@example.zw", "+263 77 555 0111", "Harare Imaging",
         "Radiologist"),
        (5, "Airtime balance", "Airtime balance", None, None, None, None),  # an operator code: no phone
        (6, "Kasi Panel Beaters", "Kasi Panel Beaters", None, "+27 12 555 0180", "Kasi Panel Beaters", None)]
    # the General, Home and Business numbers, a video-call number among them; not the fax
    assert evidence(records, "Uncle Sipho") == ([], ["082 555 0199", "011 555 0123"])
    assert evidence(records, "tendai.moyo@example.zw") == (
        ["tendai.moyo@example.zw"], ["+263 77 555 0111", "+263 77 555 0110"])
    assert "https://www.linkedin.com/in/tendai-moyo-example" in [getattr(a, "profile_url", None) for a in records]
    # a row with a note and a fax only
    assert quarantined(records) == [(7, "first name, last name, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_a_nokia_pc_suite_csv_with_e_mail_columns_is_read(tmp_path):
    # older Nokia PC Suite headers say "General e-mail" where Nokia Suite says "General email"
    # (code index ids 12722155334, 39742906539: writers of that header)
    source = (fixture("addressbook", "nokia-suite-csv") / "Contacts.csv").read_text("utf-8")
    path = tmp_path / "Contacts.csv"
    path.write_text(source.replace(" email", " e-mail"), "utf-8", newline="")
    export = Export(path)
    assert detect_source(export) is addressbook
    records = list(addressbook.parse(export))
    assert evidence(records, "tendai.moyo@example.zw")[0] == ["tendai.moyo@example.zw"]
    assert_nothing_lost(records)


def test_a_nokia_suite_csv_reconciles_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", "nokia-suite-csv")
    assert counts == [("nokia-suite-csv", "addressbook", 6, 5, 1)]
    assert "Dlamini" not in result.out + result.err

