"""Sweep 20: Messenger threads whose owner was not told, and Instagram's threads read as Facebook's.

* A group chat in five parts (Tran-Phillip/My-degenerate-friends, 2022): the owner's own notices ("You added … to the
  group.", type Subscribe) only in message_2 to message_5, and only message_1 looked at: its 46,528 messages of 8
  people were refused "cannot tell the owner's messages apart". Every part is now looked at when the first do not tell.
* "<member> added you to the group." (Subscribe, its ``users`` naming the one person added: tmitcheson/
  Groupchat_to_playlist, a group of 8 alone, 312 messages refused): that person is the owner.
* A 2024 group chat of 14 alone (Hafsi07/FCB_MSGS_PARSER data/message_1.json): no type, no "You …" notice, but 50
  "<nickname> reacted 😆 to your message" notices, each at the second of its sender's reaction on a message of one
  and the same participant, the owner. Taken only when they all agree, and said in the file's note.
* Instagram's DM threads have Messenger's keys (Prinsx-py, GitAtlet, susha091224-sys, NathanQSilva, Shahriar-Sohan:
  a message_1.json each): their people were made Facebook accounts. Their media under your_instagram_activity/ tell.
* Vietnamese notices naming the other person "Một người liên hệ" (vn-quant/my-data, 2020-2022) were messages.

Every fixture holds invented people in the real file's shape.
"""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, export_counts, fixture, ingest_as_marta, query
from test_facebook_2024_shapes import interactions, note_of
from test_facebook_group_timeline import forms
from test_facebook_shapes import parse
from ingest.errors import UnknownLayoutError
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.layout import INSTAGRAM_NOTE, instagram_thread
from ingest.sources.facebook.notices import added_you, notice_kind
from ingest.sources.facebook.thread_people import REACTED_NOTE, ThreadPeople, infer_owner

IN_PARTS = fixture("facebook", "f5-2022-group-in-parts")
GROUP = "messages/inbox/thebakeoffcrew_Qx7Lm2PaVw/"
ADDED_YOU = fixture("facebook", "single-group-thread-2022-added-you")
REACTED = fixture("facebook", "single-group-thread-2024-reacted")
AMONG = fixture("facebook", "f6-2025-instagram-thread-among")
INSTAGRAM_THREAD = "your_facebook_activity/messages/inbox/mayak_1784600000000/message_1.json"
VIETNAMESE = fixture("facebook", "f5-2021-vi-contact-notices")
VI_THREAD = "messages/inbox/nguyenthilan_805500000000001/message_1.json"
THREAD = "message_1.json"


def owners(records) -> set[str]:
    return {r.account_ref for r in records if isinstance(r, Account) and r.is_owner}


def people(records) -> set[str]:
    return {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner}


def test_the_owners_notice_in_a_later_part_of_a_group_chat_tells_the_owner(tmp_path):
    for export in forms(IN_PARTS, tmp_path):
        records = parse(export)
        assert_nothing_lost(records)
        assert owners(records) == {"Chloé Martin"}
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert sorted(interactions(records, GROUP + "message_2.json")) == [
            (1, "Dmitri Volkov", "message", "out"), (1, "Ruth Okafor", "message", "out"),
            (1, "Samir Haddad", "message", "out"), (3, "Dmitri Volkov", "message", "in"),
            (4, "Ruth Okafor", "message", "in")]


def test_another_members_added_you_notice_names_the_owner_in_users(tmp_path):
    for export in forms(ADDED_YOU, tmp_path):
        records = parse(export)
        assert_nothing_lost(records)
        assert owners(records) == {"Ines Walter"}
        assert "Ines Walter" not in {r[1] for r in interactions(records, THREAD)}
        assert (3, "Tomás Rivera", "message", "out") in interactions(records, THREAD)
        assert note_of(records, THREAD) == "Messenger thread; group and chat notices, not messages (account only): 3"


@pytest.mark.parametrize("message, owner", [
    ({"type": "Subscribe", "content": "Tomás Rivera added you to the group.", "users": [{"name": "Ines Walter"}]},
     "Ines Walter"),
    ({"content": "Tomi added you to the group.", "users": [{"name": "Ines Walter"}]}, "Ines Walter"),  # a nickname
    ({"type": "Generic", "content": "Tomás added you to the group.", "users": [{"name": "Ines Walter"}]}, None),
    ({"type": "Subscribe", "content": "Tomás Rivera added you to the group."}, None),  # no users: no one named
    ({"type": "Subscribe", "content": "Tomás Rivera added you to the group.",
      "users": [{"name": "Ines Walter"}, {"name": "Greta Lund"}]}, None),
    ({"type": "Subscribe", "content": "Tomás Rivera added Pavel Novák to the group.",
      "users": [{"name": "Pavel Novák"}]}, None),
])
def test_added_you_is_only_messengers_notice_naming_one_person(message, owner):
    assert added_you(message) == owner


