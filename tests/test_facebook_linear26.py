"""Hostile lengths read in time linear in them (the sentence patterns of titles, pokes, notifications and the old
pages), and Windows' copies of a file ("message_1 (2).json") read as the file they copy, once.

No test is timed: each feeds the shape that took the square of its length (a long run of name-like words or of
spaces, with no match) and checks what is read. The 200,000-character cases would have taken minutes before.
"""

from __future__ import annotations

import json

import pytest

from test_facebook_shapes import parse
from ingest.models import Interaction, MemberNote
from ingest.sources import facebook
from ingest.sources.archive import Export
from ingest.sources.facebook import f0, f0_wall, html_profile, notifications, poke_titles, titles
from ingest.sources.facebook.layout import original_name
from ingest.sources.facebook.scan import scan

LONG = 20_000
HUGE = 200_000


def run(word: str, size: int = LONG) -> str:
    return (word * (size // len(word) + 1))[:size]


# -- Task A: long inputs ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [LONG, HUGE])
def test_a_chinese_title_full_of_verbs_and_no_ending_has_no_glued_actor(size):
    assert titles.glued_actor(run("在林", size)) is None
    assert titles.glued_actor(run("回應了", size)) is None


def test_a_glued_actor_of_twenty_thousand_characters_runs_to_the_last_verb():
    page = run("說對在林", LONG)
    assert titles.glued_actor(f"{page}回覆了王小明的留言。") == page
    assert titles.glued_split(f"{page}對王小明表示「好」。") == (page, "對王小明表示「好」。")


@pytest.mark.parametrize("title, split", [
    ("吳志明說林怡婷的貼文讚。", ("吳志明", "說林怡婷的貼文讚。")),
    ("某頁面回應了 林怡婷 的貼文。", ("某頁面", "回應了 林怡婷 的貼文。")),
    ("小說對話說林怡婷的貼文讚。", ("小說對話", "說林怡婷的貼文讚。")),
    ("某頁面在社團中留言。", ("某頁面", "在社團中留言。")),
    ("某頁面對林怡婷傳達了心情。", ("某頁面", "對林怡婷傳達了心情。")),
    ("表示「對。讚發佈了貼文」。", None),  # 表示「…」 without a 對 before it
    ("說讚。", None),                       # no actor
    ("吳志明說讚。", None),                  # nothing between the verb and its ending
])
def test_the_glued_split_keeps_the_patterns_reading(title, split):
    assert titles.glued_split(title) == split


def test_a_family_line_of_a_long_name_run_keeps_its_relation():
    member = html_profile.family_member(run("Lena Vogel ") + " (Sister)")
    assert member is not None and member["relation"] == "Sister"
    assert html_profile._MEMBER.match("a" + " " * LONG + "b")["name"] == "a" + " " * LONG + "b"


def test_an_old_list_entry_after_a_long_run_of_spaces_keeps_its_address():
    assert f0._parts("Lena Vogel" + " " * LONG + "(lena@example.org)", None) == ("Lena Vogel", "lena@example.org",
                                                                                  None)
    assert f0._ENTRY.match("a" + " " * HUGE + "b") is None


def test_a_story_time_after_a_long_run_of_spaces_loses_only_its_displayed_as():
    text = "Sunday, May 3, 2015 at 9:12am UTC+05" + " " * LONG
    assert f0_wall._DISPLAYED_AS.sub("", text + "(Displayed as Friday)") == "Sunday, May 3, 2015 at 9:12am UTC+05"
    assert f0_wall._DISPLAYED_AS.sub("", text + "x") == text + "x"


@pytest.mark.parametrize("text", [
    run("Lena hat ", HUGE),                      # German, no "angestupst"
    run("Lena poked ", LONG) + "\nx",            # a line break the pokee cannot cross
    "a" + " " * HUGE + "b",                      # spaces before no glued verb
    run("Lena đã chọc ", LONG) + "\nx",
    run("林戳了", LONG) + "\nx",
])
def test_a_long_poke_sentence_in_no_known_form_is_none(text):
    assert poke_titles.poke_sides(text) is None


def test_a_poke_with_a_long_pokee_is_read():
    other = run("Omar Haddad ").strip()
    assert poke_titles.poke_sides(f"Lena Vogel poked {other} back") == ("Lena Vogel", other)
    assert poke_titles.poke_sides(f"林怡婷戳了{other}" + " " * LONG + "3 次") == ("林怡婷", other)
    digits = "1" * LONG  # no "time in a row" after them: the pokee runs to the end
    assert poke_titles.poke_sides(f"Lena poked Omar for the {digits}") == ("Lena", f"Omar for the {digits}")


def test_a_notification_of_a_long_run_of_verbs_is_read_as_naming_nobody(tmp_path):
    export = export_of(tmp_path, {"your_facebook_activity/notifications/notifications.json": {"notifications_v2": [
        {"timestamp": 1_700_000_000, "text": run("林在", HUGE)},
        {"timestamp": 1_700_000_060, "text": "王小明在社團的 2 則貼文中標註了你和其他人。"}]}})
    records = parse(export)
    assert [(r.line, r.account_ref, r.kind, r.direction) for r in records
            if isinstance(r, Interaction) and r.member.endswith("notifications.json")] == [(2, "王小明", "mention", "in")]
    note = next(r for r in records if isinstance(r, MemberNote) and r.member.endswith("notifications.json"))
    assert notifications.NOBODY in note.note
    assert not [r for r in records if type(r).__name__ == "Quarantined"]


@pytest.mark.parametrize("text, read", [
    (run("林在", HUGE), ([], None)),
    (run("林在", LONG) + "中標註了你和其他追蹤者", ([], None)),         # the owner's followers: nobody turned to
    ("林在「" + run("在", LONG) + "中標註了你", (["林在「"], "mention")),   # 「 ends the first try: a later 在 reads
    (run("林在", LONG) + "中標註了你", (["林"], "mention")),
])
def test_a_long_chinese_notification_is_read_by_its_first_verb(text, read):
    assert notifications.people_in(text) == read


# -- Task B: Windows' copies ------------------------------------------------------------------------------------

THREAD_DIR = "your_facebook_activity/messages/inbox/jonasquill_1234567890"
OWNER, OTHER = "Maren Tolk", "Jonas Quill"


def thread(texts: list[str]) -> dict:
    return {"participants": [{"name": OTHER}, {"name": OWNER}], "title": OTHER, "thread_path": "inbox/jonasquill",
            "is_still_participant": True, "thread_type": "Regular",
            "messages": [{"sender_name": OTHER if i % 2 else OWNER, "timestamp_ms": 1_700_000_000_000 + i * 60_000,
                          "content": text} for i, text in enumerate(texts)]}


def export_of(tmp_path, files: dict[str, dict]) -> Export:
    folder = tmp_path / "facebook-copies"
    profile = {"profile_v2": {"name": {"full_name": OWNER}}}
    for path, data in {"personal_information/profile_information/profile_information.json": profile,
                       **files}.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(json.dumps(data), encoding="utf-8")
    return Export(folder)


def messages(records) -> list[tuple]:
    return sorted((r.member.rsplit("/", 1)[-1], r.direction, r.occurred_at) for r in records
                  if isinstance(r, Interaction) and r.kind == "message" and r.account_ref == OTHER)


@pytest.mark.parametrize("member, original", [
    ("a/message_1 (2).json", "a/message_1.json"), ("friends (3).json", "friends.json"),
    ("your_posts_1 (1).json", "your_posts_1.json"), ("a (1)/friends.json", "a (1)/friends.json"),
    ("message_1 (2)", "message_1 (2)"),
])
def test_the_original_name_drops_only_a_copy_mark_before_the_suffix(member, original):
    assert original_name(member) == original


def test_a_thread_saved_only_as_a_windows_copy_is_read(tmp_path):
    export = export_of(tmp_path, {f"{THREAD_DIR}/message_1 (2).json": thread(["hallo", "hej", "bis bald"])})
    assert facebook.detect(export)
    assert scan(export).kinds[f"{THREAD_DIR}/message_1 (2).json"] == "thread"
    assert [m[:2] for m in messages(parse(export))] == [("message_1 (2).json", "in"), ("message_1 (2).json", "out"),
                                                        ("message_1 (2).json", "out")]


def test_an_original_beside_its_identical_copy_is_read_once(tmp_path):
    data = thread(["hallo", "hej", "bis bald"])
    export = export_of(tmp_path, {f"{THREAD_DIR}/message_1.json": data, f"{THREAD_DIR}/message_1 (1).json": data})
    records = parse(export)
    assert [m[0] for m in messages(records)] == ["message_1.json"] * 3
    note = next(r for r in records if isinstance(r, MemberNote) and r.member.endswith("message_1 (1).json"))
    assert (note.handling, note.note) == ("ignored", "a copy of message_1.json of this export with the same content "
                                                     "(Windows' \"(n)\" name): read once")


def test_a_copy_of_other_content_is_read_and_the_messages_both_hold_count_once(tmp_path):
    export = export_of(tmp_path, {f"{THREAD_DIR}/message_1.json": thread(["hallo", "hej"]),
                                  f"{THREAD_DIR}/message_1 (1).json": thread(["hallo", "hej", "bis bald"])})
    assert len(messages(parse(export))) == 3


def test_a_friend_list_copy_alone_is_read_as_the_list(tmp_path):
    friends = {"friends_v2": [{"name": OTHER, "timestamp": 1_600_000_000}]}
    export = export_of(tmp_path, {"connections/friends/your_friends (1).json": friends})
    layout = scan(export)
    assert layout.kinds["connections/friends/your_friends (1).json"] == "list"
    assert layout.lists["connections/friends/your_friends (1).json"] == "friends"


def test_a_lone_thread_file_saved_as_a_copy_is_a_facebook_export(tmp_path):
    (tmp_path / "message_1 (2).json").write_text(json.dumps(thread(["hallo", "hej"])), encoding="utf-8")
    export = Export(tmp_path / "message_1 (2).json")
    assert facebook.detect(export)
    assert scan(export).kinds == {"message_1 (2).json": "thread"}
