"""The DuckDB file: connecting safely, the raw schema, and the single writer that loads batches."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from .errors import DatabaseBusyError

if TYPE_CHECKING:
    from .batches import ParsedExport

# The raw tables, one per record model (``models.RECORD_TABLES``), named here so that opening the
# database does not import the models.
RAW_TABLES = ("raw_accounts", "raw_interactions", "raw_quarantine", "raw_members")

BOOKKEEPING = (
    """create table if not exists ingested_exports (
  owner_id VARCHAR, export_path VARCHAR, export_id VARCHAR, source VARCHAR,
  records_read BIGINT, records_loaded BIGINT, records_quarantined BIGINT, message_text BOOLEAN,
  primary key (owner_id, export_path))""",
    "create table if not exists settings (key VARCHAR primary key, value VARCHAR)",
    """create table if not exists tombstones (
  owner_id VARCHAR, platform VARCHAR, account_ref VARCHAR, forgotten_at TIMESTAMP)""",
    "create table if not exists tombstone_keys (owner_id VARCHAR, kind VARCHAR, value VARCHAR)",
    """create table if not exists overrides (
  owner_id VARCHAR, rule VARCHAR, platform_a VARCHAR, account_ref_a VARCHAR, platform_b VARCHAR, account_ref_b VARCHAR)""",
)


KEY_VARIABLE = "UNSOCIAL_DB_KEY"  # the encryption key: from the environment, never from the command line


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database (owner-only permissions); a clear error when another process holds it.

    With ``UNSOCIAL_DB_KEY`` set, the database is encrypted at rest (DuckDB's AES encryption).
    """
    path = Path(path)
    if read_only and not path.exists():
        raise DatabaseBusyError(path, "no database here", "run `unsocial run INBOX` first or pass --db")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = os.environ.get(KEY_VARIABLE)
    try:
        con = _open_encrypted(path, key, read_only) if key else duckdb.connect(str(path), read_only=read_only)
    except (duckdb.IOException, duckdb.InvalidInputException, duckdb.Error) as exc:
        raise _open_error(path, exc, key) from None
    # DuckDB takes up to 80% of RAM by default; capped, it spills to disk instead, so that a whole
    # run (Python included) stays well under 1 GB. UNSOCIAL_DUCKDB_MEMORY raises the cap.
    con.execute(f"set memory_limit = '{os.environ.get('UNSOCIAL_DUCKDB_MEMORY', '400MB')}'")
    if not read_only:
        os.chmod(path, 0o600)
        ensure_schema(con)
    return con


