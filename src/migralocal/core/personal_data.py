"""What the platform holds about a person's account, for `core.person_requests`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.utils import timezone

from migralocal.core.follow_models import Follow, email_digest
from migralocal.core.models import AccessLog, ApiToken, Membership, ProgrammeAssignment, User

ERASED_DOMAIN = "erased.invalid"  # RFC 2606: can never receive mail


def _follows(user: User | None, email: str) -> Any:
    """Follows by e-mail (core/following.py): asked with the address, or while signed in."""
    wanted = (
        Follow.objects.filter(email_digest=email_digest(email)) if email else Follow.objects.none()
    )
    if user is not None:
        wanted = wanted | Follow.objects.filter(user=user)
    return wanted


def _exported_follows(user: User | None, email: str) -> list[dict[str, Any]]:
    return [
        {
            "email": follow.email,
            "what": follow.target_kind,
            "which": follow.target_key,
            "language": follow.language,
            "asked": follow.created_at,
            "confirmed": follow.confirmed_at,
        }
        for follow in _follows(user, email).order_by("pk")
    ]


def export_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, Any]:
    if user is None:
        return {"account": None, "follows": _exported_follows(None, email)}
    return {
        "follows": _exported_follows(user, email),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "memberships": [
            {"organisation": membership.organisation.slug, "role": membership.role}
            for membership in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "programme_roles": [
            {
                "role": assignment.role,
                "countries": sorted(country.code for country in assignment.countries.all()),
            }
            for assignment in ProgrammeAssignment.objects.filter(user=user)
        ],
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "has_api_token": ApiToken.objects.filter(user=user).exists(),
        "sensitive_records_read": AccessLog.objects.filter(user=user).count(),
    }


def erase_person(*, user: User | None, email: str, references: Sequence[str]) -> dict[str, int]:
    """The account stays, emptied and closed, so that what it recorded keeps its author slot
    (consultations, decisions, figures) without naming anyone."""
    follows = _follows(user, email).delete()[0]
    if user is None:
        return {"follows": follows}
    counts = {
        "follows": follows,
        "email_addresses": EmailAddress.objects.filter(user=user).delete()[0],
        "memberships": Membership.objects.filter(user=user).delete()[0],
        "programme_roles": ProgrammeAssignment.objects.filter(user=user).delete()[0],
        "two_factor_methods": Authenticator.objects.filter(user=user).delete()[0],
        "api_tokens": ApiToken.objects.filter(user=user).delete()[0],
        "sessions": _sessions_of(user).delete()[0],
    }
    user.email = f"erased-{user.pk}@{ERASED_DOMAIN}"
    user.first_name = user.last_name = ""
    user.preferred_language = ""
    user.is_active = user.is_staff = False
    user.set_unusable_password()
    user.save()
    counts["accounts"] = 1
    return counts


def _sessions_of(user: User) -> Any:
    """Sessions store the user id inside their data, so they are decoded one by one."""
    key = str(user.pk)
    mine = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if str(session.get_decoded().get("_auth_user_id")) == key
    ]
    return Session.objects.filter(pk__in=mine)
