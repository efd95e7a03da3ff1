"""Encryption at rest of identifying details: Fernet tokens under a MultiFernet of the keys in
settings, so that the newest key encrypts and older ones still decrypt until rotation."""

from __future__ import annotations

from typing import Any

from django.db import models

# One key set and one cipher for the platform (core/crypto.py); re-exported for this module's use.
from migralocal.core.crypto import cipher, decrypt, encrypt, rotate

__all__ = ["EncryptedTextField", "cipher", "decrypt", "encrypt", "rotate"]


class EncryptedTextField(models.TextField):
    """Text kept as a Fernet token in the database and read back as plain text in Python.

    An empty value is stored empty, so that "not given" stays distinguishable without a key.
    """

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        return decrypt(value) if value else ""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""
