"""What the site publishes from a catalog on a given date: a plain plan, no MkDocs.

The plan is the single list every output is made from. A photo the gate does not publish is
simply not in `published`, so it cannot reach a page, the search index, the sitemap or an image
file by accident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .catalog.model import Catalog, Photo
from .images import ImageSettings, RenderedPhoto, Rights, render_photos
from .pages import render as pages
from .pages.cite import ris_record
from .pages.context import SiteInfo
from .pages.facets import facet_values, matching, useful_facets
from .pages.html import gallery_url, license_name, page_source, photo_url
from .permission import Visibility, visibility


@dataclass
class GeneratedFile:
    path: str  # relative to the site's docs root, such as photos/<id>.md
    content: str | None = None  # text for generated pages
    source: Path | None = None  # a file to copy as-is (rendered images)


@dataclass
class SitePlan:
    catalog: Catalog
    on: dt.date
    site: SiteInfo = field(default_factory=SiteInfo)
    published: set[str] = field(default_factory=set)
    retired: set[str] = field(default_factory=set)
    rendered: dict[str, RenderedPhoto] = field(default_factory=dict)
    files: list[GeneratedFile] = field(default_factory=list)


def plan_site(
    catalog: Catalog,
    *,
    on: dt.date,
    cache_dir: Path,
    settings: ImageSettings | None = None,
    site: SiteInfo | None = None,
    workers: int | None = None,
) -> SitePlan:
    plan = SitePlan(catalog=catalog, on=on, site=site or SiteInfo())
    for photo in catalog.photos:
        state = visibility(photo, on=on)
        if state is Visibility.PUBLISHED:
            plan.published.add(photo.id)
        elif state is Visibility.RETIRED:
            plan.retired.add(photo.id)
    publish = [p for p in catalog.photos if p.id in plan.published]
    plan.rendered = render_photos(
        publish,
        settings=settings or ImageSettings(),
        cache_dir=cache_dir,
        rights={photo.id: photo_rights(photo, site=plan.site) for photo in publish},
        workers=workers,
    )

    for photo in publish:
        plan.files += _photo_files(photo, plan)
    for photo_id in sorted(plan.retired):
        plan.files.append(GeneratedFile(page_source(photo_url(photo_id)), pages.retired_photo_page(photo_id)))
    plan.files += _redirects(catalog.photos, plan)

    index = []
    for gallery in catalog.galleries:
        photos = pages.published_gallery_photos(catalog, gallery.id, plan.published)
        index.append((gallery, photos))
        plan.files += _gallery_files(gallery, photos, plan, active=None)
        for facet in useful_facets(photos):
            for value, _count in facet_values(facet, photos):
                plan.files += _gallery_files(gallery, photos, plan, active=(facet, value))
    plan.files.append(GeneratedFile("galleries/index.md", pages.galleries_index(index, plan.rendered)))
    return plan


def _gallery_files(gallery, photos: list[Photo], plan: SitePlan, *, active) -> list[GeneratedFile]:
    """One gallery view (the whole gallery, or one filter value of it) in as many pages as it
    needs: /galleries/<id>/, then /galleries/<id>/page/2/ and on (see pages.GALLERY_PAGE_SIZE)."""
    shown = matching(photos, *active) if active else photos
    view = pages.filtered_url(gallery.id, *active) if active else gallery_url(gallery.id)
    return [
        GeneratedFile(page_source(pages.paged_url(view, number)), pages.gallery_page(gallery, photos, plan.rendered, active=active, page=number))
        for number in range(1, len(pages.gallery_pages(shown)) + 1)
    ]


def _photo_files(photo: Photo, plan: SitePlan) -> list[GeneratedFile]:
    page = pages.photo_page(photo, plan.rendered, catalog=plan.catalog, published=plan.published, site=plan.site)
    files = [
        GeneratedFile(page_source(photo_url(photo.id)), page),
        GeneratedFile(f"photos/{photo.id}/cite.ris", ris_record(photo, plan.site)),
    ]
    files += [GeneratedFile(v.url, source=v.cache_file) for v in plan.rendered[photo.id].variants]
    return files


def photo_rights(photo: Photo, *, site: SiteInfo) -> Rights:
    """What each published image file says about its rights: the credit, the licence and the
    photo's page. Deliberately nothing else from the permission record (never `record` or
    anything about withdrawal)."""
    page = site.absolute(photo_url(photo.id)) if site.url else ""
    return Rights.for_photo(
        credit=photo.permission.credit or "",
        licence=license_name(photo.permission.license),
        page_url=page,
    )


def _redirects(photos: tuple[Photo, ...], plan: SitePlan) -> list[GeneratedFile]:
    """Old addresses keep working: /photos/<former>/ sends readers to /photos/<id>/. A pending
    photo leaves no trace, so its former ids are not published either."""
    files = []
    for photo in photos:
        if photo.id not in plan.published and photo.id not in plan.retired:
            continue
        for old in photo.former_ids:
            html = pages.redirect_page(to_url=photo_url(photo.id), from_url=photo_url(old), site=plan.site)
            files.append(GeneratedFile(f"photos/{old}/index.html", html))
    return files


__all__ = ["GeneratedFile", "SitePlan", "plan_site", "photo_rights"]
