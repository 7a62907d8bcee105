"""The generated pages, as Markdown with front matter. Pure functions: no MkDocs here."""

from __future__ import annotations

from html import escape

import yaml

from ..catalog.model import Catalog, Gallery, Photo
from ..images import RenderedPhoto
from .html import (
    PHOTO_SIZES,
    THUMB_SIZES,
    credit_line,
    gallery_url,
    img_tag,
    photo_url,
    root_prefix,
    sensitive_wrapper,
)

# Above this many thumbnails a gallery's images load lazily (the first row is visible at once).
EAGER_THUMBNAILS = 4


def front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=True, allow_unicode=True) + "---\n\n"


def photo_figure(photo: Photo, rendered: RenderedPhoto, *, prefix: str, lazy: bool = False, link: bool = False) -> str:
    """A photo with its caption and credit; optionally linking to its own page (for embeds)."""
    image = img_tag(rendered, alt=photo.alt, prefix=prefix, sizes=PHOTO_SIZES, lazy=lazy)
    if link:
        image = f'<a href="{prefix}{photo_url(photo.id)}">{image}</a>'
    credit = credit_line(photo)
    caption = escape(photo.caption)
    figure = (
        f'<figure class="atlas-photo" id="photo-{photo.id}">\n'
        f"{sensitive_wrapper(image, photo=photo)}\n"
        f'<figcaption>{caption}{f"<br><small class=atlas-credit>{credit}</small>" if credit else ""}</figcaption>\n'
        "</figure>"
    )
    return figure


def photo_page(photo: Photo, rendered: RenderedPhoto, *, gallery: Gallery) -> str:
    page_url = photo_url(photo.id)
    prefix = root_prefix(page_url)
    meta = {
        "title": photo.display_title,
        "description": _summary(photo.caption),
        "atlas_photo": photo.id,
    }
    if photo.sensitive:
        # Social previews and search result snippets must never show a sensitive photo.
        meta["atlas_sensitive"] = True
    body = [
        f"# {escape(photo.display_title)}",
        "",
        photo_figure(photo, rendered, prefix=prefix),
        "",
    ]
    if photo.description:
        body += [f'<p class="atlas-description">{escape(photo.description)}</p>', ""]
    body += [
        f'<p class="atlas-gallery-link">Part of the gallery '
        f'<a href="{prefix}{gallery_url(gallery.id)}">{escape(gallery.title)}</a>.</p>',
        "",
    ]
    return front_matter(meta) + "\n".join(body)


def retired_photo_page(photo_id: str) -> str:
    """The neutral notice at a photo's old address. Deliberately says nothing about the photo:
    no caption, alt text, credit or image."""
    prefix = root_prefix(photo_url(photo_id))
    meta = {
        "title": "Photo no longer available",
        "description": "This photo is no longer available on this site.",
        "robots": "noindex",
        "search": {"exclude": True},
        "atlas_retired": True,
    }
    body = (
        "# This photo is no longer available\n\n"
        "The photo that was shown at this address has been removed from the site. "
        "Photos are shown only while the person who shared them allows it.\n\n"
        f'You can <a href="{prefix}galleries/">browse the galleries</a> or '
        f'<a href="{prefix}">go to the home page</a>.\n'
    )
    return front_matter(meta) + body


def gallery_grid(photos: list[Photo], rendered: dict[str, RenderedPhoto], *, prefix: str) -> str:
    items = []
    for position, photo in enumerate(photos):
        image = img_tag(
            rendered[photo.id],
            alt=photo.alt,
            prefix=prefix,
            sizes=THUMB_SIZES,
            lazy=position >= EAGER_THUMBNAILS,
        )
        items.append(
            '<li class="atlas-grid__item">'
            f'<figure>{sensitive_wrapper(image, photo=photo)}'
            f'<figcaption><a href="{prefix}{photo_url(photo.id)}">{escape(photo.display_title)}</a></figcaption>'
            "</figure></li>"
        )
    if not items:
        return '<p class="atlas-empty">There are no photos in this gallery yet.</p>'
    return '<ul class="atlas-grid">\n' + "\n".join(items) + "\n</ul>"


def gallery_page(gallery: Gallery, photos: list[Photo], rendered: dict[str, RenderedPhoto]) -> str:
    prefix = root_prefix(gallery_url(gallery.id))
    meta = {"title": gallery.title, "description": _summary(gallery.description), "atlas_gallery": gallery.id}
    body = [
        f"# {escape(gallery.title)}",
        "",
        f"<p>{escape(gallery.description)}</p>",
        "",
        gallery_grid(photos, rendered, prefix=prefix),
        "",
    ]
    return front_matter(meta) + "\n".join(body)


def galleries_index(galleries: list[tuple[Gallery, int]]) -> str:
    prefix = root_prefix("galleries/")
    meta = {"title": "Photo galleries", "description": "Galleries of photos of skin metastases, shared with permission."}
    lines = ["# Photo galleries", ""]
    lines.append(
        "Every photo here was shared by a patient, a family or a clinician who gave permission for it to be "
        "shown. Photos that some readers may find upsetting are covered until you choose to see them."
    )
    lines.append("")
    lines.append('<ul class="atlas-gallery-list">')
    for gallery, count in galleries:
        noun = "photo" if count == 1 else "photos"
        lines.append(
            f'<li><a href="{prefix}{gallery_url(gallery.id)}">{escape(gallery.title)}</a> '
            f"({count} {noun}): {escape(gallery.description)}</li>"
        )
    lines.append("</ul>")
    return front_matter(meta) + "\n".join(lines) + "\n"


def redirect_page(*, to_url: str, from_url: str) -> str:
    """A static redirect for a former photo id. A meta refresh works on every static host
    without server configuration; the canonical link tells search engines where the page lives."""
    prefix = root_prefix(from_url)
    target = escape(prefix + to_url)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>This photo has moved</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>This photo has moved to <a href="{target}">its new address</a>.</p>\n'
        "</body>\n</html>\n"
    )


def _summary(text: str, limit: int = 155) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def published_gallery_photos(catalog: Catalog, gallery_id: str, published: set[str]) -> list[Photo]:
    """A gallery's published photos, photos of the same person together in catalog order."""
    photos = [p for p in catalog.photos_in(gallery_id) if p.id in published]
    first_index: dict[str, int] = {}
    for index, photo in enumerate(photos):
        first_index.setdefault(photo.case or photo.id, index)
    return sorted(photos, key=lambda p: (first_index[p.case or p.id], photos.index(p)))
