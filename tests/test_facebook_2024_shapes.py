"""Messenger threads of 2024–2026 DYI JSON exports, whose messages have no ``type`` (formats.md, Facebook).

Messenger's own notices — someone named the group, added or removed someone, left, set a nickname; "You are now
connected on Messenger"; "Reacted ❤ to your message" — come as plain ``content`` messages of their actor, as a
real export of 2025 counts them (nikbpetrov/timelinize docs/fork/facebook-inventory.md §E.3, §E.6). They were
counted as messages from and to people; now each is its sender's account only, counted in the file's note, and a
missed call told only by its text is a call.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture
from test_facebook_group_timeline import forms
from test_facebook_shapes import parse
from ingest.models import Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.notices import notice_kind

TYPELESS = fixture("facebook", "f6-2025-typeless-notices")
INBOX = "your_facebook_activity/messages/inbox/"
GROUP = INBOX + "segelclub_7198765432109876/message_1.json"
ONE = INBOX + "idafalk_7123456789012345/message_1.json"
OWNER = "Greta Lindholm"


def interactions(records, member: str) -> list[tuple]:
    return [(r.line, r.account_ref, r.kind, r.direction) for r in records
            if isinstance(r, Interaction) and r.member == member]


def note_of(records, member: str) -> str:
    return next(n.note for n in records if isinstance(n, MemberNote) and n.member == member)


def test_group_notices_are_no_messages(tmp_path):
    for export in forms(TYPELESS, tmp_path):
        assert detect_source(export) is facebook
        records = parse(export)
        assert interactions(records, GROUP) == [
            (3, "Emil Sauer", "message", "out"), (3, "Nora Quist", "message", "out"),
            (3, "Björn Aalto", "message", "out"),  # the owner's "Bis Samstag!"
            (7, "Nora Quist", "message", "in"),  # quotes a notice, but is Nora's own message
            (10, "Emil Sauer", "call", "in"),  # "Emil Sauer started a video chat."
            (11, "Emil Sauer", "message", "in"),  # "… sent an attachment." with its share: a message
            (12, "Nora Quist", "message", "in"), (12, "Nora Quist", "reaction", "out")]
        note = note_of(records, GROUP)
        assert "group and chat notices, not messages (account only): 5" in note
        assert "people leaving a group (account only): 1" in note
        assert "reaction notices written as messages (account only): 1" in note
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert_nothing_lost(records)


def test_the_owner_adding_people_is_no_message_to_the_group():
    records = parse(Export(TYPELESS))
    assert not [i for i in interactions(records, GROUP) if i[0] == 9]  # "Greta Lindholm added … to the group."


def test_connected_notices_are_no_messages_and_a_missed_call_text_is_a_call():
    records = parse(Export(TYPELESS))
    assert interactions(records, ONE) == [
        (1, "Ida Falk", "call", "in"),  # "You missed a call from Ida Falk.", no call_duration
        (2, "Ida Falk", "call", "out"),  # "Ida Falk missed your call." with call_duration and missed
        (3, "Ida Falk", "call", "in"),
        (4, "Ida Falk", "message", "in")]
    assert "group and chat notices, not messages (account only): 2" in note_of(records, ONE)
    assert_nothing_lost(records)


def test_counts_per_person_as_the_user_sees_them(unsocial, tmp_path):
    db = tmp_path / "fb.duckdb"
    result = unsocial("ingest", TYPELESS, "--db", db)
    assert result.code == 0, result.err
    assert "unknown file" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select account_ref, kind, direction, count(*) from raw_interactions "
                           "group by all order by all").fetchall()
        quarantined = con.execute("select count(*) from raw_quarantine").fetchone()[0]
    assert rows == [("Björn Aalto", "message", "out", 1), ("Emil Sauer", "call", "in", 1),
                    ("Emil Sauer", "message", "in", 1), ("Emil Sauer", "message", "out", 1),
                    ("Ida Falk", "call", "in", 2), ("Ida Falk", "call", "out", 1), ("Ida Falk", "message", "in", 1),
                    ("Nora Quist", "message", "in", 2), ("Nora Quist", "message", "out", 1),
                    ("Nora Quist", "reaction", "out", 1)]
    assert quarantined == 0


def test_the_same_notices_in_an_inbox_folder_of_2023(tmp_path):
    """your_activity_across_facebook/ (late 2023) and a group chat of your_group_messages/ read them alike."""
    folder = tmp_path / "facebook-greta"
    shutil.copytree(TYPELESS, folder)
    group = json.loads((folder / GROUP).read_text(encoding="utf-8"))
    target = folder / "your_activity_across_facebook/messages/inbox/segelclub_7198765432109876/message_1.json"
    target.parent.mkdir(parents=True)
    shutil.move(folder / GROUP, target)
    chat = folder / "your_facebook_activity/groups/your_group_messages/6120000000000077.json"
    chat.parent.mkdir(parents=True)
    chat.write_text(json.dumps({"thread_name": "Kajakgruppe", "messages": group["messages"][:2]}), encoding="utf-8")
    records = parse(Export(folder))
    member = target.relative_to(folder).as_posix()
    assert Counter(i[2] for i in interactions(records, member)) == Counter(message=6, call=1, reaction=1)
    chat_member = chat.relative_to(folder).as_posix()
    assert interactions(records, chat_member) == []
    assert "people leaving a group (account only): 1" in note_of(records, chat_member)
    assert_nothing_lost(records)


@pytest.mark.parametrize("content, extra, kind", [
    ("Emil Sauer named the group Segelclub.", {}, "notice"),
    ("You named the group Segelclub.", {}, "notice"),
    ("Emil Sauer left the group.", {}, "left"),
    ("Emil Sauer set the emoji to \u00f0\u009f\u0098\u0080.", {}, "notice"),
    ("Emil Sauer changed the theme to Ocean.", {}, "notice"),
    ("Emil Sauer pinned a message.", {}, "notice"),
    ("Reacted \u00e2\u009d\u00a4 to your message ", {}, "reaction_notice"),
    ("You are now connected on Messenger", {}, "notice"),
    ("Emil Sauer missed your call.", {}, "call"),
    ("Emil Sauer called you.", {"call_duration": 12}, None),  # a call already, by its duration
    ("Nora Quist left the group.", {}, None),  # names another actor than its sender: her words
    ("I left the group yesterday.", {}, None),
    ("Emil Sauer sent an attachment.", {"share": {"link": "https://example.org"}}, None),
    ("Kommst du zum Training?", {}, None),
    # English words that look like a notice but are a person's: no emoji reacted, nobody named as called
    ("she reacted badly to your message", {}, None),
    ("You called it.", {}, None)])
def test_what_is_a_notice(content, extra, kind):
    assert notice_kind({"content": content, **extra}, "Emil Sauer") == kind


def test_an_old_typed_export_is_read_as_before():
    """F3 (2020): "Unsubscribe" is a leaving, "Generic" messages stay messages."""
    records = parse(Export(fixture("facebook", "f3-2020")))
    member = "messages/inbox/lesekreis_ySI8aJ3XXA/message_1.json"
    assert "people leaving a group (account only): 1" in note_of(records, member)
    assert {i[2] for i in interactions(records, member)} == {"message", "reaction"}
    assert_nothing_lost(records)
