"""Twitter shapes of sweep 20: group DMs without account.js or manifest.js, the owner the one account in every group
conversation (8yeol/love ``data/direct-messages-group.js`` alone, or its ``direct-message-group-headers.js`` beside
the follow lists); and T0 (Grailbird) tweets of before November 2010, dated by their day alone (a-know/tweets,
hotoo/twitter ``data/js/tweets/YYYY_MM.js``)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import pytest

from conftest import fixture, ingest_as_marta, parse, query
from ingest.models import Account
from ingest.sources import twitter
from ingest.sources.archive import Export
from test_twitter_shapes import interactions, note_of, refused, unknown, read  # noqa: F401 (read: fixture)

GROUPS, HEADERS, DATE_ONLY = "2024-dm-groups-alone", "2024-dm-group-headers-follows", "2010-grailbird-date-only"
GROUP_FILE = "data/direct-messages-group.js"
ROSA, BEN, CLEO, DEV, EDA, FINN = (f"88000000{n:02d}" for n in (1, 11, 12, 13, 14, 15))
JONTE, SAGA, IVO = "41000011", "41000012", "41000013"
UNKNOWN = "the owner's account id is unknown (no account.js or manifest.js in this export)"
FOUND = "the owner's account id read from 3 group conversations, the one account in every one of them"


def owner_lines(records: list, member: str) -> list[int]:
    """The lines read as the owner's own messages (to each other member of the group)."""
    return sorted({line for line, _, kind, direction, _ in interactions(records, member) if direction == "out"
                   and kind == "message"})


def copy_of(tmp_path, vintage: str):
    folder = tmp_path / vintage
    shutil.copytree(fixture("twitter", vintage), folder)
    return folder


def rewrite_groups(folder, change) -> None:
    """The group file of ``folder`` with its conversations passed through ``change``."""
    path = folder / GROUP_FILE
    prefix, _, body = path.read_text(encoding="utf-8").partition("= ")
    path.write_text(f"{prefix}= {json.dumps(change(json.loads(body)), indent=2)}", encoding="utf-8")


# --- A. the owner of group DMs ------------------------------------------------------------------------------------

def test_the_owner_is_the_one_account_in_every_group_conversation(read):
    records = read(GROUPS)
    # Before: all 13 records refused, "messageCreate: the owner's account id is unknown (...)"
    assert refused(records) == {(GROUP_FILE, 9): "messageCreate.createdAt: missing"}  # the fixture's bad record
    assert owner_lines(records, GROUP_FILE) == [2, 7, 11]  # Rosa's messages, one in each group
    assert {ref for _, ref, *_ in interactions(records, GROUP_FILE)} == {BEN, CLEO, DEV, EDA, FINN}
    assert ROSA not in {r.account_ref for r in records if isinstance(r, Account)}  # never one of her contacts
    assert note_of(records, GROUP_FILE).note == f"3 conversations; {FOUND} (no account.js or manifest.js)"


def test_a_headers_file_beside_the_follow_lists_tells_the_owner_too(read):
    records = read(HEADERS)
    # Before: the 12 messages and joins refused; only the follow lists were read
    assert refused(records) == {("direct-message-group-headers.js", 8): "messageCreate.createdAt: missing"}
    assert owner_lines(records, "direct-message-group-headers.js") == [2, 6, 10]
    assert FOUND in note_of(records, "direct-message-group-headers.js").note
    assert unknown(records) == []


def test_one_group_tells_no_owner(tmp_path):
    folder = copy_of(tmp_path, GROUPS)
    rewrite_groups(folder, lambda groups: groups[:1])
    records = parse(Export(folder))
    assert set(refused(records).values()) == {f"{kind}: {UNKNOWN}" for kind in ("messageCreate", "reaction",
                                                                                "joinConversation")}
    assert FOUND[-40:] not in note_of(records, GROUP_FILE).note


def test_a_friend_in_every_group_as_well_is_a_tie_and_no_guess(tmp_path):
    folder = copy_of(tmp_path, GROUPS)
    def ben_everywhere(groups: list) -> list:
        groups[2]["dmConversation"]["messages"][1]["messageCreate"]["senderId"] = BEN  # Ben, not Eda, thanks Rosa
        return groups
    rewrite_groups(folder, ben_everywhere)
    records = parse(Export(folder))
    assert f"messageCreate: {UNKNOWN}" in set(refused(records).values())
    assert not interactions(records, GROUP_FILE)


