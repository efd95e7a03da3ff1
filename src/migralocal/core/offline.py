"""The installable, offline-capable site: the web app manifest and the service worker.

The service worker (templates/core/service_worker.js) is served from the site's root so that its
scope is the whole site. It keeps, on the visitor's device, the public directory pages and the
home page a visitor has read (network first; shown with the time they were saved when there is
no connection), the static files (cache first), and the offline record form of hub staff. What
it may keep is decided by the server, page by page: see docs/offline.md.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import get_language

# Raise it when what the worker keeps changes shape: the caches of the old version are dropped.
CACHE_VERSION = "1"
PLATFORM_NAME = "MigraLocal"


def service_worker(request: HttpRequest) -> HttpResponse:
    script = render_to_string(
        "core/service_worker.js",
        {
            "version": CACHE_VERSION,
            "languages": json.dumps([code for code, _name in settings.LANGUAGES]),
            "static_prefix": json.dumps("/" + settings.STATIC_URL.lstrip("/")),
            "precache": json.dumps(
                [
                    static(path)
                    # What every page needs; the rest is kept with the pages that link it.
                    for path in ("css/migralocal.css", "js/offline.js", "img/logo.svg")
                ]
            ),
        },
    )
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # Browsers look for a new worker at least daily; no-cache makes them ask on every check.
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request: HttpRequest) -> HttpResponse:
    icons = [
        {"src": static("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("img/icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    language = get_language() or settings.LANGUAGE_CODE
    document = {
        "name": PLATFORM_NAME,
        "short_name": PLATFORM_NAME,
        "lang": language,
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5c6b",
        "icons": icons,
    }
    response = HttpResponse(
        json.dumps(document), content_type="application/manifest+json; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=86400"
    response["Vary"] = "Accept-Language"
    return response
