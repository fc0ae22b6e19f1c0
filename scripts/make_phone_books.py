"""Writes the phone address-book fixtures (``sources/phone_books.py``), miniature databases of the real shapes with
invented people:

    tests/fixtures/exports/addressbook/ios-addressbook-2024/AddressBook.sqlitedb    an iPhone's (iOS 17 columns)
    tests/fixtures/exports/addressbook/android-contacts2-2019/contacts2.db          Android 9's, its call log inside

Run from the repository's root: ``.venv/bin/python scripts/make_phone_books.py``. The files are checked in; run it
again only to change them (the tests in tests/test_phone_books27.py say what each person is there for).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "exports" / "addressbook"
IOS = ROOT / "ios-addressbook-2024" / "AddressBook.sqlitedb"
ANDROID = ROOT / "android-contacts2-2019" / "contacts2.db"

# The tables as iOS creates them, the columns read and a few of the others (mvt-project/mvt contacts.py,
# kacos2000/Queries AddressBook_sqlite.sql)
IOS_SCHEMA = """
create table ABPerson (ROWID integer primary key autoincrement, First text, Last text, Middle text, FirstPhonetic text,
  Organization text, Department text, Note text, Kind integer, Birthday text, JobTitle text, Nickname text,
  Prefix text, Suffix text, CreationDate integer, ModificationDate integer, CompositeNameFallback text,
  ExternalIdentifier text, StoreID integer, DisplayName text, guid text);
create table ABMultiValue (UID integer primary key, record_id integer, property integer, identifier integer,
  label integer, value text, guid text);
create table ABMultiValueLabel (value text, unique(value));
create table ABMultiValueEntry (parent_id integer, key integer, value text);
create table ABMultiValueEntryKey (value text, unique(value));
create table ABGroup (ROWID integer primary key autoincrement, Name text);
create table ABStore (ROWID integer primary key autoincrement, Name text, AccountID integer);
"""
IOS_LABELS = ["_$!<Mobile>!$_", "_$!<Home>!$_", "_$!<Work>!$_", "iPhone", "_$!<WorkFAX>!$_", "Segelverein"]
# ROWID, First, Last, Middle, Organization, JobTitle, Nickname, Kind (1: a company), CreationDate (s since 2001)
IOS_PEOPLE = [
    (1, "Henrike", "Vos", None, "Zeeland Zeilmakers", "Zeilmaker", None, 0, 700000000),
    (2, "Ilse", "Brandt", "Marie", None, None, None, 0, 700100000),
    (3, None, None, None, "Hafenamt Kiel", None, None, 1, 700200000),
    (4, None, None, None, None, None, "Kapitän", 0, 700300000),
    (5, None, None, None, None, None, None, 0, 700400000),  # only a postal address: no one to tie anything to
]
# record_id, property (3 phone, 4 e-mail, 5 address), label (1-based in IOS_LABELS), value
IOS_VALUES = [
    (1, 3, 1, "+31 6 5550 1122"), (1, 4, 3, "henrike.vos@example.nl"), (1, 3, 5, "+31 20 555 0000"),
    (2, 3, 4, "0171 5550199"), (2, 4, 2, "ilse.brandt@example.de"), (2, 4, 6, "ilse@segeln.example"),
    (3, 3, 3, "+49 431 5550100"), (4, 3, 1, "+49 170 5550144"), (5, 5, 2, None),
]

# The contacts provider's tables as Android 9 creates them, trimmed to the columns read and a few of the others (AOSP
# ContactsDatabaseHelper; kacos2000/Queries contacts2.sql, contacts2calls.sql)
ANDROID_SCHEMA = """
create table accounts (_id integer primary key autoincrement, account_name text, account_type text);
create table mimetypes (_id integer primary key autoincrement, mimetype text not null);
create table raw_contacts (_id integer primary key autoincrement, account_id integer, sourceid text,
  version integer not null default 1, dirty integer not null default 0, deleted integer not null default 0,
  contact_id integer, display_name text, display_name_alt text, times_contacted integer not null default 0,
  last_time_contacted integer, starred integer not null default 0);
create table data (_id integer primary key autoincrement, package_id integer, mimetype_id integer not null,
  raw_contact_id integer not null, is_primary integer not null default 0, data1 text, data2 text, data3 text,
  data4 text, data5 text, data6 text, data7 text, data8 text, data9 text, data10 text, data11 text, data12 text,
  data13 text, data14 text, data15 text);
create table contacts (_id integer primary key autoincrement, name_raw_contact_id integer, photo_id integer,
  times_contacted integer, last_time_contacted integer, starred integer, has_phone_number integer);
create table calls (_id integer primary key autoincrement, number text, presentation integer not null default 1,
  date integer, duration integer, type integer, new integer, name text, numbertype integer, numberlabel text,
  countryiso text);
