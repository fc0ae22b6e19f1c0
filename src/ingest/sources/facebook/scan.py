"""A Facebook export as a whole: whether it is one (``detect``), and each member's kind (``scan``).

Most members are known by their path (``layout``); a file of the export given alone (a Messenger thread, a
friend list, the Messenger secure-storage download, a flattened export's posts) is known by its first bytes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..archive import Export
from .flat import FLAT, flat_kind, flat_name, lone_kind
from .layout import (ACTIVITY_DIRS, ATTACHMENT_NOTE, DYI_PAGE, E2EE_NAME, F0_IN_HTML, F0_NAMES, F0_PAGE,
                     F1_INDEX_NOTE, F1_THREAD, FACEBOOK_FOLDERS, HTML_READ, INDEX_NOTE, INSTAGRAM_FOLDERS,
                     INSTAGRAM_HEAD, INSTAGRAM_PAGE, LIST_DIRS, LIST_FILES, LONE_PAGE,
                     LONE_THREAD, MEDIA_NOTE, MEDIA_SUFFIXES, OWN_ACTIVITY_NOTE, PAGE_HEAD, PARSED, PEOPLE_FOLDER_NOTE,
                     THREAD, attachment_of, instagram_note, kind_of, list_stem, name_key, note_of, original_name,
                     split)
from .message_index import index_note, is_index, is_lone_index, is_old_index, thread_folders


@dataclass
class Layout:
    """Every member of the export with its kind (a parser) or the reason it is not read."""

    kinds: dict[str, str] = field(default_factory=dict)       # member → kind
    lists: dict[str, str] = field(default_factory=dict)       # list member → friends/removed/…
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # member → (handling, note)

    def members(self, *kinds: str) -> list[str]:
        return [m for m, k in self.kinds.items() if k in kinds]

    @property
    def readable(self) -> bool:
        return bool(self.kinds)


def scan(export: Export) -> Layout:
    """The layout of the export; E2EE thread files are recognised by their first bytes, a Windows copy
    ("friends (1).json") by its original's name (``original_name``)."""
    layout = Layout()
    members = export.members()
    names = {member: original_name(member) for member in members}
    json_names = {name_key(split(n)[1]) for n in names.values() if n.lower().endswith(".json")}
    json_paths = {name_key(n.rsplit(".", 1)[0]) for n in names.values() if n.lower().endswith(".json")}
    f1 = any(F1_THREAD.search(m) for m in members if m.lower().endswith((".htm", ".html")))
    thread_dirs = {n.rpartition("/")[0] for n in names.values() if LONE_THREAD.search(n) or LONE_PAGE.search(n)}
    for member, name in names.items():
        if attachment_of(member, thread_dirs):
            layout.notes[member] = ATTACHMENT_NOTE
            continue
        if member.lower().endswith(MEDIA_SUFFIXES):  # most of an export: the photos and videos of the threads
            layout.notes[member] = MEDIA_NOTE
            continue
        source, name = _as_original(export, member)
        kind = _kind(source, name, f1)
        if kind == "f0_messages" and is_old_index(source, name):
            kind, layout.notes[member] = None, F1_INDEX_NOTE  # its conversations are files of their own
        if kind in HTML_READ:
            kind = _html_twin(member, name, kind, json_names, json_paths, layout)
        if kind is None:
            kind = _kind_by_content(source, name)
        if kind in PARSED:
            layout.kinds[member] = kind
            if kind.startswith("list"):
                layout.lists[member] = LIST_FILES[list_stem(name_key(split(name)[1]))]
        elif member not in layout.notes:
            layout.notes[member] = _note(source, name)
    _read_once(export, layout)
    _index_notes(export, members, layout)
    return layout


def _kind(export: Export, member: str, f1: bool) -> str | None:
    return old_page_kind(export, member) or kind_of(member, f1) or lone_page_kind(export, member)


def _kind_by_content(export: Export, member: str) -> str | None:
    """The kind of a file known by no path: an E2EE or a DYI thread given alone, a flattened export's file."""
    if is_e2ee_thread(export, member):
        return "e2ee"
    if is_lone_thread(export, member):
        return "thread"
    return flat_kind(name_key(split(member)[1]), export.head(member, 256)) if is_flattened(member) else None


