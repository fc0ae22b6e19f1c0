"""Messenger's notices in the language of the account (notices.py, data/messenger_notices.csv).

A notice in Polish or Vietnamese — "X opuścił(a) grupę." (X left the group), "Masz nieodebrane połączenie od X"
(you missed a call from X), "Đã bày tỏ cảm xúc ❤ về tin nhắn của bạn" (reacted ❤ to your message) — was counted
as a message from its sender and inflated the messages exchanged with them. Seen in: Vietnamese HTML threads
(nhoo6199/vbhk, Bangsaint05/abc123 ``message_1.html``), a Polish parser's list of notices
(Pawlo77/Messenger-Analyser ``processing/helpers.py``) and a Polish script's (code index id 46731092054).
The fixtures are invented, in the real shapes: a 2025 JSON thread without ``type``, escaped as Facebook escapes
UTF-8, and a 2024 HTML thread.
"""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, fixture
from test_facebook_2024_shapes import interactions, note_of
from test_facebook_group_timeline import forms
from test_facebook_html_notices import ingested_counts
from test_facebook_shapes import parse
from ingest.sources.archive import Export
from ingest.sources.facebook.notices import notice_kind

POLISH = fixture("facebook", "f6-2025-typeless-notices-pl")
VIETNAMESE = fixture("facebook", "f5-2024-html-notices-vi")
INBOX = "your_facebook_activity/messages/inbox/"
CHOIR = INBOX + "chorkameralny_7401234567890123/message_1.json"
ANNA = INBOX + "annanowak_7409876543210987/message_1.json"
BAO = INBOX + "dogiabao_7312345678901234/message_1.html"


def counts(unsocial, source, tmp_path) -> list[tuple]:
    return ingested_counts(unsocial, source, tmp_path)[0]


def test_polish_group_notices_are_no_messages(tmp_path):
    for export in forms(POLISH, tmp_path):
        records = parse(export)
        assert interactions(records, CHOIR) == [
            (1, "Ewa Zielińska", "message", "in"),
            (6, "Tomasz Lis", "message", "in"),  # "Kto opuścił grupę w zeszłym roku?": a question, not a notice
            (7, "Ewa Zielińska", "message", "in"),  # "Marek opuścił grupę." names another actor: her words
            (9, "Tomasz Lis", "call", "in"),  # "Tomasz Lis rozpoczął rozmowę." (started a call)
            (10, "Marek Kowalczyk", "message", "out"), (10, "Ewa Zielińska", "message", "out"),
            (10, "Tomasz Lis", "message", "out")]  # the owner's "Cześć wszystkim …", to each
        note = note_of(records, CHOIR)
        # added (by the owner, "Dodałeś(aś) …"), group photo, nickname, theme ("Marek zmienił motyw.", first name)
        assert "group and chat notices, not messages (account only): 4" in note
        assert "people leaving a group (account only): 1" in note  # "Marek Kowalczyk opuścił grupę."
        assert_nothing_lost(records)


def test_polish_calls_told_by_their_text():
    records = parse(Export(POLISH))
    assert interactions(records, ANNA) == [
        (1, "Anna Nowak", "message", "in"),  # "Dzwoniłam do Ciebie wczoraj, oddzwoń.": her words about a call
        (2, "Anna Nowak", "call", "out"),  # "Zadzwoniłaś do Anny Nowak." (you called)
        (3, "Anna Nowak", "call", "in"),  # "Anna dzwoniła do Ciebie." (called you)
        (4, "Anna Nowak", "call", "in"),  # "Masz nieodebrane połączenie od …" (a missed call)
        (5, "Anna Nowak", "message", "in")]
    assert_nothing_lost(records)


def test_vietnamese_notices_in_an_html_thread(tmp_path):
    for export in forms(VIETNAMESE, tmp_path):
        records = parse(export)
        assert interactions(records, BAO) == [
            (5, "Đỗ Gia Bảo", "call", "out"),  # "🐻 đã bỏ lỡ cuộc gọi của bạn.": the actor by nickname
            (6, "Đỗ Gia Bảo", "call", "in"),  # "Bạn đã bỏ lỡ cuộc gọi của 🐻."
            (7, "Đỗ Gia Bảo", "call", "in"),  # the video chat ended, "Thời lượng: 2 phút" under it
            (8, "Đỗ Gia Bảo", "message", "in"),  # prose holding "đã đổi chủ đề thành"
            (9, "Đỗ Gia Bảo", "message", "in")]
        note = note_of(records, BAO)
        assert "group and chat notices, not messages (account only): 3" in note  # theme, nickname, pinned
        assert "reaction notices written as messages (account only): 1" in note
        assert_nothing_lost(records)


