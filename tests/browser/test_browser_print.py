"""Print: a photo page fits one A4 sheet, a covered photo prints covered unless the reader
opened it, paper carries no buttons, no sheet is blank, and a reference's link prints its
address after it."""

import io

from pypdf import PdfReader

from atlas.permission import Visibility, visibility


def published_photos(built_site):
    catalog = built_site.catalog()
    return [p for p in catalog.photos if visibility(p, on=built_site.on) is Visibility.PUBLISHED]


def sheets(page) -> list[str]:
    """The text of each A4 sheet the page prints on."""
    return [sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]


def test_every_photo_page_prints_on_one_sheet(page, recorder, built_site):
    too_long = {}
    for photo in published_photos(built_site):
        recorder.visit(f"/photos/{photo.id}/")
        printed = sheets(page)
        if len(printed) != 1:
            too_long[photo.id] = len(printed)
    assert too_long == {}


def test_a_covered_photo_prints_covered_until_the_reader_opens_it(page, recorder, built_site):
    photo = next(p for p in published_photos(built_site) if p.sensitive)
    recorder.visit(f"/photos/{photo.id}/")
    page.emulate_media(media="print")
    try:
        photo_image = page.locator(f"#photo-{photo.id} details picture img")
        assert not photo_image.is_visible()
        assert page.locator(f"#photo-{photo.id} .atlas-sensitive__blur").is_visible()
        page.emulate_media(media="screen")
        page.locator(f"#photo-{photo.id} summary").click()
        page.emulate_media(media="print")
        # Lazy (a covered photo is fetched only once opened): give it the moment it takes to arrive.
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo_image.element_handle(), timeout=5000)
        assert photo_image.is_visible()
    finally:
        page.emulate_media(media="screen")


def test_paper_has_no_buttons_and_no_blank_sheet(page, recorder, built_site):
    photo = published_photos(built_site)[0]
    for path in ("/what-are-cutaneous-metastases/", f"/photos/{photo.id}/", "/questions-for-your-appointment/"):
        recorder.visit(path)
        page.emulate_media(media="print")
        try:
            buttons = page.evaluate(
                "() => [...document.querySelectorAll('button, .md-button, .md-header, .md-sidebar, .md-footer')]"
                ".filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')"
                ".map(e => e.outerHTML.slice(0, 80))"
            )
        finally:
            page.emulate_media(media="screen")
        assert buttons == [], (path, buttons)
        assert all(text.strip() for text in sheets(page)), f"{path} prints a blank sheet"


def test_a_reference_link_prints_its_address(page, recorder):
    recorder.visit("/what-are-cutaneous-metastases/")
    page.emulate_media(media="print")
    try:
        after = page.evaluate(
            "() => getComputedStyle(document.querySelector('.atlas-references a[href^=\"http\"]'), '::after').content"
        )
    finally:
        page.emulate_media(media="screen")
    assert "attr(href)" in after or "http" in after, after