def _open_encrypted(path: Path, key: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the encrypted file attached and in use.

    DuckDB 1.4 writes encrypted files only with OpenSSL's crypto from the httpfs extension; the
    ``duckdb-ext-httpfs`` wheel ships it, so no download happens at run time.
    """
    con = duckdb.connect()
    con.execute(f"load '{_httpfs_extension()}'")
    mode = ", read_only" if read_only else ""
    con.execute(f"attach '{_quoted(str(path))}' as unsocial (encryption_key '{_quoted(key)}'{mode})")
    con.execute("use unsocial")
    return con


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def _httpfs_extension() -> str:
    import importlib.util

    spec = importlib.util.find_spec("duckdb_ext")
    found = sorted(Path(p) for root in (spec.submodule_search_locations if spec else [])
                   for p in Path(root).glob(f"extensions/v{duckdb.__version__}/*/httpfs.duckdb_extension"))
    if not found:
        raise DatabaseBusyError("httpfs", "encryption needs the duckdb-ext-httpfs package for this DuckDB",
                                f"install it, or unset {KEY_VARIABLE}")
    return str(found[0])


def _open_error(path: Path, exc: Exception, key: str | None) -> DatabaseBusyError:
    text = str(exc).lower()
    if "lock" in text:
        return DatabaseBusyError(path, "another process is using the database", "wait for it to finish and try again")
    if "encrypt" in text or "key" in text:
        return DatabaseBusyError(path, "the database is encrypted and the key does not open it" if key else
                                 "the database is encrypted", f"set {KEY_VARIABLE} to its key")
    return DatabaseBusyError(path, "not a readable DuckDB database", "pass another --db")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create what is missing; a database that has every table is left untouched."""
    existing = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    if existing >= {*RAW_TABLES, "ingested_exports", "settings", "overrides", "tombstones", "tombstone_keys"}:
        _add_message_text(con)
        return
    from .models import RECORD_TABLES
    from .schema import create_table_sql

    con.begin()  # all or nothing: a run killed here leaves no half schema behind
    for model in RECORD_TABLES:
        con.execute(create_table_sql(model))
    for statement in BOOKKEEPING:
        con.execute(statement)
    _add_message_text(con)
    con.commit()


def _add_message_text(con: duckdb.DuckDBPyConnection) -> None:
    """Databases made before message text could be kept get its columns (null: not kept)."""
    columns = {row[0] for row in con.execute("select table_name || '.' || column_name from information_schema.columns "
                                             "where column_name = 'message_text'").fetchall()}
    for table, kind in (("raw_interactions", "VARCHAR"), ("ingested_exports", "BOOLEAN")):
        if f"{table}.message_text" not in columns:
            con.execute(f"alter table {table} add column message_text {kind}")


def kept_text(con: duckdb.DuckDBPyConnection) -> str:
    """SQL for ``ingested_exports``' message_text, false in a database (opened read-only) made before it."""
    found = con.execute("select 1 from information_schema.columns where table_name = 'ingested_exports' "
                        "and column_name = 'message_text'").fetchone()
    return "coalesce(message_text, false)" if found else "false"


def known_exports(con: duckdb.DuckDBPyConnection, owner_id: str) -> dict[str, tuple[str, str, bool]]:
    """export_path → (export_id, source, whether message text was kept) of what is loaded for this owner."""
    rows = con.execute(f"select export_path, export_id, source, {kept_text(con)} from ingested_exports "
                       "where owner_id = ?", [owner_id])
    return {path: (export_id, source, text) for path, export_id, source, text in rows.fetchall()}


def load_batches(con: duckdb.DuckDBPyConnection, owner_id: str, parsed: Iterable["ParsedExport"],
                 present: Iterable[str] | None = None) -> None:
    """Replace each parsed export's rows, and drop exports no longer present, in one transaction.

    DuckDB runs the load on one thread: inserting into the database file on two cost twice the CPU
    and more wall time here (550,000 Facebook rows: 0.8 s on one thread, 1.3 s on two).
    """
    threads = con.execute("select current_setting('threads')").fetchone()[0]
    con.execute("set threads = 1")
    con.begin()
    try:
        for export in parsed:
            _replace_export(con, export)
        if present is not None:
            for export_path in set(known_exports(con, owner_id)) - set(present):
                _delete_export(con, owner_id, export_path)
        from .privacy import apply_tombstones

        apply_tombstones(con)  # people forgotten earlier stay forgotten
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        _set_threads(con, int(threads))


def _set_threads(con: duckdb.DuckDBPyConnection, threads: int) -> None:
    try:
        con.execute(f"set threads = {threads}")
    except duckdb.Error:  # a connection that failed mid-load: its error is the one to report
        pass


def _delete_export(con: duckdb.DuckDBPyConnection, owner_id: str, export_path: str) -> None:
    for table in (*RAW_TABLES, "ingested_exports"):
        con.execute(f"delete from {table} where owner_id = ? and export_path = ?", [owner_id, export_path])


def _replace_export(con: duckdb.DuckDBPyConnection, export: "ParsedExport") -> None:
    _delete_export(con, export.owner_id, export.export_path)
    folder = Path(export.batch_dir)
    for table in RAW_TABLES:
        files = sorted(str(f) for f in folder.glob(f"{table}-*.parquet"))
        if files:
            con.execute(f"insert into {table} by name select ? as owner_id, ? as export_id, ? as export_path, * "
                        f"from read_parquet(?)", [export.owner_id, export.export_id, export.export_path, files])
    export.loaded = _loaded_records(con, export)
    export.nameless = _nameless_accounts(con, export)
    con.execute("insert into ingested_exports values (?, ?, ?, ?, ?, ?, ?, ?)",
                [export.owner_id, export.export_path, export.export_id, export.source,
                 export.read, export.loaded, export.quarantined, export.message_text])


def _nameless_accounts(con: duckdb.DuckDBPyConnection, export: "ParsedExport") -> int:
    """Accounts of the export that no row names (no display name, handle or e-mail)."""
    return con.execute("""select count(*) from (
        select account_ref from raw_accounts where owner_id = $1 and export_path = $2 and not is_owner
        group by account_ref having count(display_name) = 0 and count(handle) = 0 and count(email) = 0)""",
                       [export.owner_id, export.export_path]).fetchone()[0]


def _loaded_records(con: duckdb.DuckDBPyConnection, export: "ParsedExport") -> int:
    """Records of the export that reached the database: distinct (file, line) among its rows.

    Counted here, independently of the parser, so that a record a parser dropped without
    quarantining it shows up as counts that do not reconcile.
    """
    rows = con.execute("""select count(*) from (
        select member, line from raw_accounts where owner_id = $1 and export_path = $2
        union
        select member, line from raw_interactions where owner_id = $1 and export_path = $2)""",
                       [export.owner_id, export.export_path]).fetchone()
    return rows[0]


def get_setting(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("select value from settings where key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("insert or replace into settings values (?, ?)", [key, value])
