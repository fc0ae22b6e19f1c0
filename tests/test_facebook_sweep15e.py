"""Facebook titles of the fifth sweep of issue 13, in more languages, whose person was lost when the export names
them nowhere else: Vietnamese comments (2021, "đã bình luận về bài viết của X.", "đã phản hồi bình luận của X.",
"đã trả lời bình luận của X."). Every person in the fixtures is invented."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, owner_lines, parse, quarantined
from ingest.sources.facebook.titles import title_target

VI = "f4-2021-html-vi-comments"
VI_COMMENTS = "comments/comments.html"


def test_vietnamese_comments_go_to_people_named_nowhere_else(as_):
    """vanhai260300/MyFaceBook (2021): before, every comment but the one on a friend's video was refused as a
    language not recognised, and so were the owner's own ("một bài viết", "bình luận của chính cô ấy")."""
    records = parse(as_(VI))
    assert interactions(records, VI_COMMENTS) == [
        (1, "Đỗ Quang Vinh", "comment", "out"),    # "đã bình luận về bài viết của …"
        (2, "Hồ Thị Yến", "comment", "out"),       # "đã trả lời bình luận của …"
        (3, "Lý Gia Bảo", "comment", "out"),       # "đã phản hồi bình luận của …"
        (4, "Hồ Thị Yến", "comment", "out"),       # "… về ảnh của …"
        (5, "Trần Minh Khoa", "comment", "out")]   # "… về video của …": a friend, known by name
    assert owner_lines(records, VI_COMMENTS) == [6, 7]  # her own comment; "một bài viết", a post
    assert quarantined(records) == {(VI_COMMENTS, 8): "time: missing"}
    assert_nothing_lost(records)


@pytest.mark.parametrize("title, target", [
    ("Văn Minh đã bình luận về bài viết của Nguyễn Thị Lan.", "Nguyễn Thị Lan"),
    ("Văn Minh đã trả lời bình luận của Lê Văn Tâm.", "Lê Văn Tâm"),
    ("Văn Minh đã phản hồi bình luận của Lê Văn Tâm.", "Lê Văn Tâm"),
    ("Văn Minh đã trả lời bình luận của chính anh ấy.", None),
    ("Văn Minh đã bình luận về một bài viết.", None),
])
def test_vietnamese_comment_sentences(title, target):
    assert title_target(title, "Văn Minh") == target
