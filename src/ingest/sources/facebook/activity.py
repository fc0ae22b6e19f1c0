"""The owner's reactions and comments on other people's posts (formats.md §1.6).

The counterpart is only in the localised ``title`` ("Lena Vogel reacted to Omar Haddad's post.",
"Lukas har reageret på Mette Hansens opslag."), found by the names the export knows (titles.py);
F5/F6 add a "label_values" file that names the post author directly, since 2025 in a nested "Author" block.
``actor``/``author`` is always the owner. A title naming no other person ("… likes a photo.") is the owner's
own record. Comments in groups (``your_comments_in_groups.json``, 2021 on) are comments, titled as the
others; reactions to stories (``stories/story_reactions.json``, 2025: "Marta Lindqvist loved Jonas Weber's
story.") are reactions, with no actor in ``data`` ([INV] nikbpetrov/timelinize docs/fork/facebook-inventory.md).
Before them (F3, 2019) ``groups/your_posts_and_comments_in_groups.json`` held the comments in groups, titled as
the others, beside the owner's own posts in groups and the group admin's entries, which name nobody. Its HTML
page (2021) is read the same way through html_titles.py, the actor being the name its titles open with. The same
records, the list under ``group_posts_v2``, are ``groups/your_posts_in_groups.json`` in 2021-22 (d3i-infra's data
donation scripts, code index ids 54598763702, 13959949101) and ``your_facebook_activity/groups/
group_posts_and_comments.json`` in 2023-26 (486 records in a 2025 export, nikbpetrov/timelinize
``docs/fork/facebook-inventory.md``): under those names the file was taken for the owner's own activity, "nothing to
do", and every comment on another's post in a group lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from ..archive import Export
from ...models import Record
from .labels import NAME_LABELS, URL_LABELS, blocks, entries, labelled, person_of
from .listed_pages import not_a_person
from .people import Handler, read_file
from .rows import Batch, Owner, Tally
from .text import as_list, at_seconds, name_of, without_bidi_marks
from .titles import KnownNames, UnknownLanguage, title_target

KEYS = {"reactions": ("reactions_v2", "reactions"), "comments": ("comments_v2", "comments"), "reaction_labels": (),
        "group_comments": ("group_comments_v2",), "story_reactions": ("stories_feedback_v2",),
        "group_posts": ("group_posts", "group_posts_v2")}
LABELS = {"reactions": "reactions given", "comments": "comments written", "reaction_labels": "reactions given",
          "group_comments": "comments written in groups", "story_reactions": "reactions to stories",
          "group_posts": "posts and comments in groups"}
INNER = {"reactions": ("reaction", "actor"), "comments": ("comment", "author"), "group_comments": ("comment", "author"),
         "group_posts": ("comment", "author")}
INTERACTION = {"reactions": "reaction", "story_reactions": "reaction", "comments": "comment",
               "group_comments": "comment", "group_posts": "comment"}
TITLED = tuple(INTERACTION)  # the kinds read by their titles
# The title of the nested block naming the post's author (2025): English, Vietnamese [U: as a colleague saw
# it]; "Owner", the owner of the photo or post reacted to (likes_and_reactions.json of 2025 in
# Phyoe-ptt/nobel_mount: 57 of its 147 records, beside "Name" labels and "Group" + "Author" blocks). Elsewhere
# the author is the block naming a person the export knows, or the last of several blocks (it follows "Group").
# Traditional Chinese 作者 (author, after a 社團 group block) and 擁有者 (owner), VoidPharah41/fb_old
# likes_and_reactions.html (2025) [C].
AUTHOR_TITLES = {"author", "tác giả", "owner", "作者", "擁有者"}
# A reaction that names nobody: the reaction and at most a link, no "Name" label and no titled block of the post's
# author or owner (a 2025 creator export, fixture f6-2025-creator: a photo whose owner the export leaves unnamed; the
# reaction alone, f6-2025). No download names the person again; advice.sql's "all missing" says "nothing to do".
NAMES_NOBODY = "label_values: Name and author all missing (a reaction and a link only), nothing to recover"
# "https://www.facebook.com/<vanity>/posts/<id>" names the author's profile [R]; other URL shapes
# (permalink.php?…, groups/<id>/posts/…, photo.php?…) do not.
_POST_URL = re.compile(r"^(https?://(?:www\.|m\.)?facebook\.com/[\w.\-]+)/posts/")
# groups/your_posts_and_comments_in_groups.json (F3, 2019, English: barlowlm/FYPFLASK data/): {"group_posts":
# {"activity_log_data": [{timestamp, data, title}]}}. Beside the comments ("… commented on Lena Vogel's post.",
# "… replied to Omar Haddad's comment.", data [{comment: {timestamp, comment, author, group}}]), each written
# twice there (loaded once), stand the owner's own posts ("… posted in Vandring Norr.", data [{post},
# {update_timestamp}]) and the admin's entries ("… updated the description of the group Vandring Norr.", "…
# updated the group cover photo in …", "… created the group …"): they name a group, no person.
OWN_IN_GROUP = re.compile(r"\b(?:posted in|created the group|(?:updated|changed) the (?:[\w ]+? of the group|group "
                          r"[\w ]+? in)) ")
# groups/your_posts_and_comments_in_groups.html (2021, English: Mdfee/faria.github.io, 468 records) has no author
# field: the owner is the name the title opens with ("… replied to her own comment."), who is unknown in an
# export without profile and threads. The group stands in the record's body ("Group: <name>"), in no title but
# "posted in <group>."; each record is written twice there too, as adjacent blocks. Other languages [U: no page
# seen]: no actor, the owner's record needs the owner known from elsewhere.
_GROUP_ACTOR = re.compile(r"^(?P<actor>.+?) (?:commented on|replied to|posted in) ")
# A post or photo of a page or group the export lists (listed_pages.py) is no person's: "<owner> likes <Page>'s
# post." made the page an account (abdosami1992.github.io likes_and_reactions/posts_and_comments.html, English HTML
# of 2020: 54 of the 183 pages of its pages.html carried 707 reactions, 16 carried 94 comments). Read as the owner's
# own record and counted in the file's note: nothing was refused.
PAGE_NOTES = {"reaction": "reactions to pages or groups the export lists, no person (read as your own)",
              "comment": "comments on posts of pages or groups the export lists, no person (read as your own)"}


class Seen:
    """Reactions already loaded, by (time, target): the title-style and label-style files of F5/F6
    overlap; a repeat loads its account only."""

    def __init__(self) -> None:
        self.keys: set[tuple] = set()

    def first(self, key: tuple) -> bool:
        if key in self.keys:
            return False
        self.keys.add(key)
        return True


def read_activity(export: Export, member: str, kind: str, owner: Owner, seen: Seen, batch: Batch,
                  known: KnownNames | None = None) -> Iterator[Record]:
    """One reactions, comments or label-style reactions file; ``known``: the people the export names
    elsewhere, by whom titles are read in any language."""
    tally = Tally(member)
    if kind == "reaction_labels":
        handle = labels_handler(member, owner, seen, batch, known, tally)
    else:
        known = known if known is not None else KnownNames(owner=owner.names)
        handle = _titles_handler(member, kind, owner, seen, batch, known, tally)
    yield from read_file(export, member, LABELS[kind], KEYS[kind], handle, tally)


def actors_in(items: list, kind: str) -> set[str]:
    """Names of the actors/authors of a reactions or comments file: the owner's (for owner inference)."""
    inner, field = INNER.get(kind, ("", ""))
    return {n for item in items if isinstance(item, dict) for n in [_actor(item, inner, field)] if n}


