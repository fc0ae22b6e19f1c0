"""The analysts' Python handle (``from ingest import open_db``) and `unsocial sql --format parquet --out`."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import duckdb
import polars as pl
import pytest

from conftest import AS_OF
from ingest import open_db
from ingest.errors import UnsocialError
from ingest.frames import VIEWS
from ingest.store.transform import layer_files

NOTEBOOK = Path(__file__).parents[1] / "docs" / "notebook.md"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """A small generated inbox with every source (the demo's, at 150 people), run once for the module."""
    from datetime import date

    from ingest.demo import write_demo_inbox
    from ingest.pipeline import run_inbox

    tmp, as_of = tmp_path_factory.mktemp("frames"), date.fromisoformat(AS_OF)
    inbox = write_demo_inbox(tmp / "inboxes" / "henrike", as_of=as_of, people=150)
    run_inbox(inbox, tmp / "u.duckdb", tmp / "reports", as_of=as_of)
    return tmp / "u.duckdb"


def notebook_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", NOTEBOOK.read_text(encoding="utf-8"), re.S)


def test_the_notebook_answers_five_questions_on_the_test_inbox(db):
    setup, *questions, close = notebook_blocks()
    assert len(questions) == 5
    names: dict = {}
    exec(setup.replace('"demo/unsocial.duckdb"', repr(str(db))), names)  # noqa: S102 - our own documentation
    for number, block in enumerate(questions, 1):
        exec(block, names)  # noqa: S102
        answer = names.pop("answer")
        assert isinstance(answer, pl.DataFrame) and answer.height > 0, f"question {number} found nothing:\n{block}"
    exec(close, names)  # noqa: S102


def test_every_public_view_is_a_method_returning_its_rows(db):
    assert set(VIEWS) == set(layer_files("marts"))
    with open_db(db) as handle, duckdb.connect(str(db), read_only=True) as con:
        for view in VIEWS:
            frame = getattr(handle, view)()
            assert isinstance(frame, pl.DataFrame)
            assert frame.columns == [c[0] for c in con.execute(f"select * from {view} limit 0").description]
            assert frame.height == con.execute(f"select count(*) from {view}").fetchone()[0]


def test_an_owner_keeps_that_owners_rows(db):
    with open_db(db) as handle:
        (owner,) = handle.owners()
        assert handle.contacts(owner=owner).height == handle.contacts().height > 0
        assert handle.contacts(owner="someone-else").height == 0
    with open_db(db, owner="someone-else") as handle:
        assert handle.no_offline().height == 0 and handle.strength_weights().height > 0  # no owner_id there


def test_the_handle_writes_nothing_and_reads_no_other_file(db, tmp_path):
    before = db.read_bytes()
    with open_db(db) as handle:
        assert handle.sql("select count(*) as n from contacts where strength >= ?", [0])["n"][0] > 0
        with pytest.raises(duckdb.Error):
            handle.sql("delete from raw_accounts")
        with pytest.raises(duckdb.Error):
            handle.sql(f"copy contacts to '{tmp_path / 'out.csv'}'")
        with pytest.raises(UnsocialError, match="not a public view"):
            handle.view("raw_accounts")
    assert db.read_bytes() == before and not (tmp_path / "out.csv").exists()
    with pytest.raises(UnsocialError, match="closed"):
        handle.contacts()


def test_a_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(UnsocialError, match="no database here"):
        open_db(tmp_path / "none.duckdb")


def test_sql_writes_parquet_for_other_tools_readable_by_the_owner_only(db, unsocial, tmp_path):
    query = "select person_id, display_name, online_interactions from no_offline order by person_id"
    out = tmp_path / "never_met.parquet"
    assert unsocial("sql", query, "--db", db, "--format", "parquet", "--out", out).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = json.loads(unsocial("sql", query, "--db", db, "--format", "json").out)
    assert pl.read_parquet(out).to_dicts() == rows
    assert unsocial("sql", query, "--db", db, "--format", "parquet").code == 2  # no --out
    assert unsocial("sql", query, "--db", db, "--out", tmp_path / "t.txt").code == 2  # a table goes to the screen
