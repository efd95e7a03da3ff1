"""Submitting: anonymous with e-mail confirmation, signed-in, and the spam defences."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from migralocal.commitments import services, spam
from migralocal.commitments.models import Attachment, Commitment, ModerationState
from migralocal.core.models import TaxonomyTerm
from migralocal.core.tests.files import image_bytes
from migralocal.core.tests.world import World

PNG = image_bytes("PNG")
PDF = b"%PDF-1.7\n" + b"0" * 64


def form_data(world: World, **changes: Any) -> dict[str, Any]:
    objective = TaxonomyTerm.objects.of("gcm-objectives").get(code="gcm-03")
    data: dict[str, Any] = {
        "organisation_name": "Red Vecinal de Acogida",
        "country": world.honduras.pk,
        "kind": "practice",
        "title": "Charlas informativas en el parque central",
        "summary": "Cada sábado, información sobre trámites migratorios.",
        "description": "Con **apoyo** de la municipalidad.",
        "translated_title": "Information talks in the central park",
        "translated_summary": "Every Saturday, information on migration procedures.",
        "main_objective": objective.pk,
        "status": "in_progress",
        "start_date": "2024-01-15",
        "links": "https://example.org/charlas",
        "email": "vecina@example.org",
        "homepage": "",
    }
    data.update(changes)
    return data


def submit(client: Client, data: dict[str, Any], **extra: Any):
    return client.post(reverse("commitments:submit"), data, **extra)


def test_anonymous_submission_waits_for_the_emailed_confirmation(
    world: World, client: Client
) -> None:
    response = submit(client, form_data(world))
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.moderation_state == ModerationState.AWAITING_CONFIRMATION
    assert commitment.organisation_name == "Red Vecinal de Acogida"
    assert commitment.safe_translation_getter("title", language_code="en") == (
        "Information talks in the central park"
    )
    assert client.get(commitment.get_absolute_url()).status_code == 404
    (message,) = mail.outbox
    assert message.to == ["vecina@example.org"]
    found = re.search(r"https?://[^/]+(/es/commitments/confirm/\S+)", str(message.body))
    assert found is not None
    path = found.group(1)
    assert "Confirmar y publicar" in client.get(path).content.decode()
    response = client.post(path)
    assert response["Location"] == commitment.get_absolute_url()
    commitment.refresh_from_db()
    assert commitment.moderation_state == ModerationState.PENDING
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "No verificado" in page
    # The link works once.
    client.post(path)
    assert commitment.decisions.filter(action="confirmed").count() == 1


def test_a_tampered_confirmation_link_is_refused(world: World, client: Client) -> None:
    response = client.get(reverse("commitments:confirm", args=["not-a-real-token"]))
    assert response.status_code == 400


def test_signed_in_member_submission_is_published_as_not_verified(
    world: World, client: Client
) -> None:
    client.force_login(world.user("focal_point"))
    data = form_data(world, organisation=world.el_progreso_municipality.pk, country="")
    data.pop("email")
    response = submit(client, data)
    commitment = Commitment.objects.get()
    assert response.status_code == 302
    assert commitment.moderation_state == ModerationState.PENDING
    assert commitment.submitted_by == world.user("focal_point")
    assert commitment.country == world.honduras
    assert not mail.outbox


def test_honeypot_submission_is_dropped_silently(world: World, client: Client) -> None:
    response = submit(client, form_data(world, homepage="http://spam.example"))
    assert response.status_code == 302
    assert not Commitment.objects.exists()
    assert not mail.outbox


def test_submissions_are_rate_limited_per_address(world: World, client: Client) -> None:
    for number in range(spam.SUBMISSIONS_PER_HOUR):
        data = form_data(world, title=f"Entrada {number}", email=f"p{number}@example.org")
        assert submit(client, data, REMOTE_ADDR="203.0.113.9").status_code == 302
    response = submit(client, form_data(world), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "Demasiados envíos desde su dirección" in response.content.decode()
    assert Commitment.objects.count() == spam.SUBMISSIONS_PER_HOUR
    # Another address is not affected.
    assert submit(client, form_data(world), REMOTE_ADDR="198.51.100.7").status_code == 302


def test_missing_objective_and_bad_dates_are_reported_beside_the_fields(
    world: World, client: Client
) -> None:
    response = submit(
        client,
        form_data(world, main_objective="", start_date="2025-01-01", end_date="2024-01-01"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "main_objective" in form.errors
    assert "end_date" in form.errors
    assert not Commitment.objects.exists()


def test_too_long_text_is_refused(world: World, client: Client) -> None:
    response = submit(client, form_data(world, description="x" * (services.MAX_DESCRIPTION + 1)))
    assert "description" in response.context["form"].errors
    assert not Commitment.objects.exists()


def test_attachments_are_checked_by_content_not_by_name(world: World, client: Client) -> None:
    disguised = SimpleUploadedFile("informe.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = submit(client, form_data(world, attachments=[disguised]))
    assert response.status_code == 200
    assert "no es un archivo PDF, PNG o JPEG" in str(response.context["form"].errors["attachments"])
    assert not Commitment.objects.exists()

    image = SimpleUploadedFile("foto.txt", PNG, "text/plain")
    document = SimpleUploadedFile("plan.pdf", PDF, "application/pdf")
    assert submit(client, form_data(world, attachments=[image, document])).status_code == 302
    types = set(Attachment.objects.values_list("content_type", flat=True))
    assert types == {"image/png", "application/pdf"}


def test_large_attachments_are_refused(world: World, client: Client, settings: Any) -> None:
    big = SimpleUploadedFile("grande.pdf", PDF + b"0" * spam.MAX_ATTACHMENT_BYTES)
    response = submit(client, form_data(world, attachments=[big]))
    assert "pesa más de" in str(response.context["form"].errors["attachments"])
    assert not Commitment.objects.exists()


def test_attachments_of_unpublished_entries_are_not_served(world: World, client: Client) -> None:
    document = SimpleUploadedFile("plan.pdf", PDF, "application/pdf")
    submit(client, form_data(world, attachments=[document]))
    attachment = Attachment.objects.get()
    assert client.get(attachment.get_absolute_url()).status_code == 404
    services.commitment_confirm_email(commitment=attachment.commitment)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("language", ["es", "en"])
def test_submission_form_reads_in_both_languages(
    world: World, client: Client, language: str
) -> None:
    response = client.get(f"/{language}/commitments/submit/")
    text = response.content.decode()
    assert response.status_code == 200
    assert ("Enviar un compromiso" if language == "es" else "Submit a commitment") in text


class ControlCounter(HTMLParser):
    """Counts the controls a person sees in the submission form: those outside <details>."""

    def __init__(self) -> None:
        super().__init__()
        self.in_form = self.in_details = self.in_honeypot = False
        self.depth_of_honeypot = 0
        self.visible: list[str] = []
        self.inside_details: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form" and attributes.get("enctype") == "multipart/form-data":
            self.in_form = True
        if not self.in_form:
            return
        if tag == "details":
            self.in_details = True
        if tag == "div" and attributes.get("class") == "commitments-hp":
            self.in_honeypot = True
        if tag in {"input", "select", "textarea", "button"} and not self.in_honeypot:
            if attributes.get("type") == "hidden":
                return
            name = attributes.get("name") or tag
            (self.inside_details if self.in_details else self.visible).append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self.in_details = False
        if tag == "div" and self.in_honeypot:
            self.in_honeypot = False
        if tag == "form":
            self.in_form = False


def controls_of(html: str) -> ControlCounter:
    counter = ControlCounter()
    counter.feed(html)
    return counter


def test_public_form_asks_a_citizen_for_at_most_twelve_controls(
    world: World, client: Client
) -> None:
    counter = controls_of(client.get(reverse("commitments:submit")).content.decode())
    assert len(counter.visible) <= 12, counter.visible
    assert {"title", "summary", "main_objective", "email"} <= set(counter.visible)
    # The long lists wait under "more details".
    assert "objectives" in counter.inside_details
    assert "sdgs" in counter.inside_details
    assert "description" in counter.inside_details


def test_an_empty_submission_shows_an_error_summary_at_the_top(
    world: World, client: Client
) -> None:
    response = submit(client, {"homepage": ""})
    html = response.content.decode()
    assert response.status_code == 200
    summary_at = html.index('id="error-summary"')
    assert summary_at < html.index('<form method="post"')
    assert 'tabindex="-1"' in html[summary_at - 120 : summary_at + 120]
    assert 'href="#id_title"' in html
    assert 'href="#id_main_objective"' in html
    assert "<title>Error:" in html or "<title>Error" in html
    assert not Commitment.objects.exists()


def test_more_details_open_when_one_of_their_fields_is_wrong(world: World, client: Client) -> None:
    response = submit(client, form_data(world, links="not a link"))
    assert '<details class="more-details" open>' in response.content.decode()
    response = submit(client, form_data(world, title=""))
    assert '<details class="more-details">' in response.content.decode()


def test_a_members_own_organisation_is_preselected(world: World, client: Client) -> None:
    client.force_login(world.user("focal_point"))
    form = client.get(reverse("commitments:submit")).context["form"]
    assert form["organisation"].value() == world.el_progreso_municipality.pk
    client.force_login(world.user("no_role"))
    form = client.get(reverse("commitments:submit")).context["form"]
    assert form["organisation"].value() is None


def test_the_main_objective_comes_first_and_others_follow(world: World, client: Client) -> None:
    objectives = TaxonomyTerm.objects.of("gcm-objectives")
    other = objectives.get(code="gcm-07")
    main = objectives.get(code="gcm-03")
    submit(client, form_data(world, objectives=[other.pk, main.pk]))
    commitment = Commitment.objects.get()
    assert set(commitment.objectives.values_list("code", flat=True)) == {"gcm-03", "gcm-07"}
