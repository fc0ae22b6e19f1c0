"""A phone's address book: identity evidence (e-mails, phones), never mistaken for XING."""

from __future__ import annotations

import pytest

import duckdb

from conftest import AS_OF, assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, MemberNote, Quarantined
from ingest.pipeline import Found, clean_work_dir, discover_exports, parse_export
from ingest.sources import addressbook, calendar, detect_source, split_export
from ingest.sources.archive import Export
from ingest.store.database import connect, known_exports, load_batches

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


# --- address books as phones, mail programs and contact services write them (docs/formats.md) ----

def people(records) -> list[tuple]:
    """The first account of each card or row: (line, account_ref, name, e-mail, phone, company, position)."""
    seen, rows = set(), []
    for a in (r for r in records if isinstance(r, Account)):
        if (a.member, a.line) not in seen:
            seen.add((a.member, a.line))
            rows.append((a.line, a.account_ref, a.display_name, a.email, a.phone, a.company, a.position))
    return rows


def evidence(records, ref: str) -> tuple[list[str], list[str]]:
    """Every e-mail and phone number the accounts of one card or row carry."""
    accounts = [a for a in records if isinstance(a, Account) and a.account_ref == ref]
    return [a.email for a in accounts if a.email], [a.phone for a in accounts if a.phone]


def parsed(vintage: str) -> list:
    export = Export(fixture("addressbook", vintage))
    assert detect_source(export) is addressbook
    return list(addressbook.parse(export))


def test_android_21_with_custom_labels_and_quoted_printable():
    records = parsed("android-2.1")
    assert people(records) == [
        # TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,…): Android's own label, which cost the card
        (1, "zoe.martin@example.fr", "Zoë Martin", "zoe.martin@example.fr", "+33 6 55 50 12 34", "Martin & Associés",
         "Beraterin"),
        (27, "pieter@example.nl", None, "pieter@example.nl", None, None, None),  # Android writes no N for it
        # EMAIL;INTERNET:"Ingrid Lindqvist" <…>, folded: the address, not the mail program's form
        (31, "ingrid.lindqvist@example.se", "Ingrid", "ingrid.lindqvist@example.se", None, None, None),
        # no FN or N: a nickname (X-ANDROID-CUSTOM …/nickname) and a Google Talk address (X-GOOGLE-TALK)
        (42, "tomasz.nowak@gmail.example", "Tomek", "tomasz.nowak@gmail.example", None, None, None),
        # a 2.1 card nested in another: both are cards, the outer one read on after the inner END:VCARD
        (51, "Leila Haddad", "Leila Haddad", None, "+961 1 555 019", None, None),
        (47, "Omar Haddad", "Omar Haddad", None, "+961 3 555 012", None, None)]
    assert evidence(records, "zoe.martin@example.fr") == (
        ["zoe.martin@example.fr", "z.martin@atelier-lyon.example"], ["+33 6 55 50 12 34", "+33 4 55 50 98 76"])
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (38, "FN, N, EMAIL, TEL: all missing")]


def test_a_21_card_cut_off_before_the_next_card_is_still_quarantined(tmp_path):
    # read as nesting (2.1 allows it), the next card is still a card, and the first one still has no END
    (tmp_path / "00001.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Berger;Lukas;;;\r\n"
                                         b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Aylin Demir\r\nTEL:+90 532 555 01 42\r\n"
                                         b"END:VCARD\r\n")
    records = list(addressbook.parse(Export(tmp_path / "00001.vcf")))
    assert [(a.line, a.display_name) for a in records if isinstance(a, Account)] == [(4, "Aylin Demir")]
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (1, "END:VCARD: missing (vCard cut off)")]
    assert_nothing_lost(records)


