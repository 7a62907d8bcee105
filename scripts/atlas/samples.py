"""Sample images for the sample catalog.

The foundation's real photos are not in this repository. These stand-ins are drawn from
scratch, say "Sample image" in the picture itself, and are licensed with the project, so the
site can be built and tried without anyone's real photo.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# name -> (width, height, label); the label is printed on the picture.
SAMPLES = {
    "scar-line-rash": (1600, 1200, "scar line: rash and bumps"),
    "radiation-field-edge": (1600, 1200, "edge of radiation field"),
    "chest-arm-before": (1600, 1200, "chest and arm, before"),
    "chest-arm-after": (1600, 1200, "chest and arm, after"),
    "early-rash": (1200, 1600, "early rash"),
    "scar-nodules-closeup": (1600, 1200, "nodules along a scar"),
    "upper-arm": (1200, 1600, "upper arm"),
    "back-advanced": (1600, 1200, "back, advanced"),
    "upper-chest-closeup": (1600, 1200, "upper chest, close"),
    "upper-chest-extent": (1600, 1200, "upper chest, extent"),
    "skin-graft": (1600, 1200, "skin graft"),
    "opposite-side": (1600, 1200, "opposite side of chest"),
    "during-chemo": (1600, 1200, "during treatment"),
    "months-later": (1600, 1200, "months later"),
    "scalp-patch": (1200, 1200, "scalp: hair-loss patch"),
    "scalp-nodule": (1200, 1200, "scalp: nodule"),
}

SKIN_TONES = [(224, 182, 160), (198, 150, 120), (170, 120, 90), (141, 85, 60), (110, 70, 50)]


def make_sample_images(folder: Path, *, force: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (width, height, label) in SAMPLES.items():
        target = folder / f"{name}.jpg"
        if target.exists() and not force:
            continue
        draw_sample(width, height, label=label, seed=name).save(target, "JPEG", quality=85)
        written.append(target)
    return written


def draw_sample(width: int, height: int, *, label: str, seed: str) -> Image.Image:
    # Seeded from the name so re-running gives the same pictures (and the same bytes).
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16))
    base = rng.choice(SKIN_TONES)
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    # Soft abstract blotches: enough texture to look like a photo to an encoder, and clearly
    # not a clinical picture of anyone.
    for _ in range(40):
        radius = rng.randint(width // 40, width // 8)
        x, y = rng.randint(0, width), rng.randint(0, height)
        shade = tuple(max(0, min(255, channel + rng.randint(-40, 25))) for channel in base)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=shade)
    band = height // 4
    draw.rectangle((0, height // 2 - band // 2, width, height // 2 + band // 2), fill=(255, 255, 255))
    big = ImageFont.load_default(size=max(24, width // 14))
    small = ImageFont.load_default(size=max(16, width // 32))
    draw.text((width // 2, height // 2 - band // 8), "Sample image", fill=(20, 20, 20), font=big, anchor="mm")
    draw.text((width // 2, height // 2 + band // 4), label, fill=(60, 60, 60), font=small, anchor="mm")
    return image
