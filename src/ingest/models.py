"""The records every source yields: the contract between parsers and the database.

Raw DuckDB tables and the JSON Schema files under ``schemas/`` are generated from these
models (``ingest.schema``); a test fails when they drift apart.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .normalise import CONTROL_CHARACTERS, printable

_CONTROL = re.compile(CONTROL_CHARACTERS)
SOCIAL_PLATFORMS = ("facebook", "xing", "twitter", "linkedin")
OFFLINE_SOURCES = ("journal", "calendar", "addressbook", "calls")

Direction = Literal["in", "out", "mutual"]
# The account_ref of an owner's message to a group (``Interaction.recipients_line``): never an account's
GROUP_REF = "(group)"
# How an offline interaction happened; in_person and meal are "met in person"; group is a calendar
# event with many guests (a conference, an all-hands), not a personal meeting with each of them.
Mode = Literal["in_person", "video", "call", "meal", "letter", "gift", "group", "other"]


class Record(BaseModel):
    """Where a record came from inside its export: the member file and the line or record number."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    member: str = Field(description="path of the file inside the export")
    line: int = Field(ge=0, description="line (CSV) or record number inside the member")

    @model_validator(mode="before")
    @classmethod
    def _printable(cls, data):
        """No text of a record holds a control character but tab and newline (``normalise.printable``):
        cleaned here, where every source's records are made, so that nothing downstream has to. A batch
        of ``Columns`` sends its rows that hold one here (``columns.validate_columns``)."""
        if isinstance(data, dict) and any(type(v) is str and _CONTROL.search(v) for v in data.values()):
            return {name: cls._cleaned(name, v) if type(v) is str else v for name, v in data.items()}
        return data

    @classmethod
    def _cleaned(cls, name: str, value: str) -> str | None:
        """An optional text that held nothing but control characters is missing, not empty."""
        cleaned = printable(value)
        field = cls.model_fields.get(name)
        return None if not cleaned.strip() and field is not None and not field.is_required() else cleaned


class Account(Record):
    """One account of a person on one platform or offline source, as seen in one row."""

    platform: str
    account_ref: str = Field(min_length=1, description="the platform's own identifier, see design.md")
    display_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    profile_url: str | None = None
    handle: str | None = Field(None, description="screen name or username, without @, lowercased")
    company: str | None = None
    position: str | None = None
    connected_at: datetime | None = Field(None, description="when the connection began, UTC")
    is_owner: bool = False


class Interaction(Record):
    """One interaction between the owner and one account; or an owner's message to a group, stored once with
    ``recipients_line`` naming its list of members (``Recipient``), one interaction with each of them from
    staging on (``sql/staging/stg_interactions.sql``)."""

    platform: str
    account_ref: str = Field(min_length=1)
    kind: str = Field(description="message, connection, invitation, endorsement, recommendation, meeting, call, …")
    direction: Direction
    occurred_at: datetime = Field(description="UTC")
    is_offline: bool = False
    thread_ref: str | None = Field(None, description="conversation or thread the interaction belongs to")
    is_group: bool = Field(False, description="in a conversation with more than one other person")
    mode: Mode | None = Field(None, description="offline interactions: in_person, video, call, meal, letter, gift, "
                                                "group, other")
    message_text: str | None = Field(None, description="what was written (messages; a tweet's mentions and replies), "
                                                       "only when the owner opts in (--keep-message-text); else null")
    recipients_line: int | None = Field(None, ge=0, description="an owner's message to a group: the line of its "
                                        "members in raw_recipients (same export and member); account_ref is then "
                                        f"'{GROUP_REF}'")


class Recipient(Record):
    """One member of a group the owner wrote to, on a list shared by the owner's messages to the same members.

    A group of fifty and a thousand messages were fifty thousand rows of one message each; now a
    thousand, and a list written once per conversation and change of members, at the ``line`` of the
    first message that went to it (``Interaction.recipients_line``)."""

    platform: str
    account_ref: str = Field(min_length=1)


class Quarantined(Record):
    """A record that could not be loaded, and why."""

    reason: str
    excerpt: str = Field(description="the raw record, cut to 300 characters")


class MemberNote(Record):
    """How one file inside an export was handled, with the number of records read from it.

    ``no_people``: read whole, and nothing in it is about people (a calendar of one's own events:
    holidays, birthdays, appointments): complete with zero records, where ``parsed`` with zero is an
    export that is not."""

    handling: Literal["parsed", "ignored", "unknown", "no_people"]
    note: str = ""
    records_read: int = 0


RECORD_TABLES: dict[type[Record], str] = {
    Account: "raw_accounts",
    Interaction: "raw_interactions",
    Recipient: "raw_recipients",
    Quarantined: "raw_quarantine",
    MemberNote: "raw_members",
}


def reason_of(exc: ValueError) -> str:
    """A quarantine reason that names fields and problems, never the offending values (personal data)."""
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_input=False))
    return str(exc)
