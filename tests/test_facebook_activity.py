"""Facebook JSON files of 2014-2021 whose people were lost: post tags written as plain strings (quarantined as
"tags.name: missing"), the 2019 file of posts and comments in groups and the 2021 notifications (left out as "no
other person"), and an F3 export flattened into one folder (every file left out). Shapes from published exports
(AngadLC/facebookpostanlaysis, barlowlm/FYPFLASK, AntonisPar/chatbot-trained-with-facebook-data); every person
in the fixtures is invented."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import assert_nothing_lost, fixture
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, notes, owner_lines, parse, quarantined
from ingest.models import Account, Interaction
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export

OWNER = "Marta Lindqvist"
POSTS = "posts/your_posts_1.json"
GROUPS = "groups/your_posts_and_comments_in_groups.json"
NOTIFICATIONS = "notifications/notifications.json"
NEW = ["f4-2021-posts-tag-strings", "f3-2019-group-posts", "f4-2021-notifications", "f3-2019-flattened"]


def people(records) -> set[str]:
    """Everyone the export made an account of, the owner aside."""
    return {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner}


# What each fixture leaves out or refuses: the flattened export's album, logins and pages liked; the group file's
# invented record without its title.
LEFT_OUT = {"f3-2019-flattened": {"0.json", "logins_and_logouts.json", "pages.json"}}
REFUSED = {"f3-2019-group-posts": {(GROUPS, 11)}}


@pytest.mark.parametrize("vintage", NEW)
def test_every_file_holding_people_is_read_and_nothing_is_lost(as_, vintage):
    export = as_(vintage)
    assert detect_source(export) is facebook
    records = parse(export)
    assert {m for m, (handling, _) in notes(records).items() if handling != "parsed"} == LEFT_OUT.get(vintage, set())
    assert set(quarantined(records)) == REFUSED.get(vintage, set())
    assert_nothing_lost(records)
    assert OWNER not in {r.account_ref for r in records if isinstance(r, Interaction)}


def test_tags_written_as_plain_strings_are_mentions_of_the_people_tagged(as_):
    records = parse(as_("f4-2021-posts-tag-strings"))
    mentions = [i for i in interactions(records, POSTS) if i[2] == "mention"]
    assert mentions == [(1, "Lena Vogel", "mention", "out"), (1, "Tomás Novak", "mention", "out"),
                        (1, "Jonas Weber", "mention", "out"), (2, "Aylin Demir", "mention", "out")]
    assert {line for (member, line) in quarantined(records) if member == POSTS} == set()
    assert "" not in people(records)  # the empty tag of line 6 tags nobody


def test_comments_in_groups_of_2019_count_toward_the_person_commented_to(as_):
    records = parse(as_("f3-2019-group-posts"))
    assert interactions(records, GROUPS) == [(1, "Lena Vogel", "comment", "out"), (2, "Omar Haddad", "comment", "out"),
                                             (4, "Jonas Weber", "comment", "out")]
    # line 3 repeats line 2, as the 2019 file writes each comment twice: one comment, not two
    assert [r.account_ref for r in records if isinstance(r, Account) and (r.member, r.line) == (GROUPS, 3)] == [
        "Omar Haddad"]
    # her own post commented on, her posts in the group, the description and cover photo updated, the group
    # created: nobody
    assert owner_lines(records, GROUPS) == [5, 6, 7, 8, 9, 10]
    assert quarantined(records) == {(GROUPS, 11): "title: missing"}  # the invented record without its title
    assert "Vandring Norr" not in people(records)


def test_a_group_named_after_a_friend_does_not_make_the_friend_commented_to(tmp_path):
    folder = shutil.copytree(fixture("facebook", "f3-2019-group-posts"), tmp_path / "export")
    path = folder / GROUPS
    data = json.loads(path.read_text())
    for record in data["group_posts"]["activity_log_data"]:  # the friends list names Jonas Weber
        record["title"] = record.get("title", "").replace("Vandring Norr", "Jonas Weber Fanclub")
        for entry in record["data"]:
            if "comment" in entry:
                entry["comment"]["group"] = "Jonas Weber Fanclub"
    data["group_posts"]["activity_log_data"][0]["title"] = "Marta Lindqvist commented on a post in Jonas Weber Fanclub."
    path.write_text(json.dumps(data))
    records = parse(Export(folder))
    assert interactions(records, GROUPS) == [(2, "Omar Haddad", "comment", "out"), (4, "Jonas Weber", "comment", "out")]
    assert owner_lines(records, GROUPS) == [1, 5, 6, 7, 8, 9, 10]


def test_notifications_naming_people_are_their_interactions_with_the_owner(as_):
    records = parse(as_("f4-2021-notifications"))
    assert interactions(records, NOTIFICATIONS) == [
        (1, "Jonas Weber", "mention", "in"),
        (2, "Lena Vogel", "invitation", "in"),
        (3, "Omar Haddad", "invitation", "in"),  # "Pizzeria Da Marco: Omar Haddad invited you to like …"
        (4, "Tomás Novak", "reaction", "in"), (4, "Ines Duarte", "reaction", "in"),  # "… and 3 other people"
        (5, "Aylin Demir", "comment", "in"),
        (6, "Jonas Weber", "comment", "in"), (6, "Lena Vogel", "comment", "in"),
        (10, "Lena Vogel", "invitation", "in")]  # "Reminder: Lena Vogel invited you to like …"
    assert owner_lines(records, NOTIFICATIONS) == [7, 8, 9]  # a page's live video and new video, Facebook's own
    assert people(records) & {"Pizzeria Da Marco", "Radio Norr", "Vandring Norr"} == set()
    assert quarantined(records) == {}
    assert notes(records)[NOTIFICATIONS][0] == "parsed"


def test_an_export_flattened_into_one_folder_is_read_by_file_name_and_key(as_):
    records = parse(as_("f3-2019-flattened"))
    assert {m: i for m in ["friends.json", "received_friend_requests.json", "sent_friend_requests.json",
                           "rejected_friend_requests.json", "comments.json", "posts_and_comments.json",
                           "other_people's_posts_to_your_timeline.json", "your_posts_1.json",
                           "your_posts_and_comments_in_groups.json"]
            for i in [interactions(records, m)]} == {
        "friends.json": [(1, "Jonas Weber", "friendship", "mutual"), (2, "Lena Vogel", "friendship", "mutual"),
                         (3, "Tomás Novak", "friendship", "mutual")],
        "received_friend_requests.json": [(1, "Omar Haddad", "friend_request", "in")],
        "sent_friend_requests.json": [(1, "Aylin Demir", "friend_request", "out")],
        "rejected_friend_requests.json": [(1, "Ines Duarte", "friend_request_rejected", "in")],
        "comments.json": [(1, "Jonas Weber", "comment", "out")],
        "posts_and_comments.json": [(1, "Lena Vogel", "reaction", "out"), (2, "Tomás Novak", "reaction", "out")],
        "other_people's_posts_to_your_timeline.json": [(1, "Lena Vogel", "comment", "in")],
        "your_posts_1.json": [(1, "Omar Haddad", "comment", "out"), (2, "Jonas Weber", "mention", "out")],
        "your_posts_and_comments_in_groups.json": [(1, "Tomás Novak", "comment", "out")]}
    assert notes(records)["followers.json"] == ("parsed", "followers list")
    assert {m for m, (handling, _) in notes(records).items() if handling != "parsed"} == {
        "0.json", "logins_and_logouts.json", "pages.json"}  # an album, the owner's logins, pages liked
    assert quarantined(records) == {}


def test_a_file_of_a_known_name_outside_facebooks_folders_is_read_only_with_its_key(tmp_path):
    folder = shutil.copytree(fixture("facebook", "f3-2019-flattened"), tmp_path / "export")
    (folder / "comments.json").write_text(json.dumps({"items": [{"id": 1, "text": "not Facebook's"}]}))
    records = parse(Export(folder))
    assert notes(records)["comments.json"][0] == "ignored"
    assert interactions(records, "comments.json") == []
    assert notes(records)["posts_and_comments.json"][0] == "parsed"  # beside it, a file of Facebook's key
