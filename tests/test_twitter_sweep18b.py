"""Twitter shapes of the second sweep of round 18: a Grailbird archive kept current by an updater, whose API v1.1
tweets embed the quoted post with its author's id (CleverClogs/cleverclogs.github.io, LeeFallin/twitter,
IaninSheffield/MyTweets, SOLPLPARTY/tweets); T0's CSV copies of the tweets, tweets.csv and the first version's
data/csv/YYYY_MM.csv, holding retweets the JS files lack (Archie22is/tweet-archive, SOLPLPARTY/tweets); an archive
without account.js or manifest.js whose owner shows in their own threads, beside a like.js copy saved without its
first line (smithjd/twitter_archive); and a manifest edited by hand with a trailing comma (procedural/tweets)."""

from __future__ import annotations

import re
import shutil
from datetime import datetime

import duckdb

from conftest import fixture, parse
from ingest.models import Account
from ingest.sources.archive import Export
from test_twitter_shapes import interactions, note_of, people, read, refused, unknown  # noqa: F401 (read: fixture)

UPDATED, CSV_MONTHS, SELF_REPLIES = "2017-grailbird-updated", "2012-grailbird-csv", "2022-owner-by-self-replies"
MAREN, OLA, PRIYA, TOM, LENA, ROSA = "4400000001", "4400000011", "4400000012", "4400000013", "4400000016", "4400000017"
NILS = "4400000014"
IDA, ARNE, EVA = "6600000001", "6600000011", "6600000012"
JULIA, BO, CEM = "5500000001", "5500000011", "5500000012"
MONTH = "data/js/tweets/2017_06.js"


def owners(records: list) -> set[tuple]:
    return {(r.account_ref, r.handle) for r in records if isinstance(r, Account) and r.is_owner}


# --- quotes with the quoted author's id (quoted_status) -------------------------------------------------------

def test_a_quote_embedding_its_author_is_read_by_that_id(read):
    records = read(UPDATED)
    # Before: Ola's quote (truncated, its only link /i/web/status/) and Tom's were lost: no tweet tied their names
    assert interactions(records, MONTH) == [
        (1, OLA, "retweet", "out", datetime(2017, 6, 30, 21, 40, 10)),
        (2, PRIYA, "reply", "out", datetime(2017, 6, 29, 12)),  # a reply to Priya quoting her: counted once
        (4, TOM, "retweet", "out", datetime(2017, 6, 27, 9, 15)),  # quoted with a link too: counted once
        (5, NILS, "mention", "in", datetime(2017, 6, 26, 15)),  # Nils's tweet the updater added, naming the owner
        (6, LENA, "retweet", "out", datetime(2017, 6, 25, 10)),  # a retweet of Lena's quote of Kai: Lena's only
    ]  # line 3 quotes the owner herself; Nils's quote of Kai (line 5) is his, not the owner's


def test_the_quoted_author_has_the_handle_and_name_of_the_embedded_post(read):
    records = read(UPDATED)
    assert people(records) == {OLA: ("olaberg", "Ola Berg"), PRIYA: ("priyadas", "Priya Das"),
                               TOM: ("tomreed", "Tom Reed"), LENA: ("lenavoss", "Lena Voss"), ROSA: ("rosalind", None),
                               NILS: ("nilsek", "Nils Ek")}
    assert owners(records) == {(MAREN, "marenholt")}


def test_the_note_counts_the_quotes_read_by_id_and_no_longer_blames_the_archive(read):
    records = read(UPDATED)
    assert unknown(records) == []
    assert note_of(records, MONTH).note == (
        "7 tweets, 2 of them naming no other account (not counted as records); 2 quotes of others' posts read by "
        "the quoted author's id (quoted_status); 1 tweets of other accounts the archive's updater kept, read only "
        "where they answer, mention or share the owner")


# --- T0's CSV copies of the tweets ----------------------------------------------------------------------------

def test_tweets_only_in_tweets_csv_are_read_and_the_repeated_rows_are_not(read):
    records = read(UPDATED)
    # Before: tweets.csv was left out whole as a copy of the JS files: Rosa's retweet, only there, was lost
    assert interactions(records, "tweets.csv") == [(6, ROSA, "retweet", "out", datetime(2017, 6, 30, 23, 10))]
    assert refused(records) == {("tweets.csv", 8): "timestamp: date in no known format"}
    note = note_of(records, "tweets.csv")
    assert (note.handling, note.records_read) == ("parsed", 2)
    assert note.note == ("7 rows, 4 of them tweets read from data/js/tweets/*.js; 3 tweets only in this file, 2 of "
                         "them retweets or replies of others (the others name no account by id: not counted as "
                         "records)")


