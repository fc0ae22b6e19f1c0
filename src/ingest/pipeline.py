"""The pipeline's steps, shared by the command line and the Airflow DAG (``tasks``).

discover_exports (``sources.inbox``) → parse_export (any process, writes Parquet) → load_batches
(``store.database``, the single writer) → overrides_step → resolve_step → marts_step → write_reports
(``reports.files``); ``answer`` applies an owner's answer to a review question. Every step is idempotent:
unchanged exports are skipped by content hash, and resolve and marts work owner by owner, rebuilding only the
owners whose inputs' fingerprint changed since they last ran (``store.fingerprints``), so that a run's cost
follows what changed rather than the size of the team. ``run_inbox`` is all of it in one process.
"""

from __future__ import annotations

import csv
import itertools
import logging
import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from .child import can_fork, in_child
from .errors import EmptyExportError, UnreadableExportError, UnsocialError
from .identity.overrides import Node, inbox_overrides, load_overrides, store_overrides
from .identity.owners import owners_apart
from .reports.files import check_reports_folder, write_reports
from .reports.not_read import not_read_rows
from .sources.archive import Export
from .sources.inbox import Discovery, Found, checked_inbox, discover_exports, sources_of
from .sources.owners import check_owner_id, owner_of
from .store import fingerprints
from .store.database import connect, kept_text, known_exports, load_batches, record_unread, rollback
from .store.tables import ensure_owner_column, get_setting, set_setting
from .store.transform import apply_layer, layers_exist

if TYPE_CHECKING:
    from .store.batches import ParsedExport
    from .store.streaming import LoadWhileParsing

log = logging.getLogger("unsocial")
# Exports this large are parsed in a child process by ``unsocial run`` (see _parse_apart).
CHILD_PROCESS_BYTES = int(os.environ.get("UNSOCIAL_CHILD_PROCESS_MB", 4)) * 2**20


@dataclass(frozen=True)
class Settled:
    """What becomes of an owner's loaded exports after a look into the inbox (``settle_exports``)."""

    keep: list[str]  # exports whose rows stay, or are replaced by what was parsed now
    kept: list[str]  # loaded exports still in the inbox that cannot be read now: their earlier rows stay
    removed: list[str]  # loaded exports gone from the inbox: their rows go, and the run summary says so
    errors: list[UnsocialError]  # kept exports that no source recognises now (those unreadable failed already)
    regrouped: list[str] = field(default_factory=list)  # of ``removed``, those read now in another cut


def settle_exports(inbox: Path, loaded: Iterable[str], discovery: Discovery) -> Settled:
    """Which loaded exports keep their rows: those found, and those still in the inbox that cannot be
    read now. A download cut short or a sync over a loaded zip must not cost its earlier rows: they stay
    until a readable copy replaces them. Only an export gone from the inbox loses its rows."""
    present = [f.export.relative_path for f in discovery.found]
    missing = sorted(set(loaded) - set(present))
    there = [path for path in missing if _still_there(inbox, path)]
    kept = [path for path in there if not _read_otherwise(path, present)]
    errors = [UnreadableExportError(inbox / path, "no longer recognised as the export it was", "put a readable copy "
                                    "back") for path in kept if path in discovery.unrecognised]
    return Settled(present + kept, kept, [path for path in missing if path not in kept], errors,
                   [path for path in there if path not in kept])


def export_fate_lines(kept: list[str], removed: list[str], regrouped: Iterable[str] = ()) -> list[str]:
    """The run summary's lines for loaded exports not read again: kept despite an error, or removed (gone, or read
    now in another cut: ``regrouped``)."""
    return ([f"{path}: cannot be read now; the rows of its earlier version are kept until a readable copy "
             "replaces it" for path in kept]
            + [f"{path}: read now in another grouping of its files (the exports above); its earlier rows were replaced"
               if path in regrouped else f"{path}: gone from the inbox; its rows were removed" for path in removed])


def _read_otherwise(export_path: str, present: list[str]) -> bool:
    """Whether the archive loaded as ``export_path`` is read now in another cut: whole where it was
    a view (``<path>#<view>``), or as views where it was whole (a Takeout an earlier version read whole); or as
    part of a folder read whole now, or in parts of it (a phone's backup folder, whose call history was an export
    of its own until its address book came beside it: kept, its calls counted twice)."""
    whole = export_path.split("#", 1)[0]
    return any(other == whole or whole.startswith(other + "/") or other.startswith(whole + "/")
               for other in (path.split("#", 1)[0] for path in present))


