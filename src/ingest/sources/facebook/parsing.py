"""Reading a Facebook export: its owner, lists, activity, titles, timeline posts, address books and threads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..archive import Export
from ...columns import Columns
from ...errors import UnknownLayoutError
from ...models import MemberNote, Quarantined, Record
from .activity import TITLED, Seen, actors_in, read_activity
from .address_book import read_address_book
from .call_logs import read_call_logs
from .media_comments import read_media_comments
from .f0 import f0_owner, read_f0_friends, read_f0_pokes, with_owner_id
from .f0_contacts import read_f0_contacts
from .f0_wall import read_f0_wall
from .html import head_soup
from .html_threads import f0_thread_people, html_thread_people, read_f0_threads, read_html_threads
from .html_people import read_html_address_book, read_html_entries, read_html_list, read_html_own_posts
from .html_profile import generated_by, html_profile, read_html_profile
from .html_labels import read_html_labels
from .html_titles import read_html_titles
from .admin_actions import read_admin_actions
from .invites import read_group_invites
from .secret_calls import autofill_name, read_secret_calls
from .layout import INSTAGRAM_NOTE, INSTAGRAM_THREAD_HEAD, instagram_thread, titled_kind
from .scan import Layout, found_folders, scan
from .notifications import read_html_notifications, read_notifications
from .page_reactions import page_name, read_page_reactions
from .people import (BrokenFile, ignored_note, items_of, load_json, owner_from_profile, read_list, read_pokes,
                     read_profile, read_visits)
from .listed_pages import listed_groups
from .posts import owner_from_titles, read_posts
from .rows import Batch, Owner, Tally
from .text import is_placeholder
from .group_chats import read_group_chats
from .thread_people import (REACTED_NOTE, ThreadPeople, first_files, infer_owner, json_thread_people, merge_parts,
                            thread_parts)
from .threads import read_dyi_threads, read_e2ee
from .writer import ThreadWriter
from .titles import KnownNames


def parse(export: Export, message_text: bool = False) -> Iterator[Record | Columns]:
    """Every record of the export; rows come in ``Columns`` batches, notes and quarantine as models."""
    layout = scan(export)
    if not layout.readable:
        raise UnknownLayoutError(export.path, f"a Facebook export without friends, Messenger or profile files of "
                                 f"any known layout (found: {found_folders(export)})",
                                 "download it again in JSON format with Friends, Messages and Profile selected; "
                                 "if it holds them, this is a new layout: report the folder names above")
    layout = _without_instagram(export, layout)
    batch = Batch()
    profiles = {m: _load(export, m) for m in layout.members("profile")}
    pages = {m: html_profile(export, m) for m in layout.members("profile_html")}  # the same, as profile_v2
    owner = _page_owner(export, layout, _find_owner(export, layout, profiles | pages))
    # People files first, titles last: a reaction's title is read by the names the rest of the
    # export knows (titles.py), gathered in ``batch.names`` as the other files are read.
    for step in (_profiles(export, profiles, owner), _html_profiles(pages, owner),
                 _lists(export, layout, owner, batch), _threads(export, layout, owner, batch, message_text),
                 _people_activity(export, layout, owner, batch), _titles(export, layout, owner, batch),
                 _address_books(export, layout)):
        for record in step:
            yield record
            if batch.full():
                yield from batch.take()
    yield from batch.take()
    yield from _owner_notes(layout, owner)
    yield from _notes(layout)
    yield from _cut_pages(export, layout)


# A page cut off (an unzip or a copy interrupted, a download saved half): lxml closes what is left open, and the page
# read as a whole one, the records after the cut missing without a word. Every page Facebook writes ends in </html>
# (JSON cut so is refused as "not valid JSON"). The cut is refused as a record of its own, at the page's last line.
CUT_PAGE = "file: the page ends before </html> (cut off): the records before the cut were read, those after it lost"
CUT_NOTE = "cut off before </html>"
_PAGE_END = re.compile(rb"</html>\s*$", re.I)


def _cut_pages(export: Export, layout: Layout) -> Iterator[Record]:
    """The pages that began as Facebook writes them (``<html`` in their first bytes) and do not end so."""
    for member in sorted(layout.kinds):
        if member.lower().endswith((".htm", ".html")) and b"<html" in export.head(member, 1024).lower() \
                and not _PAGE_END.search(export.tail(member, 256)):
            yield MemberNote(member=member, line=0, handling="parsed", note=CUT_NOTE, records_read=1)
            yield Quarantined(member=member, line=export.line_count(member), reason=CUT_PAGE, excerpt="")


def _without_instagram(export: Export, layout: Layout) -> Layout:
    """Instagram's DM threads, which have Messenger's keys (layout.instagram_thread), left out with Instagram's note,
    every part of the thread: their people are no Facebook accounts. Given alone, they are no Facebook export."""
    for files in thread_parts(layout.members("thread")):
        if _instagram(export, files[0]):
            for member in files:
                del layout.kinds[member]
                layout.notes[member] = ("unknown", INSTAGRAM_NOTE)
    if not layout.readable:
        raise UnknownLayoutError(export.path, "Instagram's messages in Messenger's shape (their media under "
                                 "your_instagram_activity/), no Facebook file", "nothing to do: " + INSTAGRAM_NOTE)
    return layout


def _instagram(export: Export, member: str) -> bool:
    """``instagram_thread`` of the file's first 64 KiB, of its first MiB when no media uri is in them: most threads
    tell at once, and every thread's first file is read so before its parse."""
    head = export.head(member, SHORT_HEAD)
    if len(head) == SHORT_HEAD and b'"uri"' not in head:
        head = export.head(member, INSTAGRAM_THREAD_HEAD)
    return instagram_thread(head)


