"""Whose database a file is, and at which schema version: ``--db`` must never write into a database
this tool did not make, nor into one whose schema it does not know.

A database made by this tool carries a marker in ``settings``: ``app = unsocial`` and
``schema_version = N``. On opening it:

- no table and no view (a new file): it gets the schema and the marker (``database.ensure_schema``);
- the marker and this version's schema: nothing to do;
- the marker and an older schema: brought up to date, step by step (``MIGRATIONS``), in one transaction;
- the marker and a newer or unknown schema: refused, with what to do;
- no marker but the tables of the versions before markers (schema 0): recognised by them, and marked;
- no marker and other tables: someone else's database, refused before anything is written to it.

Reading (``unsocial sql``, the reports) refuses the same databases but migrates nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from ..errors import ForeignDatabaseError

APP = "unsocial"
# What versions before the marker always made, with the columns read to tell them from a stranger's tables.
LEGACY_COLUMNS = {
    "ingested_exports": {"owner_id", "export_path", "export_id", "source", "records_read"},
    "raw_accounts": {"owner_id", "export_path", "platform", "account_ref"},
    "raw_interactions": {"owner_id", "export_path", "platform", "account_ref"},
    "settings": {"key", "value"},
}


def _from_legacy(con: duckdb.DuckDBPyConnection) -> None:
    """Schema 0 → 1: the tables and columns the last version without a marker may lack; its plaintext list
    of forgotten people hashed (``store.forgotten.hash_legacy_lists``)."""
    from .forgotten import hash_legacy_lists
    from .tables import create_tables

    create_tables(con)
    hash_legacy_lists(con)


def _group_recipients(con: duckdb.DuckDBPyConnection) -> None:
    """Schema 1 → 2: an owner's message to a group stored once, with its list of members in ``raw_recipients``
    (``models.Recipient``). Rows loaded before, one per member, stay as they are: staging reads both forms."""
    from .tables import create_tables

    create_tables(con)
    found = con.execute("select 1 from duckdb_columns() where database_name = current_database() and schema_name = "
                        "'main' and table_name = 'raw_interactions' and column_name = 'recipients_line'").fetchone()
    if not found:
        con.execute("alter table raw_interactions add column recipients_line BIGINT")


# MIGRATIONS[n] brings a database from schema n to n + 1; this version's schema is their count.
MIGRATIONS: list[Callable[[duckdb.DuckDBPyConnection], None]] = [_from_legacy, _group_recipients]
SCHEMA_VERSION = len(MIGRATIONS)


def database_version(con: duckdb.DuckDBPyConnection, path: object) -> int | None:
    """The schema version of the open database (0: made before markers), None when it has no table;
    a database this version must not touch raises ``ForeignDatabaseError`` naming ``path``."""
    if _is_empty(con):
        return None
    marker = _marker(con)
    if marker.get("app") == APP:
        return _known(marker.get("schema_version"), path)
    columns = _columns(con)
    if all(needed <= columns.get(table, set()) for table, needed in LEGACY_COLUMNS.items()):
        return 0
    raise ForeignDatabaseError(path, f"not a database of {APP} (it holds other tables and no {APP} marker); "
                               "it is left untouched", "pass another --db (a new file is made there)")


def migrate(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """Bring a database of an older schema up to this version's, and mark it (inside the caller's transaction)."""
    for step in MIGRATIONS[version:]:
        step(con)
    stamp(con)


def stamp(con: duckdb.DuckDBPyConnection) -> None:
    """Mark the database as this tool's, at this version's schema."""
    con.executemany("insert or replace into settings values (?, ?)",
                    [["app", APP], ["schema_version", str(SCHEMA_VERSION)]])


def _known(version: str | None, path: object) -> int:
    if version is None or not version.isdigit() or len(version) > 6:
        raise ForeignDatabaseError(path, f"made by {APP} with an unknown schema version", "pass another --db")
    if int(version) > SCHEMA_VERSION:
        raise ForeignDatabaseError(path, f"made by a newer version of {APP} (schema version {int(version)}; this "
                                   f"version knows up to {SCHEMA_VERSION})", "upgrade unsocial to open it")
    return int(version)


def _is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database in use (an encrypted one is attached and in use) holds no table and no view."""
    for catalog in ("duckdb_tables() where", "duckdb_views() where not internal and"):  # views cost 5 ms: last
        if con.execute(f"select count(*) from {catalog} database_name = current_database()").fetchone()[0]:
            return False
    return True


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """The columns of the tables that tell this tool's database (``LEGACY_COLUMNS``), where they exist.

    Read from ``duckdb_columns()`` for these tables only: the information schema binds every view of
    the database first (17 ms on the demo database)."""
    rows = con.execute("select table_name, column_name from duckdb_columns() where database_name = current_database() "
                       "and schema_name = 'main' and table_name in (select unnest(?))",
                       [list(LEGACY_COLUMNS)]).fetchall()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return columns


def _marker(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The marker's rows; none when there is no table ``settings (key, value)`` (asked, not looked up
    first: the catalog functions cost more than the query)."""
    try:
        rows = con.execute("select key::varchar, value::varchar from main.settings "
                           "where key::varchar in ('app', 'schema_version')").fetchall()
    except duckdb.Error:
        return {}
    return {key: value for key, value in rows}
