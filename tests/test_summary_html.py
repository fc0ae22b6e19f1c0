"""summary.html: self-contained, drawn without errors in headless Chromium, safe with any name.

The page's own script sets ``data-rendered="ok"`` on <body> once every chart's SVG is there, and
its ``window.onerror`` collects errors into ``data-errors``; Chromium's --dump-dom shows both.
"""

from __future__ import annotations

import re
from datetime import date
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import AS_OF
from ingest.reports.files import REPORTS, write_reports
from ingest.reports.summary import CHARTS
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
    profiles = {r for r in references if r.startswith("https://www.linkedin.com/in/")}  # a never-met contact's
    assert profiles and html.count('rel="noreferrer"') == len(profiles)
    assert sorted(set(references) - profiles) == sorted([*REPORTS])  # else the CSV files beside it, nothing else
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
    assert "No new connection in the last 90 days." in html  # its latest connection: 2024-03-05
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


# 20,000 contacts, 13,760 with personal contact in the last 12 months; LinkedIn 3,526 met · 88 never met.
PLATFORM_SHARES = (("linkedin", 3614), ("facebook", 6000), ("twitter", 5386), ("xing", 5000))
MET = 13_760


def build_large_db(path: Path):
    """A database of synthetic rows at 20,000 contacts, one account each, resolved by SQL (one person per
    account) rather than by the resolver: the page is under test here, not the linkage."""
    from ingest.pipeline import marts_step
    from ingest.store.transform import apply_layer

    con = build_db(path, [], [])
    bounds = " ".join(f"when i < {sum(n for _, n in PLATFORM_SHARES[:k + 1])} then '{p}'"
                      for k, (p, _) in enumerate(PLATFORM_SHARES))
    linkedin = PLATFORM_SHARES[0][1]
    con.execute(f"""create temp table people as select i, case {bounds} end as platform, 'Contact ' || i as name,
                    (i < {linkedin} and i < 3526) or (i >= {linkedin} and i - {linkedin} < {MET - 3526}) as met
                    from range(20000) as r(i)""")
    con.execute("""insert into raw_accounts (owner_id, export_id, export_path, member, line, platform, account_ref,
                   display_name, is_owner) select 'marta', 'x', 'synthetic', 'accounts', i + 10, platform, name, name,
                   false from people""")
    con.execute(f"""insert into raw_interactions (owner_id, export_id, export_path, member, line, platform, account_ref,
                    kind, direction, occurred_at, is_offline, is_group, thread_ref, mode)
                    select 'marta', 'x', 'synthetic', 'interactions', i, platform, name,
                           case when met then 'meeting' else 'message' end, case when met then 'mutual' else 'in' end,
                           timestamp '{AS_OF}' - interval 30 day, met, false, 't' || i,
                           case when met then 'in_person' end
                    from people, range(1 + i % 5) as n(k)""")
    apply_layer(con, "staging")
    con.execute("""insert into resolved_accounts select owner_id, platform, account_ref, 'p_' || md5(platform || account_ref),
                   is_owner, 1.0, 'only account of this person' from stg_accounts
                   where (owner_id, platform, account_ref) not in (select (owner_id, platform, account_ref) from resolved_accounts)""")
    marts_step(con, date.fromisoformat(AS_OF), force=True)
    return con


@needs_chromium
def test_the_page_holds_at_20000_contacts(tmp_path):
    with build_large_db(tmp_path / "u.duckdb") as con:
        assert con.execute("select personal_contacts_last_12_months, contacts from overview").fetchone() == (MET, 20000)
        write_reports(con, tmp_path / "reports", owners=["marta"])
    page = tmp_path / "reports" / "marta" / "summary.html"
    html = page.read_text(encoding="utf-8")
    # the LinkedIn note ends inside the chart, after the longest bar
    chart = re.search(r'<svg id="chart-platforms".*?</svg>', html).group(0)
    note = re.search(r'<text class="muted" x="([\d.]+)" y="\d+">3526 · 88</text>', chart)
    assert note and float(note.group(1)) + len("3526 · 88") * 8.5 <= 480
    # the 40–60 band keeps its width though the count is far beyond it
    gauge = re.search(r'<svg id="chart-gauge".*?</svg>', html).group(0)
    assert float(re.search(r'<rect class="band" x="[\d.]+" y="10" width="([\d.]+)"', gauge).group(1)) >= 60
    assert f"{MET} people (beyond the scale)" in gauge
    # never met, most active first: 15 of them on the page, the rest in the CSV
    never = html[html.index('<section id="never-met">'):]
    never = never[:never.index("</section>")]
    assert never.count("<tr>") == 1 + 15 and f"and {20000 - MET - 15} more in" in never
    shown = re.findall(r"<td>Contact \d+</td><td class=\"wrap\">([^<]*)</td><td class=\"num\">(\d+)", never)
    assert len(shown) == 15 and {count for _, count in shown} == {"5"}  # 5 messages: the most anyone sent
    assert {platforms for platforms, _ in shown} <= {"LinkedIn", "Facebook", "Twitter/X", "XING"}
    body = body_of(chromium(page, tmp_path, "--dump-dom"))
    assert 'data-rendered="ok"' in body and "data-errors" not in body
    for width in (390, 1200):
        shot = tmp_path / f"summary-{width}.png"
        chromium(page, tmp_path, f"--window-size={width},3000", f"--screenshot={shot}")
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
