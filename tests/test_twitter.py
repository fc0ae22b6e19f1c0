"""Twitter/X archive parser: every layout in the fixtures (T0 2013, T1 2019, T3 2022, T4 part files), folder and zip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from conftest import assert_nothing_lost, FIXTURES, fixture, zip_folder
from ingest.columns import Columns, validate_columns
from ingest.errors import UnknownLayoutError
from ingest.models import GROUP_REF, Account, Interaction, MemberNote, Quarantined, Recipient
from ingest.pipeline import Found, discover_exports, parse_export
from ingest.sources import detect_source, twitter
from ingest.sources.archive import Export
from ingest.sources.twitter.common import Harvest
from ingest.sources.twitter.jsfiles import Unparsable, iter_items
from ingest.sources.twitter.tweets import parse_tweet_time, tweet_records
from ingest.store.database import connect, load_batches

OWNER = "1204857362"
JONAS, AYLIN, PIETER, ANNA = "2847561930", "3190458826", "1578903344", "4451237890"
LUKAS1, LUKAS2, CHLOE, ZOE = "2233445566", "7788990011", "3344556677", "5566778899"
TOMAS, INES, KOFI, STRANGER = "6677889900", "8899001122", "9900112233", "2468013579"
VINTAGES = ["2013-grailbird", "2015-grailbird", "2019", "2022", "2024-parts"]
REPEATED = "messageCreate.id: a message already read (the export repeats conversations)"


def stored(records) -> list:
    """Records with every Columns batch turned into models, as the loader would see them."""
    out = []
    for record in records:
        if isinstance(record, Columns):
            out += [record.model(**row) for row in record.rows(range(len(record)))]
        else:
            out.append(record)
    return out


def per_counterpart(records: list) -> list:
    """An owner's message to a group made one Interaction with each member on its list, in its place, as
    staging does (``sql/staging/stg_interactions.sql``); the lists themselves dropped."""
    lists: dict[tuple[str, int], list[str]] = {}
    for r in records:
        if isinstance(r, Recipient):
            lists.setdefault((r.member, r.line), []).append(r.account_ref)
    out = []
    for r in records:
        if isinstance(r, Interaction) and r.recipients_line is not None:
            out += [r.model_copy(update={"account_ref": ref, "recipients_line": None})
                    for ref in lists[(r.member, r.recipients_line)]]
        elif not isinstance(r, Recipient):
            out.append(r)
    return out


def rows(records) -> list:
    """The records as the views after staging see them: one Interaction per counterpart."""
    return per_counterpart(stored(records))


def parse(export: Export) -> list:
    return rows(twitter.parse(export))


def kinds(records) -> Counter:
    return Counter((r.kind, r.direction) for r in records if isinstance(r, Interaction))


@pytest.fixture(params=["folder", "zip"])
def as_(request, tmp_path):
    """Open a fixture vintage as a folder or as the zip a user downloads."""
    def open_(vintage: str) -> Export:
        folder = fixture("twitter", vintage)
        if request.param == "folder":
            return Export(folder)
        return Export(zip_folder(folder, tmp_path / f"twitter-{vintage}-5f3a9c.zip"))
    return open_


@pytest.mark.parametrize("vintage", VINTAGES)
def test_every_vintage_is_detected_as_twitter(as_, vintage):
    assert detect_source(as_(vintage)) is twitter


def test_other_platforms_exports_are_not_twitter():
    others = [v for p in FIXTURES.iterdir() if p.name != "twitter" for v in sorted(p.iterdir())]
    assert len(others) >= 5 and not [v.name for v in others if twitter.detect(Export(v))]


@pytest.mark.parametrize("vintage, expected", [
    ("2013-grailbird", {("data/js/tweets/2013_05.js", "marta_lq", "Marta Lindqvist")}),
    ("2015-grailbird", {("data/js/tweets/2015_03.js", "marta_lq", "Marta Lindqvist")}),
    ("2019", {("account.js", "marta_lq", "Marta Lindqvist"), ("profile.js", None, None)}),
    ("2022", {("data/account.js", "martalindqvist", "Marta Lindqvist"), ("data/phone-number.js", None, None),
              ("data/manifest.js", "martalindqvist", "Marta Lindqvist"), ("data/profile.js", None, None)}),
    ("2024-parts", {("data/manifest.js", "martalindqvist", "Marta Lindqvist")}),  # no account.js: the manifest
])
def test_owner_is_recognised_in_every_vintage(as_, vintage, expected):
    owners = [r for r in parse(as_(vintage)) if isinstance(r, Account) and r.is_owner]
    assert {o.account_ref for o in owners} == {OWNER}
    assert {(o.member, o.handle, o.display_name) for o in owners} == expected


def test_owner_contact_details_from_account_js():
    owner = next(r for r in parse(Export(fixture("twitter", "2019"))) if isinstance(r, Account) and r.is_owner)
    assert (owner.email, owner.phone) == ("marta.lindqvist@example.se", "+46701234567")


@pytest.mark.parametrize("vintage, expected", [
    ("2013-grailbird", {("reply", "out"): 1, ("mention", "out"): 1}),
    ("2015-grailbird", {("reply", "out"): 1, ("mention", "out"): 1, ("retweet", "out"): 5}),
    ("2019", {("reply", "out"): 1, ("mention", "out"): 2, ("retweet", "out"): 1, ("message", "out"): 3,
              ("message", "in"): 4, ("reaction", "in"): 1, ("group_join", "in"): 1}),
    ("2022", {("mention", "out"): 4, ("reply", "out"): 2, ("message", "out"): 7, ("message", "in"): 3,
              ("reaction", "out"): 1, ("group_join", "out"): 1, ("group_join", "in"): 1, ("group_leave", "in"): 1}),
    ("2024-parts", {("mention", "out"): 3, ("reply", "out"): 1, ("message", "out"): 2, ("message", "in"): 3}),
])
def test_interactions_of_every_vintage(as_, vintage, expected):
    assert kinds(parse(as_(vintage))) == expected


@pytest.mark.parametrize("vintage, expected", [
    ("2013-grailbird", {("data/js/tweets/2013_05.js", 4): "created_at: date in no known format"}),
    ("2015-grailbird", {("data/js/tweets/2015_03.js", 5): "created_at: missing"}),
    ("2019", {("tweet.js", 5): "user_mentions.id: -1, not an account",
              ("tweet.js", 7): "created_at: a year before 2006 (a known export bug)",
              ("follower.js", 4): "follower.accountId: missing, not numeric or the owner's",
              ("direct-message.js", 1): "messageCreate.createdAt: missing"}),
    ("2022", {("data/tweets.js", 5): "created_at: missing",
              ("data/tweets.js", 6): "in_reply_to_user_id: -1, not an account",
              ("data/direct-messages.js", 5): REPEATED,
              ("data/direct-messages.js", 6): "messageCreate.senderId: missing"}),
    ("2024-parts", {
        ("data/direct-messages-part1.js", 2): REPEATED,
        ("data/direct-messages-part1.js", 3): "dmConversation: not valid JSON (truncated or damaged file?)"}),
])
def test_bad_records_are_quarantined_with_place_and_reason(as_, vintage, expected):
    records = parse(as_(vintage))
    assert {(q.member, q.line): q.reason for q in records if isinstance(q, Quarantined)} == expected
    assert all(len(q.excerpt) <= 300 for q in records if isinstance(q, Quarantined))


@pytest.mark.parametrize("vintage", VINTAGES)
def test_nothing_lost_every_record_loaded_or_quarantined_never_both(as_, vintage):
    assert_nothing_lost(parse(as_(vintage)))


@pytest.mark.parametrize("vintage", VINTAGES)
def test_columns_batches_are_valid_as_a_whole(vintage):
    batches = [b for b in twitter.parse(Export(fixture("twitter", vintage))) if isinstance(b, Columns)]
    assert batches and all(validate_columns(b)[1] == [] for b in batches)


@pytest.mark.parametrize("vintage", VINTAGES)
def test_owner_is_never_a_counterpart_and_every_counterpart_has_an_account(vintage):
    records = parse(Export(fixture("twitter", vintage)))
    counterparts = {r.account_ref for r in records if isinstance(r, Interaction)}
    accounts = {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner}
    assert OWNER not in counterparts | accounts
    assert counterparts <= accounts


def test_every_file_is_accounted_for_once(as_):
    export = as_("2022")
    notes = {n.member: (n.handling, n.records_read) for n in parse(export) if isinstance(n, MemberNote)}
    assert sorted(notes) == export.members()
    assert notes == {
        "Your archive.html": ("ignored", 0),
        "assets/js/main.a1b2c3d4.js": ("ignored", 0),
        "data/README.txt": ("ignored", 0),
        "data/account.js": ("parsed", 1),
        "data/block.js": ("ignored", 0),
        "data/direct-message-headers.js": ("ignored", 0),  # the same conversations as direct-messages.js
        "data/direct-messages-group.js": ("parsed", 6),
        "data/direct-messages.js": ("parsed", 7),
        "data/follower.js": ("parsed", 4),
        "data/following.js": ("parsed", 4),
        "data/like.js": ("ignored", 0),
        "data/manifest.js": ("parsed", 1),
        "data/phone-number.js": ("parsed", 1),
        "data/profile.js": ("parsed", 1),
        "data/tweets.js": ("parsed", 6),  # 7 tweets, one naming nobody else
        "data/tweets_media/1565000000000000000-FbCdEfGhIjK.jpg": ("ignored", 0),
    }


def test_files_this_version_does_not_read_are_listed_as_unknown():
    records = parse(Export(fixture("twitter", "2019"))) + parse(Export(fixture("twitter", "2024-parts")))
    unknown = {n.member for n in records if isinstance(n, MemberNote) and n.handling == "unknown"}
    assert unknown == {"mystery-feature.js"}  # data/note-tweet.js is read (test_twitter_shapes.py)


def test_manifest_counts_and_missing_parts_are_reported():
    notes_2022, notes = ({n.member: n.note for n in parse(Export(fixture("twitter", v))) if isinstance(n, MemberNote)}
                         for v in ("2022", "2024-parts"))
    assert notes_2022["data/follower.js"] == ("followers: accounts only, the export gives no date; "
                                              "manifest.js counts 5 entries, the file holds 4")
    assert notes["data/follower.js"] == "followers: accounts only, the export gives no date"
    assert notes["data/manifest.js"] == ("archive manifest listing 8 files; 1 not in this export "
                                         "(another zip of a split delivery?): data/direct-messages-part2.js")
    assert notes["data/tweets-part1.js"] == ("2 tweets; 1 mentions or replies with the account id -1 "
                                             "skipped beside valid ones")


def test_follows_are_accounts_without_interactions_named_from_the_tweets():
    records = parse(Export(fixture("twitter", "2019")))
    followers = [(r.account_ref, r.handle, r.display_name) for r in records
                 if isinstance(r, Account) and r.member == "follower.js"]
    assert followers == [(JONAS, "jonasweber", "Jonas Weber"), (AYLIN, "aylin_demir", "Aylin Demir"),
                         ("1357924680", None, None)]
    assert not [r for r in records if isinstance(r, Interaction) and r.member in ("follower.js", "following.js")]


NOT_AN_ACCOUNT = "follower.accountId: missing, not numeric or the owner's"


@pytest.mark.parametrize("entry, account, reason", [
    ('{"follower": {"accountId": "%s", "userLink": null}}' % KOFI, (KOFI, None), None),
    ('{"follower": {"accountId": %s}}' % KOFI, (KOFI, None), None),  # a number, not a string
    ('{"follower": {"accountId": "%s", "followedAt": 1}}' % KOFI, (KOFI, None), None),  # a key no archive had
    ('{"follower": {"accountId": "%s"}, "note": 1}' % KOFI, None, NOT_AN_ACCOUNT),
    ('{"follower": {"accountId": "%s"' % KOFI, None, "follower.accountId: not valid JSON"),
    ('{"follower": {"accountId": "%s"}}' % OWNER, None, NOT_AN_ACCOUNT),
])
def test_a_follow_entry_of_another_shape_is_read_or_quarantined_beside_plain_ones(tmp_path, entry, account, reason):
    folder = tmp_path / "twitter-2022"
    shutil.copytree(FIXTURES / "twitter" / "2022", folder)
    plain = '{"follower": {"accountId": "%s", "userLink": "https://twitter.com/intent/user?user_id=%s"}}' % (TOMAS,
                                                                                                          TOMAS)
    (folder / "data" / "follower.js").write_text(f"window.YTD.follower.part0 = [ {plain}, {entry} ]",
                                                 encoding="utf-8")
    records = parse(Export(folder))
    followers = [(r.line, r.account_ref, r.profile_url) for r in records
                 if isinstance(r, Account) and r.member == "data/follower.js"]
    assert followers[0] == (1, TOMAS, f"https://twitter.com/intent/user?user_id={TOMAS}")
    assert followers[1:] == ([(2, *account)] if account else [])
    assert [(r.line, r.reason) for r in records if isinstance(r, Quarantined) and r.member == "data/follower.js"] == (
        [(2, reason)] if reason else [])


@pytest.mark.parametrize("vintage, nameless", [("2013-grailbird", 0), ("2015-grailbird", 0), ("2019", 2), ("2022", 3),
                                               ("2024-parts", 1)])
def test_accounts_left_without_a_name_are_counted(vintage, nameless):
    assert twitter.nameless_accounts(twitter.parse(Export(fixture("twitter", vintage)))) == nameless


def test_mentions_replies_and_retweets_of_the_2019_tweets():
    records = parse(Export(fixture("twitter", "2019")))
    tweets = [(r.line, r.account_ref, r.kind, r.occurred_at) for r in records
              if isinstance(r, Interaction) and r.member == "tweet.js"]
    assert tweets == [
        (1, JONAS, "reply", datetime(2019, 4, 15, 9, 12, 44)),  # a reply that also @-mentions him: one reply
        (2, PIETER, "mention", datetime(2019, 3, 12, 18, 3, 10)),
        (2, ANNA, "mention", datetime(2019, 3, 12, 18, 3, 10)),
        (6, AYLIN, "retweet", datetime(2019, 2, 21, 16, 20)),  # RT @aylin_demir; the quoted @tomasz_nowak is hers
    ]
    anna = next(r for r in records if isinstance(r, Account) and r.account_ref == ANNA)
    assert (anna.handle, anna.display_name) == ("dr_annamueller", "Dr. Anna Müller")


def test_retweets_of_renamed_accounts_are_named_by_the_embedded_author():
    # 2015 tweet archive: "RT @chloe_m: …" while user_mentions and retweeted_status.user say ChloeMartinDesign
    records = parse(Export(fixture("twitter", "2015-grailbird")))
    retweets = [(r.member[-10:], r.line, r.account_ref) for r in records if isinstance(r, Interaction)
                and r.kind == "retweet"]
    assert retweets == [("2015_03.js", 2, ANNA), ("2015_03.js", 4, LUKAS1), ("2015_04.js", 3, JONAS),
                        ("2015_04.js", 4, CHLOE), ("2015_04.js", 5, AYLIN)]
    # the original's own @pdevries is Chloé's mention, not the owner's; the owner's retweet of herself names nobody
    assert not [r for r in records if isinstance(r, Interaction) and r.account_ref == PIETER and r.line == 4]
    chloe = next(r for r in records if isinstance(r, Account) and r.account_ref == CHLOE)
    assert (chloe.handle, chloe.display_name) == ("chloemartindesign", "Chloé Martin")


def test_a_renamed_retweet_without_an_embedded_original_is_named_by_the_mention_after_rt():
    # T1 and later keep no retweeted_status; the mention at "RT @" (indices from "3", strings since T1) is the author
    tweet = {"tweet": {"full_text": "RT @old_name: Ski season is over", "created_at": "Mon Mar 09 21:10:00 +0000 2020",
                       "id_str": "1237000000000000001", "entities": {"user_mentions": [
                           {"name": "Lukas Hofer", "screen_name": "LukasHoferAlps", "indices": ["3", "12"],
                            "id_str": LUKAS1, "id": LUKAS1},
                           {"name": "Pieter de Vries", "screen_name": "pdevries", "indices": ["20", "29"],
                            "id_str": PIETER, "id": PIETER}]}}}
    rows, _ = tweet_records(tweet, "data/tweet.js", 1, OWNER, Harvest())
    assert [(r["account_ref"], r["kind"]) for r in rows if "kind" in r] == [(LUKAS1, "retweet")]


def test_direct_messages_directions_threads_and_reactions():
    records = parse(Export(fixture("twitter", "2022")))
    dms = [(r.line, r.account_ref, r.kind, r.direction, r.occurred_at, r.thread_ref) for r in records
           if isinstance(r, Interaction) and r.member == "data/direct-messages.js"]
    jonas, chloe = f"{OWNER}-{JONAS}", f"{CHLOE}-{OWNER}"
    assert dms == [
        (1, JONAS, "message", "out", datetime(2022, 9, 25, 17, 40, 2, 220000), jonas),
        (2, JONAS, "message", "in", datetime(2022, 9, 25, 17, 35, 10, 105000), jonas),
        (3, JONAS, "reaction", "out", datetime(2022, 9, 25, 17, 39), jonas),
        (4, JONAS, "message", "in", datetime(2022, 9, 26, 8, 0), jonas),  # the second entry of a split conversation
        (7, CHLOE, "message", "out", datetime(2022, 10, 12, 7, 0), chloe),
    ]
    assert not any(r.is_group for r in records if isinstance(r, Interaction) and r.member == "data/direct-messages.js")


def test_group_messages_go_to_the_members_of_the_moment():
    records = parse(Export(fixture("twitter", "2022")))
    group = sorted([(r.line, r.account_ref, r.kind, r.direction) for r in records  # the lines, in order
                    if isinstance(r, Interaction) and r.member == "data/direct-messages-group.js"], key=lambda r: r[0])
    assert group == [
        (1, LUKAS1, "message", "out"), (1, INES, "message", "out"),  # after Zoë left
        (2, ZOE, "group_leave", "in"),
        (3, LUKAS1, "message", "out"), (3, ZOE, "message", "out"), (3, INES, "message", "out"),
        (4, ZOE, "message", "in"),
        (5, INES, "group_join", "out"),  # the owner added Ines
        (7, LUKAS1, "group_join", "in"),  # Lukas started the group with the owner in it
    ]  # line 6, the group's new name, names nobody
    assert all(r.is_group and r.thread_ref == "1480000000000000000" for r in records
               if isinstance(r, Interaction) and r.member == "data/direct-messages-group.js")


def test_tweet_times_are_utc_whatever_the_offset():
    reply = next(r for r in parse(Export(fixture("twitter", "2022"))) if isinstance(r, Interaction)
                 and r.account_ref == CHLOE and r.kind == "reply")
    assert reply.occurred_at == datetime(2022, 10, 12, 6, 30)  # "Wed Oct 12 08:30:00 +0200 2022"


@pytest.mark.parametrize("text, expected", [
    ("Sat Aug 12 16:10:37 +0000 2023", datetime(2023, 8, 12, 16, 10, 37)),
    ("Wed Oct 10 20:19:24 -0130 2018", datetime(2018, 10, 10, 21, 49, 24)),
    ("2013-05-02 18:11:05 +0000", datetime(2013, 5, 2, 18, 11, 5)),
    ("Fri Jan 10 10:00:00 +0000 1997", "created_at: a year before 2006 (a known export bug)"),
    ("02/05/2013 10:00", "created_at: date in no known format"),
    ("", "created_at: missing"),
])
def test_tweet_time_formats(text, expected):
    if isinstance(expected, datetime):
        assert parse_tweet_time(text) == expected
    else:
        with pytest.raises(ValueError, match=expected.replace("(", r"\(").replace(")", r"\)")):
            parse_tweet_time(text)


def test_a_damaged_conversation_is_quarantined_and_the_next_one_read():
    records = parse(Export(fixture("twitter", "2024-parts")))
    part1 = [(r.line, r.account_ref) for r in records
             if isinstance(r, Interaction) and r.member == "data/direct-messages-part1.js"]
    assert part1 == [(1, AYLIN), (4, STRANGER)]


def test_owner_is_inferred_from_conversation_ids_when_alone(tmp_path):
    lone = shutil.copy(fixture("twitter", "2022", "data", "direct-messages.js"), tmp_path / "direct-messages.js")
    records = parse(Export(Path(lone)))
    assert kinds(records) == {("message", "out"): 2, ("message", "in"): 2, ("reaction", "out"): 1}
    assert not [r for r in records if isinstance(r, Account) and r.is_owner]


def test_tweets_without_a_known_owner_are_quarantined_not_guessed(tmp_path):
    (tmp_path / "data").mkdir()  # a later zip of a split delivery: tweets, no account.js, no manifest
    shutil.copy(fixture("twitter", "2022", "data", "tweets.js"), tmp_path / "data" / "tweets.js")
    reasons = {q.line: q.reason for q in parse(Export(tmp_path)) if isinstance(q, Quarantined)}
    unknown = "tweet: the owner's account id is unknown (no account.js or manifest.js in this export)"
    assert reasons == {1: unknown, 2: unknown, 3: unknown, 4: unknown, 5: unknown,
                       6: "in_reply_to_user_id: -1, not an account"}
    shutil.copy(fixture("twitter", "2022", "data", "direct-messages.js"), tmp_path / "data" / "direct-messages.js")
    records = parse(Export(tmp_path))  # the conversation ids name the owner
    assert kinds(records)[("mention", "out")] == 4
    assert [q.line for q in records if isinstance(q, Quarantined) and q.member == "data/tweets.js"] == [5, 6]


def test_a_second_owner_id_is_refused(tmp_path):
    shutil.copytree(fixture("twitter", "2024-parts"), tmp_path / "x")
    account = fixture("twitter", "2022", "data", "account.js").read_text().replace(OWNER, "1999999999")
    (tmp_path / "x" / "data" / "account.js").write_text(account)
    records = parse(Export(tmp_path / "x"))
    assert {r.account_ref for r in records if isinstance(r, Account) and r.is_owner} == {"1999999999"}
    assert [(q.member, q.reason) for q in records if isinstance(q, Quarantined) and q.line == 1] == [
        ("data/manifest.js", "userInfo.accountId: differs from the owner's id read before")]


def test_a_data_file_without_its_assignment_is_quarantined_whole(tmp_path):
    (tmp_path / "data").mkdir()
    shutil.copy(fixture("twitter", "2022", "data", "account.js"), tmp_path / "data" / "account.js")
    (tmp_path / "data" / "tweets.js").write_text('[ { "tweet" : { "full_text" : "hi" } } ]')
    records = parse(Export(tmp_path))
    assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        ("data/tweets.js", 0, "file: no window.YTD assignment at the start (not an archive data file?)")]
    note = next(n for n in records if isinstance(n, MemberNote) and n.member == "data/tweets.js")
    assert (note.handling, note.records_read) == ("parsed", 1)


def test_an_archive_with_no_readable_file_is_an_unknown_layout(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ageinfo.js").write_text('window.YTD.ageinfo.part0 = [ ]')
    (tmp_path / "data" / "dm-events.js").write_text('window.YTD.dm_events.part0 = [ { "dmEvent" : { } } ]')
    assert twitter.detect(Export(tmp_path))
    with pytest.raises(UnknownLayoutError, match="found: ageinfo.js, dm-events.js"):
        list(twitter.parse(Export(tmp_path)))


def test_parsing_is_deterministic():
    first, second = (parse(Export(fixture("twitter", "2022"))) for _ in range(2))
    assert first == second


@pytest.mark.parametrize("text, items", [
    # T2 and later: cut element by element, even when a wrapper key repeats in a nested object
    (b'window.YTD.x.part0 = [ {"dmConversation" : {"a": {"dmConversation" : 1}}}, {"dmConversation" : 2} ];',
     [{"dmConversation": {"a": {"dmConversation": 1}}}, {"dmConversation": 2}]),
    # a string holding the key is not an element
    (b'window.YTD.x.part1 = [ {"dmConversation" : "{\\"dmConversation\\" : 1}"} ]',
     [{"dmConversation": '{"dmConversation" : 1}'}]),
    # T1: bare objects, parsed whole
    (b'window.YTD.x.part0 = [ {"id" : "1"}, {"id" : "2"} ]', [{"id": "1"}, {"id": "2"}]),
    # a damaged element alone is lost
    (b'window.YTD.x.part0 = [ {"dmConversation" : {"a" 1}}, {"dmConversation" : 3} ]',
     [Unparsable('{"dmConversation" : {"a" 1}}'), {"dmConversation": 3}]),
])
def test_reading_the_top_level_array(text, items):
    assert list(iter_items(text, "dmConversation")) == items


def test_counts_reconcile_through_the_loader(tmp_path):
    export = zip_folder(fixture("twitter", "2024-parts"), tmp_path / "twitter-2024-05-02-5f3a9c-part1.zip")
    parsed = parse_export(Found(export, tmp_path, "twitter"), "marta", tmp_path / "batches")
    with connect(tmp_path / "unsocial.duckdb") as con:
        load_batches(con, "marta", [parsed])
        counts = con.execute("select records_read, records_loaded, records_quarantined "
                             "from ingested_exports").fetchall()
    assert counts == [(14, 12, 2)]  # read = loaded + quarantined
    assert parsed.unknown_members == []  # data/note-tweet.js is read: a long post naming nobody


def test_the_zips_of_a_split_delivery_are_read_as_one_archive(tmp_path):
    inbox, folder = tmp_path / "marta", fixture("twitter", "2024-parts")
    inbox.mkdir()
    parts = {"part1": ["manifest.js", "tweets.js", "follower.js", "direct-messages.js"],
             "part2": ["tweets-part1.js", "direct-messages-part1.js", "note-tweet.js", "grok-chat-item.js"]}
    for part, names in parts.items():
        (tmp_path / part / "data").mkdir(parents=True)
        for name in names:
            shutil.copy(folder / "data" / name, tmp_path / part / "data" / name)
        zip_folder(tmp_path / part, inbox / f"twitter-2024-05-02-5f3a9c-{part}.zip")
    [found] = discover_exports(inbox).found
    assert [p.name for p in found.parts] == ["twitter-2024-05-02-5f3a9c-part1.zip",
                                             "twitter-2024-05-02-5f3a9c-part2.zip"]
    assert parse(found.export) == parse(Export(folder))  # the owner from part 1 applies to the DMs of part 2


def test_run_summary_counts_accounts_that_stay_nameless(unsocial, tmp_path):
    from conftest import AS_OF

    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    zip_folder(FIXTURES / "twitter" / "2022", inbox / "twitter-2022-11-20-5f3a9c.zip")
    result = unsocial("run", inbox, "--db", tmp_path / "u.duckdb", "--reports", tmp_path / "r", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert "3 accounts without a name (kept; x.com/i/user/<account_ref> shows who)" in " ".join(result.out.split())


# Made for each run of `unsocial ingest`: another source's parser costs start-up time (icalendar and
# vobject alone a few hundredths of a second) and is no use for a Twitter archive.
OTHER_PARSERS = ("icalendar", "recurring_ical_events", "vobject", "ingest.sources.calendar.parsing",
                 "ingest.sources.facebook.parsing")
IMPORTED = """
import sys
from ingest.cli import main
sys.argv = ["unsocial", "ingest", sys.argv[1], "--db", sys.argv[2]]
try:
    main()
