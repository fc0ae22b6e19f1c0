"""Messenger's notices in HTML threads (``message_N.html``, Facebook's default download format), 2020-2026.

HTML has no message ``type``: Messenger's own notices are records of one sender, one text and one time, exactly as
a message ("You are now connected on Messenger", "You missed a call from Ally.", a call with "Duration: 1 minute"
under its text: H0meGr0wn/Messages, draygen/jarvis, typixalplayboy/typixalplayboy ``message_1.html``; "X named
the group Y.", "X added A to the group.", "X left the group." in the same pages of Instagram's download,
seanhochunho/seanhochunho.github.io ``message_1.html``). They were counted as messages with people; now, as in
JSON threads (test_facebook_2024_shapes.py), a notice is its sender's account only, counted in the file's note,
and a call told by its text or its duration is a call.
"""

from __future__ import annotations

import shutil
from collections import Counter

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture
from test_facebook_group_timeline import forms
from test_facebook_2024_shapes import interactions, note_of
from test_facebook_shapes import parse
from ingest.models import Account, Interaction, Quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.html import parsed_soup, records_of
from ingest.sources.facebook.html_threads import html_message_kind

NOTICES = fixture("facebook", "f5-2024-html-notices")
INBOX = "your_facebook_activity/messages/inbox/"
GROUP = INBOX + "chorprobe_7301122334455667/message_1.html"
ONE = INBOX + "piaeklund_7305566778899001/message_1.html"
OWNER = "Hanna Sjöberg"


def accounts(records, member: str) -> set[tuple]:
    return {(a.line, a.account_ref) for a in records if isinstance(a, Account) and a.member == member}


def test_group_notices_are_no_messages(tmp_path):
    for export in forms(NOTICES, tmp_path):
        assert detect_source(export) is facebook
        records = parse(export)
        assert interactions(records, GROUP) == [
            (1, "Mira Kallio", "message", "in"),  # quotes "Oskar Lund left the group.", but is her own message
            (4, "Tobias Renn", "message", "out"), (4, "Mira Kallio", "message", "out"),
            (4, "Oskar Lund", "message", "out"),  # the owner's "Bis Donnerstag!", before Oskar left
            (4, "Mira Kallio", "reaction", "in"),  # her ❤️ listed under it
            (5, "Tobias Renn", "call", "in"),  # "The video chat ended." with "Duration: 12 minutes"
            (6, "Tobias Renn", "message", "in"),  # "… sent an attachment." with its link: a message
            (7, "Mira Kallio", "message", "in")]  # a photo alone
        note = note_of(records, GROUP)
        assert "group and chat notices, not messages (account only): 4" in note
        assert "people leaving a group (account only): 1" in note
        assert "reaction notices written as messages (account only): 1" in note
        # each notice keeps its sender's account, nothing more
        assert {(2, "Oskar Lund"), (3, "Mira Kallio"), (8, "Tobias Renn"), (9, OWNER), (10, "Mira Kallio"),
                (11, "Tobias Renn")} <= accounts(records, GROUP)
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert_nothing_lost(records)


def test_calls_told_by_text_and_the_connected_notice_in_a_one_to_one_thread(tmp_path):
    for export in forms(NOTICES, tmp_path):
        records = parse(export)
        assert interactions(records, ONE) == [
            (1, "Pia Eklund", "call", "in"),  # "Pia called you." with "Duration: 3 minutes"
            (2, "Pia Eklund", "message", "out"),
            (3, "Pia Eklund", "call", "out"),  # "Pia missed your call.", written by the owner
            (4, "Pia Eklund", "call", "in"),  # "You missed a call from Pia."
            (5, "Pia Eklund", "message", "in")]
        assert note_of(records, ONE) == ("Messenger thread (HTML); "
                                         "group and chat notices, not messages (account only): 1")
        assert (6, "Pia Eklund") in accounts(records, ONE)  # "You are now connected on Messenger"
        assert_nothing_lost(records)


def ingested_counts(unsocial, source, tmp_path) -> tuple[list[tuple], int]:
    """``unsocial ingest`` of a source with no unknown file and nothing quarantined: interactions per person, kind
    and direction, and the records read (each loaded)."""
    db = tmp_path / "fb.duckdb"
    result = unsocial("ingest", source, "--db", db)
    assert result.code == 0, result.err
    assert "unknown file" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select account_ref, kind, direction, count(*) from raw_interactions "
                           "group by all order by all").fetchall()
        read = con.execute("select sum(records_read) from raw_members").fetchone()[0]
        loaded = con.execute("select count(*) from (select member, line from raw_accounts "
                             "union select member, line from raw_interactions)").fetchone()[0]
        quarantined = con.execute("select count(*) from raw_quarantine").fetchone()[0]
    assert read == loaded and quarantined == 0
    return rows, read


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_counts_per_person_as_the_user_sees_them(unsocial, tmp_path, form):
    source = NOTICES if form == "folder" else forms(NOTICES, tmp_path)[1].path
    rows, read = ingested_counts(unsocial, source, tmp_path)
    assert rows == [("Mira Kallio", "message", "in", 2), ("Mira Kallio", "message", "out", 1),
                    ("Mira Kallio", "reaction", "in", 1),
                    ("Oskar Lund", "message", "out", 1),
                    ("Pia Eklund", "call", "in", 2), ("Pia Eklund", "call", "out", 1),
                    ("Pia Eklund", "message", "in", 1), ("Pia Eklund", "message", "out", 1),
                    ("Tobias Renn", "call", "in", 1), ("Tobias Renn", "message", "in", 1),
                    ("Tobias Renn", "message", "out", 1)]
    assert read == 11 + 6 + 1  # both threads' records and the profile


