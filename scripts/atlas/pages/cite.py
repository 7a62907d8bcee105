"""'Cite this photo' and 'Cite this page': a readable citation and an RIS record for reference
managers, and the block that shows them."""

from __future__ import annotations

import datetime as dt

from ..catalog.model import Photo
from ..escape import html as escape
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


def page_citation_text(*, title: str, site: SiteInfo, url: str, reviewed: dt.date | None,
                       accessed: str = "[date accessed]") -> str:
    """An article, cited as a web page: its title, the site, the publisher, the year of its
    last medical review (else n.d.), its permanent address and the access date."""
    year = str(reviewed.year) if reviewed else "n.d."
    published = f"{site.publisher_name}; {year}"
    return (
        f"{title} [Internet]. {site.name}. {published}{'' if published.endswith('.') else '.'} "
        f"{site.absolute(url)} (accessed {accessed})."
    )


def page_ris(*, title: str, site: SiteInfo, url: str, reviewed: dt.date | None, abstract: str = "") -> str:
    lines = [("TY", "ELEC"), ("TI", title), ("T2", site.name), ("PB", site.publisher_name), ("UR", site.absolute(url))]
    if reviewed:
        lines += [("PY", str(reviewed.year)), ("DA", reviewed.strftime("%Y/%m/%d"))]
    if abstract:
        lines.append(("AB", abstract))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {ris_value(value)}\r\n" for tag, value in lines)


def citation_block(*, heading: str, text: str, ris_href: str, element_id: str = "atlas-citation") -> list[str]:
    """The 'Cite this ...' section: the citation (the access date filled in by atlas.js), a copy
    button shown only where copying works, and the RIS download. `text` is plain text."""
    shown = escape(text).replace("ACCESSED", '<span class="atlas-access-date">[date accessed]</span>')
    return [
        f"## {heading}",
        "",
        '<div class="atlas-photo-cite">',
        f'<p id="{element_id}" class="atlas-photo-cite__text">{shown}</p>',
        '<p class="atlas-photo-cite__actions">'
        f'<button type="button" class="md-button atlas-copy" data-copy="{element_id}" hidden>Copy citation</button> '
        f'<a class="md-button" href="{escape(ris_href)}" download>Download citation (RIS)</a>'
        '<span class="atlas-copy__status" role="status"></span></p>',
        "</div>",
        "",
    ]