def _still_there(inbox: Path, export_path: str) -> bool:
    """Whether a loaded export's file or folder is in the inbox (a view of an archive: ``<path>#<view>``)."""
    return any(os.path.lexists(inbox / path) for path in {export_path, export_path.rsplit("#", 1)[0]})


def parse_export(found: Found, owner_id: str, work_dir: Path, message_text: bool = False,
                 export: Export | None = None, in_memory: bool = False,
                 loading: LoadWhileParsing | None = None) -> ParsedExport:
    """Parse one export into Parquet batches under ``work_dir``; raises a named error if unreadable.

    ``message_text``: keep what messages say (``--keep-message-text``), for the sources that have it.
    ``export``: the export already opened to detect it, whose index of members is then not read again.
    ``in_memory``: keep the rows in memory for a load by this process (``batches.write_batches``), and hand
    each table to ``loading`` as it comes."""
    from .sources import SOURCES
    from .sources.base import capped_rows, left_out_notes
    from .store.batches import ParsedExport, remove_batches, write_batches

    owner_id = check_owner_id(owner_id, "owner")  # it names the batch folder
    export = export or found.export
    batches = export.sha256[:20] + (f"-{found.source}" if export.label else "")  # views of one zip apart
    parsed = ParsedExport(owner_id=owner_id, source=found.source, export_path=export.relative_path,
                          export_id=export.sha256, batch_dir=str(work_dir / owner_id / batches),
                          message_text=keeps_text(found.source, message_text))
    source = SOURCES[found.source]
    try:
        records = source.parse(export, message_text=True) if parsed.message_text else source.parse(export)
        records = itertools.chain(records, left_out_notes(export))
        write_batches(capped_rows(records, export, found.path), parsed, in_memory, loading and loading.add)
    except (OSError, zipfile.BadZipFile, csv.Error, EOFError, UnicodeError) as exc:
        raise UnreadableExportError(found.path, f"cannot be read ({exc.__class__.__name__})",
                                    "download the export again") from None
    if parsed.read == 0 and not parsed.peopleless:  # a calendar of one's own events is complete without people
        remove_batches([parsed.batch_dir])
        raise EmptyExportError(found.path, f"recognised as {found.source} but no record was read",
                               "check that the export is complete")
    log.info("parsed %s export %s: %d read, %d loaded, %d quarantined", found.source, parsed.export_path,
             parsed.read, parsed.loaded, parsed.quarantined)
    return parsed


def detect_and_parse(path: Path, owner_id: str, work_dir: Path, message_text: bool = False) -> ParsedExport:
    """Parse one export given by path that one source reads (benchmarks, notebooks); an archive that
    several sources read is refused: ``detect_and_parse_all`` reads it."""
    return detect_and_parse_all(path, owner_id, work_dir, message_text, sole=True)[0]


def _unrecognised(path: Path, export: Export) -> UnreadableExportError:
    """The error for an export no source reads: what is wrong with it where that can be told, else what is read."""
    from .sources import SOURCES
    from .sources.contacts_csv import HEADERLESS, headerless
    from .sources.unrecognised import why_unrecognised

    if headerless(export):
        return UnreadableExportError(path, *HEADERLESS)
    diagnosis = why_unrecognised(path)  # an empty file, a gzipped one, an event without its calendar …
    if diagnosis:
        return UnreadableExportError(path, *diagnosis)
    return UnreadableExportError(path, "not a recognised export", f"expected one of: {', '.join(SOURCES)}")


def detect_and_parse_all(path: Path, owner_id: str, work_dir: Path, message_text: bool = False,
                         sole: bool = False, in_memory: bool = False, loading: LoadWhileParsing | None = None,
                         parts: tuple[Path, ...] = ()) -> list[ParsedExport]:
    """Parse one export given by path (``unsocial ingest``): detected by content like in an inbox; an
    archive several sources read (a Google Takeout) gives one parsed export per source. ``in_memory``
    and ``loading``: for a load by this process, as ``parse_export``; ``parts``: every zip of a delivery in
    several, ``path`` the first (``sources.takeout.takeout_parts``)."""
    from .sources.unrecognised import lone_file

    if not path.exists():
        raise UnsocialError(path, "no such file or folder", "check the path")
    export = Export(path, path.parent, parts)
    sources = sources_of(export)
    if not sources and (lone := lone_file(path)):  # a folder of one journal.csv: the journal is read, not refused
        return detect_and_parse_all(lone, owner_id, work_dir, message_text, sole, in_memory, loading)
    if not sources:
        raise _unrecognised(path, export)
    if sole and len(sources) > 1:
        raise UnsocialError(path, f"holds the files of {len(sources)} sources", "read it with `unsocial ingest`")
    return [parse_export(Found(path, path.parent, source.NAME, parts=parts), owner_id, work_dir, message_text, part,
                         in_memory, loading) for source, part in sources]


