"""A phone's call log as offline evidence (docs/formats.md, Phone call logs): SMS Backup & Restore's XML of two
vintages, an OPPO backup's, SMS Import / Export's JSON. A call that took place makes its person met by phone; a
missed, rejected or blocked call, a voicemail and an unanswered call only name the number; a withheld number and a
service code name no one; a call repeated by a later backup counts once."""

from __future__ import annotations

import csv
import shutil
from datetime import date

import pytest

from conftest import assert_nothing_lost, fixture, parse, query, zip_folder
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import calls, detect_source, split_export
from ingest.sources.archive import Export
from ingest.sources.calls.records import HIDDEN, REPEATED, SERVICE
from ingest.sources.calls.reading import SMS_NOTE

SBR = fixture("calls", "sbr-v10-2025")
SBR_FILE = "calls-20250203211000.xml"
AS_OF = "2025-03-01"


def interactions(records) -> list[tuple]:
    return sorted((r.account_ref, r.direction, r.occurred_at.isoformat(), r.mode) for r in records
                  if isinstance(r, Interaction))


def refused(records) -> list[tuple]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_calls_that_took_place_are_offline_calls_and_attempts_only_name_the_number(form, tmp_path):
    export = Export(SBR if form == "folder" else zip_folder(SBR, tmp_path / "backup.zip"))
    assert detect_source(export) is calls
    records = parse(export)
    # national and international forms of one number are one person; a call answered on another device counts
    assert interactions(records) == [
        ("+4915112345001", "in", "2025-01-30T18:12:05", "call"),
        ("+4915112345001", "out", "2025-01-31T09:00:00", "call"),
        ("+4917698765002", "out", "2025-01-29T07:50:41", "call"),
        ("+492215550007", "in", "2025-01-23T11:11:11", "call")]
    accounts = {(a.account_ref, a.display_name) for a in records if isinstance(a, Account)}
    # the missed, rejected, blocked and unanswered calls and the voicemail: their numbers, no call
    assert accounts == {("+4915112345001", "Jonas Beispiel"), ("+4917698765002", "Mira Lindqvist"),
                        ("+493098765003", None), ("+4916055550004", "Otto Krämer"), ("+4916055550005", None),
                        ("+4916055550006", "Ilse Vogt"), ("+492215550007", "Praxis Dr. Ahrens")}
    assert refused(records) == [(6, HIDDEN), (7, SERVICE)]
    [note] = [n for n in records if isinstance(n, MemberNote)]
    assert (note.member, note.records_read) == (SBR_FILE, 11)
    assert note.note == ("SMS Backup & Restore's call log, calls: 4, missed: 1, voicemails: 1, rejected: 1, "
                         "blocked: 1, not answered: 1")
    assert_nothing_lost(records)


def test_an_older_backup_with_a_stylesheet_and_fewer_attributes_is_read():
    records = parse(Export(fixture("calls", "sbr-v8-2016-us")))
    assert [(r.direction, r.occurred_at.isoformat()) for r in records if isinstance(r, Interaction)] == [
        ("out", "2016-06-01T17:14:21"), ("in", "2016-06-02T22:01:00")]
    # "Home" is what the phone book called the number: a name as the phone showed it
    assert ("Home" in {a.display_name for a in records if isinstance(a, Account)})
    assert_nothing_lost(records)


def test_an_oppo_backup_on_one_line_reads_national_numbers_in_the_phones_country():
    records = parse(Export(fixture("calls", "oppo-2024")))
    assert sorted({(a.account_ref, a.display_name) for a in records if isinstance(a, Account)}) == [
        ("+66811000002", "Somchai Boonmee"), ("+66911000001", None)]  # countryiso="TH"; name=" " is no name
    assert [(r.line, r.direction) for r in records if isinstance(r, Interaction)] == [(2, "out"), (3, "in")]
    assert_nothing_lost(records)


def test_sms_import_export_json_is_read():
    records = parse(Export(fixture("calls", "sms-ie-2025")))
    assert interactions(records) == [("+4915100000001", "out", "2025-01-31T09:00:00", "call"),
                                     ("+491705550102", "in", "2025-01-29T12:00:00", "call")]
    assert_nothing_lost(records)


def test_overlapping_backups_count_each_call_once(tmp_path):
    folder = tmp_path / "SMSBackupRestore"
    folder.mkdir()
    shutil.copy(SBR / SBR_FILE, folder / "calls-20250101080000.xml")  # an earlier backup, the same calls
    shutil.copy(SBR / SBR_FILE, folder / SBR_FILE)
    records = parse(Export(folder))
    assert len(interactions(records)) == 4
    repeated = [q for q in records if isinstance(q, Quarantined) and q.reason == REPEATED]
    assert {q.member for q in repeated} == {SBR_FILE} and len(repeated) == 9
    assert_nothing_lost(records)


def test_a_backup_cut_off_keeps_the_calls_before_and_says_where(tmp_path):
    text = (SBR / SBR_FILE).read_text(encoding="utf-8")
    cut = tmp_path / "calls-cut.xml"
    cut.write_text(text[: text.index('<call number="+4916055550004"') + 40], encoding="utf-8")
    records = parse(Export(cut))
    assert len(interactions(records)) == 3
    [*_, last] = refused(records)
    assert last == (8, "file: not well-formed XML from here on (cut off or damaged): the calls before were read")
    assert_nothing_lost(records)


