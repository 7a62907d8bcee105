"""Photo-like synthetic pictures for the benchmark and the format measurement.

Not real photos (the foundation's photos are private and the samples are drawings), but built
to compress like one: smooth skin-toned shading, soft lesions with edges, mid-frequency texture
like pores and sensor noise. Deterministic for a given seed.
"""

from __future__ import annotations

import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

PHONE_12MP = (4032, 3024)


def synthetic_photo(seed: int, size: tuple[int, int] = PHONE_12MP) -> Image.Image:
    rng = random.Random(seed)
    width, height = size
    red = rng.randint(120, 235)  # from dark to pale skin; green and blue follow red as in skin
    tone = (red, round(red * rng.uniform(0.68, 0.8)), round(red * rng.uniform(0.52, 0.68)))
    # Shading: one brightness field shared by the channels, as light falls on skin.
    shading = Image.frombytes("L", (6, 5), bytes(rng.randint(150, 255) for _ in range(30))).resize(
        size, Image.Resampling.BICUBIC
    )
    image = Image.merge("RGB", [shading.point(lambda v, c=c: v * c // 255) for c in tone])
    draw = ImageDraw.Draw(image)
    # A background strip (a towel or wall) with its own colour, as in most clinical photos.
    draw.rectangle((0, 0, width, rng.randint(height // 10, height // 4)), fill=(rng.randint(40, 90),) * 3)
    for _ in range(rng.randint(4, 10)):
        cx, cy, r = rng.randint(0, width), rng.randint(height // 4, height), rng.randint(width // 80, width // 14)
        colour = (rng.randint(130, 190), rng.randint(40, 90), rng.randint(50, 100))
        draw.ellipse((cx - r, cy - r * 4 // 5, cx + r, cy + r * 4 // 5), fill=colour)
    for _ in range(rng.randint(30, 80)):  # hairs
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.line((x, y, x + rng.randint(-90, 90), y + rng.randint(20, 140)), fill=(60, 45, 40), width=3)
    image = image.filter(ImageFilter.GaussianBlur(width / 1300))
    pores = Image.frombytes("L", (width // 4, height // 4), rng.randbytes((width // 4) * (height // 4)))
    pores = pores.resize(size, Image.Resampling.BICUBIC)
    noise = Image.frombytes("L", size, rng.randbytes(width * height))
    grain = Image.blend(Image.new("L", size, 128), Image.blend(pores, noise, 0.5), 0.22)
    return ImageChops.overlay(image, Image.merge("RGB", (grain, grain, grain)))
