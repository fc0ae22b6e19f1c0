"""The Airflow tasks' side of the pipeline: each function is one task, JSON in and JSON out.

They wrap ``ingest.pipeline`` so that the DAG file stays a few lines of wiring, and log counts
and file names only: task logs never see a contact's data.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

from .batches import ParsedExport
from .database import connect, load_batches
from .errors import UnsocialError
from .pipeline import (Found, clean_work_dir, discover_exports, loaded_exports, marts_step, owner_of,
                       parse_export, resolve_step, work_dir_of)
from .reports import write_reports

log = logging.getLogger("unsocial")


def discover_pending(inbox: str, db: str) -> list[dict]:
    """The exports in the inbox that are new or changed since they were last loaded."""
    os.umask(0o077)
    inbox_path = Path(inbox)
    discovery = discover_exports(inbox_path, loaded_exports(Path(db), owner_of(inbox_path)))
    for path in discovery.unrecognised:
        log.warning("not a recognised export, ignored: %s", path)
    pending = [f for f in discovery.found if not f.unchanged]
    log.info("%d exports found, %d new or changed", len(discovery.found), len(pending))
    return ([{"path": str(f.path), "inbox": str(f.inbox), "source": f.source} for f in pending]
            + [{"error": exc.message()} for exc in discovery.failed])


def parse_pending(item: dict, db: str) -> dict:
    """Parse one export to Parquet; an unreadable one is reported, not retried (it will not get better)."""
    os.umask(0o077)
    if "error" in item:  # found unreadable by discover: passed on to the run's summary
        return item
    found = Found(Path(item["path"]), Path(item["inbox"]), item["source"])
    try:
        return parse_export(found, owner_of(found.inbox), work_dir_of(Path(db))).to_json()
    except UnsocialError as exc:
        log.error("%s", exc.message())
        return {"error": exc.message()}


def load_parsed(inbox: str, db: str, results: list[dict]) -> list[str]:
    """The single writer: load every parsed export, drop exports gone from the inbox. Returns the errors."""
    os.umask(0o077)
    parsed = [ParsedExport.from_json(r) for r in results if r and "error" not in r]
    present = [f.export.relative_path for f in discover_exports(Path(inbox)).found]
    with connect(Path(db)) as con:
        load_batches(con, owner_of(Path(inbox)), parsed, present=present)
    clean_work_dir(parsed)
    for export in parsed:
        log.info("loaded %s: %d read = %d loaded + %d quarantined", export.export_path, export.read,
                 export.loaded, export.quarantined)
    return [r["error"] for r in results if r and "error" in r]


def resolve(db: str, overrides: str | None = None) -> bool:
    with connect(Path(db)) as con:
        return resolve_step(con, Path(overrides) if overrides else None)


def build_marts(db: str, as_of: str, force: bool) -> bool:
    with connect(Path(db)) as con:
        return marts_step(con, date.fromisoformat(as_of), force=force)


def report(db: str, reports: str) -> list[str]:
    with connect(Path(db)) as con:
        return [str(p) for p in write_reports(con, Path(reports))]
