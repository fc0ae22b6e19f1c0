"""The suppression list of forgotten people in the database (``unsocial forget`` adds to it: ``ingest.forget``).

Every load applies the list in its own transaction (``database.load_batches``): an account it covers is deleted
with its interactions, a quarantined record naming them goes, and file names, notes and mentions that name them
are replaced. ``store.suppression`` says which key covers what.

The list's secret is a random key of the database, kept in ``settings``, not one derived from
``UNSOCIAL_DB_KEY``: a new key, or encrypting a database that was plain, would silently change every hash
and bring forgotten people back; encrypted, the secret is under the key with everything else anyway.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import duckdb
import pyarrow as pa

from ..sources.text_repair import repair
from .suppression import (SEP, Evidence, Hasher, Key, Node, covered, name_keys, names_forgotten, normal_url, path_scrubber,
                          scrub_text)
from .tables import DECISIONS, ensure_owner_column, get_setting, set_setting

SECRET_SETTING = "suppression_secret"
TABLE = "suppression"
# Columns that name files, folders and conversations: their components naming a forgotten person are replaced.
PATH_COLUMNS = (("raw_accounts", "member"), ("raw_interactions", "member"), ("raw_interactions", "thread_ref"),
                ("raw_recipients", "member"), ("raw_quarantine", "member"), ("raw_members", "member"),
                ("inbox_unread", "path"))
REMOVED_NOTE = "(note removed: it named a forgotten person)"


def hasher(con: duckdb.DuckDBPyConnection, create: bool = False) -> Hasher | None:
    """The keyed hash of this database's secret (made on the first ``forget``), None when there is none yet."""
    secret = get_setting(con, SECRET_SETTING)
    if secret is None and create:
        secret = secrets.token_hex(32)
        set_setting(con, SECRET_SETTING, secret)
    return Hasher(bytes.fromhex(secret)) if secret else None


def apply_suppression(con: duckdb.DuckDBPyConnection, owner_id: str | None = None) -> int:
    """Delete every account the suppression list covers (of this owner; None: every owner), also under a new
    account_ref a later import gave them, and what names them elsewhere; returns how many accounts went.
    Call it inside the transaction that loaded the rows: they are never committed."""
    h = hasher(con)
    if h is None:
        return 0
    owners = con.execute(f"select distinct owner_id from {TABLE} where ? is null or owner_id = ? order by 1",
                         [owner_id, owner_id]).fetchall()
    return sum(suppress(con, h, owner) for (owner,) in owners)


def suppress(con: duckdb.DuckDBPyConnection, h: Hasher, owner_id: str, accounts: list[Evidence] | None = None,
             tokens: Iterable[str] = ()) -> int:
    """Apply the owner's list: what it covers is deleted, what names it replaced; returns how many accounts went."""
    listed = listed_keys(con, owner_id)
    verdict = covered(owner_evidence(con, owner_id) if accounts is None else accounts, listed, h)
    add_keys(con, owner_id, verdict.added)
    listed |= verdict.added
    _delete_accounts(con, owner_id, verdict.doomed)
    _delete_overrides(con, owner_id, listed, h)
    _clean_quarantine(con, owner_id, listed, verdict.kept_names, h)
    _scrub(con, owner_id, listed, h, tokens)
    return len(verdict.doomed)


def owner_evidence(con: duckdb.DuckDBPyConnection, owner_id: str) -> list[Evidence]:
    """Every account of the owner with every identifier any of its rows carries."""
    rows = con.execute("""
        select platform, account_ref,
               list(distinct name) filter (where name is not null),
               list(distinct email) filter (where email is not null),
               list(distinct phone) filter (where phone is not null),
               list(distinct profile_url) filter (where profile_url is not null),
               list(distinct handle) filter (where handle is not null),
               list(distinct company) filter (where company is not null),
               bool_or(is_owner)
        from raw_accounts,
             lateral (select unnest([display_name, nullif(concat_ws(' ', first_name, last_name), '')]) as name)
        where owner_id = ?
        group by platform, account_ref
        order by platform, account_ref""", [owner_id]).fetchall()
    return [Evidence(platform, ref, *(tuple(values or ()) for values in lists), bool(is_owner))
            for platform, ref, *lists, is_owner in rows]


