"""The owner's summary page: key numbers and charts drawn from the public views, and what of the
exports was not read (the view ``not_read``), with what to do.

One self-contained HTML file (inline CSS, SVG drawn here, a few lines of script that only check
the page): it fetches nothing, so it can be opened from disk, mailed or archived. It shows nothing
the CSV reports beside it do not already hold, and depends on the database alone (no clock), so
an unchanged database gives the same bytes.

Its Content-Security-Policy fetches nothing (``default-src 'none'``), runs only the page's own scripts
(by hash, ``script_hashes``), sends no form (``form-action 'none'``) and lets no ``<base>`` redirect
its links (``base-uri 'none'``). ``frame-ancestors`` and ``sandbox`` are ignored in a ``<meta>`` policy
and ``navigate-to`` was dropped from the standard before any browser shipped it, so none is set;
styles stay inline (``style`` attributes), which runs no code.
"""

from __future__ import annotations

import re
from base64 import b64encode
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256
from html import escape
from importlib.resources import files
from string import Template

import duckdb

from .not_read import counts_by_export, headline, not_read_rows

CHARTS = ("platforms", "strength", "gauge", "circle", "reciprocity")
COMPONENTS = ("offline", "online", "reciprocity", "tenure")
STRENGTH_BINS = [(low, low + 9) for low in range(0, 90, 10)] + [(90, 100)]
LIST_LIMIT = 15  # rows of a table or chart on the page; the CSV holds them all
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def render_summary(con: duckdb.DuckDBPyConnection, owner_id: str, report_names: list[str]) -> bytes:
    """The summary page of one owner, as UTF-8 bytes."""
    overview = _overview(con, owner_id)
    circle = _rows(con, "select display_name, strength, strength_offline, strength_online, strength_reciprocity, "
                        "strength_tenure from core_circle where owner_id = ? order by circle_rank", owner_id)
    giving = _rows(con, "select display_name, given_points, received_points from reciprocity where owner_id = ? "
                        "order by given_points + received_points desc, display_name, person_id", owner_id)
    fields = {
        "owner": escape(owner_id), "as_of": _day(overview["as_of"]),
        "follow_up_days": overview["follow_up_days"], "reply_days": overview["reply_days"],
        "chart_names": " ".join(CHARTS), "tiles": _tiles(overview),
        "data_age": _data_age_sentence(_newest_interaction(con, owner_id), overview["as_of"]),
        "owners_apart": _owners_apart_sentence(con, owner_id),
        "unmatched_offline": _unmatched_offline_sentence(con, owner_id),
        "chart_platforms": platform_chart(_rows(con, PLATFORMS_SQL, owner_id)),
        "chart_strength": strength_chart([r[0] for r in _rows(con, "select strength from contacts where owner_id = ?", owner_id)]),
        "chart_gauge": gauge_chart(overview["personal_contacts_last_12_months"]),
        "circle_sentence": _circle_sentence(overview["personal_contacts_last_12_months"]),
        "circle_intro": _circle_intro(len(circle)), "chart_circle": circle_chart(circle),
        "table_follow_up": _follow_up_table(con, owner_id, overview["follow_up_days"]),
        "chart_reciprocity": reciprocity_chart(giving[:LIST_LIMIT]),
        "reciprocity_sentence": _reciprocity_sentence(giving),
        "table_unanswered": _unanswered_table(con, owner_id),
        "table_never_met": _never_met_table(con, owner_id), "review": _review_section(con, owner_id),
        "not_read": _not_read_section(con, owner_id),
        "report_links": ", ".join(f'<a href="{escape(n)}">{escape(n)}</a>' for n in report_names),
    }
    text = (files("ingest.reports") / "templates" / "summary.html").read_text(encoding="utf-8")
    fields["script_hashes"] = script_hashes(text)
    return Template(text).substitute({k: str(v) for k, v in fields.items()}).encode("utf-8")