SHORT_HEAD = 1 << 16


def _owner_notes(layout: Layout, owner: Owner) -> Iterator[MemberNote]:
    """How the owner was found, on the thread files it was found from, when Messenger's reaction notices told."""
    if owner.note and owner.note.startswith(REACTED_NOTE.split("{", 1)[0]):
        for member in first_files(layout.members("thread")):
            yield MemberNote(member=member, line=0, handling="parsed", note=owner.note)


def _notes(layout: Layout) -> Iterator[Record | Columns]:
    """A note for every member not read. The ignored ones (tens of thousands of photos and videos in a
    large export) as one ``Columns`` batch; a name with whitespace around it goes as a model, which strips it."""
    ignored: dict[str, list] = {"member": [], "note": [], "line": []}
    for member, (handling, note) in sorted(layout.notes.items()):
        if handling == "ignored" and member == member.strip():
            ignored["member"].append(member), ignored["note"].append(note), ignored["line"].append(0)
        else:
            yield ignored_note(member, handling, note)
    if ignored["member"]:
        notes = Columns(MemberNote)
        notes.extend(ignored, handling="ignored")
        yield notes


def _load(export: Export, member: str):
    try:
        return load_json(export, member)
    except BrokenFile:
        return None


def _find_owner(export: Export, layout: Layout, profiles: dict) -> Owner:
    """From the profile when there is one, or the heading of an F0 page; otherwise from who is in the
    threads (formats.md §1.4), and from the header of the HTML pages."""
    for data in profiles.values():
        owner = owner_from_profile(data)
        if owner.known:
            return _thread_name(owner, export, layout)
    for member in layout.members("f0_friends", "f0_pokes", "f0_wall"):
        owner = f0_owner(export, member)
        if owner.known:
            return with_owner_id(owner, export, layout.members("f0_messages", "f1_thread"))
    actors = _actors(export, layout)
    owner = infer_owner([t for t in _thread_people(export, layout) if t is not None], actors)
    if not owner.known and len(layout.members("thread")) > len(first_files(layout.members("thread"))):
        owner = infer_owner([t for t in _thread_people(export, layout, every_part=True) if t is not None], actors)
    header = _header_name(export, layout)
    if header is not None and header not in owner:
        owner = Owner(owner.ref or header, owner.names | {header})
    return owner if owner.known else _autofill_owner(export, layout) or _titles_owner(export, layout)


