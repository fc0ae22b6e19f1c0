"""Identity resolution over the database: accounts in, people out, with every link as evidence.

The linkage itself (rules as data, union-find, review cases) is ``ingest.linkage``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import duckdb
import pyarrow as pa

from .linkage import Account, Link, People, resolve_accounts
from .overrides import Node


def person_id(owner_id: str, root: Node) -> str:
    return "p_" + hashlib.sha256(f"{owner_id}\0{root[0]}\0{root[1]}".encode()).hexdigest()[:16]


def resolved_rows(owner_id: str, accounts: list[Account], people: People, links: list[Link]) -> list[dict]:
    """One row per account: its person, whether that person is the owner, and the evidence."""
    owners = {people.find(a.node) for a in accounts if a.is_owner}
    evidence: dict[Node, list[Link]] = defaultdict(list)
    for link in (l for l in links if l.accepted):
        evidence[link.a].append(link)
        evidence[link.b].append(link)
    return [_row(owner_id, a, people.find(a.node), owners, evidence[a.node]) for a in accounts]


def _row(owner_id: str, account: Account, root: Node, owners: set[Node], links: list[Link]) -> dict:
    confidence = max((l.confidence for l in links), default=1.0)
    reasons = sorted({f"{l.reason} (with a {(l.b if l.a == account.node else l.a)[0]} account)" for l in links})
    return {"owner_id": owner_id, "platform": account.platform, "account_ref": account.account_ref,
            "person_id": person_id(owner_id, root), "is_owner_person": root in owners,
            "match_confidence": confidence, "match_reason": "; ".join(reasons) or "only account of this person"}


def resolve_people(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Resolve every owner's accounts into people; writes ``resolved_accounts`` and ``match_evidence``.

    The overrides are the ones stored in the database (``pipeline.resolve_step`` stores a new file's).
    """
    stored = con.execute("select rule, platform_a, account_ref_a, platform_b, account_ref_b from overrides").fetchall()
    must = [((r[1], r[2]), (r[3], r[4])) for r in stored if r[0] == "must_link"]
    cannot = [((r[1], r[2]), (r[3], r[4])) for r in stored if r[0] == "cannot_link"]
    rows, evidence = [], []
    for owner_id, accounts in _accounts_by_owner(con).items():
        people, links = resolve_accounts(accounts, must, cannot)
        rows += resolved_rows(owner_id, accounts, people, links)
        evidence += [_evidence_row(owner_id, link) for link in links]
    _write_table(con, "resolved_accounts", rows, RESOLVED_SCHEMA)
    _write_table(con, "match_evidence", evidence, EVIDENCE_SCHEMA)
    return {"accounts": len(rows), "people": len({r["person_id"] for r in rows}),
            "links_refused": sum(1 for e in evidence if not e["accepted"])}


def _accounts_by_owner(con: duckdb.DuckDBPyConnection) -> dict[str, list[Account]]:
    """Every account once, with every e-mail and phone any of its rows carried (an address-book card
    with three addresses is three rows)."""
    rows = con.execute("""
        select a.owner_id, a.platform, a.account_ref, a.display_name, a.first_name, a.last_name,
               coalesce(list(distinct r.email order by r.email) filter (where r.email is not null), []),
               coalesce(list(distinct r.phone order by r.phone) filter (where r.phone is not null), []),
               a.profile_url, a.is_owner, a.company, a.handle
        from stg_accounts as a
        join raw_accounts as r using (owner_id, platform, account_ref)
        group by all
        order by a.owner_id, a.platform, a.account_ref""").fetchall()
    grouped: dict[str, list[Account]] = defaultdict(list)
    for owner_id, platform, ref, name, first, last, emails, phones, url, is_owner, company, handle in rows:
        grouped[owner_id].append(Account(platform, ref, name, first, last, tuple(emails), tuple(phones), url,
                                         is_owner, company, handle))
    return grouped


def _evidence_row(owner_id: str, link: Link) -> dict:
    return {"owner_id": owner_id, "platform_a": link.a[0], "account_ref_a": link.a[1], "platform_b": link.b[0],
            "account_ref_b": link.b[1], "rule": link.rule, "confidence": link.confidence,
            "reason": link.reason, "accepted": link.accepted}


RESOLVED_SCHEMA = pa.schema([("owner_id", pa.string()), ("platform", pa.string()), ("account_ref", pa.string()),
                             ("person_id", pa.string()), ("is_owner_person", pa.bool_()),
                             ("match_confidence", pa.float64()), ("match_reason", pa.string())])
EVIDENCE_SCHEMA = pa.schema([("owner_id", pa.string()), ("platform_a", pa.string()), ("account_ref_a", pa.string()),
                             ("platform_b", pa.string()), ("account_ref_b", pa.string()), ("rule", pa.string()),
                             ("confidence", pa.float64()), ("reason", pa.string()), ("accepted", pa.bool_())])


def _write_table(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict], schema: pa.Schema) -> None:
    con.register("resolved_batch", pa.Table.from_pylist(rows, schema=schema))
    con.execute(f"create or replace table {name} as select * from resolved_batch")
    con.unregister("resolved_batch")
