"""Pull new submissions from every hub's KoboToolbox or ODK Central connection (run hourly)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from migralocal.consultations import services
from migralocal.consultations.field_data import problem_message
from migralocal.consultations.models import FieldDataConnection
from migralocal.consultations.tasks import pull_field_data


def describe(outcome: services.PullOutcome) -> str:
    if outcome.problem:
        return outcome.problem
    if outcome.waiting is not None:
        return _("An earlier pull (import %(id)s) waits for someone to decide; nothing pulled.") % {
            "id": outcome.waiting.pk
        }
    if outcome.upload is None:
        return _("No new submissions.")
    if outcome.upload.status == outcome.upload.Status.DONE:
        return _("Imported %(new)s new submissions (import %(id)s).") % {
            "new": outcome.upload.new_rows,
            "id": outcome.upload.pk,
        }
    return _("Pulled submissions with problems wait for someone to decide (import %(id)s).") % {
        "id": outcome.upload.pk
    }


class Command(BaseCommand):
    help = (
        "Enqueue a pull of new submissions for every KoboToolbox or ODK Central connection "
        "(run hourly); --wait pulls here and reports each result."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--hub", help="Only this hub (its slug).")
        parser.add_argument(
            "--wait", action="store_true", help="Pull in this process instead of enqueueing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connections = FieldDataConnection.objects.select_related("hub").order_by("pk")
        if options["hub"]:
            connections = connections.filter(hub__slug=options["hub"])
        failed = 0
        for connection in connections:
            hub = connection.hub.slug
            if options["wait"]:
                outcome = services.field_data_pull(connection=connection, user=None)
                stream = self.stderr if outcome.problem else self.stdout
                failed += bool(outcome.problem)
                stream.write(f"{hub}: {describe(outcome)}")
                continue
            result = pull_field_data.enqueue(connection.pk)
            self.stdout.write(_("%(hub)s: pull enqueued (%(id)s).") % {"hub": hub, "id": result.id})
            connection.refresh_from_db()
            if connection.last_error:
                failed += 1
                self.stderr.write(
                    _("%(hub)s: the last pull failed (%(when)s): %(problem)s")
                    % {
                        "hub": hub,
                        "when": f"{connection.last_error_at:%Y-%m-%d %H:%M}",
                        "problem": problem_message(connection),
                    }
                )
        if failed and options["wait"]:
            raise CommandError(_("%(count)s connections could not be pulled.") % {"count": failed})
