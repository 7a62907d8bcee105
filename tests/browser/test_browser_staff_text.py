"""In a real browser, hostile staff text never runs and never adds an element: on the photo
page, the gallery, a filter page, the article that embeds the photo, and in the search results.
The site is served with its Content-Security-Policy, but the escaping alone must hold: the
checks look for injected elements, not only for scripts that ran."""

from __future__ import annotations

import re

import pytest

from hostile_site import FIELDS, build_hostile_site

from browser_support import INJECTED_MARKUP, NO_INJECTED_MARKUP, search, watched_site

INJECTED, CLEAN = INJECTED_MARKUP, NO_INJECTED_MARKUP


@pytest.fixture(scope="module")
def hostile(browser, tmp_path_factory):
    site = build_hostile_site(tmp_path_factory.mktemp("hostile-browser"))
    with watched_site(browser, site, viewport={"width": 390, "height": 844}) as watched:
        yield watched


@pytest.mark.parametrize("path", ["/photos/hostile/", "/galleries/skin/", "/galleries/skin/body-site/chest-wall/", "/article/", "/galleries/"])
def test_no_dialog_and_no_injected_element(hostile, path):
    recorder, dialogs = hostile
    recorder.visit(path)
    assert recorder.page.evaluate(INJECTED) == CLEAN
    assert dialogs == []
    assert recorder.other_host_requests() == []


def test_the_photo_page_shows_the_title_exactly_as_typed(hostile):
    recorder, dialogs = hostile
    recorder.visit("/photos/hostile/")
    page = recorder.page
    assert " ".join(page.locator("article h1").inner_text().split()) == " ".join(FIELDS["photo title"].split())
    assert page.title() == " ".join(f"{FIELDS['photo title']} - Fixture atlas".split())
    # The rest of the page is there: a `<!--` in the caption hid nothing.
    assert page.get_by_role("heading", name="Cite this photo").count() == 1


def test_search_results_show_the_title_as_text(hostile):
    recorder, dialogs = hostile
    recorder.visit("/")
    page = recorder.page
    titles = [title for _href, title in search(page, "lesions")]
    assert any(t == " ".join(FIELDS["photo title"].split()) for t in titles), titles
    assert page.evaluate(INJECTED) == CLEAN
    assert dialogs == []
    assert not [e for e in recorder.console_errors if re.search("Content Security Policy|Refused", e)]
