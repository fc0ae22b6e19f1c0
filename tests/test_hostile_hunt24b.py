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
    records = bounded(parse, Export(path), seconds=2)
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (2, "row: a quote never closed, or a field longer than 1 MiB (damaged?)")]
    people = [r for r in records if isinstance(r, Account)]
    assert (len(people), people[0].line, people[-1].line) == (6_000, 3, 6_002)
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
