"""LinkedIn parser: every vintage in the fixtures, as folder and as zip."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import datetime

import duckdb
import pytest

from conftest import AS_OF, assert_nothing_lost, fixture, zip_folder
from ingest.columns import Columns
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, linkedin
from ingest.sources.archive import Export


def parse(export: Export) -> list:
    """Every record, with column batches expanded into model instances."""
    return [record for item in linkedin.parse(export)
            for record in (item.records() if isinstance(item, Columns) else [item])]


def kinds(records) -> Counter:
    return Counter((r.kind, r.direction) for r in records if isinstance(r, Interaction))


@pytest.fixture(params=["folder", "zip"])
def complete(request, tmp_path) -> Export:
    folder = fixture("linkedin", "2024-complete")
    if request.param == "folder":
        return Export(folder)
    return Export(zip_folder(folder, tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip"))


def test_complete_export_is_detected_as_linkedin(complete):
    assert detect_source(complete) is linkedin


def test_complete_export_yields_every_interaction_kind(complete):
    assert kinds(parse(complete)) == {
        ("connection", "mutual"): 7,
        ("message", "in"): 4,  # Jonas, Aylin, Tomasz in the group, the recruiter
        ("message", "out"): 3,  # one to Jonas, the group message to Pieter and Tomasz
        ("invitation", "out"): 1,
        ("invitation", "in"): 1,
        ("endorsement", "in"): 2,
        ("endorsement", "out"): 1,
        ("recommendation", "in"): 1,
        ("recommendation", "out"): 1,
    }


def test_owner_found_from_profile_and_messages(complete):
    owners = [r for r in parse(complete) if isinstance(r, Account) and r.is_owner]
    assert [(o.account_ref, o.display_name) for o in owners] == [
        ("https://www.linkedin.com/in/marta-lindqvist", "Marta Lindqvist")]


def test_owner_never_becomes_a_counterpart(complete):
    refs = {r.account_ref for r in parse(complete) if isinstance(r, Interaction)}
    assert "https://www.linkedin.com/in/marta-lindqvist" not in refs


def test_connection_fields_and_account_ref(complete):
    jonas = next(r for r in parse(complete) if isinstance(r, Account) and r.member == "Connections.csv"
                 and r.first_name == "Jonas")
    assert jonas.account_ref == "https://www.linkedin.com/in/jonas-weber-1a2b"
    assert (jonas.email, jonas.company, jonas.position) == ("jonas.weber@example.de", "Nordlicht GmbH", "Head of Data, EMEA")
    assert jonas.connected_at == datetime(2024, 3, 5)
    assert jonas.line == 5  # Notes:, the notice, a blank line, the header: the first row is line 5


def test_schemeless_endorsement_urls_are_normalised(complete):
    endorsers = {r.account_ref for r in parse(complete) if isinstance(r, Interaction) and r.kind == "endorsement"}
    assert endorsers == {"https://www.linkedin.com/in/pdevries", "https://www.linkedin.com/in/jonas-weber-1a2b"}


def test_bad_rows_are_quarantined_with_place_and_reason(complete):
    quarantined = {(q.member, q.line): q.reason for q in parse(complete) if isinstance(q, Quarantined)}
    assert quarantined == {
        ("Connections.csv", 11): "connected on: date in no known format",
        ("messages.csv", 9): "date: date in no known format",
        ("Invitations.csv", 4): "direction: neither INCOMING nor OUTGOING",
    }


def test_every_file_is_accounted_for(complete):
    notes = {n.member: (n.handling, n.records_read) for n in parse(complete) if isinstance(n, MemberNote)}
    assert notes["Connections.csv"] == ("parsed", 8)
    assert notes["messages.csv"] == ("parsed", 7)  # a quoted newline makes 8 lines, 7 records
    assert notes["Mystery_Feature.csv"][0] == "unknown"
    assert notes["guide_messages.csv"][0] == "ignored"
    assert notes["Reactions.csv"][0] == "ignored"
    assert notes["Jobs/Job Applications.csv"][0] == "ignored"


def test_2021_vintage_without_urls_keys_accounts_by_name(tmp_path):
    records = parse(Export(fixture("linkedin", "2021-12")))
    connections = [r for r in records if isinstance(r, Account) and r.member == "Connections.csv"]
    assert [c.account_ref for c in connections] == ["Jonas Weber", "Aylin Demir", "Tomasz Nowak"]
    # the old file name "Endorsement Received Info.csv" is recognised by its header
    assert kinds(records)[("endorsement", "in")] == 1
    assert kinds(records)[("invitation", "out")] == 1


def test_2021_vintage_quarantines_nameless_and_overlong_rows():
    quarantined = {(q.member, q.reason) for q in parse(Export(fixture("linkedin", "2021-12")))
                   if isinstance(q, Quarantined)}
    # a connection with only "Connected On": a member LinkedIn no longer names
    assert quarantined == {("Connections.csv", "name and profile URL empty: a member LinkedIn no longer names "
                                               "(likely a deleted or deactivated account)"),
                           ("messages.csv", "row has 10 fields, the header 9")}


def test_2020_vintage_with_header_on_the_first_line():
    records = parse(Export(fixture("linkedin", "2020")))
    names = [r.display_name for r in records if isinstance(r, Account) and not r.is_owner]
    assert names == ["Jonas Weber", "Pieter de Vries"]
    assert [q.line for q in records if isinstance(q, Quarantined)] == [4]


def test_a_journal_is_not_mistaken_for_linkedin():
    assert detect_source(Export(fixture("journal", "comma", "journal.csv"))).NAME == "journal"


# --- Complete export of Nov 2018: Messages.csv by direction, names only -------------------------------------------

@pytest.fixture(params=["folder", "zip"])
def nov_2018(request, tmp_path) -> Export:
    folder = fixture("linkedin", "2018-11")
    if request.param == "folder":
        return Export(folder)
    return Export(zip_folder(folder, tmp_path / "Complete_LinkedInDataExport_11-20-2018.zip"))


def test_2018_messages_are_read_by_their_direction(nov_2018):
    records = parse(nov_2018)
    messages = Counter(r.direction for r in records if isinstance(r, Interaction) and r.member == "Messages.csv")
    assert messages == {"in": 16, "out": 9}
    assert [(n.handling, n.records_read) for n in records if isinstance(n, MemberNote)
            and n.member == "Messages.csv"] == [("parsed", 25)]


def test_2018_correspondents_become_accounts_by_name(nov_2018):
    records = parse(nov_2018)
    accounts = {r.account_ref for r in records if isinstance(r, Account) and r.member == "Messages.csv"}
    assert len(accounts) == 15 and {"Jonas Weber", "Sam Talent", "Ingrid Sørensen"} <= accounts
    assert "Marta Lindqvist" not in {r.account_ref for r in records if isinstance(r, Interaction)}
    jonas = [(r.direction, r.occurred_at) for r in records
             if isinstance(r, Interaction) and r.account_ref == "Jonas Weber" and r.kind == "message"]
    assert jonas == [("in", datetime(2018, 1, 8, 18, 20)), ("out", datetime(2018, 1, 8, 19, 2)),
                     ("in", datetime(2018, 1, 9, 8, 45))]


def test_2018_inviter_in_registration_and_every_file_accounted_for(nov_2018):
    records = parse(nov_2018)
    assert [(r.account_ref, r.kind, r.direction) for r in records if isinstance(r, Interaction)
            and r.member == "Registration.csv"] == [("Lukas Hofer", "invitation", "in")]
    notes = {n.member: n.handling for n in records if isinstance(n, MemberNote)}
    assert (notes["Imported Contacts.csv"], notes["Phone Numbers.csv"]) == ("parsed", "ignored")
    assert "unknown" not in notes.values()
    assert_nothing_lost(records)


def test_2018_message_text_is_kept_only_on_request():
    export = Export(fixture("linkedin", "2018-11"))
    texts = [r.message_text for item in linkedin.parse(export, message_text=True)
             for r in (item.records() if isinstance(item, Columns) else [item])
             if isinstance(r, Interaction) and r.member == "Messages.csv"]
    assert texts[3] == "Hi Marta,\nwould you have time to talk about the data role?"
    assert not [r for r in parse(export) if isinstance(r, Interaction) and r.message_text]


def test_2018_row_without_a_direction_is_quarantined(tmp_path):
    (tmp_path / "Messages.csv").write_text(
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Jonas Weber,Marta Lindqvist,"1/8/18, 6:20 PM",,Hi,,INBOX\n'
        'Jonas Weber,Marta Lindqvist,"1/8/18, 6:21 PM",,Hi again,INCOMING,INBOX\n', encoding="utf-8")
    records = parse(Export(tmp_path))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (2, "direction: neither INCOMING nor OUTGOING")]
    assert kinds(records) == {("message", "in"): 1}


# --- No Profile.csv: the owner is found where the export allows it, never guessed on a tie -------------------------

HEADER_2021 = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
HEADER_2024 = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
               "CONTENT,FOLDER,ATTACHMENTS\n")
URL = "https://www.linkedin.com/in/"


def write_messages(folder, header: str, rows: list[str]):
    folder.mkdir(exist_ok=True)
    (folder / "messages.csv").write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return folder


def test_two_correspondents_without_profile_the_owner_is_the_one_they_write_to(tmp_path):
    # 2021 shape: no recipient URLs. Each sender is on one message, the owner (by name) on both.
    export = Export(write_messages(tmp_path, HEADER_2021, [
        f"2-a,,Jonas Weber,{URL}jonas-weber-1a2b,Marta Lindqvist,2021-11-18 09:00:00 UTC,,Hi,INBOX",
        f"2-b,,Aylin Demir,{URL}aylindemir,Marta Lindqvist,2021-11-19 10:00:00 UTC,,Hello,INBOX"]))
    records = parse(export)
    assert sorted((r.account_ref, r.direction) for r in records if isinstance(r, Interaction)) == [
        (f"{URL}aylindemir", "in"), (f"{URL}jonas-weber-1a2b", "in")]
    assert not [r for r in records if isinstance(r, Account) and r.display_name == "Marta Lindqvist"]


def tie(folder):
    """One conversation of two people, one message each, no Profile.csv: either could be the owner.
    A third person's message in a group with both of them tells nothing about which."""
    return write_messages(folder, HEADER_2024, [
        f"2-a,,Jonas Weber,{URL}jonas-weber-1a2b,Marta Lindqvist,{URL}marta-lindqvist,"
        "2024-10-26 11:43:11 UTC,,Hi,INBOX,",
        f"2-a,,Marta Lindqvist,{URL}marta-lindqvist,Jonas Weber,{URL}jonas-weber-1a2b,"
        "2024-10-26 12:01:40 UTC,,Hey,INBOX,",
        f'2-g,Meetup,Pieter de Vries,{URL}pdevries,"Jonas Weber, Marta Lindqvist",'
        f'"{URL}jonas-weber-1a2b, {URL}marta-lindqvist",2024-11-02 18:00:00 UTC,,Thursday?,INBOX,'])


