"""Golden pages: what the core writes for a photo page, a gallery page, a tombstone (a retired
photo's page) and a former id's redirect, compared whole with files in golden/. These are the
pages both engines are handed, so one golden file serves both; a change to any of them shows
up here as a readable diff.

Run with UPDATE_GOLDEN=1 to rewrite the files from the current output (then read the diff!).
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest

from atlas.catalog import load_catalog
from atlas.images import RenderedPhoto
from atlas.images.render import Variant
from atlas.pages import render as pages
from atlas.pages.context import SiteInfo
from fixture_project import write_jpeg

GOLDEN = Path(__file__).parent / "golden"
ON = dt.date(2026, 11, 21)
SITE = SiteInfo(name="Golden atlas", url="https://atlas.example.org/", contact_email="ask@example.org",
                reuse_page="about-the-photos/")
CATALOG = """\
galleries:
  - id: chest
    title: Chest wall
    description: Skin metastases on the chest wall.
photos:
  - id: nodules
    file: nodules.jpg
    gallery: chest
    title: Nodules along a scar
    alt: Several small pink bumps along a pale surgical scar.
    caption: Nodules along a mastectomy scar, two years after surgery.
    body_site: chest-wall
    stage: early
    case: case-1
    permission: &granted
      status: granted
      scope: [website]
      granted_by: patient
      granted_on: 2024-01-01
      record: CONSENT-SECRET-1
      license: CC-BY-NC-4.0
      credit: Shared by a patient
  - id: later
    former_ids: [later-old-name]
    file: later.jpg
    gallery: chest
    alt: The same scar with larger red patches.
    caption: The same person a year later.
    body_site: chest-wall
    stage: advanced
    case: case-1
    sensitive: true
    permission: *granted
"""


def rendered(photo_id: str) -> RenderedPhoto:
    """Hand-made files (no encoding: names must not depend on the Pillow version)."""
    variants = [
        Variant(f"assets/photos/{photo_id}.{digest}.{width}w.{ext}", width, width * 3 // 4, media, Path("unused"))
        for ext, media in (("avif", "image/avif"), ("jpg", "image/jpeg"))
        for width, digest in ((320, "aaaa"), (960, "bbbb"))
    ]
    return RenderedPhoto(photo_id, tuple(variants), thumbnail_width=320)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    root = tmp_path_factory.mktemp("golden")
    for name in ("nodules.jpg", "later.jpg"):
        write_jpeg(root / "images" / name)
    (root / "captions.yaml").write_text(textwrap.dedent(CATALOG))
    return load_catalog(root / "captions.yaml", images_dir=root / "images", on=ON)


def outputs(catalog) -> dict[str, str]:
    published = {"nodules", "later"}
    files = {photo_id: rendered(photo_id) for photo_id in published}
    gallery = catalog.gallery("chest")
    photos = pages.published_gallery_photos(catalog, "chest", published)
    return {
        "photo-page.md": pages.photo_page(catalog.photo("nodules"), files, catalog=catalog, published=published, site=SITE),
        "sensitive-photo-page.md": pages.photo_page(catalog.photo("later"), files, catalog=catalog, published=published, site=SITE),
        "gallery-page.md": pages.gallery_page(gallery, photos, files),
        "tombstone.md": pages.retired_photo_page("withdrawn-photo"),
        "redirect.html": pages.redirect_page(to_url="photos/later/", from_url="photos/later-old-name/", site=SITE),
    }


@pytest.mark.parametrize("name", ["photo-page.md", "sensitive-photo-page.md", "gallery-page.md", "tombstone.md", "redirect.html"])
def test_page_matches_its_golden_file(catalog, name):
    actual = outputs(catalog)[name]
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
        pytest.skip("golden file updated")
    assert golden.is_file(), f"no golden file yet: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert actual == golden.read_text(encoding="utf-8")
