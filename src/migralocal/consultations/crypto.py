"""Encryption at rest of identifying details: Fernet tokens under a MultiFernet of the keys in
settings, so that the newest key encrypts and older ones still decrypt until rotation."""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django.db import models

from migralocal.consultations.conf import encryption_keys


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


class EncryptedTextField(models.TextField):
    """Text kept as a Fernet token in the database and read back as plain text in Python.

    An empty value is stored empty, so that "not given" stays distinguishable without a key.
    """

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        return decrypt(value) if value else ""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""
