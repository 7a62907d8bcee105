"""From an original's bytes to upright, opaque, 8-bit sRGB pixels and nothing else.

The order matters and follows how a colour-managed viewer shows the file:
1. decode only as much as the largest output needs (JPEG DCT scaling via `draft`);
2. apply the EXIF orientation (1-8) before anything else looks at the geometry;
3. bring odd modes (palette, 16-bit, CMYK, grey + alpha) to a few working modes;
4. shrink towards the largest output width (`reduce` then one Lanczos pass);
5. convert from the embedded ICC profile to sRGB with LittleCMS (`ImageCms`): skin colour is
   clinical information, and dropping a Display P3 or Adobe RGB profile would shift it;
6. flatten transparency onto a light background;
7. copy the pixels into a fresh image, so no `info` (EXIF, ICC, XMP, comments) can follow
   them into an encoder.
"""

from __future__ import annotations

import io
import math
import warnings

from PIL import Image, ImageCms, ImageOps

from .verify import MAX_PIXELS, register_heif

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# Perceptual is what colour-managed viewers use for photos. Matrix profiles (Display P3,
# Adobe RGB: nearly every camera and phone) have no perceptual table, so LittleCMS applies the
# colorimetric conversion; LUT profiles (scanners, CMYK) get their own perceptual mapping.
INTENT = ImageCms.Intent.PERCEPTUAL
ICC_INPUT_MODES = {"RGB ": "RGB", "GRAY": "L", "CMYK": "CMYK"}
HIGH_DEPTH_GREY = {"I", "I;16", "I;16L", "I;16B", "I;16N", "F"}


class DecodeError(Exception):
    """The file cannot be turned into pixels; the message is a short reason."""


def decode_upright_srgb(
    data: bytes,
    *,
    largest_width: int,
    background: tuple[int, int, int] = (255, 255, 255),
    max_pixels: int = MAX_PIXELS,
) -> Image.Image:
    """The photo as an RGB image at most `largest_width` wide (never enlarged)."""
    register_heif()
    try:
        with warnings.catch_warnings():
            # Our own limit below replaces Pillow's global one, which is lower than ours.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > max_pixels:
                    raise DecodeError(f"is {image.width}x{image.height} pixels, more than allowed")
                icc = image.info.get("icc_profile")
                _draft(image, largest_width)
                image.load()
                upright = ImageOps.exif_transpose(image)
    except DecodeError:
        raise
    except Image.DecompressionBombError as error:
        raise DecodeError("is too large to decode safely (a possible decompression bomb)") from error
    except Exception as error:  # Pillow and its plugins raise many kinds for broken files
        raise DecodeError(f"cannot be decoded ({error})") from error
    working, alpha = _working_mode(upright, icc)
    working, alpha = _shrink(working, alpha, largest_width)
    rgb = _to_srgb(working, icc)
    if alpha is not None:
        rgb = Image.composite(rgb, Image.new("RGB", rgb.size, background), alpha)
    return Image.frombytes("RGB", rgb.size, rgb.tobytes())


def _draft(image: Image.Image, largest_width: int) -> None:
    """Let the JPEG decoder scale by 1/2, 1/4 or 1/8 while keeping at least the pixels needed."""
    if image.format != "JPEG":
        return
    orientation = image.getexif().get(0x0112, 1)
    upright_width = image.height if orientation in (5, 6, 7, 8) else image.width
    if largest_width >= upright_width:
        return
    scale = largest_width / upright_width
    image.draft(image.mode, (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def _working_mode(image: Image.Image, icc: bytes | None) -> tuple[Image.Image, Image.Image | None]:
    """The colour bands in RGB, L or CMYK (whichever the ICC profile describes), and the alpha
    band if the image has any transparency."""
    alpha = None
    if image.mode in HIGH_DEPTH_GREY:
        image = _to_8bit_grey(image)
    if image.has_transparency_data:
        rgba = image.convert("LA" if image.mode in ("L", "LA") else "RGBA")
        alpha = rgba.getchannel("A")
        image = rgba.convert("L" if rgba.mode == "LA" else "RGB")
    wanted = ICC_INPUT_MODES.get(_colour_space(icc), None) if icc else None
    if wanted is None:
        wanted = image.mode if image.mode in ("RGB", "L", "CMYK") else "RGB"
    if image.mode != wanted:
        image = image.convert(wanted)
    return image, alpha


def _to_8bit_grey(image: Image.Image) -> Image.Image:
    """16-bit and 32-bit grey scaled to 0-255 (Pillow's own convert clips at 255)."""
    image = image.convert("I") if image.mode != "F" else image
    top = 65535 if image.getextrema()[1] > 255 else 255
    return image.point(lambda value: value * 255 / top).convert("L")


def _shrink(image: Image.Image, alpha: Image.Image | None, largest_width: int):
    if image.width <= largest_width:
        return image, alpha
    size = (largest_width, max(1, round(image.height * largest_width / image.width)))
    # reducing_gap: a fast integer `reduce()` first, then Lanczos over the last factor of 3.
    shrink = lambda im: im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)  # noqa: E731
    return shrink(image), (shrink(alpha) if alpha is not None else None)


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if icc and _colour_space(icc) in ICC_INPUT_MODES:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, source, SRGB, renderingIntent=INTENT, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError) as error:
            raise DecodeError(
                f"has a colour profile that cannot be used ({error}); export it again as an sRGB JPEG"
            ) from error
    return image.convert("RGB")


def _colour_space(icc: bytes) -> str:
    """The data colour space from the ICC header (bytes 16-19), such as 'RGB ' or 'CMYK'."""
    return icc[16:20].decode("ascii", "replace") if len(icc) >= 20 else ""
