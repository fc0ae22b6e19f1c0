"""Address-book shapes found in public material after the first catalogue (docs/formats.md, address book):
translated CSV headers, Windows code pages, Yahoo's CSV, contact groups kept as cards of their own, and
vCard 4.0's SOCIALPROFILE (RFC 9554)."""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from ingest.sources.tabular import read_rows
from test_addressbook import evidence, parsed, people, profiles_of


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


def test_a_french_thunderbird_csv_is_read():
    # "Adresses personnelles.csv": fr importMsgs.properties 2100-2136, "Tél. professionnel " with its trailing
    # space, "Nom de l’écran" with a typographic apostrophe, a comma ending every line (an empty 38th column)
    records = parsed("thunderbird-csv-fr")
    assert people(records) == [
        (2, "amadou.diallo@example.sn", "Amadou Diallo", "amadou.diallo@example.sn", "+221 33 555 01 23",
         "Pharmacie du Plateau", "Pharmacien"),
        (3, "margaux.lefort@example.fr", "Margaux Lefort", "margaux.lefort@example.fr", "+33 2 55 50 33 44", None,
         None),
        (4, "cedric.roux@example.be", "Cédric Roux", "cedric.roux@example.be", None, None, None),
        (5, "Fromagerie Vallet", "Fromagerie Vallet", None, "+33 4 55 50 80 80", "Fromagerie Vallet", None)]
    assert evidence(records, "amadou.diallo@example.sn") == (
        ["amadou.diallo@example.sn", "a.diallo@example.fr"], ["+221 33 555 01 23", "+221 77 555 01 99"])
    assert evidence(records, "margaux.lefort@example.fr")[1] == ["+33 2 55 50 33 44"]  # not her Fax, not her Pager
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (6, "prénom, nom de famille, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


@pytest.mark.parametrize("primary, secondary", [
    ("Première adresse électronique", "Deuxième adresse électronique"),  # the oldest French Thunderbirds
    ("Adresse électronique principale", "Adresse électronique secondaire"),
    ("Adresse e-mail principale", "Adresse e-mail secondaire"),  # thunderbird-l10n today
])
def test_every_translation_of_french_thunderbird_email_columns_is_read(tmp_path, primary, secondary):
    header = f"Prénom,Nom de famille,Nom à afficher,Surnom,{primary},{secondary},Nom de l'écran," \
             "Tél. professionnel ,Tél. personnel,Fax,Pager,Portable"
    row = "Amadou,Diallo,Amadou Diallo,,amadou.diallo@example.sn,a.diallo@example.fr,,,,,,"
    (tmp_path / "Adresses personnelles.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    export = Export(tmp_path / "Adresses personnelles.csv", tmp_path)
    assert detect_source(export) is addressbook
    assert evidence(list(addressbook.parse(export)), "amadou.diallo@example.sn")[0] == [
        "amadou.diallo@example.sn", "a.diallo@example.fr"]


def test_a_yahoo_csv_is_read():
    # yahoo_contacts.csv, every field quoted, "Messenger ID" and "Yahoo Phone" (no "!") and the IM columns at the end
    records = parsed("yahoo-csv")
    assert people(records) == [
        (2, "kwame.mensah@example.com", "Kwame Mensah", "kwame.mensah@example.com", "+233 24 555 0142",
         "Mensah Cocoa Ltd", "Agronomist"),
        (3, "ines.carvalho@example.pt", "Inês Maria Carvalho", "ines.carvalho@example.pt", "+351 21 555 0199", None,
         None),
        (4, "Lindqvist Bageri AB", "Lindqvist Bageri AB", None, "+46 8 555 012 34", "Lindqvist Bageri AB", None)]
    assert evidence(records, "kwame.mensah@example.com") == (
        ["kwame.mensah@example.com", "k.mensah@example.org"], ["+233 24 555 0142"])  # "Primary": "Mobile" is a label
    # Home, Work, Other and Yahoo Phone; not Fax, not Pager, not "Primary": "Home"
    assert evidence(records, "ines.carvalho@example.pt") == (
        ["ines.carvalho@example.pt", "inesc@example.net"],
        ["+351 21 555 0199", "+351 21 555 0100", "+351 91 555 0123", "+351 96 555 0177"])
    # the websites that are social profiles; the company's own site is none
    assert profiles_of(records, "kwame.mensah@example.com") == ["https://www.linkedin.com/in/kwame-mensah-555"]
    assert profiles_of(records, "ines.carvalho@example.pt") == ["https://twitter.com/inescarvalho"]
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (5, "first, last, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_vcard_40_socialprofile_gives_profile_keys():
    # RFC 9554: SOCIALPROFILE with SERVICE-TYPE, a URI (the default), VALUE=text, or a USERNAME parameter
    records = parsed("rfc9554-4.0")
    assert [(line, name, email, phone) for line, _, name, email, phone, *_ in people(records)] == [
        (1, "Aiko Tanaka", "aiko.tanaka@example.jp", "+81-90-5550-0142"),
        (11, "Rafael Ortiz", "rafael.ortiz@example.mx", None),
        (21, "Olga Petrova", None, "+7-916-555-01-77")]
    # a LinkedIn URL; a Mastodon one is no platform's
    assert profiles_of(records, "urn:uuid:0b7c2f6e-4d1a-4c55-9a10-3e2d6f1b8a01") == [
        "https://www.linkedin.com/in/aiko-tanaka-555"]
    # usernames as text: a known service's handle key; "SomeSite" gives none
    assert profiles_of(records, "urn:uuid:6a0f3c1d-2b8e-4f7a-b5c4-9d1e2f3a4b02") == [
        "https://twitter.com/rafa_ortiz", "https://www.xing.com/profile/rafael_ortiz"]
    # X's URL by user id names the account by its number (as an archive does), the USERNAME parameter by its handle
    assert profiles_of(records, "urn:uuid:9e4d2a7b-1c3f-4e8d-a6b5-0f2e1d3c4b03") == [
        "https://twitter.com/i/user/1444555666", "https://twitter.com/olga_petrova"]
    # a card naming nobody but a Mastodon profile
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (29, "FN, N, EMAIL, TEL: all missing")]
    assert_nothing_lost(records)


@pytest.mark.parametrize("vintage", ["thunderbird-csv-de", "outlook-csv-fr", "thunderbird-csv-fr", "yahoo-csv",
                                     "rfc9554-4.0"])
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
    exports = [fixture("addressbook", v) for v in ("thunderbird-csv-de", "outlook-csv-fr", "fastmail-3.0",
                                                   "thunderbird-csv-fr", "yahoo-csv", "rfc9554-4.0")]
    result = unsocial("ingest", *exports, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select export_path, source, records_read, records_loaded, records_quarantined "
                           "from ingested_exports order by 1").fetchall() == [
            ("fastmail-3.0", "addressbook", 2, 2, 0), ("outlook-csv-fr", "addressbook", 4, 4, 0),
            ("rfc9554-4.0", "addressbook", 4, 3, 1), ("thunderbird-csv-de", "addressbook", 5, 4, 1),
            ("thunderbird-csv-fr", "addressbook", 5, 4, 1), ("yahoo-csv", "addressbook", 4, 3, 1)]
        assert con.execute("select count(*) from raw_accounts where display_name in ('Book club', 'Feed')"
                           ).fetchone() == (0,)
    assert [n for n in ("Jörg", "Amélie", "Book club", "Amadou", "Kwame", "Aiko", "example.")
            if n in result.out + result.err] == []


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


def test_a_polish_outlook_csv_is_read_in_its_code_page():
    """Polish Outlook's "Export to a file → CSV", in cp1250 (code index id 52850260361). Not recognised before;
    read as cp1252 like other Windows CSVs, "Łukasz Bąk" would be "£ukasz B¹k", matching nobody."""
    records = parsed("outlook-csv-pl")
    assert people(records) == [
        (2, "lukasz.bak@example.pl", "Łukasz Bąk", "lukasz.bak@example.pl", "+48 601 555 123", "Piekarnia Bąk",
         "Kierownik zmiany"),
        (3, "zofia.wisniewska@example.com", "Zofia Maria Wiśniewska", "zofia.wisniewska@example.com",
         "+48 12 555 77 88", None, None),
        # "Typ e-mail" EX: an Exchange directory path, no address; "Ź" is a byte cp1252 lacks (read as Latin-1)
        (4, "Żaneta Źródłowska", "Żaneta Źródłowska", None, "+48 61 555 40 40", None, None),
        (5, "Kwiaciarnia Słonecznik", "Kwiaciarnia Słonecznik", None, "+48 71 555 09 09", "Kwiaciarnia Słonecznik",
         None)]
    assert evidence(records, "zofia.wisniewska@example.com") == (
        ["zofia.wisniewska@example.com", "zosia@example.org"], ["+48 12 555 77 88"])
    assert evidence(records, "lukasz.bak@example.pl")[1] == ["+48 601 555 123"]  # not the "Faks służbowy"
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


def test_a_polish_outlook_csv_saved_as_utf8_is_read_as_utf8(tmp_path):
    folder = tmp_path / "pl"
    folder.mkdir()
    text = fixture("addressbook", "outlook-csv-pl", "contacts.csv").read_bytes().decode("cp1250")
    (folder / "contacts.csv").write_bytes(text.encode("utf-8-sig"))
    records = list(addressbook.parse(Export(folder)))
    assert [p[2] for p in people(records)] == ["Łukasz Bąk", "Zofia Maria Wiśniewska", "Żaneta Źródłowska",
                                              "Kwiaciarnia Słonecznik"]
    assert_nothing_lost(records)


def test_an_outlook_im_address_is_the_contacts_address_too():
    # Outlook's "Save as vCard", one <Name>.vcf per contact: X-MS-IMADDRESS beside the EMAIL (ez-vcard's
    # outlook-2007.vcf, John_Doe_MS_OUTLOOK.vcf) was left out, and with it the only address that links Adaeze
    # to where she writes from; an empty one (Exchange writes it so) adds nothing
    records = parsed("outlook-2.1-im")
    assert people(records) == [
        (1, "adaeze.okonkwo@harbourline.example", "Adaeze Okonkwo", "adaeze.okonkwo@harbourline.example",
         "+44 20 5550 1842", "Harbourline Freight", "Operations Lead"),
        (1, "per.lindgren@example.se", "Per Lindgren", "per.lindgren@example.se", "+46 70 555 01 93", None, None)]
    assert evidence(records, "adaeze.okonkwo@harbourline.example") == (
        ["adaeze.okonkwo@harbourline.example", "ada.okonkwo@aol.example"], ["+44 20 5550 1842"])
    assert evidence(records, "per.lindgren@example.se") == (["per.lindgren@example.se"], ["+46 70 555 01 93"])
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


@pytest.mark.parametrize("url, key", [
    ("https://x.com/i/user/2847561930", "https://twitter.com/i/user/2847561930"),  # X opens an account by number
    ("twitter.com/intent/user?user_id=2847561930", "https://twitter.com/i/user/2847561930"),
    ("https://twitter.com/i/flow/login", None),
    ("https://twitter.com/intent/tweet?text=hi", None),
])
def test_a_twitter_account_named_by_its_number_has_the_key_of_the_archives_account_ref(url, key):
    from ingest.sources.profiles import profile_key

    assert profile_key(url) == key
