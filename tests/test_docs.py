"""docs/: the data dictionary is generated from the database and current; the example queries run."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from conftest import AS_OF
from ingest.pipeline import empty_database
from ingest.reports.dictionary import DICTIONARY_FILE, load_descriptions, missing_descriptions
from ingest.store.transform import layer_files

QUERIES = Path(__file__).parents[1] / "docs" / "queries.md"
SCRIPT = Path(__file__).parents[1] / "scripts" / "make_dictionary.py"


def make_dictionary():
    """scripts/make_dictionary.py as a module: its ``main`` is what a developer runs."""
    spec = importlib.util.spec_from_file_location("make_dictionary", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_data_dictionary_is_generated_and_current(tmp_path):
    assert make_dictionary().main(["--out", str(tmp_path / "dictionary.md")]) == 0
    assert (tmp_path / "dictionary.md").read_text(encoding="utf-8") == DICTIONARY_FILE.read_text(encoding="utf-8"), \
        "docs/data-dictionary.md is stale: run `scripts/make_dictionary.py`"


def test_dictionary_describes_every_public_view_and_column():
    text = DICTIONARY_FILE.read_text(encoding="utf-8")
    assert re.findall(r"^## (\w+)$", text, re.M) == [*sorted(layer_files("marts")), "settings"]
    column_rows = re.findall(r"^\| `(\w+)` \| [A-Z][A-Z0-9\[\]]* \| (.*) \|$", text, re.M)
    assert len(column_rows) > 150 and all(description.strip() for _, description in column_rows)
    assert "| `strength_offline` | DOUBLE | up to 50: 15 · ln(1 + offline_points) |" in text
    assert "| `follow_up_days` | 90 |" in text and "| `reply_days` | 14 |" in text


def test_a_column_without_description_stops_the_generator(tmp_path, monkeypatch):
    import ingest.reports.dictionary as docs

    descriptions = load_descriptions()
    del descriptions[("tenure", "longest_channel")]
    monkeypatch.setattr(docs, "load_descriptions", lambda: descriptions)
    assert make_dictionary().main(["--out", str(tmp_path / "dictionary.md")]) == 1
    assert not (tmp_path / "dictionary.md").exists()
    import duckdb

    with duckdb.connect(str(empty_database(tmp_path / "empty.duckdb")), read_only=True) as con:
        assert missing_descriptions(con, descriptions) == ["tenure.longest_channel"]


def example_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", QUERIES.read_text(encoding="utf-8"), re.S)


def test_there_are_a_dozen_example_queries():
    assert len(example_queries()) >= 12


@pytest.fixture
def db(unsocial, inbox, tmp_path) -> Path:
    db = tmp_path / "u.duckdb"
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF).code == 0
    return db


def test_every_example_query_answers_on_the_test_inbox(db, unsocial, tmp_path):
    for number, query in enumerate(example_queries(), 1):
        (tmp_path / f"q{number}.sql").write_text(query, encoding="utf-8")
        result = unsocial("sql", "--file", tmp_path / f"q{number}.sql", "--db", db, "--format", "json")
        assert result.code == 0, (number, result.err)
        assert json.loads(result.out), f"query {number} found nothing:\n{query}"


def test_sql_reads_a_query_file_or_a_query_never_both(db, unsocial, tmp_path):
    query = tmp_path / "count.sql"
    query.write_text("-- how many contacts?\nselect count(*) as n\nfrom contacts;\n", encoding="utf-8")
    assert unsocial("sql", "--file", query, "--db", db, "--format", "csv").out == "n\n9\n"
    assert unsocial("sql", "select 1", "--file", query, "--db", db).code == 2
    assert unsocial("sql", "--db", db).code == 2
    assert unsocial("sql", "--file", tmp_path / "missing.sql", "--db", db).code == 2
    (tmp_path / "latin1.sql").write_bytes("select 'Müller'".encode("latin-1"))
    result = unsocial("sql", "--file", tmp_path / "latin1.sql", "--db", db)
    assert result.code == 1 and result.err.strip() == (
        f"error: {tmp_path / 'latin1.sql'}: not UTF-8 text; pass a UTF-8 file with one query")
