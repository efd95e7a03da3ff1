"""Encryption at rest with the platform's Fernet keys: identifying details of the people served
(consultations) and the secrets of authenticator apps (two-factor authentication).

The keys come from `CONSULTATIONS_ENCRYPTION_KEYS`: comma-separated, newest first. They are used
as a MultiFernet: the newest encrypts, every key listed decrypts, which is what makes rotation
possible (see docs/security.md). Production refuses to run without them; under DEBUG or tests a
key derived from SECRET_KEY is used.
"""

from __future__ import annotations

import base64
import hashlib
import sys

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "cipher", "decrypt", "encrypt", "encryption_keys", "rotate"]


def _running_tests() -> bool:
    return "pytest" in sys.modules or settings.SETTINGS_MODULE.endswith("settings_test")


def development_key() -> str:
    """A stable key for laptops and tests, so that demo data survives restarts. Never production."""
    digest = hashlib.sha256(f"consultations-identity:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def encryption_keys() -> list[str]:
    configured = getattr(settings, "CONSULTATIONS_ENCRYPTION_KEYS", None)
    if isinstance(configured, str):
        configured = [key.strip() for key in configured.split(",")]
    if configured is None:
        # django-environ reads the variable like every other setting of the platform.
        import environ

        configured = environ.Env().list("CONSULTATIONS_ENCRYPTION_KEYS", default=[])
    keys = [key for key in configured if key]
    if keys:
        return keys
    if settings.DEBUG or _running_tests():
        return [development_key()]
    raise ImproperlyConfigured(
        "CONSULTATIONS_ENCRYPTION_KEYS must be set (Fernet keys, newest first) when DEBUG is off."
    )


def cipher() -> MultiFernet:
    # Built per call: keys come from settings, which tests and rotation change at run time.
    return MultiFernet([Fernet(key.encode()) for key in encryption_keys()])


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return cipher().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """The same text, encrypted again with the newest key."""
    return cipher().rotate(token.encode()).decode()
