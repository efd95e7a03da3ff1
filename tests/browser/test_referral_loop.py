"""Referrals close the loop in the browser: a hub refers a person to another organisation's
service, that organisation accepts the referral and records that the person attended, and the
referring hub sees it — with axe checks."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from migralocal.consultations.tests.helpers import record
from migralocal.core.roles import OrganisationRole
from migralocal.core.tests.factories import PASSWORD, MembershipFactory, UserFactory
from migralocal.core.tests.world import build_world, give_authenticator
from migralocal.directory.tests.helpers import make_hub, make_service, world_hubs
from tests.browser.conftest import serious_accessibility_violations, sign_in, sign_out


def test_a_referral_is_accepted_then_attended_and_the_referring_hub_sees_it(page: Any) -> None:
    world = build_world()
    own, _other = world_hubs(world)
    service = make_service(hub=own, name={"es": "Orientación laboral", "en": "Job guidance"})
    referring_hub = make_hub(
        operator=world.private_cso, municipality=world.el_progreso, slug="punto-red-discreta"
    )
    referrer = UserFactory.create(email="referrer@example.org")
    MembershipFactory.create(
        user=referrer, organisation=world.private_cso, role=OrganisationRole.HUB_STAFF
    )
    give_authenticator(referrer)
    consultation = record(referring_hub, referrer, referrals=(service,))
    receiver = world.user("hub_staff")

    sign_in(page, receiver.email, PASSWORD)
    page.goto("/es/")
    expect(page.locator(".menu-count")).to_have_text("1 pendiente")
    page.goto("/es/consultations/referrals/incoming/")
    assert serious_accessibility_violations(page) == []
    card = page.locator("article.referral-form").first
    card.locator("select[name$=status]").select_option("accepted")
    card.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    card = page.locator("article.referral-form").first
    expect(card.locator(".badge")).to_have_text("Aceptada")
    card.locator("select[name$=status]").select_option("attended")
    card.locator("button[type=submit]").click()
    expect(page.locator("article.referral-form .badge").first).to_have_text("Atendida")
    assert serious_accessibility_violations(page) == []
    sign_out(page)

    sign_in(page, referrer.email, PASSWORD)
    page.goto(f"/es/consultations/{consultation.pk}/")
    assert serious_accessibility_violations(page) == []
    referral = page.locator(".referral-form").first
    expect(referral.locator(".badge")).to_have_text("Atendida")
    history = referral.locator(".referral-history")
    expect(history).to_contain_text("Servicio que recibe")
    expect(history).to_contain_text("Aceptada")