def _actor(item: dict, inner: str, field: str) -> str | None:
    for data in as_list(item.get("data")):
        if isinstance(data, dict) and isinstance(data.get(inner), dict):
            name = name_of(data[inner].get(field))
            if name:
                return name
    return None


def _titles_handler(member: str, kind: str, owner: Owner, seen: Seen, batch: Batch, known: KnownNames,
                    tally: Tally) -> Handler:
    inner, field = INNER.get(kind, ("", ""))
    seen = Seen() if kind == "group_posts" else seen  # the repeats of one file, not the reactions'

    def handle(line: int, item: dict) -> None:
        at = at_seconds(item.get("timestamp"), "timestamp")
        title, actor = name_of(item.get("title")), _actor(item, inner, field)
        if at is None or title is None:
            raise ValueError("timestamp: missing" if at is None else "title: missing")
        if kind == "group_posts":
            add_group_post(batch, member, line, title, at, owner, seen, known, actor, _groups(item), tally)
        else:
            add_titled(batch, member, line, title, at, kind, owner, seen, known, actor, tally)
    return handle


def _groups(item: dict) -> list[str]:
    """The names of the groups commented in (``data[].comment.group``)."""
    comments = [data.get("comment") for data in as_list(item.get("data")) if isinstance(data, dict)]
    return [group for comment in comments if isinstance(comment, dict) for group in [name_of(comment.get("group"))]
            if group]


