"""The owner's timeline (formats.md §1.6): posts other people wrote on it, and the owner's own posts with
the people tagged in them and the timelines they were written on.

As in a reaction, the other person of a post stands only in its ``title``, in the account's language
("Lena Vogel wrote on your timeline.", "Marta Lindqvist wrote on Aylin Demir's timeline."), read by the
names the export knows, a language table the fallback (titles.py). A post another person wrote on the
owner's timeline is a ``comment`` in, one the owner wrote on another's a ``comment`` out: written to the
other, in public, as a comment is. A tag is a ``mention`` out: the owner named the person in the owner's
post ("with Lena Vogel"), which says neither that they met nor that the other did anything.

Since 2025 two ``label_values`` files (labels.py) name the other person outright:
``posts_on_other_pages_and_profiles.json`` (``Message``, ``Target``, ``Media``; a code index reader, id
63289421518), the owner's posts on another's timeline, each a ``comment`` out to the target as above; and
``photos_and_videos_you're_tagged_in.json`` (a URL and a name; [INV] nikbpetrov/timelinize
docs/fork/facebook-inventory.md, 74 records), a ``mention`` in from the person named, read as the one who
tagged the owner [U: the labels and whose name it is are not verified].

A timeline the owner wrote on may be a group's or a page's, its title no different from a person's: "<owner> wrote
on Springfield, OR Pick-Up Football's timeline." (HunterHillis/FBPostingHabitsAnalysis your_posts_1.json, 2012-2020:
3 of its 6 "wrote on" titles name a local pick-up soccer group). Such a post names no person and is the owner's own
(``not_a_person``), as a post in a group is (activity.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime

from ..archive import Export
from ...models import Record
from .labels import NAME_LABELS, blocks, entries, labelled, person_of, texts
from .listed_pages import not_a_person
from .people import BrokenFile, Handler, items_of, load_json, read_file
from .rows import Batch, Owner, Tally
from .text import as_list, at_seconds, is_placeholder, name_of
from .titles import KnownNames, UnknownLanguage, table_target, title_actor, title_author, title_target

# other_people's_posts_to_your_timeline.json: {"wall_posts_sent_to_you": {"activity_log_data": […]}} in
# 2019 (code index id 48865756015), {"wall_posts_sent_to_you": […]} in 2018 (id 13561156449). The owner's
# posts: a plain list (F3-F6), under "status_updates" in 2018's your_posts.json (id 13561156449).
KEYS = {"wall_posts": ("wall_posts_sent_to_you",), "own_posts": ("status_updates",)}
LABELS = {"wall_posts": "posts others wrote on your timeline", "own_posts": "your posts",
          "posts_on_others": "your posts on other profiles and pages",
          "tagged_in": "photos and videos you are tagged in"}
TARGET_LABELS = {"target"}  # English; elsewhere the nested block, or a value naming a person the export knows
UNREAD_TITLE = "titles naming nobody the export knows, in a form not recognised (read as your own posts)"
DELETED = "deleted or deactivated accounts named (left out)"
NOT_A_PERSON = "posts on a group's or page's timeline, no person (read as your own posts)"


def read_posts(export: Export, member: str, kind: str, owner: Owner, batch: Batch,
               known: KnownNames) -> Iterator[Record]:
    """One timeline file; ``known``: the people the export names elsewhere, by whom titles are read in
    any language. The people tagged in the owner's posts join them."""
    tally = Tally(member)
    make = HANDLERS[kind]
    if member in owner.from_titles:
        tally.note(OWNER_NOTE, None)
    yield from read_file(export, member, LABELS[kind], KEYS.get(kind, ()), make(member, owner, batch, known, tally),
                         tally)


# The owner from the owner's own posts, when nothing else names them: kis81/dataday3 your_posts_1.json (2008-2023, given
# with event_invitations.json alone, no profile, no threads) opens 1,079 of its 1,080 titles with the owner's name
# ("<owner> shared a link.", "<owner> updated her status.", "<owner> wrote on <person>'s timeline."); 1,136 of its
# 1,313 posts were refused "the owner is unknown". Every title of this file is the owner's, so the name nearly all
# of them open with is the owner's: decided once per file, by at least OWNER_TITLES titles whose actor is read
# (a verb of the language table after it), at least OWNER_SHARE of them naming the same one; otherwise no guess.
OWNER_TITLES = 3
OWNER_SHARE = 0.9
OWNER_NOTE = "the owner taken from the titles of this file (no profile, no threads name them)"


