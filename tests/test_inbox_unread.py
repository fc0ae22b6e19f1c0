"""Files of an inbox that no source reads are listed where the owner looks for what was not read: the view
``not_read`` (source null, the file its own row, what it is and what to do), ``not_read.csv`` and
``summary.html``; gone from the list when gone from the inbox. (The DAG: tests/test_dag.py.)"""

from __future__ import annotations

import shutil

from conftest import fixture, query

AS_OF = "2026-06-01"


def inbox_with_strays(tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    shutil.copy(fixture("journal", "comma", "journal.csv"), inbox / "journal.csv")
    (inbox / "Kontakte.pst").write_bytes(b"!BDN" + bytes(600))  # an Outlook data file: the program's own
    (inbox / "notizen.txt").write_text("Einkaufsliste: Milch, Brot\n", encoding="utf-8")
    return inbox


def unread(db):
    return query(db, "select source, source_file, handling, reason, what_to_do from not_read "
                     "where source is null order by source_file")


def test_unsocial_run_lists_the_inboxs_unread_files_in_not_read_and_the_reports(unsocial, tmp_path):
    inbox, db, reports = inbox_with_strays(tmp_path), tmp_path / "u.duckdb", tmp_path / "reports"
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    rows = unread(db)
    assert [(source, path, handling) for source, path, handling, _, _ in rows] == [
        (None, "Kontakte.pst", "unknown"), (None, "notizen.txt", "unknown")]
    pst, txt = rows
    assert "Outlook" in pst[3] and "export" in pst[4]  # what it is, and how to get the contacts out of it
    assert txt[3] == "not a recognised export: no source reads this file" and "move it out" in txt[4]
    assert "Kontakte.pst" in (reports / "marta" / "not_read.csv").read_text(encoding="utf-8")
    assert "no source reads it" in (reports / "marta" / "summary.html").read_text(encoding="utf-8")
    # gone from the inbox, gone from the list, and the reports follow though no export changed
    (inbox / "notizen.txt").unlink()
    assert unsocial("run", inbox, "--db", db, "--reports", reports, "--as-of", AS_OF).code == 0
    assert [path for _, path, *_ in unread(db)] == ["Kontakte.pst"]
    assert "notizen.txt" not in (reports / "marta" / "not_read.csv").read_text(encoding="utf-8")
