"""The HTML variant of the files read by their titles: reactions (to posts and to stories), comments, comments and
posts in groups, pokes and the posts others wrote on the owner's timeline (formats.md §1.6, §1.7).

Seen in seven published HTML exports of 2019-2024 in English, French and Spanish (Kyrozyn/fb_history,
hunchoap/fbdata, DskyDsky/Aldemar-Snow-, ishfaqlp4/mahbubkhan): one record per block (``html.blocks_of``),
whose first line is the same sentence as the JSON file's ``title`` ("Lena Vogel commented on Omar Haddad's
post.", "… a aimé la publication de …", "… le ha dado un toque a …") and whose last date is its time, local
and without a zone as everywhere in the HTML variant. No actor or author field: the owner is the one whose
name opens the title. An HTML page is read only where no JSON file of the same name exists (layout.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime

from ..archive import Export
from ...models import Record
from .activity import LABELS, Seen, add_titled, html_group_posts
from .html import blocks_of, main_blocks, soup_of
from .posts import LABELS as POST_LABELS, add_wall_post
from .rows import Batch, Owner, Tally
from .text import is_placeholder
from .titles import NOT_READ, KnownNames, opens_with, squeeze

TitleHandler = Callable[[int, str, datetime], None]
_LABELS = LABELS | POST_LABELS | {"pokes": "pokes"}
# Chinese pokes (2025, VoidPharah41/fb_old other_activity/pokes.html, 501 titles), the names glued to the verb:
# "<A>戳了<B>" (A poked B), "<A>連續戳了<B> 3 次" (3 times in a row), "<A>回戳<B>" (poked back); a Latin name set apart
# by spaces, "Lena Vogel 戳了<B>" [C]. 129 of them poke 11 people the export names nowhere else.
_POKED = re.compile(r"^(?P<poker>.+?)\s*(?:連續戳了|戳了|回戳)\s*(?P<pokee>.+?)(?:\s+\d+\s*次)?$")


def read_html_titles(export: Export, member: str, kind: str, owner: Owner, seen: Seen, batch: Batch,
                     known: KnownNames) -> Iterator[Record]:
    """One HTML page of titled records; a block without a title or a time, or whose title names nobody
    it can read, is quarantined with its time only (the title names people)."""
    handle = _handler(member, kind, owner, seen, batch, known)
    tally = Tally(member)
    soup = soup_of(export, member)
    # a page with no time at all: stories/story_reactions.html of 2024 (DskyDsky/Aldemar-Snow-, 195 blocks whose
    # time is empty); each block is quarantined, as the JSON file's record without a timestamp is
    for line, block in enumerate(blocks_of(soup, undated=True) or main_blocks(soup), 1):
        tally.read += 1
        try:
            if block.name is None or block.at is None:
                raise ValueError("title: missing" if block.name is None else "time: missing")
            handle(line, block.name, block.at)
        except ValueError as exc:
            yield tally.quarantine(line, str(exc), {"time": block.time_text})
    if not tally.read:
        tally.note("no records found: HTML layout not recognised", None)
    yield tally.member_note(f"{_LABELS[kind]} (HTML)")


def _handler(member: str, kind: str, owner: Owner, seen: Seen, batch: Batch, known: KnownNames) -> TitleHandler:
    if kind == "wall_posts":
        return lambda line, title, at: add_wall_post(batch, member, line, title, at, owner, known)
    if kind == "group_posts":  # groups/your_posts_and_comments_in_groups.html (2021)
        return html_group_posts(member, owner, batch, known)
    if kind == "pokes":
        return lambda line, title, at: _add_poke(batch, member, line, title, at, owner, known)
    return lambda line, title, at: add_titled(batch, member, line, title, at, kind, owner, seen, known)


def _add_poke(batch: Batch, member: str, line: int, title: str, at: datetime, owner: Owner,
              known: KnownNames) -> None:
    """"Lena Vogel poked Omar Haddad", "… a envoyé 2 pokes d’affilée à …", "… le ha dado un toque a …": the
    JSON file's poker and pokee in one sentence, the owner's name first when the owner poked. The other
    person is one the export names elsewhere (pokes go between friends), else the other side of a sentence whose
    form was seen (``_POKED``) from the owner."""
    if owner.ref is None:
        raise ValueError("title: who poked whom cannot be told, the owner is unknown")
    other = known.find(title, owner.ref)
    opens = any(opens_with(title, name) is not None for name in owner.names)
    if other is None:
        other, opens = _poke_sides(title, owner)
    if is_placeholder(other):
        raise ValueError("title: a deleted or deactivated account, not one person")
    batch.interaction(member, line, other, "poke", "out" if opens else "in", at)
    batch.account(member, line, other)


def _poke_sides(title: str, owner: Owner) -> tuple[str, bool]:
    """(the other person, whether the owner poked) of a poke in a known sentence form with the owner on one side."""
    found = _POKED.match(squeeze(title))
    sides = (squeeze(found["poker"]), squeeze(found["pokee"])) if found else ("", "")
    if sides[0] in owner and sides[1] and sides[1] not in owner:
        return sides[1], True
    if sides[1] in owner and sides[0] and sides[0] not in owner:
        return sides[0], False
    raise ValueError(NOT_READ)
