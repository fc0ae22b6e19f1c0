"""``Columns.append_rows`` gives the batch ``append`` gives, row for row (tweets.py gathers its rows so)."""

from __future__ import annotations

from datetime import datetime

from ingest.columns import Columns, validate_columns
from ingest.models import Interaction


def message(line: int, **overrides) -> dict:
    values = dict(member="data/tweets.js", line=line, platform="twitter", account_ref="12345", kind="mention",
                  direction="out", occurred_at=datetime(2024, 1, 1, 12), thread_ref="99")
    return {**values, **overrides}


def test_rows_appended_at_once_are_those_appended_one_by_one():
    rows = [message(1), message(2, direction="sideways"), message(3, message_text="hi")]
    one_by_one, at_once = Columns(Interaction), Columns(Interaction)
    for row in rows:
        one_by_one.append(**row)
    at_once.append_rows(rows)
    assert at_once.data == one_by_one.data
    (table, quarantined), (expected, expected_quarantined) = validate_columns(at_once), validate_columns(one_by_one)
    assert table.equals(expected) and quarantined == expected_quarantined and [q.line for q in quarantined] == [2]


def test_rows_appended_to_a_batch_of_constants_keep_its_rows():
    batch = Columns(Interaction)
    batch.extend({"line": [1], "account_ref": ["7"], "occurred_at": [datetime(2024, 1, 1)]}, member="m.js",
                 platform="twitter", kind="message", direction="in")
    batch.append_rows([message(2)])
    assert batch.data["member"] == ["m.js", "data/tweets.js"] and batch.data["line"] == [1, 2]
