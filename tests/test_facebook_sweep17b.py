"""Sweep 17b (issue 13): who the owner is when nothing names them, and files left out with the wrong reason.

* The owner's posts alone, your_posts_1.json with event_invitations.json (kis81/dataday3, 2008-2023): no profile, no
  thread, so 1,136 of 1,313 posts were refused "the owner is unknown", though 1,079 of its 1,080 titles open with the
  owner's name. The owner is now the name (nearly) all titles of the owner's posts file open with.
* One group chat alone (badface734/messengerWordleTally message_1.json, 2022): four participants in one thread, no
  name common to threads; its one "Subscribe" message, "You added <person> to the group.", is the owner's.
* A voice clip in a thread's files/ folder (csabikam/messenger_parser json/<thread>/files/<…>.amr) was left out as
  "the owner's own activity": it is an attachment of a conversation.
* Threads uploaded flat as <16 digits>/message_1.json (tieubachlongblog/thanhbobber, 2025): a participant named by
  170 U+206F and a space was an account that shows blank; it has no name, as "" has none. Its followers and follows
  files have the _v3 keys.

Every fixture holds invented people in the real file's shape.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import assert_nothing_lost, export_counts, fixture, ingest_as_marta, query
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import accounts, interactions, notes, owner_lines, parse, quarantined
from ingest.models import Account
from ingest.sources.archive import Export
from ingest.sources.facebook.notices import first_person
from ingest.sources.facebook.posts import OWNER_NOTE
from ingest.sources.facebook.text import is_blank, name_of
from ingest.sources.facebook.titles import title_actor

POSTS_ALONE = "single-posts-2023-owner-titles"
POSTS = "your_posts_1.json"
GROUP_ALONE = "single-group-thread-2022"
COPIED = "threads-copied-2020-attachments"
FLAT = "f6-2025-flat-threads"
NAMELESS = "sender_name: no name, a deleted or deactivated account or one hidden from you, nothing to recover"
GONE_ONLY = "participants: no one besides the owner but a deleted or deactivated account"


def owners(records) -> set[str]:
    return {r.account_ref for r in records if isinstance(r, Account) and r.is_owner}


def test_the_owner_of_a_posts_file_alone_is_the_name_its_titles_open_with(as_):
    records = parse(as_(POSTS_ALONE))
    assert_nothing_lost(records)
    assert owners(records) == {"Ivana Kollárová"}
    assert owner_lines(records, POSTS) == [1, 3, 4, 5, 6]
    assert interactions(records, POSTS) == [(2, "Marek Sýkora", "comment", "out"),
                                            (8, "Jana Bieliková", "comment", "out")]
    assert quarantined(records) == {(POSTS, 7): "timestamp: missing"}
    assert OWNER_NOTE in notes(records)[POSTS][1]


def test_a_posts_file_alone_reaches_the_database_whole(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("facebook", POSTS_ALONE))
    assert export_counts(db) == [("facebook", 8, 7, 1)]
    assert query(db, "select reason from raw_quarantine") == [("timestamp: missing",)]


def posts_alone(tmp_path: Path, titles: list[str]) -> Export:
    items = [{"timestamp": 1300000000 + i, "data": [], "title": t} for i, t in enumerate(titles)]
    (tmp_path / POSTS).write_text(json.dumps(items), encoding="utf-8")
    return Export(tmp_path)


@pytest.mark.parametrize("titles", [
    ["Ivana Kollárová shared a link.", "Ivana Kollárová updated her status."],  # two titles: too few to tell
    ["Ivana Kollárová shared a link.", "Ivana Kollárová updated her status.", "Pavol Hric shared a post.",
     "Pavol Hric shared a link."],  # no name in 90% of the titles
    ["Ivana Kollárová  recommends a place.", "Ivana Kollárová  recommends a film.",
     "Ivana Kollárová  recommends a book."],  # no verb of the language table: no actor read
])
def test_no_owner_is_guessed_from_titles_that_do_not_agree_or_are_too_few(tmp_path, titles):
    records = parse(posts_alone(tmp_path, titles))
    assert owners(records) == set()
    assert set(quarantined(records).values()) == {"post: names no other person and the owner is unknown"}


@pytest.mark.parametrize("title, actor", [
    ("Ivana Kollárová shared a link.", "Ivana Kollárová"),
    ("Ivana Kollárová wrote on Marek Sýkora's timeline.", "Ivana Kollárová"),
    ("A Lucía Ferrer le ha gustado la foto de Pablo.", "Lucía Ferrer"),
    ("Ivana Kollárová  recommends Horská chata.", None),
])
def test_the_actor_of_a_title_is_the_name_before_a_known_verb(title, actor):
    assert title_actor(title) == actor


def test_a_group_chat_alone_takes_its_owner_from_the_owners_own_notice(as_):
    records = parse(as_(GROUP_ALONE))
    assert_nothing_lost(records)
    assert owners(records) == {"Oskar Lindén"}
    assert quarantined(records) == {("message_1.json", 7): "timestamp_ms: missing"}
    rows = interactions(records, "message_1.json")
    assert (2, "Hanne Vik", "message", "out") in rows and (1, "Hanne Vik", "message", "in") in rows
    assert not [r for r in rows if r[1] == "Oskar Lindén"]


@pytest.mark.parametrize("message, mine", [
    ({"type": "Subscribe", "content": "You added Lina Mertens to the group.", "users": [{"name": "Lina Mertens"}]},
     True),
    ({"type": "Unsubscribe", "content": "You removed Lina Mertens from the group."}, True),
    ({"type": "Unsubscribe", "content": "You left the group."}, True),
    ({"content": "You named the group Sudoku Scores."}, True),  # 2024 on: no message has a type
    ({"content": "You created the group."}, True),
    ({"content": "Dodałeś(aś) Lina Mertens do grupy."}, True),  # Polish second person
    ({"type": "Generic", "content": "You added me to the group."}, False),  # typed by a person
    ({"content": "You added me to the group, thanks!"}, False),
    ({"type": "Subscribe", "content": "Hanne Vik added Lina Mertens to the group."}, False),
    ({"content": "You called Hanne Vik."}, False),
    ({"content": "You added Lina Mertens to the group.", "photos": [{"uri": "x.jpg"}]}, False),
])
def test_only_messengers_own_first_person_notices_name_their_sender_the_owner(message, mine):
    assert first_person(message) is mine


def test_a_clip_in_a_threads_files_folder_is_an_attachment(as_):
    records = parse(as_(COPIED))
    assert_nothing_lost(records)
    found = notes(records)
    thread = "json/BalazsNemeth_k3jq9x2w1a"
    attachment = ("ignored", "an attachment of a conversation, no person in it")
    assert found[f"{thread}/files/031522093100_10204500392737279.amr"] == attachment
    assert found[f"{thread}/photos/12941040_506318999569660_314748866_o_506318999569660.png"] == attachment
    assert owners(records) == {"Petra Horváth"}


@pytest.mark.parametrize("name, blank", [
    ("", True), (" ", True), ("\u206f" * 170 + " ", True), ("\u200b\u00a0", True), ("\t", True),
    ("Lê Thị Mai", False), ("\u206fLê", False),
])
def test_a_name_of_invisible_characters_alone_is_no_name(name, blank):
    assert is_blank(name) is blank
    assert (name_of(name) is None) is blank


def test_a_participant_named_by_invisible_characters_is_no_one_as_an_empty_name(as_):
    records = parse(as_(FLAT))
    assert_nothing_lost(records)
    assert not [r for r in records if isinstance(r, Account) and is_blank(r.account_ref)]
    invisible = "3295866664039126/message_1.json"
    refused = {line: reason for (member, line), reason in quarantined(records).items() if member == invisible}
    assert refused == {1: NAMELESS, 2: GONE_ONLY, 3: NAMELESS}
    assert interactions(records, "2415533571919582/message_1.json") == [
        (1, "Lê Thị Mai", "message", "in"), (2, "Lê Thị Mai", "message", "out")]


def test_followers_and_follows_with_the_v3_keys_are_read(as_):
    """followers_v3 writes names alone, no time (as the real file does): accounts, no dated follow."""
    records = parse(as_(FLAT))
    followers = "connections/followers/people_who_followed_you.json"
    assert accounts(records, followers) == [(1, "Phạm Quốc Bảo"), (2, "SunnyGardenStudio42"), (3, "Đỗ Thanh Hà")]
    assert notes(records)[followers] == ("parsed", "followers list")
    assert interactions(records, "connections/followers/who_you've_followed.json") == [
        (1, "Nguyễn Văn An", "follow", "out"), (2, "Hoàng Lan", "follow", "out")]
    assert quarantined(records)[("connections/followers/who_you've_followed.json", 3)] == "name: missing"
