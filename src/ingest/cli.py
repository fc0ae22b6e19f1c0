"""The ``unsocial`` command line: the same steps as the DAG, by hand.

Exit status: 0 success (quarantined records are reported, not fatal), 1 a source could not be
read at all, 2 usage error. Messages name files and places, never a contact's data.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape as markup_escaped
from rich.table import Table
# typer's own click (vendored since typer 0.2x): its usage errors, caught to be said in one line
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer._click.exceptions import UsageError as ClickUsageError

from .errors import UnsocialError, UsageError, printable


class _Terminal(Console):
    """A console that shows what a terminal would act on as escapes (``errors.printable``): file names are
    anyone's, and one with "\x1b[…" in it reached the terminal as it was, in tables and notes alike."""

    def render_str(self, text: str, **options):
        return super().render_str(printable(text, keep_newlines=True), **options)


def shown(text: str) -> str:
    """One line for the console: its markup and anything a terminal would act on escaped (a file name may
    hold both, and a line break, which would split a line in two)."""
    return markup_escaped(printable(text))


app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn social-network exports into an honest map of your relationships.")
out = _Terminal(highlight=False)
err = _Terminal(stderr=True, highlight=False)

DbOption = Annotated[Path, typer.Option("--db", envvar="UNSOCIAL_DB", help="DuckDB file")]
ReportsOption = Annotated[Path, typer.Option("--reports", envvar="UNSOCIAL_REPORTS", help="folder for the CSV reports")]
OverridesOption = Annotated[Optional[Path], typer.Option("--overrides", help="CSV of must_link / cannot_link pairs")]


def check_owner(value: Optional[str]) -> Optional[str]:
    """An ``--owner`` value by the one rule of ``ingest.sources.owners`` (lowercased), or a usage error."""
    from .sources.owners import check_owner_id

    try:
        return None if value is None else check_owner_id(value)
    except UnsocialError as exc:
        raise typer.BadParameter(exc.problem) from None


OwnerOption = Annotated[Optional[str], typer.Option("--owner", callback=check_owner,
                                                    help="owner id (default: the inbox folder's name)")]


def parse_as_of(value: Optional[str]) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("--as-of", f"{value!r} is not a date", "give one like 2026-11-27") from None


AsOfOption = Annotated[Optional[str], typer.Option("--as-of", help="reference date YYYY-MM-DD (default: today)")]
KeepTextOption = Annotated[bool, typer.Option(
    "--keep-message-text", envvar="UNSOCIAL_KEEP_MESSAGE_TEXT",
    help="store what messages say (default: only who, when and which direction); changing it re-reads the exports")]
DEFAULT_DB, DEFAULT_REPORTS = Path("unsocial.duckdb"), Path("reports")


def existing_db(db: Path) -> Path:
    """The database of a command that works on what a run loaded: refused, as `sql` refuses it, when there is
    none, before connecting would leave a new empty one behind (an empty file, `touch`, is none either)."""
    from .errors import DatabaseError

    if not db.is_file() or db.stat().st_size == 0:
        raise DatabaseError(db, "no database here", "run `unsocial run INBOX` first or pass --db")
    return db


