"""Twitter/X archives of several shapes, for the speed benchmark against twitter-to-sqlite (issue 13).

The demo archive (``ingest.demo``) has one shape, and an archive the team did not generate was read
at a very different speed. These archives vary what a parser pays for per record:

- ``short``: 60,000 one-to-one conversations of 1 to 3 messages (an account many people write to once);
- ``long``: 35 conversations of 1,000 to 9,000 messages each;
- ``rich``: messages full of fields: several ``urls`` (url, expanded, display), ``mediaUrls``,
  ``reactions`` and ``editHistory`` on many messages, longer texts with line breaks and quotes;
- ``groups``: mostly group conversations (``direct-messages-group.js``) of 3 to 50 members (most of
  4 to 8, as circles of friends and colleagues are), with ``joinConversation``, ``participantsJoin``,
  ``participantsLeave`` and ``conversationNameUpdate``;
- ``mixed``: lengths from a heavy tail, as in a real archive, fields at the rates a schema report of a
  real 2025 ``direct-messages.js`` shows (that-in-rust/tweet-scrolls: reactions on 14-38% of messages,
  urls on 9-15%, an ``editHistory`` entry on about one in a thousand), a few groups, a conversation
  split over two entries and two messages without ``senderId``.

Each is an owner with 20,000 people or more (follower.js, following.js, mentions in tweets.js) and
about 200,000 records, its direct-messages.js (or the group file) about 60 MB. The files are laid out
the way X wrote them in 2025 (the same repository's notes on the real export's structure):
``"key" : value``, every array element on a line of its own, ``[ ]`` when empty, ``editHistory``
(``createdAtSec``, ``editedText``) last in a ``messageCreate``, messages newest first. Only the files
that either tool reads for people are written: the headers files, likes and the rest would only add
to the peer's time. The same shape and scale give the same bytes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from ingest.demo.common import ZipOut, quote
from ingest.demo.names import CHAT, GROUP_TITLES, NAMES, TWEETS
from ingest.demo.twitter import Ids, archive_manifest

ARCHIVE_DATE = datetime(2026, 11, 20, 6, 30)
FIRST_MESSAGE = 1325376000  # 2012-01-01: no generated message is older
LAST_MESSAGE = int(ARCHIVE_DATE.replace(tzinfo=timezone.utc).timestamp()) - 3600
REACTION_KEYS = ("like", "like", "like", "excited", "agree", "funny", "sad", "surprised", "disagree")
DOMAINS = ("x.com/someone/status", "example.org/article", "youtu.be", "github.com/example/repo/pull",
           "open.spotify.com/track", "forms.gle", "docs.example.com/guide/getting-started/installation")
EXTRA = ("Let me check & get back to you", "Das sagt er \"immer\"", "<3", "see below:\n- one\n- two",
         "Sounds good!\n\nTalk tomorrow", "ok 👍", "Wait, what?", "Sent you the file")


@dataclass(frozen=True)
class Shape:
    """What an archive holds; lengths are ("choice", values), ("loguniform", lo, hi) or
    ("lognormal", median, sigma, cap)."""

    name: str
    about: str
    direct: int  # one-to-one conversations
    lengths: tuple
    groups: int = 0
    group_lengths: tuple = ("lognormal", 40, 1.2, 3000)
    members: tuple = ("lognormal", 5, 0.5, 12)  # group size, the owner included (at least 3)
    reactions: float = 0.15  # share of messages with reactions
    urls: float = 0.12
    media: float = 0.02
    edits: float = 0.001
    words: tuple[int, int] = (1, 2)  # chat phrases a text is made of
    people: int = 20_000  # at least; one-to-one counterparts beyond it are people too
    tweets: int = 8_000
    splits: int = 0  # conversations split over two array entries
    faults: int = 0  # messages without senderId


SHAPES = {shape.name: shape for shape in (
    Shape("short", "60,000 one-to-one conversations of 1-3 messages", 60_000,
          ("choice", (1, 1, 1, 1, 2, 2, 2, 3, 3, 3))),
    Shape("long", "35 one-to-one conversations of 1,000-9,000 messages", 35, ("loguniform", 1000, 9000)),
    Shape("rich", "3,800 conversations, most messages with urls, media, reactions or edits", 3_800,
          ("lognormal", 6, 1.5, 2000), reactions=0.5, urls=0.5, media=0.3, edits=0.1, words=(2, 6)),
    Shape("groups", "950 group conversations of 3-50 members, 3,000 short one-to-one", 3_000,
          ("choice", (1, 2, 3, 4, 5)), groups=950, group_lengths=("lognormal", 60, 1.3, 4000),
          members=("lognormal", 6, 0.8, 50)),
    Shape("mixed", "6,500 conversations, lengths 1 to thousands, 110 groups, rates of a real archive", 6_500,
          ("lognormal", 3, 1.9, 8000), groups=110, splits=3, faults=2),
)}


def scaled(shape: Shape, scale: float) -> Shape:
    """The same shape with fewer (or more) conversations, people and tweets."""
    def count(n: int) -> int:
        return max(1, round(n * scale)) if n else 0
    return replace(shape, direct=count(shape.direct), groups=count(shape.groups),
                   people=count(shape.people), tweets=count(shape.tweets))


@dataclass
class Person:
    id: str
    handle: str
    name: str


def people(r: random.Random, n: int) -> list[Person]:
    """Accounts from before 2013 have ids of 5-10 digits, later ones snowflakes of 18-19 digits."""
    ids: dict[str, None] = {}
    while len(ids) < n:
        ids[str(r.randrange(10**4, 4 * 10**9) if r.random() < 0.35 else r.randrange(7 * 10**17, 19 * 10**17))] = None
    out = []
    for i, ref in enumerate(ids):
        first, _, last = NAMES[r.choice(("de", "de", "en", "fr", "es", "pl", "nl", "tr", "el"))]
        name = f"{r.choice(first)} {r.choice(last)}"
        out.append(Person(ref, f"{name.split()[0].lower()}_{i}"[:15], name))
    return out


def length(r: random.Random, rule: tuple) -> int:
    if rule[0] == "choice":
        return r.choice(rule[1])
    if rule[0] == "loguniform":
        return round(math.exp(r.uniform(math.log(rule[1]), math.log(rule[2]))))
    return max(1, min(rule[3], round(r.lognormvariate(math.log(rule[1]), rule[2]))))


def times(r: random.Random, n: int) -> list[int]:
    """``n`` Unix times, oldest first, in bursts (a minute apart) with pauses of days between them."""
    pause = min(3 * 86400, 6 * 365 * 86400 / max(n, 1) / 0.2)
    gaps = [r.expovariate(1 / pause) if r.random() < 0.2 else r.expovariate(1 / 90) for _ in range(n - 1)]
    end = r.randint(FIRST_MESSAGE + int(sum(gaps)) + 1, LAST_MESSAGE) if sum(gaps) < LAST_MESSAGE - FIRST_MESSAGE \
        else LAST_MESSAGE
    out = [end]
    for gap in reversed(gaps):
        out.append(max(FIRST_MESSAGE, out[-1] - int(gap) - 1))
    return out[::-1]


def iso_ms(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def tco(r: random.Random) -> str:
    return "https://t.co/" + "".join(r.choices("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789", k=10))


class Writer:
    """Builds the messages of one archive; ``r`` drives every choice."""

    def __init__(self, shape: Shape, r: random.Random):
        self.shape, self.r, self.ids = shape, r, Ids()

    def message(self, ms: int, sender: str | None, recipient: str | None, reactors: list[str]) -> dict:
        """A ``messageCreate`` in the 2025 field order; 1:1 messages name the recipient, group ones do not."""
        r, shape = self.r, self.shape
        text, urls, media = " ".join(r.sample(CHAT, r.randint(*shape.words))), [], []
        if r.random() < 0.05:
            text += " " + r.choice(EXTRA)
        message_id = self.ids(ms)
        if r.random() < shape.urls:
            for _ in range(1 if r.random() < 0.85 else r.randint(2, 4)):
                short, page = tco(r), f"{r.choice(DOMAINS)}/{r.randrange(10**6, 10**19)}"
                urls.append({"url": short, "expanded": f"https://{page}",
                             "display": page if len(page) <= 26 else page[:25] + "…"})
                text += f" {short}"
        if r.random() < shape.media:
            for _ in range(r.choice((1, 1, 1, 2, 4))):
                media.append(f"https://ton.twitter.com/dm/{message_id}/{self.ids(ms)}/{tco(r)[-8:]}.jpg")
            short = tco(r)
            urls.append({"url": short, "expanded": f"https://twitter.com/messages/media/{message_id}",
                         "display": "pic.twitter.com/" + short[-10:]})
            text += f" {short}"
        body = {"recipientId": recipient} if recipient else {}
        body.update(reactions=self.reactions(ms, reactors), urls=urls, text=text, mediaUrls=media)
        if sender:
            body["senderId"] = sender
        body.update(id=message_id, createdAt=iso_ms(ms), editHistory=self.edits(ms, text))
        return {"messageCreate": body}

    def reactions(self, ms: int, reactors: list[str]) -> list[dict]:
        if not reactors or self.r.random() >= self.shape.reactions:
            return []
        out = []
        for who in self.r.sample(reactors, min(len(reactors), self.r.choice((1, 1, 1, 2, 3)))):
            at = ms + self.r.randrange(1000, 86_400_000)
            out.append({"senderId": who, "reactionKey": self.r.choice(REACTION_KEYS), "eventId": self.ids(at),
                        "createdAt": iso_ms(at)})
        return out

    def edits(self, ms: int, text: str) -> list[dict]:
        if self.r.random() >= self.shape.edits:
            return []
        return [{"createdAtSec": str(ms // 1000 + 60 * (i + 1)), "editedText": text[: max(1, len(text) - 3 * i)]}
                for i in range(self.r.choice((1, 1, 2)))]

    def direct(self, owner: str, other: str, n: int, faults: int) -> list[dict]:
        """A one-to-one conversation, newest first; ``faults`` messages lack their senderId."""
        r, events = self.r, []
        sender = r.choice((owner, other))
        for i, t in enumerate(times(r, n)):
            if r.random() < 0.55:
                sender = other if sender == owner else owner
            recipient = other if sender == owner else owner
            ms = t * 1000 + r.randrange(1000)
            events.append(self.message(ms, None if i < faults else sender, recipient, [recipient]))
        return events[::-1]

    def group(self, owner: str, crowd: list[Person], n: int) -> tuple[str, list[dict]]:
        """A group conversation, newest first: its start, renames, people joining and leaving, messages."""
        r = self.r
        size = max(3, length(r, self.shape.members)) - 1
        members = [owner, *(p.id for p in r.sample(crowd, size))]
        stamps = times(r, n + 2)
        start_ms = stamps[0] * 1000
        events = [{"joinConversation": {"initiatingUserId": r.choice(members[1:] + [owner]),
                                        "participantsSnapshot": list(members), "createdAt": iso_ms(start_ms)}}]
        if r.random() < 0.7:
            events.append(self.rename(members, start_ms + 60_000))
        for t in stamps[2:]:
            ms = t * 1000 + r.randrange(1000)
            roll = r.random()
            if roll < 0.01:
                events += self.join(members, crowd, ms - 500)
            elif roll < 0.018 and len(members) > 3:
                leaving = r.choice(members[1:])
                members.remove(leaving)
                events.append({"participantsLeave": {"userIds": [leaving], "createdAt": iso_ms(ms - 500)}})
            elif roll < 0.021:
                events.append(self.rename(members, ms - 500))
            sender = owner if r.random() < 0.2 else r.choice(members)
            events.append(self.message(ms, sender, None, [m for m in members if m != sender]))
        return self.ids(start_ms), events[::-1]

    def join(self, members: list[str], crowd: list[Person], ms: int) -> list[dict]:
        """A member adds one or two people (none when those drawn are in the group already)."""
        joining = [p.id for p in self.r.sample(crowd, self.r.randint(1, 2)) if p.id not in members]
        if not joining:
            return []
        event = {"participantsJoin": {"initiatingUserId": self.r.choice(members), "userIds": joining,
                                      "createdAt": iso_ms(ms)}}
        members += joining
        return [event]

    def rename(self, members: list[str], ms: int) -> dict:
        return {"conversationNameUpdate": {"initiatingUserId": self.r.choice(members),
                                           "name": self.r.choice(GROUP_TITLES), "createdAt": iso_ms(ms)}}


def layout(value: object, level: int = 0) -> str:
    """JSON as X's archive lays it out since about 2023: one array element or key a line, ``[ ]`` when empty."""
    pad = "  " * (level + 1)
    if type(value) is str:
        return quote(value)
    if type(value) is dict:
        if not value:
            return "{ }"
        return ("{\n" + ",\n".join(f"{pad}{quote(k)} : {layout(v, level + 1)}" for k, v in value.items())
                + "\n" + "  " * level + "}")
    if type(value) is list:
        if not value:
            return "[ ]"
        return "[\n" + ",\n".join(pad + layout(v, level + 1) for v in value) + "\n" + "  " * level + "]"
    if type(value) is bool:
        return "true" if value else "false"
    return str(value)


