"""Every role against every core permission, with allowed and denied cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from migralocal.core.tests.world import ROLE_NAMES, World

EVERYONE = {*ROLE_NAMES, "anonymous"}
SIGNED_IN = set(ROLE_NAMES)

# (permission, which object in the world, roles allowed). Everyone else is denied. Platform
# admins are superusers, who hold every permission.
TABLE: list[tuple[str, Callable[[World], Any], set[str]]] = [
    ("core.view_organisation", lambda w: w.el_progreso_municipality, EVERYONE),
    (
        "core.view_organisation",
        lambda w: w.private_cso,  # not public, in Honduras
        {"admin", "reviewer", "trainer", "programme_manager"},
    ),
    ("core.change_organisation", lambda w: w.el_progreso_municipality, {"admin", "focal_point"}),
    ("core.change_organisation", lambda w: w.mexican_cso, {"admin", "member"}),
    ("core.change_organisation", lambda w: w.san_salvador_municipality, {"admin"}),
    (
        "core.view_organisation_members",
        lambda w: w.el_progreso_municipality,
        {"admin", "hub_staff", "focal_point", "programme_manager"},
    ),
    (
        "core.view_organisation_members",
        lambda w: w.san_salvador_municipality,
        {"admin", "other_hub_staff", "programme_manager"},
    ),
    ("core.view_organisation_members", lambda w: w.mexican_cso, {"admin", "member"}),
    ("core.keep_own_organisation", lambda w: None, {"admin", "focal_point", "member"}),
    (
        "core.browse_programme_countries",
        lambda w: None,
        {"admin", "reviewer", "trainer", "mentor", "programme_manager"},
    ),
    ("core.view_landing", lambda w: None, SIGNED_IN),
    ("core.keep_own_api_token", lambda w: None, SIGNED_IN),
    ("core.enrol_own_authenticator", lambda w: None, SIGNED_IN),
    ("core.keep_own_session", lambda w: None, SIGNED_IN),
    ("core.access_admin", lambda w: None, {"admin"}),
    ("core.manage_reference_data", lambda w: None, {"admin"}),
    ("core.view_access_log", lambda w: None, {"admin"}),
    ("core.view_translation_coverage", lambda w: None, {"admin", "reviewer"}),
    ("core.import_content_translations", lambda w: None, {"admin", "reviewer"}),
    ("core.replace_content_translations", lambda w: None, {"admin"}),
]


def as_user(world: World, role: str) -> Any:
    return AnonymousUser() if role == "anonymous" else world.user(role)


@pytest.mark.parametrize(
    ("permission", "target", "allowed"),
    TABLE,
    ids=[f"{row[0]}#{index}" for index, row in enumerate(TABLE)],
)
def test_permission_is_granted_exactly_to_the_listed_roles(
    world: World, permission: str, target: Callable[[World], Any], allowed: set[str]
) -> None:
    obj = target(world)
    granted = {role for role in sorted(EVERYONE) if as_user(world, role).has_perm(permission, obj)}
    assert granted == allowed


def test_table_covers_every_core_permission() -> None:
    import rules

    core_permissions = {name for name in rules.permissions.permissions if name.startswith("core.")}
    assert core_permissions == {row[0] for row in TABLE}


def test_inactive_admin_has_no_permission(world: World) -> None:
    admin = world.user("admin")
    admin.is_active = False
    admin.save()
    assert not admin.has_perm("core.access_admin")
