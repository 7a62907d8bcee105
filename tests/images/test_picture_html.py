"""The <picture> markup: a <source> per modern format, an <img> every browser reads, sizes
reserved against layout shift."""

from pathlib import Path

from atlas.images import RenderedPhoto, Variant
from atlas.pages.html import PHOTO_SIZES, THUMB_SIZES, img_tag


def rendered() -> RenderedPhoto:
    variants = []
    for media_type, ext in (("image/avif", "avif"), ("image/jpeg", "jpg")):
        for width in (320, 480, 960, 1600):
            variants.append(Variant(f"assets/photos/p.h{width}.{width}w.{ext}", width, width * 3 // 4, media_type, Path("x")))
    return RenderedPhoto("p", tuple(variants), thumbnail_width=320)


def test_photo_picture_offers_avif_then_falls_back_to_a_960px_jpeg():
    html = img_tag(rendered(), alt='Red "rash"', prefix="../../", sizes=PHOTO_SIZES, lazy=False)
    assert html == (
        '<picture><source type="image/avif" srcset="../../assets/photos/p.h320.320w.avif 320w, '
        "../../assets/photos/p.h480.480w.avif 480w, ../../assets/photos/p.h960.960w.avif 960w, "
        f'../../assets/photos/p.h1600.1600w.avif 1600w" sizes="{PHOTO_SIZES}">'
        '<img src="../../assets/photos/p.h960.960w.jpg" srcset="../../assets/photos/p.h320.320w.jpg 320w, '
        "../../assets/photos/p.h480.480w.jpg 480w, ../../assets/photos/p.h960.960w.jpg 960w, "
        f'../../assets/photos/p.h1600.1600w.jpg 1600w" sizes="{PHOTO_SIZES}" width="960" height="720" '
        'alt="Red &quot;rash&quot;" decoding="async"></picture>'
    )


def test_gallery_thumbnail_uses_the_thumbnail_file_and_loads_lazily_below_the_fold():
    html = img_tag(rendered(), alt="x", prefix="", sizes=THUMB_SIZES, lazy=True)
    assert 'src="assets/photos/p.h320.320w.jpg"' in html
    assert 'width="320" height="240"' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html
