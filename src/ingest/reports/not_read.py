"""What of each export was not read, for the run summary: the rows of the public view ``not_read``
(files unknown or left out, records refused, notes on files read) and the lines printed about them.

The rows are read with the SQL of ``sql/marts/not_read.sql`` and ``advice.sql`` themselves, so that
``unsocial ingest``, which builds no views, prints the same advice as the view and the reports hold.
The printed lines name an export's own files only where this version does not know them (their names
are the platform's, as in ``Mystery_Feature.csv``); a refused record is told by its reason, since the
name of the file it is in may be a contact's (``Pieter_de_Vries.vcf``): the view and
``not_read.csv`` say which file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from ..store.transform import layer_files

LINES_PER_EXPORT = 4  # lines of advice per export in the run summary; the view holds them all
RANK = {"unknown": 0, "parsed": 1, "quarantined": 2, "ignored": 3, "no_people": 4}  # sort key, after is_actionable
NAMES_PER_LINE = 3  # files read with nobody in them named in one line; the view names them all


@dataclass(frozen=True)
class NotRead:
    """One row of the view ``not_read``."""

    source: str | None
    source_file: str
    member: str
    handling: str
    files: int
    records: int | None
    first_line: int | None
    reason: str
    is_actionable: bool
    what_to_do: str


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """The views ``advice`` and ``not_read`` alone, for a database that has no marts yet (``unsocial
    ingest``): they read the raw tables only. The next run builds every view again."""
    files = layer_files("marts")
    for view in ("advice", "not_read"):
        con.execute(f"create or replace view {view} as\n{files[view]}")


def not_read_rows(con: duckdb.DuckDBPyConnection, owner_id: str) -> list[NotRead]:
    """The owner's rows of ``not_read``, in its order, from the raw tables as they are now."""
    files = layer_files("marts")
    # a CTE named like the view it stands for shadows it (or its absence, before any marts exist)
    query = f"with advice as (\n{files['advice']}\n)\nselect * exclude (owner_id) from (\n{files['not_read']}\n) " \
            "where owner_id = ?"
    return [NotRead(*row) for row in con.execute(query, [owner_id]).fetchall()]


@dataclass
class ExportCounts:
    """What of one export was not read: files unknown or left out, records refused."""

    unknown: int = 0
    ignored: int = 0
    refused: int = 0

    @property
    def files(self) -> int:
        return self.unknown + self.ignored


def counts_by_export(rows: list[NotRead]) -> dict[str, ExportCounts]:
    counts: dict[str, ExportCounts] = {}
    for row in rows:
        export = counts.setdefault(row.source_file, ExportCounts())
        if row.handling == "unknown":
            export.unknown += row.files
        elif row.handling == "ignored":
            export.ignored += row.files
        elif row.handling == "quarantined":
            export.refused += row.records or 0
    return counts


def headline(counts: ExportCounts) -> str:
    """``1 unknown file, 3 files left out, 2 records refused``: what one export lost, in words."""
    parts = [(counts.unknown, _count(counts.unknown, "unknown file")),
             (counts.ignored, f"{_count(counts.ignored, 'file')} left out"),
             (counts.refused, f"{_count(counts.refused, 'record')} refused")]
    return ", ".join(text for n, text in parts if n) or "everything read"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary_lines(rows: list[NotRead], exports: Iterable[str]) -> list[str]:
    """What these exports did not read, as the run summaries of ``unsocial run``, ``unsocial ingest``
    and the DAG show it: per export with something to tell, ``<export>: <headline>`` and a few lines
    ``  - <what>: <what to do>``. Counts, reasons and the names of files read or unknown only."""
    wanted = set(exports)
    lines = []
    for export, counts in counts_by_export(rows).items():
        advice = advice_lines([row for row in rows if row.source_file == export]) if export in wanted else []
        if advice:
            lines += [f"{export}: {headline(counts)}", *(f"  - {line}" for line in advice)]
    return lines


def advice_lines(rows: list[NotRead], limit: int = LINES_PER_EXPORT) -> list[str]:
    """The lines of one export's advice, what can be acted on first, at most ``limit`` and a last one
    saying how many more there are."""
    lines = [line for _, line in sorted(_lines(rows), key=lambda item: item[0])]
    if len(lines) > limit:
        lines = [*lines[: limit - 1], f"and {len(lines) - limit + 1} more in not_read"]
    return lines


def _lines(rows: list[NotRead]) -> list[tuple[tuple, str]]:
    """(sort key, line) of every row worth a line: refused records told by reason, files left out
    on purpose in one line unless their advice asks for something, files read with nobody in them in one."""
    refused: Counter[tuple[str, str, bool]] = Counter()
    lines, left_out, peopleless = [], 0, []
    for row in rows:
        if row.handling == "no_people":
            peopleless.append(row)
        elif row.handling == "quarantined":
            refused[(row.reason, row.what_to_do, row.is_actionable)] += row.records or 0
        elif row.handling == "ignored" and not row.is_actionable:
            left_out += row.files
        else:
            lines.append(((not row.is_actionable, RANK[row.handling], -row.files, row.member), _file_line(row)))
    for (reason, what_to_do, actionable), n in refused.items():
        lines.append(((not actionable, RANK["quarantined"], -n, reason),
                      f"{_count(n, 'record')} refused ({reason}): {what_to_do}"))
    if left_out:
        lines.append(((True, RANK["ignored"], 0, ""), f"{_count(left_out, 'file')} left out on purpose: nothing to do"))
    if peopleless:
        lines.append(((True, RANK["no_people"], 0, ""), _peopleless_line(peopleless)))
    return lines


def _peopleless_line(rows: list[NotRead]) -> str:
    """Calendars of holidays or of one's own appointments: complete, and nobody in them."""
    names = ", ".join(row.member for row in rows[:NAMES_PER_LINE])
    more = f" and {len(rows) - NAMES_PER_LINE} more" if len(rows) > NAMES_PER_LINE else ""
    files = sum(row.files for row in rows)
    return f"{_count(files, 'file')} read with no people in {'it' if files == 1 else 'them'} ({names}{more}): " \
           f"{rows[0].what_to_do}"


def _file_line(row: NotRead) -> str:
    if row.handling == "unknown" and row.files > 1:  # a Google Takeout product's files, one row (``not_read.sql``)
        return f"{row.files} unknown files ({row.reason}; {row.member} among them): {row.what_to_do}"
    if row.handling == "unknown":
        return f"unknown file {row.member} ({row.reason}): {row.what_to_do}"
    if row.handling == "parsed":
        return f"read, with a note ({row.reason}): {row.what_to_do}"
    return f"{_count(row.files, 'file')} not read ({row.reason}): {row.what_to_do}"
