"""Japanese comment titles: "<owner>さんが<X>さんの投稿にコメントしました。", each name glued to the honorific and a
particle with no space, so neither a friend's name nor the sentence of another language was found in them, and
every comment was refused as "language not recognised", the friend's too."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, parse, quarantined
from ingest.sources.facebook.titles import title_target

JA = "f6-2024-ja-comments"
COMMENTS = "your_facebook_activity/comments_and_reactions/comments.json"


def test_japanese_comments_go_to_each_person_named_friend_or_not(as_):
    records = parse(as_(JA))
    assert interactions(records, COMMENTS) == [
        (1, "佐藤 健", "comment", "out"),     # a friend
        (2, "高橋 美咲", "comment", "out"),   # named nowhere else
        (3, "田中 誠", "comment", "out")]
    assert quarantined(records) == {}
    assert_nothing_lost(records)


@pytest.mark.parametrize("actor", ["山本 花子", None])  # the owner known, or not yet
def test_the_other_person_is_the_name_before_san_no(actor):
    assert title_target("山本 花子さんが佐藤 健さんの投稿にコメントしました。", actor) == "佐藤 健"
