"""Sweep 16, third round: whole published Twitter/X archives and LinkedIn exports run end to end, as a user would.

Each in an invented fixture of the real shape:

* A 2026 LinkedIn export (adrockmkt/adrock-extrator-emails ``linkedin_raw/``) names its file of followed companies
  ``Company_Follows.csv`` ("Organization,Followed On", "Tue Feb 24 13:01:44 UTC 2026"): only "Company Follows.csv"
  was known as the owner's own, so the run reported an unknown file and asked for an issue, though it names no one.
* An archive of October 2018 handed in as its ``direct-message-headers.js`` alone (MichaelS20/twit-shit): a
  conversation whose messages are all gone is kept as ``"messages" : [ ]``, its other person named only by the
  conversation id (2 of the 6 people the owner wrote with). They were lost: the conversation reader yielded
  nothing for an empty conversation; now each is an entry read, its row the person's account.
"""

from __future__ import annotations

from conftest import export_counts, fixture, ingest_as_marta, query

FOLLOWS = "2026-company-follows-underscore"
HEADERS = "2018-dm-headers-alone"
OWNER, MESSAGED, WROTE_TO = "30517720", "719034556", "2984410732"
EMPTY = ("482266915", "1290463118")  # in a conversation id only, its messages all gone


def test_company_follows_with_an_underscore_is_the_owners_own_not_an_unknown_file(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("linkedin", FOLLOWS))
    assert export_counts(db) == [("linkedin", 3, 2, 1)]
    assert query(db, "select member, handling, reason from not_read order by 1") == [
        ("Company_Follows.csv", "ignored", "the owner's own data, no other person"),
        ("Connections.csv", "quarantined",
         "name and profile URL empty: a member LinkedIn no longer names (likely a deleted or deactivated account)")]
    assert query(db, "select display_name, email from raw_accounts order by 1") == [
        ("Mariana Tavares", "mariana.tavares@example.com.br"), ("Rafael Moreira", None)]


def test_a_lone_headers_file_of_2018_gives_the_messages_both_ways(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("twitter", HEADERS))
    assert export_counts(db) == [("twitter", 6, 5, 1)]  # the two emptied conversations: their people
    assert query(db, "select account_ref, direction, occurred_at::varchar from raw_interactions order by 3") == [
        (WROTE_TO, "out", "2018-10-05 13:24:50.102"), (MESSAGED, "in", "2018-10-17 15:16:43.03"),
        (MESSAGED, "out", "2018-10-17 16:02:11.415")]
    assert query(db, "select reason from raw_quarantine") == [("messageCreate.createdAt: date in no known format",)]


def test_the_people_of_conversations_whose_messages_are_gone_are_kept(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("twitter", HEADERS))
    people = {ref for (ref,) in query(db, "select account_ref from raw_accounts where not is_owner")}
    assert people == {MESSAGED, WROTE_TO, *EMPTY}
