"""Facebook shapes that were lost silently, the run saying "left out on purpose: nothing to do" while they
hold people: the timeline of 2018 to January 2020 (posts others wrote on the owner's), the owner's posts
with the timelines they were written on and the people tagged (F3, F6), and the HTML file names of 2025
with apostrophes written as "_". Two shapes read already are catalogued with a fixture here: HTML of an
Italian-language account and the late-2023 your_activity_across_facebook/messages folders."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from datetime import datetime

import pytest

from conftest import assert_nothing_lost, fixture
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from ingest.columns import Columns
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export

OWNER = "Marta Lindqvist"
WALL = "posts/other_people's_posts_to_your_timeline.json"
F3_POSTS = "posts/your_posts_1.json"
F6_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
FOLLOWED = "connections/followers/who_you_ve_followed.html"
NOT_KNOWN = "title: names no person known from this export; language not recognised"
# a sender Facebook leaves unnamed, and a reaction naming nobody: nothing to recover (advice.sql: "nothing to do")
NAMELESS = "no name, a deleted or deactivated account or one hidden from you, nothing to recover"
NAMES_NOBODY = "label_values: Name and author all missing (a reaction and a link only), nothing to recover"
NEW = ["f3-2018-wallposts", "f3-2019-posts", "f6-2025-posts", "f6-2025-html-apostrophe", "f6-2025-html-it",
       "f5-2023-across", "f6-2025-waves", "f4-2021-html-fr", "f3-2019-html", "f0-2015-wall", "f0-2017-es-timeline",
       "f4-2021-html-fr-people"]


def parse(export: Export) -> list:
    """Every record, each Columns batch turned into models as the loader would see them."""
    out = []
    for record in facebook.parse(export):
        out += [record.model(**r) for r in record.rows(range(len(record)))] if isinstance(record, Columns) else [record]
    return out


def interactions(records, member: str) -> list[tuple]:
    return [(r.line, r.account_ref, r.kind, r.direction) for r in records
            if isinstance(r, Interaction) and r.member == member]


def quarantined(records) -> dict[tuple, str]:
    return {(q.member, q.line): q.reason for q in records if isinstance(q, Quarantined)}


def owner_lines(records, member: str) -> list[int]:
    return [r.line for r in records if isinstance(r, Account) and r.member == member and r.is_owner]


def notes(records) -> dict[str, tuple[str, str]]:
    return {n.member: (n.handling, n.note) for n in records if isinstance(n, MemberNote)}


def read_whole(export) -> list:
    """The records of a Facebook export every file of which is read, with nothing lost."""
    assert detect_source(export) is facebook
    records = parse(export)
    assert {member: handling for member, (handling, _) in notes(records).items() if handling != "parsed"} == {}
    assert_nothing_lost(records)
    return records


@pytest.mark.parametrize("vintage", NEW)
def test_every_file_of_the_new_shapes_is_read_and_nothing_is_lost(as_, vintage):
    records = read_whole(as_(vintage))
    counterparts = {r.account_ref for r in records if isinstance(r, Interaction)}
    assert OWNER not in counterparts
    assert counterparts <= {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner}


# --- the timeline: posts others wrote on the owner's (2018 - January 2020) ----------------------------

def test_posts_others_wrote_on_the_timeline_are_comments_from_them(as_):
    records = parse(as_("f3-2019-posts"))  # {"wall_posts_sent_to_you": {"activity_log_data": […]}}
    assert interactions(records, WALL) == [
        (1, "Lena Vogel", "comment", "in"), (2, "Omar Haddad", "comment", "in"),  # "… posted in your timeline."
        (3, "Tomás Novak", "comment", "in"), (4, "Ines Duarte", "comment", "in")]  # the name's mojibake repaired
    times = [r.occurred_at for r in records if isinstance(r, Interaction) and r.member == WALL]
    assert times[0] == datetime(2019, 1, 1, 13, 0)
    assert quarantined(records) == {(WALL, 5): "title: missing", (F3_POSTS, 4): "timestamp: not a number"}
    assert notes(records)[WALL] == ("parsed", "posts others wrote on your timeline")


def test_the_2018_timeline_as_a_plain_list_and_the_status_updates_are_read(as_):
    records = parse(as_("f3-2018-wallposts"))  # {"wall_posts_sent_to_you": […]}
    assert interactions(records, WALL) == [(1, "Lena Vogel", "comment", "in"), (2, "Zoë Martin", "comment", "in")]
    assert quarantined(records) == {(WALL, 3): "timestamp: missing"}
    assert interactions(records, "posts/your_posts.json") == [(1, "Jonas Weber", "comment", "out")]
    assert owner_lines(records, "posts/your_posts.json") == [2]  # "… updated her status."


# --- the owner's posts: the timeline written on, the people tagged ------------------------------------------

@pytest.mark.parametrize("vintage, member, expected, own, refused", [
    ("f3-2019-posts", F3_POSTS,
     [(1, "Aylin Demir", "comment", "out"),  # "Marta Lindqvist wrote on Aylin Demir's timeline."
      (2, "Lena Vogel", "mention", "out"), (2, "Ines Duarte", "mention", "out")],  # tags
     [3], {4: "timestamp: not a number"}),
    ("f6-2025-posts", F6_POSTS,
     [(1, "Lena Vogel", "comment", "out"), (2, "Ines Duarte", "comment", "out"),
      (3, "Omar Haddad", "mention", "out"), (3, "Tomás Novak", "mention", "out"),
      (4, "Aylin Demir", "mention", "out")],  # a check-in with one tag
     [5], {6: "tags.name: missing"}),
])
def test_the_owners_posts_name_the_timeline_written_on_and_the_people_tagged(as_, vintage, member, expected, own,
                                                                             refused):
    records = parse(as_(vintage))
    assert interactions(records, member) == expected
    assert owner_lines(records, member) == own  # a post naming nobody else: the owner's own record
    assert {line: reason for (m, line), reason in quarantined(records).items() if m == member} == refused
    assert notes(records)[member] == ("parsed", "your posts")


def test_timeline_titles_in_another_language_are_read_by_the_names_the_export_knows(tmp_path):
    # a Swedish account: no sentence table, the friends' names in the titles are enough
    export = tmp_path / "facebook-martalindqvist"
    shutil.copytree(fixture("facebook", "f3-2019-posts"), export)
    (export / WALL).write_text(json.dumps({"wall_posts_sent_to_you": {"activity_log_data": [
        {"timestamp": 1546347600, "title": "Ines Duarte skrev p\u00c3\u00a5 din tidslinje."},
        {"timestamp": 1546351200, "title": "Okänd Person skrev p\u00c3\u00a5 din tidslinje."}]}}))
    (export / F3_POSTS).write_text(json.dumps([
        {"timestamp": 1546441200, "title": "Marta Lindqvist skrev p\u00c3\u00a5 Jonas Webers tidslinje."},
        {"timestamp": 1546444800, "title": "Marta Lindqvist var p\u00c3\u00a5 Slottsskogen."}]))
    records = parse(Export(export))
    assert interactions(records, WALL) == [(1, "Ines Duarte", "comment", "in")]
    assert quarantined(records) == {(WALL, 2): NOT_KNOWN}  # a stranger in a language without a table: not guessed
    assert interactions(records, F3_POSTS) == [(1, "Jonas Weber", "comment", "out")]
    assert owner_lines(records, F3_POSTS) == [2]
    assert notes(records)[F3_POSTS][1] == ("your posts; titles naming nobody the export knows, in a form not "
                                           "recognised (read as your own posts): 1")


# --- HTML of 2025: apostrophes written as "_" in file names -------------------------------------------------

def test_html_follows_with_the_apostrophe_written_as_underscore_are_read(as_):
    records = parse(as_("f6-2025-html-apostrophe"))
    assert [(r.line, r.account_ref, r.kind, r.direction, r.occurred_at) for r in records
            if isinstance(r, Interaction) and r.member == FOLLOWED] == [
        (1, "Lena Vogel", "follow", "out", datetime(2025, 6, 4, 18, 46, 10)),
        (2, "Omar Haddad", "follow", "out", datetime(2024, 2, 1, 9, 15)),
        (3, "Aylin Demir", "follow", "out", datetime(2023, 11, 30, 23, 2, 33))]
    assert quarantined(records) == {(FOLLOWED, 4): "name: missing"}
    assert notes(records)[FOLLOWED] == ("parsed", "following list (HTML)")


def test_an_html_list_with_the_apostrophe_as_underscore_beside_its_json_twin_is_left_out_as_the_twin(tmp_path):
    export = tmp_path / "facebook-martalindqvist"
    shutil.copytree(fixture("facebook", "f6-2025-html-apostrophe"), export)
    twin = "connections/followers/who_you've_followed.json"
    (export / twin).write_text(json.dumps({"following_v2": [{"name": "Lena Vogel", "timestamp": 1717526770}]}))
    records = parse(Export(export))
    assert notes(records)[FOLLOWED] == ("ignored", "HTML twin of a JSON file that is read instead")
    assert interactions(records, twin) == [(1, "Lena Vogel", "follow", "out")]


# --- through the command line: nothing that holds people is said to be nothing to do ---------------------------

def table(result) -> list[dict]:
    return list(csv.DictReader(io.StringIO(result.out)))


@pytest.mark.parametrize("vintage", ["f3-2018-wallposts", "f3-2019-posts", "f6-2025-posts", "f6-2025-html-apostrophe",
                                     "f6-2025-waves", "f4-2021-html-fr", "f3-2019-html", "f0-2015-wall",
                                     "f0-2017-es-timeline", "f4-2021-html-fr-people", "f5-2024-html-profile",
                                     "f4-2021-html-profile-vi"])
def test_the_run_no_longer_leaves_out_a_file_that_holds_people(unsocial, tmp_path, vintage):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("facebook", vintage), "--db", db)
    assert result.code == 0, result.err
    assert "left out" not in result.out
    left_out = unsocial("sql", "select member from not_read where handling in ('ignored', 'unknown')",
                        "--db", db, "--format", "csv")
    assert table(left_out) == []


# --- read already, catalogued: Italian HTML dates, late-2023 your_activity_across_facebook --------------------

def test_html_of_an_italian_account_is_read_with_its_month_names(as_):
    records = parse(as_("f6-2025-html-it"))
    friends = {r.account_ref: r.connected_at for r in records
               if isinstance(r, Account) and r.member == "connections/friends/your_friends.html"}
    assert friends == {"Lena Vogel": datetime(2019, 9, 9, 8, 0), "Ines Duarte": datetime(2020, 10, 31, 19, 45)}
    thread = "your_facebook_activity/messages/inbox/lenavogel_1720000000999888/message_1.html"
    assert [(r.direction, r.occurred_at) for r in records if isinstance(r, Interaction) and r.member == thread] == [
        ("in", datetime(2025, 6, 4, 18, 46, 10)),  # "giu 04, 2025 6:46:10 pm"
        ("out", datetime(2025, 6, 4, 18, 50, 2)), ("in", datetime(2024, 7, 12, 9, 3)),
        ("out", datetime(2024, 12, 24, 23, 59, 59))]
    assert [r.account_ref for r in records if isinstance(r, Account) and r.is_owner][:1] == [OWNER]  # no profile
    assert sorted(quarantined(records).values()) == ["name: missing", f"sender: {NAMELESS}"]  # an empty sender cell


def test_late_2023_threads_under_your_activity_across_facebook_are_read_in_every_folder(as_):
    records = parse(as_("f5-2023-across"))
    refs = {r.thread_ref: r.account_ref for r in records if isinstance(r, Interaction)}
    assert refs == {"inbox/omarhaddad_7012345678901234": "Omar Haddad",
                    "e2ee_cutover/lenavogel_7012345678901235": "Lena Vogel",
                    "filtered_threads/aylindemir_7012345678901236": "Aylin Demir",
                    "message_requests/tomasnovak_7012345678901237": "Tomás Novak"}
    assert Counter((r.kind, r.direction) for r in records if isinstance(r, Interaction)) == {
        ("message", "in"): 4, ("message", "out"): 2, ("reaction", "in"): 1, ("call", "in"): 1}
    assert list(quarantined(records).values()) == ["sender_name: missing"]


# --- 2025-2026: friends the owner waved at; a thread whose other participant has no name -------------------------

WAVES = "connections/friends/waving_emojis_you_sent_after_your_friend_requests_were_accepted.json"
UNNAMED = "your_facebook_activity/messages/inbox/1004000000000123/message_1.json"


def test_a_friend_the_owner_waved_at_is_an_account(as_):
    """Kofi accepted the owner's friend request and was waved at; he is in no other file (no longer a friend)."""
    records = parse(as_("f6-2025-waves"))
    assert [(r.line, r.account_ref) for r in records if isinstance(r, Account) and r.member == WAVES] == [
        (1, "Kofi Mensah")]
    assert interactions(records, WAVES) == []  # the file has no time: the account alone
    assert notes(records)[WAVES] == ("parsed", "waved list")
    friends = {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner}
    assert friends == {"Kofi Mensah", "Ines Carvalho", "Jonas Weber"}


