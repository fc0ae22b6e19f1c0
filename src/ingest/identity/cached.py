"""``functools.cached_property`` without its lock.

Python 3.11's takes a lock on every first read of a property on every instance: resolving 20,000 people reads
a cluster's name keys and parts some 460,000 times for the first time, and the lock cost 0.3 s of about 8
(measured on the benchmark's network of 20,000 people). Resolution runs in one thread; 3.12 dropped the lock too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class cached_property:  # noqa: N801 — a drop-in for functools.cached_property
    def __init__(self, func: Callable[[Any], Any]):
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
