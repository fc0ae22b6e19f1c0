"""Sweep 17e (issue 13): a Facebook Page's reactions, and the download of an additional profile.

Each in an invented fixture of the real shape:

* A Page's own download (tobiichi3227/hate_tnfsh_2.0_file, 2022, Traditional Chinese; ivon852/
  PageMCBEModPluginShareSelfTech, 2021): ``comments_and_reactions/likes_and_reactions_made_by_your_page.html``, a
  table of four labelled rows a record (reaction, post type, the post's owner, the time), was listed as an unknown
  file: every reaction of the Page lost. Read as the Page's reactions out to the post's owner; a reaction to the
  Page's own post is the owner's record, the Page's name taken from its comment titles.
* The download of an additional profile (DskyDsky/tio-pancho, 2024, Spanish), only
  ``this_profile's_activity_across_facebook/posts/profile_posts_1.html`` beside ``index.html``: refused as "not a
  recognised export". ``profile_posts_N`` is read as the profile's own posts.
"""

from __future__ import annotations

from conftest import assert_nothing_lost, export_counts, fixture, ingest_as_marta, query
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, notes, owner_lines, parse, quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.facebook.layout import kind_of

PAGE_2022 = "page-2022-html-zh"
PAGE_2021 = "page-2021-html-zh"
REACTIONS = "comments_and_reactions/likes_and_reactions_made_by_your_page.html"
COMMENTS = "comments_and_reactions/comments.html"
PROFILE = "f5-2024-html-es-additional-profile"
PROFILE_POSTS = "this_profile's_activity_across_facebook/posts/profile_posts_1.html"


def test_a_pages_reactions_go_out_to_the_owners_of_the_posts(as_):
    records = parse(as_(PAGE_2022))
    assert detect_source(as_(PAGE_2022)) is facebook
    assert interactions(records, REACTIONS) == [
        (2, "Jonas Weber", "reaction", "out"), (3, "林雅婷", "reaction", "out"), (4, "周承翰", "reaction", "out")]
    # line 1: a reaction to a post of the Page's own, whose name its comment titles open with ("<Page> 回應了…")
    assert owner_lines(records, REACTIONS) == [1]
    assert quarantined(records) == {(REACTIONS, 5): "time: missing"}
    assert notes(records)[REACTIONS] == ("parsed", "reactions given by the Page (HTML)")
    assert_nothing_lost(records)


def test_the_page_of_2021_is_read_the_same_way(as_):
    records = parse(as_(PAGE_2021))
    assert interactions(records, REACTIONS) == [(2, "林雅婷", "reaction", "out"), (3, "Lena Vogel", "reaction", "out")]
    assert owner_lines(records, REACTIONS) == [1]  # the Page's name in the 2021 titles glued to the verb
    assert_nothing_lost(records)


def test_the_pages_reactions_reach_the_database(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("facebook", PAGE_2022))
    assert export_counts(db) == [("facebook", 9, 8, 1)]
    rows = ("select account_ref, occurred_at::varchar from raw_interactions where kind = 'reaction' order by line")
    assert query(db, rows) == [("Jonas Weber", "2022-09-29 21:26:47"), ("林雅婷", "2017-10-29 21:55:50"),
                               ("周承翰", "2017-10-21 13:14:05")]
    assert query(db, "select member from not_read where handling = 'unknown'") == []


def test_a_reaction_whose_time_row_is_missing_shows_no_other_value_as_its_time(as_):
    records = [q for q in parse(as_(PAGE_2022)) if getattr(q, "reason", None) == "time: missing"]
    assert len(records) == 1 and "Lena" not in str(records[0].excerpt)


def test_profile_posts_are_the_profiles_own_posts():
    assert kind_of("this_profile's_activity_across_facebook/posts/profile_posts_1.html") == "own_posts_html"
    assert kind_of("this_profile's_activity_across_facebook/posts/profile_posts_2.json") == "own_posts"


def test_an_additional_profiles_download_is_recognised_and_its_posts_read(as_):
    export = as_(PROFILE)
    assert detect_source(export) is facebook
    records = parse(export)
    assert notes(records)[PROFILE_POSTS] == ("parsed", "your posts (HTML)")
    # the posts name nobody and the profile's name is in no file of the download: each refused, none lost
    reasons = quarantined(records)
    assert reasons[(PROFILE_POSTS, 4)] == "time: missing"
    assert sorted(line for (member, line) in reasons if member == PROFILE_POSTS) == [1, 2, 3, 4]
    assert_nothing_lost(records)
