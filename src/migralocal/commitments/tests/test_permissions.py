"""Every role in the world against every commitments permission, through rules and pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from migralocal.commitments.models import Attachment, Commitment, ModerationState
from migralocal.commitments.tests.builders import CommitmentBuilder
from migralocal.core.tests.world import ROLE_NAMES, World

ROLES = (*ROLE_NAMES, "anonymous")
EVERYONE = set(ROLES)
OWNERS = {"admin", "focal_point"}  # El Progreso's focal point keeps its entries
HONDURAS_MODERATORS = {"admin", "reviewer"}  # the world's reviewer covers Honduras only


def user_for(world: World, role: str):
    return AnonymousUser() if role == "anonymous" else world.user(role)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_every_permission(
    role: str, world: World, build: CommitmentBuilder
) -> None:
    published = build.pending()
    unconfirmed = build.anonymous()
    hidden = build.hidden()
    in_el_salvador = build.pending(organisation=world.san_salvador_municipality)
    user = user_for(world, role)
    expectations = {
        ("commitments.submit_commitment", None): EVERYONE,
        ("commitments.view_commitment", published): EVERYONE,
        ("commitments.view_commitment", unconfirmed): OWNERS | HONDURAS_MODERATORS,
        ("commitments.view_commitment", hidden): OWNERS | HONDURAS_MODERATORS,
        # An attachment is seen by whoever sees its entry.
        ("commitments.view_attachment", attached(published)): EVERYONE,
        ("commitments.view_attachment", attached(unconfirmed)): OWNERS | HONDURAS_MODERATORS,
        ("commitments.change_commitment", published): OWNERS,
        ("commitments.change_commitment", in_el_salvador): {"admin"},
        ("commitments.add_progress_update", published): OWNERS,
        ("commitments.flag_commitment", published): EVERYONE,
        # Django lets superusers pass every check; the service still refuses to flag it.
        ("commitments.flag_commitment", hidden): {"admin"},
        ("commitments.moderate_commitment", published): HONDURAS_MODERATORS,
        ("commitments.moderate_commitment", in_el_salvador): {"admin"},
        ("commitments.view_moderation_queue", None): HONDURAS_MODERATORS,
    }
    for (permission, obj), allowed in expectations.items():
        assert user.has_perm(permission, obj) is (role in allowed), (permission, obj, role)


def attached(commitment: Commitment) -> Attachment:
    """An attachment of `commitment`, unsaved: the rule reads only its entry."""
    return Attachment(
        pk=commitment.pk, commitment=commitment, name="plan.pdf", content_type="application/pdf"
    )


def expected_status(role: str, allowed: set[str], *, denied: int = 403) -> int:
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else denied


@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_every_protected_page(
    role: str, world: World, build: CommitmentBuilder
) -> None:
    honduran = build.pending()
    salvadoran = build.pending(organisation=world.san_salvador_municipality)
    client = client_for(world, role)
    pages = {
        reverse("commitments:queue"): HONDURAS_MODERATORS,
        reverse("commitments:moderate", args=[honduran.slug]): HONDURAS_MODERATORS,
        reverse("commitments:moderate", args=[salvadoran.slug]): {"admin"},
        reverse("commitments:edit", args=[honduran.slug]): OWNERS,
        reverse("commitments:add_update", args=[honduran.slug]): OWNERS,
    }
    for url, allowed in pages.items():
        assert client.get(url).status_code == expected_status(role, allowed), (url, role)


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_entry_page_is_seen_only_by_owners_and_moderators(
    role: str, world: World, build: CommitmentBuilder
) -> None:
    unconfirmed = build.in_state(ModerationState.AWAITING_CONFIRMATION)
    response = client_for(world, role).get(unconfirmed.get_absolute_url())
    assert response.status_code == (200 if role in OWNERS | HONDURAS_MODERATORS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_read_the_public_pages(
    role: str, world: World, build: CommitmentBuilder
) -> None:
    published = build.verified()
    client = client_for(world, role)
    for url in (
        reverse("commitments:list"),
        published.get_absolute_url(),
        reverse("commitments:submit"),
        reverse("commitments:feed"),
        reverse("commitments:export_csv"),
        reverse("commitments:export_xlsx"),
        reverse("commitments:flag", args=[published.slug]),
    ):
        assert client.get(url).status_code == 200, (url, role)
