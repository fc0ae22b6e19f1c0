"""The Twitter benchmark's archives (bench/twitter_archives.py): real layout, read whole, same bytes every time.

Each shape is written at a tiny scale and read through ``unsocial ingest``: every record read is loaded
or quarantined, and only the planted faults are quarantined.
"""

from __future__ import annotations

import re
import zipfile

import duckdb
import orjson
import pytest

from bench.twitter_archives import SHAPES, scaled, write_archive

TINY = 0.003


def ytd(archive: zipfile.ZipFile, name: str) -> list:
    data = archive.read(f"data/{name}.js")
    return orjson.loads(data[data.index(b"=") + 1:])


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archives")
    return {name: write_archive(scaled(shape, TINY), folder / name) for name, shape in SHAPES.items()}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_record_of_each_shape_is_loaded_or_quarantined(archives, shape, unsocial, tmp_path):
    db = tmp_path / "bench.duckdb"
    result = unsocial("ingest", archives[shape], "--db", db)
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        read, loaded, quarantined = con.execute(
            "select records_read, records_loaded, records_quarantined from ingested_exports").fetchone()
        reasons = [r for (r,) in con.execute("select reason from raw_quarantine order by line").fetchall()]
        notes = [n for (n,) in con.execute("select note from raw_members").fetchall()]
    assert read == loaded + quarantined and loaded > 100
    # the mixed archive plants two messages without senderId; every other record is well formed
    assert reasons == (["messageCreate.senderId: missing"] * 2 if shape == "mixed" else [])
    assert not [n for n in notes if "manifest.js counts" in n]  # the manifest counts what the files hold


def test_the_files_are_laid_out_as_x_writes_them(archives):
    with zipfile.ZipFile(archives["mixed"]) as archive:
        text = archive.read("data/direct-messages.js").decode()
    assert text.startswith('window.YTD.direct_messages.part0 = [\n  {\n    "dmConversation" : {\n')
    message = re.search(r'"messageCreate" : \{\n(.*?)\n {10}\}', text, re.S).group(1)
    keys = re.findall(r'^ {12}"(\w+)" :', message, re.M)
    assert keys == ["recipientId", "reactions", "urls", "text", "mediaUrls", "senderId", "id", "createdAt",
                    "editHistory"]
    assert '"editHistory" : [ ]' in text and text.endswith("\n]")


def test_shapes_differ_in_what_they_hold(archives):
    def conversations(shape: str) -> tuple[list[int], list[dict]]:
        with zipfile.ZipFile(archives[shape]) as archive:
            entries = ytd(archive, "direct-messages") + ytd(archive, "direct-messages-group")
        events = [e for entry in entries for e in entry["dmConversation"]["messages"]]
        return [len(entry["dmConversation"]["messages"]) for entry in entries], events

    short, _ = conversations("short")
    long, _ = conversations("long")
    _, rich = conversations("rich")
    _, groups = conversations("groups")
    assert max(short) <= 3 and min(long) >= 1000
    creates = [e["messageCreate"] for e in rich if "messageCreate" in e]
    for field in ("urls", "mediaUrls", "reactions", "editHistory"):
        assert sum(bool(c[field]) for c in creates) > 0.05 * len(creates), field
    assert {"participantsJoin", "participantsLeave", "conversationNameUpdate"} <= {k for e in groups for k in e}


def test_the_same_shape_gives_the_same_bytes(archives, tmp_path):
    again = write_archive(scaled(SHAPES["groups"], TINY), tmp_path)
    assert again.name == archives["groups"].name and again.read_bytes() == archives["groups"].read_bytes()
