"""Sweep 17d (Facebook): shapes of real published exports that lost records or the owner."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from conftest import assert_nothing_lost, fixture, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.archive import Export

PROFILE_NAME = "Rosa Elena Quiroga"
THREAD_NAME = "Ele Quiroga"


def _messages(records) -> list[Interaction]:
    return [r for r in records if isinstance(r, Interaction) and r.kind == "message"]


# A. The profile names the owner by three words, the threads by two that are none of their variants (a Spanish 2021
# HTML export, MarioAlbertoSierra/Facebook); the JSON export takes the same path.
@pytest.mark.parametrize("vintage", ["f4-2021-html-es-owner-alias", "f4-2021-json-owner-alias"])
def test_the_name_in_all_threads_is_the_owners_when_the_profile_name_is_in_none(vintage):
    records = parse(Export(fixture("facebook", vintage)))
    messages = _messages(records)
    assert THREAD_NAME not in {m.account_ref for m in messages}
    # five one-to-one threads of a message each way; the group's owner message goes out to both others
    assert sorted(m.direction for m in messages) == ["in"] * 7 + ["out"] * 7
    assert {m.is_group for m in messages if m.thread_ref and "paseo" not in m.thread_ref} == {False}
    owners = {a.account_ref for a in records if isinstance(a, Account) and a.is_owner}
    assert {PROFILE_NAME, THREAD_NAME} <= owners
    notes = [n.note for n in records if isinstance(n, MemberNote) and n.member.startswith("profile_information/")]
    assert any("taken as the owner's too" in n for n in notes)
    assert_nothing_lost(records)


def test_the_profile_name_in_the_threads_keeps_the_threads_name_a_contact(tmp_path):
    """Never when the profile's name occurs in the threads: the other name is then a contact in all of them."""
    folder = tmp_path / "json"
    shutil.copytree(fixture("facebook", "f4-2021-json-owner-alias"), folder)
    first = next(folder.glob("messages/inbox/tomas*/message_1.json"))
    first.write_text(first.read_text(encoding="utf-8").replace(THREAD_NAME, PROFILE_NAME), encoding="utf-8")
    records = parse(Export(folder))
    assert THREAD_NAME in {m.account_ref for m in _messages(records)}
    notes = [n.note for n in records if isinstance(n, MemberNote) and n.member.startswith("profile_information/")]
    assert not any("taken as the owner's too" in n for n in notes)


# E. Reactions to stories whose time cell is always empty ('<div class="_a72d"></div>', 2024: DskyDsky/Aldemar-Snow-
# in Spanish, ishfaqlp4/mahbubkhan in English), dated at the download the page's header gives.
STORIES = "stories/story_reactions.html"
UNDATED = [("f6-2024-html-en-undated-story-reactions", "your_activity_across_facebook/", datetime(2024, 2, 17, 18, 46),
            ["Nasrin Akter", "Omar Siddiq", "Nasrin Akter"]),
           ("f6-2024-html-es-undated-story-reactions", "your_facebook_activity/", datetime(2024, 5, 10, 4, 17),
            ["Diego Alarcón", "Paula Serrano"])]


@pytest.mark.parametrize("vintage, folder, downloaded, people", UNDATED)
def test_undated_story_reactions_are_dated_at_the_download(vintage, folder, downloaded, people):
    records = parse(Export(fixture("facebook", vintage)))
    found = [r for r in records if isinstance(r, Interaction) and r.member == folder + STORIES]
    assert [(r.account_ref, r.kind, r.direction, r.occurred_at) for r in found] == [
        (person, "reaction", "out", downloaded) for person in people]
    note = next(n.note for n in records if isinstance(n, MemberNote) and n.member == folder + STORIES)
    assert f"dated at the download (the latest they can be): {len(people)}" in note
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


def test_undated_story_reactions_without_a_header_time_are_still_refused(tmp_path):
    folder = tmp_path / "en"
    shutil.copytree(fixture("facebook", UNDATED[0][0]), folder)
    page = folder / UNDATED[0][1] / STORIES
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(" on Saturday, 17 February 2024 at 13:46 UTC-05:00", " on"), encoding="utf-8")
    records = parse(Export(folder))
    assert {q.reason for q in records if isinstance(q, Quarantined)} == {"time: missing"}


# F. The bare English "<owner> commented." (ishfaqlp4/mahbubkhan comments.html, 5 of 262), naming nobody.
def test_a_bare_english_comment_is_the_owners_own_naming_nobody():
    records = parse(Export(fixture("facebook", UNDATED[0][0])))
    member = UNDATED[0][1] + "comments_and_reactions/comments.html"
    assert [(r.line, r.account_ref) for r in records if isinstance(r, Interaction) and r.member == member] == [
        (1, "Omar Siddiq")]
    assert [r.line for r in records if isinstance(r, Account) and r.member == member and r.is_owner] == [2, 3]
    assert not [q for q in records if isinstance(q, Quarantined)]


