"""Sweep 18b: losses found in real published Facebook exports, each on an invented miniature of its shape.

* Messages of one HTML thread file with the same sender, second and text were read as repeats of "another file"
  (jdecpn-shru-error1 29.02.2024 message_1.html: one emoji sent four times in a second; two stickers of one second;
  lemuelblen messages/inbox/*/message_1.html: three videos of one second). A repeat is a message of another file of
  the thread (inbox/ and archived_threads/, message_2.html), and the files a message shows tell it apart.
* Marketplace's "Listings similar to '<item>'" (jdecpn-shru-error1, 2024 HTML) was the owner's message: a notice.
* The owner's own name at the head of people_and_friends.html (xing215/xing215.github.io, Vietnamese HTML of 2021,
  no profile, no thread) was a contact: it is the owner.
"""

from __future__ import annotations

import json

import pytest

from conftest import assert_nothing_lost, fixture
from test_facebook_2024_shapes import interactions, note_of
from test_facebook_group_timeline import forms
from test_facebook_shapes import parse
from ingest.models import Account, Quarantined
from ingest.sources.archive import Export
from ingest.sources.facebook.notices import notice_kind

MARKET = fixture("facebook", "f5-2024-html-en-marketplace")
OWN_ENTRY = fixture("facebook", "f4-2021-html-vi-own-entry")
OWNER = "Hanne Solberg"
MESSAGES = "your_activity_across_facebook/messages/"
MIRA = MESSAGES + "inbox/mirakallio_7401122334455667/message_1.html"
DESK = MESSAGES + "inbox/oakwritingdesk_7409988776655443/message_1.html"
TOMAS = MESSAGES + "inbox/tomasnovak_7403344556677889/message_1.html"
TOMAS_ARCHIVED = MESSAGES + "archived_threads/tomasnovak_7403344556677889/message_1.html"
PEOPLE = "activity_messages/people_and_friends.html"
REPEAT = "repeats of a message read from another file (account only)"


def accounts(records, member: str, owner: bool = False) -> list[str]:
    return [a.account_ref for a in records if isinstance(a, Account) and a.member == member and a.is_owner == owner]


def test_messages_of_one_second_in_one_file_are_each_a_message(tmp_path):
    for export in forms(MARKET, tmp_path):
        records = parse(export)
        # three videos, two stickers and a laugh sent three times, each of them in one second
        directions = ["in", "in", "in", "out", "out", "in", "in", "in", "out"]
        assert interactions(records, MIRA) == [(line, "Mira Kallio", "message", direction)
                                               for line, direction in enumerate(directions, 1)]
        assert REPEAT not in note_of(records, MIRA)
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert_nothing_lost(records)


def test_a_thread_in_inbox_and_archive_still_counts_its_message_once():
    records = parse(Export(MARKET))
    assert interactions(records, TOMAS_ARCHIVED) == [(1, "Tomás Novak", "message", "in")]
    assert interactions(records, TOMAS) == [(1, "Tomás Novak", "message", "out")]
    assert note_of(records, TOMAS) == f"Messenger thread (HTML); {REPEAT}: 1"
    assert "Tomás Novak" in accounts(records, TOMAS)


def test_a_json_thread_in_two_folders_keeps_the_same_second_twice_in_one_file(tmp_path):
    """The rule of HTML is JSON's: a repeat only of the other folder's file (two photos of one millisecond, no text,
    are two messages)."""
    thread = {"participants": [{"name": "Ida Berg"}, {"name": OWNER}], "title": "Ida Berg",
              "thread_path": "inbox/idaberg_abc123",
              "messages": [{"sender_name": "Ida Berg", "timestamp_ms": 1708000000000, "photos": [{"uri": "a.jpg"}]},
                           {"sender_name": "Ida Berg", "timestamp_ms": 1708000000000, "photos": [{"uri": "b.jpg"}]},
                           {"sender_name": OWNER, "timestamp_ms": 1707990000000, "content": "Photos?"}]}
    archived = dict(thread, messages=thread["messages"][2:])
    for folder, data in (("inbox", thread), ("archived_threads", archived)):
        path = tmp_path / "messages" / folder / "idaberg_abc123" / "message_1.json"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(data), encoding="utf-8")
    records = parse(Export(tmp_path))
    inbox = "messages/inbox/idaberg_abc123/message_1.json"
    assert interactions(records, "messages/archived_threads/idaberg_abc123/message_1.json") == [
        (1, "Ida Berg", "message", "out")]
    assert interactions(records, inbox) == [(1, "Ida Berg", "message", "in"), (2, "Ida Berg", "message", "in")]
    assert note_of(records, inbox) == f"Messenger thread; {REPEAT}: 1"


def test_listings_similar_is_marketplaces_notice_not_the_owners_message(tmp_path):
    for export in forms(MARKET, tmp_path):
        records = parse(export)
        assert interactions(records, DESK) == [(2, "Jonas Weber", "message", "in"),
                                               (3, "Jonas Weber", "message", "out")]
        assert note_of(records, DESK) == \
            "Messenger thread (HTML); group and chat notices, not messages (account only): 2"
        assert OWNER in accounts(records, DESK, owner=True)


@pytest.mark.parametrize("text, kind", [
    ("Listings similar to 'Oak writing desk'", "notice"),
    ("Listings similar to \u2018Oak writing desk\u2019", "notice"),
    ("Listings similar to yours are cheaper", None),  # a person's sentence
    ("I saw listings similar to 'Oak writing desk'", None),
])
def test_listings_similar_sentence(text, kind):
    assert notice_kind({"content": text}, OWNER) == kind


def test_the_owners_own_name_in_a_people_list_is_the_owner(tmp_path):
    for export in forms(OWN_ENTRY, tmp_path):
        records = parse(export)
        assert accounts(records, PEOPLE, owner=True) == ["Nguyễn Ngọc Anh"]
        assert accounts(records, PEOPLE) == ["Trần Minh Khoa", "Lê Thu Hà"]
        contacts = {a.account_ref for a in records if isinstance(a, Account) and not a.is_owner}
        assert "Nguyễn Ngọc Anh" not in contacts
        assert note_of(records, PEOPLE) == ("people interacted with lately (HTML); the owner's own name (read as the "
                                            "owner, no contact): 1")
        assert_nothing_lost(records)
