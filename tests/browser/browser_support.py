"""Helpers for the browser tests: request and console recording, axe, keyboard navigation."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.etree import ElementTree

from axe_playwright_python.sync_playwright import Axe

from atlas.engines import engine_named

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe has no separate "wcag22a" rules), plus axe's
# best practices: stock Material's unnamed search dialog (aria-dialog-name) is one of those,
# and the issue asks for it fixed, not ignored.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules switched off, each with its reason. Keep this empty unless a rule is wrong for this site.
AXE_DISABLED_RULES: dict[str, str] = {}

_axe = Axe()

# Each engine's search results as a reader sees them: (result link, its title inside it). Zensical
# draws its search dialog in an open shadow root, which Playwright's CSS locators enter.
SEARCH_RESULTS = {
    "mkdocs": (".md-search-result__link", "h1, h2"),
    "zensical": ('[role="listbox"] a[role="option"]', "h2"),
}
# Each engine's search box. Zensical draws it only once the search index has arrived, and inside
# that shadow root, where document.activeElement is the root's host, not the box.
SEARCH_INPUT = {
    "mkdocs": ".md-search__input",
    "zensical": 'input[aria-autocomplete="list"]',
}
# What a reader clicks to search on a wide screen: Material's box is in the header; Zensical's
# button opens its dialog, by script only. (On a phone both show the icon, label[for=__search].)
SEARCH_OPENER = {
    "mkdocs": ".md-search__input",
    "zensical": "[data-md-component=search] button",
}
_FOCUS_IS_ON = """selector => {
    let focused = document.activeElement;
    while (focused && focused.shadowRoot && focused.shadowRoot.activeElement) {
        focused = focused.shadowRoot.activeElement;
    }
    return focused !== null && focused.matches(selector);
}"""


def wait_until_the_search_box_has_focus(page) -> None:
    page.wait_for_function(_FOCUS_IS_ON, arg=SEARCH_INPUT[engine_named().name])


def theme_ready(page) -> None:
    """Act on the page as a reader does first (the pointer moves), which loads the theme's own
    script (docs/assets/atlas.js), and wait until it runs."""
    page.mouse.move(2, 2)
    page.mouse.move(8, 8)
    page.wait_for_function("() => document.documentElement.dataset.atlasTheme === 'ready'")


def search(page, words: str) -> list[tuple[str, str]]:
    """Type `words` into the site's search ("/" opens it in both engines) and return each
    result's (href, title text), once the first result shows."""
    link, title = SEARCH_RESULTS[engine_named().name]
    theme_ready(page)
    page.keyboard.press("/")
    # As a reader does: type once the box is there (on Zensical it opens when the index arrives).
    wait_until_the_search_box_has_focus(page)
    page.keyboard.type(words)
    results = page.locator(link)
    results.first.wait_for()
    # The list is redrawn while the search catches up with the typing: read it once it has held
    # still, and all at once, never element by element from a list that may be replaced.
    seen, steady = None, 0
    for _ in range(60):  # at most about 9 seconds
        if steady >= 3:
            break
        page.wait_for_timeout(150)
        now = results.evaluate_all(
            "(links, title) => links.map(a => [a.getAttribute('href') || '', (a.querySelector(title) || a).innerText])",
            title,
        )
        steady = steady + 1 if now == seen else 0
        seen = now
    return [(href, " ".join(text.split())) for href, text in seen]


def axe_violations(page, *, context: str | None = None) -> list[str]:
    """One line per failing rule and element, readable in a test failure."""
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "rules": {rule: {"enabled": False} for rule in AXE_DISABLED_RULES},
        "resultTypes": ["violations"],
    }
    # Material's tooltip (content.tooltips, used for glossary terms) is a popup appended to
    # <body> and tied to its trigger by aria-describedby; axe's best-practice "region" rule
    # flags it for sitting outside a landmark. It is scoped out of the audit, not the rule off.
    scope = {"include": [[context or "html"]], "exclude": [[".md-tooltip2"]]}
    results = _axe.run(page, context=scope, options=options)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return lines


