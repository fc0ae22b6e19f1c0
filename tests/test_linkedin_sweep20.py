"""LinkedIn shapes and archive noise found in round 20: Connections.csv with first and last name in one "Name" column
(nandakishor-v/SocialMedia-Dashbord, a user's edit: 230 connections lost as an unknown file), Windows' "downloaded from
the internet" marker beside each file (moisessalgado/moisessalgado.github.io "Profile.csv\\uf03aZone.Identifier":
reported unknown), and a user's "Connections copy.csv" with a column added (Fpini/Linkedin_Profile: 831 rows refused,
597 connections counted twice)."""

from __future__ import annotations

import shutil
from datetime import date

from conftest import assert_nothing_lost, fixture, forms, ingested, parse, query
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.archive import Export
from ingest.sources.linkedin.files import kind_of

JONAS, AYLIN = "https://www.linkedin.com/in/jonas-weber-1a2b", "https://www.linkedin.com/in/aylindemir"
PRIYA, RAFAEL = "https://www.linkedin.com/in/priya-iyer-77", "https://www.linkedin.com/in/rafael-moreira-9c"
ZONE = "[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=C:\\Users\\marta\\Downloads\\export.zip\r\n"


# --- Connections.csv with one Name column ----------------------------------------------------------------------------

def test_connections_with_one_name_column_are_read_keyed_by_url(unsocial, tmp_path):
    exports, accounts = ingested(unsocial, tmp_path, "2024-connections-one-name-column",
                                 "select account_ref, display_name, first_name, company, connected_at::date "
                                 "from raw_accounts where member = 'Connections.csv' order by 1")
    assert accounts == [(AYLIN, "AylinDemir ✨", None, "Boğaziçi Labs", date(2024, 1, 3)),
                        (JONAS, "JonasWeber", None, "Nordlicht GmbH", date(2024, 2, 21)),
                        (PRIYA, "Priya Raman Iyer", None, None, date(2022, 2, 11))]
    assert exports == [(5, 4, 1)]  # 4 connections + 1 invitation read; the row naming nobody refused


def test_the_one_name_column_file_is_read_in_both_forms(tmp_path):
    for export in forms("2024-connections-one-name-column", tmp_path):
        records = parse(export)
        connections = {r.account_ref for r in records if isinstance(r, Interaction) and r.kind == "connection"}
        assert connections == {JONAS, AYLIN, PRIYA}
        assert [q.reason for q in records if isinstance(q, Quarantined)] == [
            "name and profile URL empty: a member LinkedIn no longer names (likely a deleted or deactivated account)"]
        assert_nothing_lost(records)


def test_a_name_column_alone_does_not_make_a_linkedin_file(tmp_path):
    (tmp_path / "Team.csv").write_text("Name,Company,Position\nAna Costa,Faria & Filhos,Designer\n", encoding="utf-8")
    (tmp_path / "Links.csv").write_text("Name,URL,Company\nAna Costa,https://example.org,Faria\n", encoding="utf-8")
    export = Export(tmp_path)
    assert [kind_of(export, member) for member in export.members()] == [None, None]


# --- Windows' Zone.Identifier markers --------------------------------------------------------------------------------

def test_zone_identifier_markers_are_left_out_as_clutter(unsocial, tmp_path):
    exports, not_read = ingested(unsocial, tmp_path, "2026-zone-identifier", "select member from not_read")
    assert not [member for (member,) in not_read if "Zone.Identifier" in member]
    assert exports == [(4, 3, 1)]  # the profile, two recommenders; the recommendation naming nobody refused


def test_zone_identifier_markers_are_no_members_in_either_form_or_colon(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(fixture("linkedin", "2026-zone-identifier"), folder)
    (folder / "Profile.csv:Zone.Identifier").write_text(ZONE, encoding="utf-8")
    for export in [Export(folder), *forms("2026-zone-identifier", tmp_path)]:
        assert export.members() == ["Profile.csv", "Recommendations_Received.csv"]


def test_zone_identifier_markers_are_clutter_for_every_source(tmp_path):
    (tmp_path / "contacts.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Costa\r\nEND:VCARD\r\n")
    (tmp_path / "contacts.vcf:Zone.Identifier").write_text(ZONE)
    (tmp_path / "calendar.ics\uf03aZone.Identifier").write_text(ZONE)
    assert Export(tmp_path).members() == ["contacts.vcf"]


# --- a user's copy of Connections.csv --------------------------------------------------------------------------------

COPY_NOTE = "3 connections also in Connections.csv of this export left out (a copy of it): the others read"


def test_a_copy_of_connections_counts_each_connection_once_and_reads_the_people_it_adds(unsocial, tmp_path):
    exports, connections = ingested(unsocial, tmp_path, "2025-connections-copy",
                                    "select member, account_ref from raw_interactions order by 2")
    assert connections == [("Connections.csv", AYLIN), ("Connections.csv", JONAS), ("Connections.csv", PRIYA),
                           ("Connections copy.csv", RAFAEL)]
    assert exports == [(5, 4, 1)]  # the copy's rows of people in Connections.csv are not read, so never refused
    notes = query(tmp_path / "u.duckdb", "select member, handling, reason from not_read where member like '%copy%'")
    assert notes == [("Connections copy.csv", "parsed", f"connections; {COPY_NOTE}")]


def test_a_copy_naming_no_one_else_is_left_out_with_a_note(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(fixture("linkedin", "2025-connections-copy"), folder)
    copy = folder / "Connections copy.csv"
    copy.write_text("".join(line for line in copy.open(encoding="utf-8") if "Rafael" not in line), encoding="utf-8")
    records = parse(Export(folder))
    assert {r.account_ref for r in records if isinstance(r, Interaction)} == {JONAS, AYLIN, PRIYA}
    assert [(n.handling, n.note) for n in records if isinstance(n, MemberNote) and n.member == copy.name] == [
        ("ignored", "a copy of Connections.csv of this export, which is read: every connection on it is there too")]
    assert_nothing_lost(records)


def test_the_copy_is_recognised_in_both_forms(tmp_path):
    for export in forms("2025-connections-copy", tmp_path):
        records = parse(export)
        assert sorted(r.account_ref for r in records if isinstance(r, Interaction)) == sorted(
            [JONAS, AYLIN, PRIYA, RAFAEL])
        assert not [q for q in records if isinstance(q, Quarantined) and "fields" in q.reason]
        assert {r.account_ref for r in records if isinstance(r, Account) and r.member == "Connections copy.csv"} == {
            RAFAEL}
        assert_nothing_lost(records)


def test_a_second_copy_of_messages_counts_each_message_once_and_the_original_is_read(tmp_path):
    """Windows names a file unpacked or downloaded a second time "messages (1).csv": before, every message counted
    twice (messages were never compared as copies)."""
    folder = tmp_path / "Complete_LinkedInDataExport_11-20-2026"
    shutil.copytree(fixture("linkedin", "2024-complete"), folder)
    before = parse(Export(folder))
    shutil.copy(folder / "messages.csv", folder / "messages (1).csv")
    after = parse(Export(folder))
    messages = [(r.member, r.account_ref, r.occurred_at) for r in after if isinstance(r, Interaction)
                and r.kind == "message"]
    assert messages == [(r.member, r.account_ref, r.occurred_at) for r in before if isinstance(r, Interaction)
                        and r.kind == "message"] and {m for m, _, _ in messages} == {"messages.csv"}
    assert [(n.handling, n.note) for n in after if isinstance(n, MemberNote) and n.member == "messages (1).csv"] == [
        ("ignored", "every row is also in messages.csv of this export, which is read")]
    assert_nothing_lost(after)