def script_hashes(template: str) -> str:
    """The CSP sources of the template's own scripts: ``'sha256-…'`` of each one's text.

    The browser runs an inline script only if its hash is listed, so a script that reached the page
    through a name (should escaping ever fail) does not run, nor does an event handler attribute.
    Hashed from the template, never from the page: a script in the data would be allowed too. A
    script of the template may hold no ``$`` placeholder, as its text would then change.
    """
    scripts = _SCRIPT.findall(template)
    if any("$" in script for script in scripts):
        raise ValueError("summary.html: a script holds a placeholder; its hash would not match")
    return " ".join(f"'sha256-{b64encode(sha256(s.encode()).digest()).decode()}'" for s in scripts)


PLATFORMS_SQL = """
    select platform, count(*) filter (where has_offline_interaction), count(*) filter (where not has_offline_interaction)
    from (select unnest(platforms) as platform, has_offline_interaction from contacts where owner_id = ?)
    group by platform order by platform"""


def _rows(con: duckdb.DuckDBPyConnection, sql: str, owner_id: str) -> list[tuple]:
    return con.execute(sql, [owner_id]).fetchall()


def _overview(con: duckdb.DuckDBPyConnection, owner_id: str) -> dict:
    result = con.execute("select * from overview where owner_id = ?", [owner_id])
    row = result.fetchone()
    return dict(zip([c[0] for c in result.description], row))


# --- key numbers -----------------------------------------------------------------------------

def _tiles(o: dict) -> str:
    share = f"{round(100 * o['met_offline'] / o['contacts'])}% of contacts" if o["contacts"] else "no contacts yet"
    latency = "no replies yet" if o["median_reply_hours"] is None else f"median reply: {_hours(o['median_reply_hours'])}"
    tiles = [
        (o["contacts"], "contacts on social platforms", False),
        (o["met_offline"], f"met offline ({share})", False),
        (o["never_met_offline"], "never met offline", False),
        (o["personal_contacts_last_12_months"], "people with personal contact in 12 months", o["is_below_40"]),
        (o["follow_ups_due"], "follow-ups due", False),
        (o["contacts_waiting_for_reply"], f"contacts waiting for a reply ({latency})", False),
    ]
    return "".join(f'<div class="tile{" warn" if warn else ""}"><b>{value}</b><span>{escape(label)}</span></div>'
                   for value, label, warn in tiles)


def _owners_apart_sentence(con: duckdb.DuckDBPyConnection, owner_id: str) -> str:
    """Exports of two people in one inbox (``identity.owners``): said where a DAG's owner reads the run, the page."""
    from ..identity.owners import APART_ADVICE, owners_apart

    groups = owners_apart(con, owner_id)
    if not groups:
        return ""
    named = " and ".join(", ".join(f"<code>{escape(path)}</code>" for path in paths) for paths in groups)
    return f'<p class="warning" id="owners-apart">These exports name owners of different names: {named}; ' \
           f"{escape(APART_ADVICE)}.</p>"


def _unmatched_offline_sentence(con: duckdb.DuckDBPyConnection, owner_id: str) -> str:
    """People met offline (calendar, journal, address book) who are on no platform: counted from the
    view the CSV is written from (sql/marts/unmatched_offline.sql), so that "0 met offline" beside it
    does not read as "the calendar was not read"."""
    people, meetings = con.execute("select count(*), coalesce(sum(offline_interactions), 0) from unmatched_offline "
                                   "where owner_id = ?", [owner_id]).fetchone()
    if not people:
        return ""
    who = "1 person" if people == 1 else f"{people} people"
    times = "once" if meetings == 1 else f"{meetings} times"
    verb = "is" if people == 1 else "are"
    return (f'<p id="unmatched-offline">{who} you met {times} {verb} on none of your platforms '
            f'(<a href="unmatched_offline.csv">unmatched_offline.csv</a>).</p>')


def _newest_interaction(con: duckdb.DuckDBPyConnection, owner_id: str):
    """The newest interaction up to the reference date (the view ``interactions`` stops there)."""
    return con.execute("select max(occurred_at) from interactions where owner_id = ?", [owner_id]).fetchone()[0]


