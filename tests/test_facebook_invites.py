"""Facebook files of 2025 that hold other people and were left out as "the owner's own activity" or
"unknown": contacts synced from Instagram (read, as address-book evidence), custom friend lists, notices of
new users, invitations and Marketplace chats (left out, each with a reason a user can act on or trust).
Keys from what-if-horizon/what-if-data-donation FB_merged_structure_annotated.csv and nikbpetrov/timelinize
docs/fork/facebook-inventory.md; every person in the fixtures is invented."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import notes, parse, quarantined
from ingest.models import Account, Interaction
from ingest.sources import detect_source, facebook

SYNCED = "personal_information/profile_information/synced_contacts_from_instagram.json"
GROUPS = "your_facebook_activity/groups/"
LEFT_OUT = {
    "connections/friends/your_post_audiences.json": "custom friend lists",
    "personal_information/other_personal_information/notifications_about_new_users_joining_facebook.json":
        "joined Facebook: a suggestion, no interaction",
    GROUPS + "group_invites_you've_received.json": "group invitations received: which value names the other "
                                                   "person is not documented",
    GROUPS + "group_invites_you've_sent.json": "group invitations sent: which value",
    GROUPS + "chat_invites_received.json": "invitations to group chats: which value",
    "your_facebook_activity/messages/chat_invites_received.json": "invitations to group chats: which value",
    "your_facebook_activity/other_activity/invites_to_follow.json": "invitations to follow: which value",
    "your_facebook_activity/facebook_marketplace/conversations_you_had_as_a_buyer.json": "Marketplace chats: which",
    "your_facebook_activity/facebook_marketplace/conversations_you_had_as_a_seller.json": "Marketplace chats: which",
}


@pytest.mark.parametrize("vintage", ["f6-2025-synced", "f6-2025-invites"])
def test_every_file_is_read_or_left_out_with_a_reason_and_nothing_is_lost(as_, vintage):
    export = as_(vintage)
    assert detect_source(export) is facebook
    records = parse(export)
    assert [m for m, (handling, _) in notes(records).items() if handling == "unknown"] == []
    assert_nothing_lost(records)


def test_contacts_synced_from_instagram_are_address_book_evidence(as_):
    records = parse(as_("f6-2025-synced"))
    book = {r.line: (r.display_name, r.email, r.phone) for r in records
            if isinstance(r, Account) and r.platform == "addressbook" and r.member == SYNCED}
    assert book == {1: ("Aylin Demir", "aylin.demir@example.test", None),
                    2: ("Jonas Weber", None, "+49 170 5550199")}
    assert quarantined(records) == {(SYNCED, 3): "label_values.value: all missing"}  # a time, nobody named
    assert notes(records)[SYNCED] == ("parsed", "address book")


def test_invitations_friend_lists_and_marketplace_chats_are_left_out_each_with_its_reason(as_):
    records = parse(as_("f6-2025-invites"))
    found = notes(records)
    for member, reason in LEFT_OUT.items():
        assert found[member][0] == "ignored" and reason in found[member][1], member
    # the people in them are neither contacts nor counterparts: a group's name is not guessed to be a person
    assert [r.account_ref for r in records if isinstance(r, Account) and not r.is_owner] == []
    assert [r for r in records if isinstance(r, Interaction)] == []
