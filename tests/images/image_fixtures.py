"""Awkward originals, made by code: what patients' phones and clinics really send.

Each maker writes a file into a folder and returns its path. Kept small so the tests stay fast;
what matters is the metadata and the colour, not the pixel count.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image, ImageDraw

# Private things a phone or clinic leaves in a file. No output may contain any of them.
SECRETS = ("Jane Patient", "52.2053", "iPhone 15 Pro", "MRN-0042", "SecretMaker", "private comment")

# Inverse of each EXIF orientation: stored = INVERSE[o](upright), so a correct reader shows the
# upright picture (Pillow's Tests/test_imageops.py does the same for 2-8).
INVERSE = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}

MARKER = (220, 30, 30)  # the top-left quadrant of the upright picture
FIELD = (40, 90, 200)


def upright(size=(400, 300)) -> Image.Image:
    """Landscape picture whose top-left quadrant is red: any wrong turn or flip moves the red."""
    image = Image.new("RGB", size, FIELD)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1] // 2 - 1), fill=MARKER)
    return image


def private_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15 Pro"
    exif[0x010E] = "Jane Patient, MRN-0042"  # ImageDescription
    exif[0x013B] = "Jane Patient"  # Artist: a patient's own name must not leak either
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 12.0, 19.08), 3: "E", 4: (0.0, 7.0, 15.5)})  # 52.2053 N
    exif.get_ifd(0x8769).update({0x927C: b"SecretMaker notes", 0x9286: b"ASCII\x00\x00\x00private comment"})
    return exif


PRIVATE_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Patient</dc:creator>'
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def phone_jpeg(folder: Path, orientation: int, name: str | None = None) -> Path:
    """A rotated phone photo with GPS, maker notes, an XMP packet and a comment."""
    stored = upright()
    if INVERSE[orientation] is not None:
        stored = stored.transpose(INVERSE[orientation])
    path = folder / (name or f"phone-orientation-{orientation}.jpg")
    stored.save(path, "JPEG", quality=95, exif=private_exif(orientation), xmp=PRIVATE_XMP, comment=b"private comment")
    return path


def progressive_jpeg(folder: Path) -> Path:
    path = folder / "progressive.jpg"
    upright().save(path, "JPEG", quality=90, progressive=True)
    return path


def cmyk_jpeg(folder: Path) -> Path:
    """A clinic's scan saved as CMYK (Adobe-style inverted JPEG, as Pillow writes it)."""
    path = folder / "scan-cmyk.jpg"
    upright().convert("CMYK").save(path, "JPEG", quality=92)
    return path


def png_16bit_grey(folder: Path) -> Path:
    """16-bit greyscale: a naive convert() clips everything above 255 to white."""
    image = Image.new("I;16", (300, 200))
    image.putdata([(x * 65535) // 299 for y in range(200) for x in range(300)])
    path = folder / "grey-16bit.png"
    image.save(path)
    return path


def png_palette_transparent(folder: Path) -> Path:
    """A palette screenshot whose right half is transparent, with a private text chunk."""
    from PIL import PngImagePlugin

    image = Image.new("P", (300, 200), 0)
    image.putpalette([0, 0, 0, 200, 40, 40] + [0] * 762)
    ImageDraw.Draw(image).rectangle((0, 0, 149, 199), fill=1)
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Jane Patient private comment")
    path = folder / "screenshot-palette.png"
    image.save(path, transparency=0, pnginfo=info)
    return path


def png_rgba(folder: Path) -> Path:
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((0, 0, 149, 199), fill=(200, 40, 40, 255))
    path = folder / "transparent.png"
    image.save(path)
    return path


def webp_file(folder: Path) -> Path:
    path = folder / "photo.webp"
    upright().save(path, "WEBP", quality=90, exif=private_exif(1))
    return path


def tiff_file(folder: Path) -> Path:
    path = folder / "scan.tiff"
    upright().save(path, "TIFF", compression="tiff_lzw", description="Jane Patient MRN-0042")
    return path


def heic_file(folder: Path, orientation: int = 1) -> Path:
    """An iPhone-style HEIC written by pillow-heif's encoder."""
    import pillow_heif

    stored = upright()
    if INVERSE[orientation] is not None:
        stored = stored.transpose(INVERSE[orientation])
    path = folder / f"iphone-{orientation}.heic"
    heif = pillow_heif.from_pillow(stored)
    heif.save(path, quality=90, exif=private_exif(orientation).tobytes())
    return path


def wide_gamut_jpeg(folder: Path, colour=(200, 120, 100)) -> tuple[Path, bytes]:
    """A flat patch in Display P3, tagged with a P3-like profile; returns the path and profile."""
    profile = display_p3_like_profile()
    path = folder / "wide-gamut-p3.jpg"
    Image.new("RGB", (320, 240), colour).save(path, "JPEG", quality=98, subsampling=0, icc_profile=profile)
    return path, profile


def truncated_jpeg(folder: Path) -> Path:
    good = io.BytesIO()
    upright().save(good, "JPEG", quality=90)
    path = folder / "truncated.jpg"
    path.write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    return path


def not_an_image(folder: Path) -> Path:
    path = folder / "notes.jpg"
    path.write_text("Appointment notes, not a photo.\n")
    return path


def decompression_bomb(folder: Path) -> Path:
    """A tiny file that claims 20000x20000 pixels (400 megapixels)."""
    path = folder / "bomb.png"
    Image.new("1", (20000, 20000)).save(path, optimize=True)
    return path


# --- a minimal ICC v2 matrix/TRC profile writer -------------------------------------------
# ImageCms can only create sRGB, Lab and XYZ profiles, so the wide-gamut profile is written
# by hand: Display P3 primaries (D50-adapted, as in Apple's profile) with a 2.2 gamma curve.

P3_PRIMARIES = {
    b"rXYZ": (0.5151, 0.2412, -0.0011),
    b"gXYZ": (0.2920, 0.6922, 0.0419),
    b"bXYZ": (0.1571, 0.0666, 0.7841),
}
D50 = (0.9642, 1.0, 0.8249)


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(values) -> bytes:
    return b"XYZ " + b"\0" * 4 + b"".join(_s15(v) for v in values)


def _desc(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_text)) + ascii_text + b"\0" * (4 + 4 + 2 + 1 + 67)


def display_p3_like_profile() -> bytes:
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    tags = [
        (b"desc", _desc("Display P3 (test)")),
        (b"cprt", b"text" + b"\0" * 4 + b"No copyright, test profile\0"),
        (b"wtpt", _xyz(D50)),
        *[(sig, _xyz(xyz)) for sig, xyz in P3_PRIMARIES.items()],
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    table, data = struct.pack(">I", len(tags)), b""
    for sig, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = 128 + table_size + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0" * 4
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + b"".join(_s15(v) for v in D50)
        + b"\0" * 48
    )
    assert len(header) == 128, len(header)
    return header + table + data
