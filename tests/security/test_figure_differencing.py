"""No hidden or rounded public figure can be worked out by subtracting other public figures.

The attack an anonymous reader can make on the demo: ask the public figures (the API and the
public page's CSV download) for the region, every country and every municipality, for every year
and quarter the page offers, then subtract: a year minus its quarters, a country minus its
municipalities, the region minus its countries, and a breakdown's total minus its other
categories. Whenever every other member of such a sum is shown, the remaining one is estimated.
An estimate that equals the true count (from the selectors with `suppressed=False`) of a cell
that is hidden ("<5") or published differently from its true count is a recovered figure; there
must be none.

Each scope is fetched once and the sums are worked in memory. True counts are read only for the
scopes where an estimate could be right at all: a hidden count is under the threshold, and a
published count is less than one rounding step away from the true one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from migralocal.consultations.conf import ROUNDING_BASE, SMALL_CELL_THRESHOLD
from migralocal.core.models import AdministrativeArea, Country
from migralocal.reports import presentation, selectors
from migralocal.reports.presentation import Report

# Figures are counted by the same queries and rounded in Python on both databases; the attack
# (2,850 requests) runs once per `make test`, on SQLite, which every run of the suite includes.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the attack runs on the SQLite run of the suite"
    ),
]

API = "/api/v1/reports/public/"
PAGE = "/es/reports/public/"

CellKey = tuple[str, str, str]  # indicator, breakdown, category
Figures = dict[CellKey, int | None]  # None: hidden
TOTAL = "total"  # the API's totals, as keyed here
PAGE_TOTAL = "Total"  # the CSV's, in Spanish


@dataclass(frozen=True)
class Place:
    country: Country | None = None
    municipality: AdministrativeArea | None = None

    def query(self) -> dict[str, str]:
        query = {"country": self.country.code} if self.country else {}
        if self.municipality is not None:
            query["municipality"] = self.municipality.code
        return query


Scope = tuple[Place, int, int | None]  # place, year, quarter
Member = tuple[Scope, CellKey]


def _count(text: str) -> int | None:
    return int(text) if text.lstrip("-").isdigit() else None


def api_figures(body: dict[str, Any]) -> Figures:
    figures: Figures = {}
    for indicator in body["indicators"]:
        figures[(indicator["key"], "", TOTAL)] = indicator["total"]["value"]
        for one in indicator["breakdowns"]:
            figures[(indicator["key"], one["key"], TOTAL)] = one["total"]["value"]
            for row in one["rows"]:
                figures[(indicator["key"], one["key"], row["label"])] = row["count"]["value"]
    return figures


def page_figures(text: str) -> Figures:
    """The CSV's rows after its header: indicator, breakdown, category, count."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    start = next(i for i, row in enumerate(rows) if len(row) == 4) + 1
    return {(row[0], row[1], row[2]): _count(row[3]) for row in rows[start:] if len(row) == 4}


def exact_api_figures(report: Report) -> dict[CellKey, int]:
    figures: dict[CellKey, int] = {}
    for indicator in report.indicators:
        figures[(indicator.key, "", TOTAL)] = indicator.total.value
        for one in indicator.series:
            figures[(indicator.key, one.key, TOTAL)] = one.total.value
            for row in one.rows:
                figures[(indicator.key, one.key, row.label)] = row.cell.value
    return figures


def exact_page_figures(report: Report) -> dict[CellKey, int]:
    return {(str(a), str(b), str(c)): int(d) for a, b, c, d in presentation.long_rows(report)}


