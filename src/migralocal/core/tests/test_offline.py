"""The web app manifest and the service worker, served at the site's root."""

from __future__ import annotations

import json

from django.contrib.staticfiles import finders
from django.test import Client


def test_the_service_worker_is_served_for_the_whole_site() -> None:
    answer = Client().get("/sw.js")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/javascript")
    assert answer["Service-Worker-Allowed"] == "/"
    assert answer["Cache-Control"] == "no-cache"
    script = answer.content.decode()
    assert '["es", "en", "fr", "pt", "ht"]' in script
    assert "/static/css/migralocal.css" in script
    assert "htmx" not in script  # kept only with the pages that link it
    assert "{{" not in script and "&quot;" not in script


def test_the_manifest_names_the_app_its_icons_and_start() -> None:
    answer = Client().get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="en")
    assert answer["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(answer.content)
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/en/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/"))
