"""Every other CSV in the code page of the user's Windows, decided from the whole file (``tabular``, ``code_pages``).

Excel's "CSV (Comma delimited)" and Outlook's "Export to a file" write the ANSI code page of the Windows they run
on: the owner's journal on a Russian, Polish, Czech, Greek or Turkish Windows, Outlook's ``Calendar.CSV`` (organiser
and attendee names), LinkedIn's ``Connections.csv`` saved again by such an Excel. Every such file was read as cp1252,
each name mojibake ("Íàòàëüÿ Êóçíåöîâà", "£ukasz Wójcik"), silently: the people never matched anyone."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, export_counts, fixture, ingest_as_marta, parse, query, zip_folder
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import calendar, detect_source, journal, linkedin
from ingest.sources.archive import Export
from ingest.sources.tabular import header_of

JOURNALS = {
    "excel-ru-cp1251": ("cp1251 (Cyrillic)", ["Наталья Кузнецова", "Алексей Морозов", "НАТАЛЬЯ КУЗНЕЦОВА"],
                        (5, "date: date in no known format")),
    "excel-pl-cp1250": ("cp1250 (Central European)", ["Łukasz Wójcik", "Zofia Żak", "Małgorzata Bąk"],
                        (5, "name: missing")),
}


def accounts(records) -> list[str]:
    return [r.display_name for r in records if isinstance(r, Account)]


def notes(records) -> list[str]:
    return [r.note for r in records if isinstance(r, MemberNote)]


@pytest.mark.parametrize("vintage", sorted(JOURNALS))
def test_a_journal_saved_by_excel_on_a_non_western_windows_is_read_in_its_code_page(vintage):
    export = Export(fixture("journal", vintage, "journal.csv"))
    assert detect_source(export) is journal
    records = parse(export)
    said, names, refused = JOURNALS[vintage]
    assert accounts(records) == names
    assert len([r for r in records if isinstance(r, Interaction)]) == 3
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [refused]
    assert notes(records) == [f"not UTF-8: read as {said}"]
    assert_nothing_lost(records)


@pytest.mark.parametrize("codec, said, names", [
    ("cp1250", "cp1250 (Central European)", ["Kateřina Dvořáková", "Jiří Čermák"]),
    ("cp1251", "cp1251 (Cyrillic)", ["Олена Коваленко", "Борис Їжакевич"]),
    ("cp1253", "cp1253 (Greek)", ["Ελένη Παπαδοπούλου", "Γιώργος Νικολάου"]),
    ("cp1254", "cp1254 (Turkish)", ["Ayşe Yıldırım", "İsmail Şahin"]),
    ("cp1252", "cp1252 (Western European)", ["Jürgen Straße", "Françoise Lefèvre"]),
])
def test_the_journal_names_read_as_the_owner_wrote_them_in_each_code_page(tmp_path, codec, said, names):
    path = tmp_path / "journal.csv"
    rows = "".join(f"14.06.2025;{name};;;meeting;\r\n" for name in names)
    path.write_bytes(f"date;name;email;phone;kind;note\r\n{rows}".encode(codec))
    records = parse(Export(path))
    assert accounts(records) == names
    assert notes(records) == [f"not UTF-8: read as {said}"]


def test_a_journal_no_code_page_reads_is_read_as_latin_1_and_says_so(tmp_path):
    """0x81 is a character of no Western or Central European code page: the file is Latin-1 (as it was before)."""
    path = tmp_path / "journal.csv"
    path.write_bytes(b"date;name;kind;note\r\n14.06.2025;J\xf6rg Hauser;call;Caf\xe9 \x81\r\n")
    records = parse(Export(path))
    assert accounts(records) == ["Jörg Hauser"]
    assert notes(records) == ["not UTF-8: read as latin-1 (ISO 8859-1)"]


def test_a_utf8_journal_says_nothing_of_a_code_page(tmp_path):
    path = tmp_path / "journal.csv"
    path.write_text("date;name;kind\n14.06.2025;Łukasz Wójcik;call\n", encoding="utf-8")
    records = parse(Export(path))
    assert accounts(records) == ["Łukasz Wójcik"]
    assert notes(records) == [""]


def export_of(platform: str, vintage: str, zipped: bool, tmp_path, source) -> Export:
    """The fixture as a folder or as a zip, recognised as ``source``'s."""
    folder = fixture(platform, vintage)
    export = Export(zip_folder(folder, tmp_path / f"{vintage}.zip") if zipped else folder)
    assert detect_source(export) is source
    return export


