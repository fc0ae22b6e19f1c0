"""Which file of a Facebook export is what, found by path suffix and never by the export's date.

Parts of a multi-zip delivery and the F5 "nested one level deeper" trees put an extra folder in
front of every path, so every pattern is anchored at a path segment, not at the root.
"""

from __future__ import annotations

import re

# messages/<folder>/<thread>/message_N.json|html (F3-F6); F2 (2018) has messages/<thread>/message.json.
THREAD = re.compile(r"(?:^|/)messages/(?:(?P<folder>[^/]+)/)?(?P<thread>[^/]+)/message(?:_(?P<n>\d+))?"
                    r"(?: \(\d+\))?\.(?P<ext>json|html?)$")  # a copy's mark too: COPY_MARK
F1_THREAD = re.compile(r"(?:^|/)messages/\d+\.html?$")      # Dec 2017 - spring 2018
F0_MESSAGES = re.compile(r"(?:^|/)html/messages\.html?$")   # ≤ 2017 (and F1's index)
F0_FRIENDS = re.compile(r"(?:^|/)html/friends\.html?$")  # .htm until 2016, .html in 2017 (a Spanish dump)
F0_POKES = re.compile(r"(?:^|/)html/pokes\.html?$")
# The owner's timeline: html/wall.htm (English, 2014-2016: dhilipsiva/facebook), html/timeline.html (Spanish,
# 2017: sienrik15/fbchull), one <p> per story (f0_wall.py)
F0_WALL = re.compile(r"(?:^|/)html/(?:wall|timeline)\.html?$")
# The phone's address book, and from 2017 its calls and SMS (f0_contacts.py): html/contact_info.htm (English, 2014:
# tudorbobei/tudorbobei.github.io), html/contact_info.html (Spanish, 2017: sienrik15/fbchull)
F0_CONTACTS = re.compile(r"(?:^|/)html/contact_info\.html?$")
# The same pages published out of their html/ folder, at the top of the one published (ashloren/fb-backup, 2017:
# friends.htm, messages.htm, timeline.htm, contact_info.htm, pokes.htm beside index.htm) or alone (EspressoTime/
# Facebook-Archive-Analyzer friends.htm, early 2018): known by their name and the old page's make, a div.nav of links
# to the other pages, then div.contents (newer DYI pages have neither: a role="main" part).
F0_NAMES = {"friends": "f0_friends", "messages": "f0_messages", "pokes": "f0_pokes", "wall": "f0_wall",
            "timeline": "f0_wall", "contact_info": "f0_contacts"}
F0_PAGE = re.compile(rb'<div class="nav">.*?<div class="contents">', re.S)
F0_IN_HTML = (F0_MESSAGES, F0_FRIENDS, F0_POKES, F0_WALL, F0_CONTACTS)
E2EE_NAME = re.compile(r"_\d+\.json$")
# One Messenger thread file on its own, out of its messages/<folder>/<thread>/ tree (issue 13: a
# single message_1.json handed to `unsocial ingest`).
LONE_THREAD = re.compile(r"(?:^|/)message(?:_\d+)?\.json$")
# Its HTML twin alone (Laup603/Mmmm, 2023 Spanish; humayun12345/MMK, 2020 English), and a friend list page alone
# (tristeVidar/laughing-fortnight your_friends.html, 2024 Norwegian): known by DYI's page, a role="main" part
# holding record blocks, _a6-g since 2022 and uiBoxWhite before (in a class attribute: the stylesheet in the
# head names both). Instagram writes the very same pages (BurpFR/v, BlockHero/bonat message_N.html), under
# its logo.
LONE_PAGE = re.compile(r"(?:^|/)message(?:_\d+)?\.html?$")
DYI_PAGE = re.compile(rb'role="main".*?class="[^"]*\b(?:_a6-g|uiBoxWhite)\b', re.S)
INSTAGRAM_PAGE = re.compile(rb'Instagram-Logo|alt="Instagram"')
PAGE_HEAD = 65536  # the stylesheet alone runs to 24 KB before the body

