"""Facebook "Download Your Information", JSON, F6 layout (2024 →, formats.md §1): friends, Messenger, reactions.

Every string is written the way Facebook does: each UTF-8 byte as its own ``\\u00XX`` escape (§1.8).
Messenger threads as a busy account has them (§1.4): a 1:1 thread with most friends, group chats, message
requests; messages with text, photos, videos, audio, GIFs, stickers, files, shares, calls, unsent ones,
reactions, the 2023+ flags; the media files themselves beside them (stand-ins of a few bytes).
Planted faults, one per file kind: a friend entry without ``name``; one message without ``sender_name``;
a reaction whose title names no person; a comment without ``title``.
"""
from __future__ import annotations

import json
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .common import ZipOut, allocate, burst_times, last_activity, mojibake, random_time, ranked, slugify
from .names import CHAT, GROUP_TITLES
from .people import Network, Person

ROOT = "your_facebook_activity"
REACTIONS = ("LIKE", "LIKE", "LIKE", "LOVE", "HAHA", "WOW", "SUPPORT", "SORRY")
EMOJI = ("❤", "😆", "😮", "👍", "😢")
COMMENTS = ("Glückwunsch! 🎉", "Wie schön!", "Congrats!", "Haha, genau so 😂", "Tolle Fotos", "Alles Gute!")


@dataclass
class Thread:
    people: list[Person]  # the others; the owner takes part too
    n: int
    lo: int
    title: str
    folder: str = "inbox"
    dir: str = ""


