"""The owner's phone call log as SMS Backup & Restore saves it (``calls-<stamp>.xml``, v10), for ``unsocial demo``.

The benchmarks' networks have no call log (the external ones they are compared with have none): it is written only
when asked (``write_demo_inbox(call_log=True)``). Calls with people whose number the phone holds (a card's mobile
or XING's number): answered and made calls with about half of the people met, more with closer ones; missed and
rejected calls from some others (the number only, no call); a few people met by phone only (friends far away);
a voicemail; a withheld
caller and the owner dialling the voicemail box (``3311``), which name no one. Numbers as the phone stores them
(``+4917…`` or ``017…``), the name the phone book gave the number at the time (``(Unknown)`` without a card).
A call that took place on or before ``as_of`` is offline evidence (``Person.via``: ``calls`` where the number or a
name only they have ties it to the person, else ``calls-ambiguous``).
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import quoteattr

from .common import phone_key
from .people import Identities, Network, Person

HEADER = ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
          "<!--File Created By SMS Backup & Restore v10.20.002 on {stamp}-->")
COMPONENT = "com.android.phone/com.android.services.telephony.TelephonyConnectionService"
INCOMING, OUTGOING, MISSED, VOICEMAIL, REJECTED = 1, 2, 3, 4, 5
CALLED_SHARE = 0.5  # of the people met whose number the phone holds
PHONED_SHARE = 0.08  # of the people not met otherwise whose number it holds: friends far away, met by phone only
MISSED_SHARE = 0.05  # of the others: a missed or rejected call, the number only


def write_call_log(r: random.Random, net: Network, ids: Identities, inbox: Path, as_of: date,
                   export: datetime) -> Path:
    """``calls-<stamp>.xml``, newest call first as the app writes them; returns its path."""
    calls = []
    for p in net.people + net.offline_only:
        number = p.mobile or p.phone
        if not number:
            continue
        roll = r.random()
        if roll < (CALLED_SHARE if p.met_offline else PHONED_SHARE):
            calls += _calls_with(r, p, ids, number, as_of)
        elif not p.met_offline and roll < PHONED_SHARE + MISSED_SHARE:
            calls.append(_call(r, p, number, as_of - timedelta(days=r.randint(8, 400)),
                               r.choice((MISSED, REJECTED)), 0))
        else:
            continue
        net.extra_refs.append(("calls", phone_key(number), p))  # the log's account_ref: the number in E.164
    calls.append(("-2", 16, _moment(r, as_of - timedelta(days=40)), INCOMING, "(Unknown)", "2"))
    calls.append(("3311", 35, _moment(r, as_of - timedelta(days=12)), OUTGOING, "(Unknown)", "1"))
    calls.sort(key=lambda call: call[2], reverse=True)
    stamp = export.strftime("%Y%m%d%H%M%S")
    path = inbox / f"calls-{stamp}.xml"
    lines = [HEADER[0], HEADER[1].format(stamp=export.strftime("%d/%m/%Y %H:%M:%S")),
             f'<calls count="{len(calls)}" backup_set="{_uuid(r)}" backup_date="{_ms(export)}" type="full">']
    lines += [_line(*call) for call in calls]
    path.write_text("\r\n".join([*lines, "</calls>", ""]), encoding="utf-8", newline="")
    return path


def _calls_with(r: random.Random, p: Person, ids: Identities, number: str, as_of: date) -> list[tuple]:
    """Calls with someone met: closer people more often; the first one may have gone to voicemail."""
    out = []
    for _ in range(1 + min(int(p.tie * 6), 8)):
        day = as_of - timedelta(days=r.randint(8, 2 * 365))  # before the backup, made with the exports
        out.append(_call(r, p, number, day, r.choice((INCOMING, OUTGOING)), r.randint(20, 2400)))
    if r.random() < 0.1:
        out.append(_call(r, p, number, as_of - timedelta(days=r.randint(8, 365)), VOICEMAIL, 0))
    name = p.card.fn if p.card and p.card.fn else ""
    p.via.add("calls" if ids.resolves(p, name, "", number) else "calls-ambiguous")
    return out


def _call(r: random.Random, p: Person, number: str, day: date, kind: int, seconds: int) -> tuple:
    name = p.card.fn if p.card and p.card.fn else "(Unknown)"
    return _stored(r, number), seconds, _moment(r, day), kind, name, "1"


def _stored(r: random.Random, number: str) -> str:
    """How Android stores a number: as dialled, international or national (``+4917…``, ``017…``)."""
    digits = phone_key(number)
    return digits if r.random() < 0.6 else "0" + digits[3:]


def _moment(r: random.Random, day: date) -> datetime:
    return datetime.combine(day, time(r.randint(7, 21), r.randrange(60), r.randrange(60)))


def _ms(at: datetime) -> int:
    return int(at.replace(tzinfo=timezone.utc).timestamp() * 1000)


def _uuid(r: random.Random) -> str:
    hexes = f"{r.getrandbits(128):032x}"
    return f"{hexes[:8]}-{hexes[8:12]}-{hexes[12:16]}-{hexes[16:20]}-{hexes[20:]}"


def _line(number: str, seconds: int, at: datetime, kind: int, name: str, presentation: str) -> str:
    readable = at.strftime("%d.%m.%Y %H:%M:%S")
    return (f'  <call number={quoteattr(number)} duration="{seconds}" date="{_ms(at)}" type="{kind}" '
            f'presentation="{presentation}" subscription_id="1" post_dial_digits="" '
            f'subscription_component_name="{COMPONENT}" readable_date="{readable}" contact_name={quoteattr(name)} />')
