"""The owner's tweets: mentions, replies and retweets of other accounts (formats.md §2.3, §2.4).

Read from ``tweet.js`` (T1, bare objects; T2, ``{"tweet": …}``), ``tweets.js`` and ``tweets-partN.js``
(T3 and later), ``deleted-tweets.js`` (T4, same shape) and the legacy ``data/js/tweets/YYYY_MM.js``
(T0). A tweet is a record here only when it names another account; the others are counted in the
file's note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .jsfiles import unwrap

PLATFORM = "twitter"
FIRST_YEAR = 2006  # Twitter began in 2006; HPI saw tweets dated 1997 and 2003 in a 2025 export
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


@dataclass
class Harvest:
    """Handles and names of numeric accounts, gathered from mentions and replies.

    DMs, followers and followings carry only ids (formats.md §2.4); whatever the tweets tell about an
    id is put on those accounts too. A mention's name is the one at archive time, so the newest
    tweet's wins.
    """

    names: dict[str, tuple[datetime, str | None, str | None]] = field(default_factory=dict)

    def add(self, ref: str, at: datetime, handle: str | None, name: str | None) -> None:
        known = self.names.get(ref)
        if known is None or at >= known[0]:
            old_handle, old_name = (known[1], known[2]) if known else (None, None)
            self.names[ref] = (at, handle or old_handle, name or old_name)
        else:
            self.names[ref] = (known[0], known[1] or handle, known[2] or name)

    def handle(self, ref: str) -> str | None:
        return self.names[ref][1] if ref in self.names else None

    def name(self, ref: str) -> str | None:
        return self.names[ref][2] if ref in self.names else None


def parse_tweet_time(text: object) -> datetime:
    """UTC of ``Sat Aug 12 16:10:37 +0000 2023`` (T1 and later) or ``2013-05-02 18:11:05 +0000`` (T0)."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("created_at: missing")
    parts = text.split()
    try:
        if len(parts) == 6:
            day = datetime(int(parts[5]), _MONTHS[parts[1][:3].lower()], int(parts[2]),
                           *map(int, parts[3].split(":")))
        elif len(parts) == 3:
            day = datetime(*map(int, parts[0].split("-")), *map(int, parts[1].split(":")))
        else:
            raise ValueError
        at = day - _offset(parts[-2] if len(parts) == 6 else parts[-1])
    except (ValueError, KeyError, TypeError):
        raise ValueError("created_at: date in no known format") from None
    if at.year < FIRST_YEAR:
        raise ValueError(f"created_at: a year before {FIRST_YEAR} (a known export bug)")
    return at


def _offset(zone: str) -> timedelta:
    if len(zone) != 5 or zone[0] not in "+-" or not zone[1:].isdigit():
        raise ValueError
    delta = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    return delta if zone[0] == "+" else -delta


def account_id(value: object) -> str | None:
    """A numeric account id as a string; None for ``-1`` and anything else that is no account."""
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    return text if text.isdigit() and text.strip("0") else None


def tweet_owner(item: object) -> tuple[str, str | None, str | None] | None:
    """The author embedded in a T0 tweet (``user``): the owner's id, handle and name."""
    tweet = unwrap(item, "tweet")
    user = tweet.get("user") if isinstance(tweet, dict) else None
    ref = account_id(user.get("id_str") or user.get("id")) if isinstance(user, dict) else None
    return (ref, _handle(user.get("screen_name")), _text(user.get("name"))) if ref else None


def tweet_records(item: object, member: str, line: int, owner: str | None, harvest: Harvest) -> list[dict]:
    """Account and Interaction rows (as ``Columns`` values) for the accounts a tweet names; [] for none.

    Raises ValueError (quarantine) when it names someone but cannot be placed in time, or when every
    account it names is ``-1`` (timhutton: "some ids are -1, not sure why").
    """
    tweet = unwrap(item, "tweet")
    if not isinstance(tweet, dict):
        raise ValueError("tweet: not an object")
    people, bogus = _people(tweet, owner)
    if not people:
        if bogus:
            raise ValueError("user_mentions.id: -1, not an account")
        return []
    at = parse_tweet_time(tweet.get("created_at"))
    thread = _text(tweet.get("id_str")) or account_id(tweet.get("id"))
    rows: list[dict] = []
    for ref, (kind, handle, name) in people.items():
        harvest.add(ref, at, handle, name)
        where = dict(member=member, line=line, platform=PLATFORM, account_ref=ref)
        rows.append(dict(where, handle=harvest.handle(ref), display_name=harvest.name(ref)))
        rows.append(dict(where, kind=kind, direction="out", occurred_at=at, thread_ref=thread))
    return rows


def _people(tweet: dict, owner: str | None) -> tuple[dict[str, tuple[str, str | None, str | None]], bool]:
    """Account id → (kind, handle, name) for everyone the tweet addresses; and whether a -1 id was seen."""
    people: dict[str, tuple[str, str | None, str | None]] = {}
    bogus = False
    retweeted = _retweeted_handle(tweet)
    reply = tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id")
    if reply not in (None, ""):
        ref = account_id(reply)
        bogus |= ref is None
        if ref and ref != owner:
            people[ref] = ("reply", _handle(tweet.get("in_reply_to_screen_name")), None)
    for mention in _mentions(tweet):
        ref = account_id(mention.get("id_str") or mention.get("id"))
        bogus |= ref is None
        handle = _handle(mention.get("screen_name"))
        if retweeted and handle != retweeted:
            continue  # in a retweet, the other mentions are the original author's, not the owner's
        if ref and ref != owner:
            kind = "retweet" if retweeted else people.get(ref, ("mention",))[0]
            people[ref] = (kind, handle or people.get(ref, (0, None))[1], _text(mention.get("name")))
    return people, bogus


def _mentions(tweet: dict) -> list[dict]:
    entities = tweet.get("entities")
    mentions = entities.get("user_mentions") if isinstance(entities, dict) else None
    return [m for m in mentions if isinstance(m, dict)] if isinstance(mentions, list) else []


def _retweeted_handle(tweet: dict) -> str | None:
    """The handle in ``RT @handle: …``, the only sign of a retweet the archive keeps reliably (§2.4)."""
    text = tweet.get("full_text") or tweet.get("text")
    if not isinstance(text, str) or not text.startswith("RT @"):
        return None
    return _handle(text[4:].split(":", 1)[0].split()[0]) if text[4:].strip() else None


def _handle(value: object) -> str | None:
    text = _text(value)
    return (text.lstrip("@").lower() or None) if text else None


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
