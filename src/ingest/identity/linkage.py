"""Record linkage declared as data: which accounts are the same person, and why.

Deterministic rules first (``KEY_RULES``): accounts sharing a key — the owner's own accounts, an
e-mail, a phone number in E.164, a profile URL — are one person, and so are an address-book card and
the platform accounts it names (``_join_named_profiles``). Then names (``NAME_RULES``), for
accounts known by nothing but a name (a journal entry, a calendar guest without e-mail, a LinkedIn
recommendation): such an account joins the one person whose name it matches — in full, with
transliteration and nicknames, in either order, as "First L." or by first name alone, or a full name the one
platform person shown only as "First L." — and only when exactly one person matches; a calendar guest with no
written name, by the name in its address (``ADDRESS_NAME_RULE``, weaker), or by the initial and last name its
address spells ("s.gangl@…").
Two or more candidates make a review case (an unaccepted link with the reason),
never a guess. Joins go through union-find, strongest rule first; a join that would put a
``cannot_link`` pair into one person is refused and recorded. Overrides win over every rule: a ``must_link``
joins the two people the evidence made, last.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..collector import collector_paused
from ..models import OFFLINE_SOURCES, SOCIAL_PLATFORMS
from ..names import (address_keys, company_spelling, first_name_keys, full_name_keys, initial_keys, name_address_keys,
                     shape, spellings, turned)
from ..normalise import e164, normalise_name
from ..sources.profiles import account_keys
from . import matching
from .cached import cached_property
from .clusters import CURRENT_COMPANY
from .overrides import Node


@dataclass(frozen=True)
class Account:
    platform: str
    account_ref: str
    display_name: str | None
    first_name: str | None
    last_name: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    profile_url: str | None
    is_owner: bool
    company: str | None = None
    handle: str | None = None
    named_profiles: tuple[str, ...] = ()  # an address-book card's social profiles, as ``profiles.profile_key``

    @property
    def node(self) -> Node:
        return (self.platform, self.account_ref)

    @property
    def name_only(self) -> bool:
        """Known by nothing but a name: the account_ref is the name itself."""
        return (not self.emails and not self.phones and not self.profile_url
                and self.account_ref in (self.display_name, normalise_name(self.display_name)))

    @cached_property
    def names(self) -> list[str]:
        """The names written for the account (not one read from an address: ``address_name``)."""
        if self.platform in ADDRESS_NAMED:
            return [self.display_name] if self.display_name else []
        first_last = " ".join(filter(None, (self.first_name, self.last_name)))
        return list(dict.fromkeys(n for n in (self.display_name, first_last) if n))

    @property
    def address_name(self) -> str | None:
        """The name read from the e-mail address, on an account no name is written for."""
        if self.platform not in ADDRESS_NAMED or self.display_name or not (self.first_name and self.last_name):
            return None
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class KeyRule:
    name: str
    keys: Callable[[Account], Iterable[str]]
    confidence: float
    reason: str


KEY_RULES = (
    KeyRule("owner", lambda a: ["owner"] if a.is_owner else [], 1.0, "the owner's own account"),
    KeyRule("same_email", lambda a: a.emails, 1.0, "same e-mail address"),
    KeyRule("same_phone", lambda a: filter(None, map(e164, a.phones)), 1.0, "same phone number"),
    KeyRule("same_profile_url", lambda a: [a.profile_url] if a.profile_url else [], 1.0, "same profile URL"),
)

NAMED_PROFILE_REASON = "the address-book card names this profile"


@dataclass(frozen=True)
class NameRule:
    shape: str  # how much of the name a name-only account gives: names.shape()
    keys: Callable[[str | None], frozenset[str]]
    confidence: float
    reason: str


NAME_RULES = {rule.shape: rule for rule in (
    NameRule("full", full_name_keys, 0.8, "same name (spelling and nicknames allowed), nobody else has it"),
    NameRule("initial", initial_keys, 0.65, "same first name and initial, nobody else matches"),
    NameRule("first", first_name_keys, 0.6, "first name only, nobody else in the network has it"),
)}
# Sources whose first_name/last_name are never written but read from an e-mail address (a calendar
# guest without a CN: ``firstname.lastname@…``). Weaker than a written name: it may be a role address
# or the order may be last.first, so it is sought last, on platforms only, and never makes a review case.
ADDRESS_NAMED = frozenset({"calendar"})
ADDRESS_NAME_RULE = NameRule("full", full_name_keys, 0.7,
                             "the name in the e-mail address (firstname.lastname@…), nobody else has it")
# A written full name read the other way round ("Székely Imre" on a card, "Imre Székely" on LinkedIn), sought
# after the name as written and only for people still on no platform: weaker, as two people may be each
# other's reading.
TURNED_NAME_RULE = NameRule("full", full_name_keys, 0.7, "same name read the other way round, nobody else has it")
# A written full name ("Finn Heiss" on a card, in the journal) where a platform shows the person only as "Finn H."
# (Facebook friends who shortened their name): the one platform person whose only written names are that first
# name and initial, when nobody on a platform writes a full name of that first name and initial.
ABBREVIATED_RULE = NameRule("initial", initial_keys, 0.65,
                            "the platform shows the first name and initial of this name, nobody else fits")
ADDRESS_KEY_CONFIDENCE = 0.6
ADDRESS_KEY_REASON = "the e-mail address spells the name (s.gangl@…, lisahirschmann@…), nobody else fits"


@dataclass(frozen=True)
class Link:
    a: Node
    b: Node
    rule: str
    confidence: float
    reason: str
    accepted: bool


class People:
    """Union-find over accounts that refuses joins breaking a cannot-link pair, or putting two
    accounts of one social platform into one person unless ``forced`` (a person mostly has one
    Facebook account, one LinkedIn account …; a second one joins on an e-mail, a phone, a URL or a
    scored link with evidence beyond the name; ``exclusive`` names the accounts that count: a LinkedIn
    recommendation known by name alone is another view of a connection, not a second account)."""

    def __init__(self, nodes: Iterable[Node], cannot: Iterable[tuple[Node, Node]], exclusive: Iterable[Node] = ()):
        self.parent = {n: n for n in nodes}
        self.members = {n: {n} for n in self.parent}
        self.platforms = {n: set() for n in self.parent}
        for node in exclusive:
            self.platforms[node].add(node[0])
        self.cannot: dict[Node, set[Node]] = defaultdict(set)
        for a, b in cannot:
            self.cannot[a].add(b)
            self.cannot[b].add(a)

    def find(self, node: Node) -> Node:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: Node, b: Node, forced: bool = False) -> bool:
        root_a, root_b = sorted((self.find(a), self.find(b)))
        if root_a == root_b:
            return True
        if any(self.cannot[m] & self.members[root_b] for m in self.members[root_a]):
            return False
        if not forced and self.platforms[root_a] & self.platforms[root_b]:
            return False
        self.parent[root_b] = root_a
        self.members[root_a] |= self.members.pop(root_b)
        self.platforms[root_a] |= self.platforms.pop(root_b)
        return True


# Platforms where an account known by a name alone is another view of a connection: a LinkedIn recommendation
# or endorsement names its author. Elsewhere it is an account of its own: a XING card without UID or e-mail, a
# Facebook friend (known by name alone always), and two of one name are two people.
NAMED_VIEWS = frozenset({"linkedin"})


def _exclusive(account: Account) -> bool:
    """Counts as a person's one account on its platform (see ``People``). A phone's address book is
    one too: two cards are two people (two "Anna Schmidt" cards are why a name cannot decide)."""
    if account.platform == "addressbook":
        return True
    return account.platform in SOCIAL_PLATFORMS and (account.platform not in NAMED_VIEWS or not account.name_only)


def resolve_accounts(accounts: list[Account], must: list[tuple[Node, Node]],
                     cannot: list[tuple[Node, Node]]) -> tuple[People, list[Link]]:
    """Join one owner's accounts into people; every link tried is returned as evidence."""
    with collector_paused():
        return _resolve(accounts, must, cannot)


