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

from .models import RECORD_TABLES, Account, Interaction, MemberNote, Quarantined, Record
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
    unknown_members: list[str] = field(default_factory=list)

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

    def flush(self, model: type[Record]) -> None:
        rows = self.buffers[model]
        if not rows and self.parts[model]:
            return
        table = pa.Table.from_pylist(rows, schema=arrow_schema(model))
        pq.write_table(table, self.folder / f"{RECORD_TABLES[model]}-{self.parts[model]:05d}.parquet")
        self.parts[model] += 1
        rows.clear()

    def close(self) -> None:
        for model in RECORD_TABLES:
            self.flush(model)


def write_batches(records: Iterable[Record], parsed: ParsedExport) -> ParsedExport:
    """Write every record to Parquet and count rows read, loaded and quarantined."""
    writer = BatchWriter(Path(parsed.batch_dir))
    loaded_rows: set[tuple[str, int]] = set()
    for record in records:
        writer.add(record)
        if isinstance(record, (Account, Interaction)):
            loaded_rows.add((record.member, record.line))
        elif isinstance(record, Quarantined):
            parsed.quarantined += 1
        elif isinstance(record, MemberNote):
            parsed.read += record.records_read
            if record.handling == "unknown":
                parsed.unknown_members.append(record.member)
    writer.close()
    parsed.loaded = len(loaded_rows)
    (Path(parsed.batch_dir) / "parsed.json").write_text(json.dumps(parsed.to_json(), indent=1))
    return parsed
