"""A 2024 Spanish HTML export of an additional profile that never replied (DyskyDsky/FACKBOY): no
profile_information.html, and every thread holds only the other person's messages, so no name is common to the
threads and the owner cannot be found. Every message was quarantined "cannot tell the owner's messages apart";
a one-to-one thread whose only sender is the person its title names is incoming whoever the owner is."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import fixture

VINTAGE = "f5-2024-html-profile-es-incoming"
MESSAGES = "this_profile's_activity_across_facebook/messages"
OWNER_UNKNOWN = "sender_name: cannot tell the owner's messages apart (no profile, no name common to the threads)"
PROFILE = "𝐌 𝐀 𝐑 𝐓 𝐈 𝐔 𝐌"  # the profile's name, as its profile_update_history.html writes it


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def ingest(unsocial, export: Path, db: Path) -> Path:
    result = unsocial("ingest", export, "--db", db)
    assert result.code == 0, result.err
    return db


def page(title: str, messages: list[tuple[str, str, str]]) -> str:
    """A thread page as the 2024 Spanish export writes it: the title, then one ``_a6-g`` block per message."""
    blocks = "".join(f'<div class="_a6-g"><div class="_2ph_ _a6-h _a6-i">{sender}</div><div class="_2ph_ _a6-p">'
                     f'<div><div></div><div>{text}</div></div></div><div class="_3-94 _a6-o"><div class="_a72d">'
                     f'{at}</div></div></div>' for sender, text, at in messages)
    return (f'<html><head><meta charset="UTF-8" /><title>{title}</title></head><body><div class="_a706" role="main">'
            f'{blocks}</div></body></html>')


def export_with(tmp_path: Path, threads: dict[str, str]) -> Path:
    """The fixture with more thread pages, ``folder name → page``, in its inbox."""
    export = tmp_path / VINTAGE
    shutil.copytree(fixture("facebook", VINTAGE), export)
    for folder, html in threads.items():
        thread = export / MESSAGES / "inbox" / folder / "message_1.html"
        thread.parent.mkdir(parents=True)
        thread.write_text(html, encoding="utf-8")
    return export


def incoming(db: Path) -> list[tuple]:
    """Incoming messages by sender, of the fixture's threads only."""
    return query(db, "select account_ref, count(*) from raw_interactions where direction = 'in' "
                     "and thread_ref not like '%_9990000%' group by all order by all")


FIXTURE_INCOMING = [("Carlos Vega", 1), ("Diego Martín", 1), ("Sofía Herrera", 2)]


def test_the_messages_of_a_profile_that_never_replied_are_incoming(unsocial, tmp_path):
    db = ingest(unsocial, fixture("facebook", VINTAGE), tmp_path / "u.duckdb")
    assert query(db, "select kind, direction, count(*) from raw_interactions group by all") == [("message", "in", 4)]
    assert query(db, "select account_ref, count(*) from raw_interactions group by all order by all") == FIXTURE_INCOMING
    assert query(db, "select count(distinct account_ref), bool_or(is_owner) from raw_accounts") == [(3, False)]
    assert query(db, "select count(*) from raw_quarantine") == [(0,)]


@pytest.mark.parametrize("other, folder", [("Lucía Paredes", "luciaparedes_9990000000000001"),
                                           ("Diego Martín", "diegomartin_9990000000000001")])
def test_a_thread_the_profile_answered_still_reads_its_messages_as_the_owners(unsocial, tmp_path, other, folder):
    """The profile answered one person, a new one or Diego, who also wrote in a thread it never answered: the
    owner is the name of that thread besides its title, never the person in most threads."""
    answered = page(other, [(other, "¿Quedamos?", "may 02, 2024 9:00:00am"),
                            (PROFILE, "Sí, mañana", "may 02, 2024 9:05:00am")])
    db = ingest(unsocial, export_with(tmp_path, {folder: answered}), tmp_path / "u.duckdb")
    assert query(db, "select account_ref, direction from raw_interactions where thread_ref like '%_9990000%' "
                     "order by line") == [(other, "in"), (other, "out")]
    assert query(db, "select distinct account_ref from raw_accounts where is_owner") == [(PROFILE,)]
    assert incoming(db) == FIXTURE_INCOMING
    assert query(db, "select count(*) from raw_quarantine") == [(0,)]


def test_a_thread_whose_only_sender_is_not_its_title_or_a_group_stays_quarantined(unsocial, tmp_path):
    """Tomás wrote alone in a thread titled Lucía (Tomás may be the owner, writing to her), Ana alone in a group:
    neither is read as incoming, and with two such threads the owner is still not known."""
    tomas = page("Lucía Paredes", [("Tomás Ibarra", "Hola", "may 03, 2024 8:00:00am")])
    ana = page("Feria de abril", [("Ana Ruiz", "¿Quién va?", "may 04, 2024 8:00:00am")])
    threads = {"luciaparedes_9990000000000002": tomas, "feriadeabril_9990000000000003": ana}
    db = ingest(unsocial, export_with(tmp_path, threads), tmp_path / "u.duckdb")
    assert query(db, "select regexp_extract(member, 'inbox/([a-z]+)_', 1), reason from raw_quarantine order by 1") == [
        ("feriadeabril", OWNER_UNKNOWN), ("luciaparedes", OWNER_UNKNOWN)]
    assert incoming(db) == FIXTURE_INCOMING
    assert query(db, "select count(*) from raw_interactions") == [(4,)]
