"""Facebook shapes of the third sweep of issue 13 that were read with loss, all from a Traditional Chinese HTML export
of 2025 (VoidPharah41/fb_old): titles whose names are glued to the verb with no space ("陳志明說林怡婷的貼文讚。"), so
that neither the names the export knows nor the sentence table found anyone (1,507 titles refused); an owner whose
profile row holds a Latin name while the titles open with the Chinese one the page header gives; list pages written
as tables of labels, whose table text became a false account ("名稱 <name>"); and the 網址 (URL) label. Every person in
the fixture is invented."""

from __future__ import annotations

import duckdb
import pytest

from conftest import fixture
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import accounts, interactions, owner_lines, parse, quarantined, read_whole
from ingest.models import Account
from ingest.sources.facebook.people import person_name
from ingest.sources.facebook.titles import NOT_READ, KnownNames, title_target

VINTAGE = "f6-2025-html-zh-titles"
ACTIVITY = "your_facebook_activity/"
POKES = ACTIVITY + "other_activity/pokes.html"
LIKES = ACTIVITY + "comments_and_reactions/likes_and_reactions_1.html"
COMMENTS = ACTIVITY + "comments_and_reactions/comments.html"
GROUPS = ACTIVITY + "groups/your_comments_in_groups.html"
STORIES = ACTIVITY + "stories/story_reactions.html"
LABELS = ACTIVITY + "comments_and_reactions/likes_and_reactions.html"
WAVES = "connections/friends/waving_emojis_you_sent_after_your_friend_requests_were_accepted.html"
PEOPLE = "logged_information/activity_messages/people_and_friends.html"


def test_the_fixture_is_read_whole_and_nothing_is_lost(as_):
    read_whole(as_(VINTAGE))


def test_pokes_are_read_by_known_names_glued_to_the_verb_or_by_the_sentence_with_the_owner(as_):
    records = parse(as_(VINTAGE))
    assert interactions(records, POKES) == [
        (1, "林怡婷", "poke", "out"),  # a friend: found inside "陳志明戳了林怡婷"
        (2, "Lena Vogel", "poke", "in"),  # "Lena Vogel 戳了陳志明"
        (3, "黃淑芬", "poke", "out"),  # named nowhere else: "陳志明連續戳了黃淑芬 3 次", the count left out
        (4, "吳佩珊", "poke", "in"),  # "吳佩珊回戳陳志明", poked back
        (5, "Tomás Novak", "poke", "out")]
    assert quarantined(records)[(POKES, 6)] == NOT_READ  # the owner on neither side: nothing is guessed
    assert quarantined(records)[(POKES, 7)] == "time: missing"


def test_reactions_comments_and_story_reactions_name_the_people_in_chinese_titles(as_):
    records = parse(as_(VINTAGE))
    assert interactions(records, LIKES) == [
        (1, "林怡婷", "reaction", "out"),  # 說X的貼文讚 (liked X's post)
        (2, "Lena Vogel", "reaction", "out"),  # a Latin name between spaces
        (3, "吳佩珊", "reaction", "out"),  # 對X的留言傳達了心情, by the sentence table: X named nowhere else
        (4, "港仔日記的臺灣生活", "reaction", "out")]  # a page whose name holds 的: up to the last 的 before 貼文
    # "說 1 則貼文讚。", "說他自己的貼文讚。", "說這連結讚。" name nobody: the owner's own records
    assert owner_lines(records, LIKES) == [5, 6, 7]
    assert interactions(records, COMMENTS) == [(1, "林怡婷", "comment", "out"), (2, "Tomás Novak", "comment", "out")]
    assert owner_lines(records, COMMENTS) == [3]  # 在自己的相片中留言 (on the owner's own photo)
    assert interactions(records, GROUPS) == [(1, "王志強", "comment", "out")]
    assert interactions(records, STORIES) == [(1, "林怡婷", "reaction", "out"), (2, "Lena Vogel", "reaction", "out")]


def test_the_owner_is_known_by_the_name_of_the_page_header_too(as_):
    """The profile's first row says "Chen Chih Ming"; every title opens with "陳志明", the name of the header
    "由陳志明於 <time> 產生": without it no title was read by the sentence table."""
    records = parse(as_(VINTAGE))
    owner = {r.account_ref for r in records if isinstance(r, Account) and r.is_owner}
    assert owner == {"Chen Chih Ming"}
    assert "陳志明" not in {ref for _, ref in accounts(records, LIKES) + accounts(records, POKES)}


def test_list_pages_of_label_tables_name_the_person_by_the_label(as_):
    records = parse(as_(VINTAGE))
    assert accounts(records, WAVES) == [(1, "黃淑芬")]  # not "名稱 黃淑芬"; its empty time is no record
    assert accounts(records, PEOPLE) == [(1, "林怡婷"), (2, "Lena Vogel")]
    assert quarantined(records)[(PEOPLE, 3)] == "name: missing"
    names = {r.account_ref for r in records if isinstance(r, Account)}
    assert not [n for n in names if n.startswith("名稱")]


def test_the_url_label_gives_the_profile_of_the_post_author(as_):
    records = parse(as_(VINTAGE))
    urls = {r.account_ref: r.profile_url for r in records if isinstance(r, Account) and r.member == LABELS}
    assert urls == {"王志強": "https://www.facebook.com/wang.zhiqiang.example"}


@pytest.mark.parametrize("title, known, target", [
    ("陳志明說林怡婷的貼文讚。", ["林怡婷"], "林怡婷"),
    ("陳志明說林怡婷的貼文讚。", [], "林怡婷"),  # the sentence table
    ("陳志明對 Lena Vogel 的貼文傳達了心情。", [], "Lena Vogel"),
    ("陳志明說林怡婷婷的貼文讚。", ["林怡婷婷", "林怡婷"], "林怡婷婷"),  # the longest name at a place wins
    ("陳志明回覆了他自己的留言。", [], None),
    # a Latin known name is never found inside a longer word
    ("陳志明說 Annabel Weber 的貼文讚。", ["Anna"], "Annabel Weber"),
])
def test_chinese_titles(title, known, target):
    assert title_target(title, "陳志明", KnownNames(known, ["陳志明"])) == target


def test_a_one_character_name_is_not_looked_for_inside_words():
    assert KnownNames(["王"], ["陳志明"]).find("陳志明說王志強的貼文讚。") is None


def test_the_summary_counts_every_record(unsocial, tmp_path):
    db = tmp_path / "x.duckdb"
    result = unsocial("ingest", fixture("facebook", VINTAGE), "--db", db)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        counts = con.execute("select records_read, records_loaded, records_quarantined "
                             "from ingested_exports").fetchall()
        refused = con.execute("select reason, count(*) from raw_quarantine group by all order by 1").fetchall()
    assert counts == [(29, 26, 3)]
    assert refused == [("name: missing", 1), ("time: missing", 1), (NOT_READ, 1)]


def test_a_label_in_a_language_not_listed_still_gives_the_one_name_it_labels():
    """A list page's table in a language whose label for the name is not in the table (Korean 이름, Japanese 名前:
    no such page seen) names the person by its one text value, never "name: missing"."""
    assert person_name({"label_values": [{"label": "이름", "value": "김민준"}]}) == "김민준"
    with pytest.raises(ValueError, match="name: missing"):
        person_name({"label_values": [{"label": "이름", "value": "김민준"}, {"label": "메모", "value": "안녕"}]})
