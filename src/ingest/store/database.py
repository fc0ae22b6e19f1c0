"""The DuckDB file: connecting safely, the raw schema, and the single writer that loads batches."""

from __future__ import annotations

import importlib.util
import itertools
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ..errors import DatabaseBusyError, DatabaseError
from .sealing import KEY_VARIABLE  # the key: from the environment, never from the command line
from .tables import RAW_TABLES, create_tables

if TYPE_CHECKING:
    from .batches import ParsedExport


MEMORY_VARIABLE = "UNSOCIAL_DUCKDB_MEMORY"
MEMORY_SIZE = re.compile(r"\d{1,7}(\.\d{1,3})?\s?([KMGT]i?B)", re.IGNORECASE)


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database (owner-only permissions); a clear error when another process holds it.

    With ``UNSOCIAL_DB_KEY`` set, the database is encrypted at rest (DuckDB's AES encryption).
    """
    path = Path(path)
    limit = memory_limit()  # a bad value fails before anything is opened
    if read_only and not path.exists():
        raise DatabaseBusyError(path, "no database here", "run `unsocial run INBOX` first or pass --db")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not read_only:
        _check_writable(path)
    if not read_only and path.is_file() and path.stat().st_size == 0:
        path.unlink()  # an empty file (`touch`, mktemp) is a new database, which DuckDB cannot open as such
    key = os.environ.get(KEY_VARIABLE)
    _remember_pandas_absent()
    try:
        con = _open_encrypted(path, key, read_only) if key else duckdb.connect(str(path), read_only=read_only)
    except (duckdb.IOException, duckdb.InvalidInputException, duckdb.Error) as exc:
        raise _open_error(path, exc, key) from None
    con.execute(f"set memory_limit = '{limit}'")
    version = _checked_version(con, path)  # someone else's database is refused before it is touched
    if not read_only:
        os.chmod(path, 0o600)
        ensure_schema(con, version)
    return con


def _remember_pandas_absent() -> None:
    """Tell Python once that pandas is not installed, when it is not.

    DuckDB's client looks for pandas to convert every parameter bound to a statement, and an import that
    fails is not remembered: each one searches every folder of ``sys.path`` again, about 0.3 ms per
    parameter, 211 times in one ``unsocial ingest`` of bench.twitter_speed's groups archive (some 60 ms, 3%
    of its CPU time). A finder placed first (``_PandasAbsent``) refuses it at once, with the exception a
    missing module raises. Not ``None`` in ``sys.modules``: modules compiled by Cython read that entry as the
    module itself, and pyarrow, wherever numpy is installed, then took None for pandas and stopped every run
    with a traceback."""
    if "pandas" in sys.modules or any(isinstance(finder, _PandasAbsent) for finder in sys.meta_path):
        return
    try:
        absent = importlib.util.find_spec("pandas") is None
    except ImportError:  # a finder that refuses it (the benchmark's, which hides pandas as a clean install does)
        absent = True
    if absent:
        sys.meta_path.insert(0, _PandasAbsent())


class _PandasAbsent:
    """A meta path finder for a pandas known not to be installed."""

    def find_spec(self, name: str, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def memory_limit() -> str:
    """``UNSOCIAL_DUCKDB_MEMORY``, checked to be a size: it goes into SQL, where a crafted value once ran
    statements of its own (a COPY that wrote a file).

    DuckDB takes up to 80% of RAM by default; capped, it spills to disk instead, so that a whole run
    (Python included) stays well under 1 GB. The variable raises the cap."""
    value = os.environ.get(MEMORY_VARIABLE, "").strip() or "400MB"
    if not MEMORY_SIZE.fullmatch(value):
        raise DatabaseError(MEMORY_VARIABLE, "is not a size", "set it like 400MB, 1.5GB or 2GiB (units KB, MB, GB, "
                            "TB, KiB, MiB, GiB, TiB), or unset it for 400MB")
    return value


def _check_writable(path: Path) -> None:
    """Writing needs the file and its folder: DuckDB writes its WAL beside the file at the first commit,
    where the failure would come late and in DuckDB's words."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseError(path, "the database's folder cannot be written (DuckDB keeps a write-ahead log "
                            "beside the file)", "let this user write the folder, or pass another --db")
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(path, "the database file is read-only", "make it writable for this user (chmod u+w), "
                            "or pass another --db; `unsocial sql` reads it as it is")


def _checked_version(con: duckdb.DuckDBPyConnection, path: Path) -> int | None:
    from .migrations import database_version

    try:
        return database_version(con, path)
    except BaseException:
        con.close()
        raise


