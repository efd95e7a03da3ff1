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
