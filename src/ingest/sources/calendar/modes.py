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
# A join link where a place belongs: a video room with no tool's host above. Seen: a telehealth booking,
# ``LOCATION:Please join at this link: https://au.tele.tacklit.com/room/<n>`` (888nfnty/interview-slot-suggester,
# ``my_calendar.ics``), read in person. A LOCATION or URL whose https link names a room, a meeting or joining, or that
# invites to join, is video. A map's link names a place, not a room.
_LINK = re.compile(r"https://[^\s<>\"]+", re.IGNORECASE)
_JOIN_LINK = re.compile(r"[/.](?:join|j|rooms?|meetings?|meet)(?:[/?#.]|$)", re.IGNORECASE)  # a host or path part
_JOIN_TEXT = re.compile(r"\bjoin\b", re.IGNORECASE)
MAP_HOSTS = ("maps.google.", "google.com/maps", "goo.gl/maps", "maps.app.goo.gl", "maps.apple.com",
             "openstreetmap.org", "bing.com/maps", "waze.com")
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
    if _VIDEO_LOCATION.search(location) or _join_link(location, True) or _join_link(_text(event, "URL"), False):
        return "video"
    if _TEL.search(location) or _TEL.search(_text(event, "URL")) or _CALL.search(f"{summary}\n{location}"):
        return "call"
    return "meal" if _MEAL.search(summary) else "in_person"


def _join_link(text: str, place: bool) -> bool:
    """The text holds an https link to a video room (``_JOIN_LINK``), or, where a place belongs (``place``:
    LOCATION), a link beside an invitation to join. A link alone is no room: event and job pages stand there too
    (a linkedin.com/events page, a job portal's, a launch's page in three real calendars: 888nfnty/
    interview-slot-suggester, 859192/calendar-data-analytics, mfwalker59/dakboard)."""
    links = [link for link in _LINK.findall(text) if not any(host in link.lower() for host in MAP_HOSTS)]
    return bool(links) and (any(_JOIN_LINK.search(link) for link in links) or (place and bool(_JOIN_TEXT.search(text))))


def _text(event: icalendar.Event, name: str) -> str:
    return " ".join(str(value) for value in properties(event, name))