def db_option(db: Path) -> str:
    """`` --db PATH`` for a command to suggest, when the database is not the default one (else nothing)."""
    import shlex

    return "" if db == DEFAULT_DB else f" --db {shlex.quote(str(db))}"


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
    print_summary(summary, db)
    out.print(f"database: {db.resolve()}\nreports:  {(reports / summary.reports[0].parent.name).resolve() if summary.reports else reports.resolve()}")
    print_next_steps(summary, db)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def ingest(exports: Annotated[list[Path], typer.Argument(help="export zips, folders or files")],
           db: DbOption = DEFAULT_DB, owner: OwnerOption = None, keep_message_text: KeepTextOption = False) -> None:
    """Parse and load exports; prints a per-source summary."""
    from .pipeline import RunSummary, detect_and_parse_all, work_dir_of
    from .reports.not_read import create_views, not_read_rows
    from .sources.owners import owner_of
    from .sources.takeout import takeout_parts
    from .store.batches import command_line_batches
    from .store.database import connect
    from .store.streaming import LoadWhileParsing

    # what is imported by now (modules, classes, the models: some 40,000 objects) lives as long as the command:
    # frozen, it is not walked again by the collector's full passes during a large parse (20 ms of a 60 MB file)
    gc.freeze()
    owner_id = owner or owner_of(_owner_folder(exports[0].resolve()))
    summary = RunSummary(owner_id)
    exports = _once_each(exports, summary.failed)
    # the database is held from the start: the batch folder is this run's alone (``command_line_batches``)
    with (connect(db) as con, command_line_batches(work_dir_of(db)) as work_dir,
          LoadWhileParsing(con, owner_id) as loading):
        # the zips of a Google Takeout delivered in several, given one by one, are one export, as in an inbox
        takeouts = takeout_parts(sorted({path.resolve() for path in exports}))
        for path in exports:
            parts = takeouts.get(path.resolve(), ())
            if parts and parts[0] != path.resolve():
                continue  # read with the first part
            try:
                summary.parsed.extend(detect_and_parse_all(parts[0] if parts else path, owner_id, work_dir,
                                                           keep_message_text, in_memory=True, loading=loading,
                                                           parts=parts))
            except UnsocialError as exc:
                summary.failed.append(exc)
        loading.finish(summary.parsed)
        create_views(con)
        summary.not_read = not_read_rows(con, owner_id)
    print_summary(summary, db)
    if summary.failed:
        raise typer.Exit(1)


def _owner_folder(export: Path) -> Path:
    """The folder named after the owner: the one holding the export, or the export itself where it is an owner's
    folder under the inboxes root (`unsocial ingest demo/inboxes/henrike` was owner "inboxes")."""
    return export if export.is_dir() and export.parent.name == "inboxes" else export.parent


def _once_each(exports: list[Path], failed: list[UnsocialError]) -> list[Path]:
    """Each export once. The same file given twice (``L.zip $PWD/L.zip``, a shell glob and a name) was loaded
    twice and stopped the command with a duplicate key; another file of the same name is refused, named: an
    export is known by its name, and the later one would replace the first."""
    first: dict[str, Path] = {}  # an export's name → the path it was first given by
    for path in exports:
        earlier = first.setdefault(path.name, path)
        if earlier is path:
            continue
        if earlier.resolve() == path.resolve():
            sys.stderr.write(f"note: {path}: given more than once, read once\n")
        else:
            failed.append(UnsocialError(path, f"has the name of {earlier}, given before it, and an export is known "
                                        "by its name", "rename one, or ingest this one alone to replace the other"))
    return list(first.values())


@app.command()
def resolve(db: DbOption = DEFAULT_DB, overrides: OverridesOption = None,
            owner: Annotated[Optional[str], typer.Option("--owner", callback=check_owner, help=(
                "the owner the overrides are for (default: the database's only owner)"))] = None) -> None:
    """Resolve accounts into people (and apply an owner's overrides)."""
    from .pipeline import resolve_step, sole_owner
    from .store.database import connect

    with connect(existing_db(db)) as con:
        owner = owner or (sole_owner(con) if overrides is not None else None)
        if overrides is not None and owner is None:
            raise typer.BadParameter("the database holds several owners (or none): name the owner the overrides "
                                     "are for", param_hint="--owner")
        changed = resolve_step(con, overrides, force=True, owner_id=owner)
        people = con.execute("select count(distinct person_id) from resolved_accounts").fetchone()[0]
    out.print(f"resolved into {people} people" if changed else "nothing changed")


ListFormatOption = Annotated[str, typer.Option("--format", help="table, csv or json")]
DecisionsFileOption = Annotated[Optional[Path], typer.Option(
    "--overrides", help="the owner's overrides file to write the answers into too "
    "(default: $UNSOCIAL_INBOXES/<owner>/overrides.csv when that inbox exists)")]


