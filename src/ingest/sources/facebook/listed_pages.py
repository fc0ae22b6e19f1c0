"""The groups and pages an export lists: names that are never a person's, wherever a title names them.

A timeline the owner wrote on, a post reacted to or commented on may be a page's or a group's, its title no different
from a person's ("<owner> likes Medi1TV's post.", "<owner> wrote on Springfield, OR Pick-Up Football's timeline.").
The export lists the pages the owner liked or follows and the groups they are in: such a name is no person
(posts.py, activity.py), unless the export knows it as a person's (a friend, a thread's participant, a tag).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from ..archive import Export
from .layout import name_key
from .people import BrokenFile, items_of, load_json
from .text import as_list, name_of
from .titles import KnownNames, squeeze

# Files listing the owner's groups and pages, by stem: your_group_membership_activity.json {"groups_joined_v2" (F4
# on), "groups_joined" (F3): [{timestamp, title, data: [{name}]}]} (code index ids 1144427837, 2715068919);
# pages/pages_you've_liked.json {"page_likes_v2": [{name, timestamp}]}, F3's likes_and_reactions/pages.json
# {"page_likes"}; pages/pages_you_follow.json {"pages_followed_v2": [{timestamp, data: [{name}], title}]} (id
# 25176576850 reads it); your_groups.json [U: no file seen]. The comments in groups name their
# group (``data[].comment.group``, activity.py). Each read here for its names alone; the run notes the files as it
# always did.
GROUP_FILES = {"your_group_membership_activity": "name", "your_groups": "name",
               name_key("pages_you've_liked"): "name", "pages": "name", "pages_you_follow": "name",
               "followed_pages": "name", "your_comments_in_groups": "group", "your_posts_and_comments_in_groups": "group"}
GROUP_KEYS = ("groups_joined_v2", "groups_joined", "page_likes_v2", "page_likes", "pages_followed_v2",
              "pages_followed", "group_comments_v2", "group_posts")
# The HTML lists of pages, one record a page, its name the record's first line and its time the last:
# likes_and_reactions/pages.html (abdosami1992.github.io, English HTML of July 2020: 183 pages, 54 of which its
# reaction titles had made into accounts carrying 707 reactions); pages/pages_you've_liked.html and
# pages_you_follow.html, named with "_" for the apostrophe since 2025 (layout.name_key) [U: same records assumed].
PAGE_PAGES = {"pages", name_key("pages_you've_liked"), "pages_you_follow", "followed_pages"}
PAGE_FOLDERS = {"likes_and_reactions", "pages"}
# Where the export lists no groups: a name with a comma, a US state's or a Canadian province's code and more words
# ("Springfield, OR Pick-Up Football", "City, ST Pickup Soccer") is a place's group or page. A code at the end is left
# alone: "Anna Müller, MD" is a person with a degree (MD and PA are also states).
REGION_CODES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
                "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AB BC MB NB NL NS NT NU ON PE QC SK YT").split()
_PLACE_GROUP = re.compile(rf",\s+(?:{'|'.join(REGION_CODES)})\s+\S")


def listed_groups(export: Export) -> set[str]:
    """The names of the groups and pages the export lists (``GROUP_FILES``, ``PAGE_PAGES``) as ``page_key`` writes
    them; a broken file adds none."""
    found: set[str] = set()
    for member in export.members():
        path = PurePosixPath(member)
        stem = name_key(path.stem)
        if path.suffix == ".json" and stem in GROUP_FILES:
            found |= _names_in(export, member, GROUP_FILES[stem])
        elif path.suffix == ".html" and stem in PAGE_PAGES and path.parent.name in PAGE_FOLDERS:
            found |= _html_names(export, member)
    return found


def _names_in(export: Export, member: str, field: str) -> set[str]:
    """``field`` of each record, of its ``data`` entries and of their ``comment``: where the group or page stands."""
    try:
        items, _ = items_of(load_json(export, member), GROUP_KEYS)
    except BrokenFile:
        return set()
    places = [item for item in items if isinstance(item, dict)]
    places += [d for item in places for d in as_list(item.get("data")) if isinstance(d, dict)]
    places += [d["comment"] for d in places if isinstance(d.get("comment"), dict)]
    return {page_key(name) for place in places for name in [name_of(place.get(field))] if name}


def _html_names(export: Export, member: str) -> set[str]:
    from .html import blocks_of, main_part, soup_of  # bs4 only when an HTML list is there

    return {page_key(block.name) for block in blocks_of(main_part(soup_of(export, member)), undated=True)
            if block.name}


def page_key(name: str) -> str:
    """A page's name as listed and as titles write it, compared without invisible marks: the HTML titles of 2020
    wrap a name in left-to-right marks, "… likes \u200e<Page>\u200e's post." (abdosami1992.github.io
    posts_and_comments.html: 14 of its liked pages, most with Arabic names), where pages.html has none."""
    return squeeze("".join(c for c in name if unicodedata.category(c) != "Cf"))


def not_a_person(name: str, known: KnownNames) -> bool:
    """A group or a page: a name the export lists as one, or a place's group by its form (``_PLACE_GROUP``). A name
    the export knows as a person's (a friend, a follower, a thread's participant, a tag) never is."""
    if name in known:
        return False
    return page_key(name) in known.not_people or bool(_PLACE_GROUP.search(name))