def ytd(name: str, entries: Iterator[dict], counts: dict[str, int]) -> Iterator[str]:
    """``window.YTD.<name>.part0 = [ … ]``, entry by entry; counts the entries for the manifest."""
    yield f"window.YTD.{name}.part0 = ["
    n = 0
    for entry in entries:
        yield ("\n  " if n == 0 else ",\n  ") + layout(entry, 1)
        n += 1
    yield "\n]" if n else " ]"
    counts[name.replace("_", "-")] = n


def tweet(r: random.Random, ids: Ids, mentioned: list[Person]) -> dict:
    """One of the owner's tweets; a third of those that mention someone reply to them."""
    t = r.randint(FIRST_MESSAGE, LAST_MESSAGE)
    tweet_id = ids(t * 1000)
    template = r.choice([x for x in TWEETS if ("{at}" in x) == bool(mentioned)])
    text = template.format(at=" ".join(f"@{p.handle}" for p in mentioned))
    mentions = [{"name": p.name, "screen_name": p.handle,
                 "indices": [str(text.find("@" + p.handle)), str(text.find("@" + p.handle) + len(p.handle) + 1)],
                 "id_str": p.id, "id": p.id} for p in mentioned]
    body = {"edit_info": {"initial": {"editTweetIds": [tweet_id], "editableUntil": iso_ms(t * 1000 + 3_600_000),
                                      "editsRemaining": "5", "isEditEligible": t >= 1663200000}},
            "retweeted": False,
            "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
            "entities": {"hashtags": [], "symbols": [], "user_mentions": mentions, "urls": []},
            "display_text_range": ["0", str(len(text))], "favorite_count": str(r.randrange(40)), "id_str": tweet_id,
            "truncated": False, "retweet_count": str(r.randrange(5)), "id": tweet_id,
            "created_at": datetime.fromtimestamp(t, timezone.utc).strftime("%a %b %d %H:%M:%S +0000 %Y"),
            "favorited": False, "full_text": text, "lang": "en"}
    if mentioned and r.random() < 0.35:
        to = mentioned[0]
        body.update(in_reply_to_status_id_str=ids((t - 3600) * 1000), in_reply_to_user_id=to.id,
                    in_reply_to_screen_name=to.handle, in_reply_to_user_id_str=to.id)
    return {"tweet": body}


