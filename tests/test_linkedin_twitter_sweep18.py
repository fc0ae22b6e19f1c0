"""LinkedIn and Twitter shapes of the sweep of round 18: advertisers' sponsored messages in LinkedIn's messages.csv
(4annadaneshwari/LinkedIn-Data-Analysis, Femi10/Linkedin-Data-Visualization, Supriya-Nag/Social-Media), the authors
chained in a retweet typed by hand, "RT @a: RT @b: …" (Murianwind/tweet, NiciDieNase/twitterarchiv,
vovavasylyna/mytwitterarchive), and a file of the owner's own details holding fewer entries than manifest.js counts
(smwhr/old-twitter data/phone-number.js)."""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, forms, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.linkedin.sponsored import SPONSORED_NO_URL, SPONSORED_TEMPLATE
from test_twitter_shapes import interactions, note_of, people, read, refused  # noqa: F401 (read: fixture)

ADVERTISERS, NO_URL_COLUMN = "2023-messages-advertisers", "2021-messages-no-sender-urls"
CHAINED, EMPTIED = "2012-grailbird-chained-retweets", "2023-phone-number-emptied"
TOMAS = "https://www.linkedin.com/in/tomas-berg-7c3d"
JONAS, LEA, PIETER, AYLIN, TOMASZ, MIRA, HUGO = (f"223344000{n}" for n in range(1, 8))
TWEETS = "data/js/tweets/2012_05.js"


def of(records, model, member: str = "messages.csv") -> list:
    return [r for r in records if isinstance(r, model) and r.member == member]


# --- LinkedIn: sponsored messages are no people -----------------------------------------------------------------

def test_advertisers_are_refused_as_sponsored_messages_and_become_no_accounts(tmp_path):
    # Before: Northwind Bank, Priya Raman, Skillbridge Academy and Helix Analytics were each a person writing to the
    # owner, an account and a message in
    for export in forms(ADVERTISERS, tmp_path):
        records = parse(export)
        assert {(q.line, q.reason) for q in of(records, Quarantined)} == {
            (4, SPONSORED_TEMPLATE),  # the spinmail template, from a company
            (5, SPONSORED_TEMPLATE),  # the spinmail template, from a marketer's name
            (6, SPONSORED_TEMPLATE),  # "Dear %FIRSTNAME% %LASTNAME%,"
            (7, SPONSORED_NO_URL),  # a filled-in ad, no URL where every member has one
            (9, 'from: "LinkedIn Member" with no profile URL, a sponsored message or a deleted or deactivated account'),
            (10, "date: date in no known format")}
        assert {a.display_name for a in of(records, Account)} == {"Tomas Berg", "Ewa Lindgren"}
        assert_nothing_lost(records)


def test_the_members_messages_beside_the_advertisers_are_read(tmp_path):
    [export, _] = forms(ADVERTISERS, tmp_path)
    records = parse(export)
    messages = [(i.line, i.account_ref, i.direction) for i in of(records, Interaction)]
    # Ewa Lindgren wrote without a URL, but she is a connection by name: a member, given the benefit of the doubt
    assert messages == [(2, TOMAS, "in"), (3, TOMAS, "out"), (8, "Ewa Lindgren", "in")]


def test_a_file_without_the_sender_url_column_keeps_its_named_senders(tmp_path):
    # Before about 2021 messages.csv gave no SENDER PROFILE URL: a named sender is all there is, and is read; only
    # the template and mail-merge ads are told apart by their text
    for export in forms(NO_URL_COLUMN, tmp_path):
        records = parse(export)
        assert [(q.line, q.reason) for q in of(records, Quarantined)] == [(5, SPONSORED_TEMPLATE),
                                                                          (6, SPONSORED_TEMPLATE)]
        assert [(i.line, i.account_ref, i.direction) for i in of(records, Interaction)] == [
            (2, "Jonas Weber", "in"), (3, "Jonas Weber", "out"), (4, "Café Aurora", "in")]
        assert_nothing_lost(records)


def test_the_run_says_there_is_nothing_to_do_about_an_advertiser(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("linkedin", ADVERTISERS), "--db", db)
    assert result.code == 0, result.err
    assert "3 records refused (from: a sponsored message (an advertiser), not a person: LinkedIn's" in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        advice = con.execute("select distinct is_actionable, what_to_do from not_read "
                             "where reason like '%an advertiser%'").fetchall()
    assert advice == [(False, "nothing to do: an advertiser's sponsored message, not a person you talk to")]


# --- Twitter: the authors chained in a retweet ------------------------------------------------------------------

def test_each_author_chained_at_the_start_of_a_retweet_is_a_retweet(read):
    records = read(CHAINED)
    retweets = sorted((line, ref) for line, ref, kind, *_ in interactions(records, TWEETS) if kind == "retweet")
    assert retweets == [  # the file runs newest first
        (2, LEA),  # RT @lea_sommer: RT @kai_moreno: … the owner's own post passed on, the owner no counterpart
        (3, JONAS), (3, HUGO),  # a T0 native retweet of Jonas's hand-typed one
        (4, JONAS),  # RT @jonasberg: so true RT @mira_k: … Mira is inside Jonas's text, not at its start
        (5, AYLIN), (5, TOMASZ),  # RT @aylin_d RT @tomasz_n: … without the colon
        (6, JONAS), (6, LEA)]  # RT @jonasberg: RT @lea_sommer: … (@pdevries inside Lea's text stays out)
    assert set(people(records)) == {JONAS, LEA, PIETER, AYLIN, TOMASZ, HUGO}  # Pieter by the owner's own mention


def test_the_mentions_inside_retweeted_text_are_counted_in_the_note(read):
    records = read(CHAINED)
    assert note_of(records, TWEETS).note == (
        "7 tweets; 2 accounts named only inside retweeted text, not the owner's mentions (not counted)")  # Pieter, Mira
    assert refused(records) == {(TWEETS, 7): "created_at: date in no known format"}


def test_a_2023_retweet_chained_without_colon_names_both_authors(read):
    records = read(EMPTIED)
    assert [(line, ref, kind) for line, ref, kind, *_ in interactions(records, "data/tweets.js")] == [
        (1, AYLIN, "retweet"), (1, TOMASZ, "retweet")]
    assert note_of(records, "data/tweets.js").note == (
        "2 tweets, 1 of them naming no other account (not counted as records); 1 accounts named only inside "
        "retweeted text, not the owner's mentions (not counted)")


# --- Twitter: an emptied file of the owner's own details --------------------------------------------------------

@pytest.mark.parametrize("member, actionable, advice", [
    ("data/phone-number.js", False, "nothing to do: the file holds only your own details"),
    ("data/follower.js", True, "fewer records than the archive's index"),
])
def test_a_short_owner_file_needs_nothing_while_a_short_file_of_people_does(unsocial, tmp_path, member, actionable,
                                                                           advice):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("twitter", EMPTIED), "--db", db)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        [(is_actionable, what_to_do)] = con.execute("select is_actionable, what_to_do from not_read "
                                                    "where handling = 'parsed' and member = ?", [member]).fetchall()
    assert (is_actionable, what_to_do.startswith(advice)) == (actionable, True)


def test_the_owner_files_note_says_no_other_person_is_missing(read):
    note = note_of(read(EMPTIED), "data/phone-number.js")
    assert (note.note, note.records_read) == (
        "the owner; manifest.js counts 1 entries, the file holds 0 (the owner's own details, no other person is "
        "missing)", 0)
    assert isinstance(note, MemberNote)