"""
MIMETYPES = [(1, "email_v2"), (2, "im"), (3, "nickname"), (4, "organization"), (5, "phone_v2"), (6, "sip_address"),
             (7, "name"), (8, "postal-address_v2"), (9, "photo"), (10, "group_membership"),
             (11, "vnd.com.whatsapp.profile")]
ACCOUNTS = [(1, "owner@example.com", "com.google"), (2, "WhatsApp", "com.whatsapp")]
# _id, account_id, deleted, contact_id, display_name
RAW_CONTACTS = [
    (1, 1, 0, 1, "Osei Mensah"),
    (2, 1, 0, 2, "Lucía Ferrer"),
    (3, 2, 0, 2, "Lucía Ferrer"),  # the same person kept by WhatsApp: one contact with the Google one
    (4, 1, 1, 3, "Gregor Pahl"),  # deleted on the phone, not yet synced away
    (5, 1, 0, 4, None),  # only a postal address: no one to tie anything to
    (6, 1, 0, 5, "Brauhaus am Deich"),
]
# raw_contact_id, mimetype_id, data1, data2, data3, data4
DATA = [
    (1, 7, "Osei Mensah", "Osei", "Mensah", None), (1, 5, "+233 20 555 0101", "2", None, None),
    (1, 1, "osei.mensah@example.com", "1", None, None), (1, 3, "Kwesi", "1", None, None),
    (2, 7, "Lucía Ferrer", "Lucía", "Ferrer", None), (2, 1, "lucia.ferrer@example.es", "2", None, None),
    (3, 5, "+34 612 555 014", "2", None, None), (3, 11, "34612555014@s.whatsapp.net", "WhatsApp", None, None),
    (4, 7, "Gregor Pahl", "Gregor", "Pahl", None), (4, 5, "+49 151 5550177", "2", None, None),
    (5, 8, "Deichstraße 1, Husum", "1", None, None),
    (6, 4, "Brauhaus am Deich", "1", None, "Wirt"), (6, 5, "04841 555012", "3", None, None),
    (6, 5, "04841 555013", "4", None, None),  # its work fax: no one answers there
]
# number, date (ms since 1970), duration (s), type (1 in, 2 out, 3 missed), name, countryiso
CALLS = [
    ("+233205550101", 1561975200000, 310, 2, "Osei Mensah", "DE"),
    ("+34612555014", 1562061600000, 95, 1, "Lucía Ferrer", "DE"),
    ("+491515550177", 1562148000000, 0, 3, None, "DE"),
]


def write_ios(path: Path) -> None:
    con = _new(path)
    con.executescript(IOS_SCHEMA)
    con.executemany("insert into ABMultiValueLabel (value) values (?)", [(label,) for label in IOS_LABELS])
    con.execute("insert into ABStore (Name, AccountID) values ('Local', 1)")
    con.executemany("insert into ABPerson (ROWID, First, Last, Middle, Organization, JobTitle, Nickname, Kind, "
                    "CreationDate, ModificationDate, StoreID) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?9, 1)", IOS_PEOPLE)
    con.executemany("insert into ABMultiValue (record_id, property, identifier, label, value) values (?, ?, 0, ?, ?)",
                    IOS_VALUES)
    _close(con)


def write_android(path: Path) -> None:
    con = _new(path)
    con.executescript(ANDROID_SCHEMA)
    con.executemany("insert into accounts values (?, ?, ?)", ACCOUNTS)
    con.executemany("insert into mimetypes values (?, ?)",
                    [(i, m if m.startswith("vnd.com") else f"vnd.android.cursor.item/{m}") for i, m in MIMETYPES])
    con.executemany("insert into raw_contacts (_id, account_id, deleted, contact_id, display_name) "
                    "values (?, ?, ?, ?, ?)", RAW_CONTACTS)
    con.executemany("insert into data (raw_contact_id, mimetype_id, data1, data2, data3, data4) "
                    "values (?, ?, ?, ?, ?, ?)", DATA)
    con.executemany("insert into contacts (_id, name_raw_contact_id) values (?, ?)",
                    [(c, min(r for r, _, _, cid, _ in RAW_CONTACTS if cid == c))
                     for c in sorted({row[3] for row in RAW_CONTACTS})])
    con.executemany("insert into calls (number, date, duration, type, name, countryiso) values (?, ?, ?, ?, ?, ?)",
                    CALLS)
    _close(con)


def _new(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    return sqlite3.connect(path)


def _close(con: sqlite3.Connection) -> None:
    con.commit()
    con.execute("vacuum")
    con.close()


if __name__ == "__main__":
    write_ios(IOS)
    write_android(ANDROID)