@app.command()
def review(db: DbOption = DEFAULT_DB, owner: OwnerOption = None, overrides: DecisionsFileOption = None,
           list_: Annotated[bool, typer.Option("--list", help="print the open questions instead of asking")] = False,
           limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="at most N questions")] = None,
           format: ListFormatOption = "table") -> None:
    """The owner decides what evidence cannot: same person or not, most valuable question first.

    Keys: s same, d different, k or space skip, u undo, q quit. Answers are kept in the database (and the
    overrides file), win over the matcher, and survive every later run and re-import.
    """
    from .identity.review import LIST_COLUMNS, open_questions
    from .review_terminal import run_review
    from .store.database import connect

    if format not in ("table", "csv", "json"):
        raise UsageError("--format", f"{format!r} is not a format", "use table, csv or json")
    with connect(existing_db(db), read_only=list_) as con:
        owner = _review_owner(con, owner)
        if list_:
            rows = [q.row() for q in open_questions(con, owner, limit)]
            print_rows(list(LIST_COLUMNS), [tuple(r[c] for c in LIST_COLUMNS) for r in rows], format)
            return
        kept = run_review(con, owner, overrides or _inbox_overrides(owner), out)
    out.print(f"{kept} answer(s) kept; `unsocial report` refreshes the reports")


@app.command()
def link(first: Annotated[str, typer.Argument(help="PLATFORM:ACCOUNT_REF")],
         second: Annotated[str, typer.Argument(help="PLATFORM:ACCOUNT_REF")],
         db: DbOption = DEFAULT_DB, owner: OwnerOption = None, overrides: DecisionsFileOption = None) -> None:
    """The two accounts are one person (the owner's decision, kept across runs)."""
    _decide(first, second, True, db, owner, overrides)


@app.command()
def unlink(first: Annotated[str, typer.Argument(help="PLATFORM:ACCOUNT_REF")],
           second: Annotated[str, typer.Argument(help="PLATFORM:ACCOUNT_REF")],
           db: DbOption = DEFAULT_DB, owner: OwnerOption = None, overrides: DecisionsFileOption = None) -> None:
    """The two accounts are two people (the owner's decision, kept across runs)."""
    _decide(first, second, False, db, owner, overrides)


def _decide(first: str, second: str, same: bool, db: Path, owner: Optional[str], overrides: Optional[Path]) -> None:
    from .identity.review import parse_account
    from .pipeline import answer
    from .store.database import connect

    try:
        a, b = parse_account(first), parse_account(second)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="PLATFORM:ACCOUNT_REF") from None
    with connect(existing_db(db)) as con:
        owner = _review_owner(con, owner)
        answer(con, owner, a, b, same, overrides or _inbox_overrides(owner))
    out.print(f"stored for owner {owner}: {'one person' if same else 'two people'}; people and marts updated")


def _review_owner(con, owner: Optional[str]) -> str:
    from .pipeline import sole_owner

    owner = owner or sole_owner(con)
    if owner is None:
        raise typer.BadParameter("the database holds several owners (or none): name one", param_hint="--owner")
    return owner


def _inbox_overrides(owner: str) -> Optional[Path]:
    """The owner's inbox overrides file, where the inboxes root is known (the DAG's UNSOCIAL_INBOXES)."""
    root = os.environ.get("UNSOCIAL_INBOXES")
    return Path(root) / owner / "overrides.csv" if root and (Path(root) / owner).is_dir() else None


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
    from .pipeline import marts_step, resolve_step
    from .reports.files import write_reports
    from .store.database import connect
    from .store.tables import set_setting

    reference = parse_as_of(as_of)
    with connect(existing_db(db)) as con:
        for key, value in (("follow_up_days", follow_up_days), ("reply_days", reply_days)):
            if value is not None:
                set_setting(con, key, str(value))
        resolve_step(con)
        marts_step(con, reference)
        files = write_reports(con, reports)
    for path in files:
        out.print(f"wrote {path}")
    if not files:
        out.print("no reports written: the database holds no export yet (`unsocial run INBOX` loads them)")


