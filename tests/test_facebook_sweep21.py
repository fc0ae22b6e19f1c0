"""Sweep 21: Facebook files published alone under names or keys the flattened-export table (flat.py) did not know.

* The follow lists of connections/followers/, published alone (nktuyen/FacebookFollowersComparison, 2026):
  people_who_followed_you.json ``{"followers_v3": [{name}]}`` and who_you've_followed.json ``{"following_v3":
  [{name, timestamp}]}``. Alone or side by side: "not a recognised export", exit 1, 9,059 people lost; the same two
  files under connections/followers/ were read.
* who_you've_followed.json beside two of Instagram's files (gedert014/ClassDemos, 2026): the same exit 1.
* F6 posts published alone, your_posts__check_ins__photos_and_videos_1.json (daveontour/MuseumOfDave, 2025): exit 1,
  though the same file named your_posts_1.json, or under your_facebook_activity/posts/, was read.
* A group chat alone whose people are named by Instagram usernames (LoIoch/terhtereytryert, 2022, 3,763 messages):
  every message refused "cannot tell the owner's messages apart", and the advice only said "add your profile". Its
  keys, paths and notices are Messenger's too, so it is not left out as Instagram's: the advice names both cases.

Every fixture holds invented people in the real file's shape.
"""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from conftest import assert_nothing_lost, export_counts, fixture, ingest_as_marta, query
from test_facebook_group_timeline import forms
from test_facebook_shapes import parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.flat import flat_kind, lone_kind
from ingest.sources.facebook.layout import INSTAGRAM_NOTE

FOLLOWS = fixture("facebook", "followers-v3-alone-2026")
FOLLOWERS = "people_who_followed_you.json"
FOLLOWING = "who_you've_followed.json"
BESIDE = fixture("facebook", "following-v3-beside-instagram-2026")
POSTS_ALONE = fixture("facebook", "posts-checkins-alone-2025")
POSTS = "your_posts__check_ins__photos_and_videos_1.json"
USERNAMES = fixture("facebook", "single-group-thread-2022-usernames")
FULL = fixture("facebook", "f6-2025-posts")  # connections/friends/, your_facebook_activity/posts/, the profile
HTML_FOLLOWS = fixture("facebook", "f6-2026-html-vi-follows", "connections", "followers")

FOLLOWED = [("Đặng Văn Lộc", datetime(2026, 4, 18, 9, 12, 31)),
            ("Hồ Minh Trí", datetime(2026, 4, 18, 9, 12, 30)),
            ("Kính Cận Phương Nam", datetime(2026, 3, 2, 14, 40, 5)),
            ("Vương Thị Ánh", datetime(2025, 12, 24, 20, 1, 44))]
FOLLOWER_NAMES = ["Lý Gia Hân", "Ngô Thị Hằng", "Quách Thị Huyền", "Trịnh Bảo Ngọc", "Đặng Văn Lộc"]


def accounts(records, member: str) -> list[str]:
    return sorted(r.account_ref for r in records if isinstance(r, Account) and r.member.endswith(member))


def follows(records, member: str) -> list[tuple]:
    return [(r.account_ref, r.kind, r.direction, r.occurred_at) for r in records
            if isinstance(r, Interaction) and r.member.endswith(member)]


def notes(records) -> dict[str, tuple[str, str]]:
    return {n.member: (n.handling, n.note) for n in records if isinstance(n, MemberNote)}


def in_full_export(tmp_path, files: dict[str, object]):
    """A copy of a whole F6 export with ``files`` (path in it → fixture file) put where Facebook writes them."""
    folder = tmp_path / "facebook-full"
    shutil.copytree(FULL, folder)
    for path, source in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, folder / path)
    return folder


