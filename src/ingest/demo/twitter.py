"""Twitter/X archive, 2022+ layout (T3/T4, formats.md §2): ``data/*.js`` with ``window.YTD`` prefixes.

JSON is laid out the way X's exporter (Jackson) writes it: ``"key" : value``, ``[ {`` … ``} ]``, ``[ ]``.
The files of an active account: tweets with links, photos and edit info, likes, follows, blocks, mutes,
DMs with links and photos, and each DM file again without text (``direct-message-headers.js``,
``direct-message-group-headers.js``). DM files are streamed conversation by conversation. Planted faults and quirks: one
``messageCreate`` without ``senderId``; the longest 1:1 conversation split over two array entries with
the same ``conversationId``; one tweet mentioning a user whose id is ``"-1"`` (seen in real archives).
"""
from __future__ import annotations

import copy
import random
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .common import ZipOut, allocate, burst_times, clock, day_string, epoch, last_activity, quote, random_time, \
    ranked, to_datetime
from .names import CHAT, TWEETS
from .people import Network, Person

TWITTER_EPOCH_MS = 1288834974657
EDITS_FROM = 1663200000  # Sept 2022: tweets since then can be edited, and their edit_info says so
REACTION_KEYS = ("like", "like", "funny", "excited", "agree", "sad")
GROUP_NAMES = ("Hiking crew", "Data Twitter DACH", "Konferenz-Orga", "", "")
SOURCE = '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>'
VIEWER = b'<!DOCTYPE html><html><head><title>Your archive</title></head><body><div id="root"></div></body></html>\n'


@dataclass
class Conversation:
    people: list[Person]
    n: int
    lo: int
    group: bool = False
    name: str = ""
    split: bool = False
    faulty: bool = False
    id: str = ""
    joined: list[Person] = field(default_factory=list)


class Ids:
    """Snowflake ids: the creation time in the high bits, so ids grow with time like the real ones."""

    def __init__(self):
        self.seq = 0

    def __call__(self, ms: int) -> str:
        self.seq += 1
        return str(((ms - TWITTER_EPOCH_MS) << 22) | (self.seq & 0x3FFFFF))


def jackson(value, level: int = 0) -> str:
    """JSON as the X archive lays it out."""
    if isinstance(value, dict):
        if not value:
            return "{ }"
        pad = "  " * (level + 1)
        items = ",\n".join(f"{pad}{quote(k)} : {jackson(v, level + 1)}" for k, v in value.items())
        return "{\n" + items + "\n" + "  " * level + "}"
    if isinstance(value, list):
        return "[ " + ", ".join(jackson(v, level) for v in value) + " ]" if value else "[ ]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return quote(value) if isinstance(value, str) else str(value)


def ytd(name: str, items: list) -> str:
    return f"window.YTD.{name}.part0 = " + jackson(items)


def iso_ms(ms: int) -> str:
    return f"{day_string(ms // 1000)}T{clock(ms // 1000)}.{ms % 1000:03d}Z"


