"""A password alone does not set up the first authenticator of an account that reaches personal
data.

Otherwise whoever learns a new hub staff member's password could add their own authenticator app
and read the hub's identifying details. The first set-up needs one of:

- a link sent to the account's verified e-mail address: signed, valid MFA_ENROLMENT_LINK_MINUTES,
  used once, and opened in the session that is signed in to that account;
- a code a platform admin generates for the person (admin, *Users*, action *Generate a two-factor
  enrolment code*): valid MFA_ENROLMENT_CODE_HOURS, used once.

Either puts a mark in the session; allauth's set-up page opens only with it. The database keeps a
hash of each link's and code's secret, never the secret itself.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from migralocal.core.models import TwoFactorEnrolmentPass, User
from migralocal.core.two_factor import has_two_factor, role_reaches_personal_data
from migralocal.core.two_factor_mail import ENROLMENT_LINK, send_account_mail

SESSION_GRANT = "two_factor_enrolment_granted_to"
LINK_SALT = "migralocal.two_factor_enrolment"
# A new link is sent at most this often by simply opening the page (the page has a button too).
LINK_RESEND_INTERVAL = timedelta(minutes=5)
# Easy to read out and type: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def link_lifetime() -> timedelta:
    return timedelta(minutes=settings.MFA_ENROLMENT_LINK_MINUTES)


def code_lifetime() -> timedelta:
    return timedelta(hours=settings.MFA_ENROLMENT_CODE_HOURS)


def needs_confirmation(user: User, session: SessionBase) -> bool:
    """Whether setting up an authenticator must wait for the e-mailed link or an admin's code:
    a first authenticator, on an account whose role reaches personal data, without a mark from
    either in this session."""
    if not getattr(settings, "MFA_REQUIRED_FOR_PERSONAL_DATA", True):
        return False
    if not role_reaches_personal_data(user) or has_two_factor(user):
        return False
    return session.get(SESSION_GRANT) != user.pk


def verified_email(user: User) -> str:
    """The account's verified address (the primary one first), or "" when none is verified."""
    address = (
        EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk").first()
    )
    return address.email if address else ""


def _new_pass(user: User, kind: str, secret: str, lifetime: timedelta, by: User | None) -> int:
    return TwoFactorEnrolmentPass.objects.create(
        user=user,
        kind=kind,
        secret_hash=_hash(secret),
        created_by=by,
        expires_at=timezone.now() + lifetime,
    ).pk


def link_sent_recently(user: User) -> bool:
    return TwoFactorEnrolmentPass.objects.filter(
        user=user,
        kind=TwoFactorEnrolmentPass.Kind.EMAIL_LINK,
        used_at__isnull=True,
        created_at__gt=timezone.now() - LINK_RESEND_INTERVAL,
    ).exists()


def send_link(user: User, *, site_url: str) -> bool:
    """E-mail a confirmation link to the account's verified address; False when it has none."""
    email = verified_email(user)
    if not email:
        return False
    secret = secrets.token_urlsafe(32)
    pass_id = _new_pass(user, TwoFactorEnrolmentPass.Kind.EMAIL_LINK, secret, link_lifetime(), None)
    token = signing.dumps({"pass": pass_id, "secret": secret}, salt=LINK_SALT)
    path = reverse("core:two_factor_enrolment_confirm", kwargs={"token": token})
    link = site_url.rstrip("/") + path
    send_account_mail(
        user, ENROLMENT_LINK, {"link": link, "minutes": settings.MFA_ENROLMENT_LINK_MINUTES}
    )
    return True


def create_admin_code(user: User, *, by: User) -> str:
    """A one-time enrolment code for `user`, to be handed over by the admin `by` (shown once)."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    _new_pass(user, TwoFactorEnrolmentPass.Kind.ADMIN_CODE, code, code_lifetime(), by)
    return code


def _use(candidates: list[TwoFactorEnrolmentPass], secret: str) -> bool:
    now = timezone.now()
    for enrolment_pass in candidates:
        if secrets.compare_digest(enrolment_pass.secret_hash, _hash(secret)):
            # Marked used only if nobody used it a moment before (two clicks, two tabs).
            return bool(
                TwoFactorEnrolmentPass.objects.filter(
                    pk=enrolment_pass.pk, used_at__isnull=True, expires_at__gt=now
                ).update(used_at=now)
            )
    return False


def _open_passes(user: User, kind: str) -> list[TwoFactorEnrolmentPass]:
    return list(
        TwoFactorEnrolmentPass.objects.filter(
            user=user, kind=kind, used_at__isnull=True, expires_at__gt=timezone.now()
        )
    )


def redeem_link(user: User, token: str, session: SessionBase) -> bool:
    """Accept the e-mailed link in the session of the account it was sent to; True when valid."""
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=link_lifetime())
        pass_id, secret = int(payload["pass"]), str(payload["secret"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return False
    candidates = [
        enrolment_pass
        for enrolment_pass in _open_passes(user, TwoFactorEnrolmentPass.Kind.EMAIL_LINK)
        if enrolment_pass.pk == pass_id
    ]
    return _grant(user, session) if _use(candidates, secret) else False


def redeem_code(user: User, code: str, session: SessionBase) -> bool:
    """Accept an admin's enrolment code for this account; True when valid."""
    normalised = "".join(code.split()).replace("-", "").upper()
    if not normalised:
        return False
    candidates = _open_passes(user, TwoFactorEnrolmentPass.Kind.ADMIN_CODE)
    return _grant(user, session) if _use(candidates, normalised) else False


def _grant(user: User, session: SessionBase) -> bool:
    session[SESSION_GRANT] = user.pk
    return True


def forget_grant(session: SessionBase) -> None:
    """Once an authenticator is set up, the mark has served its purpose."""
    session.pop(SESSION_GRANT, None)
