"""Social profiles an address book names, as one key per profile that linkage joins on.

A card that names a LinkedIn URL and a Twitter handle ties them to its e-mails and phones for certain
(Apple's ``X-SOCIALPROFILE``, a business card's ``URL;TYPE=XING``, Google Contacts' websites). The key
is a URL in one form per platform, the same one the platform's own account gives (``account_keys``):
LinkedIn ``https://www.linkedin.com/in/<slug>``, XING ``https://www.xing.com/profile/<slug>``,
Twitter/X ``https://twitter.com/<handle>`` (by its number ``https://twitter.com/i/user/<id>``), Facebook ``https://www.facebook.com/<username>``, all
lowercased.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from ..normalise import normalise_linkedin_url

HANDLE = re.compile(r"@?([a-z0-9_]{1,15})", re.I)  # a Twitter/X handle: 15 letters, digits, underscores
FACEBOOK_NAME = re.compile(r"[a-z0-9.]{5,50}", re.I)
# Hosts of each platform; a path that is no profile (a company page, a post) gives no key.
HOSTS = (("linkedin", ("linkedin.com",)), ("xing", ("xing.com",)), ("twitter", ("twitter.com", "x.com")),
         ("facebook", ("facebook.com", "fb.com")))
# What address books call the platforms (X-SOCIALPROFILE's type, SOCIALPROFILE's and IMPP's [X-]SERVICE-TYPE,
# an X-ABLabel).
NAMES = {"linkedin": "linkedin", "xing": "xing", "twitter": "twitter", "x": "twitter", "facebook": "facebook"}
_NOT_PROFILES = {"facebook": {"pages", "groups", "events", "sharer", "share", "photo.php", "watch", "login", "home.php"},
                 "twitter": {"intent", "share", "home", "search", "hashtag", "i", "search-home"}}


def platform_of(label: str | None) -> str | None:
    """The platform an address book's label names: "twitter", "X", "LinkedIn", "_$!<Facebook>!$_"."""
    words = re.findall(r"[a-z]+", (label or "").casefold())
    return next((NAMES[w] for w in words if w in NAMES), None)


def profile_key(value: str | None, platform: str | None = None) -> str | None:
    """The key of a profile URL, or of a bare handle or username when ``platform`` says whose."""
    text = (value or "").strip()
    if not text:
        return None
    if "/" not in text:  # "@jdoe", "jdoe", "jane.doe": a handle or username, not a URL
        return _bare(text, platform)
    url = text if "://" in text else f"https://{text}"
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    except ValueError:  # a broken URL is no profile, and no reason to lose the contact
        return None
    found = next((name for name, hosts in HOSTS if any(host == h or host.endswith(f".{h}") for h in hosts)), None)
    if found is None:
        return None
    return _KEYS[found](parts)


def _bare(text: str, platform: str | None) -> str | None:
    name = text.removeprefix("@")
    if platform == "twitter" and (match := HANDLE.fullmatch(name)):
        return f"https://twitter.com/{match[1].lower()}"
    if platform == "facebook" and FACEBOOK_NAME.fullmatch(name):
        return f"https://www.facebook.com/{name.lower()}"
    if platform == "linkedin":
        return normalise_linkedin_url(f"https://www.linkedin.com/in/{name}")
    if platform == "xing" and re.fullmatch(r"[\w.-]+", name):
        return f"https://www.xing.com/profile/{name.lower()}"
    return None


def _first_segment(parts) -> str:
    return next((s for s in parts.path.split("/") if s), "")


def twitter_id_key(user_id: str | None) -> str | None:
    """The key of a Twitter/X account by its numeric id, in the URL form X opens it by ("x.com/i/user/…"): what
    an archive knows a correspondent by, and what Apple's cards kept in ``x-userid``."""
    text = (user_id or "").strip()
    return f"https://twitter.com/i/user/{text}" if text.isascii() and text.isdigit() and text.strip("0") else None


def _twitter(parts) -> str | None:
    segment = _first_segment(parts)
    if segment == "i" and (match := re.fullmatch(r"/i/user/(\d+)/?", parts.path)):
        return twitter_id_key(match[1])
    if segment == "intent" and parts.path.rstrip("/") == "/intent/user":  # "…/intent/user?user_id=…"
        return twitter_id_key(parse_qs(parts.query).get("user_id", [""])[0])
    if segment.lower() in _NOT_PROFILES["twitter"]:
        return None
    match = HANDLE.fullmatch(segment)
    return f"https://twitter.com/{match[1].lower()}" if match else None


def _facebook(parts) -> str | None:
    segment = _first_segment(parts)
    if segment == "profile.php":
        number = parse_qs(parts.query).get("id", [""])[0]
        return f"https://www.facebook.com/profile.php?id={number}" if number.isdigit() else None
    if segment.lower() in _NOT_PROFILES["facebook"] or not FACEBOOK_NAME.fullmatch(segment):
        return None
    return f"https://www.facebook.com/{segment.lower()}"


def _xing(parts) -> str | None:
    match = re.match(r"/(?:profile|profiles)/([^/?#]+)", parts.path)
    return f"https://www.xing.com/profile/{match[1].lower()}" if match else None


_KEYS = {"linkedin": lambda parts: normalise_linkedin_url(parts.geturl()), "xing": _xing, "twitter": _twitter,
         "facebook": _facebook}


def account_keys(platform: str, account_ref: str, profile_url: str | None, handle: str | None) -> list[str]:
    """The keys of a platform's own account: a Twitter account's handle and its id (the account_ref), a
    Facebook account's username, else its profile URL."""
    if platform == "twitter":
        return [key for key in (_bare(handle, "twitter") if handle else None, twitter_id_key(account_ref)) if key]
    if platform == "facebook" and handle:
        return [key] if (key := _bare(handle, "facebook")) else []
    if platform in ("linkedin", "xing", "facebook") and profile_url:
        key = profile_key(profile_url)
        return [key] if key and key.startswith(_PREFIX[platform]) else []
    return []


_PREFIX = {"linkedin": "https://www.linkedin.com/", "xing": "https://www.xing.com/",
           "facebook": "https://www.facebook.com/"}
