"""Turn originals into the files the site publishes.

Private by construction: every output is encoded from decoded pixels into a fresh image that
carries no EXIF, XMP, IPTC, ICC, comments or embedded thumbnails from the original.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable

from PIL import Image, ImageOps

from ..catalog.model import Photo

# Bump when the way outputs are made changes, so cached files are re-made.
PIPELINE_VERSION = "1"


@dataclass(frozen=True)
class ImageSettings:
    widths: tuple[int, ...] = (480, 960, 1600)
    jpeg_quality: int = 80

    def cache_key_part(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


@dataclass(frozen=True)
class Variant:
    url: str  # site-relative path, such as assets/photos/<id>.<hash>.960w.jpg
    width: int
    height: int
    media_type: str
    cache_file: Path  # where the bytes are; the build copies them from here


@dataclass(frozen=True)
class RenderedPhoto:
    photo_id: str
    variants: tuple[Variant, ...] = field(default=())

    @property
    def largest(self) -> Variant:
        return max(self.variants, key=lambda v: v.width)

    @property
    def smallest(self) -> Variant:
        return min(self.variants, key=lambda v: v.width)

    def srcset(self, media_type: str = "image/jpeg") -> str:
        return ", ".join(f"{v.url} {v.width}w" for v in self.variants if v.media_type == media_type)


class ImageError(Exception):
    """A photo could not be rendered; names the file and the captions.yaml line."""


def render_photos(photos: Iterable[Photo], *, settings: ImageSettings, cache_dir: Path) -> dict[str, RenderedPhoto]:
    return {photo.id: render_photo(photo, settings=settings, cache_dir=cache_dir) for photo in photos}


def render_photo(photo: Photo, *, settings: ImageSettings, cache_dir: Path) -> RenderedPhoto:
    if photo.source is None:
        raise ImageError(f"captions.yaml:{photo.line}: photo '{photo.id}' has no readable file")
    original = photo.source.read_bytes()
    key = hashlib.sha256(
        original + PIPELINE_VERSION.encode() + settings.cache_key_part().encode()
    ).hexdigest()[:24]
    entry = Path(cache_dir) / "images" / key
    manifest = entry / "manifest.json"
    outputs = _read_manifest(manifest)
    if outputs is None:
        outputs = _encode(original, photo, settings, entry)
        manifest.write_text(json.dumps(outputs, sort_keys=True))
    variants = tuple(
        Variant(
            url=f"assets/photos/{photo.id}.{o['hash']}.{o['width']}w.jpg",
            width=o["width"],
            height=o["height"],
            media_type="image/jpeg",
            cache_file=entry / o["name"],
        )
        for o in outputs
    )
    return RenderedPhoto(photo_id=photo.id, variants=variants)


def _read_manifest(manifest: Path) -> list[dict] | None:
    """The cached outputs, or None if missing or damaged (a damaged entry is re-made)."""
    try:
        outputs = json.loads(manifest.read_text())
        for o in outputs:
            data = (manifest.parent / o["name"]).read_bytes()
            if hashlib.sha256(data).hexdigest()[:16] != o["hash"]:
                return None
        return outputs
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _encode(original: bytes, photo: Photo, settings: ImageSettings, entry: Path) -> list[dict]:
    entry.mkdir(parents=True, exist_ok=True)
    try:
        with Image.open(io.BytesIO(original)) as image:
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            # Pillow copies `info` (JPEG comments, EXIF, XMP, ICC) along with pixels through
            # convert() and resize(), and save() writes some of it back. Rebuild from raw pixels
            # so nothing but pixels can reach an output file.
            image = Image.frombytes("RGB", image.size, image.tobytes())
    except Exception as error:  # Pillow raises many kinds for broken files
        raise ImageError(f"captions.yaml:{photo.line}: images/{photo.file} cannot be decoded ({error})") from error
    outputs = []
    seen_widths = set()
    for wanted in settings.widths:
        width = min(wanted, image.width)  # never upscale
        if width in seen_widths:
            continue
        seen_widths.add(width)
        height = round(image.height * width / image.width)
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        # A fresh save with no exif=, icc_profile= or comment= writes none of them.
        resized.save(buffer, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
        data = buffer.getvalue()
        digest = hashlib.sha256(data).hexdigest()[:16]
        name = f"{width}.jpg"
        (entry / name).write_bytes(data)
        outputs.append({"name": name, "width": width, "height": height, "hash": digest})
    return outputs
