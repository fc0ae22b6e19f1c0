"""Hostile and broken input through the real pipeline: discover_exports, parse_export, `unsocial run`.

Every file of tests/fixtures/hostile/ (its outcome in expected.csv) is copied alone into an inbox
and must end as its manifest says: a one-line named error naming the file, records with
quarantine entries, records alone, or "not a recognised export" — never another exception, never
more than 10 s, never a file outside the test's temporary folder. Cases that cannot be committed
(links, named pipes, lines of hundreds of MB, limits set in the environment) are made here.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq
import duckdb
import pytest

from conftest import AS_OF, fixture, zip_folder
from ingest.errors import UnreadableExportError, UnsafeArchiveError, UnsocialError
from ingest.pipeline import discover_exports, parse_export
from ingest.sources.archive import Export
from ingest.store.batches import ParsedExport

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CASES = list(csv.DictReader((HOSTILE / "expected.csv").open(encoding="utf-8")))
# Everyone the corpus names: none of them may appear in an error message or a quarantine reason.
PEOPLE = ("Jonas", "Weber", "Marta", "Lindqvist", "Aylin", "Demir", "Chloé", "Dubois", "Pieter", "Tomasz",
          "Nowak", "Zoë", "Müller", "Mallory", "Tomás")
TIME_LIMIT = 10.0


@dataclass
class Outcome:
    parsed: list[ParsedExport] = field(default_factory=list)
    errors: list[UnsocialError] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)


def bounded(function, *args, seconds: float = TIME_LIMIT):
    """``function(*args)`` in a thread that must finish within ``seconds``: a hang fails, not blocks."""
    result: dict = {}

    def target():
        try:
            result["value"] = function(*args)
        except BaseException as exc:  # handed to the test thread, which re-raises it
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in result:
        raise result["error"]
    return result["value"]


def pipeline(inbox: Path, work: Path) -> Outcome:
    """What `unsocial run` does up to loading: discover, then parse every export found."""
    discovery = discover_exports(inbox)
    outcome = Outcome(errors=list(discovery.failed), unrecognised=discovery.unrecognised)
    for found in discovery.found:
        try:
            outcome.parsed.append(parse_export(found, "marta", work))
        except UnsocialError as exc:
            outcome.errors.append(exc)
    return outcome


def run_alone(item: Path, tmp_path: Path) -> tuple[Outcome, Path]:
    """The item (file or folder) copied alone into an inbox and run through the pipeline."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    target = inbox / item.name
    (shutil.copytree if item.is_dir() else shutil.copy)(item, target)
    return bounded(pipeline, inbox, tmp_path / "work"), target


def batch_rows(parsed: ParsedExport, table: str, columns: list[str]) -> list[dict]:
    files = sorted(Path(parsed.batch_dir).glob(f"{table}-*.parquet"))
    return [row for f in files for row in pq.read_table(f, columns=columns).to_pylist()]


def loaded_records(parsed: ParsedExport) -> int:
    """Distinct (member, line) among the loaded rows: the loader's own count (database.py)."""
    tables = ("raw_accounts", "raw_interactions")
    rows = [row for table in tables for row in batch_rows(parsed, table, ["member", "line"])]
    return len({(r["member"], r["line"]) for r in rows})


def assert_private(text: str, where: Path) -> None:
    text = text.replace(str(where), "")
    assert not [name for name in PEOPLE if name in text], text


def assert_outcome(expected: str, source: str, outcome: Outcome, item: Path) -> None:
    if expected.startswith("error:"):
        assert not outcome.parsed and not outcome.unrecognised
        assert [type(e).__name__ for e in outcome.errors] == [expected.removeprefix("error:")]
        message = outcome.errors[0].message()
        assert "\n" not in message and str(item) in message
        assert_private(message, item.parent)
    elif expected == "refused":
        assert not outcome.parsed and not outcome.errors and outcome.unrecognised
    else:
        assert not outcome.errors, [e.message() for e in outcome.errors]
        assert [p.source for p in outcome.parsed] == [source]
        parsed = outcome.parsed[0]
        assert parsed.read == loaded_records(parsed) + parsed.quarantined > 0
        assert (parsed.quarantined > 0) == (expected == "quarantine")
        for row in batch_rows(parsed, "raw_quarantine", ["reason"]):
            assert_private(row["reason"], item.parent)


