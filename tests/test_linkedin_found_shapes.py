"""LinkedIn files as found in published exports and not yet among the fixtures: Invitations.csv saved again by a
spreadsheet set to day first (dates without time, some rewritten dashed), Invitations.csv naming both sides by
member URN instead of profile URL, and Connections.csv saved again by a German-locale spreadsheet (";", dd.mm.yyyy,
names in two encodings). Folder and zip, as a user hands them in."""

from __future__ import annotations

from datetime import datetime

from conftest import assert_nothing_lost, forms, ingested, parse
from ingest.models import Account, Interaction, Quarantined

RESAVED_INVITATIONS = "2021-invitations-spreadsheet"
URN_INVITATIONS = "2023-invitations-urn"
GERMAN_SPREADSHEET = "2021-connections-spreadsheet-de"


def refused(records) -> list[tuple[int, str]]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def invitations(records) -> dict[str, tuple[str, datetime]]:
    return {i.account_ref: (i.direction, i.occurred_at) for i in records
            if isinstance(i, Interaction) and i.kind == "invitation"}


# --- Invitations.csv saved again by a spreadsheet set to day first -------------------------------------------------

RESAVED_PEOPLE = {
    "Tomas Lindgren": ("out", datetime(2021, 11, 28)),
    "Greta Holmberg": ("out", datetime(2021, 9, 27)),
    "Omar Haddad": ("out", datetime(2021, 9, 4)),     # "09-04-2021": LinkedIn's 9/4/21, read day first and rewritten
    "Lucia Ferri": ("out", datetime(2021, 8, 30)),
    "Ines Duarte": ("in", datetime(2021, 9, 7)),      # "09-07-2021"
    "Kenji Sato": ("in", datetime(2021, 8, 29)),
    "Ravi Nair": ("in", datetime(2021, 8, 9)),        # "08-09-2021"
}


def test_invitations_with_dates_a_spreadsheet_rewrote_are_read(tmp_path):
    # nnikita19/Linkedin-Ananlysis Invitations.csv: 5 of 40 "Sent At" rewritten dashed were refused as "date in no
    # known format"; read in the file's month-first order, each falls where the rows' order puts it
    for export in forms(RESAVED_INVITATIONS, tmp_path):
        records = parse(export)
        assert invitations(records) == RESAVED_PEOPLE
        assert {a.account_ref for a in records if isinstance(a, Account)} == set(RESAVED_PEOPLE)
        assert refused(records) == [(9, "direction: missing")]
        assert_nothing_lost(records)


def test_ingest_of_resaved_invitations_reconciles(unsocial, tmp_path):
    exports, refs = ingested(unsocial, tmp_path, RESAVED_INVITATIONS, "select account_ref from raw_accounts order by 1")
    assert exports == [(8, 7, 1)]
    assert [r for (r,) in refs] == sorted(RESAVED_PEOPLE)


# --- Invitations.csv with member URNs instead of profile URLs ------------------------------------------------------

def test_invitations_naming_members_by_urn_are_read_by_name(tmp_path):
    # rakshithaelango/Linkedin_Profile_Analytics_Dashboard_PowerBi Invitations.csv (2023): "inviterProfileUrn,
    # inviteeProfileUrn" hold "urn:li:member:<number>", no profile URL: each side is known by name, the URN is no URL
    for export in forms(URN_INVITATIONS, tmp_path):
        records = parse(export)
        assert invitations(records) == {
            "Bruno Keller": ("out", datetime(2023, 6, 10, 7, 26)),
            "Chloe Martin": ("in", datetime(2023, 5, 28, 22, 2)),
            "Dev Patel": ("in", datetime(2023, 5, 3, 11, 45)),
            "Elif Demir": ("in", datetime(2023, 4, 19, 8, 15)),
        }
        invited = [a for a in records if isinstance(a, Account) and a.member == "Invitations.csv"]
        assert {a.profile_url for a in invited} == {None}
        assert "Aiko Tanaka" not in {a.display_name for a in records if isinstance(a, Account)}  # the owner
        assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
            ("Invitations.csv", 6, "sent at: missing")]
        assert_nothing_lost(records)


def test_ingest_of_urn_invitations_reconciles(unsocial, tmp_path):
    exports, kinds = ingested(unsocial, tmp_path, URN_INVITATIONS,
                              "select kind, count(*) from raw_interactions group by kind order by kind")
    assert exports == [(7, 6, 1)]  # two connections, four invitations, one without a date
    assert kinds == [("connection", 2), ("invitation", 4)]


# --- Connections.csv saved again by a German-locale spreadsheet --------------------------------------------------

GERMAN_PEOPLE = {
    "Jonas Brandt-Hoffmann": ("Kontor Nord", datetime(2021, 9, 16)),
    "Henrik Sørensen": ("Havn & Co", datetime(2021, 9, 14)),        # Windows-1252
    "Lena Köhler": ("Stadtwerke Süd", datetime(2021, 9, 7)),        # Windows-1252
    "Mateja Kovačević": ("Dunav d.o.o.", datetime(2020, 2, 3)),     # UTF-8 in the same file
    "Pia Jäger": (None, datetime(2019, 11, 12)),                    # UTF-8
    "Tobias Wendt": ("Brückenbau AG", datetime(2015, 12, 3)),
}


def test_connections_from_a_german_spreadsheet_are_read(tmp_path):
    # PhilCPH/Python_Network_Visualization_LinkedIn Connections.csv (2021): "First Name;Last Name;Company;Position;
    # Connected on", no URL or e-mail, CRLF, "16.09.2021", names with umlauts in Windows-1252 and UTF-8 mixed
    for export in forms(GERMAN_SPREADSHEET, tmp_path):
        records = parse(export)
        assert {a.display_name: (a.company, a.connected_at) for a in records if isinstance(a, Account)} == GERMAN_PEOPLE
        assert len([i for i in records if isinstance(i, Interaction) and i.kind == "connection"]) == 6
        assert [line for line, _ in refused(records)] == [7]  # only "Connected On" left: a member no longer named
        assert_nothing_lost(records)


def test_ingest_of_german_spreadsheet_keeps_every_name_whole(unsocial, tmp_path):
    exports, names = ingested(unsocial, tmp_path, GERMAN_SPREADSHEET,
                              "select display_name from raw_accounts order by 1")
    assert exports == [(7, 6, 1)]
    assert [n for (n,) in names] == sorted(GERMAN_PEOPLE)
