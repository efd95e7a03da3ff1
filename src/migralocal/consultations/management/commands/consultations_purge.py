from typing import Any

from django.core.management.base import BaseCommand

from migralocal.consultations.tasks import purge_expired_identities


class Command(BaseCommand):
    help = "Enqueue the purge of identifying details older than the retention period (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = purge_expired_identities.enqueue()
        self.stdout.write(f"Enqueued the retention purge ({result.id}).")