def test_a_tie_for_owner_is_not_guessed_but_said(tmp_path):
    records = parse(Export(tie(tmp_path)))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (2, linkedin.OWNER_TIE), (3, linkedin.OWNER_TIE)]
    assert [(r.account_ref, r.direction, r.is_group) for r in records if isinstance(r, Interaction)] == [
        (f"{URL}pdevries", "in", True)]
    [note] = [n for n in records if isinstance(n, MemberNote)]
    assert note.records_read == 3 and note.note.startswith("messages; the owner is undecided")
    assert "2 people" in note.note and "Marta" not in note.note
    assert_nothing_lost(records)


@pytest.mark.parametrize("name, content", [
    ("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                        f"Jonas,Weber,{URL}jonas-weber-1a2b,,,,05 Mar 2024\n"),
    ("Invitations.csv", "From,To,Sent At,Message,Direction\n"
                        'Marta Lindqvist,Lea Brandt,"7/8/24, 3:43 PM",,OUTGOING\n'),
])
def test_a_tie_is_broken_by_connections_or_invitations(tmp_path, name, content):
    (tie(tmp_path) / name).write_text(content, encoding="utf-8")
    records = parse(Export(tmp_path))
    messages = [(r.line, r.account_ref, r.direction) for r in records
                if isinstance(r, Interaction) and r.member == "messages.csv"]
    assert messages == [(2, f"{URL}jonas-weber-1a2b", "in"), (3, f"{URL}jonas-weber-1a2b", "out"),
                        (4, f"{URL}pdevries", "in")]


# --- 2026 Complete export: files and headers seen in recent exports ----------------------------------------------

def test_2026_member_follows_with_an_id_suffix_are_follows():
    records = parse(Export(fixture("linkedin", "2026-complete")))
    follows = [(r.account_ref, r.kind, r.direction, r.occurred_at) for r in records
               if isinstance(r, Interaction) and r.member.startswith("Member_Follows")]
    assert follows == [("Ingrid Sørensen", "follow", "out", datetime(2025, 4, 1, 9, 12, 44)),
                       ("Kofi Mensah", "follow", "out", datetime(2024, 11, 19, 17, 3, 5))]


def test_2026_quoted_header_drafts_and_assistant_files():
    records = parse(Export(fixture("linkedin", "2026-complete")))
    assert kinds([r for r in records if getattr(r, "member", "") == "messages.csv"]) == {
        ("message", "in"): 1, ("message", "out"): 1}
    assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        ("messages.csv", 4, "a draft, never sent")]
    notes = {n.member: n.handling for n in records if isinstance(n, MemberNote)}
    assert notes["learning_role_play_messages.csv"] == "ignored"
    assert not [r for r in records if isinstance(r, Account) and r.member == "learning_role_play_messages.csv"]
    assert "unknown" not in notes.values()
    assert_nothing_lost(records)


