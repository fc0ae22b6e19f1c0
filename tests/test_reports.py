"""The CSV reports, byte for byte against golden files, through the real command line.

The golden files in tests/golden/ are the reports of the ``inbox`` fixture for --as-of 2026-11-27.
After a deliberate change, rewrite them with ``UNSOCIAL_UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF
from ingest.reports.files import REPORTS, write_reports
from test_marts import ago, build_db

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

GOLDEN = Path(__file__).parent / "golden"
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$")


@pytest.fixture
def reports(unsocial, inbox, tmp_path) -> tuple[Path, Path]:
    """(database, the owner's report folder) after one `unsocial run`."""
    db, reports = tmp_path / "out" / "unsocial.duckdb", tmp_path / "out" / "reports"
    result = unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0, result.err
    return db, reports / "marta"


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("name", list(REPORTS))
def test_report_matches_its_golden_file(reports, name):
    _, folder = reports
    if os.environ.get("UNSOCIAL_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        (GOLDEN / name).write_bytes((folder / name).read_bytes())
    assert (folder / name).read_text(encoding="utf-8") == (GOLDEN / name).read_text(encoding="utf-8")


def test_every_report_has_its_view_columns_iso_dates_and_one_row_per_contact(reports):
    db, folder = reports
    with duckdb.connect(str(db), read_only=True) as con:
        for name, view in REPORTS.items():
            header, *rows = read_csv(folder / name)
            assert header == [c[0] for c in con.execute(f"describe {view}").fetchall() if c[0] != "owner_id"], name
            for column in (i for i, h in enumerate(header) if h.endswith(("_at", "_by"))):
                assert all(ISO.match(r[column]) for r in rows if r[column]), (name, header[column])
            if "person_id" in header:
                ids = [r[header.index("person_id")] for r in rows]
                assert len(ids) == len(set(ids)), name


def test_reports_hold_what_the_rules_found(reports):
    _, folder = reports
    circle = read_csv(folder / "core_circle.csv")
    assert [(r[0], r[2], r[4]) for r in circle[1:4]] == [("1", "Tomasz Nowak", "21"), ("2", "Jonas Weber", "17"),
                                                        ("3", "Pieter de Vries", "17")]
    unanswered = read_csv(folder / "unanswered.csv")
    assert [(r[1], r[3], r[5]) for r in unanswered[1:]] == [("Sam Recruiter", "1", "2026-01-08 08:00:00"),
                                                           ("Aylin Demir", "1", "2025-02-03 09:15:00")]
    assert read_csv(folder / "follow_up.csv")[1:] == []  # nobody connected in the last 90 days


def test_report_options_are_kept_as_settings(reports, unsocial, tmp_path):
    db, folder = reports
    result = unsocial("report", "--db", db, "--reports", folder.parent, "--as-of", AS_OF,
                      "--follow-up-days", "3000", "--reply-days", "7")
    assert result.code == 0, result.err
    never_met = [(r[1], r[3], r[6]) for r in read_csv(folder / "follow_up.csv")[1:]]
    assert never_met == [("Aylin Demir", "2023-01-12", "2031-03-31"), ("Lukas Berger", "2022-02-02", "2030-04-21"),
                         ("Lukas Berger", "2020-08-14", "2028-10-31")]
    assert unsocial("report", "--db", db, "--reports", folder.parent, "--as-of", AS_OF).code == 0
    assert len(read_csv(folder / "follow_up.csv")) == 4  # still 3000 days: the setting stays
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select follow_up_days, reply_days from overview").fetchall() == [(3000, 7)]
    assert unsocial("report", "--db", db, "--follow-up-days", "0").code == 2


def test_reports_and_summary_are_owner_only_and_left_alone_when_unchanged(reports, unsocial, inbox):
    db, folder = reports
    files = sorted(folder.iterdir())
    assert [p.name for p in files] == sorted([*REPORTS, "summary.html", ".unsocial-manifest.json"])
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
    before = {p: p.stat().st_mtime_ns for p in files}
    assert unsocial("run", inbox, "--db", db, "--reports", folder.parent, "--as-of", AS_OF).code == 0
    assert unsocial("report", "--db", db, "--reports", folder.parent, "--as-of", AS_OF).code == 0
    assert {p: p.stat().st_mtime_ns for p in files} == before


def test_text_a_spreadsheet_would_run_as_a_formula_is_quoted_numbers_are_not(tmp_path):
    evil, home = "=HYPERLINK(\"https://evil.example\")", "@home"
    accounts = [("facebook", evil, evil), ("facebook", home, home)]
    interactions = [("facebook", evil, "message", "in", ago(3)), ("facebook", home, "message", "out", ago(2))]
    with build_db(tmp_path / "u.duckdb", accounts, interactions) as con:
        write_reports(con, tmp_path / "reports")
    folder = tmp_path / "reports" / "marta"
    assert sorted(r[1] for r in read_csv(folder / "contacts.csv")[1:]) == ["'=HYPERLINK(\"https://evil.example\")", "'@home"]
    assert sorted(r[-3] for r in read_csv(folder / "reciprocity.csv")[1:]) == ["-1.0", "1.0"]  # balance


def test_control_characters_in_names_reach_no_report_and_no_page(unsocial, inbox, tmp_path):
    """Issue 15, item 14: a NUL in a name, and a bare CR inside a quoted cell (which the csv module would
    write unquoted: every reader then cuts the row in two)."""
    (inbox / "journal.csv").write_bytes(b'date,name,email,phone,kind,note\n'
                                        b'2025-06-14,"Zo\xc3\xab\x00 Dubois",,,meeting,\n'
                                        b'2025-07-01,"Greta\rNachbar",,,call,"a\rnote"\n')
    reports = tmp_path / "reports"
    assert unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", reports, "--as-of", AS_OF).code == 0
    folder = reports / "marta"
    for path in folder.iterdir():
        assert b"\x00" not in path.read_bytes() and b"\r" not in path.read_bytes(), path.name
    for name in REPORTS:
        header, *rows = read_csv(folder / name)
        assert all(len(row) == len(header) for row in rows), name
    names = [row[1] for row in read_csv(folder / "unmatched_offline.csv")[1:]]
    assert "Zoë Dubois" in names and "Greta\nNachbar" in names


def test_an_unchanged_report_that_others_could_read_becomes_owner_only(reports, unsocial, inbox):
    db, folder = reports
    for path in folder.iterdir():
        path.chmod(0o644)
    assert unsocial("report", "--db", db, "--reports", folder.parent, "--as-of", AS_OF).code == 0
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}


def test_match_review_asks_each_question_once_in_one_order_whatever_the_inbox_path(unsocial, tmp_path):
    """An account weighed against several others was listed once per other, the rows alike and in the order the
    pairs happened to come in: match_review.csv differed between two copies of one inbox at two paths."""
    from datetime import date

    from ingest.demo import write_demo_inbox

    inbox = write_demo_inbox(tmp_path / "inboxes" / "owner", people=120, as_of=date.fromisoformat(AS_OF))
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "r", "--as-of", AS_OF)
    assert result.code == 0, result.err
    header, *rows = read_csv(tmp_path / "r" / "owner" / "match_review.csv")
    at = {column: header.index(column) for column in
          ("platform", "account_ref", "other_platform", "other_account_ref", "rule", "reason")}
    keys = [tuple(row[i] for i in at.values()) for row in rows]
    assert len(set(keys)) == len(keys) and keys == sorted(keys)
    asked = [key[:2] for key in keys]
    several = [account for account in set(asked) if asked.count(account) > 1]
    assert several, "no account weighed against several others: nothing was compared"
    assert all(row[at["other_account_ref"]] for row in rows if tuple(row[:2]) in several)
