"""A manifest.js whose owner has a blank account id (Datenquelle/Twitter-Archive ``data/manifest.js``, German, 2022:
``"userInfo": {"accountId" : "", "userName", "displayName"}``, listing a ``data/tweet.js`` of 3,436 tweets the
export does not hold; its account.js gives the id with ``"accountDisplayName" : ""``). The missing file is told
as for any manifest, with advice to act on, and the owner keeps the manifest's name. Fixture invented."""

from __future__ import annotations

import shutil

from conftest import fixture, ingest_as_marta, parse, query
from ingest.models import Account
from ingest.sources.archive import Export
from ingest.store.transform import layer_files
from test_twitter_shapes import note_of, refused, unknown, read  # noqa: F401 (read: the fixture)

BLANK = "2022-manifest-blank-owner-id"
MANIFEST = "data/manifest.js"
JONAS = "1375920468"
MISSING = "1 not in this export (another zip of a split delivery?): data/tweet.js"


def owners(records: list) -> list[tuple]:
    return sorted((a.member, a.account_ref, a.handle, a.display_name) for a in records
                  if isinstance(a, Account) and a.is_owner and a.member in ("data/account.js", MANIFEST))


def test_the_files_a_manifest_with_a_blank_owner_id_lists_and_lacks_are_told(read):
    records = read(BLANK)
    assert unknown(records) == []
    note = note_of(records, MANIFEST)
    # Before: handling "ignored", shown as "left out on purpose: nothing to do"
    assert note.handling == "parsed"
    assert note.note == f"archive manifest listing 5 files; {MISSING}; no owner's account id in it"
    assert refused(records) == {("data/follower.js", 2): "follower.accountId: missing, not numeric or the owner's"}


def test_the_owner_keeps_the_manifests_name_when_account_js_gives_none(read):
    records = read(BLANK)
    # one owner, account.js's id; before, the name was nowhere (account.js's is blank)
    assert {a.account_ref for a in records if isinstance(a, Account) and a.is_owner} == {JONAS}
    assert owners(records) == [("data/account.js", JONAS, "jonaswerth", None),
                               (MANIFEST, JONAS, "jonaswerth", "Jonas Werth")]


def test_without_account_js_the_blank_id_names_no_owner(tmp_path):
    folder = tmp_path / BLANK
    shutil.copytree(fixture("twitter", BLANK), folder)
    (folder / "data" / "account.js").unlink()
    records = parse(Export(folder))
    assert not [r for r in records if isinstance(r, Account) and r.is_owner]
    assert MANIFEST not in {member for member, _ in refused(records)}
    note = note_of(records, MANIFEST)
    assert (note.handling, note.records_read) == ("parsed", 0)
    assert "2 not in this export (another zip of a split delivery?): data/account.js, data/tweet.js" in note.note


def test_the_not_read_view_says_to_bring_the_other_zip(unsocial, tmp_path):
    db = ingest_as_marta(unsocial, tmp_path, fixture("twitter", BLANK))
    [(reason, actionable, advice)] = query(db, "select reason, is_actionable, what_to_do from not_read "
                                               f"where member = '{MANIFEST}'")
    assert MISSING in reason and actionable is True
    assert advice == "a file the manifest lists is missing: put every zip of a split download into the inbox"
    owner = query(db, f"select handle, display_name from ({layer_files('staging')['stg_accounts']}) where is_owner")
    assert owner == [("jonaswerth", "Jonas Werth")]
