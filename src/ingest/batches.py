"""Hand-over between parsing and loading: records to Parquet batches, one folder per export.

Parsers run anywhere (a mapped Airflow task, a worker on another host); only the load step
writes the database, reading these files.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .columns import Columns, validate_columns
from .models import RECORD_TABLES, MemberNote, Quarantined, Record
from .schema import arrow_schema

BATCH_ROWS = 50_000


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

    @property
    def reconciles(self) -> bool:
        return self.read == self.loaded + self.quarantined

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ParsedExport:
        return cls(**data)


class BatchWriter:
    """Buffers records by model and writes each table's rows as numbered Parquet files."""

    def __init__(self, folder: Path, batch_rows: int = BATCH_ROWS):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, mode=0o700)
        self.folder, self.batch_rows = folder, batch_rows
        self.buffers: dict[type[Record], list[dict]] = {model: [] for model in RECORD_TABLES}
        self.parts = {model: 0 for model in RECORD_TABLES}

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
        pq.write_table(table, compression="lz4", where=self.folder / f"{RECORD_TABLES[model]}-{self.parts[model]:05d}.parquet")
        self.parts[model] += 1

    def close(self) -> None:
        for model in RECORD_TABLES:
            self.flush(model)


def _count_notes(table: pa.Table, parsed: ParsedExport) -> None:
    """What a batch of member notes counts: records read, and the members no parser knows."""
    parsed.read += sum(table.column("records_read").to_pylist())
    handling = table.column("handling").to_pylist()
    parsed.unknown_members += [m for m, h in zip(table.column("member").to_pylist(), handling) if h == "unknown"]
    parsed.peopleless += [m for m, h in zip(table.column("member").to_pylist(), handling) if h == "no_people"]


def write_batches(records: Iterable[Record | Columns], parsed: ParsedExport) -> ParsedExport:
    """Write every record to Parquet and count the records read and quarantined.

    How many were loaded is counted by the loader, from the rows that reach the database.
    """
    writer = BatchWriter(Path(parsed.batch_dir))
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
    # Arrow's allocator keeps freed blocks for reuse: handed back here, the next export's parse and
    # the load (DuckDB's memory is its own) start from less (about 50 MB after a large export)
    pa.default_memory_pool().release_unused()
    (Path(parsed.batch_dir) / "parsed.json").write_text(json.dumps(parsed.to_json(), indent=1))
    return parsed
