"""Which LinkedIn file is which: the kinds of file read (by header; the ≤ 2017 connections exports by name
and header), and those passed over; the rows of a file read, its names repaired (``rows_of``). Files that repeat
another are told in ``copies``."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from itertools import product
from pathlib import Path, PurePosixPath

from ..archive import Export
from ...models import MemberNote
from ..tabular import Row, canonical, header_of, read_rows
from ..text_repair import repair

NAME = "linkedin"

# Kind of file → columns its header must hold. Headers only ever gained columns over the years
# (URL ~2023, RECIPIENT PROFILE URLS and ATTACHMENTS ~2024, inviter/invitee URLs), so only the
# oldest columns are required and the newer ones are read when present.
FILES = {
    "connections": ("First Name", "Last Name", "Connected On"),
    # 2015-2017 archive ("Initial_LinkedInDataExport_<date>.zip" until early 2018, JMPerez/linkedin-to-json-resume
    # src/index.html before 9d841d6): Connections.csv "First Name,Last Name,Email Address,Current Company,Current
    # Position", no date, no URL; the recommendations with the recommender's or recommendee's columns (remixed2/
    # linkedin-zip-parser Models/, 2016). Each file was unknown, its people lost.
    "legacy_connections": ("First Name", "Last Name", "Email Address", "Current Company", "Current Position"),
    "legacy_recommendations_received": ("Recommender First Name", "Recommender Last Name", "Recommendation Date"),
    "legacy_recommendations_given": ("Recommendee First Name", "Recommendee Last Name", "Recommendation Date"),
    # and Contacts.csv "First Name,Last Name,Email,Notes,Tags": the people of the owner's contact book on LinkedIn, with
    # the notes and tags the owner kept on them (remixed2/linkedin-zip-parser Models/Contact.cs). Read for the people
    # and their e-mail; the notes are the owner's own words: no interaction, and their text is not kept.
    "legacy_contacts": ("First Name", "Last Name", "Email", "Notes", "Tags"),
    "messages": ("CONVERSATION ID", "FROM", "TO", "DATE", "CONTENT"),
    # ≤ 2018: "Messages.csv" (earlier "Inbox.csv"), names only, the owner's side in Direction
    # (apache/streams linkedin.ttl.ftl; drothfeld/CSV-Message-Data-Parsers). The 2015-2017 archive's Invitations.csv
    # has these columns too (remixed2/linkedin-zip-parser Parser.cs reads it with the Inbox model): see rows.py.
    "legacy_messages": ("From", "To", "Date", "Subject", "Content", "Direction"),
    "invitations": ("From", "To", "Sent At", "Direction"),
    "follows": ("Date", "Status", "FullName"),  # Member_Follows.csv, Member_Follows_<id>.csv since ~2025
    # 2026 Complete exports: Notes.csv, the owner's private notes on connections, "Connection First Name,Connection
    # Last Name,Connection Profile URL,Note,Created On,Edited On" (skoelle/chat-archive api/app/parsers/linkedin.py,
    # written against a real export: "usually empty"; code index id 71311106402, ~30 real exports measured). Read for
    # the people it names; the note is the owner's own words and its dates when they wrote it: no interaction.
    "notes": ("Connection First Name", "Connection Last Name", "Note"),
    # ≤ 2018 Registration.csv names who invited the owner to LinkedIn (apache/streams linkedin.ttl.ftl);
    # later ones ("Registered At,Registration Ip,Subscription Types") do not and stay the owner's own.
    "registration": ("Registration Date", "Inviter First Name", "Inviter Last Name"),
    "endorsements_received": ("Endorsement Date", "Endorser First Name", "Endorser Last Name"),
    "endorsements_given": ("Endorsement Date", "Endorsee First Name", "Endorsee Last Name"),
    "recommendations": ("First Name", "Last Name", "Text", "Creation Date", "Status"),
    "profile": ("First Name", "Last Name", "Headline"),
    # ≤ 2017, before the data export: "Export connections" wrote the connections as an address book for
    # Outlook (and Outlook Express, "the same") or Yahoo, without profile URL or date. Their headers are any
    # address book's, so they are known by LinkedIn's file name (EXPORTED_BY_NAME) and read only under it.
    # Required here: the first name, last name, e-mail, company and position columns, in that order.
    # Outlook: exemartinez/Contact_Manager_Messager and harshdarji/python
    # (linkedin_connections_export_microsoft_outlook.csv, every field quoted).
    "outlook_connections": ("First Name", "Last Name", "E-mail Address", "Company", "Job Title"),
    # Yahoo: code index id 38402880731 (a reader of all three files) takes First 0, Last 2, Email 4, Title 20
    # and Company 21: the columns of those names in Yahoo's address-book header (code index ids 24269382445
    # and 17844129333 quote it whole).
    "yahoo_connections": ("First", "Last", "Email", "Company", "Title"),
}
# Other headers of a kind, read under their own column names. Connections.csv with first and last name in one column,
# "Name,URL,Company,Position,Connected On", no Notes preamble, "Connected On" as Excel's "21-Feb-24" (nandakishor-v/
# SocialMedia-Dashbord Connections.csv at 5575bdb, 230 rows: a user's edit of a real export, the two names joined
# without a space): an unknown file, every connection lost. The URL keys the person and the name is the display name
# as written (first and last name stay empty: nothing tells where one ends). URL and Connected On are required
# beside Name: a CSV with a Name column is no LinkedIn file.
OTHER_FORMS = {"connections": (("Name", "URL", "Connected On"),)}
# LinkedIn writes Connections.csv's header in the account's language ("Vorname,Nachname,URL,E-Mail-Adresse,
# Unternehmen,Position,Verbunden am"; also without URL, under the English Notes preamble; dates in English "03 Apr
# 2022"), and names some files in it ("Berufserfahrung.csv" for Positions.csv), as parsers written against real exports
# say (data/linkedin_headers.csv names them). Read in English only, every such connection was lost: the file alone no
# export, inside one an unknown file. The words are read once, and a header in one language is renamed to the English.
WORDS_FILE = Path(__file__).parents[2] / "data" / "linkedin_headers.csv"
# The columns above that hold a person's name. messages.csv of about 2023 has FROM and TO double-encoded (UTF-8
# read as Windows-1252 or Latin-1: "RenÃ©e LefÃ¨vre", "JÃ¼rgen StrauÃŸ") while Connections.csv of the same
# export has them right (thephm/linkedin_md docs/linkedin_export.md): names are repaired wherever they are read,
# so that a sender known by name alone is the connection of that name, and the owner's own name is theirs.
NAME_COLUMNS = frozenset({"first name", "last name", "from", "to", "fullname", "inviter first name",
                          "inviter last name", "endorser first name", "endorser last name", "endorsee first name",
                          "endorsee last name", "first", "last", "connection first name", "connection last name",
                          "recommender first name", "recommender last name", "recommendee first name",
                          "recommendee last name", "name"})
EXPORTED_BY_NAME = {
    "linkedin_connections_export_microsoft_outlook.csv": "outlook_connections",
    "linkedin_connections_export_outlook_express.csv": "outlook_connections",
    "linkedin_connections_export_yahoo.csv": "yahoo_connections",
}
BY_NAME_ONLY = frozenset(EXPORTED_BY_NAME.values())
NOTES = {"outlook_connections": "connections exported for Outlook (no profile URL, no date)",
         "yahoo_connections": "connections exported for Yahoo (no profile URL, no date)",
         "notes": "the owner's notes on connections: the people only (a note is no interaction; its text not kept)",
         "legacy_contacts": "the owner's contact book of 2015-2017: the people and e-mails only (notes not kept)",
         "legacy_recommendations_received": "recommendations received (the 2015-2017 archive's columns)",
         "legacy_recommendations_given": "recommendations given (the 2015-2017 archive's columns)",
         "legacy_connections": "connections of the 2015-2017 archive (no profile URL, no date)",
         "follows": "follows; a member unfollowed or muted since (Status \"Unfollow\", \"Mute\") is read as the "
                    "member only, no follow"}
# Columns whose values never reach a quarantine excerpt: what people wrote, and the owner's notes on them.
HIDDEN_COLUMNS = {"messages": ("subject", "content"), "legacy_messages": ("subject", "content"), "notes": ("note",),
                  "legacy_contacts": ("notes", "tags")}

# Connections.csv with its header written without spaces, "FirstName,LastName,EmailAddress,Company,Position,
# ConnectedOn" (also with ",Tags"): no URL, no Notes preamble, "Connected On" as "04-May-22" (DelphineLeconte/Repo,
# 1,316 rows committed 2022; a fake-export generator writes the same header, code index id 4040622648). Whether
# LinkedIn once wrote it or a user retyped it is unknown, so every header is also recognised with spaces,
# underscores and case removed, and its columns renamed to the usual names (``_usual_names``).
SQUEEZED = {kind: tuple(canonical(c).replace(" ", "") for c in columns) for kind, columns in FILES.items()}
# The columns read besides the required ones (rows.py, owner.py): a squeezed header's columns are renamed to these.
# A column read but missing here would be missed in a squeezed file only.
OPTIONAL_COLUMNS = ("url", "email address", "company", "position", "job title", "conversation id",
                    "sender profile url", "recipient profile urls", "is message draft", "is conversation draft",
                    "endorser public url", "endorsee public url", "inviteeprofileurl", "inviterprofileurl",
                    "connection profile url", "current company", "current position", "recommender company",
                    "recommender title", "recommendee company", "recommendee title")
USUAL_NAMES = {name.replace(" ", ""): name
               for name in (*OPTIONAL_COLUMNS, *(canonical(c) for columns in FILES.values() for c in columns))}


def _words() -> dict[str, dict[str, dict[str, str]]]:
    """``WORDS_FILE`` read once: of each table (a kind of file, or "file"), of each language, each word as a header
    is matched (``canonical``) → LinkedIn's English column or file it stands for."""
    tables: dict[str, dict[str, dict[str, str]]] = {}
    with WORDS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            words = dict.fromkeys(map(canonical, row["words"].split("|")), row["key"])
            tables.setdefault(row["table"], {}).setdefault(row["language"], {}).update(words)
    return tables


