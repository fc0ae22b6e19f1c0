"""Shared helpers: fixture exports as folder or zip, and the real command line in-process."""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

# rich reads the terminal's width once, when the command line's console is made (at the first import of
# ingest.cli): set before any test imports it, so that no test's output depends on which test ran first
os.environ["COLUMNS"] = "200"

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
AS_OF = "2026-11-27"
# A calendar's single meetings count up to when its file was written where that is later than its stamps
# (sources/calendar/parsing.py, WRITTEN): the fixtures' files are dated back before any of their stamps, as if each
# had been exported at its stamps' time, so that no test depends on the day the repository was checked out. Tests of
# a file written later date a copy of it so.
FIXTURES_WRITTEN = 946_684_800  # 2000-01-01 00:00 UTC
for _folder, _, _files in os.walk(FIXTURES / "calendar"):
    for _name in _files:
        os.utime(Path(_folder) / _name, (FIXTURES_WRITTEN, FIXTURES_WRITTEN))


def fixture(*parts: str) -> Path:
    return FIXTURES.joinpath(*parts)


def assert_nothing_lost(records) -> None:
    """Every record read is loaded or quarantined, never both, never twice quarantined."""
    from ingest.models import Account, Interaction, MemberNote, Quarantined

    loaded = {(r.member, r.line) for r in records if isinstance(r, (Account, Interaction))}
    quarantined = [(q.member, q.line) for q in records if isinstance(q, Quarantined)]
    read = sum(n.records_read for n in records if isinstance(n, MemberNote))
    assert read == len(loaded) + len(quarantined)
    assert not loaded & set(quarantined) and len(set(quarantined)) == len(quarantined)


def zip_folder(folder: Path, target: Path) -> Path:
    """The zip form of a fixture folder, members at the zip root as the platforms ship them."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def parse(export) -> list:
    """Every record the source detected for the export yields, column batches expanded."""
    from ingest.columns import Columns
    from ingest.sources import detect_source

    return [record for item in detect_source(export).parse(export)
            for record in (item.records() if isinstance(item, Columns) else [item])]


def forms(vintage: str, tmp_path: Path, platform: str = "linkedin") -> list:
    """The fixture as a folder and as the zip the platform sends."""
    from ingest.sources.archive import Export

    folder = fixture(platform, vintage)
    return [Export(folder), Export(zip_folder(folder, tmp_path / f"{vintage}.zip"))]


def ingested(unsocial, tmp_path: Path, vintage: str, query: str, *options: str) -> tuple[list, list]:
    """``unsocial ingest`` of a LinkedIn fixture, with no unknown file: the export's records read, loaded and
    quarantined, and the rows of ``query``."""
    import duckdb

    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("linkedin", vintage), "--db", db, "--owner", "marta", *options)
    assert result.code == 0, result.err
    assert "unknown file" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        exports = con.execute("select records_read, records_loaded, records_quarantined "
                              "from ingested_exports").fetchall()
        return exports, con.execute(query).fetchall()


def query(db: Path, sql: str) -> list[tuple]:
    """The rows of ``sql`` in the database file ``db``, opened read-only."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def ingest_as_marta(unsocial, tmp_path: Path, export: Path) -> Path:
    """``unsocial ingest`` of one export into a new database of owner "marta", which must succeed."""
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    return db


def ingest_written(unsocial, tmp_path: Path, relative: str, text: str) -> Path:
    """``unsocial ingest`` (owner "marta") of a folder holding one file, ``relative`` (``folder/name``) written from
    ``text`` in UTF-8; the database."""
    path = tmp_path / relative
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return ingest_as_marta(unsocial, tmp_path, path.parent)


def export_counts(db: Path) -> list[tuple]:
    """(source, records read, loaded, quarantined) of every export ingested, by source."""
    return query(db, "select source, records_read, records_loaded, records_quarantined from ingested_exports "
                     "order by 1")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return make_inbox(tmp_path)


def make_inbox(folder: Path) -> Path:
    """An inbox of owner "marta": the 2024 Complete export as a folder, the Basic one as a zip, a journal."""
    root = folder / "inboxes" / "marta"
    root.mkdir(parents=True)
    shutil.copytree(fixture("linkedin", "2024-complete"), root / "Complete_LinkedInDataExport_11-20-2026")
    zip_folder(fixture("linkedin", "2024-basic"), root / "Basic_LinkedInDataExport_11-19-2026.zip")
    shutil.copy(fixture("journal", "comma", "journal.csv"), root / "journal.csv")
    return root


class Result:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def unsocial(capsys, monkeypatch):
    """Run the installed entry point ``unsocial`` in-process; returns exit code, stdout and stderr."""
    from ingest.cli import main

    def run(*args: str) -> Result:
        monkeypatch.setattr(sys, "argv", ["unsocial", *map(str, args)])
        monkeypatch.setenv("COLUMNS", "200")
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def every_fixture(tmp_path_factory) -> Path:
    """A database of every fixture export, made once a run (``every_fixture.every_fixture_db``)."""
    from every_fixture import every_fixture_db

    return every_fixture_db(tmp_path_factory)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files marked ``long`` first. pytest-xdist hands each worker whole files (``--dist loadfile``), by default
    those of most tests first: the one test of Airflow standalone (a minute) came last, one worker running it while
    the other waited. The Makefile keeps this order (``--no-loadscope-reorder``)."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
