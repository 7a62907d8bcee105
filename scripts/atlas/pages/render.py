"""The generated pages, as Markdown with front matter. Pure functions: no MkDocs here."""

from __future__ import annotations

from ..escape import html as escape

import yaml

from ..catalog.model import Catalog, Gallery, Photo
from ..images import RenderedPhoto
from .cite import citation_block, citation_text
from .context import SiteInfo
from .facets import FACETS, STAGE_ORDER, Facet, facet_values, matching, useful_facets, value_label
from .html import (
    CARD_SIZES,
    MAIN_IMAGE,
    PHOTO_SIZES,
    preload_meta,
    THUMB_SIZES,
    THUMBNAIL,
    credit_line,
    gallery_url,
    img_tag,
    license_name,
    lightbox_link,
    loads_lazily,
    photo_fragment,
    photo_url,
    root_prefix,
    sensitive_wrapper,
)
from ..escape import script_json
from .jsonld import image_object, license_url

CURRENT = ' aria-current="page"'
RETIRED_MARK = "<!--atlas:retired-->"

# The first row of a gallery is visible at once; thumbnails after it load lazily.
EAGER_THUMBNAILS = 4


def front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=True, allow_unicode=True) + "---\n\n"


def case_label(case: str) -> str:
    return case.replace("-", " ").title()


# Photos -----------------------------------------------------------------------------------


def photo_figure(
    photo: Photo, rendered: RenderedPhoto, *, prefix: str, lazy: bool = False, link: bool = False, priority: bool = False,
) -> str:
    """A photo with its caption and credit. Embeds (`link=True`) link to the photo's own page;
    on the photo page itself the image opens the lightbox at full size, and is the page's main
    image (`priority`) unless a cover hides it."""
    image = img_tag(
        rendered, alt=photo.alt, prefix=prefix, sizes=PHOTO_SIZES, lazy=loads_lazily(photo, below_the_fold=lazy), priority=MAIN_IMAGE if priority else ""
    )
    if link:
        image = f'<a href="{prefix}{photo_url(photo.id)}">{image}</a>'
    else:
        image = lightbox_link(image, photo=photo, rendered=rendered, prefix=prefix, group=f"photo-{photo.id}")
    credit = credit_line(photo)
    caption = escape(photo.caption)
    if link:
        caption += f' <a href="{prefix}{photo_url(photo.id)}">About this photo</a>'
    # Embedded in another page, the photo stays out of that page's search entry: its own page
    # is the one search result for it, and `atlas takedown` can then remove it by its page.
    search = " data-search-exclude" if link else ""
    figure = (
        f'<figure class="atlas-photo" id="photo-{photo.id}"{search}>\n'
        f"{sensitive_wrapper(image, photo=photo, rendered=rendered, prefix=prefix)}\n"
        f'<figcaption>{caption}{f"<br><small class=atlas-credit>{credit}</small>" if credit else ""}</figcaption>\n'
        "</figure>"
    )
    return photo_fragment(photo.id, figure, block=True) if link else figure


def case_sequence(catalog: Catalog, photo: Photo, published: set[str]) -> list[Photo]:
    """The published photos of the same person, in the order a reader should follow them."""
    if not photo.case:
        return [photo]
    same = [p for p in catalog.photos if p.case == photo.case and p.id in published]
    return order_case(same)


def order_case(photos: list[Photo]) -> list[Photo]:
    """Early before advanced where the catalog records stages; otherwise catalog order."""
    if all(p.stage for p in photos):
        rank = {stage: index for index, stage in enumerate(STAGE_ORDER)}
        return sorted(photos, key=lambda p: (rank[p.stage], photos.index(p)))
    return list(photos)


def photo_page(
    photo: Photo,
    rendered: dict[str, RenderedPhoto],
    *,
    catalog: Catalog,
    published: set[str],
    site: SiteInfo,
) -> str:
    own = rendered[photo.id]
    prefix = root_prefix(photo_url(photo.id))
    meta = {
        "title": photo.display_title,
        "description": _summary(photo.caption),
        "atlas_photo": photo.id,
        "atlas_jsonld": str(script_json(image_object(photo, own, site))),
    }
    if photo.sensitive:
        # Image search and link previews must never show a sensitive photo.
        meta["robots"] = "noimageindex"
    else:
        meta["atlas_preview_image"] = site.absolute(own.largest.url)
        # The photo is the page's largest paint: hint it early. A sensitive photo is hidden under
        # its cover until the reader asks, so its file is not hurried (the cover is the paint).
        meta.update(preload_meta(own, prefix=prefix, sizes=PHOTO_SIZES))
    gallery = catalog.gallery(photo.gallery)
    main = photo_figure(photo, own, prefix=prefix, priority=not photo.sensitive)
    body = [f"# {escape(photo.display_title)}", "", main, ""]
    if photo.description:
        body += [f'<p class="atlas-description">{escape(photo.description)}</p>', ""]
    body += [_facts(photo, gallery, prefix), ""]
    body += _case_navigation(photo, case_sequence(catalog, photo, published), prefix)
    body += _rights(photo, site, prefix)
    body += _cite(photo, site)
    return front_matter(meta) + "\n".join(body) + "\n"


