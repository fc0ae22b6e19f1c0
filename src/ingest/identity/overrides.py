"""The overrides file: ``must_link`` / ``cannot_link`` pairs of accounts that always win over the matcher.

CSV with the header ``rule,platform_a,account_ref_a,platform_b,account_ref_b``. Overrides belong to one
owner: ``unsocial run INBOX --overrides FILE`` stores them for the inbox's owner, and an inbox may hold
its own file, ``overrides.csv`` at its top (read by ``unsocial run`` and the DAG alike). They are stored
in the database with their ``owner_id``, so they survive re-imports and apply to that owner's later runs,
and to no other owner, until a new file for that owner replaces them (a header alone clears them).

The owner's answers to review questions (``ingest.identity.review``, ``unsocial link`` / ``unlink``) are kept apart,
in ``review_decisions``: a new overrides file does not replace them, and for a pair both name, the
decision wins. They are also written into the overrides file when the command knows it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from ..errors import UnsocialError
from ..normalise import normalise_linkedin_url
from ..sources.inbox import OVERRIDES_FILE
from ..store.tables import DECISIONS, ensure_owner_column

Node = tuple[str, str]  # (platform, account_ref)
Override = tuple[str, Node, Node]  # (rule, account a, account b)
COLUMNS = ("owner_id", "rule", "platform_a", "account_ref_a", "platform_b", "account_ref_b")
HEADER = COLUMNS[1:]


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
        overrides.append((rule, _node(row["platform_a"], row["account_ref_a"]),
                          _node(row["platform_b"], row["account_ref_b"])))
    return overrides


def _node(platform: str, account_ref: str) -> Node:
    """An account of the file; a LinkedIn URL written as an older version wrote account_refs (percent-encoded)
    as they are written now (``normalise.normalise_linkedin_url``), so that a decision survives the change."""
    platform, account_ref = platform.strip(), account_ref.strip()
    if platform == "linkedin" and "%" in account_ref:
        account_ref = normalise_linkedin_url(account_ref) or account_ref
    return platform, account_ref


def inbox_overrides(inbox: Path) -> Path | None:
    """The inbox's own overrides file, if it has one."""
    path = Path(inbox) / OVERRIDES_FILE
    return path if path.is_file() else None


def store_overrides(con: duckdb.DuckDBPyConnection, owner_id: str, overrides: list[Override]) -> bool:
    """Replace the owner's stored overrides (other owners' stay); False when they were the same already."""
    from ..store.forgotten import without_forgotten

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
    """Each of these owners' stored (must_link, cannot_link) pairs, the file's and the owner's decisions
    (a decision wins for its pair); owners without overrides are left out."""
    ensure_owner_column(con)
    marks = ", ".join("?" * len(owners))
    rules: dict[str, dict[frozenset, tuple]] = {}
    for table in ("overrides", DECISIONS):  # decisions last: they win
        rows = con.execute(f"select owner_id, rule, platform_a, account_ref_a, platform_b, account_ref_b from {table} "
                           f"where owner_id in ({marks}) order by all", owners).fetchall()
        for owner_id, rule, *nodes in rows:
            pair = (_node(nodes[0], nodes[1]), _node(nodes[2], nodes[3]))  # stored by an older version too
            rules.setdefault(owner_id, {})[frozenset(pair)] = (rule, pair)
    pairs: dict[str, tuple[list, list]] = {}
    for owner_id, found in rules.items():
        for rule, pair in sorted(found.values()):
            pairs.setdefault(owner_id, ([], []))[0 if rule == "must_link" else 1].append(pair)
    return pairs


def store_decision(con: duckdb.DuckDBPyConnection, owner_id: str, rule: str, a: Node, b: Node) -> None:
    """The owner's answer on two accounts, replacing an earlier one on the same pair."""
    forget_decision(con, owner_id, a, b)
    con.execute(f"insert into {DECISIONS} values (?, ?, ?, ?, ?, ?, current_timestamp)", [owner_id, rule, *a, *b])


def forget_decision(con: duckdb.DuckDBPyConnection, owner_id: str, a: Node, b: Node) -> bool:
    """Remove the owner's answer on two accounts (in either order); False when there was none."""
    ensure_owner_column(con)
    found = con.execute(f"select count(*) from {DECISIONS} where owner_id = ? and {_PAIR}",
                        [owner_id, *a, *b, *b, *a]).fetchone()[0]
    con.execute(f"delete from {DECISIONS} where owner_id = ? and {_PAIR}", [owner_id, *a, *b, *b, *a])
    return bool(found)


_PAIR = ("((platform_a, account_ref_a, platform_b, account_ref_b) = (?, ?, ?, ?) "
         "or (platform_a, account_ref_a, platform_b, account_ref_b) = (?, ?, ?, ?))")


def decided_pairs(con: duckdb.DuckDBPyConnection, owner_id: str) -> dict[frozenset, str]:
    """The pairs of accounts the owner has settled, by a decision or in the overrides file, with the rule
    (``must_link`` or ``cannot_link``; a decision wins over the file for its pair)."""
    pairs = {}
    for table in ("overrides", DECISIONS):  # decisions last: they win
        if con.execute("select count(*) from information_schema.tables where table_name = ?", [table]).fetchone()[0]:
            rows = con.execute(f"select rule, platform_a, account_ref_a, platform_b, account_ref_b from {table} "
                               "where owner_id = ? order by all", [owner_id]).fetchall()
            pairs |= {frozenset(((r[1], r[2]), (r[3], r[4]))): r[0] for r in rows}
    return pairs


def write_decision(path: Path, rule: str | None, a: Node, b: Node) -> bool:
    """Put the owner's answer into the overrides file (made if missing), replacing a row on the same pair;
    ``rule`` None removes that row. Returns whether a row was removed."""
    rows = load_overrides(path) if Path(path).exists() else []
    kept = [row for row in rows if {row[1], row[2]} != {a, b}]
    if rule is not None:
        kept.append((rule, a, b))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows((rule_, *first, *second) for rule_, first, second in kept)
    return len(kept) - (rule is not None) < len(rows)


