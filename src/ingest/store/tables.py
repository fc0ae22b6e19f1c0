"""The tables the store keeps besides the SQL layers: the raw tables (one per record model), the bookkeeping of
loaded exports, settings, the suppression list, the owner's overrides and review decisions; made or brought up
to date, those missing only."""

from __future__ import annotations

import duckdb

# The raw tables, one per record model (``models.RECORD_TABLES``), named here so that opening the
# database does not import the models.
RAW_TABLES = ("raw_accounts", "raw_interactions", "raw_recipients", "raw_quarantine", "raw_members")

BOOKKEEPING = (
    """create table if not exists ingested_exports (
  owner_id VARCHAR, export_path VARCHAR, export_id VARCHAR, source VARCHAR,
  records_read BIGINT, records_loaded BIGINT, records_quarantined BIGINT, message_text BOOLEAN,
  primary key (owner_id, export_path))""",
    "create table if not exists settings (key VARCHAR primary key, value VARCHAR)",
    # forgotten people: keyed hashes of what identified them, never the values (ingest.store.forgotten)
    "create table if not exists suppression (owner_id VARCHAR, kind VARCHAR, digest VARCHAR)",
    # the files of an owner's inbox that no source recognises, as the last run found them: what each is and what to do
    # (``sources.unrecognised``), listed in ``not_read`` beside the exports' own
    "create table if not exists inbox_unread (owner_id VARCHAR, path VARCHAR, reason VARCHAR, what_to_do VARCHAR)",
    """create table if not exists overrides (
  owner_id VARCHAR, rule VARCHAR, platform_a VARCHAR, account_ref_a VARCHAR, platform_b VARCHAR, account_ref_b VARCHAR)""",
)

# The owner's answers to review questions (``identity.review``), kept apart from the overrides file's rows.
DECISIONS = "review_decisions"
DECISIONS_TABLE = f"""create table if not exists {DECISIONS} (
  owner_id VARCHAR, rule VARCHAR, platform_a VARCHAR, account_ref_a VARCHAR, platform_b VARCHAR, account_ref_b VARCHAR,
  decided_at TIMESTAMP)"""


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The raw and bookkeeping tables, those missing only."""
    from ..models import RECORD_TABLES
    from ..schema import create_table_sql

    for model in RECORD_TABLES:
        con.execute(create_table_sql(model))
    for statement in BOOKKEEPING:
        con.execute(statement)
    _add_message_text(con)


def _add_message_text(con: duckdb.DuckDBPyConnection) -> None:
    """Databases made before message text could be kept get its columns (null: not kept)."""
    columns = {row[0] for row in con.execute("select table_name || '.' || column_name from information_schema.columns "
                                             "where column_name = 'message_text'").fetchall()}
    for table, kind in (("raw_interactions", "VARCHAR"), ("ingested_exports", "BOOLEAN")):
        if f"{table}.message_text" not in columns:
            con.execute(f"alter table {table} add column message_text {kind}")


def get_setting(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("select value from settings where key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("insert or replace into settings values (?, ?)", [key, value])


def ensure_owner_column(con: duckdb.DuckDBPyConnection) -> None:
    """Databases from before overrides had an owner applied them to every owner: each owner gets a copy.
    Databases from before the review have no table of decisions yet: it is made here, where overrides are read."""
    con.execute(DECISIONS_TABLE)
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