def _resolve(accounts: list[Account], must: list[tuple[Node, Node]],
             cannot: list[tuple[Node, Node]]) -> tuple[People, list[Link]]:
    people = People((a.node for a in accounts), cannot, (a.node for a in accounts if _exclusive(a)))
    links = []
    for rule in KEY_RULES:
        links += _apply_key_rule(people, accounts, rule)
    links += _join_named_profiles(people, accounts)
    # The owner's "same person" on two accounts of one platform (a personal and a work account) is one person
    # before names are weighed: then their name is not two people's, and each is not the other's rival for the
    # accounts of other platforms. Joined any later, the name would keep both apart from the rest.
    links += [_owner_join(people, a, b) for a, b in must if a[0] == b[0] and a in people.parent and b in people.parent]
    index = _name_index(accounts)
    links += _link_within_platforms(people, accounts, index)
    # platform persons are joined across platforms before offline entries look for them by name,
    # so that a journal entry sees one "Ute König", not her Facebook and her LinkedIn account
    links += _match_across_platforms(people, accounts)
    links += _link_offline_names(people, accounts, index)
    # The owner's "same person" joins the two people the evidence made, last: joined first, the pair would
    # take the place of the person's other accounts ("Natasja T." said to be the LinkedIn Natasja Taskinen
    # would push the Facebook "Natasja Taskinen", her card and her journal entries out of that person).
    return people, links + [_owner_join(people, a, b)
                            for a, b in must if a[0] != b[0] and a in people.parent and b in people.parent]


