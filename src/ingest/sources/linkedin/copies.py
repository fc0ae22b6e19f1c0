"""Files that repeat another file of the same kind in the same folder (``copies``), and the rows of a file read
beside its original without the people that original names already (``Copy.rows_new``)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..archive import Export
from ...models import MemberNote
from ..tabular import Row, canonical
from .files import FILES, rows_of
from .rows import connection_name, profile_url

# Kinds of file that name each person once: a second file of the kind in one folder names the same connections again.
# A user's "Connections copy.csv" beside Connections.csv (Fpini/Linkedin_Profile, 2025) has an eighth column,
# "Location", filled on 598 of its 1,429 rows and some positions edited: no row is the original's row for row, so
# the copy was read as well; 831 of its rows refused ("row has 7 fields, the header 8") and 597 connections counted
# twice. A copy is told by its people (profile URL, else name): those also in a fuller file are left out, others read.
ONE_ROW_EACH = frozenset({"connections", "legacy_connections", "outlook_connections"})
COPY_NOTE = "{n} connections also in {original} of this export left out (a copy of it): the others read"


@dataclass(frozen=True)
class Copy:
    """A file that repeats ``original``: whole (not read), or ``known``, the keys of the rows left out."""

    original: str
    kind: str
    whole: bool
    known: Counter = field(default_factory=Counter)

    def rows_new(self, rows: Iterable[Row]) -> Iterator[Row]:
        """The rows but those of a person the original names already (each as many times as it does)."""
        left = Counter(self.known)
        for row in rows:
            key = person_key(row)
            if left[key] > 0:
                left[key] -= 1
                continue
            yield row

    def note(self) -> str:
        return COPY_NOTE.format(n=sum(self.known.values()), original=PurePosixPath(self.original).name)


def copies(export: Export, kinds: dict[str, str | None]) -> dict[str, Copy]:
    """Files that repeat another file of the same kind in the same folder: each with the file it repeats. The 2022
    Complete export holds "Endorsement Received Info.csv" (UTF-16, tabs, also the endorsements now "Redacted") beside
    "Endorsement_Received_Info.csv", whose rows are all in the other (Sajiah/mylinkedindata): reading both would
    count every endorsement twice; "messages (1).csv", Windows' name for a second copy of messages.csv (a file
    downloaded or unpacked twice), counted every message twice. Files that only overlap are both read, but for the
    kinds ``ONE_ROW_EACH``."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for member, kind in kinds.items():
        if kind is not None:
            groups[kind, str(PurePosixPath(member).parent)].append(member)
    found: dict[str, Copy] = {}
    for (kind, _), members in groups.items():
        if len(members) > 1:
            found.update(_people_copies(export, members, kind) if kind in ONE_ROW_EACH
                         else _row_copies(export, members, kind))
    return found


def person_key(row: Row) -> str:
    """Who a row of a ``ONE_ROW_EACH`` file names: the profile URL, else the name without case."""
    return profile_url(row.get("url")) or (connection_name(row) or "").casefold()


def _people_copies(export: Export, members: list[str], kind: str) -> dict[str, Copy]:
    """Files read after a fuller one (more rows read whole; of two alike, the first by name): each with the people
    the files before it name, whole when it names no one else."""
    people = {member: _people(export, member, kind) for member in members}
    order = sorted(members, key=lambda m: (-people[m][1], *_named_as_copy(m)))
    seen, found = Counter(), {}
    for member in order:
        own = people[member][0]
        if known := own & seen:
            found[member] = Copy(order[0], kind, whole=own <= seen, known=known)
        seen |= own
    return found


def _people(export: Export, member: str, kind: str) -> tuple[Counter, int]:
    """The person keys of a file's rows, and how many of its rows have as many fields as its header."""
    keys, whole = Counter(), 0
    for row in rows_of(export, member, kind):
        keys[person_key(row)] += 1
        whole += row.problem is None
    return keys, whole


def _row_copies(export: Export, members: list[str], kind: str) -> dict[str, Copy]:
    """Each file whose rows are all in a fuller file (or, of two equal files, the one named as a copy, else the later
    by name)."""
    keys = {member: _row_keys(export, member, kind) for member in sorted(members, key=_named_as_copy)}
    rank = {member: place for place, member in enumerate(keys)}
    found: dict[str, Copy] = {}
    for member, rows in keys.items():
        for other, fuller in keys.items():
            if other != member and other not in found and rows <= fuller \
                    and (rows != fuller or rank[other] < rank[member]):
                found[member] = Copy(other, kind, whole=True)
                break
    return found


def _named_as_copy(member: str) -> tuple[bool, str]:
    """Files named as a copy ("messages (1).csv") after the others, then by name: of two equal files the original
    is read."""
    return bool(_COPY_MARK.search(member)), member


_COPY_MARK = re.compile(r" \(\d+\)(?=\.[^./]+$)")


def _row_keys(export: Export, member: str, kind: str) -> Counter:
    columns = [canonical(column) for column in FILES[kind]]
    return Counter(tuple((row.get(c) or "").casefold() for c in columns) for row in rows_of(export, member, kind))


def note_copy(member: str, copy: Copy) -> MemberNote:
    original = PurePosixPath(copy.original).name
    if copy.kind in ONE_ROW_EACH:
        note = f"a copy of {original} of this export, which is read: every connection on it is there too"
    else:
        note = f"every row is also in {original} of this export, which is read"
    return MemberNote(member=member, line=0, handling="ignored", note=note)
