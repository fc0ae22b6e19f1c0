"""Columnar records for the hot loops of large exports (a million messages).

Building a pydantic model per message costs about 6 µs; appending to column lists costs under 1 µs.
So a source may yield ``Columns`` of a record model instead of model instances. The contract is the
same: a batch is validated against the model as a whole — types by converting it to the model's
Arrow schema, constraints (required, ``min_length``, ``ge``, ``Literal``) checked column-wise — and
only the rows that fail are validated one by one with pydantic, to quarantine them with its reason.

A datetime field may also hold microseconds since the epoch (UTC) as an int: a hot loop need not build
a datetime object per row, Arrow stores either as the same timestamp, and the rows handed to pydantic
get datetimes back.

A batch made by one ``extend`` holds each field it was not given row by row as a ``Constant``: one
value, converted to Arrow once and checked against the model once, instead of once per row (the file
name, the platform and the defaults of every message of a Twitter archive: 0.05 s of 1.7 s CPU on
bench.twitter_speed's groups archive).
"""

from __future__ import annotations

import json
import types
import typing
from datetime import datetime, timedelta
from itertools import repeat
from typing import Any

import pyarrow as pa
# Arrow's compute functions by name, from the module pyarrow.compute is built on: importing pyarrow.compute
# itself writes a Python wrapper for each of its hundreds of functions, 30 ms of every `unsocial ingest`
from pyarrow._compute import MatchSubstringOptions, SetLookupOptions, call_function
from annotated_types import Ge, MinLen
from pydantic import ValidationError
from pydantic.fields import FieldInfo

from .models import Quarantined, Record, reason_of
from .normalise import CONTROL_CHARACTERS
from .schema import arrow_schema

EPOCH = datetime(1970, 1, 1)


class Constant:
    """A column of ``count`` rows that all hold ``value``, read as a list of them."""

    __slots__ = ("value", "count")

    def __init__(self, value: Any, count: int):
        self.value, self.count = value, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> Any:
        return self.value

    def __iter__(self) -> typing.Iterator:
        return repeat(self.value, self.count)


class Columns:
    """Rows of one record model gathered column by column."""

    def __init__(self, model: type[Record]):
        self.model = model
        self.defaults = {name: (None if f.is_required() else f.default) for name, f in model.model_fields.items()}
        self.times = tuple(f.name for f in arrow_schema(model) if pa.types.is_timestamp(f.type))
        self._reset()

    def _reset(self) -> None:
        self._hold({name: [] for name in self.defaults})

    def _hold(self, data: dict[str, list | Constant]) -> None:
        self.data = data
        self._constant = any(type(column) is Constant for column in data.values())
        # bound list.append per field: the per-row cost of append() is most of a message's cost
        self._appenders = () if self._constant else tuple(
            (data[name].append, name, default) for name, default in self.defaults.items())

    def _unfold(self) -> None:
        """Constant columns as lists again, for rows that may hold other values."""
        self._hold({name: list(column) for name, column in self.data.items()})

    def append(self, **values: Any) -> None:
        if self._constant:
            self._unfold()
        get = values.get
        for append, name, default in self._appenders:
            append(get(name, default))

    def append_rows(self, rows: list[dict]) -> None:
        """``append`` of each row, a column at a time: one pass per field instead of one call per row (the
        10,688 rows of bench.twitter_speed's 8,000 tweets: 12 ms less of the 0.18 s their file costs)."""
        if self._constant:
            self._unfold()
        for name, default in self.defaults.items():
            self.data[name].extend([row.get(name, default) for row in rows])

    def extend(self, varying: dict[str, list], **constant: Any) -> None:
        """Many rows at once: ``varying`` columns of equal length, other fields ``constant`` or the default.

        The hot path for messages: appending row by row costs several times as much.
        """
        count = len(varying["line"])
        if not len(self):  # the usual batch, of one call: its other fields each one ``Constant``
            self._hold({name: list(varying[name]) if name in varying else Constant(constant.get(name, default), count)
                        for name, default in self.defaults.items()})
            return
        if self._constant:
            self._unfold()
        for name, default in self.defaults.items():
            if name in varying:
                self.data[name].extend(varying[name])
            else:
                self.data[name].extend([constant.get(name, default)] * count)

    def __len__(self) -> int:
        return len(self.data["line"])

    def take(self) -> Columns:
        """The rows gathered so far, as a batch of their own; this buffer starts empty again."""
        batch = Columns(self.model)
        batch._hold(self.data)
        self._reset()
        return batch

    def records(self) -> list[Record]:
        """The rows as model instances (validated one by one: for tests and inspection, not hot paths)."""
        return [self.model(**row) for row in self.rows(range(len(self)))]

    def rows(self, indices: typing.Iterable[int]) -> list[dict]:
        rows = [{name: column[i] for name, column in self.data.items()} for i in indices]
        for row in rows:
            for name in self.times:
                if type(row[name]) is int:
                    row[name] = EPOCH + timedelta(microseconds=row[name])
        return rows


