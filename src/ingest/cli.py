"""The ``unsocial`` command line: the same steps as the DAG, by hand.

Exit status: 0 success (quarantined records are reported, not fatal), 1 a source could not be
read at all, 2 usage error. Messages name files and places, never a contact's data.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .errors import UnsocialError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn social-network exports into an honest map of your relationships.")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[Path, typer.Option("--db", envvar="UNSOCIAL_DB", help="DuckDB file")]
ReportsOption = Annotated[Path, typer.Option("--reports", envvar="UNSOCIAL_REPORTS", help="folder for the CSV reports")]
OverridesOption = Annotated[Optional[Path], typer.Option("--overrides", help="CSV of must_link / cannot_link pairs")]
OwnerOption = Annotated[Optional[str], typer.Option("--owner", help="owner id (default: the inbox folder's name)")]


def parse_as_of(value: Optional[str]) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("expected a date like 2026-11-27") from None


AsOfOption = Annotated[Optional[str], typer.Option("--as-of", help="reference date YYYY-MM-DD (default: today)")]
KeepTextOption = Annotated[bool, typer.Option(
    "--keep-message-text", envvar="UNSOCIAL_KEEP_MESSAGE_TEXT",
    help="store what messages say (default: only who, when and which direction); changing it re-reads the exports")]
DEFAULT_DB, DEFAULT_REPORTS = Path("unsocial.duckdb"), Path("reports")


@app.command()
def run(inbox: Annotated[Path, typer.Argument(help="folder with your exports")],
        db: DbOption = DEFAULT_DB, reports: ReportsOption = DEFAULT_REPORTS, as_of: AsOfOption = None,
        overrides: OverridesOption = None, owner: OwnerOption = None, keep_message_text: KeepTextOption = False) -> None:
    """Parse, load, resolve, build the marts and write the reports: everything the DAG does."""
    from .pipeline import run_inbox

    reference = parse_as_of(as_of)
    with err.status("reading exports…") as status:
        summary = run_inbox(inbox, db, reports, reference, overrides, owner,
                            on_export=lambda f: status.update(f"parsing {f.source} export {f.path.name}…"),
                            message_text=keep_message_text)
    print_summary(summary)
    out.print(f"database: {db.resolve()}\nreports:  {(reports / summary.reports[0].parent.name).resolve() if summary.reports else reports.resolve()}")
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def ingest(exports: Annotated[list[Path], typer.Argument(help="export zips, folders or files")],
           db: DbOption = DEFAULT_DB, owner: OwnerOption = None, keep_message_text: KeepTextOption = False) -> None:
    """Parse and load exports; prints a per-source summary."""
    from .database import connect, load_batches
    from .not_read import create_views, not_read_rows
    from .pipeline import RunSummary, clean_work_dir, detect_and_parse_all, owner_of, work_dir_of

    owner_id = owner or owner_of(exports[0].resolve().parent)
    summary = RunSummary(owner_id)
    for path in exports:
        try:
            summary.parsed.extend(detect_and_parse_all(path, owner_id, work_dir_of(db), keep_message_text))
        except UnsocialError as exc:
            summary.failed.append(exc)
    with connect(db) as con:
        load_batches(con, owner_id, summary.parsed)
        create_views(con)
        summary.not_read = not_read_rows(con, owner_id)
    clean_work_dir(summary.parsed)
    print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def resolve(db: DbOption = DEFAULT_DB, overrides: OverridesOption = None,
            owner: Annotated[Optional[str], typer.Option("--owner", help=(
                "the owner the overrides are for (default: the database's only owner)"))] = None) -> None:
    """Resolve accounts into people (and apply an owner's overrides)."""
    from .database import connect
    from .pipeline import resolve_step, sole_owner

    with connect(db) as con:
        owner = owner or (sole_owner(con) if overrides is not None else None)
        if overrides is not None and owner is None:
            raise typer.BadParameter("the database holds several owners (or none): name the owner the overrides "
                                     "are for", param_hint="--owner")
        changed = resolve_step(con, overrides, force=True, owner_id=owner)
        people = con.execute("select count(distinct person_id) from resolved_accounts").fetchone()[0]
    out.print(f"resolved into {people} people" if changed else "nothing changed")


def _days_option(name: str, default: int, what: str):
    return Annotated[Optional[int], typer.Option(name, min=1, max=3650, help=(
        f"{what} (default: the value stored by an earlier run, else {default})"))]


FollowUpDaysOption = _days_option("--follow-up-days", 90, "follow up contacts connected in the last N days")
ReplyDaysOption = _days_option("--reply-days", 14, "a direct message is unanswered after N days without a reply")


@app.command()
def report(db: DbOption = DEFAULT_DB, reports: ReportsOption = DEFAULT_REPORTS, as_of: AsOfOption = None,
           follow_up_days: FollowUpDaysOption = None, reply_days: ReplyDaysOption = None) -> None:
    """Build the marts for the reference date and write the CSV reports and summary.html.

    --follow-up-days and --reply-days are kept in the database (table settings) for later runs.
    """
    from .database import connect, set_setting
    from .pipeline import marts_step, resolve_step
    from .reports import write_reports

    with connect(db) as con:
        for key, value in (("follow_up_days", follow_up_days), ("reply_days", reply_days)):
            if value is not None:
                set_setting(con, key, str(value))
        resolve_step(con)
        marts_step(con, parse_as_of(as_of))
        files = write_reports(con, reports)
    for path in files:
        out.print(f"wrote {path}")


@app.command()
def sql(query: Annotated[Optional[str], typer.Argument(help="a SQL query over the public views")] = None,
        db: DbOption = DEFAULT_DB,
        format: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
        file: Annotated[Optional[Path], typer.Option("--file", exists=True, dir_okay=False,
                                                   help="read the query from this file")] = None) -> None:
    """Run a query on the database (read-only) and print the result."""
    import duckdb

    from .database import connect

    if format not in ("table", "csv", "json"):
        raise typer.BadParameter("use table, csv or json", param_hint="--format")
    if (query is None) == (file is None):
        raise typer.BadParameter("give either a query or --file", param_hint="QUERY / --file")
    if file is not None:
        query = _read_query(file)
    with connect(db, read_only=True) as con:
        try:
            result = con.execute(query)
        except duckdb.Error as exc:
            raise UnsocialError("query", str(exc).splitlines()[0]) from None
        columns = [c[0] for c in result.description or []]
        print_rows(columns, result.fetchall(), format)


def _read_query(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or "cannot be read").lower()
        raise UnsocialError(file, reason, "pass a UTF-8 file with one query") from None


@app.command()
def demo(dir: Annotated[Path, typer.Option("--dir", help="where to write the sample inbox and outputs")] = Path("demo"),
         as_of: AsOfOption = "2026-11-27") -> None:
    """Make a realistic sample inbox for an invented owner and run everything on it."""
    from .demo import DEMO_OWNER, write_demo_inbox

    reference = parse_as_of(as_of)
    inbox = write_demo_inbox(dir / "inboxes" / DEMO_OWNER[0].lower(), as_of=reference)
    out.print(f"sample inbox: {inbox.resolve()}")
    run(inbox, db=dir / "unsocial.duckdb", reports=dir / "reports", as_of=reference.isoformat(), overrides=None, owner=None)


@app.command()
def forget(person_id: Annotated[str, typer.Argument(help="the person_id from the contacts view")],
           db: DbOption = DEFAULT_DB, reports: ReportsOption = DEFAULT_REPORTS, as_of: AsOfOption = None) -> None:
    """Remove a person from every table and report, and keep later imports from bringing them back."""
    from .privacy import forget as forget_person

    count = forget_person(db, person_id, reports, parse_as_of(as_of))
    out.print(f"forgot {count} account(s) of {person_id}; reports rewritten")


def print_summary(summary) -> None:
    """Per export: records read = loaded + quarantined, files not read; then what to do about them."""
    from .not_read import counts_by_export

    not_read = counts_by_export(summary.not_read)
    table = Table(title=escape(f"owner {summary.owner_id}"), title_justify="left")
    for column in ("source", "export", "read", "loaded", "quarantined", "files not read", "status"):
        table.add_column(column, justify="left" if column in ("source", "export", "status") else "right")
    for p in summary.parsed:
        status = "ok" if p.reconciles else "COUNTS DO NOT RECONCILE"
        if p.nameless:
            status += f"; {p.nameless} accounts without a name (kept)"
        if p.peopleless:
            status += f"; {len(p.peopleless)} file(s) read with no people in them: {', '.join(p.peopleless)}"
        files = not_read[p.export_path].files if p.export_path in not_read else 0
        table.add_row(p.source, escape(p.export_path), str(p.read), str(p.loaded), str(p.quarantined), str(files),
                      escape(status))
    for path in summary.unchanged:
        files = str(not_read[path].files) if path in not_read else ""
        table.add_row("", escape(path), "", "", "", files, "unchanged, skipped")
    for path in summary.unrecognised:
        table.add_row("?", escape(path), "", "", "", "", "not a recognised export, ignored")
    out.print(table)
    print_not_read(summary)
    for failure in summary.failed:
        print_error(failure)


def print_not_read(summary) -> None:
    """What the exports of this summary did not read, a few lines each of what to do, and where the rest is."""
    from .not_read import advice_lines, counts_by_export, headline

    shown = {p.export_path for p in summary.parsed} | set(summary.unchanged)
    rows = [row for row in summary.not_read if row.source_file in shown]
    lines = {export: advice_lines([row for row in rows if row.source_file == export]) for export in shown}
    if not any(lines.values()):
        return
    report = f" and {summary.reports[0].parent / 'not_read.csv'}" if summary.reports else ""
    out.print(escape(f'Not read, and what to do (every row: unsocial sql "select * from not_read"{report}):'),
              soft_wrap=True)
    for export, count in counts_by_export(rows).items():
        if lines[export]:
            out.print(escape(f"{export}: {headline(count)}"), soft_wrap=True)
            out.print("\n".join(escape(f"  - {line}") for line in lines[export]), soft_wrap=True)


def print_error(exc: UnsocialError) -> None:
    """One line, never wrapped to the terminal's width: scripts and people read it whole."""
    sys.stderr.write(f"error: {exc.message()}\n")


def print_rows(columns: list[str], rows: list[tuple], format: str) -> None:
    if format == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, r)) for r in rows], default=str, ensure_ascii=False, indent=1) + "\n")
    elif format == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)


def main() -> None:
    """Entry point: owner-only files, one-line errors, no tracebacks."""
    os.umask(0o077)
    logging.basicConfig(level=os.environ.get("UNSOCIAL_LOG_LEVEL", "WARNING"), format="%(levelname)s %(message)s")
    try:
        app(standalone_mode=True)
    except UnsocialError as exc:
        print_error(exc)
        sys.exit(exc.exit_code)