def dm_entries(w: Writer, owner: Person, everyone: list[Person]) -> Iterator[dict]:
    """``{"dmConversation": …}`` of the one-to-one file, conversation by conversation."""
    shape, r = w.shape, w.r
    splits, faults = shape.splits, shape.faults
    for other in everyone[:shape.direct]:
        n = length(r, shape.lengths)
        fault = 1 if faults and n >= 3 else 0
        faults -= fault
        events = w.direct(owner.id, other.id, n, fault)
        pair = "-".join(sorted((owner.id, other.id), key=int))
        parts = [events[: n // 2], events[n // 2:]] if splits and n >= 4 else [events]
        splits -= len(parts) - 1
        for part in parts:
            yield {"dmConversation": {"conversationId": pair, "messages": part}}


def group_entries(w: Writer, owner: Person, everyone: list[Person]) -> Iterator[dict]:
    crowd = everyone[: w.shape.people]
    for _ in range(w.shape.groups):
        conversation, events = w.group(owner.id, crowd, length(w.r, w.shape.group_lengths))
        yield {"dmConversation": {"conversationId": conversation, "messages": events}}


def owner_files(r: random.Random, owner: Person, known: list[Person], ids: Ids, shape: Shape) -> dict[str, list]:
    link = "https://twitter.com/intent/user?user_id="
    followers, following = known[: round(0.6 * len(known))], known[round(0.4 * len(known)):]
    return {
        "account": [{"account": {"email": "owner@example.org", "createdVia": "web", "username": owner.handle,
                                 "accountId": owner.id, "createdAt": "2011-05-14T09:12:33.000Z",
                                 "accountDisplayName": owner.name}}],
        "follower": [{"follower": {"accountId": p.id, "userLink": link + p.id}} for p in followers],
        "following": [{"following": {"accountId": p.id, "userLink": link + p.id}} for p in following],
        "profile": [{"profile": {"description": {"bio": "Data, coffee, Hamburg.", "website": "", "location": "Hamburg"},
                                 "avatarMediaUrl": "https://pbs.twimg.com/profile_images/1/abc.jpg"}}],
        "tweets": [tweet(r, ids, r.sample(known, r.choice((0, 0, 0, 1, 1, 2)))) for _ in range(shape.tweets)],
    }


def manifest(owner: Person, counts: dict[str, int], size: int) -> str:
    return archive_manifest((owner.id, owner.handle, owner.name), ARCHIVE_DATE, counts, size, layout)


def write_archive(shape: Shape, folder: Path, seed: int = 13) -> Path:
    """``twitter-2026-11-20-<hash>.zip`` of this shape in ``folder``; returns its path."""
    r = random.Random(f"{seed}:{shape}")
    everyone = people(r, max(shape.people, shape.direct) + 1)
    owner, everyone = everyone[0], everyone[1:]
    ids, counts = Ids(), {}
    files = {f"data/{name}.js": "".join(ytd(name, iter(items), counts)).encode()
             for name, items in owner_files(r, owner, everyone[: shape.people], ids, shape).items()}
    writer = Writer(shape, r)
    streams = {"data/direct-messages-group.js": ytd("direct_messages_group", group_entries(writer, owner, everyone),
                                                    counts),
               "data/direct-messages.js": ytd("direct_messages", dm_entries(writer, owner, everyone), counts)}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"twitter-{ARCHIVE_DATE:%Y-%m-%d}-{r.getrandbits(256):064x}.zip"
    with ZipOut(path, ARCHIVE_DATE) as zf:
        zf.write("Your archive.html", b"<!DOCTYPE html><html><head><title>Your archive</title></head></html>\n")
        zf.write("data/README.txt", b"Your X archive. Open Your archive.html to browse it.\n")
        for name in sorted([*files, *streams, "data/manifest.js"]):
            if name in streams:
                zf.stream(name, streams[name])
            elif name in files:
                zf.write(name, files[name])
            else:  # the archive's size: what precedes the manifest and what follows it
                size = sum(zf.sizes.values()) + sum(len(data) for n, data in files.items() if n > name)
                zf.write(name, manifest(owner, counts, size).encode())
    return path
