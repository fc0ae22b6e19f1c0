"""Two calendars of different writers in one folder: each file's owner and time are its own.

A Confluence team calendar (one all-day weekly WfH entry its owner organises and attends) read beside a Google
calendar named after another address took that address for its owner and the Google export's time for its own:
its owner's work identity was met in person every Thursday for 14 months past the team calendar's export
(niccokunzmann/python-recurring-ical-events ``test/calendars/issue_4.ics`` beside ``benchmark/issue42.ics``)."""

from __future__ import annotations

import shutil
from datetime import datetime

import icalendar
import pytest

from conftest import fixture, parse, query, zip_folder
from ingest.models import Interaction, MemberNote
from ingest.sources.archive import Export
from ingest.sources.calendar.expansion import file_times

BESIDE = fixture("calendar", "confluence-beside-google-2020")
TEAM, GOOGLE = "team-calendar.ics", "lena@example.org.ics"
WORK_ADDRESS = "lena.brandt@wolkenwerk.example"
MET = [(GOOGLE, "ole.hansen@example.com", "meal", 1), (GOOGLE, "pia.sommer@example.net", "in_person", 11),
       (TEAM, "tomasz.nowak@wolkenwerk.example", "in_person", 6)]


def met(records) -> list[tuple]:
    """(file, person, mode, meetings) of the records, by file and person."""
    counted: dict[tuple, int] = {}
    for i in records:
        if isinstance(i, Interaction):
            key = (i.member.rsplit("/", 1)[-1], i.account_ref, i.mode)
            counted[key] = counted.get(key, 0) + 1
    return sorted((*key, count) for key, count in counted.items())


def notes(records) -> dict[str, str]:
    return {n.member.rsplit("/", 1)[-1]: n.note for n in records if isinstance(n, MemberNote)}


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_team_calendar_beside_a_google_calendar_keeps_its_own_owner_and_time(unsocial, tmp_path, form):
    export = BESIDE if form == "folder" else zip_folder(BESIDE, tmp_path / "calendars.zip")
    db = tmp_path / "u.duckdb"
    assert unsocial("ingest", export, "--db", db, "--owner", "lena").code == 0
    rows = query(db, "select regexp_replace(member, '.*/', ''), account_ref, mode, count(*) from raw_interactions "
                     "group by all order by all")
    assert rows == MET  # the WfH entry is no meeting; the sprint review ends with the team calendar's export
    assert not query(db, f"select * from raw_interactions where account_ref = '{WORK_ADDRESS}'")
    assert query(db, "select max(occurred_at) from raw_interactions where member like '%team-calendar.ics'") == [
        (datetime(2019, 6, 12, 9),)]


def test_the_notes_say_whose_file_and_up_to_when():
    read = notes(parse(Export(BESIDE)))
    assert read[TEAM].startswith("owner: the address in most events (2 of 2), in this file (the export's owner, by "
                                 "the calendar's name (X-WR-CALNAME), is in none of its events); expanded up to "
                                 "2019-06-13 17:15 UTC (the latest DTSTAMP); not interactions: ")
    assert read[GOOGLE].startswith("owner: the calendar's name (X-WR-CALNAME); expanded up to 2020-08-15 19:22 UTC")


def test_each_file_reads_beside_the_other_as_it_reads_alone():
    together = met(parse(Export(BESIDE)))
    alone = met(parse(Export(BESIDE / TEAM))) + met(parse(Export(BESIDE / GOOGLE)))
    assert together == sorted(alone) == MET


def test_a_team_calendar_owner_known_by_name_alone_is_no_counterpart(tmp_path):
    """Newer Confluence writes people as a profile page, not an address (formats.md's Confluence row)."""
    folder = tmp_path / "calendars"
    shutil.copytree(BESIDE, folder)
    team = folder / TEAM
    team.write_bytes(team.read_bytes().replace(f"mailto:{WORK_ADDRESS}".encode(),
                                               b"https://wolkenwerk.atlassian.net/wiki/people/ff8081815824"))
    assert met(parse(Export(folder))) == MET


def test_a_colleagues_calendar_named_after_them_stays_theirs(tmp_path):
    """Where the export's owner is known by a calendar's name, another address's calendar is someone else's even
    where the owner is in none of its events: its meetings are not the owner's."""
    folder = tmp_path / "Takeout" / "Calendar"
    shutil.copytree(BESIDE, folder)
    (folder / TEAM).unlink()
    colleague = (folder / GOOGLE).read_text().replace("lena@example.org", "tomasz.nowak@wolkenwerk.example")
    (folder / "tomasz.nowak@wolkenwerk.example.ics").write_text(colleague)
    records = parse(Export(tmp_path / "Takeout"))
    assert met(records) == MET[:2]
    assert "another person's calendar, without the owner 13" in notes(records)["tomasz.nowak@wolkenwerk.example.ics"]


def calendar(prodid: str | None, *stamps: str) -> icalendar.Calendar:
    text = ["BEGIN:VCALENDAR", *([f"PRODID:{prodid}"] if prodid else [])]
    for n, stamp in enumerate(stamps):
        text += ["BEGIN:VEVENT", f"UID:{n}", "DTSTART:20200101T100000Z", *([f"DTSTAMP:{stamp}"] if stamp else []),
                 "END:VEVENT"]
    return icalendar.Calendar.from_ical("\r\n".join([*text, "END:VCALENDAR", ""]))


def test_files_of_one_writer_share_their_time_and_others_keep_their_own():
    """Apple stamps each event when it changed: its calendars of one export share the latest stamp."""
    times = file_times({"Arbeit.ics": [calendar("-//Apple Inc.//macOS 14.5//EN", "20240612T081500Z")],
                        "Privat.ics": [calendar("-//Apple Inc.//macOS 14.5//EN", "20240630T174500Z")],
                        "team.ics": [calendar(None, "20190613T171521Z")],
                        "undated.ics": [calendar(None, "")]})
    assert times == {"Arbeit.ics": (datetime(2024, 6, 30, 17, 45), "DTSTAMP"),
                     "Privat.ics": (datetime(2024, 6, 30, 17, 45), "DTSTAMP"),
                     "team.ics": (datetime(2019, 6, 13, 17, 15, 21), "DTSTAMP")}  # undated: the export's time


def test_a_colleagues_all_day_wfh_in_a_team_calendar_is_no_meeting(tmp_path):
    """Confluence of 2019 writes no TRANSP: a colleague's weekly WfH is where they work, not a meeting with them."""
    team = (BESIDE / TEAM).read_text()
    wfh = team[team.index("BEGIN:VEVENT"):team.index("END:VEVENT") + len("END:VEVENT\r\n")]
    colleague = wfh.replace("CN=Lena Bran\r\n dt", "CN=Tomasz Nowak").replace(WORK_ADDRESS, "tomasz.nowak@wolkenwer"
                                                                                        "k.example")
    path = tmp_path / TEAM
    path.write_text(team.replace("END:VCALENDAR", colleague.replace("UID:2019", "UID:x2019") + "END:VCALENDAR"),
                    newline="")
    assert met(parse(Export(path))) == MET[2:]
