"""The owner's notifications (``notifications/notifications.json``, F4 2021): ``{"notifications_v2": [{timestamp,
unread, href, text}]}``, the person only in the English ``text`` (AntonisPar/chatbot-trained-with-facebook-data,
2021: about 9 of 99 name someone).

Most notifications are pages' posts ("Radio Norr was live: …", "Radio Norr posted a new video: …") or
Facebook's own ("Your request to join Vandring Norr has been approved."): the owner's records, naming nobody.
The sentences that name people acting towards the owner, as seen there: "Jonas Weber mentioned you in a
comment in Vandring Norr." (a ``mention`` in); "Lena Vogel invited you to like Pizzeria Da Marco.", "Pizzeria
Da Marco: Omar Haddad invited you to like Pizzeria Da Marco." and "Reminder: Lena Vogel invited you to like …"
(an ``invitation`` in; the words before the colon are no person); "Tomás Novak, Ines Duarte and 3 other people
reacted to your comment: "…"." (a ``reaction`` in from each named); "Aylin Demir replied to your comment on a
photo in Vandring Norr." and "Jonas Weber, Lena Vogel and 2 others commented on a photo you're following in
Vandring Norr." (a ``comment`` in). Only the names before the verb are read: a group or page named after it
never becomes a person. "X, Y and 21 other people recently reacted to your photo: …" (Mdfee/faria.github.io
notifications/notifications.html, English 2021) keeps the count out of the names.

The same file as an HTML page (``notifications/notifications.html``, 2021, ``read_html_notifications``): one
``uiBoxWhite`` block per notification, a table of label and value rows, Time, Status, Text and href in English
(Mdfee/faria.github.io), Fecha y hora, Estado, Texto and href in Spanish (MarioAlbertoSierra/Facebook, times
"16 jun. 2021 00:45"). The Spanish sentences seen there: "X te mencionó en un comentario en <grupo>." (a
``mention``), "X te invitó a que indiques que te gusta <página>." (an ``invitation``), "A X, Y y Z les gusta tu
comentario: …", "X y 2 personas más reaccionaron a tu publicación en …", "X, Y y 7 personas más indicaron hace
poco que les gusta tu publicación en …" (a ``reaction``), "X comentó una publicación que sigues en …" (a
``comment``).

From 2023 the page (``logged_information/notifications/notifications.html``) keeps label and value in one cell,
``<td colspan="2">Heure<div>nov 12, 2023 9:05:14pm</div></td>``: French Heure, Statut, Texte, href (hunchoap/fbdata,
under ``notifications/``), Spanish Hora, Estado, Texto (DskyDsky/Aldemar-Snow-), English (ishfaqlp4/mahbubkhan),
Chinese 時間, 狀態, 文字 of 2025 (VoidPharah41/fb_old); it was read as no text at all. Sentences seen there: French
"X a mentionné votre nom, ainsi que celui d’autres personnes, dans un commentaire dans <groupe>." and "X vous a
identifié(e) ainsi que d’autres personnes dans une publication dans <groupe>." (a ``mention``; "Vous avez peut-être
raté une publication populaire de <page> : « … »" and "<page> était en direct : « … »" name nobody); Spanish "X ha
comentado tu foto.", "X, Y, y 9 personas más han comentado tu publicación en …" (a ``comment``); English "X mentioned
you and others in a comment in …", "X tagged you and others in a photo in …" (a ``mention``); Chinese "X 在<社團>的 3
則貼文中標註了你和其他人。", "X 在一則留言中提及了你" (a ``mention``), "X 說你的留言讚：「…」" (a
``reaction``); "… 提及了你和其他追蹤者" (a creator calling all their followers) names nobody. Sentences in other
languages are not read [U: German, Italian, Portuguese, Dutch, Polish: none seen] and count as naming nobody.

Spanish shares and follows of 2024 (DskyDsky/Aldemar-Snow-, 34 of 90 notifications): "X ha compartido tu
publicación.", "X y Y han compartido tu publicación en <grupo>.", "X, Y, y 4 personas más han compartido tu …" (a
``share`` in from each named), "X, Y y 16 personas más han empezado a seguirte." (a ``follow`` in). Its other
sentences name people acting towards others, not the owner, and stay unread: "X ha compartido la publicación de
Y.", "X y Y han denunciado contenido en <grupo>." (reports to the group's admins), "X ha publicado en <grupo>".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from ..archive import Export
from ...models import Record
from ..text_repair import repair
from .html import UNREAD_TIME, main_part, soup_of, table_rows
from .people import Handler, read_file
from .rows import Batch, Owner, Tally
from .text import at_seconds, html_time, is_placeholder, name_of

# (sentence, interaction kind); ``people``: one name, "X and Y", or "X, Y and 3 other people" / "… 2 others".
SENTENCES = (
    # "… mentioned you and others in a comment in <group>", "X and Y mentioned you and others in their comments.",
    # "X tagged you and others in a photo in <group>" (ishfaqlp4/mahbubkhan, English 2023 layout)
    (re.compile(r"^(?P<people>.+?) mentioned you(?: and others)? in "), "mention"),
    (re.compile(r"^(?P<people>.+?) tagged you and others in "), "mention"),
    (re.compile(r"^(?:[^:]+: )?(?P<people>.+?) invited you to like "), "invitation"),
    (re.compile(r"^(?P<people>.+?) (?:recently )?reacted to your "), "reaction"),
    (re.compile(r"^(?P<people>.+?) replied to your comment"), "comment"),
    (re.compile(r"^(?P<people>.+?) commented on (?:your|a \w+ you're following) "), "comment"),
    # Spanish (MarioAlbertoSierra/Facebook, 2021): the verb singular or plural after one or several names
    (re.compile(r"^(?P<people>.+?) te (?:mencionó|mencionaron) en "), "mention"),
    (re.compile(r"^(?:[^:]+: )?(?P<people>.+?) te invitó a que indiques que te gusta "), "invitation"),
    (re.compile(r"^A (?P<people>.+?) les? gusta tu "), "reaction"),
    (re.compile(r"^(?P<people>.+?) (?:reaccionó|reaccionaron) a tu "), "reaction"),
    (re.compile(r"^(?P<people>.+?) (?:indicó|indicaron)(?: hace poco)? que les? gusta tu "), "reaction"),
    (re.compile(r"^(?P<people>.+?) (?:comentó|comentaron) (?:tu|una \w+ que sigues) "), "comment"),
    # Spanish of 2023 (DskyDsky/Aldemar-Snow-): "X ha comentado tu foto.", "X y 2 personas más han comentado tu …"
    (re.compile(r"^(?P<people>.+?) (?:ha|han) comentado tu "), "comment"),
    # Spanish of 2024 (DskyDsky/Aldemar-Snow-): "X y Y han compartido tu publicación en …", "… han empezado a seguirte."
    (re.compile(r"^(?P<people>.+?) (?:ha|han) compartido tu "), "share"),
    (re.compile(r"^(?P<people>.+?) (?:ha|han) empezado a seguirte"), "follow"),
    # French (hunchoap/fbdata, 2023 layout): "X a mentionné votre nom, ainsi que celui d’autres personnes, dans un
    # commentaire dans <groupe>.", "X vous a identifié(e) ainsi que d’autres personnes dans une publication dans …"
    (re.compile(r"^(?P<people>.+?) a mentionné votre nom"), "mention"),
    (re.compile(r"^(?P<people>.+?) vous a identifié\(e\)"), "mention"),
    # Traditional Chinese (VoidPharah41/fb_old, 2025): "X 在<社團>的 2 則貼文中標註了你和其他人。", "X 說你的留言讚：…";
    # a space after a Latin name only ("林某在…"). "X 在一則留言中提及了你和其他追蹤者" (you and X's other followers: a
    # creator calling all of them) names nobody who turned to the owner
    # The people run to the first 在 after the start or a 「 only (an atomic group): where one fails, a later 在 before
    # the next 「 fails too, and trying each took the square of the length (20,000 characters of "林在": 0.1 s).
    (re.compile(r"^(?P<people>.(?:[^「\n]*+「)*?(?>[^「\n在]*?(?= ?在))) ?在[^「]+中(?:標註了|提及了?)你(?!和其他追蹤者)"),
     "mention"),
    (re.compile(r"^(?P<people>.+?) ?說你的留言讚"), "reaction"),
)
# "A, B, y 2 personas más" with a comma before "y" too (DskyDsky/Aldemar-Snow-, Spanish 2023)
_OTHERS = re.compile(r"(?:(?:,| and) \d+ others?(?: people)?|,? y \d+ personas? más)$")
_SEPARATOR = re.compile(r", | and | y ")
NOBODY = ("notifications naming nobody in a sentence known here (pages' posts, Facebook's own; sentences and languages "
          "not known)")


def read_notifications(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    """Each notification naming people as an interaction in from each; the others as the owner's records."""
    tally = Tally(member)
    yield from read_file(export, member, "notifications", ("notifications_v2",), _handler(member, owner, batch, tally),
                         tally)


