"""Facebook shapes of the fourth sweep of issue 13 that were read with loss: pokes in English (2024, "A poked B back"),
French, Spanish and Vietnamese (2021, "A đã chọc B 2 lần liên tiếp") of someone the export names nowhere else; a
comment naming a person first found in a post's title, read before the names were learned; and
``your_comment_edits`` reported as an unknown file. Every person in the fixtures is invented."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import accounts, interactions, notes, parse, quarantined
from ingest.sources.facebook.poke_titles import poke_sides
from ingest.sources.facebook.titles import NOT_READ

EN = "f5-2024-html-pokes-en"
EN_POKES = "your_activity_across_facebook/other_activity/pokes.html"
VI = "f4-2021-html-vi-pokes"
EDITS = "f6-2025-comment-edits"


def test_english_pokes_of_people_named_nowhere_else_are_read_both_ways(as_):
    """ishfaqlp4/mahbubkhan (2024): "A poked B" and "A poked B back"; before, every poke of someone not on the
    friends list was refused as a language not recognised, and "back" would have stuck to the name."""
    records = parse(as_(EN))
    assert interactions(records, EN_POKES) == [
        (1, "Lena Vogel", "poke", "out"), (2, "Aylin Demir", "poke", "out"), (3, "Aylin Demir", "poke", "in"),
        (4, "Aylin Demir", "poke", "out"), (5, "Jonas Weber", "poke", "in"), (6, "Jonas Weber", "poke", "in")]
    assert quarantined(records) == {
        (EN_POKES, 7): NOT_READ,  # the owner on neither side: nothing is guessed
        (EN_POKES, 8): "time: missing"}
    assert_nothing_lost(records)


def test_vietnamese_pokes_are_read_and_a_deleted_poker_is_refused(as_):
    """vanhai260300/MyFaceBook (2021): "A đã chọc B.", "… 2 lần liên tiếp"; a deleted account pokes as "  đã chọc B"."""
    records = parse(as_(VI))
    assert interactions(records, "other_activity/pokes.html") == [
        (1, "Trần Minh Khoa", "poke", "out"), (2, "Võ Thị Mai", "poke", "out"), (3, "Đặng Quang Huy", "poke", "in"),
        (4, "Võ Thị Mai", "poke", "in"), (5, "Võ Thị Mai", "poke", "out")]
    assert quarantined(records) == {
        ("other_activity/pokes.html", 6): "title: a deleted or deactivated account, not one person",
        ("other_activity/pokes.html", 7): "time: missing"}


def test_a_comment_on_a_person_first_named_in_a_post_title_is_read(as_):
    """The post's title (the Vietnamese table) names Lê Thu Hà; the comment's verb is in no table, so it is read by
    the names the export knows. Those were gathered once, before the posts: the comment was refused."""
    records = parse(as_(VI))
    assert interactions(records, "comments/comments.html") == [
        (1, "Lê Thu Hà", "comment", "out"), (2, "Trần Minh Khoa", "comment", "out")]
    assert not any(member == "comments/comments.html" for member, _ in quarantined(records))


def test_comment_edits_are_the_owners_own_not_an_unknown_file(as_):
    records = parse(as_(EDITS))
    member = "your_facebook_activity/comments_and_reactions/your_comment_edits.json"
    assert notes(records)[member][0] == "ignored"
    assert accounts(records, "your_facebook_activity/comments_and_reactions/comments.json") == [(1, "Jonas Weber")]
    html = "your_activity_across_facebook/comments_and_reactions/your_comment_edits.html"
    assert notes(parse(as_(EN)))[html][0] == "ignored"


@pytest.mark.parametrize("title, sides", [
    ("Greta Lindqvist poked Aylin Demir back", ("Greta Lindqvist", "Aylin Demir")),
    ("Lucía Ferrer le ha dado un toque a Pablo Ruiz", ("Lucía Ferrer", "Pablo Ruiz")),
    ("Camille Roux a envoyé un poke à Hugo Martin", ("Camille Roux", "Hugo Martin")),
    ("Camille Roux a envoyé 2 pokes d’affilée à Hugo Martin", ("Camille Roux", "Hugo Martin")),
    ("Phan Ngọc Anh đã chọc Võ Thị Mai 4 lần liên tiếp", ("Phan Ngọc Anh", "Võ Thị Mai")),
    ("đã chọc Phan Ngọc Anh", ("", "Phan Ngọc Anh")),
    ("陳志明連續戳了黃淑芬 3 次", ("陳志明", "黃淑芬")),
    ("Lena Vogel hat Omar Haddad angestupst", ("Lena Vogel", "Omar Haddad")),
    ("Lena Vogel mag Omar Haddad", None),
])
def test_poke_sentences(title, sides):
    assert poke_sides(title) == sides