@app.command()
def sql(query: Annotated[Optional[str], typer.Argument(help="a SQL query over the public views")] = None,
        db: DbOption = DEFAULT_DB,
        format: Annotated[Optional[str], typer.Option("--format", help=(
            "table, csv, json or parquet (default: --out's extension, else table)"))] = None,
        file: Annotated[Optional[Path], typer.Option("--file", exists=True, dir_okay=False,
                                                   help="read the query from this file")] = None,
        out_file: Annotated[Optional[Path], typer.Option("--out", dir_okay=False,
                                                         help="write the result to this file (parquet: needed)")]
        = None) -> None:
    """Run a query on the database and print the result, or write it to --out (csv, json, parquet).

    Read-only and without file access: a query sees the database's tables and views and DuckDB's
    functions, but cannot write the database, read or write a file (read_csv, read_text, COPY ... TO,
    EXPORT DATABASE), attach a database, load an extension or change a setting. --file is read before
    the query runs. For anything else, open the database with the duckdb CLI.
    """
    import duckdb

    from .reports.query_result import check_out_folder, result_format
    from .store.database import connect, lock_down

    format = result_format(format, out_file)
    if (query is None) == (file is None):
        raise UsageError("sql", "a query and --file given" if file else "no query given",
                         "give a query or --file FILE, one of them")
    if file is not None:
        query = _read_query(file)
    if out_file is not None:
        check_out_folder(out_file)
    with connect(db, read_only=True) as con:
        lock_down(con)  # the query may be anyone's (a shared script, a pasted snippet): no file access
        try:
            result = con.execute(query)
        except duckdb.PermissionException:
            raise UnsocialError("query", "reads or writes a file or URL, which `unsocial sql` does not allow",
                                "query the tables and views only, or use the duckdb CLI") from None
        except duckdb.Error as exc:
            raise UnsocialError("query", str(exc).splitlines()[0]) from None
        if result is None:  # "", blanks, a comment or a lone ";": DuckDB runs nothing and returns no result
            raise UsageError(file or "query", "holds no SQL statement", "give a query")
        if out_file is not None:
            write_result(result, format, out_file)
            return
        columns = [c[0] for c in result.description or []]
        print_rows(columns, result.fetchall(), format)


def write_result(result, format: str, path: Path) -> None:
    """A query's result into a file only its owner can read, written whole or not at all: it holds other
    people's data. CSV and JSON hold what the screen would show, value for value."""
    from .reports.files import write_if_changed
    from .reports.query_result import file_content

    content, count = file_content(result, format)
    write_if_changed(path, content, "the file", "free some disk space or pass another --out, then run again")
    out.print(f"wrote {shown(str(path))} ({count} row{'' if count == 1 else 's'})")


@app.command()
def encrypt(db: DbOption = DEFAULT_DB) -> None:
    """Encrypt an existing database in place with the key in UNSOCIAL_DB_KEY.

    The database is copied into an encrypted file beside it, checked table by table and renamed over
    it; no run can write to it meanwhile. Keep the key: without it the database cannot be opened.
    """
    from .store.encryption import encrypt_database

    encrypt_database(db)
    out.print(f"encrypted {shown(str(db))}: set UNSOCIAL_DB_KEY for every later command")


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
    from .reports.files import check_can_make

    reference = parse_as_of(as_of)
    check_can_make(dir, "--dir")
    inbox = write_demo_inbox(dir / "inboxes" / DEMO_OWNER[0].lower(), as_of=reference, call_log=True)
    out.print(f"sample inbox: {inbox.resolve()}")
    run(inbox, db=dir / "unsocial.duckdb", reports=dir / "reports", as_of=reference.isoformat(), overrides=None, owner=None)


@app.command()
def forget(person_id: Annotated[str, typer.Argument(help="the person_id from the contacts view")],
           db: DbOption = DEFAULT_DB, reports: ReportsOption = DEFAULT_REPORTS, as_of: AsOfOption = None) -> None:
    """Remove a person from every table, report and byte of the database, and keep later imports from bringing
    them back. Run again, it completes an erasure that was interrupted."""
    from .forget import forget as forget_person

    count = forget_person(existing_db(db), person_id, reports, parse_as_of(as_of))
    done = f"forgot {count} account(s) of {person_id}" if count is not None else f"{person_id} was forgotten before"
    out.print(f"{done}; database file and reports rewritten")


