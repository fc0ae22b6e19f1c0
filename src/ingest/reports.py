"""The reports, one folder per owner, readable by the owner only: a CSV file per public view of
the rules, one of what the exports held that was not read (``not_read.csv``), and ``summary.html``.

CSV: UTF-8 with a header, the view's column order without ``owner_id``, one row per contact (in
``not_read.csv``: per file not read and per file and reason of records refused),
dates in ISO form (``2025-06-14``, or ``2025-06-14 09:15:00`` when there is a time), lists joined
with ``;``, booleans as ``true``/``false``, text that a spreadsheet would take for a formula (it starts
with ``=``, ``+``, ``-`` or ``@``) behind a ``'``. A report is rewritten only when its content changed, so
an unchanged re-run leaves the files (and their modification times) as they were.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import duckdb

from .errors import UnsocialError

# Report name → the public view it is drawn from. Column order is the view's.
REPORTS = {
    "contacts.csv": "contacts",
    "no_offline.csv": "no_offline",
    "follow_up.csv": "follow_up",
    "core_circle.csv": "core_circle",
    "unanswered.csv": "unanswered",
    "reciprocity.csv": "reciprocity",
    "tenure.csv": "tenure",
    "unmatched_offline.csv": "unmatched_offline",
    "match_review.csv": "match_review",
    "not_read.csv": "not_read",
}
SUMMARY = "summary.html"
# First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_reports(con: duckdb.DuckDBPyConnection, reports_dir: Path, refresh: bool = True,
                  owners: Iterable[str] | None = None) -> list[Path]:
    """Write every report for every owner (or for these ``owners`` only); returns the files that now exist.

    With ``refresh=False`` (the marts did not change) only missing reports are written.
    """
    written, wanted = [], None if owners is None else set(owners)
    for (owner_id,) in con.execute("select distinct owner_id from ingested_exports order by 1").fetchall():
        if wanted is not None and owner_id not in wanted:
            continue
        folder = reports_dir / safe_name(owner_id)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        for name, view in REPORTS.items():
            path = folder / name
            if refresh or not path.exists():
                write_if_changed(path, render_csv(con, view, owner_id))
            written.append(path)
        written.append(_write_summary(con, owner_id, folder / SUMMARY, refresh))
    return written


def _write_summary(con: duckdb.DuckDBPyConnection, owner_id: str, path: Path, refresh: bool) -> Path:
    from .summary import render_summary

    if refresh or not path.exists():
        write_if_changed(path, render_summary(con, owner_id, list(REPORTS)))
    return path


def render_csv(con: duckdb.DuckDBPyConnection, view: str, owner_id: str) -> bytes:
    """One view's rows of one owner as CSV (the view's own order)."""
    result = con.execute(f"select * exclude (owner_id) from {view} where owner_id = ?", [owner_id])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column[0] for column in result.description])
    writer.writerows([_cell(value) for value in row] for row in result.fetchall())
    return buffer.getvalue().encode("utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds") if value.time() != datetime.min.time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return _text(";".join(map(str, value)))
    if isinstance(value, bool):
        return "true" if value else "false"
    return _text(value) if isinstance(value, str) else str(value)


def _text(value: str) -> str:
    """Text that a spreadsheet would run as a formula (a name written ``=HYPERLINK(…)``) gets a leading ``'``."""
    return f"'{value}" if value[:1] in FORMULA_STARTS else value


def write_if_changed(path: Path, content: bytes) -> Path:
    """Atomically replace ``path`` with owner-only permissions, unless it already holds ``content``."""
    if path.exists() and path.read_bytes() == content:
        return path
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:  # disk full, read-only folder: the earlier report stays as it was
        raise UnsocialError(path, f"could not write the report ({exc.strerror or exc.__class__.__name__})",
                            "free some disk space or pass another --reports folder, then run again") from None
    finally:
        temporary.unlink(missing_ok=True)
    return path


def safe_name(owner_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", owner_id) or "owner"
