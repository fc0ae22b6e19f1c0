"""Shapes found in published Twitter/X archives that lost people: quote tweets.

No vintage keeps a quoted post's author by id: the quote holds only the post's address among its links
(``entities.urls[].expanded_url``, ``https://twitter.com/<screen name>/status/<id>``), a tenth of the tweets of
alrocar/x and andreruffert/twitter ``data/tweets.js`` and many of 06b/Twitter-Archive's Grailbird months. The
quoted author is now read when another tweet of the archive ties the screen name to an account id, wherever
that tweet is; the others are counted in the file's note. Fixtures invented, each read as a folder and as a zip.
"""

from __future__ import annotations

import shutil
from datetime import datetime

import duckdb

from conftest import fixture, parse
from ingest.models import Account, Interaction
from ingest.sources.archive import Export
from test_twitter_shapes import interactions, note_of, read, refused, unknown  # noqa: F401 (read: the fixture)

QUOTES = "2024-quote-tweets"
GRAILBIRD = "2016-grailbird-quotes"
OWNER = "2718281828"
HANNA, JONAS, LEA = "3141592653", "1618033988", "2236067977"


def test_a_quoted_author_is_read_as_sharing_their_post(read):
    records = read(QUOTES)
    assert unknown(records) == []
    assert sorted(interactions(records, "data/tweets.js")) == [
        # Hanna: quoted on x.com; only tweets-part1.js, read after this file, ties @hannavirt to her id
        (1, HANNA, "retweet", "out", datetime(2024, 3, 23, 18, 5)),
        (2, JONAS, "reply", "out", datetime(2024, 3, 20, 9, 15)),  # quoting Jonas in a reply to him: counted once
        (3, JONAS, "reply", "out", datetime(2024, 3, 17, 20, 40)),
        (3, LEA, "retweet", "out", datetime(2024, 3, 17, 20, 40)),  # a reply to Jonas quoting Lea
        (7, LEA, "retweet", "out", datetime(2024, 3, 5, 11, 20)),  # RT @lea_sommer, the link in it not hers
        (9, JONAS, "retweet", "out", datetime(2024, 3, 1, 8, 10)),  # two posts linked: both authors
        (9, LEA, "retweet", "out", datetime(2024, 3, 1, 8, 10)),
        (10, LEA, "mention", "out", datetime(2024, 2, 27, 12)),
    ]


def test_a_quoted_author_is_one_account_with_the_name_other_tweets_give(read):
    records = read(QUOTES)
    people = {r.account_ref: (r.handle, r.display_name) for r in records if isinstance(r, Account) and not r.is_owner}
    assert people == {HANNA: ("hannavirt", "Hanna Virtanen"), JONAS: ("jonasberg", "Jonas Berg"),
                      LEA: ("lea_sommer", "Lea Sommer")}
    assert OWNER not in {r.account_ref for r in records if isinstance(r, Interaction)}  # her own thread, linked


def test_the_note_counts_every_tweet_and_the_quotes_no_tweet_can_place(read):
    records = read(QUOTES)
    note = note_of(records, "data/tweets.js")
    # 10 tweets: 6 records, 1 refused; the owner's own post, an unplaced screen name and an /i/web/ link name nobody
    assert note.records_read == 7
    assert note.note == (
        "10 tweets, 3 of them naming no other account (not counted as records); 4 quotes of others' posts read "
        "(the quoted screen name tied to its account id by other tweets); 1 quoted screen names that no tweet of "
        "the archive ties to one account id, skipped (the archive keeps no id of the quoted author)")
    assert note_of(records, "data/tweets-part1.js").note == "1 tweets"


def test_a_quote_that_cannot_be_placed_in_time_is_refused_with_the_field(read):
    assert refused(read(QUOTES)) == {("data/tweets.js", 8): "created_at: missing"}


def test_a_grailbird_quote_is_read_and_the_owners_own_link_is_not(read):
    """2016 tweet archive: the slashes of the link escaped, the owner known only from each tweet's ``user``."""
    records = read(GRAILBIRD)
    member = "data/js/tweets/2016_04.js"
    assert sorted(interactions(records, member)) == [(1, JONAS, "retweet", "out", datetime(2016, 4, 27, 19)),
                                                     (3, JONAS, "mention", "out", datetime(2016, 4, 21, 17, 30))]
    assert note_of(records, member).note.startswith("3 tweets, 1 of them naming no other account")


def test_the_quote_archive_ingests_and_its_counts_reconcile(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("twitter", QUOTES), "--db", db, "--owner", "sofie")
    assert result.code == 0, result.err
    assert "created_at: missing" in result.out and "unknown" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select records_read, records_loaded, records_quarantined "
                           "from ingested_exports").fetchall() == [(10, 9, 1)]
        assert con.execute("select count(*) from raw_interactions where kind = 'retweet'").fetchone() == (5,)


def test_a_manifest_with_a_blank_owner_id_leaves_the_owner_to_account_js(tmp_path):
    """Datenquelle/Twitter-Archive's manifest.js (2022) names the owner with ``"accountId" : ""`` while account.js
    holds the id: the owner is account.js's, and nothing is refused with advice to download the archive again."""
    folder = tmp_path / "blank-owner"
    shutil.copytree(fixture("twitter", "2022"), folder)
    manifest = folder / "data" / "manifest.js"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"1204857362"', '""', 1), encoding="utf-8")
    records = parse(Export(folder))
    assert not [where for where in refused(records) if where[0] == "data/manifest.js"]
    assert {a.account_ref for a in records if isinstance(a, Account) and a.is_owner} == {"1204857362"}
    assert "no owner's account id in it" in note_of(records, "data/manifest.js").note
