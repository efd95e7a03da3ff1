"""The e-mails that keep a person informed about the safety of their account, in their language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from migralocal.core.models import User

LOCKED_AFTER_WRONG_CODES = "locked_after_wrong_codes"
AUTHENTICATOR_ADDED = "authenticator_added"
RECOVERY_CODES_GENERATED = "recovery_codes_generated"
ENROLMENT_LINK = "enrolment_link"


def _subject(kind: str) -> str:
    subjects = {
        LOCKED_AFTER_WRONG_CODES: _("Your account was locked after wrong authenticator codes"),
        AUTHENTICATOR_ADDED: _("An authenticator app was added to your account"),
        RECOVERY_CODES_GENERATED: _("New recovery codes were generated for your account"),
        ENROLMENT_LINK: _("Confirm that you are setting up two-factor authentication"),
    }
    return subjects[kind]


def language_of(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def send_account_mail(user: User, kind: str, context: dict[str, Any] | None = None) -> None:
    """Send the `kind` e-mail to the account's own address, in the person's language."""
    if not user.email:
        return
    with translation.override(language_of(user)):
        body = render_to_string(
            f"core/email/{kind}.txt",
            {"user": user, "site_name": settings.MFA_TOTP_ISSUER, **(context or {})},
        )
        send_mail(_subject(kind), body, None, [user.email])