def assert_nothing_escaped(tmp_path: Path) -> None:
    assert sorted(p.name for p in tmp_path.iterdir()) in (["inbox", "tmp"], ["inbox", "tmp", "work"])
    assert not Path("/tmp/unsocial-hostile-escaped").exists()
    for folder in (tmp_path, *list(tmp_path.parents)[:3]):
        assert not list(folder.glob("*hostile-escaped*"))


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch) -> Path:
    """The test's temporary folder as working directory and as the temporary-file folder."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


# Outcomes the corpus expects that a source does not reach yet: file → (exception, where). None left.
KNOWN_BUGS: dict[str, tuple[type[Exception], str]] = {}


def corpus_case(case: dict):
    if case["file"] not in KNOWN_BUGS:
        return case
    raises, reason = KNOWN_BUGS[case["file"]]
    return pytest.param(case, marks=pytest.mark.xfail(raises=raises, strict=True, reason=reason))


@pytest.mark.parametrize("case", [corpus_case(c) for c in CASES], ids=[c["file"] for c in CASES])
def test_hostile_file_ends_as_expected(case: dict, sandbox: Path):
    outcome, item = run_alone(HOSTILE / case["file"], sandbox)
    assert_outcome(case["expected"], case["source"], outcome, item)
    assert_nothing_escaped(sandbox)


def test_manifest_covers_the_corpus_and_the_corpus_is_small():
    listed = [HOSTILE / c["file"] for c in CASES]
    files = [p for p in HOSTILE.rglob("*") if p.is_file() and p.name not in ("expected.csv", "make_corpus.py")]
    unlisted = [f for f in files if not any(f == item or item in f.parents for item in listed)]
    assert unlisted == [] and len(listed) == len(set(listed)) == 69
    assert sum(f.stat().st_size for f in files) < 1_000_000


def test_corpus_is_what_make_corpus_writes(tmp_path: Path, monkeypatch):
    monkeypatch.syspath_prepend(str(HOSTILE))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # no __pycache__ among the corpus' files
    import make_corpus

    make_corpus.main(tmp_path)
    digest = lambda root: {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
                           for p in root.rglob("*") if p.is_file() and p.parent != root}
    assert digest(tmp_path) == digest(HOSTILE)


# --- what the outcome class alone does not show ---------------------------------------------------

def records_of(item: Path, tmp_path: Path, table: str, columns: list[str]) -> list[dict]:
    outcome, _ = run_alone(item, tmp_path)
    return batch_rows(outcome.parsed[0], table, columns)


def test_script_text_never_becomes_data_and_entities_are_not_expanded(tmp_path):
    rows = records_of(HOSTILE / "files" / "facebook_html_scripts", tmp_path, "raw_accounts", ["member", "account_ref"])
    friends = sorted(r["account_ref"] for r in rows if r["member"].endswith("friends.html"))
    assert friends == ["&lol3;&ext;Pieter de Vries", "Chloé Dubois", "Jonas Weber"]
    assert {r["account_ref"] for r in rows} == {*friends, "Marta Lindqvist"}


def test_an_event_in_an_unknown_time_zone_is_quarantined_not_guessed(tmp_path):
    rows = records_of(HOSTILE / "files" / "calendar_unknown_tz.ics", tmp_path, "raw_quarantine", ["line", "reason"])
    assert rows == [{"line": 15, "reason": "DTSTART: unknown time zone"}]


def test_a_vevent_inside_a_vevent_costs_only_itself(tmp_path):
    item = HOSTILE / "files" / "calendar_nested_event.ics"
    outcome, _ = run_alone(item, tmp_path)
    quarantined = batch_rows(outcome.parsed[0], "raw_quarantine", ["member", "line", "reason", "excerpt"])
    assert [(q["member"], q["line"], q["reason"]) for q in quarantined] == \
        [("calendar_nested_event.ics", 15, "VEVENT: holds another VEVENT (not iCalendar)")]
    assert quarantined[0]["excerpt"].startswith("BEGIN:VEVENT\nUID:nested@example\nBEGIN:VEVENT")
    meetings = batch_rows(outcome.parsed[0], "raw_interactions", ["line", "account_ref", "occurred_at"])
    assert sorted((m["line"], m["account_ref"], m["occurred_at"].isoformat()) for m in meetings) == [
        (6, "jonas.weber@example.de", "2026-09-07T08:00:00"), (28, "jonas.weber@example.de", "2026-09-07T07:00:00")]


def test_members_named_outside_the_archive_are_only_names(sandbox):
    rows = records_of(HOSTILE / "archives" / "traversal.zip", sandbox, "raw_accounts", ["member"])
    assert sorted({r["member"] for r in rows}) == [
        "../../../hostile-escaped/Connections.csv", "..\\..\\hostile-escaped-backslash.csv",
        "/tmp/unsocial-hostile-escaped/Connections_abs.csv", "Profile.csv"]
    assert_nothing_escaped(sandbox)


def test_a_link_stored_in_a_zip_is_no_member():
    assert Export(HOSTILE / "archives" / "symlink_entry.zip").members() == ["Connections.csv", "Profile.csv"]


def test_attachment_zips_stay_closed_files():
    members = Export(HOSTILE / "archives" / "facebook_attachment_zips").members()
    assert [m.rsplit("/", 1)[1] for m in members if "/files/" in m] == ["bomb.zip", "broken.zip", "locked.zip"]


# --- cases made at run time -------------------------------------------------------------------------

def linkedin_folder(root: Path, connections: bool = True) -> Path:
    root.mkdir(parents=True)
    shutil.copy(fixture("linkedin", "2020", "Profile.csv"), root / "Profile.csv")
    if connections:
        shutil.copy(fixture("linkedin", "2020", "Connections.csv"), root / "Connections.csv")
    return root


def outside_connections(tmp_path: Path) -> Path:
    """A file outside the inbox that reads as LinkedIn connections of someone who must not appear."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Connections.csv").write_text("First Name,Last Name,Connected On\nMallory,Outside,05 Mar 2024\n")
    return outside


