"""Comments other people wrote on the owner's photos and videos (the JSON download of 2018-2020): each a comment in
from its author. Before, photos_and_videos/ was "left out on purpose: no other person", the commenters lost."""

from __future__ import annotations

import shutil

from conftest import assert_nothing_lost, fixture, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.archive import Export

EXPORT = fixture("facebook", "f3-2018-photo-comments")
ALBUM = "photos_and_videos/album/0.json"


def test_others_comments_on_photos_and_videos_are_comments_in_and_the_owners_name_no_one():
    records = parse(Export(EXPORT))
    comments = sorted((r.member, r.account_ref, r.kind, r.direction) for r in records
                      if isinstance(r, Interaction) and r.kind == "comment")
    assert comments == [(ALBUM, "Jonas Weber", "comment", "in"), (ALBUM, "Katarzyna Nowakowska", "comment", "in"),
                        ("photos_and_videos/your_videos.json", "Aylin Demir", "comment", "in")]
    assert "Katarzyna Nowakowska" in {r.account_ref for r in records if isinstance(r, Account)}  # no friend: a contact
    notes = {n.member: n.note for n in records if isinstance(n, MemberNote)}
    assert notes[ALBUM] == ("comments on your photos and videos; comments of your own on your photos and videos "
                            "(no one else): 1")
    assert_nothing_lost(records)


def test_a_deleted_commenter_and_an_album_without_comments(tmp_path):
    export = tmp_path / "facebook-marta"
    shutil.copytree(EXPORT, export)
    album = export / ALBUM
    album.write_text(album.read_text(encoding="utf-8").replace('"Katarzyna Nowakowska"', '"Facebook User"'),
                     encoding="utf-8")
    (export / "photos_and_videos" / "album" / "1.json").write_text(
        '{"name": "Profile Pictures", "photos": [{"uri": "photos_and_videos/ProfilePictures_x/1.jpg", '
        '"creation_timestamp": 1500000000, "media_metadata": {"photo_metadata": {}}, "title": "Profile Pictures"}]}',
        encoding="utf-8")
    records = parse(Export(export))
    assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (ALBUM, 3, "author: a deleted or deactivated account, not one person")]
    assert [(n.handling, n.records_read) for n in records if isinstance(n, MemberNote)
            and n.member == "photos_and_videos/album/1.json"] == [("parsed", 0)]
    assert_nothing_lost(records)
