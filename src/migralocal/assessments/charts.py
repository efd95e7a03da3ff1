"""Charts drawn on the server as inline SVG: they need no script and print as they are."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | Decimal | None]
    css_class: str


def _point(
    centre: float, radius: float, index: int, count: int, value: float
) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = radius * max(0.0, min(value, 100.0)) / 100
    return round(centre + distance * math.cos(angle), 1), round(
        centre + distance * math.sin(angle), 1
    )


def radar_svg(axes: Sequence[str], series: Sequence[Series], title: str) -> SafeString:
    """A radar chart of scores from 0 to 100, one axis per label; a missing score counts 0."""
    count = len(axes)
    if count < 3:
        return mark_safe("")  # an empty string  # nosec B308
    size, centre, radius = 520, 260, 170
    parts = [
        f'<svg class="radar" viewBox="0 0 {size} {size}" role="img" '
        f'aria-labelledby="radar-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="radar-title">{escape(title)}</title>',
    ]
    for ring in (25, 50, 75, 100):
        points = " ".join(
            f"{x},{y}" for x, y in (_point(centre, radius, i, count, ring) for i in range(count))
        )
        parts.append(f'<polygon class="radar-ring" points="{points}"/>')
    for index, label in enumerate(axes):
        x, y = _point(centre, radius, index, count, 100)
        lx, ly = _point(centre, radius + 22, index, count, 100)
        anchor = "middle" if abs(lx - centre) < 20 else ("start" if lx > centre else "end")
        parts.append(f'<line class="radar-axis" x1="{centre}" y1="{centre}" x2="{x}" y2="{y}"/>')
        short = label if len(label) <= 28 else label[:26] + "…"
        parts.append(
            f'<text x="{lx}" y="{ly}" text-anchor="{anchor}" class="radar-label">'
            f"{escape(short)}</text>"
        )
    for one in series:
        values = [float(v) if v is not None else 0.0 for v in one.values]
        points = " ".join(
            f"{x},{y}"
            for x, y in (_point(centre, radius, i, count, v) for i, v in enumerate(values))
        )
        parts.append(
            f'<polygon class="radar-series {escape(one.css_class)}" points="{points}">'
            f"<title>{escape(one.label)}</title></polygon>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text inside is escaped above)  # nosec B308


def map_svg(points: Sequence[tuple[float, float, str, str]]) -> SafeString:
    """Places on a plain longitude/latitude grid, each a link; the list beside it says the same."""
    if not points:
        return mark_safe("")  # an empty string  # nosec B308
    width, height, margin = 640, 360, 30
    longitudes = [p[0] for p in points]
    latitudes = [p[1] for p in points]
    west, east = min(longitudes) - 5, max(longitudes) + 5
    south, north = min(latitudes) - 5, max(latitudes) + 5
    scale = min((width - 2 * margin) / (east - west), (height - 2 * margin) / (north - south))
    parts = [
        f'<svg class="places-map" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">',
        format_html('<title id="map-title">{}</title>', _("Map of certified municipalities")),
        f'<rect class="map-sea" x="0" y="0" width="{width}" height="{height}"/>',
    ]
    for longitude, latitude, label, url in points:
        x = round(margin + (longitude - west) * scale, 1)
        y = round(margin + (north - latitude) * scale, 1)
        parts.append(
            f'<a href="{escape(url)}"><circle class="map-point" cx="{x}" cy="{y}" r="7">'
            f"<title>{escape(label)}</title></circle>"
            f'<text class="map-label" x="{x + 10}" y="{y + 4}">{escape(label)}</text></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text inside is escaped above)  # nosec B308
