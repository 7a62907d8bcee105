"""'Cite this photo': a readable citation and an RIS record for reference managers."""

from __future__ import annotations

from ..catalog.model import Photo
from ..escape import ris_value
from .context import SiteInfo
from .html import license_name, photo_url


def citation_text(photo: Photo, site: SiteInfo, *, accessed: str = "[date accessed]") -> str:
    """A plain citation (Vancouver-like, as for an image on a web site). `accessed` is filled in
    by the reader's browser when it can. The author only when staff recorded one; the date only
    when the photo's `updated` is recorded (never the date of consent)."""
    author = f"{photo.author}. " if photo.author else ""
    year = str(photo.last_changed.year) if photo.last_changed else "n.d."
    updated = f" [updated {photo.last_changed.isoformat()}]" if photo.last_changed else ""
    published = f"{site.publisher_name}; {year}{updated}"
    return (
        f"{author}{photo.display_title} [photograph]. {site.name}. {published}{'' if published.endswith('.') else '.'} "
        f"{site.absolute(photo_url(photo.id))} (accessed {accessed})."
    )


def ris_record(photo: Photo, site: SiteInfo) -> str:
    """RIS (the format Zotero, EndNote and Mendeley import). Lines end in CRLF per the spec."""
    lines = [("TY", "FIGURE")]
    if photo.author:
        lines.append(("AU", photo.author))
    lines += [
        ("TI", photo.display_title),
        ("T2", site.name),
        ("PB", site.publisher_name),
        ("UR", site.absolute(photo_url(photo.id))),
    ]
    if photo.last_changed:
        lines += [("PY", str(photo.last_changed.year)), ("DA", photo.last_changed.strftime("%Y/%m/%d"))]
    if photo.caption:
        lines.append(("AB", photo.caption))
    if photo.permission.credit:
        lines.append(("N1", f"Credit: {photo.permission.credit}"))
    if photo.permission.license:
        lines.append(("N1", f"Licence: {license_name(photo.permission.license)}"))
    lines.append(("ER", ""))
    # Every value on one line (atlas.escape.ris_value): a line break in a caption must never
    # start a new tag or a new record.
    return "".join(f"{tag}  - {ris_value(value)}\r\n" for tag, value in lines)
