"""``unsocial ingest`` of a folder or zip holding several whole exports side by side: each is read by its source,
as ``unsocial run`` reads the exports of an inbox (``sources.split_export``, docs/formats.md, "Several sources in
one folder or zip").

Before, the platform detected first took the whole Downloads folder (a Facebook export folder, ``LinkedIn Export
(1).zip``, a Google Takeout zip and a journal CSV): LinkedIn's 24 records were read, every Facebook file and the
Takeout's cards were "the owner's own data, no other person", the journal an unknown LinkedIn file, and 46 of 70
records were lost with "nothing to do". The same folder zipped (a zip of zips) lost the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import export_counts, fixture, ingest_as_marta as ingest, query, zip_folder
from ingest.sources import split_export
from ingest.sources.archive import Export

BUNDLE = fixture("mixed", "downloads-bundle-2026")
FACEBOOK, LINKEDIN, TAKEOUT, JOURNAL = ("facebook-märta-2026", "LinkedIn Export (1).zip",
                                        "takeout-20260301T101010Z-001.zip", "Kontakt-Tagebuch.csv")
# the entry at the bundle's top that each source reads
ENTRY = {"facebook": FACEBOOK, "linkedin": LINKEDIN, "calendar": TAKEOUT, "addressbook": TAKEOUT, "journal": JOURNAL}
UNREAD_FILE = "Rechnung_2026-03.pdf"  # a download of no export: listed once, as an unknown file


def as_form(form: str, tmp_path: Path) -> Path:
    return BUNDLE if form == "folder" else zip_folder(BUNDLE, tmp_path / "Downloads.zip")


def each_alone(unsocial, tmp_path: Path, *entries: str) -> list[tuple]:
    """(source, read, loaded, quarantined) of the bundle's exports (all, or ``entries``), each given to ``unsocial
    ingest`` alone."""
    db = tmp_path / "alone.duckdb"
    result = unsocial("ingest", *(BUNDLE / entry for entry in entries or dict.fromkeys(ENTRY.values())), "--db", db,
                      "--owner", "marta")
    assert result.code == 0, result.err
    return export_counts(db)


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_downloads_folder_of_four_exports_reads_each_as_alone(unsocial, tmp_path, form):
    db = ingest(unsocial, tmp_path, as_form(form, tmp_path))
    assert export_counts(db) == each_alone(unsocial, tmp_path)
    name = BUNDLE.name if form == "folder" else "Downloads.zip"
    assert query(db, "select source, export_path from ingested_exports order by 1") == [
        (source, f"{name}#{source}") for source in sorted(ENTRY)]


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_no_export_s_files_are_filed_under_another_source(unsocial, tmp_path, form):
    """Every file not read is its own export's, and the one file of no export is listed once."""
    db = ingest(unsocial, tmp_path, as_form(form, tmp_path))
    rows = query(db, "select source, member, handling from not_read order by all")
    assert [(source, handling) for source, member, handling in rows if member == UNREAD_FILE] == [
        ("linkedin", "unknown")]
    assert all(member.split("/", 1)[0] == ENTRY[source] for source, member, _ in rows if member != UNREAD_FILE)
    assert not [row for row in rows if "own data" in str(row) or row[1] == JOURNAL and row[2] != "quarantined"]


def test_the_bundle_is_split_by_export_and_the_takeout_by_product():
    parts = {source.NAME: part.members() for source, part in split_export(Export(BUNDLE))}
    assert sorted(parts) == sorted(ENTRY)
    assert parts["calendar"] == [f"{TAKEOUT}/Takeout/Calendar/marta@example.se.ics",
                                 f"{TAKEOUT}/Takeout/archive_browser.html"]
    assert parts["journal"] == [JOURNAL]
    assert all(member.startswith(f"{FACEBOOK}/") for member in parts["facebook"])


def test_a_facebook_folder_beside_a_journal_gives_the_journal_its_rows(unsocial, tmp_path):
    folder = tmp_path / "Unterlagen"
    shutil.copytree(BUNDLE / FACEBOOK, folder / FACEBOOK)
    shutil.copy(BUNDLE / JOURNAL, folder)
    db = ingest(unsocial, tmp_path, folder)
    assert export_counts(db) == each_alone(unsocial, tmp_path, FACEBOOK, JOURNAL)


def test_an_export_alone_in_a_folder_or_beside_an_unknown_file_reads_as_before(unsocial, tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    shutil.copy(BUNDLE / LINKEDIN, folder)
    shutil.copy(BUNDLE / UNREAD_FILE, folder)
    assert split_export(Export(folder))[0][1].label is None
    db = ingest(unsocial, tmp_path, folder)
    assert query(db, "select source, export_path from ingested_exports") == [("linkedin", "Downloads")]


def test_an_inbox_holding_the_bundle_zipped_reads_it_the_same_and_once(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    zip_folder(BUNDLE, inbox / "Downloads.zip")
    db, reports = tmp_path / "run.duckdb", tmp_path / "reports"
    first = unsocial("run", inbox, "--db", db, "--reports", reports)
    assert first.code == 0, first.err
    assert export_counts(db) == each_alone(unsocial, tmp_path)
    again = unsocial("run", inbox, "--db", db, "--reports", reports)
    assert again.code == 0 and again.out.count("unchanged") == len(ENTRY)


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_the_bundle_kept_one_folder_deeper_reads_each_export_as_alone(unsocial, tmp_path, form):
    """Desktop/exports/<the downloads>, given as Desktop (or zipped as it is): before, LinkedIn's zip sat at
    exports/<zip>/ where LinkedIn looks no deeper than one folder, Facebook took it, and its 24 records were "the
    owner's own data, no other person"."""
    desktop = tmp_path / "Desktop"
    shutil.copytree(BUNDLE, desktop / "exports")
    db = ingest(unsocial, tmp_path, desktop if form == "folder" else zip_folder(desktop, tmp_path / "Desktop.zip"))
    assert export_counts(db) == each_alone(unsocial, tmp_path)
    assert not query(db, "select member from not_read where handling = 'ignored' and source = 'facebook' "
                         f"and member like '%{LINKEDIN}%'")


def test_a_file_of_no_known_kind_in_a_linkedin_zip_with_a_top_folder_is_told_unknown(unsocial, tmp_path):
    """Zipped with its folder (Basic_LinkedInDataExport_01-01-2025/…), an unknown CSV at the export's own root was
    "the owner's own data" (nothing to do) instead of an unknown file to report."""
    folder = tmp_path / "zipped" / "Basic_LinkedInDataExport_01-01-2025"
    shutil.copytree(fixture("linkedin", "2024-complete"), folder)
    db = ingest(unsocial, tmp_path, zip_folder(folder.parent, tmp_path / "li.zip"))
    assert query(db, "select handling from raw_members where member like '%Mystery_Feature.csv'") == [("unknown",)]
