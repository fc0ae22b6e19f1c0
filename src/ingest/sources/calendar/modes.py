"""How a meeting happened: a group event, video, call, meal or in person, from who was there and the
event's links and words.

The texts are read here and nowhere stored: only the mode leaves this module.
"""

from __future__ import annotations

import re

import icalendar

from .reading import properties

# Hosts of meeting links, searched in LOCATION, DESCRIPTION, URL and CONFERENCE.
VIDEO_HOSTS = ("zoom.us", "teams.microsoft.com", "teams.live.com", "meet.google.com", "webex.com", "whereby.com",
               "meet.jit.si", "gotomeeting.com", "gotomeet.me", "facetime.apple.com", "join.skype.com",
               # Zoom for Government, Amazon Chime, GoTo Meeting's newer host (seen in invitations' join links)
               "zoomgov.com", "chime.aws", "meet.goto.com")
# Properties only a conferencing tool writes: Google Meet (Google), Teams (Outlook), RFC 7986 CONFERENCE.
VIDEO_PROPERTIES = ("X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGINFORMATION",
                    "X-MICROSOFT-ONLINEMEETINGCONFLINK", "CONFERENCE")
# Locations that name a tool without a link ("Microsoft Teams Meeting", "Microsoft Teams Besprechung").
VIDEO_LOCATIONS = ("microsoft teams", "zoom", "google meet", "webex", "facetime", "skype", "jitsi", "whereby")
# Words in the summary or location that make it a phone call (English, German).
CALL_WORDS = ("call", "phone", "phone call", "telephone", "anruf", "telefonat", "telefon", "telefonisch",
              "telefonkonferenz", "rückruf")
# Words in the summary that name a meal (English, German).
MEAL_WORDS = ("lunch", "dinner", "breakfast", "brunch", "coffee", "mittagessen", "abendessen", "frühstück",
              "kaffee")
LINK_PROPERTIES = ("LOCATION", "DESCRIPTION", "URL", "CONFERENCE", "X-ALT-DESC")
# More people than this besides the owner (who were there: no one who declined, no room, no service)
# make an event a group event, whatever its form: a conference, an all-hands, a class, a party, a
# webinar. The owner was in the room with each guest, not in a personal meeting: eight others still
# fit around one table, where everyone speaks with everyone.
GROUP_GUESTS = 8


def _words(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


_CALL, _MEAL, _VIDEO_LOCATION = _words(CALL_WORDS), _words(MEAL_WORDS), _words(VIDEO_LOCATIONS)
_TEL = re.compile(r"(?:^|\s)tel:", re.IGNORECASE)


def mode_of(event: icalendar.Event, others: int = 1) -> str:
    """group (more than ``GROUP_GUESTS`` ``others``), video (a meeting link or conferencing data),
    call, meal, else in_person: in that order, so that a "call" with a Teams link is a video call and
    a "coffee call" is a call."""
    if others > GROUP_GUESTS:
        return "group"
    location, summary = _text(event, "LOCATION"), _text(event, "SUMMARY")
    links = " ".join(_text(event, name) for name in LINK_PROPERTIES).lower()
    if any(host in links for host in VIDEO_HOSTS) or any(name in event for name in VIDEO_PROPERTIES):
        return "video"
    if _VIDEO_LOCATION.search(location):
        return "video"
    if _TEL.search(location) or _TEL.search(_text(event, "URL")) or _CALL.search(f"{summary}\n{location}"):
        return "call"
    return "meal" if _MEAL.search(summary) else "in_person"


def _text(event: icalendar.Event, name: str) -> str:
    return " ".join(str(value) for value in properties(event, name))
