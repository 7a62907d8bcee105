"""Helpers for the image tests (a module of its own: `conftest` is ambiguous once several test
folders have one)."""

from pathlib import Path

from atlas.catalog.model import Permission, Photo
from atlas.images import ImageSettings

# Small widths keep the suite fast; the pipeline is the same at any size.
SMALL = ImageSettings(widths=(120, 240), thumbnail_width=80)


def photo_for(path: Path, *, photo_id: str | None = None, line: int = 7, credit: str = "A patient") -> Photo:
    return Photo(
        id=photo_id or path.stem,
        file=path.name,
        gallery="g",
        permission=Permission(status="granted", scope=("website",), credit=credit, license="CC-BY-4.0", record="CONSENT-RECORD-SECRET"),
        line=line,
        source=path,
    )
