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
from ingest.sources.facebook.notifications import NOBODY, people_in

SPANISH = fixture("facebook", "f4-2021-html-es-notifications")
ENGLISH = fixture("facebook", "f4-2021-html-en-notifications")
FRENCH = fixture("facebook", "f5-2023-html-fr-notifications")
CHINESE = fixture("facebook", "f6-2025-html-zh-notifications")
PAGE = "notifications/notifications.html"


def interactions(records, page: str = PAGE) -> list[tuple]:
    return sorted((r.line, r.account_ref, r.kind, r.direction) for r in records
                  if isinstance(r, Interaction) and r.member == page)


def note_of(records, page: str = PAGE) -> str:
    return next(n.note for n in records if isinstance(n, MemberNote) and n.member == page)


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
    assert note_of(records).endswith(f"{NOBODY}: 3")
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


def test_french_page_of_2023_keeps_label_and_value_in_one_cell():
    # hunchoap/fbdata notifications/notifications.html: <td colspan="2">Texte<div>…</div></td>, read as no text at all
    export = Export(FRENCH)
    assert detect_source(export) is facebook
    records = parse(export)
    assert interactions(records) == [
        (3, "Camille Arnaud", "mention", "in"),  # "a mentionné votre nom, ainsi que celui d’autres personnes"
        (4, "Hugo Marchand", "mention", "in")]  # "vous a identifié(e) ainsi que d’autres personnes"
    when = next(r.occurred_at for r in records if isinstance(r, Interaction) and r.line == 3)
    assert when.isoformat() == "2023-11-10T19:12:45"
    # a page's popular post, a page live, the group's approval: the owner's records; the pages never people
    assert note_of(records).endswith(f"{NOBODY}: 3")
    names = {r.account_ref for r in records if isinstance(r, Account)}
    assert not names & {"Fromagerie des Alpes", "Radio Lac", "Randonnée Vercors | Sorties"}
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


def test_chinese_page_of_2025_names_the_people_before_the_verb():
    # VoidPharah41/fb_old logged_information/notifications/notifications.html: the time row of two cells, the others
    # of one; no space after a Chinese name, one after a Latin name
    page = "logged_information/notifications/notifications.html"
    records = parse(Export(CHINESE))
    assert interactions(records, page) == [
        (1, "周子涵", "mention", "in"), (3, "陳怡君", "reaction", "in")]
    # a creator calling all their followers, a channel's new video, a birthday: the owner's records; nobody from
    # the group or the birthday line
    assert note_of(records, page).endswith(f"{NOBODY}: 3")
    names = {r.account_ref for r in records if isinstance(r, Account)}
    assert not [n for n in names if "登山社" in n or "生日" in n or "王大明" in n or "山野頻道" in n]
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


def test_sentences_of_the_2023_page():
    # English (ishfaqlp4/mahbubkhan) and Spanish (DskyDsky/Aldemar-Snow-) of the same layout
    assert people_in("Ada Roos mentioned you and others in a comment in Trail Runners North.") == (
        ["Ada Roos"], "mention")
    assert people_in("Ada Roos and Nils Borg mentioned you and others in their comments.") == (
        ["Ada Roos", "Nils Borg"], "mention")
    assert people_in("Nils Borg tagged you and others in a photo in Trail Runners North.") == (["Nils Borg"], "mention")
    assert people_in("Iker Solano ha comentado tu foto.") == (["Iker Solano"], "comment")
    assert people_in("Iker Solano, Maite Ferrer, y 4 personas más han comentado tu publicación en Senderismo.") == (
        ["Iker Solano", "Maite Ferrer"], "comment")
    # a share of the owner's post (2024, tests/test_facebook_sweep15.py); a post in a group names nobody
    assert people_in("Iker Solano ha compartido tu publicación.") == (["Iker Solano"], "share")
    assert people_in("Vous avez peut-être raté une publication populaire de Radio Lac : « Matinale ».") == ([], None)
    assert people_in("王大明和其他 2 位朋友今天生日。") == ([], None)


# --- JSON sweep: an export flattened into one folder, its reactions in numbered parts ------------------------------
# Lucasfdz/Destripado-Facebook (Spanish, 2010-2021): likes_and_reactions_1.json … _3.json beside your_posts_1.json,
# out of Facebook's folders. The reactions were left out as "the owner's own activity", and with them the only
# file naming the owner (the reactions' actor): every post was refused, "the owner is unknown".
FLAT_ES = fixture("facebook", "f5-flattened-reactions-es")


def test_flattened_reaction_parts_are_read_and_name_the_owner():
    export = Export(FLAT_ES)
    assert detect_source(export) is facebook
    records = parse(export)
    assert interactions(records, "likes_and_reactions_1.json") == [
        (1, "Iker Solano", "reaction", "out"), (3, "Nerea Ibáñez", "reaction", "out"),  # mojibake repaired
        (4, "Tadeo Quiroga", "reaction", "out")]  # line 2: "… su publicación.", the owner's own
    assert interactions(records, "likes_and_reactions_2.json") == [(1, "Rocío Paredes", "reaction", "out")]
    assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        ("likes_and_reactions_2.json", 3, "timestamp: missing")]
    # the owner, known from the reactions, makes the posts hers: none refused, the timeline's owner a person
    assert interactions(records, "your_posts_1.json") == [(1, "Iker Solano", "comment", "out")]
    owners = {r.account_ref for r in records if isinstance(r, Account) and r.is_owner}
    assert owners == {"Marta Ortega"}
    assert note_of(records, "likes_and_reactions_1.json") == "reactions given"
    assert_nothing_lost(records)


def test_only_numbered_reaction_parts_are_read_flat(tmp_path):
    # an unnumbered likes_and_reactions.json holds label_values records (2025), not titled ones: not read flat
    folder = tmp_path / "export"
    folder.mkdir()
    for name in ("likes_and_reactions_1.json", "your_posts_1.json"):
        (folder / name).write_bytes((FLAT_ES / name).read_bytes())
    (folder / "likes_and_reactions.json").write_bytes((FLAT_ES / "likes_and_reactions_1.json").read_bytes())
    records = parse(Export(folder))
    members = {r.member for r in records if isinstance(r, Interaction)}
    assert members == {"likes_and_reactions_1.json", "your_posts_1.json"}
    assert_nothing_lost(records)
