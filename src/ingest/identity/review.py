"""The owner's review: the questions evidence cannot settle, most valuable first, and the owner's answers.

Questions come from three places:

- review cases the resolver records (``match_evidence``, not accepted, reason ``review: …``): two
  accounts scored close to the link threshold, or an offline name several people match (then one
  question per candidate person);
- links that rest on a name alone (a journal entry joined by its name, a scored link whose evidence
  is only name agreement): right most of the time, yet nothing but a shared name stands behind them;
- platform accounts known by a first name alone ("Ulrike") or with an initial ("Uwe W.") that the network
  offers exactly one plausible person for.

Value: what an answer is expected to change, ``value = p · (10 · flips + ln(1 + activity_a) + ln(1 + activity_b))``:

- ``p`` is how likely the answer changes what the resolver decided: for two people apart, the chance they
  are one (the scored pair's confidence, or where its evidence says less than its weight, how often such pairs
  were one person: ``CLOSE_CHANCES``; for a name N people share, each one's share of the owner's
  interactions with all N, one added to each; ½ for a first name alone); for a
  name-alone link, the chance it is wrong (``NAME_ALONE_WRONG``, as measured: its confidence oversells the doubt);

- ``flips`` is how many contacts one of the two answers takes off (or puts on) the "never met" list: "same" on
  two people apart, one met offline, makes every never-met contact among them met (each of the namesakes below
  counts: a "same" on one person's two accounts of a platform took 3.6 times as many contacts off the list as
  another answer, in the simulated owner of bench/results/resolution.md, yet was asked later when it counted
  once); "different" on a name-alone link whose one side holds all of the person's offline interactions and whose
  other side is a platform account, 1;
- ``activity`` is the number of interactions (online and offline, up to the reference date) of each
  side: of the person it belongs to when the two are apart, of the account itself when they are joined.

"Same" on two accounts of one platform (a personal and a work account) also makes their name one person's: the
people of other sources who carry it, kept apart while it was two people's, join them. Those people count as
sides of the question too, in ``flips`` and ``activity``.

An offline name the owner has said "same" about is one person's: the other people it fits are not asked about
any more.

So a question that would take a contact off (or onto) the "never met" list comes first, and among the
rest those that join or split the most active accounts. Ties: review cases, then name-alone links,
then first-name-only accounts; then by the accounts, for a stable order.

Answers are stored as the owner's decisions (``ingest.identity.overrides``): in the database, where they win over
the overrides file and survive every later run and re-import, and in the owner's overrides file when one
is given. The owner is re-resolved at once: only that owner's people and marts are rebuilt.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..errors import UnsocialError
from ..models import SOCIAL_PLATFORMS
from .matching import SAME_PLATFORM, SHARED_NAMES
from .overrides import Node, decided_pairs, forget_decision, store_decision, write_decision

NAME_RULES = ("name_full", "name_initial", "name_first", "name_from_address", "name_turned", "name_abbreviated")
KIND_ORDER = {"review": 0, "name_alone": 1, "first_name_only": 2, "married_name": 3}
FLIP_VALUE = 10.0
# How likely a link that rests on a name alone is wrong: whatever its confidence, such links were one person in
# 0.99 of 22,021 cases at 20,000 people and in all 2,651 at 2,000 (the team's networks, tuning configuration);
# those of less than ``NAME_ALONE_SURE_BITS`` (a full name with 0 to 1 bit of rarity), in 0.91-0.92 of 1,368
# at 20,000 (both configurations of bench/results/resolution.md), so they are asked about before the others.
NAME_ALONE_WRONG, NAME_ALONE_WRONG_BELOW = 0.02, 0.09
NAME_ALONE_SURE_BITS = 10.0
# A platform account known by part of a name, with one person in the network whose name fits: the question,
# its evidence, and how likely "same" is (a first name alone is said by many more people than "Uwe W.").
FIRST_NAME_QUESTIONS = {"first": ("a first name alone, one person has it", "same first name", 0.5),
                        "initial": ("a first name and an initial, one person fits", "same first name and initial",
                                    0.7)}
# Two people of one first name that nobody else in the network has, another family name each, on no platform in
# common: a married name on a profile never updated ("Magda Hettner" on Facebook, "Magda Peters" on LinkedIn)
# is one person with nothing else to tie her. In the team's networks (tuning configuration) such pairs were one
# person in 25 of 52 at 2,000 people and in 36 of 177 at 20,000.
MARRIED_NAME = ("a first name only these two people have, another family name (a married name?)",
                "same first name, another family name", 0.3)
SEVERAL = "several people have this name"  # an offline name's question, one per person it fits
# How likely "same" is for a pair scored close to the threshold, by its evidence, where the weight in bits says
# too much: the share of such questions that were one person in the team's generated networks (tuning
# configuration, 2,000 and 20,000 people, where some people have a second account on one platform:
# demo/twins.py). Two accounts of one platform: 43 of 48 and 286 of 570; a name two accounts of one platform
# carry: 85 of 116 and 1,362 of 2,990 (a name two cards or two current companies carry is taken alike: 0 of 1
# and 26 of 69); the lower share of each. "Jens R." and a common first name: 0.26, a rarer one: 0.61. The
# first evidence that applies; else the pair's own confidence.
CLOSE_CHANCES = ((SAME_PLATFORM, 0.5), *((shared, 0.45) for shared in SHARED_NAMES),
                 ("same first name and last initial", None))
INITIAL_CHANCES = {"common name": 0.3, "rare name": 0.6}
EVIDENCE_ITEM = re.compile(r"^(?P<what>.*?) \((?P<weight>[+-]?\d+(?:\.\d+)?)\)$")


class UnknownAccountError(UnsocialError):
    """An account named on the command line that the owner does not have: a usage error."""

    exit_code = 2


@dataclass(frozen=True)
class Question:
    a_platform: str
    a_account_ref: str
    a_display_name: str | None
    b_platform: str
    b_account_ref: str
    b_display_name: str | None
    reason: str
    evidence: list[tuple[str, float | None]] = field(default_factory=list)
    value: float = 0.0
    kind: str = "review"  # review, name_alone, first_name_only: ``KIND_ORDER``
    linked: bool = False  # whether the two are one person now

    @property
    def a(self) -> Node:
        return (self.a_platform, self.a_account_ref)

    @property
    def b(self) -> Node:
        return (self.b_platform, self.b_account_ref)

    def row(self) -> dict:
        """The columns of ``unsocial review --list``."""
        return {"a_platform": self.a_platform, "a_account_ref": self.a_account_ref,
                "a_display_name": self.a_display_name, "b_platform": self.b_platform,
                "b_account_ref": self.b_account_ref, "b_display_name": self.b_display_name,
                "reason": self.reason, "linked_now": self.linked, "value": round(self.value, 2),
                "evidence": "; ".join(f"{what} ({weight:+g})" if weight is not None else what
                                      for what, weight in self.evidence)}


LIST_COLUMNS = ("a_platform", "a_account_ref", "a_display_name", "b_platform", "b_account_ref", "b_display_name",
                "reason", "linked_now", "value", "evidence")


@dataclass
class _Network:
    """One owner's accounts as resolved, with the interactions of each."""

    person: dict[Node, str]
    name: dict[Node, str | None]
    online: dict[Node, int]
    offline: dict[Node, int]
    members: dict[str, list[Node]]
    # per person, counted once: a large owner's tens of thousands of questions ask about the same people
    _activity: dict[str, int] = field(default_factory=dict)
    _offline: dict[str, int] = field(default_factory=dict)

    def activity(self, node: Node) -> int:
        return self.online.get(node, 0) + self.offline.get(node, 0)

    def person_activity(self, person: str) -> int:
        if person not in self._activity:
            self._activity[person] = sum(self.activity(n) for n in self.members[person])
        return self._activity[person]

    def person_offline(self, person: str) -> int:
        if person not in self._offline:
            self._offline[person] = sum(self.offline.get(n, 0) for n in self.members[person])
        return self._offline[person]

    def is_contact(self, person: str) -> bool:
        return any(n[0] in SOCIAL_PLATFORMS for n in self.members[person])


