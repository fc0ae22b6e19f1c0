"""Which accounts of one person the exports themselves tie together: the ground truth of linkability.

Two accounts of a person are tied when both show the same e-mail, phone number or LinkedIn URL, or a name
in common that fits nobody else in the network. "In common" forgives what a careful reader forgives:
accents and transliteration (Müller, Muller, Mueller), titles, credentials and emoji the generator added,
a nickname of ``names.NICKNAMES`` (Kathi for Katharina), a middle initial, one half of a double name, the
order "Last, First". A Twitter handle made of the whole name ("merleschubert") counts as that name.
Nothing else does: a maiden name on Facebook and the married one on LinkedIn share no name, "Moin Moin"
is no name at all, and two people called "Thomas Müller" make that name fit nobody in particular.

Ties are transitive. Each person's accounts fall into groups (``link_groups``); two accounts in one group
are a pair a resolver can find from the exports (issue 5's "linkable accounts"), two in different groups
are the same person but nothing written says so.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..normalise import normalise_email, normalise_linkedin_url
from .common import phone_key, slugify, transliterate
from .names import NICKNAMES
from .people import PLATFORMS, Network, Person

FORMAL = defaultdict(set)  # nickname → the given names it stands for
for _formal, _nicks in NICKNAMES.items():
    for _nick in _nicks:
        FORMAL[slugify(_nick)].add(slugify(_formal))


_DECORATIONS = re.compile(r"^(?:Prof\. )?Dr\. |, (?:PhD|MBA)\b")


def _words(name: str, fold) -> list[tuple[str, list[str]]]:
    """Each word folded, with the halves of a hyphenated one: ("weberschmidt", ["weber", "schmidt"])."""
    words = []
    for word in name.split():
        halves = [h for h in (slugify(fold(part), "") for part in word.split("-")) if h]
        if halves:
            words.append(("".join(halves), halves if len(halves) > 1 else []))
    return words


def _givens(given: str) -> set[str]:
    return {given} | FORMAL.get(given, set())


def name_keys(name: str) -> set[str]:
    """Comparison keys of a written name: "2:first last", "i:first l" ("Jens R."), "1:first"."""
    name = _DECORATIONS.sub("", name)  # "Dr. Anna Weber, PhD" as LinkedIn recommendations name her
    if name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    keys = set()
    for fold in (str, transliterate):
        words = _words(name, fold)
        if not words:
            continue
        first, rest = words[0][0], words[1:]
        if not rest:
            keys |= {f"1:{g}" for g in _givens(first)}
        elif len(rest) == 1 and len(rest[0][0]) == 1:
            keys |= {f"i:{g} {rest[0][0]}" for g in _givens(first)}
        else:
            rest = [w for w in rest if len(w[0]) > 1]  # a middle initial ("Anna M. Weber")
            # the whole family name, its last word (after a middle name), each half of a double name
            lasts = {" ".join(w for w, _ in rest), rest[-1][0], *rest[-1][1]}
            keys |= {f"2:{g} {last}" for g in _givens(first) for last in lasts}
    return keys


def person_keys(p: Person) -> set[str]:
    """Every key a name of this person could give: nicknames, middle and maiden names, double names."""
    givens = {p.first, *NICKNAMES.get(p.first, ()), *([p.middle] if p.middle else [])}
    lasts = {p.last, *([p.maiden] if p.maiden else [])}
    keys = set()
    for given in givens:
        keys |= name_keys(given)
        for last in lasts:
            keys |= name_keys(f"{given} {last}") | name_keys(f"{given} {last[0]}.")
    return keys


def handle_keys(handle: str) -> set[str]:
    """A handle spelled as the whole name, "merleschubert" or "merle_schubert": the key "2:merleschubert"."""
    flat = re.sub(r"[^a-z]", "", handle.lower())
    return {f"h:{flat}"} if len(flat) >= 6 else set()


def _handle_forms(p: Person) -> set[str]:
    return {f"h:{slugify(g, '')}{slugify(last, '')}" for g in (p.first, transliterate(p.first))
            for last in (p.last, transliterate(p.last))}


def shown(net: Network) -> dict[tuple[str, str], tuple[Person, set[str], set[str]]]:
    """(platform, account_ref) → (person, name keys, identifiers) of every account written."""
    out: dict[tuple[str, str], tuple[Person, set[str], set[str]]] = {}

    def add(platform: str, ref: str, p: Person, names: Iterable[str], ids: Iterable[str | None]) -> None:
        _, keys, found = out.setdefault((platform, ref), (p, set(), set()))
        for name in names:
            keys |= handle_keys(name[2:]) if name.startswith("@:") else name_keys(name)
        found |= {i for i in ids if i}

    for p in net.everyone():
        if p.linkedin:  # the generator's titles, credentials and emoji are what a resolver drops
            add("linkedin", p.linkedin.ref, p, [" ".join(filter(None, (p.first, p.middle, p.last))), p.plain],
                [normalise_email(p.linkedin.email), normalise_linkedin_url(p.linkedin.url)])
        if p.facebook:
            add("facebook", p.facebook.ref, p, [p.facebook.name], [])
        if p.xing:
            add("xing", p.xing.ref, p, [f"{p.xing.given} {p.xing.family}"],
                [normalise_email(p.xing.email), phone_key(p.xing.phone)])
        if p.card:
            card = p.card
            add("addressbook", card.uid, p, [card.fn, f"{card.given} {card.family}"],
                [*map(normalise_email, card.emails), *map(phone_key, card.phones),
                 normalise_linkedin_url(card.linkedin_url) if card.linkedin_url else None])
    for (platform, ref), (p, name, email, phone) in ((k, v) for k, vs in net.shown.items() for v in vs):
        if platform == "twitter":  # a mention: the display name ("Anna Weber (she/her)") and the handle
            name = p.plain if name.startswith(p.plain) else name
            add(platform, ref, p, [f"@:{p.twitter.handle}"], [])
        add(platform, ref, p, [name], [normalise_email(email), phone_key(phone)])
    for platform, ref, p in net.extra_refs:
        if platform == "calls":  # a number in the phone's call log: the number, and the name the phone showed
            add(platform, ref, p, [p.card.fn] if p.card and p.card.fn else [], [ref])
        elif (platform, ref) not in out:  # a LinkedIn recommendation: the name is the ref
            add(platform, ref, p, [ref], [])
    for p in net.everyone():
        if p.twitter:  # a follower or DM partner no tweet mentions: a number, nothing else
            out.setdefault(("twitter", p.twitter.ref), (p, set(), set()))
    return out


def link_groups(net: Network) -> dict[tuple[str, str], str]:
    """(platform, account_ref) → "<person key>.<n>": accounts with one n are tied by what they show."""
    accounts = shown(net)
    fits: dict[str, Person | None] = {}
    for p in net.everyone():
        for key in person_keys(p) | _handle_forms(p):
            fits[key] = p if fits.get(key, p) is p else None
    by_person: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for node, (p, _, _) in accounts.items():
        by_person[p.key].append(node)
    groups = {}
    for key, nodes in by_person.items():
        for n, members in enumerate(_components(sorted(nodes), accounts, fits)):
            groups.update((node, f"{key}.{n}") for node in members)
    return groups


def _components(nodes: list[tuple[str, str]], accounts, fits) -> list[list[tuple[str, str]]]:
    parent = {n: n for n in nodes}

    def find(n):
        while parent[n] != n:
            n = parent[n]
        return n

    for i, a in enumerate(nodes):
        p, keys_a, ids_a = accounts[a]
        for b in nodes[i + 1:]:
            _, keys_b, ids_b = accounts[b]
            if ids_a & ids_b or any(fits.get(k) is p for k in _tying(keys_a, keys_b)):
                parent[find(b)] = find(a)
    members = defaultdict(list)
    for n in nodes:
        members[find(n)].append(n)
    return sorted(members.values())


def _tying(a: set[str], b: set[str]) -> set[str]:
    """Keys two accounts share; a handle ("h:merleschubert") ties to the name it spells on the other."""
    return (a & b) | (a & _spelled(b)) | (b & _spelled(a))


def _spelled(keys: set[str]) -> set[str]:
    return {f"h:{k[2:].replace(' ', '')}" for k in keys if k.startswith("2:")}


__all__ = ["PLATFORMS", "label_rows", "link_groups", "name_keys", "person_keys", "shown"]


def label_rows(net: Network) -> list[tuple[str, str, str, str, str, str, str]]:
    """``platform, account_ref, person_key, is_owner, met_offline, offline_via, link_group`` for every
    account written (``link_groups``: which accounts of a person the exports tie together)."""
    groups = link_groups(net)
    extra = defaultdict(list)
    for platform, ref, p in net.extra_refs:
        extra[id(p)].append((platform, ref))
    rows = {}
    for p in net.everyone():
        refs = [(name, getattr(p, name).ref) for name in PLATFORMS if getattr(p, name) is not None]
        for platform, ref in refs + extra[id(p)]:
            assert rows.setdefault((platform, ref), p) is p, f"{platform} account_ref shared by two people"
    return sorted((pl, ref, p.key, str(p.role == "owner").lower(), str(p.met).lower(), ";".join(sorted(p.via)),
                   groups[(pl, ref)]) for (pl, ref), p in rows.items())