def _page_owner(export: Export, layout: Layout, owner: Owner) -> Owner:
    """A Page's own download (page_reactions.py): the Page's name, from its comment titles, is the owner's too, the
    header naming the admin who made the download."""
    reactions = layout.members("page_reactions_html")
    if not reactions:
        return owner
    folders = {m.rpartition("/")[0] for m in reactions}
    name = page_name(export, [m for m in layout.members("titles_html") if m.rpartition("/")[0] in folders])
    if name is None or name in owner:
        return owner
    return replace(owner, ref=owner.ref or name, names=owner.names | {name})


def _thread_people(export: Export, layout: Layout, every_part: bool = False) -> Iterator[ThreadPeople | None]:
    """Who is in each thread, read one thread at a time: the first file of each, or with ``every_part`` all its
    message_N files (when the first files do not tell the owner: thread_people.merge_parts)."""
    for files in thread_parts(layout.members("thread")):
        yield _json_people(export, files if every_part else files[:1])
    for member in layout.members("e2ee"):
        yield json_thread_people(export, member, True)
    for member in first_files(layout.members("thread_html")):
        yield html_thread_people(export, member)
    for member in layout.members("f0_messages", "f1_thread"):
        yield from f0_thread_people(export, member)


def _json_people(export: Export, files: list[str]) -> ThreadPeople | None:
    parts = [people for member in files if (people := json_thread_people(export, member, False)) is not None]
    return merge_parts(parts) if parts else None


# The profile may name the owner by a name their threads never use: a Spanish 2021 HTML export
# (MarioAlbertoSierra/Facebook, profile_information/profile_information.html) names them by three words, its
# messages/inbox/*/message_1.html by two that are none of their variants. Read by the profile's names alone, the
# owner's every message came in from a "contact" present in 334 of 339 threads, and each one-to-one thread was a group.
# When none of the profile's names is in any thread, the name in nearly all threads is the owner's too.
MOST_THREADS = 0.9
FEWEST_THREADS = 5


def _thread_name(owner: Owner, export: Export, layout: Layout) -> Owner:
    """The profile's owner, with the name nearly all their threads share when the threads never use the profile's.
    The threads are read only until one names the owner as the profile does (at once, in nearly every export)."""
    threads = []
    for thread in _thread_people(export, layout):
        if thread is not None and owner.names & thread.people:
            return owner
        threads += [thread] if thread is not None else []
    counted = [t for t in threads if not t.people <= {t.title}]  # as infer_owner counts them
    if len(counted) < FEWEST_THREADS:
        return owner
    name = infer_owner(threads, _actors(export, layout)).ref
    present = sum(name in t.people for t in counted) if name else 0
    if name is None or is_placeholder(name) or present < MOST_THREADS * len(counted):
        return owner
    note = (f"the owner's threads never name them as the profile does: the name in {present} of {len(counted)} "
            f"threads taken as the owner's too")
    return replace(owner, names=owner.names | {name}, note=note)


def _autofill_owner(export: Export, layout: Layout) -> Owner | None:
    """The owner's own name Messenger keeps for autofill (secret_calls.autofill_name), when nothing else names them:
    a Messenger-only download of one thread with Meta AI, or of threads nobody else is common to."""
    for member in layout.notes:
        if member.endswith("messages/autofill_information.json") and (name := autofill_name(export, member)):
            return Owner(name, frozenset({name}))
    return None


def _titles_owner(export: Export, layout: Layout) -> Owner:
    """The last resort: the name the titles of the owner's own posts open with (posts.owner_from_titles)."""
    members = layout.members("own_posts")
    name = owner_from_titles(export, members)
    return Owner(name, frozenset({name}), frozenset(members)) if name else Owner()


