"""A group's admin in an English HTML export of 2021 (Kyrozyn/fb_history ``groups/your_posts_and_comments_in_groups.html``):
"uploaded a file in the group: …", "changed the privacy setting of <group> to secret.", "created a poll in <group>."
name nobody, and "welcomed <person> to <group>." the person welcomed. Each was refused as "language not recognised",
the person welcomed lost."""

from __future__ import annotations

import pytest

from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, owner_lines, parse, quarantined
from ingest.sources.facebook.titles import title_target

VINTAGE = "f4-2021-html-en-group-admin"
GROUPS = "groups/your_posts_and_comments_in_groups.html"


def test_the_person_welcomed_is_read_and_the_admins_own_posts_name_nobody(as_):
    records = parse(as_(VINTAGE))
    assert interactions(records, GROUPS)[0][:4] == (1, "Karim Hossain", "comment", "out")
    assert owner_lines(records, GROUPS) == [2, 3, 4]  # a file uploaded, the privacy changed, a poll created
    assert quarantined(records) == {(GROUPS, 5): "time: missing"}


@pytest.mark.parametrize("title, target", [
    ("Nadia Rahman welcomed Karim Hossain to Dhaka Book Club.", "Karim Hossain"),
    ("Nadia Rahman welcomed Rubina Akter and 3 others to Old Town Walkers.", "Rubina Akter"),
    ("Nadia Rahman welcomed Ana Torres and 1 other to Old Town Walkers.", "Ana Torres"),
    ("Nadia Rahman uploaded a file in the group: Reading list 2021.pdf.", None),
    ("Nadia Rahman changed the privacy setting of Dhaka Book Club to secret.", None),
    ("Nadia Rahman created a poll in Old Town Walkers.", None),
])
def test_titles_of_a_groups_admin(title, target):
    assert title_target(title, "Nadia Rahman") == target
    assert title_target(title, None) == target  # the actor not known: split at the verb
