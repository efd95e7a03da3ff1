"""A hub refers a consultation's family to a cash programme: a pending registration that the
programme's staff complete into a household. Identifying details travel only with consent."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from migralocal.assistance import grievance_services as gs
from migralocal.assistance import personal_data
from migralocal.assistance.grievances import PendingRegistration
from migralocal.assistance.models import Household
from migralocal.assistance.tests.builders import make_programme
from migralocal.consultations.services import Identity
from migralocal.consultations.tests.helpers import record
from migralocal.core.models import AccessLog
from migralocal.core.no_store import NO_STORE
from migralocal.core.tests.world import World
from migralocal.directory.tests.helpers import world_hubs

pytestmark = pytest.mark.django_db


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def consultations(world: World):
    own, other = world_hubs(world)
    staff = world.user("hub_staff")
    with_consent = record(
        own,
        staff,
        identity=Identity(
            consent_purpose="Seguimiento y derivaciones",
            name="María López",
            contact="+504 9999-0000",
            document_number="0801199912345",
        ),
    )
    without = record(own, staff)
    elsewhere = record(other, world.user("other_hub_staff"))
    return with_consent, without, elsewhere


def test_a_referral_carries_identity_only_with_the_persons_consent(world: World) -> None:
    programme = make_programme(world)
    with_consent, without, _elsewhere = consultations(world)
    staff = world.user("hub_staff")

    consented = gs.cash_referral_make(actor=staff, consultation=with_consent, programme=programme)
    anonymous = gs.cash_referral_make(actor=staff, consultation=without, programme=programme)

    assert consented.consented and consented.name == "María López"
    assert consented.document_number == "0801199912345"
    assert consented.municipality == world.el_progreso and consented.hub == with_consent.hub
    assert not anonymous.consented
    assert (anonymous.name, anonymous.contact, anonymous.document_number) == ("", "", "")
    assert anonymous.consent_purpose == "" and anonymous.source_reference == ""
    # The transfer of details is a reading of them, logged; none without consent.
    assert AccessLog.objects.filter(user=staff, reason__contains="cash assistance").count() == 1
    # The person's request to erase their details reaches the copy too.
    reference = with_consent.identity.reference
    assert personal_data.owns_reference(reference)
    assert personal_data.erase_person(user=None, email="", references=[reference])["referrals"]
    consented.refresh_from_db()
    assert consented.name == "" and consented.document_number == ""


def test_bad_referrals_are_refused(world: World) -> None:
    programme = make_programme(world)
    with_consent, _without, elsewhere = consultations(world)
    staff = world.user("hub_staff")
    gs.cash_referral_make(actor=staff, consultation=with_consent, programme=programme)
    with pytest.raises(ValidationError):
        gs.cash_referral_make(actor=staff, consultation=with_consent, programme=programme)
    # A consultation in another country: the programme does not work there.
    with pytest.raises(ValidationError):
        gs.cash_referral_make(
            actor=world.user("other_hub_staff"), consultation=elsewhere, programme=programme
        )
    with pytest.raises(PermissionDenied):
        gs.cash_referral_make(
            actor=world.user("other_hub_staff"), consultation=with_consent, programme=programme
        )
    assert PendingRegistration.objects.count() == 1


def test_staff_refer_from_the_consultation_and_complete_the_household(world: World) -> None:
    programme = make_programme(world)
    with_consent, without, _elsewhere = consultations(world)
    hub = signed_in(world, "hub_staff")
    refer_url = reverse("assistance:refer_consultation", kwargs={"pk": without.pk})
    assert programme.name in hub.get(refer_url).content.decode()
    assert hub.post(refer_url, {"programme": programme.pk}).status_code == 302
    assert hub.post(refer_url, {"programme": "0"}).status_code == 200
    assert signed_in(world, "other_hub_staff").get(refer_url).status_code in (403, 404)
    consultation_page = hub.get(without.get_absolute_url()).content.decode()
    assert refer_url in consultation_page

    pending = PendingRegistration.objects.get()
    url = reverse("assistance:pending_detail", kwargs={"slug": programme.slug, "pk": pending.pk})
    page = hub.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == NO_STORE
    listing = hub.get(reverse("assistance:pending", kwargs={"slug": programme.slug}))
    assert str(pending) in listing.content.decode()
    form = {
        "household_ref": "H-REF-1",
        "municipality": world.el_progreso.pk,
        "population_group": "migrant",
        "consent_purpose": "Registro y pagos",
        "consent_given": "on",
        "m-TOTAL_FORMS": "1",
        "m-INITIAL_FORMS": "0",
        "m-MIN_NUM_FORMS": "1",
        "m-MAX_NUM_FORMS": "20",
        "m-0-person_ref": "P-REF-1",
        "m-0-given_names": "Ana",
        "m-0-family_names": "Paz",
        "m-0-sex": "female",
    }
    missing = hub.post(url, {**form, "m-0-given_names": ""})
    assert missing.status_code == 200 and not Household.objects.exists()
    done = hub.post(url, {**form, "has_disability": "on", "income_lost": "on"})
    household = Household.objects.get()
    assert done.status_code == 302
    # The targeting answers asked on the form are kept, as on the registration form.
    assert household.has_disability and household.income_lost and not household.other_assistance
    pending.refresh_from_db()
    assert pending.status == "registered" and pending.household == household
    with pytest.raises(ValidationError):
        gs.pending_decline(actor=world.user("hub_staff"), pending=pending)

    # With consent, the details are shown to the programme's staff, and the reading logged.
    consented = gs.cash_referral_make(
        actor=world.user("hub_staff"), consultation=with_consent, programme=programme
    )
    url = reverse("assistance:pending_detail", kwargs={"slug": programme.slug, "pk": consented.pk})
    assert "María" in hub.get(url).content.decode()
    assert AccessLog.objects.filter(object_id=str(consented.pk)).exists()
    # Platform admins keep the programme, by reference only: never the names.
    admin_page = signed_in(world, "admin").get(url)
    assert admin_page.status_code == 200 and "María" not in admin_page.content.decode()
    assert hub.post(url, {"decline": "1"}).status_code == 302
    consented.refresh_from_db()
    assert consented.status == "declined"