class _AsOriginal:
    """The export as a Windows copy is known in it: by its original's name, its own bytes (only ``head`` is read
    to tell a file's kind)."""

    def __init__(self, export: Export, name: str, member: str):
        self.export, self.name, self.member = export, name, member

    def head(self, member: str, size: int = 4096) -> bytes:
        return self.export.head(self.member if member == self.name else member, size)


COPY_NOTE = "a copy of {original} of this export with the same content (Windows' \"(n)\" name): read once"


def _read_once(export: Export, layout: Layout) -> None:
    """Of files of one kind and one name but for a Windows copy mark ("message_1.json", "message_1 (2).json"), one
    of each content is read: the original before a copy, then the copies by name. A copy of other content is read
    too (a thread's messages in both once: thread_people.group_threads)."""
    alike: dict[tuple[str, str], list[str]] = {}
    for member, kind in layout.kinds.items():
        alike.setdefault((original_name(member), kind), []).append(member)
    for (name, _), members in alike.items():
        if len(members) < 2:
            continue
        read: dict[bytes, str] = {}
        for member in sorted(members, key=lambda m: (m != name, m)):
            digest = _digest(export, member)
            if digest in read:
                del layout.kinds[member]
                layout.lists.pop(member, None)
                layout.notes[member] = ("ignored", COPY_NOTE.format(original=PurePosixPath(read[digest]).name))
            else:
                read[digest] = member


def _digest(export: Export, member: str) -> bytes:
    digest = hashlib.sha256()
    with export.open(member) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def _index_notes(export: Export, members: list[str], layout: Layout) -> None:
    """The note of Messenger's conversation index counts the conversations it lists that the export lacks."""
    indexes = [member for member, note in layout.notes.items() if note in (INDEX_NOTE, F1_INDEX_NOTE)]
    present = thread_folders(members) if indexes else set()
    for member in indexes:
        layout.notes[member] = index_note(export, member, present, layout.notes[member])


def _note(export: Export, member: str) -> tuple[str, str]:
    """Why a member is not read: by its path (``note_of``); one known by no name may be Instagram's, by its
    folder or its first bytes (a JSON file only: nothing else is opened), and one taken for the owner's own
    activity is not, where its first bytes name others (``NAMES_OTHERS``)."""
    note = note_of(member)
    if note not in (OWN_ACTIVITY_NOTE, PEOPLE_FOLDER_NOTE):
        return note
    _, _, suffix, folders = split(member)
    head = export.head(member, INSTAGRAM_HEAD) if suffix == ".json" else b""
    if note == OWN_ACTIVITY_NOTE and NAMES_OTHERS.search(head[:OTHERS_HEAD]):
        return OTHERS_NOTE
    return instagram_note(head, folders) or note


# A file of no known name outside the people folders was the owner's own activity, "nothing to do". Facebook renames
# files between generations: its posts and comments in groups, read as 2019's your_posts_and_comments_in_groups, were
# so left out as 2021's your_posts_in_groups and 2023's group_posts_and_comments (activity.py), every comment on
# another's post lost without a word. Where the first records name an author, an actor or participants (keys no file
# of the owner's own settings, ads or searches holds in any fixture), it is an unknown file the owner is told about.
NAMES_OTHERS = re.compile(rb'"(?:author|actor|participants|poker|pokee|inviter|invitee|sender_name)"\s*:')
OTHERS_HEAD = 1 << 16
OTHERS_NOTE = ("unknown", "a file of no name this version knows whose records name other people (an author, an actor "
               "or participants)")


# Folders a file of a DYI export sits in: one in none of them may be from a flattened export (flat.py).
OWN_FOLDERS = FACEBOOK_FOLDERS | LIST_DIRS | ACTIVITY_DIRS | {"posts", "groups", "stories", "notifications"}


