"""Private by construction: re-open every output and assert exactly what metadata it carries."""

import struct
import xml.etree.ElementTree as ET

import pytest
from images_support import SMALL, photo_for
from image_fixtures import SECRETS, heic_file, phone_jpeg, png_palette_transparent, tiff_file, webp_file, wide_gamut_jpeg
from PIL import Image

from atlas.images import ImageSettings, Rights, render_photo

RIGHTS = Rights.for_photo(
    credit="Zoë <Smith> & family",
    licence="Creative Commons Attribution 4.0",
    page_url="https://atlas.example.org/photos/p1/",
)
ALL_FORMATS = ImageSettings(widths=(120, 240), thumbnail_width=80, formats=("avif", "webp", "jpeg"))
XMP_PROPERTIES = {
    "{http://ns.adobe.com/photoshop/1.0/}Credit",
    "{http://purl.org/dc/elements/1.1/}rights",
    "{http://ns.adobe.com/xap/1.0/rights/}WebStatement",
}


def jpeg_segments(data: bytes) -> list[str]:
    """Marker names before the image data, APPn named by their identifier."""
    names, at = [], 2
    while data[at] == 0xFF and data[at + 1] != 0xDA:
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        body = data[at + 4 : at + 2 + length]
        if 0xE0 <= marker <= 0xEF:
            identifier = body.split(b"\0")[0].decode("latin-1")
            names.append(f"APP{marker - 0xE0}:{identifier}")
        else:
            names.append(f"{marker:02X}")
        at += 2 + length
    return names


def webp_chunks(data: bytes) -> list[str]:
    chunks, at = [], 12
    while at < len(data):
        kind, size = data[at : at + 4].decode("ascii"), struct.unpack("<I", data[at + 4 : at + 8])[0]
        chunks.append(kind)
        at += 8 + size + (size & 1)
    return chunks


def xmp_properties(xmp: bytes | str) -> dict[str, str]:
    text = xmp.decode("utf-8") if isinstance(xmp, bytes) else xmp
    root = ET.fromstring(text[text.index("<x:xmpmeta") : text.index("</x:xmpmeta>") + len("</x:xmpmeta>")])
    description = root.find(".//{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
    return {child.tag: "".join(child.itertext()) for child in description}


def outputs_of(tmp_path, maker, settings=ALL_FORMATS, rights=RIGHTS):
    made = maker(tmp_path)
    path = made[0] if isinstance(made, tuple) else made
    return render_photo(photo_for(path), settings=settings, cache_dir=tmp_path / "cache", rights=rights).variants


@pytest.mark.parametrize("maker", [lambda d: phone_jpeg(d, 6), webp_file, tiff_file, heic_file, png_palette_transparent, wide_gamut_jpeg])
def test_outputs_carry_only_the_rights_metadata(tmp_path, maker):
    for variant in outputs_of(tmp_path, maker):
        data = variant.cache_file.read_bytes()
        for secret in (*SECRETS, "CONSENT-RECORD-SECRET"):
            assert secret.encode() not in data, (variant.url, secret)
        with Image.open(variant.cache_file) as image:
            info_keys = set(image.info) - {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive", "progression", "loop", "background"}
            assert info_keys == {"exif", "xmp"}, (variant.media_type, info_keys)  # no icc_profile, comment, text
            exif = image.getexif()
            assert dict(exif) == {0x013B: "Zoe <Smith> & family", 0x8298: "(c) Zoe <Smith> & family. Licence: Creative Commons Attribution 4.0."}
            assert not exif.get_ifd(0x8825) and not exif.get_ifd(0x8769), "no GPS or Exif sub-IFD"
            properties = xmp_properties(image.info["xmp"])
        assert set(properties) == XMP_PROPERTIES
        assert properties["{http://ns.adobe.com/photoshop/1.0/}Credit"] == "Zoë <Smith> & family"
        assert properties["{http://purl.org/dc/elements/1.1/}rights"] == RIGHTS.statement
        assert properties["{http://ns.adobe.com/xap/1.0/rights/}WebStatement"] == "https://atlas.example.org/photos/p1/"
        if variant.media_type == "image/jpeg":
            assert [s for s in jpeg_segments(data) if s.startswith("APP") or s == "FE"] == [
                "APP0:JFIF", "APP1:Exif", "APP1:http://ns.adobe.com/xap/1.0/"
            ]
        if variant.media_type == "image/webp":
            assert webp_chunks(data) == ["VP8X", "VP8 ", "EXIF", "XMP "]
        if variant.media_type == "image/avif":
            assert b"prof" not in data and b"rICC" not in data, "no ICC profile box"


def test_without_rights_an_output_carries_no_metadata_at_all(tmp_path):
    for variant in outputs_of(tmp_path, lambda d: phone_jpeg(d, 3), rights=Rights()):
        data = variant.cache_file.read_bytes()
        with Image.open(variant.cache_file) as image:
            assert "exif" not in image.info and "xmp" not in image.info and "icc_profile" not in image.info
        if variant.media_type == "image/jpeg":
            assert [s for s in jpeg_segments(data) if s.startswith("APP") or s == "FE"] == ["APP0:JFIF"]
        if variant.media_type == "image/webp":
            assert webp_chunks(data) == ["VP8 "]


def test_consent_record_and_withdrawal_fields_never_reach_rights():
    from atlas.catalog.model import Permission, Photo
    from atlas.pages.context import SiteInfo
    from atlas.site import photo_rights

    photo = Photo(
        id="p1", file="x.jpg", gallery="g",
        permission=Permission(status="granted", record="CONSENT-RECORD-SECRET", withdrawn_reason="SECRET-REASON",
                              credit="A patient", license="CC-BY-4.0", granted_by="patient"),
    )
    rights = photo_rights(photo, site=SiteInfo(url="https://atlas.example.org/"))
    assert rights == Rights(
        credit="A patient",
        statement="© A patient. Licence: Creative Commons Attribution 4.0.",
        web_statement="https://atlas.example.org/photos/p1/",
    )


def test_watermark_is_off_by_default_and_visible_when_configured(tmp_path):
    from atlas.images import Watermark

    path = phone_jpeg(tmp_path, 1)
    plain = render_photo(photo_for(path), settings=SMALL, cache_dir=tmp_path / "c1").largest
    marked_settings = ImageSettings(widths=(120, 240), thumbnail_width=80, watermark=Watermark(text="Foundation"))
    marked = render_photo(photo_for(path), settings=marked_settings, cache_dir=tmp_path / "c2").largest
    assert plain.url != marked.url
    with Image.open(plain.cache_file) as a, Image.open(marked.cache_file) as b:
        assert a.getpixel((5, 5)) == b.getpixel((5, 5)), "top-left corner untouched"
        corner = (a.width - 60, a.height - 30, a.width - 5, a.height - 5)
        assert a.crop(corner).tobytes() != b.crop(corner).tobytes(), "text drawn bottom-right"
