"""Password rules beyond Django's own, following NIST SP 800-63B."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from migralocal.core.models import User


class MaximumLengthValidator:
    """Accept long passphrases (NIST: at least 64 characters) but refuse absurd lengths, which
    would only make hashing slow."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: User | None = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "This password is too long. It must contain at most %(max_length)d character.",
                    "This password is too long. It must contain at most %(max_length)d characters.",
                    self.max_length,
                ),
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password can be a long passphrase of up to %(max_length)d character.",
            "Your password can be a long passphrase of up to %(max_length)d characters.",
            self.max_length,
        ) % {"max_length": self.max_length}
