"""The offline site in the browser (docs/offline.md): a migrant reopens the pages read before
with no connection, told when they were saved; hub staff record consultations offline and each
is saved exactly once when the connection returns."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from migralocal.consultations.models import Consultation
from migralocal.core.tests.factories import PASSWORD
from migralocal.core.tests.world import build_world
from migralocal.directory.models import PathwayStep, ReferralPathway
from migralocal.directory.tests.helpers import make_service, world_hubs
from tests.browser.conftest import serious_accessibility_violations, sign_in

CONTROLLED = "() => !!navigator.serviceWorker && navigator.serviceWorker.controller !== null"


def wait_kept(page: Any, prefix: str, count: int) -> None:
    """Until the service worker keeps `count` answers in its caches named `prefix…`."""
    page.wait_for_function(
        """async ([prefix, count]) => {
            let found = 0;
            for (const name of await caches.keys()) {
                if (!name.startsWith(prefix)) continue;
                found += (await (await caches.open(name)).keys()).length;
            }
            return found >= count;
        }""",
        arg=[prefix, count],
    )


def a_pathway(world: Any, hub: Any) -> ReferralPathway:
    service = make_service(hub=hub, name={"es": "Atención a víctimas de trata"})
    pathway = ReferralPathway(slug="trata-el-progreso", country=world.honduras)
    pathway.set_current_language("es")
    pathway.title = "Si eres víctima de trata"
    pathway.first_call = "911"
    pathway.save()
    step = PathwayStep(pathway=pathway, position=1, phone="+504 2647-3333")
    step.set_current_language("es")
    step.title = "Ponte a salvo"
    step.save()
    step.services.add(service)
    return pathway


def test_a_migrant_reopens_a_hub_sheet_and_a_pathway_offline(page: Any) -> None:
    world = build_world()
    own, _other = world_hubs(world)
    pathway = a_pathway(world, own)
    sheet = f"/es/directory/hubs/{own.slug}/sheet/"

    page.goto("/es/")
    page.wait_for_function(CONTROLLED)
    page.goto(sheet)
    page.goto(pathway.get_absolute_url())
    wait_kept(page, "migralocal-pages-", 3)  # the home page too, kept at the worker's request
    expect(page.locator("#offline-notice")).to_be_hidden()

    page.context.set_offline(True)
    name = own.safe_translation_getter("name", language_code="es")
    for address, text in ((sheet, name), (pathway.get_absolute_url(), "Ponte a salvo")):
        page.goto(address)
        expect(page.locator("main")).to_contain_text(text)
        notice = page.locator("#offline-notice")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("sin conexión")
        expect(notice).to_contain_text(str(timezone.now().year))  # when it was saved
    assert serious_accessibility_violations(page) == []
    page.context.set_offline(False)


def test_consultations_recorded_offline_are_sent_once_when_the_connection_returns(
    page: Any,
) -> None:
    world = build_world()
    staff = world.user("hub_staff")
    world_hubs(world)
    sign_in(page, staff.email, PASSWORD)
    form = "/es/consultations/record/offline/"
    page.goto(form)
    page.wait_for_function(CONTROLLED)
    wait_kept(page, "migralocal-forms-", 1)
    assert serious_accessibility_violations(page) == []
    # The form kept on the device names no one, not even the recorder.
    assert staff.display_name not in page.content()

    context = page.context
    context.set_offline(True)
    page.locator("input[name=topics]").nth(0).check()
    page.select_option("select[name=age_band]", "18-29")
    page.locator("#offline-record-form button[type=submit]").click()
    queue = page.locator("#offline-queue")
    expect(queue).to_contain_text(queue.get_attribute("data-waiting-one"))
    page.close()

    again = context.new_page()
    again.goto(form)
    queue = again.locator("#offline-queue")
    expect(queue).to_have_text(queue.get_attribute("data-waiting-one"))
    kept_record = again.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("migralocal-offline", 1);
            open.onsuccess = () => {
                const store = open.result.transaction("consultations").objectStore("consultations");
                const read = store.getAll();
                read.onsuccess = () => resolve(read.result[0]);
            };
        })"""
    )
    assert set(kept_record) >= {"client_id", "hub", "date", "topics"}
    assert not {"name", "contact", "document_number"} & set(kept_record)
    assert Consultation.objects.count() == 0

    context.set_offline(False)
    expect(queue).to_have_text(queue.get_attribute("data-sent"))
    assert Consultation.objects.filter(client_id=kept_record["client_id"]).count() == 1

    # The same record sent a second time (a lost answer, another tab): refused, and forgotten.
    again.evaluate(
        """(entry) => new Promise((resolve) => {
            const open = indexedDB.open("migralocal-offline", 1);
            open.onsuccess = () => {
                const write = open.result.transaction("consultations", "readwrite");
                write.objectStore("consultations").put(entry);
                write.oncomplete = () => resolve();
            };
        })""",
        kept_record,
    )
    again.locator("#offline-send").click()
    expect(queue).to_have_text(queue.get_attribute("data-sent"))
    assert Consultation.objects.count() == 1
