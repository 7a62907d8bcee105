"""The catalog as typed values. Built only from data that passed validation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Permission:
    status: str  # granted | pending | withdrawn
    scope: tuple[str, ...] = ()
    granted_by: str | None = None
    requested_on: dt.date | None = None  # internal: for `atlas permissions`, never written to any output
    granted_on: dt.date | None = None
    expires: dt.date | None = None
    record: str | None = None  # internal: never written to any output
    license: str | None = None
    credit: str | None = None
    withdrawn_on: dt.date | None = None
    withdrawn_reason: str | None = None  # internal: never written to any output
    # Why this record cannot be relied on (a misspelt field, an impossible date, a granted photo
    # without its consent record), or None. The permission gate never publishes such a photo.
    problem: str | None = None


@dataclass(frozen=True)
class Photo:
    id: str
    file: str  # relative to images/
    gallery: str
    permission: Permission
    alt: str = ""
    caption: str = ""
    title: str = ""
    description: str = ""
    case: str | None = None
    stage: str | None = None
    body_site: str | None = None
    primary_cancer: str | None = None
    skin_type: str | None = None
    sensitive: bool = False
    updated: dt.date | None = None
    author: str = ""  # for citations only, as staff wrote it; never taken from the credit line
    former_ids: tuple[str, ...] = ()
    line: int = 0  # where the entry starts in captions.yaml, for later error messages
    source: Path | None = None  # the original file, resolved inside images/

    @property
    def display_title(self) -> str:
        """The title, or the caption's first sentence when no title is given: whole, never cut
        with "…", because it is the page's title and the title a citation gives (the gallery's
        tiles use a short form of their own, atlas.pages.render.tile_title)."""
        if self.title:
            return self.title
        return re.split(r"(?<=[.!?])\s", self.caption.strip(), maxsplit=1)[0].rstrip(".")

    @property
    def last_changed(self) -> dt.date | None:
        """For citations: when the photo or its caption last changed, if staff recorded it.
        Never the date permission was given: that is paperwork and stays off every public page."""
        return self.updated


@dataclass(frozen=True)
class Gallery:
    id: str
    title: str
    description: str
    line: int = 0


@dataclass(frozen=True)
class Catalog:
    galleries: tuple[Gallery, ...] = ()
    photos: tuple[Photo, ...] = ()
    path: Path | None = None
    images_dir: Path | None = None
    _by_id: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for photo in self.photos:
            self._by_id[photo.id] = photo

    def photo(self, photo_id: str) -> Photo | None:
        return self._by_id.get(photo_id)

    def gallery(self, gallery_id: str) -> Gallery | None:
        return next((g for g in self.galleries if g.id == gallery_id), None)

    def photos_in(self, gallery_id: str) -> list[Photo]:
        return [p for p in self.photos if p.gallery == gallery_id]


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def permission_from(data: Any, *, problem: str | None = None) -> Permission:
    """The permission record as typed values. Tolerant: it is also read from entries that have
    other problems (for `atlas takedown`), so a value that cannot be read sets `problem`
    instead of raising, and the gate then treats the photo as not publishable."""
    data = data if isinstance(data, dict) else {}
    problems = [problem] if problem else []
    if not data:
        problems.append("no permission record")

    def date(name: str) -> dt.date | None:
        try:
            return _date(data.get(name))
        except (TypeError, ValueError):
            problems.append(f"{name} is not a date")
            return None

    def text(name: str) -> str | None:
        value = data.get(name)
        return value if isinstance(value, str) else None

    scope = data.get("scope")
    return Permission(
        status=data.get("status") if isinstance(data.get("status"), str) else "",
        scope=tuple(s for s in scope if isinstance(s, str)) if isinstance(scope, list) else (),
        granted_by=text("granted_by"),
        requested_on=date("requested_on"),
        granted_on=date("granted_on"),
        expires=date("expires"),
        record=text("record"),
        license=text("license"),
        credit=_text(data.get("credit")),
        withdrawn_on=date("withdrawn_on"),
        withdrawn_reason=text("withdrawn_reason"),
        problem="; ".join(problems) or None,
    )


def photo_from(data: dict, *, line: int, source: Path | None, permission_problem: str | None = None) -> Photo:
    return Photo(
        id=data["id"],
        file=data["file"],
        gallery=data["gallery"],
        permission=permission_from(data.get("permission"), problem=permission_problem),
        alt=_text(data.get("alt")),
        caption=_text(data.get("caption")),
        title=_text(data.get("title")),
        description=_text(data.get("description")),
        case=data.get("case"),
        stage=data.get("stage"),
        body_site=data.get("body_site"),
        primary_cancer=data.get("primary_cancer"),
        skin_type=data.get("skin_type"),
        sensitive=bool(data.get("sensitive", False)),
        updated=_date(data.get("updated")),
        author=_text(data.get("author")),
        former_ids=tuple(data.get("former_ids") or ()),
        line=line,
        source=source,
    )


def gallery_from(data: dict, *, line: int) -> Gallery:
    return Gallery(id=data["id"], title=_text(data["title"]), description=_text(data["description"]), line=line)
