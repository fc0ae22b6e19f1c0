"""The conversation index of Messenger's HTML download, ``messages/your_messages.html`` (2020-2023): one block per
conversation, its title and a link to ``messages/{inbox,archived_threads,filtered_threads,message_requests}/
<thread>/message_1.html``; no date, no participant. Read for what it says of the export: how many of the
conversations it lists have no file in it.

People publish the index without the thread files it links to, and the conversations vanished without a word:
the ``uiBoxWhite`` layout in wadear/Wadear (English 2021: 101 listed, none present) and YungNewton/Matt-s (English
2020, re-indented: 3,936 listed, none present); the ``_a6-g`` one in mousetung/chat-di-Facebook-di-Jean (Italian 2022:
28 listed, 8 present) and creamlan/messenger (Vietnamese 2023: 21 listed, 2 present, ``archived_threads/`` at the top
of the folder published). The titles are not made accounts: a title names a group or a page as often as a person,
and a thread's own file, when it is there, names its people.

The download of 2017 - spring 2018 had an index of its own, ``html/messages.htm``: one
``<p><a href="messages/<n>.html">`` (or ``<div class="thread"><a href="../messages/<n>.html">``) per conversation and no
message in it, the conversations in ``messages/<n>.html``. ashloren/FB-Timeline (2017) publishes it with 888 links
and no ``messages/`` folder; ashloren/fb-backup the same page at the top of its folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..archive import Export
from .layout import INDEX_NOTE, INDEX_STEM, INSTAGRAM_PAGE, PAGE_HEAD, name_key, split

# A conversation's link, from the export's top ("messages/inbox/…") or from within messages/ in some years; the
# thread is its folder's name (<slug>_<id>), unique in an export.
_LINK = re.compile(rb'href="[^"]*?\b(?:inbox|archived_threads|filtered_threads|message_requests)/'
                   rb'(?P<thread>[^/"]+)/message_\d+\.html?"')
# The 2017 index's link (``<base href="../" />`` makes it relative to the export's top) and the file it names
_OLD_LINK = re.compile(rb'href="(?:\.\./)?messages/(?P<n>\d+)\.html?"')
_OLD_FILE = re.compile(r"(?:^|/)messages/(?P<n>\d+)\.html?$")
# A message of the F0 page that holds its conversations whole (html/messages.htm until 2016)
_OLD_MESSAGE = b'class="message"'
# A thread's file wherever the folder was put (creamlan/messenger has archived_threads/ at its top), JSON or HTML
_THREAD_FILE = re.compile(r"(?:^|/)(?P<thread>[^/]+)/message(?:_\d+)?\.(?:json|html?)$")


def is_index(member: str) -> bool:
    """The index by its name: your_messages.html."""
    _, stem, suffix, _ = split(member)
    return name_key(stem) == INDEX_STEM and suffix in (".html", ".htm")


def is_lone_index(export: Export, member: str) -> bool:
    """The index published alone or with none of its threads (wadear/Wadear): known by a conversation's link in its
    first bytes; an Instagram page (its logo) is not Facebook's."""
    if not is_index(member):
        return False
    head = export.head(member, PAGE_HEAD)
    return bool(_LINK.search(head)) and not INSTAGRAM_PAGE.search(head)


def is_old_index(export: Export, member: str) -> bool:
    """An old ``messages.htm`` that is only the index of ``messages/<n>.html``: links to them, no message."""
    head = export.head(member, PAGE_HEAD)
    return bool(_OLD_LINK.search(head)) and _OLD_MESSAGE not in head


def thread_folders(members: Iterable[str]) -> set[str]:
    """The folders of the export that hold a thread's file, and the old conversation files as ``messages/<n>``."""
    folders = {found["thread"] for m in members if (found := _THREAD_FILE.search(m))}
    return folders | {f"messages/{found['n']}" for m in members if (found := _OLD_FILE.search(m))}


def listed_threads(export: Export, member: str) -> set[str]:
    """The thread folders the index links to, or the old conversation files (``messages/<n>``)."""
    with export.open(member) as stream:
        data = stream.read()
    listed = {found["thread"].decode("utf-8", errors="replace") for found in _LINK.finditer(data)}
    return listed | {f"messages/{found['n'].decode()}" for found in _OLD_LINK.finditer(data)}


def index_note(export: Export, member: str, present: set[str],
               whole: tuple[str, str] = INDEX_NOTE) -> tuple[str, str]:
    """(handling, note) of the index: how many conversations it lists whose files are not in the export (counts
    only: a title is a person's name); ``whole``, the index's own note, when none is missing."""
    listed = listed_threads(export, member)
    missing = len(listed - present)
    if not missing:
        return whole
    return ("ignored", f"the index lists {missing} conversation{'s' if missing != 1 else ''} (of {len(listed)}) "
                       "whose files are not in this export: the download is incomplete; download the messages again")
