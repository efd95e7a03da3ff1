from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def fallback_language(obj: Any, field: str) -> str:
    """The name of the language `field` is shown in when it is missing in the current one."""
    current = get_language()
    if obj is None or obj.has_translation(current):
        return ""
    for code, name in settings.LANGUAGES:
        if code != current and obj.safe_translation_getter(field, language_code=code):
            return str(name)
    return ""


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


SAFE_URL_SCHEMES = {"", "http", "https", "mailto", "tel"}


@register.filter
def safe_url(value: Any) -> str:
    """A stored web address fit for an href, or "" when it would run code (javascript:, data:).

    Addresses are validated when typed into a form, but imports, the API and older rows may hold
    anything; browsers ignore tabs, newlines and spaces inside a scheme, so they are dropped before
    the scheme is read.
    """
    text = str(value or "").strip()
    compact = "".join(character for character in text if character > " ")
    scheme = compact.split(":", 1)[0].lower() if ":" in compact.split("/", 1)[0] else ""
    return text if scheme in SAFE_URL_SCHEMES else ""