def test_a_thread_whose_other_participant_has_no_name_is_refused_not_made_a_person(as_):
    """A 2025 thread folder of digits only, the other participant named "" (a Page's automatic replies)."""
    records = parse(as_("f6-2025-waves"))
    assert quarantined(records) == {(UNNAMED, 1): "participants: no one besides the owner but a deleted or "
                                                  "deactivated account",
                                    (UNNAMED, 2): f"sender_name: {NAMELESS}"}
    assert "" not in {r.account_ref for r in records if isinstance(r, Account)}
    assert_nothing_lost(records)


def nameless_html_thread(tmp_path) -> Export:
    """An HTML thread as readourchat/readourchat.github.io's (2022): an empty title, no participants line, and the
    other side's blocks without a sender cell, the body and the time only (the owner wrote lines 1 and 3)."""
    sent = '<div class="_3-95 _a6-g">{}<div class="_2ph_ _a6-p"><div><div></div><div>{}</div></div></div>' \
           '<div class="_3-94 _a6-o"><div class="_a72d">{}</div></div></div>'
    cell = '<div class="_2ph_ _a6-h _a6-i">Marta Lindqvist</div>'
    blocks = [sent.format(cell, "Bis bald", "Jan 10, 2020 5:12:39am"),
              sent.format("", "Gute Nacht", "Jan 10, 2020 5:11:12am"),
              sent.format(cell, "Wer ist da?", "Jan 10, 2020 5:10:36am"),
              sent.format("", "Ich muss los", "Jan 10, 2020 5:10:14am")]
    page = tmp_path / "messages/inbox/qtfr2zawow/message_1.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html><head><title></title></head><body><div class="_a706" role="main">'
                    f'{"".join(blocks)}</div></body></html>', encoding="utf-8")
    return Export(tmp_path)