def test_a_linked_file_in_an_export_folder_is_not_followed(sandbox):
    export = linkedin_folder(sandbox / "inbox" / "linkedin", connections=False)
    (export / "Connections.csv").symlink_to(outside_connections(sandbox) / "Connections.csv")
    outcome = bounded(pipeline, sandbox / "inbox", sandbox / "work")
    assert [p.source for p in outcome.parsed] == ["linkedin"] and not outcome.errors
    names = {r["account_ref"] for r in batch_rows(outcome.parsed[0], "raw_accounts", ["account_ref"])}
    assert names and not [n for n in names if "Mallory" in n]


def test_a_linked_folder_in_an_export_folder_is_not_followed(sandbox):
    export = linkedin_folder(sandbox / "inbox" / "linkedin", connections=False)
    (export / "more").symlink_to(outside_connections(sandbox), target_is_directory=True)
    assert Export(export).members() == ["Profile.csv"]


def test_a_link_in_the_inbox_is_not_followed_and_said_so(sandbox):
    from ingest.pipeline import unread_files

    (sandbox / "inbox").mkdir()
    (sandbox / "inbox" / "linkedin").symlink_to(linkedin_folder(sandbox / "elsewhere"), target_is_directory=True)
    (sandbox / "inbox" / "contacts.vcf").symlink_to(outside_connections(sandbox) / "Connections.csv")
    outcome = bounded(pipeline, sandbox / "inbox", sandbox / "work")
    assert (outcome.parsed, outcome.errors, outcome.unrecognised) == ([], [], ["contacts.vcf", "linkedin"])
    told = unread_files(sandbox / "inbox", outcome.unrecognised)  # what the run summary and not_read say of them
    assert [what.split(": ", 1)[1][:35] for what, _ in told.values()] == ["a symbolic link, not followed (it c"] * 2
    assert {todo for _, todo in told.values()} == {"copy or move the export itself into the inbox"}


def test_a_member_replaced_by_a_link_after_listing_is_refused(tmp_path):
    export = Export(linkedin_folder(tmp_path / "linkedin"))
    assert export.members() == ["Connections.csv", "Profile.csv"]
    (tmp_path / "linkedin" / "Connections.csv").unlink()
    (tmp_path / "linkedin" / "Connections.csv").symlink_to(outside_connections(tmp_path) / "Connections.csv")
    with pytest.raises(UnsafeArchiveError, match="symbolic link"):
        export.open("Connections.csv")


