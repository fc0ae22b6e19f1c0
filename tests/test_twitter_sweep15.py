"""Shapes of published Twitter/X archives that lost people or miscounted them: the owner's screen-name history,
the owner named only by it, and the members of a Twitter Circle.

* ``screen-name-change.js`` (22 published archives of 2019-2026; the 2018 one with ``changedAt`` in seconds,
  natalieacpm/na): the owner's former screen names. A link to the owner's own post under a former name was taken
  for a quote of someone else's, or of the stranger who took the name later.
* A data folder given in part, its files at the root, no account.js or manifest (rachiehockey/jmhennertwitter):
  every group message was refused for want of the owner, whom screen-name-change.js names by id.
* ``twitter-circle-member.js`` with entries (the same archive): the people in the owner's Circle, reported unknown.

Fixtures invented, each read as a folder and as a zip.
"""

from __future__ import annotations

import shutil
from datetime import datetime

import duckdb
import pytest

from conftest import fixture
from ingest.models import Account
from ingest.sources.archive import Export
from ingest.sources.twitter.common import Context, millis_time, seconds_time
from test_twitter import parse
from test_twitter_shapes import interactions, note_of, people, read, refused, unknown  # noqa: F401 (read: fixture)

SECONDS = "2018-screen-name-seconds"
PART = "2023-data-folder-part"
LOTTA, NOOR, NEW_HOLDER = "803000001", "2211334455", "2900000003"
KAI, AMARA, BEN, CHIARA = "1400000000000000001", "1400000000000000002", "15000002", "16000003"


def owners(records: list) -> set[tuple[str, str, str | None]]:
    return {(r.member, r.account_ref, r.handle) for r in records if isinstance(r, Account) and r.is_owner}


def test_links_to_the_owners_own_posts_under_former_names_are_no_quotes(read):
    """2013 under her first name, 2015 under her second; the second was taken by a stranger in 2016, whom a 2017
    link under that name does quote. Before, her 2015 post counted as a repost of the stranger's."""
    records = read(SECONDS)
    assert sorted(interactions(records, "tweet.js")) == [
        (2, NEW_HOLDER, "retweet", "out", datetime(2017, 2, 14, 12)),  # @lotta_e after she gave the name up
        (3, NEW_HOLDER, "mention", "out", datetime(2017, 2, 10, 9, 30)),
        (5, NOOR, "reply", "out", datetime(2014, 9, 1, 16, 20)),  # quoting Noor in a reply to her: counted once
    ]
    assert note_of(records, "tweet.js").note == (
        "6 tweets, 3 of them naming no other account (not counted as records); 1 quotes of others' posts read (the "
        "quoted screen name tied to its account id by other tweets)")  # no unplaced screen name: they were hers


def test_a_name_change_in_seconds_is_read_and_one_in_no_known_form_is_refused(read):
    records = read(SECONDS)
    assert refused(records) == {("screen-name-change.js", 3): "screenNameChange.changedAt: date in no known format"}
    note = note_of(records, "screen-name-change.js")
    assert (note.handling, note.records_read) == ("parsed", 2)  # the owner, and the refused change
    assert note.note == "3 changes of the owner's screen name (no other person)"
    assert people(records) == {NEW_HOLDER: ("lotta_e", "Lotta Engström"), NOOR: ("noor_h", "Noor Haddad")}


@pytest.mark.parametrize("text, reader, expected", [
    ("1400315400", seconds_time, datetime(2014, 5, 17, 8, 30)),
    ("1400315400000", seconds_time, "date in no known format"),  # milliseconds are not seconds
    ("1400315400000", millis_time, datetime(2014, 5, 17, 8, 30)),
    ("1400315400", millis_time, "date in no known format"),  # nor seconds milliseconds (DMs keep their form)
    ("0999999999", seconds_time, "a year before 2006 (a known export bug)"),
])
def test_epoch_times_are_read_by_their_number_of_digits(text, reader, expected):
    try:
        assert reader(text, "changedAt") == expected
    except ValueError as exc:
        assert str(exc) == f"changedAt: {expected}"


