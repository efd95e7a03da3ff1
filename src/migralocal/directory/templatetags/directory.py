from typing import Any

from django import template

from migralocal.directory.models import dial_number
from migralocal.directory.services import LANGUAGE_NAMES

register = template.Library()


@register.filter
def dial(number: str) -> str:
    """A phone number as a tel: link wants it."""
    return dial_number(number or "")


@register.filter
def weekdays(byday: str) -> str:
    """ "MO,TU" as the reader's day names."""
    from migralocal.directory.forms import WEEKDAY_CHOICES

    names = dict(WEEKDAY_CHOICES)
    return ", ".join(
        str(names.get(code.strip(), code)) for code in (byday or "").split(",") if code
    )


@register.filter
def language_names(codes: Any) -> str:
    return ", ".join(LANGUAGE_NAMES.get(code, code) for code in codes)
