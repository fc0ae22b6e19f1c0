"""Sweep 17 (issue 13): Facebook export shapes read without loss.

The Italian dative reaction, "A <owner> piace il post di X." (the team's reference, the steering notes' formats.md
§1.1: "A Davide piace il post di Dario"), was refused "language not recognised" whenever X was named nowhere else in
the export. Its fixture is a 2023 export of reactions in that form, one to a friend the export names and one
record without its time.

The profile page published alone, profile_information.html with no folder around it (Mgr725/Mgr725 2021,
Dh-Rm2021/Dh-Rm2021 2022, questghostz-ux/my-profile 2026), was "not a recognised export": a page of Facebook's is
known by its folder, and a web site's own page of that name is none. Alone it is known by its content as a lone
thread or friend list page is: the role="main" part holding a uiBoxWhite block.
"""

from __future__ import annotations

import pytest

from conftest import export_counts, fixture, ingest_as_marta, query
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, owner_lines, parse, quarantined
from ingest.models import Account
from ingest.sources.archive import Export
from ingest.sources.facebook.scan import detect
from ingest.sources.facebook.titles import title_target

IT_DATIVE = "f5-2023-reactions-it-dative"
REACTIONS = "your_activity_across_facebook/comments_and_reactions/likes_and_reactions_1.json"
LONE_PROFILE = "single-profile-html-2022"
PROFILE = "profile_information.html"


def test_italian_dative_reactions_name_the_person_reacted_to(as_):
    records = parse(as_(IT_DATIVE))
    assert interactions(records, REACTIONS) == [
        (1, "Marco Esposito", "reaction", "out"), (2, "Niccolò Berti", "reaction", "out"),
        (3, "Chiara De Luca", "reaction", "out"), (4, "Marco Esposito", "reaction", "out")]
    assert quarantined(records) == {(REACTIONS, 5): "timestamp: missing"}


@pytest.mark.parametrize("title, actor, target", [
    ("A Giulia Ferrà piace il post di Marco Esposito.", "Giulia Ferrà", "Marco Esposito"),
    ("A Giulia Ferrà piace il post di Marco Esposito.", None, "Marco Esposito"),  # the owner not known
    ("A Davide piace il post di Dario.", "Davide", "Dario"),
])
def test_the_italian_dative_is_read_by_its_sentence(title, actor, target):
    assert title_target(title, actor) == target


def test_italian_dative_reactions_reach_the_database(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("facebook", IT_DATIVE))
    assert export_counts(db) == [("facebook", 7, 6, 1)]
    assert query(db, "select reason, count(*) from raw_quarantine group by 1") == [("timestamp: missing", 1)]


@pytest.mark.parametrize("given", ["folder", "file"])
def test_a_lone_profile_page_is_facebooks(given):
    folder = fixture("facebook", LONE_PROFILE)
    export = Export(folder if given == "folder" else folder / PROFILE)
    assert detect(export)
    records = parse(export)
    assert owner_lines(records, PROFILE) == [1]
    people = sorted(r.account_ref for r in records if isinstance(r, Account) and not r.is_owner)
    assert people == ["Chidi Okafor", "Ruth Okafor-Lind"]
    assert quarantined(records) == {}


def test_a_lone_profile_page_given_alone_is_ingested(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("facebook", LONE_PROFILE, PROFILE))
    assert export_counts(db) == [("facebook", 1, 1, 0)]
    assert query(db, "select display_name, is_owner from raw_accounts order by 1") == [
        ("Chidi Okafor", False), ("Ruth Okafor-Lind", False), ("Selma Okafor", True)]


def test_a_web_sites_own_profile_information_page_stays_unknown(tmp_path):
    page = tmp_path / PROFILE
    page.write_text('<html><body><main role="main"><div class="card">Profile information</div></main></body></html>')
    assert not detect(Export(page))
