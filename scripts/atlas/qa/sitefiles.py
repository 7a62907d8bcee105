"""Shared helpers: walking a built site and turning a reference on a page into a file in it."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..editor.admin import ADMIN_FOLDER


def html_pages(site_dir: Path, *, editor: bool = True) -> list[Path]:
    """Every HTML file of the site, in a stable order. Source maps and the like are not pages.
    `editor=False` leaves out the staff editor at /admin/ (atlas.editor), which is not a page
    of the site: the checks that judge pages readers see say so where they call this."""
    pages = sorted(p for p in Path(site_dir).rglob("*.html") if p.is_file())
    if editor:
        return pages
    return [p for p in pages if not p.relative_to(site_dir).as_posix().startswith(f"{ADMIN_FOLDER}/")]


def page_url(site_dir: Path, page: Path) -> str:
    """The root-relative URL a host serves `page` at: index.html files at their folder's URL."""
    relative = page.relative_to(site_dir).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


@dataclass(frozen=True)
class Reference:
    """A URL found on a page: where (file and line), in which tag/attribute, and the URL."""

    page: Path
    line: int
    tag: str
    attribute: str
    url: str
    rel: str = ""


class _ReferenceCollector(HTMLParser):
    """Collects every URL-bearing attribute with its line, and every id/name on the page."""

    URL_ATTRIBUTES = {"href", "src", "poster", "data"}

    def __init__(self, page: Path):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.references: list[Reference] = []
        self.anchors: set[str] = set()
        self.images: list[tuple[int, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag in ("a", "map")):
                self.anchors.add(values[name])
        if tag == "img":
            self.images.append((line, values))
        rel = (values.get("rel") or "").lower()
        for name, value in attrs:
            if value is None:
                continue
            if name in self.URL_ATTRIBUTES:
                self.references.append(Reference(self.page, line, tag, name, value.strip(), rel))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.references.append(Reference(self.page, line, tag, name, url, rel))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            target = _refresh_target(values.get("content") or "")
            if target:
                self.references.append(Reference(self.page, line, tag, "content", target, rel))

    handle_startendtag = handle_starttag


def _refresh_target(content: str) -> str:
    # "0; url=../new/" -> "../new/"
    _, _, rest = content.partition(";")
    rest = rest.strip()
    if rest.lower().startswith("url="):
        return rest[4:].strip().strip("'\"")
    return ""


@dataclass
class ParsedPage:
    path: Path
    url: str
    references: list[Reference]
    anchors: set[str]
    images: list[tuple[int, dict[str, str | None]]]


def parse_page(site_dir: Path, page: Path) -> ParsedPage:
    collector = _ReferenceCollector(page)
    collector.feed(page.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return ParsedPage(page, page_url(site_dir, page), collector.references, collector.anchors, collector.images)


def is_other_host(url: str, *, site_url: str | None) -> bool:
    """True for a URL on another host. Addresses under the site's own `site_url` are ours."""
    parts = urlsplit(url)
    if not parts.netloc:
        return False  # relative, root-relative, or a scheme with no host (mailto:, data:)
    if site_url:
        root = site_url.rstrip("/")
        if url == root or url.startswith(root + "/"):
            return False
    return True


def local_target(reference_url: str, *, from_url: str, site_url: str | None) -> tuple[str, str] | None:
    """The root-relative path and fragment a reference points to on this site, or None when it
    points elsewhere (another host, mailto:, data:, javascript:)."""
    parts = urlsplit(reference_url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc:
        if is_other_host(reference_url, site_url=site_url):
            return None
        base_path = urlsplit(site_url).path.rstrip("/") if site_url else ""
        path = parts.path[len(base_path):] or "/"
        return unquote(path), unquote(parts.fragment)
    absolute = urlsplit(urljoin("http://site.invalid" + from_url, reference_url))
    return unquote(absolute.path) or "/", unquote(absolute.fragment)


def file_for(site_dir: Path, path: str) -> Path | None:
    """The file a static host would serve for `path`, or None: folders serve their index.html."""
    candidate = (Path(site_dir) / path.lstrip("/")).resolve()
    root = Path(site_dir).resolve()
    if root != candidate and root not in candidate.parents:
        return None  # ../ beyond the site root: nothing a host would serve
    if candidate.is_dir():
        index = candidate / "index.html"
        return index if index.is_file() else None
    if path.endswith("/"):
        return None
    return candidate if candidate.is_file() else None