@pytest.mark.parametrize("vintage, expected", [
    # Google Contacts' vCard export: ':' escaped in URLs, item groups; an empty card quarantined
    ("google-vcard-3.0", [
        (1, "jonas.weber@example.de", "Jonas Weber", "jonas.weber@example.de", "+49 170 5550123", "Nordlicht GmbH",
         "Head of Data, EMEA"),
        (21, "Aylin Demir", "Aylin Demir", None, "+90 532 555 01 42", "Boğaziçi Labs", None)]),
    # Outlook's "Save as vCard": 2.1 in Windows-1252, QP notes, X-MS-OL-DESIGN, indented base64 photo
    ("outlook-2.1", [
        (1, "j.strasse@example.de", "Jürgen Straße", "j.strasse@example.de", "+49 711 5550120", "Brückenbau Süd GmbH",
         "Geschäftsführer")]),
    # macOS Contacts: X-ABUID, escaped commas, an unfolded photo line, a company card
    ("macos-3.0", [
        (1, "aylin@bogazici-labs.example", "Aylin Demir", "aylin@bogazici-labs.example", "+90 532 555 01 42",
         "Boğaziçi Labs", "CTO, Co-Founder"),
        (17, "tomas.novak@example.cz", "Tomás Novak", "tomas.novak@example.cz", None, "Novak Consulting s.r.o.", None),
        (29, "Boulangerie Dubois", "Boulangerie Dubois", None, "+33 4 55 50 11 22", "Boulangerie Dubois", None)]),
    # Evolution: folded at 75 octets inside e-mail addresses, quoted X-COUCHDB-UUID parameters
    ("evolution-3.0", [
        (1, "pas-id-65F2A1B3000001", "Pieter de Vries", "pieter.devries@hafenbau-rotterdam.example",
         "+31 6 5550 1234", "Hafenbau Rotterdam B.V.", "Ingenieur"),
        (18, "pas-id-65F2A1B3000002", "Ingrid Lindqvist", "ingrid.lindqvist@example.se", None, None, None)]),
    # vCard 4.0 from a CardDAV server: tel: URIs, PREF=1, a LABEL parameter with ^n
    ("carddav-4.0", [
        (1, "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", "Lukas Berger", "lukas.berger@example.de",
         "+49-170-555-0177", "Alpenwerk AG", "Projektleiter"),
        (16, "urn:uuid:0c7d8e9f-1a2b-4c3d-8e4f-5a6b7c8d9e0f", "Dubois, Chloé", "chloe.dubois@example.fr", None, None,
         None)]),
    # Thunderbird ≤ 2019: lower-case property names, VERSION last, blank lines between cards
    ("thunderbird-2.1", [
        (1, "anna.mueller@charite.example", "Anna Mueller", "anna.mueller@charite.example", "+49 30 5550188",
         "Charité", "Researcher"),
        (11, "zoe.martin@example.fr", "Zoë Martin", "zoe.martin@example.fr", None, None, None)]),
    # BlackBerry: 3.0's TYPE= in a 2.1 card, a base64 photo on one long line, an empty NOTE
    ("blackberry-2.1", [
        (1, "omar.haddad@example.com", "Omar Haddad", "omar.haddad@example.com", "+961 3 555 012", "Haddad Logistics",
         None)]),
])
def test_vcards_of_every_address_book_program(vintage, expected):
    assert people(parsed(vintage)) == expected


