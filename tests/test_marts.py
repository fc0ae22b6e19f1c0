"""The rule marts and the strength score, on a small hand-made database whose every number can be
worked out by hand (reference date 2026-11-27, so an interaction on that day has recency 1)."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from conftest import fixture
from ingest.pipeline import marts_step, resolve_step
from ingest.store.database import connect
from ingest.store.tables import set_setting

AS_OF = datetime(2026, 11, 27)
OWNER = ("linkedin", "https://www.linkedin.com/in/marta-lindqvist", "Marta Lindqvist")


def ago(days: float, hours: float = 0) -> datetime:
    return AS_OF - timedelta(days=days) + timedelta(hours=hours)


def build_db(path: Path, accounts: list[tuple], interactions: list[tuple], as_of: date = AS_OF.date(),
             owner_id: str = "marta") -> duckdb.DuckDBPyConnection:
    """A database loaded the way the loader does, from (platform, ref, name[, connected_at]) accounts and
    (platform, ref, kind, direction, occurred_at[, is_group, thread_ref, mode]) interactions."""
    con = connect(path)
    rows = [(*OWNER, None, True)] + [(*a, None)[:4] + (False,) for a in accounts]
    con.executemany("""insert into raw_accounts (owner_id, export_id, export_path, member, line, platform, account_ref,
                       display_name, connected_at, is_owner) values (?, 'x', 'synthetic', 'accounts', ?, ?, ?, ?, ?, ?)""",
                    [(owner_id, i, *row) for i, row in enumerate(rows, 1)])
    if interactions:
        con.executemany("""insert into raw_interactions (owner_id, export_id, export_path, member, line, platform,
                           account_ref, kind, direction, occurred_at, is_offline, is_group, thread_ref, mode)
                           values (?, 'x', 'synthetic', 'interactions', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        [(owner_id, i, *_interaction(*row)) for i, row in enumerate(interactions, 1)])
    count = len(rows) + len(interactions)
    con.execute("insert into ingested_exports values (?, 'synthetic', 'x', 'test', ?, ?, 0, false)", [owner_id, count, count])
    resolve_step(con, force=True)
    marts_step(con, as_of, force=True)
    return con


def _interaction(platform, ref, kind, direction, at, is_group=False, thread=None, mode=None):
    return platform, ref, kind, direction, at, platform == "journal", is_group, thread or f"t-{ref}", mode


