"""Calendar shapes found in public material that lost people before: Exchange Online's calendars of December 2023
without END:VEVENT, Outlook.com's series that end before they start, Tutanota's names with an unquoted comma.
Folder, zip and the file alone, as a user hands them in; and through ``unsocial ingest``."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture
from test_calendar_shapes import forms, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source
from ingest.sources.archive import Export

UNENDED = "exchange-2010-unended-2023"
UNTIL = "outlookcom-until-2021"
TUTANOTA = "tutanota-3.82"


def guests(records) -> list[tuple]:
    return [(a.account_ref, a.display_name) for a in records if isinstance(a, Account) and not a.is_owner]


def meetings(records) -> list[tuple]:
    return [(i.line, i.account_ref, i.occurred_at) for i in records if isinstance(i, Interaction)]


def quarantined(records) -> list[tuple]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def note(records) -> tuple:
    (member_note,) = [n for n in records if isinstance(n, MemberNote)]
    return member_note.handling, member_note.records_read, member_note.note


# --- Exchange Online, December 2023: END:VEVENT after the last event only, no END:VCALENDAR -----------------------

def test_exchange_events_without_their_end_meet_every_guest(tmp_path):
    """ical4j issue #666: every event but the last was quarantined as cut off, and its guests lost."""
    for export in forms(UNENDED, "calendar.ics", tmp_path):
        records = parse(export)
        assert detect_source(export).NAME == "calendar"
        assert guests(records) == [("paul.meinhardt@example.de", "Paul Meinhardt"),
                                   ("sofia.lindqvist@example.se", "Sofia Lindqvist"),
                                   ("tarek.haddad@example.de", "Tarek Haddad")]
        # each event ends where the next begins: the first one's reminder (VALARM) stays inside it
        assert meetings(records) == [(21, "paul.meinhardt@example.de", datetime(2023, 12, 4, 9)),
                                     (47, "sofia.lindqvist@example.se", datetime(2023, 12, 1, 9)),
                                     (47, "sofia.lindqvist@example.se", datetime(2023, 12, 8, 9)),
                                     (90, "tarek.haddad@example.de", datetime(2023, 12, 11, 11, 30))]
        # the third event's start is cut short ("2023120"): that event alone is quarantined, named by its line
        assert quarantined(records) == [(69, "DTSTART: not a valid value")]
        handling, read, text = note(records)
        assert (handling, read) == ("parsed", 4)
        assert "events without END:VEVENT (Exchange, December 2023), each read up to the next BEGIN:VEVENT: 3" in text
        assert_nothing_lost(records)


def test_an_event_without_its_end_from_another_writer_is_still_quarantined(tmp_path):
    """Only Exchange is known to leave END:VEVENT out; elsewhere nothing says where such an event ends."""
    path = tmp_path / "calendar.ics"
    text = fixture("calendar", UNENDED, "calendar.ics").read_bytes()
    path.write_bytes(text.replace(b"PRODID:Microsoft Exchange Server 2010", b"PRODID:-//Example Corp//Planner//EN"))
    records = parse(Export(path))
    assert quarantined(records) == [(line, "END:VEVENT: missing (event cut off)") for line in (21, 47, 69)]
    assert guests(records) == [("tarek.haddad@example.de", "Tarek Haddad")]
    assert_nothing_lost(records)


# --- Outlook.com / Exchange 2010: a series whose UNTIL lies before its DTSTART -------------------------------------

def test_a_series_that_ends_before_it_starts_meets_its_guest_once(tmp_path):
    """nextcloud/calendar issue #2635: no instance was expanded, the guest lost without a word."""
    for export in forms(UNTIL, "calendar.ics", tmp_path):
        records = parse(export)
        assert guests(records) == [("jonas.albrecht@example.de", "Jonas Albrecht"),
                                   ("mira.szabo@example.hu", "Mira Szabo")]
        assert meetings(records) == [(21, "jonas.albrecht@example.de", datetime(2021, 7, 22, 8)),  # 10:00 in Berlin
                                     (44, "mira.szabo@example.hu", datetime(2021, 7, 5, 7)),
                                     (44, "mira.szabo@example.hu", datetime(2021, 7, 12, 7)),
                                     (44, "mira.szabo@example.hu", datetime(2021, 7, 19, 7))]
        # Outlook's zone without its VTIMEZONE: the event is quarantined, not guessed
        assert quarantined(records) == [(67, "DTSTART: unknown time zone")]
        handling, read, text = note(records)
        assert (handling, read) == ("parsed", 3)
        assert "series ending (UNTIL) before their start (Outlook.com, Exchange), each read once, at DTSTART: 1" in text
        assert_nothing_lost(records)