def _open_encrypted(path: Path, key: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the encrypted file attached and in use.

    DuckDB 1.4 writes encrypted files only with OpenSSL's crypto from the httpfs extension; the
    ``duckdb-ext-httpfs`` wheel ships it, so no download happens at run time.
    """
    con = duckdb.connect()
    encryption_setup(con, path)
    mode = ", read_only" if read_only else ""
    con.execute(f"attach '{_quoted(str(path))}' as unsocial (encryption_key '{_quoted(key)}'{mode})")
    con.execute("use unsocial")
    return con


def encryption_setup(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """DuckDB's crypto (httpfs), and the connection's spill files encrypted, beside the database.

    DuckDB 1.4 leaves ``temp_file_encryption`` off for an in-memory connection with an encrypted database
    attached, and spills into ``./.tmp`` of the working folder: a large sort or join wrote contacts' rows
    there in plaintext (measured) until these two settings."""
    con.execute(f"load '{_httpfs_extension()}'")
    con.execute("set temp_file_encryption = true")
    con.execute(f"set temp_directory = '{_quoted(str(path) + '.tmp')}'")


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
    if "is not encrypted" in text:
        return DatabaseError(path, f"the database is not encrypted, but {KEY_VARIABLE} is set", f"unset "
                             f"{KEY_VARIABLE} to use it as it is, or encrypt it with `unsocial encrypt --db {path}`")
    if "permission denied" in text or "read-only file system" in text:
        return DatabaseError(path, "the database cannot be opened (permission denied)",
                             "let this user read and write it, or pass another --db")
    if "encrypt" in text or "key" in text:
        return DatabaseBusyError(path, "the database is encrypted and the key does not open it" if key else
                                 "the database is encrypted", f"set {KEY_VARIABLE} to its key")
    return DatabaseBusyError(path, "not a readable DuckDB database", "pass another --db")


def ensure_schema(con: duckdb.DuckDBPyConnection, version: int | None) -> None:
    """A new database (``version`` None) gets the schema, an older one is brought up to date, both marked
    as this tool's (``ingest.store.migrations``); one at this version's schema is left untouched."""
    from .migrations import SCHEMA_VERSION, migrate, stamp

    if version == SCHEMA_VERSION:
        return
    con.begin()  # all or nothing: a run killed here leaves no half schema behind
    try:
        if version is None:
            create_tables(con)
            stamp(con)
        else:
            migrate(con, version)
        con.commit()
    except BaseException:
        rollback(con)
        raise


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
    """Replace each parsed export's rows, and drop exports no longer present, in one transaction."""
    with load_transaction(con, owner_id):
        for export in parsed:
            replace_export(con, export)
        if present is not None:
            for export_path in set(known_exports(con, owner_id)) - set(present):
                _delete_export(con, owner_id, export_path)


@contextmanager
def load_transaction(con: duckdb.DuckDBPyConnection, owner_id: str) -> Iterator[None]:
    """A load's transaction (``begin_load``), committed by ``commit_load`` at its end, or rolled back."""
    settings = begin_load(con)
    try:
        yield
        commit_load(con, owner_id)
    except BaseException:
        rollback(con)
        raise
    finally:
        restore_settings(con, settings)


def begin_load(con: duckdb.DuckDBPyConnection) -> tuple[int, str]:
    """Begin a load's transaction, under the settings every load runs with; the settings to restore after it.

    DuckDB runs the load on one thread: inserting into the database file on two cost twice the CPU
    and more wall time here (550,000 Facebook rows: 0.8 s on one thread, 1.3 s on two). Nor does it try
    FSST on the raw tables' strings (ids, file names, kinds; dictionaries hold those well): trying it
    was 13% of the load (250,000 Twitter rows: 0.38 s with it, 0.33 s without) for files a third smaller.
    """
    threads, methods = con.execute("select current_setting('threads'), "
                                   "current_setting('disabled_compression_methods')").fetchone()
    con.execute("set threads = 1")
    con.execute("set disabled_compression_methods = 'fsst'")
    con.begin()
    return int(threads), methods


def commit_load(con: duckdb.DuckDBPyConnection, owner_id: str) -> None:
    """The end of every load: people forgotten earlier stay forgotten; then the commit."""
    from .forgotten import apply_suppression

    apply_suppression(con, owner_id)
    con.commit()


def restore_settings(con: duckdb.DuckDBPyConnection, settings: tuple[int, str]) -> None:
    threads, methods = settings
    for setting in (f"threads = {threads}", f"disabled_compression_methods = '{methods.replace(chr(39), '')}'"):
        try:
            con.execute(f"set {setting}")
        except duckdb.Error:  # a connection that failed mid-load: its error is the one to report
            pass


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failure, which stays the error reported.

    A commit that failed (a folder that cannot be written, a full disk) has ended the transaction
    already: DuckDB answers the rollback with "cannot rollback - no transaction is active", which,
    raised from an ``except`` clause, hid why the commit failed."""
    try:
        con.rollback()
    except duckdb.Error:
        pass


def database_failure(exc: BaseException) -> DatabaseError | None:
    """The one-line error for a DuckDB failure the user can act on (out of memory, a file that cannot be
    written), or None for any other (a bug, shown as it is)."""
    if isinstance(exc, duckdb.OutOfMemoryException):
        limit = os.environ.get(MEMORY_VARIABLE, "").strip() or "400MB"  # a size: checked when connecting
        return DatabaseError(MEMORY_VARIABLE, f"DuckDB ran out of memory under its limit ({limit})",
                             f"raise {MEMORY_VARIABLE} (e.g. to 2GB), or free memory, and run again")
    reason = re.search(r"permission denied|read-only file system|no space left on device", str(exc), re.IGNORECASE)
    if not isinstance(exc, duckdb.Error) or not reason:
        return None
    file = re.search(r'"([^"]+)"', str(exc))  # DuckDB quotes the file it failed on (the WAL, a spill file)
    return DatabaseError(file.group(1) if file else "the database", f"cannot be written ({reason.group(0).lower()})",
                         "let this user write the database's folder, or free space there, and run again")


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """No file access for SQL a user types (``unsocial sql``): reading a file (``read_text``, ``read_csv``),
    writing one (``COPY … TO``, ``EXPORT DATABASE``), attaching a database or loading an extension are
    refused, and the settings cannot be changed back. The database already open stays readable, and DuckDB
    may still spill to its temporary folder."""
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")


def record_unread(con: duckdb.DuckDBPyConnection, owner_id: str, files: dict[str, tuple[str, str]]) -> None:
    """The files of the owner's inbox that no source recognises (path → (what it is, what to do)), in place of the
    last run's."""
    con.begin()
    try:
        con.execute("delete from inbox_unread where owner_id = ?", [owner_id])
        if files:
            con.executemany("insert into inbox_unread values (?, ?, ?, ?)",
                            [[owner_id, path, what, todo] for path, (what, todo) in sorted(files.items())])
        con.commit()
    except BaseException:
        rollback(con)
        raise


def _delete_export(con: duckdb.DuckDBPyConnection, owner_id: str, export_path: str) -> None:
    for table in (*RAW_TABLES, "ingested_exports"):
        con.execute(f"delete from {table} where owner_id = ? and export_path = ?", [owner_id, export_path])


def replace_export(con: duckdb.DuckDBPyConnection, export: "ParsedExport", streamed: bool = False) -> None:
    """An export's rows in place of those it had; ``streamed``: the rows its parse kept in memory are in already,
    its earlier rows gone (``streaming.LoadWhileParsing``)."""
    from .batches import check_complete

    check_complete(export)  # batches gone or half written must not replace the export's rows with nothing
    if not streamed:
        delete_export(con, export)
    insert_batches(con, export, kept=not streamed)
    finish_export(con, export)


def delete_export(con: duckdb.DuckDBPyConnection, export: "ParsedExport") -> None:
    """The rows an export had, before its new ones go in."""
    _delete_export(con, export.owner_id, export.export_path)


def finish_export(con: duckdb.DuckDBPyConnection, export: "ParsedExport") -> None:
    """An export's counts from the rows that reached the database, and its row of ``ingested_exports``."""
    export.loaded = _loaded_records(con, export)
    export.nameless = _nameless_accounts(con, export)
    con.execute("insert into ingested_exports values (?, ?, ?, ?, ?, ?, ?, ?)",
                [export.owner_id, export.export_path, export.export_id, export.source,
                 export.read, export.loaded, export.quarantined, export.message_text])


def insert_batches(con: duckdb.DuckDBPyConnection, export: "ParsedExport", kept: bool = True) -> None:
    """The export's batches of every table: plain Parquet read by DuckDB itself, sealed ones (written under
    a key) opened in memory one at a time (50,000 rows at most), never as plaintext files; and, unless
    ``kept`` is False (they are in already), those the parse kept in memory."""
    from pyarrow import concat_tables

    from .batches import batch_files, open_sealed

    for table in RAW_TABLES:
        plain, sealed = batch_files(Path(export.batch_dir), table)
        if plain:
            con.execute(_insert_sql(table) + "read_parquet(?)", _provenance(export) + [plain])
        in_memory = export.tables.get(table) if kept else None  # one statement for all, as one table (no copy)
        for batch in itertools.chain([concat_tables(in_memory)] if in_memory else [], map(open_sealed, sealed)):
            insert_table(con, table, export, batch)


def insert_table(con: duckdb.DuckDBPyConnection, table: str, export: "ParsedExport", rows) -> None:
    """Rows of one table (an Arrow table) of the export."""
    con.register("arrow_batch", ArrowStream(rows))
    try:
        con.execute(_insert_sql(table) + "arrow_batch", _provenance(export))
    finally:
        con.unregister("arrow_batch")


def _insert_sql(table: str) -> str:
    return f"insert into {table} by name select ? as owner_id, ? as export_id, ? as export_path, * from "


def _provenance(export: "ParsedExport") -> list[str]:
    return [export.owner_id, export.export_id, export.export_path]


class ArrowStream:
    """An Arrow table handed to DuckDB as a C stream (the Arrow PyCapsule interface): registered as a pyarrow
    table, DuckDB imports ``pyarrow.dataset`` to tell its kind, 60 ms of every ``unsocial ingest``."""

    def __init__(self, table):
        self.table = table

    def __arrow_c_stream__(self, requested_schema=None):
        return self.table.__arrow_c_stream__(requested_schema)


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


