"""The demo inbox: deterministic, in the real export formats of every platform, with its ground truth."""
from __future__ import annotations

import csv
import io
import json
import random
import re
import unicodedata
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from ingest.archive import Export
from ingest.columns import Columns
from ingest.demo import DEMO_OWNER, DEMO_OWNER_URL, write_demo_inbox
from ingest.demo.people import MET_OFFLINE, SHARES, make_network
from ingest.sources import journal, linkedin, xing

AS_OF = date(2026, 11, 27)
LINKEDIN_ZIP = "Complete_LinkedInDataExport_11-20-2026.zip"
LINKEDIN_FILES = {
    "Profile.csv", "Connections.csv", "messages.csv", "Invitations.csv", "Endorsement_Received_Info.csv",
    "Endorsement_Given_Info.csv", "Recommendations_Received.csv", "Recommendations_Given.csv",
    "Email Addresses.csv", "Skills.csv", "Reactions.csv", "Jobs/Job Applications.csv",
}
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
OWNER = " ".join(DEMO_OWNER)
OWNER_TWITTER_ID = "2718281828"
STAMP = (2026, 11, 20, 6, 30, 0)
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo_inbox(tmp_path_factory.mktemp("demo") / "nested" / "inbox")


def only(inbox: Path, pattern: str) -> Path:
    [path] = inbox.glob(pattern)
    return path


def member(zip_path: Path, name: str) -> bytes:
    with zipfile.ZipFile(zip_path) as zf:
        return zf.read(name)


def dict_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def linkedin_rows(inbox: Path, name: str) -> list[dict[str, str]]:
    text = member(inbox / LINKEDIN_ZIP, name).decode("utf-8-sig")
    return dict_rows(text[text.index("First Name"):] if name == "Connections.csv" else text)


def facebook_json(inbox: Path) -> dict[str, object]:
    with zipfile.ZipFile(only(inbox, "facebook-*.zip")) as zf:
        return {name: json.loads(zf.read(name)) for name in zf.namelist()}


def repair(text: str) -> str:
    """Facebook's mojibake undone (formats.md §1.8), then NFC: the facebook account_ref."""
    return unicodedata.normalize("NFC", text.encode("latin-1").decode("utf-8"))


def twitter_js(inbox: Path) -> dict[str, object]:
    with zipfile.ZipFile(only(inbox, "twitter-*.zip")) as zf:
        return {name: json.loads(zf.read(name).decode("utf-8").split("=", 1)[1])
                for name in zf.namelist() if name.endswith(".js")}


def labels(inbox: Path) -> list[dict[str, str]]:
    return dict_rows((inbox.parent / f"{inbox.name}.labels.csv").read_text(encoding="utf-8"))


def parsed_refs(module, export_path: Path) -> set[str]:
    refs = set()
    for record in module.parse(Export(export_path)):
        if isinstance(record, Columns) and record.model.__name__ == "Account":
            refs.update(record.data["account_ref"])
        elif type(record).__name__ == "Account":
            refs.add(record.account_ref)
    return refs


def facebook_refs(inbox: Path) -> set[str]:
    """The account_refs design.md prescribes, read straight from the files (this parser is not registered yet)."""
    refs = set()
    for name, data in facebook_json(inbox).items():
        if name.endswith("your_friends.json"):
            refs |= {repair(f["name"]) for f in data["friends_v2"] if "name" in f}
        elif "/messages/" in name:
            refs |= {repair(p["name"]) for p in data["participants"]}
            refs |= {repair(m["sender_name"]) for m in data["messages"] if "sender_name" in m}
            refs |= {repair(x["actor"]) for m in data["messages"] for x in m.get("reactions", [])}
        elif "comments_and_reactions" in name:
            items = data["comments_v2"] if isinstance(data, dict) else data
            targets = (re.search(r" (?:on|to|likes) (.+)'s ", i.get("title", "")) for i in items)
            refs |= {repair(m.group(1)) for m in targets if m}
    return refs


def twitter_refs(inbox: Path) -> set[str]:
    """Every account id in follows, DMs and mentions, but the "-1" of a mention whose user is unknown."""
    js, refs = twitter_js(inbox), set()
    for name in ("data/follower.js", "data/following.js"):
        refs |= {next(iter(e.values()))["accountId"] for e in js[name]}
    for name in ("data/direct-messages.js", "data/direct-messages-group.js"):
        for conversation in js[name]:
            for event in conversation["dmConversation"]["messages"]:
                body = next(iter(event.values()))
                refs |= {body[k] for k in ("senderId", "recipientId", "initiatingUserId") if k in body}
                refs |= set(body.get("participantsSnapshot", []) + body.get("userIds", []))
    for tweet in js["data/tweets.js"]:
        refs |= {m["id_str"] for m in tweet["tweet"]["entities"]["user_mentions"]} - {"-1"}
    return refs