def _handler(member: str, owner: Owner, batch: Batch, tally: Tally) -> Handler:
    def handle(line: int, item: dict) -> None:
        at, text = at_seconds(item.get("timestamp"), "timestamp"), name_of(item.get("text"))
        if at is None or text is None:
            raise ValueError("timestamp: missing" if at is None else "text: missing")
        _add(member, line, at, text, owner, batch, tally)
    return handle


def _add(member: str, line: int, at: datetime, text: str, owner: Owner, batch: Batch, tally: Tally) -> None:
    """One notification: an interaction in from each person it names, else the owner's record."""
    people, kind = people_in(text)
    people = [p for p in people if p not in owner and not is_placeholder(p)]
    if not people:
        if owner.ref is None:
            raise ValueError("text: names no other person and the owner is unknown")
        tally.note(NOBODY)
        batch.account(member, line, owner.ref, is_owner=True)
    for person in people:
        batch.interaction(member, line, person, kind, "in", at)
        batch.account(member, line, person)


def read_html_notifications(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    """notifications/notifications.html: each notification's table read as the JSON record, its time the first
    row that is one, its text the row above ``href`` (the labels are in the account's language, "href" in every
    one seen)."""
    tally = Tally(member)
    for line, table in enumerate(_tables(soup_of(export, member)), 1):
        tally.read += 1
        rows = [row for row in map(_label_value, table_rows(table)) if row]
        at_text = _text_at(rows)
        time_text, at = _time_of(rows[:max(at_text, 1)])
        text = name_of(repair(rows[at_text][1])) if 0 <= at_text < len(rows) else None
        try:
            if at is None or text is None:
                raise ValueError(_no_time(time_text) if at is None else "text: missing")
            _add(member, line, at, text, owner, batch, tally)
        except ValueError as exc:
            yield tally.quarantine(line, str(exc), {"time": time_text})
    if not tally.read:
        tally.note("no records found: HTML layout not recognised", None)
    yield tally.member_note("notifications (HTML)")


def _tables(soup) -> list:
    """One table a notification in every layout seen (2021-2025: 27, 99 and 90 tables for as many notifications in
    VoidPharah41/fb_old and DskyDsky/Aldemar-Snow-). A notification was found by its time being read, so one whose
    time is in a form the date reader does not know (a language not met yet), or empty, vanished without a word, as
    a thread's messages did before ``html.TIME_CELL``: the table is the record instead, and such a notification is
    quarantined for its time (``html.UNREAD_TIME``). Only the page's records: a French page of 2022 (hunchoap/fbdata)
    opens with a navigation bar, ``table._a7cj`` of the logo, the owner's name and "Accueil" (home), once read as a
    notification and refused for its time."""
    return [table for table in main_part(soup).find_all("table")
            if table.find_parent("table") is None and len(table_rows(table)) > 1]


def _time_of(rows: list[list[str]]) -> tuple[str, datetime | None]:
    """(the time as written, read) of the rows above the text: the first whose value is a time (Time, Fecha y hora,
    Heure, 時間 open the table), else the first row's value, unread."""
    for _, value in rows:
        if (at := html_time(value)) is not None:
            return value, at
    return (rows[0][1] if rows else ""), None


def _no_time(time_text: str) -> str:
    return UNREAD_TIME if time_text.strip() else "time: missing"


def _text_at(rows: list[list[str]]) -> int:
    """Where the text stands: the row above ``href``, else the third (Time, Status, Text, href)."""
    labels = [label.casefold() for label, _ in rows]
    return labels.index("href") - 1 if "href" in labels else 2


def _label_value(row) -> list[str] | None:
    """A row's [label, value]: two cells (2021), or from 2023 one cell, ``<td colspan="2">Heure<div>…</div></td>``,
    the label its own text before the value's ``div`` (hunchoap/fbdata, French 2023; DskyDsky/Aldemar-Snow-,
    Spanish; ishfaqlp4/mahbubkhan, English; VoidPharah41/fb_old, Chinese 2025, whose time row alone keeps two)."""
    cells = row.find_all(["td", "th"])
    if len(cells) == 2:
        return [cell.get_text(" ", strip=True) for cell in cells]
    value = cells[0].find("div") if len(cells) == 1 else None
    label = next((s.strip() for s in cells[0].find_all(string=True, recursive=False) if s.strip()), None) \
        if value is not None else None
    return [label, value.get_text(" ", strip=True)] if label else None


def people_in(text: str) -> tuple[list[str], str | None]:
    """(the people a notification names as acting towards the owner, the interaction kind); ([], None) for
    the rest."""
    for sentence, kind in SENTENCES:
        found = sentence.match(text)
        if found:
            named = _OTHERS.sub("", found.group("people"))
            return [name for name in _SEPARATOR.split(named) if name.strip()], kind
    return [], None
