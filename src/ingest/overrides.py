"""The overrides file: ``must_link`` / ``cannot_link`` pairs of accounts that always win over the matcher.

CSV with the header ``rule,platform_a,account_ref_a,platform_b,account_ref_b``. Overrides belong to one
owner: ``unsocial run INBOX --overrides FILE`` stores them for the inbox's owner, and an inbox may hold
its own file, ``overrides.csv`` at its top (read by ``unsocial run`` and the DAG alike). They are stored
in the database with their ``owner_id``, so they survive re-imports and apply to that owner's later runs,
and to no other owner, until a new file for that owner replaces them (a header alone clears them).
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from .errors import UnsocialError

Node = tuple[str, str]  # (platform, account_ref)
Override = tuple[str, Node, Node]  # (rule, account a, account b)
OVERRIDES_FILE = "overrides.csv"  # an inbox's own overrides, at its top; not an export
COLUMNS = ("owner_id", "rule", "platform_a", "account_ref_a", "platform_b", "account_ref_b")


def load_overrides(path: Path) -> list[Override]:
    """``rule,platform_a,account_ref_a,platform_b,account_ref_b`` rows; rule is must_link or cannot_link."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError):
        raise UnsocialError(path, "cannot read the overrides file", "check the path and that it is UTF-8 CSV") from None
    overrides = []
    for number, row in enumerate(rows, start=2):
        rule = (row.get("rule") or "").strip()
        if rule not in ("must_link", "cannot_link") or not all(row.get(k) for k in
                                                               ("platform_a", "account_ref_a", "platform_b", "account_ref_b")):
            raise UnsocialError(f"{path}:{number}", "not a must_link/cannot_link row with both accounts",
                                "see the README's Overrides section")
        overrides.append((rule, (row["platform_a"].strip(), row["account_ref_a"].strip()),
                          (row["platform_b"].strip(), row["account_ref_b"].strip())))
    return overrides


def inbox_overrides(inbox: Path) -> Path | None:
    """The inbox's own overrides file, if it has one."""
    path = Path(inbox) / OVERRIDES_FILE
    return path if path.is_file() else None


def store_overrides(con: duckdb.DuckDBPyConnection, owner_id: str, overrides: list[Override]) -> bool:
    """Replace the owner's stored overrides (other owners' stay); False when they were the same already."""
    from .privacy import without_forgotten

    ensure_owner_column(con)
    rows = sorted(without_forgotten(con, owner_id, [(owner_id, rule, *a, *b) for rule, a, b in overrides]))
    stored = con.execute(f"select {', '.join(COLUMNS)} from overrides where owner_id = ? order by all",
                         [owner_id]).fetchall()
    if rows == stored:
        return False
    con.execute("delete from overrides where owner_id = ?", [owner_id])
    con.executemany(f"insert into overrides ({', '.join(COLUMNS)}) values (?, ?, ?, ?, ?, ?)", rows)
    return True


def owner_overrides(con: duckdb.DuckDBPyConnection, owners: list[str]) -> dict[str, tuple[list, list]]:
    """Each of these owners' stored (must_link, cannot_link) pairs; owners without overrides are left out."""
    ensure_owner_column(con)
    rows = con.execute(f"select owner_id, rule, platform_a, account_ref_a, platform_b, account_ref_b from overrides "
                       f"where owner_id in ({', '.join('?' * len(owners))}) order by all", owners).fetchall()
    pairs: dict[str, tuple[list, list]] = {}
    for owner_id, rule, *nodes in rows:
        pair = ((nodes[0], nodes[1]), (nodes[2], nodes[3]))
        pairs.setdefault(owner_id, ([], []))[0 if rule == "must_link" else 1].append(pair)
    return pairs


def ensure_owner_column(con: duckdb.DuckDBPyConnection) -> None:
    """Databases from before overrides had an owner applied them to every owner: each owner gets a copy."""
    columns = {row[0] for row in con.execute(
        "select column_name from information_schema.columns where table_name = 'overrides'").fetchall()}
    if "owner_id" in columns:
        return
    con.execute("""create table overrides_by_owner as
        select owners.owner_id, overrides.rule, overrides.platform_a, overrides.account_ref_a,
               overrides.platform_b, overrides.account_ref_b
        from (select distinct owner_id from ingested_exports) as owners
        cross join overrides""")
    con.execute("drop table overrides")
    con.execute("alter table overrides_by_owner rename to overrides")
