"""Excel workbooks where a CSV belongs (sources/workbook.py): the journal kept in Excel, LinkedIn's Connections.csv
saved again as a workbook, XingExport's contacts (olebittner/XingExport). Before, a workbook was taken for an export
zip and its XML parts listed ("2 .rels, 8 .xml"): every person in it lost."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, parse, zip_folder
from ingest.errors import UnsafeArchiveError
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import workbook
from ingest.sources.archive import Export

JOURNAL = fixture("journal", "xlsx-2025", "journal.xlsx")


def _entries(records) -> list[tuple]:
    return sorted((r.member, r.line, r.account_ref, r.occurred_at, r.mode) for r in records
                  if isinstance(r, Interaction))


def test_a_journal_kept_in_excel_is_read_a_sheet_a_year():
    records = parse(Export(JOURNAL))
    assert _entries(records) == [
        ("journal.xlsx/2024.csv", 2, "greta nachbar", datetime(2024, 11, 8), "meal"),
        ("journal.xlsx/2024.csv", 3, "jonas.weber@example.org", datetime(2024, 12, 19, 18, 30), "in_person"),
        ("journal.xlsx/2025.csv", 2, "aylin demir", datetime(2025, 3, 2), "call"),
        ("journal.xlsx/2025.csv", 4, "lena vogel", datetime(2025, 6, 14), "in_person"),  # the sheet's row 4
    ]
    refused, = [q for q in records if isinstance(q, Quarantined)]
    assert (refused.member, refused.line, refused.reason) == ("journal.xlsx/2025.csv", 5, "date: missing")
    notes = {n.member: n for n in records if isinstance(n, MemberNote)}
    assert (notes["journal.xlsx/Notes.csv"].handling, notes["journal.xlsx/Notes.csv"].note) == (
        "unknown", "a sheet of the journal's workbook without the journal's header (date, name, …): not read")
    assert_nothing_lost(records)


def test_the_journal_workbook_in_an_inbox_beside_a_calendar_is_read_and_its_other_sheet_advised(unsocial, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(JOURNAL, inbox)
    shutil.copy(fixture("calendar", "apple-2024", "Arbeit.ics"), inbox)
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", inbox, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        journal = con.execute("select records_read, records_loaded, records_quarantined from ingested_exports "
                              "where source = 'journal'").fetchall()
        advice = con.execute("select what_to_do from not_read where member = 'journal.xlsx/Notes.csv'").fetchall()
    assert journal == [(5, 4, 1)]
    assert advice == [("if this sheet lists meetings, calls or meals, give its first row the journal's header "
                       "(date, name, email, phone, kind, note); else nothing to do",)]


def test_connections_saved_again_as_a_workbook_are_read_as_the_csv(tmp_path):
    # Excel turned "05 Mar 2024" into date cells and kept LinkedIn's Notes preamble in the first rows
    folder = fixture("linkedin", "2024-connections-xlsx")
    for export in (Export(folder), Export(zip_folder(folder, tmp_path / "x.zip")), Export(folder / "Connections.xlsx")):
        records = parse(export)
        accounts = {a.account_ref: (a.company, a.connected_at.date().isoformat()) for a in records
                    if isinstance(a, Account)}
        assert accounts == {"https://www.linkedin.com/in/jonas-weber-4b1a2c": ("Fahrwerk GmbH", "2024-03-05"),
                            "https://www.linkedin.com/in/aylindemir": ("Mainkai AG", "2023-11-21"),
                            "https://www.linkedin.com/in/lena-vogel-90a1b2": (None, "2022-02-02")}
        assert_nothing_lost(records)


def test_xingexport_contacts_are_read_with_the_profile_behind_their_link():
    records = parse(Export(fixture("xing", "xingexport-2023")))
    assert {(a.display_name, a.profile_url, a.company) for a in records if isinstance(a, Account)} == {
        ("Lukas Berger", "https://www.xing.com/profile/lukas_berger12", "Fahrwerk GmbH"),
        ("Birgit Klein", "https://www.xing.com/profile/birgit_klein3", "Mainkai AG"),
        ("Deniz Yılmaz", "https://www.xing.com/profile/deniz_yilmaz7", None)}


def test_a_damaged_workbook_given_alone_is_one_line_error(unsocial, tmp_path):
    broken = tmp_path / "journal.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    result = unsocial("ingest", broken, "--db", tmp_path / "u.duckdb")
    assert result.code == 1
    assert "not a workbook Excel can open" in result.err and "save it again as .xlsx or .csv" in result.err
    assert "Traceback" not in result.err


def test_a_damaged_workbook_in_a_folder_is_a_file_not_read_beside_the_journal(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    shutil.copy(JOURNAL, folder)
    (folder / "old.xlsx").write_bytes(b"PK\x03\x04 not really")
    assert sorted(Export(folder).members()) == ["journal.xlsx/2024.csv", "journal.xlsx/2025.csv",
                                                "journal.xlsx/Notes.csv", "old.xlsx"]


def test_a_workbook_past_the_cell_limit_is_refused_as_a_bomb(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_CELLS", 10)
    with pytest.raises(UnsafeArchiveError, match="more than 10 cells"):
        Export(JOURNAL).members()


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UNZIPPED", 4096)
    with pytest.raises(UnsafeArchiveError, match="MB unpacked"):
        Export(JOURNAL).members()


def test_a_workbook_attached_to_a_message_is_never_opened(tmp_path):
    thread = tmp_path / "export" / "messages" / "inbox" / "anna_1" / "files"
    thread.mkdir(parents=True)
    shutil.copy(JOURNAL, thread / "budget.xlsx")
    assert Export(tmp_path / "export").members() == ["messages/inbox/anna_1/files/budget.xlsx"]


@pytest.mark.parametrize("suffix, kind", [(".xls", "Excel 97-2003"), (".ods", "OpenDocument")])
def test_a_spreadsheet_of_another_kind_says_to_save_it_as_xlsx_or_csv(unsocial, tmp_path, suffix, kind):
    sheet = tmp_path / f"journal{suffix}"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0 an old workbook")
    result = unsocial("ingest", sheet, "--db", tmp_path / "u.duckdb")
    assert result.code == 1
    assert f"a spreadsheet of a kind this version does not read ({kind})" in result.err
