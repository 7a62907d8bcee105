"""`atlas takedown`: take out of an already built site every trace of each photo that may not be
published today, when the site cannot be rebuilt.

A withdrawal must never wait for someone to fix an unrelated line: when a build fails (a
citation key typo in an article, one bad photo entry), the publish workflow runs this on the
last deployed site and deploys the result. It reads only ids and permission records from
captions.yaml (`read_permission_records`, which tolerates every other problem in the file) and
only ever removes:

- the page of every photo that is not published today (`photos/<id>/`, with its citation
  file), unless the built page is already the neutral "no longer available" notice, and the
  redirects of its former ids; any photo page whose id the catalog no longer publishes goes,
  including pages of entries deleted from the catalog;
- every published image file made from it (`assets/photos/<id>.*`);
- every fragment that shows it on another page (gallery tiles, embeds, links in another
  photo's case list), which the build marks with `<!--atlas:photo:<id>-->...` (pages.html);
- its search index entries and sitemap entries.

It never adds anything: a photo it cannot prove publishable is removed. Only a catalog too
broken to read any permission (not YAML at all) leaves the site as it was, and says so.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .catalog.records import PhotoRecord
from .pages.html import FRAGMENT_END, FRAGMENT_START
# Written into the built "no longer available" page: such a page shows nothing of the photo.
from .pages.render import RETIRED_MARK
from .permission import Visibility, visibility


_FRAGMENT = re.compile(
    re.escape(FRAGMENT_START).replace(r"\{id\}", r"(?P<id>[a-z0-9-]+)")
    + r".*?"
    + re.escape(FRAGMENT_END).replace(r"\{id\}", r"(?P=id)"),
    re.DOTALL,
)
_IMAGE_NAME = re.compile(r"^(?P<id>[a-z0-9-]+)\.[0-9a-f]+\.")
_SITEMAP_URL = re.compile(r"[ \t]*<url>\s*<loc>(?P<loc>[^<]*)</loc>.*?</url>\s*?\n?", re.DOTALL)
# Where each engine writes its search index: MkDocs/Material, Zensical.
SEARCH_INDEXES = ("search/search_index.json", "search.json")


@dataclass
class TakedownReport:
    pages: list[str] = field(default_factory=list)  # site-relative folders removed
    images: list[str] = field(default_factory=list)
    fragments: int = 0
    search_entries: int = 0
    sitemap_entries: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.pages or self.images or self.fragments or self.search_entries or self.sitemap_entries)

    def summary(self) -> str:
        if not self.changed:
            return "Nothing to take down: every photo on the site may still be published."
        return (
            f"Took down {len(self.pages)} photo page(s), {len(self.images)} image file(s), "
            f"{self.fragments} photo(s) shown on other pages, {self.search_entries} search entr(ies) "
            f"and {self.sitemap_entries} sitemap entr(ies)."
        )


def publishable_ids(records: list[PhotoRecord], *, on: dt.date) -> tuple[set[str], set[str]]:
    """(ids published today, their former ids, whose redirects may stay)."""
    kept = {r.photo_id for r in records if r.photo_id and visibility(r.permission, on=on) is Visibility.PUBLISHED}
    former = {old for r in records if r.photo_id in kept for old in r.former_ids}
    return kept, former - kept


def take_down(site_dir: Path, records: list[PhotoRecord], *, on: dt.date) -> TakedownReport:
    """Remove from `site_dir`, in place, everything of every photo not published on `on`.
    Files that change are replaced, never written into, so `site_dir` may be a copy made of
    hard links to a folder that must stay as it is."""
    site_dir = Path(site_dir)
    kept, redirects = publishable_ids(records, on=on)
    report = TakedownReport()
    removed = _remove_photo_pages(site_dir, kept | redirects, report)
    _remove_images(site_dir, kept, report)
    _remove_fragments(site_dir, kept, report)
    _prune_search(site_dir, removed, report)
    _prune_sitemaps(site_dir, removed, report)
    return report


def _remove_photo_pages(site_dir: Path, may_stay: set[str], report: TakedownReport) -> set[str]:
    photos = site_dir / "photos"
    removed = set()
    for folder in sorted(photos.iterdir()) if photos.is_dir() else []:
        if not folder.is_dir() or folder.name in may_stay:
            continue
        page = folder / "index.html"
        if page.is_file() and RETIRED_MARK in page.read_text(encoding="utf-8", errors="replace"):
            continue  # already the neutral notice: nothing of the photo is on it
        shutil.rmtree(folder)
        removed.add(folder.name)
        report.pages.append(f"photos/{folder.name}/")
    return removed


def _remove_images(site_dir: Path, kept: set[str], report: TakedownReport) -> None:
    folder = site_dir / "assets" / "photos"
    for image in sorted(folder.iterdir()) if folder.is_dir() else []:
        match = _IMAGE_NAME.match(image.name)
        if image.is_file() and not (match and match.group("id") in kept):
            image.unlink()
            report.images.append(image.relative_to(site_dir).as_posix())


def _remove_fragments(site_dir: Path, kept: set[str], report: TakedownReport) -> None:
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        count = 0

        def drop(match: re.Match) -> str:
            nonlocal count
            if match.group("id") in kept:
                return match.group(0)
            count += 1
            return ""

        pruned = _FRAGMENT.sub(drop, html)
        if count:
            _replace(page, pruned)
            report.fragments += count


_PHOTO_LOCATION = re.compile(r"(?:^|/)photos/(?P<id>[^/#?]+)(?:[/#?]|$)")


def _under_removed(location: str, removed: set[str]) -> bool:
    """`photos/<id>/...` of a removed photo, whether site-relative or an absolute URL (the
    site may live under a sub-path, as GitHub Pages project sites do)."""
    match = _PHOTO_LOCATION.search(location.split("://", 1)[-1])
    return bool(match) and match.group("id") in removed


def _prune_search(site_dir: Path, removed: set[str], report: TakedownReport) -> None:
    if removed:
        report.search_entries += prune_search(site_dir, lambda location: _under_removed(location, removed))


def _prune_sitemaps(site_dir: Path, removed: set[str], report: TakedownReport) -> None:
    if removed:
        report.sitemap_entries += prune_sitemap(site_dir, lambda location: _under_removed(location, removed))


def search_entries(site_dir: Path) -> list[dict]:
    """Every entry of a built site's search index, whichever engine wrote it."""
    entries = []
    for name in SEARCH_INDEXES:
        if (site_dir / name).is_file():
            index = json.loads((site_dir / name).read_text(encoding="utf-8"))
            entries += next((index[k] for k in ("docs", "items") if isinstance(index.get(k), list)), [])
    return entries


