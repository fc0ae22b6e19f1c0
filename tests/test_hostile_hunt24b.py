"""Hostile input found in the second hunt of round 24: one record that multiplied work, or swallowed the rest.

Each input is made here, read as `unsocial` reads it, in a thread that must finish in time (a hang fails, not
blocks), and its outcome asserted as the user sees it: the records read, loaded and quarantined.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import assert_nothing_lost, fixture, parse, query
from test_hostile import bounded
from ingest.models import Account, Quarantined
from ingest.sources.archive import Export

# --- LDIF -----------------------------------------------------------------------------------------------------------

NEXT_ENTRY = "dn: cn=Teodor Blum,mail=teodor.blum@example.org\nobjectclass: person\ncn: Teodor Blum\n" \
             "mail: teodor.blum@example.org\n\n"


def test_an_ldif_entry_of_thousands_of_mail_lines_is_quarantined_and_the_next_read(tmp_path):
    # Before: one entry of 300,000 ``mail:`` lines (7.7 MB) became as many accounts in 14 s and 765 MB
    mails = "".join(f"mail: anna{i}@example.org\n" for i in range(5_000))
    # a mailing list over the limit is left out as any mailing list is, never quarantined
    members = "".join(f"member: cn=P {i},mail=p{i}@example.org\n" for i in range(2_000))
    path = tmp_path / "abook.ldif"
    path.write_text(f"dn: cn=Anna Beispiel\nobjectclass: person\ncn: Anna Beispiel\n{mails}\n{NEXT_ENTRY}"
                    f"dn: cn=Segelverein\nobjectclass: groupOfNames\ncn: Segelverein\n{members}\n", encoding="utf-8")
    records = bounded(parse, Export(path), seconds=2)
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (1, "LDIF: an entry of more than 1000 attributes (limit UNSOCIAL_MAX_VCARD_PROPERTIES)")]
    assert {r.account_ref for r in records if isinstance(r, Account)} == {"teodor.blum@example.org"}
    assert_nothing_lost(records)


# --- CSV (LinkedIn) -------------------------------------------------------------------------------------------------

CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_a_quote_never_closed_loses_its_row_not_the_rows_after_it(tmp_path):
    # Before: a quote opened in line 2 of a 7.5 MB Connections.csv made one field of the next 14,236 lines, up to
    # the 1 MiB field limit: one record refused "for a CR", those people gone without a word
    rows = "".join(f"Jonas{i},Weber,https://www.linkedin.com/in/jonas-weber-{i:06d},,Nordlicht Datenverarbeitung "
                   "und Beratung GmbH & Co. KG,Senior Engineer for Data Platforms and Distributed Systems,05 Mar 2024\n"
                   for i in range(6_000))  # 1.1 MB: past the field limit
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS + 'Aylin,Demir,https://www.linkedin.com/in/aylindemir,,"Labs,PM,12 Jan 2023\n' + rows,
                    encoding="utf-8")
    records = bounded(parse, Export(path), seconds=5)  # 0.6 s alone; under coverage on a busy machine 2 s
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (2, "row: a quote never closed, or a field longer than 1 MiB (damaged?)")]
    people = [r for r in records if isinstance(r, Account)]
    assert (len(people), people[0].line, people[-1].line) == (6_000, 3, 6_002)
    assert_nothing_lost(records)


def test_a_row_of_other_fields_among_lines_read_again_is_refused_alone(tmp_path):
    # Before: a line read again after the field limit that did not fit the header made the reader read the whole
    # record's lines again, as if a quote had swallowed them: every row twice, and a line number below zero
    rows = "".join(f"Jonas{i},Weber,https://www.linkedin.com/in/jonas-weber-{i:06d},,Nordlicht Datenverarbeitung "
                   "und Beratung GmbH & Co. KG,Senior Engineer for Data Platforms and Distributed Systems,05 Mar 2024\n"
                   for i in range(6_000))  # 1.1 MB: past the field limit
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS + 'Aylin,Demir,https://www.linkedin.com/in/aylindemir,,"Labs,PM,12 Jan 2023\n'
                    + "Extra,Field,https://x,,Labs,PM,01 Jan 2024,EXTRA\n" + rows, encoding="utf-8")
    records = bounded(parse, Export(path), seconds=5)
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (2, "row: a quote never closed, or a field longer than 1 MiB (damaged?)"),
        (3, "row has 8 fields, the header 7")]
    assert len([r for r in records if isinstance(r, Account)]) == 6_000
    assert_nothing_lost(records)


def test_a_quote_never_closed_before_a_field_past_the_limit_loses_those_two_lines_only(tmp_path):
    # the line read again alone is itself past the field limit: refused in turn, the row after it read
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS + 'Jonas,Weber,https://x,,"Labs,CTO,05 Mar 2024\n' + "x" * 1_100_000 + ",b\n"
                    "Aylin,Demir,https://www.linkedin.com/in/aylindemir,,Labs,PM,12 Jan 2023\n", encoding="utf-8")
    records = bounded(parse, Export(path), seconds=2)
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (2, "row: a quote never closed, or a field longer than 1 MiB (damaged?)"),
        (3, "row: a quote never closed, or a field longer than 1 MiB (damaged?)")]
    assert [(r.line, r.display_name) for r in records if isinstance(r, Account)] == [(4, "Aylin Demir")]
    assert_nothing_lost(records)


ROWS = "".join(f"Jonas{i},Weber,https://www.linkedin.com/in/jonas-weber-{i},,Nordlicht GmbH,Engineer,05 Mar 2024\n"
               for i in range(5))
OPEN_QUOTE = "row: a quote opened in a field and not closed on its line (damaged?); the lines after it read alone"


def test_a_quote_opened_and_closed_lines_later_loses_its_row_not_the_rows_between(tmp_path):
    # Before: the quote opened in line 2 was closed by the first quoted field after it, in line 8: lines 2 to 8
    # were one record "of 8 fields", refused, six people gone
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS + 'Aylin,Demir,https://www.linkedin.com/in/aylindemir,,"Labs,PM,12 Jan 2023\n' + ROWS
                    + 'Greta,Nachbar,https://www.linkedin.com/in/greta,,"Hafen, Kontor",PM,12 Jan 2023\n'
                    + ROWS.replace("Jonas", "Lena"), encoding="utf-8")
    records = bounded(parse, Export(path), seconds=2)
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(2, OPEN_QUOTE)]
    people = [(r.line, r.display_name, r.company) for r in records if isinstance(r, Account)]
    assert people[:6] == [(3, "Jonas0 Weber", "Nordlicht GmbH"), (4, "Jonas1 Weber", "Nordlicht GmbH"),
                          (5, "Jonas2 Weber", "Nordlicht GmbH"), (6, "Jonas3 Weber", "Nordlicht GmbH"),
                          (7, "Jonas4 Weber", "Nordlicht GmbH"), (8, "Greta Nachbar", "Hafen, Kontor")]
    assert len(people) == 11
    assert_nothing_lost(records)


def test_a_quote_never_closed_in_a_small_file_loses_its_row_not_the_rest(tmp_path):
    # Before: the rows after an open quote, less than the 1 MiB field limit of them, were one refused record
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS + 'Aylin,Demir,https://www.linkedin.com/in/aylindemir,,"Labs,PM,12 Jan 2023\n' + ROWS,
                    encoding="utf-8")
    records = bounded(parse, Export(path), seconds=2)
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(2, OPEN_QUOTE)]
    assert [r.line for r in records if isinstance(r, Account)] == [3, 4, 5, 6, 7]
    assert_nothing_lost(records)


def test_a_message_spanning_lines_is_one_record_and_a_short_one_stays_refused(tmp_path):
    """Text across lines in quotes is one message; a message row short of a field stays one refused record (numbered
    by its last line, as every record of several lines is)."""
    export = tmp_path / "Complete_LinkedInDataExport_11-20-2026"
    shutil.copytree(fixture("linkedin", "2024-complete"), export)
    messages = export / "messages.csv"
    lines = messages.read_text(encoding="utf-8").count("\n")
    before = bounded(parse, Export(export), seconds=5)
    whole = ('2-YWJj,,Jonas Weber,https://www.linkedin.com/in/jonas-weber-1a2b,Marta Lindqvist,'
             'https://www.linkedin.com/in/marta-lindqvist,2024-11-02 10:00:00 UTC,,"Hallo,\nwie geht es?\nBis bald",'
             'INBOX,\n')
    short = ('2-YWJk,,Jonas Weber,https://www.linkedin.com/in/jonas-weber-1a2b,'
             'https://www.linkedin.com/in/marta-lindqvist,2024-11-03 10:00:00 UTC,,"Zweite,\nNachricht",INBOX,\n')
    with messages.open("a", encoding="utf-8") as file:
        file.write(whole + short)
    after = bounded(parse, Export(export), seconds=5)
    refused = [(q.member, q.line) for q in after if isinstance(q, Quarantined)]
    assert refused == [(q.member, q.line) for q in before if isinstance(q, Quarantined)] + [("messages.csv", lines + 5)]
    assert len([r for r in after if not isinstance(r, Quarantined)]) > len(
        [r for r in before if not isinstance(r, Quarantined)])
    assert_nothing_lost(after)


def test_a_follower_id_of_a_hundred_thousand_digits_is_refused_not_loaded(unsocial, tmp_path):
    """Ids are 64-bit numbers: one of 100,000 digits became an account whose id was a 100 KB key."""
    archive = tmp_path / "twitter-2022"
    shutil.copytree(fixture("twitter", "2022"), archive)
    follower = archive / "data" / "follower.js"
    huge = "9" * 100_000
    text = follower.read_text(encoding="utf-8")
    follower.write_text(text.replace("[", f'[ {{\n  "follower" : {{\n    "accountId" : "{huge}"\n  }}\n}},', 1),
                        encoding="utf-8")
    db = tmp_path / "u.duckdb"
    assert unsocial("ingest", archive, "--db", db, "--owner", "anna").code == 0
    assert query(db, "select max(length(account_ref)) from raw_accounts") == [(10,)]
    assert query(db, "select reason from not_read where member = 'data/follower.js'") == [
        ("follower.accountId: missing, not numeric or the owner's",)]