@dataclass
class Recorder:
    """Records every request and console error of one page; aborts any request to another host
    (so the test machine never contacts it) while still recording that it was attempted."""

    context: object
    base_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def __post_init__(self):
        own_host = urlsplit(self.base_url).netloc
        self.context.route(re.compile(r"^https?://"), lambda route: route.continue_() if urlsplit(route.request.url).netloc == own_host else route.abort())
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught exception: {error}"))

    def _on_console(self, message):
        if message.type == "error":
            location = message.location.get("url", "") if message.location else ""
            self.console_errors.append(f"{message.text} ({location})")

    def reset(self):
        self.requests.clear()
        self.console_errors.clear()

    def url(self, path: str) -> str:
        return self.base_url + path

    def visit(self, path: str):
        """Load a page and wait until the network is quiet (Material fetches its search index
        after load), so every request the page makes by itself is recorded."""
        self.reset()
        response = self.page.goto(self.url(path), wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return response

    def other_host_requests(self) -> list[str]:
        own_host = urlsplit(self.base_url).netloc
        return [url for url in self.requests if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own_host]


def pages_to_audit(built_site) -> list[str]:
    """Every page a reader can reach, as root-relative paths: the sitemap, plus the pages the
    sitemap rightly leaves out (the 404 page and withdrawn photos' notices, marked noindex)."""
    site_url = (built_site.site_url or "").rstrip("/")
    tree = ElementTree.parse(built_site.site_dir / "sitemap.xml")
    paths = []
    for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        url = loc.text.strip()
        paths.append(url[len(site_url):] if site_url and url.startswith(site_url) else urlsplit(url).path)
    paths += ["/404.html", "/galleries/"]
    for page in sorted(built_site.site_dir.glob("photos/*/index.html")):
        head = page.read_text(encoding="utf-8")[:6000]
        if '<meta name="robots" content="noindex">' in head and 'http-equiv="refresh"' not in head:
            paths.append("/" + page.parent.relative_to(built_site.site_dir).as_posix() + "/")
    return list(dict.fromkeys(paths))


NO_MOTION_CSS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def stop_motion(page) -> None:
    """Turn off transitions so states are measured at rest. A constructed stylesheet, not an
    injected <style>: the site's Content-Security-Policy rightly blocks inline styles, and the
    tests must see the site with its policy intact."""
    page.evaluate(
        """css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
                   document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""",
        NO_MOTION_CSS,
    )


def tab_to(page, locator, *, max_presses: int = 200) -> None:
    """Press Tab until `locator` has focus, as a keyboard-only reader would."""
    handle = locator.element_handle()
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if page.evaluate("element => document.activeElement === element", handle):
            return
    raise AssertionError(f"{locator} was not reached with Tab in {max_presses} presses")


# What a page must not have gained from hostile staff text: an image from the strings, a script
# holding one, an event-handler attribute, a javascript: link. JSON-LD is data, not a script.
INJECTED_MARKUP = """() => ({
  images: [...document.querySelectorAll('img')].filter(i => i.getAttribute('src') === 'x' || (i.src || '').includes('evil.example')).length,
  scripts: [...document.querySelectorAll('script')].filter(s => s.type !== 'application/ld+json' && s.textContent.includes('alert')).length,
  handlers: [...document.querySelectorAll('[onerror]')].length,
  javascriptLinks: [...document.querySelectorAll('a[href]')].filter(a => a.href.toLowerCase().startsWith('javascript')).length,
})"""
NO_INJECTED_MARKUP = {"images": 0, "scripts": 0, "handlers": 0, "javascriptLinks": 0}


@contextlib.contextmanager
def watched_site(browser, site_dir, *, viewport: dict):
    """Serve a built fixture site and yield a recorder on it and the list of every alert(),
    confirm() or prompt() a page raised (each dismissed): a hostile string must raise none."""
    from atlas.qa.serve import serve

    with serve(site_dir) as url:
        context = browser.new_context(viewport=viewport)
        context.set_default_timeout(10_000)
        recorder = Recorder(context, url)
        dialogs: list[str] = []
        recorder.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        try:
            yield recorder, dialogs
        finally:
            context.close()
