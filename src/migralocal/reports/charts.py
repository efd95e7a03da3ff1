"""Bar charts drawn on the server as SVG: they need no script, no network, and print as they are.

Hidden counts draw no bar and show "<5" instead of a number. A label is never cut: one too long
for its column wraps onto further lines, and its row grows to hold them.
"""

from __future__ import annotations

import textwrap
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from migralocal.consultations.figures import BAR_AREA, Series
from migralocal.reports.numbers import figure_text

_ids = count(1)

FONT_SIZE = 14
# The widest a character of the chart's sans-serif font draws at FONT_SIZE (a "W" or an "M"
# draws wider, but lines of them do not occur in labels; digits and most letters are narrower).
CHARACTER_WIDTH = 8.5
LABEL_WIDTH = 230
LABEL_GAP = 6
BAR_WIDTH = 150
VALUE_WIDTH = 70  # room after the longest bar for "1 234 567"
LINE_HEIGHT = 17
ROW_PADDING = 7
LABEL_CHARACTERS = int((LABEL_WIDTH - LABEL_GAP) // CHARACTER_WIDTH)


def label_lines(label: str) -> list[str]:
    """The label in lines that fit the label column, every word kept (a word longer than a line
    is split, never dropped)."""
    return textwrap.wrap(label, width=LABEL_CHARACTERS, break_long_words=True) or [""]


def bars_svg(series: Series, title: str) -> SafeString:
    """One horizontal bar per category, scaled to the longest shown count."""
    chart_id = f"chart-{next(_ids)}"
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows: list[str] = []
    top = 3
    for row in series.rows:
        lines = label_lines(row.label)
        height = LINE_HEIGHT * len(lines) + ROW_PADDING
        middle = top + height / 2
        length = round(BAR_WIDTH * row.length / BAR_AREA, 1)
        value = figure_text(row.cell)
        first_line = middle - LINE_HEIGHT * (len(lines) - 1) / 2 + 5
        spans = "".join(
            f'<tspan x="{LABEL_WIDTH - LABEL_GAP}" y="{first_line + index * LINE_HEIGHT}">'
            f"{escape(line)}</tspan>"
            for index, line in enumerate(lines)
        )
        rows.append(f'<text class="bar-label" text-anchor="end">{spans}</text>')
        rows.append(
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{middle - 9}" width="{length}" height="18">'
            f"<title>{escape(row.label)}: {escape(value)}</title></rect>"
        )
        rows.append(
            f'<text class="bar-value" x="{LABEL_WIDTH + length + 4}" y="{middle + 5}">'
            f"{escape(value)}</text>"
        )
        top += height
    parts = [
        f'<svg class="bars" viewBox="0 0 {width} {top + 3}" role="img" '
        f'aria-labelledby="{chart_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}">{escape(title)}</title>',
        *rows,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308  (every text inside is escaped above)  # nosec B308
