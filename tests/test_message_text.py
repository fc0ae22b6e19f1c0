"""Message text: not stored unless the owner opts in (--keep-message-text, UNSOCIAL_KEEP_MESSAGE_TEXT=1).

An inbox of marta with LinkedIn messages, a Facebook export (Messenger, E2EE cut-over thread), a Twitter
archive (DMs, a group, mentions and replies) and a journal, run through the real command line. The DAG's
``keep_message_text`` param is tested in test_privacy.py, on the demo.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF, fixture
from test_privacy import every_text

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

TABLES = ("raw_interactions", "stg_interactions", "int_interactions", "interactions")
# Texts of the fixtures, one or more per platform and kind
TEXTS = ("Thanks, see you Monday.", "Could we talk about the data role?",  # LinkedIn messages
         "On se voit à Lyon ?", "Route steht!",  # Messenger, direct and group (mojibake repaired)
         "Agreed, let's do it",  # a Twitter DM
         "@ChloeDubois merci, the croissants were perfect")  # a tweet replying to her


@pytest.fixture
def messages_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(fixture("linkedin", "2024-complete"), inbox / "Complete_LinkedInDataExport_11-20-2026")
    shutil.copytree(fixture("facebook", "f6-2025"), inbox / "facebook-marta")
    shutil.copytree(fixture("twitter", "2022"), inbox / "twitter-2022")
    shutil.copy(fixture("journal", "comma", "journal.csv"), inbox / "journal.csv")
    return inbox


def with_text(db: Path, tables: tuple[str, ...] = TABLES) -> dict[str, int]:
    """Table → interactions that carry a text."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"select count(message_text) from {t}").fetchone()[0] for t in tables}


def unchanged(output: str) -> list[str]:
    """The exports the run skipped as unchanged (from its summary table)."""
    return sorted(line.split("│")[2].strip() for line in output.splitlines() if "unchanged, skipped" in line)


def test_message_text_is_not_stored_by_default(unsocial, messages_inbox, tmp_path):
    db = tmp_path / "u.duckdb"
    assert unsocial("run", messages_inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF).code == 0
    assert with_text(db) == dict.fromkeys(TABLES, 0)
    stored = every_text(db)
    assert [t for t in TEXTS if t in stored] == []


def test_opting_in_stores_the_text_of_messages_mentions_and_replies_only(unsocial, messages_inbox, tmp_path,
                                                                         monkeypatch):
    db = tmp_path / "u.duckdb"
    monkeypatch.setenv("UNSOCIAL_LOG_LEVEL", "DEBUG")
    result = unsocial("run", messages_inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF,
                      "--keep-message-text")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        kinds = con.execute("""select platform, kind, count(*), count(message_text) from interactions
                               where platform in ('linkedin', 'facebook', 'twitter') and kind in
                               ('message', 'call', 'reaction', 'mention', 'reply', 'connection', 'comment')
                               group by all order by all""").fetchall()
        texts = {t for (t,) in con.execute("select message_text from interactions").fetchall()}
    assert kinds == [("facebook", "call", 1, 0), ("facebook", "comment", 1, 0), ("facebook", "message", 7, 7),
                     ("facebook", "reaction", 5, 0), ("linkedin", "connection", 7, 0), ("linkedin", "message", 7, 7),
                     ("twitter", "mention", 4, 4), ("twitter", "message", 10, 10), ("twitter", "reaction", 1, 0),
                     ("twitter", "reply", 2, 2)]
    assert set(TEXTS) <= texts
    assert [t for t in TEXTS if t in result.out + result.err] == []  # nothing of it in the output, even at DEBUG


