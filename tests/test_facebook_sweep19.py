"""Sweep 19: Facebook losses found in real published exports, each on an invented miniature of its shape.

* A date in Arabic-Indic digits, slashed, a right-to-left mark before every part ("\u200f١١\u200f/٠٨\u200f/٢٠٢١ ١:١٥
  ص\u200f": ab455/alsafyt people_and_friends.html, a flat Arabic HTML export of 2021) was no date: the page's one
  person was neither read nor quarantined, "recognised as facebook but no record was read".
* Messenger's Vietnamese "Các bạn hiện đã được kết nối trên Messenger" (creamlan/messenger, 2023) was a message in and
  out; the English "You are now connected on Messenger" is a notice.
* Messenger's conversation index, your_messages.html, published without (all of) the thread files it links to
  (YungNewton/Matt-s: 3,936 listed, none present; mousetung/chat-di-Facebook-di-Jean: 28 listed, 8 present;
  creamlan/messenger: 21, 2; wadear/Wadear: 101, 0, the index alone): the missing conversations vanished without a
  word, the index "the owner's own activity".
"""

from __future__ import annotations

from datetime import datetime

import pytest

from conftest import assert_nothing_lost, fixture
from test_facebook_2024_shapes import interactions, note_of
from test_facebook_group_timeline import forms
from test_facebook_shapes import parse
from ingest.errors import UnknownLayoutError
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.html import UNREAD_TIME
from ingest.sources.facebook.text import html_time

ARABIC = fixture("facebook", "f4-2021-html-ar-flat")
PEOPLE = "people_and_friends.html"
PARTIAL = fixture("facebook", "f5-2023-html-vi-index-partial")
CONNECTED_ONLY = "archived_threads/lethuha_7301234500011122/message_1.html"
CONNECTED_THEN_HELLO = "inbox/phamquocbao_7301234500033344/message_1.html"
INDEX = "your_messages.html"
NOTICES = "Messenger thread (HTML); group and chat notices, not messages (account only): 1"
RLM = "\u200f"


def people(records, member: str = PEOPLE) -> list[str]:
    return [a.account_ref for a in records if isinstance(a, Account) and a.member == member and not a.is_owner]


@pytest.mark.parametrize("text, expected", [
    (f"{RLM}١١{RLM}/٠٨{RLM}/٢٠٢١ ١:١٥ ص{RLM}", datetime(2021, 8, 11, 1, 15)),  # ab455/alsafyt: day first, ص am
    (f"{RLM}٢٥{RLM}/٠٧{RLM}/٢٠٢١ ٩:٤٠ م{RLM}", datetime(2021, 7, 25, 21, 40)),  # م pm
    (f"{RLM}٠٣{RLM}/٠٨{RLM}/٢٠٢١ ١٠:٠٥ ص{RLM}", datetime(2021, 8, 3, 10, 5)),  # Arabic: day first, never August 3rd
    ("25/08/2021 13:15", datetime(2021, 8, 25, 13, 15)),  # Latin digits: the value proves day first
    ("08/25/2021, 1:15 PM", datetime(2021, 8, 25, 13, 15)),  # … or month first
    ("08/05/2021 13:15", None),  # nothing tells: refused rather than guessed
    (f"{RLM}١١{RLM}/١٣{RLM}/٢٠٢١ ١:١٥ ص{RLM}", None),  # no 13th month
    ("Feb 12, 2021, 3:04 PM", datetime(2021, 2, 12, 15, 4)), ("12.02.2021, 15:04", datetime(2021, 2, 12, 15, 4))])
def test_a_slashed_date_is_read_in_arabic_indic_digits_and_the_order_it_is_known_in(text, expected):
    assert html_time(text) == expected


def test_an_arabic_page_of_slashed_dates_reads_its_people_and_quarantines_an_impossible_date(tmp_path):
    for export in forms(ARABIC, tmp_path):
        records = parse(export)
        assert people(records) == ["سلمى حداد", "كريم منصور"]
        [refused] = [q for q in records if isinstance(q, Quarantined)]
        assert (refused.member, refused.line, refused.reason) == (PEOPLE, 3, UNREAD_TIME)
        assert_nothing_lost(records)


def test_the_vietnamese_connected_notice_is_no_message(tmp_path):
    for export in forms(PARTIAL, tmp_path):
        records = parse(export)
        assert interactions(records, CONNECTED_ONLY) == []
        assert people(records, CONNECTED_ONLY) == ["Lê Thu Hà"]  # the other person's account, as in English
        assert interactions(records, CONNECTED_THEN_HELLO) == [(1, "Phạm Quốc Bảo", "message", "in")]
        assert note_of(records, CONNECTED_ONLY) == note_of(records, CONNECTED_THEN_HELLO) == NOTICES
        assert_nothing_lost(records)


def test_the_conversation_index_tells_how_many_conversations_the_export_lacks(tmp_path):
    for export in forms(PARTIAL, tmp_path):
        note = note_of(parse(export), INDEX)
        assert note == ("the index lists 2 conversations (of 4) whose files are not in this export: the download is "
                        "incomplete; download the messages again")
    assert "3 conversations (of 3)" in note_of(parse(Export(ARABIC)), INDEX)


def test_the_index_names_no_one_and_makes_no_account():
    records = parse(Export(PARTIAL))
    assert not [r for r in records if getattr(r, "member", "") == INDEX and not isinstance(r, MemberNote)]
    assert "Câu lạc bộ" not in note_of(records, INDEX) and "Vũ Minh Châu" not in note_of(records, INDEX)


def test_an_index_whose_conversations_are_all_here_says_so_and_asks_for_nothing(tmp_path):
    folder = tmp_path / "whole"
    for member in (CONNECTED_ONLY, CONNECTED_THEN_HELLO):
        (folder / member).parent.mkdir(parents=True, exist_ok=True)
        (folder / member).write_bytes((PARTIAL / member).read_bytes())
    index = (PARTIAL / INDEX).read_text(encoding="utf-8")
    for gone in ("caulacbocotuong_7301234500055566", "vuminhchau_7301234500077788"):
        index = index.replace(f"/{gone}/", f"/{CONNECTED_ONLY.split('/')[1]}/")  # links to threads present
    (folder / INDEX).write_text(index, encoding="utf-8")
    assert note_of(parse(Export(folder)), INDEX) == "the index of the conversations: each is read from its own file"


def test_an_index_given_alone_is_facebook_and_the_error_says_its_conversations_are_missing():
    lone = Export(ARABIC / INDEX)
    assert detect_source(lone) is facebook
    with pytest.raises(UnknownLayoutError, match=r"the index lists 3 conversations \(of 3\) whose files are not in"):
        list(facebook.parse(lone))
