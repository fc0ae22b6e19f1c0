"""Which Windows code page ("ANSI"), or Mac OS Roman, a text file that is not UTF-8 is in, decided once from the whole
file's bytes.

Windows programs write CSV and vCards in the code page of the user's Windows, whatever the language of their
header: Outlook for Windows' contacts CSV with the English header on a Russian, Polish, Greek, Turkish, Hebrew or
Japanese Windows (Exchange's OutlookCsvLanguageSelect lists Greek with the English names and code page 1253). Read as
cp1252 every such name was mojibake ("Íàòàëüÿ" for "Наталья"), silently. Each code page is tried on the words that
hold a byte above 0x7F, and the one under which most of them read as a word of one of its languages wins; a tie goes
to the earlier in ``ANSI`` (cp1252 first: a German "Müller" reads the same in cp1250, cp1252 and cp1257). A word reads
as one when it is letters only, of the code page's script (Latin words' accented letters all of one language's
alphabet), cased as words are ("Наталья", "НАТАЛЬЯ"; not "ЕлЭнз", which is "Ελένη" read as Cyrillic). On a tie the
code page under which most words are of one language wins, then the earlier.

Decided once per file, never per row or card: a file is written by one Windows, in one code page. Not by
charset-normalizer (in the lock file, through requests): an address book is a few hundred short names, too little
for its statistics; it chose wrongly for 14 of 21 small invented address books (Polish, Czech, German and French
ones among them), where these rules choose rightly for all (``tests/test_codepages_sweep16.py``).

Excel for Mac saves "Comma Separated Values" in Mac OS Roman, as Excel for Windows saves it in the ANSI code page
("it uses your locale's Windows or Mac codepage", donatstudios.com/CSV-An-Encoding-Nightmare): a LinkedIn
Connections.csv or a journal saved again on a Mac. Its accented letters are bytes 0x80-0x9F, which cp1252 reads as
"MŸller" or not at all, and cp1250 as words of two languages ("Jšrg Mźller": Czech, Polish): Mac OS Roman reads them
as words of one ("Jörg Müller"), so it is a candidate too, with the Western European languages, after the Windows
ones (a tie goes to Windows).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

MAC_ROMAN = "mac-roman"
# Latin code pages: the accented letters of the languages written in each. Icelandic (ð, þ, ý) is left out of cp1252:
# Turkish read as cp1252 is Icelandic-looking ("Ayþe Yýldýrým"), and an Icelandic name refused by every code page
# still goes to cp1252 on the tie.
ALPHABETS = {
    "cp1252": ("äöüß", "àâæçéèêëîïôœùûüÿ", "áéíñóúü", "àáâãçéêíóôõú", "àèéìíîòóùú", "áàäéèëíïóöúü", "åäöé",
               "æøåéóòêô", "äöåšž", "àçèéíïòóúü"),
    "cp1250": ("áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž", "ąćęłńóśźż", "áéíóöőúüű", "čćđšž", "ăâîşţ", "çë", "äöüß"),
    "cp1254": ("çğıİöşüâîû",),
    "cp1257": ("ąčęėįšųūž", "āčēģīķļņšūž", "äöõüšž"),
}
ALPHABETS[MAC_ROMAN] = ALPHABETS["cp1252"]
# Other code pages: the script of their words (the first word of a letter's Unicode name). Korean names are Hangul:
# Chinese read as cp949 is Hanja (and Hangul), Korean read as cp936 Chinese characters, so Hanja counts as no Korean.
SCRIPTS = {"cp1251": {"CYRILLIC"}, "cp1253": {"GREEK"}, "cp1255": {"HEBREW"}, "cp1256": {"ARABIC"},
           "cp874": {"THAI"}, "cp932": {"CJK", "HIRAGANA", "KATAKANA"}, "cp949": {"HANGUL"},
           "cp936": {"CJK"}, "cp950": {"CJK"}}
# Hebrew before Cyrillic: Hebrew's letters are cp1251's lower-case ones, and a Cyrillic name's capital is no Hebrew.
# The East Asian ones before Thai, whose letters their bytes also spell; Japanese, then Korean before Chinese (Korean
# read as cp936 is Chinese characters; Chinese read as cp949 is Hanja, no Korean name). Simplified and Traditional
# Chinese read each other as Chinese characters: a tie, which goes to Simplified.
ANSI = ("cp1252", "cp1250", "cp1255", "cp1251", "cp1253", "cp1254", "cp1257", MAC_ROMAN, "cp1256", "cp932", "cp949",
        "cp936", "cp950", "cp874")
WHAT = {"cp1252": "Western European", "cp1250": "Central European", "cp1251": "Cyrillic", "cp1253": "Greek",
        "cp1254": "Turkish", "cp1257": "Baltic", "cp1255": "Hebrew", "cp1256": "Arabic", "cp874": "Thai",
        "cp932": "Japanese", "cp949": "Korean", "cp936": "Simplified Chinese", "cp950": "Traditional Chinese",
        MAC_ROMAN: "Mac OS Roman"}
# bytes of lines holding a non-ASCII byte: a large file is judged by its first 64 KiB of them, thousands of words
# (1 MiB of Cyrillic names took 12.6 s to judge; 64 KiB of them, distinct words judged once, under 0.1 s)
MAX_SAMPLE = 1 << 16
_EIGHT_BIT = re.compile(rb"[\x80-\xff]")
# runs of letters (any but ASCII's other characters); the words are those holding a letter beyond ASCII. One pattern
# for both took time growing with the square of a run of ASCII letters (40,000 "A"s: still running after 30 s)
_LETTERS = re.compile(r"[^\x00-\x40\x5b-\x60\x7b-\x7f]+")
_CASED_ONCE = re.compile(r"U?L*|U+")  # "Anna", "anna", "ANNA"
_CASED = re.compile(r"U?L*|U+|UL+UL+")  # and in Latin "McDonald", "MacÁrtaigh"


def sample(lines) -> bytes:
    """The lines (bytes) that hold a byte above 0x7F and are not UTF-8, up to ``MAX_SAMPLE`` bytes: what tells a
    code page (a vCard file may hold UTF-8 cards beside others)."""
    kept, size = [], 0
    for line in lines:
        if size >= MAX_SAMPLE:
            break  # the rest of a large file is not read for it
        if _EIGHT_BIT.search(line) and not _utf8(line):
            kept.append(line)
            size += len(line)
    return b"\n".join(kept)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# remembered: detection decodes one file's head once for each source that looks at it (38 times for an Outlook
# contacts CSV in cp1251, 1.2 s of judging the same words again)
@lru_cache(maxsize=32)
def code_page(data: bytes, candidates: tuple[str, ...] = ANSI) -> str:
    """The code page among ``candidates`` under which most words of ``data`` read as words (``readable``);
    a tie to the one whose words are most of one language, then to the earlier; the first when none reads more
    of them as words than not."""
    scores = [(*_score(data, codec), -rank, codec) for rank, codec in enumerate(candidates)]
    if not scores:
        return "cp1252"
    # No code page reads more of the words as words than not ("Jörg" and "Café \x81" of a Latin-1 file, where
    # cp1251's "Ѓ" outscored the code pages that cannot decode 0x81): no evidence, the first (a reader falls back
    # to Latin-1 where it cannot decode the bytes)
    best = max(scores)
    return best[-1] if best[0] >= 0 else candidates[0]


def _score(data: bytes, codec: str) -> tuple[int, int]:
    """The words read as words less the others; then how many read as words of one language (``_one_language``).
    Each distinct word is judged once: an address book repeats its first names and companies."""
    try:
        words = Counter(word for word in _LETTERS.findall(data.decode(codec)) if not word.isascii())
    except UnicodeDecodeError:
        return -(1 << 30), 0
    read = Counter({word: n for word, n in words.items() if readable(word, codec)})
    return 2 * read.total() - words.total(), _one_language(read, codec)


# A few Turkish names read as cp1250 are words as often as in cp1254, each of another language: "Ayşe Yıldırım
# İsmail Şahin" as Romanian "Ayţe", "Ţahin" and Czech "Yýldýrým", "Ýsmail" (a Turkish journal of two people, sweep
# 16b). On such a tie the code page whose words are most of them of one language wins.
def _one_language(words: Counter, codec: str) -> int:
    """How many of the (readable) words are words of the one language of ``codec`` that has most of them."""
    if codec not in ALPHABETS:
        return words.total()
    return max(sum(n for word, n in words.items() if _accented(word) <= set(alphabet))
               for alphabet in ALPHABETS[codec])


def readable(word: str, codec: str) -> bool:
    """Whether ``word`` (holding a non-ASCII character) is a word of a language written in ``codec``."""
    if not word[0].isalpha() or not all(unicodedata.category(c)[0] in "LM" for c in word):
        return False
    scripts = {_script(c) for c in word if not c.isascii() and c.isalpha()}
    if codec in ALPHABETS:
        return scripts == {"LATIN"} and _cased(word, latin=True) and any(
            _accented(word) <= set(alphabet) for alphabet in ALPHABETS[codec])
    # Japanese writes kanji, hiragana and katakana in one word ("江東の展示会で", "ケンさん")
    return scripts <= SCRIPTS.get(codec, set()) and not any(c.isascii() for c in word) and _cased(word, latin=False)


def _accented(word: str) -> set[str]:
    return {c.lower() if c != "İ" else c for c in word if not c.isascii()}


def _script(char: str) -> str:
    return re.split(r"[ -]", unicodedata.name(char, "UNKNOWN"))[0]


def _cased(word: str, latin: bool) -> bool:
    cases = "".join("U" if c.isupper() else "L" for c in word if c.isupper() or c.islower())
    return bool((_CASED if latin else _CASED_ONCE).fullmatch(cases))
