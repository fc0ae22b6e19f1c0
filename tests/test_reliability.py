"""Faults: a run killed at any point, two runs at once. The database is never left half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

UNSOCIAL = str(Path(sys.executable).with_name("unsocial"))
# when the run is killed, as a share of the time a whole run took on this machine: parsing, loading, resolving,
# reports (fixed seconds missed the later steps on a slow machine, and waited for nothing on a fast one)
KILL_AT = (0.1, 0.3, 0.5, 0.7, 0.9)


@pytest.fixture(scope="module")
def big_inbox(tmp_path_factory) -> Path:
    from ingest.demo import write_demo_inbox

    return write_demo_inbox(tmp_path_factory.mktemp("inboxes") / "owner", people=600, as_of=date(2026, 11, 27))


def run(inbox: Path, db: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([UNSOCIAL, "run", str(inbox), "--db", str(db), "--reports", str(db.parent / "reports"),
                             "--as-of", AS_OF], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **kwargs)


def state(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        return {view: con.execute(f"select * from {view} order by all").fetchall()
                for view in ("contacts", "person_accounts", "quarantine")}


def consistent(db: Path) -> bool:
    """Every loaded export has exactly its rows, and no rows belong to an export not loaded."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
        if "ingested_exports" not in tables:
            return True  # killed before the schema was committed: as before the run
        orphans = con.execute("""select count(*) from raw_interactions
            anti join ingested_exports using (owner_id, export_path)""").fetchone()[0]
        wrong = con.execute("""select count(*) from ingested_exports as e where records_loaded <> (
            select count(*) from (select member, line from raw_accounts as a where a.owner_id = e.owner_id
                                  and a.export_path = e.export_path
                                  union select member, line from raw_interactions as i
                                  where i.owner_id = e.owner_id and i.export_path = e.export_path))""").fetchone()[0]
    return orphans == 0 and wrong == 0


@pytest.fixture(scope="module")
def clean_run(big_inbox, tmp_path_factory) -> tuple[dict, float]:
    """What a whole run leaves, and how many seconds it took."""
    db = tmp_path_factory.mktemp("clean") / "u.duckdb"
    started = time.perf_counter()
    assert run(big_inbox, db).wait(timeout=300) == 0
    return state(db), time.perf_counter() - started


@pytest.mark.parametrize("share", KILL_AT)
def test_a_killed_run_leaves_the_database_whole_and_the_next_run_finishes_the_job(big_inbox, clean_run, tmp_path,
                                                                                   share):
    clean_state, seconds = clean_run
    db = tmp_path / "u.duckdb"
    process = run(big_inbox, db)
    time.sleep(share * seconds)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    if db.exists():
        assert consistent(db)  # as before the run, or as after it: never half an export
    assert run(big_inbox, db).wait(timeout=300) == 0
    assert state(db) == clean_state


def test_a_second_run_on_a_busy_database_refuses_with_a_clear_message(big_inbox, tmp_path):
    db = tmp_path / "u.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(db)],
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        second = run(big_inbox, db)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 1
        assert err.strip().splitlines()[-1] == (f"error: {db}: another process is using the database; "
                                                "wait for it to finish and try again")
    finally:
        os.killpg(holder.pid, signal.SIGKILL)


def test_disk_full_while_writing_reports_is_a_clear_error_and_earlier_reports_stay(unsocial, inbox, tmp_path,
                                                                                   monkeypatch):
    import errno

    db, reports = tmp_path / "u.duckdb", tmp_path / "reports"
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    before = {p: p.read_bytes() for p in reports.rglob("*.csv")}

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("ingest.reports.files.os.fsync", full)
    result = unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", "2026-12-31")  # changes the marts
    assert result.code == 1
    assert result.err.startswith("error: ") and "could not write the report (No space left on device); free some" in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in reports.rglob("*.csv")} == before
    assert not list(reports.rglob(".*.tmp"))
