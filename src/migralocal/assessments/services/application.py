"""The start of the cycle: a municipality applies, a reviewer decides, officials are trained."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assessments.models import (
    Application,
    Assessment,
    Framework,
    Stage,
    TrainedOfficial,
)
from migralocal.assessments.services._common import TransitionRefused, move, require_stage
from migralocal.assessments.services.frameworks import current_framework
from migralocal.assessments.uploads import check_letter
from migralocal.core.models import Organisation, User
from migralocal.core.permissions import require

TRAINING_MODULES = 4


@transaction.atomic
def application_submit(
    *,
    organisation: Organisation,
    user: User,
    year: int,
    population: int,
    migrant_population: int | None,
    current_work: str,
    motivation: str,
    mayor_name: str,
    letter: Any,
) -> Assessment:
    """A municipality's focal point applies, with the mayor's signed letter of intent."""
    require(user, "assessments.apply_for_certification", organisation)
    _check_new_round(organisation, year)
    check_letter(letter)
    assessment = _new_round(organisation, current_framework(), year, Stage.APPLIED)
    Application.objects.create(
        assessment=assessment,
        population=population,
        migrant_population=migrant_population,
        current_work=current_work,
        motivation=motivation,
        mayor_name=mayor_name,
        letter=letter,
        submitted_by=user,
    )
    return assessment


def _check_new_round(organisation: Organisation, year: int) -> None:
    if organisation.kind != Organisation.Kind.MUNICIPALITY:
        raise TransitionRefused(_("Only a municipality can apply."))
    if Assessment.objects.filter(organisation=organisation, year=year).exists():
        raise TransitionRefused(
            _("This municipality already has a round for %(year)s.") % {"year": year}
        )


def _new_round(
    organisation: Organisation, framework: Framework, year: int, stage: str
) -> Assessment:
    return Assessment.objects.create(
        organisation=organisation,
        country_id=organisation.country_id,
        framework=framework,
        year=year,
        stage=stage,
    )


@transaction.atomic
def cohort_round_start(
    *, organisation: Organisation, framework: Framework, year: int
) -> Assessment:
    """A programme's call accepted the municipality into its cohort: its round starts at the
    training, on the call's framework, as a round does when a reviewer accepts its application.
    The call's application stands for this round's; who may accept it (the programme's managers)
    is checked by the calls service that calls this one, and only there."""
    _check_new_round(organisation, year)
    if not framework.is_published:
        raise TransitionRefused(_("A round starts only on a published framework."))
    return _new_round(organisation, framework, year, Stage.TRAINING)


def _decide(assessment: Assessment, user: User, note: str) -> None:
    application = assessment.application
    application.decision_note = note
    application.decided_at = timezone.now()
    application.decided_by = user
    application.save()


@transaction.atomic
def application_accept(*, assessment: Assessment, user: User, note: str = "") -> Assessment:
    """A reviewer in the municipality's country accepts the application: training starts."""
    require(user, "assessments.decide_application", assessment)
    require_stage(assessment, Stage.APPLIED)
    _decide(assessment, user, note)
    return move(assessment, Stage.TRAINING)


@transaction.atomic
def application_decline(*, assessment: Assessment, user: User, note: str) -> Assessment:
    """A reviewer declines an application, and must say why."""
    require(user, "assessments.decide_application", assessment)
    require_stage(assessment, Stage.APPLIED)
    if not note.strip():
        raise ValidationError({"note": _("Say why the application is declined.")})
    _decide(assessment, user, note)
    return move(assessment, Stage.DECLINED)


@transaction.atomic
def official_record(
    *,
    assessment: Assessment,
    user: User,
    position: str,
    gender: str,
    modules_completed: int,
    name: str = "",
) -> TrainedOfficial:
    """The focal point records an official in training and the modules they finished."""
    require(user, "assessments.plan_assessment", assessment)
    require_stage(assessment, Stage.TRAINING, Stage.SELF_ASSESSMENT)
    if not 0 <= modules_completed <= TRAINING_MODULES:
        raise ValidationError(
            {"modules_completed": _("Between 0 and %(n)s modules.") % {"n": TRAINING_MODULES}}
        )
    official = TrainedOfficial(
        assessment=assessment,
        name=name,
        position=position,
        gender=gender,
        modules_completed=modules_completed,
    )
    official.full_clean()
    official.save()
    return official


def training_completed(assessment: Assessment) -> bool:
    """The officials finished the four modules: on the platform's courses (Learning), or in a
    training given elsewhere and recorded here."""
    if assessment.officials.filter(modules_completed__gte=TRAINING_MODULES).exists():
        return True
    if apps.is_installed("migralocal.learning"):
        from migralocal.learning.selectors import municipal_training_status

        return municipal_training_status(assessment.organisation).is_complete
    return False


@transaction.atomic
def training_confirm(*, assessment: Assessment, user: User) -> Assessment:
    """Once at least one official finished every module, the self-assessment opens."""
    require(user, "assessments.plan_assessment", assessment)
    require_stage(assessment, Stage.TRAINING)
    if not training_completed(assessment):
        raise TransitionRefused(
            _("At least one official must complete the four training modules first.")
        )
    return move(assessment, Stage.SELF_ASSESSMENT, training_confirmed_at=timezone.now())