def validate_columns(batch: Columns) -> tuple[pa.Table, list[Quarantined]]:
    """The valid rows as an Arrow table of the model's schema, and the invalid ones quarantined."""
    schema = arrow_schema(batch.model)
    try:
        table = pa.Table.from_arrays([_arrow(batch.data[f.name], f.type) for f in schema], schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError, ValueError):
        return _validate_rows(batch, range(len(batch)))
    bad = _violations(batch, table)
    if not call_function("any", [bad]).as_py():
        return table, []
    rechecked, quarantined = _validate_rows(batch, [i for i, b in enumerate(bad.to_pylist()) if b])
    return pa.concat_tables([table.filter(call_function("invert", [bad])), rechecked]), quarantined


def _arrow(column: list | Constant, arrow_type: pa.DataType) -> pa.Array:
    if type(column) is Constant:  # converted as a list of it would be (``pa.scalar`` reads a list of one)
        return pa.repeat(pa.scalar(column.value, arrow_type), column.count)
    return pa.array(column, arrow_type)


def _violations(batch: Columns, table: pa.Table) -> pa.ChunkedArray:
    """True for every row that breaks a constraint of the model that Arrow types do not express.

    A ``Constant`` column is checked on its first row, the answer holding for all."""
    bad = _none_bad(table.num_rows)
    for name, field in batch.model.model_fields.items():
        column = table.column(name)
        if type(batch.data[name]) is not Constant:
            bad = _field_violations(bad, field, column)
            continue
        first = column.slice(0, 1)
        once = _field_violations(_none_bad(len(first)), field, first)
        if len(once) and once[0].as_py() is not False:  # nothing to add when False: False or x is x
            bad = _field_violations(bad, field, column)
    return call_function("coalesce", [bad, False])


def _none_bad(rows: int) -> pa.ChunkedArray:
    return pa.chunked_array([pa.repeat(False, rows)])


def _field_violations(bad: pa.ChunkedArray, field: FieldInfo, column: pa.ChunkedArray) -> pa.ChunkedArray:
    """``bad`` and the rows of ``column`` that break a constraint of the model's ``field``."""
    if field.is_required() and not _optional(field.annotation):
        bad = call_function("or", [bad, call_function("is_null", [column])])
    for rule in field.metadata:
        if isinstance(rule, MinLen):
            bad = _or(bad, call_function("less", [call_function("utf8_length", [column]), rule.min_length]))
        elif isinstance(rule, Ge):
            bad = _or(bad, call_function("less", [column, rule.ge]))
    if _has_control_characters(column):  # the model's validator cleans those rows one by one
        bad = _or(bad, _control_characters(column))
    allowed = _literal_values(field.annotation)
    if allowed:
        known = call_function("is_in", [column], SetLookupOptions(pa.array(allowed)))
        bad = _or(bad, call_function("invert", [known]))
    return bad


def _or(bad: pa.ChunkedArray, more: pa.ChunkedArray) -> pa.ChunkedArray:
    return call_function("or_kleene", [bad, more])


def _control_characters(column: pa.ChunkedArray) -> pa.ChunkedArray:
    return call_function("match_substring_regex", [column], MatchSubstringOptions(CONTROL_CHARACTERS))


def _has_control_characters(column: pa.ChunkedArray) -> bool:
    """Looked for among the distinct values: most columns of a batch repeat a few (member, kind, thread)."""
    return pa.types.is_string(column.type) and bool(
        call_function("any", [_control_characters(call_function("unique", [column]))]).as_py())


def _optional(annotation) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def _literal_values(annotation) -> list | None:
    return list(typing.get_args(annotation)) if typing.get_origin(annotation) is typing.Literal else None


def _validate_rows(batch: Columns, indices) -> tuple[pa.Table, list[Quarantined]]:
    """Validate rows one by one with pydantic: the slow path, for the few rows that failed as a batch."""
    valid, quarantined = [], []
    for row in batch.rows(indices):
        try:
            valid.append(batch.model(**row).model_dump())
        except ValidationError as exc:
            quarantined.append(Quarantined(member=str(row.get("member") or "?"), line=max(int(row.get("line") or 0), 0),
                                           reason=reason_of(exc), excerpt=json.dumps(row, default=str)[:300]))
    return pa.Table.from_pylist(valid, schema=arrow_schema(batch.model)), quarantined