# --- text that is no property outside any event: a DOS end-of-file mark, a NUL, a footer ---------------------------

@pytest.mark.parametrize("tail", [b"\x1a", b"\x00\x00", b"Exported by Planner 2.1\r\n"],
                         ids=["ctrl-z", "nul", "footer"])
def test_text_after_the_calendar_leaves_out_that_line_not_the_file(tmp_path, tail):
    """Outside any event, one line icalendar could not read made it refuse the whole file: one record refused,
    every guest lost. The line is left out, counted in the note, and the calendar read as without it."""
    path = tmp_path / "calendar.ics"
    path.write_bytes(fixture("calendar", UNTIL, "calendar.ics").read_bytes() + tail)
    records = parse(Export(path))
    assert guests(records) == [("jonas.albrecht@example.de", "Jonas Albrecht"), ("mira.szabo@example.hu", "Mira Szabo")]
    assert quarantined(records) == [(67, "DTSTART: unknown time zone")]
    assert "no iCalendar property (an end-of-file mark, a footer), left out: 1" in note(records)[2]
    assert_nothing_lost(records)


# --- Tutanota 3.82: CN=Kowal, Jana without quotes ----------------------------------------------------------------

def test_a_name_with_an_unquoted_comma_is_the_name_as_written(tmp_path):
    """tutao/tutanota issues #2910 and #2962: the guest's name was read as "['Kowal', ' Jana']"."""
    for export in forms(TUTANOTA, "Privat.ics", tmp_path):
        records = parse(export)
        assert guests(records) == [("jana.kowal@example.org", "Kowal, Jana"),
                                   ("rui.dasilva@example.pt", "da Silva, Rui Miguel")]
        assert meetings(records) == [(6, "jana.kowal@example.org", datetime(2021, 4, 12, 8)),
                                     (18, "rui.dasilva@example.pt", datetime(2021, 4, 16, 17)),
                                     (18, "jana.kowal@example.org", datetime(2021, 4, 16, 17))]
        handling, read, text = note(records)
        assert (handling, read) == ("parsed", 2)
        assert "not counterparts: declined by a guest 1" in text  # Berg, Ole declined: not met
        assert_nothing_lost(records)


# --- through the command line -------------------------------------------------------------------------------------

@pytest.mark.parametrize("vintage, counts, names", [
    (UNENDED, (4, 3, 1), ["Paul Meinhardt", "Sofia Lindqvist", "Tarek Haddad"]),
    (UNTIL, (3, 2, 1), ["Jonas Albrecht", "Mira Szabo"]),
    (TUTANOTA, (2, 2, 0), ["Kowal, Jana", "da Silva, Rui Miguel"])])
def test_ingest_loads_the_guests_of_each_found_shape(unsocial, tmp_path, vintage, counts, names):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("calendar", vintage), "--db", db)
    assert result.code == 0, result.err
    assert "no people" not in result.out and "unknown file" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        exports = con.execute("select source, records_read, records_loaded, records_quarantined "
                              "from ingested_exports").fetchall()
        met = con.execute("select display_name from raw_accounts where not is_owner order by display_name").fetchall()
    assert exports == [("calendar", *counts)]
    assert sorted(name for (name,) in met) == sorted(names)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_calendar_in_utf16_without_a_byte_order_mark_is_read(tmp_path, codec):
    """The test the vCard reader makes (``sources/utf16.py``), in the calendar reader too: an iCalendar file saved as
    UTF-16 without a BOM reads as it does in UTF-8. (A CSV or journal stays refused: tests/fixtures/hostile.)"""
    ics = fixture("calendar", "outlookcom-until-2021", "calendar.ics")
    calendar = tmp_path / "calendar.ics"
    calendar.write_bytes(ics.read_bytes().decode().encode(codec))
    records = parse(Export(calendar))
    assert guests(records) == guests(parse(Export(ics))) != []
    assert_nothing_lost(records)
