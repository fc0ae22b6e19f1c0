"""Sweep 18: losses found in real published Facebook exports, each on an invented miniature of its shape.

* "Say hi to your new Facebook friend, X." written as the owner's message in the new friend's thread, often its only
  record, the title the friend and no participants line (abdosami1992.github.io, English HTML of July 2020: 61
  threads, 45 with nothing else): the friend's account and a friendship at the notice's time; "You are now connected
  on Messenger" of the owner's gives the other person's account, no friendship (Messenger is no friendship).
* Pages the export lists as liked (likes_and_reactions/pages.html, pages.json, pages_you've_liked.json) were made
  accounts by reaction and comment titles ("X likes <Page>'s post."): such records are the owner's own, counted in the
  file's note.
* An F0 dump of 2015 (dalletopid.github.io html/messages.htm) lists threads by ids alone; the id every such thread
  holds is the owner's, whose messages there are "out".
* An F0 contact page of 2014 with an empty address book (Weingaertner23/FB.OLD html/contact_info.htm) is a file with
  nobody in it, not a layout left unread.
"""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture
from test_facebook_2024_shapes import interactions, note_of
from test_facebook_group_timeline import forms
from test_facebook_shapes import parse
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources.archive import Export
from ingest.sources.facebook.notices import new_friend_name, notice_kind

HTML = fixture("facebook", "f3-2020-html-sayhi")
JSON = fixture("facebook", "f3-2020-json-sayhi")
F0_IDS = fixture("facebook", "f0-2015-es-ids")
EMPTY_BOOK = fixture("facebook", "f0-2014-de-empty-book")
OWNER = "Hanne Solberg"
IDA = "messages/inbox/idaberg_Xa1b2C3d4E/message_1.html"
TOMAS = "messages/inbox/tomasnovak_Qw3eR5tY7u/message_1.html"
LINA = "messages/inbox/linasaari_Zx9cV7bN5m/message_1.html"
REACTIONS = "likes_and_reactions/posts_and_comments.html"
COMMENTS = "comments/comments.html"
PAGES = {"Fjordkaffe Bergen", "Nordlys Radio", "\u200eNordlys Radio\u200e"}


def accounts(records, member: str | None = None) -> set[str]:
    return {a.account_ref for a in records if isinstance(a, Account) and member in (None, a.member)}


def test_say_hi_makes_the_friend_and_the_friendship(tmp_path):
    for export in forms(HTML, tmp_path):
        records = parse(export)
        assert interactions(records, IDA) == [(1, "Ida Berg", "friendship", "mutual")]  # the thread's only record
        assert interactions(records, TOMAS) == [(1, "Tomás Novak", "message", "out"),
                                                (2, "Tomás Novak", "message", "in"),
                                                (3, "Tomás Novak", "friendship", "mutual")]
        friendship = next(r for r in records if getattr(r, "kind", None) == "friendship" and r.member == IDA)
        assert friendship.occurred_at.isoformat() == "2019-10-30T06:55:00"  # the notice's time, as written
        assert "new friends told by Messenger's \"Say hi to your new Facebook friend\" (read as the friendship): 1" \
            in note_of(records, IDA)
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert_nothing_lost(records)


def test_connected_on_messenger_names_the_other_person_without_a_friendship(tmp_path):
    records = parse(Export(HTML))
    assert "Lina Saari" in accounts(records, LINA)
    assert interactions(records, LINA) == []
    assert note_of(records, LINA) == "Messenger thread (HTML); group and chat notices, not messages (account only): 1"


def test_listed_pages_are_no_people_in_reactions_and_comments(tmp_path):
    for export in forms(HTML, tmp_path):
        records = parse(export)
        assert not accounts(records) & PAGES  # the left-to-right marks of a title's page name too
        # a friend's name in direction marks is the friend's, not an account of its own
        assert interactions(records, REACTIONS) == [(3, "Tomás Novak", "reaction", "out"),
                                                    (4, "Ida Berg", "reaction", "out")]
        assert not [ref for ref in accounts(records) if "\u200e" in ref]
        assert interactions(records, COMMENTS) == [(2, "Tomás Novak", "comment", "out")]
        assert "reactions to pages or groups the export lists, no person (read as your own): 2" \
            in note_of(records, REACTIONS)
        assert "comments on posts of pages or groups the export lists, no person (read as your own): 1" \
            in note_of(records, COMMENTS)
        assert_nothing_lost(records)


