"""Every internal link, #fragment and image on every page resolves; every image has alt text.

Links to other sites are not followed (the build has no network, and their health is not ours
to fail a build on); `external.py` separately makes sure no page *loads* anything from them.
"""

from __future__ import annotations

from pathlib import Path

from .sitefiles import ParsedPage, file_for, html_pages, local_target, parse_page

# Links whose target is not a page of ours even though they look local.
_NOT_CHECKED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


def link_problems(site_dir: Path, *, site_url: str | None = None) -> list[str]:
    """One line per broken reference, as `page:line: what is wrong`, for every page at once."""
    site_dir = Path(site_dir).resolve()
    pages = {page: parse_page(site_dir, page) for page in html_pages(site_dir)}
    problems = []
    for parsed in pages.values():
        for reference in parsed.references:
            if reference.url.lower().startswith(_NOT_CHECKED_SCHEMES) or reference.url == "":
                continue
            target = local_target(reference.url, from_url=parsed.url, site_url=site_url)
            if target is None:
                continue
            path, fragment = target
            where = f"{reference.page.relative_to(site_dir)}:{reference.line}"
            file = file_for(site_dir, path)
            if file is None:
                what = "image" if reference.tag in ("img", "source") else "page or file"
                problems.append(f"{where}: <{reference.tag} {reference.attribute}=\"{reference.url}\"> points to a {what} that does not exist ({path})")
                continue
            if fragment and file.suffix == ".html" and not _has_anchor(pages, site_dir, file, fragment):
                problems.append(f"{where}: <{reference.tag} {reference.attribute}=\"{reference.url}\"> points to #{fragment}, which is not an id on {file.relative_to(site_dir)}")
    return problems


def _has_anchor(pages: dict[Path, ParsedPage], site_dir: Path, file: Path, fragment: str) -> bool:
    if fragment == "top":
        return True  # the HTML standard scrolls "#top" to the start of any document
    parsed = pages.get(file) or parse_page(site_dir, file)
    return fragment in parsed.anchors


def missing_alt_problems(site_dir: Path) -> list[str]:
    """Every <img> needs an alt attribute: text for a photo, alt="" only for decoration."""
    site_dir = Path(site_dir).resolve()
    problems = []
    for page in html_pages(site_dir):
        for line, attributes in parse_page(site_dir, page).images:
            if "alt" not in attributes:
                problems.append(f"{page.relative_to(site_dir)}:{line}: <img src=\"{attributes.get('src')}\"> has no alt text")
    return problems