def test_changing_the_choice_reads_the_exports_with_text_again_and_keeping_it_does_not(unsocial, messages_inbox,
                                                                                      tmp_path, monkeypatch):
    db, reports = tmp_path / "u.duckdb", tmp_path / "r"

    def run(*flag: str):
        result = unsocial("run", messages_inbox, "--db", db, "--reports", reports, "--as-of", AS_OF, *flag)
        assert result.code == 0, result.err
        return unchanged(result.out), with_text(db)

    everything = ["Complete_LinkedInDataExport_11-20-2026", "facebook-marta", "journal.csv", "twitter-2022"]
    assert run() == ([], dict.fromkeys(TABLES, 0))
    kept, counts = run("--keep-message-text")
    # raw: the owner's two Twitter group messages (to 2 and 3 members) are stored once each
    assert kept == ["journal.csv"] and counts == {**dict.fromkeys(TABLES, 30), "raw_interactions": 27}, counts
    assert run("--keep-message-text") == (everything, counts)
    assert run() == (["journal.csv"], dict.fromkeys(TABLES, 0))  # and back: the text is gone everywhere
    assert [t for t in TEXTS if t in every_text(db)] == []
    monkeypatch.setenv("UNSOCIAL_KEEP_MESSAGE_TEXT", "1")
    assert run() == (["journal.csv"], counts)


def test_unsocial_ingest_keeps_text_only_when_asked(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    twitter = fixture("twitter", "2022")
    assert unsocial("ingest", twitter, "--db", db, "--owner", "marta").code == 0
    assert with_text(db, ("raw_interactions",)) == {"raw_interactions": 0}
    assert unsocial("ingest", twitter, "--db", db, "--owner", "marta", "--keep-message-text").code == 0
    assert with_text(db, ("raw_interactions",)) == {"raw_interactions": 13}  # a group message is one row


def test_a_database_from_before_message_text_is_upgraded_in_place(unsocial, messages_inbox, tmp_path):
    db = tmp_path / "u.duckdb"
    assert unsocial("run", messages_inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF).code == 0
    with duckdb.connect(str(db)) as con:  # as an earlier version left it
        for table in ("raw_interactions", "ingested_exports"):
            con.execute(f"alter table {table} drop column message_text")
        con.execute("delete from settings where key in ('app', 'schema_version')")  # made before the marker
    result = unsocial("run", messages_inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF,
                      "--keep-message-text")
    assert result.code == 0, result.err
    assert with_text(db) == {**dict.fromkeys(TABLES, 30), "raw_interactions": 27}  # a group message is one raw row


def test_a_quarantined_message_keeps_no_text_in_its_excerpt(tmp_path):
    """A message that cannot be loaded is quarantined with an excerpt of the record, but not of what it says."""
    from ingest.models import Quarantined
    from ingest.sources import linkedin, twitter
    from ingest.sources.archive import Export

    quarantined = [r for source, export in ((linkedin, fixture("linkedin", "2021-12")), (twitter, fixture("twitter", "2022")))
                   for r in source.parse(Export(export)) if isinstance(r, Quarantined) and "message" in r.member]
    excerpts = "\n".join(q.excerpt for q in quarantined)
    assert len(quarantined) == 3 and excerpts.count("…") == 3 and "Tomasz Nowak" in excerpts
    assert [t for t in ("Coffee in Gdańsk?", "Sure, 7pm at the harbour", "Bisous") if t in excerpts] == []


def test_exports_read_with_their_text_reconcile_whatever_their_damage():
    """The parsers' text-keeping paths (Facebook's slow path among them) under the property tests' mutations."""
    import tempfile

    from hypothesis import given
    from hypothesis import strategies as st

    from ingest.errors import UnsocialError
    from ingest.pipeline import Found, parse_export
    from test_hostile import bounded, loaded_records
    from test_properties import MUTATIONS, SETTINGS, VINTAGES, copy_export, members_of, mutate

    @SETTINGS
    @given(vintage=st.sampled_from([v for s in ("linkedin", "facebook", "twitter") for v in VINTAGES[s]]),
           pick=st.integers(0, 10_000), mutation=MUTATIONS)
    def mutated(vintage, pick, mutation):
        with tempfile.TemporaryDirectory() as tmp:
            export = copy_export(vintage, Path(tmp))
            files = members_of(export)
            files[pick % len(files)].write_bytes(mutate(files[pick % len(files)].read_bytes(), mutation))
            try:
                parsed = bounded(parse_export, Found(export, export.parent, vintage[0]), "marta", Path(tmp) / "work",
                                 True)
            except UnsocialError as exc:
                assert "\n" not in exc.message()
                return
            assert parsed.message_text and parsed.read == loaded_records(parsed) + parsed.quarantined

    mutated()
