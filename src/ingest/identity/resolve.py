"""Identity resolution over the database: accounts in, people out, with every link as evidence.

Each owner is resolved on its own (owners never share a person), so a run re-resolves only the owners
whose inputs changed (``pipeline.resolve_step`` decides which, by fingerprint). The linkage itself
(rules as data, union-find, review cases) is ``ingest.identity.linkage``.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Sequence

import duckdb
import pyarrow as pa

from ..child import beside_child, can_fork, in_child
from ..collector import collector_paused
from ..store.database import ArrowStream
from .ghosts import ghost_accounts, is_ghost
from .linkage import Account, Link, People, resolve_accounts
from .overrides import Node, owner_overrides


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
    confidence, reason = _stated(account.node, links)
    return {"owner_id": owner_id, "platform": account.platform, "account_ref": account.account_ref,
            "person_id": person_id(owner_id, root), "is_owner_person": root in owners,
            "match_confidence": confidence, "match_reason": reason}


def _stated(node: Node, links: list[Link]) -> tuple[float, str]:
    """An account's confidence and reasons, from its accepted links."""
    reasons = sorted({f"{l.reason} (with a {(l.b if l.a == node else l.a)[0]} account)" for l in links})
    return max((l.confidence for l in links), default=1.0), "; ".join(reasons) or "only account of this person"


def resolve_people(con: duckdb.DuckDBPyConnection, owners: Sequence[str] | None = None) -> dict[str, int]:
    """Resolve the accounts of these owners (None: every owner) into people, each owner on its own with
    its own overrides; their rows in ``resolved_accounts`` and ``match_evidence`` are replaced, other
    owners' rows stay as they are. Run it inside a transaction: the replacement is all or nothing.
    """
    if owners is None or not _has_tables(con):
        owners = None
        for name, schema in ((RESOLVED, RESOLVED_SCHEMA), (EVIDENCE, EVIDENCE_SCHEMA)):
            _write_table(con, name, schema.empty_table(), create=True)
    elif owners:
        for table in (RESOLVED, EVIDENCE):
            con.execute(f"delete from {table} where owner_id in ({_marks(owners)})", list(owners))
    stats = {"owners": 0, "accounts": 0, "people": 0, "links_refused": 0}
    for group in _owner_groups(con, owners):
        _add(stats, _resolve_group(con, group))
    return stats


def _resolve_group(con: duckdb.DuckDBPyConnection, group: list[str]) -> dict[str, int]:
    """Some owners' accounts into people, each owner on its own, and written: one query and one write
    for the group, and memory bounded by the group's size."""
    with collector_paused():
        return _resolve_owners(con, group)


def _resolve_owners(con: duckdb.DuckDBPyConnection, group: list[str]) -> dict[str, int]:
    accounts, overrides = _owner_accounts(con, group), owner_overrides(con, group)
    rows, evidence = [], []
    for owner_id in group:
        found, (must, cannot) = accounts.get(owner_id, []), overrides.get(owner_id, ([], []))
        found = found + ghost_accounts(con, owner_id, found)  # forgotten rivals of namesakes, never output
        if len(found) >= CHILD_PROCESS_ACCOUNTS and can_fork():  # its memory goes back when it ends
            owner_rows, owner_evidence = in_child(_link, owner_id, found, must, cannot)
        else:
            owner_rows, owner_evidence = _link(owner_id, found, must, cannot)
        rows.append(owner_rows)
        evidence.append(owner_evidence)
    rows = pa.concat_tables([RESOLVED_SCHEMA.empty_table(), *rows])
    evidence = pa.concat_tables([EVIDENCE_SCHEMA.empty_table(), *evidence])
    _write_table(con, RESOLVED, rows)
    _write_table(con, EVIDENCE, evidence)
    return {"owners": len(accounts), "accounts": rows.num_rows,
            "people": len(set(rows.column("person_id").to_pylist())),
            "links_refused": evidence.column("accepted").to_pylist().count(False)}


