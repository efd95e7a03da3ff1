from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from migralocal.core.tests.world import World
from migralocal.directory.models import Hub, PathwayStep, ReferralPathway
from migralocal.directory.tasks import remind_stale_listings
from migralocal.directory.tests.helpers import make_service, world_hubs


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def hub_form_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name_es": "Ventanilla Municipal de Atención al Migrante",
        "name_en": "Municipal migrant desk",
        "description_es": "Información y orientación.",
        "description_en": "Information and guidance.",
        "opening_hours_es": "Lunes a viernes, 8:00 a 15:00",
        "opening_hours_en": "Monday to Friday, 8:00 to 15:00",
        "status": "active",
        "opening_days": ["MO", "TU", "WE", "TH", "FR"],
        "opens_at": "08:00",
        "closes_at": "15:00",
        "address": "Barrio El Centro",
        "latitude": "15.400300",
        "longitude": "-87.801100",
        "phone": "+504 2647-0000",
        "languages": ["es", "en"],
        "channels": ["in_person", "phone"],
        "verified": "on",
        "action": "save",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_hub_staff_change_their_hubs_opening_hours(world: World) -> None:
    own, _other = world_hubs(world)
    client = signed_in(world, "hub_staff")
    response = client.post(f"/es/directory/hubs/{own.slug}/edit/", hub_form_data())
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.safe_translation_getter("opening_hours", language_code="es") == (
        "Lunes a viernes, 8:00 a 15:00"
    )
    schedule = own.schedules.get()
    assert (schedule.byday, str(schedule.closes_at)) == ("MO,TU,WE,TH,FR", "15:00:00")
    assert own.assured_date == timezone.localdate()
    assert own.assurer_email == "hub_staff@example.org"
    assert "Lunes a viernes, 8:00 a 15:00" in Client().get(own.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_hub_staff_cannot_edit_another_hubs_listing(world: World) -> None:
    _own, other = world_hubs(world)
    client = signed_in(world, "hub_staff")
    response = client.post(f"/es/directory/hubs/{other.slug}/edit/", hub_form_data())
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.address == ""


@pytest.mark.django_db
def test_hub_form_reports_bad_hours_beside_the_field_and_saves_nothing(world: World) -> None:
    own, _other = world_hubs(world)
    client = signed_in(world, "hub_staff")
    response = client.post(
        f"/es/directory/hubs/{own.slug}/edit/", hub_form_data(opens_at="16:00", closes_at="08:00")
    )
    assert response.status_code == 200
    assert "La hora de cierre debe ser posterior a la de apertura." in response.content.decode()
    own.refresh_from_db()
    assert own.address == ""


@pytest.mark.django_db
def test_preview_shows_both_languages_without_saving(world: World) -> None:
    own, _other = world_hubs(world)
    client = signed_in(world, "hub_staff")
    response = client.post(
        f"/es/directory/hubs/{own.slug}/edit/", hub_form_data(action="preview", address="Nueva")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vista previa (aún no guardada)" in body
    assert "Municipal migrant desk" in body and "Information and guidance." in body
    own.refresh_from_db()
    assert own.address == ""


@pytest.mark.django_db
def test_reviewer_adds_a_service_to_a_hub_in_their_country(world: World) -> None:
    own, _other = world_hubs(world)
    client = signed_in(world, "reviewer")
    response = client.post(
        f"/es/directory/hubs/{own.slug}/services/new/",
        {
            "name_es": "Asesoría sobre documentos",
            "name_en": "Advice on documents",
            "status": "active",
            "languages": ["es"],
            "phone": "+504 2647-2222",
            "minimum_age": "18",
            "maximum_age": "12",
            "action": "save",
        },
    )
    assert response.status_code == 200  # the ages are wrong
    assert "La edad máxima no puede ser menor que la edad mínima." in response.content.decode()
    assert own.services.count() == 0


@pytest.mark.django_db
def test_hub_page_shows_services_phone_link_and_printable_sheet_with_qr(world: World) -> None:
    own, _other = world_hubs(world)
    make_service(hub=own, name={"es": "Orientación laboral", "en": "Labour guidance"})
    client = Client()
    body = client.get(own.get_absolute_url()).content.decode()
    assert "Orientación laboral" in body and 'href="tel:+50426470000"' in body
    sheet = client.get(f"/es/directory/hubs/{own.slug}/sheet/").content.decode()
    assert "<svg" in sheet and "Orientación laboral" in sheet and "@media print" not in sheet
    english = client.get(f"/en/directory/hubs/{own.slug}/").content.decode()
    assert "Labour guidance" in english


@pytest.mark.django_db
def test_pathway_page_lists_ordered_steps_with_call_buttons(world: World) -> None:
    own, _other = world_hubs(world)
    service = make_service(hub=own, name={"es": "Atención a víctimas de trata"})
    pathway = ReferralPathway(slug="trata-el-progreso", country=world.honduras)
    pathway.set_current_language("es")
    pathway.title = "Si eres víctima de trata"
    pathway.first_call = "911"
    pathway.save()
    for position, title in ((2, "Pide acompañamiento"), (1, "Ponte a salvo")):
        step = PathwayStep(pathway=pathway, position=position, phone="+504 2647-3333")
        step.set_current_language("es")
        step.title = title
        step.save()
        step.services.add(service)
    body = Client().get(pathway.get_absolute_url()).content.decode()
    assert body.index("Ponte a salvo") < body.index("Pide acompañamiento")
    assert 'href="tel:911"' in body and 'href="tel:+50426473333"' in body
    assert "Atención a víctimas de trata" in body


@pytest.mark.django_db
def test_periodic_task_lists_stale_listings_for_their_hub_staff(world: World) -> None:
    own, other = world_hubs(world)
    stale = make_service(hub=own, name={"es": "Servicio sin verificar"}, verified=False)
    make_service(hub=own, name={"es": "Servicio al día"})
    Hub.objects.filter(pk=other.pk).update(assured_date=timezone.localdate() - timedelta(days=400))
    result = remind_stale_listings.enqueue()
    assert result.return_value == 2
    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert str(stale) in by_recipient["hub_staff@example.org"]
    assert "Servicio al día" not in by_recipient["hub_staff@example.org"]
    assert "other_hub_staff@example.org" in by_recipient


@pytest.mark.django_db
def test_every_change_to_a_hub_is_audited_with_its_author(world: World) -> None:
    from auditlog.models import LogEntry

    own, _other = world_hubs(world)
    client = signed_in(world, "hub_staff")
    client.post(f"/es/directory/hubs/{own.slug}/edit/", hub_form_data(address="Calle 5"))
    entries = LogEntry.objects.get_for_object(own).filter(actor=world.user("hub_staff"))
    assert any("address" in entry.changes_dict for entry in entries)