def keeps_text(source: str, message_text: bool) -> bool:
    """Whether an export of ``source`` is read with its message text, as the owner chose."""
    from .sources import SOURCES

    return message_text and getattr(SOURCES.get(source), "MESSAGE_TEXT", False)


def as_read_now(loaded: dict[str, tuple], message_text: bool) -> dict[str, tuple]:
    """What is loaded (export path → content hash, source, text kept), with the hash of every export
    whose message text was kept otherwise than this run keeps it left empty: it counts as changed and is
    read again, while still counting as loaded (so that it is dropped if it left the inbox)."""
    return {path: ("", *known[1:]) if len(known) > 2 and known[2] != keeps_text(known[1], message_text) else known
            for path, known in loaded.items()}


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("select 1 from information_schema.tables where table_name = ?", [name]).fetchone())


def overrides_step(con: duckdb.DuckDBPyConnection, owner_id: str, overrides: Path) -> bool:
    """An owner's overrides file replaces their stored overrides, in one transaction; True when they changed.
    A bad file fails before anything is written."""
    rows = load_overrides(overrides)
    con.begin()
    try:
        changed = store_overrides(con, owner_id, rows)
        con.commit()
    except BaseException:
        rollback(con)
        raise
    return changed


def resolve_step(con: duckdb.DuckDBPyConnection, overrides: Path | None = None, force: bool = False,
                 owner_id: str | None = None) -> list[str]:
    """Staging and identity resolution of the owners whose inputs changed (every owner with ``force``),
    in one transaction; returns those owners, empty when nothing had changed.

    ``overrides``, a file, first replaces ``owner_id``'s stored overrides (and only theirs).
    """
    rows = _read_overrides(overrides, owner_id)  # a bad file fails here, before anything is written
    con.begin()
    try:
        ensure_owner_column(con)
        if rows is not None:
            store_overrides(con, owner_id, rows)
        current = fingerprints.resolve_inputs(con)
        full = force or not (layers_exist(con, ["staging"]) and _has_table(con, "resolved_accounts"))
        stale = sorted(current) if full else fingerprints.stale_owners(con, "resolve", current)
        if not full and not stale:
            con.rollback()
            return []
        from .identity.resolve import resolve_people

        apply_layer(con, "staging", None if _most(stale, current) or full else stale)
        stats = resolve_people(con, None if full else stale)
        fingerprints.save(con, "resolve", current, None if full else stale)
        con.commit()
    except BaseException:
        rollback(con)
        raise
    log.info("resolved %d accounts of %d owners into %d people", stats["accounts"], stats["owners"], stats["people"])
    return stale


def _read_overrides(overrides: Path | None, owner_id: str | None) -> list | None:
    if overrides is None:
        return None
    if owner_id is None:
        raise UnsocialError(overrides, "overrides belong to one owner", "name the owner they are for")
    return load_overrides(overrides)


def _most(stale: list[str], current: dict[str, str]) -> bool:
    """Whether most owners are stale: then rebuilding a table whole is cheaper than owner by owner."""
    return len(stale) * 2 > len(current)


def sole_owner(con: duckdb.DuckDBPyConnection) -> str | None:
    """The owner of a database that holds one owner's exports; None when it holds several or none."""
    owners = con.execute("select distinct owner_id from ingested_exports").fetchall()
    return owners[0][0] if len(owners) == 1 else None


def marts_step(con: duckdb.DuckDBPyConnection, as_of: date, force: bool = False) -> list[str]:
    """Intermediate tables and public views for the reference date, rebuilt for the owners whose
    resolution changed (every owner when the date or the SQL changed, or with ``force``); returns
    those owners, empty when everything was up to date."""
    con.begin()
    try:
        set_setting(con, "as_of", as_of.isoformat())
        current = fingerprints.marts_inputs(con, as_of.isoformat())
        stale = fingerprints.stale_owners(con, "marts", current)
        full = force or _most(stale, current) or not layers_exist(con, ["intermediate", "marts"])
        if not full and not stale:
            con.rollback()
            return []
        apply_layer(con, "intermediate", None if full else stale)
        if full:
            apply_layer(con, "marts")
        fingerprints.save(con, "marts", current, None if full else stale)
        con.commit()
    except BaseException:
        rollback(con)
        raise
    return sorted(current) if full else stale


