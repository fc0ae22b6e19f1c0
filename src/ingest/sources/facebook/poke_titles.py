"""Who poked whom, by the sentence a poke is written as in every vintage: F0's ``html/pokes.htm`` (f0.py) and the
``pokes.html`` pages of 2019 on (html_titles.py). The poker comes first in every language seen."""

from __future__ import annotations

import re

# Each form reads the poker to the first verb only (an atomic group, "(?>…)"): a later verb cannot make a pokee of
# what did not end as one at the first, and trying each one took the square of the length ("A hat A hat …", 20,000
# characters: 0.4 s); spaces before a glued verb are looked for where their run starts, the run taken whole.
POKE_FORMS = (
    # English: F0 "A poked B", "… for the 3 time in a row"; the pages of 2019-2024 add "A poked B back"
    # (ishfaqlp4/mahbubkhan your_activity_across_facebook/other_activity/pokes.html, 2024; Kyrozyn/fb_history) [C]
    re.compile(r"^(?>(?P<poker>.+?) poked )(?P<pokee>.+?)(?: back| for the \d\w*+ time in a row)?$"),
    re.compile(r"^(?>(?P<poker>.+?) hat )(?P<pokee>.+?) angestupst$"),  # German, F0 of 2014
    # Spanish: F0 of 2017 "A le dio un toque a B", "le devolvió"; 2024 "A le ha dado un toque a B"
    # (DskyDsky/Aldemar-Snow- your_facebook_activity/other_activity/pokes.html) [C]
    re.compile(r"^(?>(?P<poker>.+?) le (?:dio|devolvió|ha dado) un toque a )(?P<pokee>.+?)$"),
    # French, 2021 (hunchoap/fbdata other_activity/pokes.html): "A a envoyé un poke à B", "A a envoyé 2 pokes
    # d’affilée à B" [C]
    re.compile(r"^(?>(?P<poker>.+?) a envoyé (?:un poke|\d++ pokes d['’]affilée) à )(?P<pokee>.+?)$"),
    # Vietnamese, 2021 (vanhai260300/MyFaceBook other_activity/pokes.html, 17 pokes): "A đã chọc B.", "A đã chọc
    # B 4 lần liên tiếp" (4 times in a row); a deleted account's poke has no poker, "  đã chọc B" [C]
    re.compile(r"^(?>(?P<poker>.*?)(?<!\s)\s*+đã chọc )(?P<pokee>.+?)\.?(?: \d++ lần liên tiếp)?$"),
    # Traditional Chinese, 2025 (VoidPharah41/fb_old other_activity/pokes.html, 501 titles), the names glued to
    # the verb: "<A>戳了<B>", "<A>連續戳了<B> 3 次" (3 times in a row), "<A>回戳<B>" (poked back); a Latin name set
    # apart by spaces, "Lena Vogel 戳了<B>" [C]
    re.compile(r"^(?>(?P<poker>.(?:.*?(?<!\s))??)\s*+(?:連續戳了|戳了|回戳))\s*(?P<pokee>.+?)"
               r"(?:(?<!\s)\s++\d++\s*+次)?$"),
)


def poke_sides(text: str) -> tuple[str, str] | None:
    """(poker, pokee) of a poke's sentence, either empty for a deleted account; None in a form not known."""
    for form in POKE_FORMS:
        found = form.match(text)
        if found:
            return found["poker"].strip(), found["pokee"].strip()
    return None
