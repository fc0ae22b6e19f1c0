"""The store: parsed batches that never outlive a run nor lie in plaintext under a key, database failures
in one line, an existing database encrypted in place, and `unsocial sql` without file access."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from datetime import date
from importlib import import_module
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF, make_inbox

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

UNSOCIAL = str(Path(sys.executable).with_name("unsocial"))
KEY = "correct horse battery staple"


def files_under(root: Path) -> list[Path]:
    """Every file below ``root``; folders removed while they are walked are passed over (os.walk)."""
    return sorted(Path(folder, name) for folder, _, names in os.walk(root) for name in names
                  if Path(folder, name).is_file())


def batch_files(db: Path) -> list[Path]:
    return files_under(db.with_name(db.name + ".batches"))


def personal_values(db: Path) -> set[str]:
    """Names, e-mails and profile URLs of the contacts in a plaintext database, long enough to be unique."""
    with duckdb.connect(str(db), read_only=True) as con:
        values = {v for column in ("display_name", "email", "profile_url") for (v,) in con.execute(
            f"select distinct {column} from raw_accounts where {column} is not null and not is_owner").fetchall()}
    return {v for v in values if len(v) >= 8}


def plaintext_in(paths: list[Path], values: set[str]) -> list[tuple[str, str]]:
    hits = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:  # removed meanwhile
            continue
        hits += [(path.name, v) for v in values if v.encode() in data]
    return hits


class Watcher(threading.Thread):
    """Reads every file under ``root`` (but the inbox and the reports) over and over while a run goes on:
    temporary files (batches, DuckDB's spill files, the WAL) are searched while they exist."""

    def __init__(self, root: Path, values: set[str], skip: tuple[Path, ...] = ()):
        super().__init__(daemon=True)
        self.root, self.values, self.skip = root, values, skip
        self.seen: set[str] = set()
        self.hits: set[tuple[str, str]] = set()
        self.done = threading.Event()
        self.failed: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.done.wait(0.01):
                self.scan()
        except BaseException as exc:  # noqa: BLE001 — a watcher that stopped must fail the test, not pass it
            self.failed = exc

    def scan(self) -> None:
        paths = [p for p in files_under(self.root) if not any(p.is_relative_to(s) for s in self.skip)]
        self.seen |= {str(p.relative_to(self.root)) for p in paths}
        self.hits |= set(plaintext_in(paths, self.values))

    def __enter__(self) -> Watcher:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.join()
        assert self.failed is None, self.failed
        self.scan()


# --- item 5: batches ---------------------------------------------------------------------------------------------

KILLED_RUN = r"""
import os, signal, sys
from datetime import date
from pathlib import Path

import ingest.store.batches, ingest.pipeline

inbox, db, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
kill = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
if point == "parse":  # the third batch file written: one export parsed whole, the next one half
    write, written = ingest.store.batches.BatchWriter.write, []
    def counting(self, *args):
        write(self, *args)
        written.append(1)
        if len(written) == 6:
            kill()
    ingest.store.batches.BatchWriter.write = counting
else:  # the exports loaded and committed: the next run finds them unchanged
    ingest.pipeline.resolve_step = kill
ingest.pipeline.run_inbox(inbox, db, db.parent / "reports", date(2026, 11, 27))
"""


@pytest.mark.parametrize("point", ["parse", "resolve"])
def test_a_killed_run_leaves_batches_that_the_next_run_removes(unsocial, inbox, tmp_path, point):
    db = tmp_path / "u.duckdb"
    killed = subprocess.run([sys.executable, "-c", KILLED_RUN, str(inbox), str(db), point], timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert batch_files(db)  # what SIGKILL leaves: no `finally` runs
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF).code == 0
    assert batch_files(db) == []


def test_ctrl_c_or_an_error_during_a_run_leaves_no_batch(unsocial, inbox, tmp_path, monkeypatch):
    from ingest.pipeline import run_inbox

    db = tmp_path / "u.duckdb"

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("ingest.pipeline.resolve_step", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_inbox(inbox, db, tmp_path / "reports", date(2026, 11, 27))
    assert batch_files(db) == []


def test_an_export_that_fails_while_parsed_leaves_no_batch(tmp_path):
    from ingest.models import Quarantined
    from ingest.store.batches import ParsedExport, write_batches

    def records():
        yield Quarantined(member="journal.csv", line=2, reason="a test", excerpt="")
        raise OSError("the disk went away")

    parsed = ParsedExport("marta", "journal", "journal.csv", "0" * 64, str(tmp_path / "work" / "marta" / "x"))
    with pytest.raises(OSError):
        write_batches(records(), parsed)
    assert files_under(tmp_path / "work") == []


def test_the_loader_refuses_a_batch_folder_that_is_not_whole_and_keeps_the_rows(inbox, tmp_path):
    from ingest.errors import UnsocialError
    from ingest.pipeline import discover_exports, parse_export
    from ingest.store.database import connect, load_batches

    found = next(f for f in discover_exports(inbox).found if f.source == "journal")
    with connect(tmp_path / "u.duckdb") as con:
        load_batches(con, "marta", [parse_export(found, "marta", tmp_path / "work")])
        before = con.execute("select count(*) from raw_accounts").fetchone()[0]
        parsed = parse_export(found, "marta", tmp_path / "work")
        (Path(parsed.batch_dir) / "parsed.json").unlink()  # cleared by someone, or the parse was stopped
        with pytest.raises(UnsocialError, match="parsed batches are missing or incomplete"):
            load_batches(con, "marta", [parsed])
        assert con.execute("select count(*) from raw_accounts").fetchone()[0] == before > 0


def test_airflow_batches_left_by_earlier_runs_go_when_a_run_starts(inbox, tmp_path):
    from ingest.tasks import list_owners

    db = tmp_path / "u.duckdb"
    left = db.with_name("u.duckdb.batches") / "marta" / "0123456789abcdef0123"
    command_line = db.with_name("u.duckdb.batches") / ".cli" / "marta" / "0123456789abcdef0123"
    for folder in (left, command_line):
        folder.mkdir(parents=True)
        (folder / "raw_accounts-00000.parquet").write_bytes(b"PAR1")
    list_owners(str(inbox.parent), str(db))
    assert not left.parent.exists()
    assert command_line.exists()  # a command-line run's, which holds the database and clears its own


def test_batches_live_until_loaded_and_not_after_under_airflow(inbox, tmp_path):
    from ingest.tasks import list_owners, load_owners, parse_exports, plan_parsing, scan_owners

    db = str(tmp_path / "u.duckdb")
    scans = [scan_owners(group) for group in list_owners(str(inbox.parent), db)]
    parsed = [parse_exports(group, db) for group in plan_parsing(scans)]
    assert batch_files(Path(db))  # handed from the parse tasks to the load task
    outcomes = load_owners(db, scans, parsed)
    assert [o["status"] for o in outcomes] == ["loaded"] and batch_files(Path(db)) == []


def run_watched(unsocial, inbox: Path, work: Path, values: set[str], monkeypatch) -> tuple[Watcher, list[Path]]:
    """``unsocial run`` with every file under ``work`` searched while it runs, and the batch files as the loader
    found them, read at that moment."""
    import ingest.pipeline

    db, reports = work / "u.duckdb", work / "reports"
    load, at_load = ingest.pipeline.load_batches, {}

    def watched_load(*args, **kwargs):
        at_load.update({path: path.read_bytes() for path in batch_files(db)})
        return load(*args, **kwargs)

    monkeypatch.setattr("ingest.pipeline.load_batches", watched_load)
    work.mkdir()
    with Watcher(work, values, skip=(reports,)) as watcher:
        assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    return watcher, at_load


def test_with_a_key_no_file_written_during_a_run_holds_a_contact_in_plaintext(unsocial, inbox, tmp_path, monkeypatch):
    import tempfile

    plain, sealed = tmp_path / "plain", tmp_path / "sealed"
    control, at_load = run_watched(unsocial, inbox, plain, set(), monkeypatch)
    values = personal_values(plain / "u.duckdb")
    assert len(values) >= 15 and any(v.encode() in data for data in at_load.values() for v in values)  # search works
    monkeypatch.chdir(tmp_path)  # DuckDB's spill files and any temporary file land where they are searched
    monkeypatch.setattr(tempfile, "tempdir", str(sealed))
    monkeypatch.setenv("UNSOCIAL_DB_KEY", KEY)
    watch, at_load = run_watched(unsocial, inbox, sealed, values, monkeypatch)
    assert at_load and all(path.name.endswith(".sealed") for path in at_load)
    assert [(p.name, v) for p, data in at_load.items() for v in values if v.encode() in data] == []
    assert sorted(watch.hits) == [] and any(name.endswith(".sealed") for name in watch.seen)
    assert batch_files(sealed / "u.duckdb") == []


def test_an_encrypted_database_spills_only_encrypted_temporary_files(tmp_path, monkeypatch):
    """DuckDB leaves temp_file_encryption off for an attached encrypted database; a sort larger than the
    memory limit then wrote the rows in plaintext into ./.tmp of the working folder."""
    from ingest.store.database import connect

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("UNSOCIAL_DB_KEY", KEY)
    monkeypatch.setenv("UNSOCIAL_DUCKDB_MEMORY", "48MB")
    with connect(tmp_path / "u.duckdb") as con:
        con.execute("create table spill as select 'contact-' || range || '@example.org' as email, hash(range) as h "
                    "from range(1500000)")
        with Watcher(tmp_path, {"@example.org"}) as watch:
            con.execute("select email from spill order by h").fetchmany(1)
    assert any(name.endswith(".tmp") for name in watch.seen)  # it did spill
    assert sorted(watch.hits) == []


def test_with_a_key_the_loader_refuses_batches_written_without_it(inbox, tmp_path, monkeypatch):
    """A parse worker that lacks the key (a DAG whose workers were not all given it) wrote plaintext."""
    from ingest.errors import UnsocialError
    from ingest.pipeline import discover_exports, parse_export
    from ingest.store.database import connect, load_batches

    found = next(f for f in discover_exports(inbox).found if f.source == "journal")
    parsed = parse_export(found, "marta", tmp_path / "work")
    monkeypatch.setenv("UNSOCIAL_DB_KEY", KEY)
    with connect(tmp_path / "u.duckdb") as con:
        with pytest.raises(UnsocialError, match="written without UNSOCIAL_DB_KEY, in plaintext; set UNSOCIAL_DB_KEY"):
            load_batches(con, "marta", [parsed])


# --- item 11: database failures in one line, and `unsocial encrypt` ----------------------------------------------

def as_ordinary_user(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command line without root's power to write read-only files (tests run as root in CI)."""
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("needs setpriv to drop root's file permissions")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]
    return subprocess.run([*prefix, UNSOCIAL, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def loaded_once(tmp_path_factory) -> Path:
    """The database ``unsocial run`` makes of the inbox (``conftest.make_inbox``), made once for the module."""
    from ingest.pipeline import run_inbox

    folder = tmp_path_factory.mktemp("loaded")
    db = folder / "data" / "u.duckdb"
    run_inbox(make_inbox(folder), db, folder / "reports", date.fromisoformat(AS_OF))
    return db


@pytest.fixture
def loaded(loaded_once, tmp_path) -> Path:
    """A copy of that database of the test's own, in a folder of its own (each test changes it: encrypts it, makes
    it read-only …)."""
    db = tmp_path / "data" / "u.duckdb"
    db.parent.mkdir(mode=0o700)
    shutil.copy2(loaded_once, db)
    return db


def assert_one_line(code: int, err: str, text: str) -> None:
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert text in err, err


def test_a_database_folder_that_cannot_be_written_is_one_line(inbox, loaded, tmp_path):
    loaded.parent.chmod(0o555)
    try:
        result = as_ordinary_user("run", str(inbox), "--db", str(loaded), "--reports", str(tmp_path / "r2"),
                                  "--as-of", "2026-12-01")
    finally:
        loaded.parent.chmod(0o700)
    assert_one_line(result.returncode, result.stderr, f"error: {loaded}: the database's folder cannot be written")


def test_a_read_only_database_file_is_called_so_and_can_still_be_queried(inbox, loaded, tmp_path):
    loaded.chmod(0o400)
    result = as_ordinary_user("run", str(inbox), "--db", str(loaded), "--reports", str(tmp_path / "r2"))
    assert_one_line(result.returncode, result.stderr, f"error: {loaded}: the database file is read-only; make it writable")
    query = as_ordinary_user("sql", "select count(*) as n from contacts", "--db", str(loaded), "--format", "csv")
    assert query.returncode == 0 and query.stdout == "n\n9\n"


COMMIT_FAILED = 'TransactionContext Error: Failed to commit: Cannot open file "/data/u.duckdb.wal": Permission denied'


class FailingCommit:
    """A connection whose commit fails as DuckDB's does when the WAL cannot be written: the transaction is
    over, and a rollback after it answers "cannot rollback - no transaction is active"."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __getattr__(self, name: str):
        return getattr(self.con, name)

    def commit(self) -> None:
        self.con.rollback()
        raise duckdb.TransactionException(COMMIT_FAILED)


def _store_overrides(con, tmp_path: Path) -> None:
    from ingest.tasks import _store_overrides as store

    overrides = tmp_path / "overrides.csv"
    overrides.write_text("rule,platform_a,account_ref_a,platform_b,account_ref_b\n"
                         "cannot_link,journal,a,linkedin,b\n", encoding="utf-8")
    store(con, {"owner": "marta", "overrides": str(overrides)}, {"errors": []})


def _forget(con, tmp_path: Path) -> None:
    from ingest.forget import forget_person

    forget_person(con, con.execute("select min(person_id) from contacts").fetchone()[0])


COMMITS = {  # every place that commits, and so rolls back after a failed commit
    "load": lambda con, tmp: import_module("ingest.store.database").load_batches(con, "marta", []),
    "resolve": lambda con, tmp: import_module("ingest.pipeline").resolve_step(con, force=True),
    "marts": lambda con, tmp: import_module("ingest.pipeline").marts_step(con, date(2026, 11, 27), force=True),
    "forget": _forget,
    "overrides": _store_overrides,
}


@pytest.mark.parametrize("step", COMMITS)
def test_a_failed_commit_is_the_error_reported_not_the_rollback_after_it(loaded, tmp_path, step):
    from ingest.store.database import connect

    with connect(loaded) as con:
        with pytest.raises(duckdb.TransactionException, match="Failed to commit"):
            COMMITS[step](FailingCommit(con), tmp_path)


def test_a_failed_commit_reaches_the_command_line_as_one_line(unsocial, inbox, tmp_path, monkeypatch):
    def failing(*args, **kwargs):
        raise duckdb.TransactionException(COMMIT_FAILED)

    monkeypatch.setattr("ingest.pipeline.marts_step", failing)
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "r", "--as-of", AS_OF)
    assert_one_line(result.code, result.err, "error: /data/u.duckdb.wal: cannot be written (permission denied); "
                    "let this user write")


def test_out_of_memory_is_one_line_naming_the_setting(unsocial, inbox, tmp_path, monkeypatch):
    monkeypatch.setenv("UNSOCIAL_DUCKDB_MEMORY", "20MB")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF)
    assert_one_line(result.code, result.err, "error: UNSOCIAL_DUCKDB_MEMORY: DuckDB ran out of memory under its "
                    "limit (20MB); raise")
    assert batch_files(db) == []


def test_a_key_set_for_a_plaintext_database_says_it_is_not_encrypted(unsocial, loaded, monkeypatch):
    monkeypatch.setenv("UNSOCIAL_DB_KEY", KEY)
    result = unsocial("sql", "select 1", "--db", loaded)
    assert result.code == 1 and result.err == (
        f"error: {loaded}: the database is not encrypted, but UNSOCIAL_DB_KEY is set; unset UNSOCIAL_DB_KEY to use "
        f"it as it is, or encrypt it with `unsocial encrypt --db {loaded}`\n")


def test_encrypt_turns_a_plaintext_database_into_an_encrypted_one_in_place(unsocial, inbox, loaded, monkeypatch):
    values = personal_values(loaded)
    with duckdb.connect(str(loaded), read_only=True) as con:
        contacts = con.execute("select * from contacts order by all").fetchall()
    assert unsocial("encrypt", "--db", loaded).err.startswith("error: UNSOCIAL_DB_KEY: is not set; set it")
    monkeypatch.setenv("UNSOCIAL_DB_KEY", KEY)
    result = unsocial("encrypt", "--db", loaded)
    assert result.code == 0, result.err
    assert [p.name for p in files_under(loaded.parent)] == ["u.duckdb"]  # no copy, no WAL left beside it
    assert plaintext_in([loaded], values) == [] and len(values) >= 15
    assert oct(loaded.stat().st_mode & 0o777) == "0o600"
    again = unsocial("run", inbox, "--db", loaded, "--reports", loaded.parent.parent / "reports", "--as-of", AS_OF)
    assert again.code == 0 and "unchanged, skipped" in again.out
    from ingest.store.database import connect

    with connect(loaded, read_only=True) as con:
        assert con.execute("select * from contacts order by all").fetchall() == contacts
    assert unsocial("encrypt", "--db", loaded).err == (f"error: {loaded}: the database is encrypted already; "
                                                        "nothing to do: open it with UNSOCIAL_DB_KEY set to its key\n")
    monkeypatch.delenv("UNSOCIAL_DB_KEY")
    assert "the database is encrypted; set UNSOCIAL_DB_KEY" in unsocial("sql", "select 1", "--db", loaded).err


def test_encrypt_folds_in_the_wal_a_killed_run_left_and_leaves_no_plaintext_wal(unsocial, loaded, monkeypatch):
    killed = subprocess.run([sys.executable, "-c", "import duckdb, os, signal, sys; con = duckdb.connect(sys.argv[1]); "
                             "con.execute(\"set checkpoint_threshold = '1TB'\"); "
                             "con.execute(\"insert into settings values ('left', 'in the wal')\"); "
                             "os.kill(os.getpid(), signal.SIGKILL)", str(loaded)], timeout=60)
    assert killed.returncode == -signal.SIGKILL and loaded.with_name("u.duckdb.wal").exists()
    monkeypatch.setenv("UNSOCIAL_DB_KEY", KEY)
    assert unsocial("encrypt", "--db", loaded).code == 0
    assert [p.name for p in files_under(loaded.parent)] == ["u.duckdb"]
    query = unsocial("sql", "select value from settings where key = 'left'", "--db", loaded, "--format", "csv")
    assert query.out == "value\nin the wal\n"


# --- item 12: nothing from the environment or a query reaches the file system ------------------------------------

@pytest.mark.parametrize("value", ["400MB'; copy (select 1) to 'written.csv'; select '", "lots", "50%", "400"])
def test_the_memory_setting_must_be_a_size(unsocial, loaded, tmp_path, monkeypatch, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("UNSOCIAL_DUCKDB_MEMORY", value)
    result = unsocial("sql", "select 1", "--db", loaded)
    assert result.code == 1 and result.err.startswith("error: UNSOCIAL_DUCKDB_MEMORY: is not a size; set it like")
    assert not (tmp_path / "written.csv").exists()


@pytest.mark.parametrize("value", ["1.5GB", "512 MB", "2GiB", "900mb"])
def test_sizes_are_taken(unsocial, loaded, monkeypatch, value):
    monkeypatch.setenv("UNSOCIAL_DUCKDB_MEMORY", value)
    assert unsocial("sql", "select 1 as n", "--db", loaded, "--format", "csv").out == "n\n1\n"


ESCAPES = [
    "copy (select * from contacts) to '{out}'",
    "select * from read_text('/etc/passwd')",
    "select * from read_csv('/etc/passwd')",
    "set enable_external_access = true; copy (select 1) to '{out}'",
    "reset enable_external_access",
    "attach '{other}' as other",
    "export database '{folder}'",
    "install spatial",
    "select * from read_csv('https://example.org/contacts.csv')",
]


@pytest.mark.parametrize("key", [None, KEY])
def test_sql_reads_the_views_and_no_file(unsocial, inbox, tmp_path, monkeypatch, key):
    if key:
        monkeypatch.setenv("UNSOCIAL_DB_KEY", key)
    db = tmp_path / "u.duckdb"
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF).code == 0
    paths = {"out": tmp_path / "out.csv", "other": tmp_path / "other.duckdb", "folder": tmp_path / "exported"}
    for query in ESCAPES:
        result = unsocial("sql", query.format(**paths), "--db", db)
        assert result.code == 1 and result.err.startswith("error: query: "), (query, result.err)
    assert not any(p.exists() for p in paths.values())
    for view in ("contacts", "person_accounts", "interactions", "quarantine", "not_read", "overview"):
        assert unsocial("sql", f"select count(*) from {view}", "--db", db).code == 0, view
    query = tmp_path / "query.sql"
    query.write_text("select count(*) as n from contacts", encoding="utf-8")
    assert unsocial("sql", "--file", query, "--db", db, "--format", "csv").out == "n\n9\n"


def test_sql_help_says_what_is_allowed(unsocial):
    text = " ".join(unsocial("sql", "--help").out.split())
    assert "Read-only and without file access" in text and "duckdb CLI" in text

