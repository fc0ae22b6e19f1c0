"""What ``unsocial sql`` makes of a query's result: its format (``--format``, else ``--out``'s extension), the folder
it is written to, and its rows as CSV or JSON text, the same on the screen and in a file.

JSON holds only what JSON can: NaN and infinities (which Python's json writes as the invalid ``NaN``) become null;
an interval is an ISO-8601 duration and a blob hex, in JSON and CSV. Text goes out whole where the output can hold
every letter; a terminal or pipe in a code page (PYTHONIOENCODING=ascii, a Windows pipe in cp1252) gets JSON's
``\\u`` escapes, and CSV a note that letters it cannot hold are shown as ?.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from datetime import timedelta
from pathlib import Path

from ..errors import UsageError

SQL_FORMATS = ("table", "csv", "json", "parquet")
OUT_FORMATS = {".csv": "csv", ".json": "json", ".parquet": "parquet"}


def result_format(format: str | None, out_file: Path | None) -> str:
    """--format, else the one --out's extension names (`--out contacts.csv`), else a table on the screen."""
    if format is None and out_file is not None:
        format = OUT_FORMATS.get(out_file.suffix.lower())
        if format is None:
            raise UsageError(out_file, "the format cannot be told from the file's extension",
                             "pass --format csv|json|parquet")
    format = format or "table"
    if format not in SQL_FORMATS:
        raise UsageError("--format", f"{format!r} is not a format", "use table, csv, json or parquet")
    if format == "parquet" and out_file is None:
        raise UsageError("--format parquet", "is written to a file", "give --out FILE")
    if format == "table" and out_file is not None:
        raise UsageError("--format table", "is printed, not written to a file", "use csv, json or parquet with --out")
    return format


def check_out_folder(path: Path) -> None:
    """An --out into a folder that is not there, told before the query runs (it was once told as a report that
    could not be written, with advice about --reports, which `sql` has not)."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise UsageError(folder, "is a file, not a folder", "pass another --out")
    if not folder.is_dir():
        raise UsageError(folder, "no such folder", "create it or pass another --out")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(folder, "cannot be written (read-only, or not this user's to write)", "pass another --out")


def file_content(result, format: str) -> tuple[bytes, int]:
    """The bytes of the file --out writes (CSV and JSON in UTF-8, as the screen shows them), and its row count."""
    if format == "parquet":
        import pyarrow.parquet as pq

        table, buffer = result.fetch_arrow_table(), io.BytesIO()
        pq.write_table(table, buffer)
        return buffer.getvalue(), table.num_rows
    columns, rows = [c[0] for c in result.description], result.fetchall()
    text = as_json(columns, rows) if format == "json" else as_csv(columns, rows)
    return text.encode("utf-8"), len(rows)


def as_csv(columns: list[str], rows: list[tuple]) -> str:
    """The rows as CSV; an interval as an ISO-8601 duration and a blob as hex, as in JSON (Python's reprs
    ``3 days, 0:00:00`` and ``b'…'`` were no value another program reads)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_plain_value(value) for value in row] for row in rows)
    return buffer.getvalue()


def _plain_value(value):
    """An interval as an ISO-8601 duration, a blob as hex; the rest as it is."""
    if isinstance(value, timedelta):
        return _iso_duration(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return value


def as_json(columns: list[str], rows: list[tuple], ascii_only: bool = False) -> str:
    """The rows as a JSON list of objects; ``ascii_only``: every letter beyond ASCII as a ``\\u`` escape."""
    records = [dict(zip(columns, map(_json_value, row))) for row in rows]
    return json.dumps(records, default=str, allow_nan=False, ensure_ascii=ascii_only, indent=1) + "\n"


def holds_any_text(stream) -> bool:
    """Whether a text stream can write every character: UTF-8 or UTF-16, or text kept as text (a StringIO has no
    encoding), not only the letters of a code page."""
    encoding = getattr(stream, "encoding", None)
    return encoding is None or encoding.lower().replace("_", "-").startswith(("utf-8", "utf8", "utf-16"))


def _json_value(value):
    """A value JSON can hold, inside lists and structs too; the rest as it is (or str())."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    return _plain_value(value)


def _iso_duration(value: timedelta) -> str:
    """``P63DT1H30M``; DuckDB hands an interval's months over as 30 days each."""
    sign, value = ("-", -value) if value.days < 0 else ("", value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    second = f"{seconds}.{value.microseconds:06d}".rstrip("0") if value.microseconds else str(seconds)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (second, "S")) if n not in (0, "0"))
    days = f"{value.days}D" if value.days else ""
    return f"{sign}P{days}{'T' + time if time else ''}" if days or time else "PT0S"