def test_an_html_thread_whose_other_side_has_no_sender_cell_is_refused_as_nobody_named(tmp_path):
    """The body of a block without its sender cell was read as the sender: messages became people, and with no
    profile every message was refused "cannot tell the owner's messages apart", whose advice (add your profile)
    helps none of them. They are an account Facebook no longer names: nothing to recover."""
    records = parse(nameless_html_thread(tmp_path))
    member = "messages/inbox/qtfr2zawow/message_1.html"
    gone = "participants: no one besides the owner but a deleted or deactivated account"
    assert quarantined(records) == {(member, 1): gone, (member, 2): f"sender: {NAMELESS}",
                                    (member, 3): gone, (member, 4): f"sender: {NAMELESS}"}
    assert [q.excerpt for q in records if isinstance(q, Quarantined) and q.line == 2] == [
        '{"sender":null,"time":"Jan 10, 2020 5:11:12am"}']  # no message text taken for a sender
    assert not [r for r in records if isinstance(r, (Account, Interaction))]
    assert_nothing_lost(records)


def test_the_advice_for_records_naming_nobody_asks_for_nothing_that_cannot_help(unsocial, tmp_path):
    """The summary's advice for these records said "download it again" or "add your profile": neither names the
    person again."""
    for export in (nameless_html_thread(tmp_path / "html"), Export(fixture("facebook", "f6-2025-waves")),
                   Export(fixture("facebook", CREATOR))):
        result = unsocial("ingest", export.path, "--db", tmp_path / f"{export.path.name}.duckdb", "--owner", "marta")
        assert result.code == 0, result.err
        refused = [line for line in result.out.splitlines() if " refused (" in line]
        assert refused and not [line for line in refused if "download it again" in line or "add your profile" in line]
        nobody = [line for line in refused if "deleted or deactivated account" in line or "all missing" in line]
        assert nobody and all(line.endswith(("nothing to do: the platform no longer names this account",
                                             "nothing to do: the entry names nobody (no name, e-mail or phone)"))
                              for line in nobody), nobody