def _facts(photo: Photo, gallery: Gallery, prefix: str) -> str:
    rows = [
        (facet.label, value_label(facet, getattr(photo, facet.field)))
        for facet in FACETS
        if getattr(photo, facet.field)
    ]
    rows.append(("Gallery", f'<a href="{prefix}{gallery_url(gallery.id)}">{escape(gallery.title)}</a>'))
    items = "".join(
        f"<div><dt>{escape(label)}</dt><dd>{value if label == 'Gallery' else escape(value)}</dd></div>"
        for label, value in rows
    )
    return f'<dl class="atlas-facts">{items}</dl>'


def _case_navigation(photo: Photo, sequence: list[Photo], prefix: str) -> list[str]:
    if len(sequence) < 2:
        return []
    position = sequence.index(photo)
    links = []
    if position > 0:
        before = sequence[position - 1]
        links.append(photo_fragment(before.id, f'<a rel="prev" href="{prefix}{photo_url(before.id)}">← Previous: {escape(before.display_title)}</a>'))
    if position < len(sequence) - 1:
        after = sequence[position + 1]
        links.append(photo_fragment(after.id, f'<a rel="next" href="{prefix}{photo_url(after.id)}">Next: {escape(after.display_title)} →</a>'))
    items = []
    for other in sequence:
        if other is photo:
            items.append(f'<li><span aria-current="page">{escape(other.display_title)} (this photo)</span></li>')
        else:
            items.append(photo_fragment(other.id, f'<li><a href="{prefix}{photo_url(other.id)}">{escape(other.display_title)}</a></li>'))
    return [
        "## Photos of the same person",
        "",
        '<nav class="atlas-case" aria-label="Photos of the same person" data-search-exclude>',
        f"<p>Photo {position + 1} of {len(sequence)} of the same person, in order.</p>",
        f'<p class="atlas-case__steps">{" ".join(links)}</p>',
        f"<ol class=\"atlas-case__list\">{''.join(items)}</ol>",
        "</nav>",
        "",
    ]


def _rights(photo: Photo, site: SiteInfo, prefix: str) -> list[str]:
    permission = photo.permission
    licence = escape(license_name(permission.license))
    url = license_url(permission.license, site)
    if url and permission.license != "all-rights-reserved":
        licence = f'<a href="{escape(url)}" rel="license">{licence}</a>'
    ask = "To ask permission to reuse this photo"
    if site.contact_email:
        subject = f"Permission to reuse photo {photo.id}"
        ask += (
            f', write to <a href="mailto:{escape(site.contact_email)}?subject={escape(subject.replace(" ", "%20"))}">'
            f"{escape(site.contact_email)}</a> and give the photo's address"
        )
    else:
        ask += ", contact the foundation and give the photo's address"
    if site.reuse_page:
        ask += f' (<a href="{prefix}{site.reuse_page}">how reuse works</a>)'
    return [
        "## Credit and reuse",
        "",
        f'<p class="atlas-rights">Credit: {escape(permission.credit or "")}. Licence: {licence}. '
        "The person who shared this photo allows it to be shown on this website; that is not "
        f"permission to copy it elsewhere.</p>",
        f"<p>{ask}.</p>",
        "",
    ]


def _cite(photo: Photo, site: SiteInfo) -> list[str]:
    return citation_block(heading="Cite this photo", text=citation_text(photo, site, accessed="ACCESSED"), ris_href="cite.ris")


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
        # Tells `atlas takedown` this page already shows nothing of the photo.
        f"{RETIRED_MARK}\n\n"
        "# This photo is no longer available\n\n"
        "The photo that was shown at this address has been removed from the site. "
        "Photos are shown only while the person who shared them allows it.\n\n"
        f'You can <a href="{prefix}galleries/">browse the galleries</a> or '
        f'<a href="{prefix}">go to the home page</a>.\n'
    )
    return front_matter(meta) + body


