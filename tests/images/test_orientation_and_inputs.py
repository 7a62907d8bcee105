"""Every input a patient or clinic sends comes out upright, opaque, 8-bit sRGB."""

import pytest
from images_support import SMALL, photo_for
from image_fixtures import (
    FIELD,
    MARKER,
    cmyk_jpeg,
    heic_file,
    phone_jpeg,
    png_16bit_grey,
    png_palette_transparent,
    png_rgba,
    progressive_jpeg,
    tiff_file,
    webp_file,
)
from PIL import Image

from atlas.images import render_photo


def close(a, b, tolerance=12):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def assert_upright(variant):
    with Image.open(variant.cache_file) as image:
        assert image.mode == "RGB"
        assert image.width > image.height, "landscape original must stay landscape"
        assert (image.width, image.height) == (variant.width, variant.height)
        assert close(image.getpixel((3, 3)), MARKER), "red marker belongs top-left"
        assert close(image.getpixel((image.width - 4, image.height - 4)), FIELD)
        assert close(image.getpixel((image.width - 4, 3)), FIELD)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_applied_before_resizing(tmp_path, orientation):
    rendered = render_photo(photo_for(phone_jpeg(tmp_path, orientation)), settings=SMALL, cache_dir=tmp_path / "cache")
    for variant in rendered.variants:
        assert_upright(variant)


@pytest.mark.parametrize("maker", [progressive_jpeg, cmyk_jpeg, webp_file, tiff_file, heic_file])
def test_common_formats_render_upright(tmp_path, maker):
    rendered = render_photo(photo_for(maker(tmp_path)), settings=SMALL, cache_dir=tmp_path / "cache")
    assert_upright(rendered.largest)


def test_heic_from_a_rotated_iphone_is_upright(tmp_path):
    rendered = render_photo(photo_for(heic_file(tmp_path, orientation=6)), settings=SMALL, cache_dir=tmp_path / "cache")
    assert_upright(rendered.largest)


def test_16bit_grey_png_keeps_its_tones_instead_of_clipping_to_white(tmp_path):
    rendered = render_photo(photo_for(png_16bit_grey(tmp_path)), settings=SMALL, cache_dir=tmp_path / "cache")
    with Image.open(rendered.largest.cache_file) as image:
        left, middle, right = (image.getpixel((x, image.height // 2))[0] for x in (2, image.width // 2, image.width - 3))
    assert left < 20 and 100 < middle < 160 and right > 235


@pytest.mark.parametrize("maker", [png_palette_transparent, png_rgba])
def test_transparency_is_flattened_onto_a_light_background(tmp_path, maker):
    rendered = render_photo(photo_for(maker(tmp_path)), settings=SMALL, cache_dir=tmp_path / "cache")
    for variant in rendered.variants:
        with Image.open(variant.cache_file) as image:
            assert image.mode == "RGB"
            assert close(image.getpixel((3, image.height // 2)), (200, 40, 40))
            assert close(image.getpixel((image.width - 4, image.height // 2)), (255, 255, 255))


def test_widths_are_never_upscaled_and_duplicates_are_dropped(tmp_path):
    from atlas.images import ImageSettings, valid_widths

    settings = ImageSettings(widths=(480, 960, 1600), thumbnail_width=320)
    assert valid_widths(settings, 4032) == [1600, 960, 480, 320]
    assert valid_widths(settings, 700) == [700, 480, 320]
    assert valid_widths(settings, 300) == [300]
    rendered = render_photo(photo_for(phone_jpeg(tmp_path, 1)), settings=settings, cache_dir=tmp_path / "cache")
    assert sorted({v.width for v in rendered.variants}) == [320, 400]  # the original is 400 px wide
    assert rendered.thumbnail.width == 320