def add_group_post(batch: Batch, member: str, line: int, title: str, at, owner: Owner, seen: Seen, known: KnownNames,
                   actor: str | None, groups: Iterable[str] = (), tally: Tally | None = None) -> None:
    """One record of the posts and comments in groups, JSON or HTML: the owner's post or admin entry names
    nobody; a comment is read by its title without the groups' names, as a group named after a person the
    export knows ("Jonas Weber Fanclub") must not make them the one commented to."""
    if OWN_IN_GROUP.search(title):
        _add(batch, member, line, None, at, "comment", owner, actor, None)
        return
    for group in groups:
        title = title.replace(group, " ")
    add_titled(batch, member, line, title, at, "group_posts", owner, seen, known, actor, tally)


def html_group_posts(member: str, owner: Owner, batch: Batch, known: KnownNames,
                     tally: Tally | None = None) -> Callable[[int, str, datetime], None]:
    """The handler of the HTML page of posts and comments in groups (html_titles.py): one ``Seen`` for the
    page's repeats, as for the JSON file's; the actor the name its title opens with."""
    seen = Seen()

    def handle(line: int, title: str, at: datetime) -> None:
        opening = _GROUP_ACTOR.match(title)
        add_group_post(batch, member, line, title, at, owner, seen, known, opening and opening["actor"], (), tally)
    return handle


def add_titled(batch: Batch, member: str, line: int, title: str, at, kind: str, owner: Owner, seen: Seen,
               known: KnownNames, actor: str | None = None, tally: Tally | None = None) -> None:
    """One reaction or comment read by its title (the JSON file's ``title``, an HTML page's heading line); one to a
    page or group the export lists is the owner's own (``PAGE_NOTES``). Read without the direction marks some
    titles wrap names in (``text.BIDI_MARKS``)."""
    try:
        target = title_target(without_bidi_marks(title), actor or owner.ref, known)
    except UnknownLanguage as exc:
        raise ValueError(str(exc)) from None
    target = _person(target, INTERACTION[kind], known, tally)
    _add(batch, member, line, target, at, INTERACTION[kind], owner, actor,
         seen if kind in ("reactions", "group_posts") else None)


def _person(target: str | None, kind: str, known: KnownNames | None, tally: Tally | None) -> str | None:
    """The target, None when it is a page or group the export lists (counted in the file's note)."""
    if target is None or known is None or not not_a_person(target, known):
        return target
    if tally is not None:
        tally.note(PAGE_NOTES[kind])
    return None


def labels_handler(member: str, owner: Owner, seen: Seen, batch: Batch, known: KnownNames | None = None,
                   tally: Tally | None = None) -> Handler:
    """The handler of a label-style reactions record (likes_and_reactions.json, or its HTML page rebuilt as one:
    html_labels.py): a ``reaction`` out to the post's author, none to a page or group the export lists."""
    def handle(line: int, item: dict) -> None:
        at = at_seconds(item.get("timestamp"), "timestamp")
        if at is None:
            raise ValueError("timestamp: missing")
        target, profile_url = _post_author(item, batch.names)
        if target not in batch.names:  # a person the rest of the export names is never a page
            target = _person(target, "reaction", known, tally)
        if profile_url is None:
            url = labelled(entries(item), URL_LABELS)
            profile = _POST_URL.match(url) if url else None
            profile_url = profile and profile.group(1)
        _add(batch, member, line, target, at, "reaction", owner, None, seen, profile_url)
    return handle


def _post_author(item: dict, known: set[str]) -> tuple[str, str | None]:
    """(author, their Facebook link) of the post reacted to: a "Name" label (2021-24), else the nested
    block that is the author's (2025: ``{title: "Author", dict: [{dict: [{label: "Name", value}]}]}``)."""
    name = labelled(entries(item), NAME_LABELS)
    if name:
        return name, None
    titled = blocks(item)
    if not titled:
        raise ValueError(NAMES_NOBODY)
    people = [(title, *person_of(inner)) for title, inner in titled]
    people = [p for p in people if p[1]]
    if not people:
        raise ValueError("label_values.Name: missing")
    for wanted in (lambda p: p[0] in AUTHOR_TITLES, lambda p: p[1] in known):
        found = next(filter(wanted, people), None)
        if found:
            return found[1], found[2]
    if len(people) < 2:  # one block in a language not known: a group's, or the author's, cannot be told
        raise ValueError("label_values: no block is the post's Author; language not recognised")
    return people[-1][1], people[-1][2]


def _add(batch: Batch, member: str, line: int, target: str | None, at, kind: str, owner: Owner,
         actor: str | None, seen: Seen | None, profile_url: str | None = None) -> None:
    if target is None or target in owner or target == actor:
        me = actor or owner.ref
        if me is None:
            raise ValueError("title: names no other person and the owner is unknown")
        batch.account(member, line, me, is_owner=True)
        return
    if seen is None or seen.first((at, target)):
        batch.interaction(member, line, target, kind, "out", at)
    batch.account(member, line, target, profile_url=profile_url)
