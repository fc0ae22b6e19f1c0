"""Facebook files of 2021-2025 that hold other people and were left out ("no other person: the owner's own
activity", "unknown") or quarantined: comments in groups, group chats, reactions naming the post's author
in a nested block, reactions to stories, posts on others' profiles, photos the owner is tagged in, the
people interacted with lately, friends seen less, contacts uploaded before 2021, from a phone or synced from
Instagram; and the files left out with a reason (invitations, Marketplace chats, custom friend lists). Shapes
from one real 2025 export's inventory (nikbpetrov/timelinize docs/fork/facebook-inventory.md) and donated
exports' key paths (what-if-horizon/what-if-data-donation FB_merged_structure_annotated.csv); every person in
the fixtures is invented."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, notes, owner_lines, parse, quarantined
from ingest.models import Account, Interaction
from ingest.sources import detect_source, facebook

OWNER = "Marta Lindqvist"
GROUP_COMMENTS = "your_facebook_activity/groups/your_comments_in_groups.json"
CHAT = "your_facebook_activity/groups/your_group_messages/6120000000000001.json"
INBOX = "your_facebook_activity/messages/inbox/wanderfreundenord_6120000000000001/message_1.json"
REACTIONS = "your_facebook_activity/comments_and_reactions/likes_and_reactions.json"
STORIES = "your_facebook_activity/stories/story_reactions.json"
ON_OTHERS = "your_facebook_activity/posts/posts_on_other_pages_and_profiles.json"
TAGGED = "your_facebook_activity/activity_you're_tagged_in/photos_and_videos_you're_tagged_in.json"
PEOPLE = "logged_information/activity_messages/people_and_friends.json"
SEE_LESS = "connections/friends/friends_you_see_less.json"
BEFORE_2021 = "personal_information/profile_information/contacts_uploaded_before_2021.json"
FROM_PHONE = "personal_information/other_personal_information/contacts_uploaded_from_your_phone.json"
NEW = ["f6-2025-groups", "f4-2022-groups", "f6-2025-reactions", "f6-2025-reactions-vi", "f6-2025-activity",
       "f6-2025-uploads", "f6-2025-synced", "f6-2025-invites"]


def accounts(records, member: str) -> dict[str, str | None]:
    """The other people a file made accounts of, with their profile URL."""
    return {r.account_ref: r.profile_url for r in records if isinstance(r, Account) and r.member == member
            and not r.is_owner}


@pytest.mark.parametrize("vintage", NEW)
def test_every_file_is_read_or_left_out_with_a_reason_and_nothing_is_lost(as_, vintage):
    export = as_(vintage)
    assert detect_source(export) is facebook
    records = parse(export)
    assert [m for m, (handling, _) in notes(records).items() if handling == "unknown"] == []
    assert_nothing_lost(records)
    counterparts = {r.account_ref for r in records if isinstance(r, Interaction)}
    assert OWNER not in counterparts


@pytest.mark.parametrize("vintage, member", [("f6-2025-groups", GROUP_COMMENTS),
                                             ("f4-2022-groups", "groups/your_comments_in_groups.json")])
def test_comments_in_groups_count_toward_the_person_whose_post_it_was(as_, vintage, member):
    records = parse(as_(vintage))
    expected = {"f6-2025-groups": [
        (1, "Jonas Weber", "comment", "out"),
        (2, "Ines Duarte", "comment", "out"),   # named nowhere else: the English sentence form
        (3, "Aylin Demir", "comment", "out")],  # an Italian title, read by the friend's name in it
        "f4-2022-groups": [(1, "Jonas Weber", "comment", "out"), (2, "Tomás Novak", "comment", "out")]}[vintage]
    assert interactions(records, member) == expected
    if vintage == "f6-2025-groups":
        assert owner_lines(records, member) == [4]  # "… commented on a post.": the owner's own record
        assert quarantined(records) == {(CHAT, 4): "sender_name: missing", (member, 5): "timestamp: missing"}


def test_a_group_chat_is_read_and_its_copy_in_the_inbox_is_not_counted_twice(as_):
    records = parse(as_("f6-2025-groups"))
    assert interactions(records, CHAT) == [
        (1, "Omar Haddad", "message", "in"),
        (2, "Omar Haddad", "message", "out"), (2, "Aylin Demir", "message", "out"),
        (2, "Jonas Weber", "message", "out"),
        (2, "Aylin Demir", "reaction", "in"), (3, "Jonas Weber", "message", "in")]
    assert interactions(records, INBOX) == [(1, "Aylin Demir", "message", "in")]  # the one message not in the chat file
    assert "repeats of a message read from another file (account only): 3" in notes(records)[INBOX][1]
    assert "Omar Haddad" in accounts(records, CHAT)  # named only in the chat


def test_reactions_in_groups_name_the_posts_author(as_):
    records = parse(as_("f6-2025-groups"))
    assert interactions(records, "your_facebook_activity/groups/likes_and_reactions.json") == [
        (1, "Aylin Demir", "reaction", "out")]


@pytest.mark.parametrize("vintage, expected, refused", [
    ("f6-2025-reactions", [(1, "Jonas Weber", "reaction", "out"), (2, "Lena Vogel", "reaction", "out")],
     {(REACTIONS, 3): "label_values: no block is the post's Author; language not recognised"}),  # a group's block only
    ("f6-2025-reactions-vi", [(1, "Jonas Weber", "reaction", "out"), (2, "Trần Thị Mai", "reaction", "out")], {}),
])
def test_reactions_name_the_author_from_the_nested_author_block(as_, vintage, expected, refused):
    records = parse(as_(vintage))
    assert interactions(records, REACTIONS) == expected
    assert quarantined(records) == refused
    if vintage == "f6-2025-reactions":
        assert accounts(records, REACTIONS)["Jonas Weber"] == "https://www.facebook.com/jonas.weber.example"


def test_reactions_to_stories_count_toward_the_storys_author(as_):
    records = parse(as_("f6-2025-activity"))
    assert interactions(records, STORIES) == [(1, "Jonas Weber", "reaction", "out"),
                                              (2, "Aylin Demir", "reaction", "out")]
    assert quarantined(records)[(STORIES, 3)] == "title: missing"


def test_posts_on_another_profile_are_comments_to_its_owner(as_):
    records = parse(as_("f6-2025-activity"))
    assert interactions(records, ON_OTHERS) == [(1, "Jonas Weber", "comment", "out"),
                                                (2, "Lena Vogel", "comment", "out")]  # Target as a nested dict
    assert owner_lines(records, ON_OTHERS) == [3]  # no Target: the owner's own post, whose the export leaves out


def test_a_photo_the_owner_is_tagged_in_is_a_mention_from_who_tagged(as_):
    records = parse(as_("f6-2025-activity"))
    assert interactions(records, TAGGED) == [(1, "Omar Haddad", "mention", "in")]
    assert owner_lines(records, TAGGED) == [2]  # the photo's link alone: nobody named, the owner's own


def test_people_interacted_with_lately_are_accounts_with_their_profile(as_):
    records = parse(as_("f6-2025-activity"))
    assert accounts(records, PEOPLE) == {"Jonas Weber": "https://www.facebook.com/jonas.weber.example",
                                         "Ines Duarte": "https://www.facebook.com/profile.php?id=100000000000123"}
    assert interactions(records, PEOPLE) == []  # the file does not say what the interaction was
    assert quarantined(records)[(PEOPLE, 3)] == "name: missing"


def test_friends_seen_less_are_friends_and_suggestions_and_blocks_are_left_out_with_a_reason(as_):
    records = parse(as_("f6-2025-activity"))
    assert accounts(records, SEE_LESS) == {"Pieter de Vries": None}
    assert interactions(records, SEE_LESS) == []  # its date is when the owner chose to see less, not a friendship's
    left_out = {m.rsplit("/", 1)[-1]: note for m, (handling, note) in notes(records).items() if handling == "ignored"}
    assert left_out["suggested_friends.json"] == "friend suggestions, not a relationship"
    blocked = "messenger_contacts_you've_blocked.json"
    assert {blocked, "unfollowed_profiles.json", "payment_history.json"} <= set(left_out)
    named = {r.account_ref for r in records if isinstance(r, Account)}
    assert not named & {"Zofia Kowalska", "Kai Brandt"}


def test_contacts_uploaded_before_2021_and_from_the_phone_are_address_book_evidence(as_):
    records = parse(as_("f6-2025-uploads"))
    book = {(r.member, r.line): (r.display_name, r.email, r.phone) for r in records
            if isinstance(r, Account) and r.platform == "addressbook"}
    assert book == {
        (BEFORE_2021, 1): ("Lena Vogel", "lena.vogel@example.test", None),
        (BEFORE_2021, 2): ("Omar Haddad", None, "+49 151 5550101"),  # the user_id is no phone number
        (FROM_PHONE, 1): ("Ines Duarte", None, None),
        (FROM_PHONE, 2): ("Tomás Novak", None, None)}  # a Polish label, the name's mojibake repaired
    assert quarantined(records) == {(BEFORE_2021, 3): "label_values.value: all missing"}


# Instagram-synced contacts, and the 2025 files left out with their reason (invitations, Marketplace chats, …)
SYNCED = "personal_information/profile_information/synced_contacts_from_instagram.json"
GROUPS = "your_facebook_activity/groups/"
LEFT_OUT = {
    "connections/friends/your_post_audiences.json": "custom friend lists",
    "personal_information/other_personal_information/notifications_about_new_users_joining_facebook.json":
        "joined Facebook: a suggestion, no interaction",
    GROUPS + "group_invites_you've_received.json": "group invitations received: which value names the other "
                                                   "person is not documented",
    GROUPS + "chat_invites_received.json": "notices that a channel was created in a community",
    "your_facebook_activity/messages/chat_invites_received.json": "notices that a channel was created",
    "your_facebook_activity/other_activity/invites_to_follow.json": "invitations to follow: which value",
    "your_facebook_activity/facebook_marketplace/conversations_you_had_as_a_buyer.json": "Marketplace chats: which",
    "your_facebook_activity/facebook_marketplace/conversations_you_had_as_a_seller.json": "Marketplace chats: which",
}


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