def _localized_forms(kind: str, languages: dict[str, dict[str, str]]) -> dict[tuple[str, ...], dict[str, str]]:
    """Each form of ``kind``'s required columns in one language's words → that language's words, which rename the
    file's columns to the English ones (``rows_of``). A column the language has no word for stays English."""
    required = [canonical(column) for column in FILES[kind]]
    forms: dict[tuple[str, ...], dict[str, str]] = {}
    for words in languages.values():
        spelled = [[word for word, key in words.items() if key == column] or [column] for column in required]
        forms.update(dict.fromkeys(product(*spelled), words))
    forms.pop(tuple(required), None)
    return forms


_WORDS = _words()
LOCALIZED_FORMS = {kind: _localized_forms(kind, languages) for kind, languages in _WORDS.items() if kind in FILES}
# File names in another language → the English file's stem. Only the owner's own files are known so (their headers
# stay English, and the files read are known by header): "Berufserfahrung" is left out as "Positions" is.
LOCALIZED_FILES = {word: key for words in _WORDS.get("file", {}).values() for word, key in words.items()}

# Files that carry no other person, or only the owner's activity without a counterpart (§3.9).
IGNORED = {
    "guide_messages.csv": "messages with LinkedIn's assistant",
    "learning_coach_messages.csv": "messages with LinkedIn's learning coach",
    "learning_role_play_messages.csv": "role-play practice with LinkedIn's assistant",
    # 2024-2025 Complete exports: the owner's chats with LinkedIn's AI coach, in messages.csv's header, the coach's
    # side with FROM or TO and its URL empty (Feynman10/Proile "coach_messages.csv", 8 rows; predator-911/Portfolio2,
    # header only). Read as messages, every row was refused as a member LinkedIn no longer names.
    "coach_messages.csv": "messages with LinkedIn's AI coach",
}
# LinkedIn's creator analytics of the owner's posts, "Content_<from>_<to>_<Name>.xlsx" beside the CSVs of 2025-2026
# exports: sheets DISCOVERY, ENGAGEMENT, TOP POSTS, FOLLOWERS, DEMOGRAPHICS, counts and post URLs only (code index id
# 70872591201, an uploader's story "Content_2025-09-28_2026-09-28.xlsx"; davnnis2003/jimwurst apps/data_ingestion/
# manual_job/linkedin/README.md, the "Basic Creator Insights" .xlsx, its tables named content_<from>_<to>_<name>_
# <sheet>). It was reported unknown, with a request to open an issue, though it names nobody.
CREATOR_ANALYTICS = re.compile(r"content_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}(_[^/]*)?\.xlsx")
CREATOR_ANALYTICS_NOTE = "creator analytics of the owner's posts (counts, demographics in aggregate): no other person"
OWNER_ONLY = ("email addresses", "phonenumbers", "phone numbers", "registration", "positions", "education", "skills",
              "profile summary", "instantreposts", "saved_items", "lan ads", "job applicant", "videos",
              "reactions", "comments", "shares", "votes", "company follows", "events", "rich media",
              "rich_media", "languages", "certifications", "courses", "projects", "publications",
              "honors", "patents", "volunteering", "ad_targeting", "inferences", "learning", "logins",
              "receipts", "savedjobalerts", "searchqueries", "security challenges", "ads clicked",
              "causes you care about", "honors", "test scores", "whatsapp", "organizations",
              # 2018 and 2022 Complete exports, the first three UTF-16 with tabs (abhishekwebcode/Abhishek-Mathur-
              # Complete_LinkedInDataExport_11-04-2018; Sajiah/mylinkedindata): the account's own events, the owner's
              # searches and ad profile, the hashtags they follow
              "account status history", "ad targeting", "search queries", "hashtag_follows", "hashtag follows",
              # 2021-2024 Complete exports: the owner's identity check, job hunt and postings, the hashtags they post
              # about, the calendars they synced ("Owner,Source,LastSyncedAt"); the Jobs/ and Verifications/ files
              # also at the root where the export was flattened (Feynman10/Proile "Verifications.csv", "Online Job
              # Postings.csv", "Member Hashtags.csv", "Saved Jobs.csv"; apk0703/linkdin_profile_analysis
              # "Calendar.csv", "Job Applications.csv": the Contact Email and Phone there are the owner's own)
              "verifications", "job seeker preferences", "job applications", "saved jobs", "online job postings",
              "member hashtags", "calendar",
              # 2025 Complete export: the text of the owner's own résumé uploads ("Private Identity Asset Name,Private
              # Identity Asset Raw Text"; the file list of a real export, code index id 52150958668)
              "private_identity_asset")

