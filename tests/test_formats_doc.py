"""docs/formats.md, the catalogue of real export shapes, is true: every fixture it names exists, and
every shape it calls read is read by the pipeline with the fixture's records reconciled."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

from conftest import FIXTURES
from ingest.sources import detect_source, split_export
from ingest.sources.archive import Export

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "formats.md"
HEADER = ["Shape", "Where seen", "Fixture", "Status"]
SECTIONS = {"Facebook": "facebook", "Twitter / X": "twitter", "LinkedIn": "linkedin", "XING": "xing",
            "Calendar": "calendar", "Address book": "addressbook", "Journal": "journal",
            "Phone call logs": "calls", "Several sources in one folder or zip": "mixed"}
OWNER = "marta"


def doc_rows() -> list[dict]:
    """The rows of every table, each with the section (platform) it is under."""
    rows, section, header = [], None, None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section, header = line[3:].strip(), None
        elif line.startswith("|") and header is None:
            header = _cells(line)
        elif line.startswith("|") and not set(line) <= set("|-: "):
            rows.append({"section": section, **dict(zip(header, _cells(line)))})
    return rows


def _cells(line: str) -> list[str]:
    # a cell never holds a "|": shapes are written with backquotes, not with pipes
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def fixture_of(row: dict) -> Path:
    match = re.match(r"`(tests/fixtures/exports/[^`]+)`", row["Fixture"])
    assert match, f"no fixture path in: {row['Shape'][:60]}"
    return ROOT / match.group(1)


def export_of(path: Path) -> Export:
    """The export a fixture belongs to: its vintage folder, or the file itself where the vintage is a
    folder of single-file exports (a journal). Relative to the fixtures' root, as an inbox names them."""
    vintage = FIXTURES.joinpath(*path.relative_to(FIXTURES).parts[:2])
    return vintage_export(vintage) or single_export(path)


@cache
def vintage_export(vintage: Path) -> Export | None:
    """The vintage folder as one export, when a source recognises it (told once: hundreds of rows share a vintage)."""
    folder = Export(vintage, FIXTURES)
    return folder if detect_source(folder) is not None else None


@cache
def single_export(path: Path) -> Export:
    return Export(path, FIXTURES)


_SOURCES: dict[Path, ModuleType] = {}
_PARTS: dict[Path, list[tuple[ModuleType, Export]]] = {}


def source_of(export: Export) -> ModuleType:
    """``detect_source`` of a whole export (a vintage folder or a file), told once."""
    if export.path not in _SOURCES:
        _SOURCES[export.path] = detect_source(export)
    return _SOURCES[export.path]


def parts_of(export: Export) -> list[tuple[ModuleType, Export]]:
    """``split_export`` of a whole export, worked out once."""
    if export.path not in _PARTS:
        _PARTS[export.path] = split_export(export)
    return _PARTS[export.path]


ROWS = doc_rows()
READ = [r for r in ROWS if r["Status"].startswith("read")]


def test_the_catalogue_is_complete_enough():
    assert all(list(r)[1:] == HEADER for r in ROWS)
    assert {r["section"] for r in ROWS} == set(SECTIONS)
    assert len(ROWS) >= 30 and len(READ) >= 30
    assert [r["Shape"][:40] for r in ROWS if not r["Where seen"]] == []
    assert [r["Status"] for r in ROWS if not re.match(r"(read( \(|, no people|$)|not read yet: )", r["Status"])] == []


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["Fixture"].strip("`").removeprefix("tests/fixtures/exports/"))
def test_every_fixture_named_exists_under_its_platform(row):
    path = fixture_of(row)
    assert path.exists(), path
    assert path.relative_to(FIXTURES).parts[0] == SECTIONS[row["section"]]


@pytest.fixture(scope="module")
def catalogue_db(every_fixture) -> duckdb.DuckDBPyConnection:
    """Every fixture export, the rows marked read among them, parsed and loaded as ``unsocial ingest`` does
    (``every_fixture``)."""
    con = duckdb.connect(str(every_fixture), read_only=True)
    yield con
    con.close()


def member_counts(con, export: Export, member: str | None) -> tuple[int, int, int, str | None]:
    """Records read, loaded (distinct file and line of the rows that reached the database) and
    quarantined, of one member of an export or of the whole export; and how the member was handled."""
    # a member may be a zip inside the export (one part of a Takeout in several): its members are counted
    where = "export_path = $1" + (" and (member = $2 or starts_with(member, $2 || '/'))" if member else "")
    args = [export.relative_path, *([member] if member else [])]
    read, handling = con.execute(f"select sum(records_read), string_agg(distinct handling, ',') from raw_members "
                                 f"where {where}", args).fetchone()
    loaded = con.execute(f"""select count(*) from (
        select member, line from raw_accounts where {where}
        union select member, line from raw_interactions where {where})""", args).fetchone()[0]
    quarantined = con.execute(f"select count(*) from raw_quarantine where {where}", args).fetchone()[0]
    return read or 0, loaded, quarantined, handling


def part_of(export: Export, member: str | None) -> Export:
    """The part of the export that reads the member (``split_export``): the whole export mostly."""
    parts = [part for _, part in parts_of(export)]
    return next((p for p in parts if member is None or any(m == member or m.startswith(f"{member}/")
                                                           for m in p.members())), parts[0])


@pytest.mark.parametrize("row", READ, ids=lambda r: r["Fixture"].strip("`").removeprefix("tests/fixtures/exports/"))
def test_every_shape_marked_read_is_read_and_reconciles(catalogue_db, row):
    path = fixture_of(row)
    export = export_of(path)
    member = path.relative_to(export.path).as_posix() if path != export.path and export.kind != "file" else None
    if SECTIONS[row["section"]] == "mixed":  # several sources' files in one folder: each read by its own
        assert len(parts_of(export)) > 1
    else:
        assert source_of(export).NAME == SECTIONS[row["section"]]
    read, loaded, quarantined, handling = member_counts(catalogue_db, part_of(export, member), member)
    assert read == loaded + quarantined
    if row["Status"].startswith("read, no people"):
        assert (read, handling) == (0, "no_people")
    else:
        assert read >= 1 and "parsed" in handling.split(",")
