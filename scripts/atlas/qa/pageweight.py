"""What a first visit to a page downloads, as a host would send it, against a budget.

Readers are often frightened patients on phones and slow or metered connections: a gallery
should cost far less than a typical news page. The model, kept simple and written down here:

- The reader's phone is Lighthouse's mobile emulation: 412 x 823 CSS pixels at 1.75 device
  pixels per CSS pixel. The browser picks each image from its srcset/sizes for that screen.
- Counted: the HTML; its stylesheets and scripts; the favicon; fonts named in @font-face of
  those stylesheets; what Material's JavaScript fetches on every page (its search worker and
  search/search_index.json); every image that is not loading="lazy" (the ones above the fold:
  lazy images wait until the reader scrolls towards them). Images inside a closed "Show photo"
  cover count too: browsers fetch them, and overcounting errs on the safe side.
- Text files (HTML, CSS, JS, JSON, SVG) are gzip-compressed at level 6, as static hosts send
  them; images are counted as stored (JPEG, WebP and AVIF do not shrink under gzip).
- Source maps are never counted: browsers fetch them only when developer tools are open.

Budget: BUDGET_KB below, in kB of 1000 bytes, per page. Measured on the sample site
(Material for MkDocs 9.8.1, 16 drawn sample photos; `python -m atlas.qa.pageweight site`):

    every page pays   ~80 kB  (Material's CSS 25 kB + JS 47 kB, search index, HTML, favicon)
    home                80 kB
    largest gallery    126 kB  (12 photos, 4 eager thumbnails at 480w: 47 kB of images)
    largest photo page 113 kB  (one 960w photo: 35 kB)

250 kB leaves about 170 kB for the images above the fold once real photographs (larger files
than the flat drawn samples) replace the samples, and stays under the issue's aim of 300 kB
for a 15-photo gallery. If a real photo pushes a page over, lower its JPEG quality or widths in
atlas.images rather than raising the budget.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .sitefiles import file_for, html_pages, local_target, page_url

BUDGET_KB = 250


@dataclass(frozen=True)
class Viewport:
    width: int  # CSS pixels
    height: int
    dpr: float  # device pixels per CSS pixel


# Lighthouse's default mobile emulation (a mid-range Android phone).
PHONE = Viewport(width=412, height=823, dpr=1.75)

_TEXT_SUFFIXES = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"}
_ROOT_FONT_PX = 16


@dataclass(frozen=True)
class Download:
    path: str  # relative to the site folder
    kind: str  # html | css | js | font | image | data
    bytes: int  # as sent over the wire


@dataclass
class PageWeight:
    page: str  # the page's URL, root-relative
    downloads: list[Download] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(d.bytes for d in self.downloads)

    def by_kind(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for download in self.downloads:
            totals[download.kind] = totals.get(download.kind, 0) + download.bytes
        return totals


def sent_size(file: Path) -> int:
    """Bytes a host sends for `file`: gzip level 6 for text, the stored bytes otherwise."""
    data = file.read_bytes()
    if file.suffix.lower() in _TEXT_SUFFIXES:
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def _kind(file: Path) -> str:
    suffix = file.suffix.lower()
    return {
        ".html": "html",
        ".css": "css",
        ".js": "js",
        ".json": "data",
        ".woff2": "font",
        ".woff": "font",
        ".ttf": "font",
        ".otf": "font",
    }.get(suffix, "image")


# --- choosing the image a phone downloads -------------------------------------------------


def css_length_px(length: str, viewport: Viewport) -> float | None:
    """A `sizes` length in CSS pixels: px, em/rem (16 px), vw. None if not understood."""
    match = re.fullmatch(r"\s*([\d.]+)\s*(px|em|rem|vw)\s*", length)
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if unit == "px":
        return number
    if unit in ("em", "rem"):
        return number * _ROOT_FONT_PX
    return number * viewport.width / 100


def _media_matches(condition: str, viewport: Viewport) -> bool:
    for part in re.split(r"\s+and\s+", condition.strip()):
        match = re.fullmatch(r"\(\s*(min|max)-width\s*:\s*([^)]+)\)", part.strip())
        if not match:
            return False  # a condition we do not model: skip it, as a browser skips invalid ones
        limit = css_length_px(match.group(2), viewport)
        if limit is None:
            return False
        if match.group(1) == "max" and viewport.width > limit or match.group(1) == "min" and viewport.width < limit:
            return False
    return True


def slot_width(sizes: str | None, viewport: Viewport) -> float:
    """How wide the image is drawn, from its `sizes` attribute (100vw when absent or unclear)."""
    for entry in (sizes or "").split(","):
        entry = entry.strip()
        if not entry:
            continue
        match = re.fullmatch(r"(\(.*\))\s+(\S+)", entry)
        if match:
            if _media_matches(match.group(1), viewport):
                width = css_length_px(match.group(2), viewport)
                return width if width is not None else viewport.width
            continue
        width = css_length_px(entry, viewport)
        return width if width is not None else viewport.width
    return viewport.width


def chosen_image(src: str | None, srcset: str | None, sizes: str | None, viewport: Viewport) -> str | None:
    """The URL a browser on `viewport` downloads: the smallest candidate that is sharp enough
    (density at least the screen's), else the sharpest there is."""
    candidates: list[tuple[float, str]] = []  # (density on this screen, url)
    slot = slot_width(sizes, viewport)
    for item in (srcset or "").split(","):
        bits = item.strip().split()
        if not bits:
            continue
        url, descriptor = bits[0], (bits[1] if len(bits) > 1 else "1x")
        if descriptor.endswith("w"):
            candidates.append((float(descriptor[:-1]) / slot, url))
        elif descriptor.endswith("x"):
            candidates.append((float(descriptor[:-1]), url))
    if not candidates:
        return src
    candidates.sort()
    sharp_enough = [c for c in candidates if c[0] >= viewport.dpr]
    return (sharp_enough[0] if sharp_enough else candidates[-1])[1]


# --- what a page asks for --------------------------------------------------------------------


class _FirstVisitCollector(HTMLParser):
    def __init__(self, viewport: Viewport):
        super().__init__(convert_charrefs=True)
        self.viewport = viewport
        self.urls: list[str] = []
        self._in_config = False
        self.config_text = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        rel = set((values.get("rel") or "").lower().split())
        if tag == "link" and values.get("href") and rel & {"stylesheet", "icon", "modulepreload", "preload"}:
            self.urls.append(values["href"])
        elif tag == "script" and values.get("src"):
            self.urls.append(values["src"])
        elif tag == "script" and values.get("id") == "__config":
            self._in_config = True  # Material's settings: where its search worker lives
        elif tag == "img" and (values.get("loading") or "").lower() != "lazy":
            url = chosen_image(values.get("src"), values.get("srcset"), values.get("sizes"), self.viewport)
            if url:
                self.urls.append(url)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._in_config:
            self.config_text += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False


_FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.IGNORECASE)
_FIRST_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")


