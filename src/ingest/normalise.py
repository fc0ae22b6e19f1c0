"""Normalisation shared by parsers, the store and the resolver: e-mails, profile URLs, names, phone numbers
(dates: ``ingest.sources.dates``)."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit


# C0 and C1 control characters but tab and newline. A NUL, a bare CR or an escape sequence in a name
# reaches the CSV reports (a CR there splits a row in two for every CSV reader), the page and a
# terminal; no export means them.
CONTROL_CHARACTERS = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_CONTROL = re.compile(CONTROL_CHARACTERS)


def printable(value: str) -> str:
    """The text without control characters but tab and newline; a CR (alone or before LF) is a line
    break written the old Mac or the Windows way, and becomes a newline."""
    if not _CONTROL.search(value):
        return value
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def normalise_email(value: str | None) -> str | None:
    if not value or "@" not in value:
        return None
    return _closed_up(value.strip().strip("<>")).lower() or None


def _closed_up(address: str) -> str:
    """The address without spaces beside its "@" and dots: a calendar folding its line with two spaces put one there
    (pimutils/khal tests/ics/event_dt_partstat.ics: "mailto:hcabot@\r\n  example.com" read as "hcabot@ example.com").
    Split and stripped, not a regular expression: one took time growing with the square of a run of spaces."""
    return "@".join(".".join(piece.strip() for piece in side.split(".")) for side in address.split("@"))


_LINKEDIN_PATH = re.compile(r"^/in/([^/?#]+)")


@lru_cache(maxsize=1 << 16)  # the same few hundred URLs recur on every message row
def normalise_linkedin_url(value: str | None) -> str | None:
    """``https://www.linkedin.com/in/<slug>``, lowercased, from any of the forms exports use.

    Endorsement files drop the scheme (``www.linkedin.com/in/…``), some rows carry a trailing
    slash, a query string or a country subdomain (``de.linkedin.com``). A slug with letters beyond ASCII is
    written percent-encoded in Connections.csv (``/in/rub%C3%A9n-…``) and as the letters in Invitations.csv and
    messages.csv (``/in/rubén-…``) of one export (Mauricio1806/Conections-map, 2026: 443 of 5,498 invitations'
    people were two accounts): the slug is decoded.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # "https://[" and other broken URLs are no profile, and no reason to fail
        return None
    match = _LINKEDIN_PATH.match(parts.path)
    if not host or not host.endswith("linkedin.com") or not match:
        return None
    slug = unquote(match.group(1)) if "%" in match.group(1) else match.group(1)
    return f"https://www.linkedin.com/in/{slug.lower()}"


_TITLES = re.compile(
    r"\b(dr|prof|professor|dipl|ing|mag|phd|mba|msc|bsc|ma|ba|md|jr|sr|mr|mrs|ms|frau|herr"
    r"|cfa|cpa|acca|cfp|frm|pmp|llm|esq)\b\.?",
    re.IGNORECASE)
_NOT_NAME = re.compile(r"[^\w\s'-]")
# Display names carry asides: "Anna Berg (she/her)", "Jonas Weber [on leave]", "Tom | Data", and on Twitter the
# employer or the job after a spaced separator: "Laura Beck @ Fahrwerk", "Laura Beck @fahrwerk", "Jan Roth – Data".
_ASIDES = re.compile(r"[(\[{][^)\]}\n]{0,200}[)\]}]|\b(she|he|they|sie|er)\s*/\s*(her|him|them|ihr|ihm)\b|\s[|·•].*$"
                     r"|\s(?:[–—-]\s|@).*$", re.I)


_PRONOUNS = re.compile(r"^(she|he|they|sie|er)\s*/", re.I)


def name_asides(value: str | None) -> list[str]:
    """What a display name says besides the name (``_ASIDES``), separators and brackets dropped, pronouns left out:
    "Laura Beck | Fahrwerk" → ["Fahrwerk"], "Jonas Weber (Alpenwerk) 🚲" → ["Alpenwerk"]. Often the employer,
    as often a job or a place: the resolver reads it only where it names a company another account shows."""
    if not value:
        return []
    matches = _ASIDES.finditer(unicodedata.normalize("NFC", value))
    found = (match.group(0).strip(" \t|·•–—-@()[]{}") for match in matches)
    return [aside for aside in found if aside and not _PRONOUNS.match(aside)]


