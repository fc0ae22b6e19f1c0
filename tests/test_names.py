"""Name keys: the ways one person's name is written on two platforms meet on a key; two people's do not."""

from __future__ import annotations

import pytest

from ingest.names import full_name_keys

SAME_PERSON = [
    # nicknames, per language (data/nicknames.csv) and English from the `nicknames` package
    ("Bartek Nowak", "Bartłomiej Nowak"),
    ("Tomek Wójcik", "Tomasz Wojcik"),
    ("Staszek Lis", "Stanisław Lis"),
    ("Małgosia Kowalczyk", "Małgorzata Kowalczyk"),
    ("Zé Carvalho", "José Carvalho"),
    ("Chico Moreira", "Francisco Moreira"),
    ("São Pereira", "Conceição Pereira"),
    ("Memo Yılmaz", "Mehmet Yilmaz"),
    ("Kees de Vries", "Cornelis de Vries"),
    ("Kalle Schulz", "Karl-Heinz Schulz"),
    ("Konsti Brandt", "Konstantin Brandt"),
    ("Tine Weber", "Christine Weber"),
    ("Larry Fisher", "Lawrence Fisher"),
    ("Doug Cook", "Douglas Cook"),
    ("Ken Howard", "Kenneth Howard"),
    ("Lotte Jansen", "Charlotte Jansen"),
    ("Nick Palmer", "Nicholas Palmer"),
    ("Becky Sharp", "Rebecca Sharp"),  # a package-only pair: not in the shipped table
    ("Thanos Papadakis", "Thanasis Papadakis"),  # both short for Athanasios
    ("Piet Jansen", "Pieter Jansen"),
    ("Pili Romero", "Pilar Romero"),
    ("Clem Girard", "Clémence Girard"),
    # family name first against given name first
    ("Trần Xuân Hùng", "Hùng Trần"),
    ("Nguyễn Thị Thu", "Thu Nguyen"),
    ("Nagy Zsófia", "Zsófia Nagy"),
    # diacritics dropped on one side, a middle name on one side only
    ("Hiền Tô", "Hien To"),
    ("Carlos João Magalhães", "Carlos Magalhães"),
    # decorations
    ("Amelia Thompson 🚀", "Amelia Thompson"),
    ("Birgit Klein (she/her)", "Birgit Klein"),
    ("Douglas Cook, CFA", "Douglas Cook"),
    ("Dr. Till Schmid", "Till Schmid"),
    ("Laura Beck | Fahrwerk", "Laura Beck"),
    ("Laura Beck @ Fahrwerk", "Laura Beck"),  # Twitter display names with the employer or the job
    ("Laura Beck @fahrwerk", "Laura Beck"),
    ("Jan Roth – Data Engineer", "Jan Roth"),
    ("Jan Roth - Data Engineer", "Jan Roth"),
]

TWO_PEOPLE = [
    ("Simon Meyer", "Meyer Simon"),  # only family names of family-name-first cultures turn around
    ("Paul Thomas", "Thomas Paul"),
    ("Anna Nowak", "Hanna Nowak"),
    ("Karl Schulz", "Heinz Schulz"),
    ("Trần Xuân Hùng", "Hùng Lê"),
    ("Greta Berg", "Greta van der Berg"),
    ("Aaron Cole", "Ronald Cole"),
]


@pytest.mark.parametrize("a, b", SAME_PERSON)
def test_ways_of_writing_one_name_meet(a, b):
    assert full_name_keys(a) & full_name_keys(b)


@pytest.mark.parametrize("a, b", TWO_PEOPLE)
def test_two_names_stay_apart(a, b):
    assert not full_name_keys(a) & full_name_keys(b)


@pytest.mark.parametrize("display, asides", [
    ("Laura Beck | Fahrwerk", ["Fahrwerk"]), ("Laura Beck @fahrwerk", ["fahrwerk"]),
    ("Jonas Weber (Alpenwerk) 🚲", ["Alpenwerk"]), ("Jan Roth – Data", ["Data"]),
    ("Anna Berg (she/her)", []), ("Anna-Lena Berg", []), (None, []),
])
def test_what_a_display_name_says_besides_the_name(display, asides):
    """The aside a work account puts after the name (maybe its employer); pronouns are none."""
    from ingest.normalise import name_asides

    assert name_asides(display) == asides
