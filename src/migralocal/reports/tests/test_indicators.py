"""Indicators against the hand-counted programme of `builders`."""

from __future__ import annotations

from typing import Any

import pytest

from migralocal.core.models import User
from migralocal.core.tests.world import World
from migralocal.reports import presentation
from migralocal.reports.presentation import Indicator, Report
from migralocal.reports.selectors import Period, ReportScope
from migralocal.reports.tests.builders import build_programme

pytestmark = pytest.mark.django_db


def report_of(countries: list[Any], quarter: int | None = None, **extra: Any) -> Report:
    scope = ReportScope(countries=tuple(countries), period=Period(2026, quarter), **extra)
    return presentation.report(scope, suppressed=False)


def counts(indicator: Indicator, series_key: str, *, by_label: bool = False) -> dict[str, int]:
    series = next(one for one in indicator.series if one.key == series_key)
    return {
        (row.label if by_label else row.key): row.cell.value
        for row in series.rows
        if row.cell.value
    }


@pytest.fixture
def programme(world: World) -> World:
    build_programme(world)
    return world


def test_people_and_public_officials_trained_by_place_and_period(programme: World) -> None:
    honduras = report_of([programme.honduras])
    trained = honduras.indicator("people_trained")
    assert trained.total.value == 7
    assert counts(trained, "gender") == {"woman": 4, "man": 2, "not_recorded": 1}
    assert counts(trained, "mode") == {"in_person": 4, "online": 2, "course": 1}
    assert counts(trained, "role") == {
        "municipal_official": 4,
        "national_official": 1,
        "civil_society": 2,
    }
    officials = honduras.indicator("officials_trained")
    assert officials.total.value == 5
    assert counts(officials, "gender") == {"woman": 4, "not_recorded": 1}
    assert counts(officials, "source") == {"event": 4, "course": 1}
    # A quarter counts only its months: the workshop in March, the course in July.
    first = report_of([programme.honduras], quarter=1).indicator("people_trained")
    third = report_of([programme.honduras], quarter=3).indicator("people_trained")
    assert (first.total.value, third.total.value) == (6, 1)
    # A municipality counts what belongs to it: the course (the attendees named none).
    el_progreso = report_of([programme.honduras], municipality=programme.el_progreso)
    assert el_progreso.indicator("people_trained").total.value == 1
    assert el_progreso.indicator("consultations").total.value == 3
    # The region adds up its countries.
    region = report_of([programme.honduras, programme.el_salvador])
    assert region.indicator("people_trained").total.value == 8
    assert region.indicator("consultations").total.value == 4
    assert counts(region.indicator("certification"), "stage") == {
        "certified": 1,
        "self_assessment": 1,
    }


def test_organisations_hubs_consultations_and_referrals(programme: World) -> None:
    report = report_of([programme.honduras])
    strengthened = report.indicator("organisations_strengthened")
    assert counts(strengthened, "kind") == {"municipality": 1, "civil_society": 1}
    assert report.indicator("organisations_mentored").total.value == 1
    hubs = report.indicator("hubs_active")
    assert hubs.total.value == 1
    assert hubs.headline is not None and hubs.headline.value == 1
    consultations = report.indicator("consultations")
    assert consultations.total.value == 3
    topics = counts(consultations, "topic", by_label=True)
    assert sum(topics.values()) == 4  # one consultation asked about two topics
    referrals = report.indicator("referrals")
    assert referrals.total.value == 2
    assert referrals.share == 50.0


def test_certification_work_plans_and_commitments(programme: World) -> None:
    report = report_of([programme.honduras])
    certification = report.indicator("certification")
    assert certification.total.value == 1
    assert certification.headline is not None and certification.headline.value == 1
    actions = report.indicator("actions")
    assert counts(actions, "status") == {"done": 1, "in_progress": 1}
    assert actions.headline is not None and actions.headline.value == 1
    commitments = report.indicator("commitments")
    assert commitments.total.value == 2  # the unconfirmed one is not public
    assert counts(commitments, "verification") == {"verified": 1, "pending": 1}
    assert report_of([programme.honduras], quarter=1).indicator("commitments").total.value == 0


def test_an_empty_scope_counts_zero_everywhere(world: World) -> None:
    report = report_of([world.mexico])
    # The world's accounts were made this year: those of Mexican organisations are its sign-ups.
    accounts = User.objects.filter(memberships__organisation__country=world.mexico).distinct()
    assert report.indicator("sign_ups").total.value == accounts.count()
    assert all(
        indicator.total.value == 0 for indicator in report.indicators if indicator.key != "sign_ups"
    )
