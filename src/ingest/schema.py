"""Derive the raw DuckDB tables, the Arrow schemas and ``schemas/*.json`` from the models."""

from __future__ import annotations

import json
import types
import typing
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from .models import RECORD_TABLES, Record

# Columns the loader adds to every raw row: which owner and which export it came from.
LOAD_COLUMNS = {
    "owner_id": ("VARCHAR", pa.string()),
    "export_id": ("VARCHAR", pa.string()),
    "export_path": ("VARCHAR", pa.string()),
}

_TYPES = {
    str: ("VARCHAR", pa.string()),
    int: ("BIGINT", pa.int64()),
    bool: ("BOOLEAN", pa.bool_()),
    datetime: ("TIMESTAMP", pa.timestamp("us")),
}


def _base_type(annotation) -> type:
    """Strip ``X | None`` and ``Literal[...]`` down to the Python type that is stored."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base_type(inner)
    if origin is typing.Literal:
        return type(typing.get_args(annotation)[0])
    return annotation


def record_columns(model: type[Record]) -> dict[str, tuple[str, pa.DataType]]:
    """Column name → (DuckDB type, Arrow type) for a record model, in field order."""
    return {name: _TYPES[_base_type(f.annotation)] for name, f in model.model_fields.items()}


def table_columns(model: type[Record]) -> dict[str, tuple[str, pa.DataType]]:
    return {**LOAD_COLUMNS, **record_columns(model)}


def arrow_schema(model: type[Record]) -> pa.Schema:
    return pa.schema([(name, arrow) for name, (_, arrow) in record_columns(model).items()])


def create_table_sql(model: type[Record]) -> str:
    cols = ",\n  ".join(f"{name} {sql}" for name, (sql, _) in table_columns(model).items())
    return f"create table if not exists {RECORD_TABLES[model]} (\n  {cols}\n)"


def json_schemas() -> dict[str, str]:
    """File name → JSON Schema text for every record model."""
    return {
        f"{table}.schema.json": json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        for model, table in RECORD_TABLES.items()
    }


def write_json_schemas(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in json_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":  # python -m ingest.schema schemas/
    import sys

    write_json_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas"))