ACCOUNTS = [
    ("facebook", "Ada Direct", "Ada Direct"),
    ("facebook", "Ben Reacts", "Ben Reacts"),
    ("facebook", "Cem Group", "Cem Group"),
    ("facebook", "Dora Lurker", "Dora Lurker"),
    ("linkedin", "eva", "Eva Year"),
    ("linkedin", "finn", "Finn Met", ago(30)),
    ("journal", "finn met", "Finn Met"),
    ("linkedin", "gus", "Gus New", ago(30)),
    ("linkedin", "hana", "Hana Old", ago(200)),
    ("linkedin", "ivo", "Ivo Late"),
    ("linkedin", "jan", "Jan Quick"),
    ("linkedin", "kim", "Kim Ledger"),
    ("linkedin", "lea", "Lea Tenure", datetime(2020, 11, 27)),
    ("journal", "lea tenure", "Lea Tenure"),
    ("journal", "greta offline", "Greta Offline"),
]
INTERACTIONS = [
    *[("facebook", "Ada Direct", "message", "out", ago(0, hours=h)) for h in (8, 9, 10, 11)],
    *[("facebook", "Ben Reacts", "reaction", "in", ago(0, hours=h)) for h in (8, 9, 10, 11)],
    *[("facebook", "Cem Group", "message", "in", ago(0, hours=h), True, "t-group") for h in (8, 9, 10, 11)],
    ("facebook", "Dora Lurker", "profile_visit", "out", ago(5)),
    ("facebook", "Dora Lurker", "follow", "in", ago(4)),
    ("linkedin", "eva", "message", "in", ago(365)),
    ("linkedin", "finn", "connection", "mutual", ago(30)),
    ("journal", "finn met", "meeting", "mutual", ago(10), False, None, "in_person"),
    ("linkedin", "gus", "connection", "mutual", ago(30)),
    ("linkedin", "gus", "message", "in", ago(20)),
    ("linkedin", "gus", "message", "in", ago(19)),
    ("linkedin", "hana", "connection", "mutual", ago(200)),
    ("linkedin", "ivo", "message", "in", ago(40)),
    ("linkedin", "ivo", "message", "out", ago(20)),
    ("linkedin", "jan", "message", "in", ago(10, hours=9)),
    ("linkedin", "jan", "message", "out", ago(10, hours=11)),
    ("linkedin", "jan", "message", "in", ago(3)),
    ("linkedin", "kim", "message", "in", ago(30)),
    ("linkedin", "kim", "message", "out", ago(30, hours=1)),
    ("linkedin", "kim", "message", "in", ago(27)),
    ("linkedin", "kim", "message", "out", ago(10)),
    ("linkedin", "kim", "endorsement", "out", ago(50)),
    ("linkedin", "kim", "recommendation", "in", ago(60)),
    ("linkedin", "lea", "connection", "mutual", datetime(2020, 11, 27)),
    ("linkedin", "lea", "message", "out", datetime(2022, 11, 27)),
    ("journal", "lea tenure", "meal", "mutual", datetime(2024, 11, 27), False, None, "meal"),
    ("journal", "greta offline", "meeting", "mutual", ago(5), False, None, "in_person"),
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    with build_db(tmp_path_factory.mktemp("marts") / "u.duckdb", ACCOUNTS, INTERACTIONS) as con:
        yield con


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_direct_messages_weigh_more_than_reactions_and_group_messages(con):
    assert rows(con, "select display_name, online_interactions, online_points, strength_online, strength from contacts "
                     "where display_name in ('Ada Direct', 'Ben Reacts', 'Cem Group') order by 1") == [
        ("Ada Direct", 4, 4.0, 8.05, 8),     # 4 direct messages × 1: 5·ln(1 + 4)
        ("Ben Reacts", 4, 0.8, 2.94, 3),     # 4 reactions × 0.2
        ("Cem Group", 4, 1.0, 3.47, 3),      # 4 group messages × 0.25
    ]


def test_profile_visits_and_follows_are_no_interaction_at_all(con):
    assert rows(con, "select online_interactions, last_online_at, online_points, strength, first_seen_at "
                     "from contacts where display_name = 'Dora Lurker'") == [(0, None, 0.0, 0, ago(5))]
    assert rows(con, "select count(*) from tenure where display_name = 'Dora Lurker'") == [(0,)]
    assert rows(con, "select count(*) from interactions where kind in ('profile_visit', 'follow')") == [(2,)]


def test_recency_halves_the_weight_every_year(con):
    assert rows(con, "select online_points from contacts where display_name = 'Eva Year'") == [(0.5,)]


def test_offline_contact_is_weighed_by_mode_and_weighs_most(con):
    # a meeting in person 10 days ago: 3 × 0.5^(10/365) = 2.944; 15·ln(1 + 2.944) = 20.58
    assert rows(con, "select offline_points, strength_offline, has_offline_interaction, last_met_in_person_at "
                     "from contacts where display_name = 'Finn Met'") == [(2.944, 20.58, True, ago(10))]
    weights = dict(rows(con, "select activity, weight from strength_weights where is_offline"))
    assert max(weights, key=weights.get) in ("in_person", "meal") and weights["in_person"] == 3.0
    assert weights["call"] < weights["video"] < weights["in_person"]


def test_weights_declare_which_kinds_are_no_interaction(con):
    assert [r[0] for r in rows(con, "select activity from strength_weights where weight = 0 order by 1")] == [
        "follow", "friend_removed", "friend_request_rejected", "group_join", "group_leave", "profile_visit"]
    online = dict(rows(con, "select activity, weight from strength_weights where not is_offline"))
    assert online["message"] > online["reaction"] and online["call"] > online["mention"]


def test_strength_is_the_sum_of_its_components_and_can_be_recomputed(con):
    recomputed = """
        select display_name, strength,
               cast(round(round(least(50, 15 * ln(1 + offline_points)), 2) + round(least(30, 5 * ln(1 + online_points)), 2)
                    + case when given_points > 0 and received_points > 0
                           then round(10 * least(given_points, received_points) / greatest(given_points, received_points)
                                      * least(1, (given_points + received_points) / 10), 2) else 0 end
                    + round(least(10, 2 * tenure_years), 2)) as integer) as recomputed
        from contacts"""
    assert all(strength == again for _, strength, again in rows(con, recomputed))
    # Finn Met: 20.58 offline + 1.93 online (the connection 30 days ago) + 0 + 0.1 tenure (20 days)
    assert rows(con, "select min(strength), max(strength) from contacts") == [(0, 23)]


def test_contacts_keep_their_public_columns_first(con):
    columns = [r[0] for r in rows(con, "describe contacts")]
    assert columns[:21] == [
        "owner_id", "person_id", "display_name", "platforms", "first_seen_at", "last_online_at", "last_offline_at",
        "online_interactions", "offline_interactions", "has_offline_interaction", "strength", "last_met_in_person_at",
        "connected_at", "messages_in", "messages_out", "online_last_12_months", "offline_last_12_months",
        "strength_offline", "strength_online", "strength_reciprocity", "strength_tenure"]


def test_no_offline_columns_are_stable(con):
    assert [r[0] for r in rows(con, "describe no_offline")] == [
        "owner_id", "person_id", "display_name", "platforms", "first_seen_at", "last_online_at", "online_interactions",
        "messages_in", "messages_out", "strength", "profile_url"]
    assert "Finn Met" not in [r[0] for r in rows(con, "select display_name from no_offline")]


def test_a_correspondent_known_by_a_number_alone_has_a_link_to_see_who_it_is(unsocial, tmp_path):
    """An archive names some DM correspondents by account id only: no name, no handle. The never-met list still
    gives the owner a way to see who they are: the link the archive writes for followers, made from the id."""
    inbox = tmp_path / "inboxes" / "ana"
    shutil.copytree(fixture("twitter", "2019"), inbox / "twitter-2019")
    db = tmp_path / "u.duckdb"
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports").code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        listed = rows(con, "select display_name, profile_url from no_offline where display_name is null")
    assert listed and all(url == "https://twitter.com/intent/user?user_id=" + url.rsplit("=", 1)[1]
                          and url.rsplit("=", 1)[1].isdigit() for _, url in listed)
    page = (tmp_path / "reports" / "ana" / "summary.html").read_text(encoding="utf-8")  # the never-met list links
    assert all(f'<td><a href="{url}" rel="noreferrer">(no name)</a></td>' in page for _, url in listed)


def test_follow_up_lists_recent_connections_not_met_since(con):
    assert rows(con, "select display_name, connected_platform, days_since_connected, follow_up_by, online_interactions "
                     "from follow_up") == [("Gus New", "linkedin", 30, date(2027, 1, 26), 3)]


def test_follow_up_window_is_a_setting(con):
    set_setting(con, "follow_up_days", "365")
    try:
        assert [r[0] for r in rows(con, "select display_name from follow_up")] == ["Gus New", "Hana Old"]
    finally:
        con.execute("delete from settings where key = 'follow_up_days'")


def test_unanswered_lists_messages_without_a_reply_within_14_days(con):
    assert rows(con, "select display_name, unanswered_messages, oldest_unanswered_at, last_unanswered_at, late_replies, "
                     "waiting_messages, replies, median_reply_hours from unanswered") == [
        ("Gus New", 2, ago(20), ago(19), 0, 0, 0, None),
        ("Eva Year", 1, ago(365), ago(365), 0, 0, 0, None),
        ("Ivo Late", 0, None, None, 1, 0, 1, 480.0),              # answered after 20 days
        ("Kim Ledger", 0, None, None, 1, 0, 2, 204.5),            # in 1 hour, then after 17 days
    ]
    assert rows(con, "select median_reply_hours from overview") == [(205.0,)]  # 1, 2, 408, 480 hours


def test_reply_window_is_a_setting(con):
    set_setting(con, "reply_days", "30")
    try:
        assert rows(con, "select display_name, unanswered_messages, late_replies from unanswered") == [("Eva Year", 1, 0)]
    finally:
        con.execute("delete from settings where key = 'reply_days'")


def test_reciprocity_books_conversations_started_and_gifts(con):
    assert rows(con, "select given_conversations, received_conversations, given_endorsements, received_recommendations, "
                     "given_points, received_points, balance, given_share from reciprocity "
                     "where display_name = 'Kim Ledger'") == [(1, 1, 1, 1, 1.5, 4.0, -2.5, 0.27)]
    # 10 · 1.5/4 · min(1, 5.5/10)
    assert rows(con, "select strength_reciprocity from contacts where display_name = 'Kim Ledger'") == [(2.06,)]
    assert rows(con, "select display_name from reciprocity order by balance limit 1") == [("Kim Ledger",)]


def test_tenure_finds_first_contact_and_longest_channel(con):
    assert rows(con, "select first_contact_at, first_contact_platform, last_contact_at, relationship_years, tenure_years, "
                     "longest_channel, longest_channel_years, channels from tenure where display_name = 'Lea Tenure'") == [
        (datetime(2020, 11, 27), "linkedin", datetime(2024, 11, 27), 6.0, 4.0, "linkedin", 2.0, 2)]
    assert rows(con, "select strength_tenure from contacts where display_name = 'Lea Tenure'") == [(8.0,)]


def test_core_circle_counts_everyone_with_personal_contact_and_warns_below_40(con):
    circle = rows(con, "select circle_rank, display_name, personal_contacts_last_12_months, is_below_40 from core_circle")
    assert [r[:2] for r in circle[:3]] == [(1, "Finn Met"), (2, "Lea Tenure"), (3, "Kim Ledger")]
    # Ada, Finn, Ivo, Jan, Kim wrote or met; Greta is on no platform but was met; Lea's meal is 2 years old
    assert {r[2:] for r in circle} == {(6, True)}
    assert "Dora Lurker" not in [r[1] for r in circle]  # strength 0 is no relationship
    assert rows(con, "select contacts, met_offline, personal_contacts_last_12_months, is_below_40, core_circle_size, "
                     "follow_ups_due, contacts_waiting_for_reply from overview") == [(12, 2, 6, True, 11, 1, 2)]


def test_core_circle_holds_the_60_strongest(tmp_path):
    accounts = [("facebook", f"Friend {i:02}", f"Friend {i:02}") for i in range(65)]
    interactions = [("facebook", f"Friend {i:02}", "message", "out", ago(i)) for i in range(65)]
    with build_db(tmp_path / "u.duckdb", accounts, interactions) as con:
        circle = rows(con, "select circle_rank, display_name, strength, personal_contacts_last_12_months, is_below_40 "
                           "from core_circle")
    assert len(circle) == 60 and [r[0] for r in circle] == list(range(1, 61))
    assert [r[1] for r in circle[:2]] == ["Friend 00", "Friend 01"] and circle[-1][1] == "Friend 59"
    assert [r[2] for r in circle] == sorted((r[2] for r in circle), reverse=True)
    assert {r[3:] for r in circle} == {(65, False)}
