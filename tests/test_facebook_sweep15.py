"""Facebook shapes found in the sweep of issue 13 that were read with loss: Spanish notifications of shares and
new followers counted as naming nobody (DskyDsky/Aldemar-Snow-, 2024); posts on others' profiles that name no
Target, quarantined with "download it again" (VoidPharah41/fb_old, Chinese, 2025), and tagged photos of a link
alone; Spanish posts made through an app taken for titles not understood (Lucasfdz/Destripado-Facebook,
2009-2023). Every person in the fixtures is invented."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from conftest import fixture
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, notes, owner_lines, parse, quarantined, read_whole
from ingest.models import Account, Interaction
from ingest.sources.facebook.notifications import people_in
from ingest.sources.facebook.titles import table_target

NOTIFICATIONS = "logged_information/notifications/notifications.html"
ON_OTHERS = "your_facebook_activity/posts/posts_on_other_pages_and_profiles.json"
TAGGED = "your_facebook_activity/activity_you're_tagged_in/photos_and_videos_you're_tagged_in.json"
POSTS = "posts/your_posts_1.json"
NEW = ["f6-2024-html-es-shares", "f6-2025-posts-others-zh", "f4-2023-posts-es-apps"]


@pytest.mark.parametrize("vintage", NEW)
def test_every_new_fixture_is_read_whole_and_nothing_is_lost(as_, vintage):
    read_whole(as_(vintage))


def test_spanish_shares_of_the_owners_post_and_new_followers_are_interactions_in(as_):
    records = parse(as_("f6-2024-html-es-shares"))
    assert interactions(records, NOTIFICATIONS) == [
        (1, "Valeria Núñez", "share", "in"),
        (2, "Diego Salas", "share", "in"), (2, "Marisol Peña", "share", "in"),  # "… y … han compartido tu …"
        (3, "Diego Salas", "share", "in"), (3, "Irene Castillo", "share", "in"),  # "…, y 4 personas más"
        (4, "Tomás Vidal", "follow", "in"), (4, "Paula Ortega", "follow", "in")]  # "… han empezado a seguirte."
    # a share of another's post and a report to the group's admins turn to nobody: the owner's own records
    assert owner_lines(records, NOTIFICATIONS) == [5, 6]
    assert quarantined(records) == {(NOTIFICATIONS, 7): "text: missing"}
    counterparts = {r.account_ref for r in records if isinstance(r, Interaction)}
    assert not counterparts & {"Rocío Marín", "Andrés Gil"}


@pytest.mark.parametrize("text, people, kind", [
    ("Valeria Núñez ha compartido tu publicación.", ["Valeria Núñez"], "share"),
    ("Diego Salas, Irene Castillo, y 11 personas más han compartido tu publicación en Senderismo Sierra Norte.",
     ["Diego Salas", "Irene Castillo"], "share"),
    ("Tomás Vidal, Paula Ortega y 25 personas más han empezado a seguirte.", ["Tomás Vidal", "Paula Ortega"], "follow"),
    ("Diego Salas ha compartido la publicación de Rocío Marín.", [], None),
    ("Marisol Peña y Andrés Gil han denunciado contenido en Senderismo Sierra Norte.", [], None),
    ("Diego Salas ha publicado en Senderismo Sierra Norte: «Salida el sábado».", [], None),
])
def test_spanish_notification_sentences(text, people, kind):
    assert people_in(text) == (people, kind)


def test_the_summary_counts_the_spanish_followers_and_sharers(unsocial, tmp_path):
    db = tmp_path / "x.duckdb"
    result = unsocial("ingest", fixture("facebook", "f6-2024-html-es-shares"), "--db", db)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select kind, count(*) from raw_interactions group by kind order by kind").fetchall()
        refused = con.execute("select reason from raw_quarantine").fetchall()
    assert rows == [("follow", 2), ("share", 5)]
    assert refused == [("text: missing",)]


def test_posts_on_others_profiles_without_a_target_are_the_owners_own_not_refused(as_):
    records = parse(as_("f6-2025-posts-others-zh"))
    assert interactions(records, ON_OTHERS) == []
    assert owner_lines(records, ON_OTHERS) == [1, 2]
    owner = {r.account_ref for r in records if isinstance(r, Account) and r.member == ON_OTHERS}
    assert owner == {"陳怡君"}  # the profile's name, its mojibake repaired
    # a record without any label_values is broken, not a post naming nobody
    assert quarantined(records) == {(ON_OTHERS, 3): "label_values: missing"}
    handling, note = notes(records)[ON_OTHERS]
    assert handling == "parsed"
    assert "posts on others' profiles that name nobody, the export leaves out whose (read as your own posts): 2" in note


def test_a_tagged_photo_of_a_link_alone_is_the_owners_own_not_refused(as_):
    records = parse(as_("f6-2025-activity"))
    assert interactions(records, TAGGED) == [(1, "Omar Haddad", "mention", "in")]
    assert owner_lines(records, TAGGED) == [2]
    assert (TAGGED, 2) not in quarantined(records)
    assert "photos and videos you are tagged in that name nobody, a link only (read as your own): 1" \
        in notes(records)[TAGGED][1]


def test_spanish_posts_through_an_app_are_the_owners_own_posts_and_understood(as_):
    records = parse(as_("f4-2023-posts-es-apps"))
    assert interactions(records, POSTS) == [(5, "Pablo Ruiz", "comment", "out")]
    assert owner_lines(records, POSTS) == [1, 2, 3, 4]
    assert quarantined(records) == {(POSTS, 6): "timestamp: missing"}
    assert notes(records)[POSTS] == ("parsed", "your posts")  # no title left "in a form not recognised"
    at = [r.occurred_at for r in records if isinstance(r, Interaction) and r.member == POSTS]
    assert at == [datetime(2014, 9, 6, 10, 40)]


@pytest.mark.parametrize("title", [
    "Lucía Ferrer ha publicado algo a través de Twitter.",
    "Lucía Ferrer ha publicado algo a través de Facebook para Android.",
    "Lucía Ferrer ha hecho una publicación a través de Candy Crush Saga.",
    "Lucía Ferrer ha actualizado su estado.",
])
def test_spanish_titles_of_posts_through_an_app_name_nobody(title):
    assert table_target(title, "Lucía Ferrer") is None
