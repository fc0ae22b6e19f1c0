"""Privacy: forgetting a person, owner-only files, nothing personal in output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

JONAS = ("Jonas", "Weber", "jonas-weber-1a2b", "jonas.weber@example.de")


def every_text(db) -> str:
    """Every text value of every table in the database (the suppression list holds keyed hashes only), as one string."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                            "where table_type = 'BASE TABLE'").fetchall()]
        return "\n".join(str(row) for t in tables for row in con.execute(f"select * from {t}").fetchall())


def test_forget_removes_a_person_everywhere_and_for_good(unsocial, inbox, tmp_path):
    db, reports = tmp_path / "u.duckdb", tmp_path / "reports"
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        (person_id,) = con.execute("select person_id from contacts where display_name = 'Jonas Weber'").fetchone()
    result = unsocial("forget", person_id, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert "Jonas" not in result.out + result.err
    # re-import everything, changed or not: the suppression list keeps him out
    with (inbox / "journal.csv").open("a", encoding="utf-8") as handle:
        handle.write("2026-10-02,Jonas Weber,jonas.weber@example.de,,meal,\n")
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    stored = every_text(db)
    with duckdb.connect(str(db), read_only=True) as con:
        kinds = dict(con.execute("select kind, count(*) from suppression group by kind").fetchall())
        contacts = con.execute("select count(*) from contacts").fetchone()[0]
    assert kinds["account"] >= 2 and kinds["value"] >= 2  # his accounts, e-mail and profile URL, as keyed hashes
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
                  if r["platform"] in ("facebook", "journal", "calendar", "xing", "calls")
                  and not r["account_ref"].isdigit()}
    with duckdb.connect(str(tmp_path / "demo" / "unsocial.duckdb"), read_only=True) as con:
        values |= {name for (name,) in con.execute("select distinct display_name from stg_accounts "
                                                   "where display_name is not null").fetchall()}
    values = {v for v in values if len(v) >= 5}  # not a two-letter fragment that any word contains
    output = result.out + result.err
    assert len(values) > 300
    assert sorted(v for v in values if v in output) == []


# --- the demo through the team DAG: every log line Airflow wrote -------------------------------------------------

