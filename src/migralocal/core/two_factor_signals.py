"""Listens to allauth's two-factor signals: wrong codes count against the account, and the owner
hears of every new authenticator and every new set of recovery codes."""

from __future__ import annotations

from typing import Any

from allauth.mfa import signals
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

from migralocal.core import two_factor_enrolment, two_factor_lockout
from migralocal.core.models import User
from migralocal.core.two_factor_mail import (
    AUTHENTICATOR_ADDED,
    RECOVERY_CODES_GENERATED,
    send_account_mail,
)


def _wrong_code(sender: Any, *, user: User, **kwargs: Any) -> None:
    two_factor_lockout.record_wrong_code(user)


def _authenticator_added(
    sender: Any, *, request: HttpRequest | None, user: User, authenticator: Authenticator, **_: Any
) -> None:
    # Recovery codes are generated together with the first app; its e-mail mentions them.
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        return
    if request is not None and hasattr(request, "session"):
        two_factor_enrolment.forget_grant(request.session)
    send_account_mail(user, AUTHENTICATOR_ADDED)


def _authenticator_reset(
    sender: Any, *, user: User, authenticator: Authenticator, **_: Any
) -> None:
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        send_account_mail(user, RECOVERY_CODES_GENERATED)


def connect_signals() -> None:
    signals.authentication_failed.connect(_wrong_code, dispatch_uid="core.two_factor_wrong_code")
    signals.authenticator_added.connect(
        _authenticator_added, dispatch_uid="core.two_factor_authenticator_added"
    )
    signals.authenticator_reset.connect(
        _authenticator_reset, dispatch_uid="core.two_factor_authenticator_reset"
    )
