"""No run destroys what it did not make (issue 15, items 6-8): a damaged replacement keeps the earlier rows,
someone else's database is never written, and reports and batches stay inside their own folders."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import zipfile
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF, fixture

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

BASIC = "Basic_LinkedInDataExport_11-19-2026.zip"
GOOGLE_CONTACTS = b"Name,Given Name,Family Name,E-mail 1 - Value\nAnna Test,Anna,Test,anna@example.org\n"


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def errors(result) -> list[str]:
    return [line for line in result.err.splitlines() if line.startswith("error:")]


@pytest.fixture
def out(tmp_path) -> tuple[Path, Path]:
    return tmp_path / "out" / "unsocial.duckdb", tmp_path / "out" / "reports"


def run(unsocial, inbox: Path, db: Path, reports: Path, *more: str):
    return unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF, *more)


# --- item 6: an export that cannot be read keeps its earlier rows -----------------------------------------------------

BASIC_ROWS = f"select count(*) from raw_accounts where export_path = '{BASIC}'"


def test_a_damaged_replacement_keeps_the_earlier_rows_until_a_readable_one_replaces_it(unsocial, inbox, out):
    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    rows, contacts = query(db, BASIC_ROWS), (reports / "marta" / "contacts.csv").read_bytes()
    good = (inbox / BASIC).read_bytes()
    (inbox / BASIC).write_bytes(good[: len(good) // 2])  # a download cut short, a sync over the old file
    result = run(unsocial, inbox, db, reports)
    assert result.code == 1
    assert errors(result) == [f"error: {inbox / BASIC}: not a readable zip (truncated or damaged?); download the "
                              "export again"]
    assert (f"{BASIC}: cannot be read now; the rows of its earlier version are kept until a readable copy replaces it"
            in result.out)
    assert query(db, BASIC_ROWS) == rows and rows[0][0] > 0
    assert (reports / "marta" / "contacts.csv").read_bytes() == contacts
    (inbox / BASIC).write_bytes(good)
    assert run(unsocial, inbox, db, reports).code == 0
    assert query(db, BASIC_ROWS) == rows


def test_a_replacement_no_source_recognises_keeps_the_earlier_rows_and_fails(unsocial, inbox, out):
    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    rows = query(db, BASIC_ROWS)
    with zipfile.ZipFile(inbox / BASIC, "w") as archive:
        archive.writestr("notes.txt", "not an export")
    result = run(unsocial, inbox, db, reports)
    assert result.code == 1
    assert errors(result) == [f"error: {inbox / BASIC}: no longer recognised as the export it was; put a readable "
                              "copy back"]
    assert query(db, BASIC_ROWS) == rows


def test_a_removed_exports_rows_go_with_a_line_saying_so(unsocial, inbox, out):
    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    (inbox / BASIC).unlink()
    result = run(unsocial, inbox, db, reports)
    assert result.code == 0
    assert f"{BASIC}: gone from the inbox; its rows were removed" in result.out
    assert query(db, BASIC_ROWS) == [(0,)]


def dag_load(root: Path, db: Path) -> list[dict]:
    """The social_exports DAG's scan, parse and load steps, without Airflow."""
    from ingest import tasks

    scans = [tasks.scan_owners(group) for group in tasks.list_owners(str(root), str(db))]
    parsed = [tasks.parse_exports(group, str(db)) for group in tasks.plan_parsing(scans)]
    return tasks.load_owners(str(db), scans, parsed)


