"""Shapes found by running real published Facebook exports through the reader (formats.md, Facebook).

``notifications/notifications.html`` of 2021 was left out as "HTML variant of this file is not read", though it
names the people who mentioned, invited, reacted to and commented on the owner: one ``uiBoxWhite`` block per
notification, a table of label and value rows (English Time, Status, Text, href: Mdfee/faria.github.io; Spanish
Fecha y hora, Estado, Texto, href: MarioAlbertoSierra/Facebook). The Spanish sentences were not read in any form,
and the English "X, Y and 21 other people recently reacted to your photo" made "21 other people recently" a person.
"""

from __future__ import annotations

from conftest import assert_nothing_lost, fixture, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook.notifications import people_in

SPANISH = fixture("facebook", "f4-2021-html-es-notifications")
ENGLISH = fixture("facebook", "f4-2021-html-en-notifications")
PAGE = "notifications/notifications.html"


def interactions(records) -> list[tuple]:
    return sorted((r.line, r.account_ref, r.kind, r.direction) for r in records
                  if isinstance(r, Interaction) and r.member == PAGE)


def note_of(records) -> str:
    return next(n.note for n in records if isinstance(n, MemberNote) and n.member == PAGE)


def test_spanish_html_notifications_name_the_people_acting_towards_the_owner():
    export = Export(SPANISH)
    assert detect_source(export) is facebook
    records = parse(export)
    assert interactions(records) == [
        (1, "Rocío Paredes", "mention", "in"), (2, "Tadeo Quiroga", "invitation", "in"),
        (3, "Iker Solano", "reaction", "in"), (3, "Maite Ferrer", "reaction", "in"),
        (3, "Rocío Paredes", "reaction", "in"), (4, "Nerea Ibáñez", "reaction", "in"),  # "y 2 personas más"
        (5, "Iker Solano", "reaction", "in"), (5, "Maite Ferrer", "reaction", "in"),
        (6, "Tadeo Quiroga", "comment", "in")]
    when = next(r.occurred_at for r in records if isinstance(r, Interaction) and r.line == 1)
    assert when.isoformat() == "2021-06-16T00:45:00"  # "16 jun. 2021 00:45", local as written
    # a group post, a birthday, an approval: the owner's records
    assert note_of(records).endswith("naming nobody in an English or Spanish sentence known here (pages' posts, "
                                     "Facebook's own; other languages): 3")
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(10, "text: missing")]
    assert_nothing_lost(records)


def test_english_html_notifications_keep_counts_out_of_the_names():
    records = parse(Export(ENGLISH))
    assert interactions(records) == [
        (1, "Oskar Lind", "mention", "in"),
        (2, "Ada Roos", "mention", "in"), (2, "Nils Borg", "mention", "in"), (2, "Pia Eklund", "mention", "in"),
        (3, "Oskar Lind", "reaction", "in"), (3, "Pia Eklund", "reaction", "in"),
        (4, "Ada Roos", "reaction", "in"), (4, "Nils Borg", "reaction", "in"),  # "… recently reacted to"
        (5, "Ada Roos", "comment", "in"), (5, "Oskar Lind", "comment", "in")]
    names = {r.account_ref for r in records if isinstance(r, Account)}
    assert not [n for n in names if "other" in n or "recently" in n]
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


def test_the_html_page_is_left_out_when_its_json_twin_is_read(tmp_path):
    folder = tmp_path / "export"
    (folder / "notifications").mkdir(parents=True)
    (folder / PAGE).write_bytes((ENGLISH / PAGE).read_bytes())
    (folder / "notifications" / "notifications.json").write_text(
        '{"notifications_v2": [{"timestamp": 1622326920, "unread": false, "href": "https://www.facebook.com/x",'
        ' "text": "Oskar Lind mentioned you in a comment."}]}', encoding="utf-8")
    records = parse(Export(folder))
    members = {r.member for r in records if isinstance(r, Interaction)}
    assert members == {"notifications/notifications.json"}
    assert_nothing_lost(records)


def test_sentences_in_both_languages():
    assert people_in("A Iker Solano le gusta tu foto.") == (["Iker Solano"], "reaction")
    assert people_in("Rocío Paredes y Tadeo Quiroga te mencionaron en un comentario en Senderismo.") == (
        ["Rocío Paredes", "Tadeo Quiroga"], "mention")
    assert people_in("Ada Roos and 3 others recently reacted to your post.") == (["Ada Roos"], "reaction")
    assert people_in("Iker Solano publicó en Senderismo Valle Alto.") == ([], None)
