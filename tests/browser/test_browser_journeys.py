"""What readers do, end to end on the built site. Photo ids, captions and former addresses come
from captions.yaml through the permission gate, never from this file."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from atlas.permission import Visibility, visibility

from browser_support import axe_violations, search, stop_motion, tab_to


def photos_that_are(built_site, state: Visibility):
    return [p for p in built_site.catalog().photos if visibility(p, on=built_site.on) is state]


def test_home_leads_to_the_galleries_and_a_gallery_shows_its_published_photos(page, recorder, built_site):
    catalog = built_site.catalog()
    published = photos_that_are(built_site, Visibility.PUBLISHED)
    gallery = max(catalog.galleries, key=lambda g: sum(p.gallery == g.id for p in published))
    recorder.visit("/")
    page.get_by_role("link", name="Photo galleries").first.click()
    page.wait_for_url(re.compile(r"/galleries/$"))
    page.locator("article").get_by_role("link", name=gallery.title, exact=True).click()
    page.wait_for_url(re.compile(rf"/galleries/{gallery.id}/$"))
    shown = page.locator("article .atlas-grid > li")
    # Waits: with instant navigation the address changes before the new page is drawn.
    expect(shown).to_have_count(sum(p.gallery == gallery.id for p in published))
    assert recorder.console_errors == []


def distinctive_caption_word(built_site):
    """A word of a published photo's caption that appears in that caption only, so the search
    result to expect is unambiguous."""
    published = photos_that_are(built_site, Visibility.PUBLISHED)
    words = {p.id: set(re.findall(r"[a-z]{6,}", p.caption.lower())) for p in published}
    counts = Counter(word for found in words.values() for word in found)
    for photo in published:
        for word in sorted(words[photo.id]):
            if counts[word] == 1:
                return word, photo
    pytest.skip("no published caption has a word of its own to search for")


def test_search_finds_a_photo_by_a_word_of_its_caption(page, recorder, built_site):
    word, photo = distinctive_caption_word(built_site)
    recorder.visit("/")
    hrefs = [href for href, _title in search(page, word)]
    assert any(f"photos/{photo.id}/" in href for href in hrefs), (word, hrefs)


def test_a_photos_former_address_redirects_to_its_current_page(page, recorder, built_site):
    moved = [(old, p) for p in photos_that_are(built_site, Visibility.PUBLISHED) for old in p.former_ids]
    if not moved:
        pytest.skip("no published photo in captions.yaml has former_ids")
    for old, photo in moved:
        recorder.visit(f"/photos/{old}/")
        page.wait_for_url(re.compile(rf"/photos/{re.escape(photo.id)}/$"))
        assert page.get_by_alt_text(photo.alt, exact=True).count() >= 1
    assert recorder.console_errors == []


def test_a_withdrawn_photos_address_shows_only_the_neutral_notice(page, recorder, built_site):
    retired = photos_that_are(built_site, Visibility.RETIRED)
    if not retired:
        pytest.skip("no withdrawn or expired photo in captions.yaml")
    for photo in retired:
        response = recorder.visit(f"/photos/{photo.id}/")
        assert response.status == 200
        assert "no longer available" in page.locator("h1").inner_text()
        text = page.locator("body").inner_text()
        assert photo.caption not in text and photo.alt not in text
        assert page.locator("article img").count() == 0
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
        assert not any("/assets/photos/" in url and photo.id in url for url in recorder.requests)


def test_an_unknown_address_shows_the_sites_own_not_found_page(page, recorder):
    response = recorder.page.goto(recorder.url("/photos/no-such-photo-anywhere/"))
    assert response.status == 404
    assert page.locator(".md-header").count() == 1  # the site's themed 404 page, not the server's


def test_a_sensitive_photo_is_revealed_with_the_keyboard_and_stays_accessible(page, recorder, built_site):
    sensitive = [p for p in photos_that_are(built_site, Visibility.PUBLISHED) if p.sensitive]
    if not sensitive:
        pytest.skip("no published sensitive photo in captions.yaml")
    photo = sensitive[0]
    recorder.visit(f"/photos/{photo.id}/")
    stop_motion(page)
    image = page.locator("article").get_by_alt_text(photo.alt, exact=True).first
    assert not image.is_visible(), "a sensitive photo must be covered until the reader asks"
    reveal = page.locator("article").locator("summary, button, [role=button]").filter(has_text=re.compile("show photo", re.I)).first
    tab_to(page, reveal)
    page.keyboard.press("Enter")
    image.wait_for(state="visible")
    assert axe_violations(page) == []
    assert recorder.console_errors == []


# --- issue 4 (lightbox, case navigation): the markup is being built in parallel ------------


def test_search_finds_radiotherapy_for_radiation(page, recorder):
    # The treatment page says "radiotherapy" only; the search index also holds the synonyms
    # people type (extra.atlas.search_synonyms; every pair is checked in tests/site).
    recorder.visit("/")
    hrefs = [href for href, _title in search(page, "radiation")]
    assert any("treatment/" in href for href in hrefs), hrefs


def test_a_sensitive_photos_search_result_reads_as_its_caption_not_its_controls(page, recorder, built_site):
    sensitive = [p for p in photos_that_are(built_site, Visibility.PUBLISHED) if p.sensitive]
    if not sensitive:
        pytest.skip("no published sensitive photo")
    photo = sensitive[0]
    recorder.visit("/")
    word = sorted(re.findall(r"[a-z]{7,}", photo.caption.lower()))[0]
    shown = " ".join(title for _href, title in search(page, word))
    assert "Hide photo" not in shown and "Show photo" not in shown, shown
