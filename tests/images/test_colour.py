"""Skin colour is clinical information: embedded profiles are converted to sRGB, not dropped."""

import io

from images_support import SMALL, photo_for
from image_fixtures import wide_gamut_jpeg
from PIL import Image, ImageCms

from atlas.images import render_photo


def test_display_p3_photo_matches_a_colour_managed_conversion_to_srgb(tmp_path):
    path, profile = wide_gamut_jpeg(tmp_path, colour=(200, 120, 100))
    with Image.open(path) as original:
        reference = ImageCms.profileToProfile(
            original,
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            ImageCms.createProfile("sRGB"),
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
        ).getpixel((160, 120))
        untagged = original.convert("RGB").getpixel((160, 120))
    assert max(abs(a - b) for a, b in zip(reference, untagged)) >= 10, "fixture must be visibly wide-gamut"

    rendered = render_photo(photo_for(path), settings=SMALL, cache_dir=tmp_path / "cache")
    for variant in rendered.variants:
        with Image.open(variant.cache_file) as image:
            image = image.convert("RGB")
            pixel = image.getpixel((image.width // 2, image.height // 2))
        assert max(abs(a - b) for a, b in zip(pixel, reference)) <= 3, (variant.media_type, pixel, reference)
