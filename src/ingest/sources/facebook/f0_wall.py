"""The owner's timeline in the first download (F0, ≤2017, formats.md §1.7): ``html/wall.htm``, ``timeline.html``.

One story per ``<p>``: a ``div.meta`` time as on every F0 page, the story's sentence, and the post's text in a
``div.comment``. lxml ends the ``<p>`` where the ``<div>`` starts, so a story is a ``div.meta`` and what follows
it up to the next ``<p>``. Seen in dhilipsiva/facebook ``html/wall.htm`` (English, 2015: 4,749 stories) and
sienrik15/fbchull ``html/timeline.html`` (Spanish, 2017: 7,638). Two kinds of story name another person:

* "<owner> and X are now friends." / "<owner> y X ahora son amigos." ("e" before an i-sound): the day of the
  friendship, which the friends page lacks (English) or gives for many without a year and no footer to add it;
* "X wrote on your timeline.", "X posted a link to your timeline.", "X compartió una foto en tu biografía.",
  "X agregó una foto nueva a la biografía de <owner>.": a post X wrote on the owner's timeline, a ``comment``
  in from X as in the JSON file of 2018-2020 (posts.py).

Every other story is the owner's own (a status, a shared link, a page liked, a game played): the owner's record.
The people tagged in the owner's stories ("… agregó una foto nueva — con A, B y 4 personas más en <place>.", 17
stories of the Spanish dump, none in the English one) are not read: where the names end is not certain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..archive import Export
from ..dates import read_parts
from ...models import Record
from ..text_repair import repair
from .html import soup_of
from .rows import Batch, Owner, Tally
from .text import f0_time, is_placeholder

_NOW_FRIENDS = re.compile(r"^(?P<pair>.+) (?:are now friends|ahora son amigos)\.$")
_JOINERS = (" and ", " y ", " e ")
# The author first, then the verb; the timeline is the owner's ("your", or the owner's name) [C: both dumps].
_ON_TIMELINE = (
    re.compile(r"^(?P<author>.+?) (?:wrote|posted|shared|added)\b.*? (?:on|to) (?:your|(?P<on>.+?)['’]s) timeline\b"),
    re.compile(r"^(?P<author>.+?) (?:escribió|publicó|compartió|agregó)\b.*? (?:en|a) "
               r"(?:tu biografía|la biografía de (?P<on>.+?))(?: —.*)?\.?$"),
)
# A story dated back by the owner: "Sunday, May 3, 2015 at 9:12am UTC+05 (Displayed as Friday, May 1, 2015 at …)"
# (234 of the English dump): the first time is when it was posted, the one read [C].
# Looked for where a run of spaces starts, the run taken whole: else each space of a long run was tried again.
_DISPLAYED_AS = re.compile(r"(?<!\s)\s*+\([^()]*+\)\s*+$")
ALREADY_DATED = "friendships the friends page dates already (account only)"
NO_FORM = "no story in a form this version reads (language?): every story read as the owner's own"


def read_f0_wall(export: Export, member: str, owner: Owner, batch: Batch,
                 friended: set[tuple[str, date]]) -> Iterator[Record]:
    """Every story of the page; ``friended``: (friend, day) the friends page gave already, not loaded again."""
    tally, found = Tally(member), 0
    for line, (time_text, text) in enumerate(_stories(soup_of(export, member)), 1):
        tally.read += 1
        try:
            found += _story(member, line, time_text, text, owner, batch, friended, tally)
        except ValueError as exc:
            yield tally.quarantine(line, str(exc), {"meta": time_text})
    if tally.read and not found:
        tally.note(NO_FORM, None)
    yield tally.member_note("timeline (F0 HTML)")


def _stories(soup) -> Iterator[tuple[str, str]]:
    """(time as written, the story's sentence) of every story; the post's text (``div.comment``) left out."""
    from bs4 import Tag

    for meta in soup.select("div.contents div.meta"):
        parts = []
        for node in meta.next_siblings:
            if isinstance(node, Tag):
                classes = (node.get("class") or "").split()
                if node.name == "p" or "meta" in classes:
                    break
                if "comment" not in classes:
                    parts.append(node.get_text(" ", strip=True))
            else:
                parts.append(node.strip())
        yield _DISPLAYED_AS.sub("", meta.get_text(" ", strip=True)), repair(" ".join(p for p in parts if p))


def _story(member: str, line: int, time_text: str, text: str, owner: Owner, batch: Batch,
           friended: set[tuple[str, date]], tally: Tally) -> bool:
    """Load one story; True when it is in a form that names another person."""
    at = f0_time(time_text)
    if not owner.known:
        raise ValueError("text: whose timeline cannot be told (owner unknown)")
    friends = _NOW_FRIENDS.match(text)
    if friends:
        other = _new_friend(friends["pair"], owner)
        if (other, read_parts(time_text)[0].date()) in friended:
            tally.note(ALREADY_DATED)
            batch.account(member, line, other)
        else:
            batch.account(member, line, other, connected_at=at)
            batch.interaction(member, line, other, "friendship", "mutual", at)
        return True
    post = next((m for form in _ON_TIMELINE if (m := form.match(text))), None)
    if post is None:
        batch.account(member, line, owner.ref, is_owner=True)
        return False
    author, on = post["author"], post["on"]
    other, direction = (on, "out") if author in owner and on and on not in owner else (author, "in")
    if other in owner:
        batch.account(member, line, owner.ref, is_owner=True)
    elif is_placeholder(other):  # "Facebook User": every deleted account, not one person
        raise ValueError("text: a deleted or deactivated account, not one person")
    else:
        batch.interaction(member, line, other, "comment", direction, at)
        batch.account(member, line, other)
    return True


def _new_friend(pair: str, owner: Owner) -> str:
    """The one of "A and B" who is not the owner; the owner stands first in every story seen."""
    for name in sorted(owner.names, key=len, reverse=True):
        for joiner in _JOINERS:
            if pair.startswith(name + joiner):
                return pair[len(name + joiner):]
            if pair.endswith(joiner + name):
                return pair[:-len(joiner + name)]
    raise ValueError("text: neither of the two new friends is the owner")