def plan(r: random.Random, net: Network, total: int, hi: int) -> list[Conversation]:
    tw = net.on("twitter")
    n_groups = min(max(1, len(tw) // 50), len(tw) // 3)
    lo = hi - 8 * 365 * 86400
    convs = []
    for size in allocate(total // 8, n_groups):
        members = r.sample(tw, r.randint(2, min(6, len(tw))))
        convs.append(Conversation(members, size, lo, True, r.choice(GROUP_NAMES)))
        outside = [p for p in r.sample(tw, min(len(tw), 8)) if p not in members]
        convs[-1].joined = outside[:1] if r.random() < 0.3 else []  # added to the group later
    total -= sum(c.n for c in convs)
    for p, n in zip(ranked(r, tw, lambda p: p.tie), allocate(total, round(0.5 * len(tw)))):
        convs.append(Conversation([p], n, lo))
    one = [c for c in convs if not c.group]
    if one:
        one[0].split = one[0].n >= 4
        next((c for c in one if c.n >= 3), one[0]).faulty = True
    return convs


class Draws:
    """The two random streams of the archive. ``r`` decides who appears where and how often (the counts
    the tests and the labels rely on); ``x`` only dresses the records up (longer texts, links, media, tweets
    that mention nobody, likes), so the realism can grow without moving a single person or count."""

    def __init__(self, r: random.Random, net: Network):
        self.r = r
        self.x = random.Random("twitter-extras:" + ",".join(p.twitter.id for p in net.on("twitter")[:8]))

    def clone(self, ids: Ids) -> tuple[Draws, Ids]:
        """The same streams from here on: the headers files repeat the conversations of the full files."""
        twin, twin_ids = copy.copy(self), Ids()
        twin.r, twin.x, twin_ids.seq = random.Random(), random.Random(), ids.seq
        twin.r.setstate(self.r.getstate())
        twin.x.setstate(self.x.getstate())
        return twin, twin_ids


def tco(x: random.Random) -> str:
    return "https://t.co/" + "".join(x.choice(string.ascii_letters + string.digits) for _ in range(10))


def dm_text(d: Draws, ids: Ids, ms: int, first: str) -> tuple[str, str, str]:
    """(text, urls, mediaUrls) of a DM: chat phrases, sometimes a link or a photo (its t.co link ends the text)."""
    x = d.x
    text = " ".join([first, *x.sample(CHAT, x.choice((0, 0, 0, 0, 0, 0, 1, 1, 1, 2)))])
    urls = media = "[ ]"
    roll = x.random()
    if roll < 0.05:
        short, page = tco(x), f"example.org/article/{x.randrange(10**5)}"
        text += f" {short}"
        urls = (f'[ {{\n          "url" : "{short}",\n          "expanded" : "https://{page}",'
                f'\n          "display" : "{page}"\n        }} ]')
    elif roll < 0.08:
        short = tco(x)
        text += f" {short}"
        media = f'[ "https://ton.twitter.com/dm/{ids(ms)}/{ids(ms)}/{tco(x)[-8:]}.jpg" ]'
    return text, urls, media


def message_create(d: Draws, ids: Ids, ms: int, sender: Person | None, recipient: Person | None,
                   others: list[Person], headers: bool = False) -> str:
    """A ``messageCreate``; in the ``…-headers.js`` files the same without text, links, media and reactions."""
    r, reactions = d.r, "[ ]"
    if r.random() < 0.06:
        who, at = r.choice(others), ms + r.randrange(1000, 3_600_000)
        reactions = (f'[ {{\n          "senderId" : "{who.twitter.id}",\n          "reactionKey" : '
                     f'"{r.choice(REACTION_KEYS)}",\n          "eventId" : "{ids(at)}",\n          "createdAt" : '
                     f'"{iso_ms(at)}"\n        }} ]')
    text, urls, media = dm_text(d, ids, ms, r.choice(CHAT))
    recipient_line = f'\n        "recipientId" : "{recipient.twitter.id}",' if recipient else ""
    sender_line = f'\n        "senderId" : "{sender.twitter.id}",' if sender else ""
    if headers:
        return (f'{{\n      "messageCreate" : {{\n        "id" : "{ids(ms)}",{sender_line}{recipient_line}'
                f'\n        "createdAt" : "{iso_ms(ms)}"\n      }}\n    }}')
    return (f'{{\n      "messageCreate" : {{{recipient_line}\n        "reactions" : {reactions},'
            f'\n        "urls" : {urls},'
            f'\n        "text" : {quote(text)},\n        "mediaUrls" : {media},{sender_line}'
            f'\n        "id" : "{ids(ms)}",\n        "createdAt" : "{iso_ms(ms)}"\n      }}\n    }}')


def group_event(kind: str, ms: int, **fields) -> str:
    body = {**fields, "createdAt": iso_ms(ms)}
    return "{\n      " + quote(kind) + " : " + jackson(body, 3) + "\n    }"


def conversation_events(d: Draws, ids: Ids, owner: Person, c: Conversation, hi: int, headers: bool) -> list[str]:
    """The conversation's events, newest first; a group starts with its join and name events."""
    r, members, events = d.r, [owner, *c.people], []
    times = burst_times(r, c.n, c.lo, random_time(r, (c.lo + hi) // 2, hi) if c.n < 20 else hi)
    sender = r.choice(members)
    for i, ts in enumerate(times):
        ms = ts * 1000 + r.randrange(1000)
        if c.group:
            sender = r.choice(members + c.joined if i < len(times) // 2 else members)
        elif r.random() < 0.55:
            sender = members[sender is owner]
        recipient = None if c.group else members[sender is owner]
        who = None if c.faulty and i == len(times) // 2 else sender  # planted fault: no senderId
        events.append(message_create(d, ids, ms, who, recipient, [m for m in members if m is not sender], headers))
    if c.group:
        start = (times[-1] - 3600) * 1000
        half = len(times) // 2
        if c.joined and half:
            events.insert(half, group_event("participantsJoin", (times[half - 1] + times[half]) * 500,
                                                        initiatingUserId=owner.twitter.id,
                                                        userIds=[p.twitter.id for p in c.joined]))
        if c.name:
            events.append(group_event("conversationNameUpdate", start + 60_000, initiatingUserId=owner.twitter.id,
                                      name=c.name))
        events.append(group_event("joinConversation", start, initiatingUserId=c.people[0].twitter.id,
                                  participantsSnapshot=[p.twitter.id for p in members]))
    return events


def conversation_id(r: random.Random, ids: Ids, owner: Person, c: Conversation) -> str:
    if c.group:
        return ids(c.lo * 1000 + r.randrange(10**9))
    a, b = sorted((int(owner.twitter.id), int(c.people[0].twitter.id)))
    return f"{a}-{b}"


def dm_entries(d: Draws, ids: Ids, net: Network, convs: list[Conversation], hi: int,
               headers: bool = False) -> Iterator[str]:
    """Array entries ``{"dmConversation" : …}``, one conversation at a time."""
    for c in convs:
        cid = conversation_id(d.r, ids, net.owner, c)
        events = conversation_events(d, ids, net.owner, c, hi, headers)
        parts = [events[: len(events) // 2], events[len(events) // 2:]] if c.split else [events]
        for part in parts:
            yield (f'{{\n  "dmConversation" : {{\n    "conversationId" : "{cid}",\n    "messages" : [ '
                   + ", ".join(part) + " ]\n  }\n}")


def dm_streams(d: Draws, ids: Ids, net: Network, convs: list[Conversation], hi: int,
               headers: bool) -> dict[str, Iterator[str]]:
    """The group file's chunks and the one-to-one file's, lazily: the zip writes the group file first."""
    names = ("direct-message-group-headers", "direct-message-headers") if headers else \
        ("direct-messages-group", "direct-messages")
    return {f"data/{name}.js": dm_chunks(name.replace("-", "_"), dm_entries(d, ids, net, part, hi, headers))
            for name, part in zip(names, ([c for c in convs if c.group], [c for c in convs if not c.group]))}


def dm_chunks(name: str, entries: Iterator[str]) -> Iterator[str]:
    yield f"window.YTD.{name}.part0 = [ "
    for i, entry in enumerate(entries):
        yield (", " if i else "") + entry
    yield " ]"


def mention(text: str, name: str, handle: str, user_id: str) -> dict:
    start = text.find(f"@{handle}")
    return {"name": name, "screen_name": handle, "indices": [str(start), str(start + len(handle) + 1)],
            "id_str": user_id, "id": user_id}


def tweet(r: random.Random, x: random.Random, ids: Ids, ts: int, text: str, mentioned: list[Person],
          mentions: list[dict]) -> dict:
    """One tweet as tweets.js holds it; a third of those that mention someone reply to them."""
    tweet_id, entities = ids(ts * 1000), {"hashtags": [], "symbols": [], "user_mentions": mentions, "urls": []}
    text, media = tweet_links(x, text, entities, tweet_id)
    body = {"edit_info": {"initial": {"editTweetIds": [tweet_id], "editableUntil": iso_ms(ts * 1000 + 3_600_000),
                                      "editsRemaining": "5", "isEditEligible": ts >= EDITS_FROM}},
            "retweeted": False, "source": SOURCE, "entities": entities,
            "display_text_range": ["0", str(len(text))],
            "favorite_count": str(r.randrange(40)), "id_str": tweet_id, "truncated": False,
            "retweet_count": str(r.randrange(5)), "created_at": f"{to_datetime(ts):%a %b %d %H:%M:%S +0000 %Y}",
            "favorited": False, "full_text": text, "lang": "de" if x.random() < 0.3 else "en"}
    if entities["urls"] or media:
        body["possibly_sensitive"] = False
    if media:
        body["extended_entities"] = {"media": media}
    body["id"] = body["id_str"]
    if mentioned and r.random() < 0.35:
        to = mentioned[0].twitter
        body.update(in_reply_to_status_id_str=ids((ts - 3600) * 1000), in_reply_to_user_id=to.id,
                    in_reply_to_screen_name=to.handle, in_reply_to_user_id_str=to.id)
        body["in_reply_to_status_id"] = body["in_reply_to_status_id_str"]
    return {"tweet": body}


def tweet_links(x: random.Random, text: str, entities: dict, tweet_id: str) -> tuple[str, list[dict]]:
    """A link (a quarter of tweets) or a photo (a tenth) at the end of the text, as t.co links with entities."""
    roll = x.random()
    if roll < 0.25:
        short, page = tco(x), f"example.org/{x.choice(('post', 'article', 'talk'))}/{x.randrange(10**5)}"
        entities["urls"].append({"url": short, "expanded_url": f"https://{page}", "display_url": page,
                                 "indices": [str(len(text) + 1), str(len(text) + 1 + len(short))]})
        return f"{text} {short}", []
    if roll < 0.35:
        short, media_id = tco(x), str(int(tweet_id) + 1)
        url = f"https://pbs.twimg.com/media/{tco(x)[-10:]}XYZ.jpg"
        indices = [str(len(text) + 1), str(len(text) + 1 + len(short))]
        sizes = {name: {"w": str(w), "h": str(h), "resize": "crop" if name == "thumb" else "fit"}
                 for name, w, h in (("thumb", 150, 150), ("small", 680, 510), ("medium", 1200, 900),
                                    ("large", 2048, 1536))}
        media = [{"expanded_url": f"https://twitter.com/i/web/status/{tweet_id}/photo/1", "indices": indices,
                  "url": short, "media_url": url.replace("https", "http"), "id_str": media_id, "id": media_id,
                  "media_url_https": url, "sizes": sizes, "type": "photo", "display_url": "pic.twitter.com/"
                  + short[-10:]}]
        entities["media"] = media
        return f"{text} {short}", media
    return text, []


def tweets(d: Draws, ids: Ids, net: Network, hi: int) -> list[dict]:
    """The owner's tweets, newest first, mentioning people of the network by handle and id; as many
    again and more that mention nobody (an active account: four tweets for each account around it)."""
    r, x, tw, out = d.r, d.x, net.on("twitter"), []
    for i in range(min(6000, max(20, round(1.5 * len(tw))))):
        ts = random_time(r, hi - 10 * 365 * 86400, hi)
        mentioned = r.sample(tw, min(len(tw), r.choice((0, 1, 1, 2)))) if tw else []
        template = r.choice([t for t in TWEETS if ("{at}" in t) == bool(mentioned)])
        text = template.format(at=" ".join(f"@{p.twitter.handle}" for p in mentioned))
        mentions = [mention(text, p.twitter.display, p.twitter.handle, p.twitter.id) for p in mentioned]
        for p in mentioned:  # the archive names only the accounts its tweets mention (labels: evidence.py)
            net.shown[("twitter", p.twitter.id)].append((p, p.twitter.display, "", ""))
        if i == 7:  # quirk seen in real archives: a mention whose user id is -1
            text += " (via @geloescht)"
            mentions.append(mention(text, "", "geloescht", "-1"))
        out.append((ts, tweet(r, x, ids, ts, text, mentioned, mentions)))
    plain = [t for t in TWEETS if "{at}" not in t]
    for _ in range(min(30_000, 4 * len(tw)) - len(out)):
        ts = random_time(x, hi - 10 * 365 * 86400, hi)
        text = " ".join([x.choice(plain), *x.sample(CHAT, x.choice((0, 0, 1, 2)))])
        out.append((ts, tweet(x, x, ids, ts, text, [], [])))
    return [t for _, t in sorted(out, key=lambda item: -item[0])]


def edges(r: random.Random, net: Network, kind: str) -> list[dict]:
    wanted = [p.twitter for p in net.on("twitter") if getattr(p.twitter, kind)]
    r.shuffle(wanted)
    name = "follower" if kind == "follows_me" else "following"
    return [{name: {"accountId": t.id, "userLink": f"https://twitter.com/intent/user?user_id={t.id}"}} for t in wanted]


def user_link(account_id: str) -> str:
    return f"https://twitter.com/intent/user?user_id={account_id}"


def owner_files(d: Draws, ids: Ids, net: Network, hi: datetime) -> dict[str, list]:
    """The items of the owner's files: account, profile, likes (three for each account around an active
    owner; no author, no time), and the blocked and muted accounts (spam and strangers: ids only)."""
    o, x, around = net.owner, d.x, len(net.on("twitter"))
    liked = [ids(epoch(hi) * 1000 - d.r.randrange(10**11)) for _ in range(15)]
    liked += [ids(epoch(hi) * 1000 - x.randrange(10**11)) for _ in range(3 * around - 15)]
    texts = [t.format(at="@someone") for t in TWEETS]
    likes = [{"like": {"tweetId": tid, "fullText": " ".join([x.choice(texts), *x.sample(CHAT, x.choice((0, 1, 2)))]),
                       "expandedUrl": f"https://twitter.com/i/web/status/{tid}"}} for tid in liked]
    blocked, muted = ([str(x.randrange(10**17, 10**18)) for _ in range(around // n)] for n in (60, 120))
    return {
        "account": [{"account": {"email": o.email, "createdVia": "web", "username": o.twitter.handle,
                                 "accountId": o.twitter.id, "createdAt": "2010-03-14T19:22:51.000Z",
                                 "accountDisplayName": o.twitter.display}}],
        "block": [{"blocking": {"accountId": a, "userLink": user_link(a)}} for a in blocked],
        "like": likes,
        "mute": [{"muting": {"accountId": a, "userLink": user_link(a)}} for a in muted],
        "profile": [{"profile": {"description": {"bio": "Data platforms, Hamburg, Franzbrötchen.",
                                                 "website": "https://t.co/AbCdEf1234", "location": "Hamburg"}}}],
    }


def manifest(net: Network, hi: datetime, counts: dict[str, int], size: int) -> str:
    o = net.owner.twitter
    return archive_manifest((o.id, o.handle, o.display), hi, counts, size, jackson)


def archive_manifest(user: tuple[str, str, str], generated: datetime, counts: dict[str, int], size: int,
                     dump: Callable[[object], str]) -> str:
    """``manifest.js`` of an archive: the owner (id, handle, name), its date and size, and each data file."""
    types = {"".join(w.capitalize() if i else w for i, w in enumerate(name.split("-"))): {"files": [{
        "fileName": f"data/{name}.js", "globalName": f"YTD.{name.replace('-', '_')}.part0", "count": str(n)}]}
        for name, n in sorted(counts.items())}
    return "window.__THAR_CONFIG = " + dump({
        "userInfo": {"accountId": user[0], "userName": user[1], "displayName": user[2]},
        "archiveInfo": {"sizeBytes": str(size), "generationDate": f"{generated:%Y-%m-%dT%H:%M:%S}.000Z",
                        "isPartialArchive": False, "maxPartSizeBytes": "53687091200"},
        "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
        "dataTypes": types})


def write_twitter(r: random.Random, net: Network, inbox: Path, hi: datetime, messages: int) -> Path:
    """``twitter-YYYY-MM-DD-<hash>.zip``; returns its path."""
    path, end, ids = inbox / f"twitter-{hi:%Y-%m-%d}-{r.getrandbits(256):064x}.zip", last_activity(hi), Ids()
    convs, d = plan(r, net, messages, end), Draws(r, net)
    items = owner_files(d, ids, net, hi)
    items["tweets"] = tweets(d, ids, net, end)
    items.update(follower=edges(r, net, "follows_me"), following=edges(r, net, "followed"))
    files = {f"data/{name}.js": ytd(name, values).encode() for name, values in items.items()}
    direct, group = sum(1 + c.split for c in convs if not c.group), sum(1 for c in convs if c.group)
    counts = {**{name: len(values) for name, values in items.items()}, "direct-messages": direct,
              "direct-messages-group": group, "direct-message-headers": direct, "direct-message-group-headers": group}
    # X also writes each DM file again without text (…-headers.js); it comes first in the zip, so it is
    # generated first, from a copy of the random streams: the same conversations, event for event.
    streams = dm_streams(*d.clone(ids), net, convs, end, headers=True)
    streams.update(dm_streams(d, ids, net, convs, end, headers=False))
    with ZipOut(path, hi) as zf:
        zf.write("Your archive.html", VIEWER)
        zf.write("data/README.txt", b"Your X archive. Open Your archive.html to browse it.\n")
        for name in sorted([*files, *streams, "data/manifest.js"]):
            if name in streams:
                zf.stream(name, streams[name])
            elif name in files:
                zf.write(name, files[name])
            else:  # the manifest's size: what precedes it plus what follows it
                size = sum(zf.sizes.values()) + sum(len(data) for n, data in files.items() if n > name)
                zf.write(name, manifest(net, hi, counts, size).encode())
    return path
