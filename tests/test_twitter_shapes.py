"""Twitter/X archive shapes of 2023 on, each an invented miniature export read as a folder and as a zip:
community tweets, note tweets (long posts), the uploaded address book (contact.js), DMs of 2025 with an edit
history, deleted tweets; Twitter Circle tweets (2022-2023); DMs with a business's welcome message or a reaction
as an event of its own."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import twitter
from ingest.sources.archive import Export
from ingest.sources.twitter.common import Context
from test_twitter import ANNA, AYLIN, CHLOE, INES, JONAS, KOFI, LUKAS1, LUKAS2, OWNER, PIETER, TOMAS, ZOE, rows, stored

NEW_SHAPES = ["2025-community", "2025-note-tweets", "2025-contacts", "2025-dm-edithistory", "2024-deleted-tweets",
              "2023-dm-group-members", "2026-xchat", "2018-dm-epoch-ms"]
UNPLACED = ("noteTweet.core.mentions.screenName: account id missing (no other file of the archive ties it to "
            "one account)")


@pytest.fixture(params=["folder", "zip"])
def read(request, tmp_path):
    """The records of a fixture vintage, opened as a folder or as the zip a user downloads, as staging sees them."""
    def read_(vintage: str) -> list:
        folder = fixture("twitter", vintage)
        export = Export(folder) if request.param == "folder" else \
            Export(zip_folder(folder, tmp_path / f"twitter-{vintage}-5f3a9c.zip"))
        records = stored(twitter.parse(export))
        assert_nothing_lost(records)
        return rows(records)
    return read_


def interactions(records: list, member: str) -> list[tuple]:
    return [(r.line, r.account_ref, r.kind, r.direction, r.occurred_at) for r in records
            if isinstance(r, Interaction) and r.member == member]


def people(records: list) -> dict[str, tuple]:
    return {r.account_ref: (r.handle, r.display_name) for r in records
            if isinstance(r, Account) and not r.is_owner and r.platform == "twitter"}


def refused(records: list) -> dict[tuple[str, int], str]:
    return {(r.member, r.line): r.reason for r in records if isinstance(r, Quarantined)}


def unknown(records: list) -> list[str]:
    return [n.member for n in records if isinstance(n, MemberNote) and n.handling == "unknown"]


def note_of(records: list, member: str) -> MemberNote:
    [note] = [n for n in records if isinstance(n, MemberNote) and n.member == member]
    return note


def test_community_tweets_are_read_as_tweets(read):
    records = read("2025-community")
    assert unknown(records) == []
    assert interactions(records, "data/community-tweet.js") == [
        (1, KOFI, "reply", "out", datetime(2024, 5, 7, 12, 30, 42)),  # a reply that also @-mentions him: one reply
        (2, TOMAS, "mention", "out", datetime(2024, 5, 8, 8, 15)),
        (2, INES, "mention", "out", datetime(2024, 5, 8, 8, 15)),
    ]
    assert people(records) == {KOFI: ("kofi_mensah", "Kofi Mensah"), TOMAS: ("tomasnovak", "Tomás Novak"),
                               INES: ("inescarvalho", "Ines Carvalho")}
    assert refused(records) == {("data/community-tweet.js", 4): "created_at: missing"}
    assert note_of(records, "data/community-tweet.js").note == (
        "4 tweets, 1 of them naming no other account (not counted as records)")


def test_note_tweets_add_the_mentions_after_the_cut_and_count_each_once(read):
    records = read("2025-note-tweets")
    assert unknown(records) == []
    # 10 May: tweets.js holds the post cut at 274 characters, with Jonas before the cut; the note holds all of it,
    # Jonas again and Pieter after the cut. 2 June: the cut post names nobody, its note names Aylin.
    assert interactions(records, "data/note-tweet.js") == [
        (1, PIETER, "mention", "out", datetime(2024, 5, 10, 20, 0)),
        (2, AYLIN, "mention", "out", datetime(2024, 6, 2, 18, 30)),
    ]
    long_post = Counter(r.account_ref for r in records
                        if isinstance(r, Interaction) and r.occurred_at == datetime(2024, 5, 10, 20, 0))
    assert long_post == {JONAS: 1, PIETER: 1}
    assert people(records)[PIETER] == ("pdevries", "Pieter de Vries")
    assert note_of(records, "data/note-tweet.js").records_read == 4  # 2 placed, 2 refused


def test_a_screen_name_no_file_ties_to_an_account_is_refused_or_noted_never_dropped(read):
    records = read("2025-note-tweets")
    # the note of 15 June names only @ole_brandt, whom no tweet ties to an id; the one of 28 June has no date
    assert refused(records) == {("data/note-tweet.js", 3): UNPLACED,
                                ("data/note-tweet.js", 5): "noteTweet.createdAt: missing"}
    # @nadia_okafor, beside Pieter and Jonas in the note of 10 May, is counted in the file's note
    assert note_of(records, "data/note-tweet.js").note == (
        "5 note tweets (the full text of long posts), 1 of them naming nobody beyond their tweet (not counted as "
        "records); 1 mentions counted already from the tweet each note completes; 1 mentions of a screen name that "
        "no other file ties to one account id, skipped beside placed ones")
    assert not {"nadia_okafor", "ole_brandt"} & {r.handle for r in records if isinstance(r, Account)}


NOTE = ('window.YTD.note_tweet.part0 = [ {"noteTweet" : {"noteTweetId" : "1803000000000000001", '
        '"createdAt" : "%s", "core" : {"text" : "…", "mentions" : [ {"screenName" : "%s"} ]}}} ]')


@pytest.mark.parametrize("created, handle, expected", [
    ("2024-05-10T20:00:00.999Z", "JonasWeber", []),  # the tweet of 20:00:00 named him: counted once, any case
    ("2024-05-10T20:00:01.200Z", "jonasweber", []),  # in the next second: the same post
    ("2024-05-10T20:00:02.000Z", "jonasweber", [JONAS]),  # another post
    ("2024-05-10T20:00:00.000Z", "lukasberger", []),  # the name of two accounts, one after the other: refused
    ("2024-05-10T20:00:00.000Z", "martalindqvist", []),  # the owner's own name: nobody else
])
def test_a_note_is_tied_to_its_tweet_by_the_second_and_the_account(created, handle, expected):
    from ingest.sources.twitter.notes import parse_notes

    ctx = Context(owner=OWNER, owner_handles={"martalindqvist"}, named={})
    ctx.harvest.add(JONAS, datetime(2024, 5, 10, 20), "jonasweber", "Jonas Weber")
    ctx.harvest.add(LUKAS1, datetime(2020, 1, 1), "lukasberger", None)
    ctx.harvest.add(LUKAS2, datetime(2024, 1, 1), "lukasberger", None)
    ctx.remember(datetime(2024, 5, 10, 20), JONAS)
    records = stored(parse_notes((NOTE % (created, handle)).encode(), "data/note-tweet.js", ctx))
    assert [r.account_ref for r in records if isinstance(r, Interaction)] == expected
    assert [r.reason for r in records if isinstance(r, Quarantined)] == ([UNPLACED] if handle == "lukasberger" else [])


def test_the_uploaded_address_book_is_read_as_address_book_accounts(read):
    records = read("2025-contacts")
    assert unknown(records) == []
    book = [(r.line, r.account_ref, r.email, r.phone) for r in records
            if isinstance(r, Account) and r.member == "data/contact.js"]
    assert book == [
        (1, "aylin.demir@example.com", "aylin.demir@example.com", "+49 30 5550199"),
        (2, "+12125550123", None, "+12125550123"),
        (3, "pieter@example.nl", "pieter@example.nl", None),
        (3, "pieter@example.nl", "pieter.devries@work.example.nl", None),  # a second address: same contact
    ]
    assert {r.platform for r in records if isinstance(r, Account) and r.member == "data/contact.js"} == {"addressbook"}
    assert interactions(records, "data/contact.js") == []  # an uploaded number is no contact between two people
    assert refused(records) == {("data/contact.js", 4): "contact.emails, contact.phoneNumbers: all missing"}


def test_direct_messages_of_2025_with_an_edit_history_are_read(read):
    records = read("2025-dm-edithistory")
    assert unknown(records) == [] and refused(records) == {}
    assert interactions(records, "data/direct-messages.js") == [
        (1, JONAS, "message", "out", datetime(2025, 1, 13, 8, 15)),
        (2, JONAS, "message", "in", datetime(2025, 1, 12, 21, 42, 5, 68000)),
        (3, JONAS, "message", "out", datetime(2025, 1, 12, 21, 40)),
        (4, JONAS, "reaction", "in", datetime(2025, 1, 12, 22, 0)),
        (5, CHLOE, "message", "out", datetime(2025, 2, 1, 10, 5)),
        (6, CHLOE, "message", "in", datetime(2025, 2, 1, 10, 0)),
    ]
    group = Counter((r.account_ref, r.kind, r.direction) for r in records
                    if isinstance(r, Interaction) and r.member == "data/direct-messages-group.js")
    assert group == {(LUKAS1, "message", "out"): 1, (ZOE, "message", "out"): 1, (ZOE, "message", "in"): 1,
                     (LUKAS1, "group_join", "in"): 1}


def test_deleted_tweets_are_read_as_tweets(read):
    records = read("2024-deleted-tweets")
    assert unknown(records) == [] and refused(records) == {}
    assert interactions(records, "data/deleted-tweets.js") == [
        (1, TOMAS, "reply", "out", datetime(2024, 5, 7, 9, 0)),
        (2, ZOE, "mention", "out", datetime(2024, 5, 8, 9, 0)),
    ]


SHOP, BANK, NADIA = "3456789012", "4567890123", "6789012345"


@pytest.mark.parametrize("vintage, member", [("2021-dm-welcome", "data/direct-messages.js"),
                                             ("2021-dm-welcome-headers", "data/direct-message-headers.js")])
def test_a_business_welcome_message_is_a_message_from_its_sender(read, vintage, member):
    records = read(vintage)
    assert interactions(records, member) == [
        (1, SHOP, "message", "out", datetime(2021, 5, 2, 10, 0)),
        (2, SHOP, "message", "in", datetime(2021, 5, 2, 9, 59)),  # the shop's welcome, before the owner wrote
        (3, BANK, "message", "in", datetime(2021, 6, 2, 9, 59)),  # the bank sent nothing else
    ]
    assert set(people(records)) == {SHOP, BANK}
    assert refused(records) == {(member, 4): "welcomeMessageCreate.createdAt: missing"}


def test_a_reaction_kept_as_an_event_of_its_own_is_read_as_a_nested_one(read):
    records = read("2020-dm-reactioncreate")
    assert interactions(records, "data/direct-messages.js") == [
        (1, NADIA, "reaction", "in", datetime(2020, 2, 2, 10, 6)),
        (2, NADIA, "message", "out", datetime(2020, 2, 2, 10, 5)),
        (3, NADIA, "reaction", "out", datetime(2020, 2, 1, 18, 31)),  # the owner's: to the other person
        (4, NADIA, "message", "in", datetime(2020, 2, 1, 18, 30)),
    ]
    assert set(people(records)) == {NADIA}
    assert refused(records) == {
        ("data/direct-messages.js", 5): "reactionCreate.senderId: missing",
        ("data/direct-messages.js", 6): "reactionCreate: a reaction already read (the export repeats conversations)"}


def test_twitter_circle_tweets_are_read_as_tweets_and_a_tweet_in_both_files_counted_once(read):
    records = read("2023-twitter-circle")
    assert interactions(records, "data/tweets.js") == [(2, ZOE, "mention", "out", datetime(2022, 10, 12, 19, 20, 5))]
    assert interactions(records, "data/twitter-circle-tweet.js") == [
        (1, KOFI, "reply", "out", datetime(2022, 10, 14, 21, 2, 40))]  # known from this file alone
    assert people(records) == {ZOE: ("zoemartin", "Zoë Martin"), KOFI: ("kofi_mensah", "Kofi Mensah")}
    assert refused(records) == {
        ("data/twitter-circle-tweet.js", 2): "id_str: a tweet already read from another tweets file of the archive",
        ("data/twitter-circle-tweet.js", 3): "created_at: missing"}
    assert note_of(records, "data/twitter-circle.js").handling == "ignored"  # the circle's id, nobody in it
    # its members: no sample of an entry yet, and this one is empty (test_an_empty_file_…_is_left_out_as_empty)
    assert unknown(records) == []


def test_group_members_named_only_by_the_groups_events_are_accounts(read):
    """The owner added to a group of Anna, Tomás and Ines; Anna adds Kofi, Tomás renames the group, Anna writes.
    Tomás and Ines never write, and the owner neither: they are people of the group all the same."""
    records = read("2023-dm-group-members")
    member = "data/direct-messages-group.js"
    assert interactions(records, member) == [
        (1, ANNA, "message", "in", datetime(2023, 8, 12, 17, 10, 37)),
        (3, KOFI, "group_join", "in", datetime(2023, 8, 11, 12, 0)),
        (4, ANNA, "group_join", "in", datetime(2023, 8, 10, 8, 0)),  # she added the owner
    ]
    assert set(people(records)) == {ANNA, TOMAS, INES, KOFI}  # not Chloé: the event naming her is refused
    assert refused(records) == {(member, 5): "joinConversation.initiatingUserId: missing"}
    assert note_of(records, member).records_read == 5  # the rename is read: Tomás's account is its record


@pytest.mark.parametrize("vintage", NEW_SHAPES)
def test_ingest_reads_every_file_of_the_new_shapes(unsocial, tmp_path, vintage):
    result = unsocial("ingest", fixture("twitter", vintage), "--db", tmp_path / "u.duckdb", "--owner", "marta")
    assert result.code == 0, result.err
    assert "unknown file" not in result.out


@pytest.mark.parametrize("member", ["data/birdwatch-note.js", "data/birdwatch-note-rating.js", "data/user-link-clicks.js"])
def test_the_owners_notes_ratings_and_link_clicks_are_left_out_not_unknown(member):
    """Files of a real archive of about 2022 that name tweets by id and no one else: left out with their reason."""
    from ingest.sources.twitter import layout
    from ingest.sources.twitter.jsfiles import squash
    note = layout.note_of(member, squash(member.removeprefix("data/").removesuffix(".js")))
    assert (note.handling, note.note) == ("ignored", "the owner's own settings or activity, no other person")


XCHAT = "data/message-event.js"


def test_x_chat_messages_are_read_who_wrote_to_whom_and_when(read):
    """message-event.js (late 2025 on): X Chat's encrypted DMs. Jonas and Kofi wrote with the owner only there;
    Aylin, known from a legacy DM, only marked it read there."""
    records = read("2026-xchat")
    assert unknown(records) == []
    assert interactions(records, XCHAT) == [
        (2, JONAS, "message", "out", datetime(2026, 1, 27, 6, 46, 33, 446000)),
        (3, JONAS, "message", "in", datetime(2026, 1, 27, 6, 54, 13, 172000)),
        (6, KOFI, "message", "in", datetime(2026, 2, 5, 10, 8, 4, 412000)),
    ]
    assert {r.thread_ref for r in records if isinstance(r, Interaction) and r.member == XCHAT} == {
        f"{OWNER}:{JONAS}", f"{OWNER}:{KOFI}"}
    assert set(people(records)) == {JONAS, KOFI, AYLIN}
    assert refused(records) == {(XCHAT, 7): "messageEvent.createdAtMsec: missing or not a number"}
    note = note_of(records, XCHAT)
    assert note.records_read == 7  # the key change and both read receipts: the other person's account
    assert "3 X Chat events that are no message" in note.note


def test_x_chat_without_account_js_takes_the_owner_from_the_conversation_token():
    from ingest.sources.twitter.xchat import parse_xchat

    data = (fixture("twitter", "2026-xchat") / "data" / "message-event.js").read_bytes()
    records = stored(parse_xchat(data, XCHAT, Context()))
    assert [(r.account_ref, r.direction) for r in records if isinstance(r, Interaction)] == [
        (JONAS, "out"), (JONAS, "in"), (KOFI, "in")]


@pytest.mark.parametrize("conversation", ["g1769496392857", f"{JONAS}:{KOFI}", f"{OWNER}-{JONAS}", f"{OWNER}:{OWNER}"])
def test_an_x_chat_conversation_that_is_not_the_owners_with_one_account_is_refused(conversation):
    from ingest.sources.twitter.xchat import parse_xchat

    event = ('window.YTD.message_event.part0 = [ {"messageEvent" : {"createdAtMsec" : "1769496393446", '
             f'"senderId" : "{OWNER}", "conversationId" : "{conversation}", '
             '"detail" : {"messageCreateEvent" : {"contents" : "ZW5j"}}}} ]')
    records = stored(parse_xchat(event.encode(), XCHAT, Context(owner=OWNER)))
    assert [r.reason.split(":")[0] for r in records if isinstance(r, Quarantined)] == ["messageEvent.conversationId"]
    assert not [r for r in records if isinstance(r, (Account, Interaction))]


@pytest.mark.parametrize("created", ["99999999999999999999999", "1" * 400, "176949639344"])
def test_an_x_chat_time_of_too_many_or_too_few_digits_is_refused_not_a_crash(created):
    from ingest.sources.twitter.xchat import parse_xchat

    event = ('window.YTD.message_event.part0 = [ {"messageEvent" : {"createdAtMsec" : "' + created + '", '
             f'"senderId" : "{OWNER}", "conversationId" : "{OWNER}:{JONAS}", '
             '"detail" : {"messageCreateEvent" : {"contents" : "ZW5j"}}}} ]')
    records = stored(parse_xchat(event.encode(), XCHAT, Context(owner=OWNER)))
    assert [r.reason for r in records if isinstance(r, Quarantined)] == [
        "messageEvent.createdAtMsec: date in no known format"]
    assert not [r for r in records if isinstance(r, Interaction)]


@pytest.mark.parametrize("member, note", [
    ("data/periscope-comments-made-by-user.js",
     "the owner's comments on live broadcasts, named by broadcast id: no other person"),
    ("data/fleet-mute.js", "accounts whose Fleets the owner muted: not relationships"),
])
def test_periscope_comments_and_fleet_mutes_are_left_out_with_their_reason(read, member, note):
    records = read("2026-xchat")
    assert (note_of(records, member).handling, note_of(records, member).note) == ("ignored", note)


EPOCH_DMS = "direct-message.js"
EMPTIED = "3190458826"


def test_dms_of_2018_timed_in_milliseconds_are_read_one_to_one_and_group(read):
    """The archive of 2018 (files at the root) times every DM event in milliseconds since 1970, as a string, and
    keeps group conversations (an id without a dash, ``recipientId`` "0") in the same file. Anna, Tomás and Ines
    are known only from the group, Jonas only from his messages: before, every event was refused, nobody was there."""
    records = read("2018-dm-epoch-ms")
    assert unknown(records) == []
    assert sorted(interactions(records, EPOCH_DMS)) == [
        (2, JONAS, "message", "out", datetime(2018, 7, 2, 9, 20, 41, 6000)),
        (3, JONAS, "message", "in", datetime(2018, 7, 2, 9, 14, 5, 120000)),
        (5, JONAS, "message", "in", datetime(2017, 11, 3, 19, 5, 44)),
        (6, TOMAS, "group_leave", "in", datetime(2017, 5, 20, 10, 0, 0, 500000)),
        (7, ANNA, "message", "out", datetime(2017, 5, 14, 18, 31, 40)),  # the owner's message to the group
        (7, TOMAS, "message", "out", datetime(2017, 5, 14, 18, 31, 40)),
        (7, INES, "message", "out", datetime(2017, 5, 14, 18, 31, 40)),
        (8, ANNA, "message", "in", datetime(2017, 5, 14, 18, 30, 12, 250000)),
        (10, ANNA, "group_join", "in", datetime(2017, 5, 14, 18, 20, 3, 900000)),  # she added the owner
    ]
    # Kofi: a follower (an id only, as in 2018); EMPTIED: a conversation whose messages are all gone, its person
    # named by the conversation id alone, an account read on line 1
    assert set(people(records)) == {JONAS, ANNA, TOMAS, INES, KOFI, EMPTIED}
    assert refused(records) == {(EPOCH_DMS, 4): "messageCreate.createdAt: date in no known format"}  # 12 digits
    assert note_of(records, EPOCH_DMS).records_read == 10  # 9 entries read (the rename and the emptied too), 1 refused


@pytest.mark.parametrize("value, expected", [
    ("1530522845120", datetime(2018, 7, 2, 9, 14, 5, 120000)),
    ("2018-07-02T09:14:05.120Z", datetime(2018, 7, 2, 9, 14, 5, 120000)),
    ("1494786003", "date in no known format"),  # seconds: no archive has been seen to use them
    ("0999999999999", "a year before 2006 (a known export bug)"),
])
def test_a_dm_time_is_read_in_milliseconds_or_iso_and_nothing_else(value, expected):
    from ingest.sources.twitter.dmfile import iso_time

    try:
        assert iso_time(value, "createdAt") == expected
    except ValueError as exc:
        assert str(exc) == f"createdAt: {expected}"


@pytest.mark.parametrize("vintage, member", [
    ("2026-lists-and-hollow", "data/spaces-metadata.js"),  # listed as not documented: no sample of an entry known
])
def test_an_empty_file_of_a_type_not_read_is_left_out_as_empty_not_unknown(read, vintage, member):
    """Archives of 2018-2026 ship the kinds nobody used as ``… = [ ]`` (1 to 6 per archive): nothing to report."""
    records = read(vintage)
    assert (note_of(records, member).handling, note_of(records, member).note) == (
        "ignored", "holds no entries: nothing to read")


def test_a_facebook_connection_is_the_owners_own_and_a_file_of_an_unknown_type_with_entries_stays_unknown(read):
    records = read("2018-dm-epoch-ms")
    assert (note_of(records, "facebook-connection.js").handling, note_of(records, "facebook-connection.js").note) == (
        "ignored", "the owner's own settings or activity, no other person")
    assert unknown(read("2019")) == ["mystery-feature.js"]  # an entry naming an account: reported, never guessed