# Galleries --------------------------------------------------------------------------------

# A phone on a poor connection gets one page of a large gallery at a time: this many tiles,
# each a few kilobytes of HTML, with only the first row's thumbnails loaded eagerly. Later
# pages are plain links (/galleries/<id>/page/2/); gallery.js can fetch them on demand.
GALLERY_PAGE_SIZE = 24

# Under a tile the title is short enough for two or three lines in a phone's half-width column;
# the full title is the photo page's heading and the lightbox link's name.
TILE_TITLE_LIMIT = 50


def tile_title(photo: Photo) -> str:
    """The catalog's title as staff wrote it, or else a short form of the caption: cut at a clause or word boundary,
    never inside a word, and marked with "…" when it was cut."""
    if photo.title:
        return photo.title  # staff chose it: shown whole
    title = photo.display_title
    if len(title) <= TILE_TITLE_LIMIT:
        return title
    head = title[: TILE_TITLE_LIMIT + 1]
    clause = max(head.rfind(", "), head.rfind("; "), head.rfind(" - "), head.rfind(" – "))
    cut = head[:clause] if clause >= 20 else head.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–") + "…"


def _case_notes(photos: list[Photo]) -> dict[str, str]:
    """'Patient A, photo 2 of 3' for each photo of a case shown more than once in `photos`,
    numbered over the whole view, so a case split across pages still counts right."""
    sizes: dict[str, int] = {}
    for photo in photos:
        if photo.case:
            sizes[photo.case] = sizes.get(photo.case, 0) + 1
    seen: dict[str, int] = {}
    notes = {}
    for photo in photos:
        if photo.case and sizes[photo.case] > 1:
            seen[photo.case] = seen.get(photo.case, 0) + 1
            notes[photo.id] = f"{case_label(photo.case)}, photo {seen[photo.case]} of {sizes[photo.case]}"
    return notes


def _facet_attributes(photo: Photo) -> str:
    """The tile's filter values, read by gallery.js to combine filters without a reload."""
    return "".join(
        f' data-{facet.slug}="{escape(getattr(photo, facet.field).lower())}"' for facet in FACETS if getattr(photo, facet.field)
    )


def gallery_grid(
    photos: list[Photo],
    rendered: dict[str, RenderedPhoto],
    *,
    prefix: str,
    group: str,
    case_notes: dict[str, str] | None = None,
) -> str:
    """Even tiles: every picture box has one shape (atlas.css crops each thumbnail into it),
    with a short title under it. `case_notes` numbers each person's photos over a whole view
    when `photos` is one page of it."""
    if not photos:
        return '<p class="atlas-empty">There are no photos here yet.</p>'
    notes = _case_notes(photos) if case_notes is None else case_notes
    items = []
    for position, photo in enumerate(photos):
        image = img_tag(
            rendered[photo.id],
            alt=photo.alt,
            prefix=prefix,
            sizes=THUMB_SIZES,
            lazy=loads_lazily(photo, below_the_fold=position >= EAGER_THUMBNAILS),
            priority=THUMBNAIL,
        )
        image = lightbox_link(image, photo=photo, rendered=rendered[photo.id], prefix=prefix, group=group)
        case_note = f'<span class="atlas-grid__case">{escape(notes[photo.id])}</span>' if photo.id in notes else ""
        case_attribute = f' data-case="{escape(photo.case)}"' if photo.case else ""
        frame = sensitive_wrapper(image, photo=photo, rendered=rendered[photo.id], prefix=prefix)
        items.append(
            photo_fragment(
                photo.id,
                f'<li class="atlas-grid__item"{case_attribute}{_facet_attributes(photo)}>'
                f'<figure><div class="atlas-grid__frame">{frame}</div>'
                f'<figcaption><a href="{prefix}{photo_url(photo.id)}">{escape(tile_title(photo))}</a>{case_note}</figcaption>'
                "</figure></li>",
            )
        )
    # Out of the gallery's search entry: each photo's own page is its search result.
    return '<ul class="atlas-grid" data-search-exclude>\n' + "\n".join(items) + "\n</ul>"


def filtered_url(gallery_id: str, facet: Facet, value: str) -> str:
    return f"{gallery_url(gallery_id)}{facet.slug}/{value.lower()}/"


def paged_url(view_url: str, page: int) -> str:
    """Page `page` of a gallery view: the view itself for the first page."""
    return view_url if page <= 1 else f"{view_url}page/{page}/"