def empty_database(path: Path) -> Path:
    """A database with every view and no data: what the data dictionary describes."""
    with connect(path) as con:
        resolve_step(con, force=True)
        marts_step(con, date(2000, 1, 1), force=True)
    return path


def answer(con: duckdb.DuckDBPyConnection, owner_id: str, a: Node, b: Node, same: bool,
           overrides_file: Path | None = None) -> None:
    """The owner's answer to a review question ("same person" or "two people"), stored and applied at once."""
    from .identity.overrides import decided_pairs
    from .identity.review import decide  # the review's imports (the linkage rules) cost every other command

    # in place only on rows built from everything but this answer: a "different" it replaces held people apart
    # while every link was made, and a "same" already given is in them
    current = owner_id not in fingerprints.stale_owners(con, "resolve", fingerprints.resolve_inputs(con)) \
        and frozenset((a, b)) not in decided_pairs(con, owner_id)
    decide(con, owner_id, a, b, same, overrides_file)
    if not (same and current and _joined_in_place(con, owner_id, a, b)):
        resolve_step(con)
    _refresh_marts(con)


def _joined_in_place(con: duckdb.DuckDBPyConnection, owner_id: str, a: Node, b: Node) -> bool:
    """A "same" answer applied to the owner's resolved rows (``resolve.join_in_place``): at 20,000 people a
    second instead of resolving again for ten; False where only resolving again can tell."""
    from .identity.resolve import join_in_place

    con.begin()
    try:
        if not join_in_place(con, owner_id, a, b):
            con.rollback()
            return False
        fingerprints.save(con, "resolve", fingerprints.resolve_inputs(con), [owner_id])
        con.commit()
    except BaseException:
        rollback(con)
        raise
    return True


