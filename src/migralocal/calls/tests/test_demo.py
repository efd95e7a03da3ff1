"""The demo's MigraCiudades call: closed, with a cohort of the demo municipalities of its
countries that have a 2026 round, so the cohort page shows a real distribution."""

from __future__ import annotations

from django.test import Client

from migralocal.calls import selectors
from migralocal.calls.models import Call, CallApplication
from migralocal.core.models import User


def test_the_demo_call_is_closed_with_a_scored_cohort(demo_db: None) -> None:
    call = Call.objects.get(programme__slug="migraciudades-convocatoria-2025")
    members = selectors.cohort_of(call)
    distribution = selectors.cohort_distribution(call)

    assert not call.is_open()
    assert {member.municipality.country.code for member in members} <= {"CL", "EC", "ES", "PH"}
    assert len(members) >= 4
    assert all(member.assessment in call.programme.assessments.all() for member in members)
    assert distribution.scored >= 4
    assert all(sum(level.count for level in row.levels) for row in distribution.dimensions)
    assert call.applications.filter(status=CallApplication.Status.PENDING).count() == 1


def test_the_demo_manager_reads_the_cohort_page(demo_db: None) -> None:
    call = Call.objects.get(programme__slug="migraciudades-convocatoria-2025")
    client = Client()
    client.force_login(User.objects.get(email="manager@demo.migralocal.org"))
    page = client.get(f"/en/calls/{call.pk}/cohort/")
    assert page.status_code == 200
    assert "Where the cohort stands" in page.content.decode()
