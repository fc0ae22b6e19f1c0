"""XING shapes found in public material that the readers lost part of, each read without loss, as folder and as zip.

- XING's vCards of ``PRODID:-//XING//www.xing.com//version 2.0//DE`` (2016): jhermsmeier/node-vcf
  ``test/data/xing.vcf``. 2.1, ISO-8859-1, CRLF; the profile URL only in XING's stamp in the NOTE
  (``17.02.2016, 19:18 - XING - http://www.xing.com/profile/<Name>``), ``URL;TYPE=work`` the company's web site,
  ``UID:XING-UID-<id>``, no e-mail or phone where the contact shares none. The fixture's people are invented."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, xing
from ingest.sources.archive import Export

V2016 = fixture("xing", "vcards-2016-version-2.0")
PRODID = "PRODID:-//XING//www.xing.com//version 2.0//DE"


@pytest.fixture(params=["folder", "zip"])
def v2016(request, tmp_path) -> Export:
    # a download folder that names no XING: the vCards' PRODID says whose they are
    if request.param == "folder":
        return Export(shutil.copytree(V2016, tmp_path / "Downloads"))
    return Export(zip_folder(V2016, tmp_path / "Kontakte.zip"))


def accounts(records) -> list[Account]:
    return [r for r in records if isinstance(r, Account)]


def card(*lines: str) -> bytes:
    return "".join(f"{line}\r\n" for line in ("BEGIN:VCARD", "VERSION:2.1", *lines, "END:VCARD")).encode("latin-1")


def test_2016_vcards_are_xing_by_their_prodid(v2016):
    assert xing.detect(v2016)
    assert detect_source(v2016).NAME == "xing"


def test_2016_vcards_profile_url_from_the_note_and_company_not_its_web_site(v2016):
    records = list(xing.parse(v2016))
    assert sorted((a.account_ref, a.display_name, a.profile_url, a.company, a.position) for a in accounts(records)) == [
        ("XING-UID-16180339", "Ida Brandt", "http://www.xing.com/profile/Ida_Brandt7", None, "Freie Übersetzerin"),
        ("XING-UID-27182818", "Ole Sørensen", "http://www.xing.com/profile/Ole_Soerensen", "Förde Segelmacherei",
         "Inhaber"),
        ("XING-UID-31415926", "Marlene Käfer", "http://www.xing.com/profile/Marlene_Kaefer3", "Weserkai Möbel GmbH",
         "Einkaufsleiterin")]
    assert {(a.first_name, a.last_name) for a in accounts(records)} >= {("Marlene", "Käfer"), ("Ole", "Sørensen")}
    assert {a.email for a in accounts(records)} == {None}


def test_2016_vcards_counts_reconcile(v2016):
    records = list(xing.parse(v2016))
    assert_nothing_lost(records)
    assert not [r for r in records if isinstance(r, (Quarantined, Interaction))]
    assert sorted((n.member, n.handling, n.records_read) for n in records if isinstance(n, MemberNote)) == [
        ("Ida_Brandt.vcf", "parsed", 1), ("Marlene_Kaefer.vcf", "parsed", 1), ("Ole_Soerensen.vcf", "parsed", 1)]


def test_2016_vcards_concatenated_keep_each_contacts_profile(tmp_path):
    """``cat *.vcf``: each stamp goes with the card it is in, and a card without one gets none."""
    other = card("N:Nachbar;Nina;;", "FN:Nina Nachbar", PRODID, "UID:XING-UID-1")
    data = b"".join((V2016 / name).read_bytes() for name in ("Marlene_Kaefer.vcf", "Ole_Soerensen.vcf"))
    (tmp_path / "Kontakte.vcf").write_bytes(data + other)
    records = list(xing.parse(Export(tmp_path / "Kontakte.vcf")))
    assert [(a.display_name, a.profile_url) for a in accounts(records)] == [
        ("Marlene Käfer", "http://www.xing.com/profile/Marlene_Kaefer3"),
        ("Ole Sørensen", "http://www.xing.com/profile/Ole_Soerensen"),
        ("Nina Nachbar", None)]


def test_a_stamp_without_a_profile_or_another_note_gives_no_profile_url(tmp_path):
    folder = tmp_path / "xing"
    folder.mkdir()
    # 2009's stamp names XING's home page only; an owner's own note is no stamp
    (folder / "Nina_Nachbar.vcf").write_bytes(card(
        "FN:Nina Nachbar", "NOTE;CHARSET=ISO-8859-1:28.05.2009, 16:09 - XING - http://www.xing.com", PRODID))
    (folder / "Paul_Paulsen.vcf").write_bytes(card(
        "FN:Paul Paulsen", "NOTE:kennt https://www.xing.com/profile/Jemand_Anderes", PRODID))
    records = list(xing.parse(Export(folder)))
    assert sorted((a.display_name, a.profile_url) for a in accounts(records)) == [
        ("Nina Nachbar", None), ("Paul Paulsen", None)]


def test_a_quoted_printable_folded_stamp_is_read(tmp_path):
    folder = tmp_path / "xing"
    folder.mkdir()
    (folder / "Nina_Nachbar.vcf").write_bytes(card(
        "FN:Nina Nachbar", "NOTE;ENCODING=QUOTED-PRINTABLE:03.04.2016, 09:41 - XING - http://www.xing.com/prof=",
        "ile/Nina_Nachbar", PRODID))
    assert [a.profile_url for a in accounts(xing.parse(Export(folder)))] == ["http://www.xing.com/profile/Nina_Nachbar"]


def test_a_url_on_xing_wins_over_the_stamp(tmp_path):
    folder = tmp_path / "xing"
    folder.mkdir()
    (folder / "Nina_Nachbar.vcf").write_bytes(card(
        "FN:Nina Nachbar", "URL:https://www.xing.com/profile/Nina_Nachbar2",
        "NOTE:03.04.2016, 09:41 - XING - http://www.xing.com/profile/Nina_Nachbar", PRODID))
    assert [a.profile_url for a in accounts(xing.parse(Export(folder)))] == [
        "https://www.xing.com/profile/Nina_Nachbar2"]


def test_2016_vcards_through_the_command_line(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", V2016, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    assert "unknown file" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select records_read, records_loaded, records_quarantined "
                           "from ingested_exports").fetchall() == [(3, 3, 0)]
        assert con.execute("select count(*) from raw_accounts where profile_url like 'http://www.xing.com/profile/%'"
                           ).fetchall() == [(3,)]