def test_json_threads_and_pages_and_a_friends_list(tmp_path):
    """JSON threads read "Say hi" alike; with a friends list the friendship is dated there, not twice. Pages from
    both JSON lists (F3 pages.json ``page_likes``, pages_you've_liked.json ``page_likes_v2``)."""
    for export in forms(JSON, tmp_path):
        records = parse(export)
        ida = "messages/inbox/idaberg_k2Jd8sQ1/message_1.json"
        pia = "messages/inbox/pialund_k2Jd8sQ1/message_1.json"
        assert interactions(records, ida) == [(1, "Ida Berg", "message", "in")]
        assert "Pia Lund" in accounts(records, pia) and interactions(records, pia) == []
        assert "(account only: the friends list dates the friendship): 1" in note_of(records, pia)
        reactions = "likes_and_reactions/posts_and_comments.json"
        assert interactions(records, reactions) == [(3, "Ida Berg", "reaction", "out")]
        assert ": 2" in note_of(records, reactions)
        assert not accounts(records) & PAGES
        assert_nothing_lost(records)


@pytest.mark.parametrize("content, kind, name", [
    ("Say hi to your new Facebook friend, Ida.", "new_friend", "Ida"),
    ("Say hi to your new Facebook friend, Tomás Novak.", "new_friend", "Tomás Novak"),
    ("You are now connected on Messenger", "notice", None),
    ("Say hi to your new Facebook friend, Ida. She is nice", None, None)])  # someone's own words
def test_what_says_hi(content, kind, name):
    assert notice_kind({"content": content}, OWNER) == kind
    assert new_friend_name(content) == name


def test_the_id_every_id_only_thread_holds_is_the_owners(tmp_path):
    for export in forms(F0_IDS, tmp_path):
        records = parse(export)
        assert interactions(records, "html/messages.htm") == [
            (1, "1414310002@facebook.com", "message", "out"), (2, "1414310002@facebook.com", "message", "in"),
            (3, "1443080003@facebook.com", "message", "out"),  # the owner's, written by the id alone
            (4, "Camila Rojas Peña", "message", "out"), (5, "Camila Rojas Peña", "message", "in")]
        owner_refs = {a.account_ref for a in records if isinstance(a, Account) and a.is_owner}
        assert owner_refs == {"Rodrigo Salas Vidal", "568140001@facebook.com"}
        assert "the owner's Facebook id" in note_of(records, "html/messages.htm")
        assert_nothing_lost(records)


def test_an_empty_address_book_is_a_file_with_nobody_in_it(unsocial, tmp_path):
    records = parse(Export(EMPTY_BOOK))
    note = next(n for n in records if isinstance(n, MemberNote) and n.member == "html/contact_info.htm")
    assert note.handling == "no_people" and "the address book is empty" in note.note
    db = tmp_path / "fb.duckdb"
    result = unsocial("ingest", EMPTY_BOOK, "--db", db)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select handling, is_actionable, what_to_do from not_read "
                           "where member = 'html/contact_info.htm'").fetchall()
    assert rows == [("no_people", False, "nothing to do: the address book in the export is empty (no contact was "
                                         "uploaded from a phone)")]


def test_what_the_user_sees_after_ingest(unsocial, tmp_path):
    db = tmp_path / "fb.duckdb"
    result = unsocial("ingest", HTML, "--db", db)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select account_ref, kind, direction, count(*) from raw_interactions "
                           "group by all order by all").fetchall()
        read = con.execute("select sum(records_read) from raw_members").fetchone()[0]
        loaded = con.execute("select count(*) from (select member, line from raw_accounts "
                             "union select member, line from raw_interactions)").fetchone()[0]
    assert rows == [("Ida Berg", "friendship", "mutual", 1), ("Ida Berg", "reaction", "out", 1),
                    ("Tomás Novak", "comment", "out", 1), ("Tomás Novak", "friendship", "mutual", 1),
                    ("Tomás Novak", "message", "in", 1), ("Tomás Novak", "message", "out", 1),
                    ("Tomás Novak", "reaction", "out", 1)]
    assert read == loaded == 11
