"""Whether a messages.csv row is an advertiser's sponsored message rather than a member's (formats.md §3)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..archive import Export
from ..tabular import Row
from .files import rows_of

# Advertisers write too: a sponsored message names a company (a bank, a course seller) or a marketer as FROM, with
# SENDER PROFILE URL and SUBJECT empty, CONVERSATION TITLE the ad's headline or empty, mostly in ARCHIVE; its CONTENT
# LinkedIn's sponsored-message template, '<p class="spinmail-quill-editor__spin-break">…', or in older ones mail-merge
# text whose fields were never filled ("Dear %FIRSTNAME% %LASTNAME%,"). 4annadaneshwari/LinkedIn-Data-Analysis (2023,
# 10 columns), Femi10/Linkedin-Data-Visualization (2021, 9 columns) and Supriya-Nag/Social-Media (2024) messages.csv:
# none of their 74 template rows has a sender URL, and 48 advertisers were read as people the owner talks to. In a
# file that gives senders their URL (the SENDER PROFILE URL column, filled on other rows), a named sender without one
# is such an advertiser too: a member's own message always has it (so in Sajiah/mylinkedindata, apk0703/linkdin_
# profile_analysis and Feynman10/Proile too: every such sender an ad). A file of before that column keeps its named
# senders, and a sender who is one of the owner's connections by name is kept in any file (``Senders.connected``).
SPONSORED = "from: a sponsored message (an advertiser), not a person"
SPONSORED_TEMPLATE = f"{SPONSORED}: LinkedIn's sponsored-message template, or mail-merge fields never filled"
SPONSORED_NO_URL = f"{SPONSORED}: a name with no profile URL where the file gives members theirs"
SPINMAIL = re.compile(r'\s*<p class="spinmail-')
MAIL_MERGE = re.compile(r"%(?:FIRST|LAST|FULL)NAME%")


class Senders(NamedTuple):
    """What tells a member who writes from an advertiser: whether the messages file gives senders their profile URL
    (``gives_sender_urls``), and the names and URLs of the owner's connections (``owner.connection_keys``)."""

    urls_given: bool = False
    connected: frozenset[str] = frozenset()


def sponsored(row: Row, name: str | None, url: str | None, senders: Senders) -> str | None:
    """Why the row is an advertiser's sponsored message, None when it may be a member's. A sender with a URL is a
    member whatever the text says."""
    if url is not None:
        return None
    content = row.get("content") or ""
    if SPINMAIL.match(content) or MAIL_MERGE.search(content):
        return SPONSORED_TEMPLATE
    named = " ".join(name.split()) if name else None
    return SPONSORED_NO_URL if senders.urls_given and named and named not in senders.connected else None


def gives_sender_urls(export: Export, member: str, encoding: str | None = None) -> bool:
    """Whether a messages file gives its senders their profile URL: the SENDER PROFILE URL column, filled on some
    row (read up to the first such row; a header without the column ends the reading at the first row)."""
    for row in rows_of(export, member, "messages", encoding):
        if "sender profile url" not in row.values:
            return False
        if row.get("sender profile url"):
            return True
    return False
