"""What hub staff should do next: the follow-ups due at each hub they staff, for their page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from migralocal.consultations.selectors import follow_ups_of_hub, hubs_staffed_by
from migralocal.core.models import Actor
from migralocal.core.navigation import NextStep, StepDetail

HUBS_SHOWN = 5


def next_steps(user: Actor) -> list[NextStep]:
    steps = []
    for hub in hubs_staffed_by(user)[:HUBS_SHOWN]:
        lists = follow_ups_of_hub(hub)
        overdue, due = lists.overdue.count(), lists.due.count()
        details = (
            StepDetail(
                ngettext(
                    "%(count)s follow-up overdue",
                    "%(count)s follow-ups overdue",
                    overdue,
                )
                % {"count": overdue}
            ),
            StepDetail(
                ngettext(
                    "%(count)s follow-up due in the next 7 days",
                    "%(count)s follow-ups due in the next 7 days",
                    due,
                )
                % {"count": due}
            ),
            StepDetail(
                _("Record a consultation"), f"{reverse('consultations:record')}?hub={hub.pk}"
            ),
        )
        steps.append(
            NextStep(
                _("%(hub)s: follow-ups due") % {"hub": hub},
                reverse("consultations:follow_ups", args=[hub.slug]),
                _("Follow up referrals"),
                details,
                order=5,
            )
        )
    return steps
