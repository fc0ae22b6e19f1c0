"""Losses a hunt of session 27 found on shapes of real files, each read now."""

from __future__ import annotations

import shutil

import pytest

from conftest import fixture, ingest_as_marta, ingest_written, query

MAC_ROMAN_NAMES = ["François Lefèvre", "Jörg Müller", "Åsa Nyström"]


@pytest.mark.parametrize(("path", "names"), [
    (("linkedin", "2024-connections-excel-mac"), [*MAC_ROMAN_NAMES, "Íñigo Muñoz"]),
    (("journal", "excel-mac-roman", "journal.csv"), MAC_ROMAN_NAMES),
    (("addressbook", "mac-roman-3.0-no-charset"), ["Dörte Höfer", "François Lefèvre", "Jörg Müller"]),
], ids=["linkedin", "journal", "vcard"])
def test_a_file_saved_on_a_mac_in_mac_os_roman_keeps_its_names(unsocial, tmp_path, path, names):
    """Excel for Mac saves CSV in Mac OS Roman, as Excel for Windows in the ANSI code page: read as cp1250 (the code
    page under which most of its words were words, each of another language) "Jörg Müller" was "Jšrg Mźller" and could
    never be linked to the Jörg Müller of any other export."""
    db = ingest_as_marta(unsocial, tmp_path, fixture(*path))
    assert query(db, "select distinct display_name from raw_accounts where not is_owner order by 1") == [
        (name,) for name in sorted(names)]
    notes = query(db, "select note from raw_members where handling = 'parsed'")
    assert any("read as mac-roman (Mac OS Roman)" in note for (note,) in notes)


def test_a_windows_file_is_not_taken_for_mac_os_roman(unsocial, tmp_path):
    """The same names in cp1252 and in cp1250 stay in those: Mac OS Roman reads their accented letters as signs."""
    for codec, names in (("cp1252", ["François Lefèvre", "Jörg Müller"]), ("cp1250", ["Łukasz Wójcik", "Zofia Żak"])):
        rows = "".join(f"2025-06-1{i},{name},,,meal,\r\n" for i, name in enumerate(names))
        path = tmp_path / codec / "journal.csv"
        path.parent.mkdir()
        path.write_bytes(f"date,name,email,phone,kind,note\r\n{rows}".encode(codec))
        db = ingest_as_marta(unsocial, tmp_path / codec, path)
        assert query(db, "select distinct display_name from raw_accounts where not is_owner order by 1") == [
            (name,) for name in sorted(names)]


def test_a_folder_holding_only_the_journal_is_read_as_the_journal(unsocial, tmp_path):
    """``unsocial ingest Tagebuch/`` where the folder holds the journal alone: it was "not a recognised export", while
    the same file given by its path, or a folder of one address book, was read."""
    folder = tmp_path / "Tagebuch"
    folder.mkdir()
    shutil.copy(fixture("journal", "comma", "journal.csv"), folder / "journal.csv")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # the Finder's, left out as elsewhere
    db = ingest_as_marta(unsocial, tmp_path, folder)
    assert query(db, "select distinct source, export_path from ingested_exports") == [("journal", "journal.csv")]
    assert query(db, "select count(*) from raw_interactions")[0][0] > 0


def test_a_folder_of_two_journals_still_says_to_give_them_by_their_paths(unsocial, tmp_path):
    folder = tmp_path / "Tagebuch"
    folder.mkdir()
    for name in ("2024.csv", "2025.csv"):
        shutil.copy(fixture("journal", "comma", "journal.csv"), folder / name)
    result = unsocial("ingest", folder, "--db", tmp_path / "u.duckdb", "--owner", "marta")
    assert result.code == 1
    assert "it holds 2 exports of their own (journal 2)" in result.err and "Traceback" not in result.err


