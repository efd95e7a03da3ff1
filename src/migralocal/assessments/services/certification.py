"""The seal: the conditions for it, awarding it, and the follow-up round that renews it."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assessments.models import Assessment, Certificate, ProgressReport, Stage
from migralocal.assessments.services._common import TransitionRefused, move, require_stage
from migralocal.assessments.services.application import training_completed
from migralocal.assessments.services.frameworks import current_framework
from migralocal.core.models import User
from migralocal.core.permissions import require


def _condition_checks() -> dict[str, tuple[Any, str]]:
    return {
        "application_accepted": (
            lambda a: (
                a.is_renewal or (hasattr(a, "application") and a.application.decided_at is not None)
            ),
            _("the application was accepted"),
        ),
        "training_completed": (
            lambda a: a.is_renewal or training_completed(a),
            _("the officials completed the training modules"),
        ),
        "assessment_validated": (
            lambda a: a.validated_at is not None,
            _("the self-assessment was validated"),
        ),
        "workshop_held": (
            lambda a: hasattr(a, "workshop"),
            _("the diagnostic workshop was recorded"),
        ),
        "priorities_selected": (
            lambda a: a.priorities.exists(),
            _("priorities were selected"),
        ),
        "work_plan_approved": (
            lambda a: a.plan_approved_at is not None,
            _("the work plan was approved"),
        ),
        "progress_reported": (
            lambda a: (
                not a.is_renewal
                or ProgressReport.objects.filter(action__assessment=a.previous).exists()
            ),
            _("progress was reported on the previous work plan"),
        ),
    }


DEFAULT_CONDITIONS = (
    "application_accepted",
    "training_completed",
    "assessment_validated",
    "workshop_held",
    "priorities_selected",
    "work_plan_approved",
    "progress_reported",
)


def unmet_conditions(assessment: Assessment) -> list[str]:
    """What still stands between this round and its seal (ASSESSMENTS_CERTIFICATION_CONDITIONS)."""
    checks = _condition_checks()
    names = getattr(settings, "ASSESSMENTS_CERTIFICATION_CONDITIONS", DEFAULT_CONDITIONS)
    return [str(checks[name][1]) for name in names if not checks[name][0](assessment)]


def _verification_code() -> str:
    token = secrets.token_hex(6).upper()
    return "-".join(token[i : i + 4] for i in range(0, len(token), 4))


@transaction.atomic
def certificate_award(
    *, assessment: Assessment, user: User, today: datetime.date | None = None
) -> Certificate:
    """A reviewer awards the seal for the round's year once every condition is met. The seal
    is valid until the end of that year; a renewal round earns the next one."""
    require(user, "assessments.award_certificate", assessment)
    require_stage(assessment, Stage.MONITORING)
    unmet = unmet_conditions(assessment)
    if unmet:
        raise TransitionRefused(
            _("The seal cannot be awarded yet. Missing: %(missing)s.")
            % {"missing": "; ".join(unmet)}
        )
    today = today or timezone.localdate()
    certificate = Certificate.objects.create(
        assessment=assessment,
        number=f"pending-{secrets.token_hex(8)}",
        verification_code=_verification_code(),
        year=assessment.year,
        issued_on=today,
        valid_until=datetime.date(assessment.year, 12, 31),
        issued_by=user,
    )
    certificate.number = f"ML-{assessment.year}-{certificate.pk:05d}"
    certificate.save(update_fields=["number"])
    move(assessment, Stage.CERTIFIED)
    return certificate


@transaction.atomic
def renewal_start(*, assessment: Assessment, user: User, year: int) -> Assessment:
    """After a certified round, the focal point opens the follow-up round for a later year.
    It starts at the self-assessment, on the framework published now."""
    require(user, "assessments.answer_assessment", assessment)
    require_stage(assessment, Stage.CERTIFIED)
    if hasattr(assessment, "renewal"):
        raise TransitionRefused(_("The follow-up round has already started."))
    if year <= assessment.year:
        raise ValidationError({"year": _("The follow-up must be for a later year.")})
    if Assessment.objects.filter(organisation=assessment.organisation, year=year).exists():
        raise TransitionRefused(
            _("This municipality already has a round for %(year)s.") % {"year": year}
        )
    return Assessment.objects.create(
        organisation=assessment.organisation,
        country=assessment.country,
        framework=current_framework(),
        year=year,
        stage=Stage.SELF_ASSESSMENT,
        previous=assessment,
    )