@pytest.mark.parametrize("vintage, expected", [
    # Google Contacts (2021-): "E-mail 1 - Value", several numbers in one cell joined by " ::: "
    ("google-csv-2021", [
        (3, "jonas.weber@example.de", "Jonas Weber", "jonas.weber@example.de", "+49 170 5550123", "Nordlicht GmbH",
         "Head of Data, EMEA"),
        (4, "Tomás Novak", "Tomás Novak", None, "+420 601 555 017", None, None),
        (5, "Zahnarztpraxis Dr. Roth", "Zahnarztpraxis Dr. Roth", None, "+49 89 555 0177", "Zahnarztpraxis Dr. Roth",
         None)]),
    # Gmail's legacy "Google CSV": Name, Given Name, …, a contact collected from mail filed under its address
    ("google-csv-legacy", [
        (2, "anna.mueller@charite.example", "Anna Mueller", "anna.mueller@charite.example", "0170 5550188", "Charité",
         "Researcher"),
        (3, "l.berger@hafenbau.example", "Lukas Berger Hafenbau", "l.berger@hafenbau.example", "+49 40 5550140", None,
         None),
        (4, "pieter@example.nl", None, "pieter@example.nl", None, None, None)]),
    # Google's "Outlook CSV": Outlook's columns in Google's order; a fax is no person's phone
    ("outlook-csv-google", [
        (2, "chloe.dubois@example.fr", "Chloé Dubois", "chloe.dubois@example.fr", "+33 6 55 50 77 88",
         "Atelier Dubois", "Designerin"),
        (3, "aylin@bogazici-labs.example", "Aylin Demir", "aylin@bogazici-labs.example", "+90 212 555 0142", None,
         None)]),
    ("outlook-com", [
        (2, "ingrid.lindqvist@example.se", "Ingrid Lindqvist", "ingrid.lindqvist@example.se", "+46 8 555 012 34",
         None, None),
        (3, "omar.haddad@example.com", "Omar Haddad", "omar.haddad@example.com", "+961 3 555 012", "Haddad Logistics",
         "Managing Director")]),
    # Outlook for Windows: all quoted, Windows-1252; an Exchange directory path is no e-mail address
    ("outlook-desktop", [
        (2, "lukas.berger@example.de", "Lukas Berger", "lukas.berger@example.de", "+49 89 5550170", "Alpenwerk AG",
         "Projektleiter"),
        (3, "chloe.dubois@example.fr", "Chloé Dubois", "chloe.dubois@example.fr", "+33 4 55 50 77 01",
         "Atelier Dubois", None)]),
    ("outlook-desktop-de", [
        (2, "j.strasse@example.de", "Jürgen Straße", "j.strasse@example.de", "+49 711 5550120", "Brückenbau Süd GmbH",
         "Geschäftsführer"),
        (3, "anna.mueller@charite.example", "Anna Mueller", "anna.mueller@charite.example", "030 5550100", "Charité",
         None)]),
    ("thunderbird-csv", [
        (2, "tomasz.nowak@example.pl", "Tomasz Nowak", "tomasz.nowak@example.pl", "+48 601 555 017", "Wisła Software",
         "Architekt"),
        (3, "pieter@example.nl", None, "pieter@example.nl", None, None, None)]),
])
def test_address_book_csvs_are_read_by_header(vintage, expected):
    assert people(parsed(vintage)) == expected


def test_csv_cells_with_several_values_give_every_email_and_phone():
    assert evidence(parsed("google-csv-2021"), "jonas.weber@example.de") == (
        ["jonas.weber@example.de", "jonas.w@example.net"], ["+49 170 5550123", "+49 30 5550199"])
    assert evidence(parsed("google-csv-legacy"), "anna.mueller@charite.example") == (
        ["anna.mueller@charite.example", "anna.m@example.net"], ["0170 5550188"])
    # the EX entry (an Exchange path) is skipped, the SMTP one in "E-mail 2 Address" kept
    assert evidence(parsed("outlook-desktop"), "chloe.dubois@example.fr") == (
        ["chloe.dubois@example.fr"], ["+33 4 55 50 77 01"])
    # "Fax geschäftlich" is not read as a phone
    assert evidence(parsed("outlook-desktop-de"), "j.strasse@example.de")[1] == ["+49 711 5550120", "+49 171 5550121"]


@pytest.mark.parametrize("vintage, quarantined", [
    ("google-csv-2021", [(6, "first name, last name, e-mail and phone columns: all empty")]),
    ("outlook-com", [(4, "row has 1 fields, the header 61")]),
    ("google-vcard-3.0", [(29, "FN, N, EMAIL, TEL: all missing")]),
])
def test_rows_without_a_person_are_quarantined_and_counted(vintage, quarantined):
    records = parsed(vintage)
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == quarantined
    assert_nothing_lost(records)


