"""Which formats, at which quality: measured, not assumed.

Method (run `python -m atlas.images.formats`, also part of `make bench`): photo-like synthetic
pictures (synthetic.py) scaled to 960 px, the width most phones fetch. The JPEG at the chosen
quality is the reference; for WebP and AVIF the lowest quality whose SSIM against the
uncompressed picture is at least the JPEG's is found by bisection, so the formats are compared
at equal visual quality (SSIM on luma, 7x7 windows, as scikit-image computes it by default). We
report the bytes, and the encode time at 960 px on this machine.

Measured here (Pillow 13.0: libjpeg-turbo, libwebp, libavif with aom; 2 shared cores), 4
pictures at 960 px, JPEG q82 as the reference, medians:

    format        matched quality  bytes vs JPEG  encode ms
    jpeg                       82           1.00         14
    webp                       86           0.96         61
    avif speed 8               67           0.75         63
    avif speed 6               67           0.75        218

Decision: AVIF first (a quarter fewer bytes than JPEG at the same SSIM; speed 8 gives the same
bytes as Pillow's default speed 6 in under a third of the time), JPEG as the fallback every
browser reads. WebP is not made by default: at equal SSIM it saved only 4% over JPEG while
costing four times the encode time and another file per width; browsers without AVIF (Safari
before 16) get the JPEG. It stays available (`ImageSettings(formats=("avif", "webp", "jpeg"))`).
Caveat: these are synthetic pictures (the foundation's photos are private); the figures have not
been checked on real photos. `compare()` takes any list of images, so re-run it on a few real
ones before changing the formats or qualities.
"""

from __future__ import annotations

import io
import statistics
import time

from PIL import Image

from .settings import ImageSettings
from .synthetic import synthetic_photo


def ssim(a: Image.Image, b: Image.Image) -> float:
    """Mean SSIM of the luma of two same-sized images (Wang et al. 2004, uniform 7x7 window)."""
    import numpy as np

    x = np.asarray(a.convert("L"), dtype=np.float64)
    y = np.asarray(b.convert("L"), dtype=np.float64)

    def mean7(z):
        c = np.cumsum(np.cumsum(np.pad(z, ((1, 0), (1, 0))), axis=0), axis=1)
        return (c[7:, 7:] - c[:-7, 7:] - c[7:, :-7] + c[:-7, :-7]) / 49.0

    mx, my = mean7(x), mean7(y)
    n = 49.0 / 48.0  # sample (not population) variance, as scikit-image does
    vx, vy = (mean7(x * x) - mx * mx) * n, (mean7(y * y) - my * my) * n
    cxy = (mean7(x * y) - mx * my) * n
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    s = ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return float(s.mean())


def encoded(image: Image.Image, fmt: str, quality: int, *, speed: int = 8) -> tuple[bytes, float]:
    buffer = io.BytesIO()
    start = time.perf_counter()
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=quality, method=4)
    else:
        image.save(buffer, "AVIF", quality=quality, speed=speed, max_threads=1)
    return buffer.getvalue(), time.perf_counter() - start


def matched(image: Image.Image, fmt: str, target: float, *, speed: int = 8) -> tuple[int, bytes, float]:
    """The lowest quality whose SSIM reaches `target` (bisection over 1-100)."""
    low, high = 1, 100
    while low < high:
        middle = (low + high) // 2
        data, _ = encoded(image, fmt, middle, speed=speed)
        if ssim(image, Image.open(io.BytesIO(data))) >= target:
            high = middle
        else:
            low = middle + 1
    data, seconds = encoded(image, fmt, low, speed=speed)
    return low, data, seconds


def compare(pictures: list[Image.Image], *, settings: ImageSettings = ImageSettings()) -> list[dict]:
    rows: dict[str, list[tuple[int, float, float]]] = {}
    for picture in pictures:
        reference, seconds = encoded(picture, "jpeg", settings.jpeg_quality)
        target = ssim(picture, Image.open(io.BytesIO(reference)))
        rows.setdefault("jpeg", []).append((settings.jpeg_quality, 1.0, seconds))
        for label, fmt, speed in (("webp", "webp", 0), ("avif speed 8", "avif", 8), ("avif speed 6", "avif", 6)):
            quality, data, seconds = matched(picture, fmt, target, speed=speed)
            rows.setdefault(label, []).append((quality, len(data) / len(reference), seconds))
    return [
        {
            "format": label,
            "quality": statistics.median(r[0] for r in results),
            "bytes_vs_jpeg": statistics.median(r[1] for r in results),
            "encode_ms": 1000 * statistics.median(r[2] for r in results),
        }
        for label, results in rows.items()
    ]


def report(rows: list[dict]) -> str:
    lines = [f"{'format':14} {'matched quality':>15} {'bytes vs JPEG':>14} {'encode ms':>10}"]
    lines += [
        f"{r['format']:14} {r['quality']:>15.0f} {r['bytes_vs_jpeg']:>14.2f} {r['encode_ms']:>10.0f}" for r in rows
    ]
    return "\n".join(lines)


def main(count: int = 4, width: int = 960) -> None:
    pictures = []
    for seed in range(1, count + 1):
        photo = synthetic_photo(seed, size=(2 * width, 3 * width // 2))
        pictures.append(photo.resize((width, 3 * width // 4), Image.Resampling.LANCZOS))
    print(f"Formats at equal SSIM ({count} photo-like pictures, {width} px, JPEG q{ImageSettings().jpeg_quality} as reference):")
    print(report(compare(pictures)))


if __name__ == "__main__":
    main()