def to_moji(value):
    """Strings re-read as Latin-1: ``json.dumps(ensure_ascii=True)`` then escapes each byte like Facebook."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [to_moji(v) for v in value]
    if isinstance(value, dict):
        return {k: to_moji(v) for k, v in value.items()}
    return value


def dumps(value) -> bytes:
    return json.dumps(to_moji(value), indent=2, ensure_ascii=True).encode("ascii")


def friends_of(net: Network) -> list[Person]:
    return [p for p in net.on("facebook") if p.facebook.friend_since is not None]


def plan_threads(r: random.Random, net: Network, total: int, hi: int) -> list[Thread]:
    """1:1 threads with friends (Zipf), and group chats that also hold the friends-of-friends."""
    fb, friends = net.on("facebook"), friends_of(net)
    strangers = [p for p in fb if p.facebook.friend_since is None]
    n_groups = min(max(1 if strangers else 0, round(len(fb) / 40)), len(GROUP_TITLES) * 50)
    threads, sizes = [], allocate(max(total // 6, n_groups), n_groups) if friends else []
    for i, n in enumerate(sizes):  # every non-friend sits in some group chat: that is where they were met
        members = r.sample(friends, min(len(friends), r.randint(2, 7))) + strangers[i::len(sizes)]
        rounds = i // len(GROUP_TITLES)  # a big network has more groups than titles: "Doppelkopf-Runde 2"
        title = GROUP_TITLES[i % len(GROUP_TITLES)] + (f" {rounds + 1}" if rounds else "")
        threads.append(Thread(members, n, hi - 3 * 365 * 86400, title))
    total -= sum(t.n for t in threads)
    # Message requests from people met in a group: a few short threads in message_requests/.
    requests = strangers[::3] if len(friends) >= 50 else []
    requests = [Thread([p], n, hi - 3 * 365 * 86400, p.facebook.written, "message_requests")
                for p, n in zip(requests, allocate(min(total // 100, 4 * len(requests)), len(requests)))]
    threads += requests
    total -= sum(t.n for t in requests)
    # A 1:1 thread with most friends: 420,000 messages of a real account filled ~9,000 files (the issue).
    for p, n in zip(ranked(r, friends, lambda p: p.tie), allocate(total, round(0.8 * len(friends)))):
        threads.append(Thread([p], n, p.facebook.friend_since, p.facebook.written))
    numbers = set()
    for t in threads:
        number = 0
        while not number or number in numbers:
            number = r.randrange(10**15, 10**17)
        numbers.add(number)
        if t.folder == "inbox" and r.random() < 0.03:
            t.folder = "archived_threads"
        t.dir = f"{slugify(t.title, '') or 'facebookuser'}_{number}"
    return sorted(threads, key=lambda t: (t.folder, t.dir))


# The files a message points to are in the export too, in the thread's photos/, videos/, audio/, gifs/
# and files/ folders; stickers in messages/stickers_used/. Stand-ins here: a few bytes, the format's magic.
MAGIC = {".jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", ".png": b"\x89PNG\r\n\x1a\n", ".gif": b"GIF89a",
         ".mp4": b"\x00\x00\x00\x18ftypmp42", ".pdf": b"%PDF-1.4\n"}


@dataclass
class Media:
    """The media files the messages of one thread point to, and the stickers all threads share."""

    stickers: list[str]
    used: set[str]  # stickers sent in any thread so far
    files: list[str] = field(default_factory=list)

    def add(self, uri: str) -> str:
        self.files.append(uri)
        return uri

    def sticker(self, r: random.Random) -> str:
        uri = r.choice(self.stickers)
        self.used.add(uri)
        return uri


def stand_in(name: str) -> bytes:
    magic = MAGIC[name[name.rindex("."):]]
    return magic + bytes(64 - len(magic))


class Literals(dict):
    """JSON literals of names and texts, mojibake included, computed once each."""

    def __missing__(self, text: str) -> str:
        self[text] = literal = mojibake(text)
        return literal


def attached(key: str, value) -> str:
    """A media list or object at a message's depth, laid out as Facebook's exporter does."""
    return f'\n      "{key}": ' + json.dumps(value, indent=2, ensure_ascii=True).replace("\n", "\n      ") + ","


def chat_text(r: random.Random) -> str:
    """One to four chat phrases: real messages average a few dozen characters."""
    return " ".join(r.sample(CHAT, r.choice((1, 1, 1, 1, 2, 2, 2, 3, 3, 4))))


def attachment(r: random.Random, lit: Literals, ts: int, folder: str, media: Media) -> str:
    """What a message carries: text mostly, else photos, other media, a share, a call (formats.md §1.4)."""
    roll = r.random()
    if roll < 0.06:
        photos = [{"uri": media.add(f"{folder}/photos/{r.getrandbits(40)}_{r.getrandbits(40)}.jpg"),
                   "creation_timestamp": ts} for _ in range(r.choice((1, 1, 1, 2, 3)))]
        return attached("photos", photos)
    if roll < 0.07:
        return attached("videos", [{"uri": media.add(f"{folder}/videos/{r.getrandbits(40)}_{r.getrandbits(40)}.mp4"),
                                    "creation_timestamp": ts}])
    if roll < 0.08:
        return attached("audio_files", [{"uri": media.add(f"{folder}/audio/audioclip{ts}000_{r.getrandbits(40)}.mp4"),
                                         "creation_timestamp": ts}])
    if roll < 0.09:
        return attached("gifs", [{"uri": media.add(f"{folder}/gifs/{r.getrandbits(40)}_{r.getrandbits(40)}.gif")}])
    if roll < 0.11:
        return attached("sticker", {"uri": media.sticker(r)})
    if roll < 0.113:
        return attached("files", [{"uri": media.add(f"{folder}/files/Rechnung_{r.randrange(10**6)}.pdf"),
                                   "creation_timestamp": ts}])
    if roll < 0.143:
        link = f"https://example.org/article/{r.randrange(10**5)}"
        return (f'\n      "content": {lit[link]},' + attached("share", {"link": link, "share_text": "Worth reading"})
                + '\n      "type": "Share",')
    if roll < 0.173:
        return f'\n      "content": {lit["The call ended."]},\n      "call_duration": {r.randrange(20, 3600)},' \
               '\n      "type": "Call",'
    if roll < 0.178:  # unsent: the message stays, its text does not
        return '\n      "is_unsent": true,'
    return f'\n      "content": {lit[chat_text(r)]},'


def message_json(r: random.Random, lit: Literals, sender: Person | None, ts: int, others: list[Person],
                 folder: str, media: Media) -> str:
    parts = [f'\n    {{\n      "sender_name": {lit[sender.facebook.written]},'] if sender else ["\n    {"]
    parts.append(f'\n      "timestamp_ms": {ts * 1000 + r.randrange(1000)},')
    parts.append(attachment(r, lit, ts, folder, media))
    if r.random() < 0.09:  # in a group several may react
        actors = r.sample(others, min(len(others), r.choice((1, 1, 1, 2, 3))))
        reactions = ",".join(f'\n        {{\n          "reaction": {lit[r.choice(EMOJI)]},'
                             f'\n          "actor": {lit[actor.facebook.written]}\n        }}' for actor in actors)
        parts.append(f'\n      "reactions": [{reactions}\n      ],')
    parts.append('\n      "is_geoblocked_for_viewer": false,'
                 '\n      "is_unsent_image_by_messenger_kid_parent": false\n    }')
    return "".join(parts)


def thread_messages(r: random.Random, lit: Literals, owner: Person, t: Thread, hi: int, faulty: bool,
                    media: Media) -> list[str]:
    """Message objects of one thread, newest first; the 1:1 ones alternate between the two."""
    members, out, sender = [owner, *t.people], [], r.choice([owner, *t.people])
    folder = f"{ROOT}/messages/{t.folder}/{t.dir}"  # media paths are relative to the export root
    times = burst_times(r, t.n, t.lo, random_time(r, t.lo + (hi - t.lo) // 2, hi) if t.n < 20 else hi)
    for i, ts in enumerate(times):
        if len(members) > 2:
            sender = r.choice(members)
        elif r.random() < 0.55:
            sender = members[sender is owner]
        # planted fault: a message without sender_name (seen for accounts deleted since)
        who = None if faulty and i == len(times) // 2 else sender
        out.append(message_json(r, lit, who, ts, [m for m in members if m is not sender], folder, media))
    return out


def thread_files(lit: Literals, owner: Person, t: Thread, messages: list[str], per_file: int) -> list[tuple]:
    """``message_1.json`` (newest) … ``message_N.json``: each a complete object with participants."""
    names = ",".join(f'\n    {{\n      "name": {lit[p.facebook.written]}\n    }}' for p in [*t.people, owner])
    head = '{\n  "participants": [' + names + '\n  ],\n  "messages": ['
    tail = (f'\n  ],\n  "title": {lit[t.title]},\n  "is_still_participant": true,\n  "thread_path": '
            f'"{t.folder}/{t.dir}",\n  "magic_words": [],\n  "joinable_mode": {{\n    "mode": 1,'
            '\n    "link": ""\n  }\n}')
    chunks = [messages[i:i + per_file] for i in range(0, len(messages), per_file)]
    return [(f"{ROOT}/messages/{t.folder}/{t.dir}/message_{k}.json", [head, ",".join(chunk), tail])
            for k, chunk in enumerate(chunks, start=1)]


def friends_file(net: Network) -> bytes:
    friends = sorted(friends_of(net), key=lambda p: (-p.facebook.friend_since, p.key))
    entries = [{"name": p.facebook.written, "timestamp": p.facebook.friend_since} for p in friends]
    if entries:  # planted fault: an entry with no name at all
        entries.insert(len(entries) // 3, {"timestamp": entries[len(entries) // 3]["timestamp"] - 3600})
    return dumps({"friends_v2": entries})


def profile_file(owner: Person) -> bytes:
    return dumps({"profile_v2": {
        "name": {"full_name": owner.facebook.name, "first_name": owner.first, "middle_name": "",
                 "last_name": owner.last},
        "emails": {"emails": [owner.email], "previous_emails": [], "pending_emails": [], "ad_account_emails": []},
        "birthday": {"year": 1987, "month": 4, "day": 9}, "gender": {"gender_option": "FEMALE", "pronoun": "FEMALE"},
        "current_city": {"name": "Hamburg, Germany", "timestamp": 1420070400},
        "registration_timestamp": 1199188800, "username": "henrike.sommerfeld",
        "profile_uri": "https://www.facebook.com/henrike.sommerfeld"}})


def reactions_file(r: random.Random, net: Network, hi: int) -> bytes:
    owner = net.owner.facebook.name
    friends = friends_of(net)
    items = []
    for _ in range(round(0.8 * len(friends))):
        p, kind = r.choice(friends), r.choice(REACTIONS)
        what = r.choice(("post", "post", "photo", "comment"))
        verb = "likes" if kind == "LIKE" else "reacted to"
        items.append({"timestamp": random_time(r, p.facebook.friend_since, hi),
                      "data": [{"reaction": {"reaction": kind, "actor": owner}}],
                      "title": f"{owner} {verb} {p.facebook.written}'s {what}."})
    items.sort(key=lambda item: -item["timestamp"])
    if items:  # planted fault: a post whose author is not named (a page or a deleted account)
        items[len(items) // 2]["title"] = f"{owner} likes a post."
    return dumps(items)


def comments_file(r: random.Random, net: Network, hi: int) -> bytes:
    owner = net.owner.facebook.name
    friends = friends_of(net)
    items = []
    for _ in range(round(0.3 * len(friends))):
        p = r.choice(friends)
        ts = random_time(r, p.facebook.friend_since, hi)
        verb, what = r.choice((("commented on", "post"), ("commented on", "photo"), ("replied to", "comment")))
        items.append({"timestamp": ts, "data": [{"comment": {"timestamp": ts, "comment": r.choice(COMMENTS),
                                                             "author": owner}}],
                      "title": f"{owner} {verb} {p.facebook.written}'s {what}."})
    items.sort(key=lambda item: -item["timestamp"])
    if items:  # planted fault: a comment without a title, so without a counterpart
        del items[len(items) // 2]["title"]
    return dumps({"comments_v2": items})


def message_members(r: random.Random, net: Network, threads: list[Thread], hi: int, per_file: int) -> Iterator:
    """Each thread's folder, member by member in zip order: message files (text chunks) and media (bytes);
    the stickers last, in their own folder."""
    lit, faulty = Literals(), next((t for t in threads if t.n >= 3), None)
    stickers = [f"{ROOT}/messages/stickers_used/{r.getrandbits(40)}_{r.getrandbits(32)}.png" for _ in range(60)]
    used: set[str] = set()
    for t in threads:
        media = Media(stickers, used)
        messages = thread_messages(r, lit, net.owner, t, hi, t is faulty, media)
        files = thread_files(lit, net.owner, t, messages, per_file)
        files += [(uri, stand_in(uri)) for uri in dict.fromkeys(media.files)]
        yield from sorted(files, key=lambda f: f[0])  # message_10.json sorts before message_2.json
    yield from ((uri, stand_in(uri)) for uri in sorted(used))


def write_facebook(r: random.Random, net: Network, inbox: Path, hi: datetime, messages: int) -> Path:
    """``facebook-<user>-DD_MM_YYYY-<random>.zip``; returns its path."""
    suffix = "".join(r.choice(string.ascii_letters) for _ in range(8))
    path = inbox / f"facebook-henrikesommerfeld-{hi:%d_%m_%Y}-{suffix}.zip"
    end = last_activity(hi)
    threads = plan_threads(r, net, messages, end)
    per_file = max(100, min(10_000, messages // 20))  # real exports split at ~10,000 [R]; the demo earlier
    with ZipOut(path, hi) as zf:
        zf.write("connections/friends/your_friends.json", friends_file(net))
        zf.write("personal_information/profile_information/profile_information.json", profile_file(net.owner))
        zf.write(f"{ROOT}/comments_and_reactions/comments.json", comments_file(r, net, end))
        zf.write(f"{ROOT}/comments_and_reactions/likes_and_reactions_1.json", reactions_file(r, net, end))
        for name, content in message_members(r, net, threads, end, per_file):
            if isinstance(content, bytes):
                zf.write(name, content)
            else:
                zf.stream(name, content, encoding="ascii")
    return path