@pytest.mark.parametrize("handle, at, owners_own", [
    ("lotta_ek", datetime(2010, 1, 1), True),  # the current name: always the owner's, as before
    ("lottaek_", datetime(2013, 9, 10), True),  # the first name, before the first change
    ("lottaek_", datetime(2014, 6, 1), False),  # after it: anyone's
    ("lotta_e", datetime(2015, 6, 20), True),
    ("lotta_e", datetime(2016, 3, 1, 19, 5), False),  # the second of the change: the name is given up
    ("noor_h", datetime(2015, 6, 20), False),
])
def test_a_former_name_is_the_owners_only_while_the_owner_held_it(handle, at, owners_own):
    ctx = Context(owner_handles={"lotta_ek"},
                  former_handles={"lottaek_": [(None, datetime(2014, 5, 17, 8, 30))],
                                  "lotta_e": [(datetime(2014, 5, 17, 8, 30), datetime(2016, 3, 1, 19, 5))]})
    assert ctx.others([handle], lambda: at) == ([] if owners_own else [handle])


def test_the_time_is_asked_only_when_a_former_name_is_linked():
    def never() -> datetime:
        raise ValueError("created_at: missing")

    ctx = Context(owner_handles={"lotta_ek"}, former_handles={"lotta_e": [(None, datetime(2016, 3, 1))]})
    assert ctx.others(["lotta_ek", "noor_h"], never) == ["noor_h"]
    with pytest.raises(ValueError, match="created_at: missing"):
        ctx.others(["lotta_e"], never)


def test_the_owner_named_only_by_the_screen_name_history_places_every_group_message(read):
    """No account.js, no manifest, no one-to-one conversation: before, every group event was refused."""
    records = read(PART)
    assert owners(records) == {("screen-name-change.js", KAI, "kai_morgan")}
    assert sorted(interactions(records, "direct-messages-group.js")) == [
        (1, BEN, "message", "out", datetime(2022, 11, 20, 18, 2)),
        (1, CHIARA, "message", "out", datetime(2022, 11, 20, 18, 2)),
        (2, BEN, "message", "in", datetime(2022, 11, 20, 18, 1)),
        (3, BEN, "reaction", "out", datetime(2022, 11, 20, 18, 1, 30)),
        (4, CHIARA, "group_join", "in", datetime(2022, 11, 20, 18)),
    ]
    assert interactions(records, "twitter-circle-tweet.js") == [
        (1, AMARA, "mention", "out", datetime(2022, 10, 25, 19))]


def test_the_members_of_a_twitter_circle_are_read_as_accounts_without_a_date(read):
    records = read(PART)
    members = [(r.line, r.account_ref, r.handle, r.profile_url) for r in records
               if isinstance(r, Account) and r.member == "twitter-circle-member.js"]
    assert members == [
        (1, AMARA, "amara_o", f"https://twitter.com/intent/user?user_id={AMARA}"),  # named by the circle tweet
        (2, BEN, None, f"https://twitter.com/intent/user?user_id={BEN}")]
    assert interactions(records, "twitter-circle-member.js") == []
    assert refused(records) == {
        ("twitter-circle-member.js", 3): "twitterCircleMember.id: missing, not numeric or the owner's",
        ("screen-name-change.js", 2): "screenNameChange.changedFrom: missing, and changedTo too"}
    assert note_of(records, "twitter-circle-member.js").note == (
        "members of the owner's Twitter Circle: accounts only, the export gives no date")


def test_periscope_followers_are_left_out_as_periscope_ids_not_unknown(read):
    records = read(PART)
    assert unknown(records) == []
    note = note_of(records, "periscope-followers.js")
    assert (note.handling, note.note) == (
        "ignored", "accounts that follow the owner's Periscope account, by Periscope's own ids: no Twitter account id")


def test_a_name_change_of_another_account_than_account_js_names_is_refused(tmp_path):
    folder = tmp_path / "other-owner"
    shutil.copytree(fixture("twitter", SECONDS), folder)
    changes = folder / "screen-name-change.js"
    changes.write_text(changes.read_text(encoding="utf-8").replace(LOTTA, "803000002", 1), encoding="utf-8")
    records = parse(Export(folder))
    assert refused(records)[("screen-name-change.js", 1)] == \
        "screenNameChange.accountId: differs from the owner's id read before"
    assert {r[1] for r in owners(records)} == {LOTTA}


@pytest.mark.parametrize("vintage, counts", [(SECONDS, (6, 5, 1)), (PART, (10, 8, 2))])
def test_ingest_reads_both_archives_and_their_counts_reconcile(unsocial, tmp_path, vintage, counts):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("twitter", vintage), "--db", db, "--owner", "lotta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select records_read, records_loaded, records_quarantined "
                           "from ingested_exports").fetchall() == [counts]
        assert con.execute("select count(*) from raw_members where handling = 'unknown'").fetchone() == (0,)
