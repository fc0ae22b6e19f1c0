"""End to end through the real command line, on a miniature inbox of real export formats."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
import zipfile
from datetime import datetime
from pathlib import Path
from random import Random

import duckdb
import pytest

from conftest import AS_OF, fixture, zip_folder

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def ran(unsocial, inbox, tmp_path):
    """The inbox after one `unsocial run`: (db, reports folder, result)."""
    db, reports = tmp_path / "out" / "unsocial.duckdb", tmp_path / "out" / "reports"
    result = unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0, result.err
    return db, reports, result


def test_run_lists_contacts_and_who_was_met_offline(ran):
    db, _, _ = ran
    assert query(db, "select display_name, has_offline_interaction from contacts order by display_name, person_id") == [
        ("Aylin Demir", False),  # her only journal entry is after --as-of
        ("Dr. Anna Müller, PhD", True),  # "Anna Müller" in the journal: titles do not stop the match
        ("Jonas Weber", True),
        ("Lea Brandt", False),
        ("Lukas Berger", False),  # two namesakes: the journal's "Lukas Berger" joins neither
        ("Lukas Berger", False),
        ("Pieter de Vries", True),
        ("Sam Recruiter", False),
        ("Tomasz Nowak", True),
    ]


def test_owner_is_never_a_contact(ran):
    db, reports, _ = ran
    assert query(db, "select count(*) from contacts where display_name like '%Lindqvist%'") == [(0,)]
    assert "Lindqvist" not in (reports / "marta" / "contacts.csv").read_text(encoding="utf-8")


def test_person_accounts_follow_the_contract(ran):
    db, _, _ = ran
    rows = query(db, "select platform, account_ref, match_confidence, match_reason from person_accounts "
                     "where account_ref like '%jonas%'")
    assert rows == [("linkedin", "https://www.linkedin.com/in/jonas-weber-1a2b", 0.8,
                     "same name (spelling and nicknames allowed), nobody else has it (with a journal account)")]
    columns = [c[0] for c in query(db, "describe person_accounts")]
    assert columns == ["owner_id", "person_id", "platform", "account_ref", "display_name", "match_confidence", "match_reason"]


def test_basic_and_complete_zips_of_one_request_do_not_double_count(ran, unsocial, inbox, tmp_path):
    db, _, _ = ran
    (inbox / "Basic_LinkedInDataExport_11-19-2026.zip").unlink()
    alone = tmp_path / "alone.duckdb"
    unsocial("run", inbox, "--db", alone, "--reports", tmp_path / "r2", "--as-of", AS_OF)
    both_sql = "select platform, kind, direction, count(*) from interactions group by all order by all"
    assert query(db, both_sql) == query(alone, both_sql)
    assert query(db, "select count(*) from contacts") == query(alone, "select count(*) from contacts")


def test_counts_reconcile_and_bad_records_are_in_quarantine(ran):
    db, _, result = ran
    assert query(db, "select count(*) from ingested_exports where records_read <> records_loaded + records_quarantined") == [(0,)]
    assert query(db, "select source_file, member, line, reason from quarantine order by all") == [
        ("Basic_LinkedInDataExport_11-19-2026.zip", "Connections.csv", 8, "connected on: date in no known format"),
        ("Complete_LinkedInDataExport_11-20-2026", "Connections.csv", 11, "connected on: date in no known format"),
        ("Complete_LinkedInDataExport_11-20-2026", "Invitations.csv", 4, "direction: neither INCOMING nor OUTGOING"),
        ("Complete_LinkedInDataExport_11-20-2026", "messages.csv", 9, "date: date in no known format"),
        ("journal.csv", "journal.csv", 8, "date: date in no known format"),
        ("journal.csv", "journal.csv", 10, "name: missing"),
        ("journal.csv", "journal.csv", 11, "kind: not one of meeting, call, meal, event, letter, gift, other"),
    ]
    assert "Mystery_Feature.csv" in result.out  # an unknown file in a known export is listed


def test_second_run_on_unchanged_inbox_changes_nothing(ran, unsocial, inbox):
    db, reports, _ = ran
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in reports.rglob("*.csv")}
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    result = unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0
    assert result.out.count("unchanged, skipped") == 3
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in reports.rglob("*.csv")} == before


def test_changed_and_removed_exports_replace_their_rows(ran, unsocial, inbox):
    db, reports, _ = ran
    with (inbox / "journal.csv").open("a", encoding="utf-8") as handle:
        handle.write("2026-10-01,Aylin Demir,,,meal,\n")
    shutil.rmtree(inbox / "Complete_LinkedInDataExport_11-20-2026")
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    assert query(db, "select display_name, has_offline_interaction from contacts order by 1") == [
        ("Aylin Demir", True), ("Jonas Weber", True), ("Pieter de Vries", True)]


def test_as_of_leaves_out_what_had_not_happened_yet(unsocial, inbox, tmp_path):
    db = tmp_path / "early.duckdb"
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", "2024-12-31").code == 0
    assert query(db, "select max(occurred_at) < '2025-01-01' from interactions") == [(True,)]
    assert query(db, "select display_name from contacts where has_offline_interaction") == [("Pieter de Vries",)]


def test_outputs_are_readable_by_the_owner_only(ran):
    db, reports, _ = ran
    for path in [db, *reports.rglob("*.csv")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((reports / "marta").stat().st_mode) == 0o700


def test_no_offline_report_lists_never_met_contacts_most_active_first(ran):
    _, reports, _ = ran
    lines = (reports / "marta" / "no_offline.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("person_id,display_name,platforms,first_seen_at,last_online_at,online_interactions,"
                        "messages_in,messages_out,strength,profile_url")
    assert [line.split(",")[1] for line in lines[1:]] == [
        "Aylin Demir", "Lea Brandt", "Sam Recruiter", "Lukas Berger", "Lukas Berger"]


def test_sql_command_answers_in_every_format(ran, unsocial):
    db, _, _ = ran
    assert "9" in unsocial("sql", "select count(*) from contacts", "--db", db).out
    assert unsocial("sql", "select count(*) as n from contacts", "--db", db, "--format", "csv").out == "n\n9\n"
    assert json.loads(unsocial("sql", "select count(*) as n from contacts", "--db", db, "--format", "json").out) == [{"n": 9}]


def test_sql_error_is_one_line_without_traceback(ran, unsocial):
    db, _, _ = ran
    result = unsocial("sql", "select nope from contacts", "--db", db)
    assert result.code == 1
    assert result.err.startswith("error: query: Binder Error") and "Traceback" not in result.err


def test_damaged_zip_is_a_one_line_error_with_exit_1(unsocial, inbox, tmp_path):
    (inbox / "linkedin_export.zip").write_bytes(b"PK\x03\x04 truncated")
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "r", "--as-of", AS_OF)
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {inbox / 'linkedin_export.zip'}: not a readable zip (truncated or damaged?); download the export again"]
    assert query(tmp_path / "u.duckdb", "select count(*) from contacts") == [(9,)]  # the rest still loaded


def test_usage_errors_exit_2(unsocial, inbox):
    assert unsocial("run", inbox, "--as-of", "27.11.2026").code == 2
    assert unsocial("frobnicate").code == 2


def test_missing_inbox_is_a_one_line_error(unsocial, tmp_path):
    result = unsocial("run", tmp_path / "nowhere", "--db", tmp_path / "u.duckdb")
    assert result.code == 1
    assert result.err.strip() == f"error: {tmp_path / 'nowhere'}: no such inbox folder; pass the folder that holds your exports"


def test_ingest_then_resolve_then_report(unsocial, tmp_path):
    db, reports = tmp_path / "u.duckdb", tmp_path / "reports"
    result = unsocial("ingest", fixture("linkedin", "2024-complete"), fixture("journal", "comma", "journal.csv"),
                      "--db", db, "--owner", "marta")
    assert result.code == 0
    assert "linkedin" in result.out and "journal" in result.out
    assert unsocial("resolve", "--db", db).code == 0
    assert unsocial("report", "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    assert len((reports / "marta" / "contacts.csv").read_text(encoding="utf-8").splitlines()) == 10


def test_overrides_win_and_survive_reruns(ran, unsocial, inbox, tmp_path):
    db, reports, _ = ran
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("rule,platform_a,account_ref_a,platform_b,account_ref_b\n"
                         "cannot_link,journal,anna müller,linkedin,https://www.linkedin.com/in/anna-mueller-phd\n"
                         "must_link,journal,lukas berger,linkedin,https://www.linkedin.com/in/lukas-berger-muc\n",
                         encoding="utf-8")
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF, "--overrides", overrides).code == 0
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    met = "select display_name, count(*) from contacts where has_offline_interaction group by 1 order by 1"
    assert query(db, met) == [("Jonas Weber", 1), ("Lukas Berger", 1), ("Pieter de Vries", 1), ("Tomasz Nowak", 1)]


def test_no_personal_data_in_any_output_line(unsocial, inbox, tmp_path, monkeypatch):
    monkeypatch.setenv("UNSOCIAL_LOG_LEVEL", "DEBUG")
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "r", "--as-of", AS_OF)
    names = {"Jonas", "Weber", "Aylin", "Demir", "Pieter", "Vries", "Müller", "Lukas", "Berger", "Chloé",
             "Tomasz", "Nowak", "Lindqvist", "Greta", "Recruiter", "Brandt", "jonas.weber@example.de"}
    output = result.out + result.err
    assert [n for n in names if n in output] == []


def test_demo_builds_a_realistic_inbox_and_runs_everything(unsocial, tmp_path):
    import csv

    from ingest.sources import SOURCES

    result = unsocial("demo", "--dir", tmp_path / "demo")
    assert result.code == 0, result.err
    db = tmp_path / "demo" / "unsocial.duckdb"
    assert f"database: {db.resolve()}" in result.out
    assert f"reports:  {(tmp_path / 'demo' / 'reports' / 'henrike').resolve()}" in result.out
    with (tmp_path / "demo" / "inboxes" / "henrike.labels.csv").open(encoding="utf-8") as handle:
        labels = [row for row in csv.DictReader(handle) if row["platform"] in SOURCES]
    # every labelled account of a parsed platform is in the database, but for the two planted
    # unreadable records (a LinkedIn date "31 Foo …", a vCard cut off before END:VCARD)
    expected = {(r["platform"], r["account_ref"]) for r in labels
                if r["is_owner"] == "false" and r["platform"] in ("facebook", "linkedin", "twitter", "xing")}
    loaded = set(query(db, "select platform, account_ref from person_accounts"))
    assert len(expected - loaded) == 2 and loaded <= expected, sorted(expected - loaded)
    # nobody is marked as met who was not met
    met = {r["person_key"] for r in labels if r["met_offline"] == "true"}
    key = {(r["platform"], r["account_ref"]): r["person_key"] for r in labels}
    flagged = query(db, "select platform, account_ref from person_accounts join contacts using (owner_id, person_id) "
                        "where has_offline_interaction")
    assert flagged and {key[tuple(f)] for f in flagged} <= met
    assert query(db, "select count(*) from interactions where occurred_at > '2026-11-28'") == [(0,)]


def test_recognised_export_without_a_single_record_is_an_error(unsocial, tmp_path):
    export = tmp_path / "inboxes" / "marta" / "linkedin"
    export.mkdir(parents=True)
    (export / "Connections.csv").write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
                                            encoding="utf-8")
    result = unsocial("run", export.parent, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "r")
    assert result.code == 1
    assert f"error: {export}: recognised as linkedin but no record was read; check that the export is complete" in result.err


def test_inbox_without_any_export_is_an_error_not_an_empty_success(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    (inbox / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "r")
    assert result.code == 1
    assert result.err.strip() == (f"error: {inbox}: no recognised export here (1 other file): holiday.jpg; "
                                  "put your platform exports and journal into this folder")


def test_offline_entries_matching_nobody_are_kept_and_visible(ran):
    db, reports, _ = ran
    # the neighbour is on no platform; the ambiguous "Lukas Berger" is in review, not "unmatched"
    assert query(db, "select display_name, sources, offline_interactions from unmatched_offline") == [
        ("Greta Nachbar", ["journal"], 1)]
    assert query(db, "select platform, display_name, reason from match_review") == [
        ("journal", "Lukas Berger", "review: 2 people match this name")]
    assert (reports / "marta" / "unmatched_offline.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[1:3] == [
        "Greta Nachbar", "journal"]


def test_last_met_in_person_counts_meetings_and_meals_not_calls(ran):
    db, _, _ = ran
    assert query(db, "select display_name, last_offline_at, last_met_in_person_at from contacts "
                     "where has_offline_interaction order by 1") == [
        ("Dr. Anna Müller, PhD", datetime(2025, 9, 2), None),  # a call
        ("Jonas Weber", datetime(2025, 6, 14), datetime(2025, 6, 14)),
        ("Pieter de Vries", datetime(2024, 6, 14), datetime(2024, 6, 14)),
        ("Tomasz Nowak", datetime(2025, 3, 3), datetime(2025, 3, 3)),
    ]


RAW_TABLES = ("raw_accounts", "raw_interactions", "raw_members", "raw_quarantine", "ingested_exports")


@pytest.mark.parametrize("kept", [0, 3_000])
def test_ingest_loads_the_same_rows_whether_its_batches_stay_in_memory_or_are_written(unsocial, tmp_path, monkeypatch,
                                                                                       kept):
    """``unsocial ingest`` keeps an export's rows in memory up to a size, writes the rest: the rows are the same."""
    exports = (fixture("twitter", "2022"), fixture("linkedin", "2024-complete"))
    assert unsocial("ingest", *exports, "--db", tmp_path / "all.duckdb", "--owner", "marta").code == 0
    monkeypatch.setattr("ingest.store.batches.IN_MEMORY_BYTES", kept)  # 0: every batch written; 3,000: some of them
    assert unsocial("ingest", *exports, "--db", tmp_path / "some.duckdb", "--owner", "marta").code == 0
    for table in RAW_TABLES:
        rows = [query(tmp_path / db, f"select * from {table} order by all") for db in ("all.duckdb", "some.duckdb")]
        assert rows[0] == rows[1] and rows[0], table
    assert not list((tmp_path / "some.duckdb.batches").rglob("*.parquet*"))


