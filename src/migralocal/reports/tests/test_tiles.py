"""Each tile at the top of the results states what its number counts, with the same figures as
the indicator below it: the total beside what it counts, and the part the indicator is about
(completed actions, certified municipalities, the share of referrals completed)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html

from migralocal.core.tests.world import World
from migralocal.reports.tests.builders import build_programme

pytestmark = pytest.mark.django_db


def tiles_of(content: bytes) -> dict[str, dict[str, str]]:
    """Each tile's number, label and details, by indicator."""
    tree = html.fromstring(content)
    tiles = {}
    for tile in tree.xpath("//ul[contains(@class, 'headline-figures')]/li"):
        number = tile.xpath(".//*[@data-indicator]")[0]
        details = {
            kind: " ".join(node.text_content().split())
            for kind in ("headline", "share")
            for node in tile.xpath(f".//*[@data-{kind}]")
        }
        tiles[number.get("data-indicator")] = {
            "number": number.text_content().strip(),
            "label": tile.xpath(".//*[@class='stat-label']")[0].text_content().strip(),
            **details,
        }
    return tiles


def test_each_tile_states_what_it_counts_with_its_indicators_figures(world: World) -> None:
    build_programme(world)
    client = Client()
    client.force_login(world.user("programme_manager"))
    page = client.get(reverse("reports:dashboard"), {"country": "HN", "year": "2026"})
    report = page.context["report"]
    tiles = tiles_of(page.content)

    assert set(tiles) == {indicator.key for indicator in report.indicators}
    for indicator in report.indicators:
        tile = tiles[indicator.key]
        assert tile["number"] == str(indicator.total.value), indicator.key
        assert tile["label"] == indicator.total_label, indicator.key
        if indicator.headline is not None:
            expected = f"{indicator.headline_label}: {indicator.headline.value}"
            assert tile["headline"] == expected, indicator.key
    # Two actions are due in 2026 and one of them is done: the tile says both, never "2 completed".
    actions = tiles["actions"]
    assert (actions["number"], actions["headline"]) == ("2", "Acciones completadas: 1")
    assert "completad" not in actions["label"].lower()
    # Two referrals, one attended: the tile gives the total and the share completed.
    referrals = tiles["referrals"]
    assert referrals["number"] == "2"
    assert referrals["share"].endswith("50,0 %")
