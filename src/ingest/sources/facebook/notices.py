"""Messenger's own notices, written as messages in DYI JSON threads without a ``type`` (2024 on).

Up to 2023 a notice carried a ``type`` ("Unsubscribe" for leaving, "Call" for calls). Since 2024 the key is
gone: a real export of 2025 (nikbpetrov/timelinize ``docs/fork/facebook-inventory.md`` §E.3, 775,000
messages of ``your_facebook_activity/messages/{inbox,archived_threads,e2ee_cutover,…}``) has no message with
a ``type`` and, among its ``content`` (§E.6), 4,204 "member added", 954 "member left", 220 "group named", 123
nickname, 60 "member removed", 53 group photo, 28 "Reacted X to your message", 11 "connected", 9 pinned, and
855 missed-call texts; adurivault/FBMessage PR #5 (2025) names the missing ``type``, tdauth/qronicle
``README.md`` shows the message keys. The sentences are Messenger's English ones, the actor first (the
sender, or "You"). A message with an attachment
("X sent an attachment." with ``share``) is a message, never a notice.

Other languages come from ``data/messenger_notices.csv``: only sentences seen in real exports or in parsers'
tables built from them (Vietnamese HTML threads, a Polish parser's list), each row naming
where it was seen. Their actor is the sender (full or first name: "BHa đã xóa biệt danh của họ." from "BHa
Linh"), the owner's "you" word ("Bạn"), the sentence's own subject (Polish 2nd person, "Dodałeś(aś) …"), or,
for a few sentences too specific for prose, anyone (Vietnamese names the actor by nickname: "🍀 đã …").
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import NamedTuple

from ..text_repair import repair

NOTICE = "group and chat notices, not messages (account only)"
REACTION_NOTICE = "reaction notices written as messages (account only)"

# What the actor did, after "<sender> " or "You ": the whole rest of the text.
_ACTOR = re.compile(
    r"(?:named the group .+|removed the group name|(?:added|removed) .+ (?:to|from) the group|joined the group"
    r"|changed the group photo|removed the group photo|created the group.*|set the nickname for .+ to .+"
    r"|set (?:his|her|their|your) own nickname to .+|cleared the nickname for .+"
    r"|cleared (?:his|her|their|your) own nickname|changed the (?:chat )?theme(?: to .+)?|set the emoji to .+"
    r"|set the quick reaction to .+|(?:un)?pinned a message|made .+ an admin|removed .+ as (?:a group )?admin"
    r")\.?")
_LEFT = re.compile(r"left the group\.?")
# Whoever sent them: the owner and the other person connected, a reaction shown as a message. Being connected on
# Messenger is no Facebook friendship (anyone can message anyone): the other person's account alone (writer.py).
_SYSTEM = re.compile(r"(?:You are now connected on Messenger|You can now message and call each other.*)")
# Marketplace's own text in a chat about an item, written as the owner's message: "Listings similar to '<item>'"
# (jdecpn-shru-error1/29.02.2024 and 03.07.2024 messages/inbox/*/message_1.html, English HTML of 2024: 15 chats).
_MARKETPLACE = re.compile(r"Listings similar to ['‘’\"“].+['‘’\"”]\.?")
# A new Facebook friendship, written in the new friend's thread as a message of the owner's, the friend by first
# name: "Say hi to your new Facebook friend, Reda." (abdosami1992.github.io messages/inbox/*/message_1.html, English
# HTML of July 2020: 61 threads, in 45 the only record, the thread's title the friend, no participants line).
_NEW_FRIEND = re.compile(r"Say hi to your new Facebook friend(?:, (?P<name>(?:[^.\n]|\.(?! ))+?))?\.?")
# the reaction an emoji (a sequence of a few code points): "she reacted badly to your message" is a message
_REACTED = re.compile(r"(?:Reacted|.+ reacted) [^\w\s]{1,12} to your message ?\.?")
# Calls told only by their text (no call_duration): a call between the sender and the others.
# (who called whom is a name, capitalised: "You called it." is a message)
_CALL = re.compile(r"(?:You missed (?:a|an audio|a video) call from .+|.+ missed your (?:audio |video )?call"
                   r"|[A-Z][^.!?]* called you|You called [A-Z][^.!?]*"
                   r"|.+ started (?:a video chat|a call|an audio call|a video call)"
                   r"|.+ joined the (?:video chat|call))\.?")
_ENGLISH_HINT = (r"the group|nickname|theme|emoji|reaction|pinned|admin|Messenger|each other|friend"
                 r"|your message|call|video chat|Listings similar")
NOTICES_FILE = Path(__file__).parents[2] / "data" / "messenger_notices.csv"


class _Rule(NamedTuple):
    kind: str  # "notice", "left", "call" or "reaction_notice"
    actor: str  # "sender", "none" or "any" (messenger_notices.csv)
    pattern: re.Pattern


def _rows() -> list[dict]:
    with NOTICES_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def _hint(rows: list[dict]) -> re.Pattern:
    """The English words and each row's hint, also as Facebook's JSON writes it before repair (UTF-8 bytes read
    as Latin-1: "grupę" is "grupÄ\x99"), since the fast paths search the raw text."""
    hints = {h for row in rows if (h := row["hint"])}
    forms = sorted(hints | {h.encode("utf-8").decode("latin-1") for h in hints})
    return re.compile("|".join([_ENGLISH_HINT, *map(re.escape, forms)]))


def _rules(rows: list[dict]) -> list[_Rule]:
    # "any": an actor of at least one character, then the sentence (the Vietnamese nickname "🍀")
    return [_Rule(row["kind"], row["actor"], re.compile((r".+ " if row["actor"] == "any" else "")
                                                        + f"(?:{row['pattern']})"))
            for row in rows if row["kind"] != "you"]


_ROWS = _rows()
# Words every notice holds: a message without any of them is a message (the parser's fast path).
HINT = _hint(_ROWS)
_LOCALISED = _rules(_ROWS)
# The owner as an actor, beside English "You" ("Bạn đã đổi chủ đề thành …").
_YOU = tuple(row["pattern"] for row in _ROWS if row["kind"] == "you")
ATTACHMENTS = ("photos", "videos", "audio_files", "files", "gifs", "sticker", "share", "attachments")


def notice_kind(message: dict, sender: str) -> str | None:
    """"left", "notice", "reaction_notice", "new_friend" or "call" for a notice written as a message; None for a
    message."""
    content = message.get("content")
    if type(content) is not str or not HINT.search(content) or any(message.get(k) for k in ATTACHMENTS):
        return None
    text = repair(content)
    if _SYSTEM.fullmatch(text) or _MARKETPLACE.fullmatch(text):
        return "notice"
    if _NEW_FRIEND.fullmatch(text):
        return "new_friend"
    if _REACTED.fullmatch(text):
        return "reaction_notice"
    if _CALL.fullmatch(text) and "call_duration" not in message:
        return "call"
    rest = _after_actor(text, (sender, "You"))
    if rest is not None and (_LEFT.fullmatch(rest) or _ACTOR.fullmatch(rest)):
        return "left" if _LEFT.fullmatch(rest) else "notice"
    return _localised_kind(text, sender, "call_duration" in message)


# The owner's own notices name the owner "You" and carry the owner as sender_name: "You added <person> to the group.",
# type "Subscribe" with a "users" list (badface734/messengerWordleTally message_1.json, 2022: one group chat of four
# published alone, the only trace of which participant is the owner; its 682 messages were refused). In other
# languages: a "you" word before a sentence of the sender's (Vietnamese "Bạn đã đổi chủ đề thành …"), or the Polish
# second person, whose sentences hold their own subject ("Dodałeś(aś) … do grupy.": messenger_notices.csv, actor
# "none"). Only a message typed as a notice (Subscribe, Unsubscribe), or of no type at all (2024 on, when no message
# has one), whose whole text is a notice sentence: a "Generic" text is what someone typed ("You added me to the
# group."), never taken. A call ("You called …") is not counted: it is not always written by its caller.
_SELF_TYPES = (None, "Subscribe", "Unsubscribe")
_SELF_KINDS = ("notice", "left")
# The Polish notices holding their own subject are each in the second person (Dodałeś, Usunąłeś, Nadałeś(aś), …)
_SECOND_PERSON = [re.compile(row["pattern"]) for row in _ROWS
                  if row["language"] == "pl" and row["actor"] == "none" and row["kind"] in _SELF_KINDS]
_YOU_RULES = [rule for rule in _LOCALISED if rule.actor == "sender" and rule.kind in _SELF_KINDS]


def new_friend_name(text: str | None) -> str | None:
    """The name "Say hi to your new Facebook friend, <name>." gives (a first name, as a rule); None for another text."""
    found = _NEW_FRIEND.fullmatch(text.strip()) if text else None
    return found["name"] if found and found["name"] else None


def first_person(message: dict) -> bool:
    """Whether a message is Messenger's notice of the owner's own action in a chat: its sender is the owner."""
    kind, content = message.get("type"), message.get("content")
    if kind not in _SELF_TYPES or type(content) is not str or any(message.get(k) for k in ATTACHMENTS):
        return False
    if not HINT.search(content):
        return False
    text = repair(content)
    rest = _after_actor(text, ("You",))
    if rest is not None and (_LEFT.fullmatch(rest) or _ACTOR.fullmatch(rest)):
        return True
    rest = _after_actor(text, _YOU)  # "Bạn đã …"
    if rest is not None and any(rule.pattern.fullmatch(rest) for rule in _YOU_RULES):
        return True
    return any(pattern.fullmatch(text) for pattern in _SECOND_PERSON)


# Another member's notice of adding the owner: "<member> added you to the group.", type "Subscribe", its ``users``
# naming the one person added, the owner (tmitcheson/Groupchat_to_playlist messages/inbox/<group>/message_1.json,
# 2022: a group chat of eight given alone, no "You …" notice; its 312 messages were refused). The actor is the sender
# or a nickname, so only "you" and the one user are taken.
_ADDED_YOU = re.compile(r".+ added you to the group\.?")


def added_you(message: dict) -> str | None:
    """The raw name of the one person another member's "… added you to the group." names in ``users``: the owner."""
    kind, content, users = message.get("type"), message.get("content"), message.get("users")
    if kind not in _SELF_TYPES or type(content) is not str or "added you" not in content:
        return None
    if not isinstance(users, list) or len(users) != 1 or not isinstance(users[0], dict):
        return None
    return users[0].get("name") if _ADDED_YOU.fullmatch(repair(content)) else None


def _localised_kind(text: str, sender: str, timed: bool) -> str | None:
    """The kind of a notice in another language (messenger_notices.csv); None for a message. A call with its
    duration is a call already (``message_kind``), as in English."""
    rest = _after_actor(text, (sender, _first_name(sender), *_YOU))
    for rule in _LOCALISED:
        if timed and rule.kind == "call":
            continue
        subject = rest if rule.actor == "sender" else text
        if subject is not None and rule.pattern.fullmatch(subject):
            return rule.kind
    return None


def _first_name(sender: str) -> str:
    # Messenger's HTML names the actor by the first word of the name in Vietnamese ("Đưc đã đặt biệt danh …"
    # from "Đưc Panda", Bangsaint05/abc123; "BHa đã xóa …" from "BHa Linh", nhoo6199/vbhk); a one-word name is
    # the sender itself
    return sender.split(" ", 1)[0]


def _after_actor(text: str, actors: tuple[str, ...]) -> str | None:
    """The text after its actor, the first of ``actors`` it starts with; None when it names another actor."""
    for actor in actors:
        if actor and text.startswith(actor + " "):
            return text[len(actor) + 1:]
    return None
