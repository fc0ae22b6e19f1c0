"""Twitter shapes of sweep 21: posts edited on X (2022 on), each version a tweet of its own in tweets.js and
deleted-tweets.js (alrocar/x ``data/tweets.js``: 5 posts, 10 versions), counted once per post; and a 2021 archive's
``tweet.js`` of ``{"tweet": …}`` entries (MorangTheClang/Twitter2, kglibrarian/RTIatMLATwitterArchive,
dsajgiouawj/TweetArchive ``data/tweet.js``)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import pytest

from conftest import assert_nothing_lost, export_counts, fixture, ingest_as_marta, query
from ingest.sources import twitter
from ingest.sources.archive import Export
from ingest.sources.twitter.tweets import edited_post
from test_twitter import AYLIN, JONAS, KOFI, OWNER, TOMAS, ZOE, rows, stored
from test_twitter_shapes import interactions, note_of, people, refused, unknown, read  # noqa: F401 (read: fixture)

EDITED, WRAPPED = "2024-edited-posts", "2021-tweet-wrapped"
TWEETS, DELETED = "data/tweets.js", "data/deleted-tweets.js"
EARLIER = "earlier versions of edited posts: each post counted once, as last edited"
QUOTED = "1 quotes of others' posts read (the quoted screen name tied to its account id by other tweets)"


def copy_of(tmp_path, vintage: str):
    folder = tmp_path / vintage
    shutil.copytree(fixture("twitter", vintage), folder)
    return folder


def entries_of(path) -> tuple[str, list]:
    prefix, _, body = path.read_text(encoding="utf-8").partition("= ")
    return prefix, json.loads(body)


def write_entries(path, prefix: str, entries: list) -> None:
    path.write_text(f"{prefix}= {json.dumps(entries, indent=2, ensure_ascii=False)}", encoding="utf-8")


def parsed(folder) -> list:
    records = rows(stored(twitter.parse(Export(folder))))
    assert_nothing_lost(records)
    return records


# --- A. edited posts ------------------------------------------------------------------------------------------

def test_an_edited_post_counts_each_person_once_as_its_last_version_names_them(read):
    records = read(EDITED)
    # Before: the reply to Jonas edited twice was 3 replies (lines 9-11), Tomás's mention edited into Zoë's was both,
    # the quote of Jonas's post kept through an edit 2 retweets
    assert sorted(interactions(records, TWEETS)) == [
        (2, KOFI, "mention", "out", datetime(2024, 4, 19, 10, 0)),  # a post never edited, read as before
        (3, JONAS, "retweet", "out", datetime(2024, 4, 18, 12, 0)),  # the quote of his post, once
        (7, ZOE, "mention", "out", datetime(2024, 4, 16, 9, 0)),  # Tomás, named by mistake, edited away
        (9, JONAS, "reply", "out", datetime(2024, 4, 15, 18, 0)),  # at the first version's time: posted then
        (9, AYLIN, "mention", "out", datetime(2024, 4, 15, 18, 0)),  # added by the last edit
    ]
    assert TOMAS not in people(records)
    assert refused(records) == {(TWEETS, 1): "created_at: missing"}  # the fixture's bad record
    assert unknown(records) == []


def test_the_versions_not_counted_are_told_in_the_file_note(read):
    records = read(EDITED)  # read = loaded + quarantined: assert_nothing_lost
    tweets = note_of(records, TWEETS)
    assert tweets.note == (f"11 tweets, 1 of them naming no other account (not counted as records); 5 {EARLIER}; "
                           f"{QUOTED}")  # the typo fixed in 'First swim of the year' names nobody
    assert tweets.records_read == 5  # Kofi's post, the bad record, the reply, the mention, the quote
    deleted = note_of(records, DELETED)
    assert (deleted.note, deleted.records_read) == (f"2 tweets; 1 {EARLIER}", 1)


def test_an_edited_post_deleted_after_is_one_reply(read):
    assert interactions(read(EDITED), DELETED) == [(1, AYLIN, "reply", "out", datetime(2024, 4, 20, 20, 0))]


def test_versions_in_tweets_js_and_deleted_tweets_js_are_one_post(tmp_path):
    folder = copy_of(tmp_path, EDITED)
    prefix, tweets = entries_of(folder / TWEETS)
    deleted_prefix, deleted = entries_of(folder / DELETED)
    last = tweets.pop(8)  # the reply's last version (adding Aylin), deleted: kept in deleted-tweets.js
    assert last["tweet"]["id_str"] == "1780000000000000103"
    write_entries(folder / TWEETS, prefix, tweets)
    write_entries(folder / DELETED, deleted_prefix, [*deleted, last])
    records = parsed(folder)
    assert [i for i in interactions(records, TWEETS) if i[1] in (JONAS, AYLIN) and i[2] != "retweet"] == []
    assert sorted(interactions(records, DELETED)) == [
        (1, AYLIN, "reply", "out", datetime(2024, 4, 20, 20, 0)),
        (3, JONAS, "reply", "out", datetime(2024, 4, 15, 18, 0)),  # the first version's time, from tweets.js
        (3, AYLIN, "mention", "out", datetime(2024, 4, 15, 18, 0)),
    ]
    assert note_of(records, DELETED).note.startswith(f"3 tweets; 1 {EARLIER}")  # then: manifest.js counts 2


def test_a_version_in_two_files_is_read_once(tmp_path):
    folder = copy_of(tmp_path, EDITED)
    _, tweets = entries_of(folder / TWEETS)
    deleted_prefix, deleted = entries_of(folder / DELETED)
    write_entries(folder / DELETED, deleted_prefix, [*deleted, tweets[8]])  # a copy of the reply's last version
    records = parsed(folder)
    both = interactions(records, TWEETS) + interactions(records, DELETED)
    assert sorted((ref, kind) for _, ref, kind, _, at in both if at == datetime(2024, 4, 15, 18)) == [
        (JONAS, "reply"), (AYLIN, "mention")]
    # deleted-tweets.js is read first: its copy is counted, the one in tweets.js told as a version not counted
    assert f"; 6 {EARLIER}" in note_of(records, TWEETS).note
    assert note_of(records, DELETED).note.startswith(f"3 tweets; 1 {EARLIER}")


NOTE = """window.YTD.note_tweet.part0 = [ {
  "noteTweet" : {
    "noteTweetId" : "1780000000000000901",
    "updatedAt" : "2024-04-15T18:09:30.000Z",
    "lifecycle" : { "value" : "1", "name" : "Active", "originalName" : "Active", "annotations" : { } },
    "createdAt" : "2024-04-15T18:09:30.000Z",
    "core" : {
      "styletags" : [ ], "urls" : [ ], "cashtags" : [ ], "hashtags" : [ ],
      "text" : "@jonasweber see you Thursday, @aylin_demir is coming too",
      "mentions" : [ { "screenName" : "jonasweber", "fromIndex" : "0", "toIndex" : "11" },
                     { "screenName" : "aylin_demir", "fromIndex" : "30", "toIndex" : "42" } ]
    }
  }
} ]"""


def test_a_long_posts_note_of_its_last_version_counts_nobody_again(tmp_path):
    # a note tweet is paired with its tweet by the second of posting (notes.py): that of the version it completes
    folder = copy_of(tmp_path, EDITED)
    (folder / "data" / "note-tweet.js").write_text(NOTE, encoding="utf-8")
    records = parsed(folder)
    assert interactions(records, "data/note-tweet.js") == []
    assert "2 mentions counted already from the tweet each note completes" in note_of(records,
                                                                                      "data/note-tweet.js").note


@pytest.mark.parametrize("edit_info, expected", [
    (None, None),  # 2018-2022: no edit_info
    ({"initial": {"editTweetIds": ["71"], "editsRemaining": "5"}}, None),  # every tweet since: never edited
    ({"initial": {"editTweetIds": ["71", "72"]}}, ("71", "71", ("71", "72"))),  # the first version
    ({"edit": {"initialTweetId": "71", "editControlInitial": {"editTweetIds": ["71", "72"]}}},
     ("72", "71", ("71", "72"))),  # a later one
    ({"edit": {"editControlInitial": {"editTweetIds": ["71", "72"]}}}, ("72", "71", ("71", "72"))),
    ({"initial": {"editTweetIds": "71,72"}}, None),
    ("edited", None),
])
def test_a_version_is_told_by_its_edit_info(edit_info, expected):
    tweet = {"id_str": "72" if edit_info and "edit" in edit_info else "71", "created_at": "x"}
    if edit_info is not None:
        tweet["edit_info"] = edit_info
    assert edited_post(tweet) == expected


def test_a_user_sees_each_edited_post_once_and_why(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("twitter", EDITED))
    assert export_counts(db) == [("twitter", 8, 7, 1)]  # 3 versions a reply, 2 a mention: 15 before, 14 loaded
    assert query(db, "select count(*) from raw_interactions where account_ref = '2847561930' and kind = 'reply'"
                     ) == [(1,)]
    notes = query(db, "select member, reason, what_to_do from not_read where handling = 'parsed' and reason like "
                      f"'%{EARLIER}%' order by member")
    assert [(member, advice.split(":")[0]) for member, _, advice in notes] == [(DELETED, "nothing to do"),
                                                                                (TWEETS, "nothing to do")]


# --- B. a 2021 tweet.js of wrapped tweets ---------------------------------------------------------------------

def test_a_2021_tweet_js_of_wrapped_tweets_is_read(read):
    records = read(WRAPPED)
    assert unknown(records) == []
    assert sorted(interactions(records, "data/tweet.js")) == [
        (2, JONAS, "retweet", "out", datetime(2021, 3, 13, 17, 45)),  # a quote of his post, placed by his reply
        (6, ZOE, "mention", "out", datetime(2021, 3, 11, 12, 0)),
        (6, TOMAS, "mention", "out", datetime(2021, 3, 11, 12, 0)),
        (7, AYLIN, "retweet", "out", datetime(2021, 3, 10, 8, 30)),
        (8, JONAS, "reply", "out", datetime(2021, 3, 9, 19, 15)),
    ]
    assert refused(records) == {("data/tweet.js", 1): "user_mentions.id: -1, not an account"}
    assert note_of(records, "data/tweet.js").note == (
        f"8 tweets, 3 of them naming no other account (not counted as records); {QUOTED}")  # the owner's thread too
    assert OWNER not in people(records)
    assert {ref for ref, (handle, _) in people(records).items() if handle} == {JONAS, AYLIN, TOMAS, ZOE}
