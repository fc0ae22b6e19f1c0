"""Usage the command line once answered with a traceback, a wrong hint or a silent no-op: each now gets one line
that says what to do, or does what was meant."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF, fixture, query, zip_folder

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

MUC = "https://www.linkedin.com/in/lukas-berger-muc"
INTERRUPTED = "interrupted: nothing half written is kept; run the same command again"


@pytest.fixture
def db(unsocial, tmp_path) -> Path:
    """A database with one LinkedIn export of owner marta."""
    path = tmp_path / "u.duckdb"
    assert unsocial("ingest", fixture("linkedin", "2024-basic"), "--db", path, "--owner", "marta").code == 0
    return path


@pytest.fixture
def ran(unsocial, inbox, tmp_path) -> Path:
    path = tmp_path / "out" / "unsocial.duckdb"
    result = unsocial("run", inbox, "--db", path, "--reports", tmp_path / "out" / "reports", "--as-of", AS_OF)
    assert result.code == 0, result.err
    return path


def one_line(result, code: int) -> str:
    assert result.code == code and "Traceback" not in result.err, result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    return result.err.strip()


@pytest.mark.parametrize("name", ["out.csv", "OUT.CSV", "out.json", "out.parquet"])
def test_out_alone_writes_the_format_its_extension_names(unsocial, db, tmp_path, name):
    target = tmp_path / name
    result = unsocial("sql", "select 1 as n, 'a' as t", "--db", db, "--out", target)
    assert result.code == 0, result.err
    assert f"wrote {target} (1 row)" in result.out
    with duckdb.connect() as con:
        reader = {"csv": "read_csv", "json": "read_json", "parquet": "read_parquet"}[name.split(".")[1].lower()]
        assert con.execute(f"select n, t from {reader}(?)", [str(target)]).fetchall() == [(1, "a")]


def test_out_with_an_extension_that_names_no_format_asks_for_one(unsocial, db, tmp_path):
    result = unsocial("sql", "select 1", "--db", db, "--out", tmp_path / "out.xlsx")
    assert one_line(result, 2) == (f"error: {tmp_path / 'out.xlsx'}: the format cannot be told from the file's "
                                   "extension; pass --format csv|json|parquet")
    assert not (tmp_path / "out.xlsx").exists()


def test_out_into_a_folder_that_is_not_there_names_it_and_says_nothing_of_reports(unsocial, db, tmp_path):
    result = unsocial("sql", "select 1", "--db", db, "--out", tmp_path / "no" / "such" / "out.csv")
    assert one_line(result, 2) == f"error: {tmp_path / 'no' / 'such'}: no such folder; create it or pass another --out"


@pytest.mark.parametrize("text", ["", "   ", "/* only a comment */", ";"])
def test_a_query_with_no_statement_is_a_usage_error(unsocial, db, text):
    assert one_line(unsocial("sql", text, "--db", db), 2) == "error: query: holds no SQL statement; give a query"


def test_json_holds_valid_json_for_nan_intervals_and_blobs(unsocial, db):
    question = ("select 'NaN'::double as nan, '-Infinity'::double as low, interval 3 day + interval 90 minute as "
                "took, '\\xAA\\xFF'::blob as raw, [interval '1.5 seconds'] as laps")
    result = unsocial("sql", question, "--db", db, "--format", "json")
    assert result.code == 0, result.err

    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    assert json.loads(result.out, parse_constant=refuse) == [
        {"nan": None, "low": None, "took": "P3DT1H30M", "raw": "aaff", "laps": ["PT1.5S"]}]


def test_csv_writes_intervals_and_blobs_as_values_other_programs_read(unsocial, db):
    """Python's reprs reached the file before: "3 days, 1:30:00" and "b'\\xaa\\xff'"."""
    question = "select interval 3 day + interval 90 minute as took, '\\xAA\\xFF'::blob as raw"
    result = unsocial("sql", question, "--db", db, "--format", "csv")
    assert (result.code, result.out) == (0, "took,raw\nP3DT1H30M,aaff\n")


def test_a_date_that_does_not_exist_is_a_one_line_usage_error(unsocial, db):
    result = unsocial("report", "--db", db, "--as-of", "2025-02-30")
    assert one_line(result, 2) == "error: --as-of: '2025-02-30' is not a date; give one like 2026-11-27"


def test_a_reports_folder_that_is_a_file_is_refused_before_the_run(unsocial, inbox, tmp_path):
    (tmp_path / "rfile").write_text("mine")
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "rfile")
    assert one_line(result, 1) == f"error: {tmp_path / 'rfile'}: is a file, not a folder; pass another --reports folder"
    assert not (tmp_path / "u.duckdb").exists()  # refused before anything was read or written


