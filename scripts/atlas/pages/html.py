"""Small HTML pieces shared by the generated pages and embeds. Everything is escaped here."""

from __future__ import annotations

from ..escape import html as escape

from ..catalog.model import Photo
from ..images import RenderedPhoto

# How wide each kind of image is drawn at each viewport, so the browser fetches the smallest
# file that is sharp. Lengths in `sizes` are read at the browser's default font size (16px),
# whatever the page's own. Measured on the built site (atlas.css's grids inside Material's
# column); tests/browser/test_browser_gallery.py checks each is never narrower than drawn.
# The main photo: the column less its padding on a phone (the 480 or 960 px file, not the
# 1600), at most 46rem beside the menus.
PHOTO_SIZES = "(max-width: 60em) calc(100vw - 2rem), 46rem"
# A gallery tile or a home-page tile: two columns up to 528px (atlas.css), each at most half
# the screen less the column's padding and the gap; never wider than 205px beyond.
THUMB_SIZES = "(max-width: 33em) calc(50vw - 1.5em), 13em"
# A gallery's cover on the galleries index: the whole column while the column is narrower than
# about 544px (one card a row: up to a 576px screen on MkDocs, 591px on Zensical, whose margins
# are wider), at most 401px beyond (two cards a row, or beside the menus).
CARD_SIZES = "(max-width: 37em) calc(100vw - 2em), 25.1em"

LICENSE_NAMES = {
    "all-rights-reserved": "All rights reserved",
    "CC-BY-4.0": "Creative Commons Attribution 4.0",
    "CC-BY-SA-4.0": "Creative Commons Attribution-ShareAlike 4.0",
    "CC-BY-NC-4.0": "Creative Commons Attribution-NonCommercial 4.0",
    "CC-BY-NC-ND-4.0": "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0",
    "CC0-1.0": "CC0 1.0 (public domain dedication)",
}


def root_prefix(page_url: str) -> str:
    """Relative path from a page's URL back to the site root ('' for the home page).

    Raw HTML is not rewritten by MkDocs, so generated links are made relative here; relative
    links keep working wherever the site is hosted, including under a sub-path.
    """
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


def photo_url(photo_id: str) -> str:
    return f"photos/{photo_id}/"


def gallery_url(gallery_id: str) -> str:
    return f"galleries/{gallery_id}/"


def license_name(license_id: str | None) -> str:
    if not license_id:
        return ""
    return LICENSE_NAMES.get(license_id, license_id)


# An image's fetchpriority. The page's main photo (its largest paint) is fetched first. A
# thumbnail, one of many small pictures, after what the first paint needs: without it a
# browser raises every thumbnail in view to high and a dozen share the phone's connection with
# the stylesheet, so the page's text shows later (make bench-pages, the gallery's LCP against
# the stock page's: about 1.0x at the browser's choice, 0.86-0.95x at low).
MAIN_IMAGE = "high"
THUMBNAIL = "low"


def img_tag(
    rendered: RenderedPhoto, *, alt: str, prefix: str, sizes: str, lazy: bool, css_class: str = "", priority: str = "",
) -> str:
    """A <picture>: one <source> per modern format (best first), then an <img> in the format
    every browser reads. width/height on the <img> reserve the space before the file arrives
    (no layout shift); lazy is for images below the fold."""
    fallback = _middle(rendered) if sizes == PHOTO_SIZES else rendered.thumbnail
    sources = [
        f'<source type="{media_type}" srcset="{escape(rendered.srcset(media_type, prefix=prefix))}" sizes="{sizes}">'
        for media_type in rendered.media_types[:-1]
    ]
    attributes = [
        f'src="{escape(prefix + fallback.url)}"',
        f'srcset="{escape(rendered.srcset(fallback.media_type, prefix=prefix))}"',
        f'sizes="{sizes}"',
        f'width="{fallback.width}"',
        f'height="{fallback.height}"',
        f'alt="{escape(alt)}"',
        'decoding="async"',
    ]
    if lazy:
        attributes.append('loading="lazy"')
    if priority:
        attributes.append(f'fetchpriority="{priority}"')
    if css_class:
        attributes.append(f'class="{css_class}"')
    return f"<picture>{''.join(sources)}<img {' '.join(attributes)}></picture>"


picture_tag = img_tag


def preload_meta(rendered: RenderedPhoto, *, prefix: str, sizes: str) -> dict[str, str]:
    """Front matter for the theme's <link rel="preload"> of a page's main image, in the best
    format the page offers (browsers that cannot read it skip the hint), so the browser finds
    it in <head> instead of after the stylesheets."""
    media_type = rendered.media_types[0]
    return {
        "atlas_preload_srcset": rendered.srcset(media_type, prefix=prefix),
        "atlas_preload_sizes": sizes,
        "atlas_preload_type": media_type,
    }


def _middle(rendered: RenderedPhoto):
    """A sensible src for browsers that ignore srcset: about 960 px wide."""
    fallbacks = rendered.in_format(rendered.fallback_type)
    return next((v for v in fallbacks if v.width >= 900), fallbacks[-1])


