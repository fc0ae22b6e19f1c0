"""Shapes of calendars and address books found in public material in the sweep of issue #13 (round 15) that lost
people: Outlook for Windows' calendar saved as CSV (English and German), which was no recognised export at all.
Folder, zip and the file alone, as a user hands them in; and through ``unsocial ingest``."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture
from test_calendar_shapes import forms, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source
from ingest.sources.archive import Export

ENGLISH, GERMAN = "outlook-csv-en", "outlook-csv-de"
HEADER = ('"Subject","Start Date","Start Time","End Date","End Time","All day event","Reminder on/off",'
          '"Reminder Date","Reminder Time","Meeting Organizer","Required Attendees","Optional Attendees",'
          '"Meeting Resources","Billing Information","Categories","Description","Location","Mileage","Priority",'
          '"Private","Sensitivity","Show time as"')


def accounts(records) -> list[tuple]:
    return [(a.account_ref, a.display_name, a.email, a.is_owner) for a in records if isinstance(a, Account)]


def meetings(records) -> list[tuple]:
    return [(i.line, i.account_ref, i.occurred_at, i.mode) for i in records if isinstance(i, Interaction)]


def quarantined(records) -> list[tuple]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def note(records) -> tuple:
    (member_note,) = [n for n in records if isinstance(n, MemberNote)]
    return member_note.handling, member_note.records_read, member_note.note


# --- Outlook's calendar saved as CSV: people by display name, the owner the name in most rows -------------------

def test_an_english_outlook_calendar_csv_meets_everyone_but_the_owner(tmp_path):
    """Before: "not a recognised export", every meeting lost. The owner, Marta, is in every row and never met."""
    for export in forms(ENGLISH, "Calendar.CSV", tmp_path):
        records = parse(export)
        assert detect_source(export).NAME == "calendar"
        assert accounts(records) == [("Marta Lindqvist", "Marta Lindqvist", None, True),
                                     ("Chen Li", "Chen Li", None, False),
                                     ("Okafor, Ben", "Okafor, Ben", None, False),
                                     ("Priya Nair", "Priya Nair", None, False),
                                     ("jonas.berg@example.org", None, "jonas.berg@example.org", False)]
        # 3/4/2024 is March 4 (US order); an all-day event at its day; a Teams meeting is video, a lunch a meal;
        # the room is no counterpart; "Okafor, Ben" stays one person (Outlook joins people by ";")
        assert meetings(records) == [(2, "Chen Li", datetime(2024, 3, 4, 10), "video"),
                                     (2, "Okafor, Ben", datetime(2024, 3, 4, 10), "video"),
                                     (2, "Priya Nair", datetime(2024, 3, 4, 10), "video"),
                                     (4, "Chen Li", datetime(2024, 3, 6, 14, 30), "in_person"),
                                     (5, "jonas.berg@example.org", datetime(2024, 3, 14, 12), "meal"),
                                     (7, "Okafor, Ben", datetime(2024, 4, 2), "in_person"),
                                     (7, "Chen Li", datetime(2024, 4, 2), "in_person")]
        assert quarantined(records) == [(8, "start date, start time: date in no known format")]
        handling, read, text = note(records)
        assert (handling, read) == ("parsed", 5)
        assert "owner: the name in most events (5 of 5; no address is in as many)" in text
        assert "nobody but the owner 1" in text and "rooms and resources 1" in text
        assert_nothing_lost(records)


def test_a_german_outlook_calendar_csv_reads_last_first_names_and_german_dates(tmp_path):
    """Horde's real export (bug #4025): "Besprechungsplanung", "Erforderliche Teilnehmer", "2.5.2006", cp1252."""
    for export in forms(GERMAN, "Kalender.CSV", tmp_path):
        records = parse(export)
        assert accounts(records) == [("Brandt, Jürgen", "Brandt, Jürgen", None, True),
                                     ("Wölfel, Sabine", "Wölfel, Sabine", None, False),
                                     ("Kühn, Oliver", "Kühn, Oliver", None, False),
                                     ("Nowak, Deniz", "Nowak, Deniz", None, False)]
        assert meetings(records) == [(3, "Wölfel, Sabine", datetime(2006, 5, 2, 11, 50), "in_person"),
                                     (4, "Wölfel, Sabine", datetime(2006, 5, 9, 9), "in_person"),
                                     (4, "Kühn, Oliver", datetime(2006, 5, 9, 9), "in_person"),
                                     (4, "Nowak, Deniz", datetime(2006, 5, 9, 9), "in_person"),
                                     (5, "Kühn, Oliver", datetime(2006, 5, 16, 14), "call")]
        assert quarantined(records) == [(7, "beginnt am: missing")]
        (excerpt,) = [q.excerpt for q in records if isinstance(q, Quarantined)]
        assert "Ohne Datum" not in excerpt and "ORGANIZER;CN=Kühn, Oliver" in excerpt  # who and when, never what
        assert_nothing_lost(records)