def _owner_join(people: People, a: Node, b: Node) -> Link:
    return Link(a, b, "must_link", 1.0, "must_link override", people.union(a, b, forced=True))


def _link(people: People, a: Node, b: Node, rule: str, confidence: float, reason: str, forced: bool = False) -> Link:
    return Link(a, b, rule, confidence, reason, people.union(a, b, forced))


def _one_platform_allowed(rule: KeyRule, a: Account, b: Account) -> bool:
    """An e-mail, a phone or a profile URL joins two accounts of one social platform: one person's personal and
    work account, an old and a new profile. Two address-book cards stay two people (a shared office line)."""
    return rule.name != "owner" and not (a.platform == b.platform == "addressbook")


def _apply_key_rule(people: People, accounts: list[Account], rule: KeyRule) -> list[Link]:
    groups: dict[str, list[Account]] = defaultdict(list)
    for account in accounts:
        for key in set(rule.keys(account)):
            groups[key].append(account)
    links = []
    for key in sorted(groups):
        group = sorted(groups[key], key=lambda a: a.node)
        links += [_link(people, group[0].node, other.node, rule.name, rule.confidence, rule.reason,
                        _one_platform_allowed(rule, group[0], other)) for other in group[1:]]
    return links


def _join_named_profiles(people: People, accounts: list[Account]) -> list[Link]:
    """An address-book card joins each platform account it names (a LinkedIn URL, a Twitter handle):
    for certain, like an e-mail, and even a second account of one platform. Only the card's word
    counts: two Twitter accounts that once carried one handle are not joined by it."""
    named: dict[str, Account] = {}
    for account in sorted((a for a in accounts if not a.is_owner), key=lambda a: a.node):
        for key in account_keys(account.platform, account.account_ref, account.profile_url, account.handle):
            named.setdefault(key, account)
    return [_link(people, card.node, named[key].node, "named_profile", 1.0, NAMED_PROFILE_REASON, forced=True)
            for card in sorted((a for a in accounts if a.named_profiles), key=lambda a: a.node)
            for key in card.named_profiles if key in named]


