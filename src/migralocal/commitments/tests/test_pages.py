"""Entry pages: Markdown sanitised, social previews, progress updates, both languages."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from migralocal.commitments import services
from migralocal.commitments.tests.builders import CommitmentBuilder, content
from migralocal.core.markdown import markdown_to_plain_text, render_markdown
from migralocal.core.tests.world import World


def test_markdown_keeps_formatting_and_drops_anything_dangerous() -> None:
    html = render_markdown(
        "**Plan** [municipal](https://example.org)\n\n<script>alert(1)</script>"
        '<img src=x onerror="alert(1)"> [mal](javascript:alert(1))'
    )
    assert "<strong>Plan</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer"' in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert markdown_to_plain_text("**Plan** & *más*") == "Plan & más"


def test_entry_page_shows_sanitised_description_and_social_preview(
    world: World, client: Client
) -> None:
    commitment = services.commitment_submit(
        content=content(title="Plan con imagen", organisation=world.el_progreso_municipality),
        language="es",
        submitter=world.user("focal_point"),
    )
    services.commitment_update(
        commitment=commitment,
        content=services.CommitmentContent(
            kind="commitment",
            status="planned",
            texts={
                "es": services.CommitmentText(
                    "Plan con imagen",
                    "Resumen para redes.",
                    "Texto <script>x()</script> **fuerte**",
                )
            },
            objectives=list(commitment.objectives.all()),
            organisation=world.el_progreso_municipality,
        ),
        language="es",
    )
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "<strong>fuerte</strong>" in page
    assert "<script>x()" not in page
    assert '<meta property="og:title" content="Plan con imagen">' in page
    assert '<meta property="og:description" content="Resumen para redes.">' in page
    assert (
        f'<meta property="og:url" content="http://testserver{commitment.get_absolute_url()}">'
        in page
    )
    assert "No verificado" in page


def test_owner_adds_a_dated_progress_update(world: World, build: CommitmentBuilder) -> None:
    commitment = build.verified()
    client = Client()
    client.force_login(world.user("focal_point"))
    response = client.post(
        reverse("commitments:add_update", args=[commitment.slug]),
        {"date": "2024-05-01", "text": "Se contrató a **dos** orientadoras."},
    )
    assert response.status_code == 302
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "<strong>dos</strong>" in page
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.progress_update_add(
            commitment=commitment,
            author=world.user("focal_point"),
            date=tomorrow,
            text="Futuro",
            language="es",
        )
    with pytest.raises(PermissionDenied):
        services.progress_update_add(
            commitment=commitment,
            author=world.user("member"),
            date=timezone.localdate(),
            text="No soy dueña",
            language="es",
        )


def test_owner_edit_keeps_the_verified_badge(world: World, build: CommitmentBuilder) -> None:
    commitment = build.verified()
    client = Client()
    client.force_login(world.user("focal_point"))
    data = {
        "organisation": world.el_progreso_municipality.pk,
        "kind": "commitment",
        "title": "Título al día",
        "summary": "Resumen al día.",
        "status": "completed",
        "objectives": [o.pk for o in commitment.objectives.all()],
    }
    assert client.post(reverse("commitments:edit", args=[commitment.slug]), data).status_code == 302
    commitment.refresh_from_db()
    assert commitment.is_verified
    assert commitment.status == "completed"


def test_entry_in_one_language_falls_back_and_says_so(build: CommitmentBuilder) -> None:
    commitment = build.verified(title="Sólo en español")
    page = Client().get(f"/en/commitments/{commitment.slug}/").content.decode()
    assert "Sólo en español" in page
    assert "not yet available in your language" in page


def test_titles_make_clean_unique_addresses(world: World, build: CommitmentBuilder) -> None:
    first = build.verified(title="Plan de acción: Maipú 2024")
    second = build.verified(title="Plan de acción: Maipú 2024")
    reserved = build.verified(title="Submit")
    assert first.slug == "plan-de-accion-maipu-2024"
    assert second.slug == "plan-de-accion-maipu-2024-2"
    assert reserved.slug == "submit-2"
