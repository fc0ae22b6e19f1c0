"""What was not read is visible to the owner, and nothing is lost.

Every fixture export is read: per export, read = loaded + quarantined, every refused record has a
reason that some advice matches, and what was not read (unknown files, files left out, records
refused) is in the view ``not_read``, in the run summary, in ``summary.html`` and in ``not_read.csv``.
"""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from conftest import AS_OF, FIXTURES, fixture
from ingest.reports.not_read import advice_lines, not_read_rows
from ingest.store.database import connect
from ingest.store.transform import layer_files

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

OWNER = "marta"


def fallback_advice(con: duckdb.DuckDBPyConnection) -> str:
    """What a refused record gets when no advice matches its reason."""
    advice = layer_files("marts")["advice"]
    [(text,)] = con.execute(f"select what_to_do from ({advice}) where handling = 'quarantined' and pattern = ''"
                            ).fetchall()
    return text


def test_every_fixture_vintage_is_an_export_and_reconciles(every_fixture):
    vintages = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.glob("*/*") if p.is_dir()}
    with duckdb.connect(str(every_fixture), read_only=True) as con:
        rows = con.execute("select export_path, records_read, records_loaded, records_quarantined "
                           "from ingested_exports order by 1").fetchall()
        peopleless = {path for (path,) in con.execute("select export_path from raw_members "
                                                      "where handling = 'no_people'").fetchall()}
    # a vintage of single-file exports (a journal, a Nextcloud migration file) by the folder they are in
    assert {"/".join(path.split("#")[0].split("/")[:2]) for path, *_ in rows} == vintages
    assert [path for path, read, loaded, quarantined in rows if read != loaded + quarantined] == []
    assert [path for path, read, *_ in rows if read == 0 and path not in peopleless] == []  # 0: nobody in it


def test_every_refused_record_has_advice_and_is_counted_once(every_fixture):
    with duckdb.connect(str(every_fixture), read_only=True) as con:
        rows, fallback = not_read_rows(con, OWNER), fallback_advice(con)
        quarantined = dict(con.execute("select export_path, records_quarantined from ingested_exports").fetchall())
        not_read_files = dict(con.execute("select export_path, count(*) from raw_members "
                                          "where handling in ('unknown', 'ignored') group by 1").fetchall())
    refused = [r for r in rows if r.handling == "quarantined"]
    without_advice = sorted({r.reason for r in refused if r.what_to_do == fallback})
    assert without_advice == [], "add advice for these reasons to sql/marts/advice.sql"
    assert all(r.what_to_do and r.reason for r in rows)
    for export, count in quarantined.items():
        assert sum(r.records for r in refused if r.source_file == export) == count, export
    for export, count in not_read_files.items():
        files = [r.files for r in rows if r.source_file == export and r.handling in ("unknown", "ignored")]
        assert sum(files) == count, export


def test_records_naming_nobody_are_told_there_is_nothing_to_recover(every_fixture):
    # a Messenger sender Facebook leaves unnamed ("" in JSON, an empty sender cell in HTML) and a reaction with no
    # name: their advice said "download it again", which names nobody again
    with duckdb.connect(str(every_fixture), read_only=True) as con:
        rows = not_read_rows(con, OWNER)
    nobody = [r for r in rows if r.handling == "quarantined" and "nothing to recover" in r.reason]
    assert {r.source_file for r in nobody} >= {"facebook/f6-2025-waves", "facebook/f6-2025-creator",
                                               "facebook/f6-2025", "facebook/f4-2021-html"}
    assert {r.what_to_do for r in nobody} == {"nothing to do: the platform no longer names this account",
                                              "nothing to do: the entry names nobody (no name, e-mail or phone)"}
    assert not any(r.is_actionable for r in nobody)
    waves = advice_lines([r for r in rows if r.source_file == "facebook/f6-2025-waves"])
    assert waves and not [line for line in waves if "download it again" in line or "add your profile" in line]


def test_the_reading_of_an_ambiguous_zone_is_told_with_what_it_means(every_fixture):
    # PST is also Pakistan's and the Philippines': the Facebook F0 file's note says which reading was taken
    with duckdb.connect(str(every_fixture), read_only=True) as con:
        rows = not_read_rows(con, OWNER)
    [row] = [r for r in rows if r.source_file == "facebook/f0-2013-html-us" and r.handling == "parsed"]
    assert row.reason.endswith("zone PST read as Pacific Standard Time (US and Canada), UTC-08:00: 10")
    assert row.what_to_do.startswith("nothing to do unless times look hours off") and not row.is_actionable


def test_files_left_out_for_one_reason_are_one_row(every_fixture):
    with duckdb.connect(str(every_fixture), read_only=True) as con:
        rows = not_read_rows(con, OWNER)
        viewer = con.execute("select count(*) from raw_members where export_path = 'twitter/2013-grailbird' "
                             "and note like 'the archive''s viewer%'").fetchone()[0]
    [row] = [r for r in rows
             if r.source_file == "twitter/2013-grailbird" and r.reason.startswith("the archive's viewer")]
    assert viewer > 1 and row.files == viewer and row.handling == "ignored" and not row.is_actionable


def table(result) -> list[dict]:
    return list(csv.DictReader(io.StringIO(result.out)))


