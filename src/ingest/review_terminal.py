"""``unsocial review``: the owner's questions in the terminal, one at a time, answered by a key.

Keys: s same person, d different people, k or space skip, u undo the last answer, q quit. Each answer is
stored and the owner re-resolved before the next question (``ingest.identity.review``), so the next question is
asked of the people as they are now. Keys are read one at a time from a terminal, and line by line (the
first character of each line) from a pipe or a script; there a line that is no key stops the review (exit 2),
as does a closed standard input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table

from .errors import UsageError
from .identity.overrides import Node
from .identity.review import Question, open_questions
from .pipeline import answer, take_back

KEYS = {"s": "same", "d": "different", "k": "skip", " ": "skip", "u": "undo", "q": "quit"}
PROMPT = "[bold]s[/] same  [bold]d[/] different  [bold]k[/]/space skip  [bold]u[/] undo  [bold]q[/] quit"


class NoAnswerError(UsageError):
    """Review's standard input holds no answer it can take: closed, or a line that is no key."""


ELSEWHERE = "in a script use `unsocial review --list`, then `unsocial link` or `unsocial unlink`"


def check_input() -> None:
    """Refuse, before a question shows a contact, a standard input that is closed (`unsocial review <&-`, a
    service without a terminal): it ended the review with a traceback."""
    if sys.stdin is None or sys.stdin.closed:
        raise NoAnswerError("standard input", "closed, and review asks in a terminal", ELSEWHERE)


def read_key() -> str:
    """One key: from the terminal without Enter, else the first character of the next line (EOF: quit)."""
    check_input()
    if sys.stdin.isatty():
        import click

        return click.getchar().lower()
    line = sys.stdin.readline()
    key = "q" if not line else (line.rstrip("\r\n")[:1] or " ").lower()
    if key not in KEYS:  # `echo y | unsocial review` once ended with "0 answer(s) kept", the y ignored unsaid
        raise NoAnswerError("standard input", f"{key!r} is not a key of review (s, d, k or space, u, q)",
                            f"in a terminal press one; {ELSEWHERE}")
    return key


def question_table(question: Question, number: int, total: int) -> Group:
    """The two accounts side by side, then the evidence with its weights (in bits; blank: a rule, no weight)."""
    accounts = Table(title=escape(f"question {number} of {total}: {question.reason}"), title_justify="left")
    accounts.add_column("")
    for label in ("account A", "account B"):
        accounts.add_column(label, overflow="fold")  # an account_ref is shown whole: it is what `link` takes
    accounts.add_row("platform", question.a_platform, question.b_platform)
    accounts.add_row("name", escape(question.a_display_name or "—"), escape(question.b_display_name or "—"))
    accounts.add_row("account", escape(question.a_account_ref), escape(question.b_account_ref))
    accounts.add_row("now", *(["one person", ""] if question.linked else ["two people", ""]))
    evidence = Table("evidence", "weight")
    for what, weight in question.evidence:
        evidence.add_row(escape(what), "" if weight is None else f"{weight:+g}")
    return Group(accounts, evidence)


def run_review(con: duckdb.DuckDBPyConnection, owner_id: str, overrides_file: Path | None, out: Console,
               key: Callable[[], str] = read_key) -> int:
    """Ask until the questions run out or the owner quits; returns the number of answers kept."""
    if key is read_key:
        check_input()
    skipped: set[frozenset] = set()
    answered: list[tuple[Node, Node]] = []
    while True:
        questions = [q for q in open_questions(con, owner_id) if frozenset((q.a, q.b)) not in skipped]
        if not questions:
            out.print("no open questions left" if not skipped else f"{len(skipped)} question(s) skipped, none left")
            return len(answered)
        question = questions[0]
        out.print(question_table(question, len(skipped) + len(answered) + 1, len(skipped) + len(answered) +
                                 len(questions)))
        out.print(PROMPT)
        action = _action(key)
        if action == "quit":
            return len(answered)
        if action == "skip":
            skipped.add(frozenset((question.a, question.b)))
        elif action == "undo":
            _undo_last(con, owner_id, overrides_file, answered, out)
        else:
            answer(con, owner_id, question.a, question.b, action == "same", overrides_file)
            answered.append((question.a, question.b))
            out.print("stored: " + ("one person" if action == "same" else "two people"))


def _action(key: Callable[[], str]) -> str:
    while True:
        pressed = key()
        if pressed in KEYS:
            return KEYS[pressed]


def _undo_last(con: duckdb.DuckDBPyConnection, owner_id: str, overrides_file: Path | None,
               answered: list[tuple[Node, Node]], out: Console) -> None:
    if not answered:
        out.print("nothing to undo in this session")
        return
    a, b = answered.pop()
    take_back(con, owner_id, a, b, overrides_file)
    out.print("undone: the last answer is taken back")
