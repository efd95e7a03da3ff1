"""The targeting and payment pages, per role: the ranked list and four-eyes approval, a payment
list made, exported (names, logged, never stored) and reconciled from the provider's report,
with bad reports refused whole."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from migralocal.assistance import payment_services, payment_views
from migralocal.assistance.models import Household, Payment, PaymentCycle, PaymentList
from migralocal.assistance.tests.builders import no_two_factor
from migralocal.assistance.tests.payment_builders import (
    APPROVER,
    FINANCE,
    cycle,
    enrolled,
    household,
    targeting_programme,
)
from migralocal.core.models import AccessLog
from migralocal.core.no_store import NO_STORE
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db


def signed_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_targeting_ranks_and_a_second_person_approves(world: World) -> None:
    programme = targeting_programme(world)
    first = household(world, programme, "H1", size=2, income_lost=True, has_disability=True)
    household(world, programme, "H2", size=1, other_assistance=True).members.update(sex="male")
    url = reverse("assistance:targeting", kwargs={"slug": programme.slug})
    officer = signed_in(world, "hub_staff")

    officer.post(reverse("assistance:assess", kwargs={"slug": programme.slug}))
    page = officer.get(url).content.decode()

    assert "H1" in page and "Disability (+4,0)" in page and "No elegibles: 1." in page
    approve = reverse("assistance:approve", kwargs={"slug": programme.slug})
    # The officer does not approve; the approver does, and the admin is refused.
    assert officer.post(approve, {"households": [first.pk]}).status_code == 403
    assert signed_in(world, "admin").post(approve, {"households": [first.pk]}).status_code == 403
    assert signed_in(world, "admin").get(url).status_code == 200
    approver = signed_in(world, APPROVER)
    followed = approver.post(approve, {"households": [first.pk]}, follow=True).content.decode()
    assert "Se aprobaron 1 hogares." in followed
    approver.post(reverse("assistance:enrol", kwargs={"slug": programme.slug}))
    first.refresh_from_db()
    assert first.status == Household.Status.ENROLLED
    assert signed_in(world, "other_hub_staff").get(url).status_code == 404


def test_the_manager_who_registered_cannot_approve_on_the_page(world: World) -> None:
    programme = targeting_programme(world)
    own = household(world, programme, "H1", income_lost=True)
    Household.objects.filter(pk=own.pk).update(registered_by=world.user("focal_point"))
    payment_services.households_assess(actor=world.user("hub_staff"), programme=programme)
    approve = reverse("assistance:approve", kwargs={"slug": programme.slug})

    page = signed_in(world, "focal_point").post(approve, {"households": [own.pk]}, follow=True)

    assert "Usted registró el hogar H1: otra persona debe aprobarlo." in page.content.decode()
    own.refresh_from_db()
    assert own.status == Household.Status.ELIGIBLE


def test_finance_makes_a_list_exports_it_and_reconciles_the_report(world: World) -> None:
    programme = targeting_programme(world)
    enrolled(world, programme, ("H1", 1), ("H2", 2))
    finance = signed_in(world, FINANCE)
    slug = programme.slug
    finance.post(
        reverse("assistance:provider_create", kwargs={"slug": slug}),
        {
            "name": "Tigo Money",
            "kind": "mobile_money",
            "export_columns": ["reference", "given_names", "amount"],
        },
    )
    finance.post(
        reverse("assistance:cycle_create", kwargs={"slug": slug}),
        {"number": "1", "starts_on": "2026-02-01", "ends_on": "2026-02-28"},
    )
    first_cycle = PaymentCycle.objects.get()
    made = finance.post(
        reverse("assistance:payment_list_create", kwargs={"slug": slug, "pk": first_cycle.pk}),
        {"provider": programme.providers.get().pk},
    )
    payment_list = PaymentList.objects.get()
    assert made.status_code == 302 and payment_list.payments.count() == 2

    export = finance.get(
        reverse(
            "assistance:payment_export",
            kwargs={"slug": slug, "pk": payment_list.pk, "file_format": "csv"},
        )
    )
    assert export["Cache-Control"] == NO_STORE
    assert "Persona0" in export.content.decode()
    assert AccessLog.objects.filter(user=world.user(FINANCE)).exists()
    # The list page shows references and amounts, never names.
    list_url = reverse("assistance:payment_list", kwargs={"slug": slug, "pk": payment_list.pk})
    assert "Persona0" not in finance.get(list_url).content.decode()

    reconcile = reverse("assistance:reconcile", kwargs={"slug": slug, "pk": payment_list.pk})
    one, two = payment_list.payments.order_by("amount")
    bad = (
        "reference,status,amount,provider_reference\n"
        f"{one.reference},paid,33.33,T1\nNOPE,paid,1,T2\n{two.reference},paid,60,T3\n"
    )
    refused = finance.post(
        reverse("assistance:reconcile", kwargs={"slug": slug, "pk": payment_list.pk}),
        {"report": SimpleUploadedFile("r.csv", bad.encode(), content_type="text/csv")},
    ).content.decode()
    assert "Fila 3: referencia de pago desconocida NOPE." in refused
    assert "Fila 4: el monto 60 no coincide con el de 66.66" in refused
    assert not Payment.objects.exclude(status=Payment.Status.PENDING).exists()
    good = (
        "reference,status,amount,provider_reference\n"
        f"{one.reference},failed,33.33,\n{two.reference},paid,66.66,T3\n"
    )
    finance.post(reconcile, {"report": SimpleUploadedFile("r.csv", good.encode())})
    assert set(Payment.objects.values_list("status", flat=True)) == {"failed", "paid"}
    overview = finance.get(reverse("assistance:payments", kwargs={"slug": slug})).content.decode()
    assert "99,99" in overview and "66,66" in overview

    # Cycle 2 pays the failed one again, on top of its transfer.
    second = cycle(world, programme, 2)
    finance.post(
        reverse("assistance:payment_list_create", kwargs={"slug": slug, "pk": second.pk}),
        {"provider": programme.providers.get().pk},
    )
    assert Payment.objects.get(cycle=second, household=one.household).amount == Decimal("66.66")


def test_bad_input_on_the_payment_pages_gets_a_translated_error(world: World) -> None:
    programme = targeting_programme(world)
    enrolled(world, programme, ("H1", 3))
    finance = signed_in(world, FINANCE)
    slug = programme.slug
    no_reference = finance.post(
        reverse("assistance:provider_create", kwargs={"slug": slug}),
        {"name": "Banco", "kind": "bank", "export_columns": ["given_names"]},
    ).content.decode()
    assert "La referencia del pago y el monto deben estar entre las columnas." in no_reference
    late = finance.post(
        reverse("assistance:cycle_create", kwargs={"slug": slug}),
        {"number": "9", "starts_on": "2026-02-01", "ends_on": "2026-02-28"},
    ).content.decode()
    assert "El programa paga en los ciclos 1 a 3." in late
    payment_services.provider_create(
        actor=world.user(FINANCE),
        programme=programme,
        name="Banco",
        kind="bank",
        export_columns=["reference", "amount"],
    )
    programme.budget = Decimal("50")
    programme.save()
    first_cycle = cycle(world, programme, 1)
    over = finance.post(
        reverse("assistance:payment_list_create", kwargs={"slug": slug, "pk": first_cycle.pk}),
        {"provider": programme.providers.get().pk},
    ).content.decode()
    assert "superaría el presupuesto del programa" in over
    assert not PaymentList.objects.exists()


REFUSED = "refused"  # 403, or 404 where the programme is not theirs to know of


@pytest.mark.parametrize(
    ("role", "overview", "manage", "export"),
    [
        ("admin", 200, REFUSED, REFUSED),
        ("hub_staff", 200, REFUSED, REFUSED),
        (APPROVER, 200, REFUSED, REFUSED),
        (FINANCE, 200, 200, 200),
        ("focal_point", 200, 200, 200),
        ("other_hub_staff", REFUSED, REFUSED, REFUSED),
        ("no_role", REFUSED, REFUSED, REFUSED),
    ],
)
def test_who_opens_the_payment_pages(
    world: World, role: str, overview: object, manage: object, export: object
) -> None:
    programme = targeting_programme(world)
    enrolled(world, programme, ("H1", 1))
    provider = payment_services.provider_create(
        actor=world.user(FINANCE),
        programme=programme,
        name="Banco",
        kind="bank",
        export_columns=["reference", "amount"],
    )
    payment_list = payment_services.payment_list_create(
        actor=world.user(FINANCE), cycle=cycle(world, programme, 1), provider=provider
    )
    client = signed_in(world, role)
    slug = programme.slug

    def answer(url: str) -> object:
        code = client.get(url).status_code
        return REFUSED if code in (403, 404) else code

    assert answer(reverse("assistance:payments", kwargs={"slug": slug})) == overview
    assert answer(reverse("assistance:targeting", kwargs={"slug": slug})) == overview
    assert answer(reverse("assistance:cycle_create", kwargs={"slug": slug})) == manage
    assert answer(reverse("assistance:provider_create", kwargs={"slug": slug})) == manage
    lists = reverse(
        "assistance:payment_list_create", kwargs={"slug": slug, "pk": payment_list.cycle_id}
    )
    assert answer(lists) == manage
    export_url = reverse(
        "assistance:payment_export",
        kwargs={"slug": slug, "pk": payment_list.pk, "file_format": "xlsx"},
    )
    assert answer(export_url) == export


def test_the_export_wants_two_factor_authentication(world: World) -> None:
    programme = targeting_programme(world)
    enrolled(world, programme, ("H1", 1))
    provider = payment_services.provider_create(
        actor=world.user(FINANCE),
        programme=programme,
        name="Banco",
        kind="bank",
        export_columns=["reference", "amount"],
    )
    payment_list = payment_services.payment_list_create(
        actor=world.user(FINANCE), cycle=cycle(world, programme, 1), provider=provider
    )
    no_two_factor(world.user(FINANCE))
    url = reverse(
        "assistance:payment_export",
        kwargs={"slug": programme.slug, "pk": payment_list.pk, "file_format": "csv"},
    )
    response = signed_in(world, FINANCE).get(url)
    # Sent to set up two-factor authentication first, as every assistance role is.
    assert response.status_code == 302 and "2fa" in response["Location"]


def test_the_programme_form_keeps_several_funding_programmes(world: World) -> None:
    from migralocal.assistance.tests.test_pages import programme_post
    from migralocal.programmes.tests.builders import make_programme as make_funding_programme

    programme = targeting_programme(world)
    first = make_funding_programme(world, slug="uno")
    second = make_funding_programme(world, slug="dos")
    url = reverse("assistance:edit", kwargs={"slug": programme.slug})
    manager = signed_in(world, "focal_point")

    manager.post(url, {**programme_post(world), "programmes": [first.pk, second.pk]})

    assert set(programme.programmes.all()) == {first, second}
    page = manager.get(programme.get_absolute_url()).content.decode()
    assert page.count("Centros de Información") == 2  # both funders, by their Spanish name


def test_staff_record_the_targeting_answers_on_the_registration_form(world: World) -> None:
    programme = targeting_programme(world)
    url = reverse("assistance:household_create", kwargs={"slug": programme.slug})
    data = {
        "household_ref": "H-9",
        "municipality": world.el_progreso.pk,
        "population_group": "host",
        "consent_purpose": "Pagos",
        "consent_given": "on",
        "income_lost": "on",
        "has_disability": "on",
        "m-TOTAL_FORMS": "1",
        "m-INITIAL_FORMS": "0",
        "m-MIN_NUM_FORMS": "1",
        "m-MAX_NUM_FORMS": "20",
        "m-0-person_ref": "P-9",
        "m-0-given_names": "Rosa",
        "m-0-family_names": "Mejía",
        "m-0-sex": "female",
    }

    signed_in(world, "hub_staff").post(url, data)

    registered = Household.objects.get(household_ref="H-9")
    assert registered.income_lost and registered.has_disability
    assert not registered.other_assistance
    assert registered.status == Household.Status.REGISTERED


def test_the_payment_list_shows_a_page_of_payments_under_the_whole_lists_totals(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(payment_views, "PAYMENTS_PER_PAGE", 2)
    programme = targeting_programme(world)
    enrolled(world, programme, ("H1", 1), ("H2", 1), ("H3", 1))
    finance = world.user(FINANCE)
    provider = payment_services.provider_create(
        actor=finance,
        programme=programme,
        name="Tigo Money",
        kind="mobile_money",
        export_columns=["reference", "amount"],
    )
    payment_list = payment_services.payment_list_create(
        actor=finance, cycle=cycle(world, programme, 1), provider=provider
    )
    references = list(
        payment_list.payments.order_by("reference").values_list("reference", flat=True)
    )
    url = reverse("assistance:payment_list", kwargs={"slug": programme.slug, "pk": payment_list.pk})
    client = signed_in(world, FINANCE)
    first, second = client.get(url), client.get(url, {"page": "2"})
    total = sum(payment.amount for payment in payment_list.payments.all())
    for response, shown in ((first, references[:2]), (second, references[2:])):
        html = response.content.decode()
        assert "Totales de toda la lista" in html
        (totals,) = response.context["totals"]
        assert (totals["payments"], totals["total"]) == (3, total)
        assert "<td>1</td><td>3</td><td>99,99" in html
        assert all(reference in html for reference in shown)
        assert not any(reference in html for reference in references if reference not in shown)
    assert "Página 1 de 2" in first.content.decode()
