"""The database for analysts in Python: each public view, and any query, as a ``polars.DataFrame``.

    >>> from ingest import open_db
    >>> with open_db("unsocial.duckdb") as db:
    ...     db.no_offline().head(10)

The handle is read-only and has no file access, as ``unsocial sql`` (``database.lock_down``): a query may
read the database's tables and views and nothing else, and writes nothing. DuckDB hands its result to polars
as Arrow. ``owner`` (on the handle, or on each call) keeps one owner's rows of a database that holds several.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UnsocialError
from .store.database import connect, lock_down

if TYPE_CHECKING:
    import duckdb
    import polars

# The public views (sql/marts, design.md), one method each; tests check that none is missing.
VIEWS = {
    "person_accounts": "Accounts of contacts on the social platforms, with the evidence that linked them.",
    "contacts": "People other than the owner with at least one social-platform account.",
    "no_offline": "Contacts never met offline, most online activity first.",
    "interactions": "Interactions with contacts up to the reference date, online and offline.",
    "quarantine": "Records that could not be loaded, with file, place and reason.",
    "not_read": "Files and records this version did not read, and what to do.",
    "advice": "What to do about each reason a record is refused for.",
    "follow_up": "Contacts connected recently and not met offline since (rule 1).",
    "core_circle": "The 60 strongest contacts (rule 2).",
    "unanswered": "Contacts with a direct message not answered in time (rule 3).",
    "reciprocity": "What was given to and received from each contact (rule 4).",
    "tenure": "How long each relationship has lasted (rule 5).",
    "unmatched_offline": "People met offline who are on no platform.",
    "match_review": "Accounts several people match: questions for the owner.",
    "overview": "The summary page's key numbers and the current settings, per owner.",
    "strength_weights": "The weights strength uses, per kind of interaction or offline mode.",
}


class Database:
    """A read-only handle on an unsocial database (``open_db``)."""

    def __init__(self, path: Path | str, owner: str | None = None):
        self.path, self.owner = Path(path), owner
        self._con: duckdb.DuckDBPyConnection | None = connect(self.path, read_only=True)
        lock_down(self._con)

    def sql(self, query: str, params: list | None = None) -> polars.DataFrame:
        """Any query over the tables and views, with ``?`` placeholders filled from ``params``."""
        return self._connection().execute(query, params or []).pl()

    def view(self, name: str, owner: str | None = None) -> polars.DataFrame:
        """A public view by name, one owner's rows when ``owner`` (or the handle's owner) is given."""
        if name not in VIEWS:
            raise UnsocialError(name, "not a public view", f"use one of {', '.join(VIEWS)}")
        owner = owner or self.owner
        if owner is None or not self._has_owner_column(name):
            return self.sql(f"select * from {name}")
        return self.sql(f"select * from {name} where owner_id = ?", [owner])

    def owners(self) -> list[str]:
        """The owners whose data the database holds."""
        return [row[0] for row in self._connection().execute(
            "select distinct owner_id from contacts order by 1").fetchall()]

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise UnsocialError(str(self.path), "this handle is closed", "open the database again with open_db")
        return self._con

    def _has_owner_column(self, view: str) -> bool:
        return bool(self._connection().execute(
            "select 1 from information_schema.columns where table_name = ? and column_name = 'owner_id'",
            [view]).fetchone())


def _view_method(name: str, summary: str):
    def method(self: Database, owner: str | None = None) -> polars.DataFrame:
        return self.view(name, owner)

    method.__name__ = name
    method.__doc__ = f"``{name}``: {summary} One owner's rows with ``owner``."
    return method


for _name, _summary in VIEWS.items():
    setattr(Database, _name, _view_method(_name, _summary))


def open_db(path: Path | str = "unsocial.duckdb", owner: str | None = None) -> Database:
    """A read-only handle on the database at ``path`` (the CLI's default: ``unsocial.duckdb`` here)."""
    return Database(path, owner)