def open_questions(con: duckdb.DuckDBPyConnection, owner_id: str, limit: int | None = None) -> list[Question]:
    """The owner's open questions, most valuable first (``value``; see the module's docstring)."""
    if not _resolved(con):
        return []
    network = _network(con, owner_id)
    rules = decided_pairs(con, owner_id)
    placed = {node for pair, rule in rules.items() if rule == "must_link" for node in pair}
    decided = set(rules) | {_people(network, pair) for pair in rules if all(node in network.person for node in pair)}
    found: dict[frozenset, Question] = {}
    # an offline name the owner has placed is one person's: which of the others it is was answered with it
    asked = [q for q in _review_cases(con, owner_id, network) if q.reason != SEVERAL or q.a not in placed]
    for question in sorted([*asked, *_name_alone_links(con, owner_id, network), *_first_name_only(network),
                            *_married_names(network)], key=lambda q: -q.value):
        # two people apart are one question, whichever of their accounts it came from
        key = frozenset((question.a, question.b)) if question.linked else _people(network, (question.a, question.b))
        if frozenset((question.a, question.b)) not in decided and key not in decided and key not in found \
                and question.a != question.b:
            found[key] = question
    ordered = sorted(found.values(), key=lambda q: (-round(q.value, 6), KIND_ORDER[q.kind], q.a, q.b))
    return ordered if limit is None else ordered[:limit]