# The date column of each kind of file. Forms (ingest.sources.dates): "2024-10-26 11:43:11 UTC" (messages),
# "2024/07/16 10:00:00 UTC" (endorsements), "05 Mar 2024" (Connected On since ~2020), and the US short
# form "1/8/18, 6:14 PM" (Invitations, Recommendations, and every date of the 2018 Complete export:
# apache/streams linkedin.ttl.ftl). LinkedIn writes month first whatever the member's country; a file
# whose values prove otherwise is read day first, and the file's note says so.
DATE_COLUMNS = {"connections": "connected on", "messages": "date", "legacy_messages": "date", "invitations": "sent at",
                "follows": "date", "registration": "registration date", "endorsements_received": "endorsement date",
                "endorsements_given": "endorsement date", "recommendations": "creation date",
                "legacy_recommendations_received": "recommendation date",
                "legacy_recommendations_given": "recommendation date"}


def csv_members(export: Export) -> list[str]:
    return [m for m in export.members() if m.lower().endswith(".csv")]


def kind_of(export: Export, member: str) -> str | None:
    base = PurePosixPath(member).name.lower()
    if not base.endswith(".csv") or base in IGNORED:
        return None
    named = EXPORTED_BY_NAME.get(base)
    kinds = [named] if named else [k for k in FILES if k not in BY_NAME_ONLY]
    return next((kind for kind in kinds if header_form(export, member, kind)), None)