# --- HTML-only exports (2019-2024): reactions, comments, pokes and the timeline read by their titles ---------------
# Seven of ten published exports searched were HTML only; every one of these files was "left out: download the
# export in JSON format" (thousands of reactions and comments an export), and French February dates ("fév")
# were not read, so those months' messages were dropped.

FR = "f4-2021-html-fr"
FR_COMMENTS = "comments_and_reactions/comments.html"
FR_POKES = "other_activity/pokes.html"


def test_french_html_comments_reactions_and_group_comments_are_read_by_their_titles(as_):
    records = parse(as_(FR))
    assert interactions(records, FR_COMMENTS) == [
        (1, "Lena Vogel", "comment", "out"),  # a friend: found by name
        (3, "Chloé Martin", "comment", "out")]  # "a répondu au commentaire de …": by the French sentence
    assert owner_lines(records, FR_COMMENTS) == [2, 4]  # "… son propre commentaire.", "la photo de - Bonne année ! -"
    assert interactions(records, "comments_and_reactions/posts_and_comments.html") == [
        (1, "Lena Vogel", "reaction", "out"), (3, "Aylin Demir", "reaction", "out")]
    assert interactions(records, "groups/your_comments_in_groups.html") == [(1, "Omar Haddad", "comment", "out")]
    assert notes(records)[FR_COMMENTS] == ("parsed", "comments written (HTML)")
    assert_nothing_lost(records)


def test_french_html_pokes_go_both_ways_and_a_stranger_is_read_by_the_sentence(as_):
    # "Jeanne Inconnue a envoyé un poke à <owner>": the owner on one side of the sentence, so the other is who poked
    # (tests/test_facebook_sweep15d.py), though the export names her nowhere else
    records = parse(as_(FR))
    assert interactions(records, FR_POKES) == [(1, "Lena Vogel", "poke", "out"), (2, "Omar Haddad", "poke", "in"),
                                               (3, "Jeanne Inconnue", "poke", "in")]
    assert {k: v for k, v in quarantined(records).items() if k[0] in (FR_POKES, FR_COMMENTS)} == {
        (FR_COMMENTS, 5): "time: missing"}


def test_french_february_and_participants_joined_by_et_are_read(as_):
    records = parse(as_(FR))
    thread = "messages/inbox/lenavogel_1401657609873268/message_1.html"
    assert [(r.account_ref, r.direction, r.occurred_at) for r in records
            if isinstance(r, Interaction) and r.member == thread] == [
        ("Lena Vogel", "in", datetime(2021, 2, 12, 21, 5, 12)), ("Lena Vogel", "out", datetime(2021, 2, 12, 21, 7, 40))]
    people = {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner}
    assert people == {"Lena Vogel", "Omar Haddad", "Aylin Demir", "Chloé Martin",  # no "Aylin Demir et Marta …"
                      "Jeanne Inconnue"}


def test_english_html_of_2019_reads_the_timeline_comments_reactions_and_pokes(as_):
    records = parse(as_("f3-2019-html"))
    wall = "posts/other_people's_posts_to_your_timeline.html"
    assert interactions(records, wall) == [(1, "Lena Vogel", "comment", "in"), (2, "Tomás Novak", "comment", "in")]
    assert quarantined(records) == {(wall, 3): "title: a deleted or deactivated account, not one person"}
    assert interactions(records, "comments/comments.html") == [(1, "Lena Vogel", "comment", "out")]
    assert interactions(records, "likes_and_reactions/posts_and_comments.html") == [(1, "Omar Haddad", "reaction", "out")]
    assert [(r.account_ref, r.direction, r.occurred_at) for r in records
            if isinstance(r, Interaction) and r.member == "other_activity/pokes.html"] == [
        ("Omar Haddad", "in", datetime(2015, 2, 10, 15, 58))]


def test_an_html_activity_page_beside_its_json_twin_is_left_out_as_the_twin(tmp_path):
    export = tmp_path / "facebook-martalindqvist"
    shutil.copytree(fixture("facebook", FR), export)
    (export / "other_activity/pokes.json").write_text(json.dumps({"pokes_v2": [
        {"poker": "Marta Lindqvist", "pokee": "Lena Vogel", "timestamp": 1615899441}]}))
    records = parse(Export(export))
    assert notes(records)[FR_POKES] == ("ignored", "HTML twin of a JSON file that is read instead")
    assert interactions(records, "other_activity/pokes.json") == [(1, "Lena Vogel", "poke", "out")]


# --- HTML pages still left out after the activity pages (2014-2024): F0 timelines, undated followers, the people
# pages. Of the published exports: a French follower list of 200 names and no dates (all lost), 962 and 1,631
# "… are now friends." stories and 218 and 22 posts others wrote on the owner's timeline in two F0 dumps, and per
# export tens to a thousand records of people_and_friends, recently_visited, your_address_books, your_posts and
# story_reactions pages left out with "download the export in JSON format".

F0_WALL = "html/wall.htm"
TIMELINE = "html/timeline.html"
FOLLOWS_YOU = "friends_and_followers/people_who_follow_you.html"
FR_PEOPLE = "f4-2021-html-fr-people"
ES_2024 = "f5-2024-html-es"


