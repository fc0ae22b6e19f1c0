"""Hand-over between parsing and loading: records to Parquet batches, one folder per export.

Parsers run anywhere (a mapped Airflow task, a worker on another host); only the load step
writes the database, reading these files. With ``UNSOCIAL_DB_KEY`` set, every batch file is sealed
under it (``store.sealing``): parsed contacts never lie on disk in plaintext.

Batches hold contacts' data, so they live no longer than needed, whatever way a run ends:
- a parse that fails removes what it wrote; a folder is complete only once ``parsed.json`` is in it,
  and the loader refuses one without it (rather than replace an export's rows with nothing);
- the command line keeps its batches in ``<batches>/.cli/`` (``command_line_batches``) while it holds
  the database, empties it when it starts (what a killed run left) and when it ends;
- under Airflow, parse tasks hand batches to the load task through ``<batches>/<owner>/``: the load
  task removes them after loading, and the first task of a run clears what earlier runs left
  (``clear_stale_batches``; one run at a time: ``max_active_runs=1``).

``unsocial ingest`` parses and loads in one process: its rows stay in memory as Arrow tables
(``in_memory``), up to ``IN_MEMORY_BYTES`` an export, and only the rest is written; the folder and
its ``parsed.json`` are written all the same. Writing Parquet and reading it back cost a tenth of
the command's time on a Twitter archive.
"""

from __future__ import annotations

import functools
import io
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path

import pyarrow as pa

from ..columns import Columns, validate_columns
from ..errors import UnsocialError
from ..models import RECORD_TABLES, MemberNote, Quarantined, Record
from ..schema import arrow_schema
from .sealing import KEY_VARIABLE, SUFFIX, database_key, seal, unseal, write_private

BATCH_ROWS = 50_000
MARKER = "parsed.json"  # written last: the folder is complete
COMMAND_LINE = ".cli"  # no owner id starts with a dot (``ingest.sources.owners``)
IN_MEMORY_BYTES = 256 << 20  # Arrow's size of an export's rows kept in memory; beyond, batches are written


@dataclass
class ParsedExport:
    """What parsing one export produced: where its batches are, and the counts that must reconcile."""

    owner_id: str
    source: str
    export_path: str
    export_id: str
    batch_dir: str
    read: int = 0
    loaded: int = 0
    quarantined: int = 0
    nameless: int = 0  # accounts known by id alone (Twitter followers nobody named): kept, and counted
    unknown_members: list[str] = field(default_factory=list)
    peopleless: list[str] = field(default_factory=list)  # files read whole with nobody in them (handling no_people)
    message_text: bool = False  # message text was kept (--keep-message-text) for a source that has it
    tables: dict[str, list[pa.Table]] = field(default_factory=dict, repr=False)  # batches kept in memory

    @property
    def reconciles(self) -> bool:
        return self.read == self.loaded + self.quarantined

    def to_json(self) -> dict:
        """What ``parsed.json`` holds: everything but the batches kept in memory."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "tables"}

    @classmethod
    def from_json(cls, data: dict) -> ParsedExport:
        return cls(**data)


class BatchWriter:
    """Buffers records by model and writes each table's rows as numbered Parquet files."""

    def __init__(self, folder: Path, batch_rows: int = BATCH_ROWS, in_memory: int = 0,
                 on_table: Callable[[str, pa.Table], None] | None = None):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, mode=0o700)
        self.folder, self.batch_rows, self.key = folder, batch_rows, database_key()
        self.buffers: dict[type[Record], list[dict]] = {model: [] for model in RECORD_TABLES}
        self.parts = {model: 0 for model in RECORD_TABLES}
        self.in_memory = in_memory  # bytes of Arrow tables still to be kept rather than written
        self.tables: dict[str, list[pa.Table]] = {}
        self.on_table = on_table  # told of each table kept in memory (``streaming.LoadWhileParsing``)

    def add(self, record: Record) -> None:
        buffer = self.buffers[type(record)]
        buffer.append(record.model_dump())
        if len(buffer) >= self.batch_rows:
            self.flush(type(record))

    def add_table(self, model: type[Record], table: pa.Table) -> None:
        if table.num_rows:
            self.write(model, table)

    def flush(self, model: type[Record]) -> None:
        rows = self.buffers[model]
        if rows or not self.parts[model]:
            self.write(model, pa.Table.from_pylist(rows, schema=arrow_schema(model)))
            rows.clear()

    def write(self, model: type[Record], table: pa.Table) -> None:
        if table.nbytes <= self.in_memory:
            self.in_memory -= table.nbytes
            self.tables.setdefault(RECORD_TABLES[model], []).append(table)
            self.parts[model] += 1
            if self.on_table:
                self.on_table(RECORD_TABLES[model], table)
            return
        for start in range(0, max(table.num_rows, 1), self.batch_rows):  # sealed whole: bounded in memory
            path = self.folder / f"{RECORD_TABLES[model]}-{self.parts[model]:05d}.parquet"
            write_file(path, _parquet_bytes(table.slice(start, self.batch_rows)), self.key)
            self.parts[model] += 1

    def close(self) -> None:
        for model in RECORD_TABLES:
            self.flush(model)


def _parquet_bytes(table: pa.Table) -> bytes:
    import pyarrow.parquet as pq  # batches kept in memory (``unsocial ingest``) need no Parquet

    sink = io.BytesIO()
    pq.write_table(table, sink, compression="lz4")
    return sink.getvalue()


def write_file(path: Path, data: bytes, key: str | None) -> None:
    """A batch file, owner-only; sealed (``<name>.sealed``) when a key is set."""
    if key:
        path = path.with_name(path.name + SUFFIX)
        data = seal(data, key, path.name)
    write_private(path, data)


