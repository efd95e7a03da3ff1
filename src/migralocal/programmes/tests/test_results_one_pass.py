"""The results by country are counted in one pass (every query grouped by country too) and say
exactly what separate reports of each country, and of all of them, say."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from migralocal.consultations.services import Profile
from migralocal.consultations.tests.helpers import record
from migralocal.core.tests.world import World
from migralocal.directory.models import Hub
from migralocal.programmes.results_selectors import results
from migralocal.programmes.tests.results_builders import Framework, build_framework, computed
from migralocal.reports import presentation, selectors
from migralocal.reports.selectors import DateRange, ReportScope, region_countries

pytestmark = pytest.mark.django_db

YEAR_2026 = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
EVERY_MEASURE = (
    "people_trained",
    "people_trained/gender/woman",
    "officials_trained/source/course",
    "organisations_strengthened/kind/municipality",
    "organisations_mentored",
    "hubs_active/headline",
    "consultations",
    "consultations/channel/in_person",
    "referrals/share",
    "referrals/referral_status/attended",
    "certification/headline",
    "actions/status/done",
    "commitments/headline",
)


@pytest.fixture
def framework(world: World) -> Framework:
    built = build_framework(world)
    # Consultations in both countries, of people of another nationality in one of them only:
    # a country's breakdown lists only the nationalities counted there.
    day = dt.date(2026, 5, 4)
    for slug, staff, nationality in (
        ("ventanilla-el-progreso", "hub_staff", world.mexico),
        ("punto-san-salvador", "other_hub_staff", None),
    ):
        hub = Hub.objects.get(slug=slug)
        built.programme.hubs.add(hub)
        for _time in range(6):
            record(
                hub,
                world.user(staff),
                on=day,
                profile=Profile(gender="male", nationality=nationality),
            )
    for measure in EVERY_MEASURE:
        unit = "percent" if measure.endswith(("share", "woman", "done")) else "number"
        computed(world, built.output, measure, measure, unit)
    return built


@pytest.mark.parametrize("suppressed", [False, True])
@pytest.mark.parametrize("of_programme", [True, False])
def test_one_pass_reports_equal_separate_reports(
    framework: Framework, suppressed: bool, of_programme: bool
) -> None:
    scope = ReportScope(
        countries=tuple(region_countries()),
        period=DateRange(*YEAR_2026),
        programme=framework.programme if of_programme else None,
    )
    every, by_country = presentation.reports_by_country(scope, suppressed=suppressed)
    assert every == presentation.report(scope, suppressed=suppressed)
    assert len(by_country) == len(scope.countries) == 3
    for country in scope.countries:
        alone = ReportScope(countries=(country,), period=scope.period, programme=scope.programme)
        assert by_country[country.pk] == presentation.report(alone, suppressed=suppressed)


@pytest.mark.parametrize("suppressed", [False, True])
def test_results_by_country_equal_results_of_each_country(
    framework: Framework, suppressed: bool
) -> None:
    world = framework.world
    shown = results(framework.programme, *YEAR_2026, suppressed=suppressed)
    totals = results(framework.programme, *YEAR_2026, suppressed=suppressed, per_country=False)
    assert totals.indicators() == [
        indicator.__class__(**{**indicator.__dict__, "countries": []})
        for indicator in shown.indicators()
    ]
    assert any(one.actual for one in shown.indicators())
    for country in (world.honduras, world.el_salvador):
        alone = results(framework.programme, *YEAR_2026, [country], suppressed=suppressed)
        for indicator, one in zip(shown.indicators(), alone.indicators(), strict=True):
            figures = next(row for row in indicator.countries if row.code == country.code)
            assert (figures.actual, figures.actual_hidden, figures.target, figures.share) == (
                one.actual,
                one.actual_hidden,
                one.target,
                one.share,
            ), indicator.title


def _queries(run: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_the_queries_do_not_grow_with_the_countries(
    framework: Framework, django_assert_max_num_queries: Any
) -> None:
    """Only the few small queries of the departments, events by kind, sign-ups and cash
    assistance are made again for each country."""
    period = DateRange(*YEAR_2026)
    countries = tuple(region_countries())
    one = ReportScope(countries=countries[:1], period=period, programme=framework.programme)
    alone = _queries(lambda: presentation.report(one, suppressed=True))
    per_country = _queries(lambda: selectors.indicators_counted_per_country(one))
    # A handful of small queries: 12, and 1 more for events by kind (one grouped query).
    assert 0 < per_country <= 13
    for many in (countries[:2], countries):
        scope = ReportScope(countries=many, period=period, programme=framework.programme)
        with django_assert_max_num_queries(alone + per_country * len(many)):
            presentation.reports_by_country(scope, suppressed=True)
    # The results with a row per country cost what the totals alone cost, and those small
    # queries once per country.
    programme = framework.programme
    totals = _queries(lambda: results(programme, *YEAR_2026, per_country=False))
    with django_assert_max_num_queries(totals + per_country * 2):
        results(programme, *YEAR_2026)
    programme.countries.add(framework.world.mexico)
    with django_assert_max_num_queries(totals + per_country * 3):
        assert len(results(programme, *YEAR_2026).indicators()[0].countries) == 3
