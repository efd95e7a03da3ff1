"""`manage.py purge_assistance_grievances`: erase what people wrote in grievances, and how to
reach them, once the grievance has been closed for longer than the retention period
(ASSISTANCE_GRIEVANCE_RETENTION_DAYS, 365 by default). Run it daily, like consultations_purge."""

from typing import Any

from django.core.management.base import BaseCommand

from migralocal.assistance import grievance_services


class Command(BaseCommand):
    help = "Erase the details of grievances closed longer ago than the retention period."

    def handle(self, *args: Any, **options: Any) -> None:
        count = grievance_services.grievance_details_purge()
        self.stdout.write(self.style.SUCCESS(f"Erased the details of {count} grievances."))
