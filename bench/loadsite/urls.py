"""The product's URLs plus /bench/floor/: a bare Django view under the same middleware and
server, the floor that every measured page is compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from migralocal.urls import handler404
from migralocal.urls import urlpatterns as product_urlpatterns

FLOOR_PAGE = b"<!doctype html><html lang=en><title>Floor</title><p>A fixed small page.</p></html>"


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_PAGE)


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *product_urlpatterns]

__all__ = ["handler404", "urlpatterns"]