# Friend-like lists, the same {name, timestamp} items in every generation (formats.md §1.3): F3
# friends/ and following_and_followers/ (2018-19: seanbreckenridge/HPI, unfollowtool-export-parsers),
# F4 friends_and_followers/, F5/F6 connections/friends/ and connections/followers/.
LIST_DIRS = {"friends", "friends_and_followers", "followers", "following", "following_and_followers"}
# Long lists come in numbered parts since 2023: people_who_followed_you_1.json, _2.json …
# (RobinOehler/unfollowtool-export-parsers, src/parsers/facebook.js and its fixture generator) [R].
LIST_PART = re.compile(r"^(?P<stem>.+?)_\d+$")


# Windows names a file downloaded twice, or unpacked over one already there, "message_1 (2).json", "your_posts_1
# (1).json", "friends (3).json": such a file is known by its original's name (scan.py), and of files alike in name
# and content one is read, the original before a copy (as LinkedIn's "messages (1).csv", linkedin/copies.py).
COPY_MARK = re.compile(r" \(\d+\)(?=\.[^./]*$)")


def original_name(member: str) -> str:
    """A member's path without a Windows copy mark: ".../message_1 (2).json" → ".../message_1.json"."""
    return COPY_MARK.sub("", member, count=1)


def name_key(name: str) -> str:
    """A file name as it is matched: each apostrophe written as ``_``. The HTML variant of 2025 names its
    files so (connections/followers/who_you_ve_followed.html beside the JSON's who_you've_followed.json;
    code index id 71079853290, a data-donation reader: "HTML exports write apostrophes as underscores in
    member names", also pages_you_ve_liked.html)."""
    return name.replace("'", "_").replace("’", "_")


LIST_FILES = {name_key(stem): kind for stem, kind in {
    "friends": "friends", "your_friends": "friends", "removed_friends": "removed",
    "received_friend_requests": "received", "friend_requests_received": "received",
    "sent_friend_requests": "sent", "friend_requests_sent": "sent", "rejected_friend_requests": "rejected",
    "people_who_followed_you": "followers", "followers": "followers",
    # friends_and_followers/people_who_follow_you.html of 2021 (hunchoap/fbdata, French): names only, no dates
    "people_who_follow_you": "followers",
    "who_you_follow": "following", "who_you've_followed": "following", "following": "following",
    # connections/friends/friends_you_see_less.json (2025): friends whose posts the owner sees less of
    "friends_you_see_less": "see_less",
    # connections/friends/waving_emojis_you_sent_after_your_friend_requests_were_accepted.json (2025-2026): friends
    # the owner waved at once they had accepted a friend request, one object {media, label_values: [{label: "Name",
    # value}], fbid} and no time (tieubachlongblog/thanhbobber, a published export)
    "waving_emojis_you_sent_after_your_friend_requests_were_accepted": "waved",
}.items()}
ACTIVITY_DIRS = {"comments", "likes_and_reactions", "comments_and_reactions"}
# The timeline (posts.py), in posts/ (F3, F4) or your_facebook_activity/posts/ (F6). Posts others wrote on
# the owner's: other_people's_posts_to_your_timeline.json, 2018 to January 2020, when Facebook dropped
# it (code index ids 48865756015, 13561156449; 1362984606, a README that says it was removed). The
# owner's posts: your_posts_N.json (F3, apparebit/deface README.md; timelinize/timelinize
# datasources/facebook/archive.go, pre2024YourPostsPrefix), your_posts.json of 2018 (id
# 13561156449, "status_updates"), your_posts__check_ins__photos_and_videos_N.json (F6,
# timelinize/timelinize datasources/facebook/archive.go).
WALL_POSTS = name_key("other_people's_posts_to_your_timeline")
OWN_POSTS = re.compile(r"your_posts(?:__check_ins__photos_and_videos)?(?:_\d+)?")
# The download of an additional profile (2024, Spanish: DskyDsky/tio-pancho) holds its posts as
# this_profile's_activity_across_facebook/posts/profile_posts_1.html ("Publicaciones del perfil", "Fotos, videos,
# texto y actualizaciones de estado que este perfil compartió"), the profile's own posts; its JSON twin taken to be
# named alike [U: no JSON seen].
PROFILE_POSTS = re.compile(r"profile_posts(?:_\d+)?")
# ".amr": Messenger's voice clips of the 2010s (csabikam/messenger_parser json/<thread>/files/<…>.amr)
MEDIA = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".bmp", ".mp4", ".mov", ".webm", ".mp3", ".m4a",
         ".aac", ".wav", ".ogg", ".opus", ".amr", ".pdf", ".docx", ".zip", ".txt", ".css", ".js", ".svg", ".ico"}
