"""The offline journal: separators, encodings, date styles and kinds as people write them."""

from __future__ import annotations

from datetime import datetime

import pytest

from conftest import fixture
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import journal
from ingest.sources.archive import Export


def parse(*parts: str) -> list:
    return list(journal.parse(Export(fixture("journal", *parts))))


def test_entries_become_offline_interactions():
    entries = [r for r in parse("comma", "journal.csv") if isinstance(r, Interaction)]
    assert [(e.account_ref, e.kind, e.occurred_at.date().isoformat()) for e in entries] == [
        ("jonas weber", "meeting", "2025-06-14"),
        ("anna müller", "call", "2025-09-02"),
        ("pieter de vries", "meal", "2024-06-14"),  # German date style, "Meal" capitalised
        ("greta nachbar", "gift", "2024-11-30"),
        ("aylin demir", "meeting", "2027-01-10"),  # planned: kept, the marts cut at --as-of
        ("tomasz nowak", "meal", "2025-03-03"),  # "coffee" is a meal
        ("lukas berger", "meeting", "2025-04-04"),
    ]
    assert all(e.is_offline and e.direction == "mutual" for e in entries)


def test_bad_entries_are_quarantined_with_line_and_reason():
    quarantined = [(q.line, q.reason) for q in parse("comma", "journal.csv") if isinstance(q, Quarantined)]
    assert quarantined == [
        (8, "date: date in no known format"),
        (10, "name: missing"),
        (11, "kind: not one of meeting, call, meal, event, letter, gift, other"),
    ]


def test_semicolons_latin1_and_day_first_slashes():
    records = parse("semicolon-latin1", "journal.csv")
    accounts = [r for r in records if isinstance(r, Account)]
    assert [(a.display_name, a.account_ref) for a in accounts] == [
        ("Jürgen Straße", "juergen@example.de"), ("Aylin Demir", "aylin demir")]
    # "25/12/2024" proves the file writes day first, so "03/04/2025" is the 3rd of April
    dates = [r.occurred_at for r in records if isinstance(r, Interaction)]
    assert dates == [datetime(2025, 4, 3), datetime(2024, 12, 25)]
    assert [r.kind for r in records if isinstance(r, Interaction)] == ["meeting", "gift"]  # "Treffen"


@pytest.mark.parametrize("header, detected", [
    ("date,name,email,phone,kind,note", True),
    ("name;date", True),
    ("date,name,amount", False),
    ("First Name,Last Name,Connected On", False),
])
def test_detected_by_header(tmp_path, header, detected):
    path = tmp_path / "notes.csv"
    path.write_text(f"{header}\n2025-01-01,Someone\n", encoding="utf-8")
    assert journal.detect(Export(path)) is detected


@pytest.mark.parametrize("dates, expected, note", [
    (["03/04/2025", "25/12/2024"], [datetime(2025, 4, 3), datetime(2024, 12, 25)],
     "dates read day-first: 1 value has a first field over 12"),
    (["03/04/2025", "12/25/2024"], [datetime(2025, 3, 4), datetime(2024, 12, 25)],
     "dates read month-first (US): 1 value has a second field over 12"),
    (["03/04/2025", "01/02/2025"], [datetime(2025, 4, 3), datetime(2025, 2, 1)],
     "dates read day-first: no value proves otherwise"),
    (["2025-04-03", "14.06.2024"], [datetime(2025, 4, 3), datetime(2024, 6, 14)], ""),
])
def test_day_and_month_order_is_decided_for_the_file_and_noted(tmp_path, dates, expected, note):
    path = tmp_path / "journal.csv"
    path.write_text("date,name,kind\n" + "".join(f"{d},Jonas Weber,meeting\n" for d in dates), encoding="utf-8")
    records = list(journal.parse(Export(path)))
    assert [r.occurred_at for r in records if isinstance(r, Interaction)] == expected
    assert [n.note for n in records if isinstance(n, MemberNote)] == [note]


@pytest.mark.parametrize("written, reason", [
    ("Friday, 14 June 2025", "date: weekday does not match the date"),  # a Saturday
    ("3 listopad 2025", "date: month name of different months in different languages"),  # Croatian October, Czech November
    ("0001-01-01T00:00+01:00", "date: date out of range"),
    ("next Tuesday", "date: date in no known format"),
])
def test_a_refused_date_says_what_is_wrong_with_it(tmp_path, written, reason):
    path = tmp_path / "journal.csv"
    path.write_text(f'date,name,kind\n"{written}",Jonas Weber,meeting\n', encoding="utf-8")
    assert [q.reason for q in journal.parse(Export(path)) if isinstance(q, Quarantined)] == [reason]


# Issue 15, item 14: a CR as a spreadsheet writes it inside a quoted cell, one a broken writer leaves outside
# quotes, and a NUL, in a file that ends its lines with LF (CRLF alike).
CONTROLS = (b'date,name,email,phone,kind,note\n'
            b'2025-06-14,"Jonas\x00 Weber",,,meeting,"Lunch\rat the harbour"\n'
            b'2025-07-01,"Greta\rNachbar",,,call,\n'
            b'32.13.2025,Lukas Berger,,,meeting,\n'
            b'2025-05-06,Zo\xc3\xab\rDubois,,,call,\n'
            b'2025-05-07,Tomasz Nowak,,,call,\n')


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_a_cr_in_a_field_is_no_line_and_names_hold_no_control_characters(tmp_path, ending):
    path = tmp_path / "journal.csv"
    path.write_bytes(CONTROLS.replace(b"\n", ending))
    records = list(journal.parse(Export(path)))
    accounts = [(a.line, a.display_name) for a in records if isinstance(a, Account)]
    assert accounts == [(2, "Jonas Weber"), (3, "Greta\nNachbar"), (6, "Tomasz Nowak")]
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (4, "date: date in no known format"),  # its own line, not one further per CR above it
        (5, "row: a line break (CR) inside a field that is not quoted")]  # one record refused, not two read
    assert [n.records_read for n in records if isinstance(n, MemberNote)] == [5]
