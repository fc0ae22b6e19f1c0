"""The rows of one Messenger thread file, whatever variant it was read from (DYI JSON, E2EE, HTML).

One message is one record (``line`` = its 1-based place in the file's messages). It yields one Interaction
per counterpart: from the sender ("in"), or from the owner to every other participant ("out"), plus one per
reaction between the owner and the sender. Message text is read to tell repeated messages apart, and kept only
when the owner opts in (``keep_text``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ...models import MemberNote
from ..text_repair import repair
from .notices import NOTICE, REACTION_NOTICE, new_friend_name
from .rows import Batch, Owner, Tally
from .text import is_assistant, is_placeholder, name_of

ROW_FIELDS = ("line", "account_ref", "kind", "direction", "occurred_at")
REPEAT = "repeats of a message read from another file (account only)"
GONE_ONLY = "participants: no one besides the owner but a deleted or deactivated account"
# Records that are no message, each loaded as its sender's account only and counted in the file's note.
ACCOUNT_ONLY = {"left": "people leaving a group (account only)", "notice": NOTICE, "reaction_notice": REACTION_NOTICE}
# A message of Meta AI, Facebook's chatbot (text.ASSISTANTS): no person, so no counterpart; advice.sql's
# "no counterpart" says there is nothing to do.
ASSISTANT = "sender_name: Meta AI, Facebook's chatbot, no person (no counterpart)"
ASSISTANT_ONLY = "participants: no one besides the owner but Meta AI, Facebook's chatbot"
# A sender Facebook names "" (JSON) or with an empty or absent sender cell (HTML): an account the export no longer
# names, deleted, deactivated or hidden from the owner (tieubachlongblog/thanhbobber, 2025: a thread folder of digits,
# the other participant ""; readourchat/readourchat.github.io: an HTML thread whose other side has no sender cell).
# Nobody is named, so no download or profile brings the person back; the wording is what advice.sql's "nothing to
# do: the platform no longer names this account" matches ("deleted or deactivated account").
NAMELESS = "no name, a deleted or deactivated account or one hidden from you, nothing to recover"
# Messenger's "Say hi to your new Facebook friend, X." (notices.py): a friendship at the notice's time, with the
# thread's other person (the title of an HTML thread without a participants line). An export that lists its friends
# dates the friendship there already: the friend's account alone, as the friendship must not count twice.
NEW_FRIEND = "new friends told by Messenger's \"Say hi to your new Facebook friend\" (read as the friendship)"
NEW_FRIEND_LISTED = ("new friends told by Messenger's \"Say hi to your new Facebook friend\" (account only: the "
                     "friends list dates the friendship)")


def nameless(field: str) -> str:
    """The quarantine reason of a message whose sender ``field`` is there but names nobody."""
    return f"{field}: {NAMELESS}"


class ThreadWriter:
    """Turns the messages of one thread file into rows, whatever variant they were read from.

    Rows of a file are gathered column by column and handed to the batch when the file is closed.
    """

    COUNTERPART, OWNER, PLACEHOLDER, ASSISTANT = 0, 1, 2, 3  # read_messages' fast path compares with 0 and 1

    def __init__(self, owner: Owner, batch: Batch, keep_text: bool = False, friends_listed: bool = False) -> None:
        """``friends_listed``: the export lists the owner's friends (a friendship is dated there)."""
        self.owner, self.batch, self.keep_text = owner, batch, keep_text
        self.friends_listed = friends_listed
        self.fields = ROW_FIELDS + ("message_text",) * keep_text
        self.roles: dict[str, int] = {}

    def open(self, member: str, thread_ref: str, people: Iterable[str], seen: set | None, group: bool = False,
             label: str = "Messenger thread", incoming: bool = False, unnamed: bool = False) -> Tally:
        """``incoming``: no message of the file can be the owner's (``incoming_only``), so they are read
        even when the owner is not known; ``unnamed``: a participant or sender of the file has no name."""
        self.member, self.thread_ref, self.seen, self.label = member, thread_ref, seen, label
        self.fresh: set = set()  # this file's messages, a repeat only of another file's (``seen`` once it is closed)
        self.incoming = incoming
        people = list(dict.fromkeys(people))
        self.others = [p for p in people if self.role(p) == self.COUNTERPART]
        # a deleted account is in it: a placeholder's name, or one without a name (``unnamed``)
        self.gone = unnamed or any(self.role(p) == self.PLACEHOLDER for p in people)
        self.assistant = any(self.role(p) == self.ASSISTANT for p in people)  # a thread with Meta AI
        self.is_group = group or len(self.others) > 1
        self.accounts: set[str] = set()
        self.others_listed = False
        self.rows: dict[str, list] = {name: [] for name in self.fields}
        self.tally = Tally(member)
        return self.tally

    def add(self, line: int, ref: str, kind: str, direction: str, at: datetime | int,
            text: str | None = None) -> None:
        """One row; ``at`` a datetime or microseconds since the epoch (``Columns`` takes both)."""
        rows = self.rows
        rows["line"].append(line), rows["account_ref"].append(ref), rows["kind"].append(kind)
        rows["direction"].append(direction), rows["occurred_at"].append(at)
        if self.keep_text:
            rows["message_text"].append(text)

    def flush(self) -> None:
        self.batch.extend_interactions(self.member, self.rows, thread_ref=self.thread_ref, is_group=self.is_group)
        self.rows = {name: [] for name in self.fields}

    def close(self) -> MemberNote:
        self.flush()
        if self.seen is not None:
            self.seen.update(self.fresh)
        return self.tally.member_note(self.label)

    def role(self, name: str) -> int:
        role = self.roles.get(name)
        if role is None:
            role = (self.OWNER if name in self.owner else self.PLACEHOLDER if is_placeholder(name)
                    else self.ASSISTANT if is_assistant(name) else self.COUNTERPART)
            self.roles[name] = role
        return role

    def message(self, line: int, sender: str, at: datetime | int, kind: str, key: tuple, reactions) -> str | None:
        """Rows of one valid message; the quarantine reason when it cannot be loaded."""
        if self.role(sender) == self.ASSISTANT:
            return ASSISTANT
        if not self.owner.known and not self.incoming:
            return "sender_name: cannot tell the owner's messages apart (no profile, no name common to the threads)"
        role = self.role(sender)
        if role == self.PLACEHOLDER:
            return "sender_name: a deleted or deactivated account, not one person"
        if self.seen is not None:
            # only a message of another file is a repeat: two of one file with the same sender, time and text are
            # two (an HTML thread's times are to the second, a sticker or a photo has no text: jdecpn-shru-error1
            # 29.02.2024 message_1.html, one emoji sent four times in a second)
            if key in self.seen:
                self.tally.note(REPEAT)
                self._account(line, sender, always=True)
                return None
            self.fresh.add(key)
        if kind == "new_friend":
            self._new_friend(line, sender, at, key[2])
            return None
        if kind in ACCOUNT_ONLY:  # someone left a group, or Messenger's own notice (notices.py): not a message
            self.tally.note(ACCOUNT_ONLY[kind])
            self._account(line, sender, always=True)
            if role == self.OWNER and not self.is_group:  # "You are now connected on Messenger" of the owner's
                for other in self.others:  # names the other one too: the only trace of them in a thread of it alone
                    self._account(line, other)
            return None
        text = _text_of(key[2]) if self.keep_text and kind == "message" else None
        if role == self.OWNER:
            if not self.others:
                return self._alone()
            for other in self.others:
                self.add(line, other, kind, "out", at, text)
            if not self.others_listed:  # the first message to them all: their accounts, and the owner's
                self.others_listed = True
                for name in (sender, *self.others):
                    self._account(line, name)
        else:
            self.add(line, sender, kind, "in", at, text)
            self._account(line, sender)
        if reactions:
            self._reactions(line, sender, role, reactions, at)
        return None

    def _new_friend(self, line: int, sender: str, at: datetime | int, body) -> None:
        """The friend of a "Say hi to your new Facebook friend" notice: its account and, unless the export lists
        its friends (``NEW_FRIEND_LISTED``), a friendship at the notice's time."""
        friends = self._friends_of(sender, new_friend_name(_first_line(body)))
        if not friends:  # nobody to be the friend: the sender's account, as any notice
            self.tally.note(NOTICE)
            self._account(line, sender, always=True)
            return
        self.tally.note(NEW_FRIEND_LISTED if self.friends_listed else NEW_FRIEND)
        for friend in friends:
            if not self.friends_listed:
                self.add(line, friend, "friendship", "mutual", at)
            self._account(line, friend, always=True)

    def _friends_of(self, sender: str, named: str | None) -> list[str]:
        """The new friend: the sender when not the owner; else the thread's other person, the one of a group whose
        first name the notice gives; the name the notice gives when the thread names nobody else."""
        if self.role(sender) == self.COUNTERPART:
            return [sender]
        if len(self.others) == 1:
            return list(self.others)
        if self.others:
            first = named.split(" ", 1)[0] if named else None
            matching = [other for other in self.others if other.split(" ", 1)[0] == first]
            return matching if len(matching) == 1 else []
        return [named] if named and self.role(named) == self.COUNTERPART else []

    def _alone(self) -> str:
        """Why the owner's message in a thread of no one else is refused."""
        if self.gone:
            return GONE_ONLY
        return ASSISTANT_ONLY if self.assistant else "participants: no one besides the owner"

    def _account(self, line: int, name: str, always: bool = False) -> None:
        """The account once per file; ``always`` for a record whose only row it is (a repeat, a leaving)."""
        if always or name not in self.accounts:
            self.accounts.add(name)
            self.batch.account(self.member, line, name, is_owner=self.role(name) == self.OWNER)

    def _reactions(self, line: int, sender: str, role: int, reactions, at: datetime | int) -> None:
        """Who reacted to whose message; reactions carry no time of their own, so the message's is used."""
        for reaction in reactions if isinstance(reactions, list) else ():
            actor = name_of(reaction.get("actor")) if isinstance(reaction, dict) else None
            actor_role = self.role(actor) if actor else self.PLACEHOLDER
            if actor_role == self.PLACEHOLDER:
                self.tally.note("reactions without a usable actor (not loaded)")
            elif self.ASSISTANT in (actor_role, role):
                self.tally.note("reactions of or to Meta AI, no person (not loaded)")
            elif actor_role == self.OWNER and role == self.COUNTERPART:
                self.add(line, sender, "reaction", "out", at)
            elif role == self.OWNER and actor_role == self.COUNTERPART:
                self.add(line, actor, "reaction", "in", at)
                self._account(line, actor)


def _first_line(body) -> str | None:
    """The first line of a message's text (``_text_of``): a notice's sentence, without what an HTML record adds."""
    text = _text_of(body)
    return text.split("\n", 1)[0] if text else None


def _text_of(body) -> str | None:
    """A message's text as its variant gives it: a string (JSON, mojibake repaired), an HTML record's texts."""
    if isinstance(body, tuple):
        body = "\n".join(part for part in body if isinstance(part, str) and part)
    return (repair(body) or None) if isinstance(body, str) else None