IGNORED = {
    "people_you_may_know": "friend suggestions, not a relationship",
    # calls_and_messages/message_logs.json (F3): the phone's text messages, numbers and times (call_logs.py)
    "message_logs": "the phone's text messages (numbers and times, no names): a message is no offline contact, not "
                    "read",
    "friend_peer_group": "a label Facebook gives the owner (\"Starting Adult Life\"), no people",
    "followed_pages": "pages followed, not people", "unfollowed_pages": "pages unfollowed, not people",
    "suggested_friends": "friend suggestions, not a relationship",
    name_key("messenger_contacts_you've_blocked"): "people the owner blocked on Messenger: a refusal, not a contact",
    "unfollowed_profiles": "profiles whose posts the owner hid from the feed: a preference, no interaction",
    "payment_history": "Facebook Pay transfers: money, not a social interaction, and too rare to be worth a kind",
    "your_event_responses": "event answers name no host and no other guest",
    # likes_and_reactions/ of 2019 (Kyrozyn/fb_history, HTML): pages liked and links recommended off Facebook
    "likes_on_external_sites": "likes of websites outside Facebook, no person",
    "pages": "pages liked, not people",
    "event_invitations": "event invitations name no inviter",
    # comments_and_reactions/audio_comment_tooltip_views.html (DskyDsky/Aldemar-Snow-, Spanish 2024): one table row,
    # how many times the owner was shown the tip about audio comments
    "audio_comment_tooltip_views": "how often the owner was shown the tip about audio comments: a count, no person",
    # connections/friends/your_post_audiences.json (2025): the owner's custom friend lists ("Restricted"),
    # a list name and its members in nested blocks (what-if-horizon/what-if-data-donation
    # FB_merged_structure_annotated.csv; code index id 55409602076: "just your custom friend-list definitions").
    "your_post_audiences": "custom friend lists the owner made to choose who sees a post: their members are "
                           "friends, read from the friends list",
    # personal_information/other_personal_information/ (2025, 88 records in nikbpetrov/timelinize
    # docs/fork/facebook-inventory.md): one name a record, Facebook telling the owner someone joined.
    "notifications_about_new_users_joining_facebook": "notices that someone the owner may know joined Facebook: "
                                                      "a suggestion, no interaction",
    # comments_and_reactions/your_comment_active_days.json (2025, Phyoe-ptt/nobel_mount): one object, labels
    # "Number of days that you commented in the last 7 days" and "… 30 days"
    "your_comment_active_days": "on how many days the owner commented lately: counts, no person",
    # comments_and_reactions/your_comment_edits.json (2024-25): a list of {timestamp, media, fbid, label_values:
    # Text, Caption, Content state}, each a saved version of one of the owner's comments (the first when it was
    # posted, the last its text now), naming neither the comment nor whose post it is under (code index ids
    # 70363654405 and 70476240969, a renderer checked against a real export; 29242600064, the same keys). The
    # comment itself, and whose post it is on, is read from comments.json. Its HTML page taken to hold the same [U].
    "your_comment_edits": "saved versions of the owner's own comments, naming no one: the comments and whose "
                          "posts they are on are read from comments.json",
    # profile_information/profile_information/ (2025, Phyoe-ptt/nobel_mount, a creator's profile): label_values
    # Opt-in status, Badge type ("Rising fan"), Follower name (given) or Creator status, Creator name (received)
    name_key("rising_fan_badges_you've_given"): "badges Facebook itself awards a creator's most active followers, "
                                                "no time: no interaction of the owner's",
    name_key("rising_fan_badges_you've_received"): "creators (mostly pages) whose rising fan Facebook made the "
                                                   "owner, no time: no interaction of the owner's",
    # chat_invites_received.json, in groups/ and in messages/ (2025). A real one (draygen/jarvis, 8 records):
    # labels Read state, Invite type (each "Channel creation notification"), Last updated time, Invitee (the
    # owner), Inviter (a person, or a community's name); the title is the chat's name.
    "chat_invites_received": "notices that a channel was created in a community, not a personal invitation",
}
# Invitations and Marketplace chats of 2025 (nikbpetrov/timelinize docs/fork/facebook-inventory.md; the keys,
# not the labels, in what-if-horizon/what-if-data-donation FB_merged_structure_annotated.csv): generic
# label_values records with a time, one of whose values may be the other person. Which one is not known
# from any real file seen, and a group's or a chat's name must not become a contact: not guessed.
UNDOCUMENTED = {
    name_key("group_invites_you've_received"): "group invitations received",
    "invites_to_follow": "invitations to follow",  # other_activity/
    # the chats themselves take place in Messenger, whose threads are read from messages/ [U]
    "conversations_you_had_as_a_buyer": "Marketplace chats",
    "conversations_you_had_as_a_seller": "Marketplace chats",
}
IGNORED |= {stem: f"{what}: which value names the other person is not documented, so it is not guessed"
            for stem, what in UNDOCUMENTED.items()}