def _people(network: _Network, pair) -> frozenset:
    return frozenset(("person", network.person[node]) for node in pair)


def decide(con: duckdb.DuckDBPyConnection, owner_id: str, a: Node, b: Node, same: bool,
           overrides_file: Path | None = None) -> None:
    """Store the owner's answer ("same person" or "two people"); ``pipeline.answer`` also applies it."""
    _check_accounts(con, owner_id, a, b)
    rule = "must_link" if same else "cannot_link"
    store_decision(con, owner_id, rule, a, b)
    if overrides_file is not None:
        write_decision(overrides_file, rule, a, b)


def undo(con: duckdb.DuckDBPyConnection, owner_id: str, a: Node, b: Node,
         overrides_file: Path | None = None) -> bool:
    """Take back the owner's answer on these two accounts; False when there was none."""
    removed = forget_decision(con, owner_id, a, b)
    if overrides_file is not None:
        removed = write_decision(overrides_file, None, a, b) or removed
    return removed


def parse_account(text: str) -> Node:
    """``PLATFORM:ACCOUNT_REF``, split at the first colon (a LinkedIn URL holds colons of its own)."""
    from ..normalise import normalise_linkedin_url

    platform, colon, ref = text.partition(":")
    if not colon or not platform.strip() or not ref.strip():
        raise ValueError("expected PLATFORM:ACCOUNT_REF")
    platform, ref = platform.strip().lower(), ref.strip()
    # a profile URL pasted from the browser (trailing slash, http://, de.linkedin.com, ?originalSubdomain=de)
    # is the account import keyed by its normal form; a ref that is no URL (a name) stays as typed
    if platform == "linkedin":
        ref = normalise_linkedin_url(ref) or ref
    return platform, ref


def _check_accounts(con: duckdb.DuckDBPyConnection, owner_id: str, *nodes: Node) -> None:
    for place, node in zip(("first account", "second account"), nodes):
        found = con.execute("select 1 from stg_accounts where owner_id = ? and platform = ? and account_ref = ?",
                            [owner_id, *node]).fetchone() if _resolved(con) else None
        if not found:  # the account_ref is a contact's data: not repeated in the message
            raise UnknownAccountError(place, f"no such account of owner {owner_id}",
                                      "copy PLATFORM:ACCOUNT_REF from `unsocial review --list` or the person_accounts view")
    if nodes[0] == nodes[1]:
        raise UnknownAccountError("second account", "is the first one", "name two different accounts")


def _resolved(con: duckdb.DuckDBPyConnection) -> bool:
    names = {"stg_accounts", "resolved_accounts", "match_evidence"}
    found = con.execute("select table_name from information_schema.tables where table_name in (?, ?, ?)",
                        sorted(names)).fetchall()
    return len(found) == len(names)


