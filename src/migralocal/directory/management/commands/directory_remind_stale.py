from typing import Any

from django.core.management.base import BaseCommand

from migralocal.directory.tasks import remind_stale_listings


class Command(BaseCommand):
    help = "Enqueue the reminder to hub staff about listings not verified for over six months."

    def handle(self, *args: Any, **options: Any) -> None:
        result = remind_stale_listings.enqueue()
        self.stdout.write(f"Enqueued the stale-listings reminder ({result.id}).")
