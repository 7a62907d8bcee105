"""Photos and galleries embedded in Markdown pages by id:

    [[photo:scar-line-rash-and-nodules]]
    [[gallery:ibc-skin-metastases]]
    [[tiles: early-rash = A rash; scar-line-nodules-close-up = Lumps (nodules); ...]]

Tiles ("What can it look like?" on the home page) show each named photo small, with the label,
linking to the photo's page. A sensitive photo is never shown in a tile: its tile is the label
alone, behind the same link, where the photo's page covers it until the reader chooses.

A photo that is no longer publishable becomes a neutral placeholder and a notice, never an
error: withdrawing a photo must never be blocked by a page that shows it. An id that never
existed is an error, because it is a typo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalog.model import Catalog
from ..images import RenderedPhoto
from ..escape import html as escape
from .html import THUMB_SIZES, THUMBNAIL, img_tag, photo_url, root_prefix
from .render import gallery_grid, photo_figure, published_gallery_photos

EMBED = re.compile(r"\[\[(?P<kind>photo|gallery):\s*(?P<id>[^\]\s]+)\s*\]\]")
TILES = re.compile(r"\[\[tiles:(?P<spec>[^\]]*)\]\]")

PLACEHOLDER = (
    '<p class="atlas-placeholder" role="note">A photo that was shown here is no longer available.</p>'
)


@dataclass
class EmbedResult:
    markdown: str
    notices: list[str] = field(default_factory=list)  # pages still pointing at removed photos
    errors: list[str] = field(default_factory=list)  # ids that never existed


def expand_embeds(
    markdown: str,
    *,
    first_line: int = 1,
    page_path: str,
    page_url: str,
    catalog: Catalog,
    published: set[str],
    rendered: dict[str, RenderedPhoto],
) -> EmbedResult:
    result = EmbedResult(markdown="")
    prefix = root_prefix(page_url)
    former = {old: photo.id for photo in catalog.photos for old in photo.former_ids}

    def line_of(match: re.Match) -> int:
        # `first_line`: where the body starts in the file, after any front matter.
        return markdown.count("\n", 0, match.start()) + first_line

    def replace(match: re.Match) -> str:
        kind, wanted = match.group("kind"), match.group("id")
        where = f"{page_path}:{line_of(match)}"
        if kind == "gallery":
            if catalog.gallery(wanted) is None:
                known = ", ".join(g.id for g in catalog.galleries)
                result.errors.append(f"{where}: [[gallery:{wanted}]]: no gallery has this id (known: {known})")
                return match.group(0)
            photos = published_gallery_photos(catalog, wanted, published)
            return "\n\n" + gallery_grid(photos, rendered, prefix=prefix, group=wanted) + "\n\n"
        photo_id = former.get(wanted, wanted)
        photo = catalog.photo(photo_id)
        if photo is None:
            result.errors.append(
                f"{where}: [[photo:{wanted}]]: no photo has this id in captions.yaml (check the spelling)"
            )
            return match.group(0)
        if photo_id not in published:
            result.notices.append(
                f"{where}: photo '{wanted}' is no longer published; the page shows a placeholder "
                "(remove the embed when convenient)"
            )
            return "\n\n" + PLACEHOLDER + "\n\n"
        return "\n\n" + photo_figure(photo, rendered[photo_id], prefix=prefix, lazy=True, link=True) + "\n\n"

    def tiles(match: re.Match) -> str:
        where = f"{page_path}:{line_of(match)}"
        items = []
        for part in filter(None, (p.strip() for p in match.group("spec").split(";"))):
            wanted, _, label = (x.strip() for x in part.partition("="))
            photo = catalog.photo(former.get(wanted, wanted))
            if photo is None or not label:
                result.errors.append(
                    f"{where}: [[tiles:...]]: '{part}' must be a photo id from captions.yaml, '=' and a label"
                )
                continue
            if photo.id not in published:
                result.notices.append(f"{where}: tile photo '{wanted}' is no longer published; its tile is left out")
                continue
            items.append(tile(photo, rendered[photo.id], label=label, prefix=prefix))
        return "\n\n" + '<ul class="atlas-tiles">\n' + "\n".join(items) + "\n</ul>\n\n" if items else "\n\n"

    result.markdown = EMBED.sub(replace, TILES.sub(tiles, markdown))
    return result


def tile(photo, rendered: RenderedPhoto, *, label: str, prefix: str) -> str:
    """One tile: the photo's thumbnail (never a sensitive one) and its label, as one link."""
    # Lazy: on the home page they come after the summary, below a phone's first screen.
    picture = "" if photo.sensitive else img_tag(rendered, alt="", prefix=prefix, sizes=THUMB_SIZES, lazy=True, priority=THUMBNAIL)
    kind = " atlas-tile--covered" if photo.sensitive else ""
    return (
        f'<li class="atlas-tile{kind}"><a href="{prefix}{photo_url(photo.id)}">'
        f'{picture}<span class="atlas-tile__label">{escape(label)}</span></a></li>'
    )
