"""The overrides file: ``must_link`` / ``cannot_link`` pairs of accounts that always win over the matcher.

CSV with the header ``rule,platform_a,account_ref_a,platform_b,account_ref_b``. The pairs are stored in
the database, so they survive re-imports and apply to every later run until a new file replaces them.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import UnsocialError

Node = tuple[str, str]  # (platform, account_ref)


def load_overrides(path: Path) -> list[tuple[str, Node, Node]]:
    """``rule,platform_a,account_ref_a,platform_b,account_ref_b`` rows; rule is must_link or cannot_link."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError):
        raise UnsocialError(path, "cannot read the overrides file", "check the path and that it is UTF-8 CSV") from None
    overrides = []
    for number, row in enumerate(rows, start=2):
        rule = (row.get("rule") or "").strip()
        if rule not in ("must_link", "cannot_link") or not all(row.get(k) for k in
                                                               ("platform_a", "account_ref_a", "platform_b", "account_ref_b")):
            raise UnsocialError(f"{path}:{number}", "not a must_link/cannot_link row with both accounts",
                                "see the README's Overrides section")
        overrides.append((rule, (row["platform_a"].strip(), row["account_ref_a"].strip()),
                          (row["platform_b"].strip(), row["account_ref_b"].strip())))
    return overrides
