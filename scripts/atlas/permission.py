"""The permission gate: the one place that decides whether a photo may be published.

Everything that publishes (gallery pages, photo pages, embeds, image files, search, sitemap)
and everything that reports on it (`atlas check`, `atlas permissions`, `atlas takedown`) asks
`visibility()` or `assess()`; nothing else looks at permission fields to decide.

The rule, for the date `on`:
- A record that cannot be relied on (a problem found while reading it: a misspelt field, an
  impossible date, a granted photo without its consent `record`) is never published and, like
  a pending photo, leaves no trace.
- A photo that was never public leaves no trace, whatever its dates: pending; permission that
  starts after `on`; withdrawn before the day it was granted; expiring on or before that day.
- A photo that was or could have been public and is not publishable today keeps its address as
  a neutral notice (withdrawn, expired, or no longer in the website scope).
- Otherwise it is published: status granted, `website` in its scope, not expired.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:  # the gate needs only the permission record; no import cycle with catalog
    from .catalog.model import Permission, Photo


class Visibility(enum.Enum):
    PUBLISHED = "published"  # shown everywhere
    RETIRED = "retired"  # was or could have been public: its URL stays, as a neutral notice
    HIDDEN = "hidden"  # never public (pending, unreadable, never started): leaves no trace at all


class Reason(enum.Enum):
    """Why a photo is not published today, in words staff can act on."""

    UNREADABLE = "its permission record has a problem (see `make check`)"
    PENDING = "permission is still pending"
    NOT_STARTED = "permission starts on a later date (granted_on)"
    NEVER_IN_FORCE = "it was withdrawn or expired before permission ever started"
    WITHDRAWN = "permission was withdrawn"
    EXPIRED = "permission has expired"
    NOT_FOR_WEBSITE = "its scope does not include website"


@dataclass(frozen=True)
class Assessment:
    visibility: Visibility
    reason: Reason | None = None  # None when published
    days_left: int | None = None  # days until `expires`, for a photo that is published today

    @property
    def published(self) -> bool:
        return self.visibility is Visibility.PUBLISHED


def assess(photo: Union["Photo", "Permission"], *, on: dt.date) -> Assessment:
    """What the site does with a photo on the date `on` (the real build date, never a
    reproducible-build timestamp: permission must not be moved by SOURCE_DATE_EPOCH), and why."""
    permission = getattr(photo, "permission", photo)
    hidden = Visibility.HIDDEN
    if permission.problem:
        return Assessment(hidden, Reason.UNREADABLE)
    if permission.status == "pending":
        return Assessment(hidden, Reason.PENDING)
    if permission.status not in ("granted", "withdrawn"):
        return Assessment(hidden, Reason.UNREADABLE)  # a status the schema may allow in future
    granted = permission.granted_on
    if granted is None or granted > on:
        # Not yet (or never) started: it was never public, so it leaves no trace.
        return Assessment(hidden, Reason.NOT_STARTED if granted else Reason.PENDING)
    # Published while granted_on <= date < expires; a withdrawal on the day of the grant may
    # still have followed a build that morning, so only one before it proves "never public".
    expired_before_start = permission.expires is not None and permission.expires <= granted
    withdrawn_before_start = (
        permission.status == "withdrawn" and permission.withdrawn_on is not None and permission.withdrawn_on < granted
    )
    if expired_before_start or withdrawn_before_start:
        return Assessment(hidden, Reason.NEVER_IN_FORCE)
    retired = Visibility.RETIRED
    if permission.status == "withdrawn":
        return Assessment(retired, Reason.WITHDRAWN)
    if permission.expires is not None and permission.expires <= on:
        return Assessment(retired, Reason.EXPIRED)
    if "website" not in permission.scope:
        # It may have been on the site before its scope was narrowed: its address stays.
        return Assessment(retired, Reason.NOT_FOR_WEBSITE)
    days_left = (permission.expires - on).days if permission.expires else None
    return Assessment(Visibility.PUBLISHED, None, days_left)


def visibility(photo: Union["Photo", "Permission"], *, on: dt.date) -> Visibility:
    return assess(photo, on=on).visibility


def publishable(photo: Union["Photo", "Permission"], *, on: dt.date) -> bool:
    return visibility(photo, on=on) is Visibility.PUBLISHED


def today() -> dt.date:
    """The permission date: today's real date, deliberately ignoring SOURCE_DATE_EPOCH."""
    return dt.date.today()
