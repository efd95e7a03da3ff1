"""Bar charts drawn on the server as SVG: they need no script, no network, and print as they are.

Hidden counts draw no bar and show "<5" instead of a number.
"""

from __future__ import annotations

from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from migralocal.consultations.figures import BAR_AREA, Series

_ids = count(1)

LABEL_WIDTH = 230
BAR_WIDTH = 150
ROW_HEIGHT = 24
LABEL_CHARACTERS = 24


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bars_svg(series: Series, title: str) -> SafeString:
    """One horizontal bar per category, scaled to the longest shown count."""
    chart_id = f"chart-{next(_ids)}"
    width = LABEL_WIDTH + BAR_WIDTH + 50
    height = ROW_HEIGHT * len(series.rows) + 6
    parts = [
        f'<svg class="bars" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}">{escape(title)}</title>',
    ]
    for index, row in enumerate(series.rows):
        y = 3 + index * ROW_HEIGHT
        length = round(BAR_WIDTH * row.length / BAR_AREA, 1)
        parts.append(
            f'<text class="bar-label" x="{LABEL_WIDTH - 6}" y="{y + 17}" text-anchor="end">'
            f"{escape(_short(row.label))}</text>"
        )
        parts.append(
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="18">'
            f"<title>{escape(row.label)}: {escape(row.display)}</title></rect>"
        )
        parts.append(
            f'<text class="bar-value" x="{LABEL_WIDTH + length + 4}" y="{y + 17}">'
            f"{escape(row.display)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text inside is escaped above)  # nosec B308