def test_text_messages_beside_the_calls_are_listed_not_read(tmp_path):
    folder = tmp_path / "backup"
    shutil.copytree(SBR, folder)
    (folder / "sms-20250203211000.xml").write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"1\">\n  <sms protocol=\"0\" "
        "address=\"+4915112345001\" date=\"1738310400000\" type=\"1\" body=\"Bis gleich!\" contact_name=\"Jonas "
        "Beispiel\" />\n</smses>\n", encoding="utf-8")
    records = parse(Export(folder))
    assert [(n.member, n.handling, n.note) for n in records if isinstance(n, MemberNote) and n.handling != "parsed"] \
        == [("sms-20250203211000.xml", "ignored", SMS_NOTE)]


def test_a_phone_backup_folder_gives_the_cards_to_the_address_book_and_the_log_to_calls(tmp_path):
    folder = tmp_path / "Handy-Backup"
    shutil.copytree(SBR, folder)
    (folder / "Kontakte.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas Beispiel\r\nN:Beispiel;Jonas;;;\r\n"
                                         "TEL;TYPE=CELL:0151 12345001\r\nEND:VCARD\r\n", encoding="utf-8")
    assert sorted((source.NAME, part.members()[0]) for source, part in split_export(Export(folder))) == [
        ("addressbook", "Kontakte.vcf"), ("calls", SBR_FILE)]


def test_files_named_like_a_call_log_that_are_not_one_are_not_taken(tmp_path):
    twiml = tmp_path / "calls.xml"  # Twilio's TwiML is often so named
    twiml.write_text('<?xml version="1.0"?><Response><Dial><Number>+15551234567</Number></Dial></Response>')
    assert detect_source(Export(twiml)) is None


def test_an_entity_in_a_hostile_file_is_not_expanded(tmp_path):
    bomb = tmp_path / "calls-bomb.xml"
    entities = "".join(f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, 12))
    bomb.write_text(f'<?xml version="1.0"?><!DOCTYPE calls [<!ENTITY e0 "0151">{entities}]>\n<calls count="1">\n'
                    '<call number="&e11;" duration="5" date="1738310400000" type="1" contact_name="x" />\n</calls>\n')
    records = parse(Export(bomb))
    assert all(len(a.account_ref) < 100 for a in records if isinstance(a, Account))
    assert_nothing_lost(records)


def test_a_call_makes_its_contact_met_and_a_name_in_the_log_finds_the_platform_person(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    shutil.copytree(fixture("linkedin", "2018-11"), inbox / "LinkedIn")
    (inbox / "Kontakte.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas Weber\r\nN:Weber;Jonas;;;\r\n"
                                        "EMAIL:jonas.weber@example.de\r\nTEL;TYPE=CELL:+49 151 12345001\r\n"
                                        "END:VCARD\r\n", encoding="utf-8")
    log = (SBR / SBR_FILE).read_text(encoding="utf-8").replace("Mira Lindqvist", "Aylin Demir")
    (inbox / SBR_FILE).write_text(log, encoding="utf-8")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF)
    assert result.code == 0, result.err
    met = dict(query(db, "select display_name, last_offline_at::varchar from contacts where has_offline_interaction"))
    # Jonas through his card's number; Aylin, whom no card names, by the name the phone showed with her number
    assert met == {"Jonas Weber": "2025-01-31 09:00:00", "Aylin Demir": "2025-01-29 07:50:41"}
    assert query(db, "select source, records_read, records_loaded, records_quarantined from ingested_exports "
                     "where source = 'calls'") == [("calls", 11, 9, 2)]
    assert [name for name in ("Jonas", "Aylin", "15112345001") if name in result.out + result.err] == []


def test_the_demos_call_log_makes_the_people_it_ties_met_and_no_one_else(tmp_path):
    from ingest.demo import labels_path, write_demo_inbox
    from ingest.pipeline import run_inbox

    as_of = date(2026, 11, 27)
    inbox = write_demo_inbox(tmp_path / "inboxes" / "owner", people=150, as_of=as_of, call_log=True)
    run_inbox(inbox, tmp_path / "u.duckdb", tmp_path / "reports", as_of)
    with labels_path(inbox).open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle))
    called = {r["person_key"] for r in labels if "calls" in r["offline_via"].split(";")}
    by_phone_only = {r["person_key"] for r in labels if r["offline_via"] == "calls"}
    social = {}
    for r in labels:
        if r["platform"] in ("linkedin", "facebook", "twitter", "xing"):
            social.setdefault(r["person_key"], set()).add((r["platform"], r["account_ref"]))
    flagged = {(platform, ref): met for met, platform, ref in query(tmp_path / "u.duckdb", """
        select c.has_offline_interaction, a.platform, a.account_ref
        from contacts c join person_accounts a using (owner_id, person_id)""")}
    assert len(called) >= 10 and len(by_phone_only & set(social)) >= 3  # some met by phone and nowhere else
    # each of them is met on every account the resolver joined to the number (the rest: fragments no call ties)
    for key in by_phone_only & set(social):
        assert any(flagged.get(account) for account in social[key]), key
    assert {r["person_key"] for r in labels if r["platform"] == "calls"} >= called
