"""Indicators of one programme, over any stretch of days: only what belongs to the programme
counts, and a range of several years counts every year in it."""

from __future__ import annotations

import datetime as dt

import pytest

from migralocal.core.tests.world import World
from migralocal.programmes import services as programme_services
from migralocal.programmes.tests.builders import make_programme
from migralocal.reports import presentation
from migralocal.reports.presentation import Report
from migralocal.reports.selectors import DateRange, Period, ReportScope
from migralocal.reports.tests.builders import build_programme, give_records_to
from migralocal.reports.tests.test_indicators import counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def hubs_programme(world: World) -> World:
    """The hand-counted records of `builders`, of which a programme owns the 2026 workshop,
    the older event, one hub, the certified round, one mentoring engagement and one
    commitment; the course, the other hub, round, engagement and commitments are not its own."""
    build_programme(world)
    programme = give_records_to(make_programme(world), world)
    world.programme = programme  # type: ignore[attr-defined]
    return world


def report_of(world: World, period: Period | DateRange, *, programme: bool = True) -> Report:
    scope = ReportScope(
        countries=(world.honduras,),
        period=period,
        programme=world.programme if programme else None,  # type: ignore[attr-defined]
    )
    return presentation.report(scope, suppressed=False)


def test_a_programme_counts_only_what_belongs_to_it(hubs_programme: World) -> None:
    whole = report_of(hubs_programme, Period(2026), programme=False)
    own = report_of(hubs_programme, Period(2026))

    # The workshop is the programme's; the course completed in July is not.
    assert whole.indicator("people_trained").total.value == 7
    assert own.indicator("people_trained").total.value == 6
    assert counts(own.indicator("people_trained"), "mode") == {"in_person": 4, "online": 2}
    # Its own engagement, not the other organisation's; no course learner's organisation.
    assert own.indicator("organisations_mentored").total.value == 1
    assert counts(own.indicator("organisations_strengthened"), "kind") == {"civil_society": 1}
    # Consultations at the programme's hub only (the other hub is in El Salvador in any case).
    assert own.indicator("hubs_active").total.value == 1
    assert own.indicator("consultations").total.value == 3
    assert own.indicator("certification").total.value == 1
    assert counts(own.indicator("actions"), "status") == {"done": 1, "in_progress": 1}
    assert whole.indicator("commitments").total.value == 2
    assert own.indicator("commitments").total.value == 1


def test_an_activity_outside_the_programme_is_not_counted(hubs_programme: World) -> None:
    programme = hubs_programme.programme  # type: ignore[attr-defined]
    programme_services.activities_detach(
        actor=hubs_programme.user("admin"),
        programme=programme,
        kind="hubs",
        activities=list(programme.hubs.all()),
    )
    own = report_of(hubs_programme, Period(2026))
    assert own.indicator("hubs_active").total.value == 0
    assert own.indicator("consultations").total.value == 0
    assert own.indicator("referrals").total.value == 0


def test_a_range_of_several_years_counts_every_year_in_it(hubs_programme: World) -> None:
    both_years = report_of(hubs_programme, DateRange(dt.date(2025, 1, 1), dt.date(2026, 12, 31)))
    # The 2025 event's one attendance joins the 2026 workshop's six.
    assert both_years.indicator("people_trained").total.value == 7
    # The action that ended in November 2025 is counted too.
    assert counts(both_years.indicator("actions"), "status") == {"done": 2, "in_progress": 1}
    spring = report_of(hubs_programme, DateRange(dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    assert spring.indicator("people_trained").total.value == 6
    assert spring.indicator("consultations").total.value == 0


def test_a_range_names_its_days_and_its_programme() -> None:
    scope_slug = DateRange(dt.date(2021, 1, 1), dt.date(2023, 12, 31)).slug
    assert scope_slug == "2021-01-01-2023-12-31"


def test_a_range_of_several_years_counts_the_consultations_of_every_year(
    hubs_programme: World,
) -> None:
    from migralocal.consultations.models import Consultation

    Consultation.objects.filter(pk=Consultation.objects.order_by("pk")[0].pk).update(
        date=dt.date(2025, 5, 5)
    )
    both_years = report_of(hubs_programme, DateRange(dt.date(2025, 1, 1), dt.date(2026, 12, 31)))
    assert both_years.indicator("consultations").total.value == 3
    assert report_of(hubs_programme, Period(2026)).indicator("consultations").total.value == 2
