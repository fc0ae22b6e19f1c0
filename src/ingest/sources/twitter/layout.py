"""Which file of an archive holds what: recognised by the variable it assigns, then by name.

Data types are compared squashed (``jsfiles.squash``), so the file name ``direct-messages-group.js``,
the global ``window.YTD.direct_messages_group.part0`` and the manifest's ``directMessagesGroup`` are
one key. Renamed files (T1 ``direct-message.js`` → T2 ``direct-messages.js``; ``tweet.js`` → T3
``tweets.js``) are both listed.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..archive import Export
from ...models import MemberNote
from .jsfiles import global_name, kind_of_global, squash

OWNER_FILES = ("account", "manifest", "tweetindex", "profile", "phonenumber", "screennamechange")
# community-tweet.js (2023 on): the owner's posts in communities, the tweets.js entry with community_id_str and
# scopes added (TheExGenesis/community-archive docs/archive_data.md). twitter-circle-tweet.js (2022-2023): the owner's
# posts to their Twitter Circle, tweets.js entries with limited_actions (Twitter's archive README; tweetback
# README), some of them in tweets.js as well: a tweet id is counted once (tweets.py).
TWEETS = ("tweet", "tweets", "deletedtweets", "communitytweet", "twittercircletweet", "grailbird")
# tweets.csv and data/csv/YYYY_MM.csv (T0): the JS files' tweets again, read for the rows only there (csvtweets.py)
CSV_TWEETS = ("tweetscsv",)
NOTES = ("notetweet",)  # note-tweet.js (2023 on): the full text of long posts, read after every tweets file
CONTACTS = ("contact",)  # contact.js: the address book the owner let Twitter upload
FOLLOWS = ("follower", "following", "twittercirclemember")  # the last: the people in the owner's Twitter Circle
DIRECT = ("directmessage", "directmessages")
GROUP = ("directmessagegroup", "directmessagesgroup")
HEADERS = {"directmessageheaders": DIRECT, "directmessagegroupheaders": GROUP}  # same, without text
MESSAGES = (*DIRECT, *GROUP, *HEADERS)
XCHAT = ("messageevent",)  # message-event.js (late 2025 on): X Chat, the encrypted DMs (xchat.py)
PEOPLE = (*TWEETS, *NOTES, *CONTACTS, *FOLLOWS, *DIRECT, *GROUP, *HEADERS, *XCHAT, "account", "profile")

# Read before the files that need the owner's id; part files in part order. Note tweets after every
# tweets file: those tie the screen names they mention to account ids, and count the mentions before the cut.
# screen-name-change.js before the tweets: the owner's former screen names tell links to the owner's own posts.
STAGES = {"account": 0, "manifest": 1, "tweetindex": 1, "profile": 2, "phonenumber": 2, "screennamechange": 2,
          **{k: 2 for k in CONTACTS}, **{k: 3 for k in TWEETS}, **{k: 4 for k in NOTES},
          **{k: 4 for k in CSV_TWEETS}, **{k: 5 for k in FOLLOWS},
          **{k: 6 for k in DIRECT}, **{k: 7 for k in GROUP}, **{k: 8 for k in HEADERS}, **{k: 8 for k in XCHAT}}

IGNORED = {
    "like": "likes name the liked tweet only: no author, no time (formats.md §2.4)",
    "tweetheaders": "tweet ids only",
    "deletedtweetheaders": "tweet ids only",
    "block": "accounts the owner blocked: not relationships",
    "mute": "accounts the owner muted: not relationships",
    # lists-member.js and lists-subscribed.js: {"userListInfo": {"url": "https://twitter.com/<maker>/lists/<id>"}}
    # (rust-utilities/twitter-archive src/structs/lists_member.rs, archives of 2023-08; shauntmcgovern/SABBusiness…
    # data/lists-member.js, 2023-2026; keithfrankish/twitter-data data/lists-subscribed.js): the list's maker by
    # screen name inside a URL, no account id, no date
    "listsmember": "lists others made that the owner is on: the maker's screen name in a list URL, no account id, "
                   "no date: not a relationship",
    "listssubscribed": "lists by others that the owner follows: the maker's screen name in a list URL, no account "
                       "id, no date: not a relationship",
    # deleted-tweet.js (window.YTD.deleted_tweet, archives of May to December 2022, before deleted-tweets.js):
    # {"tweet": {"text", "user_id" (the owner), "id", "media", "created_at", "deleted_at", "share"?}}, no entities
    # (shauntmcgovern/SABBusiness… data/deleted-tweet.js, five monthly archives of 2022)
    "deletedtweet": "deleted tweets of 2022 without entities: others named only as @screen names in the text, no "
                    "account id: not read",
    # smartblock.js and direct-message-mute.js, by X's own README.txt in each archive (milahu/twitter-milahu104
    # data/README.txt): accountId, userLink (and createdAt, expiresAt), seen only empty
    "smartblock": "accounts X blocked for the owner in Safety mode: not relationships",
    "directmessagemute": "accounts whose messages the owner muted: not relationships",
    "userdetails": "T0 owner details: the owner's id, screen name and name, read for the owner (no other person)",
    "payloaddetails": "T0 archive details",
    # {"twitterCircle": {"id", "ownerUserId", "createdAt"}} (rust-utilities/twitter-archive twitter_circle.rs)
    "twittercircle": "the owner's Twitter Circle itself (its id and creation time): no other person",
    # {"periscopeCommentsMadeByUser": {"broadcastId", "byAccountId", "createdAt", "text"}}: the owner's comments on
    # live broadcasts, by broadcast id, byAccountId the owner's Periscope id (milahu/twitter-milahu104, 2026)
    "periscopecommentsmadebyuser": "the owner's comments on live broadcasts, named by broadcast id: no other person",
    # fleet-mute.js (window.YTD.fleet_mute; Fleets were the stories of 2020-2021), seen only empty
    # (larsbrinkhoff/twitter-data): by its name the accounts whose Fleets the owner muted, as mute.js
    "fleetmute": "accounts whose Fleets the owner muted: not relationships",
    # periscope-followers.js {"follower": {"accountId": "1WLERbBLpxBEb"}}: Periscope's own account ids, letters
    # and digits, no Twitter account id (rachiehockey/jmhennertwitter, two entries)
    "periscopefollowers": "accounts that follow the owner's Periscope account, by Periscope's own ids: no Twitter "
                          "account id",
}
# Name other people, by X's own README.txt in each archive (milahu/twitter-milahu104 data/README.txt, 2026), but no
# sample of their entries is known (every published archive of 2018-2026 found ships them empty: shauntmcgovern/
# SABBusiness… has 24 monthly archives of 2022-2026 and not one entry in them): listed to the user, not guessed.
_NO_SAMPLE = "no sample of its entries is known: not read"
UNREAD = {
    "spacesmetadata": "Spaces the owner created or spoke in (X's README: creatorUserId, hostUserIds, speakers with "
                      "their times, invitedUserIds); " + _NO_SAMPLE,
    "audiovideocallsindm": "audio and video calls the owner started in DMs (X's README: broadcast.inviteesTwitter, "
                           "sessions' twitterUserID and times); " + _NO_SAMPLE,
    "audiovideocallsindmrecipientsessions": "calls the owner received in DMs (X's README: times and end reason, the "
                                            "caller by broadcast id); " + _NO_SAMPLE,
    "deletednotetweet": "deleted long posts (X's README: the fields of note-tweet.js, mentions by screen name); "
                        + _NO_SAMPLE,
    # verified-organization.js: seen only as [{"verifiedOrganization": { }}] (Ezilryb/X, ajitg25/twitter-analytics,
    # milahu/twitter-milahu104, 2025-2026), left out as empty; X's README: affiliates with screenName, createdAt
    "verifiedorganization": "a verified organization's affiliated accounts (X's README: screenName, createdAt); "
                            + _NO_SAMPLE,
}
# birdwatch-note.js and birdwatch-note-rating.js (Community Notes under their first name, the owner's notes and
# ratings of tweets by id) and user-link-clicks.js (tweet id and URL of each link the owner clicked), in a real
# archive of about 2022 (code index id 42965301669, its path schema): tweet ids only, no other person.
# facebook-connection.js (T1, 2018: "Records of a Facebook account connected to this account", the archive's own
# README.txt in natalieacpm/na): the owner's link to their own Facebook account.
OWNER_ONLY = ("account", "ad", "ageinfo", "app", "article", "birdwatchnote", "branchlinks", "catalogitem",
              "commercecatalog", "communitynote", "connectedapplication", "devicetoken",
              "emailaddresschange", "expandedprofile", "facebookconnection", "grokchat", "ipaudit", "keyregistry",
              "listscreated", "moment", "nidevices", "periscope", "personalization", "product",
              "professionaldata", "protectedhistory", "replyprompt", "savedsearch", "shop", "sso",
              "tweetdeck", "twittershop", "userlinkclicks", "verified")
VIEWER_SUFFIXES = (".html", ".htm", ".css", ".js", ".map", ".woff", ".woff2", ".ttf", ".eot", ".svg", ".ico")
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".mp4", ".mov", ".m4a", ".mp3", ".webm")
# A data file whose array is empty, as most archives of 2019-2026 ship the kinds above that no one used
# (periscope-followers.js, spaces-metadata.js, twitter-circle-member.js, twitter-article.js, deleted-note-tweet.js,
# audio-video-calls-in-dm*.js, fleet.js, facebook-connection.js: 1 to 6 in each of 22 of 28 published archives, each
# ``window.YTD.<type>.part0 = [ ]``, their manifests counting 0): nobody in it, so nothing to report as unknown.
_EMPTY = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*[\w$.]+\s*=\s*\[\s*\]\s*;?\s*\Z")
EMPTY_NOTE = "holds no entries: nothing to read"
# Or entries that are an empty object each: ``[{"verifiedOrganization" : { }}]`` (Ezilryb/X, 2026)
_HOLLOW = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*[\w$.]+\s*=\s*\[\s*\{\s*"\w+"\s*:\s*\{\s*\}\s*\}'
                     rb'(?:\s*,\s*\{\s*"\w+"\s*:\s*\{\s*\}\s*\})*\s*\]\s*;?\s*\Z')
HOLLOW_NOTE = "holds only empty entries: nothing to read"
# A .js file under data/ that assigns no variable is no script of the viewer (that is under assets/, T0's under js/ and
# lib/): a data file renamed and stripped of its first line. smithjd/twitter_archive data/like copy.js, a bare JSON
# array of {"like": …} beside like.js, was left out as "the archive's viewer". Its entries' key tells what it holds.
BARE_NOTE = "a .js file in data/ that assigns no window.YTD variable: not a data file this version knows"
_BARE = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\[\s*\{\s*"(\w+)"\s*:')
NO_PREFIX = "!"  # marks a data file (by name) that lacks its ``window.YTD`` assignment
_PART = re.compile(r"-part(\d+)$")
MAX_PROBES = 64  # .js files looked into to recognise an archive


def detect(export: Export) -> bool:
    """A Twitter archive holds a ``.js`` file assigning ``window.YTD.…``, the manifest, or T0's ``Grailbird``."""
    candidates = [m for m in export.members() if m.lower().endswith(".js") and not m.lower().startswith("assets/")]
    candidates.sort(key=lambda m: ("data/" not in m.lower(), m))
    return any(kind_of_global(global_name(export.head(m, 512))) for m in candidates[:MAX_PROBES])


