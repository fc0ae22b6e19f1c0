"""Privacy: forgetting a person, owner-only files, nothing personal in output."""

from __future__ import annotations

import duckdb

from conftest import AS_OF

JONAS = ("Jonas", "Weber", "jonas-weber-1a2b", "jonas.weber@example.de")


def every_text(db) -> str:
    """Every text value of every table in the database but the suppression list, as one string."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                            "where table_type = 'BASE TABLE'").fetchall()
                  if t not in ("tombstones", "tombstone_keys")]
        return "\n".join(str(row) for t in tables for row in con.execute(f"select * from {t}").fetchall())


def test_forget_removes_a_person_everywhere_and_for_good(unsocial, inbox, tmp_path):
    db, reports = tmp_path / "u.duckdb", tmp_path / "reports"
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        (person_id,) = con.execute("select person_id from contacts where display_name = 'Jonas Weber'").fetchone()
    result = unsocial("forget", person_id, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert "Jonas" not in result.out + result.err
    # re-import everything, changed or not: the tombstone keeps him out
    with (inbox / "journal.csv").open("a", encoding="utf-8") as handle:
        handle.write("2026-10-02,Jonas Weber,jonas.weber@example.de,,meal,\n")
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    stored = every_text(db)
    with duckdb.connect(str(db), read_only=True) as con:
        tombstoned = con.execute("select platform, account_ref from tombstones order by all").fetchall()
        contacts = con.execute("select count(*) from contacts").fetchone()[0]
    assert ("linkedin", "https://www.linkedin.com/in/jonas-weber-1a2b") in tombstoned
    leftover = [v for v in JONAS if v in stored]
    assert leftover == [] and contacts == 8
    assert not any("Jonas" in p.read_text(encoding="utf-8") for p in reports.rglob("*") if p.is_file())


def test_forget_refuses_unknown_people_and_the_owner(unsocial, inbox, tmp_path):
    db = tmp_path / "u.duckdb"
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF).code == 0
    result = unsocial("forget", "p_nobody", "--db", db, "--reports", tmp_path / "r")
    assert result.code == 1 and "no such person" in result.err


def test_encrypted_database_needs_its_key(unsocial, inbox, tmp_path, monkeypatch):
    db = tmp_path / "u.duckdb"
    monkeypatch.setenv("UNSOCIAL_DB_KEY", "correct horse battery staple")
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF).code == 0
    assert unsocial("sql", "select count(*) as n from contacts", "--db", db, "--format", "csv").out == "n\n9\n"
    assert b"Jonas" not in db.read_bytes() and b"linkedin.com" not in db.read_bytes()
    monkeypatch.setenv("UNSOCIAL_DB_KEY", "wrong")
    result = unsocial("sql", "select 1", "--db", db)
    assert result.code == 1
    assert result.err == f"error: {db}: the database is encrypted and the key does not open it; set UNSOCIAL_DB_KEY to its key\n"
    monkeypatch.delenv("UNSOCIAL_DB_KEY")
    assert "the database is encrypted; set UNSOCIAL_DB_KEY" in unsocial("sql", "select 1", "--db", db).err


def test_no_personal_value_of_the_demo_in_any_output_line(unsocial, tmp_path, monkeypatch):
    """The whole demo through the command line at DEBUG level: not one name or address in the output."""
    import csv

    monkeypatch.setenv("UNSOCIAL_LOG_LEVEL", "DEBUG")
    result = unsocial("demo", "--dir", tmp_path / "demo")
    assert result.code == 0, result.err
    with (tmp_path / "demo" / "inboxes" / "henrike.labels.csv").open(encoding="utf-8") as handle:
        values = {r["account_ref"] for r in csv.DictReader(handle)
                  if r["platform"] in ("facebook", "journal", "calendar", "xing") and not r["account_ref"].isdigit()}
    with duckdb.connect(str(tmp_path / "demo" / "unsocial.duckdb"), read_only=True) as con:
        values |= {name for (name,) in con.execute("select distinct display_name from stg_accounts "
                                                   "where display_name is not null").fetchall()}
    values = {v for v in values if len(v) >= 5}  # not a two-letter fragment that any word contains
    output = result.out + result.err
    assert len(values) > 300
    assert sorted(v for v in values if v in output) == []
