"""What each owner's derived rows were built from, so that a run rebuilds only the owners whose inputs changed.

Owners never share a row, so every step after loading works owner by owner. The table
``owner_fingerprints`` keeps, per owner and step, the fingerprint of the inputs the owner's rows were
last built from:

- ``resolve`` (staging, ``resolved_accounts``, ``match_evidence``): the owner's loaded exports (all that
  ``ingested_exports`` records of them: path, content hash, counts, whether message text was kept), their
  overrides, review decisions and forgotten accounts, the staging SQL and the raw tables' columns, and the linkage code and
  data (the modules that decide links, the nickname lists, the phone region, the link threshold);
- ``marts`` (the intermediate tables): the owner's ``resolve`` fingerprint, the intermediate and mart
  SQL, the reference date, and the inbox's files no source reads (the reports list them).

An owner whose fingerprint differs from the stored one is stale; so is an owner with a stored
fingerprint and no exports any more (their rows must go).
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import duckdb

from ..version import __version__
from .transform import sql_fingerprint

PACKAGE = Path(__file__).resolve().parents[1]
# Everything resolve_accounts' answer depends on besides its input: a change here re-resolves every owner.
# The last two: the forgotten accounts' ghosts that resolution competes with.
LINKAGE_FILES = ("identity/*.py", "names.py", "normalise.py", "models.py", "sources/profiles.py", "data/*.csv",
                 "store/forgotten.py", "store/suppression.py")
LINKAGE_SETTINGS = ("UNSOCIAL_PHONE_REGION", "UNSOCIAL_NICKNAMES", "UNSOCIAL_LINK_BITS")
TABLE = """create table if not exists owner_fingerprints (
  owner_id VARCHAR, step VARCHAR, fingerprint VARCHAR)"""


def linkage_version() -> str:
    """A hash of the linkage code and data, and of the settings it reads (with the extra nickname file's content)."""
    digest = hashlib.sha256(__version__.encode())
    for pattern in LINKAGE_FILES:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(f"\0{path.relative_to(PACKAGE).as_posix()}\0".encode() + path.read_bytes())
    for variable in LINKAGE_SETTINGS:
        digest.update(f"\0{variable}={os.environ.get(variable, '')}".encode())
    extra = os.environ.get("UNSOCIAL_NICKNAMES")
    if extra and Path(extra).is_file():
        digest.update(Path(extra).read_bytes())
    return digest.hexdigest()


def resolve_inputs(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Owner id → fingerprint of everything its resolution depends on, for every owner with loaded exports."""
    columns = con.execute("select table_name, column_name, data_type from information_schema.columns "
                          "where starts_with(table_name, 'raw_') order by all").fetchall()
    code = _hash(linkage_version(), sql_fingerprint(["staging"]), repr(columns))
    parts: dict[str, list[str]] = defaultdict(list)
    for query in ("select owner_id, 'export', columns(* exclude owner_id) from ingested_exports",
                  "select owner_id, rule, platform_a || chr(31) || account_ref_a, platform_b || chr(31) || account_ref_b "
                  "from overrides",
                  "select owner_id, 'decided ' || rule, platform_a || chr(31) || account_ref_a, "
                  "platform_b || chr(31) || account_ref_b from review_decisions",  # the owner's answers (ingest.identity.review)
                  "select owner_id, 'forgotten', kind, digest from suppression"):
        for owner_id, *row in con.execute(f"{query} order by all").fetchall():
            parts[owner_id].append("\0".join(map(str, row)))
    owners = {row[0] for row in con.execute("select distinct owner_id from ingested_exports").fetchall()}
    return {owner: _hash(code, *parts[owner]) for owner in sorted(owners)}


def marts_inputs(con: duckdb.DuckDBPyConnection, as_of: str) -> dict[str, str]:
    """Owner id → fingerprint of its intermediate rows' inputs: what it was resolved from, the SQL, the date; and
    the inbox's files no source reads (``inbox_unread``), which the reports list."""
    code = f"{sql_fingerprint(['intermediate', 'marts'])}\0{as_of}"
    unread: dict[str, list[str]] = defaultdict(list)
    for owner_id, *row in con.execute("select * from inbox_unread order by all").fetchall():
        unread[owner_id].append("\0".join(row))
    return {owner: _hash(code, resolved, *unread[owner]) for owner, resolved in stored(con, "resolve").items()}


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0\0".join(parts).encode()).hexdigest()


def stored(con: duckdb.DuckDBPyConnection, step: str) -> dict[str, str]:
    con.execute(TABLE)
    rows = con.execute("select owner_id, fingerprint from owner_fingerprints where step = ?", [step]).fetchall()
    return dict(rows)


def stale_owners(con: duckdb.DuckDBPyConnection, step: str, current: dict[str, str]) -> list[str]:
    """Owners whose rows of this step are not built from ``current``: changed, new, or gone."""
    known = stored(con, step)
    return sorted({o for o, f in current.items() if known.get(o) != f} | (set(known) - set(current)))


def save(con: duckdb.DuckDBPyConnection, step: str, current: dict[str, str], owners: Iterable[str] | None) -> None:
    """Record that these owners' rows of this step (None: every owner's) are now built from ``current``;
    owners gone from ``current`` are dropped."""
    con.execute(TABLE)
    if owners is None:
        con.execute("delete from owner_fingerprints where step = ?", [step])
        owners = list(current)
    else:
        owners = list(owners)
        for owner in owners:
            con.execute("delete from owner_fingerprints where owner_id = ? and step = ?", [owner, step])
    rows = [(o, step, current[o]) for o in owners if o in current]
    if rows:
        con.executemany("insert into owner_fingerprints values (?, ?, ?)", rows)