def header_form(export: Export, member: str, kind: str) -> tuple[str, ...] | None:
    """The required columns of ``kind`` as the file's header writes them: with spaces, without (``SQUEEZED``), or
    another header of the kind (``OTHER_FORMS``)."""
    forms = (FILES[kind], SQUEEZED[kind], *OTHER_FORMS.get(kind, ()), *LOCALIZED_FORMS.get(kind, {}))
    return next((form for form in forms if header_of(export, member, form)), None)


def rows_of(export: Export, member: str, kind: str, encoding: str | None = None) -> Iterator[Row]:
    """The rows of a file of ``kind`` under the usual column names, its names (``NAME_COLUMNS``, each a required
    column) repaired; ``encoding``: the file's ``tabular.encoding_of`` where the caller has it already."""
    form = header_form(export, member, kind) or FILES[kind]
    rename = _renaming(kind, form)
    names = [column for column in map(canonical, FILES[kind] if rename else form) if column in NAME_COLUMNS]
    rows = read_rows(export, member, form, encoding=encoding)
    for row in map(rename, rows) if rename else rows:
        yield _names_repaired(row, names)


def _renaming(kind: str, form: tuple[str, ...]):
    """What renames the columns of a header of ``form`` to the usual names: None where they are the usual ones."""
    if form == SQUEEZED[kind]:
        return _usual_names
    words = LOCALIZED_FORMS.get(kind, {}).get(form)
    return partial(_english_names, words=words) if words else None