def test_a_page_cut_off_says_so_and_keeps_what_came_before(unsocial, tmp_path):
    """An HTML page cut in the middle (an unzip or copy interrupted): lxml closes what is left open, and the page was
    read as a whole one, "ok", its later messages missing without a word. Now the cut is a refused record at the
    page's last line, with what to do, and the messages before it are read."""
    export = tmp_path / "facebook-marta"
    shutil.copytree(fixture("facebook", "f4-2021-html"), export)
    page = export / "messages" / "inbox" / "jonasweber_k2j3h4" / "message_1.html"
    whole = query(ingest_as_marta(unsocial, tmp_path / "whole", export),
                  "select count(*) from raw_interactions where member like '%jonasweber%'")[0][0]
    data = page.read_bytes()
    page.write_bytes(data[:len(data) * 2 // 3])
    db = ingest_as_marta(unsocial, tmp_path / "cut", export)
    member = "messages/inbox/jonasweber_k2j3h4/message_1.html"
    assert query(db, "select member, line, reason from raw_quarantine where reason like '%cut off%'") == [
        (member, page.read_bytes().count(b"\n") + 1, "file: the page ends before </html> (cut off): the records "
                                                     "before the cut were read, those after it lost")]
    kept = query(db, "select count(*) from raw_interactions where member like '%jonasweber%'")[0][0]
    assert 0 < kept < whole
    assert query(db, "select count(*) from ingested_exports where records_read <> records_loaded + "
                     "records_quarantined") == [(0,)]
    assert query(db, "select what_to_do from not_read where reason like '%cut off%'") == [
        ("the file is damaged or cut off here: download or export it again",)]


def test_a_backup_folder_read_in_another_grouping_counts_its_calls_once(unsocial, tmp_path):
    """An iPhone backup folder whose address book cannot be read (copied half) beside the call history: the call
    history's folder is the export (``iphone-backup/5a``). Once a whole copy of the book replaces it, the backup folder
    is one export of two parts (address book and calls), and the export loaded before was kept as "still in the inbox,
    not read now" beside them: every call counted twice."""
    inbox = tmp_path / "inboxes" / "marta"
    calls = inbox / "iphone-backup" / "5a" / "5a4935c78a5255723f707230a451d79c540d2741"
    book = inbox / "iphone-backup" / "31" / "31bb7ba8914766d4ba40d6dfb6113c8b614be442"
    calls.parent.mkdir(parents=True), book.parent.mkdir()
    shutil.copy(fixture("calls", "ios-17-callhistory", "CallHistory.storedata"), calls)
    book.write_bytes(fixture("addressbook", "ios-addressbook-2024", "AddressBook.sqlitedb").read_bytes()[:100])
    db, reports = tmp_path / "u.duckdb", tmp_path / "reports"
    assert unsocial("run", inbox, "--db", db, "--reports", reports).code == 0
    assert query(db, "select export_path from ingested_exports") == [("iphone-backup/5a",)]
    before = query(db, "select count(*) from raw_interactions")[0][0]
    shutil.copy(fixture("addressbook", "ios-addressbook-2024", "AddressBook.sqlitedb"), book)
    result = unsocial("run", inbox, "--db", db, "--reports", reports)
    assert result.code == 0
    assert query(db, "select export_path from ingested_exports order by 1") == [
        ("iphone-backup#addressbook",), ("iphone-backup#calls",)]
    assert query(db, "select count(*) from raw_interactions")[0][0] == before > 0
    assert "iphone-backup/5a: read now in another grouping of its files" in result.out
    assert "gone from the inbox" not in result.out


def test_a_same_that_takes_several_contacts_off_never_met_is_worth_more_than_one_that_takes_one():
    """"Same" on one person's two LinkedIn accounts makes their name one person's: the Facebook and Twitter accounts
    of that name, kept apart while it was two people's, join them and the calendar guest of that name, whom the owner
    met. Three contacts leave the "never met" list at once; the question counted as one such change, and was asked
    after questions that change one (in the simulated owner, 3.6 times as many contacts per answer)."""
    from ingest.identity.review import FLIP_VALUE, _apart_value, _Network

    people = {("linkedin", "a"): "p1", ("linkedin", "b"): "p2", ("facebook", "c"): "p3", ("twitter", "d"): "p4",
              ("calendar", "e"): "p5", ("linkedin", "x"): "p6", ("calendar", "y"): "p7"}
    members: dict[str, list] = {}
    for node, person in people.items():
        members.setdefault(person, []).append(node)
    network = _Network(people, {}, {}, {("calendar", "e"): 1, ("calendar", "y"): 1}, members)
    twins = _apart_value(network, ("linkedin", "a"), ("linkedin", "b"),
                         [("facebook", "c"), ("twitter", "d"), ("calendar", "e")])
    single = _apart_value(network, ("linkedin", "x"), ("calendar", "y"))
    assert single >= FLIP_VALUE and twins >= 4 * FLIP_VALUE > 3 * single


def _rows_again(path, trailing: bool = False) -> None:
    """The file's header written again after its rows (two files joined into one: the second file's header, its
    rows the first's again); with ``trailing``, a delimiter after every row's last field instead (rows of one line)."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("First Name", "Name,")))
    if trailing:
        lines[start + 1:] = [f"{line}," if line.strip() else line for line in lines[start + 1:]]
        text = "\n".join(lines) + "\n"
    else:
        text = text.rstrip("\r\n") + "\n" + lines[start] + "\n"
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("vintage", "table"), [(("addressbook", "google-csv-2021"), "contacts.csv"),
                                               (("linkedin", "2024-basic"), "Connections.csv")],
                         ids=["google", "linkedin"])
def test_a_header_repeated_inside_a_table_is_no_person(unsocial, tmp_path, vintage, table):
    """Two exports of one shape joined into one file: the second header was read as a contact named "First Name
    Middle Name Last Name" with the phone "Phone 1 - Value". It is refused as no record; every person is read."""
    whole = query(ingest_as_marta(unsocial, tmp_path / "whole", fixture(*vintage)),
                  "select distinct display_name from raw_accounts order by 1")
    export = tmp_path / "joined"
    shutil.copytree(fixture(*vintage), export)
    _rows_again(export / table)
    db = ingest_as_marta(unsocial, tmp_path / "joined-db", export)
    assert query(db, "select distinct display_name from raw_accounts order by 1") == whole
    assert query(db, "select reason from raw_quarantine where reason like '%header again%'") == [
        ("row: the header again (two files joined into one?): no record",)]


def test_a_delimiter_after_every_rows_last_field_loses_no_row(unsocial, tmp_path):
    """Rows that end in a delimiter the header does not (a writer's habit) were refused one and all: "row has 8
    fields, the header 7"."""
    whole = query(ingest_as_marta(unsocial, tmp_path / "whole", fixture("linkedin", "2024-basic")),
                  "select distinct display_name from raw_accounts order by 1")
    export = tmp_path / "trailing"
    shutil.copytree(fixture("linkedin", "2024-basic"), export)
    _rows_again(export / "Connections.csv", trailing=True)
    db = ingest_as_marta(unsocial, tmp_path / "trailing-db", export)
    assert query(db, "select distinct display_name from raw_accounts order by 1") == whole
    assert query(db, "select count(*) from raw_quarantine where reason like 'row has%'") == [(0,)]


def test_linkedin_member_without_a_url_in_connections_is_nobodys_account(unsocial, tmp_path):
    """"LinkedIn Member" (or "LinkedIn-Mitglied") with no profile URL names many people: three such connections
    were one account, one person connected three times. They are refused as members LinkedIn no longer names."""
    db = ingest_written(unsocial, tmp_path, "Basic_LinkedInDataExport/Connections.csv",
                        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                        "LinkedIn Member,,,,,,05 Mar 2024\nLinkedIn Member,,,,,,06 Apr 2023\n"
                        "LinkedIn-Mitglied,,,,,,06 Apr 2023\n"
                        "Jonas,Weber,https://www.linkedin.com/in/jonas-weber-1a2b,,Nordlicht GmbH,Data,07 May 2023\n")
    assert query(db, "select display_name from raw_accounts where not is_owner") == [("Jonas Weber",)]
    assert query(db, "select count(*), any_value(reason) from raw_quarantine") == [
        (3, 'name: "LinkedIn Member" with no profile URL, a deleted or deactivated account')]


@pytest.mark.parametrize(("charset", "name"), [("WINDOWS-31J", "山田"), ("X-SJIS", "山田"), ("X-MAC-CYRILLIC", "Иван")])
def test_a_vcard_charset_named_as_java_or_iana_name_it_is_read(unsocial, tmp_path, charset, name):
    """WINDOWS-31J (IANA's name of cp932, what Java writes), X-SJIS and the x-mac-… names are charsets Python knows
    by other names: the value was read as Latin-1 ("ƒeƒX")."""
    codec = {"WINDOWS-31J": "cp932", "X-SJIS": "shift_jis", "X-MAC-CYRILLIC": "mac-cyrillic"}[charset]
    encoded = "".join(f"={b:02X}" for b in name.encode(codec))
    card = tmp_path / "contacts.vcf"
    card.write_bytes(f"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:{encoded};;;;\r\n"
                     "EMAIL:a@example.com\r\nEND:VCARD\r\n".encode("ascii"))
    db = ingest_as_marta(unsocial, tmp_path, card)
    assert query(db, "select last_name from raw_accounts where not is_owner") == [(name,)]


EVENT = ("BEGIN:VEVENT\r\nUID:m-17@example.org\r\nDTSTAMP:20240601T080000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\n"
         "SUMMARY:Mittagessen\r\nORGANIZER;CN=Marta Lindqvist:mailto:marta@example.org\r\n"
         "ATTENDEE;CN=Jonas Weber;PARTSTAT=ACCEPTED:mailto:jonas.weber@example.de\r\n{sequence}END:VEVENT\r\n")


def _calendar(*events: str, times: int = 1) -> str:
    one = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Kalender//DE\r\nX-WR-CALNAME:marta@example.org\r\n"
           + "".join(events) + "END:VCALENDAR\r\n")
    return one * times


@pytest.mark.parametrize(("text", "kept", "reason"), [
    (_calendar(EVENT.format(start="20240603T120000Z", end="20240603T130000Z", sequence=""),
               EVENT.format(start="20240605T120000Z", end="20240605T130000Z", sequence="SEQUENCE:1\r\n")),
     "2024-06-05 12:00:00", "an earlier version of an event of this file"),
    (_calendar(EVENT.format(start="20240603T120000Z", end="20240603T130000Z", sequence=""), times=2),
     "2024-06-03 12:00:00", "the same event again in this file"),
], ids=["moved", "saved-twice"])
def test_an_event_written_again_in_one_file_is_one_meeting(unsocial, tmp_path, text, kept, reason):
    """An invitation and its update (SEQUENCE 1, two days later) in one file, or a calendar saved twice into one: each
    copy was a meeting of its own, one lunch counted twice, the moved one at its old time too."""
    path = tmp_path / "Kalender.ics"
    path.write_text(text, encoding="utf-8")
    db = ingest_as_marta(unsocial, tmp_path, path)
    assert [str(at) for (at,) in query(db, "select occurred_at from raw_interactions")] == [kept]
    [(why,)] = query(db, "select reason from raw_quarantine")
    assert why.startswith(reason)
    assert query(db, "select records_read, records_loaded + records_quarantined from ingested_exports") == [(2, 2)]
