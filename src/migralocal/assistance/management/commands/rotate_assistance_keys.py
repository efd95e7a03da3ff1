"""`manage.py rotate_assistance_keys`: encrypt the cash assistance members' names, documents and
phones again with the newest key. Run it with `rotate_identity_keys` (docs/security.md) before
an old key is removed from CONSULTATIONS_ENCRYPTION_KEYS."""

from typing import Any

from django.core.management.base import BaseCommand

from migralocal.assistance import services


class Command(BaseCommand):
    help = "Re-encrypt cash assistance members' identifying details with the newest key."

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.assistance_keys_rotate()
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {count} members with the newest key."))
