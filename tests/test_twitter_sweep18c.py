"""Twitter shapes of the third sweep of round 18: a Grailbird archive kept current by an updater that wrote, beside
the owner's tweets, the posts of other accounts the owner retweeted, each with its author in ``user`` and marked
``retweeted`` (LeeFallin/twitter, SOLPLPARTY/tweets, CleverClogs/cleverclogs.github.io, IaninSheffield/MyTweets
``data/js/tweets/YYYY_MM.js``)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

from conftest import fixture, parse
from ingest.models import Account
from ingest.sources.archive import Export
from test_twitter_shapes import interactions, note_of, people, read, refused, unknown  # noqa: F401 (read: fixture)

OTHERS = "2021-grailbird-updater-others"
MONTH = "data/js/tweets/2021_03.js"
RUNA, OLA, BO, CEM, DAG, ELI, FAY, GUS, HAL, IVY = (f"77000000{n:02d}" for n in (1, *range(11, 20)))


def owners(records: list) -> set[str]:
    return {r.account_ref for r in records if isinstance(r, Account) and r.is_owner}


def test_posts_of_others_are_their_authors_not_the_owners(read):
    records = read(OTHERS)
    # Before: Cem's mention of Dag and Gus's of Hal were the owner's mentions; Bo, Cem, Eli, Fay and Ivy were absent
    assert interactions(records, MONTH) == [
        (1, OLA, "mention", "out", datetime(2021, 3, 31, 18)),  # the owner's own tweet: as before
        (3, BO, "retweet", "out", datetime(2021, 3, 30, 20)),  # marked retweeted: the owner's retweet of Bo's post
        (4, CEM, "retweet", "out", datetime(2021, 3, 30, 12, 15)),
        (4, CEM, "reply", "in", datetime(2021, 3, 30, 12, 15)),  # and Cem's reply to the owner
        (5, ELI, "retweet", "out", datetime(2021, 3, 29, 17, 45)),
        (5, ELI, "mention", "in", datetime(2021, 3, 29, 17, 45)),
        (6, FAY, "retweet", "out", datetime(2021, 3, 29, 9)),
        (6, FAY, "retweet", "in", datetime(2021, 3, 29, 9)),  # Fay's quote of the owner's post
        (8, IVY, "reply", "in", datetime(2021, 3, 28, 10, 20)),  # not retweeted: only Ivy's reply to the owner
    ]  # line 7: Gus's post, not retweeted, naming only Hal: nothing about the owner


def test_the_authors_are_named_and_the_people_they_name_are_not_the_owners(read):
    records = read(OTHERS)
    assert people(records) == {OLA: ("olavik", "Ola Vik"), BO: ("bolind", "Bo Lind"), CEM: ("cemaras", "Cem Aras"),
                               ELI: ("elinor", "Eli Nor"), FAY: ("faywren", "Fay Wren"), IVY: ("ivysand", "Ivy Sand")}
    assert DAG not in people(records) and HAL not in people(records) and GUS not in people(records)
    assert owners(records) == {RUNA}
    assert (refused(records), unknown(records)) == ({}, [])


def test_the_note_counts_the_posts_of_others(read):
    records = read(OTHERS)
    note = note_of(records, MONTH)
    assert note.records_read == 6
    assert note.note == (
        "8 tweets, 1 of them naming no other account (not counted as records); 1 accounts named only inside "
        "retweeted text, not the owner's mentions (not counted); 6 tweets of other accounts the archive's updater "
        "kept, 4 of them marked retweeted (read as the owner's retweets of their authors); read besides where they "
        "answer, mention or share the owner")


def test_without_the_retweeted_mark_only_what_answers_the_owner_is_read(tmp_path):
    folder = tmp_path / "not-marked"
    shutil.copytree(fixture("twitter", OTHERS), folder)
    month = folder / MONTH
    head, _, body = month.read_text(encoding="utf-8").partition("\n")
    tweets = json.loads(body)
    for tweet in tweets:
        tweet["retweeted"] = False
    month.write_text(head + "\n" + json.dumps(tweets, indent="\t"), encoding="utf-8")
    records = parse(Export(folder))
    assert [(line, ref, kind, way) for line, ref, kind, way, _ in interactions(records, MONTH)] == [
        (1, OLA, "mention", "out"), (4, CEM, "reply", "in"), (5, ELI, "mention", "in"), (6, FAY, "retweet", "in"),
        (8, IVY, "reply", "in")]
    assert note_of(records, MONTH).note == (
        "8 tweets, 1 of them naming no other account (not counted as records); 6 tweets of other accounts the "
        "archive's updater kept, read only where they answer, mention or share the owner")


def test_the_owner_is_the_one_user_details_names_whoever_wrote_the_first_tweet(tmp_path):
    """user_details.js names the owner; before, the author of the first tweet read was taken, and an updater's
    archive may open with another account's post."""
    folder = tmp_path / "others-first"
    shutil.copytree(fixture("twitter", OTHERS), folder)
    month = folder / MONTH
    head, _, body = month.read_text(encoding="utf-8").partition("\n")
    tweets = json.loads(body)
    month.write_text(head + "\n" + json.dumps(tweets[1:] + tweets[:1], indent="\t"), encoding="utf-8")
    records = parse(Export(folder))
    assert [(r.account_ref, r.handle, r.display_name) for r in records if isinstance(r, Account) and r.is_owner] \
        == [(RUNA, "runaberg", "Runa Berg")]
    assert (8, OLA, "mention", "out") in [(line, ref, kind, way) for line, ref, kind, way, _ in
                                          interactions(records, MONTH)]  # the owner's tweet, read last
    # not guessed from replies to the archive's own tweets (nor are the month files parsed twice for it)
    assert "replies to tweets of this archive" not in note_of(records, MONTH).note


def test_the_owners_own_tweets_are_read_as_before(read):
    records = read("2017-grailbird-updated")
    assert [row for row in interactions(records, "data/js/tweets/2017_06.js") if row[3] == "out"] == [
        (1, "4400000011", "retweet", "out", datetime(2017, 6, 30, 21, 40, 10)),
        (2, "4400000012", "reply", "out", datetime(2017, 6, 29, 12)),
        (4, "4400000013", "retweet", "out", datetime(2017, 6, 27, 9, 15)),
        (6, "4400000016", "retweet", "out", datetime(2017, 6, 25, 10)),
    ]