def test_file_names_that_are_not_utf8_are_read_and_shown_in_their_windows_1252_reading(unsocial, tmp_path):
    """Latin-1 names (an old disk, a zip unpacked by a tool that kept the bytes) once stopped a run with a
    traceback: no database, model or terminal takes the lone surrogates Python gives for their bytes."""
    inbox = tmp_path / "inboxes" / "marta"
    folder = linkedin_folder(inbox / "LinkedIn")
    try:
        os.rename(folder / "Connections.csv", os.fsencode(folder) + b"/Connections-\xe9.csv")
        shutil.copy(fixture("journal", "comma", "journal.csv"), os.fsencode(inbox) + b"/journal-\xe9.csv")
        (inbox / os.fsdecode(b"notizen-\xe9.txt")).write_text("Milch, Brot\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    db = tmp_path / "u.duckdb"
    first = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF)
    assert first.code == 0, first.err
    again = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF)
    assert again.code == 0 and "unchanged" in again.out
    with duckdb.connect(str(db), read_only=True) as con:
        members = con.execute("select export_path, member, handling from raw_members where member like '%é%' "
                              "order by all").fetchall()
        unread = con.execute("select path from inbox_unread").fetchall()
    assert members == [("LinkedIn", "Connections-é.csv", "parsed"), ("journal-é.csv", "journal-é.csv", "parsed")]
    assert unread == [("notizen-é.txt",)]


@pytest.mark.parametrize("name", ["journal.csv", "export.zip", "contacts.vcf"])
def test_a_named_pipe_in_the_inbox_is_refused_not_waited_on(sandbox, name):
    (sandbox / "inbox").mkdir()
    os.mkfifo(sandbox / "inbox" / name)
    outcome = bounded(pipeline, sandbox / "inbox", sandbox / "work")
    assert [type(e) for e in outcome.errors] == [UnreadableExportError] and not outcome.parsed
    assert name in outcome.errors[0].message()


def test_a_named_pipe_inside_an_export_folder_is_passed_over(sandbox):
    export = linkedin_folder(sandbox / "inbox" / "linkedin")
    os.mkfifo(export / "messages.csv")
    outcome = bounded(pipeline, sandbox / "inbox", sandbox / "work")
    assert [(p.source, p.read) for p in outcome.parsed] == [("linkedin", 4)]


def test_html_nested_thirty_thousand_deep_is_read_in_bounded_time(sandbox):
    export = sandbox / "inbox" / "facebook"
    thread = export / "messages" / "inbox" / "jonasweber_k2j3h4" / "message_1.html"
    thread.parent.mkdir(parents=True)
    thread.write_text("<html><head><title>Jonas Weber</title></head><body>" + "<div>" * 30_000
                      + "Jonas Weber</div><div>Feb 12, 2021, 3:04 PM" + "</div>" * 30_000 + "</body></html>")
    (export / "profile_information").mkdir()
    shutil.copy(HOSTILE / "files" / "facebook_deep_json" / "profile_information" / "profile_information.json",
                export / "profile_information")
    outcome = bounded(pipeline, sandbox / "inbox", sandbox / "work")
    assert [(p.source, p.read, p.quarantined) for p in outcome.parsed] == [("facebook", 2, 1)]


def test_an_html_page_of_a_million_tags_is_refused_before_it_is_parsed(sandbox, monkeypatch):
    """Before: an 11 MB thread page of 1,000,000 empty divs took 38 s and 705 MB, and was read."""
    export = sandbox / "inbox" / "facebook"
    thread = export / "messages" / "inbox" / "jonasweber_k2j3h4" / "message_1.html"
    thread.parent.mkdir(parents=True)
    thread.write_text("<html><head><title>Jonas Weber</title></head><body>" + "<div></div>" * 1_000_000
                      + "<div>Jonas Weber</div><div>Feb 12, 2021, 3:04 PM</div></body></html>")
    (export / "profile_information").mkdir()
    shutil.copy(HOSTILE / "files" / "facebook_deep_json" / "profile_information" / "profile_information.json",
                export / "profile_information")
    outcome = bounded(pipeline, sandbox / "inbox", sandbox / "work", seconds=20)
    (error,) = outcome.errors
    assert isinstance(error, UnsafeArchiveError) and outcome.parsed == []
    assert error.problem == ("an HTML page (message_1.html) of more than 1,000,000 tags (limit UNSOCIAL_MAX_HTML_TAGS):"
                             " not a page the platform writes")
    assert "jonasweber" not in error.message()  # the thread's folder names the people in it
    monkeypatch.setenv("UNSOCIAL_MAX_HTML_TAGS", "2000000")
    thread.write_text(thread.read_text().replace("<div></div>" * 1_000_000, "<div></div>" * 10))
    outcome = bounded(pipeline, sandbox / "inbox", sandbox / "work", seconds=20)
    assert outcome.errors == [] and [(p.source, p.read) for p in outcome.parsed] == [("facebook", 2)]


