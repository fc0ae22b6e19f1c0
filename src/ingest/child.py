"""Memory-hungry steps in a forked child process, so that what they allocate goes back to the system.

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
from typing import TypeVar

from .errors import UnsocialError

T = TypeVar("T")


def can_fork() -> bool:
    return hasattr(os, "fork")


def in_child(function: Callable[..., T], *args) -> T:
    """``function(*args)`` in a forked child process; its exception is raised here."""
    read_end, write_end = os.pipe()
    gc.freeze()  # the collector would otherwise write to every object the child shares with its parent
    pid = os.fork()
    if pid == 0:
        _answer(write_end, function, args)  # never returns
    gc.unfreeze()
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        try:
            outcome, value = pickle.load(pipe)
        except Exception:  # noqa: BLE001 — killed (out of memory?), or an answer that cannot be sent
            outcome, value = "error", RuntimeError(f"{getattr(function, '__name__', 'a step')} in a child "
                                                   "process gave no answer")
    os.waitpid(pid, 0)
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
