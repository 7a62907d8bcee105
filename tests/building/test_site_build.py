"""Build a tiny fixture project and check what lands in site/."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from PIL import Image

from atlas.build import BuildFailed, build_site
from atlas.takedown import search_entries
from fixture_project import make_project

ON = dt.date(2026, 11, 21)

CAPTIONS = """\
galleries:
  - id: skin
    title: Skin gallery
    description: Test photos.
photos:
  - id: shown-photo
    file: shown.jpg
    gallery: skin
    alt: Alt text of the shown photo.
    caption: Caption of the shown photo.
    former_ids: [old-shown-photo]
    case: person-1
    permission:
      status: granted
      scope: [website]
      granted_by: patient
      granted_on: 2013-06-01
      record: SECRET-RECORD-SHOWN
      license: all-rights-reserved
      credit: Credit of the shown photo
  - id: withdrawn-photo
    file: withdrawn.jpg
    gallery: skin
    alt: Alt text of the withdrawn photo.
    caption: Caption of the withdrawn photo.
    permission:
      status: withdrawn
      scope: [website]
      granted_by: patient
      granted_on: 2013-06-01
      record: SECRET-RECORD-WITHDRAWN
      license: all-rights-reserved
      credit: Credit of the withdrawn photo
      withdrawn_on: 2025-01-01
      withdrawn_reason: Reason that must stay private
  - id: expired-photo
    file: expired.jpg
    gallery: skin
    alt: Alt text of the expired photo.
    caption: Caption of the expired photo.
    permission:
      status: granted
      scope: [website]
      granted_by: family
      granted_on: 2013-06-01
      expires: 2020-01-01
      record: SECRET-RECORD-EXPIRED
      license: all-rights-reserved
      credit: Credit of the expired photo
  - id: pending-photo
    file: pending.jpg
    gallery: skin
    alt: Alt text of the pending photo.
    caption: Caption of the pending photo.
    former_ids: [old-pending-photo]
    permission:
      status: pending
      record: SECRET-RECORD-PENDING
"""

ARTICLE = """\
# An article

[[photo:shown-photo]]

