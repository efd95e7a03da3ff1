"""`manage.py send_discussion_digest`: enqueue the daily digest of discussions (run it daily)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from migralocal.learning.discussion_tasks import send_discussion_digest


class Command(BaseCommand):
    help = "Enqueue the daily e-mail digest of discussions for those who chose it."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_discussion_digest.enqueue(site_url=settings.SITE_URL)
        self.stdout.write(f"Enqueued the discussions digest ({result.id}).")
