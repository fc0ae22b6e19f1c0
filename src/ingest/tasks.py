"""The Airflow tasks' side of the pipeline: each function is one task, JSON in and JSON out.

A team's inboxes lie under one root, one folder per owner (``<root>/<owner>/``). A run lists the
owners, scans each owner's inbox for new or changed exports, parses them anywhere (in parallel,
Parquet batches only), and loads them from one process, the single writer of the DuckDB file.
An owner's trouble is data, not an exception: it travels to the run summary, and the other owners
go on. Logs carry counts, owner ids and file names only, never a contact's data.
"""

from __future__ import annotations

import logging
import os
import traceback
from datetime import date
from pathlib import Path

import duckdb

from .errors import DatabaseBusyError, UnsocialError
from .identity.overrides import inbox_overrides
from .pipeline import (Found, as_read_now, discover_exports, loaded_exports_by_owner, marts_step, parse_export,
                       export_fate_lines, overrides_step, resolve_step, settle_exports, size_of, unread_files,
                       work_dir_of)
from .reports.files import check_apart, write_reports
from .reports.not_read import not_read_rows, summary_lines
from .sources.owners import check_owner_id, owner_inboxes, owner_of
from .store.batches import ParsedExport, clear_stale_batches, remove_batches
from .store.database import connect, load_batches, record_unread

log = logging.getLogger("unsocial")

# Work is handed to mapped tasks in groups of about equal size. Measured (bench/results/team_scale.md):
# a task costs Airflow about 2 s before it does anything (a process, the DAG file, our imports), and
# parsing gets through about 2 MB of zipped export per second. So a parse task gets about
# UNSOCIAL_PARSE_TASK_MB of exports and a scan task (hashing) about a gigabyte of inboxes, but there
# are at least UNSOCIAL_MIN_TASKS of them while there are items (every worker busy) and at most
# UNSOCIAL_MAX_TASKS (Airflow maps at most [core] max_map_length = 1024).
MIN_TASKS = int(os.environ.get("UNSOCIAL_MIN_TASKS", 4))
MAX_TASKS = int(os.environ.get("UNSOCIAL_MAX_TASKS", 512))
PARSE_TASK_BYTES = int(os.environ.get("UNSOCIAL_PARSE_TASK_MB", 32)) * 2**20
SCAN_TASK_BYTES = 2**30


def batches_dir(db: str) -> Path:
    """Where parsed batches wait for the loader: ``$UNSOCIAL_BATCHES`` if set, else beside the database.

    When parsing is spread over hosts this must be storage that every worker and the loader mount
    at the same path: batch folders travel between tasks as absolute paths.
    """
    configured = os.environ.get("UNSOCIAL_BATCHES")
    return Path(configured) if configured else work_dir_of(Path(db))


def check_inboxes(inboxes: str) -> Path:
    """The inboxes root, or an error that names it and says what to do."""
    root = Path(inboxes)
    advice = "create it with one folder per owner (<root>/<owner>/), or set the `inboxes` param or UNSOCIAL_INBOXES"
    if not root.is_absolute():
        raise UnsocialError(root, "the inboxes folder must be an absolute path", advice)
    if not root.exists():
        raise UnsocialError(root, "no such inboxes folder", advice)
    if not root.is_dir():
        raise UnsocialError(root, "not a folder", "pass the folder that holds one folder per owner")
    if not os.access(root, os.R_OK | os.X_OK):
        raise UnsocialError(root, "the inboxes folder cannot be read", "let the Airflow user read it")
    return root


def list_owners(inboxes: str, db: str, only: list[str] | None = None, message_text: bool = False,
                reports: str | None = None) -> list[list[dict]]:
    """Every owner under the inboxes root (or those named in ``only``) with what is loaded for each,
    in groups for the scan tasks. An export whose message text was kept otherwise than ``message_text``
    says counts as changed (``pipeline.as_read_now``). A ``reports`` folder that overlaps the inboxes
    root is refused: reports must never land among the exports, nor exports among the reports."""
    os.umask(0o077)
    root = check_inboxes(inboxes)
    clear_stale_batches(batches_dir(db))  # the first task of a run: batches there were left by earlier runs
    if reports:
        check_apart(Path(reports), [root])
    found = owner_inboxes(root)
    if not found:
        raise UnsocialError(root, "no owner folder here", "put each owner's exports into <root>/<owner>/")
    if only:
        only = [check_owner_id(owner, "owners param", "name owners by their folders under the inboxes root")
                for owner in only]
        missing = sorted(set(only) - set(found))
        if missing:
            raise UnsocialError(root, f"no folder for owner(s) {', '.join(missing)}",
                                "check the `owners` param against the folders under the inboxes root")
        found = {owner: found[owner] for owner in only}
    loaded = loaded_exports_by_owner(Path(db))
    owners = [_owner_entry(owner, folders, as_read_now(loaded.get(owner, {}), message_text))
              for owner, folders in sorted(found.items())]
    groups = group_by_size(owners, SCAN_TASK_BYTES)
    log.info("%d owners under %s, scanned in %d tasks", len(owners), root, len(groups))
    return groups