def test_reaction_notices_that_all_point_at_one_persons_messages_tell_the_owner(tmp_path):
    for export in forms(REACTED, tmp_path):
        records = parse(export)
        assert_nothing_lost(records)
        assert owners(records) == {"Léa Fontaine"}
        rows = interactions(records, THREAD)
        assert (3, "Marco Bianchi", "message", "in") in rows and (5, "Marco Bianchi", "message", "out") in rows
        assert (5, "Marco Bianchi", "reaction", "in") in rows and (7, "Nadia Benali", "reaction", "out") in rows
        assert (6, "Yuki Tanaka", "message", "in") in rows  # "she reacted badly to your message": typed
        notes = [n.note for n in records if isinstance(n, MemberNote) and n.member == THREAD]
        assert REACTED_NOTE.format(count=2) in notes


def test_reaction_notices_that_disagree_tell_no_owner():
    thread = ThreadPeople(frozenset({"Léa Fontaine", "Marco Bianchi", "Yuki Tanaka"}), "Match nights")
    agree = [ThreadPeople(thread.people, thread.title, reacted_to=("Léa Fontaine", "Léa Fontaine"))]
    disagree = [ThreadPeople(thread.people, thread.title, reacted_to=("Léa Fontaine", "Yuki Tanaka"))]
    assert infer_owner(agree, set()).ref == "Léa Fontaine"
    assert infer_owner(disagree, set()).ref is None
    assert infer_owner([thread], set()).ref is None


def test_the_owner_found_by_reaction_notices_is_said_in_not_read(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, REACTED)
    assert export_counts(db) == [("facebook", 7, 7, 0)]
    [(handling, actionable)] = query(db, "select handling, is_actionable from not_read where reason like '%reacted%'")
    assert (handling, actionable) == ("parsed", False)


def test_an_instagram_thread_alone_is_no_facebook_export():
    alone = Export(AMONG / INSTAGRAM_THREAD)  # the file given alone, as the five repositories publish it
    assert detect_source(alone) is facebook  # by its keys, as Messenger's; its media tell
    with pytest.raises(UnknownLayoutError, match="Instagram's messages in Messenger's shape"):
        list(facebook.parse(alone))


def test_an_instagram_thread_among_facebook_threads_is_left_out_with_instagrams_note(tmp_path):
    for export in forms(AMONG, tmp_path):
        records = parse(export)
        assert_nothing_lost(records)
        assert owners(records) == {"Owen Price"} and people(records) == {"Hanna Vik", "Lukas Berg"}
        [note] = [n for n in records if isinstance(n, MemberNote) and n.member == INSTAGRAM_THREAD]
        assert (note.handling, note.note, note.records_read) == ("unknown", INSTAGRAM_NOTE, 0)


@pytest.mark.parametrize("head, instagram", [
    (b'{"participants": [], "messages": [{"photos": [{"uri": "your_instagram_activity/messages/inbox/a_1/p.jpg"', True),
    (b'{"messages": [{"share": {"link": "https://www.instagram.com/reel/x/"}}, {"videos": [{"uri": '
     b'"your_instagram_activity/messages/cross-app-inbox/a_1/v.mp4"', True),
    (b'{"messages": [{"photos": [{"uri": "your_facebook_activity/messages/inbox/a_1/photos/p.jpg"', False),
    (b'{"messages": [{"photos": [{"uri": "messages/inbox/a_1/photos/p.jpg"', False),
    (b'{"messages": [{"share": {"link": "https://www.instagram.com/reel/x/"}}]}', False),  # shared on Messenger
])
def test_an_instagram_thread_is_told_by_its_first_media_uri(head, instagram):
    assert instagram_thread(head) is instagram


@pytest.mark.parametrize("text, kind", [
    ("Một người liên hệ đã đặt biệt danh của bạn là Mèo con.", "notice"),
    ("Một người liên hệ đã đặt biệt danh của mình là Lan béo.", "notice"),
    ("Một người liên hệ đã đổi chủ đề thành Tình yêu.", "notice"),
    ("Một người liên hệ đã xóa biệt danh của họ.", "notice"),
    ("Bạn đã xóa biệt danh cho người tham gia.", "notice"),
    ("em đặt biệt danh cho anh là Gấu nhé", None),
])
def test_vietnamese_notices_naming_a_contact_are_no_messages(text, kind):
    assert notice_kind({"content": text.encode().decode("latin-1")}, "Nguyễn Thị Lan") == kind


def test_a_vietnamese_thread_of_contact_notices_keeps_only_the_messages(tmp_path):
    for export in forms(VIETNAMESE, tmp_path):
        records = parse(export)
        assert_nothing_lost(records)
        assert interactions(records, VI_THREAD) == [(6, "Nguyễn Thị Lan", "message", "in"),
                                                    (7, "Nguyễn Thị Lan", "message", "out")]
        assert note_of(records, VI_THREAD).endswith("group and chat notices, not messages (account only): 5")
