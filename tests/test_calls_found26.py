"""Call logs a hunt found unread (docs/formats.md, Phone call logs): iMazing's CSV of an iPhone's call history, Super
Backup's XML, a Nokia's LogExport CSV and Windows Mobile's CallHistory export. A call that took place makes its person
met by phone, whatever app carried it; a missed or unanswered call only names the number; a withheld caller, and a
Signal or Teams call that names no phone number, tie to no one; the day and month order is the file's."""

from __future__ import annotations

import shutil

import pytest

from conftest import assert_nothing_lost, fixture, parse, query, zip_folder
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import calls, detect_source
from ingest.sources.archive import Export
from ingest.sources.calls.imazing_csv import APP_ID
from ingest.sources.calls.reading import SUPER_BACKUP_SMS_NOTE
from ingest.sources.calls.records import HIDDEN

IMAZING = fixture("calls", "imazing-2026")
IMAZING_FILE = "Call History - 2026-02-03 21 10 00.csv"
IMAZING_US = fixture("calls", "imazing-2026-us")
IMAZING_US_FILE = "Call History - 2026-01-20 10 00 00.csv"


def interactions(records) -> list[tuple]:
    return sorted((r.account_ref, r.direction, r.occurred_at.isoformat(), r.mode) for r in records
                  if isinstance(r, Interaction))


def names(records) -> set[tuple]:
    return {(a.account_ref, a.display_name) for a in records if isinstance(a, Account)}


def refused(records) -> list[tuple]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def notes(records) -> dict[str, str]:
    return {n.member: n.note for n in records if isinstance(n, MemberNote)}


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_imazing_calls_of_every_app_are_calls_and_missed_ones_only_name_the_number(form, tmp_path):
    export = Export(IMAZING if form == "folder" else zip_folder(IMAZING, tmp_path / "iphone.zip"))
    assert detect_source(export) is calls
    records = parse(export)
    # a phone call, a WhatsApp video call of 1 h 14 min and a FaceTime call by Apple ID, each at the time written
    assert interactions(records) == [
        ("+447700900456", "in", "2026-01-28T15:45:30", "call"),
        ("+4915155501201", "out", "2026-01-28T14:30:00", "call"),
        ("+4917655509811", "out", "2026-01-29T19:05:10", "call"),
        ("jonte.farr@example.org", "in", "2026-01-31T18:00:00", "call")]
    assert names(records) == {("+4915155501201", "Hanne Wiesel"), ("+447700900456", "Rupert Ashdown"),
                              ("+4917655509811", "Tilda Marsch"), ("jonte.farr@example.org", "Jonte Farr")}
    # the withheld missed call, Signal's id and a Teams meeting tie to no one; a date past midnight is no date
    assert refused(records) == [(7, HIDDEN), (9, APP_ID), (10, APP_ID), (11, "date: date in no known format")]
    assert notes(records) == {IMAZING_FILE: "iMazing's iPhone call history (CSV), calls: 4, missed: 1, "
                                            "not answered: 1"}
    assert_nothing_lost(records)


def test_imazing_us_dates_are_read_month_first_and_a_day_first_file_day_first(tmp_path):
    us = parse(Export(IMAZING_US))
    # 01/15/2026 proves the file month-first: its 01/05/2026 is 5 January, not 1 May
    assert interactions(us) == [("+12025550143", "in", "2026-01-15T09:30:00", "call"),
                                ("+12025550161", "out", "2026-01-05T18:20:00", "call"),
                                ("+12025550178", "out", "2026-01-15T10:00:00", "call")]
    assert "dates read month-first (US)" in notes(us)[IMAZING_US_FILE]
    assert refused(us) == [(5, HIDDEN)]  # the missed call of no number
    # the same calls on a computer set to British English: 15/01/2026 proves this file day-first
    british = tmp_path / "uk"
    british.mkdir()
    text = (IMAZING_US / IMAZING_US_FILE).read_text(encoding="utf-8")
    (british / IMAZING_US_FILE).write_text(text.replace("01/05/2026", "05/01/2026").replace("01/15/2026", "15/01/2026")
                                           .replace("01/20/2026", "20/01/2026"), encoding="utf-8")
    uk = parse(Export(british))
    assert interactions(uk) == interactions(us)
    assert "dates read day-first" in notes(uk)[IMAZING_US_FILE]
    assert_nothing_lost(us)
    assert_nothing_lost(uk)


def test_super_backup_calls_are_read_and_its_text_messages_listed():
    export = Export(fixture("calls", "superbackup-2018"))
    assert detect_source(export) is calls
    records = parse(export)
    # ``date`` is UTC (the phone showed 21:58:22 in Berlin); a national number is read in the log's country
    assert interactions(records) == [("+4915112340077", "in", "2018-09-17T19:58:22.606000", "call"),
                                     ("+4917698760033", "out", "2018-09-17T17:24:42.190000", "call"),
                                     ("+4930555120", "out", "2018-09-15T10:00:00", "call")]
    assert ("+4917698760033", "Tilda Marsch") in names(records)
    assert refused(records) == [(5, HIDDEN), (6, "date: missing or not a time in milliseconds")]
    assert notes(records) == {"calllogs_20180917220000.xml": "Super Backup's call log, calls: 3, missed: 1",
                              "sms_20180917220000.xml": SUPER_BACKUP_SMS_NOTE}
    assert_nothing_lost(records)


