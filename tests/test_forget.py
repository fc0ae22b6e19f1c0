"""Erasure (issue 15, items 1–4): ``unsocial forget`` leaves no byte of the person, only them, and for good."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

VALUE_COLUMNS = ("account_ref", "display_name", "first_name", "last_name", "email", "phone", "profile_url", "handle",
                 "company", "position", "member")
TEXT_COLUMNS = ("message_text", "thread_ref", "member")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The 200-person demo, run once with message text kept; each test works on a copy (``copy_of``)."""
    from datetime import date

    from ingest.cli import main
    from ingest.demo import write_demo_inbox

    base = tmp_path_factory.mktemp("forget-demo")
    inbox = write_demo_inbox(base / "inboxes" / "henrike", as_of=date.fromisoformat(AS_OF))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.argv", ["unsocial", "run", str(inbox), "--db", str(base / "u.duckdb"), "--reports",
                                   str(base / "reports"), "--as-of", AS_OF, "--keep-message-text"])
        with pytest.raises(SystemExit) as done:
            main()
    assert done.value.code in (0, None)
    return base


def copy_of(demo: Path, target: Path) -> tuple[Path, Path, Path]:
    shutil.copytree(demo, target)
    return target / "inboxes" / "henrike", target / "u.duckdb", target / "reports"