def accounts(records, member: str) -> list[tuple]:
    return [(r.line, r.account_ref) for r in records
            if isinstance(r, Account) and r.member == member and not r.is_owner]


def test_f0_friendships_on_the_wall_date_the_friends_and_posts_others_wrote_there_are_comments_from_them(as_):
    """html/wall.htm (English, 2015): the friends page has no dates; the wall says when each friendship began."""
    records = parse(as_("f0-2015-wall"))
    assert [(r.line, r.account_ref, r.kind, r.direction, r.occurred_at) for r in records
            if isinstance(r, Interaction) and r.member == F0_WALL] == [
        (1, "Jonas Weber", "friendship", "mutual", datetime(2015, 12, 21, 15, 48)),
        (3, "Aylin Demir", "comment", "in", datetime(2015, 8, 20, 17, 15)),  # "… posted a photo to Marta …'s timeline."
        (6, "Lena Vogel", "comment", "in", datetime(2015, 4, 13, 16, 7)),  # "… wrote on your timeline." (UTC+01)
        (7, "Omar Haddad", "comment", "in", datetime(2015, 3, 3, 9, 10)),  # "… posted a link to your timeline."
        (8, "Pieter de Vries", "friendship", "mutual", datetime(2015, 1, 9, 18, 52))]
    connected = {r.account_ref: r.connected_at for r in records if isinstance(r, Account) and r.connected_at}
    assert connected == {"Jonas Weber": datetime(2015, 12, 21, 15, 48), "Pieter de Vries": datetime(2015, 1, 9, 18, 52)}
    # the owner's own stories: a status, a photo dated back ("(Displayed as …)": the time posted is read), no text
    assert owner_lines(records, F0_WALL) == [2, 5, 10]
    assert {k: v for k, v in quarantined(records).items() if k[0] == F0_WALL} == {
        (F0_WALL, 4): "text: a deleted or deactivated account, not one person",
        (F0_WALL, 9): "meta: date in no known format"}
    assert notes(records)[F0_WALL] == ("parsed", "timeline (F0 HTML)")
    assert_nothing_lost(records)


def test_a_spanish_f0_timeline_dates_the_friends_its_friends_page_cannot_and_counts_each_friendship_once(as_):
    """html/timeline.html (Spanish, 2017): "A y B ahora son amigos.", "A e Isabel …"; the friends page gives
    "1 de abril de 2014" (read) and "12 de marzo" (no year, no footer: undated)."""
    records = parse(as_("f0-2017-es-timeline"))
    friendships = sorted((r.account_ref, r.member, r.occurred_at) for r in records
                         if isinstance(r, Interaction) and r.kind == "friendship")
    assert friendships == [("Carmen Soto", TIMELINE, datetime(2014, 3, 12, 15, 20)),
                           ("Diego Ramírez", "html/friends.html", datetime(2014, 4, 1)),  # once, from the friends page
                           ("Isabel Cruz", TIMELINE, datetime(2017, 9, 2, 20, 51))]
    assert interactions(records, TIMELINE) == [
        (2, "Isabel Cruz", "friendship", "mutual"), (4, "Pablo Ruiz", "comment", "in"),  # "… en tu biografía."
        (5, "Rosa Prieto", "comment", "in"),  # "… agregó una foto nueva a la biografía de <owner>."
        (8, "Carmen Soto", "friendship", "mutual")]
    assert accounts(records, TIMELINE) == [(2, "Isabel Cruz"), (4, "Pablo Ruiz"), (5, "Rosa Prieto"),
                                           (7, "Diego Ramírez"), (8, "Carmen Soto")]
    assert owner_lines(records, TIMELINE) == [1, 3]  # a game, a status with its text only
    assert quarantined(records) == {(TIMELINE, 6): "text: a deleted or deactivated account, not one person"}
    assert notes(records)[TIMELINE] == (
        "parsed", "timeline (F0 HTML); friendships the friends page dates already (account only): 1")
    assert_nothing_lost(records)


def test_html_followers_without_dates_are_accounts(as_):
    """people_who_follow_you.html (French, 2021): a name per block and no date anywhere but the footer's."""
    records = parse(as_(FR_PEOPLE))
    assert accounts(records, FOLLOWS_YOU) == [(1, "Lena Vogel"), (2, "Hugo Lefèvre"), (4, "Inès Moreau")]
    assert interactions(records, FOLLOWS_YOU) == []  # no date: the account alone, as in the JSON list
    assert {k: v for k, v in quarantined(records).items() if k[0] == FOLLOWS_YOU} == {(FOLLOWS_YOU, 3): "name: missing"}
    assert notes(records)[FOLLOWS_YOU] == ("parsed", "followers list (HTML)")


