"""Strings and times as Facebook writes them: names, Unix times and HTML dates (the mojibake: ..text_repair; titles:
titles.py)."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import datetime, timedelta

import orjson

from ..dates import DAY_FIRST, MONTH_FIRST, decide_order, read_datetime, read_instant
from ..text_repair import repair

EPOCH = datetime(1970, 1, 1)
# A Unix time above this is in milliseconds: in seconds it would lie after the year 5000.
MILLIS_FROM = 100_000_000_000

# Placeholders Facebook writes for deleted or deactivated accounts [R: seen in real exports, not in
# formats.md]. They are not one person: every deleted account carries the same words. Polish "Użytkownik
# Facebooka" [C: thread folders uzytkownikfacebooka_<token> skipped by a parser of a real 2019 export, code index
# id 4126165948; "most often someone banned named Użytkownik Facebooka", a Polish Messenger analyser, id
# 18518296329]; Brazilian Portuguese "Usuário do Facebook" [R: Meta's own placeholder for a participant it no
# longer names, as a Graph API client records it, code index id 60285926255].
PLACEHOLDERS = {"facebook user", "facebook-nutzer", "utilisateur de facebook", "usuario de facebook",
                "utente di facebook", "other user", "użytkownik facebooka", "usuário do facebook"}


# The marks that set a direction for what follows (left-to-right, right-to-left, embeddings, isolates). Titles wrap
# names in them: "… likes \u200eLena Vogel\u200e's post." (abdosami1992.github.io, 2020, comments/comments.html and
# likes_and_reactions/posts_and_comments.html: 566 names of people so written, each an account apart from the
# same name without them), and an Arabic page header wraps the owner's name (html_profile.py).
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def without_bidi_marks(text: str) -> str:
    return text.translate(BIDI_MARKS)


def as_list(value) -> list:
    """A JSON value that should be a list, or [] when it is not: damaged or edited files put numbers,
    booleans and objects where lists belong, and iterating one must not end the parse."""
    return value if isinstance(value, list) else []


def name_of(raw) -> str | None:
    """A person's display name from a raw JSON value: repaired, or None when it is not a usable name."""
    return _cached_name(raw) if type(raw) is str else None


@functools.lru_cache(maxsize=1 << 16)
def _cached_name(raw: str) -> str | None:
    name = repair(raw)
    return None if is_blank(name) else name


# What a name made of nothing visible is made of: format characters (Cf), spaces (Zs) and control characters (Cc).
# tieubachlongblog/thanhbobber (2025, inbox/<16 digits>/message_1.json): a participant and sender named by 170
# U+206F (a deprecated format character) and a space, loaded as an account that shows blank; no name, as "" is.
_INVISIBLE = {"Cf", "Zs", "Cc"}


def is_blank(name: str) -> bool:
    """Whether a (repaired) name shows nothing: empty, or only invisible characters."""
    return all(unicodedata.category(c) in _INVISIBLE for c in name)


# Meta's chatbot, which answers in Messenger threads since 2024 and is no person: thanhvanvu/call-log message_1.json
# (5 of 675 messages of a one-to-one thread sent by "Meta AI", who is not among its participants), draygen/jarvis
# messages/inbox/metaai_<digits>/message_1.json (a thread with the bot, listed as a participant).
ASSISTANTS = {"meta ai"}


def is_assistant(name: str) -> bool:
    return name.casefold() in ASSISTANTS


def is_placeholder(name: str) -> bool:
    return name.casefold() in PLACEHOLDERS


def at_seconds(value, field: str) -> datetime | None:
    """A Unix time in seconds (or, if it is that large, milliseconds) as naive UTC; None when absent or 0."""
    if value is None or value == 0:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{field}: not a number")
    millis = value if value >= MILLIS_FROM else value * 1000
    return at_millis(millis, field)


def at_millis(value, field: str) -> datetime | None:
    if value is None or value == 0:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"{field}: not a positive number")
    try:
        return EPOCH + timedelta(milliseconds=value)
    except OverflowError:
        raise ValueError(f"{field}: out of range") from None


