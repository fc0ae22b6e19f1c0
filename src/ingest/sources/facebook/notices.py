"""Messenger's own notices, written as messages in DYI JSON threads without a ``type`` (2024 on).

Up to 2023 a notice carried a ``type`` ("Unsubscribe" for leaving, "Call" for calls). Since 2024 the key is
gone: a real export of 2025 (nikbpetrov/timelinize ``docs/fork/facebook-inventory.md`` §E.3, 775,000
messages of ``your_facebook_activity/messages/{inbox,archived_threads,e2ee_cutover,…}``) has no message with
a ``type`` and, among its ``content`` (§E.6), 4,204 "member added", 954 "member left", 220 "group named", 123
nickname, 60 "member removed", 53 group photo, 28 "Reacted X to your message", 11 "connected", 9 pinned, and
855 missed-call texts; adurivault/FBMessage PR #5 (2025) names the missing ``type``, tdauth/qronicle
``README.md`` shows the message keys. The sentences are Messenger's English ones, the actor first (the
sender, or "You"); other languages have not been seen and are not guessed. A message with an attachment
("X sent an attachment." with ``share``) is a message, never a notice.
"""

from __future__ import annotations

import re

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
# Whoever sent them: the owner and the other person connected, a reaction shown as a message.
_SYSTEM = re.compile(r"(?:You are now connected on Messenger|You can now message and call each other.*"
                     r"|Say hi to your new Facebook friend.*)")
# the reaction an emoji (a sequence of a few code points): "she reacted badly to your message" is a message
_REACTED = re.compile(r"(?:Reacted|.+ reacted) [^\w\s]{1,12} to your message ?\.?")
# Calls told only by their text (no call_duration): a call between the sender and the others.
# (who called whom is a name, capitalised: "You called it." is a message)
_CALL = re.compile(r"(?:You missed (?:a|an audio|a video) call from .+|.+ missed your (?:audio |video )?call"
                   r"|[A-Z][^.!?]* called you|You called [A-Z][^.!?]*"
                   r"|.+ started (?:a video chat|a call|an audio call|a video call)"
                   r"|.+ joined the (?:video chat|call))\.?")
# Words every notice above holds: a message without any of them is a message (the parser's fast path).
HINT = re.compile(r"the group|nickname|theme|emoji|reaction|pinned|admin|Messenger|each other|friend"
                  r"|your message|call|video chat")
ATTACHMENTS = ("photos", "videos", "audio_files", "files", "gifs", "sticker", "share", "attachments")


def notice_kind(message: dict, sender: str) -> str | None:
    """"left", "notice", "reaction_notice" or "call" for a notice written as a message; None for a message."""
    content = message.get("content")
    if type(content) is not str or not HINT.search(content) or any(message.get(k) for k in ATTACHMENTS):
        return None
    text = repair(content)
    if _SYSTEM.fullmatch(text):
        return "notice"
    if _REACTED.fullmatch(text):
        return "reaction_notice"
    if _CALL.fullmatch(text) and "call_duration" not in message:
        return "call"
    rest = _after_actor(text, sender)
    if rest is None:
        return None
    return "left" if _LEFT.fullmatch(rest) else "notice" if _ACTOR.fullmatch(rest) else None


def _after_actor(text: str, sender: str) -> str | None:
    """The text after its actor, the sender or "You"; None when it names another actor first."""
    for actor in (sender, "You"):
        if text.startswith(actor + " "):
            return text[len(actor) + 1:]
    return None