# Every HTML page of an export made since 2020 names its owner in its header, "Generated by <name> on …" (in
# each language of html_profile.HEADER_SENTENCES), not only the profile page. An HTML export without the profile page
# had its owner inferred from threads alone, and with no threads none: every post of the owner's own was refused
# "names no other person and the owner is unknown" (sbduke/mbhaque 2019, 1,572 of 1,636 records; giviua/jiafei 2024;
# Arabic, Thai and Vietnamese headers until sweep 16c). The header of the first pages that have one names the owner;
# it is read from the page's head.
# Not in the download of an additional profile ("this_profile's_activity_across_facebook/"): its header names the
# person whose account holds the profile, not the profile whose messages and posts it holds.
HEADER_PAGES = 5
HEADER_BYTES = 64 << 10
_ADDITIONAL_PROFILE = "this_profile's_"


def _header_name(export: Export, layout: Layout) -> str | None:
    if any(_ADDITIONAL_PROFILE in m for m in layout.kinds):
        return None
    pages = sorted(m for m in layout.kinds if m.lower().endswith((".html", ".htm")))[:HEADER_PAGES]
    return next((name for m in pages if (name := generated_by(head_soup(export, m, HEADER_BYTES)))), None)


def _actors(export: Export, layout: Layout) -> set[str]:
    """The actors of reactions and authors of comments, who are always the owner."""
    actors: set[str] = set()
    for member in layout.members("reactions", "comments", "group_comments", "group_posts"):
        try:
            items, _ = items_of(load_json(export, member), ("reactions_v2", "reactions", "comments_v2", "comments",
                                                            "group_comments_v2", "group_posts"))
        except BrokenFile:
            continue
        actors |= actors_in(items, layout.kinds[member])
    return actors


def _profiles(export: Export, profiles: dict, owner: Owner) -> Iterator[Record]:
    for member, data in profiles.items():
        if data is None:
            tally = Tally(member, read=1)
            yield tally.quarantine(1, "file: not valid JSON", "")
            yield tally.member_note("profile")
        else:
            yield from read_profile(export, member, data, owner)


def _html_profiles(pages: dict, owner: Owner) -> Iterator[Record]:
    for member, profile in pages.items():
        yield from read_html_profile(member, profile, owner)


def _lists(export: Export, layout: Layout, owner: Owner, batch: Batch) -> Iterator[Record]:
    seen: set = set()  # entries of lists in numbered parts
    friended: set = set()  # (friend, day) of the F0 friends page, which the F0 timeline names again
    for member in layout.members("list", "list_html", "f0_friends"):
        kind = layout.kinds[member]
        if kind == "f0_friends":
            yield from read_f0_friends(export, member, owner, batch, friended)
        elif kind == "list":
            yield from read_list(export, member, layout.lists[member], batch, seen)
        else:
            yield from read_html_list(export, member, layout.lists[member], batch, owner)
    for member in layout.members("f0_wall"):  # after the friends page: the friendships it dates already
        yield from read_f0_wall(export, member, owner, batch, friended)


def _people_activity(export: Export, layout: Layout, owner: Owner, batch: Batch) -> Iterator[Record]:
    """Pokes, profile visits, the people recently interacted with, notifications, comments on the owner's photos:
    files that name people outright."""
    for member in layout.members("pokes", "f0_pokes", "visits", "people_interactions", "visits_html", "people_html",
                                 "group_invites", "notifications", "notifications_html", "secret_calls",
                                 "admin_actions", "f0_contacts", "media_comments"):
        kind = layout.kinds[member]
        if kind == "f0_contacts":
            yield from read_f0_contacts(export, member, batch)
        elif kind == "admin_actions":
            yield from read_admin_actions(export, member, owner, batch)
        elif kind == "media_comments":
            yield from read_media_comments(export, member, owner, batch)
        elif kind == "secret_calls":
            yield from read_secret_calls(export, member, owner, batch)
        elif kind == "notifications":
            yield from read_notifications(export, member, owner, batch)
        elif kind == "notifications_html":
            yield from read_html_notifications(export, member, owner, batch)
        elif kind == "group_invites":
            yield from read_group_invites(export, member, owner, batch)
        elif kind in ("visits_html", "people_html"):
            yield from read_html_entries(export, member, kind, batch, owner)
        elif kind == "pokes":
            yield from read_pokes(export, member, owner, batch)
        elif kind == "f0_pokes":
            yield from read_f0_pokes(export, member, owner, KnownNames(batch.names, owner.names), batch)
        else:
            yield from read_visits(export, member, batch, kind)


