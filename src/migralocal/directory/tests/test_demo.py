from __future__ import annotations

import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.test import Client

from migralocal.directory.models import Hub, ReferralPathway, Service


@pytest.mark.django_db
def test_demo_loads_the_hubs_of_the_issue_and_loading_twice_changes_nothing() -> None:
    call_command("demo", stdout=io.StringIO())
    counts = (Hub.objects.count(), Service.objects.count(), LogEntry.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Hub.objects.count(), Service.objects.count(), LogEntry.objects.count()) == counts
    assert Hub.objects.filter(country__code="MX", kind="information_point").count() == 18
    assert Hub.objects.filter(municipality__name__in=["El Progreso", "San Pedro Sula"]).count() >= 2
    assert Hub.objects.filter(country__code="SV").exists()
    assert Hub.objects.filter(municipality__code="PH-legazpi", kind="help_desk").exists()
    assert ReferralPathway.objects.count() >= 5
    service = Service.objects.filter(hub__slug="ventanilla-el-progreso").first()
    assert service is not None
    assert service.safe_translation_getter("name", language_code="es")
    assert service.safe_translation_getter("name", language_code="en")


@pytest.mark.django_db
def test_demo_hub_staff_keeps_the_el_progreso_hub_only() -> None:
    from migralocal.core.models import User

    call_command("demo", stdout=io.StringIO())
    staff = User.objects.get(email="hub.staff@demo.migralocal.org")
    assert staff.has_perm("directory.change_hub", Hub.objects.get(slug="ventanilla-el-progreso"))
    assert not staff.has_perm(
        "directory.change_hub", Hub.objects.get(slug="ventanilla-san-pedro-sula")
    )
    body = Client().get("/es/directory/", {"q": "trabajo"}).content.decode()
    assert "Orientación sobre migración laboral y trabajo en el extranjero" in body
