"""Facebook "Download Your Information": every layout in the fixtures (F0 2017, F2 2018, F3 2020, F4 2022
JSON and 2021 HTML, F6 2025 JSON and HTML) and the E2EE secure-storage download, as folder and as zip."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import datetime

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.columns import Columns, validate_columns
from ingest.errors import UnknownLayoutError
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.pipeline import Found, discover_exports, parse_export
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.titles import KnownNames, UnknownLanguage, title_target
from ingest.store.database import connect, load_batches

OWNER = "Marta Lindqvist"
VINTAGES = ["f0-2014-de", "f0-2015-html-dump", "f0-2017", "f1-2018-01", "f2-2018-04", "f3-2019-follows", "f3-2020",
            "f4-2021-html", "f4-2022", "f4-2022-comments", "f5-2024-follows", "f6-2025", "f6-2025-html", "e2ee-2024",
            "single-thread-2024"]
OTHER_OWNERS = {"f0-2017-es": "Lucía Fernández Ortega", "f4-2022-da": "Lukas Vestergaard"}
EVERY = VINTAGES + list(OTHER_OWNERS)
THREAD = "messages/inbox/lesekreis_ySI8aJ3XXA/message_1.json"
# a sender Facebook leaves unnamed, and a reaction naming nobody: nothing to recover (advice.sql: "nothing to do")
NAMELESS = "no name, a deleted or deactivated account or one hidden from you, nothing to recover"
NAMES_NOBODY = "label_values: Name and author all missing (a reaction and a link only), nothing to recover"
TOMAS = "messages/inbox/tomasnovak_vz29qw/message_1.json"


def rows(records) -> list:
    """Records with every Columns batch turned into models, as the loader would see them."""
    out = []
    for record in records:
        if isinstance(record, Columns):
            out += [record.model(**row) for row in record.rows(range(len(record)))]
        else:
            out.append(record)
    return out


def parse(export: Export) -> list:
    return rows(facebook.parse(export))


def of(vintage: str) -> list:
    return parse(Export(fixture("facebook", vintage)))


def kinds(records) -> Counter:
    return Counter((r.kind, r.direction) for r in records if isinstance(r, Interaction))


def interactions(records, member: str) -> list[tuple]:
    return [(r.line, r.account_ref, r.kind, r.direction) for r in records
            if isinstance(r, Interaction) and r.member == member]


@pytest.fixture(params=["folder", "zip"])
def as_(request, tmp_path):
    """Open a fixture vintage as a folder or as the zip a user downloads."""
    def open_(vintage: str) -> Export:
        folder = fixture("facebook", vintage)
        if request.param == "folder":
            return Export(folder)
        return Export(zip_folder(folder, tmp_path / f"facebook-martalindqvist-27_11_2026-{vintage}.zip"))
    return open_


@pytest.mark.parametrize("vintage", EVERY)
def test_every_vintage_is_detected_as_facebook(as_, vintage):
    assert detect_source(as_(vintage)) is facebook


@pytest.mark.parametrize("other", ["linkedin/2024-complete", "linkedin/2020", "journal/comma/journal.csv"])
def test_other_exports_are_not_facebook(other):
    assert not facebook.detect(Export(fixture(*other.split("/"))))


@pytest.mark.parametrize("vintage, expected", [
    ("f0-2017", {("message", "in"): 2, ("message", "out"): 2}),  # "9:00pm PST" read as UTC-08:00
    ("f1-2018-01", {("message", "in"): 2, ("message", "out"): 3}),
    ("f2-2018-04", {("message", "in"): 3, ("message", "out"): 5}),  # one group message out to three
    ("f3-2020", {("friendship", "mutual"): 3, ("friend_removed", "out"): 1, ("friend_request", "in"): 1,
                 ("friend_request", "out"): 1, ("friend_request_rejected", "in"): 1, ("message", "in"): 6,
                 ("message", "out"): 5, ("call", "out"): 1, ("reaction", "in"): 3, ("reaction", "out"): 4,
                 ("comment", "out"): 1}),  # the Italian title read by a friend's name
    ("f4-2021-html", {("friendship", "mutual"): 2, ("message", "in"): 3, ("message", "out"): 3}),
    ("f4-2022", {("friendship", "mutual"): 3, ("friend_removed", "out"): 1, ("friend_request", "in"): 1,
                 ("friend_request", "out"): 1, ("friend_request_rejected", "in"): 1, ("follow", "out"): 1,
                 ("message", "in"): 2, ("message", "out"): 1, ("reaction", "in"): 1, ("reaction", "out"): 2,
                 ("comment", "out"): 1, ("poke", "in"): 1, ("poke", "out"): 1, ("profile_visit", "out"): 1}),
    ("f6-2025", {("friendship", "mutual"): 4, ("friend_removed", "out"): 1, ("friend_request", "in"): 1,
                 ("friend_request", "out"): 1, ("follow", "in"): 1, ("follow", "out"): 1, ("message", "in"): 3,
                 ("message", "out"): 4, ("call", "out"): 1, ("reaction", "in"): 1, ("reaction", "out"): 4,
                 ("comment", "out"): 1, ("profile_visit", "out"): 1}),
    ("f6-2025-html", {("friendship", "mutual"): 2, ("friend_removed", "out"): 1, ("message", "in"): 2,
                      ("message", "out"): 1, ("comment", "out"): 1}),
    ("e2ee-2024", {("message", "in"): 2, ("message", "out"): 3, ("reaction", "out"): 1}),
    # each list of the old friends page its own relation; undated requests and follows as of the download
    ("f0-2015-html-dump", {("friend_request", "out"): 1, ("friend_request", "in"): 1, ("friend_removed", "out"): 1,
                           ("follow", "in"): 2, ("poke", "in"): 1, ("poke", "out"): 2}),
    ("f0-2014-de", {("friend_request", "out"): 1, ("friend_removed", "out"): 1, ("follow", "in"): 1,
                    ("poke", "in"): 2, ("poke", "out"): 1}),
    ("f0-2017-es", {("friendship", "mutual"): 3, ("friend_request", "out"): 2, ("friend_request", "in"): 1,
                    ("friend_request_rejected", "in"): 1, ("friend_removed", "out"): 1, ("follow", "in"): 1,
                    ("poke", "in"): 1, ("poke", "out"): 1}),
    ("f3-2019-follows", {("friendship", "mutual"): 1, ("follow", "out"): 1}),
    ("f4-2022-da", {("friendship", "mutual"): 5, ("message", "in"): 1, ("message", "out"): 1, ("reaction", "out"): 7,
                    ("comment", "out"): 1}),
    ("f4-2022-comments", {("friendship", "mutual"): 3, ("comment", "out"): 3, ("reaction", "out"): 1}),
    ("f5-2024-follows", {("friendship", "mutual"): 1, ("follow", "in"): 3, ("follow", "out"): 2}),
    ("single-thread-2024", {("message", "in"): 2, ("message", "out"): 1, ("reaction", "out"): 1}),
])
def test_interactions_of_every_vintage(as_, vintage, expected):
    assert kinds(parse(as_(vintage))) == expected


@pytest.mark.parametrize("vintage, expected", [
    ("f0-2017", {("html/messages.htm", 5): "meta: time zone not known"}),  # "08:00 XST"
    ("f1-2018-01", {("messages/2.html", 2): "user: missing"}),
    ("f2-2018-04", {("messages/wgsommerfest_Xy12ab/message.json", 2): "sender_name: missing"}),
    ("f3-2020", {("friends/friends.json", 5): "name: missing",
                 ("comments/comments.json", 3): "timestamp: missing",
                 (THREAD, 2): "sender_name: a deleted or deactivated account, not one person",
                 (THREAD, 3): "sender_name: missing"}),
    ("f4-2021-html", {("friends_and_followers/friends.html", 4): "name: missing",
                      ("messages/inbox/jonasweber_k2j3h4/message_1.html", 3): f"sender: {NAMELESS}"}),
    ("f4-2022", {("friends_and_followers/friends.json", 4): "timestamp: not a number",
                 ("your_interactions_on_facebook/recently_visited.json", 2): "name: missing",
                 ("messages/inbox/annamuller_10153029279158403/message_1.json", 3): "timestamp_ms: missing"}),
    ("f6-2025", {("connections/friends/your_friends.json", 5): "name: missing",
                 ("your_facebook_activity/comments_and_reactions/likes_and_reactions.json", 3): NAMES_NOBODY,
                 ("your_facebook_activity/messages/inbox/chloedubois_1429473610655523/message_1.json", 3):
                     "sender_name: missing"}),
    ("f6-2025-html", {("connections/friends/your_friends.html", 3): "name: missing"}),
    ("e2ee-2024", {("Tomás Novak_1.json", 3): "senderName: missing"}),
    ("f0-2015-html-dump", {("html/friends.htm", 9): "name: missing",
                           ("html/pokes.htm", 3): "text: neither poker nor pokee is the owner alone (owner unknown?)"}),
    ("f0-2014-de", {("html/friends.htm", 7): "name: missing"}),
    ("f0-2017-es", {("html/friends.html", 10): "name: missing",
                    ("html/pokes.html", 3): "meta: date in no known format"}),
    ("f3-2019-follows", {("following_and_followers/following.json", 2): "timestamp: not a number"}),
    ("f4-2022-da", {("comments_and_reactions/posts_and_comments.json", 9):
                        "title: names no person known from this export; language not recognised",
                    ("comments_and_reactions/posts_and_comments.json", 10): "timestamp: missing"}),
    ("f4-2022-comments", {("comments_and_reactions/comments_and_reactions.json", 5): "title: missing"}),
    ("f5-2024-follows", {("connections/followers/people_who_followed_you_2.json", 3): "name: missing"}),
    ("single-thread-2024", {("message_1.json", 3): "sender_name: missing"}),
])
def test_bad_records_are_quarantined_with_place_and_reason(as_, vintage, expected):
    records = parse(as_(vintage))
    assert {(q.member, q.line): q.reason for q in records if isinstance(q, Quarantined)} == expected
    assert all(len(q.excerpt) <= 300 for q in records if isinstance(q, Quarantined))


@pytest.mark.parametrize("vintage", EVERY)
def test_nothing_lost_every_record_loaded_or_quarantined_never_both(as_, vintage):
    assert_nothing_lost(parse(as_(vintage)))


@pytest.mark.parametrize("vintage", VINTAGES)
def test_owner_is_recognised_never_a_counterpart_and_every_counterpart_has_an_account(vintage):
    records = of(vintage)
    assert {r.account_ref for r in records if isinstance(r, Account) and r.is_owner} == {OWNER}
    counterparts = {r.account_ref for r in records if isinstance(r, Interaction)}
    accounts = {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner}
    assert OWNER not in counterparts | accounts
    assert counterparts <= accounts


@pytest.mark.parametrize("vintage", EVERY)
def test_columns_batches_are_valid_as_a_whole(vintage):
    batches = [b for b in facebook.parse(Export(fixture("facebook", vintage))) if isinstance(b, Columns)]
    assert batches and all(validate_columns(b)[1] == [] for b in batches)


def test_mojibake_is_repaired_in_every_name():
    friends = [r.account_ref for r in of("f3-2020") if isinstance(r, Account) and "friend" in r.member]
    assert friends == ["Jonas Weber", "Jürgen Hoffmann", "Tomás Novak", "Zoë Martin", "Lukas Berger",
                       "Kevin Spamhaus", "Radosław Zieliński", "Chloé Dubois"]


def test_friendship_dates_and_a_friend_without_date():
    friends = {r.account_ref: r.connected_at for r in of("f3-2020") if isinstance(r, Account)
               and r.member == "friends/friends.json"}
    assert friends == {"Jonas Weber": datetime(2014, 1, 1), "Jürgen Hoffmann": datetime(2015, 1, 1),
                       "Tomás Novak": datetime(2019, 1, 1), "Zoë Martin": None}


def test_early_2018_thread_with_timestamps_in_seconds():
    records = of("f2-2018-04")
    first = next(r for r in records if isinstance(r, Interaction) and r.line == 1 and r.account_ref == "Jonas Weber")
    assert (first.occurred_at, first.direction, first.thread_ref) == (
        datetime(2018, 4, 24, 8, 21, 29), "in", "inbox/jonasweber_a1b2c3")


def test_direct_and_group_threads_directions_and_reactions():
    records = of("f3-2020")
    # the owner's message goes out to each other participant (Zoë is listed twice, counted once);
    # Chloé and Zoë reacted to it; Chloé's reaction to Zoë's message is not the owner's business
    assert interactions(records, THREAD) == [
        (4, "Zoë Martin", "message", "out"), (4, "Chloé Dubois", "message", "out"),
        (4, "Lukas Berger", "message", "out"), (4, "Chloé Dubois", "reaction", "in"),
        (4, "Zoë Martin", "reaction", "in"), (5, "Zoë Martin", "message", "in")]
    assert {r.is_group for r in records if isinstance(r, Interaction) and r.member == THREAD} == {True}
    assert interactions(records, TOMAS) == [
        (1, "Tomás Novak", "message", "in"), (1, "Tomás Novak", "reaction", "out"),
        (2, "Tomás Novak", "message", "out"), (2, "Tomás Novak", "reaction", "in"),
        (3, "Tomás Novak", "call", "out"), (4, "Tomás Novak", "message", "in")]
    assert {r.is_group for r in records if isinstance(r, Interaction) and r.member == TOMAS} == {False}


def test_someone_leaving_a_group_is_an_account_not_a_message():
    records = [r for r in of("f3-2020") if r.member == THREAD and r.line == 1]
    assert [(type(r).__name__, r.account_ref) for r in records] == [("Account", "Lukas Berger")]


def test_a_thread_in_inbox_and_archive_counts_each_message_once():
    records = of("f3-2020")
    repeated = "messages/inbox/tomasnovak_vz29qw/message_2.json"
    assert interactions(records, repeated) == []
    assert sorted((r.line, r.account_ref) for r in records if isinstance(r, Account) and r.member == repeated) == [
        (1, OWNER), (2, "Tomás Novak")]
    note = next(n for n in records if isinstance(n, MemberNote) and n.member == repeated)
    assert note.note == "Messenger thread; repeats of a message read from another file (account only): 2"


@pytest.mark.parametrize("title, target", [
    ("Marta Lindqvist likes Jonas Weber's post.", "Jonas Weber"),
    ("Marta Lindqvist reacted to Chris' photo.", "Chris"),
    ("Marta Lindqvist commented on Liam O'Brien's post.", "Liam O'Brien"),
    ("Marta Lindqvist replied to her own comment.", None),
    ("Marta Lindqvist likes a link.", None),
    ("Marta Lindqvist gefällt der Beitrag von Pieter de Vries.", "Pieter de Vries"),
    ("Marta Lindqvist hat auf den Kommentar von Anna Müller reagiert.", "Anna Müller"),
    ("Marta Lindqvist hat den Beitrag von Jonas Weber kommentiert.", "Jonas Weber"),
    ("Marta Lindqvist gefällt ein Foto.", None),
])
def test_the_other_person_is_taken_from_english_and_german_titles(title, target):
    assert title_target(title, OWNER) == target


def test_a_title_in_another_language_is_not_guessed():
    with pytest.raises(UnknownLanguage):
        title_target("Marta Lindqvist vindt het bericht van Tomás Novak leuk.", OWNER)


def test_reactions_of_both_f6_files_are_counted_once_and_keep_the_profile_url():
    records = of("f6-2025")
    folder = "your_facebook_activity/comments_and_reactions/"
    pieter = [(r.member.removeprefix(folder), type(r).__name__) for r in records
              if isinstance(r, (Account, Interaction)) and r.account_ref == "Pieter de Vries"
              and "likes_and_reactions" in r.member]
    assert pieter == [("likes_and_reactions.json", "Account"), ("likes_and_reactions_1.json", "Account"),
                      ("likes_and_reactions.json", "Interaction")]
    urls = {r.account_ref: r.profile_url for r in records if isinstance(r, Account) and r.profile_url}
    assert urls == {"Pieter de Vries": "https://www.facebook.com/pieter.devries.example",
                    OWNER: "https://www.facebook.com/marta.lindqvist"}


def test_owner_profile_and_the_relatives_it_names():
    records = [r for r in of("f4-2022") if r.member == "profile_information/profile_information.json"]
    owner = records[0]
    assert (owner.account_ref, owner.first_name, owner.last_name, owner.email, owner.phone, owner.handle,
            owner.is_owner) == (OWNER, "Marta", "Lindqvist", "marta.lindqvist@example.se", "+46701234567",
                                "marta.lindqvist", True)
    assert [r.account_ref for r in records[1:-1]] == ["Ingrid Lindqvist", "Tomasz Nowak"]


@pytest.mark.parametrize("vintage", ["f0-2017", "f1-2018-01", "f2-2018-04", "f4-2021-html", "f6-2025-html",
                                     "e2ee-2024"])
def test_owner_is_inferred_without_a_profile(vintage):
    # F2 leaves the owner out of the participants; a lone HTML thread ties until its title (the other person)
    members = Export(fixture("facebook", vintage)).members()
    assert not any("profile_information" in m for m in members)
    assert [r.account_ref for r in of(vintage) if isinstance(r, Account) and r.is_owner][:1] == [OWNER]


def test_messages_are_quarantined_when_the_owner_cannot_be_told(tmp_path):
    for name, people in (("a_1", ["Jonas Weber", "Aylin Demir"]), ("b_2", ["Pieter de Vries", "Zoë Martin"])):
        thread = tmp_path / f"messages/inbox/{name}/message_1.json"
        thread.parent.mkdir(parents=True)
        thread.write_text(json.dumps({"participants": [{"name": p} for p in people], "messages": [
            {"sender_name": people[0], "timestamp_ms": 1700000000000, "content": "?"}], "title": "Gruppe"}))
    records = parse(Export(tmp_path))
    assert {q.reason for q in records if isinstance(q, Quarantined)} == {
        "sender_name: cannot tell the owner's messages apart (no profile, no name common to the threads)"}
    assert not [r for r in records if isinstance(r, (Account, Interaction))]


def test_html_threads_read_by_structure_with_local_times():
    records = of("f4-2021-html")
    group = "messages/inbox/radgruppe_Qw9Er8Ty7U/message_1.html"
    assert interactions(records, group) == [
        (1, "Aylin Demir", "message", "in"), (2, "Aylin Demir", "message", "out"),
        (2, "Pieter de Vries", "message", "out"), (3, "Pieter de Vries", "message", "in")]
    times = [r.occurred_at for r in records if isinstance(r, Interaction) and r.member == group]
    assert times[0] == datetime(2021, 3, 12, 18, 30)  # "12.03.2021, 18:30", a local time, stored as written
    # a date inside a message body is not a message of its own (F6 HTML)
    assert [r.line for r in of("f6-2025-html") if isinstance(r, Interaction) and "message_1" in r.member] == [1, 2, 3]


def test_html_friends_and_the_json_twin_that_wins():
    records = of("f6-2025-html")
    notes = {n.member: (n.handling, n.note) for n in records if isinstance(n, MemberNote)}
    assert notes["connections/friends/removed_friends.html"] == (
        "ignored", "HTML twin of a JSON file that is read instead")
    assert notes["connections/friends/removed_friends.json"][0] == "parsed"
    friends = {r.account_ref: r.connected_at for r in records if isinstance(r, Account) and "your_friends" in r.member}
    assert friends == {"Jonas Weber": datetime(2014, 1, 1), "Chloé Dubois": datetime(2023, 11, 14, 22, 13, 20)}
    undated = [r for r in of("f4-2021-html") if isinstance(r, Account) and r.account_ref == "Zoë Martin"]
    assert [(r.line, r.connected_at) for r in undated] == [(3, None)]


def test_f0_times_are_moved_to_utc_from_their_offset():
    times = [(r.account_ref, r.occurred_at, r.thread_ref) for r in of("f0-2017") if isinstance(r, Interaction)]
    assert times == [("Jonas Weber", datetime(2015, 3, 3, 9, 20), "html/messages.htm#1"),
                     ("Jonas Weber", datetime(2015, 3, 3, 9, 25), "html/messages.htm#1"),
                     ("Pieter de Vries", datetime(2015, 3, 6, 20, 0), "html/messages.htm#2"),
                     ("Pieter de Vries", datetime(2015, 3, 7, 5, 0), "html/messages.htm#2")]  # 9:00pm PST


def test_f1_conversation_files_and_their_index():
    records = of("f1-2018-01")
    assert interactions(records, "messages/2.html") == [
        (1, "Chloé Dubois", "message", "in"), (3, "Aylin Demir", "message", "out"), (3, "Chloé Dubois", "message", "out")]
    notes = {n.member: n.note for n in records if isinstance(n, MemberNote) and n.handling == "ignored"}
    assert notes == {"html/messages.htm": "index of the conversation files messages/<n>.html (F1, early 2018)"}


def test_e2ee_thread_file_alone_is_a_facebook_export():
    export = Export(fixture("facebook", "e2ee-2024", "Tomás Novak_1.json"))
    assert detect_source(export) is facebook
    assert interactions(parse(export), "Tomás Novak_1.json") == [
        (1, "Tomás Novak", "message", "in"), (1, "Tomás Novak", "reaction", "out"),
        (2, "Tomás Novak", "message", "out")]


def test_every_file_is_accounted_for_once(as_):
    export = as_("f6-2025")
    notes = {n.member: n.handling for n in parse(export) if isinstance(n, MemberNote)}
    assert sorted(notes) == export.members()
    # 19: the (empty) address book, the posts, the (empty) people_and_friends.json
    assert Counter(notes.values()) == {"parsed": 19, "ignored": 4}
    assert notes["connections/friends/people_you_may_know.json"] == "ignored"
    unknown = [n.member for n in of("f3-2020") if isinstance(n, MemberNote) and n.handling == "unknown"]
    assert unknown == ["friends/mystery_friend_feature.json"]


def test_an_extra_top_folder_changes_nothing_but_the_member_names(tmp_path):
    shutil.copytree(fixture("facebook", "f6-2025"), tmp_path / "outer" / "facebook-martalindqvist")
    nested = parse(Export(zip_folder(tmp_path / "outer", tmp_path / "facebook.zip")))
    plain = parse(Export(fixture("facebook", "f6-2025")))
    assert [r.model_copy(update={"member": r.member.removeprefix("facebook-martalindqvist/")}) for r in nested] == plain


def test_the_zips_of_a_split_delivery_are_read_as_one_export(tmp_path):
    inbox, folder = tmp_path / "marta", fixture("facebook", "f6-2025")
    inbox.mkdir()
    for part, keep in (("AbCdEf12", "personal_information"), ("XyZ98765", "your_facebook_activity")):
        shutil.copytree(folder, tmp_path / part, ignore=lambda d, names, keep=keep: [
            n for n in names if d == str(folder) and n != keep])
        zip_folder(tmp_path / part, inbox / f"facebook-martalindqvist-27_11_2026-{part}.zip")
    [found] = discover_exports(inbox).found
    assert len(found.parts) == 2
    records = parse(found.export)  # the owner from part 1 gives the directions of part 2's messages
    assert kinds(records)[("message", "out")] == 4 and kinds(records)[("message", "in")] == 3


def test_an_export_with_no_people_file_is_an_unknown_layout(tmp_path):
    for member in ("ads_information/advertisers_using_your_activity.json", "security_and_login_information/x.json"):
        (tmp_path / member).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / member).write_text("{}")
    assert facebook.detect(Export(tmp_path))
    with pytest.raises(UnknownLayoutError, match="found: ads_information, security_and_login_information"):
        list(facebook.parse(Export(tmp_path)))


def test_message_text_is_never_kept():
    for vintage in VINTAGES:
        dumped = json.dumps([r.model_dump(mode="json") for r in of(vintage)], ensure_ascii=False)
        for text in ("Café um 8?", "Wer bringt Salat", "Ohne Absender", "kein Absender", "Prost Neujahr",
                     "Nachricht ohne Absender", "Hallo zusammen", "Glückwunsch"):
            assert text not in dumped


def test_parsing_is_deterministic():
    for vintage in ("f3-2020", "f6-2025", "f4-2021-html"):
        assert of(vintage) == of(vintage)


def test_counts_reconcile_through_the_loader(tmp_path):
    export = zip_folder(fixture("facebook", "f6-2025"), tmp_path / "facebook-martalindqvist-27_11_2026-Ab12Cd.zip")
    parsed = parse_export(Found(export, tmp_path, "facebook"), "marta", tmp_path / "batches")
    with connect(tmp_path / "unsocial.duckdb") as con:
        load_batches(con, "marta", [parsed])
        counts = con.execute("select records_read, records_loaded, records_quarantined "
                             "from ingested_exports").fetchall()
    assert counts == [(26, 23, 3)]  # read = loaded + quarantined


# --- issue 13: shapes seen in real exports -------------------------------------------------------

DUMP_2015 = "f0-2015-html-dump"
DOWNLOADED_2015 = datetime(2015, 12, 30, 2, 44)  # "Downloaded by … on Wednesday, December 30, 2015 at 2:44am UTC"


def relations(records, member: str) -> dict[str, tuple]:
    return {r.account_ref: (r.kind, r.direction, r.occurred_at) for r in records
            if isinstance(r, Interaction) and r.member == member}


def test_2015_friends_page_keeps_each_email_and_the_name_without_it(as_):
    records = parse(as_(DUMP_2015))
    emails = {r.account_ref: r.email for r in records if isinstance(r, Account) and r.member == "html/friends.htm"}
    assert emails == {OWNER: None, "Jonas Weber": "jonas.weber@example.de", "Pieter de Vries": None,
                      "Anna Müller": "anna.mueller@example.com", "Chloé Dubois": None, "Aylin Demir": None,
                      "Tomás Novak": None, "Kevin Spamhaus": None, "Lukas Berger": None, "Zoë Martin": None}


def test_2015_friends_page_keeps_the_relation_of_every_list(as_):
    # no list of 2015 has dates: friends stay accounts, the others stand as of the download (the footer)
    records = parse(as_(DUMP_2015))
    assert relations(records, "html/friends.htm") == {
        "Aylin Demir": ("friend_request", "out", DOWNLOADED_2015),
        "Tomás Novak": ("friend_request", "in", DOWNLOADED_2015),
        "Kevin Spamhaus": ("friend_removed", "out", DOWNLOADED_2015), "Lukas Berger": ("follow", "in", DOWNLOADED_2015),
        "Zoë Martin": ("follow", "in", DOWNLOADED_2015)}
    note = next(n for n in records if isinstance(n, MemberNote) and n.member == "html/friends.htm")
    assert "entries without a date, dated at the download (the latest they can be): 5" in note.note


@pytest.mark.parametrize("vintage, follower, friend", [
    (DUMP_2015, "Lukas Berger", "Jonas Weber"), ("f0-2014-de", "Lukas Berger", "Jonas Weber"),
    ("f5-2024-follows", "Aylin Demir", "Jonas Weber"), ("f0-2017-es", "Andrés Castro", "Diego Ramírez"),
])
def test_a_follower_is_not_counted_a_friend(vintage, follower, friend):
    records = of(vintage)
    kinds_of = {name: {r.kind for r in records if isinstance(r, Interaction) and r.account_ref == name}
                for name in (follower, friend)}
    assert kinds_of[follower] == {"follow"}
    assert "follow" not in kinds_of[friend] and kinds_of[friend] <= {"friendship", "poke"}
    assert not [r for r in records if isinstance(r, Account) and r.account_ref == follower and r.connected_at]


def test_2015_pokes_are_read_with_their_direction(as_):
    records = parse(as_(DUMP_2015))
    assert interactions(records, "html/pokes.htm") == [
        (1, "Jonas Weber", "poke", "in"), (2, "Jonas Weber", "poke", "out"), (4, "Pieter de Vries", "poke", "out")]
    assert relations(records, "html/pokes.htm")["Pieter de Vries"][2] == datetime(2014, 1, 4, 14, 21)
    notes = {n.member: n.handling for n in records if isinstance(n, MemberNote)}
    assert notes == {"html/friends.htm": "parsed", "html/pokes.htm": "parsed", "html/style.css": "ignored",
                     "index.htm": "ignored"}


def test_german_pokes_in_a_form_no_table_knows_are_read_by_the_friend_named():
    # "Pieter de Vries stupste Marta Lindqvist an": not a known sentence, but a friend stands first
    assert interactions(of("f0-2014-de"), "html/pokes.htm") == [
        (1, "Jonas Weber", "poke", "in"), (2, "Anna Müller", "poke", "out"), (3, "Pieter de Vries", "poke", "in")]


def test_2017_lists_are_dated_by_their_entries_in_the_export_language():
    records = of("f0-2017-es")
    friends = {r.account_ref: r.connected_at for r in records
               if isinstance(r, Account) and r.member == "html/friends.html" and not r.is_owner and r.line <= 4}
    assert friends == {"Diego Ramírez": datetime(2014, 4, 1), "Carmen Soto": datetime(2017, 3, 12),  # "12 de marzo"
                       "Pablo Ruiz": datetime(2017, 9, 23), "Elena Vidal": None}  # "Hoy": the download's local day
    assert relations(records, "html/friends.html")["Marcos Gil"] == (  # "Deleted Friend Requests"
        "friend_request_rejected", "in", datetime(2016, 6, 7))


def test_danish_titles_are_read_by_the_names_the_export_knows(as_):
    records = parse(as_("f4-2022-da"))
    reactions = "comments_and_reactions/posts_and_comments.json"
    assert interactions(records, reactions) == [
        (1, "Mette Hansen", "reaction", "out"),      # "… har reageret på Mette Hansens opslag."
        (2, "Anders Jacobsen", "reaction", "out"),
        (3, "Søren Kjær", "reaction", "out"),
        (4, "Jonas Kragh", "reaction", "out"),
        (6, "Sofie Lund", "reaction", "out"),        # known from a message thread only
        (7, "Oskar Bech", "reaction", "out"),        # known nowhere: the Danish sentence table
        (8, "Frederik Holm", "reaction", "out")]     # "Lukas har reageret …": the owner's first name
    own = [r.line for r in records if isinstance(r, Account) and r.member == reactions and r.is_owner]
    assert own == [5]  # "… synes godt om sit eget link."
    assert interactions(records, "comments_and_reactions/comments.json") == [(1, "Mette Hansen", "comment", "out")]


KNOWN = KnownNames(["Mette Hansen", "Dario", "Anna", "Jonas Weber", "Pieter de Vries", "Jan Kowalski", "Ahmet Yılmaz",
                    "Zoë Martin"], owner=["Marta Lindqvist", "Lukas", "Davide", "Anna Müller"])


@pytest.mark.parametrize("title, actor, target", [
    ("Lukas har reageret på Mette Hansens opslag.", "Lukas", "Mette Hansen"),           # Danish genitive
    ("A Davide piace il post di Dario.", "Davide", "Dario"),                           # Italian: owner not first
    ("Anna Müller gefällt Jonas Webers Foto.", "Anna Müller", "Jonas Weber"),          # owner, not friend "Anna"
    ("Marta Lindqvist hat den Beitrag von Pieter de Vries kommentiert.", OWNER, "Pieter de Vries"),
    ("Marta Lindqvist polubiła post użytkownika Jan Kowalski.", OWNER, "Jan Kowalski"),  # Polish: no table
    ("Marta Lindqvist, Ahmet Yılmaz'ın gönderisini beğendi.", OWNER, "Ahmet Yılmaz"),  # Turkish: no table
    ("Marta Lindqvist skomentowała zdjęcie użytkownika Zoë Martin", OWNER, "Zoë Martin"),
    ("Marta Lindqvist likes a link.", OWNER, None),
])
def test_titles_are_read_in_any_language_by_a_known_name(title, actor, target):
    assert title_target(title, actor, KNOWN) == target


@pytest.mark.parametrize("title", ["Marta Lindqvist polubiła post użytkownika Jan Kowalski.",
                                   "Marta Lindqvist, Ahmet Yılmaz'ın gönderisini beğendi."])
def test_a_title_in_a_language_without_table_naming_nobody_known_is_refused(title):
    with pytest.raises(UnknownLanguage, match="language not recognised"):
        title_target(title, OWNER, KnownNames(["Mette Hansen"], owner=[OWNER]))


def test_comments_and_reactions_json_of_2022_is_read(as_):
    records = parse(as_("f4-2022-comments"))
    member = "comments_and_reactions/comments_and_reactions.json"
    assert interactions(records, member) == [
        (1, "Jonas Weber", "comment", "out"), (2, "Chloé Dubois", "comment", "out"),
        (3, "Aylin Demir", "comment", "out")]
    assert [r.line for r in records if isinstance(r, Account) and r.member == member and r.is_owner] == [4]


def test_follow_lists_in_numbered_parts_count_a_repeated_entry_once():
    records = of("f5-2024-follows")
    folder = "connections/followers/"
    assert [(r.member.removeprefix(folder), r.account_ref) for r in records
            if isinstance(r, Interaction) and r.direction == "in"] == [
        ("people_who_followed_you_1.json", "Aylin Demir"), ("people_who_followed_you_1.json", "Lukas Berger"),
        ("people_who_followed_you_2.json", "Zoë Martin")]
    note = next(n.note for n in records if isinstance(n, MemberNote) and n.member.endswith("_2.json"))
    assert note == "followers list; repeats of an entry already read from the list (account only): 1"


def test_2019_following_and_followers_folder_is_read_and_its_pages_left_out():
    records = of("f3-2019-follows")
    notes = {n.member: (n.handling, n.note) for n in records if isinstance(n, MemberNote)}
    assert notes["following_and_followers/followers.json"] == ("parsed", "followers list")
    assert notes["following_and_followers/followed_pages.json"] == ("ignored", "pages followed, not people")
    assert {r.account_ref for r in records if isinstance(r, Account) and "followers.json" in r.member} == {
        "Aylin Demir", "Zoë Martin"}


def test_a_single_messenger_thread_file_is_read_as_a_facebook_thread(unsocial, tmp_path):
    single = fixture("facebook", "single-thread-2024", "message_1.json")
    export = Export(single)
    assert detect_source(export) is facebook
    records = parse(export)
    assert interactions(records, "message_1.json") == [
        (1, "Jonas Weber", "message", "in"), (2, "Jonas Weber", "message", "out"), (4, "Jonas Weber", "message", "in"),
        (4, "Jonas Weber", "reaction", "out")]
    assert {r.thread_ref for r in records if isinstance(r, Interaction)} == {"inbox/jonasweber_1429473610655523"}
    result = unsocial("ingest", single, "--db", tmp_path / "u.duckdb")
    assert result.code == 0, result.err
    assert "facebook" in result.out


def test_a_file_no_source_reads_is_refused_naming_every_source(unsocial, tmp_path):
    from ingest.sources import SOURCES

    other = tmp_path / "message_1.json"
    other.write_text('{"participants": [], "note": "not a thread"}')
    result = unsocial("ingest", other, "--db", tmp_path / "u.duckdb")
    assert result.code == 1 and "not a recognised export" in result.err
    assert all(name in result.err for name in SOURCES) and len(SOURCES) == 8


# --- F0 html/messages.htm of 2013-2016: US times with zone abbreviations, German long forms ---------------------

def utc_messages(records) -> list[tuple]:
    return [(r.line, r.account_ref, r.direction, r.occurred_at) for r in records if isinstance(r, Interaction)]


def test_f0_us_times_with_pdt_and_pst_are_placed_in_utc(as_):
    records = parse(as_("f0-2013-html-us"))
    assert utc_messages(records) == [
        (1, "Rachel Kim", "in", datetime(2013, 11, 3, 9, 30)),  # "1:30am PST": the hour repeated when clocks went back
        (2, "Rachel Kim", "out", datetime(2013, 11, 3, 8, 30)),  # "1:30am PDT", the hour before
        (3, "Rachel Kim", "in", datetime(2013, 10, 5, 16, 12)),
        (4, "Rachel Kim", "out", datetime(2013, 10, 5, 5, 6)),
        (5, "Rachel Kim", "in", datetime(2013, 10, 5, 5, 5)),  # "Friday, October 4, 2013 at 10:05pm PDT"
        (6, "Miguel Santos", "out", datetime(2015, 3, 9, 15, 0)),
        (7, "Miguel Santos", "in", datetime(2015, 3, 8, 3, 45)),
        (8, "Miguel Santos", "out", datetime(2014, 12, 24, 20, 0)),  # "12:00pm PST"
        (9, "Miguel Santos", "in", datetime(2014, 12, 24, 8, 15)),  # "12:15am PST"
        (10, "Tyler Brooks", "in", datetime(2016, 7, 16, 22, 20)),
        (11, "Hannah Berg", "in", datetime(2016, 7, 16, 21, 2)),
        (13, "Hannah Berg", "out", datetime(2016, 7, 16, 4, 30)), (13, "Tyler Brooks", "out", datetime(2016, 7, 16, 4, 30)),
        (14, "Priya Natarajan", "in", datetime(2016, 1, 12, 14, 58)),
        (15, "Priya Natarajan", "out", datetime(2016, 1, 12, 7, 59)),
        (16, "Priya Natarajan", "out", datetime(2016, 1, 11, 20, 5)),
        (17, "Priya Natarajan", "in", datetime(2016, 1, 11, 20, 1)),
        (18, "Priya Natarajan", "out", datetime(2016, 1, 11, 2, 2)),
        (19, "Priya Natarajan", "in", datetime(2016, 1, 11, 1, 40))]


def test_f0_us_correspondents_become_accounts_and_the_zone_reading_is_said(as_):
    records = parse(as_("f0-2013-html-us"))
    assert {r.account_ref: r.is_owner for r in records if isinstance(r, Account)} == {
        "Daniel Okafor": True, "Rachel Kim": False, "Miguel Santos": False, "Hannah Berg": False,
        "Tyler Brooks": False, "Priya Natarajan": False}
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(12, "user: missing")]
    notes = {n.member: n.note for n in records if isinstance(n, MemberNote)}
    # PST is also Pakistan's and the Philippines' abbreviation (data/time_zones.csv)
    assert notes["html/messages.htm"] == ("Messenger threads (F0/F1 HTML); "
                                          "zone PST read as Pacific Standard Time (US and Canada), UTC-08:00: 10")
    assert_nothing_lost(records)


def test_f0_german_long_forms_are_placed_in_utc(as_):
    records = parse(as_("f0-2016-html-de"))
    assert utc_messages(records) == [
        (1, "Katrin Vogel", "in", datetime(2016, 12, 4, 12, 54)),  # "Sonntag, 4. Dezember 2016 um 13:54 UTC+01"
        (2, "Katrin Vogel", "out", datetime(2016, 12, 4, 12, 40)),
        (3, "Katrin Vogel", "in", datetime(2016, 10, 30, 1, 30)),  # "02:30 UTC+01", the hour repeated
        (4, "Katrin Vogel", "out", datetime(2016, 10, 30, 0, 30)),  # "02:30 UTC+02"
        (5, "Mehmet Yılmaz", "in", datetime(2016, 7, 9, 7, 5)),
        (6, "Mehmet Yılmaz", "out", datetime(2016, 7, 8, 20, 47)),
        (7, "Mehmet Yılmaz", "in", datetime(2016, 6, 1, 16, 0)),
        (9, "Sophie Braun", "out", datetime(2015, 12, 31, 23, 3))]  # "Freitag, 1. Januar 2016 um 00:03 UTC+01"
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (8, "meta: time without a UTC offset")]
    assert {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner} == {
        "Katrin Vogel", "Mehmet Yılmaz", "Sophie Braun"}
    assert_nothing_lost(records)