def _link_within_platforms(people: People, accounts: list[Account], index: NameIndex) -> list[Link]:
    """Name-only accounts of ``NAMED_VIEWS`` join the one account of their platform with that name (a LinkedIn
    recommendation names a LinkedIn connection); across platforms, names are ``matching``'s job."""
    owner_roots = {people.find(a.node) for a in accounts if a.is_owner}
    links: list[Link] = []
    for account in sorted((a for a in accounts if a.name_only and not a.is_owner and a.platform in NAMED_VIEWS),
                          key=lambda a: a.node):
        links += _seek(people, index, account, account.display_name, {account.platform}, owner_roots)
    return links


def _link_offline_names(people: People, accounts: list[Account], index: NameIndex) -> list[Link]:
    """Offline people join platform people by name, only when exactly one person matches:
    first the calendar guests and address-book cards not yet tied to a platform (Facebook friends
    are known by name alone), by their written names, then by those read the other way round ("Székely
    Imre" for Imre Székely), then by a name read from their address, and those still apart whose written
    name several people carry become review cases (a guest met offline, a number in the phone: the owner
    knows which of them it is); then the name-only entries (the journal), to anyone — never to another
    name-only entry (``_join_offline_namesakes`` does that)."""
    owner_roots = {people.find(a.node) for a in accounts if a.is_owner}
    links: list[Link] = []
    asked: list[Link] = []  # several people carry the name: a review case, if nothing below places the account
    for account in _offline_people_off_platform(people, accounts, owner_roots):
        for name in account.names:
            found = _seek(people, index, account, name, set(SOCIAL_PLATFORMS), owner_roots, review=shape(name) != "first")
            links += [link for link in found if link.a != link.b]
            asked += [link for link in found if link.a == link.b]
    for account in _offline_people_off_platform(people, accounts, owner_roots):  # those written names left
        for name in _turnable(account, index):
            links += _seek(people, index, account, name, set(SOCIAL_PLATFORMS), owner_roots, review=False,
                           rule=TURNED_NAME_RULE, label="name_turned")
        if account.address_name and not _placed(people, account.node, owner_roots):
            links += _seek(people, index, account, account.address_name, set(SOCIAL_PLATFORMS), owner_roots,
                           review=False, rule=ADDRESS_NAME_RULE, label="name_from_address")
        links += _seek_abbreviated(people, index, account, owner_roots)
    links += _link_by_address(people, accounts, owner_roots)
    # still apart: the owner decides
    links += list({link.a: link for link in asked if not _placed(people, link.a, owner_roots)}.values())
    for account in sorted((a for a in accounts if a.name_only and not a.is_owner and a.platform in OFFLINE_SOURCES),
                          key=lambda a: a.node):
        links += _seek(people, index, account, account.display_name, None, owner_roots)
        links += _seek_abbreviated(people, index, account, owner_roots)
    on_platforms = {key for key, nodes in index["full"].items() if any(n[0] in SOCIAL_PLATFORMS for n in nodes)}
    return links + _join_offline_namesakes(people, _offline_people_off_platform(people, accounts, owner_roots,
                                                                                 name_only=True), on_platforms)


def _turnable(account: Account, index: NameIndex) -> list[str]:
    """The account's full names read the other way round, where someone's name is written so (its last and
    first word, in any spelling, a full-name key): most are not, and their keys are not made."""
    found = []
    for name in account.names:
        tokens = (normalise_name(name) or "").split()
        if len(tokens) >= 2 and shape(name) == "full" \
                and not index["full"].keys().isdisjoint(spellings(f"{tokens[-1]} {tokens[0]}")):
            found.append(turned(" ".join(tokens)))
    return found


