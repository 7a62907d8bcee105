"""The theme's own script (search, the contents' highlight, back to top, tooltips) loads on the
reader's first action, not while the page loads (docs/assets/atlas.js, issue 15), and then
works as if it had always been there."""

from __future__ import annotations

import pytest

from atlas.engines import engine_named

from browser_support import SEARCH_OPENER, Recorder, wait_until_the_search_box_has_focus

BUNDLE = "/assets/javascripts/bundle."


def requested_bundle(page) -> bool:
    return page.evaluate(
        f"performance.getEntriesByType('resource').some(e => e.name.includes({BUNDLE!r}))"
    )


def test_a_page_that_is_only_read_never_loads_the_theme_script(page, recorder):
    recorder.visit("/treatment/")
    page.wait_for_timeout(500)
    assert not requested_bundle(page)
    # The theme's "js" styles are on from the first paint: the search is there.
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert page.locator(".md-search, .md-search__button").first.is_visible()
    assert recorder.console_errors == []


def test_the_first_key_opens_the_search_once_the_theme_script_has_loaded(page, recorder):
    recorder.visit("/treatment/")
    page.keyboard.press("/")
    page.wait_for_function("() => document.documentElement.dataset.atlasTheme === 'ready'")
    assert requested_bundle(page)
    # "/" was the reader's first action, and it still did what it does: the search has focus.
    wait_until_the_search_box_has_focus(page)
    assert recorder.console_errors == []


def test_a_first_click_on_the_search_opens_it(page, recorder):
    # The click that starts the theme's loading comes before the theme listens: it is made again.
    recorder.visit("/treatment/")
    page.locator(SEARCH_OPENER[engine_named().name]).first.click()
    page.wait_for_function("() => document.documentElement.dataset.atlasTheme === 'ready'")
    wait_until_the_search_box_has_focus(page)
    assert recorder.console_errors == []


@pytest.fixture
def touch_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.set_default_timeout(10_000)
    yield Recorder(context, base_url)
    context.close()


def test_a_first_tap_on_the_search_icon_on_a_phone_opens_it(touch_phone):
    # The icon's label switches the search toggle natively, before the theme that acts on the
    # switch has loaded; the search still opens, once, with the box focused for the keyboard.
    page = touch_phone.page
    touch_phone.visit("/treatment/")
    page.locator("header label.md-header__button[for=__search]").tap()
    page.wait_for_function("() => document.documentElement.dataset.atlasTheme === 'ready'")
    wait_until_the_search_box_has_focus(page)
    assert page.evaluate("document.getElementById('__search').checked")
    assert touch_phone.console_errors == []


def test_scrolling_loads_the_theme_script_and_its_components_start(page, recorder):
    recorder.visit("/treatment/")
    page.mouse.wheel(0, 1200)
    page.wait_for_function("() => document.documentElement.dataset.atlasTheme === 'ready'")
    # The theme's components ran (it publishes its document$ stream once started).
    page.wait_for_function("() => typeof window.document$ !== 'undefined'")
    assert recorder.console_errors == []