def test_the_dag_keeps_the_rows_of_a_damaged_replacement_and_names_a_removed_export(inbox, tmp_path):
    from ingest.tasks import summarise_run

    db = tmp_path / "dag.duckdb"
    dag_load(inbox.parent, db)
    rows = query(db, BASIC_ROWS)
    good = (inbox / BASIC).read_bytes()
    (inbox / BASIC).write_bytes(good[: len(good) // 2])
    (outcome,) = dag_load(inbox.parent, db)
    lines, failures = summarise_run([outcome])
    assert outcome["status"] == "failed" and len(failures) == 1 and query(db, BASIC_ROWS) == rows
    assert (f"  {BASIC}: cannot be read now; the rows of its earlier version are kept until a readable copy "
            "replaces it") in lines
    (inbox / BASIC).unlink()
    (outcome,) = dag_load(inbox.parent, db)
    lines, failures = summarise_run([outcome])
    assert outcome["status"] == "loaded" and failures == [] and query(db, BASIC_ROWS) == [(0,)]
    assert f"  {BASIC}: gone from the inbox; its rows were removed" in lines
    assert lines[1] == "owner marta: loaded (0 exports loaded, 2 unchanged, 1 removed)"


# --- item 7: a database this tool did not make, or of a schema it does not know ---------------------------------------


def someone_elses(db: Path) -> Path:
    db.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(db)) as con:
        con.execute("create table int_accounts (id integer, note varchar)")
        con.execute("create table stg_accounts (id integer)")
        con.execute("create table overrides (owner varchar, note varchar)")
        con.execute("create table settings (key varchar, value varchar)")
        con.execute("insert into overrides values ('theirs', 'keep me')")
        con.execute("insert into settings values ('theme', 'dark')")
    os.chmod(db, 0o644)
    return db


@pytest.mark.parametrize("command", [
    ("run", "{inbox}", "--db", "{db}", "--reports", "{reports}", "--as-of", AS_OF),
    ("report", "--db", "{db}", "--reports", "{reports}"),
    ("resolve", "--db", "{db}"),
    ("sql", "select 1", "--db", "{db}"),
])
def test_someone_elses_database_is_refused_in_one_line_and_left_untouched(unsocial, inbox, out, command):
    db, reports = out
    before = digest(someone_elses(db))
    result = unsocial(*[arg.format(inbox=inbox, db=db, reports=reports) for arg in command])
    assert result.code == 1
    assert result.err == (f"error: {db}: not a database of unsocial (it holds other tables and no unsocial marker); "
                          "it is left untouched; pass another --db (a new file is made there)\n")
    assert digest(db) == before and stat.S_IMODE(db.stat().st_mode) == 0o644
    assert not (db.parent / (db.name + ".wal")).exists() and not reports.exists()


def test_the_dag_refuses_someone_elses_database_at_its_first_step(inbox, tmp_path):
    from ingest.errors import ForeignDatabaseError
    from ingest.tasks import list_owners, load_owners

    db = someone_elses(tmp_path / "theirs.duckdb")
    before = digest(db)
    with pytest.raises(ForeignDatabaseError):
        list_owners(str(inbox.parent), str(db))
    with pytest.raises(ForeignDatabaseError):
        load_owners(str(db), [], [])
    assert digest(db) == before


def test_a_new_database_is_marked_as_this_tools_with_its_schema_version(unsocial, inbox, out):
    from ingest.store.migrations import SCHEMA_VERSION

    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    assert query(db, "select key, value from settings where key in ('app', 'schema_version') order by key") == [
        ("app", "unsocial"), ("schema_version", str(SCHEMA_VERSION))]


@pytest.mark.parametrize("make", [lambda db: db.touch(), lambda db: duckdb.connect(str(db)).close()])
def test_an_empty_file_or_a_database_without_tables_becomes_a_new_database(unsocial, inbox, out, make):
    db, reports = out
    db.parent.mkdir(parents=True)
    make(db)
    assert run(unsocial, inbox, db, reports).code == 0
    assert query(db, "select count(*) from contacts") == [(9,)]


def unmarked(db: Path, older: bool) -> None:
    """The database as the version before markers left it; ``older``: from before message text could be kept."""
    with duckdb.connect(str(db)) as con:
        con.execute("delete from settings where key in ('app', 'schema_version')")
        if older:
            con.execute("alter table ingested_exports drop column message_text")


@pytest.mark.parametrize("older", [False, True])
def test_a_database_of_the_version_before_markers_opens_and_is_marked(unsocial, inbox, out, older):
    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    contacts = query(db, "select * from contacts order by all")
    unmarked(db, older)
    assert query(db, "select count(*) from settings where key = 'app'") == [(0,)]
    result = run(unsocial, inbox, db, reports)
    assert result.code == 0, result.err
    assert query(db, "select value from settings where key = 'app'") == [("unsocial",)]
    assert query(db, "select * from contacts order by all") == contacts
    assert query(db, "select count(*) from ingested_exports where message_text is null") == [(3 if older else 0,)]


def test_an_older_schema_version_is_migrated(unsocial, inbox, out):
    from ingest.store.migrations import SCHEMA_VERSION

    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    with duckdb.connect(str(db)) as con:
        con.execute("update settings set value = '0' where key = 'schema_version'")
    assert run(unsocial, inbox, db, reports).code == 0
    assert query(db, "select value from settings where key = 'schema_version'") == [(str(SCHEMA_VERSION),)]


@pytest.mark.parametrize("version, message", [
    ("99", "made by a newer version of unsocial (schema version 99; this version knows up to {known}); "
           "upgrade unsocial to open it"),
    ("x1", "made by unsocial with an unknown schema version; pass another --db"),
])
def test_a_newer_or_unknown_schema_is_refused_with_what_to_do(unsocial, inbox, out, version, message):
    from ingest.store.migrations import SCHEMA_VERSION

    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    with duckdb.connect(str(db)) as con:
        con.execute("update settings set value = ? where key = 'schema_version'", [version])
    before = digest(db)
    for result in (run(unsocial, inbox, db, reports), unsocial("sql", "select 1", "--db", db)):
        assert result.code == 1 and "Traceback" not in result.err
        assert result.err == f"error: {db}: {message.format(known=SCHEMA_VERSION)}\n"
    assert digest(db) == before


# --- item 8: owner ids, and reports that never replace what the tool did not write ------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("jana", "jana"), ("Jana", "jana"), ("team.alice", "team.alice"), ("a-b_c.9", "a-b_c.9"), ("x" * 64, "x" * 64),
    ("..", None), (".", None), ("../../leaked", None), ("team/alice", None), ("", None), ("-x", None),
    ("_x", None), (".hidden", None), ("x" * 65, None), ("jana novak", None), ("müller", None), ("\u212aate", None),
    ("a\\b", None), ("a\nb", None), ("jana\n", None),
])
def test_one_rule_for_owner_ids(value, expected):
    from ingest.errors import InvalidOwnerError
    from ingest.sources.owners import check_owner_id

    if expected is None:
        with pytest.raises(InvalidOwnerError):
            check_owner_id(value)
    else:
        assert check_owner_id(value) == expected


