"""The suppression list of forgotten people: what identified them, as keyed hashes, and the rules that keep them out.

A key is ``(kind, HMAC-SHA-256(secret, kind + value))``, 128 bits kept; the secret is the database's own
(``store.forgotten.hasher``). No value is stored, so the list cannot be read back, only asked "is this value on
it?" — by whoever holds the secret (see docs/threat-model.md for what that does and does not protect).

Kinds, and what a key of each covers:

- ``account``: platform + account_ref of an account forgotten — that account, on that platform only;
- ``value``: an identifier that names one person — an e-mail, a phone in E.164, a profile URL, an
  account_ref that is no name (a Twitter id, a vCard UID) — every account carrying it, on any platform;
- ``handle``: platform + handle (a screen name) — every account of that platform with it;
- ``name_company``: a full name and a company together — every account with both (a new LinkedIn URL
  under the same name at the same employer), but a namesake spared when the person was forgotten;
- ``name``: a full name — only an account known by nothing but that name (a journal entry, a Facebook
  friend), and only when no other account of the owner still has the name (``covered``);
- ``token``: a name or handle squashed to letters and digits, as file names and mentions write them
  (``helenruiz_8430…/message_1.json``, ``@helenruiz``): such path components and mentions are replaced;
- ``spared``: platform + account_ref of a namesake the owner had when the person was forgotten: name keys
  never cover it (the resolver had judged it someone else);
- ``person``: the forgotten person_id, so that ``forget`` run again completes an interrupted erasure;
- ``ghost``, ``ghost_company``, ``ghost_has_company``: a forgotten account's normalised name and platform (and
  company): where a namesake stays, resolution sees the forgotten account again as a nameless rival
  (``identity.ghosts``), so that the namesakes it kept apart are not merged once it is gone.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..models import SOCIAL_PLATFORMS
from ..names import shape, spellings
from ..normalise import e164, normalise_linkedin_url, normalise_name

Key = tuple[str, str]  # (kind, digest)
Node = tuple[str, str]  # (platform, account_ref)
SEP = "\x1f"
DIGEST_CHARS = 32  # 128 bits: no collision among any realistic number of values
# Words a company name ends with that say its legal form, not which company: "Nordlicht GmbH" is "Nordlicht".
LEGAL_FORMS = frozenset("gmbh ag kg co ug mbh ltd limited inc llc plc corp corporation sa sas sarl sl bv nv "
                        "spa srl se ab as oy aps eg ev".split())


class Hasher:
    """The keyed hash of the database's secret; the same value gives the same key in every run."""

    def __init__(self, secret: bytes):
        self._digest = lru_cache(maxsize=1 << 18)(lambda text: hmac.digest(secret, text.encode(), hashlib.sha256)
                                                 .hex()[:DIGEST_CHARS])

    def __call__(self, kind: str, value: str) -> Key:
        return kind, self._digest(f"{kind}{SEP}{value}")

    def pseudonym(self, text: str) -> str:
        """What replaces a file or folder name that names a forgotten person: stable, and no name."""
        return "forgotten-" + self._digest(f"pseudonym{SEP}{text}")[:12]


def squash(text: str) -> set[str]:
    """A name as file names and handles write it: ASCII letters and digits only ("Müller" → muller, mueller)."""
    return {re.sub(r"[^a-z0-9]", "", s) for s in spellings(text.casefold())} - {""}


def company_key(company: str) -> str | None:
    words = [w for w in re.findall(r"\w+", company.casefold()) if w not in LEGAL_FORMS]
    return " ".join(words) or None


def name_keys(name: str | None) -> set[str]:
    """A full name's comparison keys: normalised (titles, emoji, "Last, First" undone), in its ASCII spellings.
    A first name alone or with an initial gives none: it does not tell one person."""
    normal = normalise_name(name)
    if not normal or shape(normal) != "full":
        return set()
    return set(spellings(normal))