CALENDARS = {
    "outlook-csv-en-cp1251": ("cp1251 (Cyrillic)", {"Ольга Смирнова", "Дмитрий Волков", "Ёлкина, Анна"}, 4),
    "outlook-csv-en-cp1250": ("cp1250 (Central European)",
                              {"Wiśniewska, Katarzyna", "Łukasz Dąbrowski", "Żółkiewski, Paweł"}, 2),
}


@pytest.mark.parametrize("vintage", sorted(CALENDARS))
@pytest.mark.parametrize("zipped", [False, True])
def test_an_outlook_calendar_csv_on_a_non_western_windows_names_its_people_rightly(vintage, zipped, tmp_path):
    records = parse(export_of("calendar", vintage, zipped, tmp_path, calendar))
    said, people, rows = CALENDARS[vintage]
    assert set(accounts(records)) - {None} == people
    assert any(f"rows not UTF-8: read as {said}: {rows}" in note for note in notes(records))
    assert_nothing_lost(records)


def test_the_russian_calendar_refuses_its_row_without_a_start_and_keeps_the_rest():
    records = parse(Export(fixture("calendar", "outlook-csv-en-cp1251")))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(5, "start date: missing")]
    assert len({r.occurred_at for r in records if isinstance(r, Interaction)}) == 3


def test_a_german_kalender_csv_is_still_known_and_read_in_cp1252():
    records = parse(Export(fixture("calendar", "outlook-csv-de")))
    assert {"Brandt, Jürgen", "Kühn, Oliver", "Wölfel, Sabine"} <= set(accounts(records))
    assert any("rows not UTF-8: read as cp1252 (Western European)" in note for note in notes(records))


def test_a_header_in_a_code_page_is_found_in_it(tmp_path):
    """Localised headers are in the code page (a Russian Outlook's calendar): read as cp1252 none was found."""
    path = tmp_path / "Календарь.CSV"
    path.write_bytes('"Тема","Начало","Организатор"\r\n"Обед","3.4.2024","Ольга Смирнова"\r\n'.encode("cp1251"))
    export = Export(path)
    assert header_of(export, export.members()[0], ("Тема", "Организатор")) == ["тема", "начало", "организатор"]


CONNECTIONS = {
    "2024-connections-excel-ru": (["Наталья Кузнецова", "Алексей Морозов"], 1),
    "2024-connections-excel-pl": (["Łukasz Wójcik", "Małgorzata Bąk", "Zofia Żak"], 0),
}


@pytest.mark.parametrize("vintage", sorted(CONNECTIONS))
@pytest.mark.parametrize("zipped", [False, True])
def test_connections_saved_again_by_a_non_western_excel_keep_their_names(vintage, zipped, tmp_path):
    records = parse(export_of("linkedin", vintage, zipped, tmp_path, linkedin))
    names, refused = CONNECTIONS[vintage]
    assert accounts(records) == names
    assert len([q for q in records if isinstance(q, Quarantined)]) == refused
    assert_nothing_lost(records)


def test_ingest_of_the_polish_connections_loads_the_people_by_their_names(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("linkedin", "2024-connections-excel-pl"))
    assert export_counts(db) == [("linkedin", 3, 3, 0)]
    assert sorted(r[0] for r in query(db, "select display_name from raw_accounts")) == [
        "Małgorzata Bąk", "Zofia Żak", "Łukasz Wójcik"]