def _network(con: duckdb.DuckDBPyConnection, owner_id: str) -> _Network:
    rows = con.execute("""
        select r.platform, r.account_ref, r.person_id, a.display_name
        from resolved_accounts as r join stg_accounts as a using (owner_id, platform, account_ref)
        where r.owner_id = ? and not r.is_owner_person""", [owner_id]).fetchall()
    network = _Network({}, {}, {}, {}, defaultdict(list))
    for platform, ref, person, name in rows:
        network.person[(platform, ref)], network.name[(platform, ref)] = person, name
        network.members[person].append((platform, ref))
    for platform, ref, online, offline in _interaction_counts(con, owner_id):
        network.online[(platform, ref)], network.offline[(platform, ref)] = online, offline
    return network


def _interaction_counts(con: duckdb.DuckDBPyConnection, owner_id: str) -> list[tuple]:
    """Per account: interactions online and offline up to the reference date (as ``int_interactions``)."""
    return con.execute("""
        select platform, account_ref, count(*) filter (where not is_offline), count(*) filter (where is_offline)
        from stg_interactions
        where owner_id = ?
          and occurred_at < coalesce((select cast(value as date) + interval 1 day from settings
                                      where key = 'as_of'), timestamp '9999-12-31')
        group by all""", [owner_id]).fetchall()


def _evidence(reason: str) -> list[tuple[str, float | None]]:
    """"same name (+9); rare name (+0.3)" → [("same name", 9.0), ("rare name", 0.3)]."""
    items = []
    for part in reason.removeprefix("review: ").split("; "):
        match = EVIDENCE_ITEM.match(part.strip())
        items.append((match["what"], float(match["weight"])) if match else (part.strip(), None))
    return items


def _apart_value(network: _Network, a: Node, b: Node, namesakes: Iterable[Node] = ()) -> float:
    """A "same" answer's worth for two accounts of two people, and of the people of ``namesakes``, whom the answer
    joins to them too."""
    people = {network.person[a], network.person[b]} | {network.person[node] for node in namesakes}
    met = {person for person in people if network.person_offline(person) > 0}
    flips = sum(network.is_contact(person) for person in people - met) if met else 0
    return FLIP_VALUE * flips + sum(math.log1p(network.person_activity(person)) for person in sorted(people))


def _joined_value(network: _Network, a: Node, b: Node) -> float:
    """A "different" answer's worth for a link of one person: does one side hold all its offline contact?"""
    person = network.person[a]
    total = network.person_offline(person)
    flips = any(total > 0 and network.offline.get(side, 0) == total and other[0] in SOCIAL_PLATFORMS
                for side, other in ((a, b), (b, a)))
    return FLIP_VALUE * flips + math.log1p(network.activity(a)) + math.log1p(network.activity(b))


def _question(network: _Network, a: Node, b: Node, reason: str, evidence: list, kind: str,
              chance: float, namesakes: Iterable[Node] = ()) -> Question:
    """``chance``: how likely the answer changes what the resolver decided (``p`` in the module's docstring);
    ``namesakes``: the accounts a "same" joins besides (``_namesakes``)."""
    linked = network.person[a] == network.person[b]
    value = chance * (_joined_value(network, a, b) if linked else _apart_value(network, a, b, namesakes))
    return Question(*a, network.name.get(a), *b, network.name.get(b), reason, evidence, value, kind, linked)


def _review_cases(con: duckdb.DuckDBPyConnection, owner_id: str, network: _Network) -> list[Question]:
    rows = con.execute("""
        select platform_a, account_ref_a, platform_b, account_ref_b, reason, confidence from match_evidence
        where owner_id = ? and not accepted and starts_with(reason, 'review:')
        order by all""", [owner_id]).fetchall()
    questions, index, full_names = [], None, None
    for pa, ra, pb, rb, reason, confidence in rows:
        a, b = (pa, ra), (pb, rb)
        if a not in network.person or b not in network.person:
            continue
        if a == b:  # an offline name several people match: one question per candidate
            index = index or _name_index(network)
            candidates = _name_candidates(network, a, index)
            questions += [_question(network, a, c, SEVERAL, [(reason[8:], None)], "review",
                                    chance) for c, chance in _candidate_chances(network, candidates)]
        elif network.person[a] != network.person[b]:
            evidence = _evidence(reason)
            if pa == pb:
                full_names = full_names or _full_name_index(network)
            questions.append(_question(network, a, b, "close to the link threshold", evidence, "review",
                                       _close_chance(evidence, confidence),
                                       _namesakes(network, a, b, full_names) if pa == pb else ()))
    return questions