# B. The F0 contact page, html/contact_info.htm(l): the phone's address book (English 2014: tudorbobei/
# tudorbobei.github.io), and its call, SMS and MMS history (Spanish 2017: sienrik15/fbchull), once left out as
# "no other person".
def _rows(records, member):
    found = [r for r in records if isinstance(r, Interaction) and r.member == member]
    return [(r.line, r.account_ref, r.kind, r.direction, r.occurred_at) for r in found]


def test_the_2014_address_book_gives_accounts_with_phones_and_emails():
    records = parse(Export(fixture("facebook", "f0-2014-html-contacts")))
    member = "html/contact_info.htm"
    accounts = {(a.line, a.display_name, a.email, a.phone) for a in records if isinstance(a, Account)
                and a.member == member}
    assert accounts == {(1, "Ionela Marin", "ionela.marin@example.ro", "40712345678"),
                        (2, "Radu Petrescu", "radu.p@example.com", None), (3, "Sorin Dobre", None, "40723456789"),
                        (4, None, "vlad.ene@example.ro", None), (5, "Mama", None, "40734567890"),
                        (5, "Mama", None, "40311112222")}
    assert not _rows(records, member)
    assert_nothing_lost(records)


def test_the_2017_call_history_is_a_phones_call_log_and_the_sms_messages_with_the_contacts():
    """The calls are the phone's call log Messenger uploaded: offline calls with each number's person, as a call log's
    are (before, Facebook calls, online, with the contact named: phoned, never "met")."""
    records = parse(Export(fixture("facebook", "f0-2017-es-contacts")))
    member = "html/contact_info.html"
    at = datetime.fromisoformat
    calls = [(r.line, r.platform, r.account_ref, r.direction, r.mode, r.occurred_at) for r in records
             if isinstance(r, Interaction) and r.member == member and r.kind == "call"]
    assert calls == [(4, "calls", "+5491155550101", "out", "call", at("2017-03-04 18:20:05")),
                     (5, "calls", "+5491155550101", "in", "call", at("2017-03-05 09:02:44")),
                     # line 6 missed, 8 rejected: attempts, no call; line 9 a number no contact holds, called all
                     # the same
                     (7, "calls", "+5491155550103", "in", "call", at("2017-04-01 10:00:00")),
                     (9, "calls", "+5491155559999", "in", "call", at("2017-04-03 12:00:00"))]
    numbers = {(a.account_ref, a.display_name) for a in records if isinstance(a, Account) and a.platform == "calls"}
    assert numbers == {("+5491155550101", "Diego Ramírez"), ("+5491155550103", None), ("+5491155559999", None)}
    assert [r for r in _rows(records, member) if r[2] == "message"] == [
        (10, "Carmen Soto", "message", "in", at("2017-05-01 08:07:51")),
        (11, "Carmen Soto", "message", "out", at("2017-05-01 08:10:02")),
        (14, "Diego Ramírez", "message", "out", at("2017-06-01 20:00:00"))]
    refused = {q.line: q.reason for q in records if isinstance(q, Quarantined)}
    assert sorted(refused) == [12, 13]  # an SMS of a number no contact holds, an SMS that failed
    book = {(a.line, a.account_ref, a.phone) for a in records if isinstance(a, Account) and a.line <= 3}
    assert book == {(1, "Diego Ramírez", "+5491155550101"), (2, "Carmen Soto", "+5491155550102"),
                    (3, "Taller Gómez (mecánico)", "+5491155550103")}
    note = next(n.note for n in records if isinstance(n, MemberNote) and n.member == member)
    assert "the phone's local time, no zone" in note
    assert "calls read as a phone's call log (offline contact): calls: 4, missed: 1, rejected: 1" in note
    assert_nothing_lost(records)


def test_a_contact_point_written_with_its_label_is_read(tmp_path):
    # dhilipsiva/facebook html/contact_info.htm (2015): "<li>contact: <e-mail></li>", the @ as &#064;
    shutil.copytree(fixture("facebook", "f0-2014-html-contacts"), tmp_path / "fb")
    page = tmp_path / "fb" / "html" / "contact_info.htm"
    page.write_text(page.read_text().replace("<li>radu.p&#064;example.com</li>",
                                             "<li>contact: radu.p&#064;example.com</li>"))
    records = parse(Export(tmp_path / "fb"))
    assert ("Radu Petrescu", "radu.p@example.com") in {(a.display_name, a.email) for a in records
                                                       if isinstance(a, Account)}