def lightbox_link(inner_html: str, *, photo: Photo, rendered: RenderedPhoto, prefix: str, group: str) -> str:
    """Wraps an image in the anchor the atlas lightbox (docs/assets/atlas.js) opens.

    Without JavaScript it is a plain link to the largest published file. With it, a click or
    Enter opens the viewer, which reads everything it shows from these data attributes: the
    caption, the alt text (as the image's alt and as "What the photo shows: ..."), the files
    (`data-srcset` in the fallback format, `data-source-*` for the best modern one) and the
    largest file's size. The srcsets name files beside the `href` file (every size of a photo is
    in one folder) and the script resolves them against the link's own address: engines rewrite
    relative `href`s in raw HTML differently (MkDocs not at all, Zensical against the Markdown
    file), but never `data-` attributes, so these must not depend on where the page is. Values are plain text escaped once as attribute values; the script
    reads them through `dataset` and writes them with textContent, so they show as typed.
    """
    largest = rendered.largest
    if photo.sensitive:
        # Arrow keys move through a lightbox group; a covered photo must never be reached that
        # way, only by the reader uncovering it, so each sensitive photo is a group of its own.
        # ":" cannot occur in an id, so this group can never be another gallery's name.
        group = f"{group}:{photo.id}"
    attributes = {
        "class": "atlas-lightbox-link",
        "href": prefix + largest.url,
        "data-lightbox-group": group,
        "data-caption": photo.caption,
        "data-alt": photo.alt,
        "data-srcset": _beside(rendered.srcset(largest.media_type)),
        "data-sizes": "100vw",
        "data-width": str(largest.width),
        "data-height": str(largest.height),
        "aria-label": f"Enlarge photo: {photo.display_title}",
    }
    if len(rendered.media_types) > 1:
        best = rendered.media_types[0]
        attributes["data-source-type"] = best
        attributes["data-source-srcset"] = _beside(rendered.srcset(best))
    rendered_attributes = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    return f"<a {rendered_attributes}>{inner_html}</a>"


def _beside(srcset: str) -> str:
    """'assets/photos/x.1.320w.jpg 320w, ...' as 'x.1.320w.jpg 320w, ...'."""
    return ", ".join(entry.strip().rsplit("/", 1)[-1] for entry in srcset.split(","))


def page_source(url: str) -> str:
    """Where a generated page's Markdown goes in the prepared docs tree: `<url>/index.md`, so
    its folder is the folder of the page it becomes, and a relative URL in its raw HTML means
    the same to an engine that rewrites it against the Markdown file (Zensical) and to one
    that leaves it alone (MkDocs)."""
    return url + "index.md"


def loads_lazily(photo: Photo, *, below_the_fold: bool) -> bool:
    """Whether a photo's image waits until it is about to be seen. A photo behind a cover
    always does: closed, the cover's content is not rendered, and a lazy image that is not
    rendered is never fetched. So no one downloads a sensitive photo they have not asked to see,
    and the first paint never shares the connection with one."""
    return below_the_fold or photo.sensitive


def sensitive_wrapper(inner_html: str, *, photo: Photo, rendered: RenderedPhoto, prefix: str) -> str:
    """Covers a sensitive photo until the reader asks for it.

    <details> needs no JavaScript, works with Enter and Space, and screen readers announce its
    summary as a collapsed control naming what it will show. Closed, it shows only a heavily
    blurred copy (hidden from screen readers) behind the button; atlas.js opens every cover
    when the reader has chosen "Always show photos".
    """
    if not photo.sensitive:
        return inner_html
    cover = rendered.smallest
    return (
        '<details class="atlas-sensitive">'
        '<summary class="atlas-sensitive__summary">'
        f'<img class="atlas-sensitive__blur" src="{escape(prefix + cover.url)}" alt="" aria-hidden="true" '
        f'width="{cover.width}" height="{cover.height}" decoding="async" loading="lazy">'
        f'<span class="atlas-sensitive__show">Show photo: {escape(photo.alt)}</span>'
        '<span class="atlas-sensitive__hide">Hide photo</span>'
        "</summary>"
        f"{inner_html}</details>"
    )


def credit_line(photo: Photo) -> str:
    permission = photo.permission
    parts = []
    if permission.credit:
        parts.append(f"Credit: {escape(permission.credit)}")
    if permission.license:
        parts.append(f"Licence: {escape(license_name(permission.license))}")
    return " · ".join(parts)


# The marks around everything that shows a photo outside its own page (a gallery tile, an
# embed, a link in another photo's case list). `atlas takedown` removes what lies between them
# from an already built site when a build cannot run, so a withdrawal is never held back.
# Ids are slugs and staff text is escaped by `escape`, so no caption can contain a mark.
FRAGMENT_START = "<!--atlas:photo:{id}-->"
FRAGMENT_END = "<!--/atlas:photo:{id}-->"


def photo_fragment(photo_id: str, html: str, *, block: bool = False) -> str:
    """`html` marked as showing the photo `photo_id`. A `block` (a whole element on its own
    in the Markdown, such as an embed) gets its marks on lines of their own: Python-Markdown
    keeps a comment that opens a line apart from the element after it, and would otherwise
    let the closing mark drift past the following paragraph."""
    start, end = FRAGMENT_START.format(id=photo_id), FRAGMENT_END.format(id=photo_id)
    return f"{start}\n{html}\n{end}" if block else start + html + end
