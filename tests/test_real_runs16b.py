"""Sweep 16, second round: more whole published exports run end to end, as the people who published them would.

Two losses, each in an invented fixture of the real shape:

* A Facebook Page's own download of 2021 in Traditional Chinese (ivon852/PageMCBEModPluginShareSelfTech): no
  profile, so the comments' actor (the Page) was no name the export gives, and the Chinese titles, the actor glued
  to the verb ("<Page>回覆了X的留言。"), could not be taken apart without it: all 695 comments were refused as
  "language not recognised", the 300 people the Page answered lost.
* A Russian 2024 HTML export (giviua/jiafei) whose posts page holds one post, a life event with its date (a
  birthday) inside it besides the record's time: the birthday tied with the time for the shape of a record, so the
  post's inner ``<div>``s were read as five posts, four refused "time: missing", the one left dated by the birthday.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from conftest import export_counts, fixture, ingest_as_marta, query
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, notes, owner_lines, parse, quarantined
from ingest.sources.facebook.html import blocks_of, soup_of
from ingest.sources.facebook.titles import NOT_READ, UnknownLanguage, title_target

PAGE_2021 = "page-2021-html-zh"
LIFE_EVENT = "f6-2024-html-ru-life-event"
RU_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html"
COMMENTS = "comments_and_reactions/comments.html"
REACTIONS = "comments_and_reactions/likes_and_reactions_made_by_your_page.html"
PAGE = "綠島小說與 Lego 分享、交流、對話"  # invented, with 說 and 對 inside the name


def test_a_pages_chinese_comments_name_the_people_it_answered(as_):
    records = parse(as_(PAGE_2021))
    assert interactions(records, COMMENTS) == [
        (1, "林雅婷", "comment", "out"), (2, "Lena Vogel", "comment", "out"), (6, "周承翰", "comment", "out")]
    # its own link, "回覆了 1 則留言。" (a reply to nobody named), "回覆了他自己的留言。" (its own comment): the Page's
    # own, known from the header of its pages ("由<Page>於 … 產生"), though it has no profile
    assert owner_lines(records, COMMENTS) == [3, 4, 5]
    assert quarantined(records) == {(COMMENTS, 7): "time: missing"}
    assert notes(records)[COMMENTS] == ("parsed", "comments written (HTML)")


def test_the_people_reach_the_database_with_the_pages_reactions(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("facebook", PAGE_2021))
    assert export_counts(db) == [("facebook", 10, 9, 1)]
    rows = "select account_ref, kind, direction, occurred_at::varchar from raw_interactions order by member, line"
    assert query(db, rows) == [
        ("林雅婷", "comment", "out", "2021-07-11 21:38:00"), ("Lena Vogel", "comment", "out", "2021-07-05 19:09:00"),
        ("周承翰", "comment", "out", "2020-12-24 23:59:00"),
        # likes_and_reactions_made_by_your_page.html, read since sweep 17 (page_reactions.py)
        ("林雅婷", "reaction", "out", "2021-07-05 19:09:00"), ("Lena Vogel", "reaction", "out", "2021-06-30 08:15:00")]
    assert query(db, "select reason, count(*) from raw_quarantine group by 1 order by 1") == [("time: missing", 1)]
    assert query(db, "select member, handling from not_read where handling = 'unknown'") == []


@pytest.mark.parametrize("title, target", [
    (f"{PAGE}回覆了林雅婷的留言。", "林雅婷"),
    (f"{PAGE}回應了 Lena Vogel 的貼文。", "Lena Vogel"),
    (f"{PAGE}說周承翰的貼文讚。", "周承翰"),  # 說 in the name is no verb: the sentence ends otherwise
    (f"{PAGE}對林雅婷的相片表示「大心」。", "林雅婷"),
    (f"{PAGE}對周承翰的貼文傳達了心情。", "周承翰"),
    (f"{PAGE}回應了自己的連結。", None),
    (f"{PAGE}回覆了 1 則留言。", None),
    (f"{PAGE}在自己的相片中留言。", None),
])
def test_chinese_titles_are_taken_apart_without_knowing_the_actor(title, target):
    assert title_target(title, None) == target


def test_a_chinese_sentence_of_no_known_form_is_still_not_guessed():
    with pytest.raises(UnknownLanguage, match=NOT_READ):
        title_target(f"{PAGE}分享了林雅婷的貼文。", None)  # "shared": no verb of the table


def test_a_life_event_is_one_post_dated_by_its_time_cell_not_by_the_date_inside_it(as_):
    [block] = blocks_of(soup_of(as_(LIFE_EVENT), RU_POSTS))
    assert (block.time_text, block.at) == ("мая 19, 2022 8:12:37pm", datetime(2022, 5, 19, 20, 12, 37))
    records = parse(as_(LIFE_EVENT))
    # no profile page, but every page's header names the owner, "Создала <name> (…)": the post is the owner's own
    assert owner_lines(records, RU_POSTS) == [1]
    assert quarantined(records) == {}
    assert notes(records)[RU_POSTS][0] == "parsed"


def test_the_life_event_page_counts_one_record(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("facebook", LIFE_EVENT))
    assert export_counts(db) == [("facebook", 1, 1, 0)]
    assert query(db, "select display_name from raw_accounts where is_owner") == [("Ирина Соколова",)]