def listed_keys(con: duckdb.DuckDBPyConnection, owner_id: str) -> set[Key]:
    return set(con.execute(f"select kind, digest from {TABLE} where owner_id = ?", [owner_id]).fetchall())


def add_keys(con: duckdb.DuckDBPyConnection, owner_id: str, keys: set[Key]) -> None:
    rows = sorted(keys - listed_keys(con, owner_id))
    if rows:
        con.executemany(f"insert into {TABLE} values (?, ?, ?)", [(owner_id, kind, digest) for kind, digest in rows])


def _delete_accounts(con: duckdb.DuckDBPyConnection, owner_id: str, nodes: set[Node]) -> None:
    if not nodes:
        return
    with _registered(con, "forgotten_accounts", {"platform": [n[0] for n in sorted(nodes)],
                                                 "account_ref": [n[1] for n in sorted(nodes)]}):
        for table in ("raw_accounts", "raw_interactions", "raw_recipients"):
            con.execute(f"delete from {table} where owner_id = ? and (platform, account_ref) in "
                        "(select platform, account_ref from forgotten_accounts)", [owner_id])
    # an owner's message to a group whose members all went was to nobody who stays (its text, kept, was to them)
    con.execute("""delete from raw_interactions as messages where owner_id = ? and recipients_line is not null
        and not exists (select 1 from raw_recipients as r where r.owner_id = messages.owner_id
                        and r.export_path = messages.export_path and r.member = messages.member
                        and r.line = messages.recipients_line)""", [owner_id])


def _delete_overrides(con: duckdb.DuckDBPyConnection, owner_id: str, listed: set[Key], h: Hasher) -> None:
    """An override or review decision naming a forgotten account can no longer apply, and would keep its
    account_ref."""
    ensure_owner_column(con)
    for table in ("overrides", DECISIONS):
        rows = con.execute(f"select platform_a, account_ref_a, platform_b, account_ref_b from {table} "
                           "where owner_id = ?", [owner_id]).fetchall()
        for row in rows:
            if _names_forgotten_account(row, listed, h):
                con.execute(f"delete from {table} where owner_id = ? and platform_a = ? and account_ref_a = ? "
                            "and platform_b = ? and account_ref_b = ?", [owner_id, *row])


def without_forgotten(con: duckdb.DuckDBPyConnection, owner_id: str, rows: list[tuple]) -> list[tuple]:
    """Override rows ``(owner, rule, platform_a, ref_a, platform_b, ref_b)`` of an overrides file, but those
    naming a forgotten account (the file is the owner's: its lines stay there, not in the database)."""
    h = hasher(con)
    if h is None:
        return rows
    listed = listed_keys(con, owner_id)
    return [row for row in rows if not _names_forgotten_account(row[2:], listed, h)]


def _names_forgotten_account(nodes: tuple, listed: set[Key], h: Hasher) -> bool:
    return any(h("account", f"{platform}{SEP}{ref}") in listed for platform, ref in (nodes[:2], nodes[2:]))


def _clean_quarantine(con: duckdb.DuckDBPyConnection, owner_id: str, listed: set[Key], kept_names: set[Key],
                      h: Hasher) -> None:
    """Quarantined records that name a forgotten person go (their raw excerpt is the person's data)."""
    rows = con.execute("select rowid, excerpt from raw_quarantine where owner_id = ? and excerpt is not null",
                       [owner_id]).fetchall()
    gone = [rowid for rowid, excerpt in rows  # Facebook's excerpts hold its mojibake ("MÃ¼ller")
            if any(names_forgotten(text, listed, kept_names, h) for text in {excerpt, repair(excerpt)})]
    if gone:
        with _registered(con, "forgotten_rows", {"id": gone}):
            con.execute("delete from raw_quarantine where rowid in (select id from forgotten_rows)")


