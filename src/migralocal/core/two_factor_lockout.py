"""Wrong authenticator codes lock the account, not only the address they came from.

allauth limits code attempts per address; someone who knows a password can still spread guesses
over many addresses. Here every wrong code of the sign-in or reauthentication step counts against
the account: after MFA_FAILURE_LIMIT within MFA_FAILURE_WINDOW_MINUTES, the account is locked for
LOGIN_LOCKOUT_MINUTES (the length of a password lock-out), the right code included, and its owner
is told by e-mail. A platform admin lifts the lock earlier by deleting it in the admin.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from migralocal.core.models import AuthenticatorLockout, User
from migralocal.core.two_factor_mail import LOCKED_AFTER_WRONG_CODES, send_account_mail


def failure_window() -> timedelta:
    return timedelta(minutes=settings.MFA_FAILURE_WINDOW_MINUTES)


def lockout_duration() -> timedelta:
    return timedelta(hours=settings.AXES_COOLOFF_TIME)


def lockout_minutes() -> int:
    return max(1, round(lockout_duration().total_seconds() / 60))


def locked_until(user: User, *, now: datetime | None = None) -> datetime | None:
    """When the account's lock ends, or None when it is not locked."""
    now = now or timezone.now()
    until = (
        AuthenticatorLockout.objects.filter(user=user, locked_until__gt=now)
        .values_list("locked_until", flat=True)
        .first()
    )
    return until


def is_locked(user: User) -> bool:
    return locked_until(user) is not None


def record_wrong_code(user: User, *, now: datetime | None = None) -> bool:
    """Count one wrong code for the account; lock it when the limit is reached. True when this
    wrong code locked it (the owner is then told, once)."""
    locks_now = _count(user, now or timezone.now())
    if locks_now:
        _tell_owner(user)
    return locks_now


@transaction.atomic
def _count(user: User, now: datetime) -> bool:
    AuthenticatorLockout.objects.get_or_create(user=user, defaults={"counting_since": now})
    # Locked row: two wrong codes at the same moment from two addresses both count.
    lockout = AuthenticatorLockout.objects.select_for_update().get(user=user)
    if lockout.locked_until and lockout.locked_until > now:
        return False
    if lockout.locked_until or now - lockout.counting_since > failure_window():
        lockout.failures, lockout.counting_since, lockout.locked_until = 0, now, None
    lockout.failures += 1
    locks_now = lockout.failures >= settings.MFA_FAILURE_LIMIT
    if locks_now:
        lockout.locked_until = now + lockout_duration()
    lockout.save()
    return locks_now


def lift(user: User) -> bool:
    """Lift the account's lock (an admin's decision); True when there was one."""
    deleted, _ = AuthenticatorLockout.objects.filter(user=user).delete()
    return bool(deleted)


def _tell_owner(user: User) -> None:
    send_account_mail(
        user,
        LOCKED_AFTER_WRONG_CODES,
        {"failure_limit": settings.MFA_FAILURE_LIMIT, "lockout_minutes": lockout_minutes()},
    )
