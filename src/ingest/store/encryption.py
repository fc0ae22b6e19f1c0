"""Encryption at rest under ``UNSOCIAL_DB_KEY``: a plaintext database encrypted in place (``unsocial encrypt``).

The database itself is DuckDB's encrypted format (``database.connect``); parsed batches are sealed under the
same key (``store.sealing``).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DatabaseError
from .sealing import KEY_VARIABLE, database_key, sync_path


def encrypt_database(db: Path) -> None:
    """Replace the plaintext database ``db`` by an encrypted copy under ``UNSOCIAL_DB_KEY``.

    The copy (DuckDB's ``COPY FROM DATABASE``) is written beside it, compared table by table, and renamed
    over it while the plaintext file is still held, so that no run writes to it meanwhile. The plaintext
    file is then unlinked: its blocks stay on the disk until reused (docs/threat-model.md says more).
    """
    import duckdb

    from .database import encryption_setup, memory_limit

    key = database_key()
    if key is None:
        raise DatabaseError(KEY_VARIABLE, "is not set", "set it to the key to encrypt with (a long random string, "
                            "e.g. from `openssl rand -base64 32`) and keep it: without it the database is lost")
    db = Path(db)
    if not db.is_file():
        raise DatabaseError(db, "no database here", "pass the database to encrypt with --db")
    copy = db.with_name(db.name + ".encrypting")
    _remove(copy)  # what an interrupted encryption left
    con = duckdb.connect()
    try:
        encryption_setup(con, db)
        con.execute(f"set memory_limit = '{memory_limit()}'")
        _attach(con, db, "plain", None)
        con.execute("use plain")
        from .migrations import database_version

        database_version(con, db)  # someone else's database is not ours to replace
        _copy_encrypted(con, copy, key)
        os.replace(copy, db)
        sync_path(db.parent)
    finally:
        con.close()
        _remove(copy)


def _attach(con, path: Path, alias: str, key: str | None) -> None:
    import duckdb

    from .database import _open_error, _quoted

    option = f" (encryption_key '{_quoted(key)}')" if key else ""
    try:
        con.execute(f"attach '{_quoted(str(path))}' as {alias}{option}")
    except duckdb.Error as exc:
        if key is None and "encrypt" in str(exc).lower():
            raise DatabaseError(path, "the database is encrypted already", f"nothing to do: open it with "
                                f"{KEY_VARIABLE} set to its key") from None
        raise _open_error(path, exc, key) from None


def _copy_encrypted(con, copy: Path, key: str) -> None:
    """The plaintext database copied into an encrypted file, its WAL folded in first, and compared."""
    con.execute("checkpoint plain")  # a killed run's WAL: into the copy, and no plaintext WAL left beside it
    _attach(con, copy, "sealed", key)
    con.execute("copy from database plain to sealed")
    if _contents(con, "plain") != _contents(con, "sealed"):
        raise DatabaseError(copy, "the encrypted copy does not match the database", "the database was left "
                            "as it was; report it as a bug")
    con.execute("detach sealed")  # checkpointed: the copy is whole in its file, with no WAL beside it
    os.chmod(copy, 0o600)
    with open(copy, "rb") as handle:
        os.fsync(handle.fileno())


def _contents(con, alias: str) -> list[tuple]:
    """Every table with its row count, and every view, of an attached database."""
    tables = [t for (t,) in con.execute("select table_name from duckdb_tables() where database_name = ? "
                                        "order by all", [alias]).fetchall()]
    views = con.execute("select view_name from duckdb_views() where database_name = ? and not internal "
                        "order by all", [alias]).fetchall()
    return [(t, con.execute(f'select count(*) from {alias}."{t}"').fetchone()[0]) for t in tables] + views


def _remove(copy: Path) -> None:
    for path in (copy, copy.with_name(copy.name + ".wal")):
        path.unlink(missing_ok=True)