@pytest.mark.parametrize("owner", ["..", "../../leaked", "team/alice", "."])
def test_an_owner_id_that_would_leave_its_folder_is_a_usage_error_and_nothing_is_written(unsocial, inbox, tmp_path,
                                                                                         owner):
    db, reports = tmp_path / "out" / "unsocial.duckdb", tmp_path / "out" / "reports"
    reports.mkdir(parents=True, mode=0o755)
    os.chmod(reports, 0o755)
    (tmp_path / "out" / "contacts.csv").write_bytes(GOOGLE_CONTACTS)
    result = run(unsocial, inbox, db, reports, "--owner", owner)
    assert result.code == 2 and "is not a valid owner id" in result.err
    assert (tmp_path / "out" / "contacts.csv").read_bytes() == GOOGLE_CONTACTS
    assert stat.S_IMODE(reports.stat().st_mode) == 0o755
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        ["out", "reports", "contacts.csv", "inboxes", "marta", *[p.name for p in inbox.rglob("*")]])


def test_owner_ids_are_lowercase_so_two_spellings_share_nothing_by_accident(unsocial, inbox, out):
    db, reports = out
    assert run(unsocial, inbox, db, reports, "--owner", "Team_Alice").code == 0
    assert query(db, "select distinct owner_id from ingested_exports") == [("team_alice",)]
    assert [p.name for p in reports.iterdir()] == ["team_alice"]


def test_an_inbox_folder_whose_name_is_no_owner_id_says_which_owner_to_pass(unsocial, inbox, out):
    db, reports = out
    renamed = inbox.rename(inbox.parent / "Marta K")
    result = run(unsocial, renamed, db, reports)
    assert result.code == 2
    assert errors(result) == [f"error: {renamed}: the folder's name is not a valid owner id (1 to 64 lowercase "
                              "letters, digits, '.', '_' or '-', starting with a letter or digit); rename the folder "
                              "to marta-k or pass --owner marta-k (the owner id earlier versions gave it)"]
    assert run(unsocial, renamed, db, reports, "--owner", "marta-k").code == 0


