"""schema.org ImageObject with the licence fields Google reads for image search."""

from __future__ import annotations

from ..catalog.model import Photo
from ..images import RenderedPhoto
from .context import SiteInfo
from .html import license_name, photo_url

CREATIVE_COMMONS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC-BY-NC-SA-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC-BY-NC-ND-4.0": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "CC-BY-ND-4.0": "https://creativecommons.org/licenses/by-nd/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def license_url(license_id: str | None, site: SiteInfo) -> str:
    """A page describing the licence: Creative Commons' own, else our page on reuse."""
    if license_id in CREATIVE_COMMONS:
        return CREATIVE_COMMONS[license_id]
    return site.absolute(site.reuse_page) if site.reuse_page else ""


def image_object(photo: Photo, rendered: RenderedPhoto, site: SiteInfo) -> dict:
    permission = photo.permission
    data = {
        "@context": "https://schema.org",
        "@type": "ImageObject",
        "name": photo.display_title,
        "caption": photo.caption,
        "description": photo.alt,
        "contentUrl": site.absolute(rendered.largest.url),
        "url": site.absolute(photo_url(photo.id)),
        "width": rendered.largest.width,
        "height": rendered.largest.height,
        "creditText": permission.credit or "",
        "copyrightNotice": f"{permission.credit or ''}. {license_name(permission.license)}".strip(". "),
        "license": license_url(permission.license, site),
        "acquireLicensePage": site.absolute(site.reuse_page) if site.reuse_page else "",
        "isFamilyFriendly": not photo.sensitive,
    }
    if photo.last_changed:
        data["dateModified"] = photo.last_changed.isoformat()
    return {key: value for key, value in data.items() if value != ""}
