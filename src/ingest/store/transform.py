"""The SQL runner: every ``sql/<layer>/<relation>.sql`` becomes ``create or replace <relation>``.

Staging and intermediate relations are tables (the resolver runs between them); marts are views,
the public contract. Inside a layer, files run in dependency order, found by the relation names
each file mentions.

Owners never share a row, and every table relation is computed per owner (its joins, groups and
window partitions all include ``owner_id``). So a table can also be brought up to date for some
owners only: their rows deleted, then the relation's query inserted for them alone, every table it
reads narrowed to those owners first (``replace_owner_rows``), so the cost is theirs, not the team's.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

SQL_DIR = Path(os.environ.get("UNSOCIAL_SQL_DIR", Path(__file__).resolve().parents[3] / "sql"))
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


def apply_layer(con: duckdb.DuckDBPyConnection, layer: str, owners: Sequence[str] | None = None) -> list[str]:
    """Create or replace every relation of the layer; returns their names in the order applied.

    With ``owners``, a table layer that exists is brought up to date for those owners only: their
    rows are replaced, other owners' rows and relations without ``owner_id`` (fixed data) stay.
    """
    files = layer_files(layer)
    order = dependency_order(files)
    for name in order:
        if owners is None or LAYERS[layer] == "view":
            con.execute(f"create or replace {LAYERS[layer]} {name} as\n{files[name]}")
        elif "owner_id" in table_columns(con, name):
            replace_owner_rows(con, name, owners, files[name])
    return order


def replace_owner_rows(con: duckdb.DuckDBPyConnection, table: str, owners: Sequence[str], query: str) -> None:
    """Delete the owners' rows of ``table`` and insert ``query``'s rows of those owners.

    Every owner-keyed table the query reads is narrowed to the owners first (a CTE of the same name
    shadows it): DuckDB does not push a filter into the right side of a left join, so filtering only
    the result would still aggregate every owner's rows.
    """
    if not owners:
        return
    marks = ", ".join(f"${i}" for i in range(1, len(owners) + 1))
    scope = ", ".join(f"{name} as (select * from {name} where owner_id in ({marks}))"
                      for name in _owner_tables(con) if name != table and re.search(rf"\b{name}\b", _strip_comments(query)))
    con.execute(f"delete from {table} where owner_id in ({marks})", list(owners))
    con.execute(f"insert into {table} by name {'with ' + scope if scope else ''}\n"
                f"select * from (\n{query}\n) where owner_id in ({marks})", list(owners))


def _owner_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute("""
        select table_name from information_schema.tables join information_schema.columns using (table_name)
        where table_type = 'BASE TABLE' and column_name = 'owner_id' order by 1""").fetchall()]


def table_columns(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    return [row[0] for row in con.execute("select column_name from information_schema.columns "
                                          "where table_name = ? order by ordinal_position", [name]).fetchall()]


def layers_exist(con: duckdb.DuckDBPyConnection, layers: Iterable[str]) -> bool:
    """Whether every relation of these layers is in the database."""
    existing = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    return all(set(layer_files(layer)) <= existing for layer in layers)


def sql_fingerprint(layers: Iterable[str] = LAYERS) -> str:
    """Changes whenever an SQL file of these layers changes, so that a changed model is never skipped as unchanged."""
    digest = hashlib.sha256()
    for layer in layers:
        for name, sql in layer_files(layer).items():
            digest.update(f"{layer}/{name}\0{sql}".encode())
    return digest.hexdigest()
