"""Google Voice's call pages in a Google Takeout: ``Takeout/Voice/Calls/<who> - <kind> - <stamp>.html``, one XHTML
page per call (hCard / hAudio microformats), read as a call log (formats.md, Phone call logs).

A page, as Google wrote it in 2017 and 2018 (GunEcstasy/voice ``Takeout/Voice/Spam/``; the same in ``Calls/``)::

    <div class="haudio"><span class="album">Call Log for</span><span class="fn">Placed call to Jana</span>
    <div class="contributor vcard">Placed call to <a class="tel" href="tel:+15550100001"><span class="fn">Jana</span>
    </a></div><abbr class="published" title="2018-05-30T17:14:02.000-06:00">May 30, 2018 …</abbr>
    <abbr class="duration" title="PT2M27S">(00:02:27)</abbr>
    <div class="tags">Labels: <a rel="tag" href="http://www.google.com/voice#placed">Placed</a></div></div>

The kind is told by the tags first (``#placed``, ``#received``, ``#missed``, ``#voicemail``, ``#recorded``, the
ones wjcarpenter/gvoice-sms-takeout-xml ``sms.py`` reads), then by the file name's label, then by the title's first
words ("Placed call to", "Received call from", "Missed call from", "Voicemail from"). Pages of the same Takeout are
also named ``<who> - <stamp>.html``, no label (GunEcstasy/voice): their tags tell, or nothing does. Mapped onto
Android's codes (``records``): placed → outgoing, received → incoming, missed → missed, voicemail → voicemail. A
recorded call is one that took place, incoming: Google Voice records only calls the owner answers (its help, "Record
a call": press 4 during an incoming call). A page of no kind at all names the number and counts no call ("of
another type"): whether it was a call, and whose, cannot be told. A withheld caller is ``href="tel:"``: no one.

Google Voice files a number marked as spam, with every call and text of it, under ``Spam/`` and tags each page
``#spam`` (GunEcstasy/voice: placed calls of minutes among them, so a person's number may be there by mistake). A
call in spam is no contact: refused, saying so, so the owner sees the count and can unmark the number and export
again. Text pages (``hChatLog``), audio (voicemail, recorded calls, greetings) and pictures sent in texts are
companions (``companion``), ``Phones.vcf`` the owner's own numbers.

Thousands of pages of ~2 KB each: only the few elements read are built (a ``SoupStrainer``), and the page's
``<style>`` is never looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone

from ..archive import Export
from ..takeout import product_of
from .call import Call

SHAPE = "Google Voice's call page"
PRODUCT = "Voice"
INTERNATIONAL = True  # ``tel:+1…``: every number carries its country code, no region to decide (``log_region``)
_CALL_PAGE = re.compile(rb'class="haudio"')
_TEXT_PAGE = re.compile(rb'class="hChatLog')
# ``<who> - <label> - <stamp>.html``; a long name is cut short by Google and numbered ``(1)``
_LABEL = re.compile(r" - (Placed|Received|Missed|Voicemail|Recorded|Text) - [^/]*$")
_KINDS = {"placed": "2", "received": "1", "recorded": "1", "missed": "3", "voicemail": "4"}
_TITLES = (("placed call", "2"), ("received call", "1"), ("recorded call", "1"), ("missed call", "3"),
           ("voicemail", "4"))
_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?")
_AUDIO = (".mp3", ".wav", ".amr", ".ogg", ".m4a", ".3gp", ".mp4")
_PICTURES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp")
PHONES = "Phones.vcf"
# The elements read of a page: its title, the links (the caller's, the tags) and the abbrs (time, length)
_WANTED = ["title", "a", "abbr"]

MAX_PAGE = 1 << 20  # a call page is ~3 KB, a voicemail's transcript a few more: a page past this is none of Voice's
TOO_LARGE = "file: a Google Voice page larger than 1 MiB: not a call page Voice writes, not read"
SPAM = "Google Voice: in spam (the number marked as spam), no contact"
TEXT_NOTE = "Google Voice's text messages: a message is no offline contact, not read"
AUDIO_NOTE = "Google Voice's audio (a voicemail, a recorded call or a greeting): the call page beside it is read"
PICTURE_NOTE = "a picture sent in a Google Voice text message: no contact"
PHONES_NOTE = "Google Voice's list of the owner's own phone numbers: no contact in it"
OTHER_NOTE = "a file of Google Voice of a kind this version does not know: not read"


def named(member: str) -> bool:
    """An HTML page (whatever its folder: told by its head, ``claims``)."""
    return member.lower().endswith(".html")


def claims(head: bytes) -> bool:
    return bool(_CALL_PAGE.search(head))


def shape(export: Export, member: str) -> str:
    return SHAPE


def in_voice(member: str) -> bool:
    """A member of a Takeout's Voice product (``Takeout/Voice/…``)."""
    return product_of(member) == PRODUCT


