"""Reaction titles whose person was lost (titles.py): German with the genitive written as German writes it,
without an apostrophe ("Katrin Maurer gefällt Till Brandts Link.", 2010), and English reactions to stories
whose verb is the reaction ("haha'd", "wowed", "was sad about", "was angry about" X's story, 2021), in HTML
and in JSON. A person named nowhere else in the export was dropped or refused as "language not recognised".
"""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, owner_lines, parse, quarantined
from ingest.sources.facebook.titles import NOT_READ, title_target

DE = "f3-de-reactions-genitive"
DE_REACTIONS = "likes_and_reactions/posts_and_comments.json"
STORIES_HTML = "f4-2021-html-en-story-verbs"
STORIES_JSON = "f4-2021-json-en-story-verbs"


def outcome(records, member: str, line: int) -> str:
    """What became of one record: the other person it went to, "owner" for the owner's own, or the reason
    it was refused."""
    found = [person for at, person, *_ in interactions(records, member) if at == line]
    if found:
        return found[0]
    return "owner" if line in owner_lines(records, member) else quarantined(records).get((member, line), "lost")


# --- German: "<owner> gefällt Till Brandts Link." -----------------------------------------------------------

def test_german_reactions_in_the_genitive_go_to_each_person_named(as_):
    records = parse(as_(DE))
    assert interactions(records, DE_REACTIONS) == [
        (1, "Till Brandt", "reaction", "out"),    # named nowhere else: it was the owner's own record
        (2, "Jonas Weber", "reaction", "out"),    # a friend
        (3, "Sören Kühl", "reaction", "out")]     # named nowhere else, and written in mojibake
    assert owner_lines(records, DE_REACTIONS) == []
    assert quarantined(records) == {}
    assert_nothing_lost(records)


@pytest.mark.parametrize("title, target", [
    ("Katrin Maurer gefällt Till Brandts Link.", "Till Brandt"),
    ("Katrin Maurer gefällt Till Brandts Beitrag.", "Till Brandt"),
    ("Katrin Maurer gefällt Sören Kühls Foto.", "Sören Kühl"),
    ("Katrin Maurer gefällt Till Brandts Statusmeldung.", "Till Brandt"),
    ("Katrin Maurer hat Till Brandts Kommentar kommentiert.", "Till Brandt"),
    ("Katrin Maurer hat auf Tills Video reagiert.", "Till"),
    ("Katrin Maurer gefällt Hans' Link.", "Hans"),                 # a name ending in s: the apostrophe alone
    ("Katrin Maurer gefällt Max’ Album.", "Max"),
    ("Katrin Maurer gefällt Jens Strauß' Profilbild.", "Jens Strauß"),
])
def test_a_german_genitive_names_the_person_known_nowhere_else(title, target):
    assert title_target(title, "Katrin Maurer") == target


def test_a_german_genitive_without_apostrophe_is_a_capitalised_name_not_an_article():
    # "das Foto" is no genitive of "da": the person is the one after "von", as before
    read = {title: title_target(title, "Katrin Maurer") for title in (
        "Katrin Maurer gefällt das Foto von Till Brandt.", "Katrin Maurer gefällt ein Link.",
        "Katrin Maurer gefällt Gretas Link.")}
    assert read == {"Katrin Maurer gefällt das Foto von Till Brandt.": "Till Brandt",
                    "Katrin Maurer gefällt ein Link.": None,
                    "Katrin Maurer gefällt Gretas Link.": "Greta"}


# --- English stories: "<owner> haha'd X's story." -----------------------------------------------------------

@pytest.mark.parametrize("vintage, member, people", [
    (STORIES_HTML, "stories/story_reactions.html",
     ["Karim Hossain", "Karim Hossain", "Tania Akter", "Rafiq Islam", "Sumaiya Khan", "Imran Chowdhury"]),
    (STORIES_JSON, "stories/story_reactions.json",
     ["Baran Öztürk", "Baran Öztürk", "Deniz Kaya", "Leyla Arslan", "Mert Yıldız", "Deniz Kaya"]),
])
def test_english_story_reactions_of_every_verb_go_to_each_person_named(as_, vintage, member, people):
    records = parse(as_(vintage))
    # loved (a friend), haha'd (a friend), haha'd, was sad about, wowed, was angry about: people named nowhere else
    assert interactions(records, member) == [(line, person, "reaction", "out") for line, person in enumerate(people, 1)]
    assert NOT_READ not in quarantined(records).values()
    # "haha'd a story." names nobody, as "loved a story." does: the same outcome, whatever it is
    assert outcome(records, member, 7) == outcome(records, member, 8) in (
        "owner", "title: names no other person and the owner is unknown")
    assert_nothing_lost(records)


@pytest.mark.parametrize("title, target", [
    ("Nadia Rahman haha'd Tania Akter's story.", "Tania Akter"),
    ("Nadia Rahman haha’d Tania Akter’s story.", "Tania Akter"),
    ("Nadia Rahman wowed Sumaiya Khan's story.", "Sumaiya Khan"),
    ("Nadia Rahman was sad about Rafiq Islam's story.", "Rafiq Islam"),
    ("Nadia Rahman was angry about Imran Chowdhury's story.", "Imran Chowdhury"),
    ("Nadia Rahman haha'd a story.", None),
    ("Nadia Rahman was sad about a story.", None),
])
@pytest.mark.parametrize("actor", ["Nadia Rahman", None])  # None: the owner is not known, the verb splits the title
def test_english_reaction_verbs_name_the_person_reacted_to(title, target, actor):
    assert title_target(title, actor) == target


# --- through the command line -------------------------------------------------------------------------------

@pytest.mark.parametrize("vintage, member, people", [
    (DE, DE_REACTIONS, ["Till Brandt", "Jonas Weber", "Sören Kühl"]),
    (STORIES_HTML, "stories/story_reactions.html",
     ["Karim Hossain", "Tania Akter", "Rafiq Islam", "Sumaiya Khan", "Imran Chowdhury"]),
    (STORIES_JSON, "stories/story_reactions.json", ["Baran Öztürk", "Deniz Kaya", "Leyla Arslan", "Mert Yıldız"]),
])
def test_the_ingest_loads_a_reaction_out_to_each_person_named(unsocial, tmp_path, vintage, member, people):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("facebook", vintage), "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        reacted = con.execute("select distinct account_ref, direction from raw_interactions "
                              "where member = $1 and kind = 'reaction'", [member]).fetchall()
        refused = con.execute("select count(*) from raw_quarantine where reason = $1", [NOT_READ]).fetchone()[0]
    assert sorted(reacted) == sorted((person, "out") for person in people)
    assert refused == 0