def test_the_first_versions_monthly_csvs_are_known_and_their_own_rows_read(read):
    records = read(CSV_MONTHS)
    # Before: both reported as unknown files, "if it holds people, open an issue"; Eva's retweet lost
    assert unknown(records) == []
    assert interactions(records, "data/csv/2012_10.csv") == [
        (2, EVA, "retweet", "out", datetime(2012, 10, 25, 21)),  # the screen name from "RT @evaholm:"
        (4, ARNE, "reply", "out", datetime(2012, 10, 21, 7)),  # named by the JS files' mention of him
    ]
    assert people(records) == {ARNE: ("arnedahl", "Arne Dahl"), EVA: ("evaholm", None)}
    same = note_of(records, "data/csv/2012_11.csv")
    assert (same.handling, same.records_read) == ("ignored", 0)
    assert same.note.startswith("T0's CSV copy of the tweets read from data/js/tweets/*.js")


def test_a_csv_copy_read_into_the_database_is_not_shown_as_a_loss(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("twitter", CSV_MONTHS), "--db", db, "--owner", "ida")
    assert result.code == 0, result.err
    assert "unknown" not in result.out and "open an issue" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select records_read, records_loaded, records_quarantined "
                           "from ingested_exports").fetchall() == [(3, 3, 0)]


# --- the owner found in their own threads ---------------------------------------------------------------------

def test_the_owner_is_the_account_the_replies_to_the_archives_own_tweets_answer(read):
    records = read(SELF_REPLIES)
    # Before: every tweet naming someone was refused, "the owner's account id is unknown"
    assert refused(records) == {}
    assert owners(records) == {(JULIA, "juliakern")}
    assert interactions(records, "data/tweets.js") == [(2, CEM, "reply", "out", datetime(2022, 11, 11, 9)),
                                                       (3, BO, "mention", "out", datetime(2022, 11, 10, 18, 20))]
    assert note_of(records, "data/tweets.js").note == (
        "5 tweets, 2 of them naming no other account (not counted as records); the owner's account id read from 2 "
        "replies to tweets of this archive (the owner's threads: no account.js or manifest.js)")


def test_replies_to_tweets_of_others_name_no_owner(tmp_path):
    folder = tmp_path / "no-thread"
    shutil.copytree(fixture("twitter", SELF_REPLIES), folder)
    tweets = folder / "data" / "tweets.js"
    # the thread's replies now answer a post that is not in the archive: nothing tells the owner
    text = re.sub(r'("in_reply_to_status_id(?:_str)?" : )"159', r'\1"149', tweets.read_text(encoding="utf-8"))
    tweets.write_text(text, encoding="utf-8")
    records = parse(Export(folder))
    assert owners(records) == set()
    assert set(refused(records).values()) == {
        "tweet: the owner's account id is unknown (no account.js or manifest.js in this export)"}


def test_a_data_file_saved_without_its_first_line_is_no_viewer_script(read):
    records = read(SELF_REPLIES)
    copy = note_of(records, "data/like copy.js")
    assert (copy.handling, copy.note) == (
        "ignored", "likes name the liked tweet only: no author, no time (formats.md §2.4) (a copy without its "
                   "window.YTD line)")
    # before: "the archive's viewer (Your archive.html and its scripts)", a lost tweet left out without a word
    assert unknown(records) == ["data/tweets backup.js"]


# --- a manifest with a trailing comma -------------------------------------------------------------------------

def test_a_manifest_with_a_trailing_comma_is_read_and_tells_the_missing_tweets(tmp_path):
    folder = tmp_path / "hand-edited"
    shutil.copytree(fixture("twitter", "2022"), folder)
    manifest = folder / "data" / "manifest.js"
    text = manifest.read_text(encoding="utf-8").rstrip()
    assert text.endswith("}\n  }\n}")
    manifest.write_text(text[:-len("}\n  }\n}")] + "},\n  }\n}", encoding="utf-8")  # as procedural/tweets ends
    (folder / "data" / "tweets.js").unlink()
    records = parse(Export(folder))
    assert not [where for where in refused(records) if where[0] == "data/manifest.js"]
    assert "1 not in this export (another zip of a split delivery?): data/tweets.js" in \
        note_of(records, "data/manifest.js").note
