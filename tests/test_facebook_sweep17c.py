"""Sweep 17c (issue 13): Messenger files of real published exports that were lost or misread.

* Meta AI in a thread (thanhvanvu/call-log message_1.json: 5 of 675 messages from "Meta AI", no participant; draygen/
  jarvis messages/inbox/metaai_<digits>/): the one-to-one thread had three senders, so the owner of a one-thread
  export was not found and every message was refused; the bot was loaded as a person. It is no person now: left out
  of who is in a thread, its messages refused with a reason of their own.
* Whole threads saved under a name of the owner's choosing (SebastianKut/messenger-calls-temp piter.json, sally.json;
  gdemerges/social_network_data message_marine.json, message_1_utf8.json beside message_1.json): left out as "the
  owner's own activity", or not recognised alone. Known by their keys now; a copy of a thread is read once.
* messages/secret_conversations.json (draygen/jarvis): its calls, by display name, are calls with each participant.
* messages/autofill_information.json: its FULL_NAME names the owner when nothing else does.
* Spanish posts naming nobody (Lucasfdz/Destripado-Facebook your_posts_1.json, 202 titles: "recomienda", "ha añadido",
  "ha estado en", "ha transmitido en directo") were counted as titles not recognised.
* groups/your_admin_actions.json (Phyoe-ptt/nobel_mount, 2025): one record of 16 actions, 6 naming a person, was left
  out as "no other person"; each person is an account now.

Every fixture holds invented people in the real file's shape.
"""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, export_counts, fixture, ingest_as_marta, query
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, notes, parse, quarantined
from ingest.models import Account, Interaction
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.threads import COPY_NOTE
from ingest.sources.facebook.writer import ASSISTANT, ASSISTANT_ONLY

META_ONE = "single-thread-2024-meta-ai"
META_DIR = "f6-2025-messages-meta-ai"
RENAMED = "threads-renamed-2020"
AUTOFILL = "f6-2025-messages-autofill"
OWNER = "Marta Lindqvist"
CALLS = "messages/secret_conversations.json"
REVIEWS = "f4-2023-posts-es-reviews"
ADMIN = "f6-2025-group-admin-actions"
ADMIN_FILE = "this_profile's_activity_across_facebook/groups/your_admin_actions.json"


def names(records) -> set[str]:
    return {r.account_ref for r in records if isinstance(r, Account)}


def owners(records) -> set[str]:
    return {r.account_ref for r in records if isinstance(r, Account) and r.is_owner}


def test_a_one_thread_export_with_meta_ai_finds_its_owner_and_refuses_the_bots_messages(as_):
    records = parse(as_(META_ONE))
    assert_nothing_lost(records)
    assert owners(records) == {OWNER}
    assert "Meta AI" not in names(records)
    member = "message_1.json"
    assert quarantined(records) == {(member, 2): ASSISTANT, (member, 3): ASSISTANT}
    assert interactions(records, member) == [(1, "Henrik Dahl", "message", "in"), (4, "Henrik Dahl", "message", "out"),
                                             (5, "Henrik Dahl", "message", "in"), (5, "Henrik Dahl", "reaction", "out")]


def test_a_thread_with_meta_ai_alone_makes_no_account_of_it(as_):
    records = parse(as_(META_DIR))
    assert_nothing_lost(records)
    assert owners(records) == {OWNER}
    assert names(records) == {OWNER, "Jonas Weber"}
    member = "messages/inbox/metaai_10222177930000000/message_1.json"
    assert quarantined(records) == {(member, 1): ASSISTANT, (member, 2): ASSISTANT_ONLY}


def test_the_advice_for_meta_ai_messages_asks_for_nothing(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("facebook", META_ONE))
    assert export_counts(db) == [("facebook", 5, 3, 2)]
    assert query(db, "select distinct is_actionable from not_read where reason like '%Meta AI%'") == [(False,)]


