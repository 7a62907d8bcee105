"""Finish: what the atlas does to the engine's output before it may be swapped in.

- A guard: every page the plan and the docs tree expected was written, and no page still shows
  raw atlas markup ([[photo:...]], [@key], ...), which would mean a step was skipped. A
  "green" build that silently lost the atlas's work is the failure this exists to prevent.
- Pages that must not be found (retired photos, filter pages) are taken out of the search index
  and the sitemap, whichever engine wrote them and whatever its templates did.
- The fixed Content-Security-Policy and referrer policy go into every page (atlas.security),
  with script hashes read from the theme's template files, never from the pages.
"""

from __future__ import annotations

import re
from pathlib import Path

from .editor import ADMIN_FOLDER
from .prepare import Prepared
from .security import secure_site, source_hash, theme_script_hashes
from .searchindex import improve_search
from .takedown import prune_search, prune_sitemap

# The atlas's own markup, which prepare replaces on every page; in the text of a page's content
# it means an unprepared page. Staff text shown on the page cannot produce it there:
# atlas.escape writes "[" as "&#91;". (Outside the content, in the navigation or <title>, the
# engines print a page's title after their own unescaping and escaping, which leaves "[" as
# typed: that is text, and the check does not look there.)
RAW_MARKUP = re.compile(r"\[\[(?:photo|gallery|glossary|bibliography|contact-email|support|review-summary|tiles)\b[^\]]*\]\]|\[@[^\]\s]+\]")
_CONTENT = re.compile(r"<article\b[^>]*>(.*)</article>", re.DOTALL | re.IGNORECASE)
# Code shows markup as an example without it being a leftover; attributes (a tooltip) are text.
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


class FinishFailed(Exception):
    pass


def finish(prepared: Prepared) -> list[str]:
    """Check and secure the site the engine wrote; returns lines worth a warning (an inline
    script the policy blocks)."""
    site = prepared.workspace.site
    problems = missing_pages(prepared, site) + leftover_markup(site)
    if problems:
        raise FinishFailed(
            f"the {prepared.engine.name} build is incomplete, so it was not published:\n" + "\n".join(problems)
        )
    hidden = {page.url for page in prepared.pages if page.search_excluded}
    prune_search(site, lambda location: site_path(location, prepared.settings.site_url) in hidden)
    improve_search(site, prepared.settings.search_synonyms)
    unlisted = {page.url for page in prepared.pages if page.noindex}
    prune_sitemap(site, lambda location: site_path(location, prepared.settings.site_url) in unlisted)
    allowed = theme_script_hashes([prepared.workspace.theme, prepared.engine.templates()])
    allowed |= {source_hash(text) for text in prepared.inline_scripts}
    styles = frozenset(source_hash(text) for text in [*prepared.engine.inline_styles(), *prepared.inline_styles])
    # /admin/ (the staff editor) is written with its own policy: it needs the git host's API.
    return secure_site(site, allowed_scripts=allowed, allowed_styles=styles, own_policy=(f"{ADMIN_FOLDER}/",))


def missing_pages(prepared: Prepared, site: Path) -> list[str]:
    expected = [(page.output, page.source) for page in prepared.pages]
    expected += [(path, path) for path in prepared.static]
    return [f"  {output} is missing (from {source})" for output, source in expected if not (site / output).is_file()]


def leftover_markup(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        content = _CONTENT.search(page.read_text(encoding="utf-8", errors="replace"))
        found = content and RAW_MARKUP.search(_TAG.sub(" ", _CODE.sub("", content.group(1))))
        if found:
            problems.append(f"  {page.relative_to(site).as_posix()} still shows {found.group(0)} (an atlas step did not run)")
    return problems


def site_path(location: str, site_url: str) -> str:
    """A search or sitemap location as a site-relative page URL: photos/x/ for photos/x/#part,
    https://host/base/photos/x/ and /photos/x/."""
    location = location.split("#", 1)[0]
    if site_url and location.startswith(site_url):
        location = location[len(site_url):]
    elif "://" in location:
        location = location.split("://", 1)[1].partition("/")[2]
    return location.lstrip("/")