def _loaded_by_parts(exports, db: Path, owner: str) -> None:
    """The exports parsed whole first, then loaded: the load ``unsocial ingest`` runs beside its parse, done after it."""
    from ingest.pipeline import detect_and_parse_all
    from ingest.store.batches import command_line_batches
    from ingest.store.database import connect, load_batches

    with connect(db) as con, command_line_batches(db.with_name("batches")) as work_dir:
        parsed = [p for path in exports for p in detect_and_parse_all(path, owner, work_dir, in_memory=True)]
        load_batches(con, owner, parsed)


def test_ingest_loads_beside_its_parse_the_rows_a_load_after_it_gives(unsocial, tmp_path):
    exports = (fixture("twitter", "2022"), fixture("linkedin", "2024-complete"), fixture("twitter", "2023-dm-group-members"))
    assert unsocial("ingest", *exports, "--db", tmp_path / "beside.duckdb", "--owner", "marta").code == 0
    _loaded_by_parts(exports, tmp_path / "after.duckdb", "marta")
    for table in (*RAW_TABLES, "raw_recipients"):
        rows = [query(tmp_path / db, f"select * from {table} order by all") for db in ("beside.duckdb", "after.duckdb")]
        assert rows[0] == rows[1] and rows[0], table


def test_an_export_whose_parse_fails_after_rows_went_in_keeps_its_earlier_rows(unsocial, tmp_path, monkeypatch):
    """The load runs beside the parse: when a file late in an archive is damaged, the rows of its earlier files
    are in the transaction already. They go again, the archive keeps its earlier rows, and the other exports load."""
    from ingest.store.streaming import LoadWhileParsing

    db, archive = tmp_path / "unsocial.duckdb", tmp_path / "twitter-2022.zip"
    linkedin = tmp_path / "linkedin.zip"
    zip_folder(fixture("linkedin", "2024-complete"), linkedin)
    zip_folder(fixture("twitter", "2022"), archive)
    assert unsocial("ingest", archive, "--db", db, "--owner", "marta").code == 0
    before = {table: query(db, f"select * from {table} order by all") for table in RAW_TABLES}

    # the same archive with a longer direct-messages.js (the file read last), damaged near its end: its start
    # reads well (the archive is recognised), the rest fails the check of the deflate stream or of the CRC
    random = Random(13)
    conversations = [{"dmConversation": {"conversationId": f"1204857362-{other}", "messages": [{"messageCreate": {
        "recipientId": str(other), "senderId": "1204857362", "id": str(random.randrange(10**18, 10**19)),
        "createdAt": "2022-10-01T10:00:00.000Z", "text": "", "reactions": [], "urls": [], "mediaUrls": []}}]}}
        for other in random.sample(range(10**9, 10**10), 30_000)]
    with zipfile.ZipFile(tmp_path / "damaged.zip", "w", zipfile.ZIP_DEFLATED) as new:
        for path in sorted(fixture("twitter", "2022").rglob("*.js")):
            name = path.relative_to(fixture("twitter", "2022")).as_posix()
            data = path.read_bytes() if name != "data/direct-messages.js" else (
                b"window.YTD.direct_messages.part0 = " + json.dumps(conversations).encode())
            new.writestr(name, data)
        info = new.getinfo("data/direct-messages.js")
    raw = bytearray((tmp_path / "damaged.zip").read_bytes())
    end = info.header_offset + 30 + len(info.filename) + info.compress_size
    raw[end - 2000:end - 1000] = bytes(b ^ 0x55 for b in raw[end - 2000:end - 1000])
    archive.write_bytes(bytes(raw))
    streamed = []
    add = LoadWhileParsing.add
    monkeypatch.setattr(LoadWhileParsing, "add", lambda self, export, table, rows: (
        streamed.append((export.source, table)), add(self, export, table, rows)))

    result = unsocial("ingest", archive, linkedin, "--db", db, "--owner", "marta")
    assert result.code == 1 and "a file inside the zip cannot be read" in result.err
    assert ("twitter", "raw_interactions") in streamed  # rows of the damaged archive went in before the failure
    for table in RAW_TABLES:
        rows = query(db, f"select * from {table} where export_path not like '%linkedin%' order by all")
        assert rows == before[table], table
    assert query(db, "select source, records_read = records_loaded + records_quarantined from ingested_exports "
                     "order by source") == [("linkedin", True), ("twitter", True)]


