"""Forgotten people's ghosts: where a namesake of a forgotten account stays, resolution sees the forgotten
account again, as a rival with a name and nothing else.

A forgotten "Thomas Müller" on LinkedIn was a rival that kept two other Thomas Müllers apart; gone, the name
looks rarer and nobody competes, and resolution would merge them. The suppression list keeps, as keyed hashes
(``store.suppression``: ``ghost``, ``ghost_company``, ``ghost_has_company``), the forgotten account's
normalised name, platform and company; the name itself is read from the namesake.
"""

from __future__ import annotations

import duckdb

from ..models import SOCIAL_PLATFORMS
from ..names import shape
from ..normalise import normalise_name
from ..store.forgotten import hasher, listed_keys
from ..store.suppression import SEP, Hasher, Key, Node, company_key
from .linkage import Account

GHOST = "\x00forgotten:"  # the account_ref of a ghost (``ghost_accounts``): no export writes a NUL


def ghost_accounts(con: duckdb.DuckDBPyConnection, owner_id: str, accounts: list) -> list:
    """The owner's forgotten social accounts that share a name with an account staying, as resolution saw
    them: that name, platform and company, and nothing else (no identifier, an account_ref of their own).
    A ghost is in no output (``is_ghost``)."""
    h = hasher(con)
    listed = listed_keys(con, owner_id) if h else set()
    if not any(kind == "ghost" for kind, _ in listed):
        return []
    written: dict[tuple[str, str], str] = {}
    companies: dict[str, set[str]] = {}
    for account in accounts:
        for name in account.names:
            normal = normalise_name(name)
            if normal and shape(normal) == "full":
                for platform in SOCIAL_PLATFORMS:
                    if h("ghost", f"{normal}{SEP}{platform}") in listed:
                        written.setdefault((normal, platform), name)
                companies.setdefault(normal, set()).update([account.company] if account.company else [])
    return [Account(platform, GHOST + h("ghost", f"{normal}{SEP}{platform}")[1][:16], name, None, None, (), (),
                    None, False, _ghost_company(h, listed, f"{normal}{SEP}{platform}", companies[normal]))
            for (normal, platform), name in sorted(written.items())]


def _ghost_company(h: Hasher, listed: set[Key], base: str, companies: set[str]) -> str | None:
    """The forgotten account's company when a namesake has it too; else one nobody has, or none."""
    same = [c for c in sorted(companies) if (key := company_key(c)) and h("ghost_company", base + SEP + key) in listed]
    return same[0] if same else GHOST if h("ghost_has_company", base) in listed else None


def is_ghost(node: Node) -> bool:
    return node[1].startswith(GHOST)
