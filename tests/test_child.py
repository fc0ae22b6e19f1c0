"""Work in forked child processes: the answer comes back, and so does the error, named as it was."""

from __future__ import annotations

import os

import pytest

from ingest.child import beside_child, in_child
from ingest.errors import UnreadableExportError


def _pid_and_sum(values: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(values)


def _unreadable(path: str) -> None:
    raise UnreadableExportError(path, "cannot be read (a test)", "download it again")


def test_a_child_beside_this_process_answers_while_this_one_works():
    later = beside_child(_pid_and_sum, list(range(100_000)))
    here = sum(range(100_000))
    pid, there = later.answer()
    assert there == here and pid != os.getpid()


def test_an_error_in_a_child_is_raised_here_as_the_same_one_line_error():
    with pytest.raises(UnreadableExportError) as raised:
        in_child(_unreadable, "inbox/export.zip")
    assert str(raised.value) == "inbox/export.zip: cannot be read (a test); download it again"
    with pytest.raises(ZeroDivisionError):
        beside_child(divmod, 1, 0).answer()