def owner_from_titles(export: Export, members: Iterable[str]) -> str | None:
    """The name the titles of the owner's posts files open with; None when a file names none clearly or two
    files name different ones."""
    found = {name for member in members if (name := _title_owner(export, member))}
    return found.pop() if len(found) == 1 else None


def _title_owner(export: Export, member: str) -> str | None:
    try:
        items, _ = items_of(load_json(export, member), KEYS["own_posts"])
    except BrokenFile:
        return None
    titles = [title for item in items if isinstance(item, dict) and (title := name_of(item.get("title")))]
    actors = Counter(actor for title in titles if (actor := title_actor(title)))
    read = sum(actors.values())
    if read < OWNER_TITLES:
        return None
    name, count = actors.most_common(1)[0]
    return name if count >= OWNER_SHARE * read and not is_placeholder(name) else None


def _wall_handler(member: str, owner: Owner, batch: Batch, known: KnownNames, tally: Tally) -> Handler:
    def handle(line: int, item: dict) -> None:
        at, title = _time(item), name_of(item.get("title"))
        if title is None:
            raise ValueError("title: missing")
        add_wall_post(batch, member, line, title, at, owner, known)
    return handle


def add_wall_post(batch: Batch, member: str, line: int, title: str, at: datetime, owner: Owner,
                  known: KnownNames) -> None:
    """A post someone wrote on the owner's timeline, its author read from the title ("Lena Vogel wrote on your
    timeline."): the JSON file's ``title``, or an HTML page's heading line."""
    try:
        author = title_author(title, owner.ref, known)
    except UnknownLanguage as exc:
        raise ValueError(str(exc)) from None
    if author and is_placeholder(author):  # "Facebook User": every deleted account, not one person
        raise ValueError("title: a deleted or deactivated account, not one person")
    _add(batch, member, line, at, owner, [(author, "comment")] if author else [], "in")


def _own_handler(member: str, owner: Owner, batch: Batch, known: KnownNames, tally: Tally) -> Handler:
    def handle(line: int, item: dict) -> None:
        at, tags = _time(item), _tags(item, owner, tally)
        add_own_post(batch, member, line, at, name_of(item.get("title")), tags, owner, known, tally)
    return handle


def add_own_post(batch: Batch, member: str, line: int, at: datetime, title: str | None, tags: list[str],
                 owner: Owner, known: KnownNames, tally: Tally) -> None:
    """One of the owner's posts: a ``comment`` out to the one on whose timeline it was written (read from the
    title), a ``mention`` out to each person tagged; the JSON file's record, or an HTML page's block."""
    for tag in tags:
        known.add(tag)
    # "… is with Omar Haddad." names a tagged person: a tag, not a timeline
    target = _timeline(title, owner, known, tally)
    people = [(target, "comment")] if target and target not in tags else []
    _add(batch, member, line, at, owner, people + [(tag, "mention") for tag in tags], "out")


def _labelled_handler(labels: set[str], lone_text: bool, kind: str, direction: str, unnamed: str):
    """The handler of a ``label_values`` file naming one person a record is with (``_named``): the target of the
    owner's post on another's profile (a comment out), the one who tagged the owner (a mention in). A record
    naming nobody is the owner's own, counted in the file's note as ``unnamed`` (``UNNAMED``)."""
    def make(member: str, owner: Owner, batch: Batch, known: KnownNames, tally: Tally) -> Handler:
        def handle(line: int, item: dict) -> None:
            at, person = _time(item), _named(item, labels, known, lone_text=lone_text)
            if not entries(item):
                raise ValueError("label_values: missing")
            note = unnamed if person is None else NOT_A_PERSON if not_a_person(person, known) else None
            # posts_on_other_pages_and_profiles.json: a page's timeline is no person either
            _person_or_owner(batch, member, line, at, owner, None if note else person, kind, direction)
            if note:
                tally.note(note)
        return handle
    return make


def _named(item: dict, labels: set[str], known: KnownNames, lone_text: bool) -> str | None:
    """The person of a ``label_values`` record: the value of one of ``labels``, else the first nested
    block's name, else (``lone_text``: a record of a link and a name) its one text that is not a link,
    else a text naming a person the export knows. A post's ``Message`` is text too: never ``lone_text``."""
    values = entries(item)
    nested = [name for _, inner in blocks(item) for name in [person_of(inner)[0]] if name]
    plain = texts(values)
    return (labelled(values, labels) or next(iter(nested), None) or (plain[0] if lone_text and len(plain) == 1
            else None) or next((t for t in plain if t in known), None))


