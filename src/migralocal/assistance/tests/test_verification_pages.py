"""The payment verification pages, per role: finance officers and the manager draw a cycle's
sample; officers, finance officers and the manager call and record with two-factor
authentication (the head's name and phone shown, the reading logged, never stored); the
cycle's page shows its rates to whoever reads the payments, names only to the staff."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from migralocal.assistance import verification_services
from migralocal.assistance.models import PaymentCycle, PaymentVerification, VerificationDraw
from migralocal.assistance.tests.builders import no_two_factor
from migralocal.assistance.tests.payment_builders import APPROVER, FINANCE
from migralocal.assistance.tests.verification_builders import (
    households,
    paid_cycle,
    verification_programme,
)
from migralocal.core.models import AccessLog
from migralocal.core.no_store import NO_STORE
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


@pytest.fixture
def cycle(world: World) -> PaymentCycle:
    programme = verification_programme(world)
    households(world, programme, 6)
    return paid_cycle(world, programme, 1, unpaid=1)


def _url(name: str, cycle: PaymentCycle, pk: int | None = None) -> str:
    return reverse(
        f"assistance:{name}", kwargs={"slug": cycle.programme.slug, "pk": pk or cycle.pk}
    )


def test_finance_and_the_manager_draw_others_may_not(world: World, cycle: PaymentCycle) -> None:
    draw = _url("verification_draw", cycle)
    for role in ("hub_staff", APPROVER, "admin", "other_hub_staff"):
        assert signed_in(world, role).post(draw, {"size": "2"}).status_code in (403, 404), role
    assert not VerificationDraw.objects.exists()
    assert signed_in(world, FINANCE).get(draw).status_code == 200
    response = signed_in(world, FINANCE).post(draw, {"size": "2"})
    assert response.status_code == 302
    assert signed_in(world, "focal_point").post(draw, {"share": "50"}).status_code == 302
    assert PaymentVerification.objects.filter(cycle=cycle).count() == 2 + 2  # half of 3 left


def test_a_bad_size_is_shown_beside_the_form_and_nothing_is_drawn(
    world: World, cycle: PaymentCycle
) -> None:
    draw = _url("verification_draw", cycle)
    page = signed_in(world, FINANCE).post(draw, {"size": "9"})
    assert page.status_code == 200
    assert "Solo quedan 5 hogares pagados" in page.content.decode()
    page = signed_in(world, FINANCE).post(draw, {"size": "2", "share": "10"})
    assert "no ambos" in page.content.decode()
    assert not VerificationDraw.objects.exists()


def test_the_cycle_page_shows_rates_and_names_only_to_the_staff(
    world: World, cycle: PaymentCycle
) -> None:
    verification_services.verification_sample_draw(actor=world.user(FINANCE), cycle=cycle, size=5)
    one = PaymentVerification.objects.first()
    assert one is not None
    verification_services.verification_record(
        actor=world.user(FINANCE),
        verification=one,
        result=verification_services.VerificationResult(
            "yes", "yes", one.payment.amount, 5, timezone.localdate()
        ),
    )
    page = _url("verification", cycle)
    staff = signed_in(world, "hub_staff").get(page)
    assert staff.status_code == 200
    assert staff["Cache-Control"] == NO_STORE
    text = staff.content.decode()
    assert "Persona0" in text  # the heads' names
    assert 'data-figure="verification_rate">20 %' in text
    assert 'data-figure="received_share">100 %' in text
    admin = signed_in(world, "admin").get(page).content.decode()
    assert "Persona0" not in admin and 'data-figure="sampled">5<' in admin
    assert signed_in(world, "other_hub_staff").get(page).status_code == 404
    # Staff without two-factor authentication are sent to set it up first.
    no_two_factor(world.user("hub_staff"))
    unprotected = signed_in(world, "hub_staff").get(page)
    assert unprotected.status_code == 302 and "2fa" in unprotected["Location"]


def test_officers_record_a_call_with_the_phone_shown_and_logged(
    world: World, cycle: PaymentCycle
) -> None:
    verification_services.verification_sample_draw(actor=world.user(FINANCE), cycle=cycle, size=1)
    one = PaymentVerification.objects.get()
    url = _url("verification_record", cycle, one.pk)
    for role in (APPROVER, "admin"):
        assert signed_in(world, role).get(url).status_code == 403, role
    assert signed_in(world, "other_hub_staff").get(url).status_code == 404
    page = signed_in(world, "hub_staff").get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == NO_STORE
    assert AccessLog.objects.filter(user=world.user("hub_staff")).exists()
    refused = signed_in(world, "hub_staff").post(
        url, {"reached": "yes", "contacted_on": timezone.localdate().isoformat()}
    )
    assert refused.status_code == 200
    assert "Indique si el hogar recibió la transferencia" in refused.content.decode()
    assert PaymentVerification.objects.get().reached == ""
    done = signed_in(world, "hub_staff").post(
        url,
        {
            "reached": "yes",
            "received": "partly",
            "amount_received": "10",
            "satisfaction": "3",
            "contacted_on": timezone.localdate().isoformat(),
            "notes": "Cobro en agente",
        },
    )
    assert done.status_code == 302
    stored = PaymentVerification.objects.get()
    assert (stored.received, stored.satisfaction, stored.notes) == ("partly", 3, "Cobro en agente")
    no_two_factor(world.user(FINANCE))
    unprotected = signed_in(world, FINANCE).get(url)
    assert unprotected.status_code == 302 and "2fa" in unprotected["Location"]


def test_the_verification_table_downloads_without_names_phones_or_notes(
    world: World, cycle: PaymentCycle
) -> None:
    verification_services.verification_sample_draw(actor=world.user(FINANCE), cycle=cycle, size=3)
    one = PaymentVerification.objects.order_by("household__household_ref").first()
    assert one is not None
    verification_services.verification_record(
        actor=world.user(FINANCE),
        verification=one,
        result=verification_services.VerificationResult(
            "yes", "yes", one.payment.amount, 4, timezone.localdate(), "Persona0 said thanks"
        ),
    )
    one.refresh_from_db()
    refs = sorted(PaymentVerification.objects.values_list("household__household_ref", flat=True))

    def export(file_format: str) -> str:
        kwargs = {"slug": cycle.programme.slug, "pk": cycle.pk, "file_format": file_format}
        return reverse("assistance:verification_export", kwargs=kwargs)

    page = signed_in(world, "hub_staff").get(_url("verification", cycle)).content.decode()
    assert export("csv") in page and export("xlsx") in page
    for role in ("hub_staff", "admin"):
        csv_response = signed_in(world, role).get(export("csv"))
        assert csv_response.status_code == 200, role
        assert 'verification-1.csv"' in csv_response["Content-Disposition"]
        text = csv_response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][0] == "Referencia del hogar" and rows[0][-1] == "Contactado el"
        assert [row[0] for row in rows[1:]] == refs
        assert rows[1][4:8] == [
            str(one.get_reached_display()),
            str(one.get_received_display()),
            str(one.payment.amount),
            "4",
        ]
        for absent in ("Persona", "Hogar V", "9988", "thanks"):
            assert absent not in text, (role, absent)
        workbook = load_workbook(io.BytesIO(signed_in(world, role).get(export("xlsx")).content))
        sheet = workbook.worksheets[0]
        assert [row[0] for row in sheet.iter_rows(values_only=True)] == [rows[0][0], *refs]
    assert signed_in(world, "other_hub_staff").get(export("csv")).status_code == 404
    assert signed_in(world, "hub_staff").get(export("pdf")).status_code == 404