def _data_age_sentence(newest, as_of) -> str:
    """A warning when the newest data is over a year older than the reference date: every "last 12
    months" figure then counts nothing, which reads as neglect rather than as an old export."""
    if newest is None or as_of is None:
        return ""
    newest = newest.date() if isinstance(newest, datetime) else newest
    as_of = as_of.date() if isinstance(as_of, datetime) else as_of
    if (as_of - newest).days <= 365:
        return ""
    months = (as_of.year - newest.year) * 12 + as_of.month - newest.month - (as_of.day < newest.day)
    return (f'<p id="data-age" class="warning">Your newest data is from {newest.isoformat()}, {months} months before '
            f"{as_of.isoformat()}: the figures for the last 12 months count nothing newer.</p>")


def _circle_sentence(count: int) -> str:
    if count < 40:
        return (f'<span class="warning">Warning: only {count} people had personal contact with you in the last '
                f'12 months, fewer than 40.</span>')
    if count > 60:
        return f"{count} people had personal contact with you in the last 12 months: more than one can cultivate."
    return f"{count} people had personal contact with you in the last 12 months."


def _circle_intro(size: int) -> str:
    return {0: "Nobody yet", 1: "The strongest contact"}.get(size, f"The {size} strongest contacts")


def _reciprocity_sentence(giving: list[tuple]) -> str:
    took = sum(1 for _, given, received in giving if received > given)
    gave = sum(1 for _, given, received in giving if given > received)
    return f"You gave more than you received with {gave} contacts, less with {took}."


def _hours(hours: float) -> str:
    return f"{hours:g} h" if hours < 48 else f"{hours / 24:.0f} days"


def _day(value) -> str:
    if value is None:
        return ""
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _name(value: str | None) -> str:
    return escape(value) if value else "(no name)"


def _linked(html: str, url: str | None) -> str:
    """The cell as a link to the profile where one is known (web links only): the way to see who a contact
    known by a number alone is."""
    if not (url and url.startswith("https://")):
        return html
    return f'<a href="{escape(url, quote=True)}" rel="noreferrer">{html}</a>'


# --- tables ----------------------------------------------------------------------------------

def _table(headers: list[str], rows: list[list[str]], total: int, empty: str, csv_name: str) -> str:
    if not rows:
        return f"<p>{escape(empty)}</p>"
    head = "".join(f"<th{_css(h)}>{escape(h.strip('#?~'))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td{_css(h)}>{cell}</td>" for h, cell in zip(headers, row)) + "</tr>"
                   for row in rows)
    more = f'<p>and {total - len(rows)} more in <a href="{csv_name}">{csv_name}</a>.</p>' if total > len(rows) else ""
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{more}'


def _css(header: str) -> str:
    """A header's marks: ``#`` a number (right-aligned), ``?`` a column phones leave out, ``~`` text
    that wraps."""
    classes = [name for mark, name in (("#", "num"), ("?", "optional"), ("~", "wrap")) if mark in header]
    return f' class="{" ".join(classes)}"' if classes else ""


def _follow_up_table(con: duckdb.DuckDBPyConnection, owner_id: str, days: int) -> str:
    rows = _rows(con, "select display_name, connected_platform, connected_at, follow_up_by, online_interactions "
                      "from follow_up where owner_id = ?", owner_id)
    cells = [[_name(n), escape(p), _day(c), _day(by), str(k)] for n, p, c, by, k in rows[:LIST_LIMIT]]
    empty = ("Nobody: every recent connection has been met since." if rows or _recent_connections(con, owner_id, days)
             else f"No new connection in the last {days} days.")
    return _table(["contact", "?connected on", "?connected", "follow up by", "#?online"], cells, len(rows),
                  empty, "follow_up.csv")


