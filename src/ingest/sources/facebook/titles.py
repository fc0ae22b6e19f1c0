"""Who the title of one of the owner's reactions or comments names, in any language (formats.md §1.6).

The counterpart is only in a sentence in the account's language: "Lena Vogel reacted to Omar
Haddad's post.", "Lukas har reageret på Mette Hansens opslag.", "A Davide piace il post di Dario".
The method is the name of a person the same export knows (a friend, a follower, a request, a
thread's participant, a poke) found inside the title, whatever words surround it. A table of
sentence forms per language is the fallback for a person the export names nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from ..text_repair import repair

# Longest name looked for, in words: "Anna Maria de la Cruz Fernández" has six.
MAX_WORDS = 6
_LEADING = "\"'(“„«‚‘[¿¡"
_TRAILING = ".,:;!?)\"'”»’‘]"
_APOSTROPHES = ("'", "’")
# One lowercase word of up to three letters ("de", "la", "smb"): a sentence's word, not a name to look for.
_LITTLE_WORD = re.compile(r"[^\W\d_A-Z]{1,3}")
# Scripts whose titles glue a name to the words around it, with no space: Chinese "吳志明說林怡婷的貼文讚。"
# (VoidPharah41/fb_old, 2025), Japanese "<owner>さんが<X>さんの投稿に…" [C]; Korean particles are glued to names the
# same way [U: no Korean title seen]. In such a title a name is looked for at every character, not every word.
GLUED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]")


def squeeze(text: str) -> str:
    """Runs of whitespace collapsed to one space: a title may write a name with two ("… wrote on Ilka  Moravec's
    timeline." beside a tag "Ilka Moravec" in one your_posts_1.json, HunterHillis/FBPostingHabitsAnalysis), and
    the two spellings must not be two people."""
    return " ".join(text.split())


class UnknownLanguage(ValueError):
    """A title that names nobody the export knows, in a language whose sentences this version cannot
    take apart: guessing would turn words into people."""


class KnownNames:
    """Names of the people an export knows, by their words; the owner's names kept apart, as the
    owner's own name opens most titles ("Lukas har reageret på …")."""

    def __init__(self, names: Iterable[str] = (), owner: Iterable[str] = (),
                 not_people: set[str] = frozenset()) -> None:
        self.refs: dict[str, str] = {}
        self.owner: set[str] = set()
        self.first_words: set[str] = set()
        self.widest = 1  # words of the longest name
        self._starts: dict[str, bool] = {}  # word → whether a name may start with it: titles repeat their words
        self._by_char: dict[str, list[str]] | None = None  # first character → names, longest first (GLUED titles)
        self.not_people = not_people  # the groups and pages the export lists (listed_pages.page_key)
        for name in owner:
            self.add_owner(name)
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        key = squeeze(name)
        if _LITTLE_WORD.fullmatch(key):
            # a French HTML export of 2021 (hunchoap/fbdata) has message blocks whose first line, read as the
            # sender, is "de": as a known name it stood in every title ("… la publication de …") [C]
            return
        if key and key not in self.owner and key not in self.refs:
            self.refs[key] = name
            self._add_first(key)

    def add_owner(self, name: str | None) -> None:
        """One of the owner's names; the actor of a reaction or the author of a comment is always the owner."""
        key = squeeze(name) if name else ""
        if key and key not in self.owner:
            self.owner.add(key)
            self.refs.pop(key, None)
            self._add_first(key)

    def _add_first(self, key: str) -> None:
        """Note a new name's first word and width; the caches are dropped only when the name changes them, as
        names keep coming while the titles are read (``Batch.learn``)."""
        first = key.split(" ", 1)[0]
        if first not in self.first_words:
            self.first_words.add(first)
            self._starts.clear()
        self.widest = max(self.widest, min(MAX_WORDS, key.count(" ") + 1))
        self._by_char = None

    def __len__(self) -> int:
        return len(self.refs)

    def __contains__(self, name: str) -> bool:
        return squeeze(name) in self.refs

    def find(self, title: str, actor: str | None = None) -> str | None:
        """The first known person in ``title`` other than the owner and ``actor``; at each place
        the longest name wins, so the owner "Anna Müller" is never read as a friend "Anna"."""
        self.add_owner(actor)
        if GLUED.search(title):
            return self._find_glued(squeeze(title))
        words = title.split()
        start = 0
        while start < len(words):
            if self._may_start(words[start]):
                found, width = self._at(words, start)
                if found is not None:
                    return found
                start += width
            else:
                start += 1
        return None

    def _find_glued(self, title: str) -> str | None:
        """``find`` in a title of a GLUED script, character by character: "吳志明說林怡婷的貼文讚。" is one word
        (VoidPharah41/fb_old, 2025: 1,507 titles were refused as naming nobody, in an export of 343 friends)."""
        index = self._glued_index()
        at = 0
        while at < len(title):
            key = next((k for k in index.get(title[at], ()) if title.startswith(k, at) and apart(title, at, len(k))),
                       None)
            if key is not None and key not in self.owner:
                return self.refs[key]
            at += len(key) if key else 1
        return None

    def _glued_index(self) -> dict[str, list[str]]:
        if self._by_char is None:
            index: dict[str, list[str]] = {}
            # one character is no name to look for inside words ("王" stands in names and sentences alike)
            for key in sorted((k for k in (*self.owner, *self.refs) if len(k) > 1), key=len, reverse=True):
                index.setdefault(key[0], []).append(key)
            self._by_char = index
        return self._by_char

    def _may_start(self, word: str) -> bool:
        known = self._starts.get(word)
        if known is None:
            known = not self.first_words.isdisjoint(forms([word]))
            if len(self._starts) < 100_000:
                self._starts[word] = known
        return known

    def _at(self, words: list[str], start: int) -> tuple[str | None, int]:
        """(the known person whose name starts at ``start``, how many words to move on)."""
        for width in range(min(self.widest, len(words) - start), 0, -1):
            for key in forms(words[start:start + width]):
                if key in self.owner:
                    return None, width
                if key in self.refs:
                    return self.refs[key], width
        return None, 1


def apart(text: str, start: int, width: int) -> bool:
    """Whether ``text[start:start + width]`` stands apart from its neighbours: a space or punctuation at each end,
    or a GLUED character on one side ("說Lena Vogel的", never "Anna" in "Annabel")."""
    return _edge(text, start - 1, start) and _edge(text, start + width - 1, start + width)


def _edge(text: str, left: int, right: int) -> bool:
    if left < 0 or right >= len(text):
        return True
    return not all(c.isalnum() and not GLUED.match(c) for c in (text[left], text[right]))


def opens_with(title: str, name: str) -> str | None:
    """The rest of ``title`` after the name it opens with, None when it opens with another: "Lena Vogel poked …",
    or the name glued to a verb of a GLUED script, "吳志明戳了林怡婷"."""
    rest = title[len(name):] if name and title.startswith(name) else None
    if rest is None or not (rest[:1].isspace() or GLUED.match(rest[:1])):
        return None
    return rest.lstrip()


def forms(words: list[str]) -> list[str]:
    """The words as a name might stand in a title: as written without the punctuation around them,
    and without a possessive ending: English "'s", Danish, German and Swedish "s" ("Mette Hansens
    opslag"), Turkish "'ın" ("Ahmet Yılmaz'ın gönderisi")."""
    text = " ".join(words).lstrip(_LEADING).rstrip(_TRAILING)
    found = [text]
    cut = max(text.rfind(a) for a in _APOSTROPHES)
    if cut > 0 and " " not in text[cut:]:
        found.append(text[:cut])
    elif text.endswith("s") and len(words[-1]) > 2:
        found.append(text[:-1])
    return found


class Language(NamedTuple):
    """The sentence forms of one language: the verbs that start the rest of the title (after the actor), then
    where the other person sits: ``timeline``, a post written on another's timeline, looked for first, as its
    object may start with an article ("added a new photo to Aylin Demir's timeline."); ``no_person``, words that
    mean "no other person" (a post, his own post); ``target``, the other forms."""

    verb: re.Pattern
    no_person: re.Pattern | None
    target: re.Pattern
    timeline: re.Pattern | None = None


# What a German title names after a person in the genitive ("Till Brandts Link", "Hans' Foto"), each word also the
# start of longer ones ("Fotos", "Statusmeldung"): "Link" [C: code index id 27252527107], the others from Facebook's
# German interface [U].
_DE_OBJECTS = "|".join(("Beitrag", "Kommentar", "Antwort", "Foto", "Profilbild", "Titelbild", "Bild", "Album", "Video",
                        "Link", "Chronik", "Status", "Notiz", "Veranstaltung", "Story"))
# A genitive without an apostrophe is a name's and starts with a capital: not the "das" of "gefällt das Foto von …".
_DE_NAME = r"[^\W\d_a-zäöüß]"

# The fallback: sentence forms per language. English is confirmed; the reactions to stories of an English HTML export
# of 2021 (Mdfee/faria.github.io stories/story_reactions.html, 4,886 titles) say the reaction in the verb: "loved",
# "haha'd", "liked", "was sad about", "wowed", "was angry about" X's story or a story; 3 say "reacted to", none
# "cared" [C]. German assumed from Facebook's German interface [U: no German export seen], but for the genitive
# without an apostrophe, as German writes it: "<owner> gefällt Till Brandts Link." (2010, code index id 27252527107)
# [C]; Danish from a 2021 Danish export (NorseKode/Waultar-App test data: "synes godt om", "syntes godt om", "har
# kommenteret"; "har reageret på" from issue 13) [C]. English titles of posts (posts.py): "wrote on" [C: code index id
# 9934638788 splits wall posts at " wrote on your timeline."], "posted in", "updated", "shared", "added" [U: forms of
# Facebook's English activity log, no export seen]; "added a new photo to X's timeline.", "shared a post to X's
# timeline." [C: posts/your_posts_1.json of AngadLC/facebookpostanlaysis (2021), kis81/dataday3 (2023), Rishika-Drona
# (2022), 18 records]. A group's admin in groups/your_posts_and_comments_in_groups.html (Kyrozyn/fb_history, 2021):
# "uploaded a file in the group: …", "changed the privacy setting of <group> to secret.", "created a poll in <group>.",
# naming nobody, and "welcomed <person> to <group>.", the person welcomed [C]; refused as "language not recognised".
TITLE_LANGUAGES = (
    # the bare "<owner> commented." (a comment on nothing named: 5 of the 262 comment titles of ishfaqlp4/mahbubkhan
    # your_activity_across_facebook/comments_and_reactions/comments.html, 2024), its object the full stop as in
    # French below, naming nobody [C]
    Language(re.compile(r"^(?:(?:likes|liked|loves|loved|haha['’]d|wowed|was (?:sad|angry) about|reacted to|"
                        r"commented on|replied to|wrote on|responded to|posted (?:in|on|to)|updated|shared|added|"
                        r"uploaded|changed|created) |commented(?=\.$))(?P<object>.+)$"),
             re.compile(r"^(?:(?:a|an|the|his|her|their|your|my|this|its|own)\b|\.$)", re.IGNORECASE),
             re.compile(r"^(?P<target>.+?)(?:'s|’s|'|’)\s"),
             # from the first "to " only (``(?>…)``): tried after each, "to to to …" took the square of its length
             re.compile(r"^(?>(?s:.*?)\bto )(?P<target>.+?)(?:'s|’s|'|’) timeline\.?$")),
    Language(re.compile(r"^welcomed (?P<object>.+)$"), None,
             re.compile(r"^(?P<target>.+?)(?: and \d+ others?)? to \S.*$")),  # the first of those welcomed
    Language(re.compile(r"^(?:gefällt|gefiel|hat|reagierte|kommentierte|antwortete|schrieb) (?P<object>.+)$"),
             re.compile(r"^(?:auf )?(?:ein|eine|einen|einem|sein|seine|seinen|ihr|ihre|ihren|dein|deine|deinen)\b"),
             re.compile(r"(?:\bvon (?P<target>.+?)(?: (?:reagiert|kommentiert|geantwortet|geschrieben|geteilt))?\.?$)"
                        rf"|(?:^(?:auf )?(?:(?P<possessor>.+?)['’]s?|(?P<genitive>{_DE_NAME}.*?)s) "
                        rf"(?:{_DE_OBJECTS}))")),
    Language(re.compile(r"^(?:synes godt om|syntes godt om|har reageret på|har kommenteret) (?P<object>.+)$"),
             re.compile(r"^(?:et|en|sit|sin|sine|dit|din|dine)\b"),
             re.compile(r"^(?P<target>.+?)(?:s|'|’)\s+(?:opslag|billede|link|kommentar|video|status|slå op|"
                        r"tidslinje)\b")),
    # French, from a French HTML export of 2021 (hunchoap/fbdata: "a aimé la publication de X", "a répondu au
    # commentaire de X", "a commenté sa propre publication.", "aime une vidéo."; the owner's posts "a écrit sur le
    # journal de X.") [C]; the bare "<owner> a commenté." (a comment on nothing named: 2 of its 1,770 comment titles,
    # once refused as "language not recognised"), its object the full stop, naming nobody [C]
    Language(re.compile(r"^(?:a aimé|aime|a réagi à|a réagi au|a commenté|a répondu au|a répondu à|a écrit sur)"
                        r"(?: |(?=\.$))(?P<object>.+)$"),
             re.compile(r"^(?:(?:un|une|son|sa|ses|votre|vos|mon|ma|mes)\b|\.$)"),
             # "la photo de - Bonne année ! -": a caption
             re.compile(r"(?:\bde\s+|\bd['’])(?P<target>[^\W\d_].*?)\.?$")),
    # Spanish, from a Spanish HTML export of 2024 (DskyDsky/Aldemar-Snow-: "ha reaccionado al comentario de X",
    # "le gusta la publicación de X en <group>.", "ha reaccionado a una publicación."; the owner's posts "ha
    # compartido una publicación.") [C]. A JSON export of 2023 (Lucasfdz/Destripado-Facebook, likes_and_reactions_
    # 1..3.json: 6,734 of 7,331 titles) puts the owner in the dative, "A <owner> le ha gustado la foto de X.",
    # "… su publicación.", "… una foto." (_after_actor); its your_posts_1.json: "ha escrito en la biografía de X.",
    # "ha compartido un enlace en la biografía de X." [C]. "le ha encantado" [U: no export seen]. The same
    # your_posts_1.json (4,325 posts 2009-2023) has 310 posts "<owner> ha publicado algo a través de <app>."
    # (Twitter, Spotify, "Facebook para Android"), 5 "ha hecho una publicación a través de <game>." and one "ha
    # actualizado su estado.": the owner's own posts through an app, naming no person [C].
    Language(re.compile(r"^(?:ha reaccionado al|ha reaccionado a|ha comentado|ha respondido al|ha respondido a|"
                        r"le gusta|le ha gustado|le gustó|le ha encantado|ha compartido|ha escrito|ha publicado|"
                        r"ha hecho|ha actualizado) (?P<object>.+)$"),
             re.compile(r"^(?:un|una|su|sus|tu|tus|mi|mis|algo)\b"),
             re.compile(r"\bde (?P<target>.+?)(?: en .+)?\.?$"),
             re.compile(r"\ben la biografía de (?P<target>.+?)\.?$")),
    # Spanish posts of the owner's own naming no person, in the same your_posts_1.json (Lucasfdz/Destripado-Facebook,
    # 202 of 4,325 titles): "<owner>  recomienda <page>." and "<owner>  no recomienda <page>." (two spaces, a page's
    # review), "ha añadido una foto nueva.", "ha añadido <book> a libros que ha leído.", "ha estado en <place>.", "ha
    # transmitido en directo." [C].
    # What follows the verb is a page, a book or a place, never a person: only a timeline names one ("a la biografía
    # de X" [U: by the form of "ha escrito en la biografía de X."]).
    Language(re.compile(r"^(?:no recomienda|recomienda|ha añadido|ha estado en|ha transmitido) (?P<object>.+)$"),
             re.compile(""),
             re.compile(r"(?!)"),
             re.compile(r"\b(?:a|en) la biografía de (?P<target>.+?)\.?$")),
    # Vietnamese, the owner's posts of a 2024 export (Nhule0502/Facebook_analysis, your_posts__check_ins__photos_
    # and_videos_1.json: "đã viết lên trang cá nhân của X." 10 records, X at times in lower case; "đã thêm một ảnh
    # mới vào dòng thời gian của X."; "đã chia sẻ một bài viết.", "đã thêm <a book> vào Những sách cô ấy đã đọc.") [C]
    # Comments of a 2021 HTML export (vanhai260300/MyFaceBook comments/comments.html, 2018-2021): "đã bình luận về
    # bài viết của X." (also ảnh, video: photo, video), "đã trả lời bình luận của X." and "đã phản hồi bình luận của
    # X." (both "replied to X's comment"); naming nobody: "đã bình luận về một bài viết.", "đã trả lời bình luận của
    # chính anh ấy." ("his own comment"; "cô ấy", her, assumed) [C]
    Language(re.compile(r"^(?:đã viết lên|đã chia sẻ|đã thêm|đã bình luận về|đã trả lời|đã phản hồi) (?P<object>.+)$"),
             re.compile(r"^(?:(?:một|các|những)\b|.*\bcủa chính (?:anh ấy|cô ấy|họ|mình)\.?$)"),
             re.compile(r"\bcủa (?P<target>.+?)\.?$"),
             re.compile(r"\b(?:trang cá nhân|dòng thời gian) của (?P<target>.+?)\.?$")),
    # Polish, the owner's posts of a 2022 export (piter-a: "napisał na osi czasu użytkownika X.") [C]; the
    # feminine "napisała" [U: no such title seen; the feminine past tense, as "polubiła" of a reaction]. Only this
    # form is read: other Polish titles ("polubiła post użytkownika X") are read by the names the export knows.
    Language(re.compile(r"^(?:napisał|napisała) (?P<object>.+)$"),
             None,
             re.compile(r"^na osi czasu użytkownika (?P<target>.+?)\.?$")),
    # Polish posts of the owner's own, naming no person, in the same export (piter-a/FacebookDataAnalysis
    # your_posts_1.json, 2013-2021): "<owner> zmienił swój status." (changed his status, 7 records), "<owner> lubi
    # artykuł w aplikacji KWEJK.pl." (likes an article in an app), a feeling after a dash and two spaces,
    # "<owner> –  gotowy do działania." / "–  festive." / "–  podekscytowany.", "<owner>  świętował: sukces."
    # (celebrated) [C]; the feminine "zmieniła", "świętowała" [U: by the grammar, as "napisała"].
    Language(re.compile(r"^(?:(?:zmienił|zmieniła) swój status|lubi artykuł w aplikacji |– |"
                        r"(?:świętował|świętowała): )(?P<object>.*)$"),
             re.compile(""),  # every object: no other person
             re.compile(r"(?!)")),
    # Italian, the owner in the dative as in Spanish: "A <owner> piace il post di X." (the team's reference, the
    # steering notes' formats.md §1.1: "A Davide piace il post di Dario" [C]). Only this sentence is read: no other
    # Italian title was found in public exports (issue 13's sweep: none in the code index), so nothing else is
    # guessed, and a title without "di X" names nobody.
    Language(re.compile(r"^piace (?P<object>.+)$"),
             None,
             re.compile(r"\bdi (?P<target>.+?)\.?$")),
    # Japanese comments (2024-26): "<owner>さんが<X>さんの投稿にコメントしました。", each name glued to the honorific
    # さん and a particle, no space: the verb at the end, the other person before "さんの" ("X-san's") [C: code
    # index ids 59282688980 and 59599168630, a parser checked against a real export and its test; reactions and
    # posts not seen]. The actor is split off at "さんが" (``_JAPANESE_ACTOR``).
    Language(re.compile(r"^(?P<object>.+)にコメントしました。?$"),
             None,
             re.compile(r"^(?P<target>.+?)さんの")),
    # Traditional Chinese (2025: VoidPharah41/fb_old likes_and_reactions_1.html, comments.html, your_comments_in_groups
    # .html, story_reactions.html, 1,300 titles), the owner's name glued to the verb: "<owner>說X的貼文讚。" (liked X's
    # post; also 的留言 comment, 的相片 photo, 的限時動態 story, 的直播視訊 live video, 的影片, 的連結, 的生活要事),
    # "<owner>對X的貼文傳達了心情。" (reacted to), "對X的限時動態表示「大心」。", "<owner>回應了X的貼文。" (commented on),
    # "回覆了X的留言。" (replied to); a Latin name between spaces, "說 Lena Vogel 的貼文讚。"; a page's name may hold 的
    # itself ("X的臺灣生活的貼文讚。"), so X runs to the last 的 before the object. Naming nobody: "說 1 則貼文讚。",
    # "說這連結讚。", "說他自己的貼文讚。", "回應了他自己貼文。", "在自己的相片中留言。", "在<社團>發佈了貼文。" [C]
    Language(re.compile(r"^(?:說|對|回應了|回覆了|在)\s*(?P<object>.+)$"),
             re.compile(r"^(?:他自己|她自己|自己|這|\d+ 則)"),
             re.compile(r"^(?P<target>.+)的(?:貼文|留言|相片|限時動態|直播視訊|影片|連結|生活要事)")),
)
NOT_READ = "title: names no person known from this export; language not recognised"
_ACTOR_SPLIT = re.compile(r"^(?P<actor>.+?) (?P<rest>(?:likes|liked|loves|loved|haha['’]d|wowed|was (?:sad|angry) "
                          r"about|reacted|commented|replied|wrote|"
                          r"responded|posted|updated|shared|added|uploaded|changed|created|welcomed|"
                          r"gefällt|gefiel|hat|reagierte|kommentierte|"
                          r"antwortete|schrieb|synes|syntes|har|ha|no recomienda|recomienda|đã|"
                          r"napisał|napisała) .+)$")
# The Spanish dative of 2023 (Lucasfdz/Destripado-Facebook): "A Lucía Ferrer le ha gustado la foto de X." [C]; the
# Italian one, "A Davide piace il post di Dario" (steering notes' formats.md §1.1) [C]
_DATIVE = re.compile(r"^A (?P<actor>.+?) (?P<rest>(?:le (?:gusta|gustó|ha)|piace) .+)$")
_JAPANESE_ACTOR = "さんが"  # "山本 花子さんが…": the actor, the honorific and the subject particle, no space
_JAPANESE = re.compile(rf"^(?P<actor>.+?){_JAPANESE_ACTOR}(?P<rest>.+)$")
# Traditional Chinese whose actor is no name the export gives: a Page's own download of 2021 has no profile
# (ivon852/PageMCBEModPluginShareSelfTech comments_and_reactions/comments.html, 695 titles, "<Page>回覆了X的留言。",
# "<Page>回應了 X 的貼文。", page_profile_information/no-data.txt) [C]. The actor is glued to the verb: it runs to
# the last verb that starts a whole sentence of the table, as a Page's name may hold 說, 對 or 在 ("…小說…對話說X的
# 貼文讚。"); 說 and 對 only before their own endings. The sentences as (verb, the endings before its full stop),
# "「」" standing for 表示「<what was said>」; at least one character between a verb and its ending.
_CHINESE = (("說", ("讚",)), ("對", ("傳達了心情", "「」")), ("回應了", ("",)), ("回覆了", ("",)),
            ("在", ("中留言", "發佈了貼文")))


def glued_split(text: str) -> tuple[str, str] | None:
    """(actor, the rest) of a squeezed Traditional Chinese title glued to its verb ("<Page>回覆了X的留言。"), None
    for another form. Found from the title's end, by ``str.rfind``: a pattern whose actor runs to the last verb
    (``^(.+)(說.+讚|…)。$``) took the square of the length of a title full of verbs (20,000 characters: 2 s)."""
    last = -1
    for verb, endings in _CHINESE:
        for ending in endings:
            start = _ending_at(text, ending)
            if start is not None:
                last = max(last, text.rfind(verb, 1, max(start - 1, 0)))
    return (text[:last], text[last:]) if last > 0 else None


def _ending_at(text: str, ending: str) -> int | None:
    """Where ``ending`` and the full stop close ``text``, None when they do not; "「」": 表示「<no 」>」."""
    if ending != "「」":
        return len(text) - len(ending) - 1 if text.endswith(f"{ending}。") else None
    if not text.endswith("」。"):
        return None
    opened = text.rfind("表示「", max(text.rfind("」", 0, len(text) - 2) - 2, 0), len(text) - 3)
    return opened if opened >= 0 else None


def glued_actor(title: str) -> str | None:
    """The actor of a Traditional Chinese title glued to its verb ("<Page>回覆了X的留言。"), None for another form."""
    found = glued_split(squeeze(title))
    return squeeze(found[0]) or None if found else None


def title_target(title: str, actor: str | None, known: KnownNames | None = None) -> str | None:
    """The other person named in a reaction or comment title, None when it names none.

    Raises ``UnknownLanguage`` for a title that names no known person, in a language not known here.
    """
    found = known.find(title, actor) if known else None
    return found if found is not None else table_target(title, actor, known.owner if known else ())


def title_author(title: str, owner: str | None, known: KnownNames | None = None) -> str | None:
    """Who wrote the sentence of a title about the owner ("Lena Vogel wrote on your timeline."): a known
    person named in it, else the words before a verb of the language table; None when that is the owner.

    Raises ``UnknownLanguage`` for a title that names no known person, in a language not known here.
    """
    found = known.find(title, owner) if known else None
    if found is not None:
        return found
    split = _ACTOR_SPLIT.match(squeeze(title))
    if not split or not any(language.verb.match(split.group("rest")) for language in TITLE_LANGUAGES):
        raise UnknownLanguage(NOT_READ)
    author = squeeze(repair(split.group("actor")))
    return None if author == owner or (known and author in known.owner) else author


def title_actor(title: str) -> str | None:
    """The one a title opens with, before a verb of the language table ("Lena Vogel shared a link.", the Spanish
    dative "A Lucía Ferrer le ha gustado …", the Japanese "山本 花子さんが…"); None when no known verb follows."""
    text = squeeze(title)
    for split in (_DATIVE, _ACTOR_SPLIT, _JAPANESE):
        found = split.match(text)
        if found and any(language.verb.match(found.group("rest")) for language in TITLE_LANGUAGES):
            return squeeze(repair(found.group("actor")))
    return None


def table_target(title: str, actor: str | None, owner: Iterable[str] = ()) -> str | None:
    """The other person of a title by the sentence forms of its language (``TITLE_LANGUAGES``), None when it
    names none; the title opens with ``actor`` or another of the ``owner``'s names. Raises ``UnknownLanguage``
    when no language's verb follows the actor."""
    rest = _after_actor(squeeze(title), [squeeze(a) for a in (actor, *sorted(owner, key=len, reverse=True)) if a])
    for language in TITLE_LANGUAGES:
        found = language.verb.match(rest)
        if found:
            return _object_target(language, found.group("object"))
    raise UnknownLanguage(NOT_READ)


def _object_target(language: Language, obj: str) -> str | None:
    """The person in what follows the verb: the timeline written on, checked before the words meaning
    "no other person" ("a new photo to Aylin Demir's timeline."), then the language's other forms."""
    on_timeline = _named(language.timeline, obj)
    if on_timeline or (language.no_person and language.no_person.match(obj)):
        return on_timeline
    return _named(language.target, obj)


def _named(pattern: re.Pattern | None, obj: str) -> str | None:
    match = pattern.search(obj) if pattern else None
    name = next(filter(None, match.groupdict().values()), None) if match else None
    return squeeze(repair(name)) if name else None


def _after_actor(title: str, actors: list[str]) -> str:
    """The title after its actor: "Lucía Ferrer ha reaccionado …", the Spanish dative "A Lucía Ferrer le ha
    gustado …", the Japanese "山本 花子さんが…" or the Chinese "吳志明說…"; by the verbs of the table when the
    actor's name is not the one the title opens with."""
    for actor in actors:
        for opening in (f"A {actor} ", f"{actor}{_JAPANESE_ACTOR}"):
            if title.startswith(opening):
                return title[len(opening):]
        rest = opens_with(title, actor)  # "Lucía Ferrer ha …", the Chinese "吳志明說…"
        if rest is not None:
            return rest
    split = _DATIVE.match(title) or _ACTOR_SPLIT.match(title) or _JAPANESE.match(title)
    if split:
        return split.group("rest")
    glued = glued_split(title)
    return glued[1] if glued else title