def _seek_abbreviated(people: People, index: NameIndex, account: Account, owner_roots: set[Node]) -> list[Link]:
    """An account still on no platform, by each full name written for it, joins the one platform person
    shown only as that first name and initial (``ABBREVIATED_RULE``). Another platform person of that first
    name and initial whose full name differs may be the one abbreviated: then nobody is joined."""
    links: list[Link] = []
    for name in account.names:
        if shape(name) != "full" or _placed(people, account.node, owner_roots):
            continue
        candidates = {people.find(node) for key in ABBREVIATED_RULE.keys(name) for node in index["initial"].get(key, ())
                      if node[0] in SOCIAL_PLATFORMS}
        candidates -= owner_roots | {people.find(account.node)}
        if len(candidates) == 1 and not people.members[root := candidates.pop()] & index.full_named:
            links.append(_link(people, root, account.node, "name_abbreviated", ABBREVIATED_RULE.confidence,
                               ABBREVIATED_RULE.reason))
    return links


def _link_by_address(people: People, accounts: list[Account], owner_roots: set[Node]) -> list[Link]:
    """Calendar guests and address-book cards still apart, by what their e-mail addresses spell: "s.gangl@…"
    the one platform person whose initial and last name those are, "lisahirschmann@…" the one whose first and
    last name run together so. A written first name must agree; a written full name has had its turn."""
    index: dict[str, set[Node]] = defaultdict(set)
    for account in accounts:
        if account.platform in SOCIAL_PLATFORMS and not account.is_owner:
            for name in account.names:
                for key in name_address_keys(name):
                    index[key].add(account.node)
    links = []
    for account in _offline_people_off_platform(people, accounts, owner_roots):
        candidates = {people.find(node) for key in _address_keys_of(account) for node in index.get(key, ())}
        candidates -= owner_roots | {people.find(account.node)}
        if len(candidates) == 1:
            links.append(_link(people, candidates.pop(), account.node, "name_from_address", ADDRESS_KEY_CONFIDENCE,
                               ADDRESS_KEY_REASON))
    return links


def _address_keys_of(account: Account) -> set[str]:
    """The ``address_keys`` of an account's e-mails that its written name, a first name at most, agrees with."""
    written = [n for n in account.names if shape(n) != "first"]
    if written:
        return set()
    firsts = {s for name in account.names for s in spellings(normalise_name(name) or "")}
    keys = {key for email in account.emails for key in address_keys(email)}
    if not firsts:
        return keys
    return {key for key in keys
            if any(key.startswith("=" + first) or key.endswith("|" + first[:1]) for first in firsts)}


def _seek(people: People, index, account: Account, name: str | None, platforms: set[str] | None,
          owner_roots: set[Node], review: bool = True, rule: NameRule | None = None,
          label: str | None = None) -> list[Link]:
    """Join ``account`` to the one person whose name matches (on ``platforms``; None: any), by
    ``rule`` (default: the one for the name's shape), recorded as ``label`` (default: name_<shape>)."""
    rule = rule or NAME_RULES[shape(name)]
    candidates = {people.find(node) for key in rule.keys(name) for node in index[rule.shape].get(key, ())
                  if (node[0] in platforms if platforms else node[0] not in OFFLINE_SOURCES or node in index.known)}
    candidates -= owner_roots | {people.find(account.node)}
    label = label or f"name_{rule.shape}"
    if len(candidates) == 1 and _works_elsewhere(people, index, account, next(iter(candidates))):
        return [Link(account.node, candidates.pop(), label, 0.5, "review: same name, another current company", False)]
    if len(candidates) == 1:
        return [_link(people, candidates.pop(), account.node, label, rule.confidence, rule.reason)]
    if candidates and review:
        return [Link(account.node, account.node, label, 0.0,
                     f"review: {len(candidates)} people match this name", False)]
    return []


def _works_elsewhere(people: People, index: NameIndex, account: Account, root: Node) -> bool:
    """An address-book card's company is none of the person's current ones (their LinkedIn and XING positions):
    a namesake as likely as the same person with an old card; the owner decides."""
    own = company_spelling(account.company)
    current = {index.companies[m] for m in people.members[root] if m in index.companies}
    return bool(own and current) and not any(own in other or other in own for other in current)


