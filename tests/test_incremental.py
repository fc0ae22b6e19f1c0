"""A team's database kept up to date owner by owner is the database built from scratch, byte for byte, and each
owner's overrides reach that owner's people only."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

OWNERS = ("ada", "ben", "cem")
# Every view, the resolver's tables and the intermediate tables: what a rebuild of one owner could get wrong.
RELATIONS = ("person_accounts", "contacts", "no_offline", "interactions", "quarantine", "follow_up", "core_circle",
             "unanswered", "reciprocity", "tenure", "unmatched_offline", "match_review", "overview",
             "resolved_accounts", "match_evidence", "stg_accounts", "stg_interactions", "int_accounts",
             "int_interactions", "int_weighted_interactions", "int_message_replies", "int_person_activity")
OVERRIDES = ("rule,platform_a,account_ref_a,platform_b,account_ref_b\n"
             "cannot_link,journal,anna müller,linkedin,https://www.linkedin.com/in/anna-mueller-phd\n"
             "must_link,journal,lukas berger,linkedin,https://www.linkedin.com/in/lukas-berger-muc\n")
MET = "select display_name, count(*) from contacts where has_offline_interaction and owner_id = ? group by 1 order by 1"


def dag_steps(root: Path, db: Path, reports: Path) -> tuple[list[dict], list[str], list[str]]:
    """What social_exports and social_reports do, without Airflow: (load outcomes, owners resolved, owners rebuilt)."""
    from ingest import tasks

    scans = [tasks.scan_owners(group) for group in tasks.list_owners(str(root), str(db))]
    parsed = [tasks.parse_exports(group, str(db)) for group in tasks.plan_parsing(scans)]
    outcomes = tasks.load_owners(str(db), scans, parsed)
    resolved = tasks.resolve(str(db))
    rebuilt = tasks.build_marts(str(db), AS_OF)
    tasks.report(str(db), str(reports), rebuilt)
    return outcomes, resolved, rebuilt


def snapshot(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(f"select * from {name} order by all").fetchall() for name in RELATIONS}


def files(reports: Path) -> dict[str, bytes]:
    return {str(p.relative_to(reports)): p.read_bytes() for p in sorted(reports.rglob("*")) if p.is_file()}


@dataclass
class Team:
    added: dict  # snapshot after `unsocial run` owner after owner
    added_reports: dict
    full: dict  # snapshot of a fresh database built from all three inboxes at once
    full_reports: dict
    changed: dict  # the same database after one owner's export changed, brought up to date by the DAG's steps
    changed_reports: dict
    changed_full: dict  # a fresh database built from the changed inboxes
    changed_full_reports: dict
    resolved: list[str]  # owners the DAG's steps re-resolved after the change
    rebuilt: list[str]
    again: tuple  # the DAG's steps once more, nothing new


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> Team:
    from ingest.demo import write_demo_inbox
    from ingest.pipeline import run_inbox

    base = tmp_path_factory.mktemp("incremental")
    root = base / "inboxes"
    for seed, owner in enumerate(OWNERS):
        write_demo_inbox(root / owner, seed=seed, as_of=date.fromisoformat(AS_OF), people=40, messages=400)
    db, reports = base / "added.duckdb", base / "added-reports"
    for owner in OWNERS:
        run_inbox(root / owner, db, reports, date.fromisoformat(AS_OF))
    added, added_reports = snapshot(db), files(reports)
    dag_steps(root, base / "full.duckdb", base / "full-reports")
    full, full_reports = snapshot(base / "full.duckdb"), files(base / "full-reports")

    journal = root / "ben" / "journal.csv"  # ben's journal loses its first entry
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    journal.write_text(lines[0] + "".join(lines[2:]), encoding="utf-8")
    _, resolved, rebuilt = dag_steps(root, db, reports)
    changed, changed_reports = snapshot(db), files(reports)
    again = dag_steps(root, db, reports)
    dag_steps(root, base / "changed-full.duckdb", base / "changed-full-reports")
    return Team(added, added_reports, full, full_reports, changed, changed_reports,
                snapshot(base / "changed-full.duckdb"), files(base / "changed-full-reports"), resolved, rebuilt, again)


def test_owners_added_one_by_one_give_the_database_built_at_once(team):
    assert team.added["contacts"], "no contacts: nothing was compared"
    for name in RELATIONS:
        assert team.added[name] == team.full[name], name
    assert team.added_reports == team.full_reports


def test_a_changed_export_rebuilds_its_owner_only_and_gives_the_database_built_at_once(team):
    assert team.resolved == team.rebuilt == ["ben"]
    for name in RELATIONS:
        assert team.changed[name] == team.changed_full[name], name
    assert team.changed_reports == team.changed_full_reports
    assert team.changed["interactions"] != team.added["interactions"]  # the change did reach the database


def test_person_ids_stay_what_they_were_for_owners_that_did_not_change(team):
    def ids(snapshot, owner):
        return [row for row in snapshot["person_accounts"] if row[0] == owner]

    assert ids(team.changed, "ada") == ids(team.added, "ada") and ids(team.changed, "cem") == ids(team.added, "cem")


def test_nothing_new_rebuilds_nothing(team):
    outcomes, resolved, rebuilt = team.again
    assert [o["status"] for o in outcomes] == ["skipped"] * 3 and resolved == [] and rebuilt == []


def test_a_new_linkage_version_or_reference_date_rebuilds_every_owner(tmp_path, monkeypatch):
    from ingest.pipeline import marts_step, resolve_step, run_inbox
    from ingest.store import fingerprints
    from ingest.store.database import connect

    inboxes = make_twins(tmp_path, overrides_for=None)
    db = tmp_path / "u.duckdb"
    for inbox in inboxes:
        run_inbox(inbox, db, tmp_path / "reports", date.fromisoformat(AS_OF))
    with connect(db) as con:
        assert resolve_step(con) == [] and marts_step(con, date.fromisoformat(AS_OF)) == []
        assert marts_step(con, date(2026, 11, 28)) == ["marta", "twin"]
        monkeypatch.setattr(fingerprints, "linkage_version", lambda: "another version of the matcher")
        assert resolve_step(con) == ["marta", "twin"]


def test_another_link_threshold_rebuilds_every_owner(tmp_path, monkeypatch):
    from ingest.pipeline import resolve_step, run_inbox
    from ingest.store.database import connect

    db = tmp_path / "u.duckdb"
    for inbox in make_twins(tmp_path, overrides_for=None):
        run_inbox(inbox, db, tmp_path / "reports", date.fromisoformat(AS_OF))
    with connect(db) as con:
        monkeypatch.setenv("UNSOCIAL_LINK_BITS", "12")
        assert resolve_step(con) == ["marta", "twin"]
        assert resolve_step(con) == []


# --- overrides belong to one owner ------------------------------------------------------------------------------


def make_twins(base: Path, overrides_for: str | None) -> list[Path]:
    """Two owners with the same exports (the conftest inbox: marta's LinkedIn and journal); one may have overrides."""
    from conftest import fixture, zip_folder

    inboxes = []
    for owner in ("marta", "twin"):
        inbox = base / "inboxes" / owner
        inbox.mkdir(parents=True)
        shutil.copytree(fixture("linkedin", "2024-complete"), inbox / "Complete_LinkedInDataExport_11-20-2026")
        zip_folder(fixture("linkedin", "2024-basic"), inbox / "Basic_LinkedInDataExport_11-19-2026.zip")
        shutil.copy(fixture("journal", "comma", "journal.csv"), inbox / "journal.csv")
        if owner == overrides_for:
            (inbox / "overrides.csv").write_text(OVERRIDES, encoding="utf-8")
        inboxes.append(inbox)
    return inboxes


def met(db: Path, owner: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(MET, [owner]).fetchall()


WITH_OVERRIDES = [("Jonas Weber", 1), ("Lukas Berger", 1), ("Pieter de Vries", 1), ("Tomasz Nowak", 1)]
WITHOUT = [("Dr. Anna Müller, PhD", 1), ("Jonas Weber", 1), ("Pieter de Vries", 1), ("Tomasz Nowak", 1)]


@pytest.mark.parametrize("path", ["unsocial run", "dag"])
def test_an_inboxs_overrides_file_applies_to_its_owner_only(tmp_path, path):
    from ingest.pipeline import run_inbox

    inboxes = make_twins(tmp_path, overrides_for="marta")
    db, reports = tmp_path / "u.duckdb", tmp_path / "reports"
    if path == "dag":
        outcomes, _, _ = dag_steps(inboxes[0].parent, db, reports)
        assert [(o["owner"], o["unrecognised"], o.get("overrides")) for o in outcomes] == \
            [("marta", 0, True), ("twin", 0, False)]
    else:
        summaries = [run_inbox(inbox, db, reports, date.fromisoformat(AS_OF)) for inbox in inboxes]
        assert [s.unrecognised for s in summaries] == [[], []]  # overrides.csv is not taken for an export
    assert met(db, "marta") == WITH_OVERRIDES and met(db, "twin") == WITHOUT
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select distinct owner_id from overrides").fetchall() == [("marta",)]


def test_overrides_on_the_command_line_name_their_owner(tmp_path, unsocial):
    inboxes = make_twins(tmp_path, overrides_for=None)
    db, reports = tmp_path / "u.duckdb", tmp_path / "reports"
    file = tmp_path / "overrides.csv"
    file.write_text(OVERRIDES, encoding="utf-8")
    assert unsocial("run", inboxes[1], "--db", db, "--reports", reports, "--as-of", AS_OF, "--overrides", file).code == 0
    assert unsocial("run", inboxes[0], "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    assert met(db, "twin") == WITH_OVERRIDES and met(db, "marta") == WITHOUT
    refused = unsocial("resolve", "--db", db, "--overrides", file)
    assert refused.code == 2 and "--owner" in refused.err
    assert unsocial("resolve", "--db", db, "--overrides", file, "--owner", "marta").code == 0
    assert unsocial("report", "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    assert met(db, "marta") == met(db, "twin") == WITH_OVERRIDES


def test_overrides_stored_before_they_had_an_owner_stay_with_every_owner(tmp_path):
    from ingest.pipeline import marts_step, resolve_step, run_inbox
    from ingest.store.database import connect

    for inbox in make_twins(tmp_path, overrides_for=None):
        run_inbox(inbox, tmp_path / "u.duckdb", tmp_path / "reports", date.fromisoformat(AS_OF))
    with connect(tmp_path / "u.duckdb") as con:  # the table as an earlier version left it, applying to everyone
        con.execute("drop table overrides")
        con.execute("create table overrides (rule VARCHAR, platform_a VARCHAR, account_ref_a VARCHAR, "
                    "platform_b VARCHAR, account_ref_b VARCHAR)")
        con.execute("insert into overrides values ('must_link', 'journal', 'lukas berger', 'linkedin', "
                    "'https://www.linkedin.com/in/lukas-berger-muc')")
        assert resolve_step(con) == ["marta", "twin"]
        marts_step(con, date.fromisoformat(AS_OF))
    assert [row for row in met(tmp_path / "u.duckdb", "marta") if row[0] == "Lukas Berger"] == [("Lukas Berger", 1)]
    assert met(tmp_path / "u.duckdb", "marta") == met(tmp_path / "u.duckdb", "twin")


def test_large_owners_are_linked_in_a_child_process_with_the_same_result(tmp_path, monkeypatch):
    from ingest.identity import resolve
    from ingest.pipeline import resolve_step, run_inbox
    from ingest.store.database import connect

    inboxes = make_twins(tmp_path, overrides_for="marta")
    for inbox in inboxes:
        run_inbox(inbox, tmp_path / "u.duckdb", tmp_path / "reports", date.fromisoformat(AS_OF))
    question = "select * from resolved_accounts order by all"
    evidence = "select * from match_evidence order by all"
    with connect(tmp_path / "u.duckdb") as con:
        in_process, links = con.execute(question).fetchall(), con.execute(evidence).fetchall()
        monkeypatch.setattr(resolve, "CHILD_PROCESS_ACCOUNTS", 1)
        monkeypatch.setattr(resolve, "BESIDE_CHILD_LINKS", 1)  # the evidence written out in a child of the child
        assert resolve_step(con, force=True) == ["marta", "twin"]
        assert con.execute(question).fetchall() == in_process
        assert con.execute(evidence).fetchall() == links and links

        def fails(*args):
            raise ValueError("a bug in the matcher")

        monkeypatch.setattr(resolve, "resolve_accounts", fails)
        with pytest.raises(ValueError, match="a bug in the matcher"):
            resolve_step(con, force=True)
        assert con.execute(question).fetchall() == in_process  # rolled back


def test_large_exports_are_parsed_in_a_child_process_with_the_same_result(tmp_path, monkeypatch):
    from ingest import pipeline
    from ingest.errors import EmptyExportError

    inboxes = make_twins(tmp_path, overrides_for=None)
    (inboxes[1] / "journal.csv").write_text("date,name,email,phone,kind,note\n", encoding="utf-8")  # nothing in it
    monkeypatch.setattr(pipeline, "CHILD_PROCESS_BYTES", 0)
    apart = pipeline.run_inbox(inboxes[0], tmp_path / "apart.duckdb", tmp_path / "r", date.fromisoformat(AS_OF))
    assert [p.read for p in apart.parsed] == [p.read for p in pipeline.run_inbox(
        inboxes[0], tmp_path / "here.duckdb", tmp_path / "r2", date.fromisoformat(AS_OF)).parsed]
    assert met(tmp_path / "apart.duckdb", "marta") == met(tmp_path / "here.duckdb", "marta") == WITHOUT
    failed = pipeline.run_inbox(inboxes[1], tmp_path / "apart.duckdb", tmp_path / "r", date.fromisoformat(AS_OF)).failed
    assert [type(e) for e in failed] == [EmptyExportError]  # the child's error, one line as ever
    assert failed[0].message() == f"{inboxes[1] / 'journal.csv'}: recognised as journal but no record was read; " \
                                  "check that the export is complete"
