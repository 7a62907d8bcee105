"""An optional visible watermark, for foundations that want one. Off by default."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from .settings import Watermark


def apply_watermark(image: Image.Image, mark: Watermark) -> Image.Image:
    """The image with `mark.text` drawn in a corner: light text on a soft dark outline, so it
    reads on pale and on dark skin alike. Returns the image unchanged when there is no text."""
    if not mark.text:
        return image
    size = max(10, round(image.width * mark.scale))
    font = ImageFont.load_default(size=size)
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    left, top, right, bottom = draw.textbbox((0, 0), mark.text, font=font, stroke_width=max(1, size // 12))
    margin = size
    x = margin if mark.corner.endswith("left") else image.width - margin - (right - left)
    y = margin if mark.corner.startswith("top") else image.height - margin - (bottom - top)
    alpha = round(255 * max(0.0, min(1.0, mark.opacity)))
    draw.text(
        (x - left, y - top),
        mark.text,
        font=font,
        fill=(255, 255, 255, alpha),
        stroke_width=max(1, size // 12),
        stroke_fill=(0, 0, 0, alpha),
    )
    marked = Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
    return Image.frombytes("RGB", marked.size, marked.tobytes())
