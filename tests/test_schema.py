"""Models are the contract: the JSON Schema files and the raw tables must match them."""

from __future__ import annotations

from pathlib import Path

from ingest.models import RECORD_TABLES
from ingest.schema import json_schemas, table_columns
from ingest.store.database import connect
from ingest.store.tables import RAW_TABLES

SCHEMAS = Path(__file__).parents[1] / "schemas"


def test_committed_json_schemas_match_the_models():
    expected = json_schemas()
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(expected)
    for name, text in expected.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, f"regenerate: python -m ingest.schema schemas ({name})"


def test_raw_tables_have_the_models_columns(tmp_path):
    with connect(tmp_path / "u.duckdb") as con:
        for model, table in RECORD_TABLES.items():
            columns = con.execute(f"select column_name, data_type from information_schema.columns "
                                  f"where table_name = '{table}' order by ordinal_position").fetchall()
            assert columns == [(name, sql) for name, (sql, _) in table_columns(model).items()]


def test_the_database_knows_every_raw_table():
    assert sorted(RAW_TABLES) == sorted(RECORD_TABLES.values())
