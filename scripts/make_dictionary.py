"""Write ``docs/data-dictionary.md``: every public view and column, from a database (``ingest.reports.dictionary``).

Without ``--db`` an empty database is built in a temporary folder: columns and types do not depend on the data.
A column without a description in ``docs/columns.csv`` stops the run, so the dictionary cannot fall behind the views.

Run by hand after changing a view or a description:
    .venv/bin/python scripts/make_dictionary.py
``tests/test_docs.py`` checks that the file is what this script writes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ingest.pipeline import empty_database
from ingest.reports.dictionary import COLUMNS_FILE, DICTIONARY_FILE, write_dictionary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/make_dictionary.py", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database to read (default: an empty one, built on the fly)")
    parser.add_argument("--out", type=Path, default=DICTIONARY_FILE, help=f"default: {DICTIONARY_FILE}")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        missing = write_dictionary(args.db or empty_database(Path(folder) / "empty.duckdb"), args.out)
    if missing:
        print(f"error: {COLUMNS_FILE}: no description for {', '.join(missing)}; add them", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