def gallery_pages(photos: list[Photo], size: int = GALLERY_PAGE_SIZE) -> list[list[Photo]]:
    """`photos` in pages of at most `size`. A page ends between two people's photos where it
    can, so a case is seen in one piece; only a case longer than a page is split."""
    pages: list[list[Photo]] = [[]]
    runs: list[list[Photo]] = []
    for photo in photos:
        if runs and photo.case and runs[-1][0].case == photo.case:
            runs[-1].append(photo)
        else:
            runs.append([photo])
    for run in runs:
        if pages[-1] and len(pages[-1]) + len(run) > size:
            pages.append([])
        for photo in run:
            if len(pages[-1]) >= size:
                pages.append([])
            pages[-1].append(photo)
    return pages


def _filters(gallery: Gallery, photos: list[Photo], prefix: str, active: tuple[Facet, str] | None) -> str:
    facets = useful_facets(photos)
    if not facets:
        return ""
    groups = []
    for facet in facets:
        links = []
        is_all = active is None or active[0] != facet
        links.append(
            f'<li><a href="{prefix}{gallery_url(gallery.id)}" data-facet="{facet.slug}" data-value=""'
            f'{CURRENT if is_all else ""}>All</a></li>'
        )
        for value, count in facet_values(facet, photos):
            current = active == (facet, value)
            links.append(
                f'<li><a href="{prefix}{filtered_url(gallery.id, facet, value)}" data-facet="{facet.slug}" '
                f'data-value="{escape(value.lower())}"'
                f'{CURRENT if current else ""}>{escape(value_label(facet, value))} '
                f'<span class="atlas-count">({count})</span></a></li>'
            )
        groups.append(
            # A <p> label, not a heading: headings would become site-search sections and TOC entries.
            f'<div class="atlas-filters__group"><p class="atlas-filters__label" id="filter-{facet.slug}">{facet.label}</p>'
            f'<ul aria-labelledby="filter-{facet.slug}">{"".join(links)}</ul></div>'
        )
    return f'<nav class="atlas-filters" aria-label="Filter the photos">{"".join(groups)}</nav>'


def _page_links(view_url: str, prefix: str, page: int, count: int) -> str:
    """Previous, numbered and next links between a view's pages: plain links, so they work
    without JavaScript; gallery.js adds "Show more photos" above them."""
    if count < 2:
        return ""
    items = []
    if page > 1:
        items.append(f'<li><a rel="prev" href="{prefix}{paged_url(view_url, page - 1)}">← Previous</a></li>')
    for number in range(1, count + 1):
        current = CURRENT if number == page else ""
        items.append(
            f'<li><a href="{prefix}{paged_url(view_url, number)}" data-page="{number}"{current} '
            f'aria-label="Page {number} of {count}">{number}</a></li>'
        )
    if page < count:
        items.append(f'<li><a rel="next" href="{prefix}{paged_url(view_url, page + 1)}">Next →</a></li>')
    return f'<nav class="atlas-pages" aria-label="Pages of this gallery" data-search-exclude><ul>{"".join(items)}</ul></nav>'


def gallery_page(
    gallery: Gallery,
    photos: list[Photo],
    rendered: dict[str, RenderedPhoto],
    *,
    active: tuple[Facet, str] | None = None,
    page: int = 1,
) -> str:
    """A gallery, or (with `active`) the same gallery narrowed by one filter value; `page`
    of it when it holds more than GALLERY_PAGE_SIZE photos."""
    shown = matching(photos, *active) if active else photos
    pages = gallery_pages(shown)
    if not 1 <= page <= len(pages):
        raise ValueError(f"gallery {gallery.id} has {len(pages)} pages, not a page {page}")
    view_url = filtered_url(gallery.id, *active) if active else gallery_url(gallery.id)
    prefix = root_prefix(paged_url(view_url, page))
    title = gallery.title
    meta = {"title": title, "description": _summary(gallery.description), "atlas_gallery": gallery.id}
    if active:
        facet, value = active
        title = f"{gallery.title}: {value_label(facet, value).lower()}"
        meta["title"] = title
    if len(pages) > 1 and page > 1:
        meta["title"] = f"{title} (page {page} of {len(pages)})"
    if active or page > 1:
        # Filtered views and later pages repeat the gallery: keep them out of search engines
        # and the site search.
        meta["robots"] = "noindex, follow"
        meta["search"] = {"exclude": True}
    noun = "photo" if len(shown) == 1 else "photos"
    if active:
        count = f"Showing {len(shown)} of {len(photos)} photos: {escape(facet.label.lower())} {escape(value_label(facet, value).lower())}."
    else:
        count = f"{len(shown)} {noun}."
    if len(pages) > 1:
        first = sum(len(p) for p in pages[: page - 1]) + 1
        count += f" This page shows photos {first} to {first + len(pages[page - 1]) - 1}."
    heading = title if page == 1 else f"{title}, page {page}"
    body = [
        f"# {escape(heading)}",
        "",
        f"<p>{escape(gallery.description)}</p>",
        "",
        _filters(gallery, photos, prefix, active),
        "",
        f'<p class="atlas-result-count"><span class="atlas-result-count__text" data-total="{len(shown)}">{count}</span> '
        "Photos of the same person are shown together, in order. "
        "Select a photo to enlarge it, or its title for its own page.</p>",
        "",
        '<p class="atlas-pref" hidden><label><input type="checkbox" class="atlas-pref__always"> '
        "Always show photos without covering them (remembered on this device only)</label></p>",
        "",
        gallery_grid(pages[page - 1], rendered, prefix=prefix, group=gallery.id, case_notes=_case_notes(shown)),
        "",
    ]
    links = _page_links(view_url, prefix, page, len(pages))
    if links:
        body += [links, ""]
    return front_matter(meta) + "\n".join(body)