# A Python where pandas is not installed, whatever else is (numpy often is): the finder refuses it as a missing
# module is refused.
WITHOUT_PANDAS = """
import sys
class NoPandas:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, NoPandas())
from ingest.cli import main
sys.argv = ["unsocial", *sys.argv[1:]]
main()
"""


def test_run_works_where_pandas_is_not_installed(inbox, tmp_path):
    """No pandas beside numpy once stopped every run: pyarrow took the stand-in for pandas for pandas itself."""
    import subprocess
    import sys

    db = tmp_path / "out" / "unsocial.duckdb"
    done = subprocess.run([sys.executable, "-c", WITHOUT_PANDAS, "run", str(inbox), "--db", str(db), "--reports",
                           str(tmp_path / "out" / "reports"), "--as-of", AS_OF], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert query(db, "select count(*) > 0 from contacts") == [(True,)]


def test_a_terminal_that_cannot_show_every_letter_gets_the_summary_and_the_exact_values_in_json(inbox, tmp_path):
    """PYTHONIOENCODING=ascii (or a Windows pipe in cp1252): the summary's "…" once stopped a finished run."""
    import os
    import subprocess
    import sys

    unsocial = str(Path(sys.executable).with_name("unsocial"))
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "60"}  # narrow: the table cuts names with "…"
    db = tmp_path / "out" / "unsocial.duckdb"
    done = subprocess.run([unsocial, "run", str(inbox), "--db", str(db), "--reports", str(tmp_path / "out" / "r"),
                           "--as-of", AS_OF], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "reports:" in done.stdout
    question = "select display_name from contacts where display_name like '%Müller%'"
    as_json = subprocess.run([unsocial, "sql", question, "--db", str(db), "--format", "json"], capture_output=True,
                             text=True, env=env, timeout=60)
    assert [row["display_name"] for row in json.loads(as_json.stdout)] == ["Dr. Anna Müller, PhD"]
    as_csv = subprocess.run([unsocial, "sql", question, "--db", str(db), "--format", "csv"], capture_output=True,
                            text=True, env=env, timeout=60)
    assert as_csv.returncode == 0 and as_csv.stdout.splitlines()[1] == '"Dr. Anna M?ller, PhD"'
    assert "--out FILE" in as_csv.stderr
    to_file = subprocess.run([unsocial, "sql", question, "--db", str(db), "--format", "csv", "--out",
                              str(tmp_path / "m.csv")], capture_output=True, text=True, env=env, timeout=60)
    assert to_file.returncode == 0 and "note:" not in to_file.stderr  # the file holds every letter
    assert (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()[1] == '"Dr. Anna Müller, PhD"'


def test_an_export_unpacked_into_a_folder_that_kept_the_zips_name_is_read_as_that_folder(unsocial, tmp_path):
    """Before: "not a readable zip (truncated or damaged?); download the export again" (a LinkedIn export of 2026,
    leadjobs-dev/career-network, unpacked into Complete_LinkedInDataExport_04-25-2026.zip/)."""
    counts = {}
    for name in ("Basic_LinkedInDataExport_11-19-2026.zip", "Basic_LinkedInDataExport_11-19-2026"):
        folder = tmp_path / name / name
        shutil.copytree(fixture("linkedin", "2024-basic"), folder)
        result = unsocial("ingest", folder, "--db", tmp_path / name / "u.duckdb", "--owner", "marta")
        assert result.code == 0, result.err
        counts[name] = query(tmp_path / name / "u.duckdb", "select source, records_read, records_loaded, "
                                                           "records_quarantined from ingested_exports")
    assert counts["Basic_LinkedInDataExport_11-19-2026.zip"] == counts["Basic_LinkedInDataExport_11-19-2026"] != []


def test_two_peoples_exports_in_one_inbox_are_told_not_merged_in_silence(ran, unsocial, tmp_path):
    """A colleague's LinkedIn export dropped into this inbox: every owner account is the one owner, so their
    contacts became this owner's with exit 0 and no word. The exports are named, never the names."""
    assert "owners of different names" not in ran[2].out  # Marta's Complete and Basic exports: one person
    inbox = tmp_path / "inboxes" / "team"
    shutil.copytree(fixture("linkedin", "2024-complete"), inbox / "Complete_LinkedInDataExport_11-20-2026")
    colleague = inbox / "LinkedInDataExport_jonas"
    shutil.copytree(fixture("linkedin", "2024-basic"), colleague)
    profile = (colleague / "Profile.csv").read_text(encoding="utf-8")
    (colleague / "Profile.csv").write_text(profile.replace("Marta,Lindqvist", "Jonas,Brenner"), encoding="utf-8")
    result = unsocial("run", inbox, "--db", tmp_path / "team.duckdb", "--reports", tmp_path / "r", "--as-of", AS_OF)
    assert result.code == 0, result.err
    said = " ".join(result.out.split())
    assert ("note: these exports name owners of different names: [Complete_LinkedInDataExport_11-20-2026] and "
            "[LinkedInDataExport_jonas]; if they are two people's") in said
    assert "Brenner" not in said and "Lindqvist" not in said
    # the page, where the owner of a scheduled run reads what it did
    page = " ".join((tmp_path / "r" / "team" / "summary.html").read_text(encoding="utf-8").split())
    assert ('<p class="warning" id="owners-apart">These exports name owners of different names: '
            "<code>Complete_LinkedInDataExport_11-20-2026</code> and <code>LinkedInDataExport_jonas</code>; if they "
            "are two people&#x27;s") in page
