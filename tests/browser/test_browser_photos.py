"""Issue 4, tried as a new reader would on a phone-sized browser: open a gallery, filter it,
reveal a sensitive photo with the keyboard, open and close the lightbox, follow a case from its
first photo to its last, copy a citation, follow an old photo address. Ids come from
captions.yaml through the permission gate, never from this file."""

from __future__ import annotations

import re

import pytest

from atlas.pages.facets import facet_values, useful_facets, value_label
from atlas.pages.render import case_sequence, filtered_url, published_gallery_photos
from atlas.permission import Visibility, visibility

from browser_support import axe_violations, tab_to

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
    phone.wait_for_url(re.compile(re.escape(filtered_url(gallery.id, facet, value)) + "$"))
    assert phone.locator("article .atlas-grid > li").count() == count
    assert f"Showing {count} of {len(photos)} photos" in phone.locator(".atlas-result-count").inner_text()
    current = phone.locator(".atlas-filters [aria-current=page]")
    assert value_label(facet, value) in " ".join(current.all_inner_texts())
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert recorder.console_errors == []


def test_the_lightbox_opens_with_enter_closes_with_escape_and_gives_focus_back(phone, recorder, built_site):
    catalog, shown = published(built_site)
    photo = next(p for p in catalog.photos if p.id in shown and not p.sensitive)
    recorder.visit(f"/galleries/{photo.gallery}/")
    # Motion stays on in lightbox tests: GLightbox removes its dialog when the closing animation ends.
    opener = phone.locator(f'article a.glightbox[data-alt="{photo.alt}"]').first
    tab_to(phone, opener)
    phone.keyboard.press("Enter")
    container = phone.locator(".glightbox-container")
    container.wait_for(state="visible")
    phone.wait_for_timeout(400)  # the slide's own fade-in
    slide = container.locator(".gslide.current")
    assert slide.locator(".gslide-title").inner_text().strip() == photo.caption
    assert photo.alt in slide.locator(".gslide-desc").inner_text()
    assert slide.locator("img").get_attribute("alt") == photo.alt
    assert axe_violations(phone) == []  # the whole page, with the lightbox open over it
    phone.keyboard.press("Escape")
    container.wait_for(state="detached")
    phone.wait_for_function("document.activeElement && document.activeElement.matches('a.glightbox')")
    assert phone.evaluate("document.activeElement.getAttribute('data-alt')") == photo.alt
    assert recorder.console_errors == []


def test_the_lightbox_keeps_working_after_instant_navigation(phone, recorder, built_site):
    catalog, shown = published(built_site)
    photo = next(p for p in catalog.photos if p.id in shown and not p.sensitive)
    recorder.visit("/galleries/")
    # Material's instant navigation: a link click swaps the page without a reload.
    phone.locator("article").get_by_role("link", name=catalog.gallery(photo.gallery).title, exact=True).click()
    phone.wait_for_url(re.compile(rf"/galleries/{photo.gallery}/$"))
    phone.locator("article a.glightbox").first.click()
    phone.locator(".glightbox-container").wait_for(state="visible")
    phone.keyboard.press("Escape")
    phone.locator(".glightbox-container").wait_for(state="detached")
    assert recorder.console_errors == []


def test_arrow_keys_never_reach_a_covered_photo(phone, recorder, built_site):
    catalog, shown = published(built_site)
    galleries = {p.gallery for p in catalog.photos if p.id in shown and p.sensitive}
    if not galleries:
        pytest.skip("no sensitive published photo")
    gallery = sorted(galleries)[0]
    recorder.visit(f"/galleries/{gallery}/")
    phone.locator("article a.glightbox").first.click()
    phone.locator(".glightbox-container").wait_for(state="visible")
    sensitive_alts = {p.alt for p in catalog.photos if p.id in shown and p.sensitive}
    for _ in range(len(shown)):
        phone.keyboard.press("ArrowRight")
        phone.wait_for_timeout(150)
        alt = phone.locator(".gslide.current img").get_attribute("alt")
        assert alt not in sensitive_alts
    phone.keyboard.press("Escape")


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
        assert f"Photo {step} of {len(sequence)}" in phone.locator(".atlas-case").inner_text()
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