def kind_of(export: Export, member: str) -> str | None:
    """The data type of a member: from the variable it assigns, else ``!<type>`` for a data file by name."""
    if member.lower().endswith(".csv"):
        return "tweetscsv" if _is_tweets_csv(export, member) else None
    if not member.lower().endswith(".js"):
        return None
    kind = kind_of_global(global_name(export.head(member, 512)))
    if kind is not None or "assets" in PurePosixPath(member.lower()).parts:
        return kind
    stem = squash(_PART.sub("", PurePosixPath(member).name[:-3].lower()))
    return NO_PREFIX + stem if stem in PEOPLE or stem in OWNER_FILES else None


def _is_tweets_csv(export: Export, member: str) -> bool:
    """T0's ``tweets.csv``, or a month of its first version's ``data/csv/YYYY_MM.csv``, by name and header."""
    path = PurePosixPath(member.lower())
    named = path.name == "tweets.csv" or path.parts[-3:-1] == ("data", "csv")
    return named and export.head(member, 64).removeprefix(b"\xef\xbb\xbf").startswith(b'"tweet_id"')


def part_of(member: str) -> int:
    """``tweets-part2.js`` → 2; 0 for the first part, which has no suffix."""
    match = _PART.search(PurePosixPath(member).name[:-3].lower())
    return int(match.group(1)) if match else 0


