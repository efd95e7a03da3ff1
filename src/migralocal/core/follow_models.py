"""A follow: an e-mail address that asked to hear when something new happens to a commitment,
a filtered list of commitments or an event series (see `core/following.py`).

The address is kept encrypted with the platform's keys (`core/crypto.py`), like the identifying
details of consultations; a keyed digest of it lets the platform find a person's follows (for
their page, an export or an erasure) without decrypting every row.
"""

from __future__ import annotations

import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator, validate_email
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from migralocal.core.crypto import decrypt, encrypt

DIGEST_SALT = "migralocal.core.follow-email"


def email_digest(email: str) -> str:
    """The keyed digest of an address, the same for any spelling of its case."""
    return salted_hmac(DIGEST_SALT, email.strip().lower(), algorithm="sha256").hexdigest()


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class EncryptedEmailField(models.TextField):
    """An address kept as a Fernet token in the database and read back as plain text."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        return decrypt(value) if value else ""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""


class Follow(models.Model):
    """One address following one target. Nothing is sent to it but the confirmation until it is
    confirmed; an unconfirmed follow expires. Stopping deletes the row."""

    email = EncryptedEmailField(
        _("e-mail address"), validators=[MaxLengthValidator(254), validate_email]
    )
    email_digest = models.CharField(max_length=64, db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("account"),
    )
    # No choices here: each module declares what may be followed (`<app>/follow_targets.py`).
    target_kind = models.CharField(_("what is followed"), max_length=40)
    target_key = models.CharField(_("which one"), max_length=500)
    language = models.CharField(_("language"), max_length=10)
    # Named in the signed links, so that a link for a stopped follow never works for a new one.
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last e-mail"), null=True, blank=True)

    # Declared, since the type checker looks for models in `models.py` only.
    objects: ClassVar[models.Manager[Follow]] = models.Manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ("-created_at",)
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["email_digest", "target_kind", "target_key"], name="one_follow_per_address"
            )
        ]
        indexes: ClassVar = [models.Index(fields=["target_kind", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.target_kind}:{self.target_key}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email_digest = email_digest(self.email)
        super().save(*args, **kwargs)
