"""The permission gate: the one place that decides whether a photo may be published.

Everything that publishes (gallery pages, photo pages, embeds, image files, search, sitemap)
asks `visibility()` or `publishable()`; nothing else looks at permission fields to decide.
"""

from __future__ import annotations

import datetime as dt
import enum

from .catalog.model import Photo


class Visibility(enum.Enum):
    PUBLISHED = "published"  # shown everywhere
    RETIRED = "retired"  # was or could have been public: its URL stays, as a neutral notice
    HIDDEN = "hidden"  # never public (pending): leaves no trace at all


def visibility(photo: Photo, *, on: dt.date) -> Visibility:
    """What the site does with `photo` on the date `on` (the real build date, never a
    reproducible-build timestamp: permission must not be moved by SOURCE_DATE_EPOCH)."""
    permission = photo.permission
    if permission.status == "pending":
        return Visibility.HIDDEN
    if permission.status == "granted":
        if permission.granted_on and permission.granted_on > on:
            return Visibility.HIDDEN  # permission recorded ahead of its start: not yet public
        in_scope = "website" in permission.scope
        in_date = permission.expires is None or permission.expires > on
        return Visibility.PUBLISHED if in_scope and in_date else Visibility.RETIRED
    if permission.granted_on is None:
        # Withdrawn before permission was ever given (it was only pending): it was never
        # public, so, like a pending photo, it leaves no trace, not even its address.
        return Visibility.HIDDEN
    # withdrawn after being granted, and any status the schema might allow in future.
    return Visibility.RETIRED


def publishable(photo: Photo, *, on: dt.date) -> bool:
    return visibility(photo, on=on) is Visibility.PUBLISHED


def today() -> dt.date:
    """The permission date: today's real date, deliberately ignoring SOURCE_DATE_EPOCH."""
    return dt.date.today()