# The uiBoxWhite page of 2019-2021 (humayun12345/MMK, English 2020; moralweb/1to, 2021): the same records.
OLD_BLOCK = ('<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder"><div class="_3-96 _2pio _2lek _2lel">{sender}'
             '</div><div class="_3-96 _2let"><div><div></div><div>{text}</div><div></div><div></div>{last}</div></div>'
             '<div class="_3-94 _2lem">{at}</div></div>')


def old_page(title: str, blocks: list[tuple]) -> str:
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><base href="../../../" />'
            f'<title>{title}</title></head><body><div class="_4t5n" role="main">'
            + "".join(OLD_BLOCK.format(sender=s, text=t, at=a, last=last) for s, t, a, last in blocks)
            + '</div></body></html>')


def test_the_notices_in_the_uibox_pages_of_2020(tmp_path):
    folder = tmp_path / "facebook-hanna"
    shutil.copytree(NOTICES, folder)
    shutil.rmtree(folder / "your_facebook_activity")
    member = "messages/inbox/idafalk_k2j3h4l5m6/message_1.html"
    duration = '<div><span class="_idm">Duration: 4 minutes</span></div>'
    (folder / member).parent.mkdir(parents=True)
    (folder / member).write_text(old_page("Ida Falk", [
        ("Ida Falk", "Ida called you.", "Mar 12, 2020, 11:52 PM", duration),
        (OWNER, "You changed the chat theme to Berry.", "Mar 12, 2020, 11:40 PM", ""),
        (OWNER, "You set the emoji to 😘.", "Mar 12, 2020, 11:39 PM", ""),
        ("Ida Falk", "You missed a call from Ida.", "Mar 12, 2020, 11:30 PM", ""),
        ("Ida Falk", "Kommst du?", "Mar 12, 2020, 11:29 PM", ""),
        (OWNER, "Ida missed your call.", "Mar 12, 2020, 11:20 PM", "")]), encoding="utf-8")
    records = parse(Export(folder))
    assert interactions(records, member) == [(1, "Ida Falk", "call", "in"), (4, "Ida Falk", "call", "in"),
                                             (5, "Ida Falk", "message", "in"), (6, "Ida Falk", "call", "out")]
    assert "group and chat notices, not messages (account only): 2" in note_of(records, member)
    assert_nothing_lost(records)


def kind_of(body: str, sender: str = "Emil Sauer") -> str:
    page = parsed_soup(('<html><body><div role="main"><div class="_a6-g"><div class="_a6-h">{s}</div><div class="_a6-p">'
                  '<div><div></div>{b}</div></div><div class="_a6-o"><div>Jan 23, 2024 8:17:37 am</div></div></div>'
                  '</div></body></html>').format(s=sender, b=body).encode())
    (node, block), = records_of(page)
    return html_message_kind(node, block)


@pytest.mark.parametrize("body, kind", [
    ("<div>Emil Sauer named the group Segelclub.</div>", "notice"),
    ("<div>Emil Sauer left the group.</div>", "left"),
    ("<div>Reacted ❤️ to your message </div>", "reaction_notice"),
    ("<div>You are now connected on Messenger</div>", "notice"),
    ("<div>You missed a call from Emil.</div>", "call"),
    ("<div>The video chat ended.</div><div></div><div></div>"
     '<div><span class="_idm">Duration: 1 minute</span></div>', "call"),
    # a notice with a reaction under it is still a notice
    ("<div>Emil Sauer changed the group photo.</div><div></div><div></div>"
     '<div><ul class="_a6-q"><li>😆Nora Quist</li></ul></div>', "notice"),
    # people's own words (draygen/jarvis: "oh shit I missed your call. is everything ok?")
    ("<div>oh shit I missed your call. is everything ok?</div>", "message"),
    ("<div>Nora Quist left the group.</div>", "message"),  # names another actor than its sender
    ("<div>You called it.</div>", "message"),
    ("<div>Treffen: 18 Uhr</div>", "message"),
    ("<div>Emil Sauer added Nora to the group.</div><div><div><div>"
     '<a href="https://example.org/x">https://example.org/x</a></div></div></div>', "message"),
    ("<div></div><div></div><div></div>"
     '<div><div><a href="photos/1.jpg"><img src="photos/1.jpg" /></a></div></div>', "message")])
def test_what_is_a_notice_in_a_record(body, kind):
    assert kind_of(body) == kind


def test_the_previous_html_threads_are_read_as_before():
    """Threads without notices (F4 2021, F6 2025, Vietnamese 2024) keep every record a message."""
    for vintage in ("f4-2021-html", "f6-2025-html", "f5-2024-html-vi"):
        records = parse(Export(fixture("facebook", vintage)))
        threads = [r for r in records if isinstance(r, Interaction) and r.member.endswith(".html")
                   and "/messages/" in "/" + r.member]
        assert threads and Counter(r.kind for r in threads).keys() == {"message"}, vintage
        assert_nothing_lost(records)


def test_reactions_under_a_message_are_read_as_in_json():
    """The list under a message names each reactor after the emoji, whatever the emoji is made of."""
    from bs4 import BeautifulSoup

    from ingest.sources.facebook.html_threads import html_reactions

    page = BeautifulSoup('<div><div>Hanna Sjöberg</div><div><div>Bis bald</div><div><ul class="_a6-q">'
                         '<li>❤️Mira Kallio</li><li>👍🏽Ørjan Dæhli</li><li>👨‍👩‍👧Åsa O\'Neill</li><li>😆</li></ul>'
                         '</div></div></div>', "lxml")
    assert [r["actor"] for r in html_reactions(page.div)] == ["Mira Kallio", "Ørjan Dæhli", "Åsa O'Neill"]
    assert html_reactions(None) == []
