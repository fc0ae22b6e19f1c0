"""Whether an inbox's exports are one person's: the owner's own account of each export names them, and every owner
account is joined into the one owner person (``linkage``'s "owner" rule), so a colleague's export dropped into the
wrong inbox folder made all their contacts this owner's, silently (a usage hunt of session 23: Henrike's Twitter
and LinkedIn beside Marta's, exit 0, one owner).

Told only from the platforms that show a person's real name (LinkedIn, Facebook, XING): a Twitter display name is
as often a nickname or a brand. Names are compared by their keys (``names.full_name_keys``: accents, order,
nicknames, a middle name, half a double name aside); exports whose owners share no key are told apart. The
exports are named, never the names.
"""

from __future__ import annotations

import duckdb

from ..names import full_name_keys

REAL_NAMES = ("linkedin", "facebook", "xing")
APART_ADVICE = ("if they are two people's, give each person's exports an inbox folder of their own (here their "
                "contacts are one owner's)")


def owners_apart(con: duckdb.DuckDBPyConnection, owner_id: str) -> list[list[str]]:
    """The owner's exports grouped by the owner each names (export paths, sorted); one group, or none, when all
    that name their owner name the same person."""
    rows = con.execute("""
        select distinct export_path, display_name, concat_ws(' ', first_name, last_name) from raw_accounts
        where owner_id = ? and is_owner and platform in (select unnest(?)) order by all""",
                       [owner_id, list(REAL_NAMES)]).fetchall()
    keys: dict[str, set[str]] = {}
    for export_path, *names in rows:
        keys.setdefault(export_path, set()).update(key for name in names for key in full_name_keys(name))
    groups: list[tuple[set[str], list[str]]] = []  # (name keys, export paths): exports joined by a key in common
    for export_path, names in sorted((path, names) for path, names in keys.items() if names):
        joined = [group for group in groups if group[0] & names]
        groups = [group for group in groups if not group[0] & names]
        groups.append((names.union(*(keys for keys, _ in joined)),
                       sorted([export_path, *(path for _, paths in joined for path in paths)])))
    return sorted(paths for _, paths in groups) if len(groups) > 1 else []
