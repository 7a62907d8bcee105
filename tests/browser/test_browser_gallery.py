"""Issue 15, "A gallery people can look at": the even grid at a phone's and a desktop's width,
filters that combine with JavaScript (counts and address follow the selection, no reload, no jump
to the top), the one-facet pages without JavaScript, pages of a large gallery, and the
galleries index. Ids and values come from captions.yaml through the permission gate."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from atlas.build import build_site
from atlas.pages.html import CARD_SIZES, THUMB_SIZES
from atlas.pages.facets import facet_values, matching, useful_facets, value_label
from atlas.pages.render import GALLERY_PAGE_SIZE, filtered_url, published_gallery_photos
from fixture_project import make_project, write_jpeg

from browser_support import axe_violations, watched_site
from test_browser_photos import published

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Every tile's picture box, the tile's own box, and whether it is shown.
BOXES = """() => [...document.querySelectorAll('article .atlas-grid > li')].filter(li => !li.hidden).map(li => {
  const frame = li.querySelector('.atlas-grid__frame').getBoundingClientRect();
  const tile = li.getBoundingClientRect();
  return {frame: [frame.x, frame.y, frame.width, frame.height], tile: [tile.x, tile.y, tile.width, tile.height],
          covered: !!li.querySelector('details.atlas-sensitive:not([open])'),
          contentWidths: [...li.querySelectorAll('.atlas-grid__frame *')].filter(e => e.getClientRects().length)
            .map(e => e.getBoundingClientRect()).map(r => [r.left, r.right])};
})"""


def two_facet_gallery(built_site):
    """A gallery with two filters, and a pair of values whose combination is narrower than either."""
    catalog, shown = published(built_site)
    for gallery in catalog.galleries:
        photos = published_gallery_photos(catalog, gallery.id, shown)
        facets = useful_facets(photos)
        for index, first in enumerate(facets):
            for second in facets[index + 1:]:
                for a, _ in facet_values(first, photos):
                    for b, _ in facet_values(second, photos):
                        both = matching(matching(photos, first, a), second, b)
                        if both and len(both) < len(matching(photos, first, a)):
                            return gallery, photos, (first, a), (second, b)
    pytest.skip("no gallery has two filters whose values combine")


def overlapping(boxes) -> list:
    found = []
    for i, one in enumerate(boxes):
        x, y, w, h = one
        for other in boxes[i + 1:]:
            ox, oy, ow, oh = other
            if x < ox + ow - 0.5 and ox < x + w - 0.5 and y < oy + oh - 0.5 and oy < y + h - 0.5:
                found.append((one, other))
    return found


@pytest.fixture
def sized(page):
    before = page.viewport_size
    yield page
    page.set_viewport_size(before)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_every_tile_has_the_same_picture_box_and_none_overlap(sized, recorder, built_site, viewport):
    catalog, shown = published(built_site)
    sensitive_galleries = {p.gallery for p in catalog.photos if p.id in shown and p.sensitive}
    gallery = sorted(sensitive_galleries)[0] if sensitive_galleries else catalog.galleries[0].id
    sized.set_viewport_size(viewport)
    recorder.visit(f"/galleries/{gallery}/")
    sized.wait_for_load_state("load")
    boxes = sized.evaluate(BOXES)
    assert len(boxes) >= 2
    sizes = {(round(b["frame"][2], 1), round(b["frame"][3], 1)) for b in boxes}
    assert len(sizes) == 1, f"picture boxes differ: {sizes}"
    width, height = sizes.pop()
    assert width > 100 and abs(width / height - 4 / 3) < 0.02
    if sensitive_galleries:
        assert any(b["covered"] for b in boxes), "no covered tile was measured"
    assert overlapping([b["tile"] for b in boxes]) == []
    # Nothing inside a picture box (the covered tile's button, the blurred copy) pokes out sideways.
    for box in boxes:
        left, right = box["frame"][0], box["frame"][0] + box["frame"][2]
        visible = [(l, r) for l, r in box["contentWidths"] if r - l > 0]
        assert all(l >= left - 0.5 and r <= right + 0.5 for l, r in visible) or box["covered"], box
    assert sized.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # Uncovering a sensitive photo leaves its box exactly the size of the others.
    if sensitive_galleries:
        sized.locator("article details.atlas-sensitive > summary").first.click()
        after = {(round(b["frame"][2], 1), round(b["frame"][3], 1)) for b in sized.evaluate(BOXES)}
        assert after == {(width, height)}
        sized.locator("article details.atlas-sensitive > summary").first.click()
    assert axe_violations(sized) == []
    assert recorder.console_errors == []


def declared_width(sizes: str, viewport_width: int) -> float:
    """The width, in CSS pixels, that an image's `sizes` declares at this viewport width, for
    the forms the atlas writes: "(max-width: Nem) LENGTH, ..., LENGTH", where LENGTH is Nem,
    Nrem, Nvw or calc(Nvw - Nem). Lengths in `sizes` are read at 16px to the em."""
    def length(text: str) -> float:
        text = text.strip()
        calc = re.fullmatch(r"calc\(([\d.]+)vw - ([\d.]+)r?em\)", text)
        if calc:
            return float(calc[1]) * viewport_width / 100 - float(calc[2]) * 16
        number, unit = re.fullmatch(r"([\d.]+)(r?em|vw)", text).groups()
        return float(number) * (viewport_width / 100 if unit == "vw" else 16)

    for entry in sizes.split(","):
        condition = re.fullmatch(r"\s*\(max-width: ([\d.]+)em\)\s+(.+)", entry)
        if condition is None:
            return length(entry)
        if viewport_width <= float(condition[1]) * 16:
            return length(condition[2])
    raise AssertionError(f"sizes {sizes!r} has no default length")


WIDEST_DRAWN = """selector => Math.max(...[...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().width))"""


@pytest.mark.parametrize(
    "path, selector, sizes, exact_on_phones",
    [
        ("/galleries/{gallery}/", "article .atlas-grid__frame", THUMB_SIZES, True),
        ("/", ".atlas-tile picture", THUMB_SIZES, False),
        ("/galleries/", ".atlas-gallery-list picture", CARD_SIZES, False),
    ],
)
def test_every_thumbnail_is_fetched_for_the_width_it_is_drawn(page, recorder, built_site, path, selector, sizes, exact_on_phones):
    # Never narrower than drawn (the browser would fetch a file too small: a blurred photo), and
    # in a gallery's grid on a phone no wider either (a file too big on a poor connection).
    catalog, shown = published(built_site)
    gallery = max(catalog.galleries, key=lambda g: sum(p.gallery == g.id for p in catalog.photos if p.id in shown))
    before = page.viewport_size
    recorder.visit(path.format(gallery=gallery.id))
    try:
        for width in (300, 360, 390, 412, 480, 528, 529, 576, 577, 591, 592, 700, 900, 1100, 1280, 1600):
            page.set_viewport_size({"width": width, "height": 800})
            drawn = page.evaluate(WIDEST_DRAWN, selector)
            declared = declared_width(sizes, width)
            assert drawn <= declared + 0.5, (path, width, drawn, declared)
            if exact_on_phones and width <= 528:  # two columns (atlas.css)
                assert declared <= drawn * 1.1, (path, width, drawn, declared)
    finally:
        page.set_viewport_size(before)


def test_every_tile_image_has_width_and_height_and_a_short_title(page, recorder, built_site):
    catalog, shown = published(built_site)
    recorder.visit(f"/galleries/{catalog.galleries[0].id}/")
    missing = page.evaluate(
        "[...document.querySelectorAll('article .atlas-grid img')].filter(i => !i.getAttribute('width') || !i.getAttribute('height')).length"
    )
    assert missing == 0
    titles = page.locator("article .atlas-grid figcaption > a").all_inner_texts()
    assert titles and all(len(title) <= 90 for title in titles)
    style = page.locator("article .atlas-grid figcaption > a").first.evaluate(
        "a => [getComputedStyle(a).fontStyle, getComputedStyle(a).textDecorationLine]"
    )
    assert style == ["normal", "none"]


def test_filters_combine_in_place_with_counts_and_the_selection_in_the_address(page, recorder, built_site):
    gallery, photos, (first, a), (second, b) = two_facet_gallery(built_site)
    page.set_viewport_size(PHONE)
    try:
        recorder.visit(f"/galleries/{gallery.id}/")
        page.evaluate("window.__notReloaded = true")
        filters = page.get_by_role("navigation", name="Filter the photos")
        filters.locator(f'a[data-facet="{first.slug}"][data-value="{a}"]').scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, 5)")
        scrolled = page.evaluate("window.scrollY")
        filters.locator(f'a[data-facet="{first.slug}"][data-value="{a}"]').click()
        only_first = matching(photos, first, a)
        page.wait_for_function("n => document.querySelectorAll('article .atlas-grid > li:not([hidden])').length === n", arg=len(only_first))
        filters.locator(f'a[data-facet="{second.slug}"][data-value="{b}"]').click()
        both = matching(only_first, second, b)
        page.wait_for_function("n => document.querySelectorAll('article .atlas-grid > li:not([hidden])').length === n", arg=len(both))
        assert page.evaluate("window.__notReloaded") is True
        assert abs(page.evaluate("window.scrollY") - scrolled) < 2, "the page jumped"
        query = parse_qs(urlsplit(page.url).query)
        assert query == {first.slug: [a], second.slug: [b]}
        status = page.locator(".atlas-result-count__text").inner_text()
        assert status.startswith(f"Showing {len(both)} of {len(photos)} photos")
        assert value_label(first, a).lower() in status and value_label(second, b).lower() in status
        # Each value's count is what choosing it would show, with the other filter kept.
        for value, _ in facet_values(second, photos):
            expected = len(matching(only_first, second, value))
            text = filters.locator(f'a[data-facet="{second.slug}"][data-value="{value}"] .atlas-count').inner_text()
            assert text == f"({expected})", (value, text)
        current = filters.locator("a[aria-current]")
        assert sorted(current.evaluate_all("els => els.map(e => e.dataset.facet + '=' + e.dataset.value)")) == sorted(
            [f"{first.slug}={a}", f"{second.slug}={b}"] + [f"{f.slug}=" for f in useful_facets(photos) if f not in (first, second)]
        )
        assert axe_violations(page) == []
        # The address can be shared: opened afresh, it shows the same selection.
        recorder.visit(f"/galleries/{gallery.id}/?{first.slug}={a}&{second.slug}={b}")
        page.wait_for_function("n => document.querySelectorAll('article .atlas-grid > li:not([hidden])').length === n", arg=len(both))
        # "All" clears one filter.
        filters = page.get_by_role("navigation", name="Filter the photos")
        filters.locator(f'a[data-facet="{second.slug}"][data-value=""]').click()
        page.wait_for_function("n => document.querySelectorAll('article .atlas-grid > li:not([hidden])').length === n", arg=len(only_first))
        assert parse_qs(urlsplit(page.url).query) == {first.slug: [a]}
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert recorder.console_errors == []
    finally:
        page.set_viewport_size(DESKTOP)


def test_without_javascript_the_one_facet_pages_filter(browser, base_url, built_site):
    gallery, photos, (first, a), _ = two_facet_gallery(built_site)
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{base_url}/galleries/{gallery.id}/")
        filters = plain.get_by_role("navigation", name="Filter the photos")
        filters.get_by_role("link", name=re.compile(rf"^{re.escape(value_label(first, a))} \(")).click()
        plain.wait_for_url(re.compile(re.escape(filtered_url(gallery.id, first, a)) + "$"))
        assert plain.locator("article .atlas-grid > li").count() == len(matching(photos, first, a))
        assert plain.locator("script:not([src])").evaluate_all("ss => ss.filter(s => s.text.includes('atlasGallery')).length") == 1  # present, and harmless without JS
    finally:
        context.close()


GALLERY_SCRIPT = "ss => ss.filter(s => !s.src && s.text.includes('window.atlasGallery')).length"


def test_the_gallery_script_is_only_on_gallery_pages(page, recorder, built_site):
    # Inlined on gallery pages (atlas.engineconfig), so it is one request fewer and never a
    # file the first paint waits for.
    catalog, _ = published(built_site)
    recorder.visit(f"/galleries/{catalog.galleries[0].id}/")
    assert page.locator("script").evaluate_all(GALLERY_SCRIPT) == 1
    for path in ("/", "/galleries/"):
        recorder.visit(path)
        assert page.locator("script").evaluate_all(GALLERY_SCRIPT) == 0, path
        assert not any(url.endswith("/gallery.js") for url in recorder.requests), path


def test_the_galleries_index_shows_covers_counts_and_an_empty_gallery(page, recorder, built_site):
    catalog, shown = published(built_site)
    recorder.visit("/galleries/")
    cards = page.locator("article .atlas-gallery-card")
    assert cards.count() == len(catalog.galleries)
    sensitive_files = {p.id for p in catalog.photos if p.id in shown and p.sensitive}
    for index, gallery in enumerate(catalog.galleries):
        card = cards.nth(index)
        photos = published_gallery_photos(catalog, gallery.id, shown)
        count = card.locator(".atlas-gallery-card__count").inner_text()
        if photos:
            assert count == f"{len(photos)} photo{'s' if len(photos) != 1 else ''}"
        else:
            assert count == "No photos yet"
        sources = card.locator("img").evaluate_all("imgs => imgs.map(i => i.getAttribute('src'))")
        assert not any(f"/{photo_id}." in src for src in sources for photo_id in sensitive_files), sources
        if any(not p.sensitive for p in photos):
            assert len(sources) == 1
    assert axe_violations(page) == []


# --- A large gallery, on a small fixture site ---------------------------------------------------

LARGE_ON = dt.date(2026, 11, 21)
LARGE_COUNT = GALLERY_PAGE_SIZE + 6


def large_catalog() -> str:
    def photo(number):
        return {
            "id": f"photo-{number:03d}", "file": f"photo-{number:03d}.jpg", "gallery": "big",
            "alt": f"Test photo {number}.", "caption": f"Test photo number {number} of a large gallery.",
            "stage": "early" if number % 2 else "advanced", "body_site": "scalp" if number % 3 else "chest-wall",
            "permission": {"status": "granted", "scope": ["website"], "granted_by": "patient",
                           "granted_on": "2013-06-01", "record": f"FORM-{number}", "license": "all-rights-reserved",
                           "credit": "A patient"},
        }

    return yaml.safe_dump(
        {"galleries": [{"id": "big", "title": "Big", "description": "A large test gallery."}],
         "photos": [photo(n) for n in range(1, LARGE_COUNT + 1)]},
        sort_keys=False,
    )


@pytest.fixture(scope="module")
def large_gallery(browser, tmp_path_factory):
    root = tmp_path_factory.mktemp("large-gallery")
    assets = {f"assets/{name}": (built_assets() / name).read_text(encoding="utf-8") for name in ("atlas.js", "atlas.css", "gallery.js")}
    config = make_project(root, large_catalog(), docs=assets)
    with open(config, "a", encoding="utf-8") as text:
        text.write("extra_css:\n  - assets/atlas.css\nextra_javascript:\n  - assets/atlas.js\n")
    for number in range(1, LARGE_COUNT + 1):
        write_jpeg(root / "images" / f"photo-{number:03d}.jpg", size=(400, 300), color=(number * 7 % 255, 40, 90))
    site = build_site(config, site_dir=root / "site", on=LARGE_ON)
    assert (site / "galleries" / "big" / "page" / "2" / "index.html").is_file()
    with watched_site(browser, site, viewport=PHONE) as watched:
        yield watched


def built_assets():
    from pathlib import Path

    return Path(__file__).resolve().parents[2] / "docs" / "assets"


def test_a_large_gallery_comes_in_pages_that_work_without_javascript(browser, large_gallery):
    recorder, _ = large_gallery
    page = recorder.page
    recorder.visit("/galleries/big/")
    assert page.locator("article .atlas-grid > li").count() == GALLERY_PAGE_SIZE
    requested = [url for url in recorder.requests if "/assets/photos/" in url]
    assert len(requested) < GALLERY_PAGE_SIZE, "every thumbnail was fetched on first visit"
    pages = page.get_by_role("navigation", name="Pages of this gallery")
    href = pages.locator('a[rel="next"]').get_attribute("href")
    plain = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        other = plain.new_page()
        other.goto(recorder.url("/galleries/big/"))
        other.locator('.atlas-pages a[rel="next"]').click()
        other.wait_for_url(re.compile(r"/galleries/big/page/2/$"))
        assert other.locator("article .atlas-grid > li").count() == LARGE_COUNT - GALLERY_PAGE_SIZE
        assert other.locator("article .atlas-grid img").first.evaluate("i => i.naturalWidth > 0")
    finally:
        plain.close()
    assert href


def test_show_more_and_filters_reach_every_page_of_a_large_gallery(large_gallery):
    recorder, dialogs = large_gallery
    page = recorder.page
    recorder.visit("/galleries/big/")
    page.get_by_role("button", name="Show more photos").click()
    page.wait_for_function("n => document.querySelectorAll('article .atlas-grid > li').length === n", arg=LARGE_COUNT)
    assert page.get_by_role("button", name="Show more photos").count() == 0
    # Tiles from page 2 point at real files from here.
    assert page.locator("article .atlas-grid > li").last.locator("img").evaluate(
        "i => new Promise(done => { i.scrollIntoView(); const check = () => i.complete ? done(i.naturalWidth > 0) : setTimeout(check, 50); check(); })"
    )
    recorder.visit("/galleries/big/?stage=early&body-site=chest-wall")
    expected = len([n for n in range(1, LARGE_COUNT + 1) if n % 2 and not n % 3])
    page.wait_for_function("n => document.querySelectorAll('article .atlas-grid > li:not([hidden])').length === n", arg=expected)
    assert page.locator(".atlas-result-count__text").inner_text().startswith(f"Showing {expected} of {LARGE_COUNT} photos")
    assert page.locator(".atlas-pages").is_hidden()
    assert recorder.console_errors == []
    assert recorder.other_host_requests() == []
    assert dialogs == []


def test_filters_combine_on_a_gallery_reached_by_a_link(page, recorder, built_site):
    """gallery.js runs on the gallery page the reader follows a link to (instant navigation is
    off, so every page runs its own scripts), once, and the filters work in place."""
    from test_browser_photos import follow, watch_csp

    gallery, photos, (first, a), _ = two_facet_gallery(built_site)
    recorder.visit("/galleries/")
    watch_csp(page)
    link = page.locator("article").get_by_role("link", name=gallery.title, exact=True)
    follow(page, link, f"/galleries/{gallery.id}/")
    page.get_by_role("navigation", name="Filter the photos").locator(f'a[data-facet="{first.slug}"][data-value="{a}"]').click()
    page.wait_for_function(
        "n => document.querySelectorAll('article .atlas-grid > li:not([hidden])').length === n", arg=len(matching(photos, first, a))
    )
    assert parse_qs(urlsplit(page.url).query) == {first.slug: [a]}
    assert page.evaluate("window.__cspViolations") == []
    assert recorder.console_errors == []
