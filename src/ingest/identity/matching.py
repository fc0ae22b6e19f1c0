"""Scored matching across platforms: the same person on Facebook, Twitter/X, LinkedIn and XING.

After the deterministic links (``linkage``), each person is a cluster of accounts. Clusters on
different platforms are compared when a blocking rule puts them side by side (``BLOCKS``), so the
work grows with the network, not with its square. Each comparison adds a match weight in bits,
Fellegi–Sunter style, from levels declared as data (``NAME_LEVELS``, ``COMPANY_LEVELS``,
``HANDLE_LEVELS``), plus the name's own rarity (``name_rarity``): agreeing on "Hauke Thießen" says
more than agreeing on "Thomas Müller". ``match_decision`` turns the weights into links and review cases.

A person usually has one account per platform, so two accounts of one platform (a personal and a work
Twitter account, an old and a new Facebook profile) are compared on their full name only, weigh
``SAME_PLATFORM_BITS`` less, and join only with evidence beyond the name (a company, a handle). A name
the network shows to be shared links nothing on its own: such a pair is a review case, whatever its weight
(``SHARED_NAMES``: two accounts of one platform carry it and are not joined, two address-book cards, or two
people at different current companies).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler

from ..child import beside_child, can_fork
from ..models import SOCIAL_PLATFORMS
from ..names import PARTICLES, full_name_keys, given_names, slug_handle, spellings, turned
from ..normalise import normalise_name
from .cached import cached_property
from .match_decision import LINK_BITS, REVIEW_BITS, Scored, confidence, decide, link_bits  # noqa: F401 (the API)
from .name_rarity import RARITY_PARTS, NameFrequencies, parts_of
from .overrides import Node

MAX_BLOCK = 60  # a blocking key shared by more clusters is too common to compare on
SAME_PLATFORM_BITS = -4.0  # two accounts of one platform: one person's two accounts are the exception
BESIDE_CHILD_PAIRS = 20_000  # candidate pairs from which scoring half of them in a child process pays
BESIDE_CHILD_CLUSTERS = 20_000  # clusters from which counting their names in a child process pays
NAME_ALONE = "name alone"  # the evidence of a pair that agrees on nothing but the name
SHARED_NAME = "a name two accounts of one platform carry"
SHARED_BY_CARDS = "a name two address-book cards carry"
SHARED_AT_WORK = "a name two people at different current companies carry"
SHARED_NAMES = (SHARED_NAME, SHARED_BY_CARDS, SHARED_AT_WORK)  # each marks a name that links nothing on its own
SAME_PLATFORM = "two accounts on one platform"
# Where people go by the names they were given (a card in the owner's phone, the policies of Facebook, LinkedIn and
# XING), unlike Twitter/X, where a display name is as often a motto or a joke as a name.
REAL_NAMES = frozenset({"facebook", "linkedin", "xing", "addressbook"})
# Platforms whose company is the current employer (a connection's current position, a profile's
# company): two different ones are two people far more often than one person's old and new job.
CURRENT_COMPANY = frozenset({"linkedin", "xing"})

# Name agreement: the best level that applies. Partial names are what platforms show: a Facebook
# friend as "Jens R.", a Twitter display name "Louis" or none at all.
NAME_LEVELS = (
    ("same name", 9.0),  # a full-name key in common: spelling, order, titles, nicknames aside
    ("same name, order reversed", 7.0),  # "Székely Imre" and "Imre Székely": the family name first on one side
    ("similar name", 5.0),  # Jaro-Winkler ≥ 0.93 on two full names: a typo, a middle name
    ("name run together", 7.0),  # "MichaelRichards": "Michael Richardson" without spaces, cut at 15 characters
    ("same first name and last initial", 8.0),  # "Jens R." and "Jens Richter"
    ("same last name and initial", 2.0),
    ("same first name", 1.0),  # one side gives a first name only
    ("name unknown", 0.0),  # one side has no name (a Twitter follower nobody named)
    ("different name", -8.0),
)
COMPANY_LEVELS = (("same company", 4.0), ("different current company", -6.0), ("different company", -1.0),
                  ("company unknown", 0.0))
# A handle is often made of the name: "merleschubert", "smueller87", "stefan_h".
HANDLE_LEVELS = (
    ("handle is the full name", 8.0),
    ("handle is initial and last name", 6.0),
    ("handle is the name's beginnings", 5.0),  # "maxwcol" for Maxwell Colhoun, "josearr" for José Arregui
    ("handle is first name and last initial", 3.0),
    ("handle contains the last name", 3.0),
    ("handle unrelated", 0.0),
)
RUN_TOGETHER = (10, 15)  # shortest one-word name taken for a full name; where Twitter's display names were cut
HANDLE_RARITY = {"handle is the full name": "same name",
                 "handle is initial and last name": "same last name and initial",
                 "handle is the name's beginnings": "same name",
                 "handle is first name and last initial": "same first name and last initial"}
BEGINNING = 3  # letters of the first and of the last name a handle made of both begins with at least


@dataclass
class Cluster:
    """What is known about one person so far: all names, companies and handles of their accounts."""

    root: Node
    platforms: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    companies: set[str] = field(default_factory=set)
    current_companies: set[str] = field(default_factory=set)
    handles: set[str] = field(default_factory=set)
    known_firsts: frozenset[str] = frozenset()  # given names seen in the network, to split handles
    pseudonymous: bool = False  # every name it shows is no person's ("Team Dackel", "null pointer"): ``_pseudonymous``
    turnable: list[list[str]] = field(default_factory=list)  # full names the network also writes the other way round

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
    def reversed_keys(self) -> set[str]:
        """Keys of each full name read the other way round: "Székely Imre" as Imre Székely. Hungarian and
        Vietnamese write the family name first and a profile elsewhere may not; ``names.family_first_names``
        lists the common family names of those cultures, this reading finds the others at a lower weight."""
        return {key for tokens in self.turnable for key in full_name_keys(turned(" ".join(tokens)))} - self.keys

    @cached_property
    def run_together(self) -> set[str]:
        """"michaelrichards": a one-word name long enough to be a first and last name written as one."""
        return {tokens[0] for tokens in self.tokens if len(tokens) == 1 and len(tokens[0]) >= RUN_TOGETHER[0]}

    @cached_property
    def tokens(self) -> list[list[str]]:
        """The words of each folded name."""
        return [f.split() for f in self.folded]

    @cached_property
    def name_parts(self) -> dict[str, set[str]]:
        return parts_of(self)

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
    same_platform: bool = False  # pairs that share a platform are compared on this key too


def _full_names(cluster: Cluster) -> list[list[str]]:
    return cluster.full_names


def _last_and_initial(cluster: Cluster) -> set[str]:
    """"berg|g" and "vanderberg|g" from "Greta van der Berg"."""
    keys = {f"{tokens[-1]}|{tokens[0][0]}" for tokens in _full_names(cluster)}
    return keys | {f"{''.join(tokens[1:])}|{tokens[0][0]}" for tokens in _full_names(cluster)}


def _first_and_initial(cluster: Cluster) -> set[str]:
    """"jens|r" from "Jens Richter" and from "Jens R."; of a name of three words or more, the second's initial
    too: "estefanía|r" from "Estefanía Rodríguez Valderrama", whom Spanish custom abbreviates by the first family
    name, and "marloes|d" from "Marloes de Grote", whom Dutch custom abbreviates by the particle ("Marloes d.")."""
    keys = {f"{tokens[0]}|{tokens[-1][0]}" for tokens in cluster.tokens if len(tokens) >= 2}
    return keys | {f"{tokens[0]}|{tokens[1][0]}" for tokens in cluster.tokens if len(tokens) >= 3}


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
    return {f"{tokens[0][:BEGINNING]}|{tokens[-1][:BEGINNING]}" for tokens in _full_names(cluster)
            if len(tokens[0]) >= BEGINNING and len(tokens[-1]) >= BEGINNING}


def _handle_beginnings(cluster: Cluster) -> set[str]:
    """Every way a handle such as "maxwcol" may begin with a first and then a last name: "max|wco", "max|col"."""
    flats = (re.sub(r"[^a-z]", "", handle) for handle in cluster.handles)
    return {f"{flat[:BEGINNING]}|{flat[cut:cut + BEGINNING]}" for flat in flats
            for cut in range(BEGINNING, len(flat) - BEGINNING + 1)}


def _joined_prefixes(cluster: Cluster) -> set[str]:
    joined = ("".join(tokens) for tokens in _full_names(cluster))
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


def clusters_of(accounts, find: Callable[[Node], Node]) -> dict[Node, Cluster]:
    """One cluster per person with at least one social-platform account (the owner left out)."""
    clusters: dict[Node, Cluster] = {}
    owners = {find(a.node) for a in accounts if a.is_owner}
    given = _given_names(accounts)
    for account in accounts:
        root = find(account.node)
        if root in owners:
            continue
        cluster = clusters.setdefault(root, Cluster(root))
        cluster.platforms.add(account.platform)
        cluster.names.update(account.names)
        cluster.names.update(apart for name in account.names if (apart := _written_apart(name, given)))
        if account.company:
            company = " ".join(account.company.casefold().split())
            cluster.companies.add(company)
            if account.platform in CURRENT_COMPANY:
                cluster.current_companies.add(company)
        if account.handle:
            cluster.handles.add(account.handle.casefold().lstrip("@"))
        elif account.platform == "linkedin" and not account.names and (slug := slug_handle(account.profile_url)):
            cluster.handles.add(slug)  # a connection known by URL alone: its slug spells the name
    social = {root: c for root, c in clusters.items() if c.platforms & set(SOCIAL_PLATFORMS)}
    firsts = frozenset(tokens[0] for c in social.values() for tokens in _full_names(c) if len(tokens[0]) >= 3)
    # a name is read the other way round only where another person's name is written so: (last, first) of
    # this one the (first, last) of that one, in any spelling; most names never are, and their keys are not made
    written = {(tokens[0], tokens[-1]) for c in social.values() for tokens in _full_names(c)}
    for cluster in social.values():
        if cluster.handles:
            cluster.known_firsts = firsts
        cluster.turnable = [t for t in _full_names(cluster) if t[0] != t[-1] and (t[-1], t[0]) in written]
        cluster.pseudonymous = _pseudonymous(cluster, given)
    return social


def _given_names(accounts) -> frozenset[str]:
    """The first words of the full names written where people go by their real names (``REAL_NAMES``)."""
    return frozenset(words[0] for account in accounts if account.platform in REAL_NAMES for name in account.names
                     for folded in spellings(normalise_name(name) or "") if len(words := folded.split()) >= 2)


def _written_apart(name: str, given: frozenset[str]) -> str | None:
    """"Madhav Sha" of the display name "MadhavSha": one word of letters with capitals inside, which begins with a
    name someone in the network goes by, written apart at its capitals. Not "McDonald" (no given name "Mc"), nor a
    name of RUN_TOGETHER[1] letters, which may be cut ("MichaelRichards" of Michael Richardson: a name run together)."""
    word = name.strip()
    if not word.isalpha() or len(word) >= RUN_TOGETHER[1]:
        return None
    cuts = [i for i in range(1, len(word)) if word[i - 1].islower() and word[i].isupper()]
    if not cuts or not set(spellings(normalise_name(word[:cuts[0]]) or "")) & given:
        return None
    return " ".join(word[i:j] for i, j in zip([0, *cuts], [*cuts, len(word)]))


def _pseudonymous(cluster: Cluster, given: frozenset[str]) -> bool:
    """A display name with no word that anyone in the network goes by, whole or run together with a last name
    ("MichaelRichards"): a Twitter account shown as "Team Dackel", "Kaffee & Code ☕" or "views are my own" says
    nothing about its owner's name, so its handle ("twalcher72") is what tells who it is, not a name that differs
    from everyone's."""
    return bool(cluster.tokens) and not any(_goes_by(word, given) for tokens in cluster.tokens for word in tokens)