def test_a_reports_folder_that_cannot_be_written_is_refused_before_the_run(unsocial, inbox, tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    real = os.access  # root may write a folder of mode 555: as a user may not
    monkeypatch.setattr("ingest.reports.files.os.access", lambda p, mode: Path(p) != locked and real(p, mode))
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", locked / "reports")
    assert one_line(result, 1) == (f"error: {locked}: cannot be written (read-only, or not this user's to write); "
                                   "let this user write it or pass another --reports folder")
    assert not (tmp_path / "u.duckdb").exists()


def test_a_demo_folder_that_is_a_file_is_refused(unsocial, tmp_path):
    (tmp_path / "f").write_text("mine")
    result = unsocial("demo", "--dir", tmp_path / "f")
    assert one_line(result, 1) == f"error: {tmp_path / 'f'}: is a file, not a folder; pass another --dir folder"


def test_the_same_export_given_twice_is_read_once(unsocial, tmp_path, monkeypatch):
    export = zip_folder(fixture("linkedin", "2024-basic"), tmp_path / "L.zip")
    monkeypatch.chdir(tmp_path)
    result = unsocial("ingest", "L.zip", export, "--db", "u.duckdb", "--owner", "marta")
    assert result.code == 0, result.err
    assert result.err.strip() == f"note: {export}: given more than once, read once"
    alone = tmp_path / "alone.duckdb"
    assert unsocial("ingest", export, "--db", alone, "--owner", "marta").code == 0
    counts = "select export_path, records_read, records_loaded, records_quarantined from ingested_exports"
    assert query(tmp_path / "u.duckdb", counts) == query(alone, counts)


def test_review_without_standard_input_points_to_list_and_link(ran, unsocial, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)  # `unsocial review <&-`
    result = unsocial("review", "--db", ran)
    assert one_line(result, 2) == ("error: standard input: closed, and review asks in a terminal; in a script use "
                                   "`unsocial review --list`, then `unsocial link` or `unsocial unlink`")
    assert "account A" not in result.out  # no question (and no contact) shown first


def test_review_from_a_pipe_refuses_a_line_that_is_no_key(ran, unsocial, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # `echo y | unsocial review`
    result = unsocial("review", "--db", ran)
    assert one_line(result, 2).startswith("error: standard input: 'y' is not a key of review (s, d, k or space, u, q)"
                                          "; in a terminal press one; in a script use `unsocial review --list`")
    assert "answer(s) kept" not in result.out


@pytest.mark.parametrize("pasted", [f"{MUC}/", MUC.replace("https", "http"), "de.linkedin.com/in/lukas-berger-muc",
                                    "linkedin.com/in/lukas-berger-muc", f"{MUC}?originalSubdomain=de"])
def test_a_linkedin_profile_url_is_taken_as_pasted(ran, unsocial, pasted):
    for command in ("unlink", "link"):
        result = unsocial(command, f"linkedin:{pasted}", "journal:jonas weber", "--db", ran)
        assert result.code == 0, result.err
    assert query(ran, "select rule, account_ref_a, account_ref_b from review_decisions") in (
        [("must_link", MUC, "jonas weber")], [("must_link", "jonas weber", MUC)])


# Ctrl-C in a subprocess, at a chosen place: as the KeyboardInterrupt Python raises, and as the RuntimeError
# "Query interrupted" DuckDB raises when the signal stops its query.
PRESS_CTRL_C = """
import os, signal, sys, threading
from ingest import pipeline
from ingest.cli import main

def write_reports(con, *args, **kwargs):
    if {duckdb}:
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
        con.execute("select sum(range) from range(600000000)").fetchall()  # about a second
    os.kill(os.getpid(), signal.SIGINT)
    threading.Event().wait(5)

pipeline.write_reports = write_reports
sys.argv = ["unsocial", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("in_duckdb", [False, True])
def test_ctrl_c_is_one_line_and_the_same_command_completes_the_run(inbox, tmp_path, in_duckdb):
    command = ["run", str(inbox), "--db", str(tmp_path / "u.duckdb"), "--reports", str(tmp_path / "r"),
               "--as-of", AS_OF]
    stopped = subprocess.run([sys.executable, "-c", PRESS_CTRL_C.format(duckdb=in_duckdb), *command],
                             capture_output=True, text=True, timeout=120)
    assert (stopped.returncode, stopped.stderr) == (130, f"{INTERRUPTED}\n")
    again = subprocess.run([str(Path(sys.executable).with_name("unsocial")), *command], capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "r" / "marta" / "contacts.csv").is_file()


def test_ingest_of_an_owners_inbox_folder_files_it_under_that_owner(unsocial, inbox, tmp_path):
    """`unsocial ingest inboxes/marta` filed every row under the owner "inboxes", the folder holding it."""
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", inbox, "--db", db)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select distinct owner_id from ingested_exports").fetchall() == [("marta",)]


@pytest.mark.parametrize("args, said", [
    (["frobnicate"], "error: unsocial: No such command 'frobnicate'; see `unsocial --help`"),
    (["run", "--bogus"], "error: unsocial run: No such option: --bogus; see `unsocial run --help`"),
    (["run"], "error: unsocial run: Missing argument 'inbox'; see `unsocial run --help`"),
])
def test_typers_own_usage_errors_are_one_line_too(unsocial, args, said):
    """They came as a box of several lines with the usage above it; every other error is one line."""
    result = unsocial(*args)
    assert (result.code, result.err.strip()) == (2, said)


def test_a_bad_owner_option_is_one_line_naming_the_rule(unsocial, inbox, tmp_path):
    result = unsocial("run", inbox, "--owner", "A B", "--db", tmp_path / "u.duckdb")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert result.err.startswith("error: unsocial run: Invalid value for '--owner': 'A B' is not a valid owner id")


def test_file_names_with_control_characters_are_shown_escaped_never_acted_on(unsocial, tmp_path):
    """A file name is anyone's: one holding a line break split the one-line error in two, and one holding an escape
    sequence ("\\x1b[31m", a window title's "\\x1b]0;…\\x07") reached the terminal as it was, to act on."""
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    (inbox / "Complete_LinkedInDataExport\n\x1b[31m.zip").write_bytes(b"PK\x03\x04 cut short")
    (inbox / "notes\x1b]0;title\x07.txt").write_text("not an export")
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "reports")
    assert "\x1b" not in result.out + result.err and "\x07" not in result.out + result.err
    assert one_line(result, 1) == (f"error: {inbox}/Complete_LinkedInDataExport\\n\\x1b[31m.zip: not a readable zip "
                                   "(truncated or damaged?); download the export again")
    assert "│ notes\\x1b]0;title\\x07.txt │" in result.out
