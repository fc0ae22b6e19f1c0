"""Scored matching across platforms: the same person on Facebook, Twitter/X, LinkedIn and XING.

After the deterministic links (``linkage``), each person is a cluster of accounts. Clusters on
different platforms are compared when a blocking rule puts them side by side (``BLOCKS``), so the
work grows with the network, not with its square. Each comparison adds a match weight in bits,
Fellegi–Sunter style, from levels declared as data (``NAME_LEVELS``, ``COMPANY_LEVELS``,
``HANDLE_LEVELS``), plus the name's own rarity: agreeing on "Hauke Thießen" says more than agreeing
on "Thomas Müller", so the weight of a name is lowered by how many people in the network could be
expected to carry it by chance. A pair is linked when its weight reaches ``link_bits()``, each side is
the other's best candidate on that platform, and the runner-up is ``MARGIN_BITS`` behind; a pair
between ``REVIEW_BITS`` and that is a review case. Clusters that already share a platform are never
joined (a person has one account per platform), which keeps namesakes from chaining together.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import JaroWinkler

from .errors import UnsocialError
from .models import SOCIAL_PLATFORMS
from .names import full_name_keys, given_names, spellings
from .normalise import normalise_name
from .overrides import Node

LINK_BITS = 10.0  # unless UNSOCIAL_LINK_BITS says otherwise: ``link_bits``
MAX_LINK_BITS = 30.0  # more than any pair scores: at this, only e-mails, phones and URLs link
REVIEW_BITS = 6.0
MARGIN_BITS = 3.0
MAX_BLOCK = 60  # a blocking key shared by more clusters is too common to compare on

# Name agreement: the best level that applies. Partial names are what platforms show: a Facebook
# friend as "Jens R.", a Twitter display name "Louis" or none at all.
NAME_LEVELS = (
    ("same name", 9.0),  # a full-name key in common: spelling, order, titles, nicknames aside
    ("similar name", 5.0),  # Jaro-Winkler ≥ 0.93 on two full names: a typo, a middle name
    ("same first name and last initial", 4.0),  # "Jens R." and "Jens Richter"
    ("same last name and initial", 2.0),
    ("same first name", 1.0),  # one side gives a first name only
    ("name unknown", 0.0),  # one side has no name (a Twitter follower nobody named)
    ("different name", -8.0),
)
COMPANY_LEVELS = (("same company", 4.0), ("different company", -1.0), ("company unknown", 0.0))
# A handle is often made of the name: "merleschubert", "smueller87", "stefan_h".
HANDLE_LEVELS = (
    ("handle is the full name", 8.0),
    ("handle is initial and last name", 6.0),
    ("handle is first name and last initial", 3.0),
    ("handle contains the last name", 3.0),
    ("handle unrelated", 0.0),
)
RARITY_BITS = (-6.0, 6.0)  # bounds of the name-rarity adjustment
ENDING_PRIOR = 60  # weight of the network-wide share of a given name against its share among last names ending alike


@dataclass
class Cluster:
    """What is known about one person so far: all names, companies and handles of their accounts."""

    root: Node
    platforms: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    companies: set[str] = field(default_factory=set)
    handles: set[str] = field(default_factory=set)
    known_firsts: frozenset[str] = frozenset()  # given names seen in the network, to split handles

    # Read many times once the cluster is complete (``clusters_of``), so computed once.
    @cached_property
    def keys(self) -> set[str]:
        return {key for name in self.names for key in full_name_keys(name)}

    @cached_property
    def folded(self) -> set[str]:
        return {spelling for name in self.names for spelling in spellings(normalise_name(name) or "") if spelling}

    @cached_property
    def full_names(self) -> list[list[str]]:
        """Folded names of two or more words, abbreviated last names ("jens r") left out."""
        return [t for t in self.tokens if len(t) >= 2 and len(t[-1]) > 1]

    @cached_property
    def tokens(self) -> list[list[str]]:
        """The words of each folded name."""
        return [f.split() for f in self.folded]

    @cached_property
    def name_parts(self) -> dict[str, set[str]]:
        return _parts_of(self)

    @cached_property
    def last_and_initial(self) -> set[str]:
        return _last_and_initial(self)

    @cached_property
    def first_and_initial(self) -> set[str]:
        return _first_and_initial(self)

    @cached_property
    def abbreviated(self) -> set[str]:
        """"jens|r" from "Jens R." only: a last name written as its initial."""
        return {f"{tokens[0]}|{tokens[-1]}" for tokens in self.tokens if len(tokens) >= 2 and len(tokens[-1]) == 1}


@dataclass(frozen=True)
class Block:
    name: str
    keys: Callable[[Cluster], set[str]]
    # The keys on which a cluster seeks the others (None: every key): a pair needs one side seeking.
    seeks: Callable[[Cluster], set[str]] | None = None


def _full_names(cluster: Cluster) -> list[list[str]]:
    return cluster.full_names


def _last_and_initial(cluster: Cluster) -> set[str]:
    """"berg|g" and "vanderberg|g" from "Greta van der Berg"."""
    keys = {f"{tokens[-1]}|{tokens[0][0]}" for tokens in _full_names(cluster)}
    return keys | {f"{''.join(tokens[1:])}|{tokens[0][0]}" for tokens in _full_names(cluster)}


def _first_and_initial(cluster: Cluster) -> set[str]:
    """"jens|r" from "Jens Richter" and from "Jens R."."""
    return {f"{tokens[0]}|{tokens[-1][0]}" for tokens in cluster.tokens if len(tokens) >= 2}


def _handle_first_and_initial(cluster: Cluster) -> set[str]:
    """"jens|r" from a handle "jens_r"."""
    keys = set()
    for handle in cluster.handles:
        parts = [p for p in re.split(r"[_.\d-]+", handle) if p]
        if len(parts) == 2 and len(parts[1]) == 1:
            keys.add(f"{parts[0]}|{parts[1]}")
    return keys


def _handle_keys(cluster: Cluster) -> set[str]:
    """(last name, first initial) guesses from handles: "tnowak" and "t_nowak" → "nowak|t"."""
    keys = set()
    for handle in cluster.handles:
        parts = [p for p in re.split(r"[_.\d-]+", handle) if p]
        if len(parts) >= 2 and len(parts[-1]) > 1:
            keys.add(f"{parts[-1]}|{parts[0][0]}")
        elif len(parts) == 1 and len(parts[0]) > 3:
            flat = parts[0]
            keys.add(f"{flat[1:]}|{flat[0]}")
            # "gretavanderberg": split after a given name known in the network
            keys |= {f"{flat[cut:]}|{flat[0]}" for cut in range(3, len(flat) - 2) if flat[:cut] in cluster.known_firsts}
    return keys


# Handles give their own guesses of a name to block on; scoring weighs them once, as a handle level.
BLOCKS = (
    Block("full name", lambda c: c.keys),
    Block("last name and first initial", lambda c: c.last_and_initial | _handle_keys(c)),
    # "Jens R." (or a handle "jens_r") seeks "Jens Richter"; two full names, Jens Richter and Jens Roth, do not
    Block("first name and last initial", lambda c: c.first_and_initial | _handle_first_and_initial(c),
          lambda c: c.abbreviated | _handle_first_and_initial(c)),
)


@dataclass(frozen=True)
class Scored:
    a: Node
    b: Node
    bits: float
    reason: str


def clusters_of(accounts, find: Callable[[Node], Node]) -> dict[Node, Cluster]:
    """One cluster per person with at least one social-platform account (the owner left out)."""
    clusters: dict[Node, Cluster] = {}
    owners = {find(a.node) for a in accounts if a.is_owner}
    for account in accounts:
        root = find(account.node)
        if root in owners:
            continue
        cluster = clusters.setdefault(root, Cluster(root))
        cluster.platforms.add(account.platform)
        cluster.names.update(account.names)
        if account.company:
            cluster.companies.add(" ".join(account.company.casefold().split()))
        if account.handle:
            cluster.handles.add(account.handle.casefold().lstrip("@"))
    social = {root: c for root, c in clusters.items() if c.platforms & set(SOCIAL_PLATFORMS)}
    firsts = frozenset(tokens[0] for c in social.values() for tokens in _full_names(c) if len(tokens[0]) >= 3)
    for cluster in social.values():
        if cluster.handles:
            cluster.known_firsts = firsts
    return social


def candidate_pairs(clusters: dict[Node, Cluster]) -> set[tuple[Node, Node]]:
    """Pairs of clusters that share a blocking key and no platform (and one of them seeks on that key)."""
    pairs = set()
    for block in BLOCKS:
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
                         if not clusters[a].platforms & clusters[b].platforms
                         and (block.seeks is None or a in seeking[key] or b in seeking[key]))
    return pairs


class NameFrequencies:
    """How common given names, last names and initials are in this network, to weigh an agreement."""

    def __init__(self, clusters: dict[Node, Cluster]):
        self.counts: Counter[tuple[str, str]] = Counter()
        self.total = max(len(clusters), 1)
        for cluster in clusters.values():
            for part, values in _name_parts(cluster).items():
                self.counts.update((part, v) for v in values)

    def rarity_bits(self, level: str, a: Cluster, b: Cluster | None = None) -> float:
        """log2 of 1 / (people expected to agree this far by chance): positive when that is rare."""
        if level == "same name" and b is not None:
            chance = self._shared_name_chance(a, b)
        else:
            chance = self._chance(level, _name_parts(a))
        return min(max(-math.log2(max(self.total * chance, 1e-9)), RARITY_BITS[0]), RARITY_BITS[1])

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
    "same first name and last initial": ("first", "last_initial"),
    "same last name and initial": ("first_initial", "last"),
}


HANDLE_RARITY = {"handle is the full name": "same name",
                 "handle is initial and last name": "same last name and initial"}


def _name_parts(cluster: Cluster) -> dict[str, set[str]]:
    return cluster.name_parts


def _parts_of(cluster: Cluster) -> dict[str, set[str]]:
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


def score(a: Cluster, b: Cluster, frequencies: NameFrequencies) -> tuple[float, list[str]]:
    """Match weight in bits and the evidence, level by level."""
    name_level, name_bits = _name_level(a, b)
    evidence = [f"{name_level} ({name_bits:+.0f})"]
    bits = name_bits
    if name_level in RARITY_PARTS:
        rarity = frequencies.rarity_bits(name_level, a, b)
        bits += rarity
        evidence.append(f"{'rare' if rarity > 0 else 'common'} name ({rarity:+.1f})")
    for level, level_bits in (_company_level(a, b), _handle_level(a, b)):
        if level_bits:
            bits += level_bits
            evidence.append(f"{level} ({level_bits:+.0f})")
        if level in HANDLE_RARITY and name_level not in RARITY_PARTS:  # the handle stood in for the name
            rarity = frequencies.rarity_bits(HANDLE_RARITY[level], b if a.handles else a)
            bits += rarity
            evidence.append(f"{'rare' if rarity > 0 else 'common'} name ({rarity:+.1f})")
    return bits, evidence


def _name_level(a: Cluster, b: Cluster) -> tuple[str, float]:
    levels = dict(NAME_LEVELS)
    return next(((level, levels[level]) for level, test in _NAME_TESTS if test(a, b)),
                ("different name", levels["different name"]))


def _similar(a: Cluster, b: Cluster) -> bool:
    full_a, full_b = [" ".join(t) for t in _full_names(a)], [" ".join(t) for t in _full_names(b)]
    return max((JaroWinkler.similarity(x, y) for x in full_a for y in full_b), default=0.0) >= 0.93


def _firsts(cluster: Cluster) -> set[str]:
    return {g for tokens in cluster.tokens for g in given_names(tokens[0])}


_NAME_TESTS = (
    ("same name", lambda a, b: bool(a.keys & b.keys)),
    ("similar name", _similar),
    ("same first name and last initial", lambda a, b: bool(a.abbreviated & b.first_and_initial
                                                            or b.abbreviated & a.first_and_initial)),
    ("same last name and initial", lambda a, b: bool(a.last_and_initial & b.last_and_initial)),
    ("same first name", lambda a, b: (not _full_names(a) or not _full_names(b)) and bool(_firsts(a) & _firsts(b))),
    ("name unknown", lambda a, b: not a.folded or not b.folded),
)


def _company_level(a: Cluster, b: Cluster) -> tuple[str, float]:
    levels = dict(COMPANY_LEVELS)
    if not (a.companies and b.companies):
        return "company unknown", levels["company unknown"]
    same = any(x in y or y in x for x in a.companies for y in b.companies)
    return ("same company", levels["same company"]) if same else ("different company", levels["different company"])


def _handle_level(a: Cluster, b: Cluster) -> tuple[str, float]:
    levels = dict(HANDLE_LEVELS)
    found = [level for x, y in ((a, b), (b, a)) for handle in _independent_handles(x) for tokens in _full_names(y)
             if (level := _handle_spells(handle, tokens))]
    best = max(found, key=lambda level: levels[level], default="handle unrelated")
    return best, levels[best]


def _independent_handles(cluster: Cluster) -> list[str]:
    """Handles that are not made of the cluster's own names: "imueller" beside the display name
    "Ilse Müller" says nothing the name does not (two Ilse Müllers would both pick it)."""
    handles = (re.sub(r"[^a-z_]", "", handle) for handle in cluster.handles)
    return [h for h in handles if not any(_handle_spells(h, tokens) for tokens in _full_names(cluster))]


def _handle_spells(handle: str, tokens: list[str]) -> str | None:
    """How a handle is made of a name: the first and last name, the initial and last name, …"""
    first, last, flat = tokens[0], tokens[-1], handle.replace("_", "")
    if len(flat) < 4:
        return None
    if flat.startswith(first) and flat.endswith(last):
        return "handle is the full name"
    if flat == first[0] + last:
        return "handle is initial and last name"
    if handle.split("_")[0] == first and handle.split("_")[-1] == last[0]:
        return "handle is first name and last initial"
    return "handle contains the last name" if len(last) >= 4 and last in flat else None


def scored_pairs(accounts, find: Callable[[Node], Node]) -> tuple[dict[Node, Cluster], list[Scored]]:
    clusters = clusters_of(accounts, find)
    frequencies = NameFrequencies(clusters)
    scored = []
    for a, b in sorted(candidate_pairs(clusters)):
        bits, evidence = score(clusters[a], clusters[b], frequencies)
        if bits >= REVIEW_BITS:
            scored.append(Scored(a, b, bits, "; ".join(evidence)))
    return clusters, scored


def link_bits() -> float:
    """The link threshold: ``UNSOCIAL_LINK_BITS`` when set, else ``LINK_BITS``. Higher is stricter: fewer
    namesakes known by nothing but their name are merged, and fewer people with rare names are joined
    (bench/results/resolution.md measures both at 10 to 12 bits); the pairs left out go to review."""
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
    for pair in sorted(scored, key=lambda p: (-p.bits, p.a, p.b)):
        group_a, group_b = joined.find(pair.a), joined.find(pair.b)
        if group_a == group_b:  # joined through others already: evidence, not a decision
            (links if pair.bits >= threshold else reviews).append(pair)
        elif pair.bits >= threshold and not joined.platforms[group_a] & joined.platforms[group_b] \
                and _clear_winner(pair, pair.a, group_b, pairs_of, joined) \
                and _clear_winner(pair, pair.b, group_a, pairs_of, joined):
            links.append(pair)
            joined.union(group_a, group_b)
        else:
            reviews.append(pair)
    return links, reviews


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
        other = joined.find(rival.b if rival.a == this else rival.a)
        if rival is not pair and other != target and rival.bits > pair.bits - MARGIN_BITS \
                and joined.platforms[other] & joined.platforms[target]:
            return False
    return True


def confidence(bits: float) -> float:
    """A match weight as a probability-like confidence: 10 bits ≈ 0.89, 14 bits ≈ 0.99."""
    return round(1 / (1 + 2 ** -(bits - 7)), 3)
