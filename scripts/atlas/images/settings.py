"""The image pipeline's settings: plain values, kept apart from the code that uses them.

Every field is part of the cache key (see `cache.cache_key`): change any of them and every
photo is re-encoded on the next build; change a caption and nothing is.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

# Formats the pipeline can write, best first. The last format of `ImageSettings.formats` is the
# fallback in the <img> element, so it must be one every browser reads.
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


@dataclass(frozen=True)
class Watermark:
    """A visible line of text in a corner of every published photo. Off unless `text` is set."""

    text: str = ""
    opacity: float = 0.55  # 0-1: how strongly the text covers the photo
    scale: float = 0.035  # text height as a fraction of the image width
    corner: str = "bottom-right"  # bottom-right | bottom-left | top-right | top-left


@dataclass(frozen=True)
class ImageSettings:
    # 480 px: phones at 1x and gallery cells at 2x; 960 px: phones at 2x-2.5x and the content
    # column (46rem) at 1x; 1600 px: phones at 3x and the column at 2x (1472 px). A 2400 px
    # width would serve only the column on 3x desktop screens, yet doubles the encode time and
    # stops the JPEG decoder from decoding a 12 MP photo at half size; add it here if wanted.
    # Never upscaled; widths that collapse onto the original's width are made once.
    widths: tuple[int, ...] = (480, 960, 1600)
    # Gallery grids draw a photo at most 15rem (240 CSS px) wide: 320 px is sharp at 1.33x and
    # the 480 px variant covers 2x.
    thumbnail_width: int = 320
    # Best first; the last one is the <img> fallback. See formats.py for the measurement
    # behind the choice and the qualities.
    formats: tuple[str, ...] = ("avif", "jpeg")
    # Qualities matched for equal SSIM against jpeg_quality (formats.py).
    jpeg_quality: int = 82
    webp_quality: int = 86
    avif_quality: int = 67
    # libaom speed 0 (slowest, smallest) to 10. formats.py: 8 makes the same bytes as 6 in
    # under a third of the time.
    avif_speed: int = 8
    # What transparent pixels become: formats without alpha need a background, and the site's
    # photos must look the same in every format and in dark mode.
    background: tuple[int, int, int] = (255, 255, 255)
    watermark: Watermark = field(default_factory=Watermark)

    def __post_init__(self):
        unknown = [f for f in self.formats if f not in MEDIA_TYPES]
        if unknown or not self.formats:
            raise ValueError(f"image formats must be among {', '.join(MEDIA_TYPES)}; got {self.formats!r}")
        if self.formats[-1] != "jpeg":
            raise ValueError("the last image format must be 'jpeg', the fallback every browser reads")

    def quality(self, fmt: str) -> int:
        return {"jpeg": self.jpeg_quality, "webp": self.webp_quality, "avif": self.avif_quality}[fmt]

    def cache_key_part(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)
