"""Identity resolution: which accounts belong to the same person.

The rules are data (``RULES``): each names a key computed from an account and the confidence a
shared key carries. Accounts sharing a key are joined with union-find, in rule order, strongest
first; a join that would put a ``cannot_link`` pair into one person is refused and recorded.
Overrides (``must_link`` / ``cannot_link``) always win over the rules.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from .normalise import normalise_name
from .overrides import Node


@dataclass(frozen=True)
class Account:
    platform: str
    account_ref: str
    display_name: str | None
    email: str | None
    profile_url: str | None
    is_owner: bool

    @property
    def node(self) -> Node:
        return (self.platform, self.account_ref)

    @property
    def name_only(self) -> bool:
        """Known by nothing but a name: the account_ref is the name itself."""
        return not self.email and not self.profile_url and self.account_ref in (self.display_name, normalise_name(self.display_name))


@dataclass(frozen=True)
class Rule:
    name: str
    key: Callable[[Account], str | None]
    confidence: float
    reason: str
    unique_only: bool = False  # join only when the key points at one person: never namesakes


RULES = (
    Rule("owner", lambda a: "owner" if a.is_owner else None, 1.0, "the owner's own account"),
    Rule("same_email", lambda a: a.email, 1.0, "same e-mail address"),
    Rule("same_profile_url", lambda a: a.profile_url, 1.0, "same profile URL"),
    Rule("same_name_unique", lambda a: normalise_name(a.display_name), 0.8,
         "same name, and nobody else in the network has it", unique_only=True),
)


@dataclass(frozen=True)
class Link:
    a: Node
    b: Node
    rule: str
    confidence: float
    reason: str
    accepted: bool


class People:
    """Union-find over accounts that refuses joins breaking a cannot-link pair."""

    def __init__(self, nodes: Iterable[Node], cannot: Iterable[tuple[Node, Node]]):
        self.parent = {n: n for n in nodes}
        self.members = {n: {n} for n in self.parent}
        self.cannot: dict[Node, set[Node]] = defaultdict(set)
        for a, b in cannot:
            self.cannot[a].add(b)
            self.cannot[b].add(a)

    def find(self, node: Node) -> Node:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: Node, b: Node) -> bool:
        root_a, root_b = sorted((self.find(a), self.find(b)))
        if root_a == root_b:
            return True
        if any(self.cannot[m] & self.members[root_b] for m in self.members[root_a]):
            return False
        self.parent[root_b] = root_a
        self.members[root_a] |= self.members.pop(root_b)
        return True


def resolve_accounts(accounts: list[Account], must: list[tuple[Node, Node]],
                     cannot: list[tuple[Node, Node]]) -> tuple[People, list[Link]]:
    """Join one owner's accounts into people; every link tried is returned as evidence."""
    people = People((a.node for a in accounts), cannot)
    links = [_link(people, a, b, "must_link", 1.0, "must_link override") for a, b in must
             if a in people.parent and b in people.parent]
    for rule in RULES:
        links += _apply_rule(people, accounts, rule)
    return people, links


def _link(people: People, a: Node, b: Node, rule: str, confidence: float, reason: str) -> Link:
    return Link(a, b, rule, confidence, reason, people.union(a, b))


def _apply_rule(people: People, accounts: list[Account], rule: Rule) -> list[Link]:
    groups: dict[str, list[Account]] = defaultdict(list)
    for account in accounts:
        key = rule.key(account)
        if key:
            groups[key].append(account)
    links = []
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda a: a.node)
        if rule.unique_only and _namesakes(people, group) > 1:
            links += [Link(a.node, a.node, rule.name, 0.0, f"review: {_namesakes(people, group)} people share "
                           "this name", False) for a in group if a.name_only]
            continue
        links += [_link(people, group[0].node, other.node, rule.name, rule.confidence, rule.reason)
                  for other in group[1:]]
    return links


def _namesakes(people: People, group: list[Account]) -> int:
    """How many people known by more than a name share the group's key (a name-only account joins one at most)."""
    return len({people.find(a.node) for a in group if not a.name_only})


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
    rows = con.execute("""select owner_id, platform, account_ref, display_name, email, profile_url, is_owner
                          from stg_accounts order by owner_id, platform, account_ref""").fetchall()
    grouped: dict[str, list[Account]] = defaultdict(list)
    for owner_id, *fields in rows:
        grouped[owner_id].append(Account(*fields))
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
