"""A reader that shows only a few indicators (a programme's results framework) counts only the
functions that give them, and reads the very figures the whole report gives."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from migralocal.core.tests.world import World
from migralocal.reports import presentation, selectors
from migralocal.reports.selectors import Period, ReportScope
from migralocal.reports.tests.builders import build_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def scope(world: World) -> ReportScope:
    build_programme(world)
    return ReportScope(countries=(world.honduras, world.el_salvador), period=Period(2026))


def _queries(run: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def test_each_counting_function_declares_every_key_it_gives(scope: ReportScope) -> None:
    for table, counts in (
        (selectors.COUNTED_BY_PLACE, lambda count: count(scope, suppressed=False)),
        (selectors.COUNTED_PER_COUNTRY, lambda count: count(scope)),
    ):
        for gives, count in table:
            for raw in counts(count):
                assert selectors._wanted(gives, frozenset({raw.key})), raw.key


@pytest.mark.parametrize(
    "keys",
    [
        {"consultations"},
        {"people_trained", "referrals"},
        {"certification", "sign_ups"},
        {"officials_by_department"},
    ],
)
def test_chosen_indicators_are_those_of_the_whole_report(
    scope: ReportScope, keys: set[str]
) -> None:
    whole = presentation.report(scope, suppressed=True)
    chosen = presentation.report(scope, suppressed=True, keys=frozenset(keys))
    for key in keys:
        assert chosen.indicator(key) == whole.indicator(key)
    assert len(chosen.indicators) < len(whole.indicators)
    every, by_country = presentation.reports_by_country(
        scope, suppressed=False, keys=frozenset(keys)
    )
    for key in keys:
        assert every.indicator(key) == presentation.report(scope, suppressed=False).indicator(key)
        assert set(by_country) == set(scope.country_ids)


def test_a_department_key_counts_the_departments(scope: ReportScope) -> None:
    assert selectors._wanted(("officials_by_department", "officials-"), frozenset({"officials-x"}))
    assert not selectors._wanted(("people_trained",), frozenset({"officials_trained"}))


def test_fewer_indicators_cost_fewer_queries(scope: ReportScope) -> None:
    whole = _queries(lambda: presentation.report(scope, suppressed=False))
    one = _queries(
        lambda: presentation.report(scope, suppressed=False, keys=frozenset({"people_trained"}))
    )
    assert 0 < one < whole / 3
