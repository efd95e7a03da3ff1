"""Draw the installable app's PNG icons from the shapes of static/img/logo.svg, with Pillow.

    python bin/make_icons.py

Writes src/migralocal/static/img/icons/icon-<size>.png (and a maskable one with room around
the mark). Run again after changing the logo.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "src/migralocal/static/img/icons"
TEAL, WHITE, GOLD = "#0b5c6b", "#ffffff", "#f4b942"


def icon(size: int, *, maskable: bool = False) -> Image.Image:
    scale = 4  # drawn large, then reduced: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), TEAL if maskable else (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    # The logo is drawn on a 32-unit square; a maskable icon keeps it in the inner 80 %.
    unit = big / (40 if maskable else 32)
    offset = 4 * unit if maskable else 0

    def at(x: float, y: float) -> tuple[float, float]:
        return offset + x * unit, offset + y * unit

    draw.ellipse([*at(1, 1), *at(31, 31)], fill=TEAL)
    # The arc: the curve from (8, 22) through (16, 16) to (24, 22), as a thick line.
    points = []
    for step in range(41):
        t = step / 40
        x = (1 - t) ** 3 * 8 + 3 * (1 - t) ** 2 * t * 11 + 3 * (1 - t) * t**2 * 21 + t**3 * 24
        y = (1 - t) ** 3 * 22 + 3 * (1 - t) ** 2 * t * 14 + 3 * (1 - t) * t**2 * 14 + t**3 * 22
        points.append(at(x, y))
    width = round(2.5 * unit)
    draw.line(points, fill=WHITE, width=width, joint="curve")
    for end in (points[0], points[-1]):
        r = width / 2
        draw.ellipse([end[0] - r, end[1] - r, end[0] + r, end[1] + r], fill=WHITE)
    draw.ellipse([*at(12.5, 7.5), *at(19.5, 14.5)], fill=GOLD)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        icon(size).save(OUT / f"icon-{size}.png", optimize=True)
    icon(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
