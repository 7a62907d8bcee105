"""Issue 4 on a built fixture site: filters, cases, covers, lightbox, rights, citation, JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from pathlib import Path

import pytest

from atlas.build import build_site
from atlas.takedown import search_entries
from fixture_project import make_project, write_jpeg

ON = dt.date(2026, 11, 21)


def entry(photo_id, *, case=None, stage=None, site=None, sensitive=False, status="granted", former=None, license="all-rights-reserved"):
    lines = [
        f"  - id: {photo_id}",
        f"    file: {photo_id}.jpg",
        "    gallery: g",
        f"    alt: Alt of {photo_id}.",
        f"    caption: Caption of {photo_id}.",
    ]
    if case:
        lines.append(f"    case: {case}")
    if stage:
        lines.append(f"    stage: {stage}")
    if site:
        lines.append(f"    body_site: {site}")
    if sensitive:
        lines.append("    sensitive: true")
    if former:
        lines.append(f"    former_ids: [{former}]")
    lines += [
        "    permission:",
        f"      status: {status}",
        "      scope: [website]",
        "      granted_by: patient",
        "      granted_on: 2013-06-01",
        "      record: FORM-1",
        f"      license: {license}",
        "      credit: Shared by a patient",
    ]
    return "\n".join(lines)


PHOTOS = [
    entry("late", case="person-a", stage="advanced", site="back"),
    entry("first", case="person-a", stage="early", site="chest-wall", former="old-first"),
    entry("gone", case="person-a", stage="advanced", site="chest-wall", status="withdrawn"),
    entry("alone", site="chest-wall", sensitive=True, license="CC-BY-4.0"),
]
CAPTIONS = "galleries:\n  - id: g\n    title: Gallery G\n    description: Test gallery.\nphotos:\n" + "\n".join(PHOTOS) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pages")
    config = make_project(root, CAPTIONS, atlas={"contact_email": "ask@example.org", "reuse_page": "index.md"})
    for index, name in enumerate(["late", "first", "gone", "alone"]):
        write_jpeg(root / "images" / f"{name}.jpg", size=(1000, 750), color=(40 * index, 100, 150))
    return build_site(config, on=ON)


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text()


def test_case_photos_are_together_and_early_comes_first(site):
    html = page(site, "galleries/g")
    order = re.findall(r'<figcaption><a href="../../photos/([a-z-]+)/"', html)
    assert order == ["first", "late", "alone"]
    assert "Person A, photo 1 of 2" in html


def test_filters_are_plain_links_to_filtered_pages(site):
    html = page(site, "galleries/g")
    assert 'href="../../galleries/g/body-site/back/"' in html
    assert 'aria-label="Filter the photos"' in html
    filtered = page(site, "galleries/g/body-site/chest-wall")
    assert "Showing 2 of 3 photos: body site chest wall." in filtered
    assert 'aria-current="page">Chest wall' in filtered
    assert "photos/late/" not in filtered.split('<ul class="atlas-grid"')[1]


def test_filtered_pages_stay_out_of_sitemap_and_search(site):
    assert "body-site" not in (site / "sitemap.xml").read_text()
    assert not any("body-site" in doc["location"] for doc in search_entries(site))


def test_sensitive_photo_is_covered_by_a_named_control(site):
    html = page(site, "galleries/g")
    cover = html.split('<details class="atlas-sensitive">', 1)[1].split("</details>", 1)[0]
    assert "Show photo: Alt of alone." in cover
    assert 'alt="" aria-hidden="true"' in cover  # the blurred copy says nothing to screen readers


def test_sensitive_photo_is_never_offered_as_a_preview_or_to_image_search(site):
    html = page(site, "photos/alone")
    assert '<meta name="robots" content="noimageindex">' in html
    assert 'property="og:image"' not in html
    assert 'property="og:image"' in page(site, "photos/first")


def test_lightbox_link_opens_the_largest_file_with_caption_and_alt(site):
    html = page(site, "galleries/g")
    anchor = re.search(r'<a class="atlas-lightbox-link"[^>]*data-lightbox-group="g"[^>]*>', html).group(0)
    assert re.search(r'href="[^"]*\.1000w\.jpg"', anchor)  # without JavaScript, a plain link to the file
    assert 'data-caption="Caption of first."' in anchor
    assert 'data-alt="Alt of first."' in anchor
    assert 'data-width="1000" data-height="750"' in anchor
    assert 'aria-label="Enlarge photo: ' in anchor


def test_sensitive_photo_has_its_own_lightbox_group(site):
    html = page(site, "galleries/g")
    assert 'data-lightbox-group="g:alone"' in html
    assert html.count('data-lightbox-group="g"') == 2


def test_no_page_carries_a_lightbox_plugins_script_or_style(site):
    for file in site.rglob("*.html"):
        assert "glightbox" not in file.read_text().lower(), file


def test_photo_page_links_previous_and_next_in_the_case(site):
    first = page(site, "photos/first")
    assert 'rel="next" href="../../photos/late/"' in first
    assert 'rel="prev"' not in first
    late = page(site, "photos/late")
    assert 'rel="prev" href="../../photos/first/"' in late
    assert "gone" not in late


def test_photo_page_states_credit_licence_and_how_to_ask_for_reuse(site):
    html = page(site, "photos/alone")
    assert "Credit: Shared by a patient." in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert 'href="mailto:ask@example.org?subject=Permission%20to%20reuse%20photo%20alone"' in html


def test_citation_and_ris_download(site):
    html = unescape(page(site, "photos/first"))  # staff text is written as character references
    # No author (none recorded; never the credit line) and no date (no `updated`; never the consent date).
    assert "Caption of first [photograph]. Fixture atlas. Fixture atlas; n.d. https://atlas.example.org/photos/first/" in html
    assert "2013-06-01" not in html
    ris = (site / "photos" / "first" / "cite.ris").read_text()
    assert ris.startswith("TY  - FIGURE\n") or ris.startswith("TY  - FIGURE\r\n")
    assert "UR  - https://atlas.example.org/photos/first/" in ris
    assert not (site / "photos" / "gone" / "cite.ris").exists()


def test_json_ld_carries_google_image_licence_fields(site):
    html = page(site, "photos/alone")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "ImageObject"
    assert data["contentUrl"].startswith("https://atlas.example.org/assets/photos/alone.")
    assert data["caption"] == "Caption of alone."
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["acquireLicensePage"] == "https://atlas.example.org/index.md" or data["acquireLicensePage"].startswith("https://atlas.example.org/")
    assert data["creditText"] == "Shared by a patient"
    assert data["copyrightNotice"]


def test_old_photo_address_redirects(site):
    html = (site / "photos" / "old-first" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../../photos/first/">' in html
    assert '<link rel="canonical" href="https://atlas.example.org/photos/first/">' in html


def test_every_photo_image_has_size_and_alt(site):
    for html_file in site.rglob("*.html"):
        for tag in re.findall(r"<img [^>]*>", html_file.read_text()):
            if "assets/photos/" in tag:
                assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag), tag
                assert 'alt="' in tag, tag