def _recent_connections(con: duckdb.DuckDBPyConnection, owner_id: str, days: int) -> int:
    """Contacts connected in the follow-up window, met since or not: the window of the view follow_up
    (sql/marts/follow_up.sql), so that an empty list tells "all met" from "nobody new"."""
    return con.execute("""
        select count(distinct person_id) from int_accounts
        where owner_id = ? and not is_owner_person and connected_at is not null
          and platform in ('facebook', 'xing', 'twitter', 'linkedin')
          and connected_at < (select cast(value as date) from settings where key = 'as_of') + interval 1 day
          and connected_at >= (select cast(value as date) from settings where key = 'as_of') - to_days(?)""",
                       [owner_id, days]).fetchone()[0]


def _never_met_table(con: duckdb.DuckDBPyConnection, owner_id: str) -> str:
    """The page's main question answered by name: who was never met, most online activity first."""
    rows = _rows(con, "select display_name, platforms, online_interactions, last_online_at, profile_url "
                      "from no_offline where owner_id = ?", owner_id)
    cells = [[_linked(_name(n), url), escape(", ".join(PLATFORM_NAMES.get(p, p) for p in platforms)), str(k),
              _day(last)] for n, platforms, k, last, url in rows[:LIST_LIMIT]]
    return _table(["contact", "~platforms", "#online", "?last online"], cells, len(rows),
                  "Nobody: you have met every contact offline.", "no_offline.csv")


def _review_section(con: duckdb.DuckDBPyConnection, owner_id: str) -> str:
    """How many questions only the owner can answer (same person or not), and how to answer them."""
    from ..identity.review import open_questions

    count = len(open_questions(con, owner_id))
    if not count:
        return "<p>No open questions: every link the evidence could not settle has your answer.</p>"
    return (f'<p><b id="open-questions">{count}</b> question{"s" if count != 1 else ""} only you can answer: are two '
            "accounts one person? Answer them in a terminal with <code>unsocial review</code> (most valuable first), "
            "list them with <code>unsocial review --list</code>, or settle one pair with <code>unsocial link "
            "PLATFORM:ACCOUNT PLATFORM:ACCOUNT</code> or <code>unsocial unlink &hellip;</code>; then "
            "<code>unsocial report</code> redraws this page.</p>")


def _unanswered_table(con: duckdb.DuckDBPyConnection, owner_id: str) -> str:
    rows = _rows(con, "select display_name, unanswered_messages, last_unanswered_at, late_replies, median_reply_hours "
                      "from unanswered where owner_id = ? and unanswered_messages > 0", owner_id)
    cells = [[_name(n), str(open_), _day(last), str(late), "" if median is None else _hours(median)]
             for n, open_, last, late, median in rows[:LIST_LIMIT]]
    return _table(["contact", "#unanswered", "latest", "#?answered late", "#?median reply"], cells,
                  len(rows), "Nobody: every direct message got a reply in time.", "unanswered.csv")


def _not_read_section(con: duckdb.DuckDBPyConnection, owner_id: str) -> str:
    """Per export: the files not read and the records refused, each with what to do."""
    rows = not_read_rows(con, owner_id)
    if not rows:
        return "<p>Every file of every export was read, and every record loaded.</p>"
    parts = []
    for export, counts in counts_by_export(rows).items():
        mine = [row for row in rows if row.source_file == export]
        cells = [[_not_read_file(row), _not_read_what(row), escape(row.reason), escape(row.what_to_do)]
                 for row in mine[:LIST_LIMIT]]
        source = mine[0].source or "no source reads it"  # a file of the inbox that is no export
        parts.append(f"<h3>{escape(export)} <small>({escape(source)}: {escape(headline(counts))})"
                     f"</small></h3>")
        parts.append(_table(["~file", "what", "~?why", "~what to do"], cells, len(mine), "", "not_read.csv"))
    return "".join(parts)


def _not_read_file(row) -> str:
    if row.handling == "quarantined":
        return f"{escape(row.member)}, {'line' if row.records == 1 else 'from line'} {row.first_line}"
    if row.handling == "ignored" and row.files > 1:
        return f"{escape(row.member)} and {row.files - 1} more"
    return escape(row.member)


def _not_read_what(row) -> str:
    if row.handling == "quarantined":
        return f"{row.records} record{'s' if row.records != 1 else ''} refused"
    return {"unknown": "unknown file", "parsed": "read, with a note", "no_people": "read, nobody in it"}.get(
        row.handling, "left out")