def test_a_user_sees_an_unknown_file_in_the_summary_the_view_the_report_and_the_page(unsocial, inbox, tmp_path):
    db, reports = tmp_path / "u.duckdb", tmp_path / "reports"
    result = unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0, result.err
    advice = "this version does not read it; if it holds people, open an issue with its file name and header (no data)"
    assert "Complete_LinkedInDataExport_11-20-2026: 1 unknown file, 4 files left out, 3 records refused" in result.out
    assert f"  - unknown file Mystery_Feature.csv (not a LinkedIn file this version reads): {advice}" in result.out
    assert "journal.csv: 3 records refused" in result.out
    assert "  - 1 record refused (date: date in no known format): write the date as YYYY-MM-DD" in result.out
    assert 'every row: unsocial sql "select * from not_read"' in result.out
    view = table(unsocial("sql", "select member, handling, what_to_do from not_read where handling = 'unknown'",
                          "--db", db, "--format", "csv"))
    assert view == [{"member": "Mystery_Feature.csv", "handling": "unknown", "what_to_do": advice}]
    report = list(csv.DictReader(io.StringIO((reports / OWNER / "not_read.csv").read_text(encoding="utf-8"))))
    assert [(r["source_file"], r["member"], r["what_to_do"]) for r in report if r["handling"] == "unknown"] == [
        ("Complete_LinkedInDataExport_11-20-2026", "Mystery_Feature.csv", advice)]
    page = (reports / OWNER / "summary.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="not-read">'):]
    assert ('<td class="wrap">Mystery_Feature.csv</td><td>unknown file</td>'
            '<td class="optional wrap">not a LinkedIn file this version reads</td>'
            f'<td class="wrap">{advice}</td>') in section


def test_ingest_prints_what_was_not_read_and_leaves_the_view_to_query(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("twitter", "2024-parts"), "--db", db, "--owner", OWNER)
    assert result.code == 0, result.err
    assert "2024-parts: 1 file left out, 2 records refused" in result.out
    assert "unknown file" not in result.out  # data/note-tweet.js is read
    assert ("read, with a note (archive manifest listing 8 files; 1 not in this export (another zip of a split "
            "delivery?): data/direct-messages-part2.js): a file the manifest lists is missing: put every zip of a "
            "split download into the inbox") in result.out
    counts = unsocial("sql", "select handling, sum(files) as files, sum(records) as records from not_read "
                             "group by 1 order by 1", "--db", db, "--format", "json")
    assert json.loads(counts.out) == [{"handling": "ignored", "files": 1, "records": None},
                                      {"handling": "parsed", "files": 1, "records": None},
                                      {"handling": "quarantined", "files": 2, "records": 2}]


def test_a_refused_record_is_told_by_reason_not_by_a_file_named_after_a_person(unsocial, tmp_path):
    result = unsocial("ingest", fixture("xing", "vcards-2014"), "--db", tmp_path / "u.duckdb", "--owner", OWNER)
    assert result.code == 0, result.err
    assert ("  - 1 record refused (END:VCARD: missing (vCard cut off)): the file is damaged or cut off here: "
            "download or export it again") in result.out
    assert "Pieter" not in result.out  # Pieter_de_Vries.vcf is the file cut off: the view names it, the summary not
    with duckdb.connect(str(tmp_path / "u.duckdb"), read_only=True) as con:
        assert con.execute("select member, first_line from not_read where handling = 'quarantined'").fetchall() == [
            ("Pieter_de_Vries.vcf", 1)]


REASONS = [  # (source, reason) → the start of its advice; the last one has none yet
    ("linkedin", "connected on: date in no known format", "a date form this version does not read"),
    ("journal", "date: date in no known format", "write the date as YYYY-MM-DD"),
    ("journal", "date: weekday does not match the date", "write the date as YYYY-MM-DD"),
    ("facebook", "title language not recognised", "a language this version does not read"),
    ("facebook", "meta: time without a UTC offset", "a time zone this version does not read"),
    ("twitter", "tweet: not valid JSON (truncated or damaged file?)", "the file is damaged or cut off here"),
    ("twitter", "created_at: missing", "nothing to recover"),
    ("journal", "name: missing", "fill in that field"),
    ("linkedin", "occurred_at: Input should be a valid datetime", "a field this version needs is empty"),
    ("facebook", "meta: weekday does not match the date", "a weekday that does not match its date"),
    ("calendar", "DTSTART: date out of range", "nothing to do: a date at the edge of the calendar"),
    ("linkedin", "date: day and month order of this file not decided", "a date like 03/04/2025 (March or April?)"),
    ("facebook", "meta: month name of different months in different languages", "a month name that means"),
    ("calendar", "RRULE: walks more than 2000000 steps up to the export's time (limit UNSOCIAL_MAX_ICS_STEPS)",
     "far more than a calendar or address book holds"),
    ("addressbook", "vCard: more than 1000 properties (limit UNSOCIAL_MAX_VCARD_PROPERTIES)",
     "far more than a calendar or address book holds"),
    ("calendar", "RRULE: gives no start at all (its BY… parts exclude each other)", "nothing to do: a repeating event"),
    ("journal", "row: a line break (CR) inside a field that is not quoted", "more or fewer fields than the header"),
    ("calendar", "VEVENT: a problem nobody has seen", "a reason this version has no advice for"),
]


def test_advice_is_chosen_by_reason_and_source(tmp_path):
    with connect(tmp_path / "u.duckdb") as con:
        for i, (source, reason, _) in enumerate(REASONS):
            con.execute("insert into ingested_exports values (?, ?, 'x', ?, 1, 0, 1, false)", [OWNER, f"e{i}", source])
            con.execute("insert into raw_quarantine (owner_id, export_id, export_path, member, line, reason, excerpt) "
                        "values (?, 'x', ?, 'm', 3, ?, '')", [OWNER, f"e{i}", reason])
        advice = {r.source_file: r.what_to_do for r in not_read_rows(con, OWNER)}
    assert [advice[f"e{i}"].startswith(start) for i, (_, _, start) in enumerate(REASONS)] == [True] * len(REASONS)