def print_summary(summary, db: Path = DEFAULT_DB) -> None:
    """Per export: records read = loaded + quarantined, files not read; then what to do about them."""
    from .reports.not_read import counts_by_export

    not_read = counts_by_export(summary.not_read)
    table = Table(title=shown(f"owner {summary.owner_id}"), title_justify="left")
    for column in ("source", "export", "read", "loaded", "quarantined", "files not read", "status"):
        table.add_column(column, justify="left" if column in ("source", "export", "status") else "right")
    for p in summary.parsed:
        status = "ok" if p.reconciles else "COUNTS DO NOT RECONCILE"
        if p.nameless:
            # X's follow lists and DMs name accounts by number alone; x.com/i/user/<number> shows who each is
            who = "; x.com/i/user/<account_ref> shows who" if p.source == "twitter" else ""
            status += f"; {p.nameless} accounts without a name (kept{who})"
        files = not_read[p.export_path].files if p.export_path in not_read else 0
        table.add_row(p.source, shown(p.export_path), str(p.read), str(p.loaded), str(p.quarantined), str(files),
                      shown(status))
    for path in summary.unchanged:
        files = str(not_read[path].files) if path in not_read else ""
        table.add_row("", shown(path), "", "", "", files, "unchanged, skipped")
    for path in summary.unrecognised:
        told = " (below)" if path in summary.unrecognised_why else ""
        table.add_row("?", shown(path), "", "", "", "", f"not a recognised export, ignored{told}")
    out.print(table)
    for path, why in summary.unrecognised_why.items():  # what the file is, and what to do
        out.print(shown(f"{path}: {why}"), soft_wrap=True)
    print_fates(summary)
    print_owners_apart(summary)
    print_not_read(summary, db)
    for failure in summary.failed:
        print_error(failure)


def print_owners_apart(summary) -> None:
    """Exports of two people in one inbox: every owner account is joined into the one owner, their contacts too."""
    from .identity.owners import APART_ADVICE

    if summary.owners_apart:
        named = " and ".join(f"[{', '.join(paths)}]" for paths in summary.owners_apart)
        out.print(shown(f"note: these exports name owners of different names: {named}; {APART_ADVICE}"),
                  soft_wrap=True)


def print_fates(summary) -> None:
    """Loaded exports not read again: kept despite an error, or removed with their rows (never silently)."""
    from .pipeline import export_fate_lines

    for line in export_fate_lines(summary.kept, summary.removed, summary.regrouped):
        out.print(shown(line), soft_wrap=True)


def print_not_read(summary, db: Path = DEFAULT_DB) -> None:
    """What the exports of this summary did not read, a few lines each of what to do, and where the rest is:
    the report's not_read.csv when the run wrote one, and the command that prints every row as CSV (with the
    --db of this command: without it `sql` would look for the default database)."""
    from .reports.not_read import summary_lines

    lines = summary_lines(summary.not_read, [p.export_path for p in summary.parsed] + list(summary.unchanged))
    if not lines:
        return
    report = f", or in {summary.reports[0].parent / 'not_read.csv'}" if summary.reports else ""
    query = f'unsocial sql "select * from not_read"{db_option(db)} --format csv'
    out.print(shown(f"Not read, and what to do (every row: {query}{report}):"), soft_wrap=True)
    out.print("\n".join(shown(line) for line in lines), soft_wrap=True)


def print_next_steps(summary, db: Path) -> None:
    """Where the run's summary page is, and how many questions only the owner can answer (same person or
    not), with the command that asks them. Counts and paths only."""
    from .identity.review import open_questions
    from .pipeline import sole_owner
    from .reports.files import SUMMARY
    from .store.database import connect

    page = next((path for path in summary.reports if path.name == SUMMARY), None)
    if page is None:
        return
    with connect(db, read_only=True) as con:
        count = len(open_questions(con, summary.owner_id))
        owner = "" if sole_owner(con) == summary.owner_id else f" --owner {summary.owner_id}"
    out.print(shown(f"next:     open {page.resolve()}"), soft_wrap=True)
    questions = "no open review question" if not count else (
        f"{count} open review question{'s' if count != 1 else ''} (same person or not): "
        f"unsocial review{db_option(db)}{owner}")
    out.print(shown(f"          {questions}"), soft_wrap=True)


def print_error(exc: UnsocialError) -> None:
    """One line, never wrapped to the terminal's width: scripts and people read it whole."""
    sys.stderr.write(f"error: {printable(exc.message())}\n")


