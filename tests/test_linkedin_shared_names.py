"""Connections of one name in a Connections.csv with no URL column are one account (the account_ref is the name, as
design.md says): the file's note says how many names stand on several connections, so that the folding is never
silent (ahmedalbabily/Plotly_Dash_Dashboard_Linkedin_Analytics Connections.csv: 62 names on 141 rows)."""

from __future__ import annotations

import duckdb

from conftest import fixture

SHARED = fixture("linkedin", "2021-connections-shared-names")


def test_names_on_several_connections_without_a_url_are_told_in_the_note(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", SHARED, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        accounts = con.execute("select count(distinct account_ref) from raw_accounts where not is_owner").fetchone()
        (reason, advice), = con.execute("select reason, what_to_do from not_read where member = 'Connections.csv'"
                                        ).fetchall()
    assert accounts == (3,)  # six connections, three names
    assert reason.endswith("2 names each on several connections with no profile URL, read as one account each "
                           "(nothing in the file tells them apart)")
    assert advice.startswith("nothing to do: the export names these connections by name alone")
    assert "2 names each on several connections" in result.out


def test_a_file_with_profile_urls_says_nothing_of_shared_names(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    assert unsocial("ingest", fixture("linkedin", "2024-complete"), "--db", db, "--owner", "marta").code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        notes = con.execute("select note from raw_members where member like '%Connections.csv'").fetchall()
    assert notes and not [n for (n,) in notes if "several connections" in n]