def take_back(con: duckdb.DuckDBPyConnection, owner_id: str, a: Node, b: Node,
              overrides_file: Path | None = None) -> bool:
    """The owner's answer on these two accounts undone and the owner re-resolved; False when there was none."""
    from .identity.review import undo

    removed = undo(con, owner_id, a, b, overrides_file)
    if removed:
        refresh(con)
    return removed


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Resolution and marts of the owners whose inputs changed: after an answer, that owner alone."""
    resolve_step(con)
    _refresh_marts(con)


def _refresh_marts(con: duckdb.DuckDBPyConnection) -> None:
    """The marts of the owners whose resolution changed, for the reference date they were built for."""
    stored = get_setting(con, "as_of")
    marts_step(con, date.fromisoformat(stored) if stored else date.today())


@dataclass
class RunSummary:
    owner_id: str
    parsed: list[ParsedExport] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    # of each such file, what it is and what to do, where that can be told (``sources.unrecognised``)
    unrecognised_why: dict[str, str] = field(default_factory=dict)
    failed: list[UnsocialError] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # loaded exports that cannot be read now: earlier rows kept
    removed: list[str] = field(default_factory=list)  # loaded exports gone from the inbox: rows dropped
    regrouped: list[str] = field(default_factory=list)  # of ``removed``, those read now in another cut
    rebuilt: bool = False  # the owner's marts were rebuilt
    reports: list[Path] = field(default_factory=list)
    not_read: list = field(default_factory=list)  # the owner's rows of the view not_read (ingest.reports.not_read)
    owners_apart: list[list[str]] = field(default_factory=list)  # exports naming owners of different names


# A file no source reads, of which nothing more can be told (``sources.unrecognised``): what it is, what to do
NOT_RECOGNISED = ("not a recognised export: no source reads this file",
                  "if it holds people, check that it is the whole export (download it again); if this version should "
                  "read it, open an issue with its file name and kind (no data); else move it out of the inbox")


def unread_files(inbox: Path, paths: list[str]) -> dict[str, tuple[str, str]]:
    """The inbox's files no source reads, each with what it is and what to do (``inbox_unread``, listed in
    ``not_read``)."""
    from .sources.unrecognised import why_unrecognised

    return {path: why_unrecognised(inbox / path.split("#", 1)[0]) or NOT_RECOGNISED for path in paths}


def run_inbox(inbox: Path, db: Path, reports_dir: Path, as_of: date, overrides: Path | None = None,
              owner_id: str | None = None, on_export: Callable[[Found], None] | None = None,
              message_text: bool = False) -> RunSummary:
    """Everything the DAG does, in one process: the ``unsocial run`` command."""
    checked_inbox(inbox)  # refused before anything is created
    owner_id = check_owner_id(owner_id) if owner_id else owner_of(inbox)
    check_reports_folder(reports_dir, owner_id, [inbox])  # refused before anything is read or written
    overrides = overrides or inbox_overrides(inbox)
    if overrides is not None:
        load_overrides(overrides)  # a bad file fails before anything is read or written
    from .store.batches import command_line_batches

    # the database is held for the whole run (nobody else writes meanwhile), and so is the batch folder
    with connect(db) as con, command_line_batches(work_dir_of(db)) as work_dir:
        loaded = known_exports(con, owner_id)
        discovery = discover_exports(inbox, as_read_now(loaded, message_text))
        if not discovery.found and not discovery.failed:
            from .sources.unrecognised import nothing_recognised

            raise nothing_recognised(inbox, discovery.unrecognised)  # the files named, and what is wrong with them
        unread = unread_files(inbox, discovery.unrecognised)
        summary = RunSummary(owner_id, unrecognised=discovery.unrecognised, failed=discovery.failed,
                             unrecognised_why={path: f"{what}; {todo}" for path, (what, todo) in unread.items()
                                               if (what, todo) != NOT_RECOGNISED})
        summary.unchanged = [f.export.relative_path for f in discovery.found if f.unchanged]
        for found in (f for f in discovery.found if not f.unchanged):
            if on_export:
                on_export(found)
            try:
                summary.parsed.append(_parse_apart(found, owner_id, work_dir, message_text))
            except UnsocialError as exc:
                summary.failed.append(exc)
        settled = settle_exports(inbox, loaded, discovery)
        summary.kept, summary.removed, summary.regrouped = settled.kept, settled.removed, settled.regrouped
        summary.failed += settled.errors
        if summary.parsed or settled.removed:
            load_batches(con, owner_id, summary.parsed, present=settled.keep)
        record_unread(con, owner_id, unread)
        resolve_step(con, overrides, owner_id=owner_id)
        summary.rebuilt = owner_id in marts_step(con, as_of)
        summary.reports = write_reports(con, reports_dir, refresh=summary.rebuilt, owners=[owner_id], inboxes=[inbox])
        summary.not_read = not_read_rows(con, owner_id)
        summary.owners_apart = owners_apart(con, owner_id)
    return summary


def _parse_apart(found: Found, owner_id: str, work_dir: Path, message_text: bool) -> ParsedExport:
    """A large export is parsed in a child process, whose memory goes back to the system when it ends,
    instead of staying with this process while it resolves people and builds the marts."""
    if can_fork() and size_of(*(found.parts or (found.path,))) >= CHILD_PROCESS_BYTES:
        return in_child(parse_export, found, owner_id, work_dir, message_text)
    return parse_export(found, owner_id, work_dir, message_text)


def size_of(*paths: Path) -> int:
    """Bytes on disk of files and folders (everything below a folder)."""
    return sum(p.stat().st_size if p.is_file() else sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
               for p in paths if p.exists())


def work_dir_of(db: Path) -> Path:
    """Where parsed batches wait for the loader: beside the database, owner-only."""
    return Path(db).with_name(Path(db).name + ".batches")


def clean_work_dir(parsed: list[ParsedExport]) -> None:
    from .store.batches import remove_batches

    remove_batches(export.batch_dir for export in parsed)


def loaded_exports_by_owner(db: Path) -> dict[str, dict[str, tuple[str, str, bool]]]:
    """What is loaded, for every owner at once: owner id → export path → (content hash, source, text kept)."""
    if not Path(db).exists():
        return {}
    with connect(db, read_only=True) as con:
        if not _has_table(con, "ingested_exports"):
            return {}
        rows = con.execute(f"select owner_id, export_path, export_id, source, {kept_text(con)} from ingested_exports "
                           "order by all")
        loaded: dict[str, dict[str, tuple[str, str, bool]]] = {}
        for owner_id, export_path, export_id, source, text in rows.fetchall():
            loaded.setdefault(owner_id, {})[export_path] = (export_id, source, text)
    return loaded
