"""What is known about one person while the resolver links: a cluster of accounts, its names and their keys.

After the deterministic links (``linkage``), each person is a cluster of the accounts joined so far. Its names are
read once into the forms the comparisons need (``Cluster``'s cached properties): folded spellings and words, full-name
keys, the other way round where the network writes a name so, run together, first name and initial. What the network
as a whole says is put on each cluster once all are made (``clusters_of``): which given names people go by, so that a
Twitter motto counts as no name and "MadhavSha" as Madhav Sha, and which names are also written family name first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import SOCIAL_PLATFORMS
from ..names import company_spelling, full_name_keys, slug_handle, spellings, turned
from ..normalise import name_asides, normalise_name
from .cached import cached_property
from .name_rarity import parts_of
from .overrides import Node

# Where people go by the names they were given (a card in the owner's phone, the policies of Facebook, LinkedIn and
# XING), unlike Twitter/X, where a display name is as often a motto or a joke as a name.
REAL_NAMES = frozenset({"facebook", "linkedin", "xing", "addressbook"})
# Platforms whose company is the current employer (a connection's current position, a profile's
# company): two different ones are two people far more often than one person's old and new job.
CURRENT_COMPANY = frozenset({"linkedin", "xing"})

RUN_TOGETHER = (10, 15)  # shortest one-word name taken for a full name; where Twitter's display names were cut


@dataclass
class Cluster:
    """What is known about one person so far: all names, companies and handles of their accounts."""

    root: Node
    platforms: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    companies: set[str] = field(default_factory=set)
    current_companies: set[str] = field(default_factory=set)
    asides: set[str] = field(default_factory=set)  # what display names say besides the name: an employer, maybe
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


def _last_and_initial(cluster: Cluster) -> set[str]:
    """"berg|g" and "vanderberg|g" from "Greta van der Berg"."""
    keys = {f"{tokens[-1]}|{tokens[0][0]}" for tokens in cluster.full_names}
    return keys | {f"{''.join(tokens[1:])}|{tokens[0][0]}" for tokens in cluster.full_names}


def _first_and_initial(cluster: Cluster) -> set[str]:
    """"jens|r" from "Jens Richter" and from "Jens R."; of a name of three words or more, the second's initial
    too: "estefanía|r" from "Estefanía Rodríguez Valderrama", whom Spanish custom abbreviates by the first family
    name, and "marloes|d" from "Marloes de Grote", whom Dutch custom abbreviates by the particle ("Marloes d.")."""
    keys = {f"{tokens[0]}|{tokens[-1][0]}" for tokens in cluster.tokens if len(tokens) >= 2}
    return keys | {f"{tokens[0]}|{tokens[1][0]}" for tokens in cluster.tokens if len(tokens) >= 3}


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
        cluster.asides.update(company_spelling(aside) for name in account.names for aside in name_asides(name))
        if account.company:
            company = company_spelling(account.company)
            cluster.companies.add(company)
            if account.platform in CURRENT_COMPANY:
                cluster.current_companies.add(company)
        if account.handle:
            cluster.handles.add(account.handle.casefold().lstrip("@"))
        elif account.platform == "linkedin" and not account.names and (slug := slug_handle(account.profile_url)):
            cluster.handles.add(slug)  # a connection known by URL alone: its slug spells the name
    social = {root: c for root, c in clusters.items() if c.platforms & set(SOCIAL_PLATFORMS)}
    firsts = frozenset(tokens[0] for c in social.values() for tokens in c.full_names if len(tokens[0]) >= 3)
    # a name is read the other way round only where another person's name is written so: (last, first) of
    # this one the (first, last) of that one, in any spelling; most names never are, and their keys are not made
    written = {(tokens[0], tokens[-1]) for c in social.values() for tokens in c.full_names}
    for cluster in social.values():
        if cluster.handles:
            cluster.known_firsts = firsts
        cluster.turnable = [t for t in cluster.full_names if t[0] != t[-1] and (t[-1], t[0]) in written]
        cluster.pseudonymous = _pseudonymous(cluster, given)
    return social


def _given_names(accounts) -> frozenset[str]:
    """The first words of the full names written where people go by their real names (``REAL_NAMES``)."""
    return frozenset(words[0] for account in accounts if account.platform in REAL_NAMES for name in account.names
                     for folded in spellings(normalise_name(name) or "") if len(words := folded.split()) >= 2)


def _written_apart(name: str, given: frozenset[str]) -> str | None:
    """"Madhav Sha" of the display name "MadhavSha": one word of letters with capitals inside, which begins with a
    name someone in the network goes by and ends in one nobody does, written apart at its capitals. Not "McDonald"
    (no given name "Mc"), nor "JoAnn" (a given name written so: Ann is one too), nor a name of RUN_TOGETHER[1]
    letters, which may be cut ("MichaelRichards" of Michael Richardson: a name run together)."""
    word = name.strip()
    if not word.isalpha() or len(word) >= RUN_TOGETHER[1]:
        return None
    cuts = [i for i in range(1, len(word)) if word[i - 1].islower() and word[i].isupper()]
    if not cuts or not _spelled(word[:cuts[0]]) & given or _spelled(word[cuts[-1]:]) & given:
        return None
    return " ".join(word[i:j] for i, j in zip([0, *cuts], [*cuts, len(word)]))


def _spelled(word: str) -> set[str]:
    return set(spellings(normalise_name(word) or ""))


def _pseudonymous(cluster: Cluster, given: frozenset[str]) -> bool:
    """A display name with no word that anyone in the network goes by, whole or run together with a last name
    ("MichaelRichards"): a Twitter account shown as "Team Dackel", "Kaffee & Code ☕" or "views are my own" says
    nothing about its owner's name, so its handle ("twalcher72") is what tells who it is, not a name that differs
    from everyone's."""
    return bool(cluster.tokens) and not any(_goes_by(word, given) for tokens in cluster.tokens for word in tokens)


def _goes_by(word: str, given: frozenset[str]) -> bool:
    return word in given or len(word) >= RUN_TOGETHER[0] and any(word[:cut] in given for cut in range(3, len(word) - 2))
