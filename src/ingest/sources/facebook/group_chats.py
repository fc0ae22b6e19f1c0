"""Group chats of Facebook groups, ``your_facebook_activity/groups/your_group_messages/<id>.json`` (2025):
``thread_name`` and DYI messages, no participants ([INV] nikbpetrov/timelinize docs/fork/facebook-inventory.md).

Read as a Messenger group thread is (threads.py), its people being its senders and those who reacted, so the
owner's message goes to everyone seen writing or reacting in the chat. The same chat may sit in
messages/inbox too: these files are read first and an inbox thread titled as the chat loads their messages
(sender, time, text) once, its accounts only; a chat renamed since, titled otherwise, is not recognised
and is counted in both.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Export
from ...columns import Columns
from ...models import Record
from .layout import split
from .text import as_list, name_of
from .threads import DYI_FIELDS, load_thread, read_messages
from .writer import ThreadWriter


def read_group_chats(export: Export, members: list[str], writer: ThreadWriter,
                     shared: dict[str, set]) -> Iterator[Record | Columns]:
    """Every group chat file; ``shared`` gets the messages read, by chat name, for ``read_dyi_threads``."""
    for member in members:
        data, broken = load_thread(export, member)
        if broken:
            yield from broken
            continue
        seen = shared.setdefault(name_of(data.get("thread_name")) or member, set())
        writer.open(member, "your_group_messages/" + split(member)[1], chat_people(data["messages"]), seen, True,
                    label="Facebook group chat")
        yield from read_messages(writer, data["messages"], DYI_FIELDS)
        yield writer.close()


def chat_people(messages: list) -> list[str]:
    """Senders and reaction actors of a chat without a participants list, in order of appearance."""
    found = [(m.get("sender_name"), *(r.get("actor") for r in as_list(m.get("reactions")) if isinstance(r, dict)))
             for m in messages if isinstance(m, dict)]
    return list(dict.fromkeys(n for names in found for n in map(name_of, names) if n))
