"""Write ``src/ingest/sources/data/date_names.csv``: the words of dates in every language the date reader knows.

Month and weekday names come from CLDR through babel (format and stand-alone forms: Facebook wrote
"4 grudzień 2016" with the Polish nominative where CLDR's format form is "grudnia"). The words between
date and time come from CLDR's long date patterns and from Facebook's F0 time stamps, as collected by
fbchat-archive-parser (``fbchat_archive_parser/time.py``, ``tests/test_timestamps.py``). The words for the
two halves of a 12-hour clock ("下午", "CH") are CLDR's AM and PM, less the Latin forms ("AM", "p.m.") that
the reader's time pattern reads itself, and Facebook's own where it wrote others. Leet Speak was one of
Facebook's languages; its names are Facebook's own and in no CLDR locale.

Run by hand after changing a list below or upgrading babel:
    .venv/bin/python scripts/make_date_names.py
``tests/test_dates.py`` checks that the file is what this script writes.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "ingest" / "sources" / "data" / "date_names.csv"

# Language → the CLDR locales whose names it takes. These are the languages of Facebook's F0 exports
# seen by fbchat-archive-parser (25 forms, 21 languages); Serbian both in Cyrillic and Latin.
LOCALES = {
    "cs": ("cs",), "da": ("da",), "de": ("de", "de_AT"), "en": ("en", "en_GB"), "es": ("es",), "fi": ("fi",),
    "fr": ("fr",), "hr": ("hr",), "hu": ("hu",), "it": ("it",), "lt": ("lt",), "nb": ("nb",), "nl": ("nl",),
    "pl": ("pl",), "pt": ("pt", "pt_PT"), "ro": ("ro",), "ru": ("ru",), "sk": ("sk",), "sl": ("sl",),
    "sr": ("sr", "sr_Latn"), "sv": ("sv",),
    # Vietnamese, whose months are numbered ("18 tháng 4, 2015"), seen in a Vietnamese HTML export of 2021
    # (vanhai260300/MyFaceBook): its times were all unread
    "vi": ("vi",),
    # Chinese, its months numbered too ("3 月 18, 2023 8:12:40 上午" in 2025, VoidPharah41/fb_old; "2020年9月14日
    # 下午7:26" in 2021, AlanZJW/fb), Thai ("ส.ค. 19, 2016 11:21:07 pm", questghostz-ux/my-profile, 2026: the
    # Gregorian year, not the Buddhist era) and Arabic ("يوليو ١٢, ٢٠٢٣ ١٠:١١:١٢ ص", Mahmmadzoude/shiny-disco),
    # seen in HTML exports whose times were all unread
    "zh": ("zh", "zh_Hant"), "th": ("th",), "ar": ("ar",),
}
# Words Facebook put between date and time ("um", "a las", "kl.", "г. в") that CLDR's patterns lack.
CONNECTORS = {
    "cs": "v ve", "da": "kl den", "de": "um uhr", "en": "at on", "es": "a la las", "fi": "kello klo",
    "fr": "à le", "hr": "u", "hu": "", "it": "alle ore il", "lt": "", "nb": "kl den", "nl": "om",
    "pl": "o", "pt": "às a", "ro": "la", "ru": "в", "sk": "o", "sl": "ob", "sr": "у u", "sv": "kl den",
    "vi": "lúc", "zh": "", "th": "", "ar": "",
}
LEET = {
    "month": ["j4nu4ry", "f3bru4ry", "m4rch", "4pr!1", "m4y", "j00n", "j00lai", "4ugu57", "53p73mb3r",
              "0c70b3r", "n0v3mb3r", "d3c3mb3r"],
    "weekday": ["m0nd4y", "2u5d4y", "w3dn3sd4y", "7hur5d4y", "r3b3cc4 b14k d4y", "547rd4y", "5und4y"],
    "connector": ["@", "at"],
}
# Month abbreviations Facebook's HTML variant writes that CLDR's lack: French "fév" ("fév 09, 2021
# 2:59:21pm"; CLDR has "févr."), seen in a French HTML export of 2021 (hunchoap/fbdata), where every
# February record was otherwise undated and its messages dropped.
FACEBOOK_MONTHS = {"fr": {2: ["fév"]}}
# Facebook's own words for AM and PM where CLDR's differ: Vietnamese "sáng" and "chiều" ("Tháng 6 14, 2023
# 4:25:08chiều"; CLDR's "CH" is met too, "Tháng 8 9, 2025 2:05:33 ch"), seen in Vietnamese HTML exports of
# 2022-2026 (nhoo6199/vbhk, phongpro321/MessageFB, Bangsaint05/abc123, nktuyen/FacebookFollowersComparison), every
# one of their times unread. Each word comes with every hour from 1 to 12: AM and PM, not CLDR's day periods,
# where "chiều" is the afternoon only.
FACEBOOK_PERIODS = {"vi": {"am": ["sáng"], "pm": ["chiều"]}}
# A period's number is the hours it adds to a 12-hour clock's (12 am is 0:00)
PERIOD_HOURS = {"am": 0, "pm": 12}
# "AM", "p.m.", "a.\u202fm.": read by the reader's time pattern itself, for every language alike
READ_BY_CLOCK = re.compile(r"[ap]\.?\s?m\.?", re.IGNORECASE)
# Chinese writes numbers against their units ("4月", "2020年9月14日"); the reader parts them with a space
# (``dates._tokens``), so names are written so too: "4 月", as Facebook's HTML of 2025 writes it
HAN_DIGIT = re.compile(r"(?<=\d)(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])(?=\d)")
HEADER = ["language", "kind", "number", "name"]


def clean(name: str) -> str:
    """The form the reader compares: NFC, casefolded, without the dots of abbreviations ("Sept.", "kl."), numbers
    parted from Chinese units ("4 月")."""
    return HAN_DIGIT.sub(" ", unicodedata.normalize("NFC", name).casefold().strip(". "))


def cldr_rows(language: str) -> set[tuple[str, str, str, str]]:
    from babel import Locale

    rows = set()
    for code in LOCALES[language]:
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                rows |= {(language, "month", str(n), clean(v)) for n, v in locale.months[context][width].items()}
            # babel counts weekdays from Monday = 0; the reader uses ISO numbers (Monday = 1)
            rows |= {(language, "weekday", str(n + 1), clean(v)) for n, v in locale.days[context]["wide"].items()}
        for width in ("full", "long"):
            rows |= {(language, "connector", "", clean(w)) for w in pattern_words(locale.date_formats[width].pattern)}
        rows |= period_rows(language, locale)
    rows |= {(language, "connector", "", w) for w in CONNECTORS[language].split()}
    rows |= {(language, "month", str(n), clean(w)) for n, words in FACEBOOK_MONTHS.get(language, {}).items()
             for w in words}
    rows |= {(language, "period", str(PERIOD_HOURS[half]), clean(w))
             for half, words in FACEBOOK_PERIODS.get(language, {}).items() for w in words}
    return rows


def pattern_words(pattern: str) -> list[str]:
    """The words a date pattern writes: quoted ("'de'", "'г'.") and, in scripts without letters of the pattern
    alphabet, unquoted ("年" and "日" of "y年M月d日")."""
    quoted = re.findall(r"'([^']+)'", pattern)
    unquoted = re.findall(r"[^\sA-Za-z'.,\-/]+", re.sub(r"'[^']*'", " ", pattern))
    return [w for literal in quoted + unquoted for w in literal.split()]


def period_rows(language: str, locale) -> set[tuple[str, str, str, str]]:
    """CLDR's words for AM and PM ("上午", "ص"), but the Latin forms the reader's time pattern reads."""
    names = {(half, locale.day_periods["format"][width].get(half)) for width in ("abbreviated", "wide")
             for half in PERIOD_HOURS}
    return {(language, "period", str(PERIOD_HOURS[half]), clean(name)) for half, name in names
            if name and not READ_BY_CLOCK.fullmatch(name)}


def leet_rows() -> set[tuple[str, str, str, str]]:
    return {("leet", kind, str(n) if kind != "connector" else "", name)
            for kind, names in LEET.items() for n, name in enumerate(names, 1)}


def table() -> str:
    rows = _without_ambiguous_periods(set().union(*map(cldr_rows, LOCALES), leet_rows()))
    _check_one_meaning(rows)
    out = io.StringIO()
    out.write("# Generated by scripts/make_date_names.py from CLDR (babel) and Facebook's own strings; do not edit.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(sorted(rows, key=lambda r: (r[0], r[1], int(r[2] or 0), r[3])))
    return out.getvalue()


def _without_ambiguous_periods(rows: set) -> set:
    """Words for AM or PM that mean something else in another language are left out ("de", AM in Hungarian,
    is "of" in Spanish and Portuguese): in "4 de nov 2016 9:07" no other word tells which language it is."""
    meanings: dict[str, set] = {}
    for _, kind, number, name in rows:
        meanings.setdefault(name, set()).add((kind, number))
    return {row for row in rows if row[1] != "period" or len(meanings[row[3]]) == 1}


def _check_one_meaning(rows: set) -> None:
    """A word means one thing within one language, or the reader could not tell what it read."""
    meanings: dict[tuple[str, str], set] = {}
    for language, kind, number, name in rows:
        meanings.setdefault((language, name), set()).add((kind, number))
    clashes = {key: value for key, value in meanings.items() if len(value) > 1}
    if clashes:
        sys.exit(f"words with two meanings in one language: {sorted(clashes)}")


if __name__ == "__main__":
    OUT.write_text(table(), encoding="utf-8")
    print(f"wrote {OUT}")
