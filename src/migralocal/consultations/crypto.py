"""Encryption at rest of identifying details: Fernet tokens under a MultiFernet of the keys in
settings, so that the newest key encrypts and older ones still decrypt until rotation."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

# One key set and one cipher for the platform (core/crypto.py); re-exported for this module's use.
from migralocal.core.crypto import cipher, decrypt, encrypt, rotate

__all__ = ["EncryptedTextField", "cipher", "decrypt", "encrypt", "reencrypt_all", "rotate"]


class EncryptedTextField(models.TextField):
    """Text kept as a Fernet token in the database and read back as plain text in Python.

    An empty value is stored empty, so that "not given" stays distinguishable without a key.
    """

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        return decrypt(value) if value else ""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""


def reencrypt_all(model: type[models.Model], fields: tuple[str, ...], batch_size: int = 500) -> int:
    """Encrypt the `fields` (EncryptedTextFields) of every row of `model` again with the newest
    key, so older keys can be retired: in batches by primary key, each batch in its own
    transaction. The field decrypts when read and encrypts with the newest key when written.
    Returns how many rows were written."""
    rows = model._default_manager
    rotated = 0
    last_pk = 0
    while True:
        batch = list(
            rows.filter(pk__gt=last_pk).order_by("pk").values_list("pk", *fields)[:batch_size]
        )
        if not batch:
            return rotated
        with transaction.atomic():
            for pk, *values in batch:
                rows.filter(pk=pk).update(**dict(zip(fields, values, strict=True)))
                rotated += 1
        last_pk = batch[-1][0]