def _namesakes(network: _Network, a: Node, b: Node, full_names: dict[str, list[Node]]) -> list[Node]:
    """The accounts that carry the full name of two accounts of one platform: "same" on the two makes the name one
    person's, and those of other platforms, left apart while it was two people's, join them (``linkage``)."""
    from ..names import full_name_keys

    keys = set(full_name_keys(network.name.get(a))) & set(full_name_keys(network.name.get(b)))
    return sorted({node for key in keys for node in full_names.get(key, ())} - {a, b})


def _full_name_index(network: _Network) -> dict[str, list[Node]]:
    """Full-name key → the accounts, of any source, whose name gives it (built once, when needed)."""
    from ..names import full_name_keys

    index: dict[str, list[Node]] = defaultdict(list)
    for node, name in network.name.items():
        for key in full_name_keys(name):
            index[key].append(node)
    return index


def _close_chance(evidence: list[tuple[str, float | None]], confidence: float) -> float:
    """How likely two accounts scored close to the threshold are one person (``CLOSE_CHANCES``)."""
    said = [what for what, _ in evidence]
    for marker, chance in CLOSE_CHANCES:
        if any(what.startswith(marker) for what in said):
            return chance if chance is not None else next(
                (INITIAL_CHANCES[what] for what in said if what in INITIAL_CHANCES), confidence)
    return confidence


def _candidate_chances(network: _Network, candidates: list[Node]) -> list[tuple[Node, float]]:
    """How likely each of the people a name fits is the one meant: the more the owner is in touch with someone
    online, the likelier it is them the journal or the calendar names ("Anna": the Anna written to every week
    before the Anna from a conference)."""
    weights = [1 + network.person_activity(network.person[c]) for c in candidates]
    return [(c, w / sum(weights)) for c, w in zip(candidates, weights)]


def _name_alone_links(con: duckdb.DuckDBPyConnection, owner_id: str, network: _Network) -> list[Question]:
    rows = con.execute(f"""
        select platform_a, account_ref_a, platform_b, account_ref_b, rule, reason from match_evidence
        where owner_id = ? and accepted and platform_a <> platform_b
          and (rule in ({', '.join('?' * len(NAME_RULES))}) or rule = 'scored')
        order by all""", [owner_id, *NAME_RULES]).fetchall()
    questions = []
    for pa, ra, pb, rb, rule, reason in rows:
        a, b = (pa, ra), (pb, rb)
        evidence = _evidence(reason) if rule == "scored" else [(reason, None)]
        if a in network.person and b in network.person and (rule != "scored" or _names_only(evidence)):
            questions.append(_question(network, a, b, "linked by a name alone", evidence, "name_alone",
                                       _wrong_chance(evidence)))
    return questions


def _wrong_chance(evidence: list[tuple[str, float | None]]) -> float:
    """How likely a name-alone link is wrong, by its weight (``NAME_ALONE_WRONG``): an offline name's has none."""
    weights = [weight for _, weight in evidence if weight is not None]
    below = bool(weights) and sum(weights) < NAME_ALONE_SURE_BITS
    return NAME_ALONE_WRONG_BELOW if below else NAME_ALONE_WRONG


def _names_only(evidence: list[tuple[str, float | None]]) -> bool:
    """Scored evidence that is name agreement and nothing else (a handle spelling the name is more)."""
    return all("name" in what and "handle" not in what for what, _ in evidence)


