"""The cohort's distribution: how many municipalities are at each level per dimension and
domain, from the assessments app's scores; and the page never puts a municipality beside a
score."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from migralocal.assessments.models import Answer, Assessment, Stage
from migralocal.assessments.tests.helpers import question, round_at
from migralocal.calls import selectors, services
from migralocal.calls.models import Call
from migralocal.calls.tests.builders import apply, make_call
from migralocal.core.models import Organisation
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db

FULL_MARKS = {
    "q1": {"choice": "yes"},
    "q2": {"choice": "all"},
    "q3": {"number": Decimal(10)},
    "q5": {"choices": ["x", "y", "z"]},
}


def _municipality(world: World, name: str, slug: str) -> Organisation:
    return Organisation.objects.create(
        name=name, slug=slug, kind=Organisation.Kind.MUNICIPALITY, country=world.honduras
    )


def _round(world: World, organisation: Organisation, stage: str, answers: dict) -> Assessment:
    call_framework = Call.objects.get().framework
    assessment = Assessment.objects.create(
        organisation=organisation,
        country=organisation.country,
        framework=call_framework,
        year=2026,
        stage=stage,
    )
    for code, values in answers.items():
        Answer.objects.create(
            assessment=assessment, question=question(call_framework, code), **values
        )
    return assessment


def cohort_of_four(world: World) -> Call:
    """El Progreso submitted middling answers (institutions 54.2: developing; health 75: well
    developed); San Salvador submitted nothing (both starting); Choloma's validated round has
    full marks (both well developed); Omoa's round only starts with the cohort (not scored)."""
    round_at(world, Stage.SUBMITTED)
    call = make_call(world)
    choloma = _municipality(world, "Municipalidad de Choloma", "choloma")
    omoa = _municipality(world, "Municipalidad de Omoa", "omoa")
    _round(world, world.san_salvador_municipality, Stage.SUBMITTED, {})
    _round(world, choloma, Stage.VALIDATED, FULL_MARKS)
    manager = world.user("programme_manager")
    for municipality in (
        world.el_progreso_municipality,
        world.san_salvador_municipality,
        choloma,
        omoa,
    ):
        services.application_accept(application=apply(world, call, municipality), user=manager)
    return call


def counts(row: selectors.DistributionRow) -> dict[str, int]:
    return {level.code: level.count for level in row.levels}


def test_the_distribution_counts_municipalities_per_level_per_dimension(world: World) -> None:
    distribution = selectors.cohort_distribution(cohort_of_four(world))

    assert (distribution.members, distribution.scored) == (4, 3)
    institutions, health = distribution.dimensions
    assert institutions.label == "Instituciones" or institutions.label == "Institutions"
    assert counts(institutions) == {"starting": 1, "developing": 1, "well_developed": 1}
    assert counts(health) == {"starting": 1, "developing": 0, "well_developed": 2}
    assert [level.percent for level in health.levels] == [33, 0, 67]
    assert [level.start for level in health.levels] == [0, 33, 33]


def test_the_distribution_counts_per_governance_domain(world: World) -> None:
    distribution = selectors.cohort_distribution(cohort_of_four(world))
    by_domain = {row.label: counts(row) for row in distribution.domains}
    assert len(by_domain) == 2
    assert sum(sum(row.values()) for row in by_domain.values()) == 6


def test_a_declined_or_pending_application_is_not_in_the_cohort(world: World) -> None:
    call = make_call(world)
    apply(world, call)
    assert selectors.cohort_of(call) == []
    assert selectors.cohort_distribution(call).members == 0


def _section(page: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}".*?</section>', page, re.DOTALL)
    assert match, f"no section {section_id}"
    return match.group(0)


def test_the_cohort_page_names_no_municipality_beside_a_score(world: World) -> None:
    call = cohort_of_four(world)
    client = Client()
    client.force_login(world.user("programme_manager"))

    page = client.get(f"/en/calls/{call.pk}/cohort/").content.decode()

    names = ["Municipalidad de El Progreso", "Alcaldía de San Salvador", "Choloma", "Omoa"]
    distribution = _section(page, "distribution")
    members = page.split('<section id="distribution"')[0]
    for name in names:
        assert name in members
        assert name not in distribution
    # The members' table lists stages, never a score, in the order of their names (the text a
    # reader sees: the form's random token may hold any digits).
    shown = re.sub(r"<[^>]+>", " ", members)
    assert not re.search(r"\b(54|75|100)\b", shown)
    positions = [members.index(name) for name in names[1:3]]
    assert positions == sorted(positions)
    assert "Self-assessment" not in distribution
    assert "<td>2</td>" in distribution  # two municipalities well developed in health


def test_the_cohort_page_reads_the_same_number_of_queries_whatever_its_size(world: World) -> None:
    call = cohort_of_four(world)
    client = Client()
    client.force_login(world.user("programme_manager"))
    url = f"/en/calls/{call.pk}/cohort/"
    client.get(url)
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    fifth = _municipality(world, "Municipalidad de Tela", "tela")
    _round(world, fifth, Stage.SUBMITTED, FULL_MARKS)
    services.application_accept(
        application=apply(world, call, fifth), user=world.user("programme_manager")
    )
    client.get(url)  # as before the first count: caches filled
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    assert len(five) == len(four)