@dataclass
class Attack:
    client: Client = field(default_factory=Client)
    api: APIClient = field(default_factory=APIClient)
    requests: int = 0
    published: dict[str, dict[Scope, Figures]] = field(
        default_factory=lambda: {"api": {}, "page": {}}
    )
    exact: dict[Scope, dict[str, dict[CellKey, int]]] = field(default_factory=dict)
    estimates: int = 0
    recovered: list[str] = field(default_factory=list)

    def fetch(self, scope: Scope) -> None:
        place, year, quarter = scope
        query = {**place.query(), "year": str(year), "quarter": str(quarter or "")}
        api = self.api.get(API, query, HTTP_ACCEPT_LANGUAGE="es")
        page = self.client.get(PAGE, {**query, "format": "csv"})
        self.requests += 2
        assert api.status_code == 200 and page.status_code == 200, (query, api.content)
        self.published["api"][scope] = api_figures(api.json())
        self.published["page"][scope] = page_figures(page.content.decode("utf-8"))

    def true_counts(self, scope: Scope, source: str) -> dict[CellKey, int]:
        if scope not in self.exact:
            place, year, quarter = scope
            report_scope = selectors.scope_from(
                country=place.country,
                municipality=place.municipality,
                period=selectors.Period(year, quarter),
            )
            with translation.override("es"):
                report = presentation.report(report_scope, suppressed=False)
                self.exact[scope] = {
                    "api": exact_api_figures(report),
                    "page": exact_page_figures(report),
                }
        return self.exact[scope][source]

    def check(self, source: str, target: Scope, key: CellKey, estimate: int, how: str) -> None:
        self.estimates += 1
        shown = self.shown(source, (target, key))
        if shown is None and not 0 <= estimate < SMALL_CELL_THRESHOLD:
            return  # a hidden count is under the threshold: this estimate cannot be it
        if shown is not None and (estimate == shown or abs(estimate - shown) >= ROUNDING_BASE):
            return  # equal to what is shown (nothing learnt), or further than rounding moves
        true = self.true_counts(target, source).get(key, 0)
        if true == estimate and true != shown:
            self.recovered.append(f"{source} {how}: {target} {key} = {true} (shown {shown})")

    def shown(self, source: str, member: Member) -> int | None:
        # A category a scope does not list (a nationality nobody there has) counts none.
        scope, key = member
        return self.published[source][scope].get(key, 0)

    def relation(self, source: str, whole: Member, parts: list[Member], how: str) -> None:
        """whole = sum of parts: estimate any one member from all the others, when shown."""
        values = [self.shown(source, part) for part in parts]
        unknown = [i for i, value in enumerate(values) if value is None]
        known = sum(value for value in values if value is not None)
        total = self.shown(source, whole)
        if total is not None and len(unknown) <= 1:
            for i in unknown or range(len(parts)):
                self.check(source, *parts[i], total - (known - (values[i] or 0)), how)
        if not unknown:
            self.check(source, *whole, known, how)

    def subtract(self, source: str, parent: Scope, children: list[Scope], how: str) -> None:
        """The parent scope is the sum of the children, cell by cell."""
        for key in self.published[source][parent]:
            self.relation(source, (parent, key), [(child, key) for child in children], how)

    def subtract_categories(self, source: str, scope: Scope) -> None:
        """A breakdown's total is the sum of its categories (in the same scope)."""
        figures = self.published[source][scope]
        # Each breakdown by its total's key and its own name.
        breakdowns: dict[tuple[CellKey, str], list[Member]] = {}
        for key in figures:
            indicator, breakdown, category = key
            if source == "api" and breakdown and category != TOTAL:
                total = (indicator, breakdown, TOTAL)
            elif source == "page" and breakdown != PAGE_TOTAL:
                # The CSV gives each indicator's total once, before its breakdowns.
                total = (indicator, PAGE_TOTAL, PAGE_TOTAL)
            else:
                continue
            breakdowns.setdefault((total, breakdown), []).append((scope, key))
        for (total, _breakdown), parts in breakdowns.items():
            self.relation(source, (scope, total), parts, "total minus categories")


def demo_places() -> Iterator[tuple[Place, list[Place]]]:
    """The region with its countries, then each country with its municipalities."""
    countries = list(selectors.region_countries())
    yield Place(), [Place(country) for country in countries]
    for country in countries:
        municipalities = selectors.municipalities_of(country)
        yield Place(country), [Place(country, municipality) for municipality in municipalities]


# One test per year the public page offers (this year first): no sum crosses a year, and each
# year's scopes are fetched and worked in under a minute.
YEAR_OFFSETS = range(6)


@pytest.mark.parametrize("offset", YEAR_OFFSETS, ids=lambda offset: f"year-{offset}")
def test_no_hidden_or_rounded_public_figure_can_be_worked_out_by_subtraction(
    demo_db: None, offset: int
) -> None:
    years = selectors.report_years()
    assert len(years) <= len(YEAR_OFFSETS), years  # every year the page offers is attacked
    if offset >= len(years):
        pytest.skip(f"the demo has {len(years)} years")
    year = years[offset]
    attack = Attack()
    families = list(demo_places())
    places = [Place()] + [child for _parent, children in families for child in children]
    periods: list[int | None] = [None, 1, 2, 3, 4]
    scopes: list[Scope] = [(place, year, quarter) for place in places for quarter in periods]
    for scope in scopes:
        attack.fetch(scope)
    for source in ("api", "page"):
        for place in places:
            quarters = [(place, year, quarter) for quarter in periods[1:]]
            attack.subtract(source, (place, year, None), quarters, "year minus quarters")
        for scope in scopes:
            attack.subtract_categories(source, scope)
        for parent, children in families:
            how = "region minus countries" if parent.country is None else "country minus towns"
            for quarter in periods:
                family = [(child, year, quarter) for child in children]
                attack.subtract(source, (parent, year, quarter), family, how)
    summary = (
        f"{year}: {attack.requests} requests ({len(scopes)} scopes: {len(places)} places, the "
        f"year and its quarters; API and page), {attack.estimates} estimates by subtraction, "
        f"{len(attack.exact)} scopes checked against their true counts, "
        f"{len(attack.recovered)} figures recovered"
    )
    print(summary)
    assert attack.requests == 2 * len(scopes) and attack.estimates > 0, summary
    assert not attack.recovered, summary + ":\n" + "\n".join(attack.recovered[:20])
