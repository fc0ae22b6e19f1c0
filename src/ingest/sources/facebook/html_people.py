"""HTML pages whose blocks name people outright (formats.md §1.7): friend lists, the people interacted with lately,
profile visits, the uploaded address book and the owner's posts, read by the JSON files' rules (people.py,
address_book.py, posts.py). A page whose records are tables of labels (2025) is read by its labels (html_labels.py).

Seen in hunchoap/fbdata (French, 2021) and DskyDsky/Aldemar-Snow- (Spanish, 2024), records in ``_a6-g`` blocks
(``html.records_of``):

* ``activity_messages/people_and_friends.html`` (``logged_information/…`` in 2024): one block a person, their
  name and a date; the link is Facebook's ``dyi/l/?l=`` redirect, no profile URL. As in the JSON file, the
  account alone: the page does not say what the interaction was.
* ``your_interactions_on_facebook/recently_visited.html``: sections "Visites de profil" / "Visitas a perfiles",
  "Groupes consultés", "Visites Marketplace" … around the visits; the profile visits are read, as in JSON.
* ``other_personal_information/your_address_books.html``: the contact's name as the block's heading, one
  ``div`` per phone number or address, the upload time.
* ``posts/your_posts_1.html`` (``your_posts__check_ins__photos_and_videos_1.html`` in 2024): the owner's posts,
  a heading only on some ("… a écrit sur le journal de X.", "… ha compartido una publicación."); the post's
  own text is never read as a title. The people tagged stand in a line "Vous avez identifié A, B et C"
  (French; 1 post of 1,021 in the one export seen), "You tagged A and B" (English, 2024: 12 posts of 221 in
  jdecpn-shru-error1/25.02.2024, the line in a ``div._a701`` above the post's text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Export
from ...models import Record
from .address_book import entry_accounts
from .html import UNREAD_TIME, blocks_of, main_blocks, records_of, section_of, soup_of
from .html_threads import names_listed
from .html_labels import label_blocks
from .people import ENTRY_FILES, LISTS, VISIT_BLOCKS
from .posts import LABELS as POST_LABELS, add_own_post
from .rows import Batch, Owner, Tally
from .text import is_placeholder
from .titles import KnownNames

ENTRY_KINDS = {"people_html": "people_interactions", "visits_html": "visits"}
# The tag line: French, 2021 (hunchoap/fbdata) [C]; English, 2024 (jdecpn-shru-error1/25.02.2024) [C]
_TAGGED = re.compile(r"^(?:Vous avez identifié|You tagged) (?P<names>.+?)\.?$")


# The owner listed among the people of a page: people_and_friends.html of a Vietnamese HTML export of 2021 opens with
# the owner's own name, the name its footer "<name> tạo lúc …" gives (xing215/xing215.github.io
# activity_messages/people_and_friends.html; no profile, no thread). The owner, never a contact of their own.
OWN_ENTRY = "the owner's own name (read as the owner, no contact)"


def read_html_entries(export: Export, member: str, kind: str, batch: Batch, owner: Owner) -> Iterator[Record]:
    """people_and_friends.html (every block a person, the account alone) or recently_visited.html (the blocks
    of the profile-visits section, each a visit)."""
    _, label, interaction = ENTRY_FILES[ENTRY_KINDS[kind]]
    tally, every = Tally(member), kind == "people_html"
    soup = soup_of(export, member)
    # a time in a form no reader knows keeps its record, quarantined for it (html.UNREAD_TIME): a page whose every
    # time was such (ab455/alsafyt, Arabic 2021, slashed dates read since in text.html_time) lost its people without
    # a word, "no record was read"
    records = label_blocks(soup) or records_of(soup, undated=True, unread_times=True)
    for line, (node, block) in enumerate(records, 1):
        if not every and section_of(node).casefold() not in VISIT_BLOCKS:
            continue
        tally.read += 1
        if block.name is None or (block.at is None and block.time_text):
            reason = "name: missing" if block.name is None else UNREAD_TIME
            yield tally.quarantine(line, reason, {"time": block.time_text})
            continue
        if _is_owner(batch, member, line, block.name, owner, tally):
            continue
        batch.account(member, line, block.name)
        if block.at is not None and interaction:
            batch.interaction(member, line, block.name, interaction, "out", block.at)
    if not every and not tally.read:
        tally.note("no 'Profile visits' section recognised (language?)", None)
    yield tally.member_note(f"{label} (HTML)")


def read_html_list(export: Export, member: str, list_kind: str, batch: Batch, owner: Owner) -> Iterator[Record]:
    """A friend list (or requests, follows) in HTML: one block per person with the date."""
    _, kind, direction = LISTS[list_kind]
    tally = Tally(member)
    soup = soup_of(export, member)
    labelled = [block for _, block in label_blocks(soup)]
    for line, block in enumerate(labelled or blocks_of(soup, undated=True) or main_blocks(soup), 1):
        tally.read += 1
        if block.name is None:
            yield tally.quarantine(line, "name: missing", {"time": block.time_text})
            continue
        if _is_owner(batch, member, line, block.name, owner, tally):
            continue
        batch.account(member, line, block.name, connected_at=block.at if list_kind == "friends" else None)
        if block.at is not None and kind:  # see_less: friends, whose one date is not the friendship's
            batch.interaction(member, line, block.name, kind, direction, block.at)
    if not tally.read:
        tally.note("no records found: HTML layout not recognised", None)
    yield tally.member_note(f"{list_kind} list (HTML)")


def _is_owner(batch: Batch, member: str, line: int, name: str, owner: Owner, tally: Tally) -> bool:
    """Whether a page's entry names the owner (``OWN_ENTRY``): then it is the owner's account, counted in the note."""
    if name not in owner:
        return False
    batch.account(member, line, name, is_owner=True)
    tally.note(OWN_ENTRY)
    return True


def read_html_address_book(export: Export, member: str) -> Iterator[Record]:
    """One contact per block: the heading its name, every other line but the time a phone number or address."""
    tally, accounts = Tally(member), []
    for line, (node, block) in enumerate(records_of(soup_of(export, member), undated=True), 1):
        tally.read += 1
        points = [p for p in _lines(node)[1:] if p != block.time_text]
        try:
            accounts += entry_accounts(member, line, {"name": block.name,
                                                      "details": [{"contact_point": p} for p in points]})
        except ValueError as exc:
            yield tally.quarantine(line, str(exc), {"time": block.time_text})
    yield from accounts
    yield tally.member_note("address book (HTML)")


def _lines(node) -> list[str]:
    """The texts of a block, each leaf a line: the heading first."""
    return [s.strip() for s in node.find_all(string=True) if s.strip()]


def read_html_own_posts(export: Export, member: str, owner: Owner, batch: Batch,
                        known: KnownNames) -> Iterator[Record]:
    """The owner's posts: the heading (when the block has one) read as the JSON file's ``title``, the tag line
    as its ``tags``; a post without a time is quarantined, as in JSON."""
    tally = Tally(member)
    for line, (node, block) in enumerate(records_of(soup_of(export, member), undated=True), 1):
        tally.read += 1
        try:
            if block.at is None:
                raise ValueError("time: missing")
            tags = _tags(node, owner)
            add_own_post(batch, member, line, block.at, _heading(node), tags, owner, known, tally)
        except ValueError as exc:
            yield tally.quarantine(line, str(exc), {"time": block.time_text})
    yield tally.member_note(f"{POST_LABELS['own_posts']} (HTML)")


def _heading(node) -> str | None:
    """The block's first element when its text is its own (``<div>… a écrit sur le journal de X.</div>``);
    the post's text sits deeper (``<div><div><div>…``) and is never a title."""
    from bs4 import Tag

    first = next((c for c in node.children if isinstance(c, Tag)), None)
    if first is None or not any(isinstance(c, str) and c.strip() for c in first.children):
        return None
    return first.get_text(" ", strip=True) or None


def _tags(node, owner: Owner) -> list[str]:
    lines = (m for s in node.find_all(string=True) if (m := _TAGGED.match(s.strip())))
    names = [n.strip() for found in lines for n in names_listed(found["names"])]
    return list(dict.fromkeys(n for n in names if n and n not in owner and not is_placeholder(n)))