# Runs tests/run_dag.py with every Python logging record also written to a file, whatever handlers Airflow
# installs (Logger.handle sees each record once, before propagation), exception texts included.
RECORDING_DRIVER = r"""
import logging, runpy, sys

records = open(sys.argv.pop(1), "w", encoding="utf-8")
handle = logging.Logger.handle


def recording(self, record):
    text = record.getMessage()
    if record.exc_info:
        text += "\n" + logging.Formatter().formatException(record.exc_info)
    records.write(f"{record.name} {record.levelname} {text}\n")
    records.flush()
    return handle(self, record)


logging.Logger.handle = recording
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@dataclass
class DemoDag:
    inbox: Path
    db: Path
    output: list[str]  # per run: what it printed (task logs included)
    logs: str  # everything: the output, every Python logging record, Airflow's log files
    runs: list[dict]
    texts: set[str]  # the message texts the database holds at the end


@pytest.fixture(scope="module")
def demo_dag(tmp_path_factory) -> DemoDag:
    """The demo through the team DAG with its defaults, again keeping message text, then the reports DAG,
    at Airflow's DEBUG level; every Python logging record written to a file as well."""
    import json
    import subprocess
    import sys
    from datetime import date

    from ingest.demo import write_demo_inbox
    from test_dag import airflow_env

    base = tmp_path_factory.mktemp("demo-dag")
    inbox = write_demo_inbox(base / "inboxes" / "henrike", people=60, messages=300, as_of=date.fromisoformat(AS_OF),
                             call_log=True)
    db, reports = base / "unsocial.duckdb", base / "reports"
    conf = {"inboxes": str(inbox.parent), "db": str(db), "reports": str(reports), "as_of": AS_OF}
    runs = [{"dag": "social_exports", "conf": conf}, {"dag": "social_exports", "conf": {**conf, "keep_message_text": True}},
            {"dag": "social_reports", "conf": {"db": str(db), "reports": str(reports)}}]
    (base / "spec.json").write_text(json.dumps({"runs": runs}))
    (base / "airflow").mkdir()
    env = {**airflow_env(base / "airflow"), "AIRFLOW__LOGGING__LOGGING_LEVEL": "DEBUG", "UNSOCIAL_LOG_LEVEL": "DEBUG"}
    done = subprocess.run([sys.executable, "-c", RECORDING_DRIVER, str(base / "records.log"),
                           str(Path(__file__).parent / "run_dag.py"), str(base / "spec.json"), str(base / "result.json")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # Airflow's own files but its database: dag.test() writes its task logs to the output, not to logs/
    files = [p for p in (base / "airflow").rglob("*") if p.is_file() and p.suffix != ".db"]
    logs = "\n".join([done.stdout, done.stderr, (base / "records.log").read_text(encoding="utf-8"),
                      *(p.read_text(encoding="utf-8", errors="replace") for p in files)])
    with duckdb.connect(str(db), read_only=True) as con:
        texts = {t for (t,) in con.execute("select distinct message_text from interactions "
                                            "where message_text is not null").fetchall()}
    return DemoDag(inbox, db, done.stdout.split("=== run ")[1:], logs, json.loads((base / "result.json").read_text()),
                   texts)


def demo_personal_values(demo: DemoDag) -> tuple[set[str], set[str]]:
    """Every personal value of the demo's contacts as written in the exports (names, e-mails, phones as
    written and as digits, profile URLs, handles, thread and file names, journal notes, message texts), and
    the words of their names long enough not to be common fragments (searched as whole words)."""
    import csv
    import re

    from ingest.demo.names import CHAT, GROUP_TITLES, INMAILS, MESSAGES, OWNER_REPLIES

    with duckdb.connect(str(demo.db), read_only=True) as con:
        columns = ("account_ref", "display_name", "first_name", "last_name", "email", "phone", "profile_url", "handle")
        values = {v for c in columns for (v,) in con.execute(
            f"select distinct {c} from raw_accounts where {c} is not null and not is_owner").fetchall()}
        names = {v for c in ("display_name", "first_name", "last_name") for (v,) in con.execute(
            f"select distinct {c} from raw_accounts where {c} is not null and not is_owner").fetchall()}
        values |= {v for (v,) in con.execute("select distinct thread_ref from raw_interactions "
                                             "where thread_ref is not null").fetchall()}
        phones = {v for (v,) in con.execute("select distinct phone from raw_accounts where phone is not null").fetchall()}
    with (demo.inbox / "journal.csv").open(encoding="utf-8") as handle:
        values |= {r["note"] for r in csv.DictReader(handle) if r["note"]}
    values |= {re.sub(r"\D", "", p) for p in phones}
    values |= demo.texts | {fragment for text in (*MESSAGES, *CHAT, *GROUP_TITLES, *INMAILS, *OWNER_REPLIES)
                            for fragment in text.split("{first}")}
    values |= {p.stem for p in demo.inbox.rglob("*.vcf")} - {"contacts"}  # XING names each card after its person
    values = {v for v in values if len(v.strip()) >= 8 and not v.isdigit() or v.isdigit() and len(v) >= 9}
    words = {w for name in names for w in re.findall(r"\w{5,}", name)}
    return values, words


def test_no_personal_value_of_the_demo_in_any_airflow_log_line(demo_dag):
    """Task output, Airflow's log files and every Python logging record of the runs hold none of the demo's
    personal values, message texts included (the second run kept them in the database)."""
    import re

    assert [r["state"] for r in demo_dag.runs] == ["success"] * 3
    logs = demo_dag.logs
    assert re.search(r"owner henrike: \d+ exports", logs) and "report files for 1 owners" in logs  # the tasks' lines
    values, words = demo_personal_values(demo_dag)
    assert len(values) > 400 and len(words) > 100 and len(demo_dag.texts) > 20
    assert sorted(v for v in values if v in logs) == []
    assert sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", logs)) == []


def test_the_dag_keeps_message_text_only_when_asked_and_rereads_exports_when_that_changes(demo_dag):
    first, second, _ = demo_dag.output
    assert "owner henrike: 8 exports, 8 new or changed" in first  # the call log among them
    # the param set: the exports of sources with message text (LinkedIn, Facebook, Twitter, and XING, whose data
    # copy holds messages: its vCards too) are read again
    assert "owner henrike: 8 exports, 4 new or changed" in second
    with duckdb.connect(str(demo_dag.db), read_only=True) as con:
        texts = con.execute("""select platform, kind, count(message_text) > 0 from interactions
                               group by all having count(message_text) > 0 order by all""").fetchall()
    assert texts == [("facebook", "message", True), ("linkedin", "message", True), ("twitter", "mention", True),
                     ("twitter", "message", True), ("twitter", "reply", True)]
