"""What the files of one archive share: the owner, harvested names, message ids read, small helpers."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ...models import MemberNote, Quarantined, reason_of
from .jsfiles import excerpt

PLATFORM = "twitter"
FIRST_YEAR = 2006  # Twitter began in 2006; HPI saw tweets dated 1997 and 2003 in a 2025 export
UNKNOWN_OWNER = "the owner's account id is unknown (no account.js or manifest.js in this export)"


# Digits of the longest account id: ids are 64-bit numbers (a follower's "accountId" of 100,000 digits was loaded as
# an account, its id a 100 KB key)
MAX_ID_DIGITS = 20


def account_id(value: object) -> str | None:
    """A numeric account id as a string; None for ``-1`` and anything else that is no account."""
    if type(value) is str and value.isascii() and value.isdigit():  # the hot path: ids are strings
        return value if value.strip("0") and len(value) <= MAX_ID_DIGITS else None
    if type(value) is int:
        return str(value) if 0 < value < 1 << 64 else None
    text = value.strip() if isinstance(value, str) else ""
    return text if text.isascii() and text.isdigit() and text.strip("0") and len(text) <= MAX_ID_DIGITS else None


def millis_time(text: str, name: str) -> datetime:
    """UTC of milliseconds since 1970 written as 13 digits ("1530522845120"), naive: the 2018 archive's DM times
    and X Chat's ``createdAtMsec``. Other lengths are no time (and never overflow a datetime)."""
    return _epoch_time(text, name, 13)


def seconds_time(text: str, name: str) -> datetime:
    """UTC of seconds since 1970 written as 10 digits ("1346923039"), naive: the 2018 archive's
    ``screen-name-change.js`` (natalieacpm/na). Other lengths are no time."""
    return _epoch_time(text, name, 10)


def _epoch_time(text: str, name: str, digits: int) -> datetime:
    if len(text) != digits or not text.isascii() or not text.isdigit():
        raise ValueError(f"{name}: date in no known format")
    at = datetime.fromtimestamp(int(text) / 10 ** (digits - 10), timezone.utc).replace(tzinfo=None)
    if at.year < FIRST_YEAR:
        raise ValueError(f"{name}: a year before {FIRST_YEAR} (a known export bug)")
    return at


def clean_text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def clean_handle(value: object) -> str | None:
    """A screen name as the models want it: without @, lowercased."""
    text = clean_text(value)
    return (text.lstrip("@").lower() or None) if text else None


@dataclass
class Harvest:
    """Handles and names of numeric accounts, gathered from mentions and replies.

    DMs, followers and followings carry only ids (formats.md §2.4); whatever the tweets tell about an
    id is put on those accounts too. A mention's name is the one at archive time, so the newest
    tweet's wins. Every handle seen for an id is kept too: note tweets name people by handle alone.
    """

    names: dict[str, tuple[datetime, str | None, str | None]] = field(default_factory=dict)
    refs: dict[str, set[str]] = field(default_factory=dict)  # handle → every id it was seen with

    def add(self, ref: str, at: datetime, handle: str | None, name: str | None) -> None:
        if handle:
            self.refs.setdefault(handle, set()).add(ref)
        known = self.names.get(ref)
        if known is None:
            self.names[ref] = (at, handle, name)
        elif at >= known[0]:
            self.names[ref] = (at, handle or known[1], name or known[2])
        else:
            self.names[ref] = (known[0], known[1] or handle, known[2] or name)

    def ref_of(self, handle: str) -> str | None:
        """The one account id the archive's tweets show with this screen name; None for none or several (a screen
        name taken over by another account): how note tweets' mentions and quoted authors are placed."""
        refs = self.refs.get(handle, ())
        return next(iter(refs)) if len(refs) == 1 else None

    def handle(self, ref: str) -> str | None:
        return self.names[ref][1] if ref in self.names else None

    def name(self, ref: str) -> str | None:
        return self.names[ref][2] if ref in self.names else None


