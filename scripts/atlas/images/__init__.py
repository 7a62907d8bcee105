"""Published image files: re-encoded from pixels, private, colour-true, content-hashed.

The interface the rest of the build uses:

    rendered = render_photos(photos, settings=ImageSettings(), cache_dir=Path(".cache/atlas"),
                             rights={"photo-id": Rights.for_photo(...)})
    rendered["photo-id"].variants  -> every file to publish for that photo (all formats, widths)
    check_catalog(..., verify_image=cached_verifier(cache_dir))  -> cheap checks on warm builds

Modules: decode (orientation, colour, alpha), encode (formats), rights (the only metadata
written), watermark, cache, render (orchestration, one process per core), verify, formats (the
measurement behind the format and quality choice). Nothing here imports MkDocs.
"""

from .render import ImageError, RenderedPhoto, Variant, render_photo, render_photos, valid_widths
from .rights import Rights
from .settings import ImageSettings, Watermark
from .verify import cached_verifier, verify_image

__all__ = [
    "ImageError",
    "ImageSettings",
    "RenderedPhoto",
    "Rights",
    "Variant",
    "Watermark",
    "cached_verifier",
    "render_photo",
    "render_photos",
    "valid_widths",
    "verify_image",
]