@pytest.mark.parametrize("vintage", ["google-csv-2021", "outlook-desktop-de", "android-2.1"])
def test_a_single_file_and_a_zip_are_read_alike(vintage, tmp_path):
    folder = fixture("addressbook", vintage)
    [member] = [p for p in folder.iterdir()]
    single = Export(member, tmp_path)
    zipped = Export(zip_folder(folder, tmp_path / "contacts.zip"), tmp_path)
    assert detect_source(single) is addressbook and detect_source(zipped) is addressbook
    assert people(addressbook.parse(single)) == people(addressbook.parse(zipped)) == people(parsed(vintage))


def test_other_csvs_are_not_address_books():
    assert detect_source(Export(fixture("journal", "comma", "journal.csv"))).NAME == "journal"
    for vintage in ("2020", "2024-complete"):
        assert not addressbook.detect(Export(fixture("linkedin", vintage)))
        assert not addressbook.detect(Export(fixture("linkedin", vintage, "Connections.csv")))


def ingest_books(unsocial, db, *vintages: str):
    """``unsocial ingest`` of address-book fixtures: the command's result and, per export, its counts."""
    result = unsocial("ingest", *(fixture("addressbook", v) for v in vintages), "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        return result, con.execute("select export_path, source, records_read, records_loaded, records_quarantined "
                                   "from ingested_exports order by 1").fetchall()


def test_counts_reconcile_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", "google-csv-2021", "outlook-desktop-de",
                                  "android-2.1")
    assert counts == [("android-2.1", "addressbook", 7, 6, 1), ("google-csv-2021", "addressbook", 4, 3, 1),
                      ("outlook-desktop-de", "addressbook", 2, 2, 0)]
    assert [n for n in ("Jürgen", "Zoë", "example.de", "Roth") if n in result.out + result.err] == []


def test_a_google_takeout_of_contacts_is_read_with_its_photos_left_out(tmp_path):
    """Takeout writes one vCard per label (a contact may be in several) and each contact's photo beside it."""
    takeout = zip_folder(fixture("addressbook", "google-takeout-2025"), tmp_path / "takeout-20251120T101500Z-001.zip")
    zipped = Export(takeout)
    assert detect_source(zipped) is addressbook
    records = list(addressbook.parse(zipped))
    assert [(a.member.rsplit("/", 1)[-1], a.account_ref, a.company) for a in records if isinstance(a, Account)] == [
        ("My Contacts.vcf", "lukas.berger@example.de", "Alpenwerk AG"),
        ("My Contacts.vcf", "omar.haddad@example.com", None),
        ("Starred in Android.vcf", "lukas.berger@example.de", None)]
    assert {n.member: n.handling for n in records if isinstance(n, MemberNote) and n.handling != "parsed"} == {
        "Takeout/archive_browser.html": "ignored", "Takeout/Contacts/My Contacts/Lukas Berger.jpg": "ignored"}
    assert_nothing_lost(records)


# --- phone contacts uploaded to Facebook: your_address_books.json, read inside the Facebook export ---------------

def uploaded(vintage: str, member: str) -> list:
    export = Export(fixture("facebook", vintage))
    assert detect_source(export).NAME == "facebook"
    return [r for item in detect_source(export).parse(export)
            for r in (item.records() if hasattr(item, "records") else [item]) if r.member == member]


