"""T0's tweet_index.js read as the archive's own index: months it lists that the copy lacks, and months whose
tweets it counts differently, are told to the owner (published Grailbird copies often lack some months)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.cli import app
from typer.testing import CliRunner

FIXTURE = Path(__file__).parent / "fixtures" / "exports" / "twitter" / "2015-grailbird"


def _not_read(folder: Path, db: Path) -> dict[str, tuple[str, str]]:
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select member, reason, what_to_do from not_read where handling = 'parsed'").fetchall()
    return {member: (reason, advice) for member, reason, advice in rows}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "tweets-archive"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_a_complete_copy_says_nothing(archive: Path, tmp_path: Path):
    assert _not_read(archive, tmp_path / "x.duckdb") == {}


def test_a_month_the_index_lists_but_the_copy_lacks_is_named_with_what_to_do(archive: Path, tmp_path: Path):
    (archive / "data" / "js" / "tweets" / "2015_03.js").unlink()
    reason, advice = _not_read(archive, tmp_path / "x.duckdb")["data/js/tweet_index.js"]
    assert reason == ("T0 index listing 2 monthly tweet files; 1 missing from this copy (an incomplete copy of the "
                      "archive?): 2015_03.js")
    assert advice.startswith("months of tweets the archive's index lists are missing: download the archive again")


def test_a_month_holding_fewer_tweets_than_the_index_counts_is_told(archive: Path, tmp_path: Path):
    index = archive / "data" / "js" / "tweet_index.js"
    index.write_text(index.read_text().replace('"tweet_count": 5,\n    "month": 4', '"tweet_count": 7,\n    "month": 4'))
    reason, advice = _not_read(archive, tmp_path / "x.duckdb")["data/js/tweets/2015_04.js"]
    assert reason.endswith("tweet_index.js counts 7 entries, the file holds 5")
    assert advice.startswith("fewer records than the archive's index")


def test_the_js_folder_given_alone_finds_its_months_beside_the_index(archive: Path, tmp_path: Path):
    js = archive / "data" / "js"
    (js / "tweets" / "2015_04.js").unlink()
    reason, _ = _not_read(js, tmp_path / "x.duckdb")["tweet_index.js"]
    assert reason.endswith("1 missing from this copy (an incomplete copy of the archive?): 2015_04.js")
