"""Is this file a readable image we are willing to decode?"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

# Phone photos are 12-48 megapixels; scans can be larger. Anything past this is refused rather
# than decoded, because a small file that expands to gigabytes (a decompression bomb) would
# take the build machine down.
MAX_PIXELS = 120_000_000


def verify_image(path: Path, *, max_pixels: int = MAX_PIXELS) -> str | None:
    """None if the file decodes completely; otherwise a short reason, for an error message."""
    try:
        with warnings.catch_warnings():
            # Our own limit below decides, with a message that gives the size; Pillow's
            # warning threshold (89 MP) would refuse legitimate large scans.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > max_pixels:
                    return _bomb(width, height, max_pixels)
                image.load()  # decodes every pixel: catches truncated and corrupt files
    except Image.DecompressionBombError:
        return "is too large to decode safely (a possible decompression bomb)"
    except UnidentifiedImageError:
        return "is not an image Pillow can read (is it a photo file at all?)"
    except (OSError, SyntaxError, ValueError) as error:
        return f"is damaged or truncated ({error})"
    return None


def _bomb(width: int, height: int, limit: int) -> str:
    return (
        f"is {width}x{height} pixels, more than the {limit // 1_000_000} megapixels allowed "
        "(a possible decompression bomb)"
    )