def test_same_seed_gives_identical_bytes(inbox: Path, tmp_path: Path) -> None:
    again = write_demo_inbox(tmp_path / "again")
    files = sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (again / name).read_bytes() == (inbox / name).read_bytes(), name
    assert (tmp_path / "again.labels.csv").read_bytes() == (inbox.parent / "inbox.labels.csv").read_bytes()
    other = write_demo_inbox(tmp_path / "other", seed=7)
    assert (other / LINKEDIN_ZIP).read_bytes() != (inbox / LINKEDIN_ZIP).read_bytes()


def test_inbox_holds_one_export_per_platform_and_labels_lie_beside_it(inbox: Path) -> None:
    names = sorted(p.name for p in inbox.iterdir())
    assert names[0] == LINKEDIN_ZIP and names[2] == "journal.csv" and names[4] == "xing-contacts"
    assert re.fullmatch(r"facebook-henrikesommerfeld-20_11_2026-[A-Za-z]{8}\.zip", names[1])
    assert re.fullmatch(r"twitter-2026-11-20-[0-9a-f]{64}\.zip", names[3])
    assert (inbox.parent / "inbox.labels.csv").is_file() and not list(inbox.glob("*labels*"))
    for path in inbox.glob("*.zip"):
        with zipfile.ZipFile(path) as zf:
            assert zf.namelist() == sorted(zf.namelist()), path.name
            assert {info.date_time for info in zf.infolist()} == {STAMP}


def test_linkedin_zip_files_bom_and_profile(inbox: Path) -> None:
    with zipfile.ZipFile(inbox / LINKEDIN_ZIP) as zf:
        assert set(zf.namelist()) == LINKEDIN_FILES
        assert zf.read("Profile.csv").startswith(b"\xef\xbb\xbf")  # BOM on some files
        assert not zf.read("messages.csv").startswith(b"\xef\xbb\xbf")
    profile = linkedin_rows(inbox, "Profile.csv")
    assert [(p["First Name"], p["Last Name"], p["Geo Location"]) for p in profile] == [(*DEMO_OWNER, "Hamburg, Germany")]


def test_linkedin_connections_preamble_namesakes_and_fault(inbox: Path) -> None:
    lines = member(inbox / LINKEDIN_ZIP, "Connections.csv").decode("utf-8").split("\n")
    assert lines[0] == "Notes:" and lines[1].startswith('"When exporting') and lines[2] == ""
    assert lines[3] == CONNECTIONS_HEADER
    rows = linkedin_rows(inbox, "Connections.csv")
    assert len(rows) == 169 and all(len(row) == 7 and None not in row for row in rows)
    urls = [row["URL"] for row in rows]
    assert len(set(urls)) == len(urls) and DEMO_OWNER_URL not in urls
    assert all(re.fullmatch(r"https://www\.linkedin\.com/in/[a-z0-9-]+", url) for url in urls)
    bad = [r["Connected On"] for r in rows if r["Connected On"][3:6] not in MONTHS]
    assert len(bad) == 1 and re.fullmatch(r"31 Foo \d{4}", bad[0])  # the planted malformed row
    full = Counter(f"{r['First Name']} {r['Last Name']}" for r in rows)
    assert full["Thomas Müller"] == 2 and sum(1 for n in full.values() if n == 2) == 4
    names = " ".join(full)
    assert "Dr. " in names and ", PhD" in names and re.search(r"[\U0001F300-\U0001FAFF\u2600-\u26FF]", names)
    assert sum(1 for row in rows if row["Email Address"]) == 7


def test_linkedin_messages_invitations_endorsements(inbox: Path) -> None:
    rows = linkedin_rows(inbox, "messages.csv")
    assert len(rows) == 1080
    assert all(datetime.strptime(r["DATE"], "%Y-%m-%d %H:%M:%S UTC").date() <= AS_OF for r in rows)
    conversations = Counter(r["CONVERSATION ID"] for r in rows)
    assert len(conversations) == 102 and max(conversations.values()) == 131
    assert len({r["CONVERSATION ID"] for r in rows if ", " in r["RECIPIENT PROFILE URLS"]}) == 3  # groups
    assert len({r["CONVERSATION ID"] for r in rows if r["SUBJECT"]}) == 20  # recruiters' InMails
    assert all(OWNER in (r["FROM"], *r["TO"].split(", ")) for r in rows)
    invitations = linkedin_rows(inbox, "Invitations.csv")
    assert len(invitations) == 28 and {r["Direction"] for r in invitations} == {"INCOMING", "OUTGOING"}
    assert all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M", r["Sent At"]) for r in invitations)
    for name, count in (("Endorsement_Received_Info.csv", 40), ("Endorsement_Given_Info.csv", 25)):
        assert len(linkedin_rows(inbox, name)) == count