def test_french_html_people_visits_address_book_posts_and_story_reactions_are_read(as_):
    records = parse(as_(FR_PEOPLE))
    people = "activity_messages/people_and_friends.html"
    assert accounts(records, people) == [(1, "Omar Haddad"), (2, "Camille Roux")]
    assert interactions(records, people) == []  # as in JSON: what the interaction was is not said
    visits = "your_interactions_on_facebook/recently_visited.html"
    assert interactions(records, visits) == [  # not the group visited, not the Marketplace days
        (1, "Lena Vogel", "profile_visit", "out"), (2, "Camille Roux", "profile_visit", "out")]
    book = "other_personal_information/your_address_books.html"
    assert [(r.line, r.platform, r.account_ref, r.phone) for r in records
            if isinstance(r, Account) and r.member == book] == [
        (1, "addressbook", "Julien Petit", "+33612345678"), (2, "addressbook", "Sophie", "+3247123456"),
        (2, "addressbook", "Sophie", "+33698765432")]
    posts = "posts/your_posts_1.html"
    assert interactions(records, posts) == [
        (1, "Lena Vogel", "comment", "out"),  # "… a écrit sur le journal de Lena Vogel."
        (3, "Hugo Lefèvre", "mention", "out"), (3, "Inès Moreau", "mention", "out"),  # "Vous avez identifié A, B et C"
        (3, "Camille Roux", "mention", "out"), (4, "Théo Blanc", "comment", "out")]  # known nowhere else: the sentence
    assert owner_lines(records, posts) == [2, 5]  # a friend named in the post's own text is not its timeline
    assert interactions(records, "stories/story_reactions.html") == [(1, "Lena Vogel", "reaction", "out")]
    assert quarantined(records) == {(FOLLOWS_YOU, 3): "name: missing",
                                    (book, 3): "name, details.contact_point: all missing"}
    assert_nothing_lost(records)


def test_spanish_2024_html_pages_and_undated_story_reactions_dated_at_the_download(as_):
    records = parse(as_(ES_2024))
    stories = "your_facebook_activity/stories/story_reactions.html"
    # no time in the page: dated at the download the page's header gives, the latest they can be
    assert interactions(records, stories) == [(1, "Carmen Soto", "reaction", "out"),
                                              (2, "Elena Vidal", "reaction", "out")]
    assert {k: v for k, v in quarantined(records).items() if k[0] == stories} == {}
    assert accounts(records, "logged_information/activity_messages/people_and_friends.html") == [
        (1, "Carmen Soto"), (2, "Javier Molina")]
    assert interactions(records, "logged_information/your_interactions_on_facebook/recently_visited.html") == [
        (1, "Javier Molina", "profile_visit", "out")]  # "Visitas a perfiles", not "Grupos visitados"
    posts = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html"
    assert owner_lines(records, posts) == [1, 2]  # "… ha compartido una publicación.", a friend named in a post's text
    assert notes(records)[posts] == ("parsed", "your posts (HTML)")
    tooltip = "your_facebook_activity/comments_and_reactions/audio_comment_tooltip_views.html"
    assert notes(records)[tooltip] == (
        "ignored", "how often the owner was shown the tip about audio comments: a count, no person")
    assert {m for m, (handling, _) in notes(records).items() if handling != "parsed"} == {tooltip}
    assert_nothing_lost(records)


CREATOR = "f6-2025-creator"
ACROSS = "this_profile's_activity_across_facebook/"
LIKES = ACROSS + "comments_and_reactions/likes_and_reactions.json"
INVITES = ACROSS + "groups/group_invites_you've_sent.json"
BADGES = "profile_information/profile_information/rising_fan_badges_you've_"


def test_a_2025_creator_export_reads_photo_owners_reacted_to_and_people_invited_to_groups(as_):
    """this_profile's_activity_across_facebook/ (2025, Phyoe-ptt/nobel_mount): reactions whose other person is an
    "Owner" block, group invitations with an "Invitee" block; counts and badges left out, each with its reason."""
    records = parse(as_(CREATOR))
    assert interactions(records, LIKES) == [
        (1, "Jonas Weber", "reaction", "out"), (2, "Zofia Kowalska", "reaction", "out"),  # named nowhere else
        (3, "Tomás Novak", "reaction", "out"), (4, "Jonas Weber", "reaction", "out")]  # the Author, not the Group
    assert interactions(records, INVITES) == [
        (1, "Zofia Kowalska", "invitation", "out"), (2, "Ines Duarte", "invitation", "out")]  # never the group
    assert quarantined(records) == {(LIKES, 5): NAMES_NOBODY,  # the reaction and a link only
                                    (INVITES, 3): "label_values: no Invitee block (language not recognised?)"}
    found = notes(records)
    assert found[INVITES] == ("parsed", "group invitations sent")
    assert found[ACROSS + "comments_and_reactions/your_comment_active_days.json"] == (
        "ignored", "on how many days the owner commented lately: counts, no person")
    assert found[BADGES + "given.json"][0] == found[BADGES + "received.json"][0] == "ignored"
    assert "no interaction" in found[BADGES + "given.json"][1]
    assert {m for m, (handling, _) in found.items() if handling == "unknown"} == set()
    assert_nothing_lost(records)


def test_a_spanish_html_thread_lists_its_participants():
    """"Participantes: A y B" above a 2024 Spanish HTML thread (DskyDsky/Aldemar-Snow-): a participant who never
    wrote is one of the thread's people, and "A y B" are two."""
    from bs4 import BeautifulSoup

    from ingest.sources.facebook.html_threads import thread_page

    soup = BeautifulSoup("<html><head><title>Lucía Ortega</title></head><body><div role='main'>"
                         "<div>Participantes: Lucía Ortega y Mateo Ruiz</div></div></body></html>", "lxml")
    assert thread_page(soup)[1] == ["Lucía Ortega", "Mateo Ruiz"]


# --- the owner's profile in HTML: profile_information.html, 2019-2026 ----------------------------------------------

PROFILE_HTML = "personal_information/profile_information/profile_information.html"
PROFILE_VI = "profile_information/profile_information.html"


def profile_rows(records, member: str) -> list[tuple]:
    return [(r.account_ref, r.is_owner, r.profile_url) for r in records
            if isinstance(r, Account) and r.member == member]


