"""Which clusters are compared: blocking rules declared as data (``BLOCKS``), each a key a cluster is filed under.

Clusters on different platforms are compared when a rule files them under one key (the same full-name key, last
name and first initial, "Jens R." beside every Jens R…, a name run together, the beginnings of both names), so the
work grows with the network, not with its square. Handles give their own guesses of a name to file under.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .clusters import RUN_TOGETHER, Cluster
from .overrides import Node

MAX_BLOCK = 60  # a blocking key shared by more clusters is too common to compare on
BEGINNING = 3  # letters of the first and of the last name a handle made of both begins with at least


@dataclass(frozen=True)
class Block:
    name: str
    keys: Callable[[Cluster], set[str]]
    # The keys on which a cluster seeks the others (None: every key): a pair needs one side seeking.
    seeks: Callable[[Cluster], set[str]] | None = None
    same_platform: bool = False  # pairs that share a platform are compared on this key too


def _handle_first_and_initial(cluster: Cluster) -> set[str]:
    """"jens|r" from a handle "jens_r"."""
    keys = set()
    for handle in cluster.handles:
        parts = [p for p in re.split(r"[_.\d-]+", handle) if p]
        if len(parts) == 2 and len(parts[1]) == 1:
            keys.add(f"{parts[0]}|{parts[1]}")
        elif len(parts) == 1 and parts[0][:-1] in cluster.known_firsts:  # "tomaszw"
            keys.add(f"{parts[0][:-1]}|{parts[0][-1]}")
    return keys


def _handle_keys(cluster: Cluster) -> set[str]:
    """(last name, first initial) guesses from handles: "tnowak", "t_nowak" and "nowakt" → "nowak|t"."""
    keys = set()
    for handle in cluster.handles:
        parts = [p for p in re.split(r"[_.\d-]+", handle) if p]
        if len(parts) >= 2 and len(parts[-1]) > 1:
            keys.add(f"{parts[-1]}|{parts[0][0]}")
        elif len(parts) == 1 and len(parts[0]) > 3:
            flat = parts[0]
            keys.update((f"{flat[1:]}|{flat[0]}", f"{flat[:-1]}|{flat[-1]}"))
            # "gretavanderberg": split after a given name known in the network
            keys |= {f"{flat[cut:]}|{flat[0]}" for cut in range(3, len(flat) - 2) if flat[:cut] in cluster.known_firsts}
    return keys


def _beginnings(cluster: Cluster) -> set[str]:
    """"max|col" from "Maxwell Colhoun": the first letters of the first and of the last name."""
    return {f"{tokens[0][:BEGINNING]}|{tokens[-1][:BEGINNING]}" for tokens in cluster.full_names
            if len(tokens[0]) >= BEGINNING and len(tokens[-1]) >= BEGINNING}


def _handle_beginnings(cluster: Cluster) -> set[str]:
    """Every way a handle such as "maxwcol" may begin with a first and then a last name: "max|wco", "max|col"."""
    flats = (re.sub(r"[^a-z]", "", handle) for handle in cluster.handles)
    return {f"{flat[:BEGINNING]}|{flat[cut:cut + BEGINNING]}" for flat in flats
            for cut in range(BEGINNING, len(flat) - BEGINNING + 1)}


def _joined_prefixes(cluster: Cluster) -> set[str]:
    joined = ("".join(tokens) for tokens in cluster.full_names)
    return {name[:RUN_TOGETHER[0]] for name in joined if len(name) >= RUN_TOGETHER[0]}


# Handles give their own guesses of a name to block on; scoring weighs them once, as a handle level.
BLOCKS = (
    Block("full name", lambda c: c.keys | c.reversed_keys, same_platform=True),
    Block("last name and first initial", lambda c: c.last_and_initial | _handle_keys(c)),
    # "Jens R." (or a handle "jens_r") seeks "Jens Richter"; two full names, Jens Richter and Jens Roth, do not
    # "MichaelRichards" seeks "Michael Richardson" by its first ten letters
    Block("name run together", lambda c: {r[:RUN_TOGETHER[0]] for r in c.run_together} | _joined_prefixes(c),
          lambda c: {r[:RUN_TOGETHER[0]] for r in c.run_together}),
    Block("first name and last initial", lambda c: c.first_and_initial | _handle_first_and_initial(c),
          lambda c: c.abbreviated | _handle_first_and_initial(c)),
    Block("beginnings of the name", lambda c: _beginnings(c) | _handle_beginnings(c), _handle_beginnings),
)


def candidate_pairs(clusters: dict[Node, Cluster], blocks: tuple[Block, ...] = BLOCKS) -> set[tuple[Node, Node]]:
    """Pairs of clusters that share a blocking key and no platform (and one of them seeks on that key)."""
    pairs = set()
    for block in blocks:
        members: dict[str, list[Node]] = defaultdict(list)
        seeking: dict[str, set[Node]] = defaultdict(set)
        for root, cluster in clusters.items():
            for key in block.keys(cluster):
                members[key].append(root)
            if block.seeks is not None:
                for key in block.seeks(cluster):
                    seeking[key].add(root)
        for key, roots in members.items():
            if len(roots) > MAX_BLOCK or (block.seeks is not None and key not in seeking):
                continue
            roots = sorted(roots)
            pairs.update((a, b) for i, a in enumerate(roots) for b in roots[i + 1:]
                         if (block.same_platform or not clusters[a].platforms & clusters[b].platforms)
                         and (block.seeks is None or a in seeking[key] or b in seeking[key]))
    return pairs
