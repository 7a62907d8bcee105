"""Pixels to file bytes, one format at a time, with rights metadata and nothing else.

Each save gets exactly the metadata passed here: `image` is a fresh image with an empty
`info`, so Pillow has no EXIF, ICC profile, XMP or comment to carry over by default.
"""

from __future__ import annotations

import io

from PIL import Image

from .rights import Rights, exif_bytes, xmp_bytes
from .settings import ImageSettings


def encode(image: Image.Image, fmt: str, *, settings: ImageSettings, rights: Rights) -> bytes:
    assert image.mode == "RGB" and not image.info, "encode only fresh RGB pixels"
    exif, xmp = exif_bytes(rights), xmp_bytes(rights)
    buffer = io.BytesIO()
    if fmt == "jpeg":
        # Progressive: a recognisable picture early on a slow connection, and a few % smaller.
        image.save(buffer, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True, exif=exif, xmp=xmp)
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=settings.webp_quality, method=4, exif=exif, xmp=xmp)
    elif fmt == "avif":
        # One encoder thread: the pipeline already runs one process per core, and a single
        # thread keeps the output bytes independent of the machine.
        image.save(
            buffer, "AVIF", quality=settings.avif_quality, speed=settings.avif_speed, max_threads=1, exif=exif, xmp=xmp
        )
    else:
        raise ValueError(f"unknown image format {fmt!r}")
    return buffer.getvalue()
