"""Rows of one Facebook export gathered column-wise, the owner, and the tally of each member file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from ...columns import Columns
from ...models import Account, Interaction, MemberNote, Quarantined
from .text import excerpt

PLATFORM = "facebook"
BATCH_ROWS = 50_000


@dataclass(frozen=True)
class Owner:
    """The export's owner: every name they go by (profile full name, first + last, Messenger name)."""

    ref: str | None = None
    names: frozenset[str] = frozenset()
    from_titles: frozenset[str] = frozenset()  # the owner's posts files whose titles named the owner (posts.py)
    note: str | None = None  # how a name was found beside the profile's (parsing.thread_name), for its member note

    def __contains__(self, name: str) -> bool:
        return name in self.names

    @property
    def known(self) -> bool:
        return self.ref is not None


class Batch:
    """Account and Interaction rows in ``Columns``, handed over every ``BATCH_ROWS`` rows; ``names``
    keeps every other person's name met so far (titles are read by them, titles.py)."""

    def __init__(self) -> None:
        self.accounts = Columns(Account)
        self.interactions = Columns(Interaction)
        self.names: set[str] = set()
        # told every new name while the titles are read (parsing.py), so a person a title names first is known
        # to the titles read after it without reading any file twice
        self.learn: Callable[[str], None] | None = None

    def account(self, member: str, line: int, ref: str, **fields) -> None:
        self.accounts.append(member=member, line=line, platform=PLATFORM, account_ref=ref, display_name=ref, **fields)
        if not fields.get("is_owner") and ref not in self.names:
            self.names.add(ref)
            if self.learn is not None:
                self.learn(ref)

    def interaction(self, member: str, line: int, ref: str, kind: str, direction: str, at: datetime,
                    thread_ref: str | None = None, is_group: bool = False) -> None:
        self.interactions.append(member=member, line=line, platform=PLATFORM, account_ref=ref, kind=kind,
                                 direction=direction, occurred_at=at, thread_ref=thread_ref, is_group=is_group)

    def extend_interactions(self, member: str, columns: dict[str, list], **constant) -> None:
        """Many interactions of one file at once: ``columns`` of line, account_ref, kind, direction
        and occurred_at, the other fields ``constant``. The hot path for messages: appending row by
        row through ``Columns.append`` costs several times as much."""
        if columns["line"]:
            self.interactions.extend(columns, member=member, platform=PLATFORM, **constant)

    def full(self) -> bool:
        return len(self.accounts) + len(self.interactions) >= BATCH_ROWS

    def take(self) -> Iterator[Columns]:
        for columns in (self.accounts, self.interactions):
            if len(columns):
                yield columns.take()


@dataclass
class Tally:
    """What was read from one member file: records, and notes on what was left out and why."""

    member: str
    read: int = 0
    notes: dict[str, int | None] = field(default_factory=dict)

    def note(self, what: str, count: int | None = 1) -> None:
        """Count ``what``; with ``count=None`` a remark without a count."""
        self.notes[what] = None if count is None else (self.notes.get(what) or 0) + count

    def quarantine(self, line: int, reason: str, record) -> Quarantined:
        return Quarantined(member=self.member, line=line, reason=reason, excerpt=excerpt(record))

    def member_note(self, kind: str) -> MemberNote:
        extra = "; ".join(what if count is None else f"{what}: {count}" for what, count in sorted(self.notes.items()))
        note = f"{kind}; {extra}" if extra else kind
        return MemberNote(member=self.member, line=0, handling="parsed", note=note, records_read=self.read)