def _goes_by(word: str, given: frozenset[str]) -> bool:
    return word in given or len(word) >= RUN_TOGETHER[0] and any(word[:cut] in given for cut in range(3, len(word) - 2))


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


def score(a: Cluster, b: Cluster, frequencies: NameFrequencies) -> tuple[float, list[str]]:
    """Match weight in bits and the evidence, level by level."""
    name_level, name_bits = _name_level(a, b)
    handle = _handle_level(a, b)
    evidence = [f"{name_level} ({name_bits:+.0f})"]
    if name_level == "same first name" and handle[0] == "handle is first name and last initial":
        # the display name "Drosos" and the handle "drosos_p" say what "Drosos P." says
        name_level = "same first name and last initial"
        name_bits = dict(NAME_LEVELS)[name_level]
        evidence, handle = [f"{name_level} ({name_bits:+.0f}), the initial in the handle"], ("handle unrelated", 0.0)
    bits = name_bits
    if name_level in RARITY_PARTS:
        # the name run together has no parts of its own: the full name it was made of is judged; a name
        # read the other way round, as the side that writes it in the order the parts are counted in; a first
        # name and initial, as the side that writes them (not a display name of the first name alone)
        fuller = (b, a) if name_level == "name run together" and not _full_names(a) \
            or name_level == "same name, order reversed" and a.reversed_keys & b.keys \
            or name_level == "same first name and last initial" and not a.first_and_initial else (a, b)
        rarity = frequencies.rarity_bits(name_level, *fuller)
        bits += rarity
        evidence.append(f"{'rare' if rarity > 0 else 'common'} name ({rarity:+.1f})")
    for level, level_bits in (_company_level(a, b), handle):
        if level_bits:
            bits += level_bits
            evidence.append(f"{level} ({level_bits:+.0f})")
        if level in HANDLE_RARITY and name_level not in RARITY_PARTS:  # the handle stood in for the name
            rarity = frequencies.rarity_bits(_handle_rarity_level(level, name_level), b if a.handles else a)
            bits += rarity
            evidence.append(f"{'rare' if rarity > 0 else 'common'} name ({rarity:+.1f})")
    return bits, evidence