# Top folders of DYI exports (F3-F6): their presence marks an export as Facebook's.
FACEBOOK_FOLDERS = {"your_facebook_activity", "your_activity_across_facebook", "friends_and_followers",
                    "about_you", "apps_and_websites_off_of_facebook", "facebook_gaming", "facebook_marketplace",
                    "logged_information", "personal_information", "preferences", "security_and_login_information",
                    "ads_information", "connections", "messages", "comments_and_reactions", "profile_information",
                    # an additional profile's download (DskyDsky/tio-pancho, 2024)
                    "this_profile's_activity_across_facebook",
                    # F4-F5's own places (last_location, timezone): a Vietnamese download of 2020 of only it and
                    # security_and_login_information (polozi686868/luadaofacebook) was "not a recognised export"
                    "location"}
INSTAGRAM_FOLDERS = {"your_instagram_activity", "followers_and_following", "instagram_profile_information"}
# Instagram's own files put into a Facebook folder (jszoke1/DataEMAT24: liked_posts.json beside your_friends.json,
# {"likes_media_likes": [{title, string_list_data: [{href: instagram.com/p/…, value, timestamp}]}]}) were left out
# as "the owner's own activity". Known by their top-level key (code index: liked_comments.json "likes_comment_likes",
# ids 17215350604, 56780124103; saved_posts.json "saved_saved_media", 29584332580; personal_information.json
# "profile_user", string_map_data Username; following.json "relationships_following", 29433137939; followers.json
# of the early 2020s "relationships_followers", 27885810880) or, for followers_1.json since 2022, a bare list
# [{title, media_list_data, string_list_data: [{href: "https://www.instagram.com/<user>", …}]}] (Aviv-rs/
# instagram-unfollowers followers_1.json). Followers and following hold people: unknown, the rest left out.
INSTAGRAM_NOTE = "an Instagram file: Instagram is not read by this version"
INSTAGRAM_KEYS = {"likes_media_likes": "ignored", "likes_comment_likes": "ignored", "saved_saved_media": "ignored",
                  "profile_user": "ignored", "relationships_following": "unknown",
                  "relationships_followers": "unknown"}