@dataclass(frozen=True)
class Evidence:
    """One account of an owner with every identifier its rows carry."""

    platform: str
    account_ref: str
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    is_owner: bool = False

    @property
    def node(self) -> Node:
        return self.platform, self.account_ref

    @cached_property
    def name_keys(self) -> set[str]:
        return {key for name in self.names for key in name_keys(name)}

    @cached_property
    def ref_is_name(self) -> bool:
        """The account_ref is a name (Facebook, a journal entry, a LinkedIn row without URL), not an identifier."""
        ref = normalise_name(self.account_ref)
        return ref is not None and any(ref == normalise_name(n) for n in self.names)

    @property
    def name_only(self) -> bool:
        return self.ref_is_name and not (self.emails or self.phones or self.urls or self.handles)

    def values(self) -> set[str]:
        found = {e.strip().lower() for e in self.emails} | {u for u in map(normal_url, self.urls) if u}
        found |= {p for p in map(e164, self.phones) if p}
        if not self.ref_is_name:
            found.add(normal_url(self.account_ref) or self.account_ref.strip().lower())
        return found

    def keys(self, h: Hasher) -> set[Key]:
        """Every key this account gives (``spared`` and ``person`` apart)."""
        keys = {h("account", self.platform + SEP + self.account_ref)} | {h("value", v) for v in self.values()}
        keys |= {h("handle", self.platform + SEP + x.lower()) for x in self.handles}
        keys |= {h("name", n) for n in self.name_keys}
        companies = {c for c in map(company_key, self.companies) if c}
        keys |= {h("name_company", n + SEP + c) for n in self.name_keys for c in companies}
        tokens = {t for n in self.name_keys for t in squash(n)} | {t for x in self.handles for t in squash(x)}
        return keys | {h("token", t) for t in tokens if len(t) >= 5}

    def ghost_keys(self, h: Hasher) -> set[Key]:
        """A social account's name and platform, and its companies: what resolution weighed it by."""
        if self.platform not in SOCIAL_PLATFORMS:
            return set()
        companies = {c for c in map(company_key, self.companies) if c}
        keys = set()
        for name in {n for n in map(normalise_name, self.names) if n and shape(n) == "full"}:
            base = name + SEP + self.platform
            keys |= {h("ghost", base)} | {h("ghost_company", base + SEP + c) for c in companies}
            keys |= {h("ghost_has_company", base)} if companies else set()
        return keys

    def spared_key(self, h: Hasher) -> Key:
        return h("spared", self.platform + SEP + self.account_ref)


def normal_url(url: str | None) -> str | None:
    if not url or "/" not in url:
        return None
    return normalise_linkedin_url(url) or url.strip().lower().rstrip("/")


@dataclass
class Verdict:
    doomed: set[Node]  # the accounts the list covers
    added: set[Key]  # their keys not on the list yet: they join it
    kept_names: set[Key]  # name keys of accounts that stay: a name alone no longer tells the forgotten person


def covered(accounts: Iterable[Evidence], listed: set[Key], h: Hasher) -> Verdict:
    """The accounts the list covers. Identifiers first, to a fixpoint (an account they cover adds its own
    identifiers: a new XING card with the forgotten phone brings its new e-mail along), then names alone."""
    accounts = [a for a in accounts if not a.is_owner]
    keys = {a.node: a.keys(h) for a in accounts}
    start, listed, doomed = listed, set(listed), set()
    spared = {a.node for a in accounts if a.spared_key(h) in listed}
    while True:
        new = {a.node for a in accounts if a.node not in doomed and _by_identifier(a, keys[a.node], listed, spared)}
        if not new:
            break
        doomed |= new
        listed |= {k for node in new for k in keys[node]}
    names = _namesakes(accounts, keys, doomed, spared)
    doomed |= {a.node for a in accounts if a.node not in doomed and a.node not in spared and a.name_only
               and any(k in listed and k not in names for k in keys[a.node] if k[0] == "name")}
    return Verdict(doomed, {k for node in doomed for k in keys[node]} - start, names)


def _by_identifier(account: Evidence, keys: set[Key], listed: set[Key], spared: set[Node]) -> bool:
    for key in keys & listed:
        if key[0] in ("account", "value", "handle") or key[0] == "name_company" and account.node not in spared:
            return True
    return False


def _namesakes(accounts: list[Evidence], keys: dict[Node, set[Key]], doomed: set[Node], spared: set[Node]) -> set[Key]:
    """Name keys that accounts staying carry, but those known by nothing but a name the owner had not
    kept when the person was forgotten: an account with its own identifiers, or a spared namesake."""
    return {k for a in accounts if a.node not in doomed and (not a.name_only or a.node in spared)
            for k in keys[a.node] if k[0] == "name"}


