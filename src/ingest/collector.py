"""Pausing Python's cycle collector around work that makes many objects and no cycles.

Linkage keeps hundreds of thousands of small objects alive until it is done (accounts, name keys, clusters,
scored pairs), and a long Twitter conversation decodes into tens of thousands of dicts and lists; the cycle
collector, run every 700 new objects, walks them again and again as they pile up: half the time of a
20,000-person network, a third of a large direct-messages.js. Neither holds cycles, so collection waits.
Never hold the pause across a ``yield``: a generator left unfinished must not leave the collector off.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
