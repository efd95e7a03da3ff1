"""Page weight: a public page transfers at most 200 KB before images.

The weight of a page is its HTML as rendered plus every stylesheet and script it links and every
font those stylesheets load, as the static files finders hold them. Static files are counted
as they are transferred in production: WhiteNoise stores a gzip copy of each at collectstatic
and serves it to every browser that accepts it (all do), so they count gzipped; the HTML counts
uncompressed, since no middleware compresses it (a proxy may). The uncompressed total is
printed with a failure, for a reader who wonders where the weight comes from.

| page                              | who        |
|-----------------------------------|------------|
| core:home                         | anonymous  |
| directory:search                  | anonymous  |
| directory:hub_detail              | anonymous  |
| directory:pathway_detail          | anonymous  |
| commitments:list                  | anonymous  |
| assessments:certified_list        | anonymous  |
| assessments:public_summary        | anonymous  | (a municipality's public figures)
| account_login                     | anonymous  |
| reports: public figures           | anonymous  | consultations and training figures
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from migralocal.assessments.models import Stage
from migralocal.assessments.tests.helpers import round_at
from migralocal.core.tests.world import World
from migralocal.directory.models import Hub, ReferralPathway
from migralocal.directory.tests.helpers import make_service, world_hubs

BUDGET_BYTES = 200 * 1024
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]""")


class LinkedAssets(HTMLParser):
    """The stylesheets and scripts a page makes the browser fetch before it can be used."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").split()
        if tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"] or "")
        elif tag == "link" and attributes.get("href") and self.fetched_first(rel, attributes):
            self.urls.append(attributes["href"] or "")

    @staticmethod
    def fetched_first(rel: list[str], attributes: dict[str, str | None]) -> bool:
        if "stylesheet" in rel:
            return True
        return "preload" in rel and attributes.get("as") in {"style", "script", "font"}


def static_file(url: str) -> Path:
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    assert url.startswith(prefix), f"{url} is not served by this site's static files"
    found = finders.find(url[len(prefix) :].split("?")[0].split("#")[0])
    assert found, f"{url} is linked but no static file holds it"
    return Path(str(found))


def fonts_and_imports_of(stylesheet: Path, url: str) -> list[str]:
    text = stylesheet.read_text(encoding="utf-8", errors="replace")
    linked = [
        target
        for target in CSS_URL.findall(text)
        if target.split("?")[0].lower().endswith(FONT_SUFFIXES)
    ]
    linked += CSS_IMPORT.findall(text)
    base = url.rsplit("/", 1)[0] + "/"
    return [
        target if target.startswith("/") else base + target
        for target in linked
        if not target.startswith(("data:", "http:", "https:"))
    ]


@dataclass
class Weight:
    html: int
    files: dict[str, tuple[int, int]]  # url -> (bytes, gzipped bytes)

    @property
    def transferred(self) -> int:
        return self.html + sum(gzipped for _raw, gzipped in self.files.values())

    @property
    def uncompressed(self) -> int:
        return self.html + sum(raw for raw, _gzipped in self.files.values())

    def describe(self) -> str:
        lines = [f"HTML {self.html:,} B"]
        lines += [f"{url}: {raw:,} B ({gz:,} B gzipped)" for url, (raw, gz) in self.files.items()]
        return "\n".join(lines)


def weigh(client: Client, path: str) -> Weight:
    response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    parser = LinkedAssets()
    parser.feed(response.content.decode())
    files: dict[str, tuple[int, int]] = {}
    queue = list(parser.urls)
    while queue:
        url = queue.pop(0)
        if url in files:
            continue
        found = static_file(url)
        content = found.read_bytes()
        files[url] = (len(content), len(gzip.compress(content, compresslevel=9)))
        if found.suffix == ".css":
            queue.extend(fonts_and_imports_of(found, url))
    return Weight(html=len(response.content), files=files)


def hub_page(world: World) -> str:
    hub, _other = world_hubs(world)
    for n in range(5):
        make_service(hub=hub, name={"es": f"Servicio {n}", "en": f"Service {n}"})
    return reverse("directory:hub_detail", args=[hub.slug])


def directory_search(world: World) -> str:
    hub_page(world)
    return reverse("directory:search")


def pathway_page(world: World) -> str:
    hub_page(world)
    pathway = ReferralPathway(slug="retorno", country=world.honduras, is_published=True)
    pathway.set_current_language("es")
    pathway.title = "Si regresa al país"
    pathway.save()
    step = pathway.steps.create(position=1, phone="+504 2222-0000")
    step.set_current_language("es")
    step.title = "Acuda a la ventanilla"
    step.save()
    step.services.set(Hub.objects.get(slug="ventanilla-el-progreso").services.all())
    return reverse("directory:pathway_detail", args=[pathway.slug])


def public_figures(world: World) -> str:
    round_at(world, Stage.CERTIFIED)
    return reverse("assessments:public_summary", args=[world.el_progreso_municipality.slug])


def certified_list(world: World) -> str:
    round_at(world, Stage.CERTIFIED)
    return reverse("assessments:certified_list")


def plain(name: str) -> Callable[[World], str]:
    return lambda _world: reverse(name)


PUBLIC_PAGES: dict[str, Callable[[World], str]] = {
    "core:home": plain("core:home"),
    "directory:search": directory_search,
    "directory:hub_detail": hub_page,
    "directory:pathway_detail": pathway_page,
    "commitments:list": plain("commitments:list"),
    "assessments:certified_list": certified_list,
    "assessments:public_summary": public_figures,
    "account_login": plain("account_login"),
    "reports:public": plain("reports:public"),
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_transfers_at_most_200_kb_before_images(
    world: World, name: str, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    weight = weigh(Client(), PUBLIC_PAGES[name](world))
    assert weight.transferred <= BUDGET_BYTES, (
        f"{name}: {weight.transferred:,} B transferred "
        f"({weight.uncompressed:,} B uncompressed)\n{weight.describe()}"
    )


def test_the_weighing_counts_every_linked_file(world: World) -> None:
    """The search page with its map links the map's script and stylesheet; a weighing that
    missed them would pass any page."""
    weight = weigh(Client(), directory_search(world) + "?map=1")
    assert any(url.endswith("leaflet.js") for url in weight.files)
    assert any(url.endswith(".css") for url in weight.files)
    leaflet = next(raw for url, (raw, _gz) in weight.files.items() if url.endswith("leaflet.js"))
    assert weight.uncompressed >= weight.html + leaflet
