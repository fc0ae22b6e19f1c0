"""Which scored pairs become links and which go to the owner's review.

A pair is linked when its weight reaches ``link_bits()``, each side is the other's best candidate on
that platform, and the runner-up is ``MARGIN_BITS`` behind; a pair between ``REVIEW_BITS`` and that is
a review case.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UnsocialError
from .overrides import Node

if TYPE_CHECKING:
    from .clusters import Cluster

# A full name and nothing else links from 0 bits of rarity up (+9 for the name): such pairs were one person in
# 0.91-0.92 of the cases with 0 to 1 bit at 20,000 people, in both configurations of bench/results/resolution.md,
# an honest prior to link on, marked as linked by a name alone and asked about early (``review``).
LINK_BITS = 9.0  # unless UNSOCIAL_LINK_BITS says otherwise: ``link_bits``
MAX_LINK_BITS = 30.0  # more than any pair scores: at this, only e-mails, phones and URLs link
REVIEW_BITS = 6.0
MARGIN_BITS = 3.0


@dataclass(frozen=True)
class Scored:
    a: Node
    b: Node
    bits: float
    reason: str
    same_platform: bool = False  # the two share a platform: joined only with ``context``
    context: bool = False  # evidence beyond the name: a company or a handle
    name_shared: bool = False  # the name is visibly two people's: it links nothing on its own
    full_name: bool = False  # the two agree on a whole name
    abbreviated: bool = False  # the two agree on a first name and an initial ("Jens R." and "Jens Richter")


def link_bits() -> float:
    """The link threshold: ``UNSOCIAL_LINK_BITS`` when set, else ``LINK_BITS``. Higher is stricter: fewer
    namesakes known by nothing but their name are merged, and fewer people with rare names are joined
    (bench/results/resolution_detail.md measured both from 10 to 12 bits; bench/results/resolution.md how often a
    name alone is one person, by its rarity); the pairs left out go to review."""
    raw = os.environ.get("UNSOCIAL_LINK_BITS", "").strip()
    if not raw:
        return LINK_BITS
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not REVIEW_BITS <= value <= MAX_LINK_BITS:  # NaN and infinities fail here too
        raise UnsocialError("UNSOCIAL_LINK_BITS", f"must be a number from {REVIEW_BITS:g} to {MAX_LINK_BITS:g}",
                            f"unset it to use the default ({LINK_BITS:g})")
    return value


def decide(clusters: dict[Node, Cluster], scored: list[Scored]) -> tuple[list[Scored], list[Scored]]:
    """Links, strongest first, and review cases.

    A pair is linked when it reaches ``link_bits()`` and each side is the other's clear best: no other
    candidate of its, on the platforms of the other side's person as joined so far, comes within
    ``MARGIN_BITS``. The person grows with each link, so a Facebook "Josepha Fierens" who was a coin
    toss between two LinkedIn accounts stays one after a calendar guest of that name joined one of them.
    """
    pairs_of: dict[Node, list[Scored]] = defaultdict(list)
    for pair in scored:
        pairs_of[pair.a].append(pair)
        pairs_of[pair.b].append(pair)
    joined = _Joined({root: set(cluster.platforms) for root, cluster in clusters.items()})
    links, reviews, threshold = [], [], link_bits()
    # a person's second account of a platform first: who is one person decides who the others' rivals are
    for pair in sorted(scored, key=lambda p: (not (p.same_platform and p.context), -p.bits, p.a, p.b)):
        group_a, group_b = joined.find(pair.a), joined.find(pair.b)
        if group_a == group_b:  # joined through others already: evidence, not a decision
            (links if pair.bits >= threshold else reviews).append(pair)
        elif pair.bits >= threshold and _may_join(pair, joined.platforms[group_a] & joined.platforms[group_b]) \
                and _clear_winner(pair, pair.a, group_b, pairs_of, joined) \
                and _clear_winner(pair, pair.b, group_a, pairs_of, joined):
            links.append(pair)
            joined.union(group_a, group_b)
        else:
            reviews.append(pair)
    return links, reviews


def _may_join(pair: Scored, common_platforms: set[str]) -> bool:
    """A name two people visibly share links nothing alone; two accounts of one platform need more than a name."""
    if pair.name_shared and not pair.context:
        return False
    return not common_platforms or (pair.same_platform and pair.context)


class _Joined:
    """The people as this round of links joins them, with the platforms each already has."""

    def __init__(self, platforms: dict[Node, set[str]]):
        self.parent = {root: root for root in platforms}
        self.platforms = platforms

    def find(self, node: Node) -> Node:
        while self.parent[node] != node:
            node = self.parent[node]
        return node

    def union(self, a: Node, b: Node) -> None:
        self.parent[b] = a
        self.platforms[a] |= self.platforms.pop(b)


def _clear_winner(pair: Scored, this: Node, target: Node, pairs_of, joined: _Joined) -> bool:
    """No rival of ``this`` on the platforms of ``target``'s person comes within the margin."""
    for rival in pairs_of[this]:
        if pair.full_name and rival.abbreviated:  # "Jens R." fits every Jens R.; no rival to a "Jens Richter"
            continue
        other = joined.find(rival.b if rival.a == this else rival.a)
        if rival is not pair and other != target and rival.bits > pair.bits - MARGIN_BITS \
                and joined.platforms[other] & joined.platforms[target]:
            return False
    return True


def confidence(bits: float) -> float:
    """A match weight as a probability-like confidence: 10 bits ≈ 0.89, 14 bits ≈ 0.99."""
    return round(1 / (1 + 2 ** -(bits - 7)), 3)
