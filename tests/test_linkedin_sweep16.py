"""LinkedIn shapes found in the sweep of issue #13 (round 16): Member_Follows.csv rows whose Status is "Unfollow", once
read as follows, and the 2015-2017 archive, whose connections, contacts and recommendations were unknown files and
whose invitations were read as messages."""

from __future__ import annotations

from datetime import datetime

from conftest import assert_nothing_lost, fixture, forms, ingested, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.archive import Export

FOLLOWS, FOLLOWS_FILE = "2026-follows-unfollow", "Member_Follows_618203945.csv"
ARCHIVE = "2016-initial-archive"
NAMELESS = "name and profile URL empty: a member LinkedIn no longer names (likely a deleted or deactivated account)"


def of(records, model, member: str) -> list:
    return [r for r in records if isinstance(r, model) and r.member == member]


# Member_Follows.csv: "Date,Status,FullName", Status "Active" or "Unfollow" (JRL319/LinkedIn-Analytics, ankitdhal/
# LinkedinProfileAnalysis, predator-911/Portfolio2), or "Mute" (2026: leadjobs-dev/career-network)

def test_an_unfollowed_or_muted_member_is_kept_but_no_follow(tmp_path):
    # Before: Tobias Krämer and Jonas Weber were follows dated when the owner stopped following them, and Lena Vogel,
    # muted, was refused as a status of unknown meaning
    for export in forms(FOLLOWS, tmp_path):
        records = parse(export)
        follows = [(i.account_ref, i.kind, i.direction, i.occurred_at) for i in of(records, Interaction, FOLLOWS_FILE)]
        assert follows == [("Rosa Almeida, PhD", "follow", "out", datetime(2026, 3, 22, 15, 15, 30)),
                           ("Priya Natarajan 🌱", "follow", "out", datetime(2025, 6, 19, 19, 38, 43)),
                           ("Ewa Nowicka", "follow", "out", datetime(2014, 8, 13))]
        people = {a.account_ref for a in of(records, Account, FOLLOWS_FILE)}
        assert {"Tobias Krämer", "Jonas Weber", "Lena Vogel"} < people
        assert_nothing_lost(records)


def test_a_status_of_neither_kind_and_a_follow_without_date_are_refused():
    records = parse(Export(fixture("linkedin", FOLLOWS)))
    refused = [(q.line, q.reason) for q in of(records, Quarantined, FOLLOWS_FILE)]
    assert refused == [(8, "status: not one of Active, Unfollow, Mute"), (9, "date: missing")]
    assert "Lars Holm" not in {a.account_ref for a in of(records, Account, FOLLOWS_FILE)}
    note, = of(records, MemberNote, FOLLOWS_FILE)
    assert (note.records_read, "unfollowed or muted since" in note.note) == (8, True)


def test_ingest_of_follows_counts_no_follow_for_an_unfollow(unsocial, tmp_path):
    exports, rows = ingested(unsocial, tmp_path, FOLLOWS, "select kind, count(*) from raw_interactions "
                                                           f"where member = '{FOLLOWS_FILE}' group by kind")
    assert exports == [(10, 8, 2)]  # the profile, 1 connection, 8 follow rows of which 2 refused
    assert rows == [("follow", 3)]


# The 2015-2017 archive (remixed2/linkedin-zip-parser Models/, 2016)

def test_the_archive_connections_are_read_by_name_with_their_current_company(tmp_path):
    # "First Name,Last Name,Email Address,Current Company,Current Position": no date, no URL. Before: unknown file
    for export in forms(ARCHIVE, tmp_path):
        records = parse(export)
        people = {(a.account_ref, a.email, a.company, a.position) for a in of(records, Account, "Connections.csv")}
        assert people == {("Jonas Weber", "jonas.weber@example.de", "Nordlicht GmbH", "Head of Data"),
                          ("Aylin Demir", None, "Boğaziçi Labs", "Product Manager, Mobile"),
                          ("Kwame Mensah, PhD", None, None, None)}
        assert of(records, Interaction, "Connections.csv") == []  # no date: no connection to date
        assert [(q.line, q.reason) for q in of(records, Quarantined, "Connections.csv")] == [(5, NAMELESS)]
        assert_nothing_lost(records)


def test_the_archive_invitations_in_the_columns_of_messages_are_invitations():
    # Invitations.csv "From,To,Date,Subject,Content,Direction,Folder". Before: read as messages
    records = parse(Export(fixture("linkedin", ARCHIVE)))
    found = [(i.account_ref, i.kind, i.direction, i.occurred_at, i.message_text)
             for i in of(records, Interaction, "Invitations.csv")]
    assert found == [("Kwame Mensah", "invitation", "in", datetime(2015, 11, 30, 20, 1), None),
                     ("Sofia Rossi", "invitation", "out", datetime(2016, 1, 12, 7, 45), None)]
    assert [(q.line, q.reason) for q in of(records, Quarantined, "Invitations.csv")] == [(4, "to: missing")]
    assert {i.kind for i in of(records, Interaction, "Inbox.csv")} == {"message"}


def test_the_archive_recommendations_are_read_both_ways():
    # "Recommender First Name,…,Recommendation Date,…" and "Recommendee First Name,…". Before: unknown files
    records = parse(Export(fixture("linkedin", ARCHIVE)))
    found = [(i.member, i.account_ref, i.direction, i.occurred_at) for i in records
             if isinstance(i, Interaction) and i.kind == "recommendation"]
    assert sorted(found) == [("Recommendations Given.csv", "Aylin Demir", "out", datetime(2015, 6, 2, 15, 30)),
                             ("Recommendations Received.csv", "Jonas Weber", "in", datetime(2014, 5, 20, 11, 2))]
    given, = of(records, Account, "Recommendations Given.csv")
    assert (given.company, given.position) == ("Boğaziçi Labs", "Product Manager")


def test_the_archive_contacts_give_people_and_e_mails_but_keep_no_note():
    # "First Name,Last Name,Email,Notes,Tags". Before: unknown file, Lena Fischer lost
    records = parse(Export(fixture("linkedin", ARCHIVE)))
    people = {(a.account_ref, a.email) for a in of(records, Account, "Contacts.csv")}
    assert people == {("Lena Fischer", "lena.fischer@example.org"), ("Jonas Weber", "jonas.weber@example.de")}
    assert of(records, Interaction, "Contacts.csv") == []
    refused, = of(records, Quarantined, "Contacts.csv")
    assert (refused.line, "A note on nobody" in refused.excerpt) == (4, False)
    assert not any("Hamburg meetup" in repr(r) for r in records)


def test_ingest_of_the_archive_knows_every_file(unsocial, tmp_path):
    exports, rows = ingested(unsocial, tmp_path, ARCHIVE,
                             "select kind, direction, count(*) from raw_interactions group by all order by all")
    # profile 1, connections 4, inbox 2, invitations 3, recommendations 2, registration 1, contacts 3; 3 refused
    assert exports == [(16, 13, 3)]
    assert rows == [("invitation", "in", 2), ("invitation", "out", 1), ("message", "in", 1), ("message", "out", 1),
                    ("recommendation", "in", 1), ("recommendation", "out", 1)]
