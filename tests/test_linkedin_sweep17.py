"""LinkedIn shapes of the sweep of issue #13 (round 17): the "LinkedIn Member" placeholder in the member's interface
language, the code page of a file saved again by a spreadsheet said in its note, and the creator analytics workbook
(Content_<from>_<to>_<Name>.xlsx) known as holding nobody."""

from __future__ import annotations

from datetime import datetime

import pytest

from conftest import assert_nothing_lost, fixture, forms, ingested, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.archive import Export
from ingest.sources.linkedin.rows import placeholder

GERMAN, SPANISH, CREATOR = "2025-messages-member-de", "2025-messages-member-es", "2026-creator-analytics"
HIDDEN = '"LinkedIn Member" with no profile URL, a sponsored message or a deleted or deactivated account'
WORKBOOK = "Content_2025-09-28_2026-09-28_LenaVogel.xlsx"


def of(records, model, member: str = "messages.csv") -> list:
    return [r for r in records if isinstance(r, model) and r.member == member]


# The placeholder in other interface languages (code index ids 60944916847, 71211757676, 70129602136, 61401294159,
# 27255142727, 53929577795, 56860425786, 59661543905, 28351094284)

@pytest.mark.parametrize("name", ["LinkedIn Member", "LinkedIn Mitglied", "LinkedIn-Mitglied", "Membre de LinkedIn",
                                  "Membre LinkedIn", "Miembro de LinkedIn", "Membro do LinkedIn",
                                  "Usuário do LinkedIn", "Utente LinkedIn", "Membro di LinkedIn", "LinkedIn-lid",
                                  "LinkedIn-medlem", "LinkedIn Üyesi", " linkedin  MITGLIED "])
def test_the_placeholder_is_known_in_every_interface_language(name):
    assert placeholder(name)


@pytest.mark.parametrize("name", ["Sarah Member", "LinkedIn", "Jane at LinkedIn", "Mitglied", "", None])
def test_a_name_is_no_placeholder(name):
    assert not placeholder(name)


def test_a_german_placeholder_is_refused_as_a_member_no_longer_named(tmp_path):
    # Before: the sender "LinkedIn Mitglied" was refused as LinkedIn itself, the recipient "LinkedIn-Mitglied" read
    # as a person of that name, and the group message's names were lost (3 names, 2 URLs)
    for export in forms(GERMAN, tmp_path):
        records = parse(export)
        assert [(q.line, q.reason) for q in of(records, Quarantined)] == [(4, f"from: {HIDDEN}"),
                                                                          (5, f"to: {HIDDEN}")]
        names = {a.display_name for a in of(records, Account)}
        assert not {n for n in names if n and "Mitglied" in n}
        group = {(i.account_ref, i.direction, i.is_group) for i in of(records, Interaction) if i.line == 6}
        assert group == {("https://www.linkedin.com/in/jonas-weber-4k2m", "out", True),
                         ("https://www.linkedin.com/in/aylin-demir-7q1z", "out", True)}
        assert {a.profile_url: a.display_name for a in of(records, Account)} == {
            "https://www.linkedin.com/in/jonas-weber-4k2m": "Jonas Weber",
            "https://www.linkedin.com/in/aylin-demir-7q1z": "Aylin Demir"}
        assert_nothing_lost(records)


def test_a_spanish_placeholder_is_refused_and_the_group_names_pair_with_their_urls(tmp_path):
    # "Mateo Salas,Miembro de LinkedIn,Inés Ortega,Miembro de LinkedIn,Pablo Núñez" beside three URLs: the shape of a
    # real group message (code index id 55463844729: 37 names, 7 of them "LinkedIn Member", 30 URLs)
    for export in forms(SPANISH, tmp_path):
        records = parse(export)
        assert [(q.line, q.reason) for q in of(records, Quarantined)] == [(3, f"from: {HIDDEN}"),
                                                                          (5, f"from: {HIDDEN}")]
        accounts = {a.profile_url: a.display_name for a in of(records, Account)}
        assert accounts == {"https://www.linkedin.com/in/mateo-salas-2r8d": "Mateo Salas",
                            "https://www.linkedin.com/in/ines-ortega-5t1n": "Inés Ortega",
                            "https://www.linkedin.com/in/pablo-nunez-3w6b": "Pablo Núñez"}
        sent = [(i.account_ref, i.occurred_at) for i in of(records, Interaction) if i.line == 4]
        assert len(sent) == 3 and {at for _, at in sent} == {datetime(2025, 6, 1, 18, 45, 10)}
        assert_nothing_lost(records)


def test_a_recipient_named_with_a_comma_still_pairs_with_its_one_url():
    # "Anna Berg, PhD" with one URL is one person, not two names: only placeholders are set aside
    records = parse(Export(fixture("linkedin", "2023-messages-semicolon")))
    assert not [a for a in records if isinstance(a, Account) and a.display_name and "," in a.display_name
                and a.profile_url is None]


def test_ingest_of_the_german_export_loads_no_placeholder(unsocial, tmp_path):
    exports, rows = ingested(unsocial, tmp_path, GERMAN, "select count(*) from raw_accounts "
                                                         "where display_name ilike '%mitglied%'")
    assert exports == [(8, 6, 2)]
    assert rows == [(0,)]


# The code page of a Connections.csv saved again by Excel on a Russian or Polish Windows, in the file's note

@pytest.mark.parametrize(("vintage", "code_page"), [("2024-connections-excel-ru", "cp1251"),
                                                     ("2024-connections-excel-pl", "cp1250")])
def test_the_note_of_a_file_in_a_windows_code_page_says_which(vintage, code_page):
    # Before: the names were read right, but the note did not say which code page was taken
    records = parse(Export(fixture("linkedin", vintage)))
    note, = of(records, MemberNote, "Connections.csv")
    assert f"not UTF-8: read as {code_page} (" in note.note


def test_the_note_of_a_utf8_file_says_nothing_of_its_encoding():
    records = parse(Export(fixture("linkedin", GERMAN)))
    assert not [n for n in records if isinstance(n, MemberNote) and "UTF-8" in (n.note or "")]


# Content_<from>_<to>_<Name>.xlsx: LinkedIn's creator analytics (code index id 70872591201; davnnis2003/jimwurst)

SHEETS = ("DEMOGRAPHICS", "DISCOVERY", "ENGAGEMENT", "FOLLOWERS", "TOP POSTS")


def test_the_creator_analytics_workbook_is_known_and_holds_nobody(tmp_path):
    # Before: reported unknown, with a request to open an issue. Its sheets are read as CSVs (sources/workbook.py),
    # each known as the workbook's
    for export in forms(CREATOR, tmp_path):
        records = parse(export)
        for sheet in SHEETS:
            note, = of(records, MemberNote, f"{WORKBOOK}/{sheet}.csv")
            assert (note.handling, note.records_read) == ("ignored", 0)
            assert "creator analytics" in note.note
        assert {a.display_name for a in of(records, Account, "Connections.csv")} == {"Jonas Weber", "Aylin Demir"}
        assert_nothing_lost(records)


def test_ingest_of_an_export_with_creator_analytics_reports_no_unknown_file(unsocial, tmp_path):
    exports, rows = ingested(unsocial, tmp_path, CREATOR,
                             f"select distinct handling from not_read where member like '{WORKBOOK}/%'")
    assert exports == [(3, 3, 0)]
    assert rows == [("ignored",)]