INSTAGRAM_TOP_KEY = re.compile(rb'^\s*\{\s*"(?P<key>[a-z_]+)"\s*:')
INSTAGRAM_BARE_LIST = re.compile(rb'^\s*\[\s*\{.{0,400}?"string_list_data"\s*:\s*\[\s*\{\s*"href"\s*:\s*'
                                 rb'"https://www\.instagram\.com/', re.S)
INSTAGRAM_HEAD = 1024
# Instagram's DM threads since 2023 have the very keys of a Messenger thread (participants, messages, title,
# is_still_participant, thread_path, magic_words) and are given alone as message_1.json (Prinsx-py, GitAtlet,
# susha091224-sys, NathanQSilva, Shahriar-Sohan: 5 to 10,000 messages each): only their media tell, every uri under
# your_instagram_activity/messages/inbox/<thread>/ (or cross-app-inbox/), where Messenger's are under messages/ or
# your_facebook_activity/messages/. The first uri decides; it may come some 440 KB into the file (susha091224-sys).
INSTAGRAM_URI = re.compile(rb'"uri"\s*:\s*"(?P<root>[^"/]*)/')
INSTAGRAM_THREAD_HEAD = 1 << 20


def instagram_thread(head: bytes) -> bool:
    """Whether the first bytes of a JSON thread file are of an Instagram thread: its first media uri is Instagram's."""
    found = INSTAGRAM_URI.search(head)
    return found is not None and found["root"] == b"your_instagram_activity"
# groups/ of 2021-25, also under your_activity_across_facebook/ and your_facebook_activity/; 2019's: activity.py.
# The posts and comments in groups under each name they had (activity.py): 2019's, 2021-22's your_posts_in_groups,
# 2023-26's group_posts_and_comments
GROUP_FILES = {"your_comments_in_groups": "group_comments", "likes_and_reactions": "reaction_labels",
               "your_posts_and_comments_in_groups": "group_posts", "your_posts_in_groups": "group_posts",
               "group_posts_and_comments": "group_posts"}
PARSED = {"profile", "list", "list_html", "thread", "thread_html", "f0_messages", "f1_thread", "f0_friends",
          "f0_pokes", "e2ee", "reactions", "reaction_labels", "comments", "pokes", "visits", "address_book",
          "wall_posts", "own_posts", "group_comments", "story_reactions", "posts_on_others", "people_interactions",
          "tagged_in", "group_thread", "titles_html", "f0_wall", "people_html", "visits_html", "address_book_html",
          "own_posts_html", "group_invites", "profile_html", "group_posts", "notifications", "notifications_html",
          "labels_html", "secret_calls", "admin_actions", "f0_contacts", "page_reactions_html", "call_logs",
          "media_comments"}
# The HTML pages of the files read by their titles (html_titles.py): the same sentence per record as the
# JSON file's "title", seen in seven published HTML exports of 2019-2024 (English, French, Spanish);
# groups/your_posts_and_comments_in_groups.html of 2021 in Mdfee/faria.github.io (English, 468 records).
HTML_TITLED = {"reactions", "comments", "group_comments", "pokes", "wall_posts", "story_reactions", "group_posts"}
# Pages read by their blocks (html_people.py), seen in hunchoap/fbdata (French, 2021) and DskyDsky/Aldemar-Snow-
# (Spanish, 2024): the people recently interacted with, profile visits, the uploaded address book, the owner's
# posts. Of the address books only your_address_books.html was seen: the other files' pages are not guessed.
HTML_KINDS = {"people_interactions": "people_html", "visits": "visits_html", "own_posts": "own_posts_html",
              # profile_information/profile_information.html, 2019-2026 (html_profile.py)
              "profile": "profile_html",
              # notifications/notifications.html, 2021, English and Spanish (notifications.py)
              "notifications": "notifications_html"}