def test_a_british_outlook_calendar_csv_is_read_day_first(tmp_path):
    """An English Outlook on a British Windows writes day-first dates and a 24-hour clock; one day over 12 tells."""
    path = tmp_path / "Calendar.CSV"
    rows = ['"Sync","14/03/2024","09:00:00","14/03/2024","10:00:00","False","False",,,"Ann Lee","Ann Lee;Bo Kim",'
            ',,,,,,,"Normal","False","Normal","2"',
            '"Review","04/03/2024","16:00:00","04/03/2024","17:00:00","False","False",,,"Bo Kim","Ann Lee",'
            ',,,,,,,"Normal","False","Normal","2"']
    path.write_bytes("\r\n".join([HEADER, *rows, ""]).encode("cp1252"))
    records = parse(Export(path))
    assert meetings(records) == [(2, "Bo Kim", datetime(2024, 3, 14, 9), "in_person"),
                                 (3, "Bo Kim", datetime(2024, 3, 4, 16), "in_person")]


def test_addresses_still_win_over_names_in_an_icalendar_file(tmp_path):
    """The owner by name only where no address is in as many events: an .ics whose owner is written with an address
    keeps that owner, though a guest known by name alone is in every event too."""
    event = ("BEGIN:VEVENT\r\nUID:{n}\r\nDTSTAMP:20240401T000000Z\r\nDTSTART:2024030{n}T090000Z\r\n"
             "ORGANIZER;CN=Ann Lee:mailto:ann@example.org\r\nATTENDEE;CN=Bo Kim:invalid:nomail\r\nEND:VEVENT\r\n")
    path = tmp_path / "cal.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(event.format(n=n) for n in (1, 2))
                    + "END:VCALENDAR\r\n")
    records = parse(Export(path))
    assert [a[:1] + a[3:] for a in accounts(records)] == [("ann@example.org", True), ("Bo Kim", False)]
    assert [m[1] for m in meetings(records)] == ["Bo Kim", "Bo Kim"]


@pytest.mark.parametrize(("vintage", "counts", "people"), [
    (ENGLISH, (5, 4, 1), {"Chen Li", "Okafor, Ben", "Priya Nair", "jonas.berg@example.org"}),
    (GERMAN, (4, 3, 1), {"Wölfel, Sabine", "Kühn, Oliver", "Nowak, Deniz"}),
])
def test_ingest_loads_the_people_of_an_outlook_calendar_csv(unsocial, tmp_path, vintage, counts, people):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("calendar", vintage), "--db", db)
    assert result.code == 0, result.err
    assert "not a recognised export" not in result.out + result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select records_read, records_loaded, records_quarantined "
                           "from ingested_exports").fetchone() == counts
        met = {row[0] for row in con.execute("select distinct account_ref from raw_interactions").fetchall()}
        assert met == people
        assert con.execute("select count(*) from raw_interactions where kind = 'meeting' and is_offline").fetchone()[0]


def test_an_all_day_row_is_placed_at_its_day():
    """"All day event" True (German "Ein") makes the start a date, as an .ics all-day event is."""
    records = parse(Export(fixture("calendar", ENGLISH, "Calendar.CSV")))
    (offsite,) = {i.occurred_at for i in records if isinstance(i, Interaction) and i.line == 7}
    assert offsite == datetime.combine(date(2024, 4, 2), datetime.min.time())
