"""`{{ cell|figure }}`: a count written with the language's thousands separator (numbers.py)."""

from __future__ import annotations

from typing import Any

from django import template

from migralocal.reports.numbers import figure_text

register = template.Library()


@register.filter
def figure(value: Any) -> str:
    return figure_text(value)
