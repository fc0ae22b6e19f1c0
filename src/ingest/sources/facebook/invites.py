"""Group invitations the owner sent (``groups/group_invites_you've_sent.json``, 2025).

A list of generic ``label_values`` records, one per person invited: ``{timestamp, media, label_values:
[{label: "Latest notification time", timestamp_value}, {label: "Latest reaction time", timestamp_value},
{label: "Invite message", value}, {title: "Group", dict: [{title: "", dict: [{label: "Name", value}]}]},
{title: "Invitee", dict: [… the same …]}], fbid}`` (Phyoe-ptt/nobel_mount, a published export of 2025,
under ``this_profile's_activity_across_facebook/groups/``). The person is the block titled "Invitee", never
the group's: a record without one names nobody this version can tell, and is refused rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Export
from ...models import Record
from .labels import blocks, person_of
from .people import Handler, read_file
from .rows import Batch, Owner
from .text import at_seconds

# The block naming the person invited, casefolded: English only, as seen [R]; the "Group" block is the group.
INVITEE_TITLES = {"invitee"}
LABEL = "group invitations sent"


def read_group_invites(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    """Each invitation as an ``invitation`` out to the person invited, at the record's ``timestamp``."""
    yield from read_file(export, member, LABEL, (), invite_handler(member, owner, batch))


def invite_handler(member: str, owner: Owner, batch: Batch) -> Handler:
    """The handler of one invitation record (the JSON file's, or its HTML page's rebuilt as one)."""
    def handle(line: int, item: dict) -> None:
        at = at_seconds(item.get("timestamp"), "timestamp")
        if at is None:
            raise ValueError("timestamp: missing")
        name, profile_url = _invitee(item)
        if name in owner:
            batch.account(member, line, name, is_owner=True)
            return
        batch.account(member, line, name, profile_url=profile_url)
        batch.interaction(member, line, name, "invitation", "out", at)
    return handle


def _invitee(item: dict) -> tuple[str, str | None]:
    for title, inner in blocks(item):
        if title in INVITEE_TITLES:
            name, profile_url = person_of(inner)
            if name:
                return name, profile_url
            raise ValueError("label_values.Invitee: no name")
    raise ValueError("label_values: no Invitee block (language not recognised?)")