@pytest.mark.parametrize("vintage, member, expected", [
    # F3 (2018-2020): {"address_book": {"address_book": [{name, details: [{contact_point}]}]}}
    ("f3-2020", "about_you/your_address_books.json", [
        ("jonas.weber@example.de", "Jonas Weber", "jonas.weber@example.de", None)]),
    # F4 on: {"address_book_v2": {"address_book": [...]}}; names in Facebook's mojibake; a contact by name only
    ("f6-2025-contacts", "personal_information/other_personal_information/your_address_books.json", [
        ("jonas.weber@example.de", "Jonas Weber", "jonas.weber@example.de", "+491705550123"),
        ("Jürgen Straße", "Jürgen Straße", None, "+497115550120"),
        ("Zahnarzt Dr. Roth", "Zahnarzt Dr. Roth", None, None)]),
    # your_imported_contacts.json: label_values labelled in the account's language (here Polish), one contact
    # point per entry; values told by their form
    ("f6-2025-contacts", "personal_information/other_personal_information/your_imported_contacts.json", [
        ("Jonas Weber", "Jonas Weber", None, "+49 170 5550123"),
        ("Agnieszka Wójcik", "Agnieszka Wójcik", None, "+48 601 555 014"),
        ("agnieszka.wojcik@example.pl", "Agnieszka Wójcik", "agnieszka.wojcik@example.pl", None),
        ("+48 22 555 01 99", None, None, "+48 22 555 01 99"),
        ("Fryzjer Kasia", "Fryzjer Kasia", None, None)]),
])
def test_phone_contacts_uploaded_to_facebook_are_address_book_accounts(vintage, member, expected):
    records = uploaded(vintage, member)
    accounts = [a for a in records if isinstance(a, Account)]
    assert [(a.account_ref, a.display_name, a.email, a.phone) for a in accounts] == expected
    assert {a.platform for a in accounts} == {"addressbook"}
    assert_nothing_lost(records)


def test_an_uploaded_facebook_contact_naming_nobody_is_quarantined():
    records = uploaded("f6-2025-contacts", "personal_information/other_personal_information/your_address_books.json")
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (4, "name, details.contact_point: all missing")]
    [note] = [n for n in records if isinstance(n, MemberNote)]
    assert (note.handling, note.records_read) == ("parsed", 4)
    imported = uploaded("f6-2025-contacts",
                        "personal_information/other_personal_information/your_imported_contacts.json")
    assert [(q.line, q.reason) for q in imported if isinstance(q, Quarantined)] == [
        (6, "label_values.value: all missing")]  # the update time alone


# --- a Google Takeout of several products in one zip: each read by its own source -----------------------------------

TAKEOUT = "takeout-20241120T101500Z-001.zip"


def test_a_takeout_of_calendar_and_contacts_is_split_between_their_sources(tmp_path):
    export = Export(zip_folder(fixture("calendar", "takeout-2024"), tmp_path / TAKEOUT), tmp_path)
    assert detect_source(export) is calendar  # the one source of the whole, as before
    assert [(source.NAME, part.relative_path, part.members()) for source, part in split_export(export)] == [
        ("calendar", f"{TAKEOUT}#calendar", ["Takeout/Calendar/marta@example.se.ics", "Takeout/archive_browser.html"]),
        ("addressbook", f"{TAKEOUT}#addressbook", ["Takeout/Contacts/My Contacts/My Contacts.vcf",
                                                   "Takeout/Contacts/My Contacts/Pieter de Vries.jpg"])]
    folder = Export(fixture("calendar", "takeout-2024"))  # the same, extracted
    assert [(source.NAME, len(part.members())) for source, part in split_export(folder)] == [
        ("calendar", 2), ("addressbook", 2)]
    # one product only: the whole export, read by one source
    single = Export(zip_folder(fixture("addressbook", "google-takeout-2025"), tmp_path / "contacts.zip"), tmp_path)
    assert [(source, part) for source, part in split_export(single)] == [(addressbook, single)]