def test_facebook_files_are_f6_json_with_mojibake(inbox: Path) -> None:
    files = facebook_json(inbox)
    with zipfile.ZipFile(only(inbox, "facebook-*.zip")) as zf:
        raw = zf.read("connections/friends/your_friends.json")
    assert raw.isascii() and b"\\u00c3\\u00bc" in raw  # "ü" written as two escaped UTF-8 bytes
    friends = files["connections/friends/your_friends.json"]["friends_v2"]
    assert len(friends) == 122 and sum(1 for f in friends if "name" not in f) == 1  # the planted fault
    assert OWNER not in {repair(f["name"]) for f in friends if "name" in f}
    assert any(re.search(r"[äöüéßłş]", repair(f["name"])) for f in friends if "name" in f)
    profile = files["personal_information/profile_information/profile_information.json"]["profile_v2"]
    assert profile["name"]["full_name"] == OWNER
    written = {p["name"].encode("latin-1").decode("utf-8") for n, d in files.items() if "/messages/" in n
               for p in d["participants"]} | {f["name"].encode("latin-1").decode("utf-8") for f in friends if "name" in f}
    decomposed = [n for n in written if not unicodedata.is_normalized("NFC", n)]
    assert len(decomposed) == 1  # planted: typed on a Mac, stored NFD; its account_ref is the NFC form


def test_facebook_threads_participants_groups_and_splits(inbox: Path) -> None:
    files = facebook_json(inbox)
    threads = {n: d for n, d in files.items() if "/messages/" in n}
    assert all(re.fullmatch(r"your_facebook_activity/messages/(inbox|archived_threads)/[a-z0-9]+_\d{15,17}/"
                            r"message_\d+\.json", n) for n in threads)
    assert all(OWNER in {repair(p["name"]) for p in d["participants"]} for d in threads.values())
    assert all(n.rsplit("/", 1)[0].endswith(d["thread_path"]) for n, d in threads.items())
    firsts = [d for n, d in threads.items() if n.endswith("message_1.json")]
    groups = [d for d in firsts if len(d["participants"]) > 2]
    assert len(firsts) == 51 and len(groups) == 3 and all(repair(g["title"]) != OWNER for g in groups)
    assert sum(1 for n in threads if n.endswith("message_2.json")) == 3
    messages = [m for d in threads.values() for m in d["messages"]]
    assert len(messages) == 1320 and sum(1 for m in messages if "sender_name" not in m) == 1
    assert sum(1 for m in messages if m.get("type") == "Call") == 35 and sum(1 for m in messages if "reactions" in m) == 113
    assert all(m["timestamp_ms"] <= 1795152600999 for m in messages)  # up to an hour before the export


def test_facebook_reactions_and_comments_name_their_target(inbox: Path) -> None:
    files = facebook_json(inbox)
    likes = files["your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json"]
    comments = files["your_facebook_activity/comments_and_reactions/comments.json"]["comments_v2"]
    assert isinstance(likes, list) and len(likes) == 97 and len(comments) == 36
    titles = [repair(i["title"]) for i in likes]
    assert sum(1 for t in titles if re.fullmatch(rf"{OWNER} (likes|reacted to) .+'s (post|photo|comment)\.", t)) == 96
    assert titles.count(f"{OWNER} likes a post.") == 1  # planted: no person named
    assert sum(1 for c in comments if "title" not in c) == 1  # planted: no title at all


def test_twitter_files_parse_after_their_prefix_and_match_the_manifest(inbox: Path) -> None:
    with zipfile.ZipFile(only(inbox, "twitter-*.zip")) as zf:
        names = zf.namelist()
        heads = {n: zf.read(n).decode("utf-8").split("=", 1)[0] for n in names if n.endswith(".js")}
    assert "Your archive.html" in names
    for name, head in heads.items():
        stem = name.removeprefix("data/").removesuffix(".js")
        expected = "window.__THAR_CONFIG " if stem == "manifest" else f"window.YTD.{stem.replace('-', '_')}.part0 "
        assert head == expected, name
    js = twitter_js(inbox)
    manifest = js["data/manifest.js"]
    assert manifest["userInfo"] == {"accountId": OWNER_TWITTER_ID, "userName": "hsommerfeld", "displayName": OWNER}
    for kind in manifest["dataTypes"].values():
        [entry] = kind["files"]
        assert int(entry["count"]) == len(js[entry["fileName"]]), entry["fileName"]
    assert js["data/account.js"][0]["account"]["accountId"] == OWNER_TWITTER_ID
    assert [len(js[f"data/{n}.js"]) for n in ("follower", "following", "tweets", "direct-messages")] == [49, 55, 98, 33]