def _count_notes(table: pa.Table, parsed: ParsedExport) -> None:
    """What a batch of member notes counts: records read, and the members no parser knows."""
    parsed.read += sum(table.column("records_read").to_pylist())
    handling = table.column("handling").to_pylist()
    parsed.unknown_members += [m for m, h in zip(table.column("member").to_pylist(), handling) if h == "unknown"]
    parsed.peopleless += [m for m, h in zip(table.column("member").to_pylist(), handling) if h == "no_people"]


def write_batches(records: Iterable[Record | Columns], parsed: ParsedExport, in_memory: bool = False,
                  on_table: Callable[[ParsedExport, str, pa.Table], None] | None = None) -> ParsedExport:
    """Write every record to Parquet (``in_memory``: keep them as Arrow tables, up to ``IN_MEMORY_BYTES``,
    each handed to ``on_table`` as well) and count the records read and quarantined.

    How many were loaded is counted by the loader, from the rows that reach the database.
    """
    writer = BatchWriter(Path(parsed.batch_dir), in_memory=IN_MEMORY_BYTES if in_memory else 0,
                         on_table=functools.partial(on_table, parsed) if on_table else None)
    try:
        _write_records(records, parsed, writer)
        parsed.tables = writer.tables
        mark_complete(parsed)
    except BaseException:
        shutil.rmtree(parsed.batch_dir, ignore_errors=True)  # an export that failed leaves nothing behind
        raise
    # Arrow's allocator keeps freed blocks for reuse: handed back here, the next export's parse and
    # the load (DuckDB's memory is its own) start from less (about 50 MB after a large export)
    pa.default_memory_pool().release_unused()
    return parsed


def mark_complete(parsed: ParsedExport) -> None:
    """The last file of a batch folder: its counts, and the sign that it is whole."""
    write_file(Path(parsed.batch_dir) / MARKER, json.dumps(parsed.to_json(), indent=1).encode(), database_key())


def _write_records(records: Iterable[Record | Columns], parsed: ParsedExport, writer: BatchWriter) -> None:
    for record in records:
        if isinstance(record, Columns):
            table, quarantined = validate_columns(record)
            writer.add_table(record.model, table)
            if record.model is MemberNote:
                _count_notes(table, parsed)
            for entry in quarantined:
                writer.add(entry)
            parsed.quarantined += len(quarantined)
            continue
        writer.add(record)
        if isinstance(record, Quarantined):
            parsed.quarantined += 1
        elif isinstance(record, MemberNote):
            parsed.read += record.records_read
            if record.handling == "unknown":
                parsed.unknown_members.append(record.member)
            elif record.handling == "no_people":
                parsed.peopleless.append(record.member)
    writer.close()


# --- the loader's side --------------------------------------------------------------------------------------

def batch_files(folder: Path, table: str) -> tuple[list[str], list[Path]]:
    """A table's batch files in an export's folder, in order: plain Parquet, and sealed ones."""
    plain = sorted(str(f) for f in folder.glob(f"{table}-*.parquet"))
    return plain, sorted(folder.glob(f"{table}-*.parquet{SUFFIX}"))


def open_sealed(path: Path) -> pa.Table:
    """A sealed batch, opened in memory."""
    import pyarrow.parquet as pq

    return pq.read_table(pa.BufferReader(unseal(path.read_bytes(), database_key(), path)))


def check_complete(parsed: ParsedExport) -> None:
    """Refuse a batch folder its parse did not finish (killed, or cleared meanwhile), and, with a key set,
    one written without it: a parse worker without the key leaves contacts in plaintext on shared storage."""
    folder = Path(parsed.batch_dir)
    if not any((folder / name).is_file() for name in (MARKER, MARKER + SUFFIX)):
        raise UnsocialError(parsed.export_path, "its parsed batches are missing or incomplete (cleared, or the parse "
                            "was stopped)", "run again: the export is parsed again and its earlier rows were kept")
    if database_key() and (folder / MARKER).is_file():
        raise UnsocialError(parsed.export_path, f"its parsed batches were written without {KEY_VARIABLE}, in plaintext",
                            f"set {KEY_VARIABLE} for every process that parses too, and run again")


# --- how long batches live -----------------------------------------------------------------------------------

def remove_batches(folders: Iterable[str | Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
        _remove_if_empty(Path(folder).parent)


@contextmanager
def command_line_batches(work_dir: Path) -> Iterator[Path]:
    """The batch folder of a command-line run that holds the database meanwhile: whatever is in it when
    the run starts was left by a run killed before its end (SIGKILL, power loss), and the run empties it
    again whatever way it ends (an error, Ctrl-C)."""
    folder = Path(work_dir) / COMMAND_LINE
    shutil.rmtree(folder, ignore_errors=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _remove_if_empty(Path(work_dir))


def clear_stale_batches(work_dir: Path, before: float | None = None) -> int:
    """Remove the Airflow batch folders (``<owner>/<export>``) last written before ``before`` (now): run
    at the start of a DAG run, when no parse or load task of another run is live, they are what a load
    that never came left. The command line's folder is its own (``command_line_batches``)."""
    before = time.time() if before is None else before
    cleared = 0
    for owner in _folders(Path(work_dir)):
        for folder in _folders(owner):
            if folder.lstat().st_mtime < before:
                shutil.rmtree(folder, ignore_errors=True)
                cleared += 1
        _remove_if_empty(owner)
    return cleared


def _folders(parent: Path) -> list[Path]:
    if not parent.is_dir():
        return []
    return sorted(p for p in parent.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty (another export's batches), or gone
        pass
