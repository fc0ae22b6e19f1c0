"""The reports, one folder per owner, readable by the owner only: a CSV file per public view of
the rules, one of what the exports held that was not read (``not_read.csv``), and ``summary.html``.

CSV: UTF-8 with a header, the view's column order without ``owner_id``, one row per contact (in
``not_read.csv``: per file not read and per file and reason of records refused),
dates in ISO form (``2025-06-14``, or ``2025-06-14 09:15:00`` when there is a time), lists joined
with ``;``, booleans as ``true``/``false``, text that a spreadsheet would take for a formula (it starts
with ``=``, ``+``, ``-`` or ``@``) behind a ``'``. A report is rewritten only when its content changed, so
an unchanged re-run leaves the files (and their modification times) as they were.

A report never replaces a file this tool did not write: each owner's folder keeps a manifest
(``.unsocial-manifest.json``) of the files written there with their SHA-256, and a file present that
the manifest does not list with its current content is refused, named, before anything is written.
``--reports`` pointed at an inbox (``inboxes/<owner>/contacts.csv`` is a Google Contacts export) or at a
folder of one's own is refused so, and a reports folder and an inbox may not lie one inside the other.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import stat
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

import duckdb

from ..errors import InvalidOwnerError, UnsocialError
from ..sources.owners import RULE, is_owner_id

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
MANIFEST = ".unsocial-manifest.json"
# First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_reports(con: duckdb.DuckDBPyConnection, reports_dir: Path, refresh: bool = True,
                  owners: Iterable[str] | None = None, inboxes: Sequence[Path] = ()) -> list[Path]:
    """Write every report for every owner (or for these ``owners`` only); returns the files that now exist.

    With ``refresh=False`` (the marts did not change) only missing reports are written. ``inboxes``:
    folders the reports folder must stay apart from (``check_apart``).
    """
    check_apart(reports_dir, inboxes)
    written, wanted = [], None if owners is None else set(owners)
    for (owner_id,) in con.execute("select distinct owner_id from ingested_exports order by 1").fetchall():
        if wanted is not None and owner_id not in wanted:
            continue
        folder = owner_folder(reports_dir, owner_id)
        manifest = claim_folder(folder)
        contents = {name: render_csv(con, view, owner_id) for name, view in REPORTS.items()
                    if refresh or not (folder / name).exists()}
        if refresh or not (folder / SUMMARY).exists():
            contents[SUMMARY] = _render_summary(con, owner_id)
        _write_owned(folder, manifest, contents)
        written += [folder / name for name in (*REPORTS, SUMMARY)]
    return written


def _render_summary(con: duckdb.DuckDBPyConnection, owner_id: str) -> bytes:
    from .summary import render_summary

    return render_summary(con, owner_id, list(REPORTS))


def check_reports_folder(reports_dir: Path, owner_id: str, inboxes: Sequence[Path] = ()) -> None:
    """Refuse, before a run reads or writes anything, a reports folder where its reports could not be
    written: inside an inbox or around one, or holding a file of a report's name this tool did not write."""
    check_apart(reports_dir, inboxes)
    folder = owner_folder(reports_dir, owner_id)
    check_can_make(folder, "--reports")
    manifest = _manifest_of(folder)
    for name in (*REPORTS, SUMMARY):
        _check_ours(folder / name, manifest)


def check_apart(reports_dir: Path, inboxes: Sequence[Path]) -> None:
    """A reports folder may not lie inside an inbox, nor an inbox inside it: a report would replace an
    export (``--reports inboxes`` writes ``inboxes/<owner>/contacts.csv``), or become one."""
    reports = Path(reports_dir).resolve()
    for inbox in map(lambda p: Path(p).resolve(), inboxes):
        if reports == inbox or reports.is_relative_to(inbox) or inbox.is_relative_to(reports):
            where = "is" if reports == inbox else "lies inside" if reports.is_relative_to(inbox) else "holds"
            raise UnsocialError(reports_dir, f"the reports folder {where} the inbox {inbox}",
                                "pass a --reports folder apart from your inboxes")


def owner_folder(reports_dir: Path, owner_id: str) -> Path:
    """``<reports>/<owner>``: an owner id names a folder only if it is one by ``ingest.sources.owners``' rule."""
    if not is_owner_id(owner_id):
        raise InvalidOwnerError(reports_dir, f"the database holds an owner id that is not valid ({RULE}): "
                                f"{owner_id[:70]!r}", "load that owner's exports again under a valid --owner")
    return Path(reports_dir) / owner_id