def base_kind(kind: str) -> str:
    """The data type, whether or not the file lacked its assignment."""
    return kind.removeprefix(NO_PREFIX)


def is_read(kind: str | None) -> bool:
    return kind is not None and (kind in STAGES or kind.startswith(NO_PREFIX))


def note_of(member: str, kind: str | None, export: Export | None = None) -> MemberNote:
    """How a file that is not read was handled, and why; with ``export``, a data file of a type this version
    does not read that holds an empty array is left out as empty instead of reported as unknown, and a data file
    without its assignment is told by the entries it holds."""
    handling, note = _handling(member, kind)
    if handling == "unknown" and kind is not None and export is not None:
        nothing = _nothing_in(export, member)
        handling, note = ("ignored", nothing) if nothing else (handling, note)
    elif note == BARE_NOTE and export is not None:
        handling, note = _bare_entries(export, member) or (handling, note)
    return MemberNote(member=member, line=0, handling=handling, note=note)


def _bare_entries(export: Export, member: str) -> tuple[str, str] | None:
    """A renamed copy of a data file left out on purpose, told by its entries' key (``[ { "like" : {``)."""
    entry = _BARE.match(export.head(member, 512))
    kind = squash(entry.group(1).decode("ascii")) if entry else None
    return ("ignored", f"{IGNORED[kind]} (a copy without its window.YTD line)") if kind in IGNORED else None


