"""What trainers should do next: their next event, for their page."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from migralocal.core.models import Actor
from migralocal.core.navigation import NextStep, StepDetail
from migralocal.core.roles import ProgrammeRole
from migralocal.core.selectors import user_role_set
from migralocal.learning.selectors.events import events_managed_by


def next_steps(user: Actor) -> list[NextStep]:
    if ProgrammeRole.TRAINER.value not in user_role_set(user).programme_countries:
        return []
    event = (
        events_managed_by(user)
        .filter(ends_at__gte=timezone.now())
        .annotate(confirmed=Count("registrations", filter=Q(registrations__status="confirmed")))
        .prefetch_related("translations")
        .order_by("starts_at", "pk")
        .first()
    )
    if event is None:
        return [
            NextStep(
                _("No event of yours is coming up"),
                reverse("learning:event_create"),
                _("Plan an event"),
                order=30,
            )
        ]
    when = formats.date_format(timezone.localtime(event.starts_at, event.zone), "DATETIME_FORMAT")
    details = (
        StepDetail(_("Starts: %(when)s") % {"when": when}),
        StepDetail(
            ngettext(
                "%(count)s confirmed registration",
                "%(count)s confirmed registrations",
                event.confirmed,
            )
            % {"count": event.confirmed}
        ),
        StepDetail(_("Take attendance"), reverse("learning:event_attendance", args=[event.slug])),
    )
    return [
        NextStep(
            _("Your next event: %(event)s") % {"event": event},
            event.get_absolute_url(),
            _("Open the event"),
            details,
            order=30,
        )
    ]