def test_zip_limits_are_read_from_the_environment(tmp_path, monkeypatch):
    good = zip_folder(fixture("linkedin", "2020"), tmp_path / "linkedin.zip")
    monkeypatch.setenv("UNSOCIAL_MAX_UNZIPPED_BYTES", "100")
    with pytest.raises(UnsafeArchiveError, match="more than the limit of 100;"):
        Export(good).members()
    monkeypatch.delenv("UNSOCIAL_MAX_UNZIPPED_BYTES")
    monkeypatch.setenv("UNSOCIAL_MAX_ZIP_RATIO", "2000")
    assert Export(HOSTILE / "archives" / "bomb_ratio.zip").members() == ["Connections.csv", "Profile.csv"]
    monkeypatch.setenv("UNSOCIAL_MAX_ZIP_RATIO", "lots")
    with pytest.raises(UnsocialError, match="UNSOCIAL_MAX_ZIP_RATIO: must be a positive whole number"):
        Export(HOSTILE / "archives" / "bomb_ratio.zip").members()


def test_an_archive_of_more_entries_than_the_limit_is_refused_before_they_are_listed(tmp_path, monkeypatch):
    """Each entry costs some 3 KB and 70 µs before anything is read: a zip of 100 MB can hold 1.5 million."""
    good = zip_folder(fixture("linkedin", "2020"), tmp_path / "linkedin.zip")
    count = len(Export(good).members())
    monkeypatch.setenv("UNSOCIAL_MAX_ZIP_ENTRIES", str(count - 1))
    with pytest.raises(UnsafeArchiveError, match=f"holds {count} entries, more than the limit of {count - 1};"):
        Export(good).members()
    monkeypatch.setenv("UNSOCIAL_MAX_ZIP_ENTRIES", str(count))
    assert len(Export(good).members()) == count
    tgz = tmp_path / "takeout-20261120T120000Z-001.tgz"
    with tarfile.open(tgz, "w:gz") as archive:
        archive.add(fixture("linkedin", "2020"), arcname="Takeout")
    monkeypatch.setenv("UNSOCIAL_MAX_ZIP_ENTRIES", str(count - 1))
    with pytest.raises(UnsafeArchiveError, match="more than the limit"):
        Export(tgz).members()


# --- one line of hundreds of megabytes, in a process of its own to measure its memory -------------

HUGE = 256 << 20
MEASURE = r"""
import json, resource, sys
from pathlib import Path
import ingest.store.batches, ingest.sources, pyarrow.parquet  # imported before the baseline is taken
from ingest.errors import UnsocialError
from ingest.pipeline import discover_exports, parse_export
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
base, inbox, result = peak(), Path(sys.argv[1]), []
discovery = discover_exports(inbox)
result += [type(e).__name__ for e in discovery.failed]
for found in discovery.found:
    try:
        parsed = parse_export(found, "marta", inbox.parent / "work")
        result.append(f"{found.source}: {parsed.read} read, {parsed.quarantined} quarantined")
    except UnsocialError as exc:
        result.append(type(exc).__name__)
print(json.dumps({"growth_mb": peak() - base, "result": result}))
"""


