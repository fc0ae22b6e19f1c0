"""LinkedIn shapes found in public material after the main vintages: the address book uploaded in 2025
(``ImportedContacts.csv``), the connections exported for Outlook or Yahoo before 2018, messages of early
2020 in capitals with ISO dates; and XING's vCards of about 2009. Folder and zip, as a user hands them in."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF, assert_nothing_lost, fixture, forms, ingested, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source
from ingest.sources.archive import Export

OUTLOOK = "linkedin_connections_export_microsoft_outlook.csv"
YAHOO = "linkedin_connections_export_yahoo.csv"






def handling(records) -> dict[str, str]:
    return {n.member: n.handling for n in records if isinstance(n, MemberNote)}


# --- 2025 ImportedContacts.csv: the uploaded address book without Companies, several values a cell -----------------

def test_2025_imported_contacts_are_read_as_the_uploaded_address_book(tmp_path):
    for export in forms("2025-imported-contacts", tmp_path):
        records = parse(export)
        accounts = [(a.account_ref, a.display_name, a.email, a.phone, a.position)
                    for a in records if isinstance(a, Account) and a.member == "ImportedContacts.csv"]
        assert accounts == [
            ("aylin.demir@example.com", "Aylin Demir", "aylin.demir@example.com", "+49 151 2345678", "Data Engineer"),
            ("aylin.demir@example.com", "Aylin Demir", "aylin@example.org", None, None),  # two e-mails, one cell
            ("chloe.dubois@example.fr", "Chloé Marie Dubois", "chloe.dubois@example.fr", "+33 6 12 34 56 78", None),
            ("chloe.dubois@example.fr", "Chloé Marie Dubois", None, "+33 1 23 45 67 89", None),  # two numbers
            ("Pieter de Vries", "Pieter de Vries", None, "+31 6 12345678", None),
            ("tomas.novak@example.cz", None, "tomas.novak@example.cz", None, None)]
        assert {a.platform for a in records if isinstance(a, Account) and a.member == "ImportedContacts.csv"} == {
            "addressbook"}
        assert not [i for i in records if isinstance(i, Interaction) and i.member == "ImportedContacts.csv"]
        assert [(q.member, q.line) for q in records if isinstance(q, Quarantined)] == [("ImportedContacts.csv", 6)]
        assert handling(records) == {"Connections.csv": "parsed", "ImportedContacts.csv": "parsed"}
        assert_nothing_lost(records)


# --- ≤ 2017 connections exported for an address book: LinkedIn connections, known by name ---------------------------

EXPORTED = {
    # Outlook: LinkedIn put a connection's credentials into Last Name ("Berger, MBA"), as on the profile
    OUTLOOK: [("Lukas Berger, MBA", "lukas.berger@example.de", "Alpenwerk AG", "Projektleiter"),
              ("Chloé Dubois", "chloe.dubois@example.fr", "Maison Lune", "Directrice, Marketing"),
              ("Pieter de Vries", "pieter@example.nl", None, None),
              ("Aylin Demir", "aylin.demir@example.com", "Nordlicht GmbH", "Data Engineer")],
    YAHOO: [("Lukas Berger", "lukas.berger@example.de", "Alpenwerk AG", "Projektleiter"),
            ("Chloé Dubois", "chloe.dubois@example.fr", "Maison Lune", "Directrice, Marketing"),
            ("Pieter de Vries", "pieter@example.nl", None, None),
            ("Aylin Demir", "aylin.demir@example.com", "Nordlicht GmbH", "Data Engineer")],
}


def exported(vintage: str, member: str, tmp_path: Path) -> list[list]:
    """Records of the export as folder, as zip, and of the file handed in alone."""
    alone = tmp_path / "alone"
    alone.mkdir(exist_ok=True)
    single = Export(Path(shutil.copy(fixture("linkedin", vintage, member), alone / member)))
    exports = [*forms(vintage, tmp_path), single]
    assert [detect_source(e).NAME if detect_source(e) else None for e in exports] == ["linkedin"] * 3
    return [parse(e) for e in exports]


@pytest.mark.parametrize("vintage, member", [("2012-outlook", OUTLOOK), ("2012-yahoo", YAHOO)])
def test_connections_exported_for_an_address_book_are_linkedin_connections(vintage, member, tmp_path):
    for records in exported(vintage, member, tmp_path):
        accounts = [a for a in records if isinstance(a, Account)]
        assert [(a.account_ref, a.email, a.company, a.position) for a in accounts] == EXPORTED[member]
        assert {(a.platform, a.display_name == a.account_ref, a.profile_url, a.is_owner) for a in accounts} == {
            ("linkedin", True, None, False)}  # no profile URL: known by name, as Connections.csv without URL
        assert not [i for i in records if isinstance(i, Interaction)]  # no date: no connection to date
        assert "unknown" not in handling(records).values()
        assert_nothing_lost(records)


def test_an_outlook_export_cut_off_in_its_last_row_keeps_the_rows_before(tmp_path):
    records = parse(Export(fixture("linkedin", "2012-outlook")))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (6, "row has 6 fields, the header 59")]
    [note] = [n for n in records if isinstance(n, MemberNote)]
    assert (note.records_read, note.note) == (5, "connections exported for Outlook (no profile URL, no date)")


def test_outlook_express_is_the_same_file_and_an_outlook_csv_of_another_name_stays_an_address_book(tmp_path):
    express, other = tmp_path / "express", tmp_path / "other"
    express.mkdir(), other.mkdir()
    source = fixture("linkedin", "2012-outlook", OUTLOOK)
    shutil.copy(source, express / "linkedin_connections_export_outlook_express.csv")
    shutil.copy(source, other / "contacts.csv")
    records = parse(Export(express))
    assert [a.account_ref for a in records if isinstance(a, Account)] == [ref for ref, *_ in EXPORTED[OUTLOOK]]
    assert {a.platform for a in records if isinstance(a, Account)} == {"linkedin"}
    assert detect_source(Export(other)).NAME == "addressbook"


@pytest.mark.parametrize("vintage, counts", [
    ("2012-outlook", (5, 4, 1)), ("2012-yahoo", (4, 4, 0)), ("2025-imported-contacts", (6, 5, 1))])
def test_ingest_loads_them_as_linkedin_and_reconciles(unsocial, tmp_path, vintage, counts):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("linkedin", vintage), "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    assert "unknown file" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        exports = con.execute("select source, records_read, records_loaded, records_quarantined "
                              "from ingested_exports").fetchall()
        people = con.execute("select platform, count(distinct account_ref), count(email) from raw_accounts "
                             "group by 1 order by 1").fetchall()
    assert exports == [("linkedin", *counts)]
    expected = {"2012-outlook": [("linkedin", 4, 4)], "2012-yahoo": [("linkedin", 4, 4)],
                "2025-imported-contacts": [("addressbook", 4, 4), ("linkedin", 1, 0)]}
    assert people == expected[vintage]


# --- early 2020 messages.csv: the 2018 columns in capitals, ISO dates without a zone -------------------------------

def test_2020_messages_in_capitals_with_iso_dates_are_read_by_direction(tmp_path):
    for export in forms("2020-messages-iso", tmp_path):
        records = parse(export)
        messages = [(i.account_ref, i.direction, i.occurred_at) for i in records
                    if isinstance(i, Interaction) and i.kind == "message"]
        assert messages == [("Lukas Berger", "in", datetime(2019, 11, 6, 2, 8, 20)),
                            ("Lukas Berger", "out", datetime(2019, 11, 6, 9, 15, 2)),
                            ("Chloé Dubois", "in", datetime(2019, 12, 1, 18, 40, 11)),  # text over two lines
                            ("Pieter de Vries", "out", datetime(2020, 1, 15, 7, 2, 59))]
        owners = [a.display_name for a in records if isinstance(a, Account) and a.is_owner]
        assert owners == ["Jana Kowalski"]  # from Profile.csv, never a counterpart
        assert handling(records) == {"Profile.csv": "parsed", "messages.csv": "parsed"}
        assert_nothing_lost(records)


# --- messages.csv of about 2023: FROM and TO double-encoded, Connections.csv right --------------------------------

def test_2023_double_encoded_names_in_messages_read_right(tmp_path):
    for export in forms("2023-messages-mojibake", tmp_path):
        records = parse(export)
        messages = [(i.account_ref, i.direction) for i in records if isinstance(i, Interaction) and i.kind == "message"]
        assert messages == [("https://www.linkedin.com/in/renee-lefevre-0a1b", "in"),
                            ("https://www.linkedin.com/in/renee-lefevre-0a1b", "out"),
                            ("Jürgen Strauß", "in"),   # "JÃ¼rgen StrauÃ" and a control: read as Latin-1
                            ("Jürgen Strauß", "out")]  # "JÃ¼rgen StrauÃŸ": read as Windows-1252
        names = {a.display_name for a in records if isinstance(a, Account) and a.member == "messages.csv"}
        assert names == {"Renée Lefèvre", "Jürgen Strauß"}
        assert [(q.member, q.line) for q in records if isinstance(q, Quarantined)] == [
            ("Connections.csv", 8), ("messages.csv", 6)]
        assert_nothing_lost(records)


def test_2023_a_sender_known_by_a_double_encoded_name_is_his_connection(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "ola"
    shutil.copytree(fixture("linkedin", "2023-messages-mojibake"), inbox / "Complete_LinkedInDataExport_08-01-2023")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        contacts = con.execute("select display_name, messages_in, messages_out, connected_at::date::varchar "
                               "from contacts order by 1").fetchall()
    assert contacts == [("Jürgen Strauß", 1, 1, "2022-01-03"), ("Renée Lefèvre", 1, 1, "2023-06-12")]


# --- messages.csv of about 2023 with several recipients joined by semicolons ------------------------------------

JONAS_URL, AYLIN_URL = "https://www.linkedin.com/in/jonas-weber-1a2b", "https://www.linkedin.com/in/aylindemir"


def test_2023_recipients_joined_by_semicolons_are_each_a_member_of_the_group(tmp_path):
    for export in forms("2023-messages-semicolon", tmp_path):
        records = parse(export)
        messages = [(i.line, i.account_ref, i.direction, i.is_group) for i in records if isinstance(i, Interaction)]
        assert messages == [(2, JONAS_URL, "out", True), (2, AYLIN_URL, "out", True),  # names "Jonas Weber, Aylin Demir"
                            (3, JONAS_URL, "in", True),  # to "Marta Lindqvist;Aylin Demir"
                            (4, "https://www.linkedin.com/in/tnowak", "out", False)]
        names = {a.account_ref: a.display_name for a in records if isinstance(a, Account) and not a.is_owner}
        assert names == {JONAS_URL: "Jonas Weber", AYLIN_URL: "Aylin Demir",
                         "https://www.linkedin.com/in/tnowak": "Tomasz Nowak"}
        assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(5, "date: missing")]
        assert_nothing_lost(records)


# --- messages.csv of 2022: sponsored messages and gone members as "LinkedIn Member" without a URL ------------------

HIDDEN = '"LinkedIn Member" with no profile URL, a sponsored message or a deleted or deactivated account'


def test_2022_linkedin_member_without_a_url_is_nobody_to_count(tmp_path):
    for export in forms("2022-messages-sponsored", tmp_path):
        records = parse(export)
        assert not [a for a in records if isinstance(a, Account) and a.display_name == "LinkedIn Member"]
        assert [(i.line, i.account_ref, i.direction) for i in records if isinstance(i, Interaction)] == [
            (2, JONAS_URL, "in"), (3, "Jonas Weber", "out")]
        assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
            (4, f"from: {HIDDEN}"), (5, f"from: {HIDDEN}"), (6, f"to: {HIDDEN}")]
        assert_nothing_lost(records)


# --- XING vCards of about 2009 (PRODID epublica): 2.1 in ISO-8859-1, UID xing.com-<id> -----------------------------

def test_2009_xing_vcards_are_xing_contacts_by_their_prodid(tmp_path):
    for export in forms("2009-epublica", tmp_path, "xing"):
        assert detect_source(export).NAME == "xing"  # the folder's and zip's names say nothing of XING
        records = parse(export)
        contacts = {a.member: (a.account_ref, a.display_name, a.email, a.phone, a.company, a.position)
                    for a in records if isinstance(a, Account)}
        assert contacts == {
            "Anna_Mueller.vcf": ("xing.com-3456789", "Anna Müller", None, "+41 79 1234567", "Freiberuflerin", None),
            # the WORK e-mail marked pref before the HOME one; the title in ISO-8859-1
            "Lukas_Berger.vcf": ("xing.com-1234567", "Dr. Lukas Berger", "lukas.berger@example.de",
                                 "+49 170 1234567", "Alpenwerk AG", "Projektleiter Süd"),
            "Juergen_Strasse.vcf": ("xing.com-2345678", "Jürgen Straße", "j.strasse@example.at", None,
                                    "Grüner Weg GmbH", "Geschäftsführer")}
        assert Counter(type(r).__name__ for r in records) == {"Account": 3, "MemberNote": 3}


# --- 2022 Complete export: endorsements in UTF-16 with tabs, beside a UTF-8 copy of part of them ---------------------

UTF16 = "Endorsement Received Info.csv"
NAMELESS = "name and profile URL empty: a member LinkedIn no longer names (likely a deleted or deactivated account)"


def test_2022_endorsements_in_utf16_with_tabs_are_read_once(tmp_path):
    for export in forms("2022-endorsements-utf16", tmp_path):
        records = parse(export)
        endorsements = Counter((i.account_ref, i.occurred_at) for i in records
                               if isinstance(i, Interaction) and i.kind == "endorsement")
        # two skills a second from Jonas are two endorsements; "Redacted" ones are endorsements too
        assert endorsements == {("Jonas Weber", datetime(2020, 5, 14, 1, 14, 39)): 2,
                                ("Aylin Demir", datetime(2020, 6, 9, 0, 53, 47)): 1,
                                ("Pieter de Vries", datetime(2022, 7, 27, 1, 50, 24)): 1,
                                ("Pieter de Vries", datetime(2022, 7, 27, 1, 50, 25)): 1}
        assert {i.member for i in records if isinstance(i, Interaction) and i.kind == "endorsement"} == {UTF16}
        assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
            ("Connections.csv", 7, NAMELESS), (UTF16, 7, "endorsement date: date in no known format"),
            ("messages.csv", 4, f"from: {NAMELESS}"), ("messages.csv", 5, f"to: {NAMELESS}")]
        assert handling(records) == {
            "Profile.csv": "parsed", "Connections.csv": "parsed", UTF16: "parsed", "messages.csv": "parsed",
            "Endorsement_Received_Info.csv": "ignored",  # every row of it is in the UTF-16 file
            "Account Status History.csv": "ignored", "Hashtag_Follows.csv": "ignored"}
        assert_nothing_lost(records)




def test_2022_ingest_counts_each_endorsement_once_and_reconciles(unsocial, tmp_path):
    exports, endorsers = ingested(unsocial, tmp_path, "2022-endorsements-utf16",
                                  "select account_ref, count(*) from raw_interactions where kind = 'endorsement' "
                                  "group by 1 order by 1")
    assert exports == [(15, 11, 4)]
    assert endorsers == [("Aylin Demir", 1), ("Jonas Weber", 2), ("Pieter de Vries", 2)]


# --- Connections.csv saved again from a spreadsheet: no Notes, "Connected On" as d-mmm-yy --------------------------

def test_connections_resaved_from_a_spreadsheet_keep_their_dates(tmp_path):
    for export in forms("2023-connections-spreadsheet", tmp_path):
        records = parse(export)
        connected = {a.display_name: (a.email, a.company, a.connected_at) for a in records if isinstance(a, Account)}
        assert connected == {
            "Jonas Weber": ("jonas.weber@example.de", "Nordlicht GmbH", datetime(2024, 3, 5)),
            "Aylin Demir": (None, "Brückenbau AG", datetime(2023, 11, 9)),
            "Pieter de Vries": (None, None, datetime(2022, 1, 17))}
        assert len([i for i in records if isinstance(i, Interaction) and i.kind == "connection"]) == 3
        assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
            (5, NAMELESS), (6, "connected on: date in no known format")]  # no 30 February
        assert_nothing_lost(records)


@pytest.mark.parametrize("member", ["Account Status History.csv", "Ad Targeting.csv", "Search Queries.csv",
                                    "Hashtag_Follows.csv"])
def test_the_owners_own_files_of_2018_and_2022_are_left_out_with_a_reason(member):
    # 2018: abhishekwebcode/Abhishek-Mathur-Complete_LinkedInDataExport_11-04-2018; 2022: Sajiah/mylinkedindata
    from ingest.sources.linkedin.files import note_unparsed

    assert (note_unparsed(member).handling, note_unparsed(member).note) == (
        "ignored", "the owner's own data, no other person")


# --- 2024 Complete export: chats with LinkedIn's AI coach, the owner's own files flattened to the root -------------

OWN_2024 = ["Verifications.csv", "Online Job Postings.csv", "Member Hashtags.csv", "Job Seeker Preferences.csv",
            "Saved Jobs.csv", "Job Applications.csv", "Calendar.csv", "Private_identity_asset.csv"]


def test_2024_coach_messages_and_the_owners_own_files_are_left_out_with_a_reason(tmp_path):
    # Feynman10/Proile (coach_messages.csv, Verifications.csv, Online Job Postings.csv …); apk0703/
    # linkdin_profile_analysis (Calendar.csv, Job Applications.csv)
    for export in forms("2024-coach-flattened", tmp_path):
        records = parse(export)
        notes = {n.member: (n.handling, n.note) for n in records if isinstance(n, MemberNote)}
        assert notes["coach_messages.csv"] == ("ignored", "messages with LinkedIn's AI coach")
        assert {notes[member] for member in OWN_2024} == {("ignored", "the owner's own data, no other person")}
        assert "unknown" not in handling(records).values()
        # the coach is nobody: no account, no message, nothing refused as a member LinkedIn no longer names
        assert not [r for r in records if isinstance(r, (Account, Interaction, Quarantined))
                    and r.member == "coach_messages.csv"]
        jonas = "https://www.linkedin.com/in/jonas-lind-0a1b2c"
        assert sorted((i.account_ref, i.direction) for i in records
                      if isinstance(i, Interaction) and i.kind == "message") == [(jonas, "in"), (jonas, "out")]
        assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
            ("Connections.csv", 7, NAMELESS)]
        assert_nothing_lost(records)


def test_2024_ingest_reports_no_unknown_file_and_refuses_only_the_nameless_connection(unsocial, tmp_path):
    exports, unknown = ingested(unsocial, tmp_path, "2024-coach-flattened",
                                "select count(*) from not_read where handling = 'unknown'")
    assert exports == [(6, 5, 1)]  # Profile, three connections (one without a name), two messages
    assert unknown == [(0,)]


# --- A part of an export handed in alone: Recommendations_Received.csv beside Education.csv and Positions.csv ------

def test_recommendations_received_alone_are_a_linkedin_export(tmp_path):
    # EddieFahrenheit/EddieFahrenheit (2024): no Connections, messages or Profile, so no export was recognised
    for export in forms("2024-recommendations-alone", tmp_path):
        assert detect_source(export).NAME == "linkedin"
        records = parse(export)
        received = sorted((i.account_ref, i.direction, i.occurred_at) for i in records
                          if isinstance(i, Interaction) and i.kind == "recommendation")
        assert received == [("Lena Okafor", "in", datetime(2024, 5, 25, 21, 2)),
                            ("Tomas Berg", "in", datetime(2024, 1, 15, 22, 23))]
        assert {a.company for a in records if isinstance(a, Account)} == {"Stealth Startup", "Harbour Data Desk"}
        assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
            (4, "creation date: missing")]
        assert handling(records) == {"Recommendations_Received.csv": "parsed", "Positions.csv": "ignored",
                                     "Education.csv": "ignored"}
        assert_nothing_lost(records)


def test_an_invitations_file_alone_is_a_linkedin_export(tmp_path):
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(fixture("linkedin", "2021-12", "Invitations.csv"), alone / "Invitations.csv")
    records = parse(Export(alone))
    assert detect_source(Export(alone)).NAME == "linkedin"
    assert {i.kind for i in records if isinstance(i, Interaction)} == {"invitation"}
    assert_nothing_lost(records)
