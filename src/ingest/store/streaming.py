"""``unsocial ingest``'s load beside its parse: each table of rows the parse keeps in memory goes into the
database at once, on a thread of its own, instead of all of them after the parse.

DuckDB inserts without holding Python's lock, so on a second core the load goes on beside the parse: what
is left after the parse is the last tables, the counts and the commit (a Twitter archive of 200,000 records:
1.58 s instead of 1.70 s, for 0.05 s more CPU: inserts of a batch each, and two threads sharing the caches;
bench/results/twitter.md). The rows and their counts are those of ``database.load_batches``, in one transaction
all the same. An export whose parse fails after some of its rows went in cannot be taken out again (DuckDB
has no savepoints): then the transaction is rolled back, and the exports that were read whole are loaded
by ``load_batches`` from the tables they kept, as if nothing had been streamed.
"""

from __future__ import annotations

import queue
import threading
from typing import TYPE_CHECKING

import duckdb

from .database import (begin_load, commit_load, delete_export, insert_table, load_batches, replace_export,
                       restore_settings, rollback)

if TYPE_CHECKING:
    import pyarrow as pa

    from .batches import ParsedExport

_DONE = None


class LoadWhileParsing:
    """The load of one command's exports, table by table as ``BatchWriter`` keeps them (``add``), then
    ``finish``. Until ``finish``, the connection is this loader's alone."""

    def __init__(self, con: duckdb.DuckDBPyConnection, owner_id: str):
        self.con, self.owner_id = con, owner_id
        self.started: list[ParsedExport] = []  # exports with rows in the transaction, in order
        self.settings: tuple[int, str] | None = None  # to restore, once the transaction began
        self.failure: BaseException | None = None
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name="unsocial-load", daemon=True)

    def __enter__(self) -> LoadWhileParsing:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        if self._thread.is_alive():  # left without finish (an error, Ctrl-C): nothing of it stays
            self._stop()
            self._abort()

    def add(self, export: ParsedExport, table: str, rows: pa.Table) -> None:
        """One table of rows of ``export``, kept in memory by its parse (``write_batches``' ``on_table``)."""
        self._queue.put((export, table, rows))

    def finish(self, parsed: list[ParsedExport]) -> None:
        """Load what is not in yet (batches written to files, exports that kept no table) and commit; the
        same rows and counts as ``load_batches(con, owner_id, parsed)``."""
        self._stop()
        if self.failure is not None or any(not any(e is p for p in parsed) for e in self.started):
            self._abort()  # an insert failed, or a parse failed after some of its rows went in
            load_batches(self.con, self.owner_id, parsed)
            return
        if self.settings is None:
            self.settings = begin_load(self.con)
        try:
            for export in parsed:  # each parse finished: only now do its rows replace the earlier ones
                replace_export(self.con, export, streamed=any(export is e for e in self.started))
            commit_load(self.con, self.owner_id)
        except BaseException:
            rollback(self.con)
            raise
        finally:
            restore_settings(self.con, self.settings)

    def _work(self) -> None:
        while (item := self._queue.get()) is not _DONE:
            if self.failure is None:
                try:
                    self._insert(*item)
                except BaseException as exc:  # noqa: BLE001 — finish loads again the plain way, which reports it
                    self.failure = exc

    def _insert(self, export: ParsedExport, table: str, rows: pa.Table) -> None:
        if self.settings is None:
            self.settings = begin_load(self.con)
        if not any(export is e for e in self.started):
            delete_export(self.con, export)
            self.started.append(export)
        insert_table(self.con, table, export, rows)

    def _stop(self) -> None:
        self._queue.put(_DONE)
        self._thread.join()

    def _abort(self) -> None:
        if self.settings is not None:
            rollback(self.con)
            restore_settings(self.con, self.settings)
            self.settings = None
