from __future__ import annotations

from datetime import time

from django.test import Client

from migralocal.directory.models import Hub, ReferralPathway, Schedule, Service


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


def test_demo_hubs_each_have_their_own_hours_and_description(demo_db: None) -> None:
    hubs = list(Hub.objects.prefetch_related("translations", "schedules"))
    descriptions = {hub.safe_translation_getter("description", language_code="es") for hub in hubs}
    hours_texts = {hub.safe_translation_getter("opening_hours", language_code="en") for hub in hubs}
    schedules = {(s.byday, s.opens_at, s.closes_at) for hub in hubs for s in hub.schedules.all()}
    assert all(hub.safe_translation_getter("description", language_code="en") for hub in hubs)
    assert len(descriptions) >= 15
    assert len(hours_texts) >= 8
    assert len(schedules) >= 8
    assert all(hub.schedules.count() == 1 for hub in hubs)  # the one the hub form edits
    mobile = Hub.objects.get(slug="ventanilla-santa-ana")
    assert list(mobile.schedules.values_list("byday", flat=True)) == ["WE,TH,FR"]


def test_demo_hubs_describe_the_same_service_in_their_own_words(demo_db: None) -> None:
    returns = Service.objects.filter(
        translations__language_code="es",
        translations__name="Acompañamiento para el retorno y la reintegración",
    )
    texts = {s.safe_translation_getter("description", language_code="es") for s in returns}
    assert returns.count() >= 4
    assert len(texts) >= 2


def test_demo_has_free_legal_advice_in_honduras(demo_db: None) -> None:
    legal_aid = Service.objects.filter(
        hub__country__code="HN", attributes__taxonomy_term__code="legal-aid"
    ).distinct()
    assert legal_aid.count() >= 2
    with_lawyer = legal_aid.get(hub__slug="ventanilla-el-progreso")
    assert with_lawyer.safe_translation_getter("name", language_code="es") == (
        "Asesoría jurídica gratuita"
    )
    assert "abogada" in with_lawyer.safe_translation_getter("description", language_code="es")
    body = Client().get("/es/directory/", {"q": "asesoría jurídica"}).content.decode()
    assert "Asesoría jurídica gratuita" in body


def test_demo_tijuana_point_opens_every_day_at_the_crossing(demo_db: None) -> None:
    tijuana = Schedule.objects.get(hub__slug="punto-informacion-tijuana")
    assert (tijuana.byday, tijuana.opens_at, tijuana.closes_at) == (
        "MO,TU,WE,TH,FR,SA,SU",
        time(7),
        time(19),
    )
