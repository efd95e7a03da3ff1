"""What programme managers (and others who read figures) should open next: their dashboards."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migralocal.core.models import Actor
from migralocal.core.navigation import NextStep, StepDetail

# The dashboards of every module, each with the permission that opens it.
DASHBOARDS = (
    ("reports:dashboard", "reports.open_dashboard", gettext_lazy("Results dashboard")),
    (
        "consultations:area_dashboard",
        "consultations.view_area_dashboard",
        gettext_lazy("Consultation figures"),
    ),
    (
        "learning:training_progress",
        "learning.view_training_progress",
        gettext_lazy("Training progress"),
    ),
    ("learning:event_report", "learning.view_event_reports", gettext_lazy("Attendance figures")),
)


def next_steps(user: Actor) -> list[NextStep]:
    if not user.has_perm("reports.open_dashboard"):
        return []
    if user.has_perm("reports.view_dashboard"):
        title, order = _("Your dashboards"), 40
    else:
        title, order = _("Your municipality's figures"), 50
    details = tuple(
        StepDetail(str(label), reverse(url_name))
        for url_name, permission, label in DASHBOARDS
        if user.has_perm(permission)
    )
    return [NextStep(title, reverse("reports:dashboard"), _("Open the dashboard"), details, order)]
