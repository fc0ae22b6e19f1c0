"""LinkedIn parser: every vintage in the fixtures, as folder and as zip."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from conftest import fixture, zip_folder
from ingest.archive import Export
from ingest.columns import Columns
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, linkedin


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
    assert quarantined == {("Connections.csv", "name: missing"),
                           ("messages.csv", "row has 10 fields, the header 9")}


def test_2020_vintage_with_header_on_the_first_line():
    records = parse(Export(fixture("linkedin", "2020")))
    names = [r.display_name for r in records if isinstance(r, Account) and not r.is_owner]
    assert names == ["Jonas Weber", "Pieter de Vries"]
    assert [q.line for q in records if isinstance(q, Quarantined)] == [4]


def test_a_journal_is_not_mistaken_for_linkedin():
    assert detect_source(Export(fixture("journal", "comma", "journal.csv"))).NAME == "journal"
