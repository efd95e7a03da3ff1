from __future__ import annotations

from django.test import Client

from migralocal.directory.models import Hub, ReferralPathway, Service


def test_demo_loads_the_hubs_services_and_pathways(demo_db: None) -> None:
    """(Loading the demo twice is checked for every table in core's demo tests.)"""
    assert Hub.objects.filter(country__code="MX", kind="information_point").count() == 18
    assert Hub.objects.filter(municipality__name__in=["El Progreso", "San Pedro Sula"]).count() >= 2
    assert Hub.objects.filter(country__code="SV").exists()
    assert Hub.objects.filter(municipality__code="PH-legazpi", kind="help_desk").exists()
    assert ReferralPathway.objects.count() >= 5
    service = Service.objects.filter(hub__slug="ventanilla-el-progreso").first()
    assert service is not None
    assert service.safe_translation_getter("name", language_code="es")
    assert service.safe_translation_getter("name", language_code="en")


def test_demo_hub_staff_keeps_the_el_progreso_hub_only(demo_db: None) -> None:
    from migralocal.core.models import User

    staff = User.objects.get(email="hub.staff@demo.migralocal.org")
    assert staff.has_perm("directory.change_hub", Hub.objects.get(slug="ventanilla-el-progreso"))
    assert not staff.has_perm(
        "directory.change_hub", Hub.objects.get(slug="ventanilla-san-pedro-sula")
    )
    body = Client().get("/es/directory/", {"q": "trabajo"}).content.decode()
    assert "Orientación sobre migración laboral y trabajo en el extranjero" in body
