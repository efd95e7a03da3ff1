"""Every role against every directory permission, through has_perm and through the pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from migralocal.core.tests.world import World
from migralocal.directory.tests.helpers import make_service, world_hubs

ROLES = (
    "admin",
    "hub_staff",
    "other_hub_staff",
    "focal_point",
    "member",
    "reviewer",
    "trainer",
    "mentor",
    "programme_manager",
    "no_role",
    "anonymous",
)
# Who may keep the El Progreso hub (Honduras) and its services.
KEEPS_OWN_HUB = {"admin", "hub_staff", "reviewer"}
# Who may keep the San Salvador hub (El Salvador): the reviewer covers Honduras only.
KEEPS_OTHER_HUB = {"admin", "other_hub_staff"}
KEEPS_ANY_LISTING = {"admin", "hub_staff", "other_hub_staff", "reviewer"}
CHANGES_HONDURAN_PATHWAYS = {"admin", "reviewer"}


def user_for(world: World, role: str):
    return AnonymousUser() if role == "anonymous" else world.user(role)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_directory_permissions_by_role(world: World, role: str) -> None:
    own, other = world_hubs(world)
    service = make_service(hub=own, name={"es": "Orientación laboral"})
    user = user_for(world, role)
    assert user.has_perm("directory.change_hub", own) is (role in KEEPS_OWN_HUB)
    assert user.has_perm("directory.add_service", own) is (role in KEEPS_OWN_HUB)
    assert user.has_perm("directory.change_service", service) is (role in KEEPS_OWN_HUB)
    assert user.has_perm("directory.change_hub", other) is (role in KEEPS_OTHER_HUB)
    assert user.has_perm("directory.keep_listings") is (role in KEEPS_ANY_LISTING)
    assert user.has_perm("directory.change_pathway", world.honduras) is (
        role in CHANGES_HONDURAN_PATHWAYS
    )
    assert user.has_perm("directory.view_listing", own) is True
    assert user.has_perm("directory.export_directory") is True


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_directory_pages_by_role(world: World, role: str) -> None:
    own, other = world_hubs(world)
    service = make_service(hub=own, name={"es": "Orientación laboral"})
    client = client_for(world, role)
    for url in ("/es/directory/", f"/es/directory/hubs/{own.slug}/", "/es/directory/pathways/"):
        assert client.get(url).status_code == 200
    denied = 302 if role == "anonymous" else 403
    edit_own = client.get(f"/es/directory/hubs/{own.slug}/edit/").status_code
    assert edit_own == (200 if role in KEEPS_OWN_HUB else denied)
    edit_other = client.get(f"/es/directory/hubs/{other.slug}/edit/").status_code
    assert edit_other == (200 if role in KEEPS_OTHER_HUB else denied)
    edit_service = client.get(f"/es/directory/services/{service.pk}/edit/").status_code
    assert edit_service == (200 if role in KEEPS_OWN_HUB else denied)
    new_service = client.get(f"/es/directory/hubs/{own.slug}/services/new/").status_code
    assert new_service == (200 if role in KEEPS_OWN_HUB else denied)
    manage = client.get("/es/directory/manage/").status_code
    assert manage == (200 if role in KEEPS_ANY_LISTING else denied)


@pytest.mark.django_db
def test_hub_staff_cannot_edit_another_hubs_service_through_the_service(world: World) -> None:
    from django.core.exceptions import PermissionDenied

    from migralocal.directory import services

    _own, other = world_hubs(world)
    service = make_service(hub=other, name={"es": "Atención psicosocial"})
    with pytest.raises(PermissionDenied):
        services.service_save(
            service=service,
            hub=other,
            user=world.user("hub_staff"),
            texts={"es": {"name": "Cambiado"}},
            status="active",
            url="",
            email="",
            minimum_age=None,
            maximum_age=None,
            categories=[],
            migration_profiles=[],
            languages=[],
            phone="",
            verified=False,
        )
    service.refresh_from_db()
    assert service.safe_translation_getter("name", language_code="es") == "Atención psicosocial"
