"""The journal as people keep it (sweep 20): a header in their language or with their own words and columns,
tab-separated, kinds in their language, and dates as their spreadsheet saves them."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from conftest import fixture
from ingest.models import Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, journal
from ingest.sources.archive import Export
from ingest.sources.dates import read_datetime, spreadsheet_serial

MESSAGE = "kind: a message (text, e-mail, chat) is no offline contact"
UNKNOWN_KIND = "kind: not one of meeting, call, meal, event, letter, gift, other"


def records(path) -> list:
    return list(journal.parse(Export(path)))


def entries(path) -> list[tuple[int, str, str, str]]:
    return [(r.line, r.account_ref, r.kind, r.occurred_at.date().isoformat())
            for r in records(path) if isinstance(r, Interaction)]


def refused(path) -> list[tuple[int, str]]:
    return [(q.line, q.reason) for q in records(path) if isinstance(q, Quarantined)]


def note(path) -> str:
    [member] = [n for n in records(path) if isinstance(n, MemberNote)]
    return member.note


def write(tmp_path, text: str, name: str = "journal.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the header ----------------------------------------------------------------------------------

@pytest.mark.parametrize("header", [
    "Datum;Name;E-Mail;Telefon;Art;Notiz",                       # German
    "date;nom;e-mail;téléphone;type;remarque",                   # French
    "Fecha;Nombre;Correo electrónico;Teléfono;Tipo;Notas",       # Spanish
    "Data;Nome;E-mail;Telefono;Tipo;Note",                       # Italian
    "Datum;Naam;E-mailadres;Telefoon;Soort;Opmerking",           # Dutch
    "Data;Imię i nazwisko;E-mail;Telefon;Rodzaj;Uwagi",          # Polish
    "Data;Nome;E-mail;Telefone;Tipo;Observações",                # Portuguese
    "date;name;e-mail;phone;type;notes",                         # English synonyms
])
def test_a_header_in_the_owners_language_is_the_journals(tmp_path, header):
    path = write(tmp_path, f"{header}\n14.06.2025;Jonas Weber;jonas@example.org;+49 170 1234567;meeting;Lunch\n")
    assert detect_source(Export(path)).NAME == "journal"
    assert entries(path) == [(2, "jonas@example.org", "meeting", "2025-06-14")]


@pytest.mark.parametrize("header, detected", [
    ("date,name,email,phone,kind,note,location", True),      # a column of the owner's own
    ("Timestamp,date,name,email,phone,kind,note", True),     # a Google Form's answers sheet
    ("date,name,kind,place", True),
    ("date,name,amount", False),                             # a list of payments, not of meetings
    ("Date,Name,Amount,Currency,Category", False),
    ("Datum,Name,Betrag,Verwendungszweck,Kategorie", False),  # a German bank's statement
    ("name,email,phone,note", False),                        # no date: an address list
])
def test_the_owners_own_columns_do_not_hide_the_journal_and_do_not_claim_another_file(tmp_path, header, detected):
    path = write(tmp_path, f"{header}\n2025-01-01,Someone,x,y,z,w,v\n")
    assert journal.detect(Export(path)) is detected


def test_the_owners_own_columns_are_named_in_the_files_note(tmp_path):
    path = write(tmp_path, "date,name,kind,location\n2025-06-14,Jonas Weber,meeting,Hamburg\n")
    assert entries(path) == [(2, "jonas weber", "meeting", "2025-06-14")]
    assert note(path) == "columns not the journal's, not read: location"


def test_a_tab_separated_journal_is_read(tmp_path):
    path = write(tmp_path, "date\tname\tkind\n2025-06-14\tJonas Weber\tmeeting\n", "journal.tsv")
    assert detect_source(Export(path)).NAME == "journal"
    assert entries(path) == [(2, "jonas weber", "meeting", "2025-06-14")]


# --- the kind ------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, kind, mode", [
    ("déjeuner", "meal", "meal"), ("llamada", "call", "call"), ("café", "meal", "meal"), ("cafe", "meal", "meal"),
    ("Zoom", "call", "video"), ("Videoanruf", "call", "video"), ("videollamada", "call", "video"),
    ("Spaziergang", "meeting", "in_person"), ("visite", "meeting", "in_person"),
    ("rendez-vous", "meeting", "in_person"), ("Rendez vous", "meeting", "in_person"),
    ("Frühstück", "meal", "meal"), ("spotkanie", "meeting", "in_person"), ("almoço", "meal", "meal"),
    ("cadeau", "gift", "gift"), ("lettera", "letter", "letter"), ("Feier", "event", "in_person"),
])
def test_kinds_in_the_owners_language(tmp_path, written, kind, mode):
    path = write(tmp_path, f"date,name,kind\n2025-06-14,Jonas Weber,{written}\n")
    [entry] = [r for r in records(path) if isinstance(r, Interaction)]
    assert (entry.kind, entry.mode, entry.is_offline) == (kind, mode, True)


@pytest.mark.parametrize("written", ["text", "SMS", "email", "E-Mail", "WhatsApp", "Nachricht", "mensaje"])
def test_a_message_is_no_offline_contact_and_says_so(tmp_path, written):
    path = write(tmp_path, f"date,name,kind\n2025-06-14,Jonas Weber,{written}\n")
    assert refused(path) == [(2, MESSAGE)]
    assert entries(path) == []


def test_a_kind_no_language_knows_is_still_refused(tmp_path):
    path = write(tmp_path, "date,name,kind\n2025-06-14,Jonas Weber,skydiving\n")
    assert refused(path) == [(2, UNKNOWN_KIND)]


# --- the date ------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, expected", [
    ("45822", datetime(2025, 6, 14)),              # a date cell formatted as a number
    ("45822.75", datetime(2025, 6, 14, 18)),
    ("Sat, 14 Jun 2025", datetime(2025, 6, 14)),   # an e-mail's date, copied in
    ("14-Jun-2025", datetime(2025, 6, 14)),        # Excel's d-mmm-yyyy
    ("14-Jun-25", datetime(2025, 6, 14)),          # Excel's d-mmm-yy
    ("14-Juni-2025", datetime(2025, 6, 14)),
])
def test_dates_as_spreadsheets_save_them(tmp_path, written, expected):
    path = write(tmp_path, f'date,name,kind\n"{written}",Jonas Weber,meeting\n')
    assert [r.occurred_at for r in records(path) if isinstance(r, Interaction)] == [expected]


@pytest.mark.parametrize("written, reason", [
    ("99999", "date: date in no known format"),     # 2173: no day of a journal
    ("12345", "date: date in no known format"),     # 1933
    ("Fri, 14 Jun 2025", "date: weekday does not match the date"),
])
def test_numbers_that_are_no_plausible_day_are_refused(tmp_path, written, reason):
    path = write(tmp_path, f'date,name,kind\n"{written}",Jonas Weber,meeting\n')
    assert refused(path) == [(2, reason)]


def test_a_day_number_is_read_only_where_a_caller_knows_the_column_holds_dates():
    assert spreadsheet_serial("45822") == datetime(2025, 6, 14)
    assert spreadsheet_serial("4582") is None and spreadsheet_serial("45822 €") is None
    with pytest.raises(ValueError):
        read_datetime("45822")


# --- whole files as people keep them -------------------------------------------------------------

def test_a_google_forms_journal():
    path = fixture("journal", "google-forms-2025", "journal.csv")
    assert entries(path) == [(2, "jonas@example.org", "meeting", "2025-06-14"),
                             (3, "anna müller", "call", "2025-06-15"),
                             (4, "pieter de vries", "meal", "2025-06-14")]
    assert refused(path) == [(5, MESSAGE), (6, "name: missing")]
    assert note(path) == "columns not the journal's, not read: timestamp, location"


def test_a_german_excel_journal_with_day_numbers():
    path = fixture("journal", "excel-de-headers-2025", "journal.csv")
    assert entries(path) == [(2, "juergen@example.de", "meeting", "2025-06-14"),
                             (3, "aylin demir", "meal", "2025-06-15"),
                             (4, "lukas berger", "call", "2025-06-16")]
    assert refused(path) == [(5, MESSAGE), (6, "date: date in no known format")]


def test_a_french_journal():
    path = fixture("journal", "fr-headers-2025", "journal.csv")
    assert entries(path) == [(2, "camille@example.fr", "meal", "2025-06-14"),
                             (3, "hugo martin", "meeting", "2025-06-21"),
                             (4, "léa petit", "meeting", "2025-06-28")]
    assert refused(path) == [(5, MESSAGE), (6, UNKNOWN_KIND)]


def test_a_tsv_journal():
    path = fixture("journal", "tsv-2025", "journal.tsv")
    assert entries(path) == [(2, "jonas@example.org", "meeting", "2025-06-14"),
                             (3, "anna müller", "call", "2025-09-02")]
    assert refused(path) == [(4, "row has 5 fields, the header 6")]


def test_the_owner_is_told_what_was_not_read_and_why(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("journal", "google-forms-2025", "journal.csv"), "--db", db, "--owner", "marta")
    assert result.code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select reason, what_to_do from not_read order by reason").fetchall()
    advice = dict(rows)
    assert advice[MESSAGE].startswith("nothing to do: the journal counts contact off the networks")
    assert advice["columns not the journal's, not read: timestamp, location"].startswith(
        "nothing to do: your own columns")