# --- Dates: the 2018 short US form, and the day and month order decided once per file ---------------------------

def test_2018_connections_dated_in_the_short_us_form_are_read(nov_2018):
    records = parse(nov_2018)
    connected = {r.account_ref: r.connected_at for r in records if isinstance(r, Account) and r.member == "Connections.csv"}
    assert len(connected) == 41 and connected["Jonas Weber"] == datetime(2018, 1, 8, 18, 14)  # "1/8/18, 6:14 PM"
    assert connected["Tomasz Nowak"] == datetime(2016, 3, 23, 10, 26)  # "3/23/16, 10:26 AM"
    assert len([r for r in records if isinstance(r, Interaction) and r.member == "Connections.csv"]) == 41
    assert not [q for q in records if isinstance(q, Quarantined) and q.member == "Connections.csv"]
    notes = {n.member: n.note for n in records if isinstance(n, MemberNote)}
    assert notes["Connections.csv"] == "connections; dates read month-first (US): 23 values have a second field over 12"
    assert notes["Recommendations Given.csv"] == "recommendations; dates read month-first (US): no value proves otherwise"


def test_a_file_whose_dates_prove_day_first_is_read_day_first(tmp_path):
    # a Connections.csv re-saved by a European spreadsheet: "23/3/16" proves the whole file day-first
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'Jonas,Weber,,,,"1/8/18, 6:14 PM"\n'
        'Tomasz,Nowak,,,,"23/3/16, 10:26 AM"\n', encoding="utf-8")
    records = parse(Export(tmp_path))
    assert [(r.account_ref, r.connected_at) for r in records if isinstance(r, Account)] == [
        ("Jonas Weber", datetime(2018, 8, 1, 18, 14)), ("Tomasz Nowak", datetime(2016, 3, 23, 10, 26))]
    [note] = [n.note for n in records if isinstance(n, MemberNote)]
    assert note == "connections; dates read day-first: 1 value has a first field over 12"