def _name_candidates(network: _Network, node: Node, index: dict) -> list[Node]:
    """One account (the most active) of each other person on a platform whose name the account's matches,
    as linkage's name rules read it (``index``: ``_name_index``)."""
    from ..names import shape
    from .linkage import NAME_RULES as RULES

    name = network.name.get(node)
    if not name:
        return []
    rule = RULES[shape(name)]
    people: dict[str, list[Node]] = defaultdict(list)
    for other in {other for key in rule.keys(name) for other in index[rule.shape].get(key, ())}:
        if network.person[other] != network.person[node]:
            people[network.person[other]].append(other)
    return [max(sorted(nodes), key=network.activity) for _, nodes in sorted(people.items())]


def _name_index(network: _Network) -> dict[str, dict[str, list[Node]]]:
    """shape → name key → the platform accounts with a name that gives it (built once, when needed)."""
    from .linkage import NAME_RULES as RULES

    index: dict[str, dict[str, list[Node]]] = {shape: defaultdict(list) for shape in RULES}
    for node, name in network.name.items():
        if node[0] in SOCIAL_PLATFORMS and name:
            for shape, rule in RULES.items():
                for key in rule.keys(name):
                    index[shape][key].append(node)
    return index


def _first_name_only(network: _Network) -> list[Question]:
    """Platform accounts known by a first name alone ("Ulrike") or with the last name's initial ("Uwe W."),
    alone in their person, with one plausible person: the one whose full name gives that much."""
    from ..names import first_name_keys, initial_keys, shape

    keys_of = {"first": lambda name: first_name_keys(name.split()[0]), "initial": initial_keys}
    by_key: dict[str, dict[str, set[str]]] = {form: defaultdict(set) for form in keys_of}
    for node, name in network.name.items():
        if node[0] in SOCIAL_PLATFORMS and name and shape(name) == "full":
            for form, keys in keys_of.items():
                for key in keys(name):
                    by_key[form][key].add(network.person[node])
    questions = []
    for node, name in sorted(network.name.items(), key=lambda item: item[0]):
        form = shape(name) if name else None
        if node[0] not in SOCIAL_PLATFORMS or form not in keys_of or len(network.members[network.person[node]]) > 1:
            continue
        keys = first_name_keys(name) if form == "first" else initial_keys(name)
        people = set().union(*(by_key[form].get(k, set()) for k in keys)) - {network.person[node]}
        if len(people) == 1:
            target = max(sorted(network.members[people.pop()]), key=network.activity)
            questions.append(_question(network, node, target, FIRST_NAME_QUESTIONS[form][0],
                                       [(FIRST_NAME_QUESTIONS[form][1], None)], "first_name_only",
                                       FIRST_NAME_QUESTIONS[form][2]))
    return questions


def _married_names(network: _Network) -> list[Question]:
    """Two contacts who alone in the network go by one first name, each with another family name and on other
    platforms (``MARRIED_NAME``): a question between the most active account of each."""
    from ..names import shape, spellings
    from ..normalise import normalise_name

    firsts: dict[str, set[str]] = defaultdict(set)  # a first name's spelling → the people who go by it
    lasts: dict[str, set[str]] = defaultdict(set)  # a person → their family names' spellings
    for node, name in network.name.items():
        if node[0] in SOCIAL_PLATFORMS and name and shape(name) == "full":
            tokens = (normalise_name(name) or "").split()
            if len(tokens) < 2:  # "Dr. T." is full by its shape, one word once normalised
                continue
            person = network.person[node]
            for first in spellings(tokens[0]):
                firsts[first].add(person)
            lasts[person] |= spellings(tokens[-1])
    crowded = {person for people in firsts.values() if len(people) > 2 for person in people}
    sharing = {frozenset(people) for people in firsts.values() if len(people) == 2 and not people & crowded}
    questions = []
    for pair in sorted(sharing, key=sorted):
        a, b = sorted(pair)
        nodes = {p: sorted(n for n in network.members[p] if n[0] in SOCIAL_PLATFORMS) for p in (a, b)}
        if {n[0] for n in nodes[a]} & {n[0] for n in nodes[b]} or lasts[a] & lasts[b]:
            continue
        x, y = (max(nodes[p], key=network.activity) for p in (a, b))
        questions.append(_question(network, x, y, MARRIED_NAME[0], [(MARRIED_NAME[1], None)], "married_name",
                                   MARRIED_NAME[2]))
    return questions
