"""Following a commitment by e-mail in the browser: a visitor follows it from its public page,
confirms by the link in the e-mail, hears of its progress, and stops by one click on the link in
that e-mail. Every page passes axe."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from migralocal.commitments import services as commitment_services
from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.core.follow_models import Follow
from migralocal.core.tests.world import build_world
from tests.browser.conftest import serious_accessibility_violations

FOLLOWER = "vecina@example.org"


def link_path_in(message: Any, fragment: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/\S*{fragment}\S*)", str(message.body))
    assert found is not None, message.body
    return found.group(1)


def messages_to(email: str) -> list[Any]:
    return [message for message in mail.outbox if message.to == [email]]


def test_a_visitor_follows_a_commitment_confirms_and_stops_by_one_click(page: Any) -> None:
    world = build_world()
    commitment = CommitmentBuilder(world).verified(title="Ventanilla única para retornados")

    page.goto(f"/es/commitments/{commitment.slug}/")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Su correo electrónico").fill(FOLLOWER)
    page.get_by_role("button", name="Seguir", exact=True).click()
    expect(page.locator("h1")).to_have_text("Revise su correo")
    assert serious_accessibility_violations(page) == []
    (confirmation,) = messages_to(FOLLOWER)
    assert confirmation.subject == "Confirme que desea seguir: Ventanilla única para retornados"

    page.goto(link_path_in(confirmation, "/follow/confirm/"))
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Confirmar").click()
    expect(page.locator("h1")).to_have_text("Ahora lo sigue")
    assert serious_accessibility_violations(page) == []

    commitment_services.progress_update_add(
        commitment=commitment,
        author=world.user("admin"),
        date=timezone.localdate(),
        text="Abrimos la segunda oficina.",
        language="es",
    )
    news = messages_to(FOLLOWER)[-1]
    assert news.subject == "Avance: Ventanilla única para retornados"
    assert news.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(link_path_in(news, "/follow/stop/"))
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Dejar de recibir los correos").click()
    expect(page.locator("h1")).to_have_text("No más correos")
    assert serious_accessibility_violations(page) == []
    assert not Follow.objects.exists()