def test_an_html_profile_names_the_owner_family_and_partner_as_the_json_file_does(as_):
    """personal_information/profile_information/profile_information.html of 2024 (ishfaqlp4/mahbubkhan): one table,
    the owner's name its first row, the family a list in a list; a partner's sentence assumed [U]."""
    records = parse(as_("f5-2024-html-profile"))
    assert profile_rows(records, PROFILE_HTML) == [
        (OWNER, True, "https://www.facebook.com/marta.lindqvist"),
        ("Astrid (Asta) Berg", False, None), ("Erik Lindqvist", False, None),  # "Name&nbsp;(Cousin)&nbsp;(time)"
        ("Ingrid Lindqvist", False, None), ("Tomasz Nowak", False, None)]  # "In a relationship with Tomasz Nowak"
    # not the ex-partner of "Previous relationships" nor the owner's previous name, as in JSON
    assert interactions(records, PROFILE_HTML) == []  # accounts without interaction, as in JSON
    assert notes(records)[PROFILE_HTML] == ("parsed", "profile (HTML)")
    assert quarantined(records) == {}
    assert {m for m, (handling, _) in notes(records).items() if handling != "parsed"} == set()
    assert_nothing_lost(records)


def test_a_vietnamese_html_profile_alone_is_an_export_with_its_owner_and_family(as_):
    """profile_information/profile_information.html of 2021 in Vietnamese (vanhai260300/MyFaceBook): "Gia đình"
    ``(Bố)``, ``(Mẹ)``; "Độc thân" (single) names nobody; an empty line of the list is no one."""
    export = as_("f4-2021-html-profile-vi")
    assert detect_source(export) is facebook
    records = parse(export)
    assert profile_rows(records, PROFILE_VI) == [
        ("Nguyễn Thị Lan", True, "https://www.facebook.com/lan.nguyen.example"),
        ("Nguyễn Minh Tuấn", False, None), ("Nguyễn Văn Bình", False, None), ("Phạm Thị Thu", False, None)]
    assert notes(records) == {PROFILE_VI: ("parsed", "profile (HTML)")}
    assert_nothing_lost(records)


@pytest.mark.parametrize("text, member", [
    ("Ann Berg\xa0(Younger brother)", {"name": "Ann Berg", "relation": "Younger brother"}),  # 2019, Kyrozyn/fb_history
    ("Ann Berg\xa0(Sister)\xa0(Aug 12, 2017 2:52:45pm)", {"name": "Ann Berg", "relation": "Sister"}),  # 2021 on
    ("Ann Berg\xa0(Aunt)\xa0(May 16, 2014, 1:19 AM)", {"name": "Ann Berg", "relation": "Aunt"}),  # 2021, Mgr725/Mgr725
    ("Jan (Janne) Berg\xa0(Brother)", {"name": "Jan (Janne) Berg", "relation": "Brother"}),
    ("Ann Berg", {"name": "Ann Berg", "relation": None}),
    ("\xa0", None),
])
def test_a_family_line_of_the_html_profile_is_a_name_and_its_relation(text, member):
    from ingest.sources.facebook.html_profile import family_member

    assert family_member(text) == member


PAGE = ("<html><body><div class='_a706' role='main'><div class='pam uiBoxWhite noborder'><table class='_a6_n'>{}"
        "</table></div></div></body></html>")


@pytest.mark.parametrize("page, handling, note, read", [
    (PAGE.format("<tr><th>Name</th><td><br /></td></tr><tr><th>Relationship status</th><td>Single</td></tr>"),
     "no_people", "profile (HTML); no name, family member or partner found", 0),
    (PAGE.format("<tr><th>Email addresses</th><td><ul><li>a&#064;example.se</li></ul></td></tr>"
                 "<tr><th>Family</th><td><ul><ul><li>Ingrid Lindqvist&nbsp;(Mother)</li></ul></ul></td></tr>"),
     "parsed", "profile (HTML); the owner's name not found in the first row (HTML layout not recognised)", 1),
    ("<html><body><div role='main'><section class='_a6-g'>?</section></div></body></html>",
     "parsed", "profile (HTML); no table of profile fields found: HTML layout not recognised", 0),
    (b"\x00\xff\xfe not a page at all", "parsed",
     "profile (HTML); no table of profile fields found: HTML layout not recognised", 0),
])
def test_an_html_profile_that_cannot_be_read_whole_is_read_with_what_it_has(tmp_path, page, handling, note, read):
    export = tmp_path / "facebook-martalindqvist"
    shutil.copytree(fixture("facebook", "f5-2024-html-profile"), export)
    target = export / PROFILE_HTML
    target.write_bytes(page) if isinstance(page, bytes) else target.write_text(page, encoding="utf-8")
    records = parse(Export(export))
    member = next(n for n in records if isinstance(n, MemberNote) and n.member == PROFILE_HTML)
    assert (member.handling, member.note, member.records_read) == (handling, note, read)
    assert [r.account_ref for r in records if isinstance(r, Account) and r.member == PROFILE_HTML] == (
        ["Ingrid Lindqvist"] if read else [])
    assert quarantined(records) == {}
    assert_nothing_lost(records)


def test_a_vietnamese_html_export_dates_its_friendships(as_):
    """Facebook's HTML in Vietnamese (2021) numbers its months: "23:01, 6 tháng 3, 2018" (vanhai260300/MyFaceBook).
    Every friendship was quarantined as a date in no known format."""
    records = parse(as_("f4-2021-html-vi-friends"))
    assert_nothing_lost(records)
    assert sorted((r.account_ref, r.occurred_at) for r in records if isinstance(r, Interaction)) == [
        ("Lê Thu Hà", datetime(2017, 10, 26, 7, 41)), ("Phạm Quốc Bảo", datetime(2015, 12, 1, 14, 22)),
        ("Trần Minh Khoa", datetime(2018, 3, 6, 23, 1))]
    assert not [r for r in records if isinstance(r, Quarantined)]