def group_by_size(items: list[dict], bytes_per_task: int) -> list[list[dict]]:
    """``items`` (each with its ``bytes``) in groups of about equal size, for mapped tasks: at least
    ``MIN_TASKS`` groups, about ``bytes_per_task`` each, at most ``MAX_TASKS``; the largest item goes
    into the lightest group first, and each group keeps the items' order."""
    if not items:
        return []
    count = min(len(items), MAX_TASKS, max(MIN_TASKS, -(-sum(i["bytes"] for i in items) // bytes_per_task)))
    groups: list[list[int]] = [[] for _ in range(count)]
    sizes = [0] * count
    for index in sorted(range(len(items)), key=lambda i: -items[i]["bytes"]):
        lightest = min(range(count), key=lambda g: (sizes[g], len(groups[g])))
        groups[lightest].append(index)
        sizes[lightest] += items[index]["bytes"]
    return [[items[i] for i in sorted(group)] for group in sorted(groups)]


def _owner_entry(owner: str, folders: list[Path], loaded: dict) -> dict:
    if len(folders) > 1:
        names = ", ".join(f.name for f in folders)
        return {"owner": owner, "bytes": 0, "error": f"{folders[0].parent}: folders {names} all map to owner id "
                                                     f"{owner!r}; rename all but one"}
    try:
        owner_of(folders[0], option=False)
    except UnsocialError as exc:  # listed under its folder's name (``owners.owner_inboxes``)
        return {"owner": owner, "bytes": 0, "error": exc.message()}
    return {"owner": owner, "inbox": str(folders[0]), "bytes": size_of(folders[0]),
            "loaded": {k: list(v) for k, v in loaded.items()}}


def scan_owners(owners: list[dict]) -> list[dict]:
    """What every owner of a group has: exports new or changed (to parse), unchanged, removed or unreadable."""
    os.umask(0o077)
    return [scan_owner(owner) for owner in owners]


def scan_owner(owner: dict) -> dict:
    """One owner's exports: which are new or changed (to parse), unchanged, removed or unreadable."""
    result = {"owner": owner["owner"], "pending": [], "present": None, "unchanged": 0, "removed": [], "kept": [],
              "regrouped": [], "unrecognised": {}, "overrides": None,
              "errors": [owner["error"]] if "error" in owner else []}
    if "error" in owner:
        return result
    loaded = {path: tuple(known) for path, known in owner["loaded"].items()}
    try:
        discovery = discover_exports(Path(owner["inbox"]), loaded)
    except UnsocialError as exc:
        return {**result, "errors": [exc.message()]}
    except Exception as exc:  # a bug or an unreadable folder must not stop the other owners
        return {**result, "errors": [_unexpected(owner["inbox"], "looking for exports", exc)]}
    settled = settle_exports(Path(owner["inbox"]), loaded, discovery)
    overrides = inbox_overrides(Path(owner["inbox"]))
    result.update(pending=[_export_item(owner["owner"], f) for f in discovery.found if not f.unchanged],
                  overrides=str(overrides) if overrides else None,
                  present=settled.keep, unchanged=sum(f.unchanged for f in discovery.found),
                  removed=settled.removed, kept=settled.kept, regrouped=settled.regrouped,
                  unrecognised=unread_files(Path(owner["inbox"]), discovery.unrecognised),
                  errors=[exc.message() for exc in discovery.failed + settled.errors])
    log.info("owner %s: %d exports, %d new or changed, %d removed, %d unreadable", owner["owner"],
             len(discovery.found), len(result["pending"]), len(result["removed"]), len(result["errors"]))
    return result


def _export_item(owner: str, found: Found) -> dict:
    return {"owner": owner, "path": str(found.path), "inbox": str(found.inbox), "source": found.source,
            "parts": [str(p) for p in found.parts], "export": found.export.relative_path,
            "bytes": size_of(*(found.parts or (found.path,)))}


def _unexpected(place: str, doing: str, exc: Exception) -> str:
    """A one-line account of an unexpected error: its type and where it was raised, never its message."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return f"{place}: unexpected {exc.__class__.__name__}{where} while {doing}; report it as a bug with this line"


def plan_parsing(scans: list[list[dict]]) -> list[list[dict]]:
    """The parse tasks to map: every new or changed export of every owner, in groups of about equal size."""
    return group_by_size([item for scan in _flat(scans) for item in scan["pending"]], PARSE_TASK_BYTES)


def _flat(groups: list[list[dict] | None] | None) -> list[dict]:
    """The items of mapped tasks' results; a task that failed left None."""
    return [item for group in groups or [] if group for item in group if item]


def parse_exports(items: list[dict], db: str, message_text: bool = False) -> list[dict]:
    """Parse exports to Parquet batches (no database access). An unreadable one is reported, not retried.
    ``message_text``: keep what messages say (the owner opted in)."""
    os.umask(0o077)
    return [_parse_one(item, batches_dir(db), message_text) for item in items]


def _parse_one(item: dict, work_dir: Path, message_text: bool = False) -> dict:
    found = Found(Path(item["path"]), Path(item["inbox"]), item["source"], parts=tuple(map(Path, item["parts"])))
    failed = {"owner": item["owner"], "export": item["export"]}
    try:
        return parse_export(found, item["owner"], work_dir, message_text).to_json()
    except UnsocialError as exc:
        log.error("%s", exc.message())
        return {**failed, "error": exc.message()}
    except Exception as exc:  # noqa: BLE001 — one export's bug must not lose the owner's other exports
        message = _unexpected(item["path"], f"parsing it as {item['source']}", exc)
        log.error("%s", message)
        return {**failed, "error": message}


def load_owners(db: str, scans: list[list[dict]], parsed: list[list[dict] | None] | None) -> list[dict]:
    """The single writer: per owner, in one transaction, parsed exports replace their earlier rows and
    exports gone from the inbox are dropped. Owners with nothing new are not touched; one owner's
    failure is recorded and the others are still loaded. Returns one outcome per owner."""
    os.umask(0o077)
    results = {_result_key(r): r for r in _flat(parsed)}
    retried = False
    try:
        with connect(Path(db)) as con:
            return [_load_owner(con, scan, results) for scan in _flat(scans)]
    except DatabaseBusyError:
        retried = True  # Airflow retries the task, which needs the batches (the next run clears them otherwise)
        raise
    finally:
        if not retried:
            remove_batches(r["batch_dir"] for r in results.values() if "batch_dir" in r)


def _result_key(result: dict) -> tuple[str, str]:
    """(owner, export path) of a parse result, parsed or failed."""
    if "error" in result:
        return result["owner"], result["export"]
    return result["owner_id"], result["export_path"]


def _load_owner(con: duckdb.DuckDBPyConnection, scan: dict, results: dict) -> dict:
    outcome = {"owner": scan["owner"], "status": "skipped", "parsed": [], "unchanged": scan["unchanged"],
               "removed": scan["removed"], "kept": scan["kept"], "regrouped": scan["regrouped"],
               "unrecognised": len(scan["unrecognised"]),
               "errors": list(scan["errors"])}
    if scan["present"] is None:
        return {**outcome, "status": "failed"}
    parsed = []
    for item in scan["pending"]:
        result = results.get((scan["owner"], item["export"]))
        if result is None:
            outcome["errors"].append(f"{item['path']}: parsing did not finish; see the parse task's log")
        elif "error" in result:
            outcome["errors"].append(result["error"])
        else:
            parsed.append(ParsedExport.from_json(result))
    changed = bool(parsed or scan["removed"])
    written = changed and _load_one(con, scan, parsed, outcome)
    record_unread(con, scan["owner"], scan["unrecognised"])  # listed in not_read, whether exports changed or not
    outcome["overrides"] = bool(scan.get("overrides")) and _store_overrides(con, scan, outcome)
    if outcome["errors"]:
        outcome["status"] = "partly loaded" if written else "failed"
    else:
        outcome["status"] = "loaded" if changed else "skipped"
    return outcome


def _store_overrides(con: duckdb.DuckDBPyConnection, scan: dict, outcome: dict) -> bool:
    """The owner's inbox overrides file replaces its stored overrides; True when they changed."""
    try:
        return overrides_step(con, scan["owner"], Path(scan["overrides"]))
    except UnsocialError as exc:
        outcome["errors"].append(exc.message())
        return False


def _load_one(con: duckdb.DuckDBPyConnection, scan: dict, parsed: list[ParsedExport], outcome: dict) -> bool:
    """Load one owner's exports in one transaction; False (and an error in ``outcome``) if it failed."""
    try:
        load_batches(con, scan["owner"], parsed, present=scan["present"])
    except DatabaseBusyError:
        raise  # the whole task is retried later
    except UnsocialError as exc:  # batches missing or sealed under another key: says what to do
        outcome["errors"].append(f"owner {scan['owner']}: {exc.message()}")
        return False
    except (duckdb.Error, OSError) as exc:
        outcome["errors"].append(_unexpected(f"owner {scan['owner']}", "loading its exports", exc))
        return False
    for export in parsed:
        outcome["parsed"].append({"export": export.export_path, "source": export.source, "read": export.read,
                                  "loaded": export.loaded, "quarantined": export.quarantined})
        if not export.reconciles:
            outcome["errors"].append(f"{export.export_path}: counts do not reconcile (read {export.read}, loaded "
                                     f"{export.loaded}, quarantined {export.quarantined}); report it as a bug")
    outcome["not_read"] = summary_lines(not_read_rows(con, scan["owner"]), [e.export_path for e in parsed])
    return True


def resolve(db: str) -> list[str]:
    """Staging and identity resolution of the owners whose exports, overrides or forgotten people
    changed; returns those owners (empty: nothing had changed)."""
    with connect(Path(db)) as con:
        return resolve_step(con)


def build_marts(db: str, as_of: str) -> list[str]:
    """The marts for the reference date, rebuilt for the owners whose resolution changed (every owner
    on a new date); returns those owners, empty when the marts were already up to date."""
    with connect(Path(db)) as con:
        return marts_step(con, date.fromisoformat(as_of))


def report(db: str, reports: str, owners: list[str] | None = None) -> list[str]:
    """The CSV reports of every owner, or of these owners (rewritten only where their content changed);
    returns the files."""
    os.umask(0o077)
    with connect(Path(db), read_only=True) as con:
        files = write_reports(con, Path(reports), owners=owners)
    log.info("%d report files for %d owners in %s", len(files), len({f.parent for f in files}), reports)
    return [str(f) for f in files]


def summarise_run(outcomes: list[dict] | None, failed_steps: list[str] = ()) -> tuple[list[str], list[str]]:
    """The run summary's lines, and one line per failed owner or step: counts, owner ids and file names only."""
    outcomes = outcomes or []
    counts = {status: sum(o["status"] == status for o in outcomes)
              for status in ("loaded", "partly loaded", "skipped", "failed")}
    lines = [f"{len(outcomes)} owners: " + ", ".join(f"{n} {status}" for status, n in counts.items() if n)
             if outcomes else "no owner was loaded"]
    for outcome in outcomes:
        lines.append(_owner_line(outcome))
        lines += [_export_line(e) for e in outcome["parsed"]]
        lines += [f"  {line}" for line in outcome.get("not_read", [])]
        lines += [f"  error: {error}" for error in outcome["errors"]]
        fates = export_fate_lines(outcome["kept"], outcome["removed"], outcome.get("regrouped", ()))
        lines += [f"  {line}" for line in fates]
    failures = [f"owner {o['owner']} ({'; '.join(o['errors'])})" for o in outcomes if o["errors"]]
    if failed_steps:
        lines.append(f"steps that did not finish: {', '.join(failed_steps)}; see their logs")
        failures.append(f"step(s) {', '.join(failed_steps)} did not finish")
    return lines, failures


def _export_line(export: dict) -> str:
    return (f"  {export['source']} {export['export']}: {export['read']} read = {export['loaded']} loaded + "
            f"{export['quarantined']} quarantined")


def _owner_line(outcome: dict) -> str:
    parts = [f"{len(outcome['parsed'])} exports loaded", f"{outcome['unchanged']} unchanged"]
    if outcome["removed"]:
        parts.append(f"{len(outcome['removed'])} removed")
    if outcome["unrecognised"]:
        parts.append(f"{outcome['unrecognised']} file{'s' if outcome['unrecognised'] != 1 else ''} not recognised")
    if outcome.get("overrides"):
        parts.append("overrides replaced")
    return f"owner {outcome['owner']}: {outcome['status']} ({', '.join(parts)})"
