"""What the results page says each indicator reached: a computed actual is the reports' figure
for the same programme, places and days; reported actuals and targets add up over the range."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from migralocal.core.tests.world import World
from migralocal.programmes.results_selectors import measure_catalogue, results, shared_results
from migralocal.programmes.tests.results_builders import Framework, build_framework
from migralocal.reports import presentation
from migralocal.reports.selectors import DateRange, ReportScope

pytestmark = pytest.mark.django_db

YEAR_2026 = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.fixture
def framework(world: World) -> Framework:
    return build_framework(world)


def test_a_computed_actual_is_the_reports_figure_for_the_same_scope(framework: Framework) -> None:
    world = framework.world
    shown = results(framework.programme, *YEAR_2026)
    report = presentation.report(
        ReportScope(
            countries=(world.honduras, world.el_salvador),
            period=DateRange(*YEAR_2026),
            programme=framework.programme,
        ),
        suppressed=False,
    )
    trained = shown.indicator("Personas formadas")
    assert trained.actual == report.indicator("people_trained").total.value == 7
    # Four women of seven attendances.
    assert shown.indicator("Mujeres formadas").actual == Decimal("57.1")
    assert "Género" in trained.disaggregations or "Gender" in trained.disaggregations


def test_targets_of_the_range_add_up_and_give_the_share(framework: Framework) -> None:
    trained = results(framework.programme, *YEAR_2026).indicator("Personas formadas")
    # 4 + 6 for both countries, 3 more for El Salvador; the 2025 target is outside the range.
    assert trained.target == 13
    assert trained.share == round(100 * 7 / 13, 1)
    by_country = {one.code: one for one in trained.countries}
    assert (by_country["HN"].actual, by_country["HN"].target) == (6, None)
    assert (by_country["SV"].actual, by_country["SV"].target, by_country["SV"].share) == (
        1,
        3,
        33.3,
    )
    first_half = results(framework.programme, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert first_half.indicator("Personas formadas").target == 4
    # A percentage's target is the latest of the range, not a sum.
    assert results(framework.programme, *YEAR_2026).indicator("Mujeres formadas").target == 50


def test_targets_of_all_countries_count_only_when_all_are_chosen(framework: Framework) -> None:
    world = framework.world
    honduras = results(framework.programme, *YEAR_2026, countries=[world.honduras])
    trained = honduras.indicator("Personas formadas")
    assert (trained.actual, trained.target, trained.share) == (6, None, None)
    assert trained.countries == []


def test_reported_actuals_add_up_over_the_range(framework: Framework) -> None:
    assert results(framework.programme, *YEAR_2026).indicator(
        "Reuniones de coordinación"
    ).actual == Decimal(7)
    spring = results(framework.programme, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    meetings = spring.indicator("Reuniones de coordinación")
    assert meetings.actual == 2
    assert meetings.target is None and meetings.share is None
    assert meetings.disaggregations == ["país"]


def test_protected_results_hide_small_counts_as_the_reports_do(framework: Framework) -> None:
    world = framework.world
    shown = results(framework.programme, *YEAR_2026, suppressed=True)
    report = presentation.report(
        ReportScope(
            countries=(world.honduras, world.el_salvador),
            period=DateRange(*YEAR_2026),
            programme=framework.programme,
        ),
        suppressed=True,
    )
    assert (
        shown.indicator("Personas formadas").actual
        == report.indicator("people_trained").total.value
    )
    spring = results(
        framework.programme, dt.date(2026, 1, 1), dt.date(2026, 6, 30), suppressed=True
    )
    meetings = spring.indicator("Reuniones de coordinación")
    assert meetings.actual is None and meetings.actual_hidden


def test_results_cost_a_fixed_number_of_reports(
    framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    from migralocal.programmes import results_selectors

    calls: list[str] = []
    for name in ("_report", "_reports_by_country"):
        original = getattr(results_selectors, name)

        def counting(*args: Any, _name: str = name, _original: Any = original) -> object:
            calls.append(_name)
            return _original(*args)

        monkeypatch.setattr(results_selectors, name, counting)
    full = results(framework.programme, *YEAR_2026)
    # Both countries and each of them in one pass, however many indicators.
    assert calls == ["_reports_by_country"]
    calls.clear()
    totals = results(framework.programme, *YEAR_2026, per_country=False)
    # The totals alone (as the IATI file reads them): one report, the same figures.
    assert calls == ["_report"]
    assert all(indicator.countries == [] for indicator in totals.indicators())
    assert [one.actual for one in totals.indicators()] == [one.actual for one in full.indicators()]


def test_shared_results_are_kept_until_a_record_changes(framework: Framework) -> None:
    from migralocal.programmes import results_services

    first = shared_results(framework.programme, *YEAR_2026)
    assert first.indicator("Personas formadas").target == 13
    results_services.target_create(
        actor=framework.world.user("admin"),
        indicator=framework.trained,
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 2, 28),
        value=Decimal(1),
    )
    assert (
        shared_results(framework.programme, *YEAR_2026).indicator("Personas formadas").target == 14
    )


def test_the_catalogue_names_totals_headlines_and_categories(db: None) -> None:
    codes = {measure.code for measure in measure_catalogue()}
    assert {
        "people_trained",
        "people_trained/gender/woman",
        "certification/headline",
        "referrals/share",
    } <= codes
    assert any(code.startswith("consultations/gender/") for code in codes)


def test_more_indicators_of_the_same_figures_cost_no_more_queries(framework: Framework) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from migralocal.programmes.tests.results_builders import computed

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            results(framework.programme, *YEAR_2026)
        return len(captured)

    # A breakdown of the consultations is counted once one measure names it (another category
    # of it costs nothing more).
    measures = (
        "certification/headline",
        "consultations",
        "consultations/gender/female",
        "hubs_active",
        "referrals/share",
    )
    for measure in measures:
        unit = "percent" if measure.endswith("share") else "number"
        computed(framework.world, framework.output, measure, measure, unit)
    before = queries()
    for measure in ("certification", "consultations/gender/male", "hubs_active/headline"):
        computed(framework.world, framework.output, measure, measure)
    assert queries() == before


def test_only_the_figures_the_framework_names_are_counted(framework: Framework) -> None:
    """The framework names people trained only: the consultations are not read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        results(framework.programme, *YEAR_2026)
    assert not any("consultations_consultation" in query["sql"] for query in captured)