def message_millis(message: dict):
    """The message time in ms: ``timestamp_ms`` (Aug 2018 on), ``timestamp`` in seconds (F2, spring 2018)
    or in ms (the E2EE export); the size of the number tells which."""
    value = message.get("timestamp_ms")
    if value is None:
        value = message.get("timestamp")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < MILLIS_FROM:
            value = value * 1000
    return value


REDACTED = ("content", "text", "share", "comment", "share_text", "description", "photos", "videos",
            "audio_files", "files", "gifs", "media", "sticker", "attachments")


def excerpt(record) -> str:
    """The raw record for the quarantine, cut to 300 characters, with message text and media left out."""
    if isinstance(record, dict):
        record = {k: ("…" if k in REDACTED else v) for k, v in record.items()}
    try:
        return orjson.dumps(record, default=str).decode()[:300]
    except TypeError:
        return str(record)[:300]


# HTML times (F2-F6) are local times without a zone (formats.md §1.7): "Feb 12, 2021, 3:04 PM",
# "12.02.2021, 15:04", "Jun 04, 2025 6:46:10 pm". Every string of a page is tried, so text that
# cannot be a date is turned away before the reader (ingest.sources.dates) is asked. A year may stand against
# Chinese units ("2020年9月14日 下午7:26", AlanZJW/fb) and in Arabic-Indic digits, the time between right-to-left
# marks ("\u200fيوليو ١٢, ٢٠٢٣ ١٠:١١:١٢ ص\u200f", Mahmmadzoude/shiny-disco); Thai vowel marks are no word
# characters to ``re`` ("มี.ค.", March: questghostz-ux/my-profile).
_LOOKS_LIKE_TIME = re.compile(r"^[\w ,.:/\u200e\u200f]{6,40}$")
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20|١٩|٢٠|۱۹|۲۰)\d\d(?!\d)")
_MARKS = re.compile(r"[\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# A date in numbers, slashed: an Arabic page of 2021 writes "\u200f١١\u200f/٠٨\u200f/٢٠٢١ ١:١٥ ص\u200f" (11 August
# 2021, 1:15 am: its header dates the download "١١ أغسطس ٢٠٢١"; ab455/alsafyt people_and_friends.html), a
# right-to-left mark before every part, as CLDR's Arabic short date "d\u200f/M\u200f/y" does. Read without the marks
# (between a number and its slash they part the date), digits of any script as their values.
_SLASHED = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/\d{4}(?!\d)")
_ARABIC_INDIC = re.compile(r"[\u0660-\u0669]")


def html_time(text: str) -> datetime | None:
    """A date and time as the HTML variant writes them, or None when the text is not one."""
    if not _HAS_YEAR.search(text) or not _LOOKS_LIKE_TIME.match(_MARKS.sub("", text) if len(text) <= 40 else text):
        return None
    day_first = None
    if "/" in text:
        text = without_bidi_marks(text)
        day_first = _slashed_order(text)
    try:
        return read_datetime(text, day_first)
    except ValueError:
        return None


def _slashed_order(text: str) -> bool | None:
    """Whether a slashed date is day first: so in Arabic-Indic digits (every Arabic locale of CLDR writes d/M/y),
    otherwise as the value proves it (``dates.decide_order``: a number over 12 is the day, the other the month);
    None when nothing decides, and the reader refuses the date rather than guess."""
    found = _SLASHED.search("".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text))
    if found is None:
        return None
    if _ARABIC_INDIC.search(text):
        return True
    orders = {decide_order([found.group()], default).day_first for default in (DAY_FIRST, MONTH_FIRST)}
    return orders.pop() if len(orders) == 1 else None


def f0_time(text: str) -> datetime:
    """An F0/F1 ``meta`` time as UTC: "Friday, October 4, 2013 at 10:05pm PDT", "Sonntag, 4. Dezember 2016
    um 13:54 UTC-07" and the other localised forms; ValueError naming the field when it cannot be placed."""
    try:
        return read_instant(text)
    except ValueError as exc:
        raise ValueError(f"meta: {exc}") from None
