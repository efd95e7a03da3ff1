"""The recording form in the field: referral suggestions that tell services apart, a service
added once, and a consultation sent after the session ended kept through the sign-in."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.utils import timezone

from migralocal.consultations.models import Consultation
from migralocal.consultations.tests.helpers import topic
from migralocal.core.kept_posts import KEPT_POST
from migralocal.core.middleware import LAST_SEEN_AT
from migralocal.directory.tests.helpers import make_hub, make_service

pytestmark = pytest.mark.django_db

RECORD = "/es/consultations/record/"
SEARCH = "/es/consultations/services/search/"


@pytest.fixture
def staff(world) -> Client:
    client = Client()
    client.force_login(world.user("hub_staff"))
    return client


def two_services_of_one_name(world, own):
    """ "Asesoría legal" at the staff's hub and at another hub of the same country."""
    north = make_hub(
        # Another organisation's hub in the same country.
        operator=world.private_cso,
        municipality=world.el_progreso,
        slug="unidad-movil-norte",
        name={"es": "Unidad Móvil Norte", "en": "Northern mobile unit"},
    )
    return (
        make_service(hub=own, name={"es": "Asesoría legal", "en": "Legal advice"}),
        make_service(hub=north, name={"es": "Asesoría legal", "en": "Legal advice"}),
    )


def test_suggestions_name_the_hub_of_each_service(world, hubs, staff) -> None:
    own, _other = hubs
    here, _north = two_services_of_one_name(world, own)
    page = staff.get(SEARCH, {"hub": own.pk, "q": "Asesor"}).content.decode()
    assert "Centro: Ventanilla Municipal de Atención al Migrante" in page
    assert "Centro: Unidad Móvil Norte" in page
    # The buttons' names differ too, for a screen reader.
    assert "Agregar Asesoría legal (Unidad Móvil Norte)" in page
    if here.organization is not None:
        assert f"Proveedor: {here.organization}" in page
    # The staff's own hub's service comes first.
    assert page.index(f"services/{here.pk}/chosen/") < page.index(f"services/{_north.pk}/chosen/")


def test_a_service_already_chosen_is_offered_as_added(world, hubs, staff) -> None:
    own, _other = hubs
    here, north = two_services_of_one_name(world, own)
    response = staff.get(SEARCH, {"hub": own.pk, "q": "Asesor", "referrals": [str(here.pk)]})
    page = response.content.decode()
    assert f"services/{north.pk}/chosen/" in page
    assert f"services/{here.pk}/chosen/" not in page
    assert "Añadido" in page


def test_every_field_of_the_form_is_one_box_with_its_label(hubs, staff) -> None:
    page = staff.get(RECORD).content.decode()
    for name in ("hub", "date", "channel", "gender", "age_band", "nationality"):
        assert f'<div class="field"><label for="id_{name}"' in page


def consultation_data(hub, service) -> dict:
    return {
        "hub": hub.pk,
        "date": timezone.localdate().isoformat(),
        "channel": "whatsapp",
        "topics": [topic("documents").pk],
        "gender": "female",
        "age_band": "18-29",
        "disability": "no",
        "needs": "Necesita renovar su pasaporte",
        "referrals": [str(service.pk)],
        "action": "save",
    }


def send_after_the_session_ended(client: Client, settings, data: dict):
    session = client.session
    session[LAST_SEEN_AT] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 1
    session.save()
    return client.post(RECORD, data)


def test_a_consultation_sent_after_the_session_ended_is_kept_and_saved_after_sign_in(
    world, hubs, listings, staff, settings
) -> None:
    own, _other = hubs
    response = send_after_the_session_ended(staff, settings, consultation_data(own, listings[0]))
    assert response.status_code == 302
    assert response["Location"] == "/es/accounts/login/?next=/es/session/kept-form/"
    assert not Consultation.objects.exists()
    # Kept encrypted in the server-side session: what was typed is not readable there.
    kept = staff.session[KEPT_POST]
    assert "pasaporte" not in str(kept)

    staff.force_login(world.user("hub_staff"))
    page = staff.get("/es/session/kept-form/")
    assert page["Cache-Control"] == "no-store, private"
    html = page.content.decode()
    assert "Su formulario se guardó" in html
    assert 'value="Necesita renovar su pasaporte"' in html
    assert f'action="{RECORD}"' in html

    data = consultation_data(own, listings[0])
    saved = staff.post(RECORD, data)
    assert saved.status_code == 302
    consultation = Consultation.objects.get()
    assert [referral.service for referral in consultation.referrals.all()] == [listings[0]]
    assert KEPT_POST not in staff.session


def test_someone_else_signing_in_does_not_get_the_kept_form(
    world, hubs, listings, staff, settings
) -> None:
    own, _other = hubs
    send_after_the_session_ended(staff, settings, consultation_data(own, listings[0]))
    staff.force_login(world.user("other_hub_staff"))
    response = staff.get("/es/session/kept-form/")
    assert response.status_code == 302
    assert response["Location"] == "/es/me/"


def test_the_kept_form_can_be_dropped(world, hubs, listings, staff, settings) -> None:
    own, _other = hubs
    send_after_the_session_ended(staff, settings, consultation_data(own, listings[0]))
    staff.force_login(world.user("hub_staff"))
    response = staff.post("/es/session/kept-form/")
    assert response["Location"] == RECORD
    assert KEPT_POST not in staff.session
    assert not Consultation.objects.exists()


def test_a_stale_csrf_token_gets_a_page_that_sends_the_consultation_again(
    world, hubs, listings, settings
) -> None:
    own, _other = hubs
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("hub_staff"))
    client.get(RECORD)
    data = {**consultation_data(own, listings[0]), "csrfmiddlewaretoken": "x" * 64}
    response = client.post(RECORD, data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 403
    html = response.content.decode()
    assert "No se pudo enviar el formulario" in html
    assert 'value="Necesita renovar su pasaporte"' in html
    assert "x" * 64 not in html
    assert response["Cache-Control"] == "no-store, private"

    fresh = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    again = client.post(
        RECORD, {**data, "csrfmiddlewaretoken": fresh}, HTTP_ORIGIN="http://testserver"
    )
    assert again.status_code == 302
    assert Consultation.objects.get().needs == "Necesita renovar su pasaporte"


def test_a_form_forged_by_another_site_is_not_offered_again(world, hubs, listings) -> None:
    own, _other = hubs
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("hub_staff"))
    response = client.post(
        RECORD, consultation_data(own, listings[0]), HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "No se pudo enviar el formulario" in html
    assert "pasaporte" not in html


def test_a_form_from_another_tab_is_kept_for_the_person_the_timeout_signed_out(
    world, hubs, listings, staff, settings
) -> None:
    own, _other = hubs
    session = staff.session
    session[LAST_SEEN_AT] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 1
    session.save()
    # Another tab meets the end of the session first.
    assert staff.get("/es/me/").status_code == 302
    response = staff.post(RECORD, consultation_data(own, listings[0]))
    assert response["Location"] == "/es/accounts/login/?next=/es/session/kept-form/"
    staff.force_login(world.user("hub_staff"))
    assert "pasaporte" in staff.get("/es/session/kept-form/").content.decode()


def test_a_form_sent_by_a_visitor_no_one_signed_out_is_not_kept(hubs, listings) -> None:
    own, _other = hubs
    response = Client().post(RECORD, consultation_data(own, listings[0]))
    assert response["Location"] == f"/es/accounts/login/?next={RECORD}"