finally:
    print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in ("icalendar", "vobject",
          "recurring_ical_events") or name.startswith("ingest.sources."))))
"""


def test_ingesting_a_twitter_archive_imports_no_other_sources_parser(tmp_path):
    import ingest

    archive = zip_folder(fixture("twitter", "2022"), tmp_path / "twitter-2022-5f3a9c.zip")
    env = {**os.environ, "PYTHONPATH": str(Path(ingest.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", IMPORTED, str(archive), str(tmp_path / "db.duckdb")], env=env,
                          capture_output=True, text=True, check=True)
    imported = set(done.stdout.split("\n")[-2].split())
    assert "ingest.sources.twitter.messages" in imported and not imported & set(OTHER_PARSERS)


def _conversation(other: str, first_id: int, n: int, odd: dict | None = None, welcome: bool = False) -> dict:
    """A one-to-one conversation of ``n`` messages, alternating in and out, one reaction on the first;
    ``odd`` replaces fields of its middle message; with ``welcome``, the last is the other's welcome message."""
    messages = []
    for i in range(n):
        mine = i % 2 == 1
        create = {"id": str(first_id + i), "senderId": OWNER if mine else other,
                  "recipientId": other if mine else OWNER, "createdAt": f"2021-03-0{1 + i % 9}T10:00:0{i % 10}.000Z",
                  "text": "…", "urls": [], "mediaUrls": [], "editHistory": []}
        if i == 0:
            create["reactions"] = [{"senderId": OWNER, "reactionKey": "like", "createdAt": "2021-03-01T11:00:00.000Z"}]
        if odd and i == n // 2:
            create.update(odd)
        messages.append({"messageCreate": create})
    if welcome:
        messages[-1] = {"welcomeMessageCreate": {**messages[-2]["messageCreate"], "id": str(first_id + n)}}
    return {"dmConversation": {"conversationId": f"{other}-{OWNER}", "messages": messages}}


