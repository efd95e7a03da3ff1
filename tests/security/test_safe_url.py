"""Stored web addresses become links only when following them cannot run code."""

import pytest
from django.template import Context, Template

from migralocal.core.templatetags.migralocal import safe_url


@pytest.mark.parametrize(
    "address",
    ["https://example.org/a?b=c", "http://example.org", "mailto:a@example.org", "tel:+50412345678"],
)
def test_ordinary_addresses_are_kept(address: str) -> None:
    assert safe_url(address) == address


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_addresses_that_run_code_are_dropped(address: str) -> None:
    assert safe_url(address) == ""


def test_the_filter_escapes_what_it_keeps() -> None:
    template = Template('{% load migralocal %}<a href="{{ url|safe_url }}">x</a>')
    rendered = template.render(Context({"url": 'https://example.org/"onmouseover="alert(1)'}))
    assert 'onmouseover="' not in rendered