def first_visit(site_dir: Path, page: Path, *, viewport: Viewport = PHONE) -> PageWeight:
    """Everything a first visit to `page` downloads, each file once."""
    site_dir = Path(site_dir).resolve()
    page = Path(page).resolve()
    url = page_url(site_dir, page)
    collector = _FirstVisitCollector(viewport)
    collector.feed(page.read_text(encoding="utf-8", errors="replace"))
    urls = list(collector.urls)
    if collector.config_text.strip():
        config = json.loads(collector.config_text)
        base = config.get("base", ".").rstrip("/")
        if config.get("search"):
            urls += [f"{base}/{config['search']}", f"{base}/search/search_index.json"]

    files: dict[Path, None] = {page: None}
    for reference in urls:
        found = _local_file(site_dir, reference, from_url=url)
        if found is not None:
            files.setdefault(found)
            if found.suffix == ".css":
                for font in _fonts_in(site_dir, found):
                    files.setdefault(font)
    weight = PageWeight(page=url)
    for file in files:
        weight.downloads.append(Download(file.relative_to(site_dir).as_posix(), _kind(file), sent_size(file)))
    return weight


def _local_file(site_dir: Path, reference: str, *, from_url: str) -> Path | None:
    target = local_target(reference, from_url=from_url, site_url=None)
    return file_for(site_dir, target[0]) if target else None


def _fonts_in(site_dir: Path, stylesheet: Path) -> list[Path]:
    text = stylesheet.read_text(encoding="utf-8", errors="replace")
    stylesheet_url = "/" + stylesheet.relative_to(site_dir).as_posix()
    fonts = []
    for block in _FONT_FACE.findall(text):
        match = _FIRST_URL.search(block)  # browsers fetch the first source they support
        if match:
            found = _local_file(site_dir, match.group(1), from_url=stylesheet_url)
            if found is not None:
                fonts.append(found)
    return fonts


# --- which pages, and the report ---------------------------------------------------------


def content_pages(site_dir: Path) -> list[Path]:
    """The pages readers land on: every page but redirects and the 404 page."""
    site_dir = Path(site_dir).resolve()
    pages = []
    # Not the staff editor: staff open it on a computer, and its 6 MB of code is Decap's; the
    # budget is for the pages patients read on a phone.
    for page in html_pages(site_dir, editor=False):
        if page.name == "404.html":
            continue
        head = page.read_text(encoding="utf-8", errors="replace")[:4000].lower()
        if 'http-equiv="refresh"' in head:
            continue  # a redirect: the reader never sees it
        pages.append(page)
    return pages


def kb(size: int) -> str:
    return f"{size / 1000:.1f} kB"


def report(weights: list[PageWeight], *, budget_kb: float) -> str:
    lines = [f"First-visit weight on a phone ({PHONE.width}x{PHONE.height} @{PHONE.dpr}x), gzip as sent; budget {budget_kb:g} kB per page:"]
    for weight in sorted(weights, key=lambda w: -w.total):
        parts = ", ".join(f"{kind} {kb(size)}" for kind, size in sorted(weight.by_kind().items()))
        flag = "  OVER BUDGET" if weight.total > budget_kb * 1000 else ""
        lines.append(f"  {kb(weight.total):>10}  {weight.page}  ({parts}; {len(weight.downloads)} files){flag}")
    return "\n".join(lines)


def budget_problems(weights: list[PageWeight], *, budget_kb: float) -> list[str]:
    return [
        f"{w.page}: a first visit downloads {kb(w.total)}, over the budget of {budget_kb:g} kB "
        f"(largest: {', '.join(f'{d.path} {kb(d.bytes)}' for d in sorted(w.downloads, key=lambda d: -d.bytes)[:3])})"
        for w in weights
        if w.total > budget_kb * 1000
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas.qa.pageweight", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site folder (default: site)")
    parser.add_argument("--budget-kb", type=float, default=BUDGET_KB, help=f"per-page budget in kB (default {BUDGET_KB})")
    arguments = parser.parse_args(argv)
    if not (arguments.site / "index.html").is_file():
        print(f"{arguments.site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 2
    weights = [first_visit(arguments.site, page) for page in content_pages(arguments.site)]
    print(report(weights, budget_kb=arguments.budget_kb))
    problems = budget_problems(weights, budget_kb=arguments.budget_kb)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