[[photo:withdrawn-photo]]
"""

PRIVATE_WORDS = [
    "SECRET-RECORD",
    "withdrawn photo",
    "expired photo",
    "pending photo",
    "pending-photo",
    "Reason that must stay private",
    "GPS-SECRET",
    "Camera-Serial-123",
]


def original_with_private_metadata(path: Path, color) -> None:
    image = Image.new("RGB", (1200, 900), color)
    exif = Image.Exif()
    exif[0x010F] = "Camera-Serial-123"  # Make
    exif[0x9286] = "GPS-SECRET"  # UserComment
    gps = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    exif[0x8825] = gps
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", exif=exif, comment=b"GPS-SECRET comment")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    config = make_project(root, CAPTIONS, docs={"article.md": ARTICLE})
    for name, color in [("shown", (200, 120, 100)), ("withdrawn", (10, 20, 30)), ("expired", (30, 30, 30)), ("pending", (50, 90, 10))]:
        original_with_private_metadata(root / "images" / f"{name}.jpg", color)
    return config


@pytest.fixture(scope="module")
def site(project) -> Path:
    return build_site(project, on=ON)


def all_text(site: Path) -> dict[Path, str]:
    return {p: p.read_text(errors="replace") for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".xml", ".js", ".txt", ".css"}}


def test_published_photo_has_its_permanent_page(site):
    page = (site / "photos" / "shown-photo" / "index.html").read_text()
    assert "Caption of the shown photo." in page
    assert 'alt="Alt text of the shown photo."' in page
    assert "Credit of the shown photo" in page


def test_withdrawn_and_expired_photos_keep_a_neutral_page(site):
    for photo_id in ("withdrawn-photo", "expired-photo"):
        page = (site / "photos" / photo_id / "index.html").read_text()
        assert "no longer available" in page
        assert '<meta name="robots" content="noindex">' in page
        article = page.split('<article', 1)[1].split("</article>", 1)[0]
        assert "<img" not in article
        assert "Caption of" not in page and "Alt text of" not in page and "Credit of" not in page


def test_private_and_unpublished_words_appear_in_no_file(site):
    for path, text in all_text(site).items():
        for word in PRIVATE_WORDS:
            assert word not in text, f"{word!r} found in {path.relative_to(site)}"


def test_pending_photo_leaves_no_trace(site):
    assert not (site / "photos" / "pending-photo").exists()
    assert not (site / "photos" / "old-pending-photo").exists()


def test_withdrawn_photo_leaves_no_trace_in_search_index(site):
    locations = [doc["location"] for doc in search_entries(site)]
    assert any(loc.startswith("photos/shown-photo/") for loc in locations)
    assert not any("withdrawn-photo" in loc or "expired-photo" in loc for loc in locations)


def test_sitemap_lists_published_photos_only(site):
    sitemap = (site / "sitemap.xml").read_text()
    assert "https://atlas.example.org/photos/shown-photo/" in sitemap
    assert "withdrawn-photo" not in sitemap and "expired-photo" not in sitemap


def test_gallery_links_only_to_published_photos(site):
    gallery = (site / "galleries" / "skin" / "index.html").read_text()
    assert "photos/shown-photo/" in gallery
    assert "withdrawn-photo" not in gallery and "expired-photo" not in gallery


def test_published_images_carry_no_private_metadata(site):
    files = sorted((site / "assets" / "photos").iterdir())
    assert files, "no images were published"
    rights_only = {0x013B, 0x8298}  # EXIF Artist and Copyright: written back on purpose (issue 3)
    for path in files:
        data = path.read_bytes()
        assert b"GPS-SECRET" not in data and b"Camera-Serial" not in data and b"SECRET-RECORD" not in data
        with Image.open(path) as image:
            exif = image.getexif()
            assert set(exif) <= rights_only, (path.name, dict(exif))
            assert not exif.get_ifd(0x8825), path.name  # no GPS
            assert "comment" not in image.info, path.name


def test_only_published_photos_have_image_files(site, project):
    names = [p.name for p in (site / "assets" / "photos").iterdir()]
    assert names and all(name.startswith("shown-photo.") for name in names)


def test_originals_are_never_copied_into_the_site(site, project):
    originals = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (project.parent / "images").iterdir()}
    published = {hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}
    assert not originals & published


def test_former_id_redirects_to_the_new_address(site):
    page = (site / "photos" / "old-shown-photo" / "index.html").read_text()
    assert 'http-equiv="refresh" content="0; url=../../photos/shown-photo/"' in page


def test_embedded_withdrawn_photo_becomes_a_placeholder(site):
    article = (site / "article" / "index.html").read_text()
    assert "A photo that was shown here is no longer available." in article
    assert 'alt="Alt text of the shown photo."' in article


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    config = make_project(tmp_path, CAPTIONS.replace("shown.jpg", "a.jpg").split("  - id: withdrawn-photo")[0])
    original_with_private_metadata(tmp_path / "images" / "a.jpg", (1, 2, 3))
    site = build_site(config, on=ON)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    (tmp_path / "captions.yaml").write_text((tmp_path / "captions.yaml").read_text().replace("gallery: skin", "gallery: skni"))
    with pytest.raises(BuildFailed) as failure:
        build_site(config, on=ON)
    assert "unknown gallery 'skni' (did you mean 'skin'?)" in str(failure.value)
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".site.*")), "staging folder left behind"


def test_a_typo_in_a_permission_record_unpublishes_that_photo_and_the_build_goes_on(tmp_path):
    config = make_project(tmp_path, CAPTIONS)
    for name in ("shown", "withdrawn", "expired", "pending"):
        original_with_private_metadata(tmp_path / "images" / f"{name}.jpg", (1, 2, 3))
    captions = tmp_path / "captions.yaml"
    # A misspelt field name in the shown photo's record: its expiry could be lost, so it is not
    # published; the withdrawn photo's notice is still built.
    captions.write_text(captions.read_text().replace("      record: SECRET-RECORD-SHOWN", "      record: SECRET-RECORD-SHOWN\n      expries: 2020-01-01"))
    site = build_site(config, on=ON)
    assert not (site / "photos" / "shown-photo").exists()
    assert not list((site / "assets").rglob("shown-photo.*"))
    assert "Caption of the shown photo" not in "".join(p.read_text(errors="replace") for p in site.rglob("*.html"))
    assert (site / "photos" / "withdrawn-photo" / "index.html").is_file()


def test_unknown_embedded_photo_id_fails_the_build_naming_page_and_line(tmp_path):
    config = make_project(tmp_path, CAPTIONS.split("  - id: withdrawn-photo")[0], docs={"a.md": "---\ntitle: A\n---\n\n# A\n\n[[photo:no-such-photo]]\n"})
    original_with_private_metadata(tmp_path / "images" / "shown.jpg", (1, 2, 3))
    with pytest.raises(BuildFailed) as failure:
        build_site(config, on=ON)
    # Line 7 of the file: the front matter counts, as it does in the editor.
    assert "docs/a.md:7: [[photo:no-such-photo]]: no photo has this id" in str(failure.value)
