"""Markdown to safe HTML, for any module that lets people write formatted text.

Text is rendered with Python-Markdown and then sanitised with nh3 (Rust's ammonia): only a small
set of tags survives, links get `rel="nofollow noopener noreferrer"`, and anything else a submitter
typed (scripts, inline styles, event handlers, raw iframes) is dropped, not escaped into view.
"""

from __future__ import annotations

import html

import markdown as python_markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(markup: str) -> SafeString:
    """Keep only harmless markup from `markup`; the result may be shown as is."""
    cleaned = nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308  (nh3 has just removed everything unsafe)  # nosec B308


def render_markdown(text: str) -> SafeString:
    """Markdown written by anyone, as HTML that is safe to put in a page or a feed."""
    if not text:
        return mark_safe("")  # an empty string  # nosec B308
    rendered = python_markdown.markdown(
        text, extensions=["extra", "sane_lists"], output_format="html"
    )
    return sanitise_html(rendered)


def markdown_to_plain_text(text: str, limit: int = 300) -> str:
    """The words of a Markdown text without markup, cut at `limit` characters (for previews)."""
    words = " ".join(html.unescape(nh3.clean(render_markdown(text), tags=set())).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