def _person_or_owner(batch: Batch, member: str, line: int, at: datetime, owner: Owner, person: str | None,
                     kind: str, direction: str) -> None:
    """``person`` None: a group or a page, the owner's own record."""
    if person and is_placeholder(person):  # "Facebook User": every deleted account, not one person
        raise ValueError("label_values: a deleted or deactivated account, not one person")
    _add(batch, member, line, at, owner, [] if person is None or person in owner else [(person, kind)], direction)


def _time(item: dict) -> datetime:
    at = at_seconds(item.get("timestamp"), "timestamp")
    if at is None:
        raise ValueError("timestamp: missing")
    return at


def _tags(item: dict, owner: Owner, tally: Tally) -> list[str]:
    """The people tagged in a post, ``[{"name": …}]`` (timelinize/timelinize datasources/facebook/models.go,
    yourPosts.Tags), without the owner."""
    names = [_tag_name(tag) for tag in as_list(item.get("tags")) if not _is_blank(tag)]
    if None in names:
        raise ValueError("tags.name: missing")
    deleted = sum(map(is_placeholder, names))
    if deleted:
        tally.note(DELETED, deleted)
    return list(dict.fromkeys(n for n in names if n not in owner and not is_placeholder(n)))


def _tag_name(tag) -> str | None:
    """A tag's name: ``{"name": …}``, or the name as a plain string, as posts/your_posts_1.json writes it in
    exports of 2014-2021 (AngadLC/facebookpostanlaysis: 120 records; barlowlm/FYPFLASK flaskd3/main/data;
    Kunleiky, 2020): ``"tags": ["Lena Vogel", "Tomás Novak"]``."""
    return name_of(tag.get("name") if isinstance(tag, dict) else tag)


def _is_blank(tag) -> bool:
    """An empty string in a list of plain-string tags: a tag of nobody, left out."""
    return isinstance(tag, str) and not tag.strip()


def _timeline(title: str | None, owner: Owner, known: KnownNames, tally: Tally) -> str | None:
    """The person on whose timeline the owner wrote ("… wrote on Aylin Demir's timeline."), None for a
    post of the owner's own. A title naming nobody known, in a form not recognised, is read as the owner's
    own post, which most posts are ("… was at Slottsskogen."); the file's note counts them."""
    if title is None:
        return None
    if _on_group_timeline(title, owner, known):
        tally.note(NOT_A_PERSON)
        return None
    try:
        target = title_target(title, owner.ref, known)
    except UnknownLanguage:
        tally.note(UNREAD_TITLE)
        return None
    if target and is_placeholder(target):
        tally.note(DELETED)
        return None
    return None if target is None or target in owner else target


def _on_group_timeline(title: str, owner: Owner, known: KnownNames) -> bool:
    """Whether the timeline a title names by its sentence is a group's or a page's. Asked before the names the
    export knows are looked for in it: a group "Dorota Wilk Fan Club" holds a friend's name."""
    try:
        phrase = table_target(title, owner.ref)
    except UnknownLanguage:
        return False
    return phrase is not None and not_a_person(phrase, known)


def _add(batch: Batch, member: str, line: int, at: datetime, owner: Owner, people: list[tuple[str, str]],
         direction: str) -> None:
    """An interaction and an account for each (person, kind); a post naming nobody else is the owner's record."""
    if not people:
        if owner.ref is None:
            raise ValueError("post: names no other person and the owner is unknown")
        batch.account(member, line, owner.ref, is_owner=True)
    for person, kind in people:
        batch.interaction(member, line, person, kind, direction, at)
        batch.account(member, line, person)


# Records of these files that name nobody. posts_on_other_pages_and_profiles: a 2025 export of a Chinese-language
# account (VoidPharah41/fb_old, the HTML twin, fb_01 and fb_02: 12 records) writes no Target on any record, only
# 訊息 (Message), 上次修改時間 (last modified), 偵測到的方言 (detected dialect), 建立時使用的應用程式 (the app used),
# media: birthday wishes on friends' timelines, whose timeline the export leaves out [C]. photos_and_videos_you're_
# tagged_in: a record of the photo's link alone, without the Name a tool downloading these photos reads "if present"
# (code index id 34447541502) [U: no such record seen]. Neither holds a person: nothing to download again.
UNNAMED = {"posts_on_others": "posts on others' profiles that name nobody, the export leaves out whose (read as your "
                              "own posts)",
           "tagged_in": "photos and videos you are tagged in that name nobody, a link only (read as your own)"}
HANDLERS = {"wall_posts": _wall_handler, "own_posts": _own_handler,
            "posts_on_others": _labelled_handler(TARGET_LABELS, False, "comment", "out", UNNAMED["posts_on_others"]),
            "tagged_in": _labelled_handler(NAME_LABELS, True, "mention", "in", UNNAMED["tagged_in"])}