@pytest.mark.parametrize(("pair", "owner_found"), [(f"{ROSA}-{BEN}", True), (f"{BEN}-{CLEO}", False)])
def test_one_to_one_conversation_ids_must_agree(tmp_path, pair, owner_found):
    folder = copy_of(tmp_path, GROUPS)
    message = {"messageCreate": {"recipientId": pair.split("-")[1], "senderId": pair.split("-")[0], "text": "hi",
                                 "id": "1780000000000000001", "createdAt": "2024-04-01T10:00:00.000Z"}}
    (folder / "data" / "direct-messages.js").write_text("window.YTD.direct_messages.part0 = " + json.dumps(
        [{"dmConversation": {"conversationId": pair, "messages": [message]}}]), encoding="utf-8")
    records = parse(Export(folder))
    # one one-to-one conversation names two accounts: the groups decide between them, never against them
    assert bool(owner_lines(records, GROUP_FILE)) is owner_found
    assert (f"messageCreate: {UNKNOWN}" in set(refused(records).values())) is not owner_found


def test_with_account_js_the_group_files_are_not_searched(tmp_path, monkeypatch):
    def searched(*_):
        raise AssertionError("owner_from_groups read the group files")
    monkeypatch.setattr(twitter, "owner_from_groups", searched)
    records = parse(Export(fixture("twitter", "2023-dm-group-members")))
    assert interactions(records, GROUP_FILE)
    assert "group conversations" not in note_of(records, GROUP_FILE).note


def test_the_not_read_view_explains_the_owner_found(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("twitter", GROUPS))
    [(reason, actionable)] = query(db, "select reason, is_actionable from not_read where handling = 'parsed'")
    assert FOUND in reason and actionable is False


# --- C. T0 tweets of before November 2010: a day, no time ----------------------------------------------------------

def test_tweets_of_before_november_2010_are_read_on_their_day_and_counted(read):
    records = read(DATE_ONLY)
    assert interactions(records, "data/js/tweets/2010_10.js") == [
        (1, SAGA, "mention", "out", datetime(2010, 10, 30)), (3, JONTE, "reply", "out", datetime(2010, 10, 2))]
    assert interactions(records, "data/js/tweets/2010_11.js") == [
        (1, JONTE, "mention", "out", datetime(2010, 11, 6, 4, 54, 11)),  # a Snowflake id: its time, as before
        (2, IVO, "mention", "out", datetime(2010, 11, 4))]  # the last day of ids without a time
    assert note_of(records, "data/js/tweets/2010_10.js").note == (
        "3 tweets, 1 of them naming no other account (not counted as records); 2 tweets of before late 2010 carry a "
        "date only: read at 00:00 UTC, their time unknown")
    assert note_of(records, "data/js/tweets/2010_11.js").note == (
        "3 tweets; 1 tweet of before late 2010 carries a date only: read at 00:00 UTC, its time unknown")
    assert refused(records) == {("data/js/tweets/2010_11.js", 3): "created_at: missing"}


def test_a_tweet_posted_at_midnight_later_is_not_date_only(read):
    records = read(DATE_ONLY)
    assert interactions(records, "data/js/tweets/2011_01.js") == [(1, SAGA, "mention", "out", datetime(2011, 1, 1))]
    assert note_of(records, "data/js/tweets/2011_01.js").note == "1 tweets"


@pytest.mark.parametrize(("created_at", "date_only"), [
    ("2009-07-30 00:00:00 +0000", True), ("2010-11-04 00:00:00 +0000", True),
    ("2010-11-05 00:00:00 +0000", False), ("2009-07-30 13:05:00 +0000", False),
    ("Thu Jul 30 00:00:00 +0000 2009", False), (None, False)])
def test_which_created_at_gives_a_day_alone(created_at, date_only):
    assert twitter.tweets.is_date_only(created_at) is date_only


def test_the_not_read_view_explains_the_date_only_tweets(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("twitter", DATE_ONLY))
    rows = query(db, "select member, what_to_do from not_read where reason like '%date only%' order by 1")
    assert [member for member, _ in rows] == ["data/js/tweets/2010_10.js", "data/js/tweets/2010_11.js"]
    assert all("before November 2010" in advice for _, advice in rows)