# --- charts (SVG) ----------------------------------------------------------------------------

WIDTH, LABEL, ROW = 480, 165, 22
CHAR_WIDTH = 8.5  # of a digit in the charts' 14 px system font, with a margin
GAUGE_TOP = 120  # the gauge's axis ends here, so that the 40–60 band keeps a sixth of it however many people
PLATFORM_NAMES = {"facebook": "Facebook", "linkedin": "LinkedIn", "twitter": "Twitter/X", "xing": "XING"}


@dataclass
class Segment:
    value: float
    css: str


def _svg(name: str, height: float, title: str, body: str) -> str:
    return (f'<svg id="chart-{name}" class="chart" viewBox="0 0 {WIDTH} {height:g}" role="img" '
            f'aria-labelledby="chart-{name}-title" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="chart-{name}-title">{escape(title)}</title>{body}</svg>')


def _label(text: str, limit: int = 19) -> str:
    text = text or "(no name)"
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _bars(rows: list[tuple[str, list[Segment], str]], scale: float, left: float = LABEL) -> str:
    """Horizontal stacked bars, one row each: label, segments (drawn left to right), a note after."""
    out = []
    for i, (label, segments, note) in enumerate(rows):
        y, x = i * ROW + 4, left
        out.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{label}</text>')
        for segment in segments:
            width = segment.value * scale
            if width > 0:
                out.append(f'<rect class="{segment.css}" x="{x:.1f}" y="{y}" width="{width:.1f}" height="{ROW - 6}"/>')
            x += width
        out.append(f'<text class="muted" x="{x + 4:.1f}" y="{y + 13}">{escape(note)}</text>')
    return "".join(out)


def _empty(name: str, title: str, message: str) -> str:
    return _svg(name, 40, title, f'<text class="muted" x="0" y="24">{escape(message)}</text>')


def platform_chart(rows: list[tuple[str, int, int]]) -> str:
    """Contacts per platform, met offline against never met."""
    title = "Contacts per platform, met offline and never met"
    if not rows:
        return _empty("platforms", title, "No contacts yet.")
    notes = [f"{met} · {never}" for _, met, never in rows]
    # room for the longest note after the longest bar: "13526 · 880" must not run off the chart
    scale = (WIDTH - 90 - 8 - CHAR_WIDTH * max(map(len, notes))) / max(met + never for _, met, never in rows)
    bars = [(escape(PLATFORM_NAMES.get(platform, platform)), [Segment(met, "met"), Segment(never, "never")], note)
            for (platform, met, never), note in zip(rows, notes)]
    return _svg("platforms", len(rows) * ROW + 8, title, _bars(bars, scale, left=90))


def strength_chart(strengths: list[int]) -> str:
    """How many contacts fall into each tenth of the strength scale."""
    title = "Contacts by strength"
    counts = [sum(1 for s in strengths if low <= s <= high) for low, high in STRENGTH_BINS]
    height, base, step = 220, 190, (WIDTH - 40) / len(STRENGTH_BINS)
    scale = (base - 20) / max(max(counts), 1)
    out = [f'<line class="axis" x1="20" y1="{base}" x2="{WIDTH - 20}" y2="{base}" stroke-width="1"/>']
    for i, ((low, high), count) in enumerate(zip(STRENGTH_BINS, counts)):
        x, h = 20 + i * step, count * scale
        out.append(f'<rect class="bar" x="{x + 3:.1f}" y="{base - h:.1f}" width="{step - 6:.1f}" height="{h:.1f}"/>')
        out.append(f'<text x="{x + step / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle">{count}</text>')
        out.append(f'<text class="muted" x="{x:.1f}" y="{base + 16}" text-anchor="middle">{low}</text>')
    out.append(f'<text class="muted" x="{WIDTH - 20}" y="{base + 16}" text-anchor="middle">100</text>')
    return _svg("strength", height, title, "".join(out))


