"""summary.html: the people met offline who are on no platform, and a warning when the data is old.

Both were missing on a real mixed inbox: a calendar's 16 people met 264 times showed only as a file
link beside "0 met offline", and data ending two years before the reference date produced "only 0
people with personal contact in 12 months" with no word about the data's age.
"""

from __future__ import annotations

from datetime import datetime

from ingest.reports.files import REPORTS
from ingest.reports.summary import render_summary
from test_marts import AS_OF, ago, build_db

LINKEDIN = ("linkedin", "https://www.linkedin.com/in/ola-invented", "Ola Invented")


def page(tmp_path, accounts, interactions) -> str:
    with build_db(tmp_path / "u.duckdb", accounts, interactions) as con:
        return render_summary(con, "marta", list(REPORTS)).decode("utf-8")


def meeting(ref: str, at: datetime) -> tuple:
    return ("journal", ref, "meeting", "mutual", at, False, None, "in_person")


def test_people_met_offline_on_no_platform_are_counted_with_their_meetings(tmp_path):
    accounts = [LINKEDIN, ("journal", "nina neighbour", "Nina Neighbour"), ("journal", "dirk dentist", "Dirk Dentist")]
    interactions = [meeting("nina neighbour", ago(3)), meeting("nina neighbour", ago(40)),
                    meeting("dirk dentist", ago(9)), ("linkedin", LINKEDIN[1], "message", "in", ago(2))]
    html = page(tmp_path, accounts, interactions)
    assert ('<p id="unmatched-offline">2 people you met 3 times are on none of your platforms '
            '(<a href="unmatched_offline.csv">unmatched_offline.csv</a>).</p>') in html
    # beside the offline figures: right after the tiles, before the first section
    assert html.index('<div class="tiles">') < html.index('id="unmatched-offline"') < html.index("<section")
    assert "Nina" not in html.split('id="unmatched-offline"')[1].split("</p>")[0]  # counts only, no names


def test_one_person_met_once_reads_in_the_singular_and_nobody_gives_no_line(tmp_path):
    html = page(tmp_path, [("journal", "nina neighbour", "Nina Neighbour")], [meeting("nina neighbour", ago(3))])
    assert "1 person you met once is on none of your platforms" in html
    empty = page(tmp_path / "b", [LINKEDIN], [("linkedin", LINKEDIN[1], "message", "in", ago(2))])
    assert 'id="unmatched-offline"' not in empty


def test_data_over_a_year_older_than_the_reference_date_is_said_near_the_top(tmp_path):
    html = page(tmp_path, [LINKEDIN], [("linkedin", LINKEDIN[1], "message", "in", datetime(2024, 8, 5, 17, 56))])
    line = ('<p id="data-age" class="warning">Your newest data is from 2024-08-05, 27 months before 2026-11-27: '
            "the figures for the last 12 months count nothing newer.</p>")
    assert AS_OF == datetime(2026, 11, 27) and line in html
    assert html.index(line) < html.index('<div class="tiles">')


def test_data_of_the_last_year_gives_no_age_warning(tmp_path):
    html = page(tmp_path, [LINKEDIN], [("linkedin", LINKEDIN[1], "message", "in", ago(365))])
    assert 'id="data-age"' not in html
    older = page(tmp_path / "b", [LINKEDIN], [("linkedin", LINKEDIN[1], "message", "in", ago(366))])
    assert "Your newest data is from 2025-11-26, 12 months before 2026-11-27" in older
    assert 'id="data-age"' not in page(tmp_path / "c", [LINKEDIN], [])  # no interaction at all: nothing to date
