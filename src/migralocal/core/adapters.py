from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import translate_url

from migralocal.core import crypto, two_factor_lockout


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """After sign-in, open the platform in the language the person chose last time."""
        url = super().get_login_redirect_url(request)
        user = request.user
        preferred = user.preferred_language if user.is_authenticated else ""
        return translate_url(url, preferred) if preferred else url

    def pre_login(
        self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any
    ) -> HttpResponse | None:
        """An account locked after wrong authenticator codes stays closed to the right password
        too, until the lock ends or an admin lifts it."""
        if two_factor_lockout.is_locked(user):  # type: ignore[arg-type]
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return render(
                request,
                "core/two_factor_locked.html",
                {"lockout_minutes": two_factor_lockout.lockout_minutes()},
                status=429,
            )
        return super().pre_login(request, user, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    """Authenticator secrets (the TOTP key, the recovery-code seed) are kept encrypted with the
    platform's Fernet keys, like identifying details: a copy of the database alone does not let
    anyone compute a person's codes."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)
