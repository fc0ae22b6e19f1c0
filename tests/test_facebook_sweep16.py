"""Sweep 16, Facebook in Polish: the owner's own posts of a real Polish export (piter-a/FacebookDataAnalysis
``your_posts_1.json``, 2013-2021) name no person in forms the sentence table did not know, "<owner> zmienił swój
status.", "<owner> lubi artykuł w aplikacji KWEJK.pl.", a feeling "<owner> –  festive.", "<owner>  świętował:
sukces.": each was counted among the "titles … in a form not recognised", as if unsocial had not understood it.
"""

from __future__ import annotations

import pytest

from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, notes, owner_lines, parse, quarantined
from ingest.sources.facebook.titles import UnknownLanguage, title_target

PL = "f4-2022-posts-pl-apps"
POSTS = "posts/your_posts_1.json"


def test_polish_posts_of_the_owners_own_are_understood_and_the_timeline_written_on_is_a_comment(as_):
    records = parse(as_(PL))
    assert interactions(records, POSTS) == [(6, "Joanna Ewa Kaczmarek", "comment", "out")]  # "napisał na osi …"
    # a link alone, an app's article liked, status, two feelings after "–  ", "  świętował: sukces."
    assert owner_lines(records, POSTS) == [1, 2, 3, 4, 5, 7]
    assert quarantined(records) == {(POSTS, 8): "timestamp: missing"}
    assert notes(records)[POSTS] == ("parsed", "your posts")  # no title left "in a form not recognised"


def test_the_earlier_polish_fixture_no_longer_counts_its_status_and_feeling_as_not_understood(as_):
    records = parse(as_("f4-2022-posts-pl"))
    assert owner_lines(records, POSTS) == [2, 3]
    assert notes(records)[POSTS] == ("parsed", "your posts")


@pytest.mark.parametrize("title", [
    "Ewa Nowak zmieniła swój status.",                   # feminine, by the grammar
    "Ewa Nowak – szczęśliwa.",
    "Ewa Nowak  świętowała: urodziny.",
    "Ewa Nowak lubi artykuł w aplikacji Przykład.pl.",
])
def test_polish_titles_of_the_owners_own_name_nobody(title):
    assert title_target(title, "Ewa Nowak") is None


def test_a_polish_title_in_a_form_not_seen_still_names_nobody_known_rather_than_nobody():
    # a reaction "lubi post użytkownika X" is in no real export seen: not guessed, read by known names only
    with pytest.raises(UnknownLanguage):
        title_target("Ewa Nowak lubi post użytkownika Jan Kowalski.", "Ewa Nowak")