HTML_NAMED = {"your_address_books": "address_book_html",
              # a Page's own download, 2021-2022 (page_reactions.py)
              "likes_and_reactions_made_by_your_page": "page_reactions_html"}
# The pages of the label_values files, rebuilt as their JSON records (html_labels.py): reactions naming the post's
# author, posts on others' profiles, photos the owner is tagged in, group invitations sent. Seen as pages in
# VoidPharah41/fb_old (Traditional Chinese, 2025: likes_and_reactions.html, posts_on_other_pages_and_profiles.html);
# the other two pages are taken to be of the same make [U: no page seen].
HTML_LABELLED = {"reaction_labels", "posts_on_others", "tagged_in", "group_invites"}
HTML_READ = {"list_html", "thread_html", "titles_html", "labels_html", *HTML_KINDS.values(), *HTML_NAMED.values()}
# your_facebook_activity/groups/your_group_messages/<16 digits>.json (2025): a group chat, thread_name and
# messages, no participants ([INV] nikbpetrov/timelinize docs/fork/facebook-inventory.md).
GROUP_THREAD = re.compile(r"(?:^|/)your_group_messages/\d+\.json$")
# Files named outright, wherever they sit: the owner's uploaded contacts (address_book.py), the people the
# owner interacted with lately (people.py), the photos the owner is tagged in (people.py).
NAMED = {"your_address_books": "address_book", "your_imported_contacts": "address_book",
         "contacts_uploaded_before_2021": "address_book", "contacts_uploaded_from_your_phone": "address_book",
         # …/profile_information/synced_contacts_from_instagram.json (2025): contacts synced through Instagram,
         # the shape of contacts_uploaded_before_2021.json, label_values[{label, vec: [{dict: [{label, value |
         # timestamp_value}]}]}] (what-if-horizon/what-if-data-donation FB_merged_structure_annotated.csv;
         # nikbpetrov/timelinize docs/fork/facebook-inventory.md: both "label_values=[1]{label,vec}")
         "synced_contacts_from_instagram": "address_book",
         "people_and_friends": "people_interactions", name_key("photos_and_videos_you're_tagged_in"): "tagged_in",
         # groups/group_invites_you've_sent.json (2025): a person invited to a group in an "Invitee" block
         # (Phyoe-ptt/nobel_mount; invites.py)
         name_key("group_invites_you've_sent"): "group_invites"}


def split(member: str) -> tuple[str, str, str, list[str]]:
    """(parent folder name, stem, lowercased suffix, folders) of a member path; string operations
    only, as an export can hold 100,000 media files."""
    *folders, name = member.split("/")
    stem, dot, suffix = name.rpartition(".")
    return (folders[-1] if folders else ""), (stem if dot else name), ("." + suffix.lower() if dot else ""), folders


def kind_of(member: str, f1: bool = False) -> str | None:
    """The kind of a member known by its path alone."""
    parent, stem, suffix, _ = split(member)
    stem = name_key(stem)
    if THREAD.search(member):
        return "thread" if suffix == ".json" else "thread_html"
    if GROUP_THREAD.search(member):
        return "group_thread"
    if suffix in (".htm", ".html"):
        if F1_THREAD.search(member):
            return "f1_thread"
        if F0_MESSAGES.search(member):
            return None if f1 else "f0_messages"  # in F1 it is only the index of messages/<n>.html
        if F0_FRIENDS.search(member):
            return "f0_friends"
        if F0_POKES.search(member):
            return "f0_pokes"
        if F0_WALL.search(member):
            return "f0_wall"
        if F0_CONTACTS.search(member):
            return "f0_contacts"
        if parent in LIST_DIRS and list_stem(stem) in LIST_FILES:
            return "list_html"
        return _html_kind(stem, parent)
    if suffix != ".json":
        return None
    if parent in LIST_DIRS and list_stem(stem) in LIST_FILES:
        return "list"
    if parent == "groups" and stem == "your_admin_actions":
        return "admin_actions"  # admin_actions.py
    if parent == "messages" and stem == "secret_conversations":
        return "secret_calls"  # its calls (secret_calls.py); the rest of it is Messenger's settings
    if parent == "calls_and_messages" and stem == "call_logs":
        return "call_logs"  # the phone's call log (call_logs.py)
    if _media_file(stem, parent, member.split("/")[:-1]):
        return "media_comments"  # others' comments on the owner's photos and videos (media_comments.py)
    return _activity_kind(stem, parent)


