"""The directory's panel on the home page: one button per need, the first tap of a search."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from migralocal.directory import selectors


def panel(request: HttpRequest) -> SafeString:
    return render_to_string(
        "directory/includes/home_needs.html", {"needs": selectors.search_needs()}, request=request
    )
