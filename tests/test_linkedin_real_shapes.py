"""LinkedIn exports as published ones look: Connections.csv saved again by a spreadsheet that wrapped the lines
holding a quote whole into one quoted field, and messages.csv with LinkedIn's own offers and notices, sent under a
staff name and no profile URL. Folder and zip, as a user hands them in."""

from __future__ import annotations

from datetime import datetime

import duckdb

from conftest import assert_nothing_lost, fixture, forms, ingested, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.archive import Export

WRAPPED = "2021-connections-wrapped-rows"
FROM_ITSELF = "2024-messages-from-linkedin"
MARTA = "https://www.linkedin.com/in/marta-lindqvist"
JONAS = "https://www.linkedin.com/in/jonas-weber-1a2b"
ANA = "https://www.linkedin.com/in/ana-costa-trainer"
FROM_LINKEDIN = ("from: LinkedIn itself (a staff or team name with no profile URL: an offer or notice), no member: "
                 "no counterpart besides the owner")






def refused(records) -> list[tuple[int, str]]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]




# --- Connections.csv with the lines holding a quote wrapped whole into one quoted field ----------------------------

WRAPPED_PEOPLE = {
    "Joana Ribeiro": ("Padaria Central", "Gerente de Loja", datetime(2021, 4, 11)),
    "Rafael Moreira": ("Ateliê Norte, Lda", "Designer, UX", datetime(2021, 4, 1)),        # wrapped
    "Tiago Almeida": ("Engenharia Sul", "Analista de Sistemas", datetime(2021, 3, 23)),
    "Bruna Carvalho, PMP": ("Logística Lusa", "Coordenadora de Projetos", datetime(2018, 7, 5)),  # wrapped
    "Lívia Souza": (None, "Estudante", datetime(2020, 2, 20)),
}


def test_rows_wrapped_whole_into_one_quoted_field_are_read(tmp_path):
    # ClaytonRafael/binderaula Connections.csv (2021): a spreadsheet with ";" as its list separator saved every line
    # holding a quote as one quoted cell, its quotes doubled; 4 of 173 rows were refused as "1 field"
    for export in forms(WRAPPED, tmp_path):
        records = parse(export)
        assert {a.display_name: (a.company, a.position, a.connected_at)
                for a in records if isinstance(a, Account)} == WRAPPED_PEOPLE
        assert {a.display_name: a.email for a in records if isinstance(a, Account) and a.email} == {
            "Tiago Almeida": "tiago.almeida@example.com.br"}
        assert len([i for i in records if isinstance(i, Interaction) and i.kind == "connection"]) == 5
        # a wrapped line of seven fields under a header of six is no row of this file: still refused
        assert refused(records) == [(6, "row has 1 fields, the header 6")]
        assert_nothing_lost(records)


def test_ingest_of_wrapped_rows_refuses_only_the_broken_line(unsocial, tmp_path):
    exports, refs = ingested(unsocial, tmp_path, WRAPPED, "select account_ref from raw_accounts order by 1")
    assert exports == [(6, 5, 1)]
    assert [r for (r,) in refs] == sorted(WRAPPED_PEOPLE)


# --- messages.csv: LinkedIn itself writing under a staff or team name -------------------------------------------

def test_messages_from_linkedin_itself_make_no_person(tmp_path):
    # "Rita from LinkedIn Premium", "Mona @ LinkedIn Learning", "LinkedIn Marketing Solutions", "Lena Holm från
    # LinkedIn", "Sofía, de LinkedIn Premium": no profile URL, HTML offers; 16 of 24 published exports checked
    # hold such messages, which made one person each
    for export in forms(FROM_ITSELF, tmp_path):
        records = parse(export)
        assert sorted({a.account_ref for a in records if isinstance(a, Account) and not a.is_owner}) == [ANA, JONAS]
        assert sorted((i.account_ref, i.direction) for i in records if isinstance(i, Interaction)) == [
            (ANA, "in"), (JONAS, "in"), (JONAS, "out")]
        assert refused(records) == [(line, FROM_LINKEDIN) for line in range(4, 9)] + [(10, "date: missing")]
        assert {n.member: n.handling for n in records if isinstance(n, MemberNote)} == {
            "Profile.csv": "parsed", "messages.csv": "parsed"}
        assert_nothing_lost(records)


def test_a_member_whose_name_mentions_linkedin_is_read(tmp_path):
    # "Ana Costa | LinkedIn Trainer" writes with her profile URL: a member, whatever her name says
    records = parse(Export(fixture("linkedin", FROM_ITSELF)))
    assert [(a.display_name, a.profile_url) for a in records if isinstance(a, Account) and a.account_ref == ANA] == [
        ("Ana Costa | LinkedIn Trainer", ANA)]


def test_ingest_keeps_no_offer_text_and_tells_there_is_nothing_to_do(unsocial, tmp_path):
    exports, advice = ingested(unsocial, tmp_path, FROM_ITSELF,
                               "select records, is_actionable, what_to_do from not_read "
                               "where reason like 'from: LinkedIn itself%'", "--keep-message-text")
    assert exports == [(10, 4, 6)]  # Profile, three messages of members, five from LinkedIn, one without a date
    assert advice == [(5, False, "nothing to do: nobody but you in it")]
    with duckdb.connect(str(tmp_path / "u.duckdb"), read_only=True) as con:
        texts = con.execute("select message_text from raw_interactions order by occurred_at").fetchall()
    assert [t for (t,) in texts] == ["Lunch on Friday?", "Yes, 12:30 at the canteen.",
                                     "Thanks for joining my workshop!"]