def print_rows(columns: list[str], rows: list[tuple], format: str) -> None:
    from .reports.query_result import as_csv, as_json, holds_any_text

    if format == "json":  # \u escapes where the output cannot hold a name's letters: still every character
        sys.stdout.write(as_json(columns, rows, ascii_only=not holds_any_text(sys.stdout)))
    elif format == "csv":
        if not holds_any_text(sys.stdout):
            sys.stderr.write(f"note: the output's encoding ({sys.stdout.encoding}) cannot hold every letter: those "
                             "it cannot are shown as ?; for every value write the file with --out FILE\n")
        sys.stdout.write(as_csv(columns, rows))
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)


def _tolerant_output() -> None:
    """Where stdout or stderr is in an encoding that cannot hold every name (PYTHONIOENCODING=ascii, a Windows pipe in
    cp1252), a character it cannot hold is written as ?: once, the summary's first "…" stopped a finished run with a
    traceback and exit 1 before it said where the reports were."""
    from .reports.query_result import holds_any_text

    for stream in (sys.stdout, sys.stderr):
        if not holds_any_text(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Entry point: owner-only files, one-line errors, no tracebacks."""
    os.umask(0o077)
    _tolerant_output()
    # no pydantic plugin is used here: looking for them reads the metadata of every installed package
    # when the first model is built (10 ms of every command; more beside Airflow's packages)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    logging.basicConfig(level=os.environ.get("UNSOCIAL_LOG_LEVEL", "WARNING"), format="%(levelname)s %(message)s")
    with _noting_interrupts():
        try:
            code = app(prog_name="unsocial", standalone_mode=False)  # usage errors raised to us, not drawn in a box
        except BaseException as exc:
            _fail(exc)
        else:  # a command's typer.Exit(1), success, or Ctrl-C, which typer turns into 130
            if code == 130 or _PRESSED[0]:
                _fail(KeyboardInterrupt())
            sys.exit(code or 0)


def _usage_line(exc: ClickException) -> UsageError:
    """Typer's usage error (an unknown option, a bad value, a missing argument) in the one line every error is
    said in; it came as a box of several lines, the usage above it."""
    where = exc.ctx.command_path if isinstance(exc, ClickUsageError) and exc.ctx is not None else "unsocial"
    return UsageError(where, " ".join(exc.format_message().split()).rstrip("."), f"see `{where} --help`")


def _fail(exc: BaseException) -> None:
    """How a command ended: Ctrl-C, a named error or a DuckDB failure the user can act on, each in one line; a
    bug is shown as it is."""
    if _PRESSED[0] or isinstance(exc, KeyboardInterrupt) or isinstance(exc, SystemExit) and exc.code == 130:
        sys.stderr.write(f"{INTERRUPTED}\n")
        sys.exit(130)
    if isinstance(exc, NoArgsIsHelpError):  # `unsocial` alone: the help, as before
        exc.show()
        sys.exit(exc.exit_code)
    if isinstance(exc, ClickException):
        exc = _usage_line(exc) if isinstance(exc, ClickUsageError) else UnsocialError("unsocial", exc.format_message())
    if isinstance(exc, typer.Abort):  # the input ended where the command asked for more
        exc = UnsocialError("standard input", "ended before the command had what it asked for")
    if isinstance(exc, UnsocialError):
        print_error(exc)
        sys.exit(exc.exit_code)
    from .store.database import database_failure

    failure = database_failure(exc)  # out of memory, a folder that cannot be written: one line too
    if failure is None:
        raise exc
    print_error(failure)
    sys.exit(failure.exit_code)


# Every step writes in a transaction or to a temporary file renamed at the end, so a run stopped anywhere
# leaves what the last whole run left, and the same command completes it.
INTERRUPTED = "interrupted: nothing half written is kept; run the same command again"
_PRESSED = [False]


@contextlib.contextmanager
def _noting_interrupts():
    """Notes Ctrl-C, which arrives in many shapes: typer's silent exit 130, DuckDB's RuntimeError "Query
    interrupted" (it stops its query on the signal), the error of a module half imported when it came."""
    import signal
    import threading

    _PRESSED[0] = False
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def pressed(signum, frame) -> None:
        _PRESSED[0] = True
        signal.default_int_handler(signum, frame)

    before = signal.signal(signal.SIGINT, pressed)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if before is None else before)