def test_the_follow_lists_published_side_by_side_are_read_as_followers_and_follows(tmp_path):
    for export in forms(FOLLOWS, tmp_path):
        assert detect_source(export) is facebook
        records = parse(export)
        assert_nothing_lost(records)
        assert accounts(records, FOLLOWERS) == FOLLOWER_NAMES  # names repaired from Facebook's mojibake
        assert follows(records, FOLLOWERS) == []  # followers have no time: accounts, never friends
        assert follows(records, FOLLOWING) == [(name, "follow", "out", at) for name, at in FOLLOWED]
        assert not [r for r in records if isinstance(r, Account) and r.connected_at is not None]
        assert notes(records) == {FOLLOWERS: ("parsed", "followers list"), FOLLOWING: ("parsed", "following list")}


@pytest.mark.parametrize("folder, member", [(FOLLOWS, FOLLOWERS), (FOLLOWS, FOLLOWING), (BESIDE, FOLLOWING),
                                            (POSTS_ALONE, POSTS)])
def test_each_file_given_alone_is_a_facebook_export(folder, member):
    export = Export(folder / member)
    assert detect_source(export) is facebook
    records = parse(export)
    assert_nothing_lost(records)
    assert notes(records)[member][0] == "parsed"
    assert not [r for r in records if isinstance(r, Quarantined)]


def test_the_lists_alone_give_what_they_give_inside_a_whole_export(tmp_path):
    """The same reader as connections/followers/ (people.read_list): the same people, follows and times."""
    alone = parse(Export(FOLLOWS))
    inside = parse(Export(in_full_export(tmp_path, {f"connections/followers/{member}": FOLLOWS / member
                                                    for member in (FOLLOWERS, FOLLOWING)})))
    assert_nothing_lost(inside)
    for member in (FOLLOWERS, FOLLOWING):
        assert accounts(inside, "followers/" + member) == accounts(alone, member)
        assert follows(inside, "followers/" + member) == follows(alone, member)


def test_whom_the_owner_follows_beside_instagrams_files_is_read_and_instagrams_left_out():
    """gedert014/ClassDemos: Pages and people followed 2014-2026, beside Instagram's following.json
    (relationships_following) and advertisers_using_your_activity_or_information.json."""
    records = parse(Export(BESIDE))
    assert_nothing_lost(records)
    assert [r[0] for r in follows(records, FOLLOWING)] == [
        "Mara Lindholm", "Harbor Lights Bakery", "Tomás Ibarra", "Friends of Oakridge Children’s Library",
        "Pål Øvergaard"]
    assert notes(records)["following.json"] == ("unknown", INSTAGRAM_NOTE)
    assert "following.json" not in {r.member for r in records if isinstance(r, Account)}


def test_a_lone_list_beside_its_html_twin_is_read_once(tmp_path):
    """nktuyen/FacebookFollowersComparison publishes the HTML pages of the same lists beside the JSON files."""
    folder = tmp_path / "follows"
    shutil.copytree(FOLLOWS, folder)
    for page in HTML_FOLLOWS.iterdir():
        shutil.copy(page, folder)
    records = parse(Export(folder))
    assert_nothing_lost(records)
    assert accounts(records, FOLLOWERS) == FOLLOWER_NAMES
    twin = ("ignored", "HTML twin of a JSON file that is read instead")
    assert notes(records)["people_who_followed_you.html"] == notes(records)["who_you've_followed.html"] == twin
    assert not [r for r in records if isinstance(r, Account) and r.member.endswith(".html")]


def test_f6_posts_alone_are_read_as_under_your_facebook_activity(tmp_path):
    """daveontour/MuseumOfDave: titles "<owner> shared a link.", media under your_facebook_activity/posts/media/."""
    alone = parse(Export(POSTS_ALONE / POSTS))
    assert_nothing_lost(alone)
    assert {r.account_ref for r in alone if isinstance(r, Account) and r.is_owner} == {"Dagny Åsen"}
    assert follows(alone, POSTS) == [("Sigrid Nålsund", "comment", "out", datetime(2012, 10, 18, 0, 35, 29)),
                                     ("Henrik Bakke", "mention", "out", datetime(2025, 12, 27, 23, 51, 9))]
    inside = parse(Export(in_full_export(tmp_path, {
        f"your_facebook_activity/posts/{POSTS}": POSTS_ALONE / POSTS})))
    assert follows(inside, POSTS) == follows(alone, POSTS)