def test_an_owner_id_in_the_database_that_is_no_id_names_no_folder(unsocial, inbox, out):
    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    with duckdb.connect(str(db)) as con:
        con.execute("update ingested_exports set owner_id = '../elsewhere'")  # as a version before the rule let it
    result = unsocial("report", "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 2 and len(errors(result)) == 1 and "'../elsewhere'" in result.err
    assert not (reports.parent / "elsewhere").exists()


def test_reports_are_never_written_over_an_inboxs_files(unsocial, inbox, out):
    db, _ = out
    (inbox / "contacts.csv").write_bytes(GOOGLE_CONTACTS)  # the owner's Google Contacts export
    for reports, where in ((inbox.parent, "holds"), (inbox, "is"), (inbox / "reports", "lies inside")):
        result = run(unsocial, inbox, db, reports)
        assert result.code == 1
        assert errors(result) == [f"error: {reports}: the reports folder {where} the inbox {inbox.resolve()}; "
                                  "pass a --reports folder apart from your inboxes"]
    assert (inbox / "contacts.csv").read_bytes() == GOOGLE_CONTACTS
    assert not db.exists() and not (inbox / "reports").exists()


def test_a_file_the_tool_did_not_write_is_refused_by_name_before_the_run_starts(unsocial, inbox, out):
    db, reports = out
    (reports / "marta").mkdir(parents=True)
    (reports / "marta" / "contacts.csv").write_bytes(GOOGLE_CONTACTS)
    result = run(unsocial, inbox, db, reports)
    assert result.code == 1
    assert errors(result) == [f"error: {reports / 'marta' / 'contacts.csv'}: not written by unsocial (no "
                              ".unsocial-manifest.json in its folder); move it away or pass another --reports folder"]
    assert (reports / "marta" / "contacts.csv").read_bytes() == GOOGLE_CONTACTS and not db.exists()


def test_a_report_changed_since_it_was_written_is_not_overwritten(unsocial, inbox, out):
    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    edited = reports / "marta" / "contacts.csv"
    edited.write_bytes(edited.read_bytes() + b"my note\n")
    result = run(unsocial, inbox, db, reports, "--as-of", "2026-12-31")
    assert result.code == 1
    assert errors(result) == [f"error: {edited}: changed since unsocial wrote it; move it away to keep it, then run "
                              "again"]
    assert edited.read_bytes().endswith(b"my note\n")


def test_report_folders_of_the_version_before_manifests_are_taken_over(unsocial, inbox, out):
    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    (reports / "marta" / ".unsocial-manifest.json").unlink()
    assert run(unsocial, inbox, db, reports, "--as-of", "2026-12-31").code == 0
    assert (reports / "marta" / ".unsocial-manifest.json").is_file()


def test_a_run_killed_between_two_reports_leaves_every_report_recognised(unsocial, inbox, out, monkeypatch):
    from ingest.reports import files as module

    db, reports = out
    assert run(unsocial, inbox, db, reports).code == 0
    real, calls = module.write_if_changed, []

    class Killed(Exception):
        pass

    def dies_at_the_third_report(path, content):
        calls.append(path.name)
        if len([name for name in calls if name != module.MANIFEST]) == 3:
            raise Killed
        return real(path, content)

    monkeypatch.setattr(module, "write_if_changed", dies_at_the_third_report)
    with pytest.raises(Killed):
        run(unsocial, inbox, db, reports, "--as-of", "2026-12-31")
    monkeypatch.setattr(module, "write_if_changed", real)
    result = run(unsocial, inbox, db, reports, "--as-of", "2026-12-31")
    assert result.code == 0, result.err


def test_the_dag_refuses_an_inbox_folder_whose_name_is_no_owner_id_and_loads_the_others(inbox, tmp_path):
    from ingest.tasks import summarise_run

    shutil.copytree(inbox, inbox.parent / "Jana Novak")
    outcomes = dag_load(inbox.parent, tmp_path / "dag.duckdb")
    assert [(o["owner"], o["status"]) for o in outcomes] == [("Jana Novak", "failed"), ("marta", "loaded")]
    _, failures = summarise_run(outcomes)
    assert failures == [f"owner Jana Novak ({inbox.parent / 'Jana Novak'}: the folder's name is not a valid owner id "
                        "(1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit); rename "
                        "the folder to jana-novak (the owner id earlier versions gave it))"]


def test_the_dag_refuses_reports_beside_the_exports_and_owners_that_are_no_ids(inbox, tmp_path):
    from ingest.errors import UnsocialError
    from ingest.tasks import list_owners

    root, db = inbox.parent, tmp_path / "dag.duckdb"
    for reports in (root, root / "marta", tmp_path):
        with pytest.raises(UnsocialError, match="the reports folder (is|lies inside|holds) the inbox"):
            list_owners(str(root), str(db), reports=str(reports))
    with pytest.raises(UnsocialError, match="'../marta' is not a valid owner id"):
        list_owners(str(root), str(db), ["../marta"])
    assert list_owners(str(root), str(db), ["Marta"], reports=str(tmp_path / "reports"))[0][0]["owner"] == "marta"


def test_batches_never_leave_their_folder(inbox, tmp_path):
    from ingest.errors import InvalidOwnerError
    from ingest.pipeline import Found, parse_export

    found = Found(inbox / "journal.csv", inbox, "journal")
    with pytest.raises(InvalidOwnerError):
        parse_export(found, "../../leaked", tmp_path / "batches" / "deep")
    assert not (tmp_path / "leaked").exists() and not (tmp_path / "batches").exists()