def _media_file(stem: str, parent: str, folders: list[str]) -> bool:
    """An album (``photos_and_videos/album/<n>.json``, later ``posts/album/<n>.json``) or the owner's videos."""
    if parent == "album":
        return stem.isdigit() and len(folders) >= 2 and folders[-2] in MEDIA_FOLDERS
    return stem == "your_videos" and parent in MEDIA_FOLDERS


MEDIA_FOLDERS = ("photos_and_videos", "posts")


def _html_kind(stem: str, parent: str) -> str | None:
    if stem in HTML_NAMED:
        return HTML_NAMED[stem]
    kind = _activity_kind(stem, parent)
    if kind == "profile" and parent != "profile_information":
        # Facebook's page sits in a profile_information/ folder; web sites' own pages of that name (a dozen
        # public repositories hold one at their root) are no export's
        return None
    if kind in HTML_LABELLED:
        return "labels_html"
    return "titles_html" if kind in HTML_TITLED else HTML_KINDS.get(kind)


def titled_kind(member: str) -> str:
    """What an HTML page of titled or labelled records holds: one of ``HTML_TITLED`` or ``HTML_LABELLED``."""
    parent, stem, _, _ = split(original_name(member))
    return _activity_kind(name_key(stem), parent)


def list_stem(stem: str) -> str:
    """The list a file holds, for a numbered part too (people_who_followed_you_2 → people_who_followed_you)."""
    part = LIST_PART.match(stem)
    return part["stem"] if part and stem not in LIST_FILES and part["stem"] in LIST_FILES else stem


def _activity_kind(stem: str, parent: str) -> str | None:
    if stem == "profile_information":
        return "profile"
    if stem == "pokes":
        return "pokes"
    if stem == "recently_visited":
        return "visits"
    if stem in NAMED:
        return NAMED[stem]
    if parent == "posts":
        return _posts_kind(stem)
    if parent == "stories":
        return "story_reactions" if stem == "story_reactions" else None
    if parent == "notifications":  # notifications/notifications.json (F4, 2021; notifications.py)
        return "notifications" if stem == "notifications" else None
    if parent == "groups":
        return GROUP_FILES.get(stem)
    if parent not in ACTIVITY_DIRS:
        return None
    if stem == "posts_and_comments" or re.fullmatch(r"likes_and_reactions_\d+", stem):
        return "reactions"
    if stem == "likes_and_reactions":
        return "reaction_labels"
    # comments_and_reactions/comments_and_reactions.json holds comments_v2 in a 2021 Danish export
    # (NorseKode/Waultar-App test data); comments.json elsewhere
    return "comments" if stem in ("comments", "comments_and_reactions") else None


def _posts_kind(stem: str) -> str | None:
    if stem == WALL_POSTS:
        return "wall_posts"
    if stem == "posts_on_other_pages_and_profiles":  # the owner's posts on others' timelines (2025)
        return "posts_on_others"
    return "own_posts" if OWN_POSTS.fullmatch(stem) or PROFILE_POSTS.fullmatch(stem) else None


MEDIA_SUFFIXES = tuple(MEDIA)
MEDIA_NOTE = ("ignored", "media, attachment or page asset")
# The folders of a thread's attachments, beside its message_N.json (any file in them, whatever its suffix)
ATTACHMENT_DIRS = {"files", "audio", "photos", "videos", "gifs"}
ATTACHMENT_NOTE = ("ignored", "an attachment of a conversation, no person in it")