def query(db: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def person_of(db: Path, platform: str, account_ref: str) -> str:
    return query(db, "select person_id from int_accounts where platform = ? and account_ref = ?", platform,
                 account_ref)[0][0]


def people(db: Path, but: str) -> set[frozenset]:
    """Every person but one, as the set of their accounts."""
    groups: dict[str, set] = {}
    for person_id, platform, ref in query(db, "select person_id, platform, account_ref from int_accounts "
                                              "where person_id <> ?", but):
        groups.setdefault(person_id, set()).add((platform, ref))
    return {frozenset(group) for group in groups.values()}


def values_of(db: Path, person_id: str) -> set[str]:
    """Every value the person's rows hold (names, e-mails, phones as written and as digits, company, position,
    profile URLs, handles, account refs, message texts, member paths and conversations) that no other
    person's rows hold too (a company two people share stays with the other; a text like "Haha 😂", also
    as part of another's text)."""
    def gather(where: str) -> tuple[set[str], set[str]]:
        values, texts = set(), set()
        for table, columns in (("raw_accounts", VALUE_COLUMNS), ("raw_interactions", TEXT_COLUMNS)):
            for row in query(db, f"select {', '.join(columns)} from {table} where (owner_id, platform, account_ref) "
                                 f"{where} (select owner_id, platform, account_ref from int_accounts "
                                 f"where person_id = ?)", person_id):
                for column, value in zip(columns, row):
                    if value:
                        (texts if column == "message_text" else values).add(str(value))
        return values, texts

    (values, texts), (other_values, other_texts) = gather("in"), gather("not in")
    values |= {re.sub(r"\D", "", v) for v in values if re.fullmatch(r"[+\d ()/.-]{8,}", v)}
    others = "\n".join(other_texts)
    return {v for v in values - other_values | {t for t in texts if t not in others} if len(v) >= 5}


def files_beside(db: Path, reports: Path) -> list[Path]:
    """The database, its WAL and anything else named after it (batches included), and the reports."""
    beside = [p for p in db.parent.iterdir() if p.name.startswith(db.name)]
    return [f for p in [*beside, reports] for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file()]


def hits(files: list[Path], values: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for file in files:
        data = file.read_bytes()
        for value in values:
            if value.encode() in data:
                found.setdefault(value, []).append(file.name)
    return found


def leave_batches(inbox: Path, db: Path) -> Path:
    """A run killed after parsing: the LinkedIn export's batches wait beside the database."""
    from ingest.pipeline import detect_and_parse, work_dir_of

    export = next(inbox.glob("Complete_LinkedInDataExport_*.zip"))
    detect_and_parse(export, "henrike", work_dir_of(db))
    return work_dir_of(db)


# --- item 1: no byte of the person in the database file, its WAL, the batches or the reports -------------------

def test_forget_leaves_no_byte_of_the_person_in_any_file(unsocial, demo, tmp_path):
    inbox, db, reports = copy_of(demo, tmp_path / "d")
    person = person_of(db, "facebook", "Simón Novoa")
    accounts = query(db, "select count(*) from int_accounts where person_id = ?", person)[0][0]
    values = values_of(db, person)
    # names, phones as written and as digits, the company, e-mails, URLs, a handle, kept message text, the
    # Messenger folder, the XING card's file name, a Twitter conversation
    assert len(values) >= 40 and {"Simón", "Novoa", "Dillon GmbH & Co. KG", "kaffeejunkie619", "015252215187",
                                 "Hi Simón, thanks for connecting!", "Simon_Novoa.vcf"} <= values
    assert any("inbox/simonnovoa_" in v for v in values)
    batches = leave_batches(inbox, db)
    assert hits([*batches.rglob("*.parquet")], values)  # the waiting batches hold her
    others = people(db, person)
    contacts = query(db, "select count(*) from contacts")[0][0]

    result = unsocial("forget", person, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert hits(files_beside(db, reports), values) == {}
    rows = "\n".join(map(str, every_row(db)))  # DuckDB compresses some strings: a byte search alone could miss them
    assert [v for v in values if v in rows] == []
    assert result.out.startswith(f"forgot {accounts} account(s) of {person}; database file and reports rewritten")
    assert not Path(f"{db}.wal").exists() and db.stat().st_mode & 0o777 == 0o600
    assert not [p for p in db.parent.iterdir() if ".rewrite-" in p.name]
    assert people(db, person) == others  # nobody else changed
    assert query(db, "select count(*) from contacts")[0][0] == contacts - 1


def test_forget_rewrites_an_encrypted_database_under_its_key(unsocial, inbox, tmp_path, monkeypatch):
    db = tmp_path / "u.duckdb"
    monkeypatch.setenv("UNSOCIAL_DB_KEY", "correct horse battery staple")
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF).code == 0
    person = unsocial("sql", "select person_id from contacts where display_name = 'Jonas Weber'", "--db", db,
                      "--format", "csv").out.split()[1]
    assert unsocial("forget", person, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF).code == 0
    assert unsocial("sql", "select count(*) as n from contacts", "--db", db, "--format", "csv").out == "n\n8\n"
    assert b"Jonas" not in db.read_bytes() and b"linkedin.com" not in db.read_bytes()
    monkeypatch.delenv("UNSOCIAL_DB_KEY")
    assert "the database is encrypted; set UNSOCIAL_DB_KEY" in unsocial("sql", "select 1", "--db", db).err


def test_forget_run_again_completes_an_interrupted_erasure(unsocial, inbox, tmp_path, monkeypatch):
    """A rewrite that fails (a full disk) says so in one line; the same command run again completes it."""
    import ingest.store.rewrite

    db, reports = tmp_path / "u.duckdb", tmp_path / "r"
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    (person,) = query(db, "select person_id from contacts where display_name = 'Jonas Weber'")[0]

    def full_disk(path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ingest.store.rewrite, "sync_path", full_disk)
    failed = unsocial("forget", person, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert failed.code == 1 and "Traceback" not in failed.err and len(failed.err.splitlines()) == 1
    assert "could not be rewritten into a fresh file (no space left on device)" in failed.err
    assert "run the same `unsocial forget` again" in failed.err and "Jonas" not in failed.err
    assert b"jonas.weber@example.de" in db.read_bytes()  # deleted rows, still in the file's bytes
    monkeypatch.undo()
    again = unsocial("forget", person, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert again.code == 0 and again.out.startswith(f"{person} was forgotten before; database file")
    assert b"jonas.weber@example.de" not in db.read_bytes() and b"Jonas" not in db.read_bytes()


# --- item 2: only the person's own accounts ------------------------------------------------------------------

def test_forgetting_one_thomas_mueller_keeps_the_other_two_as_they_were(unsocial, demo, tmp_path):
    """The demo has three Thomas Müller: LinkedIn only (forgotten here), LinkedIn and XING, Facebook and a
    journal entry (with a Twitter account the resolver gives them). Only the first goes; the others keep
    their accounts and are not merged now that the one who kept them apart is gone."""
    _, db, reports = copy_of(demo, tmp_path / "d")
    person = person_of(db, "linkedin", "https://www.linkedin.com/in/thomas-muller-6c54d8")
    others = people(db, person)
    namesakes = {(p, r) for p, r in query(db, "select platform, account_ref from int_accounts where display_name = "
                                              "'Thomas Müller' and person_id <> ?", person)}
    assert {("facebook", "Thomas Müller"), ("journal", "thomas müller"), ("twitter", "1633979971")} <= namesakes

    contacts = reports / "henrike" / "contacts.csv"
    before = contacts.read_text(encoding="utf-8").count("Thomas Müller")
    assert before >= 3  # the Twitter one, known by the shared name alone, may stay a question of its own

    result = unsocial("forget", person, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert result.out.startswith(f"forgot 1 account(s) of {person}")
    assert people(db, person) == others
    assert query(db, "select count(*) from raw_accounts where account_ref = 'Thomas Müller'")[0][0] > 0
    assert contacts.read_text(encoding="utf-8").count("Thomas Müller") == before - 1  # only the LinkedIn-only one


# --- item 3: it does not come back -------------------------------------------------------------------------------

def test_a_forgotten_person_does_not_come_back_under_new_identifiers(unsocial, demo, tmp_path):
    """Forgotten, Anna Taferner is exported again: LinkedIn under a new URL and no e-mail, a new XING card with
    her name and phone (and a new e-mail, a new UID). Neither comes back, in any table or report; a namesake
    with evidence of her own (another company, another URL) is a new contact."""
    inbox, db, reports = copy_of(demo, tmp_path / "d")
    person = person_of(db, "xing", query(db, "select account_ref from raw_accounts where platform = 'xing' "
                                              "and display_name = 'Anna Taferner'")[0][0])
    (phone,) = query(db, "select phone from raw_accounts where display_name = 'Anna Taferner' and phone is not null")[0]
    (company, position) = query(db, "select company, position from raw_accounts where platform = 'linkedin' "
                                    "and display_name = 'Anna Taferner'")[0]
    assert unsocial("forget", person, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0

    rows = [["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
            ["Anna", "Taferner", "https://www.linkedin.com/in/anna-t-2026", "", company, position, "01 Nov 2026"],
            ["Anna", "Taferner", "https://www.linkedin.com/in/anna-taferner-graz", "", "Murtal Bau", "Polier",
             "01 Nov 2026"],
            ["Jan", "Oberholz", "https://www.linkedin.com/in/jan-oberholz", "", "Hafen AG", "CFO", "01 Nov 2026"]]
    with zipfile.ZipFile(inbox / "Basic_LinkedInDataExport_12-01-2026.zip", "w") as archive:
        archive.writestr("Connections.csv", "".join(",".join(f'"{v}"' for v in row) + "\n" for row in rows))
    (inbox / "xing-contacts" / "Anna_Taferner_2.vcf").write_text(
        "BEGIN:VCARD\nVERSION:3.0\nN:Taferner;Anna;;;\nFN:Anna Taferner\nEMAIL;TYPE=INTERNET:anna.t@neu.example\n"
        f"TEL;TYPE=CELL:{phone}\nUID:0b7e4c1a-2026-4d6e-9f00-a11ce0b0b0b0\nEND:VCARD\n", encoding="utf-8")
    result = unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF)
    assert result.code == 0, result.err

    rows = query(db, "select platform, account_ref, company from raw_accounts where display_name = 'Anna Taferner' "
                     "or first_name = 'Anna' and last_name = 'Taferner'")
    assert rows == [("linkedin", "https://www.linkedin.com/in/anna-taferner-graz", "Murtal Bau")]
    assert query(db, "select count(*) from contacts where display_name = 'Jan Oberholz'")[0][0] == 1
    new = {"anna.t@neu.example", "0b7e4c1a-2026-4d6e-9f00-a11ce0b0b0b0", "anna-t-2026"}
    files = [f for f in reports.rglob("*") if f.is_file()]
    assert hits(files, new | {phone}) == {}
    (namesake,) = query(db, "select person_id from contacts where display_name = 'Anna Taferner'")[0]
    lines = [line for f in files if f.suffix == ".csv" for line in f.read_text(encoding="utf-8").splitlines()
             if "Anna Taferner" in line]
    assert lines and all(line.startswith(namesake) for line in lines)  # the namesake's, in every report
    assert [v for v in new | {phone} if any(v in str(row) for row in every_row(db))] == []
    assert hits(files_beside(db, reports), new) == {}  # dropped before the load committed: never written


def every_row(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                            "where table_type = 'BASE TABLE'").fetchall()]
        return [row for t in tables for row in con.execute(f"select * from {t}").fetchall()]


# --- item 4: provenance that names them --------------------------------------------------------------------------

def test_file_names_that_name_the_person_are_replaced_and_their_files_kept(unsocial, demo, tmp_path):
    """His Messenger folder (``…/inbox/fabiankobelt_<id>/``) and his XING card (``Fabian_Kobelt.vcf``) named
    him in ``member`` (the interactions view shows it) and in ``raw_members``: the file names are replaced by
    a pseudonym, and the files' rows (how each was read) stay."""
    _, db, reports = copy_of(demo, tmp_path / "d")
    person = person_of(db, "facebook", "Fabian Kobelt")
    token = re.compile(r"(?i)fabian.?kobelt")
    named = query(db, "select member from raw_members where regexp_matches(member, '(?i)fabian.?kobelt')")
    assert len(named) >= 3 and query(db, "select count(*) from interactions where person_id = ? and "
                                         "member like '%fabiankobelt%'", person)[0][0] > 0
    members = query(db, "select count(*) from raw_members")[0][0]
    assert unsocial("forget", person, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    assert [row for row in every_row(db) if token.search(str(row))] == []
    assert query(db, "select count(*) from raw_members")[0][0] == members
    assert len(query(db, "select member from raw_members where member like '%forgotten-%'")) >= len(named)


# --- the rules, one by one ---------------------------------------------------------------------------------------

def evidence(platform, ref, name=None, **values):
    from ingest.store.suppression import Evidence

    return Evidence(platform, ref, (name,) if name else (), **{k: tuple(v) for k, v in values.items()})


def jonas():
    return evidence("linkedin", "https://www.linkedin.com/in/jonas-weber-1a2b", "Jonas Weber",
                    emails=["jonas.weber@example.de"], phones=["0170 1234567"],
                    urls=["https://www.linkedin.com/in/jonas-weber-1a2b"], companies=["Nordlicht GmbH"])


NEW_URL = "https://www.linkedin.com/in/jw-2026"


@pytest.mark.parametrize("account, spared, others, covered", [
    # identifiers cover, on any platform, however written
    (("xing", "uid-1", "J. Weber", {"phones": ["+49 (170) 123 45 67"]}), False, [], True),
    (("journal", "JONAS.WEBER@example.de ", "Jonas", {}), False, [], True),
    (("linkedin", "https://www.linkedin.com/in/jonas-weber-1a2b/", None, {}), False, [], True),
    # a name with the company it went with covers a new URL; with another company it is a namesake
    (("linkedin", NEW_URL, "Jonas Weber", {"companies": ["Nordlicht"]}), False, [], True),
    (("linkedin", NEW_URL, "Jonas Weber", {"companies": ["Hafen AG"]}), False, [], False),
    # known by nothing but the name: gone, unless someone staying has the name, or it was spared
    (("journal", "jonas weber", "Jonas Weber", {}), False, [], True),
    (("facebook", "Jonas Weber", "Jonas Weber", {}), False, [], True),
    (("journal", "jonas weber", "Jonas Weber", {}), False, [("twitter", "42", "Jonas Weber", {"handles": ["jw"]})],
     False),
    (("facebook", "Jonas Weber", "Jonas Weber", {}), True, [], False),
    (("linkedin", NEW_URL, "Jonas Weber", {"companies": ["Nordlicht"]}), True, [], False),
    # a first name alone is no name of one person
    (("journal", "jonas", "Jonas", {}), False, [], False),
])
def test_what_the_suppression_list_covers(account, spared, others, covered):
    from ingest.store.suppression import Hasher, covered as rule

    h = Hasher(b"k" * 32)
    account, others = evidence(*account[:3], **account[3]), [evidence(*o[:3], **o[3]) for o in others]
    listed = jonas().keys(h) | ({account.spared_key(h)} if spared else set())
    assert (account.node in rule([account, *others], listed, h).doomed) is covered


def test_an_account_the_list_covers_brings_its_own_identifiers_along():
    """A new XING card with the forgotten phone has a new e-mail; a journal entry written with that e-mail is
    theirs too, and both join the list for later imports."""
    from ingest.store.suppression import Hasher, covered

    h = Hasher(b"k" * 32)
    card = evidence("xing", "uid-2", "Jonas Weber", emails=["jw@neu.example"], phones=["+491701234567"])
    entry = evidence("journal", "jw@neu.example", "Jonas W.")
    verdict = covered([card, entry, evidence("journal", "anna berg", "Anna Berg")], jonas().keys(h), h)
    assert verdict.doomed == {card.node, entry.node} and h("value", "jw@neu.example") in verdict.added


def test_the_list_holds_keyed_hashes_only():
    from ingest.store.suppression import Hasher

    keys = jonas().keys(Hasher(b"k" * 32))
    assert keys.isdisjoint(jonas().keys(Hasher(b"x" * 32)))  # another database, other keys
    assert all(re.fullmatch(r"[0-9a-f]{32}", digest) for _, digest in keys)
    assert {kind for kind, _ in keys} == {"account", "value", "name", "name_company", "token"}


def test_the_plaintext_list_of_an_older_database_becomes_keyed_hashes(unsocial, inbox, tmp_path):
    """A database made before schema 1 kept ``tombstones`` and ``tombstone_keys`` in plaintext: opened, their
    entries become keys and the tables go, and the person stays out of the next import."""
    db, reports = tmp_path / "u.duckdb", tmp_path / "r"
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    with duckdb.connect(str(db)) as con:  # as the version before wrote it
        accounts = con.execute("select owner_id, platform, account_ref from int_accounts where person_id = (select "
                               "person_id from contacts where display_name = 'Jonas Weber')").fetchall()
        for table in ("raw_accounts", "raw_interactions"):
            con.execute(f"delete from {table} where (owner_id, platform, account_ref) in "
                        "(select owner_id, platform, account_ref from int_accounts where display_name = 'Jonas Weber')")
        con.execute("create table tombstones (owner_id VARCHAR, platform VARCHAR, account_ref VARCHAR, "
                    "forgotten_at TIMESTAMP)")
        con.executemany("insert into tombstones values (?, ?, ?, current_timestamp)", accounts)
        con.execute("create table tombstone_keys (owner_id VARCHAR, kind VARCHAR, value VARCHAR)")
        con.executemany("insert into tombstone_keys values ('marta', ?, ?)", [
            ("email", "jonas.weber@example.de"), ("url", "https://www.linkedin.com/in/jonas-weber-1a2b"),
            ("name", "Jonas Weber")])
        con.execute("drop table suppression")
        con.execute("delete from settings where key in ('app', 'schema_version', 'suppression_secret')")
    with (inbox / "journal.csv").open("a", encoding="utf-8") as handle:
        handle.write("2026-10-02,Jonas W.,JONAS.WEBER@example.de,,meal,\n")
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    tables = {t for (t,) in query(db, "select table_name from information_schema.tables")}
    assert "tombstones" not in tables and "tombstone_keys" not in tables
    assert {k for (k,) in query(db, "select distinct kind from suppression")} >= {"account", "value", "name"}
    assert query(db, "select count(*) from raw_accounts where email ilike 'jonas.weber@%'") == [(0,)]
    assert [row for row in every_row(db) if "Jonas" in str(row) or "jonas" in str(row)] == []


def test_texts_that_name_the_forgotten_person():
    """Quarantined records go when they hold an identifier, a mention, the name with the company, or the name
    while no namesake stays; others' messages keep their words but not the person's handle or address."""
    from ingest.store.suppression import Hasher, names_forgotten, scrub_text

    h = Hasher(b"k" * 32)
    listed = jonas().keys(h) | evidence("twitter", "42", "Jonas Weber", handles=["jonasw_hh"]).keys(h)
    vcard = "BEGIN:VCARD\nN:Weber;Jonas;;;\nFN:Jonas Weber\nORG:Nordlicht GmbH\nTEL:+49 170 1234567\n"
    assert names_forgotten(vcard, listed, set(), h)
    assert names_forgotten('{"actor":"Jonas Weber","company":"Nordlicht"}', listed, {h("name", "jonas weber")}, h)
    assert names_forgotten("Anna,Berg,https://www.linkedin.com/in/jonas-weber-1a2b/,,", listed, set(), h)
    assert names_forgotten("Jonas Weber,,,meal", listed, set(), h)
    assert not names_forgotten("Jonas Weber,,,meal", listed, {h("name", "jonas weber")}, h)  # a namesake stays
    assert not names_forgotten("Anna Berg,Hafen AG,CFO", listed, set(), h)
    text = "@jonasw_hh @anna see you, mail jonas.weber@example.de or anna@berg.example"
    assert scrub_text(text, listed, h) == "@[forgotten] @anna see you, mail [forgotten] or anna@berg.example"


def test_overrides_naming_a_forgotten_account_leave_the_database(unsocial, inbox, tmp_path):
    """The inbox's overrides file still names him after the forget: its lines stay in the file (the owner's),
    not in the database."""
    db, reports = tmp_path / "u.duckdb", tmp_path / "r"
    (inbox / "overrides.csv").write_text("rule,platform_a,account_ref_a,platform_b,account_ref_b\n"
                                         "must_link,linkedin,https://www.linkedin.com/in/jonas-weber-1a2b,"
                                         "journal,jonas weber\n", encoding="utf-8")
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    assert query(db, "select count(*) from overrides") == [(1,)]
    (person,) = query(db, "select person_id from contacts where display_name = 'Jonas Weber'")[0]
    assert unsocial("forget", person, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    assert query(db, "select count(*) from overrides") == [(0,)]
    with (inbox / "journal.csv").open("a", encoding="utf-8") as handle:
        handle.write("2026-10-02,Anna Berg,,,meal,\n")
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    assert query(db, "select count(*) from overrides") == [(0,)] and b"jonas-weber-1a2b" not in db.read_bytes()
