"""Files of real X archives of 2022-2026 that name other people and were reported unknown, or left out with a
reason that was not true ("the owner's own settings or activity, no other person"): each is now left out with
what it holds and why it is not read, and a file that names people in a shape no sample shows stays unknown,
with what X's own README says it holds (issue 13)."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import fixture
from ingest.models import Account, Interaction, MemberNote
from ingest.sources import twitter
from ingest.sources.archive import Export
from ingest.sources.twitter import layout
from test_twitter import rows, stored
from test_twitter_shapes import read  # noqa: F401 (the fixture: each vintage as folder and as zip)

OWNER = "1204857362"
OSKAR = "2950117734"
LISTS = "2026-lists-and-hollow"
DELETED_2022 = "2022-deleted-tweet"


def notes(records: list) -> dict[str, tuple[str, str]]:
    return {n.member: (n.handling, n.note) for n in records if isinstance(n, MemberNote)}


def test_lists_others_made_are_left_out_with_what_they_hold_not_as_the_owners_own(read):
    """lists-member.js and lists-subscribed.js name each list's maker by screen name inside a URL: no id, no date."""
    found = notes(read(LISTS))
    assert found["data/lists-member.js"] == ("ignored", layout.IGNORED["listsmember"])
    assert found["data/lists-subscribed.js"] == ("ignored", layout.IGNORED["listssubscribed"])
    assert "maker's screen name" in found["data/lists-subscribed.js"][1]
    assert "no other person" not in found["data/lists-subscribed.js"][1]


def test_the_archive_with_lists_is_read_whole_and_nothing_is_unknown(read):
    records = read(LISTS)
    assert [n.member for n in records if isinstance(n, MemberNote) and n.handling == "unknown"] == []
    assert [(r.account_ref, r.kind, r.direction) for r in records if isinstance(r, Interaction)] == [
        (OSKAR, "reply", "out")]
    # the list makers (oskarberglund, fjellklubben, idaholm) become no account of their own: a URL names no id
    assert {r.account_ref for r in records if isinstance(r, Account)} == {OWNER, OSKAR}


def test_a_file_of_empty_entries_is_left_out_as_empty_not_as_the_owners_own(read):
    """verified-organization.js of 2025-2026 is ``[{"verifiedOrganization" : { }}]``: nobody in it."""
    found = notes(read(LISTS))
    assert found["data/verified-organization.js"] == ("ignored", "holds only empty entries: nothing to read")
    assert found["data/spaces-metadata.js"] == ("ignored", "holds no entries: nothing to read")


def test_deleted_tweets_of_2022_are_left_out_with_their_reason_not_unknown(read):
    """deleted-tweet.js (window.YTD.deleted_tweet, 2022) has no entities: people only as @names in the text."""
    records = read(DELETED_2022)
    assert notes(records)["data/deleted-tweet.js"] == ("ignored", layout.IGNORED["deletedtweet"])
    assert not [r for r in records if isinstance(r, Interaction)]


@pytest.mark.parametrize("member,said", [
    ("data/spaces-metadata.js", "Spaces the owner created or spoke in"),
    ("data/audio-video-calls-in-dm.js", "calls the owner started"),
    ("data/audio-video-calls-in-dm-recipient-sessions.js", "calls the owner received"),
    ("data/deleted-note-tweet.js", "deleted long posts"),
    ("data/verified-organization.js", "verified organization"),
])
def test_a_file_naming_people_in_a_shape_no_sample_shows_stays_unknown_saying_what_it_holds(member, said):
    kind = layout.squash(member.removeprefix("data/").removesuffix(".js"))
    note = layout.note_of(member, kind)
    assert note.handling == "unknown"
    assert said in note.note and note.note.endswith("no sample of its entries is known: not read")


def test_a_verified_organization_with_something_in_it_is_unknown_not_empty(tmp_path):
    """Only entries that are empty objects are nothing; any content is reported, never guessed."""
    folder = tmp_path / "archive"
    shutil.copytree(fixture("twitter", LISTS), folder)
    (folder / "data" / "verified-organization.js").write_text(
        'window.YTD.verified_organization.part0 = [\n  {\n    "verifiedOrganization" : {\n'
        '      "affiliates" : [ "…" ]\n    }\n  }\n]', encoding="utf-8")
    records = rows(stored(twitter.parse(Export(folder))))
    assert notes(records)["data/verified-organization.js"] == ("unknown", layout.UNREAD["verifiedorganization"])


@pytest.mark.parametrize("member,reason", [
    ("data/smartblock.js", "accounts X blocked for the owner in Safety mode: not relationships"),
    ("data/direct-message-mute.js", "accounts whose messages the owner muted: not relationships"),
])
def test_blocks_and_mutes_by_x_or_of_messages_are_left_out_as_not_relationships(member, reason):
    kind = layout.squash(member.removeprefix("data/").removesuffix(".js"))
    assert (layout.note_of(member, kind).handling, layout.note_of(member, kind).note) == ("ignored", reason)


def test_ingest_reports_no_unknown_file_and_counts_reconcile(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    for vintage in (LISTS, DELETED_2022):
        result = unsocial("ingest", fixture("twitter", vintage), "--db", db, "--owner", "marta")
        assert result.code == 0, result.err
        assert "unknown file" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        counts = con.execute("select export_path, records_read, records_loaded, records_quarantined "
                             "from ingested_exports order by export_path").fetchall()
    assert [(read, loaded, quarantined) for _, read, loaded, quarantined in counts] == [(2, 2, 0), (3, 3, 0)]