def _link(owner_id: str, accounts: list[Account], must: list, cannot: list) -> tuple[pa.Table, pa.Table]:
    """An owner's people and evidence, as Arrow tables: from a child process they come back as their
    buffers (64,000 accounts: a tenth of the time lists of dicts took to pickle and read back)."""
    people, links = resolve_accounts(accounts, must, cannot)
    accounts = [a for a in accounts if not is_ghost(a.node)]
    links = [link for link in links if not (is_ghost(link.a) or is_ghost(link.b))]
    # a large owner's evidence is written out in a child process, on the second core, beside the people
    evidence = beside_child(_evidence_table, owner_id, links) if len(links) >= BESIDE_CHILD_LINKS and can_fork() \
        else None
    people = pa.Table.from_pylist(resolved_rows(owner_id, accounts, people, links), schema=RESOLVED_SCHEMA)
    return people, evidence.answer() if evidence is not None else _evidence_table(owner_id, links)


def _evidence_table(owner_id: str, links: list[Link]) -> pa.Table:
    return pa.Table.from_pylist([_evidence_row(owner_id, link) for link in links], schema=EVIDENCE_SCHEMA)


def join_in_place(con: duckdb.DuckDBPyConnection, owner_id: str, a: Node, b: Node) -> bool:
    """The owner's "same person" on two accounts of a resolution that is up to date, applied to its rows: the
    owner's joins come last (``linkage``), so every other link is what it was, and the two people the accounts
    are in become one, under the id of their least account, as resolving again would give. False, with
    nothing changed, where only resolving again can tell: an account unknown, a "different" answer between
    the two people, a person whose id comes from an account no longer shown (a forgotten one's ghost), or two
    accounts of one platform (joined before names are weighed, they may bring others with them: ``linkage``)."""
    if a[0] == b[0]:
        return False
    rows = con.execute(f"""
        select platform, account_ref, person_id, is_owner_person from {RESOLVED}
        where owner_id = ? and person_id in (select person_id from {RESOLVED} where owner_id = ?
                                             and (platform, account_ref) in ((?, ?), (?, ?)))""",
                       [owner_id, owner_id, *a, *b]).fetchall()
    person = {(platform, ref): pid for platform, ref, pid, _ in rows}
    if a not in person or b not in person:
        return False
    members: dict[str, set[Node]] = defaultdict(set)
    for node, pid in person.items():
        members[pid].add(node)
    roots = {pid: min(nodes) for pid, nodes in members.items()}
    if any(person_id(owner_id, root) != pid for pid, root in roots.items()) or _kept_apart(con, owner_id, members):
        return False
    joined, owners = person_id(owner_id, min(roots.values())), any(row[3] for row in rows)
    con.execute(f"update {RESOLVED} set person_id = ?, is_owner_person = ? where owner_id = ? and person_id in "
                f"({_marks(members)})", [joined, owners, owner_id, *members])
    _write_table(con, EVIDENCE, pa.Table.from_pylist(
        [_evidence_row(owner_id, Link(a, b, "must_link", 1.0, "must_link override", True))], schema=EVIDENCE_SCHEMA))
    for node in (a, b):
        _restate(con, owner_id, node)
    return True


def _kept_apart(con: duckdb.DuckDBPyConnection, owner_id: str, members: dict[str, set[Node]]) -> bool:
    """A "different" (the owner's or the overrides file's) between the two people: the join is refused."""
    if len(members) < 2:
        return False
    side = {node: pid for pid, nodes in members.items() for node in nodes}
    cannot = owner_overrides(con, [owner_id]).get(owner_id, ([], []))[1]
    return any(x in side and y in side and side[x] != side[y] for x, y in cannot)


def _restate(con: duckdb.DuckDBPyConnection, owner_id: str, node: Node) -> None:
    """An account's confidence and reasons from its accepted links, as ``resolved_rows`` states them."""
    links = [Link((pa_, ra), (pb, rb), rule, confidence, reason, True) for pa_, ra, pb, rb, rule, confidence, reason
             in con.execute(f"""select platform_a, account_ref_a, platform_b, account_ref_b, rule, confidence, reason
                                from {EVIDENCE} where owner_id = ? and accepted
                                  and ((platform_a, account_ref_a) = (?, ?) or (platform_b, account_ref_b) = (?, ?))""",
                            [owner_id, *node, *node]).fetchall()]
    con.execute(f"update {RESOLVED} set match_confidence = ?, match_reason = ? where owner_id = ? and platform = ? "
                "and account_ref = ?", [*_stated(node, links), owner_id, *node])


def _add(total: dict[str, int], part: dict[str, int]) -> None:
    for key, value in part.items():
        total[key] += value


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    found = con.execute("select count(*) from information_schema.tables where table_name in (?, ?)",
                        [RESOLVED, EVIDENCE]).fetchone()[0]
    return found == 2


