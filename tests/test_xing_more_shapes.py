"""More XING shapes seen in public material (issue 13), each read without loss, as folder and as zip.

- Sem.Sync's cache of XING's vCards (2009-2010): Interface007/-Sem.Sync ``Sem.Sync.Connector.Xing/ContactClient.cs``
  kept each contact's vCard as ``_app_contact_op=vcard;scr_id=<id>.txt`` and ``Sem.Sync.SyncBase/Helpers/HttpHelper.cs``
  the contact's photo beside it, named after its URL. The fixture's people are invented."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, xing
from ingest.sources.archive import Export

SEMSYNC = fixture("xing", "semsync-cache-2009")
PHOTO = "https___www.xing.com_img_users_4_1_2_f0c3a9e1b.412733,2.jpg"


@pytest.fixture(params=["folder", "zip"])
def semsync(request, tmp_path) -> Export:
    # named as Sem.Sync names its folder: nothing says XING but the vCards themselves
    if request.param == "folder":
        return Export(shutil.copytree(SEMSYNC, tmp_path / "SemSyncManager" / "Cache"))
    return Export(zip_folder(SEMSYNC, tmp_path / "Cache.zip"))


def accounts(records) -> list[Account]:
    return [r for r in records if isinstance(r, Account)]


def test_semsync_cache_is_xing_by_its_vcards(semsync):
    assert xing.detect(semsync)
    assert detect_source(semsync).NAME == "xing"


def test_semsync_cache_people_emails_and_companies(semsync):
    records = list(xing.parse(semsync))
    assert sorted((a.account_ref, a.display_name, a.email, a.company, a.position) for a in accounts(records)) == [
        # 2.1 in ISO-8859-1: umlauts and "ß" come through
        ("xing.com-364719", "Maja Lindqvist", "maja.lindqvist@example.org", "Nordlys AB", "Produktchefin"),
        ("xing.com-412733", "Henrike Krämer", "h.kraemer@example.org", "Elbufer Lösungen GmbH", "Einkaufsleiterin"),
        ("xing.com-519204", "Tobias Okafor", "tobias.okafor@example.com", "Rheinbrücke Consulting", "Berater")]
    assert {a.platform for a in accounts(records)} == {"xing"}
    assert [a.phone for a in accounts(records) if a.display_name == "Tobias Okafor"] == ["+49 151 5550188"]


def test_semsync_cache_counts_reconcile_and_the_photo_is_left_out_on_purpose(semsync):
    records = list(xing.parse(semsync))
    assert_nothing_lost(records)
    assert not [r for r in records if isinstance(r, (Quarantined, Interaction))]
    notes = {n.member: (n.handling, n.records_read) for n in records if isinstance(n, MemberNote)}
    assert notes.pop(PHOTO) == ("ignored", 0)
    assert sorted(notes.values()) == [("parsed", 1)] * 3
    assert all(member.endswith(".txt") for member in notes)


def test_semsync_cache_through_the_command_line(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", SEMSYNC, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    assert "unknown file" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select records_read, records_loaded, records_quarantined "
                           "from ingested_exports").fetchall() == [(3, 3, 0)]
    assert [n for n in ("Krämer", "Okafor", "Lindqvist", "example.org") if n in result.out + result.err] == []


def test_a_text_file_that_is_no_vcard_is_not_read_as_one(tmp_path):
    folder = shutil.copytree(SEMSYNC, tmp_path / "Cache")
    (folder / "notizen.txt").write_text("Kontakte von der Messe: Henrike, Tobias\n", encoding="utf-8")
    export = Export(folder)
    assert not xing.detect(export)  # a file that is neither vCard nor photo: not claimed without a XING name
    named = Export(shutil.copytree(folder, tmp_path / "xing-cache"))
    records = list(xing.parse(named))
    assert len(accounts(records)) == 3
    assert [(n.member, n.handling) for n in records if isinstance(n, MemberNote) and n.handling == "unknown"] == [
        ("notizen.txt", "unknown")]


def test_txt_vcards_without_xing_marks_are_no_xing_export(tmp_path):
    folder = tmp_path / "Cache"
    folder.mkdir()
    (folder / "kontakt.txt").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chlo\xc3\xa9 Dubois\r\nEND:VCARD\r\n")
    assert not xing.detect(Export(folder))


def test_text_files_beside_other_files_are_not_opened_to_look_for_vcards(tmp_path, monkeypatch):
    """Every export passes through XING's detection: a Facebook download's dozens of ``no-data.txt`` beside its
    JSON files are not opened for it, nor is a cached XING vCard claimed there."""
    folder = shutil.copytree(SEMSYNC, tmp_path / "download")
    for n in range(30):
        (folder / f"no-data-{n}.txt").write_text("You have no data in this section.", encoding="utf-8")
    (folder / "your_friends.json").write_text('{"friends_v2": []}', encoding="utf-8")
    export = Export(folder)
    opened = []
    monkeypatch.setattr(Export, "head", lambda self, member, size=1024: opened.append(member) or b"")
    assert not xing.detect(export)
    assert not [m for m in opened if m.endswith(".txt")]
