"""Commitments through the API: only what the public list shows, with the same filters."""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient

from migralocal.commitments.models import ModerationState
from migralocal.commitments.tests.builders import CommitmentBuilder


def slugs(response: Any) -> set[str]:
    return {item["slug"] for item in response.json()["results"]}


def test_only_published_entries_are_listed(build: CommitmentBuilder) -> None:
    verified = build.verified(title="Plan de Maipú")
    pending = build.pending(title="Ventanilla de Terrassa")
    hidden = build.hidden(title="Entrada señalada")
    unconfirmed = build.anonymous(title="Sin confirmar")
    rejected = build.in_state(ModerationState.REJECTED, title="Rechazada")
    assert slugs(APIClient().get("/api/v1/commitments/")) == {verified.slug, pending.slug}
    body = APIClient().get(f"/api/v1/commitments/{verified.slug}/").json()
    assert body["verified"] is True
    assert body["objectives"] == ["gcm-16"]
    assert "submitter_email" not in body
    assert "someone@example.org" not in str(body)
    for unseen in (hidden, unconfirmed, rejected):
        assert APIClient().get(f"/api/v1/commitments/{unseen.slug}/").status_code == 404


def test_filters_match_the_public_list(build: CommitmentBuilder) -> None:
    verified = build.verified(title="Plan de Maipú")
    build.pending(title="Ventanilla de Terrassa", objectives=("gcm-06",))
    response = APIClient().get("/api/v1/commitments/", {"verification": "verified"})
    assert slugs(response) == {verified.slug}
    response = APIClient().get("/api/v1/commitments/", {"objective": "gcm-16"})
    assert slugs(response) == {verified.slug}


def test_an_unknown_filter_value_is_a_problem(build: CommitmentBuilder) -> None:
    response = APIClient().get("/api/v1/commitments/", {"objective": "gcm-99"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "objective" in response.json()["errors"]
