"""Columnar batches are validated against the same models as single records."""

from __future__ import annotations

from datetime import datetime

from ingest.columns import Columns, Constant, validate_columns
from ingest.models import Account, Interaction


def message(line: int, **overrides) -> dict:
    values = dict(member="data/direct-messages.js", line=line, platform="twitter", account_ref="12345",
                  kind="message", direction="in", occurred_at=datetime(2024, 1, 1, 12), thread_ref="12345-678")
    return {**values, **overrides}


def test_valid_batch_loads_whole_with_defaults_filled():
    batch = Columns(Interaction)
    for line in range(3):
        batch.append(**message(line))
    table, quarantined = validate_columns(batch.take())
    assert quarantined == [] and table.num_rows == 3
    assert table.column("is_offline").to_pylist() == [False] * 3
    assert len(batch) == 0  # take() empties the buffer


def test_rows_breaking_the_model_are_quarantined_with_pydantic_reasons():
    batch = Columns(Interaction)
    batch.append(**message(0))
    batch.append(**message(1, direction="sideways"))
    batch.append(**message(2, account_ref=""))
    batch.append(**message(3, occurred_at=None))
    table, quarantined = validate_columns(batch)
    assert table.column("line").to_pylist() == [0]
    assert [(q.line, q.reason.split(":")[0]) for q in quarantined] == [(1, "direction"), (2, "account_ref"), (3, "occurred_at")]
    assert "12345" in quarantined[0].excerpt


def test_a_value_of_the_wrong_type_fails_only_its_row():
    batch = Columns(Interaction)
    batch.append(**message(0))
    batch.append(**message(1, occurred_at="not a time"))
    table, quarantined = validate_columns(batch)
    assert table.column("line").to_pylist() == [0]
    assert [q.line for q in quarantined] == [1]


def test_extend_adds_many_rows_with_constants_and_defaults():
    batch = Columns(Interaction)
    batch.extend({"line": [1, 2], "account_ref": ["7", "8"], "occurred_at": [datetime(2024, 1, 1)] * 2},
                 member="m.json", platform="facebook", kind="message", direction="out")
    table, quarantined = validate_columns(batch)
    assert quarantined == []
    assert table.select(["line", "account_ref", "direction", "is_group"]).to_pylist() == [
        {"line": 1, "account_ref": "7", "direction": "out", "is_group": False},
        {"line": 2, "account_ref": "8", "direction": "out", "is_group": False}]


def test_rows_with_control_characters_are_cleaned_as_the_model_cleans_them():
    """Issue 15, item 14: a NUL or an escape in a name reaches no table, by the fast path either."""
    batch = Columns(Account)
    batch.append(member="friends.json", line=1, platform="facebook", account_ref="Jonas\x00 Weber",
                 display_name="Jonas\x1b Weber\r\n")
    batch.append(member="friends.json", line=2, platform="facebook", account_ref="Anna Müller")
    table, quarantined = validate_columns(batch)
    assert not quarantined
    assert sorted(zip(table.column("account_ref").to_pylist(), table.column("display_name").to_pylist()),
                  key=str) == [("Anna Müller", None), ("Jonas Weber", "Jonas Weber")]


def test_fields_one_extend_gives_no_list_are_constants_checked_once_for_every_row():
    """A batch of one ``extend`` keeps the file name, the platform and the defaults as one value each:
    the same table as rows appended one by one, and a value breaking the model quarantines every row."""
    varying = {"line": [1, 2], "account_ref": ["7", "8"], "occurred_at": [datetime(2024, 1, 1)] * 2}
    batch = Columns(Interaction)
    batch.extend(varying, member="m.json", platform="facebook", kind="message", direction="out")
    assert type(batch.data["member"]) is Constant and list(batch.data["member"]) == ["m.json"] * 2
    appended = Columns(Interaction)
    for line, ref in zip(varying["line"], varying["account_ref"]):
        appended.append(**message(line, member="m.json", platform="facebook", account_ref=ref, direction="out",
                                  occurred_at=datetime(2024, 1, 1), thread_ref=None))
    assert validate_columns(batch)[0].equals(validate_columns(appended)[0])

    bad = Columns(Interaction)
    bad.extend(varying, member="m.json", platform="facebook", kind="message", direction="sideways")
    table, quarantined = validate_columns(bad)
    assert table.num_rows == 0 and [(q.line, q.reason.split(":")[0]) for q in quarantined] == [(1, "direction"),
                                                                                             (2, "direction")]


def test_rows_added_to_a_batch_of_constants_keep_their_own_values():
    batch = Columns(Interaction)
    batch.extend({"line": [1], "account_ref": ["7"], "occurred_at": [datetime(2024, 1, 1)]},
                 member="m.json", platform="facebook", kind="message", direction="out")
    batch.append(**message(2, direction="in"))
    batch.extend({"line": [3], "account_ref": ["9"], "occurred_at": [datetime(2024, 1, 2)]},
                 member="n.json", platform="facebook", kind="reaction", direction="out")
    table, quarantined = validate_columns(batch.take())
    assert not quarantined
    assert table.select(["line", "member", "kind", "direction"]).to_pylist() == [
        {"line": 1, "member": "m.json", "kind": "message", "direction": "out"},
        {"line": 2, "member": "data/direct-messages.js", "kind": "message", "direction": "in"},
        {"line": 3, "member": "n.json", "kind": "reaction", "direction": "out"}]