def gallery_cover(photos: list[Photo]) -> Photo | None:
    """The photo that stands for a gallery in the index: its first that is not sensitive, so a
    covered photo is never shown uncovered there."""
    return next((photo for photo in photos if not photo.sensitive), None)


def galleries_index(galleries: list[tuple[Gallery, list[Photo]]], rendered: dict[str, RenderedPhoto] | None = None) -> str:
    """Every gallery as a card: a cover thumbnail, the title, how many photos it has (or that
    it has none yet) and its description."""
    rendered = rendered or {}
    prefix = root_prefix("galleries/")
    meta = {"title": "Photo galleries", "description": "Galleries of photos of skin metastases, shared with permission."}
    lines = ["# Photo galleries", ""]
    lines.append(
        "Every photo here was shared by a patient, a family or a clinician who gave permission for it to be "
        "shown. Photos that some readers may find upsetting are covered until you choose to see them."
    )
    lines.append("")
    lines.append('<ul class="atlas-gallery-list">')
    for position, (gallery, photos) in enumerate(galleries):
        count = len(photos)
        cover = gallery_cover(photos)
        if cover is not None and cover.id in rendered:
            # alt="" : the card's title names the link; the picture only illustrates it.
            image = img_tag(rendered[cover.id], alt="", prefix=prefix, sizes=CARD_SIZES, lazy=position >= 2, priority=THUMBNAIL)
            frame = photo_fragment(cover.id, image)
        else:
            frame = ""
        if count:
            noun = "photo" if count == 1 else "photos"
            count_text = f"{count} {noun}"
        else:
            count_text = "No photos yet"
        lines.append(
            f'<li class="atlas-gallery-card"><a class="atlas-gallery-card__link" href="{prefix}{gallery_url(gallery.id)}">'
            f'<span class="atlas-gallery-card__frame">{frame}</span>'
            f'<span class="atlas-gallery-card__title">{escape(gallery.title)}</span></a>'
            f'<p class="atlas-gallery-card__count">{count_text}</p>'
            f"<p>{escape(gallery.description)}</p></li>"
        )
    lines.append("</ul>")
    return front_matter(meta) + "\n".join(lines) + "\n"


def redirect_page(*, to_url: str, from_url: str, site: SiteInfo) -> str:
    """A static redirect for a former photo id. A meta refresh works on every static host
    without server configuration; the canonical link tells search engines where the page lives."""
    target = escape(root_prefix(from_url) + to_url)
    canonical = escape(site.absolute(to_url))
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>This photo has moved</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>This photo has moved to <a href="{target}">its new address</a>.</p>\n'
        "</body>\n</html>\n"
    )


def _summary(text: str, limit: int = 155) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def published_gallery_photos(catalog: Catalog, gallery_id: str, published: set[str]) -> list[Photo]:
    """A gallery's published photos: each person's photos together, in their case order,
    placed where that person first appears in the catalog."""
    photos = [p for p in catalog.photos_in(gallery_id) if p.id in published]
    ordered: list[Photo] = []
    done: set[str] = set()
    for photo in photos:
        if not photo.case:
            ordered.append(photo)
        elif photo.case not in done:
            done.add(photo.case)
            ordered += order_case([p for p in photos if p.case == photo.case])
    return ordered
