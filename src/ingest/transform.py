"""The SQL runner: every ``sql/<layer>/<relation>.sql`` becomes ``create or replace <relation>``.

Staging and intermediate relations are tables (the resolver runs between them); marts are views,
the public contract. Inside a layer, files run in dependency order, found by the relation names
each file mentions.
"""

from __future__ import annotations

import hashlib
import os
import re
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

SQL_DIR = Path(os.environ.get("UNSOCIAL_SQL_DIR", Path(__file__).resolve().parents[2] / "sql"))
LAYERS = {"staging": "table", "intermediate": "table", "marts": "view"}


def layer_files(layer: str) -> dict[str, str]:
    """Relation name → SQL text of one layer."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted((SQL_DIR / layer).glob("*.sql"))}


def dependency_order(files: dict[str, str]) -> list[str]:
    graph = TopologicalSorter()
    for name, sql in sorted(files.items()):
        graph.add(name, *(other for other in sorted(files)
                          if other != name and re.search(rf"\b{other}\b", _strip_comments(sql))))
    return list(graph.static_order())


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def apply_layer(con: duckdb.DuckDBPyConnection, layer: str) -> list[str]:
    """Create or replace every relation of the layer; returns their names in the order applied."""
    files = layer_files(layer)
    order = dependency_order(files)
    for name in order:
        con.execute(f"create or replace {LAYERS[layer]} {name} as\n{files[name]}")
    return order


def sql_fingerprint() -> str:
    """Changes whenever any SQL file changes, so that a changed model is never skipped as unchanged."""
    digest = hashlib.sha256()
    for layer in LAYERS:
        for name, sql in layer_files(layer).items():
            digest.update(f"{layer}/{name}\0{sql}".encode())
    return digest.hexdigest()
