"""The right to erasure: ``unsocial forget`` removes a person from every table, report and byte of the database,
and keeps them out of later imports.

Their accounts and every identifier they had (e-mails, phones in E.164, profile URLs, handles, names with
the company they go with) join the suppression list as keyed hashes (``store.forgotten``, which every load
applies; ``store.suppression`` says which key covers what). ``forget`` then rebuilds resolution, marts and
reports, deletes parsed batches, and rewrites the database into a fresh file (``store.rewrite``): deleted rows
leave no bytes behind.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb

from .errors import UnsocialError
from .pipeline import marts_step, resolve_step, work_dir_of
from .reports.files import write_reports
from .store.database import connect, rollback
from .store.forgotten import TABLE, add_keys, hasher, owner_evidence, suppress
from .store.rewrite import rewrite_database
from .store.suppression import Node, squash


def forget(db: Path, person_id: str, reports_dir: Path, as_of: date) -> int | None:
    """Forget a person, rebuild everything that could still show them, delete parsed batches and rewrite the
    database file; returns how many accounts went, None when the person was forgotten before (the rest is
    done again: a forget interrupted before its rewrite is completed by running it again)."""
    with connect(db) as con:
        count = None if forgotten_before(con, person_id) else forget_person(con, person_id)
        resolve_step(con, force=True)
        marts_step(con, as_of, force=True)
        write_reports(con, reports_dir)
        drop_waiting_batches(work_dir_of(db))
        rewrite_database(con, db)  # still holding the database: nobody writes into the old file meanwhile
    return count


def forgotten_before(con: duckdb.DuckDBPyConnection, person_id: str) -> bool:
    h = hasher(con)
    return h is not None and bool(con.execute(f"select 1 from {TABLE} where kind = ? and digest = ?",
                                              list(h("person", person_id))).fetchone())


def drop_waiting_batches(work_dir: Path) -> None:
    """Parsed batches still waiting (a run killed before it loaded them) may hold the person: they go.
    A run under way re-parses what it misses."""
    if not work_dir.is_dir():
        return
    for child in work_dir.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def forget_person(con: duckdb.DuckDBPyConnection, person_id: str) -> int:
    """List the person's accounts and identifiers, spare their namesakes, apply the list; returns how many
    accounts went (theirs, and any other carrying one of their identifiers)."""
    owner_id, nodes = _person(con, person_id)
    con.begin()
    try:
        h = hasher(con, create=True)
        accounts = owner_evidence(con, owner_id)
        mine = [a for a in accounts if a.node in nodes]
        names = {n for a in mine for n in a.name_keys}
        keys = {k for a in mine for k in a.keys(h) | a.ghost_keys(h)} | {h("person", person_id)}
        # namesakes the resolver judged someone else: names never cover them (issue 15, item 2)
        keys |= {a.spared_key(h) for a in accounts if a.node not in nodes and a.name_keys & names}
        add_keys(con, owner_id, keys)
        tokens = {t for a in mine for text in (*a.name_keys, *a.handles) for t in squash(text)}
        count = suppress(con, h, owner_id, accounts, tokens)
        con.commit()
    except BaseException:
        rollback(con)
        raise
    return count


def _person(con: duckdb.DuckDBPyConnection, person_id: str) -> tuple[str, set[Node]]:
    try:
        rows = con.execute("select owner_id, platform, account_ref, is_owner_person from int_accounts "
                           "where person_id = ?", [person_id]).fetchall()
    except duckdb.CatalogException:  # a database no run has built people in yet
        rows = []
    if not rows:
        raise UnsocialError(person_id, "no such person", "take a person_id from the contacts view")
    if any(row[3] for row in rows):
        raise UnsocialError(person_id, "this is the owner", "delete the owner's database instead")
    return rows[0][0], {(platform, ref) for _, platform, ref, _ in rows}
