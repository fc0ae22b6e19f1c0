"""People named by name alone (the account_ref design.md gives a LinkedIn row with no URL and every Facebook account):
connections or friends of one name are one account, and the file's note says how many names stand on several
entries, so that the folding is never silent (ahmedalbabily/Plotly_Dash_Dashboard_Linkedin_Analytics
Connections.csv: 62 names on 141 rows; jszoke1/DataEMAT24 your_friends.json: 4 names on 10 entries); a name written
with a double space is the same name."""

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


def test_a_name_written_with_a_double_space_is_the_same_account(unsocial, tmp_path):
    # Invitations.csv writes "Ana  Costa" where Connections.csv joins "Ana" and "Costa" (anuhyabs/SocialMediaTracker)
    db = tmp_path / "u.duckdb"
    assert unsocial("ingest", fixture("linkedin", "2021-invitations-double-space"), "--db", db).code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        refs = con.execute("select distinct account_ref from raw_accounts where not is_owner order by 1").fetchall()
        kinds = con.execute("select account_ref, kind from raw_interactions order by 1, 2").fetchall()
    assert refs == [("Ana Costa",), ("Kofi Mensah",)]
    assert kinds == [("Ana Costa", "connection"), ("Ana Costa", "invitation"), ("Kofi Mensah", "connection"),
                     ("Kofi Mensah", "invitation")]


def test_facebook_friends_of_one_name_are_told_in_the_note(unsocial, tmp_path):
    # jszoke1/DataEMAT24 your_friends.json: 4 names on 10 entries, befriended years apart
    db = tmp_path / "u.duckdb"
    assert unsocial("ingest", fixture("facebook", "single-friends-json-2024-namesakes"), "--db", db,
                    "--owner", "marta").code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        friends = con.execute("select count(*), count(distinct account_ref) from raw_interactions").fetchone()
        (reason, advice), = con.execute("select reason, what_to_do from not_read").fetchall()
    assert friends == (6, 3)
    assert reason.endswith("names carried by several friends, each read as one account (nothing in the export "
                           "tells them apart): 2")
    assert advice.startswith("nothing to do: Facebook names friends by name alone")