def test_iso_dated_files_carry_no_order_note(complete):
    notes = {n.member: n.note for n in parse(complete) if isinstance(n, MemberNote)}
    assert notes["messages.csv"] == "messages"
    assert notes["Connections.csv"] == "connections"


# --- the address book the owner uploaded to LinkedIn: identity evidence, as any address book ----------------------

@pytest.mark.parametrize("vintage, member, expected", [
    # ≤ 2018 "Imported Contacts.csv": First Name, Last Name, Companies, Email Address, Phone Numbers
    ("2018-11", "Imported Contacts.csv", [
        ("ingrid@example.dk", "Ingrid Sørensen", "ingrid@example.dk", "+46 70 174 06 42", "Fjord Analytics")]),
    # 2021 on "Contacts.csv": FirstName, LastName, Emails (several in one cell), PhoneNumbers
    ("2021-contacts", "Contacts.csv", [
        ("jonas.weber@example.de", "Jonas Weber", "jonas.weber@example.de", "+49 170 5550123", "Nordlicht GmbH"),
        ("anna.mueller@charite.example", "Anna Mueller", "anna.mueller@charite.example", None, "Charité"),
        ("anna.mueller@charite.example", "Anna Mueller", "anna.m@example.net", None, None)]),
])
def test_uploaded_address_books_are_read_as_address_book_accounts(vintage, member, expected, tmp_path):
    for export in (Export(fixture("linkedin", vintage)), Export(zip_folder(fixture("linkedin", vintage),
                                                                           tmp_path / f"{vintage}.zip"))):
        records = parse(export)
        accounts = [a for a in records if isinstance(a, Account) and a.member == member]
        assert [(a.account_ref, a.display_name, a.email, a.phone, a.company) for a in accounts] == expected
        assert {a.platform for a in accounts} == {"addressbook"}
        assert not [i for i in records if isinstance(i, Interaction) and i.member == member]  # no interaction
        assert_nothing_lost(records)


def test_an_uploaded_contact_without_name_email_or_phone_is_quarantined():
    records = parse(Export(fixture("linkedin", "2021-contacts")))
    assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        ("Contacts.csv", 4, "firstname, lastname, e-mail and phone columns: all empty")]


def test_an_uploaded_contact_with_a_connections_email_is_one_person_with_it(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(fixture("linkedin", "2021-contacts"), inbox / "Complete_LinkedInDataExport_03-01-2022")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        accounts = con.execute("select platform, account_ref, person_id from resolved_accounts "
                               "order by 1, 2").fetchall()
        counts = con.execute("select source, records_read, records_loaded, records_quarantined "
                             "from ingested_exports").fetchall()
    assert [(platform, ref) for platform, ref, _ in accounts] == [
        ("addressbook", "anna.mueller@charite.example"), ("addressbook", "jonas.weber@example.de"),
        ("linkedin", "Jonas Weber")]
    anna, jonas_uploaded, jonas_connection = (person for _, _, person in accounts)
    assert jonas_uploaded == jonas_connection != anna  # the same e-mail: one person
    assert counts == [("linkedin", 4, 3, 1)]  # 1 connection, 3 uploaded contacts (one names nobody)
