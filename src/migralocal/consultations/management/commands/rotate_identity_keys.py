"""`manage.py rotate_identity_keys`: encrypt identifying details again with the newest key.

Put the new key first in CONSULTATIONS_ENCRYPTION_KEYS (keeping the old ones after it), deploy,
run this, then remove the old keys. See docs/consultations.md.
"""

from typing import Any

from django.core.management.base import BaseCommand

from migralocal.consultations import services
from migralocal.core.two_factor import authenticator_secrets_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every identifying detail with the newest key in CONSULTATIONS_ENCRYPTION_KEYS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.identity_keys_rotate()
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} records with the newest key."))
        # The same keys encrypt the secrets of authenticator apps (core.adapters.MFAAdapter).
        secrets, unreadable = authenticator_secrets_rotate()
        self.stdout.write(
            self.style.SUCCESS(f"Re-encrypted {secrets} authenticator secrets with the newest key.")
        )
        if unreadable:
            self.stdout.write(
                self.style.WARNING(
                    f"{unreadable} authenticator secrets open with none of the keys listed: "
                    "remove those authenticators in the admin so that their owners set up new ones."
                )
            )