def test_counts_per_person_as_the_user_sees_them(unsocial, tmp_path):
    assert counts(unsocial, POLISH, tmp_path / "pl") == [
        ("Anna Nowak", "call", "in", 2), ("Anna Nowak", "call", "out", 1), ("Anna Nowak", "message", "in", 2),
        ("Ewa Zielińska", "message", "in", 2), ("Ewa Zielińska", "message", "out", 1),
        ("Marek Kowalczyk", "message", "out", 1),  # his notices are no messages: only the owner's one to all
        ("Tomasz Lis", "call", "in", 1), ("Tomasz Lis", "message", "in", 1), ("Tomasz Lis", "message", "out", 1)]
    assert counts(unsocial, VIETNAMESE, tmp_path / "vi") == [
        ("Đỗ Gia Bảo", "call", "in", 2), ("Đỗ Gia Bảo", "call", "out", 1), ("Đỗ Gia Bảo", "message", "in", 2)]


@pytest.mark.parametrize("content, sender, kind", [
    ("Marek Kowalczyk opuścił grupę.", "Marek Kowalczyk", "left"),
    ("Ewa Zielińska opuściła grupę.", "Ewa Zielińska", "left"),
    ("Marek Kowalczyk dodał(a) Ewę Zielińską do grupy.", "Marek Kowalczyk", "notice"),
    ("Dodałeś(aś) Ewę do grupy.", "Zofia Wróbel", "notice"),
    ("Ewa Zielińska usunęła Marka z grupy.", "Ewa Zielińska", "notice"),
    ("Marek Kowalczyk ustawił szybką reakcję jako 👍.", "Marek Kowalczyk", "notice"),
    ("Masz nieodebrane połączenie od Ewy.", "Ewa Zielińska", "call"),
    ("Ewa Zielińska dołączyła do rozmowy.", "Ewa Zielińska", "call"),
    ("Đã bày tỏ cảm xúc 😆 về tin nhắn của bạn", "Đỗ Gia Bảo", "reaction_notice"),
    ("Đỗ đã xóa biệt danh của họ.", "Đỗ Gia Bảo", "notice"),  # the first word of the name, as Messenger writes it
    ("Bạn đã đặt cảm xúc nhanh thành 👍.", "Vũ Thanh Mai", "notice"),
    ("🐻 đã bỏ lỡ lần chat video với bạn.", "Vũ Thanh Mai", "call"),
    # the same words in people's prose stay messages
    ("Wiem, że Marek opuścił grupę.", "Ewa Zielińska", None),
    ("Ewa opuściła grupę.", "Marek Kowalczyk", None),  # another actor than the sender
    ("Zadzwoniłeś do niej?", "Zofia Wróbel", None),  # nobody named: a question
    ("Dzwoniłam do Ciebie wczoraj.", "Ewa Zielińska", None),
    ("Cô ấy đã đổi chủ đề thành chuyện khác", "Đỗ Gia Bảo", None),  # "she changed the topic": no actor of ours
    ("Đã bày tỏ cảm xúc về tin nhắn của bạn rồi", "Đỗ Gia Bảo", None)])  # no emoji reacted
def test_what_is_a_notice(content, sender, kind):
    assert notice_kind({"content": content}, sender) == kind


def test_a_polish_notice_as_facebook_escapes_it_in_json():
    """The JSON writes each UTF-8 byte as its own character ("grupÄ\x99"): the hint finds it before repair."""
    escaped = "Ewa Zielińska opuściła grupę.".encode("utf-8").decode("latin-1")
    assert notice_kind({"content": escaped}, "Ewa Zielińska") == "left"


def test_a_polish_call_with_its_duration_is_left_to_the_duration():
    """As in English: a call with ``call_duration`` is a call by that key (threads.message_kind)."""
    assert notice_kind({"content": "Anna dzwoniła do Ciebie.", "call_duration": 40}, "Anna Nowak") is None