def test_a_nokia_logexport_reads_its_voice_calls_and_counts_its_messages():
    export = Export(fixture("calls", "nokia-logexport-2009"))
    assert detect_source(export) is calls
    records = parse(export)
    assert interactions(records) == [("+436505550123", "in", "2009-01-30T10:43:00", "call"),
                                     ("+436645550141", "out", "2009-02-02T21:15:00", "call")]
    # the text message to Rupert is no contact: his number is not even an account
    assert names(records) == {("+436645550141", "Hanne Wiesel"), ("+436505550123", "Tilda Marsch")}
    assert refused(records) == [(4, "row has 3 fields, the header 10 up to Number"), (5, HIDDEN)]
    assert notes(records) == {"log-20090203.csv": "Nokia LogExport's phone log, 1 messages and other entries not "
                              "read (dates read month-first (US): 3 values have a second field over 12), calls: 2, "
                              "missed: 1"}
    assert_nothing_lost(records)


def test_a_windows_mobile_call_history_reads_connected_calls_and_names_first_name_first():
    export = Export(fixture("calls", "wm-callhistory-2010"))
    assert detect_source(export) is calls
    records = parse(export)
    assert interactions(records) == [("+43660555123", "in", "2010-02-08T13:43:29", "call"),
                                     ("+436995550017", "out", "2010-02-08T13:52:03", "call")]
    # "busy/no answer": Hanne's call not answered, one of Tilda's missed; "Wiesel, Hanne" is Hanne Wiesel
    assert names(records) == {("+436605550100", "Hanne Wiesel"), ("+436995550017", "Rupert Ashdown"),
                              ("+43660555123", "Tilda Marsch")}
    assert refused(records) == [(5, "date: date in no known format")]  # 31 February
    assert notes(records)["callhistory.tsv"] == ("Windows Mobile's call history (CallHistory export), calls: 2, "
                                                 "missed: 1, not answered: 1")
    assert_nothing_lost(records)


@pytest.mark.parametrize(("name", "text"), [
    ("journal.csv", "Date,Name,Kind,Duration\n2026-01-28,Hanne Wiesel,call,00:30:00\n"),
    ("Connections.csv", "First Name,Last Name,Email Address,Company,Position,Connected On\n"
                        "Hanne,Wiesel,,,,05 Mar 2024\n"),
    ("calls.csv", "Call type,Date,Duration,Number\nOutgoing,2026-01-28 14:30:00,00:02:45,+4915155501201\n"),
    ("log.csv", "Date,Time,Type,Direction,Duration\n02/02/2009,21:15,Voice call,Outgoing,58\n"),
    ("export.tsv", "Name\tDate\tDuration\nHanne Wiesel\t2010.02.08 18:27.16\t54\n"),
    ("backup.xml", "<?xml version='1.0'?>\n<alllogs count='1'><entry level='info'/></alllogs>\n"),
])
def test_files_of_another_shape_are_not_taken_for_a_call_log(name, text, tmp_path):
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert not calls.detect(Export(tmp_path))


def test_a_video_call_makes_its_person_met_and_a_missed_call_does_not(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    shutil.copytree(fixture("linkedin", "2018-11"), inbox / "LinkedIn")
    # the address book ties two LinkedIn connections to numbers of the iPhone's call history
    (inbox / "Kontakte.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas Weber\r\nN:Weber;Jonas;;;\r\nEMAIL:jonas.weber@example.de\r\n"
        "TEL;TYPE=CELL:+49 176 55509811\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Aylin Demir\r\n"
        "N:Demir;Aylin;;;\r\nTEL;TYPE=CELL:+49 160 55501999\r\nEND:VCARD\r\n", encoding="utf-8")
    log = (IMAZING / IMAZING_FILE).read_text(encoding="utf-8")
    log += "Missed,2026-02-03 12:00:00,00:00:00,+4916055501999,Aylin,Germany,Phone: +4916055501999\n"
    (inbox / "iMazing").mkdir()
    (inbox / "iMazing" / IMAZING_FILE).write_text(log, encoding="utf-8")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", "2026-03-01")
    assert result.code == 0, result.err
    met = dict(query(db, "select display_name, last_offline_at::varchar from contacts "
                         "where display_name in ('Jonas Weber', 'Aylin Demir')"))
    # Jonas through his card's number: a WhatsApp video call; Aylin only missed the owner's call: never met
    assert met == {"Jonas Weber": "2026-01-29 19:05:10", "Aylin Demir": None}
    assert query(db, "select records_read, records_loaded, records_quarantined from ingested_exports "
                     "where source = 'calls'") == [(11, 7, 4)]
    assert [word for word in ("Jonas", "Aylin", "55509811") if word in result.out + result.err] == []
