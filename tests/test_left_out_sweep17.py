"""Sweep 17 (issue 13): what is not read is told with the right reason, and with advice that fits it.

* Instagram's files put into a Facebook folder (jszoke1/DataEMAT24: liked_posts.json, top key ``likes_media_likes``,
  beside your_friends.json) were left out as "no other person: the owner's own activity, settings or ads". They are
  named Instagram's, by their top-level key (or folder); followers and following hold people, so they are unknown.
* Every file left out got "nothing to do: it holds no other person …", X's block.js and mute.js too, which name the
  accounts the owner blocked or muted. Those reasons ("not relationships") get advice of their own.

The fixture ``single-friends-json-2024-instagram`` holds invented people in the real shapes.
"""

from __future__ import annotations

import pytest

from conftest import export_counts, fixture, ingest_as_marta, query
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from ingest.reports.not_read import not_read_rows
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.layout import INSTAGRAM_NOTE, OWN_ACTIVITY_NOTE, instagram_note
from ingest.sources.facebook.scan import scan
from ingest.sources.twitter.layout import IGNORED as TWITTER_IGNORED
from ingest.store.database import connect

OWNER = "marta"
VINTAGE = "single-friends-json-2024-instagram"
LEFT_OUT = ["liked_comments.json", "liked_posts.json", "personal_information.json", "saved_posts.json"]
WITH_PEOPLE = ["followers_1.json", "following.json"]
INSTAGRAM_ADVICE = "nothing to do: Instagram is not read by this version yet, so the accounts in this file are not " \
                   "counted"
BLOCKED_ADVICE = "nothing to do: accounts you blocked or muted are not relationships, so they are left out"


def test_instagram_files_beside_a_facebook_export_are_named_instagrams(as_):
    export = as_(VINTAGE)
    assert detect_source(export) is facebook
    layout = scan(export)
    assert layout.members("list") == ["your_friends.json"]
    assert {m: layout.notes[m] for m in LEFT_OUT} == {m: ("ignored", INSTAGRAM_NOTE) for m in LEFT_OUT}
    assert {m: layout.notes[m] for m in WITH_PEOPLE} == {m: ("unknown", INSTAGRAM_NOTE) for m in WITH_PEOPLE}


@pytest.mark.parametrize("head, folders, expected", [
    (b'{\n  "likes_media_likes": [', [], ("ignored", INSTAGRAM_NOTE)),
    (b'{"relationships_followers": [{"title": ""', [], ("unknown", INSTAGRAM_NOTE)),
    (b'', ["your_instagram_activity", "likes"], ("unknown", INSTAGRAM_NOTE)),
    # Facebook's own files, and a bare list of another make, are not Instagram's
    (b'{\n  "likes_media_likes_v2": [', [], None),
    (b'{"saved_items_v2": [{"timestamp": 1}]}', [], None),
    (b'[{"string_list_data": [{"href": "https://www.facebook.com/x"}]}]', [], None),
])
def test_an_instagram_file_is_known_by_its_top_key_or_folder(head, folders, expected):
    assert instagram_note(head, folders) == expected


def test_a_file_of_no_known_name_that_is_not_instagrams_keeps_its_note(tmp_path):
    (tmp_path / "your_friends.json").write_text('{"friends_v2": [{"name": "Ilse Brandt", "timestamp": 1700000000}]}')
    (tmp_path / "your_saved_items.json").write_text('{"saves_v2": [{"timestamp": 1700000000, "title": "x"}]}')
    assert scan(Export(tmp_path)).notes["your_saved_items.json"] == OWN_ACTIVITY_NOTE


def test_the_instagram_files_reach_not_read_with_their_advice(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("facebook", VINTAGE))
    assert export_counts(db)[0][2] > 0  # the friends, read
    rows = query(db, "select handling, files, what_to_do, is_actionable from not_read "
                     f"where reason = '{INSTAGRAM_NOTE}' order by handling, member")
    unknown = ("unknown", 1, "nothing to send: " + INSTAGRAM_ADVICE.removeprefix("nothing to do: "), False)
    assert rows == [("ignored", 4, INSTAGRAM_ADVICE, False), unknown, unknown]


BLOCKED = [TWITTER_IGNORED[kind] for kind in ("block", "mute", "smartblock", "directmessagemute", "fleetmute")]


def test_blocked_and_muted_accounts_are_told_they_are_no_relationships(tmp_path):
    with connect(tmp_path / "u.duckdb") as con:
        for i, reason in enumerate([*BLOCKED, "tweet ids only"]):
            con.execute("insert into ingested_exports values (?, ?, 'x', 'twitter', 1, 1, 0, false)", [OWNER, f"e{i}"])
            con.execute("insert into raw_members (owner_id, export_id, export_path, member, handling, note) "
                        "values (?, 'x', ?, 'data/m.js', 'ignored', ?)", [OWNER, f"e{i}", reason])
        advice = {r.source_file: (r.what_to_do, r.is_actionable) for r in not_read_rows(con, OWNER)}
    assert [advice[f"e{i}"] for i in range(len(BLOCKED))] == [(BLOCKED_ADVICE, False)] * len(BLOCKED)
    assert advice[f"e{len(BLOCKED)}"][0].startswith("nothing to do: it holds no other person")
