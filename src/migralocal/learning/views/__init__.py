"""Learning's pages, one module per concern: courses (with certificates and the trainers'
progress), the capacity self-assessment and the path it recommends, events, mentoring and the
community directory."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 20


def page_of(request: HttpRequest, items: Any) -> Page[Any]:
    """The page of `items` the address asks for (`?page=`)."""
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
