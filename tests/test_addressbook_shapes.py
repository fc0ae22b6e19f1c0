"""Address-book shapes found in public material after the first catalogue (docs/formats.md, address book):
translated CSV headers, Windows code pages, and contact groups kept as cards of their own."""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from ingest.sources.tabular import read_rows
from test_addressbook import evidence, parsed, people


def test_a_german_thunderbird_csv_is_read():
    # "Persönliches Adressbuch.csv" in Windows-1252, header from importMsgs.properties 2100-2136
    records = parsed("thunderbird-csv-de")
    assert people(records) == [
        # the display name is the first "Anzeigename", not the screen name (2136) that repeats it
        (2, "joerg.haeberle@example.de", "Jörg Häberle", "joerg.haeberle@example.de", "+49 171 5550142",
         "Bäckerei Häberle", "Bäckermeister"),
        # „ and “ are Windows-1252's (0x84, 0x93), not control characters
        (3, "svenja.krueger@example.org", "Svenja Krüger", "svenja.krueger@example.org", "+49 30 5550199",
         "Gasthaus „Zum Löwen“", None),
        (4, "oemer.kaya@example.com", "Ömer Kaya", "oemer.kaya@example.com", None, None, None),
        (5, "Lüder Groß", "Lüder Groß", None, "+49 160 5550123", None, None)]
    assert evidence(records, "svenja.krueger@example.org") == (
        ["svenja.krueger@example.org", "s.krueger@example.net"], ["+49 30 5550199"])
    assert evidence(records, "Lüder Groß")[1] == ["+49 160 5550123"]  # "Fax-Nummer" is no phone
    # a card holding an address only
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (6, "vorname, nachname, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_a_french_outlook_csv_is_read():
    records = parsed("outlook-csv-fr")
    assert people(records) == [
        # "Titre" twice: the courtesy title ("Mme") first, the job title second
        (2, "amelie.lefevre@example.fr", "Amélie Lefèvre", "amelie.lefevre@example.fr", "+33 6 55 50 12 34",
         "Boulangerie Lefèvre", "Gérante"),
        (3, "theo.garcon@example.com", "Théo Garçon", "theo.garcon@example.com", "+33 1 55 50 98 76", None, None),
        (4, "Noémie Dubois", "Noémie Dubois", None, "+33 7 55 50 44 21", "Chocolaterie Cœur de Loire", None),
        # "Type de messagerie" EX: an Exchange directory path, no e-mail address; "Télécopie" is a fax
        (5, "François Müller", "François Müller", None, "+33 4 55 50 77 00", None, None)]
    assert evidence(records, "theo.garcon@example.com") == (
        ["theo.garcon@example.com", "tgarcon@example.org"], ["+33 1 55 50 98 76"])
    assert evidence(records, "François Müller") == ([], ["+33 4 55 50 77 00"])
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


@pytest.mark.parametrize("vintage", ["thunderbird-csv-de", "outlook-csv-fr"])
def test_a_single_file_and_a_zip_are_read_alike(vintage, tmp_path):
    folder = fixture("addressbook", vintage)
    [member] = list(folder.iterdir())
    single = Export(member, tmp_path)
    zipped = Export(zip_folder(folder, tmp_path / "contacts.zip"), tmp_path)
    assert detect_source(single) is addressbook and detect_source(zipped) is addressbook
    assert people(addressbook.parse(single)) == people(addressbook.parse(zipped)) == people(parsed(vintage))


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_fastmail_group_cards_are_not_contacts(form, tmp_path):
    # Cyrus vCard 3.0: "Book club" (X-ADDRESSBOOKSERVER-KIND:group, two members) and "Feed" (no member)
    folder = fixture("addressbook", "fastmail-3.0")
    export = Export(folder) if form == "folder" else Export(zip_folder(folder, tmp_path / "Default.zip"), tmp_path)
    assert detect_source(export) is addressbook
    records = list(addressbook.parse(export))
    assert people(records) == [
        # FN: and N:;;;; empty, an e-mail only
        (1, "aea3c442-6880-4e08-8ea4-561ce920346a", None, "wanjiru.kamau@example.com", None, None, None),
        (15, "1c6cd38e-79be-4902-84bf-0010cc256d07", "Sigrid Haugen", "sigrid.haugen@example.no", "+47 455 50 123",
         None, None)]
    [note] = [n for n in records if isinstance(n, MemberNote)]
    assert (note.note, note.records_read) == ("vCards; groups, not people (left out): 2", 2)
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


def test_a_vcard_40_group_is_not_a_contact(tmp_path):
    # RFC 6350 §6.1.4: KIND:group with MEMBER; KIND:individual and KIND:org are contacts
    (tmp_path / "contacts.vcf").write_bytes(
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nUID:urn:uuid:5f1a\r\nFN:Ingrid Lindqvist\r\n"
        b"EMAIL:ingrid.lindqvist@example.se\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:Group\r\nUID:urn:uuid:7c2e\r\nFN:Chor\r\n"
        b"MEMBER:urn:uuid:5f1a\r\nMEMBER:mailto:chor@example.se\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Haddad Logistics\r\nTEL:+961 1 555 019\r\nEND:VCARD\r\n")
    records = list(addressbook.parse(Export(tmp_path / "contacts.vcf")))
    assert [(a.line, a.display_name) for a in records if isinstance(a, Account)] == [
        (1, "Ingrid Lindqvist"), (16, "Haddad Logistics")]
    assert [n.note for n in records if isinstance(n, MemberNote)] == ["vCards; groups, not people (left out): 1"]
    assert_nothing_lost(records)


def test_the_command_line_reads_them_and_reconciles(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    exports = [fixture("addressbook", v) for v in ("thunderbird-csv-de", "outlook-csv-fr", "fastmail-3.0")]
    result = unsocial("ingest", *exports, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select export_path, source, records_read, records_loaded, records_quarantined "
                           "from ingested_exports order by 1").fetchall() == [
            ("fastmail-3.0", "addressbook", 2, 2, 0), ("outlook-csv-fr", "addressbook", 4, 4, 0),
            ("thunderbird-csv-de", "addressbook", 5, 4, 1)]
        assert con.execute("select count(*) from raw_accounts where display_name in ('Book club', 'Feed')"
                           ).fetchone() == (0,)
    assert [n for n in ("Jörg", "Amélie", "Book club", "example.") if n in result.out + result.err] == []


def test_a_utf8_address_book_longer_than_the_head_read_for_its_header_is_read(tmp_path):
    """The header is found in the file's first 8 KiB. A UTF-8 German export longer than that, cut there inside
    an "ö", was read as Latin-1 in that head, its translated header no longer matched, and the whole file was
    refused as "not a recognised export"."""
    text = (fixture("addressbook", "thunderbird-csv-de") / "Persönliches Adressbuch.csv").read_bytes().decode("cp1252")
    header, first = text.splitlines()[:2]
    empty = "," * (header.count(",") - 1)
    data = f"{header}\n{first}\n".encode()
    while len(data) < 8000:
        data += f"Jörg,Häberle{len(data)}{empty}\n".encode()
    lead = f"Jörg,Sch{'x' * (8191 - len(data) - len('Jörg,Sch'.encode()))}".encode()
    data += lead + f"öne{empty}\n".encode()  # the head of 8192 bytes ends in the first byte of this "ö"
    assert len(data[:8192].rstrip(b"\xc3")) == 8191
    (tmp_path / "contacts.csv").write_bytes(data)
    export = Export(tmp_path / "contacts.csv", tmp_path)
    assert detect_source(export) is addressbook
    names = [a.display_name for a in addressbook.parse(export) if isinstance(a, Account)]
    assert names[0] == "Jörg Häberle" and len(names) > 20


@pytest.mark.parametrize("raw, text", [
    ("Bäckerei „Zum Löwen“ – 5 €".encode("cp1252"), "Bäckerei „Zum Löwen“ – 5 €"),  # Windows' own code page
    (b"Caf\xe9 \x81", "Café \x81"),  # 0x81 is no cp1252 character: the file is Latin-1 after all
])
def test_every_csv_that_is_not_utf8_is_read_as_windows_wrote_it(tmp_path, raw, text):
    """Decoding is one mechanism for every CSV (tabular): a LinkedIn file or a journal written by a Windows
    program reads „ “ – € as a contact CSV does, not as control characters."""
    (tmp_path / "Connections.csv").write_bytes(b"First Name,Company\r\nJ\xf6rg," + raw + b"\r\n")
    [row] = read_rows(Export(tmp_path / "Connections.csv", tmp_path), "Connections.csv", ["First Name", "Company"])
    assert row.get("company") == text and row.get("first name") == "Jörg"
