"""Facebook posts on a group's timeline, as a real export writes them (HunterHillis/FBPostingHabitsAnalysis
your_posts_1.json): "<owner> wrote on Springfield, OR Pick-Up Football's timeline." names a local pick-up group, no
person, and must not make the group a contact; "wrote on Ilka  Moravec's timeline." (two spaces) is the friend
tagged elsewhere as "Ilka Moravec", not a second person. Folder and zip, as a user hands them in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from test_facebook_activity import people
from test_facebook_shapes import parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export

VINTAGE = "2025-posts-group-timeline"
POSTS = "posts/your_posts_1.json"
OWNER = "Rafael Okafor"
GROUP = "Springfield, OR Pick-Up Football"
NOT_A_PERSON = "posts on a group's or page's timeline, no person (read as your own posts)"


def forms(folder: Path, tmp_path: Path) -> list[Export]:
    """The fixture as a folder and as a zip, as a user hands them in."""
    return [Export(folder), Export(zip_folder(folder, tmp_path / f"facebook-{folder.name}.zip"))]


def interactions(records, member: str = POSTS) -> list[tuple]:
    return [(r.line, r.account_ref, r.kind, r.direction) for r in records
            if isinstance(r, Interaction) and r.member == member]


def note(records, member: str = POSTS) -> str:
    return next(n.note for n in records if isinstance(n, MemberNote) and n.member == member)


def with_files(tmp_path: Path, files: dict[str, object]) -> Path:
    """The fixture with ``files`` (path → JSON) written into a copy of it."""
    folder = tmp_path / "facebook-rafaelokafor"
    shutil.copytree(fixture("facebook", VINTAGE), folder)
    for path, data in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(json.dumps(data), encoding="utf-8")
    return folder


def wrote_on(name: str, at: int) -> dict:
    return {"timestamp": at, "data": [{"post": "…"}], "title": f"{OWNER} wrote on {name}'s timeline."}


# --- the fixture as it stands: no groups listed, the group told by its "City, ST" form ------------------------

def test_the_group_is_no_contact_and_the_friends_posts_still_count(tmp_path):
    for export in forms(fixture("facebook", VINTAGE), tmp_path):
        assert detect_source(export) is facebook
        records = parse(export)
        assert people(records) == {"Dorota Wilk", "Ilka Moravec"}  # no group, no "Ilka  Moravec"
        assert interactions(records) == [
            (1, "Ilka Moravec", "comment", "out"),  # "wrote on Ilka  Moravec's timeline."
            (4, "Dorota Wilk", "comment", "out"),
            (5, "Dorota Wilk", "mention", "out"), (5, "Ilka Moravec", "mention", "out")]
        owners = [r.line for r in records if isinstance(r, Account) and r.member == POSTS and r.is_owner]
        assert owners == [2, 3, 6]  # the two posts in the group and "Rafael Okafor  recommends …": the owner's own
        assert f"{NOT_A_PERSON}: 2" in note(records)
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert_nothing_lost(records)


def test_ingest_reconciles_and_loads_no_account_named_after_the_group(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("facebook", VINTAGE), "--db", db)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        counts = con.execute("select records_read, records_loaded, records_quarantined from ingested_exports").fetchall()
        refs = con.execute("select distinct account_ref from raw_accounts order by 1").fetchall()
    assert counts == [(7, 7, 0)]  # the profile and six posts
    assert [r for (r,) in refs] == ["Dorota Wilk", "Ilka Moravec", OWNER]


# --- groups and pages the export lists ------------------------------------------------------------------------

def test_a_group_or_page_the_export_lists_is_no_person_whatever_its_name(tmp_path):
    folder = with_files(tmp_path, {
        "groups/your_group_membership_activity.json": {"groups_joined_v2": [
            {"timestamp": 1400000000, "title": f"{OWNER} became a member of Vandring Norr.",
             "data": [{"name": "Vandring Norr"}]},
            {"timestamp": 1400000001, "title": "…", "data": [{"name": "Dorota Wilk Fan Club"}]}]},
        "pages/pages_you've_liked.json": {"page_likes_v2": [{"name": "Harbour Street Bakery", "timestamp": 1}]},
        POSTS: [wrote_on("Vandring Norr", 1500000000), wrote_on("Dorota Wilk Fan Club", 1500000100),
                wrote_on("Harbour Street Bakery", 1500000200), wrote_on("Dorota Wilk", 1500000300)],
    })
    for export in forms(folder, tmp_path):
        records = parse(export)
        # the fan club holds a friend's name: still the group's timeline, not a comment to her
        assert interactions(records) == [(4, "Dorota Wilk", "comment", "out")]
        assert people(records) == {"Dorota Wilk"}
        assert f"{NOT_A_PERSON}: 3" in note(records)
        assert_nothing_lost(records)


def test_a_page_named_as_the_target_of_a_2025_post_is_no_person(tmp_path):
    member = "your_facebook_activity/posts/posts_on_other_pages_and_profiles.json"
    folder = with_files(tmp_path, {
        "your_facebook_activity/pages/pages_you've_liked.json": {"page_likes_v2": [{"name": "Harbour Street Bakery"}]},
        member: [{"timestamp": 1700300000, "label_values": [{"label": "Message", "value": "Best bread!"},
                                                             {"label": "Target", "value": "Harbour Street Bakery"}]},
                 {"timestamp": 1700300100, "label_values": [{"label": "Message", "value": "Grattis!"},
                                                             {"label": "Target", "value": "Dorota Wilk"}]}],
    })
    records = parse(Export(folder))
    assert interactions(records, member) == [(2, "Dorota Wilk", "comment", "out")]
    assert f"{NOT_A_PERSON}: 1" in note(records, member)
    assert_nothing_lost(records)


# --- friends are never refused -----------------------------------------------------------------------------------

@pytest.mark.parametrize("friend", ["Dorota Wilk",  # also the name of a page the owner liked
                                    "Sam Ortiz, TX Realtor"])  # the "City, ST …" form, but a friend's name
def test_a_friends_timeline_is_always_a_person(tmp_path, friend):
    folder = with_files(tmp_path, {
        "friends_and_followers/friends.json": {"friends_v2": [{"name": friend, "timestamp": 1300000000}]},
        "pages/pages_you've_liked.json": {"page_likes_v2": [{"name": "Dorota Wilk", "timestamp": 1}]},
        POSTS: [wrote_on(friend, 1500000000)],
    })
    records = parse(Export(folder))
    assert interactions(records) == [(1, friend, "comment", "out")]
    assert NOT_A_PERSON not in note(records)
    assert_nothing_lost(records)


@pytest.mark.parametrize("name, group", [
    ("Springfield, OR Pick-Up Football", True), ("Salt Lake City, UT Ultimate Frisbee", True),
    ("Anna Müller, MD", False),  # a degree at the end (MD is also Maryland): a person
    ("Müller, Anna", False), ("Lee Carter", False)])
def test_a_place_group_is_told_by_its_form_where_the_export_lists_no_groups(name, group):
    from ingest.sources.facebook.posts import not_a_person
    from ingest.sources.facebook.titles import KnownNames
    assert not_a_person(name, KnownNames()) is group