def test_a_takeout_of_calendar_and_contacts_yields_meetings_and_emails(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    zip_folder(fixture("calendar", "takeout-2024"), inbox / TAKEOUT)
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        exports = con.execute("select export_path, source, records_read, records_loaded, records_quarantined "
                              "from ingested_exports order by 1").fetchall()
        meetings = con.execute("select account_ref, occurred_at::varchar from raw_interactions "
                               "where kind = 'meeting' order by 2").fetchall()
        people = dict(con.execute("select platform || ':' || account_ref, person_id from resolved_accounts").fetchall())
        handling = {row[0] for row in con.execute("select handling from not_read").fetchall()}
    assert exports == [(f"{TAKEOUT}#addressbook", "addressbook", 3, 2, 1), (f"{TAKEOUT}#calendar", "calendar", 2, 2, 0)]
    assert meetings == [("p.devries@hafenbau.example", "2024-10-14 13:00:00"),
                        ("aylin@bogazici-labs.example", "2024-11-05 11:00:00")]
    # the guest without a name is the card with the same address
    assert people["calendar:p.devries@hafenbau.example"] == people["addressbook:p.devries@hafenbau.example"]
    assert people["calendar:aylin@bogazici-labs.example"] == people["addressbook:aylin@bogazici-labs.example"]
    assert "unknown" not in handling and "unknown" not in result.out
    with connect(db, read_only=True) as con:  # the next run finds both parts unchanged
        assert all(f.unchanged for f in discover_exports(inbox, known_exports(con, "marta")).found)


def test_a_takeout_given_to_ingest_is_read_by_both_sources(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    takeout = zip_folder(fixture("calendar", "takeout-2024"), tmp_path / TAKEOUT)
    assert unsocial("ingest", takeout, "--db", db, "--owner", "marta").code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select source, records_loaded from ingested_exports order by 1").fetchall() == [
            ("addressbook", 2), ("calendar", 2)]


def test_a_takeout_read_whole_by_an_earlier_version_is_split_on_the_next_run(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    whole = Export(zip_folder(fixture("calendar", "takeout-2024"), inbox / TAKEOUT), inbox)
    db = tmp_path / "u.duckdb"
    with connect(db) as con:  # as loaded before: the calendar source read the whole zip
        parsed = [parse_export(Found(whole.path, inbox, "calendar"), "marta", tmp_path / "work", export=whole)]
        load_batches(con, "marta", parsed)
    clean_work_dir(parsed)
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF).code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select export_path from ingested_exports order by 1").fetchall() == [
            (f"{TAKEOUT}#addressbook",), (f"{TAKEOUT}#calendar",)]



# --- limits (issue 15, item 10): one card of a million e-mail addresses was a million accounts ------------------------

def card(*lines: str) -> str:
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VCARD\r\n"


@pytest.mark.parametrize("setting, value, lines, reason", [
    (None, None, ["FN:Jonas Weber", *(f"EMAIL:jonas{i}@example.de" for i in range(999))],
     "vCard: more than 1000 properties (limit UNSOCIAL_MAX_VCARD_PROPERTIES)"),
    ("UNSOCIAL_MAX_VCARD_PROPERTIES", "3", ["FN:Jonas Weber", "TEL:+49 170 5550123", "EMAIL:jonas@example.de"],
     "vCard: more than 3 properties (limit UNSOCIAL_MAX_VCARD_PROPERTIES)"),
    ("UNSOCIAL_MAX_VCARD_BYTES", "200", ["FN:Jonas Weber", "PHOTO;ENCODING=b:" + "A" * 100, " " + "A" * 100],
     "vCard: longer than 200 bytes (limit UNSOCIAL_MAX_VCARD_BYTES)"),
])
def test_a_card_over_a_limit_is_quarantined_and_the_next_one_loads(tmp_path, monkeypatch, setting, value, lines,
                                                                  reason):
    if setting:
        monkeypatch.setenv(setting, value)
    path = tmp_path / "contacts.vcf"
    path.write_text(card(*lines) + card("FN:Anna Müller", "TEL:+49 89 5550100"), encoding="utf-8")
    records = list(addressbook.parse(Export(path)))
    [refused] = [q for q in records if isinstance(q, Quarantined)]
    assert (refused.line, refused.reason) == (1, reason)
    assert refused.excerpt.startswith("BEGIN:VCARD\nVERSION:3.0\nFN:Jonas Weber") and len(refused.excerpt) <= 300
    assert [a.display_name for a in records if isinstance(a, Account)] == ["Anna Müller"]
    assert [n.records_read for n in records if isinstance(n, MemberNote)] == [2]