def test_a_chinese_html_export_dates_its_friendships(as_):
    """Facebook's HTML in Chinese (2025, VoidPharah41/fb_old ``connections/friends/your_friends.html``) numbers its
    months and writes AM and PM as CLDR's 上午 and 下午: "3 月 18, 2023 8:12:40 上午". Every friendship was undated
    (343 in the real export), every time of its other pages unread."""
    records = parse(as_("f6-2025-html-zh"))
    assert_nothing_lost(records)
    assert sorted((r.account_ref, r.occurred_at) for r in records if isinstance(r, Interaction)) == [
        ("Kevin Wu", datetime(2021, 11, 5, 16, 47, 19)), ("林志明", datetime(2019, 10, 22, 0, 9, 31)),
        ("陳怡君", datetime(2023, 3, 18, 8, 12, 40))]
    assert all(r.connected_at for r in records if isinstance(r, Account))
    assert not [r for r in records if isinstance(r, Quarantined)]


VI_THREADS = "your_facebook_activity/messages/inbox/"


def test_a_vietnamese_html_export_of_2024_dates_its_messages(as_):
    """Facebook's HTML in Vietnamese from 2022 on writes the English order with its own words for AM and PM against
    the time: "Tháng 6 14, 2023 4:25:08chiều" (nhoo6199/vbhk, phongpro321/MessageFB, Bangsaint05/abc123). Every
    message of such a thread was lost without a word (96,598 in one real export); the header's times are no message."""
    records = parse(as_("f5-2024-html-vi"))
    assert_nothing_lost(records)
    assert sorted((r.member.removeprefix(VI_THREADS).split("_")[0], r.account_ref, r.direction, r.occurred_at)
                  for r in records if isinstance(r, Interaction)) == [
        ("lethuha", "Lê Thu Hà", "in", datetime(2024, 1, 1, 0, 0, 5)),
        ("lethuha", "Lê Thu Hà", "out", datetime(2024, 1, 1, 0, 3, 15)),
        ("tranminhkhoa", "Trần Minh Khoa", "in", datetime(2022, 11, 2, 10, 17, 45)),
        ("tranminhkhoa", "Trần Minh Khoa", "in", datetime(2023, 6, 14, 16, 25, 8)),
        ("tranminhkhoa", "Trần Minh Khoa", "out", datetime(2023, 6, 14, 16, 21, 50))]
    assert not [r for r in records if isinstance(r, Quarantined)]


def test_a_vietnamese_html_export_of_2026_dates_whom_the_owner_follows(as_):
    """``connections/followers/who_you've_followed.html`` in Vietnamese (2026, nktuyen/FacebookFollowersComparison):
    CLDR's "ch" for PM after a space, "Tháng 8 9, 2025 2:05:33 ch". The 4,776 follows of the real export were
    lost, and the header's last ``<time>`` was read instead as a follow of "Chứa dữ liệu bạn yêu cầu từ"."""
    records = parse(as_("f6-2026-html-vi-follows"))
    assert_nothing_lost(records)
    assert [(r.account_ref, r.kind, r.direction, r.occurred_at) for r in records if isinstance(r, Interaction)] == [
        ("Phạm Quốc Bảo", "follow", "out", datetime(2025, 8, 9, 14, 5, 33)),
        ("Lê Thu Hà", "follow", "out", datetime(2025, 7, 21, 9, 40, 12)),
        ("Đỗ Hoàng Nam", "follow", "out", datetime(2025, 3, 3, 12, 18, 27))]
    assert not [r for r in records if isinstance(r, Quarantined)]


def test_a_list_page_of_2026_without_times_of_its_own_reads_its_people_not_its_header(as_):
    """The page's header holds times ("Contains data you requested from <time> to <time>"); a list whose entries
    have none (the followers, nktuyen/FacebookFollowersComparison: 4,185 of them) gave one follower named after
    the header's words and lost the others."""
    records = parse(as_("f6-2026-html-vi-follows"))
    followers = sorted(r.account_ref for r in records if isinstance(r, Account) and "followed_you" in r.member)
    assert followers == ["Bùi Thị Mai", "Hoàng Anh Tuấn", "Vũ Minh Châu"]
    assert not [r for r in records if "Chứa dữ liệu" in (getattr(r, "account_ref", "") or "")]


@pytest.mark.parametrize("text, expected", [
    ("2020年9月14日 下午7:26", datetime(2020, 9, 14, 19, 26)),  # against Chinese units (AlanZJW/fb, 2021)
    ("\u200fيوليو ١٢, ٢٠٢٣ ١٠:١١:١٢ ص\u200f", datetime(2023, 7, 12, 10, 11, 12)),  # Mahmmadzoude/shiny-disco
    ("มี.ค. 19, 2016 11:21:07 pm", datetime(2016, 3, 19, 23, 21, 7)),  # Thai vowel marks (questghostz-ux)
    ("Hello 2021 <b>", None), ("x" * 45 + " 2021", None)])
def test_a_page_string_is_tried_as_a_time_in_every_script_facebook_writes(text, expected):
    """Every string of an HTML page is looked at; those that cannot be a time are turned away before the date
    reader is asked. That filter turned away the real times of Chinese, Arabic and Thai pages."""
    from ingest.sources.facebook.text import html_time

    assert html_time(text) == expected
