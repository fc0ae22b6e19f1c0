"""One database of every fixture export, parsed and loaded as ``unsocial ingest`` does, each export in the parts its
sources read (``split_export``): what tests/test_unread.py and tests/test_formats_doc.py check, made once a run.

The two test files built it each for itself, half a minute of work twice; under pytest-xdist the first worker that
asks builds it in the run's shared temporary folder while the other waits (a file lock), then both read it."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from conftest import FIXTURES
from ingest.errors import UnsocialError
from ingest.pipeline import Found, clean_work_dir, parse_export
from ingest.sources import detect_source, split_export
from ingest.sources.archive import Export
from ingest.store.database import connect, load_batches

OWNER = "marta"


def fixture_exports() -> list[Export]:
    """Every export among the fixtures: each vintage folder, or, where the vintage is a folder of
    single-file exports (a journal), each file in it. Paths are relative to the fixtures' root, so
    that the platform in ``xing/concatenated-4.0`` is the hint a user's folder name would give."""
    exports = []
    for vintage in sorted(p for p in FIXTURES.glob("*/*") if p.is_dir()):
        folder = Export(vintage, FIXTURES)
        if detect_source(folder) is not None:
            exports.append(folder)
            continue
        files = [Export(f, FIXTURES) for f in sorted(vintage.iterdir()) if f.is_file()]
        assert files and all(detect_source(f) for f in files), f"{folder.relative_path}: not read as an export"
        exports += files
    return exports


def every_fixture_db(tmp_path_factory) -> Path:
    """The database (``build``), made once a run: in this process, or shared by pytest-xdist's workers."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build(tmp_path_factory.mktemp("every"))
    shared = tmp_path_factory.getbasetemp().parent / "every-fixture"  # the run's folder, above each worker's
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "done").exists():
            shared.mkdir(exist_ok=True)
            build(shared)
            (shared / "done").touch()
    return shared / "u.duckdb"


def build(folder: Path) -> Path:
    parsed, failed = [], []
    for export in fixture_exports():
        try:
            parsed += [parse_export(Found(export.path, FIXTURES, source.NAME), OWNER, folder / "work", export=part)
                       for source, part in split_export(export)]
        except UnsocialError as exc:
            failed.append(exc.message())
    assert failed == []
    with connect(folder / "u.duckdb") as con:
        load_batches(con, OWNER, parsed)
    clean_work_dir(parsed)
    return folder / "u.duckdb"
