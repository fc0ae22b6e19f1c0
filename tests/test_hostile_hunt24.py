"""Hostile input found in the hunt of round 24: small files that multiplied work or memory.

Each input is made here, read as `unsocial` reads it, in a thread that must finish in time (a hang fails, not
blocks), and its outcome asserted as the user sees it: the one-line error, or the records quarantined.
"""

from __future__ import annotations

import random
import string
import zipfile
from pathlib import Path

import pytest

from conftest import parse, query
from test_hostile import bounded
from ingest.errors import UnsafeArchiveError
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import workbook
from ingest.sources.archive import Export
from ingest.sources.calendar import zone_cost

# --- workbooks ------------------------------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


JOURNAL_ROWS = ('<row r="1">' + _cell("A1", "date") + _cell("B1", "name") + _cell("C1", "kind") + '</row>'
                '<row r="2">' + _cell("A2", "2025-06-14") + _cell("B2", "Jonas Weber") + _cell("C2", "meeting")
                + '</row>')


def write_workbook(path: Path, rows: str, shared: str | None = None) -> Path:
    """A one-sheet ``journal`` workbook whose sheet data is ``rows`` (and shared strings ``shared``)."""
    overrides = f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_TYPE}.sheet.main+xml"/>' \
                f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SHEET_TYPE}.worksheet+xml"/>'
    strings = f'<Relationship Id="rId2" Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/>' if shared else ""
    if shared:
        overrides += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SHEET_TYPE}.sharedStrings+xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                      'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                      f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}'
                      '</Types>')
        book.writestr("_rels/.rels", f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_DOC}/'
                      'officeDocument" Target="xl/workbook.xml"/></Relationships>')
        book.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets><sheet name="journal" '
                      'sheetId="1" r:id="rId1"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                      f'Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>{strings}</Relationships>')
        book.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData>'
                      '</worksheet>')
        if shared:
            book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}"><si><t>{shared}</t></si></sst>')
    return path


def refusal(path: Path) -> str:
    with pytest.raises(UnsafeArchiveError) as caught:
        bounded(Export(path).members)
    return caught.value.message()


def test_a_workbook_of_one_cell_at_the_sheets_far_corner_is_refused_not_walked(tmp_path):
    # Before: 1.5 KB, one cell at XFD1048576; openpyxl's iter_rows made every empty cell up to it: a hang
    path = write_workbook(tmp_path / "journal.xlsx", JOURNAL_ROWS + '<row r="1048576">'
                          + _cell("XFD1048576", "x") + '</row>')
    assert refusal(path) == (f"{path}: a workbook of more than 1,000,000 cells, refused as a zip bomb is; save the "
                             "sheet you need as .csv if it really is that large")


def test_a_workbook_of_empty_cells_counts_them_before_openpyxl_holds_them(tmp_path, monkeypatch):
    # Before: 2.4 million ``<c r="D3"/>`` in 6.8 MB took 31 s and 1.4 GB, and were read (only values counted)
    monkeypatch.setattr(workbook, "MAX_CELLS", 1_000)
    empties = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"/>' for c in "DEFG") + "</row>" for r in range(3, 503))
    path = write_workbook(tmp_path / "journal.xlsx", JOURNAL_ROWS + empties)
    assert refusal(path) == (f"{path}: a workbook of more than 1,000 cells, refused as a zip bomb is; save the sheet "
                             "you need as .csv if it really is that large")


def test_a_shared_string_used_in_every_cell_is_counted_as_the_text_it_makes(tmp_path):
    # Before: 1 MB, 200,000 cells naming one string of 30,000 characters: a CSV of 6 GB, a hang
    text = "".join(random.Random(24).choices(string.ascii_letters, k=200_000))
    cells = "".join(f'<row r="{r}"><c r="D{r}" t="s"><v>0</v></c></row>' for r in range(3, 403))
    path = write_workbook(tmp_path / "journal.xlsx", JOURNAL_ROWS + cells, shared=text)
    assert refusal(path) == (f"{path}: a workbook of more than 64 MB of text, refused as a zip bomb is; save the "
                             "sheet you need as .csv if it really is that large")


# --- vCards ---------------------------------------------------------------------------------------------------------

NEXT_CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Marta Lindqvist\r\nEMAIL:marta@example.org\r\nEND:VCARD\r\n"


@pytest.mark.parametrize("line", [
    "EMAIL" + ";TYPE=x" * 2_000 + ":jonas@example.org",  # 1,000,000 of them (7 MB): 9 s and 2.7 GB
    "N:" + "a;\r\n " * 2_000 + "x",  # 1,000,000 fields folded over as many lines (5 MB): 10 s
], ids=["parameters", "folded fields"])
def test_a_vcard_property_of_thousands_of_parameters_or_fields_is_quarantined(tmp_path, line):
    path = tmp_path / "contacts.vcf"
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas Weber\r\n{line}\r\nEND:VCARD\r\n{NEXT_CARD}",
                    encoding="utf-8")
    records = bounded(parse, Export(path))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (1, "vCard: a property of more than 1000 parameters or fields (limit UNSOCIAL_MAX_VCARD_PROPERTIES)")]
    assert {r.account_ref for r in records if isinstance(r, Account)} == {"marta@example.org"}


