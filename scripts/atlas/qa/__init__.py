"""Checks on a built site folder, after the build: what a reader's browser would get.

Plain functions over a folder (no MkDocs, no browser), so tests can run them on the real build
and on small broken copies alike, and `python -m atlas.qa site/` runs them by hand:

- `links.link_problems`: every internal link, `#fragment` and image resolves.
- `links.missing_alt_problems`: every <img> carries an alt attribute.
- `htmlcheck.parse_problems`: the HTML parses without errors (html5lib, the WHATWG parser).
- `htmlvalid.invalid_html_problems`: every page is valid HTML by the W3C Nu HTML Checker
  (vnu.jar from scripts/node, run with Java).
- `external.external_load_problems`: nothing is loaded from another host.
- `pageweight`: what a first visit downloads, gzip-compressed, against a budget.
"""