def is_flattened(member: str) -> bool:
    """A JSON file of a name known from a flattened export, in none of Facebook's folders (by name only)."""
    _, stem, suffix, folders = split(member)
    return suffix == ".json" and flat_name(name_key(stem)) in FLAT and not set(folders) & OWN_FOLDERS


def is_e2ee_thread(export: Export, member: str) -> bool:
    """A flat ``<Name>_<N>.json`` of the Messenger secure-storage download (2024 on, formats.md §1.5):
    camelCase keys, participants as plain strings. Metadata files lack ``participants``."""
    if not E2EE_NAME.search(member) or kind_of(member) is not None or not _e2ee_place(member):
        return False
    head = export.head(member, 16384)
    return b'"participants"' in head and (b'"threadName"' in head or b'"senderName"' in head)


def _e2ee_place(member: str) -> bool:
    """Where a flat E2EE file sits: in none of DYI's folders (the download on its own), or directly in a
    ``messages/`` folder. Users put the download there, beside inbox/: msgvault reads "E2EE flat exports"
    from your_activity_across_facebook/messages/<Name>_<N>.json (kenn-io/msgvault internal/fbmessenger
    discover.go, testdata/e2ee_simple), and a parser's tests read a real FacebookData/messages/<Name>_86.json
    (code index id 71154058305). Deeper, in inbox/, archived_threads/ or a thread folder, a file is DYI's;
    DYI's own files directly in messages/ (secret_conversations.json, autofill_information.json, …) hold
    no participants and are told apart by content."""
    parent, _, _, folders = split(member)
    return parent == "messages" or not set(folders) & FACEBOOK_FOLDERS


def is_lone_thread(export: Export, member: str) -> bool:
    """A DYI thread file (snake_case keys) outside a messages/ tree, known by its first bytes, whatever its name:
    a whole thread saved under a name the owner chose (SebastianKut/messenger-calls-temp piter.json and sally.json;
    gdemerges/social_network_data message_marine.json, and message_1_utf8.json, a re-indented copy of the
    message_1.json beside it) has the keys of message_1.json."""
    if THREAD.search(member) or not member.lower().endswith(".json") or set(split(member)[3]) & FACEBOOK_FOLDERS:
        return False
    head = export.head(member, 16384)
    if LONE_THREAD.search(member):
        return b'"participants"' in head and b'"sender_name"' in head
    return head.lstrip()[:1] == b"{" and all(key in head for key in THREAD_KEYS)


# The keys that make a JSON file a Messenger thread of DYI, seen in its first bytes (participants, then messages).
THREAD_KEYS = (b'"participants"', b'"messages"', b'"sender_name"', b'"timestamp_ms"')


def lone_page_kind(export: Export, member: str) -> str | None:
    """thread_html, list_html or profile_html of a DYI page out of Facebook's folders, known by its name and
    content."""
    _, stem, suffix, folders = split(member)
    if suffix not in (".htm", ".html") or set(folders) & FACEBOOK_FOLDERS or THREAD.search(member):
        return None
    if LONE_PAGE.search(member):
        kind = "thread_html"
    elif list_stem(name_key(stem)) in LIST_FILES:
        kind = "list_html"
    elif name_key(stem) == "profile_information":
        # the profile page published alone, no folder around it: Mgr725/Mgr725 (2021), Dh-Rm2021/Dh-Rm2021
        # (2022, beside profile_update_history.html), questghostz-ux/my-profile (Thai, 2026); the same
        # role="main" part and uiBoxWhite block as in the export, unlike a web site's page of that name
        kind = "profile_html"
    else:
        return None
    head = export.head(member, PAGE_HEAD)
    return kind if DYI_PAGE.search(head) and not INSTAGRAM_PAGE.search(head) else None


def old_page_kind(export: Export, member: str) -> str | None:
    """The kind of a page of the old download (f0_friends, f0_messages, …) out of its html/ folder: at the top of the
    folder published (ashloren/fb-backup) or alone (EspressoTime/Facebook-Archive-Analyzer friends.htm), known by its
    name and its make (``F0_PAGE``), never a newer page of the same name (in DYI's folders, or a role="main" part)."""
    _, stem, suffix, folders = split(member)
    kind = F0_NAMES.get(stem.lower()) if suffix in (".htm", ".html") else None
    if kind is None or set(folders) & OWN_FOLDERS or any(pattern.search(member) for pattern in F0_IN_HTML):
        return None
    head = export.head(member, PAGE_HEAD)
    return kind if F0_PAGE.search(head) and not DYI_PAGE.search(head) else None


