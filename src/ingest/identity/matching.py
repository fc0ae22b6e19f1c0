"""Scored matching across platforms: the same person on Facebook, Twitter/X, LinkedIn and XING.

After the deterministic links (``linkage``), each person is a cluster of accounts (``clusters``). Clusters on
different platforms are compared when a blocking rule puts them side by side (``blocking``), so the work grows with
the network, not with its square. Each comparison adds a match weight in bits, Fellegi–Sunter style, from levels
declared as data (``NAME_LEVELS``, ``COMPANY_LEVELS``, ``HANDLE_LEVELS``), plus the name's own rarity
(``name_rarity``): agreeing on "Hauke Thießen" says more than agreeing on "Thomas Müller". ``match_decision`` turns
the weights into links and review cases.

A person usually has one account per platform, so two accounts of one platform (a personal and a work
Twitter account, an old and a new Facebook profile) are compared on their full name only, weigh
``SAME_PLATFORM_BITS`` less, and join only with evidence beyond the name (a company, a handle), or when the owner
says so (joined before the names are weighed: ``linkage``). A work account's employer named beside the name
("Laura Beck | Fahrwerk") is a company too, where another account shows it (``_employer_said``). A name
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

from rapidfuzz.distance import JaroWinkler

from ..child import beside_child, can_fork
from ..names import PARTICLES, company_spelling, full_name_keys, given_names
from .blocking import BEGINNING, BLOCKS, Block, candidate_pairs
from .clusters import RUN_TOGETHER, Cluster, clusters_of
from .match_decision import LINK_BITS, REVIEW_BITS, Scored, confidence, decide, link_bits  # noqa: F401 (the API)
from .name_rarity import RARITY_PARTS, NameFrequencies
from .overrides import Node

SAME_PLATFORM_BITS = -4.0  # two accounts of one platform: one person's two accounts are the exception
# "Jens R." where the network holds one full name it may stand for, Jens Richter's, weighs as much as a full name
# (+8 and this), which links from 0 bits of rarity up (``match_decision.LINK_BITS``): at 20,000 people (tuning) the
# pairs it made links of at 0 to 1 bit were one person 167 times in 173; "Jens R." beside other Jens R…s, 0.77 of
# the time (the review cases of that rarity).
ONLY_NAME_FITTING = ("nobody else's name fits", 1.0)
BESIDE_CHILD_PAIRS = 20_000  # candidate pairs from which scoring half of them in a child process pays
BESIDE_CHILD_CLUSTERS = 20_000  # clusters from which counting their names in a child process pays
NAME_ALONE = "name alone"  # the evidence of a pair that agrees on nothing but the name
SHARED_NAME = "a name two accounts of one platform carry"
SHARED_BY_CARDS = "a name two address-book cards carry"
SHARED_AT_WORK = "a name two people at different current companies carry"
SHARED_NAMES = (SHARED_NAME, SHARED_BY_CARDS, SHARED_AT_WORK)  # each marks a name that links nothing on its own
SAME_PLATFORM = "two accounts on one platform"
# The owner's own notes: one person is two of their accounts when written once with an e-mail address and once
# without ("Emily McGilligan" and "e.mcgilligan@…"), so two of them with one name show no namesakes.
WRITTEN_BY_THE_OWNER = frozenset({"journal", "calendar"})

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
HANDLE_RARITY = {"handle is the full name": "same name",
                 "handle is initial and last name": "same last name and initial",
                 "handle is the name's beginnings": "same name",
                 "handle is first name and last initial": "same first name and last initial"}


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
        fuller = (b, a) if name_level == "name run together" and not a.full_names \
            or name_level == "same name, order reversed" and a.reversed_keys & b.keys \
            or name_level == "same first name and last initial" and not a.first_and_initial else (a, b)
        rarity = frequencies.rarity_bits(name_level, *fuller)
        bits += rarity
        evidence.append(f"{'rare' if rarity > 0 else 'common'} name ({rarity:+.1f})")
    if name_level == "same first name and last initial" and frequencies.only_name_fitting(*_short_first(a, b)):
        what, only_bits = ONLY_NAME_FITTING
        bits += only_bits
        evidence.append(f"{what} ({only_bits:+.0f})")
    for level, level_bits in (_company_level(a, b), handle):
        if level_bits:
            bits += level_bits
            evidence.append(f"{level} ({level_bits:+.0f})")
        if level in HANDLE_RARITY and name_level not in RARITY_PARTS:  # the handle stood in for the name
            rarity = frequencies.rarity_bits(_handle_rarity_level(level, name_level), b if a.handles else a)
            bits += rarity
            evidence.append(f"{'rare' if rarity > 0 else 'common'} name ({rarity:+.1f})")
    return bits, evidence


def _short_first(a: Cluster, b: Cluster) -> tuple[Cluster, Cluster]:
    """The side that writes "Jens R.", then the other."""
    return (a, b) if a.abbreviated & b.first_and_initial else (b, a)


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
    full_a, full_b = [" ".join(t) for t in a.full_names], [" ".join(t) for t in b.full_names]
    return max((JaroWinkler.similarity(x, y) for x in full_a for y in full_b), default=0.0) >= 0.93


def _firsts(cluster: Cluster) -> set[str]:
    return {g for tokens in cluster.tokens for g in given_names(tokens[0])}


def _run_together(a: Cluster, b: Cluster) -> bool:
    return any(_cut_from(run, tokens) for x, y in ((a, b), (b, a)) for run in x.run_together
               for tokens in y.full_names)


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
    ("same first name", lambda a, b: (not a.full_names or not b.full_names) and bool(_firsts(a) & _firsts(b))),
    ("name unknown", lambda a, b: not a.folded or not b.folded),
)


def _company_level(a: Cluster, b: Cluster) -> tuple[str, float]:
    levels = dict(COMPANY_LEVELS)
    if _employer_said(a, b) or _employer_said(b, a):
        return "same company", levels["same company"]
    if not (a.companies and b.companies):
        return "company unknown", levels["company unknown"]
    same = any(x in y or y in x for x in a.companies for y in b.companies)
    if same:
        return "same company", levels["same company"]
    level = "different current company" if a.current_companies and b.current_companies else "different company"
    return level, levels[level]


def _employer_said(a: Cluster, b: Cluster) -> bool:
    """A display name of ``a`` names a company of ``b`` beside the name: a work account "Laura Beck | Fahrwerk"
    (or "@ Fahrwerk", "(Fahrwerk)") and the LinkedIn Laura Beck at Fahrwerk GmbH. Only ever for: an aside is as
    often a job or a place ("Tom | Data"), so one that names no company of ``b`` says nothing against."""
    return any(aside == company or len(aside) >= 3 and aside in (company.split()[0], company.replace(" ", ""))
               for aside in a.asides for company in b.companies)


def _handle_level(a: Cluster, b: Cluster) -> tuple[str, float]:
    levels = dict(HANDLE_LEVELS)
    found = [level for x, y in ((a, b), (b, a)) for handle in _independent_handles(x) for tokens in y.full_names
             if (level := _handle_spells(handle, tokens))]
    best = max(found, key=lambda level: levels[level], default="handle unrelated")
    return best, levels[best]


def _independent_handles(cluster: Cluster) -> list[str]:
    """Handles that are not made of the cluster's own names: "imueller" beside the display name
    "Ilse Müller" says nothing the name does not (two Ilse Müllers would both pick it)."""
    handles = (re.sub(r"[^a-z_]", "", handle) for handle in cluster.handles)
    return [h for h in handles if not any(_handle_spells(h, tokens) for tokens in cluster.full_names)]


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
    Yıldız" of Bolton KG is not the Can Yıldız whose card names a LinkedIn profile). Not so two cards of one
    name at one company: an address book synced twice, one card with the e-mail and one without, holds the
    same person twice (in the holdout networks 29 such pairs were one person, 3 two colleagues)."""
    cards: dict[Node, set[str]] = defaultdict(set)
    holder: dict[tuple[str, str], Node] = {}  # (name key, company) → the person the first card of it is
    kept = [(account, find(account.node)) for account in accounts if account.platform == "addressbook"]
    for account, root in sorted(kept, key=lambda kept: kept[1] not in clusters):  # cards in a cluster first
        keys = {key for name in account.names for key in full_name_keys(name)}
        company = company_spelling(account.company)
        person = next((holder[key, company] for key in keys if company and (key, company) in holder), root)
        holder.update({(key, company): person for key in keys if company})
        if person not in clusters:
            cards[person].update(keys)
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
    return Scored(a.root, b.root, bits, "; ".join(evidence), same_platform, context,
                  full_name=evidence[0].startswith("same name ("),
                  abbreviated=evidence[0].startswith("same first name and last initial"))


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
        for tokens in cluster.full_names:
            by_prefix["".join(tokens)[:RUN_TOGETHER[0]]].add((root, " ".join(tokens)))
    runs = {run for cluster in clusters.values() for run in cluster.run_together}
    return {f"run:{run}" for run in runs  # people, not spellings: "Thießen" is read as Thiessen and Thiesen
            if len({root for root, name in by_prefix[run[:RUN_TOGETHER[0]]] if _cut_from(run, name.split())}) > 1}


def shared_names(clusters: dict[Node, Cluster], duplicates: list[Scored] = (),
                 cards: dict[Node, set[str]] | None = None) -> dict[str, str]:
    """Full-name keys that namesakes the export shows to be two people carry: two clusters of one platform (not
    the owner's journal or calendar: ``WRITTEN_BY_THE_OWNER``), two address-book cards (``cards``: those of
    people outside the clusters), or two clusters at different current companies (LinkedIn's and XING's
    positions, no company in common). Clusters that ``duplicates`` join count as one: a person's second
    account is no namesake. Each key with what shows it shared."""
    one = {root: root for root in clusters}
    for pair in duplicates:
        one[_root_of(one, pair.b)] = _root_of(one, pair.a)
    seen: dict[tuple[str, str], set[Node]] = defaultdict(set)  # (platform, key) → people
    employed: dict[str, list[Node]] = defaultdict(list)
    for root, cluster in clusters.items():
        for platform in cluster.platforms - WRITTEN_BY_THE_OWNER:
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