@dataclass
class Context:
    """What one export's files tell each other."""

    owner: str | None = None
    harvest: Harvest = field(default_factory=Harvest)
    seen: set = field(default_factory=set)  # ids of the messages read so far
    expected: dict[str, int] = field(default_factory=dict)  # member → entries the manifest counts
    index_name: str = "manifest.js"  # the file that counts them: T0's is tweet_index.js
    pending_owner: tuple[str, str | None, str | None] | None = None  # T0: found in a tweet, not yet yielded
    owner_searched: bool = False  # in the conversation ids, when no file names the owner
    owner_note: str | None = None  # how it was found, when by the owner's replies: on the first tweets file's note
    keep_text: bool = False  # the owner opted in to keeping message text
    owner_handles: set[str] = field(default_factory=set)  # the owner's own screen names (account.js, manifest)
    # The owner's former screen names (screen-name-change.js) → the spans (from, until; None: open) they held each
    former_handles: dict[str, list[tuple[datetime | None, datetime | None]]] = field(default_factory=dict)
    # Only when the export holds note tweets: second of posting → the accounts a tweet or note posted then
    # was counted with, so that a note does not count again the mentions of the tweet it completes (notes.py).
    named: dict[int, set[str]] | None = None
    # Only when the export holds more than one kind of tweets file (a circle tweet may be in tweets.js too):
    # the ids of the tweets counted so far, each counted once (tweets.py).
    tweets: set[str] | None = None
    # Tweets quoting others' posts (screen names only) and the versions of edited posts, settled once every tweets
    # file is read, and the closing notes (records read, entries, naming nobody, tweets.Skipped, how the owner was
    # found) of the files that hold them, until then (quotes.py).
    quotes: list = field(default_factory=list)
    # Only when the export holds T0's CSV copy of its tweets: the id of every tweet of the JS files, and of the CSV
    # rows read, so that a row is read only when its tweet is nowhere else (csvtweets.py).
    every_tweet: set[str] | None = None
    held_notes: dict[str, tuple] = field(default_factory=dict)

    def remember(self, at: datetime, ref: str) -> None:
        if self.named is not None:
            self.named.setdefault(calendar.timegm(at.timetuple()), set()).add(ref)

    def others(self, handles: Iterable[str], when: Callable[[], datetime]) -> list[str]:
        """The screen names that are not the owner's: neither a current one nor a former one the owner held at the
        time ``when()`` gives (asked only then; its ValueError is the caller's). A screen name given up may be
        taken by someone else: outside the owner's span it is anyone's."""
        handles = [h for h in handles if h not in self.owner_handles]
        if not any(h in self.former_handles for h in handles):
            return handles
        at = when()
        return [h for h in handles if not any(_within(at, span) for span in self.former_handles.get(h, ()))]

    def counted(self, at: datetime, ref: str) -> bool:
        """Whether a tweet or note posted within a second of ``at`` was counted with ``ref`` already."""
        second = calendar.timegm(at.timetuple())
        return self.named is not None and any(ref in self.named.get(s, ()) for s in (second - 1, second, second + 1))


def _within(at: datetime, span: tuple[datetime | None, datetime | None]) -> bool:
    start, until = span
    return (start is None or start <= at) and (until is None or at < until)


def quarantined(member: str, line: int, exc: ValueError, raw: object) -> Quarantined:
    return Quarantined(member=member, line=line, reason=reason_of(exc), excerpt=excerpt(raw))


# A file of the owner's own details may hold fewer entries than manifest.js counts: smwhr/old-twitter data/phone-
# number.js, emptied by its publisher (the manifest counts 1). Told to download the archive again "if people are
# missing", the owner was sent after nobody: such a file's note says no other person is missing.
OWNER_ONLY_COUNT = "the owner's own details, no other person is missing"


def parsed_note(member: str, read: int, note: str, ctx: Context, entries: int, owner_only: bool = False) -> MemberNote:
    """The closing note of a file; says so when the archive's index counted a different number of entries (and,
    ``owner_only``, that the file holds only the owner's own details)."""
    expected = ctx.expected.get(member)
    if expected is not None and expected != entries:
        note = f"{note}; {ctx.index_name} counts {expected} entries, the file holds {entries}"
        note += f" ({OWNER_ONLY_COUNT})" if owner_only else ""
    return MemberNote(member=member, line=0, handling="parsed", note=note, records_read=read)
