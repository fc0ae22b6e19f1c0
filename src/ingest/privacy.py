"""The right to erasure: ``unsocial forget`` removes a person from every table and report for good.

Their accounts go to ``tombstones`` (owner, platform, account_ref) and their identifiers (e-mails,
profile URLs, names) to ``tombstone_keys``: the suppression list, the one place they remain, so that
every later load can delete their rows again, also under a new account_ref (a journal entry now
written with their e-mail). Staging leaves out anything tombstoned as well. Quarantine entries whose excerpt names one of their accounts go too. Marts, evidence and
reports are then rebuilt without them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from .errors import UnsocialError


def forget_person(con: duckdb.DuckDBPyConnection, person_id: str) -> int:
    """Tombstone every account of the person and delete their rows; returns how many accounts."""
    accounts = con.execute("select owner_id, platform, account_ref from int_accounts where person_id = ?",
                           [person_id]).fetchall()
    if not accounts:
        raise UnsocialError(person_id, "no such person", "take a person_id from the contacts view")
    if con.execute("select bool_or(is_owner_person) from int_accounts where person_id = ?", [person_id]).fetchone()[0]:
        raise UnsocialError(person_id, "this is the owner", "delete the owner's database instead")
    con.begin()
    try:
        con.executemany("insert into tombstones values (?, ?, ?, current_timestamp)", accounts)
        con.execute("""insert into tombstone_keys
            select distinct raw.owner_id, key.kind, key.value
            from raw_accounts as raw
            join tombstones using (owner_id, platform, account_ref),
            lateral (select unnest([{'kind': 'email', 'value': raw.email}, {'kind': 'url', 'value': raw.profile_url},
                                    {'kind': 'name', 'value': raw.display_name}]) as key)
            where key.value is not null""")
        apply_tombstones(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return len(accounts)


def apply_tombstones(con: duckdb.DuckDBPyConnection) -> None:
    """Delete every row of a forgotten person, also under a new account_ref a later import gave them.

    An account is theirs when a row of it carries one of their e-mails or profile URLs, or, for an
    account known by its name alone (a journal entry), their name. Quarantine excerpts that name
    them or their addresses go too.
    """
    con.execute("""insert into tombstones
        select distinct raw.owner_id, raw.platform, raw.account_ref, current_timestamp
        from raw_accounts as raw
        join tombstone_keys as key
          on key.owner_id = raw.owner_id
         and ((key.kind = 'email' and raw.email = key.value)
           or (key.kind = 'url' and raw.profile_url = key.value)
           or (key.kind = 'name' and raw.account_ref in (key.value, lower(key.value))))
        where not exists (select 1 from tombstones as known where known.owner_id = raw.owner_id
                          and known.platform = raw.platform and known.account_ref = raw.account_ref)""")
    for table in ("raw_accounts", "raw_interactions"):
        con.execute(f"delete from {table} where (owner_id, platform, account_ref) in "
                    f"(select owner_id, platform, account_ref from tombstones)")
    con.execute("""delete from raw_quarantine where exists (
        select 1 from tombstone_keys as key
        where key.owner_id = raw_quarantine.owner_id and contains(raw_quarantine.excerpt, key.value))""")


def forget(db: Path, person_id: str, reports_dir: Path, as_of: date) -> int:
    """Forget a person and rebuild everything that could still show them."""
    from .database import connect
    from .pipeline import marts_step, resolve_step
    from .reports import write_reports

    with connect(db) as con:
        count = forget_person(con, person_id)
        resolve_step(con, force=True)
        marts_step(con, as_of, force=True)
        write_reports(con, reports_dir)
    return count
