"""Files of an F3 export flattened into one folder, out of Facebook's folders: barlowlm/FYPFLASK ``data/``
(2019, English) holds friends.json, received_/sent_/rejected_friend_requests.json, comments.json,
posts_and_comments.json, other_people's_posts_to_your_timeline.json, your_posts_1.json … side by side (817 of
its 869 records were left out). Such a file is known by its name together with its top-level key, as a name
alone (friends.json, comments.json) is too common to say that a file is Facebook's.

The same files turn up alone, one published by itself (Kunleiky/ANALYSIS-OF-MY-FACEBOOK-DATA your_posts_1.json,
jszoke1/DataEMAT24 your_friends.json among notebooks). Such a file is the whole evidence that the export is
Facebook's, so its first record must have Facebook's shape as well (``lone_kind``).

Lucasfdz/Destripado-Facebook holds the reactions of an F4/F5 export flattened the same way, its numbered parts
likes_and_reactions_1.json … _3.json (a plain list of ``{timestamp, data: [{reaction: {reaction, actor}}], title}``,
the other person in the title) beside your_posts_1.json: 7,331 reactions left out, and with them the only file
naming the owner (``actor``), so the 4,291 posts were refused as "the owner is unknown".

The follow lists of connections/followers/ (2024-2026) are published alone the same way, under their own names
and keys: nktuyen/FacebookFollowersComparison people_who_followed_you.json ``{"followers_v3": [{name}]}`` and
who_you've_followed.json ``{"following_v3": [{name, timestamp}]}`` (2026, 4,178 and 4,881 entries: 9,059 people
left out); gedert014/ClassDemos who_you've_followed.json (2026) beside Instagram's following.json. So are F6 posts:
daveontour/MuseumOfDave your_posts__check_ins__photos_and_videos_1.json (2025), alone.
"""

from __future__ import annotations

import re

from .layout import LIST_FILES
from .people import LISTS

# file name (apostrophes written as "_", layout.name_key) → (kind, the top-level keys it may have; "[" a plain list)
FLAT = {
    "friends": ("list", ("friends", "friends_v2")),
    # connections/friends/your_friends.json (2022 on) handed over alone
    "your_friends": ("list", ("friends", "friends_v2")),
    "received_friend_requests": ("list", ("received_requests", "received_requests_v2")),
    "sent_friend_requests": ("list", ("sent_requests", "sent_requests_v2")),
    "rejected_friend_requests": ("list", ("rejected_requests", "rejected_requests_v2")),
    "comments": ("comments", ("comments", "comments_v2")),
    "posts_and_comments": ("reactions", ("reactions", "reactions_v2")),
    "other_people_s_posts_to_your_timeline": ("wall_posts", ("wall_posts_sent_to_you",)),
    "your_posts": ("own_posts", ("[", "status_updates")),
    "your_posts_and_comments_in_groups": ("group_posts", ("group_posts", "group_posts_v2")),
    "your_posts_in_groups": ("group_posts", ("group_posts_v2", "group_posts")),
    "group_posts_and_comments": ("group_posts", ("group_posts_v2", "group_posts")),
    # likes_and_reactions_1.json, _2.json … (F4-F6: titled reactions, a plain list). Never the unnumbered
    # likes_and_reactions.json, whose records are label_values (layout.py: "reaction_labels").
    "likes_and_reactions_n": ("reactions", ("[", "reactions_v2")),
}
# The follow lists under every name layout.LIST_FILES reads them by (followers.json of F3; people_who_followed_you.json
# and who_you've_followed.json of 2022 on; people_who_follow_you/who_you_follow of 2021, seen as HTML only [U]), with
# the keys of every generation, _v3 since 2024 (people.LISTS): read as in connections/followers/
FLAT |= {stem: ("list", LISTS[kind][0]) for stem, kind in LIST_FILES.items() if kind in ("followers", "following")}
# Numbered parts, looked up under their first's name: your_posts_1.json, your_posts_2.json …;
# likes_and_reactions_1.json … under "likes_and_reactions_n"; F6's your_posts__check_ins__photos_and_videos_1.json,
# the same plain list of posts (layout.OWN_POSTS), under "your_posts"
_PART = re.compile(r"^(?P<stem>your_posts(?:__check_ins__photos_and_videos)?|likes_and_reactions)_\d+$")
_PART_NAMES = {"likes_and_reactions": "likes_and_reactions_n", "your_posts__check_ins__photos_and_videos": "your_posts"}
_FIRST = re.compile(rb'^(?:\xef\xbb\xbf)?\s*(?:(?P<list>\[)|\{\s*"(?P<key>[^"]*)")')
# The first record as Facebook writes it, keys in a fixed order: a person of a list opens with "name" (then
# "timestamp"), a post with "timestamp": <seconds>. Only the kinds seen alone are known alone; the other files
# of the table are read beside these (a comments.json alone is too likely someone else's).
_RECORD = {"list": rb'\{\s*"name"\s*:', "own_posts": rb'\{\s*"timestamp"\s*:\s*\d'}
_TO_RECORD = rb'(?:\xef\xbb\xbf)?\s*(?:\[|\{\s*"[^"]*"\s*:\s*\[?)\s*'  # past "[" or '{"friends_v2": ['


def flat_name(stem: str) -> str:
    """The name a file is looked up by in ``FLAT``: a numbered part as its first."""
    part = _PART.match(stem)
    return _PART_NAMES.get(part["stem"], part["stem"]) if part else stem


def flat_kind(stem: str, head: bytes) -> str | None:
    """The kind of a file outside Facebook's folders, by its name (``stem``, name_key'd) and its first bytes."""
    known = FLAT.get(flat_name(stem))
    if known is None:
        return None
    first = _FIRST.match(head)
    key = first and ("[" if first["list"] else first["key"].decode(errors="replace"))
    return known[0] if key in known[1] else None


def lone_kind(stem: str, head: bytes) -> str | None:
    """The kind of a file of ``FLAT`` found alone: its name, its top-level key and its first record's shape."""
    kind = flat_kind(stem, head)
    return kind if kind in _RECORD and re.match(_TO_RECORD + _RECORD[kind], head) else None