def test_a_card_at_the_limit_gives_every_address(tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text(card("FN:Jonas Weber", *(f"EMAIL:jonas{i}@example.de" for i in range(998))), encoding="utf-8")
    assert len([a for a in addressbook.parse(Export(path)) if isinstance(a, Account)]) == 998  # and VERSION, FN


# --- social profiles a card names: evidence that ties the card to platform accounts ---------------

def profiles_of(records, ref: str) -> list[str]:
    return [a.profile_url for a in records if isinstance(a, Account) and a.account_ref == ref and a.profile_url]


def test_an_apple_card_keeps_its_linkedin_and_xing_profiles():
    records = parsed("macos-3.0")
    assert profiles_of(records, "aylin@bogazici-labs.example") == [
        "https://www.linkedin.com/in/aylin-demir-example", "https://www.xing.com/profile/aylin_demir"]
    assert profiles_of(records, "tomas.novak@example.cz") == []


def test_a_google_contacts_website_that_is_a_linkedin_profile_is_kept():
    assert profiles_of(parsed("google-csv-2021"), "jonas.weber@example.de") == [
        "https://www.linkedin.com/in/jonas-weber-example"]


CARD = """BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//macOS 14.5//EN
N:Berger;Lukas;;;
FN:Lukas Berger
EMAIL;type=INTERNET:lukas@berger-privat.example
X-SOCIALPROFILE;type=linkedin:https\\://www.linkedin.com/in/lukas-berger-alpen
X-SOCIALPROFILE;type=twitter;x-user=lberger_muc:x-apple:lberger_muc
item1.URL:twitter.com/LukasBerger
item1.X-ABLabel:Twitter
IMPP;X-SERVICE-TYPE=Skype:skype:lukas.berger.skype
END:VCARD
"""
CONNECTIONS = """First Name,Last Name,URL,Email Address,Company,Position,Connected On
Lukas,Berger,https://www.linkedin.com/in/lukas-berger-alpen,,Alpenwerk AG,Projektleiter,05 Mar 2024
"""


def _people_beside_the_twitter_archive(unsocial, tmp_path, add_contacts) -> dict[str, str]:
    """``unsocial run`` over the 2022 Twitter fixture and the address book ``add_contacts(folder)`` writes:
    "platform:account_ref" → person_id."""
    import shutil
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(fixture("twitter", "2022"), inbox / "twitter")
    add_contacts(inbox)
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("select platform || ':' || account_ref, person_id from resolved_accounts").fetchall())


def test_a_card_naming_profiles_joins_them_into_one_person(unsocial, tmp_path):
    """The card names a LinkedIn URL and two Twitter handles (a personal and a local account): the
    card, the connection and both Twitter accounts are one person, which no name could decide."""
    def add_contacts(inbox):
        (inbox / "linkedin").mkdir()
        (inbox / "linkedin" / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
        (inbox / "contacts").mkdir()
        (inbox / "contacts" / "Lukas Berger.vcf").write_text(CARD, encoding="utf-8")

    people = _people_beside_the_twitter_archive(unsocial, tmp_path, add_contacts)
    card = people["addressbook:lukas@berger-privat.example"]
    assert people["linkedin:https://www.linkedin.com/in/lukas-berger-alpen"] == card
    assert people["twitter:2233445566"] == card  # @lukasberger
    assert people["twitter:7788990011"] == card  # @lberger_muc, "Lukas Berger 🏔️"


def test_a_card_naming_a_twitter_account_by_its_number_places_a_correspondent_known_by_it_alone(unsocial, tmp_path):
    """The archive knows a DM correspondent by the number 2847561930 alone; an old iPhone card names that number
    (``x-userid``) beside a handle the archive never saw: the card and the account are one person."""
    import shutil
    people = _people_beside_the_twitter_archive(
        unsocial, tmp_path, lambda inbox: shutil.copytree(fixture("addressbook", "iphone-twitter-id-3.0"),
                                                          inbox / "contacts"))
    ines = people["addressbook:Ines Ribeiro"]
    assert people["twitter:2847561930"] == ines
    assert people["twitter:1357924680"] != ines
    # a handle where the number belongs names no account by number, nor breaks the card
    assert people["addressbook:chidi.okafor@example.ng"] not in {people[a] for a in people if a.startswith("twitter:")}
