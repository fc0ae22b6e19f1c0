"""Strings and times as Facebook writes them: the mojibake, Unix times, localised titles and HTML dates."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import datetime, timedelta

import orjson

from ...normalise import parse_datetime

EPOCH = datetime(1970, 1, 1)
# A Unix time above this is in milliseconds: in seconds it would lie after the year 5000.
MILLIS_FROM = 100_000_000_000

# Placeholders Facebook writes for deleted or deactivated accounts [R: seen in real exports, not in
# formats.md]. They are not one person: every deleted account carries the same words.
PLACEHOLDERS = {"facebook user", "facebook-nutzer", "utilisateur de facebook", "usuario de facebook",
                "utente di facebook", "other user"}


def repair(text: str) -> str:
    """Undo the DYI mojibake (formats.md §1.8), NFC, stripped; text that is not mojibake is kept as it is.

    F2-F6 JSON writes each UTF-8 byte as its own ``\\u00XX`` escape. Re-encoding as Latin-1 and
    decoding as UTF-8 undoes it; a character above U+00FF or bytes that are not UTF-8 mean the text
    was already right (the E2EE export, HTML), which keeps the repair idempotent.
    """
    if text.isascii():
        return text.strip()
    try:
        text = text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        pass
    return unicodedata.normalize("NFC", text).strip()


def as_list(value) -> list:
    """A JSON value that should be a list, or [] when it is not: damaged or edited files put numbers,
    booleans and objects where lists belong, and iterating one must not end the parse."""
    return value if isinstance(value, list) else []


def name_of(raw) -> str | None:
    """A person's display name from a raw JSON value: repaired, or None when it is not a usable name."""
    return _cached_name(raw) if type(raw) is str else None


@functools.lru_cache(maxsize=1 << 16)
def _cached_name(raw: str) -> str | None:
    return repair(raw) or None


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


# Titles of the owner's reactions and comments are localised sentences; the counterpart is only in
# them (formats.md §1.6). English is confirmed; the German forms are assumed from Facebook's German
# interface [U: no German export seen]. Each language: the verbs that start the rest of the title,
# words that mean "no other person" (a post, his own post), and where the target sits.
TITLE_LANGUAGES = (
    (re.compile(r"^(?:likes|liked|loves|loved|reacted to|commented on|replied to|wrote on|responded to) "
                r"(?P<object>.+)$"),
     re.compile(r"^(?:a|an|the|his|her|their|your|my|this|its|own)\b", re.IGNORECASE),
     re.compile(r"^(?P<target>.+?)(?:'s|’s|'|’)\s")),
    (re.compile(r"^(?:gefällt|gefiel|hat|reagierte|kommentierte|antwortete|schrieb) (?P<object>.+)$"),
     re.compile(r"^(?:auf )?(?:ein|eine|einen|einem|sein|seine|seinen|ihr|ihre|ihren|dein|deine|deinen)\b"),
     re.compile(r"(?:\bvon (?P<target>.+?)(?: (?:reagiert|kommentiert|geantwortet|geschrieben|geteilt))?\.?$)"
                r"|(?:^(?:auf )?(?P<possessor>.+?)['’]s? (?:Beitrag|Kommentar|Foto|Video|Chronik|Status))")),
)
_ACTOR_SPLIT = re.compile(r"^(?P<actor>.+?) (?P<rest>(?:likes|liked|loves|loved|reacted|commented|replied|wrote|"
                          r"responded|gefällt|gefiel|hat|reagierte|kommentierte|antwortete|schrieb) .+)$")


class UnknownLanguage(ValueError):
    """A title in a language whose sentences this version cannot take apart."""


def title_target(title: str, actor: str | None) -> str | None:
    """The other person named in a reaction or comment title, None when it names none.

    Raises ``UnknownLanguage`` for a title in a language not known here: guessing would turn
    words into people.
    """
    rest = _after_actor(title, actor)
    for verb, no_person, target in TITLE_LANGUAGES:
        found = verb.match(rest)
        if not found:
            continue
        obj = found.group("object")
        if no_person.match(obj):
            return None
        match = target.search(obj)
        name = next(filter(None, match.groupdict().values()), None) if match else None
        return repair(name) if name else None
    raise UnknownLanguage("title language not recognised")


def _after_actor(title: str, actor: str | None) -> str:
    if actor and title.startswith(actor + " "):
        return title[len(actor) + 1:]
    split = _ACTOR_SPLIT.match(title)
    return split.group("rest") if split else title


# HTML times are local times without a zone (formats.md §1.7); month names are English in every
# sample. F2-F4: "Feb 12, 2021, 3:04 PM", "12.02.2021, 15:04"; F5/F6: "Jun 04, 2025 6:46:10 pm";
# msgvault's list adds the "at" and day-first forms; date-only forms are for friend lists [U].
HTML_TIMES = ("%m %d, %Y, %I:%M %p", "%m %d, %Y, %I:%M:%S %p", "%m %d, %Y %I:%M:%S %p", "%m %d, %Y %I:%M:%S%p",
              "%m %d, %Y %I:%M %p", "%m %d, %Y %I:%M%p", "%m %d, %Y at %I:%M %p", "%m %d, %Y at %I:%M%p",
              "%d %m %Y, %H:%M", "%d %m %Y %H:%M", "%d.%m.%Y, %H:%M", "%d.%m.%Y %H:%M", "%m %d, %Y", "%d %m %Y")
_LOOKS_LIKE_TIME = re.compile(r"^[\w ,.:]{6,40}$")
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def html_time(text: str) -> datetime | None:
    """A date and time as the HTML variant writes them, or None when the text is not one."""
    if not _LOOKS_LIKE_TIME.match(text) or not _HAS_YEAR.search(text):
        return None
    try:
        return parse_datetime(text, HTML_TIMES)
    except ValueError:
        return None


# F0 (≤2017) "Tuesday, 3 March 2015 at 10:20 UTC+01" [R]; the US form with an English zone name
# ("Tuesday, March 3, 2015 at 10:20am PST") cannot be placed in UTC and is refused.
F0_TIMES = ("%d %m %Y at %H:%M", "%m %d, %Y at %I:%M%p", "%m %d, %Y at %I:%M %p", "%d %m %Y, %H:%M")
_F0_ZONE = re.compile(r"\s*UTC(?:(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?)?$")


def f0_time(text: str) -> datetime:
    """An F0/F1 ``meta`` time as UTC; ValueError when it is in no known form or has no UTC offset."""
    zone = _F0_ZONE.search(text)
    if not zone:
        raise ValueError("meta: time without a UTC offset")
    local = parse_datetime(text[:zone.start()].split(", ", 1)[-1], F0_TIMES)
    if local is None:
        raise ValueError("meta: missing")
    offset = timedelta(hours=int(zone["hours"] or 0), minutes=int(zone["minutes"] or 0))
    return local - offset if zone["sign"] != "-" else local + offset
