"""Steps in a forked child process: memory-hungry ones, so that what they allocate goes back to the system,
and half of a CPU-bound one, beside this process on a second core.

Python keeps the memory of the objects it frees for itself: after parsing a large export or linking a
large owner's accounts, ``unsocial run`` would hold a few hundred megabytes it no longer uses, and the
marts' DuckDB work would come on top (measured in bench/results/team_scale.md). A child process
returns its memory when it ends. The answer, or the exception, comes back pickled through a pipe.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable
from typing import Generic, TypeVar

from .errors import UnsocialError

T = TypeVar("T")


def can_fork() -> bool:
    return hasattr(os, "fork")


def in_child(function: Callable[..., T], *args) -> T:
    """``function(*args)`` in a forked child process; its exception is raised here."""
    return beside_child(function, *args).answer()


def beside_child(function: Callable[..., T], *args) -> Pending[T]:
    """``function(*args)`` started in a forked child process, while this one goes on: on a second core, two
    halves of a CPU-bound step take the time of one. ``answer()`` waits for it."""
    read_end, write_end = os.pipe()
    gc.freeze()  # the collector would otherwise write to every object the child shares with its parent
    pid = os.fork()
    if pid == 0:
        _answer(write_end, function, args)  # never returns
    gc.unfreeze()
    os.close(write_end)
    return Pending(pid, read_end, getattr(function, "__name__", "a step"))


class Pending(Generic[T]):
    """The answer of a child process to come (``beside_child``)."""

    def __init__(self, pid: int, pipe: int, name: str):
        self.pid, self.pipe, self.name = pid, pipe, name

    def answer(self) -> T:
        """The child's answer, or its exception raised here, once it has ended."""
        with os.fdopen(self.pipe, "rb") as pipe:
            try:
                outcome, value = pickle.load(pipe)
            except Exception:  # noqa: BLE001 — killed (out of memory?), or an answer that cannot be sent
                outcome, value = "error", RuntimeError(f"{self.name} in a child process gave no answer")
        os.waitpid(self.pid, 0)
        if outcome == "unsocial":  # a named error, rebuilt from its parts (its arguments are not its message)
            kind, path, problem, advice = value
            raise kind(path, problem, advice)
        if outcome == "error":
            raise value
        return value


def _answer(pipe: int, function: Callable, args: tuple) -> None:
    """The child's side of ``in_child``: run, send the answer or the exception, and exit whatever happens."""
    try:
        try:
            result = ("ok", function(*args))
        except UnsocialError as exc:
            result = ("unsocial", (type(exc), exc.path, exc.problem, exc.advice))
        except Exception as exc:  # noqa: BLE001 — raised again in the parent
            result = ("error", exc)
        with os.fdopen(pipe, "wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)
