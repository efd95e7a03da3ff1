"""Encrypt the authenticator secrets allauth kept in plain text (TOTP keys, recovery-code seeds)
with the platform's Fernet keys, as core.adapters.MFAAdapter now stores new ones."""

from typing import Any

from django.db import migrations

from migralocal.core import crypto

# The parts of Authenticator.data that are secrets, by authenticator type.
SECRET_KEYS = {"totp": ("secret",), "recovery_codes": ("seed",)}
SECRET_LISTS = {"recovery_codes": ("migrated_codes",)}


def _is_encrypted(value: str) -> bool:
    try:
        crypto.decrypt(value)
    except (crypto.InvalidToken, ValueError, TypeError):
        return False
    return True


def _convert(data: dict[str, Any], kind: str, change: Any) -> bool:
    changed = False
    for key in SECRET_KEYS.get(kind, ()):
        if isinstance(data.get(key), str):
            new = change(data[key])
            changed |= new != data[key]
            data[key] = new
    for key in SECRET_LISTS.get(kind, ()):
        if isinstance(data.get(key), list):
            new_list = [change(value) for value in data[key]]
            changed |= new_list != data[key]
            data[key] = new_list
    return changed


def _encrypt(value: str) -> str:
    return value if _is_encrypted(value) else crypto.encrypt(value)


def _decrypt(value: str) -> str:
    return crypto.decrypt(value) if _is_encrypted(value) else value


def _apply(apps: Any, change: Any) -> None:
    authenticator_model = apps.get_model("mfa", "Authenticator")
    for authenticator in authenticator_model.objects.all().iterator():
        if _convert(authenticator.data, authenticator.type, change):
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps: Any, schema_editor: Any) -> None:
    _apply(apps, _encrypt)


def decrypt_secrets(apps: Any, schema_editor: Any) -> None:
    _apply(apps, _decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_two_factor_lockouts_and_enrolment_passes"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
