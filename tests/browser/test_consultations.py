"""Consultations in the browser: three consultations in a row with a referral each, their
follow-ups, one marked attended, and the hub dashboard showing it — with axe checks."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import build_world
from migralocal.directory.tests.helpers import make_service, world_hubs
from tests.browser.conftest import serious_accessibility_violations, sign_in


def hub_staff_with_services() -> tuple[Any, Any]:
    world = build_world()
    staff = world.user("hub_staff")
    own, _other = world_hubs(world)
    make_service(hub=own, name={"es": "Orientación laboral", "en": "Job guidance"})
    make_service(hub=own, name={"es": "Atención psicosocial", "en": "Psychosocial care"})
    return staff, own


def record_one(page: Any, topic_index: int, service_text: str) -> None:
    page.wait_for_function("window.htmx !== undefined")
    page.locator("input[name=topics]").nth(topic_index).check()
    page.select_option("select[name=age_band]", "18-29")
    page.fill("#referral-search", service_text)
    add = page.locator("#referral-results button").first
    add.wait_for()
    add.click()
    page.locator("#chosen-referrals input[name=referrals]").first.wait_for()
    page.locator("button[name=action][value=another]").click()
    page.wait_for_load_state()
    page.locator(".messages").wait_for()


def test_hub_staff_record_three_consultations_follow_up_and_see_the_dashboard(page: Any) -> None:
    staff, hub = hub_staff_with_services()
    sign_in(page, staff.email, PASSWORD)

    page.goto("/es/consultations/record/")
    assert serious_accessibility_violations(page) == []
    page.select_option("select[name=channel]", "whatsapp")
    for topic_index, service_text in ((0, "Orient"), (1, "psico"), (4, "Orient")):
        record_one(page, topic_index, service_text)
        # "Save and record another" keeps the channel chosen for the first one.
        assert page.locator("select[name=channel]").input_value() == "whatsapp"

    page.goto(f"/es/consultations/hubs/{hub.slug}/follow-ups/")
    assert serious_accessibility_violations(page) == []
    due = page.locator("#due form")
    assert due.count() == 3
    first = due.first
    first.locator("select[name$=status]").select_option("attended")
    first.locator("button[type=submit]").click()
    expect(page.locator("#due form")).to_have_count(2)

    page.goto(f"/es/consultations/hubs/{hub.slug}/dashboard/")
    assert serious_accessibility_violations(page) == []
    assert page.locator(".stat-number").first.inner_text() == "3"
    attended = page.locator("tr", has=page.locator("th", has_text="Atendida"))
    assert attended.locator("td").first.inner_text() == "1"


def test_the_recording_form_works_on_a_phone(phone_page: Any) -> None:
    staff, _hub = hub_staff_with_services()
    sign_in(phone_page, staff.email, PASSWORD)
    phone_page.goto("/es/consultations/record/")
    assert serious_accessibility_violations(phone_page) == []
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    record_one(phone_page, 2, "Orient")
    expect(phone_page.locator(".messages")).to_contain_text("registrada")
