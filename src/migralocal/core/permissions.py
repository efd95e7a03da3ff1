"""Who may do what: the `rules` predicates and permissions that views, the API and admin share.

Organisation roles are checked against the organisation a record belongs to; programme roles
against the country it is in. Platform admins may do everything. Other apps build their own
permissions from the predicates and predicate factories here.
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from rules.predicates import Predicate

from migralocal.core.models import Actor
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.selectors import RoleSet, user_role_set


def require(user: Actor, permission: str, obj: Model | None = None) -> None:
    """Refuse (`PermissionDenied`) unless `user` holds `permission`, on `obj` when given: what a
    service checks before it writes, whoever calls it (a page, the API, an import)."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def roles_of(user: Actor) -> RoleSet:
    return user_role_set(user)


def country_id_of(obj: Any) -> int | None:
    """The country a record belongs to, whatever the record."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "Country":
        return obj.pk
    return getattr(obj, "country_id", None)


def organisation_id_of(obj: Any) -> int | None:
    if obj is None:
        return None
    if obj.__class__.__name__ == "Organisation":
        return obj.pk
    return getattr(obj, "organisation_id", None)


@rules.predicate
def is_platform_admin(user: Actor) -> bool:
    return bool(user.is_active and user.is_superuser)


@rules.predicate
def is_public_organisation(user: Actor, organisation: Any) -> bool:
    return bool(organisation is not None and organisation.is_public)


def _wanted(roles: tuple[str, ...], every_role: type[OrganisationRole | ProgrammeRole]) -> set[str]:
    """The role values asked for; none given means any role of that kind."""
    return {str(role) for role in roles} or set(every_role.values)


def _predicate_name(kind: str, wanted: set[str]) -> str:
    return f"{kind}:" + ",".join(sorted(wanted))


def has_organisation_role(*roles: OrganisationRole) -> Predicate:
    """The user holds one of `roles` (any, if none given) in the record's organisation."""
    wanted = _wanted(roles, OrganisationRole)

    @rules.predicate(name=_predicate_name("has_organisation_role", wanted))
    def predicate(user: Actor, obj: Any) -> bool:
        organisation_id = organisation_id_of(obj)
        if organisation_id is None:
            return False
        return bool(roles_of(user).organisation_roles.get(organisation_id, set()) & wanted)

    return predicate


def holds_organisation_role(*roles: OrganisationRole) -> Predicate:
    """The user holds one of `roles` in at least one organisation (no record needed)."""
    wanted = _wanted(roles, OrganisationRole)

    @rules.predicate(name=_predicate_name("holds_organisation_role", wanted))
    def predicate(user: Actor) -> bool:
        return any(held & wanted for held in roles_of(user).organisation_roles.values())

    return predicate


def has_programme_role_in_country(*roles: ProgrammeRole) -> Predicate:
    """The user holds one of `roles` (any, if none given) for the record's country."""
    wanted = _wanted(roles, ProgrammeRole)

    @rules.predicate(name=_predicate_name("has_programme_role_in_country", wanted))
    def predicate(user: Actor, obj: Any) -> bool:
        country_id = country_id_of(obj)
        if country_id is None:
            return False
        programme = roles_of(user).programme_countries
        return any(country_id in programme.get(role, set()) for role in wanted)

    return predicate


def holds_programme_role(*roles: ProgrammeRole) -> Predicate:
    """The user holds one of `roles` for at least one country (no record needed)."""
    wanted = _wanted(roles, ProgrammeRole)

    @rules.predicate(name=_predicate_name("holds_programme_role", wanted))
    def predicate(user: Actor) -> bool:
        programme = roles_of(user).programme_countries
        return any(programme.get(role) for role in wanted)

    return predicate


is_member = has_organisation_role()
keeps_organisation_profile = has_organisation_role(
    OrganisationRole.FOCAL_POINT, OrganisationRole.ORGANISATION_MEMBER
)
works_for_programme_in_country = has_programme_role_in_country()

rules.add_perm(
    "core.view_organisation",
    is_platform_admin | is_public_organisation | is_member | works_for_programme_in_country,
)
rules.add_perm("core.change_organisation", is_platform_admin | keeps_organisation_profile)
rules.add_perm(
    "core.view_organisation_members",
    is_platform_admin | is_member | has_programme_role_in_country(ProgrammeRole.PROGRAMME_MANAGER),
)
rules.add_perm(
    "core.keep_own_organisation",
    is_platform_admin
    | holds_organisation_role(OrganisationRole.FOCAL_POINT, OrganisationRole.ORGANISATION_MEMBER),
)
rules.add_perm("core.browse_programme_countries", holds_programme_role())
rules.add_perm("core.view_landing", rules.is_authenticated)
rules.add_perm("core.keep_own_api_token", rules.is_authenticated)
rules.add_perm("core.enrol_own_authenticator", rules.is_authenticated)
# Stay signed in, and get back a form kept through a sign-in (core/session_guard.py, kept_posts.py).
rules.add_perm("core.keep_own_session", rules.is_authenticated)
rules.add_perm("core.access_admin", is_platform_admin)
rules.add_perm("core.manage_reference_data", is_platform_admin)
rules.add_perm("core.view_access_log", is_platform_admin)
# Content translation (core/content_translation*.py): reviewers follow how far each language has
# come and bring translators' files in; only administrators replace translations already there.
translates_content = is_platform_admin | holds_programme_role(ProgrammeRole.REVIEWER)
rules.add_perm("core.view_translation_coverage", translates_content)
rules.add_perm("core.import_content_translations", translates_content)
rules.add_perm("core.replace_content_translations", is_platform_admin)