def _offline_people_off_platform(people: People, accounts: list[Account], owner_roots: set[Node],
                                 name_only: bool = False) -> list[Account]:
    """Calendar guests and address-book cards (known by more than a name; with ``name_only`` journal entries
    and guests known by a name alone too) not yet tied to a platform."""
    return sorted((a for a in accounts if a.platform in OFFLINE_SOURCES and (name_only or not a.name_only)
                   and not a.is_owner and not _placed(people, a.node, owner_roots)), key=lambda a: a.node)


def _placed(people: People, node: Node, owner_roots: set[Node]) -> bool:
    """The account is the owner's, or its person holds a social-platform account."""
    root = people.find(node)
    return root in owner_roots or any(member[0] in SOCIAL_PLATFORMS for member in people.members[root])


class NameIndex(dict):
    """shape → name key → the accounts (not the owner's) that name gives; built once, the persons
    looked up when asked, as they grow. ``known``: the offline accounts known by more than a name."""

    known: set[Node]
    companies: dict[Node, str]  # the current company of each LinkedIn and XING account that shows one
    full_named: set[Node]  # the platform accounts with a full name written for them


def _name_index(accounts: list[Account]) -> NameIndex:
    index = NameIndex({shape: defaultdict(list) for shape in NAME_RULES})
    index.known = {a.node for a in accounts if a.platform in OFFLINE_SOURCES and not a.name_only}
    index.companies = {a.node: company_spelling(a.company) for a in accounts
                       if a.platform in CURRENT_COMPANY and a.company and not a.is_owner}
    index.full_named = {a.node for a in accounts if a.platform in SOCIAL_PLATFORMS
                        and any(shape(name) == "full" for name in a.names)}
    rules = [(index[shape_], rule.keys) for shape_, rule in NAME_RULES.items()]
    for account in accounts:
        if account.is_owner:
            continue
        node = account.node
        for name in account.names:
            for keyed, keys in rules:
                for key in keys(name):
                    keyed[key].append(node)
    return index


def _join_offline_namesakes(people: People, accounts: list[Account], on_platforms: set[str]) -> list[Link]:
    """Offline people on no platform who carry one full name ("Greta Nachbar" in the journal, as a calendar
    guest and on an address-book card) are one person: someone met who is on no platform. Not when one
    source shows the name to be two people's (two cards, two guests of that name apart), nor when a platform
    account carries it too: the name is then someone else's as well, whom these were not joined to."""
    carriers: dict[str, set[Node]] = defaultdict(set)
    for account in accounts:
        for name in account.names or [account.address_name]:
            for key in full_name_keys(name):
                carriers[key].add(account.node)
    for key in on_platforms & carriers.keys():
        del carriers[key]
    links = []
    for key in sorted(carriers):
        nodes = sorted(carriers[key])
        by_source: dict[str, set[Node]] = defaultdict(set)
        for node in nodes:
            by_source[node[0]].add(people.find(node))
        if any(len(roots) > 1 for roots in by_source.values()):
            continue
        links += [_link(people, nodes[0], node, "name_full", 0.7, "same name, on no platform") for node in nodes[1:]
                  if people.find(node) != people.find(nodes[0])]
    return links


def _match_across_platforms(people: People, accounts: list[Account]) -> list[Link]:
    """Scored links between people on different platforms (``ingest.identity.matching``), strongest first."""
    clusters, scored = matching.scored_pairs(accounts, people.find)
    accepted, reviews = matching.decide(clusters, scored)
    links = [_link(people, p.a, p.b, "scored", matching.confidence(p.bits), p.reason, p.same_platform and p.context)
             for p in accepted]
    return links + [Link(p.a, p.b, "scored", matching.confidence(p.bits), f"review: {p.reason}", False)
                    for p in reviews]