def _usual_names(row: Row) -> Row:
    return replace(row, values={USUAL_NAMES.get(column.replace(" ", ""), column): value
                                for column, value in row.values.items()})


def _english_names(row: Row, words: dict[str, str]) -> Row:
    return replace(row, values={words.get(column, column): value for column, value in row.values.items()})


def _names_repaired(row: Row, names: list[str]) -> Row:
    # ASCII is never mojibake: nearly every row is passed on as it is. The raw cells stay as written, for the
    # quarantine's excerpt.
    fixed = {column: repair(row.values[column]) for column in names if not row.values.get(column, "").isascii()}
    return replace(row, values={**row.values, **fixed}) if fixed else row


def detect(export: Export) -> bool:
    """A LinkedIn export holds a CSV of a kind read here that names people (by header), or a ≤ 2017 connections
    export (by name), at its root, or one folder down (a zip inside a zip). Deeper CSVs are someone else's
    files: a contact list sent as a Messenger attachment (messages/inbox/<thread>/files/) must not make a
    Facebook export LinkedIn's. The root is the folder all its files share: a LinkedIn zip among the exports a user
    keeps in Desktop/exports/ and passes as one folder is seen at exports/<zip>/, and was taken by Facebook's."""
    root = len(export_root(export.members()))
    shallow = [m for m in csv_members(export) if m[root:].count("/") <= 1]
    # Not only Connections, messages or Profile: a part of an export handed in alone, such as
    # Recommendations_Received.csv beside Education.csv and Positions.csv (EddieFahrenheit/EddieFahrenheit, 2024),
    # was no export at all, and its recommenders lost. Member_Follows.csv's "Date,Status,FullName" is too plain, and
    # so is the 2015-2017 Contacts.csv's "First Name,Last Name,Email,Notes,Tags": read in an export, never making one.
    people = {"connections", "messages", "legacy_messages", "profile", "invitations", "endorsements_received",
              "endorsements_given", "recommendations", "legacy_connections", "legacy_recommendations_received",
              "legacy_recommendations_given", *BY_NAME_ONLY}
    return any(kind_of(export, m) in people for m in shallow)


def export_root(members: list[str]) -> str:
    """The folder every member (sorted) is in, with its "/", or "" (a zip with a top folder: "Basic_Export/")."""
    if not members:
        return ""
    common = os.path.commonprefix([members[0], members[-1]])
    return common[:common.rfind("/") + 1]


def note_unparsed(member: str, root: str = "") -> MemberNote:
    """What a file not read is; ``root``: the export's own folder (``export_root``), which holds its files."""
    base = PurePosixPath(member).name.lower()
    stem = base.removesuffix(".csv")
    if base in IGNORED:
        return MemberNote(member=member, line=0, handling="ignored", note=IGNORED[base])
    if CREATOR_ANALYTICS.fullmatch(base) or CREATOR_ANALYTICS.fullmatch(PurePosixPath(member).parent.name.lower()):
        # the workbook, or one of its sheets as ``archive`` shows them ("Content_….xlsx/DISCOVERY.csv")
        return MemberNote(member=member, line=0, handling="ignored", note=CREATOR_ANALYTICS_NOTE)
    if _owner_only(stem) or "/" in member.removeprefix(root):  # in a folder of the export: the owner's jobs, …
        return MemberNote(member=member, line=0, handling="ignored", note="the owner's own data, no other person")
    return MemberNote(member=member, line=0, handling="unknown", note="not a LinkedIn file this version reads")


def _owner_only(stem: str) -> bool:
    # Recent exports write some of these names with underscores where older ones had spaces: "Company_Follows.csv"
    # ("Organization,Followed On", "Tue Feb 24 13:01:44 UTC 2026": adrockmkt/adrock-extrator-emails linkedin_raw/,
    # 2026) for "Company Follows.csv" (NicoLorDev97/MetricasRedes, 2023). It was reported unknown, with a request
    # to open an issue, though it names companies only.
    return (stem.startswith(OWNER_ONLY) or stem.replace("_", " ").startswith(OWNER_ONLY)
            or LOCALIZED_FILES.get(canonical(stem), "").startswith(OWNER_ONLY))
