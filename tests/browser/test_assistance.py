"""Cash assistance in Quito's demo programme, one journey on a phone: the officer registers a
household whose head has the same name, birth date and phone as someone already registered; the
duplicate search shows the pair and the officer decides they are different people; the manager
(another person: four eyes) assesses, approves and enrols the household; the finance officer
makes a list of the third cycle with the other provider, downloads it and uploads the
provider's report; a person sends a grievance on the public form and the grievance focal point
answers it. Every page passes axe at 390 px."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from migralocal.assistance import demo
from migralocal.assistance.grievances import Grievance
from migralocal.assistance.models import DuplicatePair, Household, Member, Payment
from migralocal.core.demo import DEMO_DOMAIN, DEMO_PASSWORD
from tests.browser.conftest import PHONE, fits_the_phone, sign_in, sign_out

PROGRAMME = f"/es/assistance/{demo.SLUG}"
OFFICER = f"asistencia@{DEMO_DOMAIN}"
MANAGER = f"asistencia.gestion@{DEMO_DOMAIN}"
FINANCE = f"asistencia.pagos@{DEMO_DOMAIN}"
FOCAL_POINT = f"quejas@{DEMO_DOMAIN}"
COMPLAINT = "No sé dónde cobrar el pago de diciembre con la billetera móvil."
ANSWER = "Puede cobrarlo en cualquier ventanilla Pichincha Mi Vecino con su cédula."


def passes_axe(page: Any) -> None:
    fits_the_phone(page, PHONE["width"])


def register_a_namesake(page: Any) -> Household:
    existing = Member.objects.get(programme__slug=demo.SLUG, person_ref="UIO-0002-1")
    assert existing.date_of_birth is not None
    page.goto(f"{PROGRAMME}/households/new/")
    passes_axe(page)
    page.fill("input[name=household_ref]", "UIO-0901")
    page.select_option("select[name=municipality]", index=1)
    page.select_option("select[name=population_group]", existing.population_group)
    page.check("input[name=consent_given]")
    page.check("input[name=income_lost]")
    page.fill("input[name=m-0-person_ref]", "UIO-0901-1")
    page.fill("input[name=m-0-given_names]", existing.given_names)
    page.fill("input[name=m-0-family_names]", existing.family_names)
    page.select_option("select[name=m-0-sex]", existing.sex)
    page.fill("input[name=m-0-date_of_birth]", existing.date_of_birth.isoformat())
    page.fill("input[name=m-0-document_number]", "1799999999")
    page.fill("input[name=m-0-phone]", existing.phone)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    passes_axe(page)
    expect(page.locator("main h1")).to_contain_text("UIO-0901")
    return Household.objects.get(programme__slug=demo.SLUG, household_ref="UIO-0901")


def mark_the_pair_different(page: Any, household: Household) -> None:
    page.goto(f"{PROGRAMME}/duplicates/")
    page.locator("main form:not([action]) button[type=submit]").click()
    page.wait_for_load_state()
    passes_axe(page)
    pair = DuplicatePair.objects.get(member_b__household=household)
    expect(page.locator("main")).to_contain_text("UIO-0901-1")
    page.locator(f"button[name=p{pair.pk}-decision][value=different]").click()
    page.wait_for_load_state()
    pair.refresh_from_db()
    assert pair.decision == DuplicatePair.Decision.DIFFERENT


def approve_and_enrol(page: Any, household: Household) -> None:
    page.goto(f"{PROGRAMME}/targeting/")
    passes_axe(page)
    page.locator("form[action$='/targeting/assess/'] button").click()
    page.wait_for_load_state()
    page.check(f"input[name=households][value='{household.pk}']")
    page.locator("form[action$='/targeting/approve/'] button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form[action$='/targeting/enrol/'] button").click()
    page.wait_for_load_state()
    household.refresh_from_db()
    assert household.status == Household.Status.ENROLLED
    assert household.approved_by is not None and household.approved_by.email == MANAGER


def pay_in_the_third_cycle(page: Any, household: Household) -> None:
    third = household.programme.payment_cycles.get(number=3)
    page.goto(f"{PROGRAMME}/payments/cycles/{third.pk}/list/")
    passes_axe(page)
    counter = household.programme.providers.get(kind="cash")
    page.select_option("select[name=provider]", str(counter.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    passes_axe(page)
    with page.expect_download() as download:
        page.locator("main a[href$='export.csv']").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2  # the header and the new household, with the head's names
    reference, amount = rows[1][0], rows[1][-2]
    report = f"reference,status,amount,provider_reference\n{reference},paid,{amount},PMV-3-1\n"
    page.set_input_files(
        "input[name=report]",
        {"name": "reporte.csv", "mimeType": "text/csv", "buffer": report.encode()},
    )
    page.locator("form[action$='/reconcile/'] button[type=submit]").click()
    page.wait_for_load_state()
    passes_axe(page)
    payment = Payment.objects.get(reference=reference)
    assert payment.household_id == household.pk and payment.status == Payment.Status.PAID


def test_a_household_is_registered_approved_paid_and_a_grievance_answered(
    phone_page: Any, demo_db: None
) -> None:
    page = phone_page
    sign_in(page, OFFICER, DEMO_PASSWORD)
    household = register_a_namesake(page)
    mark_the_pair_different(page, household)
    sign_out(page)

    sign_in(page, MANAGER, DEMO_PASSWORD)
    approve_and_enrol(page, household)
    page.goto(f"{PROGRAMME}/households/{household.pk}/")
    passes_axe(page)
    expect(page.locator("main")).to_contain_text("Inscrito para pagos")
    sign_out(page)

    sign_in(page, FINANCE, DEMO_PASSWORD)
    pay_in_the_third_cycle(page, household)
    sign_out(page)

    page.goto(f"{PROGRAMME}/feedback/")
    passes_axe(page)
    page.select_option("select[name=category]", "payment_not_received")
    page.fill("textarea[name=description]", COMPLAINT)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    passes_axe(page)
    grievance = Grievance.objects.get(programme__slug=demo.SLUG, status="received")
    expect(page.locator("main")).to_contain_text(grievance.reference)

    sign_in(page, FOCAL_POINT, DEMO_PASSWORD)
    page.goto(f"{PROGRAMME}/grievances/{grievance.pk}/")
    passes_axe(page)
    page.select_option("select[name=status]", "resolved")
    page.fill("textarea[name=response]", ANSWER)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    grievance.refresh_from_db()
    assert grievance.status == "resolved" and grievance.response == ANSWER
