"""Issue 4, tried as a new reader would on a phone-sized browser: open a gallery, filter it,
reveal a sensitive photo with the keyboard, open and close the lightbox, follow a case from its
first photo to its last, copy a citation, follow an old photo address. Ids come from
captions.yaml through the permission gate, never from this file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from atlas.build import build_site
from atlas.pages.facets import facet_values, useful_facets, value_label
from atlas.pages.render import case_sequence, published_gallery_photos, tile_title
from atlas.permission import Visibility, visibility
from fixture_project import make_project, write_jpeg
from hostile_site import HOSTILE

from browser_support import INJECTED_MARKUP, NO_INJECTED_MARKUP, Recorder, axe_violations, tab_to, watched_site

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HOSTILE_ON = dt.date(2026, 11, 21)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(page):
    before = page.viewport_size
    page.set_viewport_size(PHONE)
    yield page
    page.set_viewport_size(before)


def published(built_site):
    catalog = built_site.catalog()
    return catalog, {p.id for p in catalog.photos if visibility(p, on=built_site.on) is Visibility.PUBLISHED}


def a_gallery_with_filters(built_site):
    catalog, shown = published(built_site)
    for gallery in catalog.galleries:
        photos = published_gallery_photos(catalog, gallery.id, shown)
        if useful_facets(photos):
            return gallery, photos
    pytest.skip("no gallery has two values of any filter")


def test_a_gallery_is_filtered_with_plain_links_and_says_how_many_it_shows(phone, recorder, built_site):
    gallery, photos = a_gallery_with_filters(built_site)
    facet = useful_facets(photos)[0]
    value, count = facet_values(facet, photos)[0]
    recorder.visit(f"/galleries/{gallery.id}/")
    filters = phone.get_by_role("navigation", name="Filter the photos")
    filters.get_by_role("link", name=re.compile(rf"^{re.escape(value_label(facet, value))} \(")).click()
    # With JavaScript the gallery filters in place (issue 15; without it the link opens
    # filtered_url(...): tests/browser/test_browser_gallery.py).
    phone.wait_for_url(re.compile(re.escape(f"/galleries/{gallery.id}/?{facet.slug}={value.lower()}") + "$"))
    assert phone.locator("article .atlas-grid > li:not([hidden])").count() == count
    assert f"Showing {count} of {len(photos)} photos" in phone.locator(".atlas-result-count").inner_text()
    current = phone.locator(".atlas-filters [aria-current]")
    assert value_label(facet, value) in " ".join(current.all_inner_texts())
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert recorder.console_errors == []


# --- The lightbox (docs/assets/atlas.js): one native <dialog> ---------------------------------

VIEWER = "dialog.atlas-lightbox"


def lightbox_link(page, photo):
    """The link that opens `photo` in the lightbox, found by its data attribute as the script
    reads it (never by a selector built from the alt text, which may hold quotes)."""
    index = page.evaluate(
        "alt => [...document.querySelectorAll('article a.atlas-lightbox-link')].findIndex(a => a.dataset.alt === alt)",
        photo.alt,
    )
    assert index >= 0, f"no lightbox link for {photo.id}"
    return page.locator("article a.atlas-lightbox-link").nth(index)


def open_viewer(page):
    viewer = page.get_by_role("dialog", name="Photo viewer")
    viewer.wait_for(state="visible")
    # The fade-in (off under prefers-reduced-motion) ends before anything is measured.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    return viewer


def shown_in_viewer(page) -> dict:
    return page.evaluate(
        f"""() => {{ const d = document.querySelector('{VIEWER}'), img = d.querySelector('img');
            const text = s => {{ const e = d.querySelector(s); return e.hidden ? null : e.textContent; }};
            return {{caption: text('.atlas-lightbox__caption'), alt: text('.atlas-lightbox__alt'),
                     counter: text('.atlas-lightbox__counter'), imageAlt: img.alt,
                     previous: d.querySelector('.atlas-lightbox__previous').disabled,
                     next: d.querySelector('.atlas-lightbox__next').disabled,
                     nav: !d.querySelector('.atlas-lightbox__nav').hidden}}; }}"""
    )


def watch_csp(page):
    """Collect Content-Security-Policy violations (an inline style the lightbox wrote would be one)."""
    page.evaluate(
        """() => { window.__cspViolations = [];
                   document.addEventListener('securitypolicyviolation',
                     e => window.__cspViolations.push(e.violatedDirective + ' ' + e.sample)); }"""
    )


def gallery_with_published(built_site, *, count: int):
    catalog, shown = published(built_site)
    for gallery in catalog.galleries:
        photos = [p for p in published_gallery_photos(catalog, gallery.id, shown) if not p.sensitive]
        if len(photos) >= count:
            return gallery, photos
    pytest.skip(f"no gallery has {count} published photos that are not sensitive")


def test_the_lightbox_opens_with_enter_closes_with_escape_and_gives_focus_back(phone, recorder, built_site):
    catalog, shown = published(built_site)
    photo = next(p for p in catalog.photos if p.id in shown and not p.sensitive)
    recorder.visit(f"/galleries/{photo.gallery}/")
    watch_csp(phone)
    opener = lightbox_link(phone, photo)
    tab_to(phone, opener)
    phone.keyboard.press("Enter")
    open_viewer(phone)
    seen = shown_in_viewer(phone)
    assert seen["caption"] == photo.caption  # exactly as in captions.yaml
    assert seen["alt"] == f"What the photo shows: {photo.alt}"
    assert seen["imageAlt"] == photo.alt
    assert phone.evaluate(f"document.querySelector('{VIEWER}').contains(document.activeElement)")
    assert phone.evaluate("document.activeElement.textContent") == "×Close"
    assert axe_violations(phone) == []  # the whole page, with the lightbox open over it
    # The page behind stays still while the viewer is open.
    before = phone.evaluate("window.scrollY")
    phone.mouse.wheel(0, 600)
    phone.wait_for_timeout(200)
    assert phone.evaluate("window.scrollY") == before
    phone.keyboard.press("Escape")
    phone.locator(VIEWER).wait_for(state="hidden")
    assert phone.evaluate("element => document.activeElement === element", opener.element_handle())
    assert phone.evaluate("window.__cspViolations") == []
    assert recorder.console_errors == []


def test_the_lightbox_moves_within_its_gallery_and_stops_at_both_ends(phone, recorder, built_site):
    gallery, photos = gallery_with_published(built_site, count=2)
    recorder.visit(f"/galleries/{gallery.id}/")
    links = phone.locator("article a.atlas-lightbox-link")
    group = phone.evaluate(
        "() => { const links = [...document.querySelectorAll('article a.atlas-lightbox-link')];"
        " const first = links[0].dataset.lightboxGroup; return links.filter(a => a.dataset.lightboxGroup === first).map(a => a.dataset.alt); }"
    )
    assert len(group) >= 2
    links.first.click()
    open_viewer(phone)
    seen = shown_in_viewer(phone)
    assert (seen["counter"], seen["previous"], seen["next"]) == (f"Photo 1 of {len(group)}", True, False)
    phone.get_by_role("button", name="Next photo").click()
    assert shown_in_viewer(phone)["imageAlt"] == group[1]
    phone.get_by_role("button", name="Previous photo").click()
    assert shown_in_viewer(phone)["imageAlt"] == group[0]
    for position in range(2, len(group) + 1):
        phone.keyboard.press("ArrowRight")
        seen = shown_in_viewer(phone)
        assert (seen["counter"], seen["imageAlt"]) == (f"Photo {position} of {len(group)}", group[position - 1])
    phone.keyboard.press("ArrowRight")  # no looping past the last photo
    seen = shown_in_viewer(phone)
    assert (seen["imageAlt"], seen["previous"], seen["next"]) == (group[-1], False, True)
    phone.keyboard.press("ArrowLeft")
    assert shown_in_viewer(phone)["imageAlt"] == group[-2]
    # Close, Previous and Next are named buttons, large enough to tap (WCAG 2.2 2.5.8).
    sizes = phone.evaluate(
        f"[...document.querySelectorAll('{VIEWER} button')].map(b => [b.textContent, b.getBoundingClientRect().width, b.getBoundingClientRect().height])"
    )
    assert [name for name, _, _ in sizes] == ["×Close", "‹Previous photo", "Next photo›"]
    assert all(width >= 24 and height >= 24 for _, width, height in sizes), sizes
    phone.get_by_role("button", name="Close").click()
    phone.locator(VIEWER).wait_for(state="hidden")
    assert recorder.console_errors == []


def test_the_lightbox_is_accessible_for_a_reader_whose_system_is_dark(browser, base_url, built_site):
    catalog, shown = published(built_site)
    photo = next(p for p in catalog.photos if p.id in shown and not p.sensitive)
    # The site has one light scheme (no palette in mkdocs.yml: its files blocked the first
    # paint), whatever the reader's system setting; the viewer must stay accessible there.
    context = browser.new_context(viewport=PHONE, color_scheme="dark", reduced_motion="reduce")
    try:
        dark = context.new_page()
        errors = []
        dark.on("console", lambda message: message.type == "error" and errors.append(message.text))
        dark.goto(f"{base_url}/galleries/{photo.gallery}/")
        assert dark.evaluate("document.body.dataset.mdColorScheme") != "slate"
        lightbox_link(dark, photo).click()
        open_viewer(dark)
        assert dark.evaluate(f"document.querySelector('{VIEWER}').getAnimations().length") == 0  # reduced motion
        assert axe_violations(dark) == []
        assert errors == []
    finally:
        context.close()


def test_without_javascript_a_photo_links_to_its_largest_file(browser, base_url, built_site):
    catalog, shown = published(built_site)
    photo = next(p for p in catalog.photos if p.id in shown and not p.sensitive)
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{base_url}/photos/{photo.id}/")
        link = plain.locator("article a.atlas-lightbox-link").first
        largest = link.evaluate("a => a.href")
        assert largest.endswith(f".{link.get_attribute('data-width')}w.jpg")
        with plain.expect_navigation() as navigation:
            link.click()
        response = navigation.value
        assert response.url == largest
        assert response.ok and response.headers["content-type"] == "image/jpeg"
    finally:
        context.close()


def test_the_lightbox_works_on_every_page_reached_by_a_link(phone, recorder, built_site):
    # Material's instant navigation is off (mkdocs.yml): each page loads its own scripts, so
    # following links must leave one working viewer on every page.
    catalog, shown = published(built_site)
    photo = next(p for p in catalog.photos if p.id in shown and not p.sensitive)
    lightbox_after_following_links(phone, recorder, catalog, photo)


def follow(page, link, path):
    """Click `link`, wait for the new page, and watch its CSP reports."""
    link.click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    page.wait_for_load_state("load")
    watch_csp(page)


def lightbox_after_following_links(phone, recorder, catalog, photo):
    recorder.visit("/galleries/")
    watch_csp(phone)
    gallery_link = phone.locator("article").get_by_role("link", name=catalog.gallery(photo.gallery).title, exact=True)
    follow(phone, gallery_link, f"/galleries/{photo.gallery}/")
    lightbox_link(phone, photo).click()
    open_viewer(phone)
    assert shown_in_viewer(phone)["caption"] == photo.caption
    phone.keyboard.press("Escape")
    phone.locator(VIEWER).wait_for(state="hidden")
    # And on the photo's own page, with a single viewer.
    photo_link = phone.locator("article figcaption").get_by_role("link", name=tile_title(photo), exact=True).first
    follow(phone, photo_link, f"/photos/{photo.id}/")
    phone.locator("article a.atlas-lightbox-link").first.click()
    open_viewer(phone)
    seen = shown_in_viewer(phone)
    assert (seen["imageAlt"], seen["nav"], seen["counter"]) == (photo.alt, False, None)  # a group of one
    assert phone.evaluate(f"document.querySelectorAll('{VIEWER}').length") == 1
    phone.keyboard.press("Escape")
    phone.locator(VIEWER).wait_for(state="hidden")
    # Back while the viewer is open: the page changes under it, and the viewer closes.
    phone.locator("article a.atlas-lightbox-link").first.click()
    open_viewer(phone)
    phone.go_back()
    phone.wait_for_url(re.compile(rf"/galleries/{photo.gallery}/$"))
    watch_csp(phone)
    phone.locator(VIEWER).wait_for(state="hidden")
    assert phone.evaluate("document.documentElement.classList.contains('atlas-lightbox-open')") is False
    assert phone.evaluate("window.__cspViolations") == []
    assert recorder.console_errors == []


def test_arrow_keys_never_reach_a_covered_photo(phone, recorder, built_site):
    catalog, shown = published(built_site)
    galleries = {p.gallery for p in catalog.photos if p.id in shown and p.sensitive}
    if not galleries:
        pytest.skip("no sensitive published photo")
    gallery = sorted(galleries)[0]
    sensitive = [p for p in catalog.photos if p.id in shown and p.sensitive and p.gallery == gallery]
    recorder.visit(f"/galleries/{gallery}/")
    phone.locator("article a.atlas-lightbox-link").first.click()
    open_viewer(phone)
    sensitive_alts = {p.alt for p in sensitive}
    for _ in range(len(shown)):
        phone.keyboard.press("ArrowRight")
        assert shown_in_viewer(phone)["imageAlt"] not in sensitive_alts
    for _ in range(len(shown)):
        phone.keyboard.press("ArrowLeft")
        assert shown_in_viewer(phone)["imageAlt"] not in sensitive_alts
    phone.keyboard.press("Escape")
    phone.locator(VIEWER).wait_for(state="hidden")
    # Uncovered by the reader, a sensitive photo opens alone: no arrows lead anywhere from it.
    photo = sensitive[0]
    opener = lightbox_link(phone, photo)
    opener.locator("xpath=ancestor::details[1]/summary").click()
    opener.click()
    open_viewer(phone)
    seen = shown_in_viewer(phone)
    assert (seen["imageAlt"], seen["nav"], seen["counter"]) == (photo.alt, False, None)
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowLeft")
    assert shown_in_viewer(phone)["imageAlt"] == photo.alt
    phone.keyboard.press("Escape")
    phone.locator(VIEWER).wait_for(state="hidden")
    assert recorder.console_errors == []


def test_a_covered_photo_is_not_downloaded_until_the_reader_opens_it(browser, base_url, built_site):
    catalog, shown = published(built_site)
    photo = next((p for p in catalog.photos if p.id in shown and p.sensitive), None)
    if photo is None:
        pytest.skip("no sensitive published photo")
    # A new browser, so nothing comes from the cache unrequested.
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(10_000)
    try:
        reader = Recorder(context, base_url)
        page = reader.page
        for path in (f"/galleries/{photo.gallery}/", f"/photos/{photo.id}/"):
            reader.reset()
            reader.visit(path)
            details = page.locator(f'details.atlas-sensitive:has(img[alt="{photo.alt}"])').first
            assert not details.evaluate("d => d.open")
            cover = details.locator("img.atlas-sensitive__blur").get_attribute("src").rsplit("/", 1)[-1]
            files = {url.rsplit("/", 1)[-1] for url in reader.requests if f"/assets/photos/{photo.id}." in url}
            assert files <= {cover}, (path, files)
            details.locator("summary").click()
            # Opened, the photo comes (in whichever size and format the browser picks).
            details.locator(f'img[alt="{photo.alt}"]').evaluate(
                "img => img.complete && img.naturalWidth > 0 || new Promise(done => img.addEventListener('load', done))"
            )
        assert reader.console_errors == []
    finally:
        context.close()


def test_always_show_photos_is_remembered_in_this_browser_only(phone, recorder, built_site):
    catalog, shown = published(built_site)
    galleries = sorted({p.gallery for p in catalog.photos if p.id in shown and p.sensitive})
    if not galleries:
        pytest.skip("no sensitive published photo")
    recorder.visit(f"/galleries/{galleries[0]}/")
    phone.get_by_label(re.compile("Always show photos")).check()
    recorder.visit(f"/galleries/{galleries[0]}/")
    assert phone.evaluate("[...document.querySelectorAll('details.atlas-sensitive')].every(d => d.open)")
    assert phone.evaluate("document.cookie") == ""
    assert recorder.other_host_requests() == []
    phone.get_by_label(re.compile("Always show photos")).uncheck()
    assert phone.evaluate("[...document.querySelectorAll('details.atlas-sensitive')].every(d => !d.open)")


def test_a_case_is_followed_from_its_first_photo_to_its_last(phone, recorder, built_site):
    catalog, shown = published(built_site)
    sequences = [case_sequence(catalog, p, shown) for p in catalog.photos if p.id in shown and p.case]
    sequence = max(sequences, key=len, default=[])
    if len(sequence) < 2:
        pytest.skip("no case with two published photos")
    recorder.visit(f"/photos/{sequence[0].id}/")
    for step, photo in enumerate(sequence[1:], start=2):
        phone.locator('a[rel="next"]').click()
        phone.wait_for_url(re.compile(rf"/photos/{re.escape(photo.id)}/$"))
        # Waits: with instant navigation the address changes before the new page is drawn.
        expect(phone.locator(".atlas-case")).to_contain_text(f"Photo {step} of {len(sequence)}")
    assert phone.locator('a[rel="next"]').count() == 0
    phone.locator('a[rel="prev"]').click()
    phone.wait_for_url(re.compile(rf"/photos/{re.escape(sequence[-2].id)}/$"))
    assert recorder.console_errors == []


def test_a_citation_is_copied_with_todays_date(phone, recorder, built_site):
    catalog, shown = published(built_site)
    photo = next(p for p in catalog.photos if p.id in shown)
    recorder.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=recorder.base_url)
    recorder.visit(f"/photos/{photo.id}/")
    button = phone.get_by_role("button", name="Copy citation")
    tab_to(phone, button)
    phone.keyboard.press("Enter")
    phone.get_by_role("status").filter(has_text="Citation copied").wait_for()
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert f"/photos/{photo.id}/" in copied
    assert re.search(r"\(accessed \d{4}-\d{2}-\d{2}\)\.$", copied), copied
    ris = phone.request.get(recorder.url(f"/photos/{photo.id}/cite.ris"))
    assert ris.ok and "TY  - FIGURE" in ris.text()


def test_an_old_photo_address_lands_on_the_photo(phone, recorder, built_site):
    catalog, shown = published(built_site)
    moved = [(old, p) for p in catalog.photos if p.id in shown for old in p.former_ids]
    if not moved:
        pytest.skip("no published photo has a former id")
    old, photo = moved[0]
    recorder.visit(f"/photos/{old}/")
    phone.wait_for_url(re.compile(rf"/photos/{re.escape(photo.id)}/$"))
    assert phone.locator("h1").first.inner_text().startswith(photo.display_title[:20])


def test_touch_targets_on_a_photo_page_are_at_least_24_px(phone, recorder, built_site):
    catalog, shown = published(built_site)
    photo = next(p for p in catalog.photos if p.id in shown and p.case)
    recorder.visit(f"/photos/{photo.id}/")
    small = phone.evaluate(
        """[...document.querySelectorAll('article .atlas-case a, article .atlas-photo-cite a, article .atlas-photo-cite button, .atlas-filters a')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim().slice(0, 40), e.getBoundingClientRect().height])
            .filter(([, h]) => h < 24)"""
    )
    assert small == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# --- Hostile staff text in the lightbox, on a small fixture site ------------------------------

ASSETS = PROJECT_ROOT / "docs" / "assets"
# The markup comes before HOSTILE's `<!--`, which would hide it from a careless innerHTML.
HOSTILE_CAPTION = f'caption <img src=x onerror=alert(1)> "><script>alert(2)</script> </dialog></p> &amp; &lt;b&gt; {HOSTILE}'
HOSTILE_ALT = f'alt "><img src=x onerror=alert(4)> <script>alert(5)</script> {HOSTILE}'
INJECTED, CLEAN = INJECTED_MARKUP, NO_INJECTED_MARKUP


def hostile_catalog() -> str:
    def photo(photo_id, caption, alt):
        return {
            "id": photo_id, "file": f"{photo_id}.jpg", "gallery": "skin", "alt": alt, "caption": caption,
            "permission": {"status": "granted", "scope": ["website"], "granted_by": "patient",
                           "granted_on": "2013-06-01", "record": f"FORM-{photo_id}", "license": "all-rights-reserved",
                           "credit": "A patient"},
        }

    return yaml.safe_dump(
        {
            "galleries": [{"id": "skin", "title": "Skin", "description": "Test gallery."}],
            "photos": [photo("hostile", HOSTILE_CAPTION, HOSTILE_ALT), photo("second", f"second {HOSTILE}", f"second alt {HOSTILE}")],
        },
        allow_unicode=True,
        sort_keys=False,
    )


@pytest.fixture(scope="module")
def hostile_lightbox(browser, tmp_path_factory):
    """The fixture site with the real atlas.js and atlas.css, built with its Content-Security-
    Policy, and a page that records any alert() a string manages to run."""
    root = tmp_path_factory.mktemp("hostile-lightbox")
    assets = {f"assets/{name}": (ASSETS / name).read_text(encoding="utf-8") for name in ("atlas.js", "atlas.css", "gallery.js")}
    config = make_project(root, hostile_catalog(), docs=assets)
    with open(config, "a", encoding="utf-8") as text:
        text.write("extra_css:\n  - assets/atlas.css\nextra_javascript:\n  - assets/atlas.js\n")
    write_jpeg(root / "images" / "hostile.jpg", size=(1000, 750))
    write_jpeg(root / "images" / "second.jpg", size=(1000, 750), color=(10, 20, 30))
    site = build_site(config, site_dir=root / "site", on=HOSTILE_ON)
    assert (site / "photos" / "second" / "index.html").is_file(), "the fixture's photos were not published"
    with watched_site(browser, site, viewport=PHONE) as watched:
        yield watched


@pytest.mark.parametrize("path", ["/galleries/skin/", "/photos/hostile/"])
def test_the_lightbox_shows_hostile_staff_text_exactly_as_typed_and_runs_none_of_it(hostile_lightbox, path):
    recorder, dialogs = hostile_lightbox
    page = recorder.page
    recorder.visit(path)
    watch_csp(page)
    opener = page.locator("article a.atlas-lightbox-link").first
    tab_to(page, opener)
    page.keyboard.press("Enter")
    open_viewer(page)
    page.wait_for_timeout(200)  # time for a broken <img src=x> to fire its error
    assert page.evaluate(INJECTED) == CLEAN
    assert dialogs == []
    seen = shown_in_viewer(page)
    assert seen["caption"] == HOSTILE_CAPTION
    assert seen["alt"] == f"What the photo shows: {HOSTILE_ALT}"
    assert seen["imageAlt"] == HOSTILE_ALT
    assert page.get_attribute(f"{VIEWER} img", "alt") == HOSTILE_ALT
    assert page.evaluate(f"document.querySelector('{VIEWER} .atlas-lightbox__text').children.length") == 3  # no element added
    if path.startswith("/galleries/"):
        page.keyboard.press("ArrowRight")
        seen = shown_in_viewer(page)
        assert (seen["caption"], seen["imageAlt"]) == (f"second {HOSTILE}", f"second alt {HOSTILE}")
    assert page.evaluate(INJECTED) == CLEAN
    page.keyboard.press("Escape")
    page.locator(VIEWER).wait_for(state="hidden")
    assert page.evaluate(INJECTED) == CLEAN
    assert dialogs == []
    assert page.evaluate("window.__cspViolations") == []
    assert recorder.console_errors == []
    assert recorder.other_host_requests() == []
