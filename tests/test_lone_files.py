"""Files of an export handed over alone, as people publish them: a Messenger HTML thread, the owner's posts, a
friends list (JSON and HTML), and an address book beside a repository's README. Each is read as it is read
inside its export, as a folder and as the file itself; a file that only shares the name is still refused."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import fixture

LOOK_ALIKE = "not a recognised export"


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def ingest(unsocial, tmp_path):
    """`unsocial ingest <path>` into a new database: (db, result); the run must succeed."""
    runs = iter(range(100))

    def run(path: Path):
        db = tmp_path / f"u{next(runs)}.duckdb"
        result = unsocial("ingest", path, "--db", db, "--owner", "marta")
        assert result.code == 0, result.err
        return db, result

    return run


def counts(db: Path) -> list[tuple]:
    return query(db, "select source, records_read, records_loaded, records_quarantined from ingested_exports")


def interactions(db: Path) -> list[tuple]:
    return query(db, "select account_ref, kind, direction, occurred_at from raw_interactions order by occurred_at")


def refused(unsocial, path: Path) -> bool:
    result = unsocial("ingest", path, "--db", path.parent / "refused.duckdb", "--owner", "marta")
    return result.code == 1 and LOOK_ALIKE in result.err


THREAD = fixture("facebook", "single-thread-html-2023-es")


@pytest.mark.parametrize("path", [THREAD, THREAD / "message_1.html"], ids=["folder", "file"])
def test_a_lone_messenger_html_thread_is_read_like_its_json_twin(ingest, path):
    db, result = ingest(path)
    assert "facebook" in result.out
    assert counts(db) == [("facebook", 5, 5, 0)]
    assert interactions(db) == [
        ("Pablo Ruiz", "message", "in", datetime(2023, 9, 29, 10, 57, 40)),
        ("Pablo Ruiz", "message", "out", datetime(2023, 9, 29, 10, 58, 2)),  # the owner, from the page's header
        ("Pablo Ruiz", "message", "in", datetime(2023, 9, 29, 11, 3, 17)),
        ("Pablo Ruiz", "message", "in", datetime(2023, 10, 2, 21, 10, 41)),
        ("Pablo Ruiz", "message", "out", datetime(2023, 10, 2, 21, 14, 5))]


def test_an_instagram_thread_page_or_a_web_page_named_message_1_is_not_taken_for_facebook(ingest, unsocial, tmp_path):
    page = (THREAD / "message_1.html").read_text(encoding="utf-8")
    instagram = tmp_path / "instagram" / "message_1.html"  # Instagram's pages: the same classes, under its logo
    instagram.parent.mkdir()
    instagram.write_text(page.replace('<div class="_a705">', '<div><img src="files/Instagram-Logo.png" height="28" '
                                      'alt="Instagram" /></div><div class="_a705">'), encoding="utf-8")
    web = tmp_path / "web" / "message_1.html"
    web.parent.mkdir()
    web.write_text('<html><head><title>Message</title></head><body><main role="main"><p>Hello</p></main></body>'
                   '</html>', encoding="utf-8")
    assert refused(unsocial, instagram) and refused(unsocial, web)
    ingest(THREAD / "message_1.html")  # the page itself is read


POSTS = fixture("facebook", "single-posts-2020")


@pytest.mark.parametrize("path", [POSTS, POSTS / "your_posts_1.json"], ids=["folder", "file"])
def test_a_lone_your_posts_file_is_read_as_inside_posts(ingest, path):
    db, _ = ingest(path)
    # as in posts/: the two posts on friends' timelines; the owner's status updates name no one else: with no
    # profile in the export, the owner is the name every title opens with
    assert counts(db) == [("facebook", 6, 6, 0)]
    assert interactions(db) == [("Emeka Nwosu", "comment", "out", datetime(2020, 8, 21, 9, 48, 31)),
                                ("Chidinma Okafor", "comment", "out", datetime(2020, 10, 16, 15, 19, 35))]


def test_a_file_only_named_your_posts_1_is_refused(ingest, unsocial, tmp_path):
    other = tmp_path / "your_posts_1.json"  # a blog's posts: a list, but not Facebook's records
    other.write_text('[{"id": 1, "title": "Hello", "timestamp": "2020-01-01"}]', encoding="utf-8")
    assert refused(unsocial, other)
    ingest(POSTS / "your_posts_1.json")


FRIENDS = {
    "json": (fixture("facebook", "single-friends-json-2024"), "your_friends.json", [
        ("Priya Raman", datetime(2022, 4, 15, 5, 20)), ("Dana Whitfield", datetime(2024, 5, 29, 16, 26, 40)),
        ("Matt Corrigan", datetime(2024, 8, 5, 17, 56, 5))]),
    "html-nb": (fixture("facebook", "single-friends-html-2024-nb"), "your_friends.html", [
        ("Siri Nordmo", datetime(2024, 1, 29, 19, 34, 32)), ("Eirik Haugen", datetime(2024, 1, 31, 11, 30, 10)),
        ("Ingrid Solberg", datetime(2024, 2, 3, 17, 8, 6))]),  # Norwegian dates: "feb. 03, 2024 5:08:06pm"
}


@pytest.mark.parametrize("variant", FRIENDS)
@pytest.mark.parametrize("as_file", [False, True], ids=["folder", "file"])
def test_a_lone_friends_list_gives_the_friends_with_their_dates(ingest, variant, as_file):
    folder, name, friends = FRIENDS[variant]
    db, _ = ingest(folder / name if as_file else folder)
    assert counts(db) == [("facebook", 3, 3, 0)]
    assert interactions(db) == [(person, "friendship", "mutual", at) for person, at in friends]


def test_the_f3_friends_json_alone_is_read_and_a_look_alike_is_not(ingest, unsocial, tmp_path):
    alone = tmp_path / "f3" / "friends.json"
    alone.parent.mkdir()
    shutil.copy(fixture("facebook", "f3-2019-flattened", "friends.json"), alone)
    db, _ = ingest(alone)
    assert counts(db) == [("facebook", 3, 3, 0)]
    assert [r[0] for r in interactions(db)] == ["Jonas Weber", "Lena Vogel", "Tomás Novak"]
    other = tmp_path / "game" / "friends.json"  # a game's save file: the key, but no person records
    other.parent.mkdir()
    other.write_text('{"friends": [42, 17]}', encoding="utf-8")
    assert refused(unsocial, other)


PUBLISHED = fixture("addressbook", "published-repo-3.0")


def test_an_address_book_published_in_a_repository_is_read_and_its_readme_listed(ingest):
    db, result = ingest(PUBLISHED)
    assert counts(db) == [("addressbook", 3, 3, 0)]
    assert query(db, "select display_name from raw_accounts order by 1") == [
        ("Amara Okonkwo",), ("Ingrid Halvorsen",), ("Pieter de Vries",)]
    assert "unknown file README.md" in result.out and "unknown file .nojekyll" in result.out


def test_an_address_book_beside_gitattributes_is_read(ingest, tmp_path):
    folder = tmp_path / "contacts"
    folder.mkdir()
    shutil.copy(PUBLISHED / "contacts.vcf", folder / "contacts.vcf")
    (folder / ".gitattributes").write_text("*.vcf text eol=crlf\n", encoding="utf-8")
    db, _ = ingest(folder)
    assert counts(db) == [("addressbook", 3, 3, 0)]


def test_instagram_messages_in_messengers_own_tree_are_not_taken_for_facebook(unsocial, tmp_path):
    """Instagram's export of 2023 writes messages/inbox/<thread>/message_N.html as Messenger does, with no
    Instagram folder beside it (clxwdeen/vrany): its people are Instagram's, not Facebook friends."""
    page = (THREAD / "message_1.html").read_text(encoding="utf-8")
    inbox = tmp_path / "instagram-2023" / "messages" / "inbox" / "chrumkavevrany_6026539567366471"
    inbox.mkdir(parents=True)
    (inbox / "message_1.html").write_text(page.replace(
        '<div class="_a705">', '<div><img src="files/Instagram-Logo.png" height="28" alt="Instagram" /></div>'
        '<div class="_a705">'), encoding="utf-8")
    assert refused(unsocial, tmp_path / "instagram-2023")
    (inbox / "message_1.html").write_text(page, encoding="utf-8")  # the same tree of Facebook's is read
    assert not refused(unsocial, tmp_path / "instagram-2023")