@pytest.mark.parametrize("keep_text", [False, True])
def test_decoded_conversations_give_the_rows_of_plain_json(monkeypatch, keep_text):
    """Long one-to-one conversations are decoded into a few fields (``decoded.py``), one with a business's
    welcome message too; one with a message of another form (a time with an offset, an id read before, no
    sender) is read from plain JSON."""
    import json
    from ingest.sources.twitter import messages

    conversations = [_conversation("111", 1000, 40), _conversation("666", 6000, 30, welcome=True),
                     _conversation("222", 2000, 30, {"createdAt": "2021-03-01T10:00:00+01:00"}),
                     _conversation("333", 3000, 30, {"id": "1005"}), _conversation("444", 4000, 30, {"senderId": None}),
                     _conversation("555", 5000, 3), {"dmConversation": {"conversationId": "1-2", "messages": "x" * 5000}}]
    fast = []
    read = messages._fast_direct
    monkeypatch.setattr(messages, "_fast_direct", lambda c, dm: fast.append(read(c, dm)) or fast[-1])
    data = ("window.YTD.direct_messages.part0 = " + json.dumps(conversations, indent=2)).encode()

    def rows(decoded_bytes: int) -> list:
        monkeypatch.setattr(messages, "DECODED_BYTES", decoded_bytes)
        dm = messages.DmFile("data/direct-messages.js", OWNER, Harvest(), set(), False, keep_text)
        out = []
        for record in messages.parse_messages(data, dm):
            out += [("columns", r) for r in record.rows(range(len(record)))] if isinstance(record, Columns) else [record]
        return out

    decoded, plain = rows(4096), rows(1 << 40)
    assert decoded == plain
    assert fast == [True, True, False, False, False]  # the others from plain JSON; the short one is never decoded
    welcomed = [row for _, row in (r for r in plain if isinstance(r, tuple))
                if row.get("account_ref") == "666" and row.get("kind") == "message"]
    assert Counter(row["direction"] for row in welcomed) == {"in": 16, "out": 14}  # the welcome is 666's
    assert sum(1 for r in plain if isinstance(r, Quarantined)) == 3  # the repeated id, no sender, no messages list
