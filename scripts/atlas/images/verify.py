"""Is this file a readable image we are willing to decode?"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path
from typing import Callable

from PIL import Image, UnidentifiedImageError

# Phone photos are 12-48 megapixels; scans can be larger. Anything past this is refused rather
# than decoded, because a small file that expands to gigabytes (a decompression bomb) would
# take the build machine down.
MAX_PIXELS = 120_000_000

# Bump when verify_image accepts or refuses differently, so remembered results are redone.
VERIFY_VERSION = "2"

_heif_registered = False

# Digests already computed in this process, by (path, size, mtime): the catalog check and the
# image step both need an original's digest, and a warm build should read each original once.
_digests: dict[tuple[str, int, int], str] = {}


def register_heif() -> None:
    """Teach Pillow to open HEIC/HEIF (iPhone photos). pillow-heif is a dependency, but a
    machine without it still builds every other format."""
    global _heif_registered
    if _heif_registered:
        return
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # pragma: no cover - pillow-heif is in pyproject's dependencies
        pass
    else:
        register_heif_opener()
    _heif_registered = True


def verify_image(path: Path, *, max_pixels: int = MAX_PIXELS) -> str | None:
    """None if the file decodes completely; otherwise a short reason, for an error message."""
    register_heif()
    try:
        with warnings.catch_warnings():
            # Our own max_pixels below replaces Pillow's global warning threshold.
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
    except (OSError, SyntaxError, ValueError, RuntimeError) as error:
        return f"is damaged or truncated ({error})"
    return None


def cached_verifier(cache_dir: Path, *, max_pixels: int = MAX_PIXELS) -> Callable[[Path], str | None]:
    """verify_image that remembers which file contents already decoded completely.

    Decoding every 12-megapixel original on every build would make a warm build slow. The
    memory is keyed by the file's bytes (SHA-256), so a changed or damaged file is a new key and
    is decoded again; only successes are remembered, so a bad file is reported on every build.
    """
    memory = Path(cache_dir) / "verified" / f"v{VERIFY_VERSION}-{max_pixels}"

    def verify(path: Path) -> str | None:
        try:
            digest = file_digest(path)
        except OSError as error:
            return f"cannot be read ({error.strerror or error})"
        marker = memory / digest
        if marker.is_file():
            return None
        problem = verify_image(path, max_pixels=max_pixels)
        if problem is None:
            try:
                memory.mkdir(parents=True, exist_ok=True)
                marker.touch()
            except OSError:
                pass  # a read-only cache only costs time
        return problem

    return verify


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes (raises OSError if it cannot be read)."""
    stat = os.stat(path)
    known = (str(path), stat.st_size, stat.st_mtime_ns)
    if known not in _digests:
        _digests[known] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return _digests[known]


def _bomb(width: int, height: int, limit: int) -> str:
    return (
        f"is {width}x{height} pixels, more than the {limit // 1_000_000} megapixels allowed "
        "(a possible decompression bomb)"
    )
