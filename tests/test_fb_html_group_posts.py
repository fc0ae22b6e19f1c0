"""The HTML page of the owner's posts and comments in groups (English, 2021: Mdfee/faria.github.io, 468 records):
``<owner> commented on <X>'s post.``, ``… replied to her own comment.``, the group under a "Group:" label, a time
sometimes inside a ``dyi/l/?l=`` link. The page was left out as "HTML variant of this file is not read: download
the export in JSON format", and every comment in a group was lost; its JSON twin was read. The fixture's export
has no profile and no threads, so the owner is known only as the name the titles open with."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from conftest import fixture

VINTAGE = "f4-2021-html-en-group-posts"
PAGE = "groups/your_posts_and_comments_in_groups.html"
JSON_TWIN = "groups/your_posts_and_comments_in_groups.json"
OWNER = "Nadia Rahman"
# The fixture's records as its JSON twin writes them: title, group, comment, local time. Line 3 repeats line 2,
# as Facebook writes each comment twice in this file.
RECORDS = [("Nadia Rahman replied to her own comment.", "Dhaka Book Club", "Thank you all", "2021-05-29 11:18"),
           ("Nadia Rahman commented on Tanvir Ahmed's post.", "Dhaka Book Club", "Great photo!", "2021-05-29 08:33"),
           ("Nadia Rahman commented on Tanvir Ahmed's post.", "Dhaka Book Club", "Great photo!", "2021-05-29 08:33"),
           ("Nadia Rahman commented on Shirin Begum's post.", "Old Town Walkers", "See you there", "2021-05-27 18:02"),
           ("Nadia Rahman replied to Arif Mahmud's comment.", "Old Town Walkers", "Agreed", "2021-05-26 21:41")]


def query(db: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def ingest(unsocial, export: Path, db: Path) -> Path:
    result = unsocial("ingest", export, "--db", db)
    assert result.code == 0, result.err
    return db


def comments(db: Path, member: str) -> list[tuple]:
    return query(db, "select line, account_ref, kind, direction from raw_interactions where member = ? order by line",
                 member)


def accounts(db: Path, member: str) -> list[tuple]:
    return query(db, "select line, account_ref, is_owner from raw_accounts where member = ? order by line", member)


def with_page_block(tmp_path: Path, title: str, group: str) -> Path:
    """The fixture with one more record on the page, written as Facebook writes them."""
    export = shutil.copytree(fixture("facebook", VINTAGE), tmp_path / VINTAGE)
    page = export / PAGE
    block = (f'<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder"><div class="_3-96 _2pio _2lek _2lel">{title}'
             f'</div><div class="_3-96 _2let"><div><div class="_2pin"><div><div class="_3-95"><span class="_4mp8">'
             f'Group: </span>{group}</div>Hello</div></div></div></div><div class="_3-94 _2lem">May 20, 2021, 9:00 AM'
             f'</div></div>')
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('<div class="_4t5n" role="main">', f'<div class="_4t5n" role="main">{block}', 1),
                    encoding="utf-8")
    return export


def test_the_comments_in_groups_are_loaded_to_the_posts_authors(unsocial, tmp_path):
    db = ingest(unsocial, fixture("facebook", VINTAGE), tmp_path / "u.duckdb")
    # line 3 repeats line 2: one comment, its account loaded again
    assert comments(db, PAGE) == [(2, "Tanvir Ahmed", "comment", "out"), (4, "Shirin Begum", "comment", "out"),
                                  (5, "Arif Mahmud", "comment", "out")]
    assert query(db, "select occurred_at from raw_interactions where member = ? order by line", PAGE) == [
        (datetime(2021, 5, 29, 8, 33),), (datetime(2021, 5, 27, 18, 2),), (datetime(2021, 5, 26, 21, 41),)]
    assert query(db, "select distinct account_ref from raw_accounts where not is_owner and member = ? order by 1",
                 PAGE) == [("Arif Mahmud",), ("Shirin Begum",), ("Tanvir Ahmed",)]


def test_the_page_is_no_longer_listed_as_not_read(unsocial, tmp_path):
    db = ingest(unsocial, fixture("facebook", VINTAGE), tmp_path / "u.duckdb")
    assert query(db, "select member from not_read") == []
    assert query(db, "select handling, note, records_read from raw_members where member = ?", PAGE) == [
        ("parsed", "posts and comments in groups (HTML)", 5)]
    assert query(db, "select records_read, records_loaded, records_quarantined from ingested_exports") == [(7, 7, 0)]


def test_the_owners_reply_to_her_own_comment_names_nobody_as_in_the_json_twin(unsocial, tmp_path):
    """The same records as the JSON file: the same people, the same owner's record (line 1, whose time is inside a
    link), although this export has no profile and no threads to tell the owner by."""
    html_db = ingest(unsocial, fixture("facebook", VINTAGE), tmp_path / "html.duckdb")
    twin = tmp_path / "f4-2021-json-group-posts"
    shutil.copytree(fixture("facebook", VINTAGE, "friends_and_followers"), twin / "friends_and_followers")
    (twin / "groups").mkdir()
    (twin / JSON_TWIN).write_text(json.dumps({"group_posts": {"activity_log_data": [
        {"timestamp": stamp, "data": [{"comment": {"timestamp": stamp, "comment": text, "author": OWNER,
                                                   "group": group}}], "title": title}
        for title, group, text, at in RECORDS
        for stamp in [int(datetime.fromisoformat(at).replace(tzinfo=timezone.utc).timestamp())]]}}))
    json_db = ingest(unsocial, twin, tmp_path / "json.duckdb")
    assert accounts(html_db, PAGE)[0] == (1, OWNER, True)
    assert comments(html_db, PAGE) == comments(json_db, JSON_TWIN)
    assert accounts(html_db, PAGE) == accounts(json_db, JSON_TWIN)
    assert query(html_db, "select count(*) from raw_quarantine") == [(0,)]


def test_a_post_in_a_group_named_after_someone_names_nobody(unsocial, tmp_path):
    """"posted in <group>." is the owner's own post, as in the JSON file: the possessive of the group's name is not a
    post author."""
    export = with_page_block(tmp_path, "Nadia Rahman posted in Karim&#039;s Kitchen Club.", "Karim&#039;s Kitchen Club")
    db = ingest(unsocial, export, tmp_path / "u.duckdb")
    assert accounts(db, PAGE)[0] == (1, OWNER, True)
    assert [name for _, name, _, _ in comments(db, PAGE)] == ["Tanvir Ahmed", "Shirin Begum", "Arif Mahmud"]
    assert query(db, "select count(*) from raw_accounts where account_ref like 'Karim%' and member = ?", PAGE) == [(0,)]
