"""A second account of one person on one platform, as the tuning network has them (issue 14).

People keep an old Twitter account beside a new one, or open a work account with the employer in its name
("Jonas Weber (Alpenwerk)", "Jonas Weber – Alpenwerk"); a forgotten Facebook profile lives on under another
form of the name; a LinkedIn profile is made twice, the copy without a position or at the same company.
Each second account belongs to a ``Person`` of its own with the original's ``key`` (``Network.twins``: the
platform writers see it, the offline ones do not): the labels give both accounts one true person. The holdout
network plants its own kind (``holdout.plant_twins``), with other shares and other forms; nothing here is read
by it.

Drawn once the network is made, from a generator of their own (``write_demo_inbox``): the rest of the network is
what it would be without them.
"""
from __future__ import annotations

import random

from .people import Network, Person, Taken, assign_slug
from .platforms import LinkedIn, facebook_account, twitter_account

SHARES = {"twitter": 0.05, "facebook": 0.02, "linkedin": 0.02}  # of each platform's members


def plant_twins(r: random.Random, net: Network) -> list[Person]:
    """The second accounts, each on a twin ``Person`` of little closeness (a second account is seldom the one
    written to)."""
    taken, twins = _taken(net), []
    for platform, share in SHARES.items():
        members = [p for p in net.people if getattr(p, platform) is not None and p.variants]
        for p in r.sample(members, round(share * len(members))):
            twin = Person(p.key, p.first, p.last, p.culture, p.female, p.middle, p.maiden, company=p.company,
                          position=p.position, city=p.city, tie=p.tie * 0.25, role="network")
            if platform == "twitter":
                twin.twitter = _second_twitter(r, p, taken)
            elif platform == "facebook":
                twin.facebook = facebook_account(r, p, taken.fb_names, net.export_day)  # a name form not taken
            else:
                twin.linkedin = _second_linkedin(r, p, taken)
                if r.random() < 0.5:
                    twin.company = twin.position = ""
            if getattr(twin, platform) is not None:
                twins.append(twin)
    return twins


def _taken(net: Network) -> Taken:
    """The identifiers the network's accounts use, which a second account must not."""
    everyone = net.everyone()
    tweeters = [p.twitter for p in everyone if p.twitter]
    return Taken({p.linkedin.slug for p in everyone if p.linkedin}, set(),
                 {p.facebook.name.casefold() for p in everyone if p.facebook},
                 {t.handle.lower() for t in tweeters}, {t.id for t in tweeters})


def _second_twitter(r: random.Random, p: Person, taken: Taken):
    """A work account with the employer after the name, or an old account under the plain name."""
    account = twitter_account(r, p, taken.handles, taken.twitter_ids)
    employer = p.company.split(" ")[0] if p.company else ""
    roll = r.random()
    if employer and roll < 0.35:
        account.display = f"{p.plain} ({employer})"
    elif employer and roll < 0.65:
        account.display = f"{p.plain} – {employer}"
    else:
        account.display = p.plain
    return account


def _second_linkedin(r: random.Random, p: Person, taken: Taken) -> LinkedIn:
    """A profile made twice (its position, none or the same employer, is the twin's)."""
    copy = LinkedIn(p.first, p.last, assign_slug(r, p, taken.slugs))
    copy.connected = p.linkedin.connected
    return copy