def _owner_groups(con: duckdb.DuckDBPyConnection, owners: Sequence[str] | None) -> list[list[str]]:
    """The owners with accounts (of ``owners``; None: all), in order, in groups of about
    ``GROUP_ACCOUNTS`` accounts (a larger owner is a group of its own)."""
    counts = con.execute("select owner_id, count(*) from stg_accounts group by 1 order by 1").fetchall()
    wanted, groups, size = None if owners is None else set(owners), [[]], 0
    for owner_id, count in counts:
        if wanted is not None and owner_id not in wanted:
            continue
        if groups[-1] and size + count > GROUP_ACCOUNTS:
            groups, size = [*groups, []], 0
        groups[-1].append(owner_id)
        size += count
    return [group for group in groups if group]


def _owner_accounts(con: duckdb.DuckDBPyConnection, owners: list[str]) -> dict[str, list[Account]]:
    """The owners' accounts, each once, with every e-mail and phone any of its rows carried (an
    address-book card with three addresses is three rows), and every social profile a card names."""
    rows = con.execute(f"""
        select a.owner_id, a.platform, a.account_ref, a.display_name, a.first_name, a.last_name,
               coalesce(list(distinct r.email order by r.email) filter (where r.email is not null), []),
               coalesce(list(distinct r.phone order by r.phone) filter (where r.phone is not null), []),
               a.profile_url, a.is_owner, a.company, a.handle,
               coalesce(list(distinct r.profile_url order by r.profile_url)
                        filter (where r.profile_url is not null and r.platform = 'addressbook'), [])
        from stg_accounts as a
        join raw_accounts as r using (owner_id, platform, account_ref)
        where a.owner_id in ({_marks(owners)}) and r.owner_id in ({_marks(owners)})
        group by all
        order by a.owner_id, a.platform, a.account_ref""", [*owners, *owners]).fetchall()
    grouped: dict[str, list[Account]] = defaultdict(list)
    for owner_id, platform, ref, name, first, last, emails, phones, url, is_owner, company, handle, named in rows:
        grouped[owner_id].append(Account(platform, ref, name, first, last, tuple(emails), tuple(phones), url,
                                         is_owner, company, handle, tuple(named)))
    return grouped


def _marks(values: Sequence) -> str:
    return ", ".join("?" * len(values))


def _evidence_row(owner_id: str, link: Link) -> dict:
    return {"owner_id": owner_id, "platform_a": link.a[0], "account_ref_a": link.a[1], "platform_b": link.b[0],
            "account_ref_b": link.b[1], "rule": link.rule, "confidence": link.confidence,
            "reason": link.reason, "accepted": link.accepted}


RESOLVED, EVIDENCE = "resolved_accounts", "match_evidence"
# Owners with this many accounts are linked in a child process (``ingest.child``); smaller ones need
# little memory, and a fork would cost more than it saves.
CHILD_PROCESS_ACCOUNTS = int(os.environ.get("UNSOCIAL_CHILD_PROCESS_ACCOUNTS", 5000))
BESIDE_CHILD_LINKS = 20_000  # links from which writing their evidence out in a child process pays
GROUP_ACCOUNTS = 50_000  # owners resolved together: one query and one write for many small owners
RESOLVED_SCHEMA = pa.schema([("owner_id", pa.string()), ("platform", pa.string()), ("account_ref", pa.string()),
                             ("person_id", pa.string()), ("is_owner_person", pa.bool_()),
                             ("match_confidence", pa.float64()), ("match_reason", pa.string())])
EVIDENCE_SCHEMA = pa.schema([("owner_id", pa.string()), ("platform_a", pa.string()), ("account_ref_a", pa.string()),
                             ("platform_b", pa.string()), ("account_ref_b", pa.string()), ("rule", pa.string()),
                             ("confidence", pa.float64()), ("reason", pa.string()), ("accepted", pa.bool_())])


def _write_table(con: duckdb.DuckDBPyConnection, name: str, rows: pa.Table, create: bool = False) -> None:
    """Append rows to the table, or with ``create`` replace the table by them."""
    if not rows.num_rows and not create:
        return
    con.register("resolved_batch", ArrowStream(rows))
    if create:
        con.execute(f"create or replace table {name} as select * from resolved_batch")
    else:
        con.execute(f"insert into {name} select * from resolved_batch")
    con.unregister("resolved_batch")