def is_lone_file(export: Export, member: str) -> bool:
    """A people file of DYI given without the rest of the export, known by its content: a Messenger thread
    (JSON or HTML), a friend list (JSON or HTML), the profile page (HTML), the owner's posts (flat.py); or Messenger's
    conversation index without its threads (message_index.py), to say they are missing; a page of the old download
    out of its html/ folder."""
    if is_lone_thread(export, member) or lone_page_kind(export, member) or is_lone_index(export, member):
        return True
    if old_page_kind(export, member):
        return True
    return is_flattened(member) and lone_kind(name_key(split(member)[1]), export.head(member, 1024)) is not None


def detect(export: Export) -> bool:
    """A Facebook export: a known people file or DYI folders by path, or E2EE thread files and people files
    given alone by content."""
    members = export.members()
    segments = {part for folder in {m.rpartition("/")[0] for m in members} for part in folder.split("/") if part}
    if segments & INSTAGRAM_FOLDERS or _instagram_pages(export, members):
        return False  # an Instagram export shares Messenger's thread files; it is not Facebook's
    f1 = any(F1_THREAD.search(m) for m in members if m.lower().endswith((".htm", ".html")))
    if any(kind_of(original_name(m), f1) for m in members):
        return True
    if len(segments & FACEBOOK_FOLDERS) >= 2 or segments & {"your_facebook_activity", "your_activity_across_facebook"}:
        return True
    return any(is_e2ee_thread(*_as_original(export, m)) or is_lone_file(*_as_original(export, m))
               for m in members[:200])


def _as_original(export: Export, member: str) -> tuple[Export, str]:
    """(the export, the member's name) as the member is known: a Windows copy by its original's name."""
    name = original_name(member)
    return (export, member) if name == member else (_AsOriginal(export, name, member), name)


def _instagram_pages(export: Export, members: list[str]) -> bool:
    """Instagram's messages of 2023 in Messenger's very tree, messages/inbox/<thread>/message_N.html, with no
    Instagram folder beside them (clxwdeen/vrany: usernames, "Používateľ … reagoval"): told by the logo atop
    the first thread page."""
    page = next((m for m in members if THREAD.search(m) and m.lower().endswith((".htm", ".html"))), None)
    return page is not None and bool(INSTAGRAM_PAGE.search(export.head(member=page, size=PAGE_HEAD)))


def found_folders(export: Export) -> str:
    """Known folder names in the export, for an error message (no personal data: these are Facebook's)."""
    segments = {part for m in export.members() for part in split(m)[3]}
    known = sorted(segments & FACEBOOK_FOLDERS)
    count = len(export.members())
    found = ", ".join(known) if known else f"{count} file{'s' if count != 1 else ''} in no known folder"
    return "; ".join([found, *_index_words(export)])


def _index_words(export: Export) -> list[str]:
    """What Messenger's conversation index says is missing: a lone index (wadear/Wadear) is all such an export has."""
    members = export.members()
    indexes = [m for m in members if is_index(m)]
    present = thread_folders(members) if indexes else set()
    notes = [index_note(export, m, present) for m in indexes]
    return [note for handling, note in notes if (handling, note) != INDEX_NOTE]


def _html_twin(member: str, name: str, kind: str, json_names: set, json_paths: set, layout: Layout) -> str | None:
    """The HTML variant is read only where no JSON file of the same name exists (formats.md §1.1); ``name``: the
    member's without a copy mark."""
    base = name_key(name.rsplit(".", 1)[0])
    twin = base in json_paths or (kind == "list_html" and name_key(split(name)[1]) in json_names)
    if twin:
        layout.notes[member] = ("ignored", "HTML twin of a JSON file that is read instead")
        return None
    return kind
