"""How common a name is in the network: agreeing on "Hauke Thießen" says more than agreeing on "Thomas Müller".

``matching`` lowers the weight of a name agreement by how many people in the network could be expected
to carry that name by chance, counted from the name parts of every cluster.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from ..names import given_names
from .overrides import Node

if TYPE_CHECKING:
    from .clusters import Cluster

RARITY_BITS = (-6.0, 6.0)  # bounds of the name-rarity adjustment
ENDING_PRIOR = 60  # weight of the network-wide share of a given name against its share among last names ending alike


class NameFrequencies:
    """How common given names, last names and initials are in this network, to weigh an agreement."""

    def __init__(self, clusters: dict[Node, Cluster]):
        self.counts: Counter[tuple[str, str]] = Counter()
        self.total = max(len(clusters), 1)
        # "jens|r" → the full-name keys of each cluster with a full name that "Jens R." may stand for
        self.fitting: dict[str, list[frozenset[str]]] = defaultdict(list)
        for cluster in clusters.values():
            for part, values in _name_parts(cluster).items():
                self.counts.update((part, v) for v in values)
            if cluster.full_names:
                keys = frozenset(cluster.keys)
                for abbreviation in cluster.first_and_initial:
                    self.fitting[abbreviation].append(keys)

    def rarity_bits(self, level: str, a: Cluster, b: Cluster | None = None) -> float:
        """log2 of 1 / (people expected to agree this far by chance): positive when that is rare."""
        if level == "same name" and b is not None:
            chance = self._shared_name_chance(a, b)
        else:
            chance = self._chance(level, _name_parts(a))
        return min(max(-math.log2(max(self.total * chance, 1e-9)), RARITY_BITS[0]), RARITY_BITS[1])

    def only_name_fitting(self, short: Cluster, full: Cluster) -> bool:
        """Every full name in the network that ``short``'s "Jens R." may stand for is ``full``'s: the one Jens R…
        there is (others may write it too, as a second account or a card of that person)."""
        abbreviations = short.abbreviated & full.first_and_initial
        return bool(abbreviations) and all(keys & full.keys for abbreviation in abbreviations
                                           for keys in self.fitting[abbreviation])

    def _shared_name_chance(self, a: Cluster, b: Cluster) -> float:
        """Two full names agree on the readings they share. Of one family name, the most common given-name
        reading counts: "Andi Kuhn" and "Andreas Kühn" agree as Andreas Kuhn, as common as every Andreas Kuhn,
        Andi and Andy included, not as rare as the few who write "Andi". Of the family names, the fullest they
        share: two "Sofía Lobato García" agree on Lobato García, not merely on García."""
        by_last: dict[str, float] = defaultdict(float)
        for key in a.keys & b.keys:
            parts = _key_parts(key)
            (last,) = parts["last"]
            by_last[last] = max(by_last[last], self._chance("same name", parts))
        return min(by_last.values())

    def _chance(self, level: str, parts: dict[str, set[str]]) -> float:
        share = 1.0
        for part in RARITY_PARTS.get(level, ()):
            share *= self.share(part, parts)
        return share

    def share(self, part: str, parts: dict[str, set[str]]) -> float:
        """How common a name part is. A given name is judged among the people whose last names end
        alike too, when it is more common there: given and family names go together by language
        (Nikos is rare in a German network, but not among the -is and -ou), and taking them as
        independent would make "Nikos Karagiannis" look far rarer than it is."""
        share = max((self.counts[(part, v)] for v in parts[part]), default=1) / self.total
        if part != "first":
            return share
        # the two clusters compared are left out of the counts, and small groups lean on the network
        alike = max(((self.counts[("first_by_ending", v)] - 2 + ENDING_PRIOR * share)
                     / (self.counts[("ending", v.split("|")[1])] - 2 + ENDING_PRIOR)
                     for v in parts["first_by_ending"]), default=0.0)
        return max(share, alike)


# Which parts of a name an agreement level rests on, for its rarity.
RARITY_PARTS = {
    "same name": ("first", "last"),
    "same name, order reversed": ("first", "last"),
    "name run together": ("first", "last"),
    "same first name and last initial": ("first", "last_initial"),
    "same last name and initial": ("first_initial", "last"),
}


def _name_parts(cluster: Cluster) -> dict[str, set[str]]:
    return cluster.name_parts


def parts_of(cluster: Cluster) -> dict[str, set[str]]:
    """The parts of a cluster's names, counted by ``NameFrequencies`` in every reading its keys allow:
    a given name and the full names it is short for, a double name whole and by either half."""
    parts = {"first": set(), "last": set(), "first_initial": set(), "last_initial": set(), "ending": set(),
             "first_by_ending": set()}
    for tokens in cluster.tokens:
        if len(tokens) >= 2:
            parts["first"].update(given_names(tokens[0]))
            parts["first_initial"].add(tokens[0][0])
            parts["last_initial"].add(tokens[-1][0])
    for key in cluster.keys:
        for part, values in _key_parts(key).items():
            parts[part] |= values
    return parts


def _key_parts(key: str) -> dict[str, set[str]]:
    """"andreas kuhn" → first "andreas", last "kuhn", ending "uhn", and the first name by that ending."""
    first, last = key.split(" ", 1)
    return {"first": {first}, "last": {last}, "ending": {last[-3:]}, "first_by_ending": {f"{first}|{last[-3:]}"}}