def text_page(head: bytes) -> bool:
    return bool(_TEXT_PAGE.search(head))


def companion(export: Export, member: str) -> tuple[str, str] | None:
    """How a file of Voice's that is no call page is listed (handling, note); None for one of no kind known."""
    name = member.rsplit("/", 1)[-1]
    if name == PHONES:
        return "no_people", PHONES_NOTE
    if name.lower().endswith(".html") and text_page(export.head(member)):
        return "ignored", TEXT_NOTE
    if name.lower().endswith(_AUDIO):
        return "ignored", AUDIO_NOTE
    if name.lower().endswith(_PICTURES):
        return "ignored", PICTURE_NOTE
    return None


def calls(export: Export, member: str) -> Iterator[Call]:
    """The page's call: one ``Call``, refused (its ``problem``) when in spam; a page of no time is refused by
    ``records`` ("date: missing …")."""
    from bs4 import BeautifulSoup, SoupStrainer

    with export.open(member) as stream:
        data = stream.read(MAX_PAGE + 1)
    if len(data) > MAX_PAGE:
        return iter([Call(1, None, None, None, None, None, None, "", problem=TOO_LARGE)])
    page = BeautifulSoup(_without_declaration(data), "lxml", parse_only=SoupStrainer(_WANTED))
    tel, published = page.find("a", class_="tel"), page.find("abbr", class_="published")
    tags = [a.get("href", "").rsplit("#", 1)[-1].lower() for a in page.find_all("a", rel="tag")]
    number = tel.get("href", "").removeprefix("tel:") if tel else None
    name = _name(tel, member)
    title = page.title.get_text(" ", strip=True) if page.title else ""
    excerpt = f"{title} | {number or ''} | {published.get('title', '') if published else ''}"
    at_ms = _unix_ms(published.get("title") if published else None)
    problem = SPAM if "spam" in tags or "/Spam/" in f"/{member}" else None
    return iter([Call(1, number, at_ms, _kind(tags, member, title), _seconds(page), name, None, excerpt,
                      problem=problem)])


def _without_declaration(page: bytes) -> bytes:
    """The page without its ``<?xml version="1.0" ?>``: XHTML read as HTML (lxml's HTML parser, faster and lenient),
    which the declaration would make BeautifulSoup warn about on every page."""
    return page[page.find(b"?>") + 2:] if page.startswith(b"<?xml") else page


def _name(tel, member: str) -> str | None:
    """The name Google Voice showed: the caller link's ``fn``; else the file name's ``<who>`` (a link of the number
    alone)."""
    fn = tel.find("span", class_="fn") if tel else None
    if fn is not None:
        return fn.get_text(" ", strip=True)
    who = member.rsplit("/", 1)[-1].split(" - ", 1)[0].strip()
    return who if who and not who.lstrip("+").isdigit() else None


def _kind(tags: list[str], member: str, title: str) -> str | None:
    """Android's code for the page's kind: tags first, then the file name's label, then the title."""
    if code := next((_KINDS[tag] for tag in tags if tag in _KINDS), None):
        return code
    if (label := _LABEL.search(member)) and label.group(1).lower() in _KINDS:
        return _KINDS[label.group(1).lower()]
    lowered = title.lower()
    return next((code for words, code in _TITLES if lowered.startswith(words)), None)


def _unix_ms(value: str | None) -> str | None:
    """``2018-05-30T17:14:02.000-06:00`` → milliseconds since 1970 (UTC) as text; None for no time."""
    try:
        at = datetime.fromisoformat((value or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
    return str(round(at.timestamp() * 1000))


def _seconds(page) -> str | None:
    """The call's length from ISO 8601's ``PT2M27S`` as whole seconds of text; None when not written (missed)."""
    duration = page.find("abbr", class_="duration")
    match = _DURATION.fullmatch((duration.get("title") or "").strip()) if duration else None
    if not match:
        return None
    days, hours, minutes, seconds = (float(part or 0) for part in match.groups())
    return str(int(((days * 24 + hours) * 60 + minutes) * 60 + seconds))
