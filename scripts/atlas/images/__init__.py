"""Published image files: re-encoded from pixels, private, content-hashed.

The interface the rest of the build uses:

    rendered = render_photos(photos, settings=ImageSettings(), cache_dir=Path(".cache/atlas"))
    rendered["photo-id"].variants  -> every file to publish for that photo

Nothing here imports MkDocs.
"""

from .render import ImageError, ImageSettings, RenderedPhoto, Variant, render_photos
from .verify import verify_image

__all__ = ["ImageError", "ImageSettings", "RenderedPhoto", "Variant", "render_photos", "verify_image"]
