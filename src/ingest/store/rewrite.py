"""Rewriting the database into a fresh file, so that what was deleted leaves the disk, not only the tables.

DuckDB marks the blocks of deleted rows free and reuses them later; until then their bytes stay in the
file: after ``forget``, a forgotten contact's phone, company and message text were still found 2–3 times
each with ``grep -a``, once even after ``VACUUM`` and ``FORCE CHECKPOINT``. ``COPY FROM DATABASE`` writes
only what the tables hold now into a new file, which then takes the old one's place in one rename.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import duckdb

from ..errors import DatabaseError
from .sealing import KEY_VARIABLE, sync_path

FRESH = "unsocial_fresh"


def rewrite_database(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Replace the database file by a fresh copy of what it holds, while ``con`` still holds the old one.

    Held to the end, the old file takes no other process's writes between the copy and the rename (they
    would be lost); a process opening the path after the rename gets the new file. The copy is written in a
    folder only this user can enter, synced, and renamed over the database in the same folder: a crash at
    any point leaves the old file or the new one, whole. An encrypted database is copied under its key.
    """
    path = Path(path)
    try:
        _copy_and_replace(con, path)
    except (duckdb.Error, OSError) as exc:
        raise DatabaseError(path, f"could not be rewritten into a fresh file ({_reason(exc)}); the person is gone "
                            "from every table, but the file may still hold their bytes",
                            "free space beside it and run the same `unsocial forget` again") from None


def _copy_and_replace(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    con.execute("checkpoint")  # the WAL goes into the file: the copy reads it, and none is left to replay
    wal = path.with_name(path.name + ".wal")
    if wal.exists():  # it would be replayed onto the new file
        raise OSError(f"{wal.name} is still there after a checkpoint")
    name, encrypted = con.execute("select database_name, encrypted from duckdb_databases() "
                                  "where database_name = current_database()").fetchone()
    for stale in path.parent.glob(f".{path.name}.rewrite-*"):  # a rewrite killed midway: a copy of the data
        shutil.rmtree(stale, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.rewrite-"))  # mode 0700
    try:
        fresh = folder / path.name
        _copy(con, name, fresh, encrypted)
        os.chmod(fresh, 0o600)
        sync_path(fresh)
        os.replace(fresh, path)
        sync_path(path.parent)  # the rename itself is on disk
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy(con: duckdb.DuckDBPyConnection, name: str, fresh: Path, encrypted: bool) -> None:
    options = f" (encryption_key {_literal(os.environ[KEY_VARIABLE])})" if encrypted else ""
    con.execute(f"attach {_literal(str(fresh))} as {FRESH}{options}")
    try:
        con.execute(f'copy from database "{name.replace(chr(34), chr(34) * 2)}" to {FRESH}')
    finally:
        con.execute(f"detach {FRESH}")  # detaching checkpoints: the copy is one file, without WAL


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"



def _reason(exc: BaseException) -> str:
    found = re.search(r"no space left on device|permission denied|read-only file system|out of memory", str(exc),
                      re.IGNORECASE)
    return found.group(0).lower() if found else exc.__class__.__name__