def check_can_make(folder: Path, option: str) -> None:
    """Refuse a folder that cannot be made, or written where it is there, before a long run: a file given as
    ``--reports`` (or as a folder above it) or a read-only folder once ended a finished run with a traceback."""
    existing = Path(folder)
    while not os.path.lexists(existing):
        existing = existing.parent
    if not existing.is_dir():
        what = "a file, not a folder" if existing.is_file() else "not a folder"
        raise UnsocialError(existing, f"is {what}", f"pass another {option} folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UnsocialError(existing, "cannot be written (read-only, or not this user's to write)",
                            f"let this user write it or pass another {option} folder")


def claim_folder(folder: Path) -> dict[str, list[str]]:
    """The owner's report folder, made (owner-only) if missing, with its manifest: file name → SHA-256
    of what this tool wrote there. Only a folder that is this tool's is ever chmod-ed."""
    check_can_make(folder, "--reports")  # `report` and `forget` come here without `run`'s early check
    manifest = _manifest_of(folder)
    try:
        if manifest is None:
            folder.mkdir(parents=True, mode=0o700)
            manifest = {}
        os.chmod(folder, 0o700)
    except OSError as exc:  # made unwritable since the check, or a file system that refuses
        raise UnsocialError(folder, f"cannot be made or written ({exc.strerror or exc.__class__.__name__})",
                            "pass another --reports folder") from None
    _save_manifest(folder, manifest)
    return manifest


def _manifest_of(folder: Path) -> dict[str, list[str]] | None:
    """The folder's manifest; None when there is no folder; an empty folder, or one written by a version
    before manifests (report files only, with its summary page), gets one; any other folder is refused."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UnsocialError(folder, "is not a folder of reports (a link or a file)",
                            "move it away or pass another --reports folder")
    if not folder.exists():
        return None
    path = folder / MANIFEST
    if path.is_file() and not path.is_symlink():
        try:
            files = json.loads(path.read_bytes())["files"]
            return {str(name): [str(h) for h in hashes] for name, hashes in files.items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            raise UnsocialError(path, "damaged", "move the folder's reports away and delete it") from None
    return _adopted(folder)


def _adopted(folder: Path) -> dict[str, list[str]]:
    """A folder without a manifest is this tool's if it holds nothing but report files and the summary
    page made by an earlier version, or nothing at all; else its first foreign file is named."""
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    summary = folder / SUMMARY
    ours = summary.is_file() and not summary.is_symlink() and b"<title>unsocial: " in summary.read_bytes()[:4096]
    for path in files:
        if not (ours and path.name in (*REPORTS, SUMMARY) and path.is_file() and not path.is_symlink()):
            raise UnsocialError(path, f"not written by unsocial (no {MANIFEST} in its folder)",
                                "move it away or pass another --reports folder")
    return {path.name: [_digest(path.read_bytes())] for path in files}


def _check_ours(path: Path, manifest: dict[str, list[str]] | None) -> None:
    """A file about to be replaced must hold what this tool wrote there."""
    if not os.path.lexists(path):
        return
    if manifest is None or path.name not in manifest or path.is_symlink() or not path.is_file():
        raise UnsocialError(path, "not written by unsocial", "move it away or pass another --reports folder")
    if _digest(path.read_bytes()) not in manifest[path.name]:
        raise UnsocialError(path, "changed since unsocial wrote it", "move it away to keep it, then run again")


def _write_owned(folder: Path, manifest: dict[str, list[str]], contents: dict[str, bytes]) -> None:
    """Write reports over files this tool wrote only. The manifest first lists both the old and the new
    content of every file about to change, so that a run killed between two files leaves each of them
    recognised; then the files; then the manifest of what is there now."""
    for name in contents:
        _check_ours(folder / name, manifest)
    hashes = {name: _digest(content) for name, content in contents.items()}
    pending = {**manifest, **{name: sorted({*manifest.get(name, []), digest}) for name, digest in hashes.items()}}
    _save_manifest(folder, pending)
    for name, content in contents.items():
        write_if_changed(folder / name, content)
    _save_manifest(folder, {**manifest, **{name: [digest] for name, digest in hashes.items()}})


def _save_manifest(folder: Path, files: dict[str, list[str]]) -> None:
    document = {"written_by": "unsocial", "files": dict(sorted(files.items()))}
    write_if_changed(folder / MANIFEST, (json.dumps(document, indent=1) + "\n").encode())


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


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
    """Text that a spreadsheet would run as a formula (a name written ``=HYPERLINK(…)``) gets a leading ``'``.

    A CR is written as a newline: the csv module quotes a field only for the line terminator's own
    characters (``\\n``), so a bare CR would go out unquoted and cut the row in two for every reader."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return f"'{value}" if value[:1] in FORMULA_STARTS else value


REPORT_ADVICE = "free some disk space or pass another --reports folder, then run again"


def write_if_changed(path: Path, content: bytes, what: str = "the report", advice: str = REPORT_ADVICE) -> Path:
    """Atomically replace ``path`` with owner-only permissions, unless it already holds ``content``.

    ``what`` and ``advice`` word the error for a file that is no report (``unsocial sql --out``)."""
    if _holds(path, content):
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
        raise UnsocialError(path, f"could not write {what} ({exc.strerror or exc.__class__.__name__})",
                            advice) from None
    finally:
        with contextlib.suppress(OSError):  # on a read-only file system the unlink fails too, and hid the error
            temporary.unlink(missing_ok=True)
    return path


def _holds(path: Path, content: bytes) -> bool:
    """``path`` is a regular file (a link is not followed) holding ``content``; it is then made owner-only
    too, as it would be written: a copy or an earlier version may have left it readable to others."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:  # missing, or a link
        return False
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode) or handle.read(len(content) + 1) != content:
            return False
        os.fchmod(fd, 0o600)
    return True