def _scrub(con: duckdb.DuckDBPyConnection, owner_id: str, listed: set[Key], h: Hasher, tokens: Iterable[str]) -> None:
    """File names, conversation references, notes and message texts that stay (other people's rows, files
    that held the person's) with the components, notes and mentions naming the forgotten person replaced."""
    scrub = path_scrubber(listed, h, tokens)
    for table, column in PATH_COLUMNS:
        _replace(con, owner_id, table, column, scrub)
    _replace(con, owner_id, "raw_members", "note",
             lambda note: REMOVED_NOTE if names_forgotten(note, listed, set(), h) else note)
    _replace(con, owner_id, "raw_interactions", "message_text", lambda text: scrub_text(text, listed, h),
             "(message_text like '%@%' or message_text ilike '%http%' or message_text ilike '%www.%')")


def _replace(con: duckdb.DuckDBPyConnection, owner_id: str, table: str, column: str, change,
             condition: str = "true") -> None:
    values = con.execute(f"select distinct {column} from {table} where owner_id = ? and {column} is not null "
                         f"and {condition}", [owner_id]).fetchall()
    changed = {old: new for (old,) in values if (new := change(old)) != old}
    if not changed:
        return
    with _registered(con, "scrubbed_values", {"old": list(changed), "new": list(changed.values())}):
        con.execute(f"update {table} set {column} = scrubbed_values.new from scrubbed_values "
                    f"where {table}.owner_id = ? and {table}.{column} = scrubbed_values.old", [owner_id])


def hash_legacy_lists(con: duckdb.DuckDBPyConnection) -> None:
    """Databases before schema 1 kept the list in plaintext: ``tombstones`` (owner, platform, account_ref)
    and ``tombstone_keys`` (e-mails, profile URLs, names). Their entries become keys, the tables go; their
    bytes leave the file at the next rewrite (``forget``, ``encrypt``). A name listed then spares the
    accounts that carry it now: they survived that forget, so they are namesakes."""
    found = {t for (t,) in con.execute("select table_name from information_schema.tables where table_catalog = "
                                       "current_database() and table_name in ('tombstones', 'tombstone_keys')")
             .fetchall()}
    if not found:
        return
    h, keys = hasher(con, create=True), {}
    accounts = con.execute("select distinct owner_id, platform, account_ref from tombstones").fetchall() \
        if "tombstones" in found else []
    for owner, platform, ref in accounts:
        keys.setdefault(owner, set()).add(h("account", f"{platform}{SEP}{ref}"))
    values = con.execute("select distinct owner_id, kind, value from tombstone_keys").fetchall() \
        if "tombstone_keys" in found else []
    for owner, kind, value in values:
        keys.setdefault(owner, set()).update(_legacy_keys(con, h, owner, kind, value))
    for owner, owner_keys in keys.items():
        add_keys(con, owner, owner_keys)
    for table in sorted(found):
        con.execute(f"drop table {table}")


def _legacy_keys(con: duckdb.DuckDBPyConnection, h: Hasher, owner_id: str, kind: str, value: str) -> set[Key]:
    if kind != "name":
        return {h("value", normal_url(value) or value.strip().lower())}
    names = name_keys(value)
    return {h("name", n) for n in names} | {a.spared_key(h) for a in owner_evidence(con, owner_id)
                                            if a.name_keys & names}


class _registered:
    """A Python table visible to SQL for the length of a ``with`` block."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, list]):
        self.con, self.name, self.table = con, name, pa.table(columns)

    def __enter__(self) -> None:
        self.con.register(self.name, self.table)

    def __exit__(self, *exc) -> None:
        self.con.unregister(self.name)
