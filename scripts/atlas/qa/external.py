"""Nothing a page loads comes from another host: no CDN fonts, scripts, styles or trackers.

A static scan of the built HTML and CSS, so it runs without a browser; the browser tests also
record every request a real page makes. Plain links (<a href>) to other sites are allowed:
following one is the reader's choice, loading a font is not.
"""

from __future__ import annotations

import re
from pathlib import Path

from .sitefiles import html_pages, is_other_host, parse_page

# <link rel=...> values that make the browser contact the host by themselves.
_LOADING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "icon", "apple-touch-icon", "manifest"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.IGNORECASE)


def external_load_problems(site_dir: Path, *, site_url: str | None = None) -> list[str]:
    site_dir = Path(site_dir).resolve()
    problems = []
    for page in html_pages(site_dir):
        for reference in parse_page(site_dir, page).references:
            if reference.tag == "a" or not is_other_host(reference.url, site_url=site_url):
                continue
            if reference.tag == "link" and not (set(reference.rel.split()) & _LOADING_RELS):
                continue  # rel=canonical, alternate, license...: metadata, never fetched
            problems.append(
                f"{page.relative_to(site_dir)}:{reference.line}: <{reference.tag} {reference.attribute}=\"{reference.url}\"> "
                "loads from another host; serve the file from this site instead"
            )
    for stylesheet in sorted(site_dir.rglob("*.css")):
        text = stylesheet.read_text(encoding="utf-8", errors="replace")
        for match in _CSS_URL.finditer(text):
            url = match.group(2) or match.group(4)
            if is_other_host(url, site_url=site_url):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{stylesheet.relative_to(site_dir)}:{line}: {url} loads from another host; serve the file from this site instead")
    return problems
