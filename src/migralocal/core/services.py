"""Writes of the core domain. Views, admin actions, imports and commands all come through here."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.core.models import (
    AccessLog,
    Actor,
    ApiToken,
    Country,
    Membership,
    Organisation,
    ProgrammeAssignment,
    TaxonomyTerm,
    User,
)
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.selectors import forget_user_roles


def log_access(user: Actor, obj: models.Model, reason: str) -> AccessLog:
    """Record that `user` read the sensitive record `obj`, and why. Anonymous reads are refused."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sensitive records can only be read by signed-in users."))
    if not reason.strip():
        raise ValidationError(_("A reason is required to read a sensitive record."))
    return AccessLog.objects.create(
        user=user,
        user_email=user.email,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        reason=reason.strip()[:200],
    )


def user_set_language(*, user: User, language: str) -> None:
    """Remember a signed-in user's language, so that every device opens in it."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("That language is not available."))
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def membership_grant(*, user: User, organisation: Organisation, role: str) -> Membership:
    """Let `user` act for `organisation` in `role`. Granting twice changes nothing."""
    if role not in OrganisationRole.values:
        raise ValidationError(_("%(role)s is not a role within an organisation.") % {"role": role})
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    forget_user_roles(user)
    return membership


@transaction.atomic
def programme_role_grant(
    *, user: User, role: str, countries: Iterable[Country]
) -> ProgrammeAssignment:
    """Give `user` a programme role over exactly `countries`."""
    if role not in ProgrammeRole.values:
        raise ValidationError(_("%(role)s is not a programme role.") % {"role": role})
    countries = list(countries)
    if not countries:
        raise ValidationError(_("A programme role covers at least one country."))
    assignment, _created = ProgrammeAssignment.objects.get_or_create(user=user, role=role)
    assignment.countries.set(countries)
    forget_user_roles(user)
    return assignment


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    language: str,
    description: str,
    website: str,
    email: str,
    is_public: bool,
    areas_of_work: Iterable[TaxonomyTerm],
) -> Organisation:
    """Update an organisation's profile; the description is saved in `language` only."""
    organisation.website = website
    organisation.email = email
    organisation.is_public = is_public
    organisation.set_current_language(language)
    organisation.description = description
    organisation.full_clean()
    organisation.save()
    organisation.areas_of_work.set(list(areas_of_work))
    return organisation


@dataclass(frozen=True)
class IssuedApiToken:
    """A token just made, with the key that is shown this once and never stored."""

    token: ApiToken
    key: str


# Writing the time of use on every request would cost a write per call; a minute is precise
# enough to tell whether a token is still in use.
API_TOKEN_USE_PRECISION = dt.timedelta(minutes=1)


@transaction.atomic
def api_token_create(*, user: User) -> IssuedApiToken:
    """Give `user` a new API token; any earlier token stops working at once."""
    ApiToken.objects.filter(user=user).delete()
    key = secrets.token_hex(20)  # 160 random bits, in the form tokens always had
    token = ApiToken.objects.create(
        user=user, prefix=key[: ApiToken.PREFIX_LENGTH], key_digest=ApiToken.digest(key)
    )
    return IssuedApiToken(token=token, key=key)


def api_token_revoke(*, user: User) -> bool:
    """Revoke the user's API token. Says whether there was one."""
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return deleted > 0


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The token that `key` opens, if it still works: its owner is active and has not changed
    their password since it was made. Its time of use is recorded to the minute."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_digest=ApiToken.digest(key), user__is_active=True)
        .first()
    )
    if token is None or not token.is_current():
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= API_TOKEN_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
