"""Who the owner of a LinkedIn export is: the rows have no "me" flag (formats.md §3.4)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import islice

from ..archive import Export
from ...normalise import join_name
from .files import rows_of
from .rows import connection_name, profile_url, recipients

OWNER_SCAN_ROWS = 20_000  # the owner is on (nearly) every message: a sample finds them as surely as all rows
OWNER_TIE_NOTE = ("messages; the owner is undecided: no Profile.csv or Invitations.csv names them and {n} people "
                  "are on as many messages each, so their messages are quarantined (add Profile.csv from the same "
                  "export)")


@dataclass(frozen=True)
class Owner:
    name: str | None
    url: str | None
    rivals: frozenset[str] = frozenset()  # names and URLs tied for owner when no file says who it is
    tied: int = 0  # how many people tie

    @property
    def known(self) -> bool:
        return bool(self.name or self.url)

    def is_me(self, name: str | None, url: str | None) -> bool:
        if url and self.url:
            return url == self.url
        return bool(name) and name == self.name

    def may_be(self, name: str | None, url: str | None) -> bool:
        """Without a known owner: whether this person is one of those tied for owner."""
        return not self.known and (name in self.rivals or url in self.rivals)


def find_owner(export: Export, kinds: dict[str, str | None]) -> Owner:
    """The owner's name from Profile.csv, else from Invitations.csv; their URL the one their name goes
    with on the messages. Without either file, the one person on the most messages; on a tie (one
    conversation, no Profile.csv) nobody is guessed: ``rivals`` names who might be (formats.md §3.4)."""
    name, url = _profile_name(export, kinds), None
    if name is None:
        name, url = _invited_owner(export, kinds)
    on, named = _participants(export, kinds)
    if name:
        own = Counter({key: count for (key, n), count in named.items() if n == name and key.startswith("https://")})
        return Owner(name, url or _most_common(own) or _top_url(on))
    top = _top(on)
    if len(top) > 1:  # the owner is never among their own connections
        connections = connection_keys(export, kinds)
        top = [key for key in top if not ({key} | {n for (k, n) in named if k == key}) & connections] or top
    if len(top) == 1:
        url = top[0] if top[0].startswith("https://") else None
        return Owner(_most_common(Counter({n: c for (key, n), c in named.items() if key == top[0]})) or top[0], url)
    return Owner(None, None, frozenset(top) | {n for (key, n) in named if key in top}, len(top))


def _profile_name(export: Export, kinds: dict[str, str | None]) -> str | None:
    name = None
    for member in (m for m, k in kinds.items() if k == "profile"):
        name = next((join_name(r.get("first name"), r.get("last name")) for r in rows_of(export, member, "profile")), name)
    return name


def _invited_owner(export: Export, kinds: dict[str, str | None]) -> tuple[str | None, str | None]:
    """The owner as Invitations.csv has them: the invitee of what came in, the inviter of what went out."""
    names: Counter[str] = Counter()
    urls: Counter[str] = Counter()
    for member in (m for m, k in kinds.items() if k == "invitations"):
        for row in islice(rows_of(export, member, "invitations"), OWNER_SCAN_ROWS):
            side = {"INCOMING": ("to", "inviteeprofileurl"), "OUTGOING": ("from", "inviterprofileurl")}.get(
                (row.get("direction") or "").upper())
            if side:
                names.update(filter(None, [row.get(side[0])]))
                urls.update(filter(None, [profile_url(row.get(side[1]))]))
    return _most_common(names), _most_common(urls)


def _participants(export: Export, kinds: dict[str, str | None]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """How many sampled messages each person is on, keyed by profile URL where any row pairs their name
    with one (the 2021 file has no recipient URLs), and how often each key goes with each name."""
    rows = [[(row.get("from"), profile_url(row.get("sender profile url"))), *recipients(row)]
            for member in (m for m, k in kinds.items() if k == "messages")
            for row in islice(rows_of(export, member, "messages"), OWNER_SCAN_ROWS)]
    url_of: dict[str, str] = {}
    for name, url in (person for people in rows for person in people):
        if name and url:
            url_of.setdefault(name, url)
    on: Counter[str] = Counter()
    named: Counter[tuple[str, str]] = Counter()
    for people in rows:
        keys = {url or url_of.get(name) or name: name for name, url in people if url or name}
        on.update(keys.keys())
        named.update((key, name) for key, name in keys.items() if name)
    return on, named


def connection_keys(export: Export, kinds: dict[str, str | None]) -> set[str]:
    """Names and URLs of the owner's connections: never the owner, and never an advertiser (rows.SPONSORED)."""
    found: set[str] = set()
    for member in (m for m, k in kinds.items() if k == "connections"):
        for row in rows_of(export, member, "connections"):
            found.update(filter(None, [connection_name(row), profile_url(row.get("url"))]))
    return found


def _top(counts: Counter[str]) -> list[str]:
    most = max(counts.values(), default=0)
    return sorted(key for key, count in counts.items() if count == most)


def _top_url(counts: Counter[str]) -> str | None:
    top = _top(Counter({key: count for key, count in counts.items() if key.startswith("https://")}))
    return top[0] if len(top) == 1 else None


def _most_common(counts: Counter[str]) -> str | None:
    return min(counts, key=lambda u: (-counts[u], u)) if counts else None