@pytest.mark.parametrize("stem, head, kind", [
    ("who_you_ve_followed", b'{\n  "following_v3": [\n    {\n      "name": "A B",', "list"),
    ("people_who_followed_you", b'{"followers_v3": [{"name": "A B"}', "list"),
    ("following", b'{"following_v2": [{"name": "A B", "timestamp": 1}', "list"),
    ("followers", b'{"followers_v3": [{"name": "A B"}', "list"),
    # Instagram's files of the same names: never taken
    ("following", b'{\n  "relationships_following": [\n    {\n      "title": "ab",', None),
    ("followers", b'{"relationships_followers": [{"title": "", "string_list_data"', None),
    ("your_posts__check_ins__photos_and_videos_1", b'[\n  {\n    "timestamp": 1223238859,', "own_posts"),
    ("your_posts__check_ins__photos_and_videos_1", b'{"other": [', None)])
def test_a_lone_file_is_known_by_its_name_its_key_and_its_first_record(stem, head, kind):
    assert lone_kind(stem, head) == kind
    assert flat_kind(stem, head) == kind


def test_a_group_chat_of_usernames_whose_owner_cannot_be_told_is_advised_for_both_cases(unsocial, tmp_path):
    """LoIoch/terhtereytryert: Messenger's keys, paths under messages/inbox/ and notices, people named by Instagram
    usernames, reels shared: Instagram's or a Messenger group with Instagram users, nothing safe tells. Refused,
    and the advice no longer only asks for a profile."""
    db = ingest_as_marta(unsocial, tmp_path, USERNAMES)
    assert export_counts(db) == [("facebook", 6, 0, 6)]
    advice = query(db, "select distinct what_to_do from not_read where handling = 'quarantined'")
    assert len(advice) == 1 and "if these are Instagram messages" in advice[0][0]
    assert "profile_information" in advice[0][0]


def test_the_follow_lists_alone_are_counted_in_the_run_summary(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, FOLLOWS)
    assert export_counts(db) == [("facebook", 9, 9, 0)]


def test_a_download_of_only_places_and_logins_is_told_as_facebook_s(unsocial, tmp_path):
    # polozi686868/luadaofacebook (2020, Vietnamese): only location/ and security_and_login_information/; before,
    # "not a recognised export", as if it were anything
    export = tmp_path / "download"
    for page in ("location/timezone.html", "location/last_location.html",
                 "security_and_login_information/account_activity.html"):
        (export / page).parent.mkdir(parents=True, exist_ok=True)
        (export / page).write_text("<html><body><div role=\"main\">…</div></body></html>", encoding="utf-8")
    result = unsocial("ingest", export, "--db", tmp_path / "u.duckdb")
    assert result.code == 1
    assert "a Facebook export without friends, Messenger or profile files" in result.err
    assert "found: location, security_and_login_information" in result.err


def test_instagram_thread_pages_given_alone_are_told_as_instagram_s(unsocial, tmp_path):
    # Shawagfeh/rur (2023): message_1..3.html in Messenger's shape with Instagram's logo atop, given as its folder;
    # before, the plain "not a recognised export"
    folder = tmp_path / "chat"
    folder.mkdir()
    page = '<html><head><title>Aylin</title></head><body><img alt="Instagram" src="x.png"><div role="main">…</div>'
    for n in (1, 2):
        (folder / f"message_{n}.html").write_text(page, encoding="utf-8")
    (folder / "photos").mkdir()
    (folder / "photos" / "1.jpg").write_bytes(b"\xff\xd8\xff")
    result = unsocial("ingest", folder, "--db", tmp_path / "u.duckdb")
    assert result.code == 1
    assert "Instagram's messages (Instagram is not read by this version)" in result.err
