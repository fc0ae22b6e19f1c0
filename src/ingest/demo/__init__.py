"""A deterministic, fully invented inbox for one owner across every platform, with its ground truth.

``write_demo_inbox`` writes the owner's network (``people.py``) in the real export formats of
formats.md — LinkedIn, Facebook, Twitter/X, XING — and the offline sources: the phone's address book,
a Google Calendar export and the journal. ``labels.csv`` next to the inbox says which true person every
account belongs to and whether that person has an offline interaction, derived from what the offline
writers actually wrote (see ``people.COUNTING`` and ``people.Identities``). Only ``random.Random(seed)``
drives the choices: the same arguments always give byte-identical files.
"""
from __future__ import annotations

import csv
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from . import holdout
from .addressbook import write_addressbook
from .calls import write_call_log
from .calendar import write_calendar
from .evidence import label_rows
from .facebook import write_facebook
from .journal import pick_ambiguous, write_journal
from .linkedin import write_linkedin
from .people import DEMO_OWNER, DEMO_OWNER_URL, Identities, Network, make_network
from .twins import plant_twins
from .twitter import write_twitter
from .xing import write_xing

__all__ = ["DEMO_OWNER", "DEMO_OWNER_URL", "LABEL_COLUMNS", "labels_path", "write_demo_inbox"]

LABEL_COLUMNS = ("platform", "account_ref", "person_key", "is_owner", "met_offline", "offline_via", "link_group")
# How the direct messages split over the platforms that have them
MESSAGE_SHARES = {"linkedin": 0.36, "facebook": 0.44, "twitter": 0.20}
DEFAULT_MESSAGES = 3000


def labels_path(inbox: Path) -> Path:
    """``<inbox>/../<owner>.labels.csv``: beside the inbox, so that no parser mistakes it for an export."""
    inbox = Path(inbox)
    return inbox.parent / f"{inbox.name}.labels.csv"


def write_labels(net: Network, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(LABEL_COLUMNS)
        writer.writerows(label_rows(net))


def write_offline(main: random.Random, net: Network, inbox: Path, as_of: date, export: datetime,
                  call_log: random.Random | None = None) -> None:
    """Address book first (the identity evidence), then the calendar, then the journal for whom it misses; the
    phone's call log last, when asked (drawn from ``call_log``, so that the rest is as without it)."""
    seeds = [main.getrandbits(64) for _ in range(3)]
    write_addressbook(random.Random(seeds[0]), net, inbox)
    ids = Identities(net)
    ambiguous = pick_ambiguous(net, ids)
    write_calendar(random.Random(seeds[1]), net, ids, inbox, as_of, export, {id(p) for p in ambiguous})
    write_journal(random.Random(seeds[2]), net, ids, inbox, as_of, ambiguous)
    if call_log is not None:
        write_call_log(call_log, net, ids, inbox, as_of, export)


CONFIGS = ("tuning", "holdout")  # holdout: ``holdout.py``, never tuned on


def write_demo_inbox(inbox: Path, seed: int = 2026, as_of: date = date(2026, 11, 27), people: int = 200,
                     messages: int | None = None, config: str = "tuning", call_log: bool = False) -> Path:
    """Write a realistic, fully invented inbox for the owner ``DEMO_OWNER`` into ``inbox``; returns ``inbox``.

    ``people`` true people make up the owner's network (~85% on LinkedIn, ~55% Facebook, ~35% Twitter,
    ~25% XING, ~30% planned to be met offline), plus LinkedIn-only strangers (pending invitations,
    recruiters: ~18% of ``people``) and people on no platform (~3%). ``messages`` direct messages (default
    3,000) are spread over LinkedIn, Facebook and Twitter. Every export is dated a week before ``as_of``,
    in the morning. Files written:

    - ``Complete_LinkedInDataExport_MM-DD-YYYY.zip``, ``facebook-henrikesommerfeld-DD_MM_YYYY-<random>.zip``,
      ``twitter-YYYY-MM-DD-<hash>.zip``, the folder ``xing-contacts/``, ``contacts.vcf`` (the phone's
      address book), ``calendar.ics`` (Google Calendar), ``journal.csv``;
    - ``<inbox>/../<inbox name>.labels.csv``: ``platform,account_ref,person_key,is_owner,met_offline,
      offline_via,link_group``. ``met_offline`` is true when a journal entry on or before ``as_of``, or a calendar
      instance on or before ``as_of`` that nobody declined and nothing cancelled, names the person in a
      way only they fit; ``offline_via`` lists the evidence written for the person, traps included.

    ``call_log=True`` adds the phone's call log, ``calls-<stamp>.xml`` (``calls.py``; ``unsocial demo``): the
    benchmarks' networks have none.

    ``config="holdout"`` draws the network from ``holdout.py`` (other cultures, name lists, variant habits and
    platform mix), which only reports and is never tuned on; the writers and the owner are the same.

    Each format keeps at least one malformed record (see the writers' docstrings). Large sizes are
    streamed to disk: 20,000 people and 1,000,000 messages fit in well under a gigabyte of memory.
    """
    main, inbox = random.Random(seed), Path(inbox)
    export = datetime.combine(as_of - timedelta(days=7), time(6, 30))  # the exports were made that morning
    if config not in CONFIGS:
        raise ValueError(f"config must be one of {', '.join(CONFIGS)}")
    build = holdout.make_network if config == "holdout" else make_network
    net = build(random.Random(main.getrandbits(64)), people, export.date())
    if config == "tuning":  # from a generator of their own: the rest of the inbox is drawn as it would be without
        net.twins = plant_twins(random.Random(f"twins {seed} {people}"), net)
    total = DEFAULT_MESSAGES if messages is None else messages
    share = {name: round(total * s) for name, s in MESSAGE_SHARES.items()}
    share["facebook"] = total - share["linkedin"] - share["twitter"]
    inbox.mkdir(parents=True, exist_ok=True)
    write_linkedin(random.Random(main.getrandbits(64)), net, inbox, export, share["linkedin"])
    write_facebook(random.Random(main.getrandbits(64)), net, inbox, export, share["facebook"])
    write_twitter(random.Random(main.getrandbits(64)), net, inbox, export, share["twitter"])
    write_xing(random.Random(main.getrandbits(64)), net, inbox)
    write_offline(main, net, inbox, as_of, export, random.Random(f"calls {seed}") if call_log else None)
    write_labels(net, labels_path(inbox))
    return inbox