def _handle_rarity_level(handle_level: str, name_level: str) -> str:
    """The name agreement a handle stands for. "mandruszko" beside the display name "Michał" agrees with
    Michał Andruszko on the whole name, first name and last: as rare as that name, not as "M. Andruszko"."""
    level = HANDLE_RARITY[handle_level]
    return "same name" if level == "same last name and initial" and name_level == "same first name" else level


def _name_level(a: Cluster, b: Cluster) -> tuple[str, float]:
    levels = dict(NAME_LEVELS)
    if a.pseudonymous or b.pseudonymous:
        return "name unknown", levels["name unknown"]
    return next(((level, levels[level]) for level, test in _NAME_TESTS if test(a, b)),
                ("different name", levels["different name"]))


def _similar(a: Cluster, b: Cluster) -> bool:
    full_a, full_b = [" ".join(t) for t in _full_names(a)], [" ".join(t) for t in _full_names(b)]
    return max((JaroWinkler.similarity(x, y) for x in full_a for y in full_b), default=0.0) >= 0.93


def _firsts(cluster: Cluster) -> set[str]:
    return {g for tokens in cluster.tokens for g in given_names(tokens[0])}


def _run_together(a: Cluster, b: Cluster) -> bool:
    return any(_cut_from(run, tokens) for x, y in ((a, b), (b, a)) for run in x.run_together
               for tokens in _full_names(y))