def search_indexes(site_dir: Path):
    """Each search index the engine wrote, as (file, parsed index, key of its entry list):
    MkDocs and Material write {"docs": [...]}, Zensical {"items": [...]}."""
    for name in SEARCH_INDEXES:
        index_file = site_dir / name
        if not index_file.is_file():
            continue
        index = json.loads(index_file.read_text(encoding="utf-8"))
        key = next((k for k in ("docs", "items") if isinstance(index.get(k), list)), None)
        if key is not None:
            yield index_file, index, key


def write_search_index(index_file: Path, index: dict) -> None:
    _replace(index_file, json.dumps(index, ensure_ascii=False, separators=(",", ":")))


def prune_search(site_dir: Path, drop: Callable[[str], bool]) -> int:
    """Remove every search entry whose location `drop` names, from either engine's index;
    returns how many went. Also used by atlas.finish for pages that are not to be found."""
    dropped = 0
    for index_file, index, key in search_indexes(site_dir):
        entries = index[key]
        index[key] = [e for e in entries if not drop(str(e.get("location", "")))]
        if len(index[key]) != len(entries):
            dropped += len(entries) - len(index[key])
            write_search_index(index_file, index)
    return dropped


def prune_sitemap(site_dir: Path, drop: Callable[[str], bool]) -> int:
    """Remove every sitemap <url> whose <loc> `drop` names (and from sitemap.xml.gz, which only
    MkDocs writes); returns how many went."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return 0
    count = 0

    def keep_or_drop(match: re.Match) -> str:
        nonlocal count
        if drop(match.group("loc").strip()):
            count += 1
            return ""
        return match.group(0)

    pruned = _SITEMAP_URL.sub(keep_or_drop, sitemap.read_text(encoding="utf-8"))
    if count:
        _replace(sitemap, pruned)
        compressed = site_dir / "sitemap.xml.gz"
        if compressed.is_file():
            _replace_bytes(compressed, gzip.compress(pruned.encode("utf-8"), mtime=0))
    return count


def _replace(path: Path, text: str) -> None:
    _replace_bytes(path, text.encode("utf-8"))


def _replace_bytes(path: Path, data: bytes) -> None:
    """A new file renamed over the old one: a hard-linked original is never written into."""
    partial = path.with_name(f".{path.name}.takedown-{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, path)