# --- calendars ------------------------------------------------------------------------------------------------------

def zone(name: str, start: str, rule: str) -> str:
    """A VTIMEZONE as Outlook writes it (observances from ``start``), its rules ``rule``."""
    return "".join(f"BEGIN:{kind}\r\nDTSTART:{start}T020000\r\nTZOFFSETFROM:{a}\r\nTZOFFSETTO:{b}\r\nRRULE:{rule}\r\n"
                   f"END:{kind}\r\n" for kind, a, b in (("STANDARD", "+0200", "+0100"), ("DAYLIGHT", "+0100", "+0200"))
                   ).join((f"BEGIN:VTIMEZONE\r\nTZID:{name}\r\n", "END:VTIMEZONE\r\n"))


def meeting(number: int, zone_name: str) -> str:
    return (f"BEGIN:VEVENT\r\nUID:{number}@example.org\r\nDTSTAMP:20250601T000000Z\r\n"
            f"DTSTART;TZID={zone_name}:20250614T100000\r\nDTEND;TZID={zone_name}:20250614T110000\r\n"
            "ORGANIZER:mailto:anna@example.org\r\nATTENDEE:mailto:anna@example.org\r\n"
            f"ATTENDEE:mailto:jonas{number}@example.org\r\nEND:VEVENT\r\n")


def calendar(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "calendar.ics"
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n{body}END:VCALENDAR\r\n",
                    encoding="utf-8")
    return path


def outcome(path: Path) -> tuple[list, list, str]:
    records = bounded(parse, Export(path))
    quarantined = [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]
    accounts = sorted({r.account_ref for r in records if isinstance(r, Account)})
    [note] = [n.note for n in records if isinstance(n, MemberNote)]
    return quarantined, accounts, note


def test_a_time_zone_repeating_every_minute_is_left_out_and_its_event_quarantined(tmp_path):
    # Before: 503 bytes, dateutil walked the zone minute by minute from 1601 to the event: a hang (hourly: 17 s)
    path = calendar(tmp_path, zone("Custom 1", "16010101", "FREQ=MINUTELY") + meeting(1, "Custom 1")
                    + zone("Custom 2", "16010101", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") + meeting(2, "Custom 2"))
    quarantined, accounts, note = outcome(path)
    assert quarantined == [(19, "DTSTART: unknown time zone")]
    assert "jonas2@example.org" in accounts and "jonas1@example.org" not in accounts
    assert f"{zone_cost.LEFT_OUT}: 1" in note


def test_time_zones_past_what_a_files_zones_may_cost_are_left_out_in_file_order(tmp_path, monkeypatch):
    # Before: 850 KB of 2,000 Outlook zones from 1601, an event in each, walked for over a minute
    monkeypatch.setattr(zone_cost, "MAX_ZONE_STEPS", 130_000)  # one zone from the year 1 to 2025: 2 × 2025 × 32
    body = "".join(zone(f"Zone {n}", "00010101", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") for n in range(3))
    path = calendar(tmp_path, body + "".join(meeting(n, f"Zone {n}") for n in range(3)))
    quarantined, accounts, note = outcome(path)
    assert quarantined == [(58, "DTSTART: unknown time zone"), (67, "DTSTART: unknown time zone")]
    assert "jonas0@example.org" in accounts
    assert f"{zone_cost.LEFT_OUT}: 2" in note


def test_a_time_zone_left_out_is_listed_with_what_to_do(tmp_path, unsocial):
    path = calendar(tmp_path, zone("Custom 1", "16010101", "FREQ=MINUTELY") + meeting(1, "Custom 1")
                    + zone("Custom 2", "16010101", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") + meeting(2, "Custom 2"))
    db = tmp_path / "u.duckdb"
    assert unsocial("ingest", path, "--db", db, "--owner", "anna").code == 0
    noted = "select what_to_do from not_read where handling = 'parsed' and reason like '%time zones (VTIMEZONE)%'"
    assert query(db, noted) == [
        ("a time zone no calendar program writes (it repeats more often than yearly, or the file defines far too "
         "many): export the calendar again; if it stays, open an issue with the file name (no data)",)]


def test_a_time_zone_name_too_long_for_a_file_name_costs_its_events_not_the_file(tmp_path):
    # Before: zoneinfo looks a zone name up as a file, and one of 300 characters raised "file name too long" out of
    # icalendar: "cannot be read (OSError); download the export again", every event of the file lost
    defined, undefined = "Custom " + "x" * 300, "Other " + "y" * 300
    path = calendar(tmp_path, zone(defined, "16010101", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") + meeting(1, defined)
                    + meeting(2, undefined) + meeting(3, "Europe/Berlin"))
    quarantined, accounts, _ = outcome(path)
    assert quarantined == [(28, "DTSTART: unknown time zone")]
    assert "jonas1@example.org" in accounts and "jonas3@example.org" in accounts
    assert "jonas2@example.org" not in accounts
