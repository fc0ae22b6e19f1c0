"""LinkedIn Connections.csv as published exports write it: the header written without spaces
("FirstName,LastName,EmailAddress,Company,Position,ConnectedOn", no URL, dates "04-May-22"), and a copy saved
again by a Spanish-locale spreadsheet (";", Windows-1252, "12-jun-12"). Folder and zip, as a user hands them in."""

from __future__ import annotations

import shutil
from datetime import datetime

import duckdb

from conftest import assert_nothing_lost, fixture, forms, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source
from ingest.sources.archive import Export

NOSPACE = "2025-connections-nospace-header"
SPANISH = "2025-connections-spreadsheet-es"






def connections(records) -> dict[str, tuple]:
    return {a.display_name: (a.email, a.company, a.position, a.connected_at)
            for a in records if isinstance(a, Account) and not a.is_owner}


def connected_on(records) -> dict[str, datetime]:
    return {i.account_ref: i.occurred_at for i in records if isinstance(i, Interaction) and i.kind == "connection"}


# --- the header without spaces ----------------------------------------------------------------------------------

NOSPACE_PEOPLE = {
    "Karim Haddad": (None, "Lumen Analytics", "Data Engineer", datetime(2022, 5, 4)),
    "Sofie Lindqvist": (None, "Nordvik AB", "Head of Sales, EMEA", datetime(2022, 5, 3)),
    "Bruno Marchetti, PhD": ("bruno.marchetti@example.it", "Ateneo Esempio", "Researcher", datetime(2010, 8, 11)),
    "Yuki Tanabe": (None, None, "Freelancer", datetime(2010, 7, 29)),
}


def test_the_folder_alone_is_a_linkedin_export(tmp_path):
    for export in forms(NOSPACE, tmp_path):
        assert detect_source(export).NAME == "linkedin"


def test_connections_under_a_header_without_spaces_are_read(tmp_path):
    for export in forms(NOSPACE, tmp_path):
        records = parse(export)
        assert connections(records) == NOSPACE_PEOPLE
        # no URL: each is known by name
        assert connected_on(records) == {name: fields[3] for name, fields in NOSPACE_PEOPLE.items()}
        assert {n.member: (n.handling, n.records_read) for n in records if isinstance(n, MemberNote)} == {
            "Connections.csv": ("parsed", 4)}
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert_nothing_lost(records)


def test_beside_profile_csv_the_file_is_read_and_the_owner_known(tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(fixture("linkedin", NOSPACE), folder)
    shutil.copy(fixture("linkedin", "2024-basic", "Profile.csv"), folder)
    records = parse(Export(folder))
    assert connections(records) == NOSPACE_PEOPLE
    assert [a.display_name for a in records if isinstance(a, Account) and a.is_owner] == ["Marta Lindqvist"]
    assert {n.member: n.handling for n in records if isinstance(n, MemberNote)} == {
        "Connections.csv": "parsed", "Profile.csv": "parsed"}


def test_a_tags_column_is_ignored_and_slashed_dates_are_ordered_per_file(tmp_path):
    # The same header with ",Tags" and dates "M/D/YYYY" (code index id 4040622648); here one date, 13/5/2012,
    # can only be day first, so the whole file is read day first, 4/5/2012 as 4 May.
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        "FirstName,LastName,EmailAddress,Company,Position,ConnectedOn,Tags\n"
        "Karim,Haddad,,Lumen Analytics,Data Engineer,13/5/2012,friends\n"
        "Sofie,Lindqvist,,Nordvik AB,Sales,4/5/2012,\n"
        ",,,,,4/6/2012,\n", encoding="utf-8")
    records = parse(Export(folder))
    assert connected_on(records) == {"Karim Haddad": datetime(2012, 5, 13), "Sofie Lindqvist": datetime(2012, 5, 4)}
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (4, "name and profile URL empty: a member LinkedIn no longer names (likely a deleted or deactivated account)")]
    assert "dates read day-first" in next(n.note for n in records if isinstance(n, MemberNote))
    assert_nothing_lost(records)


def test_ingest_loads_every_connection(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("linkedin", NOSPACE), "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    assert "unknown file" not in result.out and "not a recognised export" not in result.out + result.err
    with duckdb.connect(str(db), read_only=True) as con:
        exports = con.execute("select source, records_read, records_loaded, records_quarantined "
                              "from ingested_exports").fetchall()
        refs = con.execute("select account_ref from raw_accounts order by 1").fetchall()
    assert exports == [("linkedin", 4, 4, 0)]
    assert [r for (r,) in refs] == sorted(NOSPACE_PEOPLE)


# --- saved again by a Spanish-locale spreadsheet ------------------------------------------------------------------

def test_a_spanish_spreadsheet_copy_keeps_its_people_and_dates(tmp_path):
    for export in forms(SPANISH, tmp_path):
        records = parse(export)
        assert {name: (company, at) for name, (_, company, _, at) in connections(records).items()} == {
            "Lucía Ferrer": ("Cerámicas Levante SL", datetime(2012, 6, 12)),
            "Mateo Iglesias": (None, datetime(2015, 11, 3)),
            "Elena Robles": ("Transportes Duero", datetime(2021, 9, 27)),
            "Tomás Navarro": ("Navarro & Hijos", datetime(2019, 4, 5)),   # "05 Apr 2019", left as LinkedIn wrote it
            "Inés Calvo": (None, datetime(2023, 12, 18)),                  # "18 Dec 2023", likewise
            "Pablo Soler": ("Universidad de Ejemplo", datetime(2024, 5, 9))}
        assert len(connected_on(records)) == 6
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert_nothing_lost(records)