def test_thread_files_under_names_of_their_own_are_read_and_a_copy_once(as_):
    records = parse(as_(RENAMED))
    assert_nothing_lost(records)
    assert owners(records) == {OWNER}
    assert interactions(records, "kasper.json") == [(1, "Kasper Holm", "message", "in"),
                                                    (2, "Kasper Holm", "message", "out"),
                                                    (3, "Kasper Holm", "message", "in")]
    assert interactions(records, "message_ines.json") == [(1, "Inès Roux", "message", "out"),
                                                          (2, "Inès Roux", "message", "in")]
    assert notes(records)["message_ines_utf8.json"] == ("ignored", COPY_NOTE)
    assert interactions(records, "message_ines_utf8.json") == []


def test_a_renamed_thread_file_alone_is_a_facebook_export():
    export = Export(fixture("facebook", RENAMED, "kasper.json"))
    assert detect_source(export) is facebook
    records = parse(export)
    assert_nothing_lost(records)
    assert len(interactions(records, "kasper.json")) == 3


def test_the_calls_of_secret_conversations_are_calls_with_each_other_participant(as_):
    records = parse(as_(AUTOFILL))
    assert_nothing_lost(records)
    calls = sorted((r.line, r.account_ref, r.kind, r.direction, r.mode, str(r.occurred_at))
                   for r in records if isinstance(r, Interaction) and r.member == CALLS)
    # a call on the platform, as a call in a thread: no offline mode
    assert calls == [(1, "Lena Berg", "call", "mutual", None, "2024-12-03 04:26:40"),
                     (2, "Jonas Weber", "call", "mutual", None, "2024-12-04 08:13:20")]
    assert quarantined(records) == {(CALLS, 3): "start_time: missing",
                                    (CALLS, 4): "call_participants: no counterpart besides the owner"}
    assert notes(records)[CALLS][0] == "parsed"


def test_the_autofill_name_is_the_owner_of_a_messenger_download_nothing_else_names(as_):
    records = parse(as_(AUTOFILL))
    assert owners(records) == {OWNER}
    member = "messages/inbox/wanderfreunde_7629814140000000/message_1.json"
    assert sorted(interactions(records, member)) == [(1, "Ines Walter", "message", "in"),
                                                     (2, "Ines Walter", "message", "out"),
                                                     (2, "Jonas Weber", "message", "out"),
                                                     (3, "Jonas Weber", "message", "in")]





def test_spanish_posts_of_reviews_books_places_and_photos_name_nobody(as_):
    from ingest.sources.facebook.posts import UNREAD_TITLE
    records = parse(as_(REVIEWS))
    assert_nothing_lost(records)
    assert owners(records) == {"Lucía Ferrer"}
    member = "posts/your_posts_1.json"
    assert UNREAD_TITLE not in notes(records)[member][1]
    assert interactions(records, member) == [(7, "Pablo Marín", "comment", "out")]



def test_the_people_a_group_admin_acted_on_are_accounts_and_an_action_on_nobody_is_refused(as_):
    from ingest.sources.facebook.admin_actions import ACCOUNT_ONLY
    records = parse(as_(ADMIN))
    assert_nothing_lost(records)
    assert [(r.line, r.account_ref) for r in records if isinstance(r, Account) and r.member == ADMIN_FILE] == [
        (1, "Jonas Weber"), (2, "Ines Walter"), (4, "Lena Berg")]
    assert quarantined(records) == {(ADMIN_FILE, 3): "label_values.Person: all empty (an action on no person)"}
    assert f"{ACCOUNT_ONLY}: 3" in notes(records)[ADMIN_FILE][1]
    assert not [r for r in records if isinstance(r, Interaction)]


@pytest.mark.parametrize("vintage", [META_ONE, META_DIR, RENAMED, AUTOFILL, REVIEWS, ADMIN])
def test_each_new_vintage_is_detected_as_facebook(as_, vintage):
    assert detect_source(as_(vintage)) is facebook