# --- text: quarantine excerpts, notes, message text, file names ----------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")  # tried at a word's start only: linear
_URL = re.compile(r"(?:https?://|www\.)[^\s\"'<>,;]+", re.IGNORECASE)
_PHONE = re.compile(r"\+?\(?\d[\d ()/.-]{5,18}\d")
_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b\d{6,20}\b", re.IGNORECASE)
_MENTION = re.compile(r"@(\w{2,})")
_WORD = re.compile(r"[^\W\d_][\w'.-]*")


def text_values(text: str) -> set[str]:
    """The identifiers a free text (a raw record, a note) holds, normalised like ``Evidence.values``."""
    found = {e.lower() for e in _EMAIL.findall(text)} | {u for u in map(normal_url, _URL.findall(text)) if u}
    found |= {p for p in map(e164, _PHONE.findall(text)) if p} | {i.lower() for i in _ID.findall(text)}
    return found


def text_names(text: str) -> set[str]:
    """The full-name keys any two to four consecutive words of a text give ("N:Weber;Jonas … FN:Jonas Weber")."""
    return {key for words in _windows(text, (2, 3, 4)) for key in name_keys(words)}


def _windows(text: str, sizes: tuple[int, ...]) -> set[str]:
    words = _WORD.findall(text)
    return {" ".join(words[i:i + size]) for size in sizes for i in range(len(words) - size + 1)}


def names_forgotten(text: str, listed: set[Key], kept_names: set[Key], h: Hasher) -> bool:
    """Whether a free text names a forgotten person: one of their identifiers, a mention of their handle or
    name, their full name with their company, or their full name while no account staying has that name."""
    if any(h("value", v) in listed for v in text_values(text)):
        return True
    if any(h("token", t) in listed for m in _MENTION.findall(text) for t in squash(m)):
        return True
    names = {n for n in text_names(text) if h("name", n) in listed}  # a name_company key's name is listed too
    if any(h("name", n) not in kept_names for n in names):
        return True
    companies = {c for c in map(company_key, _windows(text, (1, 2, 3, 4))) if c} if names else set()
    return any(h("name_company", n + SEP + c) in listed for n in names for c in companies)


def scrub_text(text: str, listed: set[Key], h: Hasher) -> str:
    """A text others wrote with the forgotten person's identifiers and mentions of them replaced."""
    def replaced(match: re.Match, values: set[str]) -> str:
        return "[forgotten]" if any(h("value", v) in listed for v in values) else match.group(0)

    text = _EMAIL.sub(lambda m: replaced(m, {m.group(0).lower()}), text)
    text = _URL.sub(lambda m: replaced(m, {normal_url(m.group(0)) or ""}), text)
    return _MENTION.sub(lambda m: "@[forgotten]" if any(h("token", t) in listed for t in squash(m.group(1)))
                        else m.group(0), text)


def path_scrubber(listed: set[Key], h: Hasher, tokens: Iterable[str] = ()) -> Callable[[str], str]:
    """What replaces member paths and thread references: every component that names a forgotten person
    becomes a pseudonym (its extension kept) — a component that is their name or handle squashed (Facebook's
    ``helenruiz_8430…``, XING's ``Helen_Ruiz.vcf``) or one of their identifiers, or that contains one of the
    plaintext ``tokens`` (given when forgetting: a group folder ``helenruizandanna_…``). Each distinct
    component is judged once."""
    tokens, cache = tuple(t for t in tokens if len(t) >= 5), {}

    def scrub(path: str) -> str:
        parts = []
        for part in path.split("/"):
            if part not in cache:
                cache[part] = _scrub_part(part, listed, h, tokens)
            parts.append(cache[part])
        return "/".join(parts)

    return scrub


def _scrub_part(part: str, listed, h: Hasher, tokens: tuple[str, ...]) -> str:
    stem, dot, extension = part.rpartition(".") if "." in part[1:] else (part, "", "")
    return h.pseudonym(stem) + dot + extension if _names_them(stem, listed, h, tokens) else part


def _names_them(stem: str, listed: set[Key], h: Hasher, tokens: tuple[str, ...]) -> bool:
    # Facebook appends the thread's number (``helenruiz_8430…``); a Twitter conversation is two ids
    candidates = {stem, re.sub(r"_\d{4,}$", "", stem), *(p for p in stem.split("-") if p.isdigit())}
    if any(h("value", c.lower()) in listed or any(h("token", t) in listed for t in squash(c)) for c in candidates):
        return True
    squashed = squash(stem)
    return any(t in s for t in tokens for s in squashed)
