"""A group admin's actions (``groups/your_admin_actions.json``, 2025), the people they were taken on as accounts.

One ``{timestamp, media, label_values, fbid}`` record whose ``label_values`` is a flat run of actions, each six
entries: ``{label: "Changes", dict}``, ``{label: "Note", value}``, ``{label: "Admin action"}``, ``{title: "Content",
dict}``, ``{title: "Group", dict: [{dict: [{label: "Name", value}]}]}``, ``{title: "Person", dict: [… the same …]}``,
each action after the first closed by a loose ``{timestamp_value}`` (Phyoe-ptt/nobel_mount, a published export of
2025, ``this_profile's_activity_across_facebook/groups/``: 16 actions, 6 naming a person). An action starts where the
record's first label comes again, whatever the language. What the admin did is not written (the "Admin action" entry
holds no value), and no interaction kind says "an admin acted on you": each person is an account only, counted in the
file's note; an action on nobody is refused as naming nobody.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Export
from ...models import Record
from .labels import blocks, entries, label_key, person_of
from .people import json_or_broken, read_items
from .rows import Batch, Owner, Tally

LABEL = "group admin actions"
# The block naming the person acted on, casefolded: English only, as seen [R]; the "Group" block is the group.
PERSON_TITLES = {"person"}
ACCOUNT_ONLY = "people a group admin action was taken on (account only: what was done is not written)"


def read_admin_actions(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    tally = Tally(member)
    data = yield from json_or_broken(export, member, tally, LABEL)
    if data is None:
        return
    records = data if isinstance(data, list) else [data]
    actions = [action for record in records if isinstance(record, dict) for action in split_actions(record)]
    yield from read_items(tally, actions, _handler(member, owner, batch, tally))
    yield tally.member_note(LABEL)


def split_actions(record: dict) -> list[dict]:
    """The actions of one record, each as a record of its own entries (``{"label_values": [...]}``)."""
    items = entries(record)
    if not items:
        return [record]
    first = label_key(items[0])
    actions: list[list[dict]] = []
    for entry in items:
        if not actions or (first and label_key(entry) == first):
            actions.append([])
        actions[-1].append(entry)
    return [{"label_values": action} for action in actions]


def _handler(member: str, owner: Owner, batch: Batch, tally: Tally):
    def handle(line: int, action: dict) -> None:
        name = _person(action)
        if name is None:
            raise ValueError("label_values.Person: all empty (an action on no person)")
        batch.account(member, line, name, is_owner=name in owner)
        tally.note(ACCOUNT_ONLY)
    return handle


def _person(action: dict) -> str | None:
    for title, inner in blocks(action):
        if title in PERSON_TITLES:
            return person_of(inner)[0]
    return None