def test_twitter_direct_messages_are_between_the_owner_and_one_other(inbox: Path) -> None:
    conversations = twitter_js(inbox)["data/direct-messages.js"]
    ids = Counter(c["dmConversation"]["conversationId"] for c in conversations)
    assert sum(1 for n in ids.values() if n == 2) == 1  # one conversation split over two entries
    creates = [m["messageCreate"] for c in conversations for m in c["dmConversation"]["messages"]]
    assert len(creates) == 525 and sum(1 for m in creates if "senderId" not in m) == 1  # the planted fault
    for c in conversations:
        a, b = c["dmConversation"]["conversationId"].split("-")
        assert int(a) < int(b) and OWNER_TWITTER_ID in (a, b)
        for m in c["dmConversation"]["messages"]:
            pair = {m["messageCreate"].get("senderId", a if b == m["messageCreate"]["recipientId"] else b),
                    m["messageCreate"]["recipientId"]}
            assert pair == {a, b}
    assert all(re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", m["createdAt"]) for m in creates)
    groups = twitter_js(inbox)["data/direct-messages-group.js"]
    events = [next(iter(e)) for g in groups for e in g["dmConversation"]["messages"]]
    assert "joinConversation" in events and Counter(events)["messageCreate"] == 75


def test_twitter_tweets_mention_and_reply(inbox: Path) -> None:
    tweets = [t["tweet"] for t in twitter_js(inbox)["data/tweets.js"]]
    mentions = [m for t in tweets for m in t["entities"]["user_mentions"]]
    assert len(mentions) == 103 and [m["id_str"] for m in mentions].count("-1") == 1
    assert all(t["full_text"][int(m["indices"][0]):int(m["indices"][1])] == f"@{m['screen_name']}"
               for t in tweets for m in t["entities"]["user_mentions"])
    replies = [t for t in tweets if "in_reply_to_user_id_str" in t]
    assert len(replies) == 31 and all(t["in_reply_to_screen_name"] for t in replies)
    assert all(re.fullmatch(r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d \+0000 20\d\d", t["created_at"])
               for t in tweets)


def test_xing_vcards_are_latin1_with_uids_and_one_cut_off(inbox: Path) -> None:
    cards = {p.name: p.read_bytes() for p in sorted((inbox / "xing-contacts").iterdir())}
    assert len(cards) == 48 and all(name.endswith(".vcf") and name.isascii() for name in cards)
    texts = {name: raw.decode("iso-8859-1") for name, raw in cards.items()}
    latin1_only = [name for name, raw in cards.items() if not raw.isascii()]
    for name in latin1_only:
        with pytest.raises(UnicodeDecodeError):
            cards[name].decode("utf-8")
    assert len(latin1_only) == 33 and any("München" in t for t in texts.values())
    versions = Counter(re.search(r"VERSION:(\S+)", t).group(1) for t in texts.values())
    assert versions == {"3.0": 40, "2.1": 8}
    assert any("ENCODING=QUOTED-PRINTABLE:" in t and "=FC" in t for t in texts.values())
    assert sum(1 for t in texts.values() if "\r\nUID:" in t) == 47
    assert sum(1 for t in texts.values() if "EMAIL" in t) == 29 and sum(1 for t in texts.values() if "\r\nTEL" in t) == 23
    assert [n for n, t in texts.items() if not t.endswith("END:VCARD\r\n")] == ["Lea_Neumann.vcf"]


def test_journal_header_faults_and_planned_entries(inbox: Path) -> None:
    raw = (inbox / "journal.csv").read_bytes()
    assert raw.startswith(b"date,name,email,phone,kind,note\r\n")
    rows = dict_rows(raw.decode("utf-8"))
    assert {r["kind"] for r in rows} <= {"meeting", "call", "meal", "event", "letter", "gift", "other"}

    def parse(value: str) -> date | None:
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                pass
        return None

    dates = [parse(r["date"]) for r in rows]
    assert [r["date"] for r, d in zip(rows, dates) if d is None] == ["32.13.2025"]
    assert [r["name"] for r, d in zip(rows, dates) if d and d > AS_OF] == ["Philipp Zimmermann", "Hauke Becker"]
    assert sum(1 for r in rows if re.fullmatch(r"\d\d\.\d\d\.\d{4}", r["date"])) == 12
    names = {r["name"] for r in rows}
    assert {"Thomas Müller", "Ute"} <= names and any(", " in n for n in names) and any("ue" in n for n in names)
    assert len({r["email"] for r in rows if r["email"]}) == 3


def test_labels_cover_exactly_the_accounts_written(inbox: Path) -> None:
    rows = labels(inbox)
    assert list(rows[0]) == ["platform", "account_ref", "person_key", "is_owner", "met_offline"]
    keys = Counter((r["platform"], r["account_ref"]) for r in rows)
    assert max(keys.values()) == 1  # one true person per account
    by_platform = {p: {r["account_ref"] for r in rows if r["platform"] == p} for p in {r["platform"] for r in rows}}
    assert by_platform["facebook"] == facebook_refs(inbox)
    assert by_platform["twitter"] == twitter_refs(inbox)
    assert by_platform["journal"] == parsed_refs(journal, inbox / "journal.csv")
    # the accounts whose only record is a planted fault are labelled, but no parser can load them
    cut_off = re.search(r"UID:(\S+)", (inbox / "xing-contacts" / "Lea_Neumann.vcf").read_text("iso-8859-1")).group(1)
    assert by_platform["xing"] - parsed_refs(xing, inbox / "xing-contacts") == {cut_off}
    bad_row = next(r for r in linkedin_rows(inbox, "Connections.csv") if r["Connected On"].startswith("31 Foo"))
    assert by_platform["linkedin"] - parsed_refs(linkedin, inbox / LINKEDIN_ZIP) == {bad_row["URL"]}
    assert Counter(r["platform"] for r in rows) == {"linkedin": 211, "facebook": 126, "twitter": 66,
                                                     "journal": 56, "xing": 48}


def test_namesakes_are_different_people_and_the_owner_is_only_the_owner(inbox: Path) -> None:
    rows = labels(inbox)
    people = {(r["platform"], r["account_ref"]): r["person_key"] for r in rows}
    thomas = {people[("linkedin", r["URL"])] for r in linkedin_rows(inbox, "Connections.csv")
              if f"{r['First Name']} {r['Last Name']}" == "Thomas Müller"}
    assert len(thomas | {people[("facebook", "Thomas Müller")]}) == 3
    assert people[("journal", "thomas müller")] == people[("facebook", "Thomas Müller")]  # met: the Facebook one
    owner = [r for r in rows if r["is_owner"] == "true"]
    assert {(r["platform"], r["account_ref"], r["person_key"]) for r in owner} == {
        ("linkedin", DEMO_OWNER_URL, "p00000"), ("facebook", OWNER, "p00000"), ("twitter", OWNER_TWITTER_ID, "p00000")}
    assert all(r["person_key"] != "p00000" for r in rows if r["is_owner"] == "false")
    js = twitter_js(inbox)
    assert OWNER_TWITTER_ID not in {next(iter(e.values()))["accountId"] for n in ("follower", "following")
                                    for e in js[f"data/{n}.js"]}
    met = {r["person_key"] for r in rows if r["met_offline"] == "true"}
    journaled = {r["person_key"] for r in rows if r["platform"] == "journal"}
    assert len(met) == 54 and met < journaled and len(journaled - met) == 2  # the two planned entries


def test_overlap_shares_at_two_thousand_people() -> None:
    net = make_network(random.Random(2026), 2000, date(2026, 11, 20))
    for platform, target in {**SHARES, "journal": MET_OFFLINE}.items():
        share = sum(1 for p in net.people if getattr(p, platform) is not None) / len(net.people)
        assert abs(share - target) <= 0.05, platform
    assert abs(sum(p.met_offline for p in net.people) / 2000 - MET_OFFLINE) <= 0.05
    assert len(net.strangers) == 360 and all(p.linkedin and not p.facebook for p in net.strangers)


def test_messages_knob_sets_the_total_over_three_platforms(tmp_path: Path) -> None:
    inbox = write_demo_inbox(tmp_path / "small", people=60, messages=900)
    linkedin_messages = len(linkedin_rows(inbox, "messages.csv"))
    facebook_messages = sum(len(d["messages"]) for n, d in facebook_json(inbox).items() if "/messages/" in n)
    js = twitter_js(inbox)
    twitter_messages = sum(1 for n in ("data/direct-messages.js", "data/direct-messages-group.js") for c in js[n]
                           for m in c["dmConversation"]["messages"] if "messageCreate" in m)
    assert (linkedin_messages, facebook_messages, twitter_messages) == (324, 396, 180)
