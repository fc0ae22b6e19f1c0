"""Facebook shapes of the second sweep of issue 13 that were read with loss: HTML notifications whose time is empty or
in a form not read, dropped without a word (a Vietnamese page of the 2023-2025 layout); the HTML pages of the
``label_values`` files, ``likes_and_reactions.html`` and ``posts_on_other_pages_and_profiles.html``, left out with
"download it again in JSON" (VoidPharah41/fb_old, Traditional Chinese, 2025), and the Chinese labels 名稱, 作者,
擁有者 their JSON twins share. Every person in the fixtures is invented."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from conftest import fixture
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, notes, owner_lines, parse, quarantined, read_whole
from ingest.models import Account, Interaction, MemberNote
from ingest.sources.facebook.html import UNREAD_TIME
from ingest.sources.facebook.layout import kind_of

NOTIFICATIONS = "logged_information/notifications/notifications.html"
REACTIONS = "your_facebook_activity/comments_and_reactions/likes_and_reactions.html"
ON_OTHERS = "your_facebook_activity/posts/posts_on_other_pages_and_profiles.html"
NEW = ["f6-2025-html-vi-notifications-unread", "f6-2025-html-zh-labels"]


@pytest.mark.parametrize("vintage", NEW)
def test_every_new_fixture_is_read_whole_and_nothing_is_lost(as_, vintage):
    read_whole(as_(vintage))


def test_a_notification_whose_time_is_unread_or_empty_is_quarantined_not_dropped(as_):
    records = parse(as_("f6-2025-html-vi-notifications-unread"))
    assert quarantined(records) == {(NOTIFICATIONS, 2): UNREAD_TIME, (NOTIFICATIONS, 3): "time: missing"}
    # the two others, pages' posts and a memory, are the owner's own records, at their times
    assert owner_lines(records, NOTIFICATIONS) == [1, 4]
    assert [n.records_read for n in records if isinstance(n, MemberNote) and n.member == NOTIFICATIONS] == [4]


def test_the_summary_counts_every_notification(unsocial, tmp_path):
    db = tmp_path / "x.duckdb"
    result = unsocial("ingest", fixture("facebook", "f6-2025-html-vi-notifications-unread"), "--db", db)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        counts = con.execute("select records_read, records_loaded, records_quarantined "
                             "from ingested_exports").fetchall()
        refused = con.execute("select line, reason from raw_quarantine order by line").fetchall()
    assert counts == [(5, 3, 2)]  # the profile and four notifications, two of them refused for their time
    assert refused == [(2, UNREAD_TIME), (3, "time: missing")]


@pytest.mark.parametrize("member, kind", [
    (REACTIONS, "labels_html"), (ON_OTHERS, "labels_html"),
    ("your_facebook_activity/activity_you're_tagged_in/photos_and_videos_you're_tagged_in.html", "labels_html"),
    ("groups/group_invites_you've_sent.html", "labels_html"),
    # the titled pages stay as they were
    ("your_facebook_activity/comments_and_reactions/likes_and_reactions_1.html", "titles_html"),
])
def test_the_pages_of_label_files_are_read(member, kind):
    assert kind_of(member) == kind


def test_reactions_page_names_each_post_author_by_the_json_files_rules(as_):
    records = parse(as_("f6-2025-html-zh-labels"))
    assert interactions(records, REACTIONS) == [
        (1, "林怡婷", "reaction", "out"),  # 名稱 (Name)
        (2, "Lena Vogel", "reaction", "out"),
        (3, "王志明", "reaction", "out"),  # the 作者 (Author) block, never the 社團 (group) before it
        (4, "張家豪", "reaction", "out"),  # a group's event: its name and start time stay out
        (5, "黃淑芬", "reaction", "out")]  # the 擁有者 (Owner) block
    assert quarantined(records) == {
        (REACTIONS, 6): "label_values: Name and author all missing (a reaction and a link only), nothing to recover",
        (REACTIONS, 7): "time: missing"}
    at = {r.line: r.occurred_at for r in records if isinstance(r, Interaction) and r.member == REACTIONS}
    assert at[1] == datetime(2024, 3, 15, 18, 59, 52)  # the local time as written, 下午 read as PM
    people = {r.account_ref for r in records if isinstance(r, Account) and r.member == REACTIONS}
    assert not people & {"登山社 步道組", "週末淨山活動", "颱風假最新消息"}


def test_posts_page_on_others_profiles_is_the_owners_own_and_media_name_nobody(as_):
    records = parse(as_("f6-2025-html-zh-labels"))
    assert interactions(records, ON_OTHERS) == []
    assert owner_lines(records, ON_OTHERS) == [1, 2, 3]
    owner = {r.account_ref for r in records if isinstance(r, Account) and r.member == ON_OTHERS}
    assert owner == {"陳怡君"}  # "點擊觀看影片：" (click to watch the video) and the app never become people
    assert "name nobody" in notes(records)[ON_OTHERS][1]