def test_the_catalogue_offers_no_month_of_a_period(db: None) -> None:
    codes = {measure.code for measure in measure_catalogue()}
    assert "sign_ups/kind/person" in codes
    assert not any("/month/" in code for code in codes)


def test_a_consultations_total_counts_none_of_their_breakdowns(framework: Framework) -> None:
    """Naming the consultations' total and the referrals' completed share reads neither the
    topics nor the people's profile; naming a topic reads the topics too. The figures are the
    whole report's, and the titles of the breakdowns not counted are still listed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from migralocal.consultations.models import TOPICS_TAXONOMY
    from migralocal.core.models import TaxonomyTerm
    from migralocal.programmes.tests.results_builders import computed

    world = framework.world

    def counted() -> tuple[list[str], Any]:
        with CaptureQueriesContext(connection) as captured:
            shown = results(framework.programme, *YEAR_2026)
        return [query["sql"] for query in captured], shown

    computed(world, framework.output, "Consultas", "consultations")
    computed(world, framework.output, "Derivaciones completadas", "referrals/share", "percent")
    few, shown = counted()
    assert not any("consultations_consultation_topics" in sql for sql in few)
    assert not any('"consultations_consultation"."gender"' in sql for sql in few)
    whole = presentation.report(
        ReportScope(
            countries=(world.honduras, world.el_salvador),
            period=DateRange(*YEAR_2026),
            programme=framework.programme,
        ),
        suppressed=False,
    )
    consultations = shown.indicator("Consultas")
    assert consultations.actual == whole.indicator("consultations").total.value > 0
    share = shown.indicator("Derivaciones completadas").actual
    assert share == Decimal(str(whole.indicator("referrals").share))
    assert {"Tema", "Género"} <= set(consultations.disaggregations) or {"Topic", "Gender"} <= set(
        consultations.disaggregations
    )
    topic = TaxonomyTerm.objects.of(TOPICS_TAXONOMY).first()
    assert topic is not None
    computed(world, framework.output, "Consultas sobre un tema", f"consultations/topic/{topic.pk}")
    more, again = counted()
    assert len(few) < len(more)
    assert any("consultations_consultation_topics" in sql for sql in more)
    assert again.indicator("Consultas").actual == consultations.actual
