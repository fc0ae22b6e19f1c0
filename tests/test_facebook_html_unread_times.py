"""A Messenger HTML thread whose times are in a form the date reader does not know (a language or layout not met
yet): each such message is quarantined for its time, never dropped. Records are found by their times, and a
record whose time was not read used to vanish without a word; a page whose every time was such seemed to hold
nobody ("no record was read"). Facebook's time cell (class ``_3-94``, every HTML layout of 2018-2026) still marks
such a record. Vietnamese evening times ("9:15:40tối") stand for any unread form."""

from __future__ import annotations

import shutil

from conftest import assert_nothing_lost, fixture, parse
from ingest.models import Interaction, Quarantined
from ingest.sources.archive import Export
from ingest.sources.facebook.html import UNREAD_TIME

THREAD = "your_facebook_activity/messages/inbox/dogiabao_7312345678901234/message_1.html"


def with_times(tmp_path, count: int | None) -> Export:
    """The Vietnamese thread fixture, its first ``count`` afternoon times (all with None) written as evening."""
    folder = tmp_path / "vi"
    shutil.copytree(fixture("facebook", "f5-2024-html-notices-vi"), folder)
    page = folder / THREAD
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("chiều<", "tối<", -1 if count is None else count), encoding="utf-8")
    return Export(folder)


def test_a_message_whose_time_is_not_read_is_quarantined_not_lost(tmp_path):
    before = parse(Export(fixture("facebook", "f5-2024-html-notices-vi")))
    records = parse(with_times(tmp_path, 1))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(1, UNREAD_TIME)]
    def rows(found):  # the interactions of every other message, as they were
        return sorted((i.line, i.account_ref, i.kind) for i in found if isinstance(i, Interaction) and i.line != 1)

    assert rows(records) == rows(before) and rows(before)
    assert_nothing_lost(records)


def test_a_page_whose_every_time_is_unread_is_quarantined_record_by_record(unsocial, tmp_path):
    export = with_times(tmp_path, None)
    records = parse(export)
    refused = [q for q in records if isinstance(q, Quarantined)]
    assert len(refused) == 9 and {q.reason for q in refused} == {UNREAD_TIME}
    assert not [i for i in records if isinstance(i, Interaction)]
    assert_nothing_lost(records)
    result = unsocial("ingest", export.path, "--db", tmp_path / "u.duckdb")
    assert "no record was read" not in result.out + result.err
