"""A Facebook Page's own download: the reactions the Page made (``comments_and_reactions/
likes_and_reactions_made_by_your_page.html``), and the Page's name, which no profile file gives.

Seen in tobiichi3227/hate_tnfsh_2.0_file (2022, Traditional Chinese, records from 2017 to 2022) and ivon852/
PageMCBEModPluginShareSelfTech (2021, 10 records): one ``pam uiBoxWhite`` block a record, holding one table of
four labelled rows, ``心情類型`` (the reaction: Like, Haha…, in English), ``貼文類型`` (Post or Comment),
``貼文擁有者`` (the post's owner: a person, another Page, or the Page itself) and ``時間`` (the time, in the
account's own form: ``9 月 29, 2022 9:27:32下午`` in 2022, ``2021年7月6日 下午1:27`` in 2021). Each record is
the Page's reaction to the post's owner (a ``reaction``, out), as the Page's comments are read (titles.py).

The header of such a download names the admin who made it ("由 <person> 於 … 產生"), not the Page: its name is
the one the Page's comment titles open with ("<Page> 回應了自己的貼文。", comments.html beside it), and a reaction
to a post of the Page's own is the owner's record, no contact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..archive import Export
from ...models import Record
from .html import blocks_of, head_soup, main_part, soup_of, table_rows
from .rows import Batch, Owner, Tally
from .text import html_time
from .titles import glued_actor, squeeze, title_actor

STEM = "likes_and_reactions_made_by_your_page"
# The label of the post's owner: Traditional Chinese (both downloads above) [C]. In another language the row is
# taken by its place, the one before the time row, as in every record seen [U: no other language seen].
OWNER_LABELS = {"貼文擁有者"}
TIME_LABELS = {"時間"}
_TITLE_BYTES = 1 << 20  # the Page's name is in the first titles of its comments page


def read_page_reactions(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    """One page of the Page's reactions: each a ``reaction`` out to the post's owner; one to the Page's own post
    is the owner's record; a record without a time or an owner is quarantined for it."""
    tally = Tally(member)
    for line, rows in enumerate(_records(soup_of(export, member)), 1):
        tally.read += 1
        time_text, target = _time_row(rows), _post_owner(rows)
        at = html_time(time_text) if time_text else None
        if at is None or not target:
            reason = "post owner: missing" if at is not None else (
                "time: in a form this version does not read" if time_text else "time: missing")
            yield tally.quarantine(line, reason, {"time": time_text})
            continue
        if target in owner:
            batch.account(member, line, owner.ref or target, is_owner=True)
        else:
            batch.interaction(member, line, target, "reaction", "out", at)
            batch.account(member, line, target)
    if not tally.read:
        tally.note("no records found: HTML layout not recognised", None)
    yield tally.member_note("reactions given by the Page (HTML)")


def _records(soup) -> list[list[tuple[str, str]]]:
    """(label, value) of the two-cell rows of each table of the page's main part, a table a record."""
    found = []
    for table in main_part(soup).find_all("table"):
        rows = [[c.get_text(" ", strip=True) for c in row.find_all(["td", "th"], recursive=False)]
                for row in table_rows(table)]
        found.append([(cells[0], cells[1]) for cells in rows if len(cells) == 2])
    return found


def _time_row(rows: list[tuple[str, str]]) -> str:
    """The value of the row that reads as a time, else of the row labelled as the time (quarantined for its form);
    "" when there is neither (no other row's value is shown as a time: it may be a name)."""
    read = next((value for _, value in rows if html_time(value)), None)
    return read if read is not None else next((value for label, value in rows if label in TIME_LABELS), "")


def _post_owner(rows: list[tuple[str, str]]) -> str | None:
    named = next((value for label, value in rows if label in OWNER_LABELS), None)
    if named is not None or not rows:
        return named or None
    times = [i for i, (_, value) in enumerate(rows) if html_time(value)]
    return rows[times[0] - 1][1] or None if times and times[0] > 0 else None


def page_name(export: Export, members: list[str]) -> str | None:
    """The Page's own name: the actor most of its comment titles open with (``comments.html`` beside the reactions
    page), None when there is no such page or no title is read."""
    actors: Counter = Counter()
    for member in members:
        soup = head_soup(export, member, _TITLE_BYTES)
        actors.update(a for block in blocks_of(soup, undated=True) if block.name and (a := _actor(block.name)))
    return actors.most_common(1)[0][0] if actors else None


def _actor(title: str) -> str | None:
    text = squeeze(title)
    return glued_actor(text) or title_actor(text)  # "<Page>回覆了X的留言。", "<Page> 回應了自己的貼文。"