def write_huge(path: Path, head: bytes, tail: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    block = b"x" * (1 << 20)
    with path.open("wb") as handle:
        handle.write(head)
        for _ in range(HUGE >> 20):
            handle.write(block)
        handle.write(tail)


HUGE_CASES = {  # where the line is, and what must come of it
    "journal": ("journal.csv", b"date,name,email,phone,kind,note\n2025-01-01,", b",,,call,\n",
                ["UnreadableExportError"]),
    "linkedin": ("linkedin/Connections.csv", b"First Name,Last Name,Connected On\nJonas,", b",05 Mar 2024\n",
                 ["UnreadableExportError"]),
    "vcard": ("contacts.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:", b"\r\nEND:VCARD\r\n", ["UnreadableExportError"]),
    "facebook": ("facebook/friends_and_followers/friends.json", b'{"friends_v2": [{"name": "', b'", "timestamp": 1}]}',
                 ["facebook: 2 read, 1 quarantined"]),
    "twitter": ("twitter/data/follower.js", b'window.YTD.follower.part0 = [ {"follower": {"accountId": "', b'"}} ]',
                ["twitter: 2 read, 1 quarantined"]),
    "calendar": ("calendar.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:",
                 b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", ["calendar: 1 read, 1 quarantined"]),
    # an attribute of 256 MiB: lxml refuses a value past 10 MB (no huge_tree); the call is refused, the file kept
    "calls": ("calls-20250203211000.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n<calls count="1">\n<call number="',
              b'" duration="5" date="1738310400000" type="1" />\n</calls>\n', ["calls: 1 read, 1 quarantined"]),
}
SIDE_FILES = {
    "linkedin": {"linkedin/Profile.csv": "First Name,Last Name,Headline\nMarta,Lindqvist,Data\n"},
    "facebook": {"facebook/profile_information/profile_information.json":
                 '{"profile_v2": {"name": {"full_name": "Marta Lindqvist"}}}'},
    "twitter": {"twitter/data/account.js": 'window.YTD.account.part0 = [ {"account": {"accountId": "1204857362"}} ]'},
}


@pytest.mark.parametrize("kind", HUGE_CASES)
def test_a_line_of_hundreds_of_megabytes_is_refused_in_bounded_memory(tmp_path, kind):
    name, head, tail, expected = HUGE_CASES[kind]
    inbox = tmp_path / "inbox"
    write_huge(inbox / name, head, tail)
    for side, text in SIDE_FILES.get(kind, {}).items():
        (inbox / side).parent.mkdir(parents=True, exist_ok=True)
        (inbox / side).write_text(text)
    run = subprocess.run([sys.executable, "-c", MEASURE, str(inbox)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    measured = json.loads(run.stdout)
    assert measured["result"] == expected
    assert measured["growth_mb"] < 300, measured


# --- small inputs that became millions of rows (issue 15, item 10), in a process of their own ----------------

COUNT_ROWS = MEASURE.replace(
    'result.append(f"{found.source}: {parsed.read} read, {parsed.quarantined} quarantined")',
    'rows = sum(pyarrow.parquet.read_metadata(f).num_rows for f in Path(parsed.batch_dir).glob("raw_*")'
    ' if f.name.startswith(("raw_accounts", "raw_interactions")))\n'
    '        result.append(f"{found.source}: {parsed.read} read, {parsed.quarantined} quarantined, {rows} rows")')


def write_meetings_every_second(path: Path) -> None:
    """63 KB: 40 events of 20 guests repeating every second (before: 4,000,000 meetings, 86 s, 795 MB)."""
    guests = "".join(f"ATTENDEE;PARTSTAT=ACCEPTED;CN=Guest {g}:mailto:guest{g}@example.de\r\n" for g in range(20))
    events = "".join(f"BEGIN:VEVENT\r\nUID:storm-{e}@example\r\nDTSTAMP:20260101T000000Z\r\n"
                     f"DTSTART:20251231T000000Z\r\nRRULE:FREQ=SECONDLY\r\nORGANIZER:mailto:marta@example.se\r\n"
                     f"{guests}END:VEVENT\r\n" for e in range(40))
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")


def write_card_of_a_million_addresses(path: Path) -> None:
    """37 MB: one card of 1,000,000 EMAIL lines (before: 1,000,000 accounts as "read 1, loaded 1", 65 s, 2.4 GB)."""
    with path.open("w") as handle:
        handle.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas Weber\r\n")
        handle.writelines(f"EMAIL:jonas.weber{i:07d}@example.de\r\n" for i in range(1_000_000))
        handle.write("END:VCARD\r\n")


def write_owner_writing_to_a_group_of_300(path: Path) -> None:
    """1 MB: a XING data copy whose owner wrote 20,000 messages to one group of 300 (before: a row per member and
    message, 6,000,000 rows, 78 s, 771 MB)."""
    messages = path / "data" / "messages-backend" / "files" / "7c1e0b5a9d3f4e2c8a6b1d0e9f8a7b6c.csv"
    messages.parent.mkdir(parents=True)
    members = ",".join(["Marta Lindqvist", *(f"Gast Nummer{g:03d}" for g in range(300))])
    with messages.open("w") as handle:
        handle.write(f'"Verein","2020-01-01 10:00:00 UTC","{members}","","",""\n')
        handle.writelines('"","","","Marta Lindqvist","2020-01-01 10:00:00 UTC","x"\n' for _ in range(20_000))


AMPLIFIED = {  # the file, and what must come of it: the events that fit 10 meetings a character, and no card
    "calendar": ("calendar.ics", write_meetings_every_second, ["calendar: 40 read, 35 quarantined, 500021 rows"]),
    "vcard": ("contacts.vcf", write_card_of_a_million_addresses, ["addressbook: 1 read, 1 quarantined, 0 rows"]),
    "xing": ("Datenauskunft", write_owner_writing_to_a_group_of_300,  # a row per message, its 300 members once
             ["xing: 20000 read, 0 quarantined, 20301 rows"]),
}


@pytest.mark.parametrize("kind", AMPLIFIED)
def test_a_small_input_gives_no_more_rows_than_its_limits_allow(tmp_path, kind):
    name, write, expected = AMPLIFIED[kind]
    (tmp_path / "inbox").mkdir()
    write(tmp_path / "inbox" / name)
    run = subprocess.run([sys.executable, "-c", COUNT_ROWS, str(tmp_path / "inbox")], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    measured = json.loads(run.stdout)
    assert measured["result"] == expected
    assert measured["growth_mb"] < 300, measured


def test_an_export_of_more_rows_than_its_size_allows_is_refused(sandbox, monkeypatch):
    """The backstop for sources without limits of their own (a group chat gives a row per member and message)."""
    from ingest.sources import base

    monkeypatch.setattr(base, "max_rows", lambda size: 1)
    linkedin_folder(sandbox / "inbox" / "linkedin")
    outcome = bounded(pipeline, sandbox / "inbox", sandbox / "work")
    assert [type(e) for e in outcome.errors] == [UnsafeArchiveError] and not outcome.parsed
    assert outcome.errors[0].problem.startswith("gives more than 4 rows for its ")
    assert not list((sandbox / "work").rglob("*.parquet*"))


# --- the command line: one bad file is one line, and the rest is loaded ---------------------------

CLI_ITEMS = ["archives/damaged_member.zip", "archives/duplicate_entries.zip", "archives/bomb_ratio.zip",
             "archives/deflate64.zip", "archives/facebook_attachment_zips", "archives/nested_3_deep.zip",
             "files/journal_ragged.csv"]


def test_unsocial_run_reports_each_bad_file_in_one_line_and_loads_the_rest(tmp_path, unsocial):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    for item in CLI_ITEMS:
        source = HOSTILE / item
        (shutil.copytree if source.is_dir() else shutil.copy)(source, inbox / source.name)
    result = bounded(unsocial, "run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "reports",
                     "--as-of", AS_OF, seconds=60)
    assert result.code == 1 and "Traceback" not in result.err + result.out
    errors = sorted(line.split(": ", 2)[1].rsplit("/", 1)[1] for line in result.err.splitlines())
    assert errors == ["bomb_ratio.zip", "damaged_member.zip", "deflate64.zip", "duplicate_entries.zip"]
    assert_private(result.err, inbox)
    assert "facebook_attachment_zips" in result.out and "journal_ragged.csv" in result.out
    assert "nested_3_deep.zip" in result.out and "not a recognised export" in result.out


@pytest.mark.parametrize("item", ["archives/lying_size.zip", "archives/encrypted.zip", "archives/truncated.zip",
                                  "files/addressbook_empty.vcf"])
def test_unsocial_ingest_says_what_is_wrong_in_one_line(tmp_path, unsocial, item):
    result = bounded(unsocial, "ingest", HOSTILE / item, "--db", tmp_path / "u.duckdb", seconds=30)
    assert result.code == 1 and "Traceback" not in result.err + result.out
    assert len(result.err.splitlines()) == 1 and result.err.startswith(f"error: {HOSTILE / item}: ")


def test_a_display_name_is_never_a_formula_in_a_report(tmp_path, unsocial):
    export = linkedin_folder(tmp_path / "inboxes" / "marta" / "linkedin", connections=False)
    (export / "Connections.csv").write_text('First Name,Last Name,URL,Connected On\n'
                                            '"=HYPERLINK(""https://evil.example"",""x"")",Weber,,05 Mar 2024\n')
    result = unsocial("run", export.parent, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "reports",
                      "--as-of", AS_OF)
    assert result.code == 0
    cells = [c for row in csv.reader((tmp_path / "reports" / "marta" / "contacts.csv").open()) for c in row]
    assert any("HYPERLINK" in c for c in cells) and not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