def attachment_of(member: str, thread_dirs: set[str]) -> bool:
    """A file in an attachment folder of a thread folder (one holding message_N.json): csabikam/messenger_parser
    json/<thread>/files/<…>.amr, a voice clip in threads copied out of messages/inbox/ (was "the owner's own
    activity"), and messages/inbox/<thread>/photos/<…> in every export."""
    folder, _, _ = member.rpartition("/")
    thread, _, name = folder.rpartition("/")
    return name.lower() in ATTACHMENT_DIRS and thread in thread_dirs


def instagram_note(head: bytes, folders: list[str]) -> tuple[str, str] | None:
    """(handling, note) of an Instagram file, known by its folder or by its first bytes; None for any other."""
    if set(folders) & INSTAGRAM_FOLDERS:
        return "unknown", INSTAGRAM_NOTE
    top = INSTAGRAM_TOP_KEY.match(head)
    if top and top["key"].decode() in INSTAGRAM_KEYS:
        return INSTAGRAM_KEYS[top["key"].decode()], INSTAGRAM_NOTE
    return ("unknown", INSTAGRAM_NOTE) if INSTAGRAM_BARE_LIST.match(head) else None


def note_of(member: str) -> tuple[str, str]:
    """(handling, note) of a member that is not read."""
    parent, stem, suffix, parts = split(member)
    stem = name_key(stem)
    if suffix in MEDIA or "/media/" in f"/{member}" or _depth_in_messages(member) >= 4:
        return MEDIA_NOTE  # ≥ 4: messages/<folder>/<thread>/photos/…
    if stem in IGNORED:
        return "ignored", IGNORED[stem]
    if stem == INDEX_STEM and suffix in (".htm", ".html"):
        return INDEX_NOTE  # the note counts the conversations it lists that the export lacks (message_index.py)
    if F0_MESSAGES.search(member):
        return F1_INDEX_NOTE  # the note counts the conversations it lists that the export lacks (message_index.py)
    if suffix in (".htm", ".html") and (_activity_kind(stem, parent) or parent in LIST_DIRS):
        return "ignored", "HTML variant of this file is not read: download the export in JSON format"
    if parent == "messages" or stem in E2EE_METADATA:
        return SETTINGS_NOTE
    if parent in LIST_DIRS or parent in ACTIVITY_DIRS or _in_thread_dir(member):
        return PEOPLE_FOLDER_NOTE
    return OWN_ACTIVITY_NOTE


# The notes of a file known by no name: another platform's file (instagram_note) is told apart from them.
PEOPLE_FOLDER_NOTE = ("unknown", "a file in a people folder that this version does not know")
OWN_ACTIVITY_NOTE = ("ignored", "no other person: the owner's own activity, settings or ads")


SETTINGS_NOTE = ("ignored", "Messenger settings or metadata, no conversation")
# Messenger's conversation index of the HTML download, messages/your_messages.html (message_index.py)
INDEX_STEM = "your_messages"
INDEX_NOTE = ("ignored", "the index of the conversations: each is read from its own file")
# The index of the F1 (and late F0) messages.htm: a link to messages/<n>.html per conversation (message_index.py)
F1_INDEX_NOTE = ("ignored", "index of the conversation files messages/<n>.html (F1, early 2018)")
E2EE_METADATA = {"secret_conversations", "messaging_settings", "your_end-to-end_encryption_enabled_messenger_device",
                 "autofill_information", "your_messenger_settings", "support_messages"}


def _depth_in_messages(member: str) -> int:
    """How many path parts follow the (first) ``messages`` folder; 0 outside it."""
    parts = member.split("/")
    return len(parts) - parts.index("messages") - 1 if "messages" in parts else 0


def _in_thread_dir(member: str) -> bool:
    return _depth_in_messages(member) >= 3
