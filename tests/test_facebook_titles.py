"""Titles whose person was lost (titles.py): the Spanish dative of 2023 ("A Lucía Ferrer le ha gustado la foto
de Carmen Soto.") quarantined as a language not recognised; the owner's posts on another's timeline read as the
owner's own: English "added a new photo to X's timeline." / "shared a post to X's timeline.", Spanish "ha escrito
en la biografía de X.", Vietnamese "đã viết lên trang cá nhân của X.", Polish "napisał na osi czasu użytkownika X."
"""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import accounts, interactions, owner_lines, parse, quarantined
from ingest.sources.facebook.titles import title_target

ES = "f5-2023-reactions-es-dative"
ES_REACTIONS = "your_activity_across_facebook/comments_and_reactions/likes_and_reactions_1.json"
ES_POSTS = "your_activity_across_facebook/posts/your_posts_1.json"
VI_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
F3_POSTS = "posts/your_posts_1.json"


def people(records, member: str) -> set[str]:
    """Everyone made an account of in ``member``, the owner aside."""
    return {ref for _, ref in accounts(records, member)}


def test_spanish_reactions_in_the_dative_name_the_person_reacted_to(as_):
    records = parse(as_(ES))
    assert interactions(records, ES_REACTIONS) == [
        (1, "Carmen Soto", "reaction", "out"),         # "A Lucía Ferrer le ha gustado la publicación de …"
        (2, "Diego Ramírez", "reaction", "out"),       # a friend: known by name
        (3, "Pablo Núñez Vidal", "reaction", "out"),   # "… el comentario de …"
        (4, "Carmen Soto", "reaction", "out"),         # "… el enlace de …"
        (5, "Elena Castro", "reaction", "out"),        # "… el vídeo en directo de …"
        (6, "Diego Ramírez", "reaction", "out"),       # "… el acontecimiento importante de …"
        (7, "Carmen Soto", "reaction", "out"),         # "… el álbum de …"
        (11, "Elena Castro", "reaction", "out"),       # "Lucía Ferrer ha reaccionado a …": read already
        (12, "Pablo Núñez Vidal", "reaction", "out")]
    assert owner_lines(records, ES_REACTIONS) == [8, 9, 10]  # "… su publicación.", "… una foto.", "… su enlace."
    assert quarantined(records) == {(ES_REACTIONS, 13): "title: missing"}
    assert_nothing_lost(records)


def test_spanish_posts_on_another_s_biography_are_comments_to_them_and_spotify_is_nobody(as_):
    records = parse(as_(ES))
    assert interactions(records, ES_POSTS) == [
        (1, "Carmen Soto", "comment", "out"),          # "… ha escrito en la biografía de Carmen Soto."
        (2, "Pablo Núñez Vidal", "comment", "out"),    # "… ha compartido un enlace en la biografía de …"
        (5, "Diego Ramírez", "mention", "out")]
    assert owner_lines(records, ES_POSTS) == [3, 4, 6]  # "ha publicado algo a través de Spotify." among them
    assert people(records, ES_POSTS) == {"Carmen Soto", "Pablo Núñez Vidal", "Diego Ramírez"}


def test_english_photos_and_posts_added_to_another_s_timeline_are_comments_to_them(as_):
    records = parse(as_("f4-2021-posts-tag-strings"))
    comments = [row for row in interactions(records, F3_POSTS) if row[2] == "comment"]
    assert comments == [(3, "Omar Haddad", "comment", "out"),   # "added a new photo to Omar Haddad's timeline."
                        (4, "Ines Duarte", "comment", "out")]   # "shared a post to Ines Duarte's timeline."


def test_vietnamese_posts_on_another_s_timeline_are_comments_to_them(as_):
    records = parse(as_("f6-2024-posts-vi"))
    assert interactions(records, VI_POSTS) == [
        (1, "Phạm Ngọc Anh", "comment", "out"),        # known nowhere else: the Vietnamese sentence table
        (2, "Lê Minh Khoa", "comment", "out"),
        (3, "nguyễn văn bình", "comment", "out"),      # as the export writes it, in lower case
        (5, "Lê Minh Khoa", "mention", "out")]
    assert owner_lines(records, VI_POSTS) == [4]       # "đã chia sẻ một liên kết."


def test_polish_posts_on_another_s_timeline_are_comments_to_them(as_):
    records = parse(as_("f4-2022-posts-pl"))
    assert interactions(records, F3_POSTS) == [(1, "Agnieszka Maria Lis", "comment", "out")]
    assert owner_lines(records, F3_POSTS) == [2, 3]


@pytest.mark.parametrize("title, actor, target", [
    ("Ewa Nowak napisała na osi czasu użytkownika Jan Kowalski.", "Ewa Nowak", "Jan Kowalski"),  # feminine
    ("Trần Thu Hà đã thêm một ảnh mới vào dòng thời gian của Phạm Ngọc Anh.", "Trần Thu Hà", "Phạm Ngọc Anh"),
    ("Marta Lindqvist shared a post to Chris' timeline.", "Marta Lindqvist", "Chris"),
    ("A Lucía le ha gustado la foto de Carmen Soto.", "Lucía Ferrer", "Carmen Soto"),  # the title's short name
    ("A Lucía Ferrer le ha gustado su comentario.", "Lucía Ferrer", None),
])
def test_timeline_and_dative_titles_are_read_by_the_sentence_tables(title, actor, target):
    assert title_target(title, actor) == target
