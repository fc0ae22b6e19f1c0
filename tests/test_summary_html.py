"""summary.html: self-contained, drawn without errors in headless Chromium, safe with any name.

The page's own script sets ``data-rendered="ok"`` on <body> once every chart's SVG is there, and
its ``window.onerror`` collects errors into ``data-errors``; Chromium's --dump-dom shows both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import AS_OF
from ingest.reports import REPORTS, write_reports
from ingest.summary import CHARTS
from test_marts import ago, build_db

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--hide-scrollbars"]
HOSTILE = '<img src=x onerror="document.body.dataset.errors=1">'


def chromium(page: Path, tmp_path: Path, *args: str) -> str:
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'chromium'}", *args, page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def body_of(dom: str) -> str:
    return re.search(r"<body[^>]*>", dom).group(0)


@pytest.fixture
def page(unsocial, inbox, tmp_path) -> Path:
    reports = tmp_path / "reports"
    assert unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", reports, "--as-of", AS_OF).code == 0
    return reports / "marta" / "summary.html"


@needs_chromium
def test_summary_draws_every_chart_without_errors(page, tmp_path):
    body = body_of(chromium(page, tmp_path, "--dump-dom"))
    assert 'data-rendered="ok"' in body and "data-errors" not in body
    chromium(page, tmp_path, "--window-size=390,2400", f"--screenshot={tmp_path / 'phone.png'}")
    assert (tmp_path / "phone.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_summary_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    references = re.findall(r"""(?:src|href|action)\s*=\s*["']?([^"'\s>]+)""", html)
    assert sorted(set(references)) == sorted([*REPORTS])  # links to the CSV files beside it, nothing else
    assert not re.search(r"<link|<iframe|<object|<embed|@import|url\(", html)
    assert "default-src 'none'" in html  # and the browser is told to fetch nothing
    assert [f"chart-{name}" for name in CHARTS] == re.findall(r'<svg id="(chart-[a-z]+)"', html)


def test_summary_shows_the_key_numbers_and_rules(page):
    html = page.read_text(encoding="utf-8")
    tiles = re.findall(r'<div class="tile( warn)?"><b>(\d+)</b><span>([^<]*)</span>', html)
    assert [(warn, number, label.split(" (")[0]) for warn, number, label in tiles] == [
        ("", "9", "contacts on social platforms"), ("", "4", "met offline"), ("", "5", "never met offline"),
        (" warn", "0", "people with personal contact in 12 months"), ("", "0", "follow-ups due"),
        ("", "2", "contacts waiting for a reply")]
    assert "Warning: only 0 people had personal contact with you in the last 12 months, fewer than 40." in html
    assert "The 7 strongest contacts" in html and ">Tomasz Nowak</text>" in html
    assert "Nobody: every recent connection has been met since." in html
    assert "<td>Sam Recruiter</td><td class=\"num\">1</td><td>2026-01-08</td>" in html


def test_summary_lists_what_was_not_read_with_what_to_do(page):
    html = page.read_text(encoding="utf-8")
    section = html[html.index('<section id="not-read">'):]
    assert re.findall(r"<h3>(.*?) <small>\((.*?)\)</small></h3>", section) == [
        ("Basic_LinkedInDataExport_11-19-2026.zip", "linkedin: 1 record refused"),
        ("Complete_LinkedInDataExport_11-20-2026", "linkedin: 1 unknown file, 4 files left out, 3 records refused"),
        ("journal.csv", "journal: 3 records refused")]
    assert ('<tr><td class="wrap">journal.csv, line 10</td><td>1 record refused</td>'
            '<td class="optional wrap">name: missing</td>'
            '<td class="wrap">fill in that field in that row of your journal: date and name are needed</td></tr>') in section
    assert '<td class="wrap">Email Addresses.csv and 2 more</td><td>left out</td>' in section


@needs_chromium
def test_names_cannot_inject_markup(tmp_path):
    accounts = [("facebook", HOSTILE, HOSTILE), ("facebook", 'Zoë "Z" & Co', 'Zoë "Z" & Co')]
    interactions = [("facebook", HOSTILE, "message", "in", ago(30)), ("facebook", 'Zoë "Z" & Co', "message", "out", ago(1))]
    with build_db(tmp_path / "u.duckdb", accounts, interactions) as con:
        # a file name inside an export is the export's to choose: an unknown file and a refused record in one
        con.execute("insert into raw_members (owner_id, export_id, export_path, member, line, handling, note) "
                    "values ('marta', 'x', 'synthetic', ?, 0, 'unknown', 'not a file this version reads')", [HOSTILE])
        con.execute("insert into raw_quarantine (owner_id, export_id, export_path, member, line, reason, excerpt) "
                    "values ('marta', 'x', 'synthetic', ?, 2, 'date: date in no known format', '')", [HOSTILE])
        write_reports(con, tmp_path / "reports")
    page = tmp_path / "reports" / "marta" / "summary.html"
    html = page.read_text(encoding="utf-8")
    assert HOSTILE not in html and "&lt;img src=x" in html and "Zoë &quot;Z&quot; &amp; Co" in html
    assert html.count('<td class="wrap">&lt;img src=x') == 2  # in "Not read": the unknown file, the refused record
    body = body_of(chromium(page, tmp_path, "--dump-dom"))
    assert 'data-rendered="ok"' in body and "data-errors" not in body


@needs_chromium
def test_an_owner_without_contacts_gets_a_page_too(tmp_path):
    with build_db(tmp_path / "u.duckdb", [], []) as con:
        write_reports(con, tmp_path / "reports")
    page = tmp_path / "reports" / "marta" / "summary.html"
    assert "No contacts yet." in page.read_text(encoding="utf-8")
    assert "Every file of every export was read, and every record loaded." in page.read_text(encoding="utf-8")
    body = body_of(chromium(page, tmp_path, "--dump-dom"))
    assert 'data-rendered="ok"' in body and "data-errors" not in body


INJECTED = ('<script>document.body.dataset.injected = "script";</script>'
            '<img src="data:," onerror="document.body.dataset.injected = \'handler\'">')
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@needs_chromium
def test_only_the_pages_own_scripts_run(page, tmp_path):
    """Issue 15, item 13: the policy lists the page's scripts by hash; a script or an event handler that reached
    the page (as if escaping had failed) is blocked, and without the policy the same injection runs."""
    html = page.read_text(encoding="utf-8")
    policy = dict(d.strip().split(" ", 1) for d in CSP.search(html).group(1).split(";"))
    assert policy["script-src"].startswith("'sha256-") and "unsafe" not in policy["script-src"]
    assert (policy["form-action"], policy["base-uri"], policy["default-src"]) == ("'none'", "'none'", "'none'")
    injected = html.replace("<main>", "<main>" + INJECTED, 1)
    for name, text in (("guarded", injected), ("unguarded", CSP.sub("", injected))):
        (tmp_path / f"{name}.html").write_text(text, encoding="utf-8")
    guarded = body_of(chromium(tmp_path / "guarded.html", tmp_path, "--dump-dom"))
    assert 'data-rendered="ok"' in guarded and "data-injected" not in guarded and "data-errors" not in guarded
    unguarded = body_of(chromium(tmp_path / "unguarded.html", tmp_path, "--dump-dom"))
    assert 'data-injected="handler"' in unguarded and 'data-rendered="ok"' in unguarded