def _nothing_in(export: Export, member: str) -> str | None:
    """Why a data file holds nobody: an empty array, or entries that are each an empty object; None otherwise
    (or when it is too long to be either)."""
    head = export.head(member, 1024)
    if len(head) >= 1024:
        return None
    return EMPTY_NOTE if _EMPTY.match(head) else HOLLOW_NOTE if _HOLLOW.match(head) else None


def _handling(member: str, kind: str | None) -> tuple[str, str]:
    if kind in IGNORED:
        return "ignored", IGNORED[kind]
    if kind in UNREAD:
        return "unknown", UNREAD[kind]
    if kind is not None and kind.startswith(OWNER_ONLY):
        return "ignored", "the owner's own settings or activity, no other person"
    if kind is not None:
        return "unknown", "a data type this version does not know"
    return _by_path(member)


def _by_path(member: str) -> tuple[str, str]:
    path = PurePosixPath(member.lower())
    if path.suffix == ".js" and "data" in path.parts[:-1] and "assets" not in path.parts:
        return "unknown", BARE_NOTE
    if any(part.endswith("_media") for part in path.parts[:-1]) or path.suffix in MEDIA_SUFFIXES:
        return "ignored", "a photo or video"
    if path.name.startswith("readme"):
        return "ignored", "the archive's read-me"
    if path.suffix in VIEWER_SUFFIXES:
        return "ignored", "the archive's viewer (Your archive.html and its scripts)"
    return "unknown", "not a Twitter archive file this version knows"