def _titles(export: Export, layout: Layout, owner: Owner, batch: Batch) -> Iterator[Record]:
    """Reactions, comments and timeline posts; the label-style file (a name outright) before the titles,
    the owner's posts (their tags name people outright) before the other titles."""
    seen = Seen()
    pages = listed_groups(export)  # the pages and groups the export lists: no person (listed_pages.py)
    labelled = {m: titled_kind(m) for m in layout.members("labels_html")}  # label_values pages (html_labels.py)
    for member in layout.members("reaction_labels"):
        yield from read_activity(export, member, "reaction_labels", owner, seen, batch, KnownNames(not_people=pages))
    yield from _label_pages(export, labelled, ("reaction_labels",), owner, seen, batch, KnownNames(not_people=pages))
    known = KnownNames(batch.names, owner.names, pages)
    batch.learn = known.add  # a person a title names first is known to the titles read after it
    for member in layout.members("own_posts_html"):
        yield from read_html_own_posts(export, member, owner, batch, known)
    for member in layout.members("own_posts") + layout.members("wall_posts", "posts_on_others", "tagged_in"):
        yield from read_posts(export, member, layout.kinds[member], owner, batch, known)
    yield from _label_pages(export, labelled, ("posts_on_others", "tagged_in", "group_invites"), owner, seen, batch,
                            known)
    for member in layout.members(*TITLED):
        yield from read_activity(export, member, layout.kinds[member], owner, seen, batch, known)
    for member in layout.members("titles_html"):  # an HTML-only export (html_titles.py)
        yield from read_html_titles(export, member, titled_kind(member), owner, seen, batch, known)
    for member in layout.members("page_reactions_html"):  # a Page's own download
        yield from read_page_reactions(export, member, owner, batch)


def _label_pages(export: Export, pages: dict[str, str], kinds: tuple[str, ...], owner: Owner, seen: Seen,
                 batch: Batch, known: KnownNames) -> Iterator[Record]:
    for member, kind in pages.items():
        if kind in kinds:
            yield from read_html_labels(export, member, kind, owner, seen, batch, known)


def _address_books(export: Export, layout: Layout) -> Iterator[Record]:
    """The phone contacts the owner let Facebook upload: address-book evidence (address_book.py); and the phone's
    call log, offline contact (call_logs.py)."""
    for member in layout.members("call_logs"):
        yield from read_call_logs(export, member)
    for member in layout.members("address_book"):
        yield from read_address_book(export, member)
    for member in layout.members("address_book_html"):
        yield from read_html_address_book(export, member)


def _threads(export: Export, layout: Layout, owner: Owner, batch: Batch,
             message_text: bool) -> Iterator[Record | Columns]:
    writer = ThreadWriter(owner, batch, message_text, friends_listed=_lists_friends(layout))
    chats: dict[str, set] = {}  # group chats' messages, not loaded again from their inbox thread
    yield from read_group_chats(export, layout.members("group_thread"), writer, chats)
    yield from read_dyi_threads(export, layout.members("thread"), writer, chats)
    yield from read_html_threads(export, layout.members("thread_html"), writer)
    for member in layout.members("f0_messages", "f1_thread"):
        yield from read_f0_threads(export, member, writer)
    yield from read_e2ee(export, layout.members("e2ee"), writer)


def _lists_friends(layout: Layout) -> bool:
    """Whether the export lists the owner's friends (JSON, HTML or F0), each friendship dated there."""
    return "friends" in layout.lists.values() or bool(layout.members("f0_friends"))