@lru_cache(maxsize=1 << 17)
def normalise_name(value: str | None) -> str | None:
    """A comparison key for a person's name: NFC, casefolded, titles, credentials and emoji dropped.

    "Dr. Anna Müller, PhD 🚀" and "anna  müller" give the same key. "Müller, Anna" is turned
    around. Transliteration (ü ↔ ue) is left to the resolver's scored matching.
    """
    if not value:
        return None
    text = _ASIDES.sub(" ", unicodedata.normalize("NFC", value))
    if text.count(",") == 1 and not _TITLES.search(text.split(",")[1]):
        last, first = text.split(",")
        text = f"{first} {last}"
    text = _NOT_NAME.sub(" ", _TITLES.sub(" ", text)).casefold()
    return " ".join(text.split()) or None


def join_name(*parts: str | None) -> str | None:
    return " ".join(p.strip() for p in parts if p and p.strip()) or None


PHONE_REGION = os.environ.get("UNSOCIAL_PHONE_REGION", "DE")  # for numbers written without +country
# A dial pause or wait and what is dialled after it (an extension, a code): ``9876543210w12``, ``…p45``, ``…;12``,
# ``…,12`` (an Android address book, kamalkne/contacts ``Contacts.vcf``). phonenumbers read the digits after it
# as part of the number (+49987654321012). A letter followed by another letter is a vanity number's (0800-FLOWERS).
_DIAL_PAUSE = re.compile(r"(?<=\d)\s*[pPwW;,](?=[\d#*pPwW;,\s]|$).*", re.S)


def without_dial_pause(number: str) -> str:
    """The number up to a dial pause (``_DIAL_PAUSE``): ``9876543210w12`` → ``9876543210``."""
    return _DIAL_PAUSE.sub("", number)


def e164(number: str) -> str | None:
    """A phone number in E.164 ("0170 1234567" → "+491701234567"), None when it is not one; a value that is none as
    written is read once more as ``repaired_number`` has it.

    phonenumbers is imported on first use: parsing an export needs it nowhere, and its import costs."""
    found = _e164(without_dial_pause(number))
    if found is not None:
        return found
    repaired = repaired_number(number)
    return _e164(repaired) if repaired != number else None


# A service's short code ("3366", voicemail "888": a French Android book saves both twice, Younizia74/UniAccess
# 00001.vcf) is no subscriber number of any region: read in UNSOCIAL_PHONE_REGION it became +493366, and the two cards
# that saved it were one person. Fewer digits than this, written without a country code: no number to link by.
MIN_NATIONAL_DIGITS = 6


def _e164(number: str) -> str | None:
    import phonenumbers

    # a vanity number's letters are its digits ("0800 FLOWERS")
    if not number.lstrip().startswith(("+", "00")) and sum(c.isalnum() for c in number) < MIN_NATIONAL_DIGITS:
        return None
    try:
        parsed = phonenumbers.parse(number, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) \
        if phonenumbers.is_possible_number(parsed) else None


# The country code written twice: an address book synced from an iPhone to Google writes "+961" before numbers
# already written internationally ("+961+9647…", "+961 00963…", "+96100963…"; a Lebanese Google CSV, and Twitter's
# contact.js of the same phones). phonenumbers reads none of them. A national number never opens with "00", so a
# country code followed by "+" or "00" is the phone's own, and the number is what follows.
_DOUBLED_CODE = re.compile(r"\s*\+(\d{1,3})[\s.-]*(\+|00)\s*")
# A number followed by words in its cell: "555-123-4567  not in service", "(555) 123-4567 unlisted" (a Yahoo CSV,
# Tessahoc72/tessahoc72.github.io yahoo_contacts.csv). The number is what precedes the words.
_BEFORE_WORDS = re.compile(r"\s*(\+?[\d(][\d\s().\-/]*\d\)?)\s+[(\[]?[^\W\d_].*", re.S)


def repaired_number(number: str) -> str:
    """The number a value writes where phonenumbers reads none as written: up to a dial pause, without a doubled
    country code (``_DOUBLED_CODE``), without words after it (``_BEFORE_WORDS``); else the value as it is."""
    text = without_dial_pause(number)
    if (doubled := _DOUBLED_CODE.match(text)) and _country_code_exists(int(doubled[1])):
        text = "+" + text[doubled.end():]
    if words := _BEFORE_WORDS.fullmatch(text):
        text = words[1]
    return text if text != without_dial_pause(number) else number


def _country_code_exists(code: int) -> bool:
    import phonenumbers

    return phonenumbers.region_code_for_country_code(code) != phonenumbers.UNKNOWN_REGION