def gauge_chart(count: int) -> str:
    """The number of people with personal contact in 12 months against the 40–60 band of rule 2."""
    top = max(80, min(count + 10, GAUGE_TOP))
    scale = (WIDTH - 40) / top
    marker = "marker warn" if count < 40 else "marker"
    shown = min(count, top)  # beyond the axis the marker waits at its end, and the break says so
    label = (f'<text x="{WIDTH - 20}" y="78" text-anchor="end">{count} people (beyond the scale)</text>'
             if count > top else
             f'<text x="{min(max(20 + count * scale, 50), WIDTH - 50):.1f}" y="78" text-anchor="middle">{count} people</text>')
    broken = (f'<path class="axis" d="M{WIDTH - 34} 16 l6 18 M{WIDTH - 28} 16 l6 18" stroke-width="2"/>'
              if count > top else "")
    body = (f'<rect class="band" x="{20 + 40 * scale:.1f}" y="10" width="{20 * scale:.1f}" height="30"/>'
            f'<line class="axis" x1="20" y1="25" x2="{WIDTH - 20}" y2="25" stroke-width="2"/>{broken}'
            f'<rect class="{marker}" x="{20 + shown * scale - 3:.1f}" y="6" width="6" height="38"/>'
            f'<text class="muted" x="{20 + 40 * scale:.1f}" y="58" text-anchor="middle">40</text>'
            f'<text class="muted" x="{20 + 60 * scale:.1f}" y="58" text-anchor="middle">60</text>'
            f'<text class="muted" x="20" y="58">0</text>{label}')
    return _svg("gauge", 84, "People with personal contact in the last 12 months, against 40 to 60", body)


def circle_chart(rows: list[tuple]) -> str:
    """The core circle, each contact's strength split into its four components."""
    title = "Core circle: strength by component"
    if not rows:
        return _empty("circle", title, "Nobody yet: no contact has any strength.")
    scale, height = (WIDTH - LABEL - 30) / 100, len(rows) * ROW + 4
    bars = [(_label(name), [Segment(v, css) for v, css in zip(parts, COMPONENTS)], str(strength))
            for name, strength, *parts in rows]
    ticks = "".join(f'<line class="axis" x1="{LABEL + t * scale:.1f}" y1="0" x2="{LABEL + t * scale:.1f}" y2="{height}"/>'
                    f'<text class="muted" x="{LABEL + t * scale:.1f}" y="{height + 16}" text-anchor="middle">{t}</text>'
                    for t in (0, 50, 100))
    return _svg("circle", height + 22, title, ticks + _bars(bars, scale))


def reciprocity_chart(rows: list[tuple[str, float, float]]) -> str:
    """Received (to the left) against given (to the right), for the contacts with the most exchanges."""
    title = "Given and received, per contact"
    if not rows:
        return _empty("reciprocity", title, "No exchanges yet.")
    middle = LABEL + (WIDTH - LABEL) / 2
    scale = ((WIDTH - LABEL) / 2 - 40) / max(max(g, r) for _, g, r in rows)
    out = [f'<line class="axis" x1="{middle:.1f}" y1="0" x2="{middle:.1f}" y2="{len(rows) * ROW + 8}" stroke-width="1"/>']
    for i, (name, given, received) in enumerate(rows):
        y = i * ROW + 4
        out.append(f'<text x="{LABEL - 6}" y="{y + 13}" text-anchor="end">{_label(name)}</text>')
        out.append(f'<rect class="received" x="{middle - received * scale:.1f}" y="{y}" '
                   f'width="{received * scale:.1f}" height="{ROW - 6}"/>')
        out.append(f'<rect class="given" x="{middle:.1f}" y="{y}" width="{given * scale:.1f}" height="{ROW - 6}"/>')
        out.append(f'<text class="muted" x="{middle - received * scale - 4:.1f}" y="{y + 13}" '
                   f'text-anchor="end">{received:g}</text>')
        out.append(f'<text class="muted" x="{middle + given * scale + 4:.1f}" y="{y + 13}">{given:g}</text>')
    return _svg("reciprocity", len(rows) * ROW + 8, title, "".join(out))
