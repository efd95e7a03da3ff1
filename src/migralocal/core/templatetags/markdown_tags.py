"""`{% load markdown_tags %}` then `{{ text|markdown }}`: sanitised Markdown in any template."""

from django import template
from django.utils.safestring import SafeString

from migralocal.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    return render_markdown(text or "")
