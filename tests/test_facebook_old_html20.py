"""Facebook's old HTML download (2010-2018) as people publish it.

* Its pages at the top of the folder instead of in html/ (ashloren/fb-backup, 2017: friends.htm, messages.htm,
  timeline.htm, contact_info.htm, pokes.htm beside index.htm): the friends, the address book, the timeline were
  "no other person", pokes.htm was read as the newer pokes page and every poke refused. They are read as under html/.
* friends.htm alone (EspressoTime/Facebook-Archive-Analyzer, early 2018) was "not a recognised export"; its lists
  "Declined Friend Requests" and "Followees" were accounts only, under a note no advice row showed.
* html/messages.htm only the index of messages/<n>.html, the messages/ folder absent (ashloren/FB-Timeline, 2017,
  888 links): 0 records and no word of the conversations missing.

Every fixture holds invented people in the real file's shape.
"""

from __future__ import annotations

import shutil

from conftest import assert_nothing_lost, fixture, ingest_as_marta, query
from test_facebook_group_timeline import forms
from test_facebook_shapes import parse
from ingest.models import Account, Interaction, MemberNote
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.scan import scan

AT_TOP = fixture("facebook", "f0-2017-pages-at-top")
ALONE = fixture("facebook", "f0-2018-friends-alone")
INDEX_ONLY = fixture("facebook", "f0-2017-messages-index-only")
PAGES = ["friends.htm", "timeline.htm", "contact_info.htm", "pokes.htm", "messages.htm", "security.htm"]
MISSING = "the index lists 3 conversations (of 3) whose files are not in this export"


def kinds(records) -> list[tuple]:
    """(file name, person, kind, direction) of every interaction, whichever folder its page is in."""
    return sorted((r.member.rpartition("/")[2], r.account_ref, r.kind, r.direction) for r in records
                  if isinstance(r, Interaction))


def people(records) -> dict[str, set]:
    found: dict[str, set] = {}
    for r in records:
        if isinstance(r, Account) and not r.is_owner:
            found.setdefault(r.member.rpartition("/")[2], set()).add(r.account_ref)
    return found


def in_html_folder(tmp_path):
    """The same export as Facebook delivered it: the pages in html/, index.htm at the top."""
    folder = tmp_path / "delivered"
    (folder / "html").mkdir(parents=True)
    shutil.copy(AT_TOP / "index.htm", folder / "index.htm")
    for name in PAGES:
        shutil.copy(AT_TOP / name, folder / "html" / name)
    return folder


def test_pages_at_the_top_of_the_folder_are_read_as_under_html(tmp_path):
    delivered = parse(Export(in_html_folder(tmp_path)))
    for export in forms(AT_TOP, tmp_path):
        assert detect_source(export) is facebook
        records = parse(export)
        assert_nothing_lost(records)
        assert kinds(records) == kinds(delivered)
        assert people(records) == people(delivered)
        assert ("pokes.htm", "Jonas Weber", "poke", "in") in kinds(records)
        assert ("friends.htm", "Omar Haddad", "friend_request_rejected", "in") in kinds(records)
        assert people(records)["contact_info.htm"] == {"ruth.okafor@example.com", "Emil Sauer"}  # by e-mail when known
        assert any(r.is_owner and r.account_ref == "Marta Lindqvist" for r in records if isinstance(r, Account))


def test_pages_at_the_top_keep_the_index_and_the_own_pages_out(tmp_path):
    layout = scan(Export(AT_TOP))
    assert layout.kinds == {"friends.htm": "f0_friends", "timeline.htm": "f0_wall", "contact_info.htm": "f0_contacts",
                            "pokes.htm": "f0_pokes"}
    assert MISSING in layout.notes["messages.htm"][1]
    assert layout.notes["security.htm"][0] == "ignored"


def test_a_newer_page_of_an_old_name_at_the_top_is_not_taken_for_an_old_one(tmp_path):
    """The 2019 pokes page (role="main", no div.nav) at the top of a folder is still read as the newer page."""
    folder = tmp_path / "newer"
    folder.mkdir()
    shutil.copy(fixture("facebook", "f3-2019-html", "other_activity", "pokes.html"), folder / "pokes.html")
    assert scan(Export(folder)).kinds == {"pokes.html": "titles_html"}


def test_a_web_page_named_friends_is_no_export(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "friends.htm").write_text("<html><body><h1>Our friends</h1><ul><li>A club</li></ul></body></html>")
    assert detect_source(Export(folder)) is not facebook


def test_the_friends_page_alone_is_read(tmp_path):
    export = Export(ALONE / "friends.htm")
    assert detect_source(export) is facebook
    records = parse(export)
    assert_nothing_lost(records)
    assert kinds(records) == [
        ("friends.htm", "Aylin Demir", "friendship", "mutual"),
        ("friends.htm", "Chloé Dubois", "friend_removed", "out"),
        ("friends.htm", "Jonas Weber", "friendship", "mutual"),
        ("friends.htm", "Lena Vogel", "friend_request_rejected", "in"),
        ("friends.htm", "Omar Haddad", "friend_request_rejected", "in"),
        ("friends.htm", "Pieter de Vries", "friend_request", "in"),
        ("friends.htm", "Ruth Okafor", "follow", "out")]
    note = next(n.note for n in records if isinstance(n, MemberNote) and n.member == "friends.htm")
    assert "does not know" not in note


def test_people_under_an_unknown_heading_are_said_in_not_read(unsocial, tmp_path):
    folder = tmp_path / "unknown-heading"
    folder.mkdir()
    page = (ALONE / "friends.htm").read_text(encoding="utf-8").replace("<h2>Followees</h2>", "<h2>Favourites</h2>")
    (folder / "friends.htm").write_text(page, encoding="utf-8")
    db = ingest_as_marta(unsocial, tmp_path, folder)
    [(handling, reason, actionable)] = query(db, "select handling, reason, is_actionable from not_read "
                                                 "where reason like '%heading%'")
    assert (handling, actionable) == ("parsed", True)
    assert "people under a heading this version does not know (language?): accounts only: 1" in reason


def test_an_index_of_messages_without_its_files_says_they_are_missing(unsocial, tmp_path):
    for export in forms(INDEX_ONLY, tmp_path):
        layout = scan(export)
        assert "html/messages.htm" not in layout.kinds
        assert layout.notes["html/messages.htm"][0] == "ignored"
        assert MISSING in layout.notes["html/messages.htm"][1]
    db = ingest_as_marta(unsocial, tmp_path, INDEX_ONLY)
    [(handling, actionable)] = query(db, f"select handling, is_actionable from not_read where reason like '{MISSING}%'")
    assert (handling, actionable) == ("ignored", True)


def test_an_index_with_some_of_its_files_counts_the_missing_ones(tmp_path):
    folder = tmp_path / "partial"
    shutil.copytree(INDEX_ONLY, folder)
    (folder / "messages").mkdir()
    shutil.copy(fixture("facebook", "f1-2018-01", "messages", "1.html"), folder / "messages" / "1.html")
    layout = scan(Export(folder))
    assert layout.kinds["messages/1.html"] == "f1_thread"
    assert "lists 2 conversations (of 3)" in layout.notes["html/messages.htm"][1]


def test_the_f1_index_with_all_its_files_keeps_its_note():
    layout = scan(Export(fixture("facebook", "f1-2018-01")))
    assert layout.notes["html/messages.htm"] == (
        "ignored", "index of the conversation files messages/<n>.html (F1, early 2018)")
