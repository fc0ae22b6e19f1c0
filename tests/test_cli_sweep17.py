"""What a new user sees (issue 13): commands on a database that is not there create nothing, a missing inbox
leaves nothing behind, and a run's last lines say how to go on (with the --db the user passed)."""

from __future__ import annotations

import re

import pytest

from conftest import AS_OF
from ingest.reports.summary import render_summary
from ingest.store.tables import set_setting
from test_marts import ago, build_db

NO_DATABASE = "no database here; run `unsocial run INBOX` first or pass --db"


@pytest.mark.parametrize("command", [
    ("report",), ("resolve",), ("review",), ("link", "linkedin:a", "linkedin:b"),
    ("unlink", "linkedin:a", "linkedin:b"), ("forget", "p_nobody"),
])
def test_a_command_on_a_missing_database_is_refused_and_creates_nothing(unsocial, tmp_path, command):
    db, reports = tmp_path / "nowhere" / "nonexist.duckdb", tmp_path / "reports"
    options = ("--reports", reports) if command[0] in ("report", "forget") else ()
    result = unsocial(*command, "--db", db, *options)
    assert result.code == 1
    assert result.err.strip() == f"error: {db}: {NO_DATABASE}"
    assert list(tmp_path.iterdir()) == []  # no database, no folder for it, no reports


def test_report_in_an_empty_folder_leaves_no_database_behind(unsocial, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("UNSOCIAL_DB", raising=False)
    result = unsocial("report")
    assert result.code == 1 and result.err.strip() == f"error: unsocial.duckdb: {NO_DATABASE}"
    assert list(tmp_path.iterdir()) == []


def test_run_on_a_missing_inbox_creates_no_database(unsocial, tmp_path):
    db = tmp_path / "out" / "u.duckdb"
    result = unsocial("run", tmp_path / "nope", "--db", db, "--reports", tmp_path / "r")
    assert result.code == 1  # as README and test_cli pin it
    assert result.err.strip() == (f"error: {tmp_path / 'nope'}: no such inbox folder; "
                                  "pass the folder that holds your exports")
    assert list(tmp_path.iterdir()) == []


def test_run_hints_keep_the_db_and_point_to_the_summary_and_the_review(unsocial, inbox, tmp_path):
    db, reports = tmp_path / "out" / "u.duckdb", tmp_path / "out" / "reports"
    result = unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert (f'(every row: unsocial sql "select * from not_read" --db {db} --format csv, or in '
            f'{reports / "marta" / "not_read.csv"}):') in result.out
    page = reports / "marta" / "summary.html"
    count = re.search(r'<b id="open-questions">(\d+)</b>', page.read_text(encoding="utf-8")).group(1)
    assert result.out.splitlines()[-2:] == [  # the page's count of questions
        f"next:     open {page.resolve()}",
        f"          {count} open review questions (same person or not): unsocial review --db {db}"]


def test_run_says_when_no_question_is_open(unsocial, inbox, tmp_path):
    (inbox / "Basic_LinkedInDataExport_11-19-2026.zip").unlink()
    (inbox / "journal.csv").unlink()
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "          no open review question"


def test_ingest_hint_keeps_the_db_too(unsocial, tmp_path):
    from conftest import fixture

    db = tmp_path / "my data.duckdb"
    result = unsocial("ingest", fixture("linkedin", "2024-complete"), "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    assert f'(every row: unsocial sql "select * from not_read" --db \'{db}\' --format csv):' in result.out


def _follow_up_text(tmp_path, accounts, interactions, days: int | None = None) -> str:
    with build_db(tmp_path / "u.duckdb", accounts, interactions) as con:
        if days is not None:
            set_setting(con, "follow_up_days", str(days))
        html = render_summary(con, "marta", []).decode("utf-8")
    section = html[html.index("<h2>Follow-ups due</h2>"):]
    return section[:section.index("</section>")]


def test_summary_says_no_new_connection_when_nobody_connected_in_the_window(tmp_path):
    old = [("linkedin", "hana", "Hana Old", ago(200))]
    text = _follow_up_text(tmp_path, old, [("linkedin", "hana", "connection", "mutual", ago(200))])
    assert "<p>No new connection in the last 90 days.</p>" in text and "Nobody" not in text


def test_summary_names_the_window_the_owner_set(tmp_path):
    recent = [("linkedin", "gus", "Gus New", ago(40))]
    text = _follow_up_text(tmp_path, recent, [("linkedin", "gus", "connection", "mutual", ago(40))], days=30)
    assert "<p>No new connection in the last 30 days.</p>" in text


def test_summary_says_all_met_when_every_recent_connection_was_met(tmp_path):
    accounts = [("linkedin", "finn", "Finn Met", ago(30)), ("journal", "finn met", "Finn Met")]
    interactions = [("linkedin", "finn", "connection", "mutual", ago(30)),
                    ("journal", "finn met", "meeting", "mutual", ago(10), False, None, "in_person")]
    text = _follow_up_text(tmp_path, accounts, interactions)
    assert "<p>Nobody: every recent connection has been met since.</p>" in text
