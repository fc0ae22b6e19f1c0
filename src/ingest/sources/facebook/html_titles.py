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

from collections.abc import Callable, Iterator
from datetime import datetime

from ..archive import Export
from ...models import Record
from .activity import LABELS, Seen, add_titled, html_group_posts
from .html import blocks_of, main_blocks, soup_of
from .posts import LABELS as POST_LABELS, add_wall_post
from .rows import Batch, Owner, Tally
from .text import is_placeholder
from .poke_titles import poke_sides
from .titles import NOT_READ, KnownNames, opens_with, squeeze

TitleHandler = Callable[[int, str, datetime], None]
_LABELS = LABELS | POST_LABELS | {"pokes": "pokes"}


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
    JSON file's poker and pokee in one sentence. Read by its form (poke_titles.py) with the owner on one side,
    whoever the other is: a poke often names someone the export names nowhere else (129 of 501 Chinese pokes of
    VoidPharah41/fb_old). A sentence in a form not known is read by a person the export names elsewhere, the
    owner's name opening it when the owner poked."""
    if owner.ref is None:
        raise ValueError("title: who poked whom cannot be told, the owner is unknown")
    sides = poke_sides(squeeze(title))
    other, opens = _owner_side(sides, owner) if sides else (known.find(title, owner.ref), None)
    if other is None:
        raise ValueError(NOT_READ)
    if not other or is_placeholder(other):
        raise ValueError("title: a deleted or deactivated account, not one person")
    if opens is None:
        opens = any(opens_with(title, name) is not None for name in owner.names)
    batch.interaction(member, line, other, "poke", "out" if opens else "in", at)
    batch.account(member, line, other)


def _owner_side(sides: tuple[str, str], owner: Owner) -> tuple[str, bool]:
    """(the other person, whether the owner poked) of a poke whose sentence was read."""
    mine = [side in owner for side in sides]
    if mine.count(True) != 1:
        raise ValueError(NOT_READ)  # the owner on neither side (or both): nothing is guessed
    return (sides[1] if mine[0] else sides[0]), mine[0]
