"""The HTML of every page parses without errors under the WHATWG parsing algorithm (html5lib),
which is what browsers implement: a parse error means browsers are repairing our markup, each
in its own way, and assistive technology may see something other than what we wrote."""

from __future__ import annotations

from pathlib import Path

import html5lib
from html5lib.constants import E as ERROR_MESSAGES

from .sitefiles import html_pages


def parse_problems(site_dir: Path) -> list[str]:
    site_dir = Path(site_dir).resolve()
    problems = []
    # Not the staff editor: its one page is Decap's, a JavaScript application, not our HTML.
    for page in html_pages(site_dir, editor=False):
        parser = html5lib.HTMLParser(namespaceHTMLElements=False)
        parser.parse(page.read_bytes())
        for (line, column), code, data in parser.errors:
            message = ERROR_MESSAGES.get(code, code)
            try:
                message = message % (data or {})
            except (KeyError, TypeError, ValueError):
                pass
            problems.append(f"{page.relative_to(site_dir)}:{line}:{column}: {message}")
    return problems