def _cut_from(run: str, tokens: list[str]) -> bool:
    """The full name without spaces, whole or cut where Twitter cut display names, past the first name."""
    joined = "".join(tokens)
    return joined.startswith(run) and (run == joined or len(run) == RUN_TOGETHER[1] > len(tokens[0]) + 2)


_NAME_TESTS = (
    ("same name", lambda a, b: bool(a.keys & b.keys)),
    ("same name, order reversed", lambda a, b: bool(a.reversed_keys & b.keys or b.reversed_keys & a.keys)),
    ("similar name", _similar),
    ("name run together", _run_together),
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
    if same:
        return "same company", levels["same company"]
    level = "different current company" if a.current_companies and b.current_companies else "different company"
    return level, levels[level]


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
    if flat in (first[0] + last, last + first[0]):  # "rschmit" or "schmitr"
        return "handle is initial and last name"
    if _begins_with_both(flat, first, last):
        return "handle is the name's beginnings"
    initials = {last[0], tokens[1][0] if tokens[1] in PARTICLES else last[0]}
    if handle.split("_")[0] == first and handle.split("_")[-1] in initials or flat == first + last[0]:
        return "handle is first name and last initial"
    return "handle contains the last name" if len(last) >= 4 and last in flat else None


def _begins_with_both(flat: str, first: str, last: str) -> bool:
    """"maxwcol": the beginning of the first name, then of the last, each ``BEGINNING`` letters or more."""
    return any(flat[:cut] == first[:cut] and len(flat) - cut >= BEGINNING and last.startswith(flat[cut:])
               for cut in range(BEGINNING, min(len(first), len(flat)) + 1))


def scored_pairs(accounts, find: Callable[[Node], Node]) -> tuple[dict[Node, Cluster], list[Scored]]:
    clusters = clusters_of(accounts, find)
    # a large network's name counts and the pairs of two blocks are made in a child process, on the second
    # core, while the other blocks' pairs are made here
    counting = beside_child(_counted, clusters, BLOCKS[-2:]) \
        if len(clusters) >= BESIDE_CHILD_CLUSTERS and can_fork() else None
    candidates = candidate_pairs(clusters, BLOCKS[:-2] if counting else BLOCKS)
    runs = ambiguous_runs(clusters)
    frequencies, more = counting.answer() if counting else (NameFrequencies(clusters), set())
    scored = _score(sorted(candidates | more), clusters, frequencies)
    # One person's two accounts of a platform (a duplicate LinkedIn profile at the same company) do not make
    # their name a shared one: the pairs that will join them are found first.
    threshold = link_bits()
    duplicates = [pair for pair in scored if pair.same_platform and pair.context and pair.bits >= threshold]
    shared = shared_names(clusters, duplicates, _lone_cards(accounts, find, clusters))
    shared.update(dict.fromkeys(runs, SHARED_NAME))
    return clusters, [_marked_shared(pair, clusters[pair.a], clusters[pair.b], shared) for pair in scored]


def _lone_cards(accounts, find: Callable[[Node], Node], clusters: dict[Node, Cluster]) -> dict[Node, set[str]]:
    """The full-name keys of each address-book card of a person with no social account (no cluster here): two
    cards are two people, so a card's name is as much a second person's as a card's in a cluster ("Can
    Yıldız" of Bolton KG is not the Can Yıldız whose card names a LinkedIn profile)."""
    cards: dict[Node, set[str]] = defaultdict(set)
    for account in accounts:
        if account.platform == "addressbook" and (root := find(account.node)) not in clusters:
            cards[root].update(key for name in account.names for key in full_name_keys(name))
    return cards


def _counted(clusters: dict[Node, Cluster], blocks: tuple[Block, ...]) -> tuple[NameFrequencies, set]:
    return NameFrequencies(clusters), candidate_pairs(clusters, blocks)


def _score(candidates: list[tuple[Node, Node]], clusters: dict[Node, Cluster],
           frequencies: NameFrequencies) -> list[Scored]:
    if len(candidates) < BESIDE_CHILD_PAIRS or not can_fork():
        return _worth_a_look(candidates, clusters, frequencies)
    # a large owner's pairs are scored half here and half in a child process, on the second core
    # (75,000 pairs at 20,000 people: 1.5 s on one core); each half in the order of the candidates
    half = len(candidates) // 2
    later = beside_child(_worth_a_look, candidates[half:], clusters, frequencies)
    return _worth_a_look(candidates[:half], clusters, frequencies) + later.answer()


def _worth_a_look(pairs: list[tuple[Node, Node]], clusters: dict[Node, Cluster],
                  frequencies: NameFrequencies) -> list[Scored]:
    """The pairs that score enough to be linked or asked about."""
    return [scored for a, b in pairs if (scored := _scored(clusters[a], clusters[b], frequencies)).bits >= REVIEW_BITS]


def _scored(a: Cluster, b: Cluster, frequencies: NameFrequencies) -> Scored:
    bits, evidence = score(a, b, frequencies)
    context = any(level.startswith(("same company", "handle")) for level in evidence)
    same_platform = bool(a.platforms & b.platforms)
    if same_platform:
        bits += SAME_PLATFORM_BITS
        evidence.append(f"{SAME_PLATFORM} ({SAME_PLATFORM_BITS:+.0f})")
    if not context:
        evidence.append(NAME_ALONE)
    return Scored(a.root, b.root, bits, "; ".join(evidence), same_platform, context)


def _marked_shared(pair: Scored, a: Cluster, b: Cluster, shared: dict[str, str]) -> Scored:
    """The pair, marked when its name is a shared one (``shared_names``), with what shows it shared. Even the
    fullest reading both write must be ("Sofía Lobato García" is not)."""
    common = a.keys & b.keys
    if common and common <= shared.keys():
        why = min((shared[key] for key in common), key=SHARED_NAMES.index)
    elif pair.reason.startswith("name run together") and any(f"run:{run}" in shared
                                                             for run in a.run_together | b.run_together):
        why = SHARED_NAME
    else:
        return pair
    alone = pair.reason.endswith(f"; {NAME_ALONE}")
    reason = f"{pair.reason.removesuffix(f'; {NAME_ALONE}')}; {why}" + (f"; {NAME_ALONE}" if alone else "")
    return dataclasses.replace(pair, reason=reason, name_shared=True)


def ambiguous_runs(clusters: dict[Node, Cluster]) -> set[str]:
    """"run:michaelrichards" when two people's full names both read so (Michael Richards and Michael
    Richardson): a cut name that fits several links nothing on its own, or it would join them."""
    by_prefix: dict[str, set[tuple[Node, str]]] = defaultdict(set)
    for root, cluster in clusters.items():
        for tokens in _full_names(cluster):
            by_prefix["".join(tokens)[:RUN_TOGETHER[0]]].add((root, " ".join(tokens)))
    runs = {run for cluster in clusters.values() for run in cluster.run_together}
    return {f"run:{run}" for run in runs  # people, not spellings: "Thießen" is read as Thiessen and Thiesen
            if len({root for root, name in by_prefix[run[:RUN_TOGETHER[0]]] if _cut_from(run, name.split())}) > 1}


def shared_names(clusters: dict[Node, Cluster], duplicates: list[Scored] = (),
                 cards: dict[Node, set[str]] | None = None) -> dict[str, str]:
    """Full-name keys that namesakes the export shows to be two people carry: two clusters of one platform,
    two address-book cards (``cards``: those of people outside the clusters), or two clusters at different
    current companies (LinkedIn's and XING's positions, no company in common). Clusters that ``duplicates``
    join count as one: a person's second account is no namesake. Each key with what shows it shared."""
    one = {root: root for root in clusters}
    for pair in duplicates:
        one[_root_of(one, pair.b)] = _root_of(one, pair.a)
    seen: dict[tuple[str, str], set[Node]] = defaultdict(set)  # (platform, key) → people
    employed: dict[str, list[Node]] = defaultdict(list)
    for root, cluster in clusters.items():
        for platform in cluster.platforms:
            for key in cluster.keys:
                seen[(platform, key)].add(_root_of(one, root))
        for key in cluster.keys if cluster.current_companies else ():
            employed[key].append(root)
    for root, keys in (cards or {}).items():
        for key in keys:
            seen[("addressbook", key)].add(root)
    shared = {key: SHARED_AT_WORK for key, roots in employed.items()
              if len(roots) > 1 and _working_apart([clusters[root] for root in roots], one)}
    for (platform, key), roots in seen.items():  # the stronger sign last: it names the question
        if len(roots) > 1 and platform == "addressbook":
            shared[key] = SHARED_BY_CARDS
    shared.update({key: SHARED_NAME for (platform, key), roots in seen.items()
                   if len(roots) > 1 and platform != "addressbook"})
    return shared


def _working_apart(namesakes: list[Cluster], one: dict[Node, Node]) -> bool:
    """Two of the clusters are two people by their work: each at a current company the other never was at."""
    return any(_root_of(one, a.root) != _root_of(one, b.root) and
               _company_level(a, b)[0] == "different current company" for a, b in itertools.combinations(namesakes, 2))


def _root_of(parent: dict[Node, Node], node: Node) -> Node:
    while parent[node] != node:
        node = parent[node]
    return node


