"""Every write of the assessment cycle, with its rule: who may do it, and in which stage.

The cycle is a state machine over `Assessment.stage`:

    applied → training → self_assessment → submitted → validated → workshop → prioritised
       ↘ declined               ↖ returned ↙                      plan_submitted → monitoring
                                                                  ↖ (returned)  ↙       ↓
                                                                                   certified
A renewal is a new round that starts at self_assessment after a certified one.
Each function checks the permission of `user` and the stage, then writes in one transaction.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assessments import framework_format
from migralocal.assessments.models import (
    Action,
    Answer,
    Application,
    Assessment,
    Certificate,
    Dimension,
    Evidence,
    Framework,
    Indicator,
    Option,
    Priority,
    PriorityRating,
    ProgressReport,
    Question,
    ReviewComment,
    Stage,
    TrainedOfficial,
    Workshop,
    WorkshopParticipant,
)
from migralocal.assessments.scoring import assessment_results
from migralocal.assessments.uploads import check_evidence, check_letter
from migralocal.core.models import Organisation, TaxonomyTerm

TRAINING_MODULES = 4


class TransitionRefused(ValidationError):
    """The assessment is not in a stage where this can happen, or a condition is not met."""


class AnswerConflict(ValidationError):
    """Someone else saved this answer after it was opened: the newer answer is kept."""

    def __init__(self, current: Answer) -> None:
        super().__init__(
            _(
                "Someone else changed this answer while you were editing it. Their answer is "
                "shown now; check it and save again if yours should replace it."
            )
        )
        self.current = current


def _allow(user: Any, permission: str, obj: Any) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("You may not do this for this municipality."))


def _require_stage(assessment: Assessment, *stages: str) -> None:
    if assessment.stage not in stages:
        raise TransitionRefused(
            _("This cannot be done while the assessment is at the stage “%(stage)s”.")
            % {"stage": assessment.get_stage_display()}
        )


def _move(assessment: Assessment, stage: str, **fields: Any) -> Assessment:
    assessment.stage = stage
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.save()
    return assessment


# Frameworks -------------------------------------------------------------------------------------


def _set_texts(instance: Any, texts_by_field: dict[str, dict[str, str]]) -> None:
    for field, texts in texts_by_field.items():
        for language, text in texts.items():
            instance.set_current_language(language)
            setattr(instance, field, text)
    instance.save()


def _build_framework(framework: Framework, data: dict[str, Any]) -> None:
    terms = {
        (term.taxonomy.code, term.code): term
        for term in TaxonomyTerm.objects.select_related("taxonomy").filter(
            taxonomy__code__in=["migof-domains", "gcm-objectives"]
        )
    }
    for d_position, d_data in enumerate(data["dimensions"]):
        dimension = Dimension(
            framework=framework, code=d_data["code"], position=d_position, weight=d_data["weight"]
        )
        _set_texts(dimension, {"title": d_data["title"], "description": d_data["description"]})
        for i_position, i_data in enumerate(d_data["indicators"]):
            indicator = Indicator(
                dimension=dimension,
                code=i_data["code"],
                position=i_position,
                weight=i_data["weight"],
                migof_domain=terms.get(("migof-domains", i_data["migof_domain"] or "")),
            )
            _set_texts(indicator, {"title": i_data["title"], "description": i_data["description"]})
            indicator.gcm_objectives.set(
                [terms[("gcm-objectives", code)] for code in i_data["gcm_objectives"]]
            )
            for q_position, q_data in enumerate(i_data["questions"]):
                question = Question(
                    indicator=indicator,
                    code=q_data["code"],
                    position=q_position,
                    kind=q_data["type"],
                    weight=q_data["weight"],
                    allows_not_applicable=q_data["not_applicable"],
                    evidence_required=q_data["evidence_required"],
                    target=q_data["target"],
                )
                _set_texts(question, {"text": q_data["text"], "help_text": q_data["help"]})
                for o_position, o_data in enumerate(q_data["options"]):
                    option = Option(
                        question=question,
                        code=o_data["code"],
                        position=o_position,
                        score=o_data["score"],
                    )
                    _set_texts(option, {"label": o_data["label"]})


@transaction.atomic
def framework_load(*, data: Any, publish: bool = False) -> tuple[Framework, bool]:
    """Load a framework file's data; return the version that holds it and whether it is new.

    Everything is checked first (FrameworkFormatError lists each problem with its path) and
    nothing is written if anything is wrong. The same content as the latest version changes
    nothing; a draft latest version is replaced; a published one is never touched: the change
    becomes the next version.
    """
    canonical = framework_format.normalise(data)
    latest = Framework.objects.filter(code=canonical["code"]).order_by("-version").first()
    if latest is not None and framework_format.framework_as_dict(latest) == canonical:
        if publish and not latest.is_published:
            framework_publish(framework=latest)
        return latest, False
    if latest is not None and not latest.is_published:
        framework = latest
        framework.dimensions.all().delete()
    else:
        framework = Framework(code=canonical["code"], version=(latest.version + 1) if latest else 1)
    framework.well_developed_threshold = canonical["well_developed_threshold"]
    _set_texts(framework, {"title": canonical["title"], "description": canonical["description"]})
    _build_framework(framework, canonical)
    if publish:
        framework_publish(framework=framework)
    return framework, True


@transaction.atomic
def framework_publish(*, framework: Framework) -> Framework:
    """Publish a draft. From then on it is read-only, and assessments may use it."""
    if framework.is_published:
        raise TransitionRefused(_("This version is already published."))
    framework.status = Framework.Status.PUBLISHED
    framework.published_at = timezone.now()
    framework.save(update_fields=["status", "published_at"])
    return framework


def current_framework() -> Framework:
    framework = (
        Framework.objects.filter(status=Framework.Status.PUBLISHED)
        .order_by("-published_at", "-version")
        .first()
    )
    if framework is None:
        raise TransitionRefused(_("No framework has been published yet."))
    return framework


# Application and training -----------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    organisation: Organisation,
    user: Any,
    year: int,
    population: int,
    migrant_population: int | None,
    current_work: str,
    motivation: str,
    mayor_name: str,
    letter: Any,
) -> Assessment:
    """A municipality's focal point applies, with the mayor's signed letter of intent."""
    _allow(user, "assessments.apply_for_certification", organisation)
    if organisation.kind != Organisation.Kind.MUNICIPALITY:
        raise TransitionRefused(_("Only a municipality can apply."))
    if Assessment.objects.filter(organisation=organisation, year=year).exists():
        raise TransitionRefused(
            _("This municipality already has a round for %(year)s.") % {"year": year}
        )
    check_letter(letter)
    assessment = Assessment.objects.create(
        organisation=organisation,
        country_id=organisation.country_id,
        framework=current_framework(),
        year=year,
        stage=Stage.APPLIED,
    )
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


def _decide(assessment: Assessment, user: Any, note: str) -> None:
    application = assessment.application
    application.decision_note = note
    application.decided_at = timezone.now()
    application.decided_by = user
    application.save()


@transaction.atomic
def application_accept(*, assessment: Assessment, user: Any, note: str = "") -> Assessment:
    """A reviewer in the municipality's country accepts the application: training starts."""
    _allow(user, "assessments.decide_application", assessment)
    _require_stage(assessment, Stage.APPLIED)
    _decide(assessment, user, note)
    return _move(assessment, Stage.TRAINING)


@transaction.atomic
def application_decline(*, assessment: Assessment, user: Any, note: str) -> Assessment:
    """A reviewer declines an application, and must say why."""
    _allow(user, "assessments.decide_application", assessment)
    _require_stage(assessment, Stage.APPLIED)
    if not note.strip():
        raise ValidationError({"note": _("Say why the application is declined.")})
    _decide(assessment, user, note)
    return _move(assessment, Stage.DECLINED)


@transaction.atomic
def official_record(
    *,
    assessment: Assessment,
    user: Any,
    position: str,
    gender: str,
    modules_completed: int,
    name: str = "",
) -> TrainedOfficial:
    """The focal point records an official in training and the modules they finished."""
    _allow(user, "assessments.plan_assessment", assessment)
    _require_stage(assessment, Stage.TRAINING, Stage.SELF_ASSESSMENT)
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
def training_confirm(*, assessment: Assessment, user: Any) -> Assessment:
    """Once at least one official finished every module, the self-assessment opens."""
    _allow(user, "assessments.plan_assessment", assessment)
    _require_stage(assessment, Stage.TRAINING)
    if not training_completed(assessment):
        raise TransitionRefused(
            _("At least one official must complete the four training modules first.")
        )
    return _move(assessment, Stage.SELF_ASSESSMENT, training_confirmed_at=timezone.now())


# Self-assessment --------------------------------------------------------------------------------


def _clean_answer_value(
    question: Question,
    *,
    not_applicable: bool,
    choice: str,
    choices: Sequence[str],
    number: Decimal | None,
    date: datetime.date | None,
    text: str,
) -> dict[str, Any]:
    empty: dict[str, Any] = {"choice": "", "choices": [], "number": None, "date": None, "text": ""}
    if not_applicable:
        if not question.allows_not_applicable:
            raise ValidationError(_("“Not applicable” is not allowed for this question."))
        return {**empty, "not_applicable": True}
    value = {**empty, "not_applicable": False}
    option_codes = {option.code for option in question.options.all()}
    kind = question.kind
    if kind == Question.Kind.YES_NO_PARTLY:
        if choice and choice not in {"yes", "no", "partly"}:
            raise ValidationError(_("Choose yes, no or partly."))
        value["choice"] = choice
    elif kind == Question.Kind.SINGLE_CHOICE:
        if choice and choice not in option_codes:
            raise ValidationError(_("Choose one of the options."))
        value["choice"] = choice
    elif kind == Question.Kind.MULTIPLE_CHOICE:
        unknown = set(choices) - option_codes
        if unknown:
            raise ValidationError(_("Choose among the options."))
        value["choices"] = sorted(set(choices))
    elif kind == Question.Kind.NUMBER:
        if number is not None and number < 0:
            raise ValidationError(_("The number cannot be negative."))
        value["number"] = number
    elif kind == Question.Kind.DATE:
        value["date"] = date
    else:
        value["text"] = text.strip()
    return value


@transaction.atomic
def answer_save(
    *,
    assessment: Assessment,
    question: Question,
    user: Any,
    expected_version: int,
    not_applicable: bool = False,
    choice: str = "",
    choices: Sequence[str] = (),
    number: Decimal | None = None,
    date: datetime.date | None = None,
    text: str = "",
) -> Answer:
    """Save one answer. `expected_version` is the version the person opened; if someone saved
    since, AnswerConflict is raised and nothing is overwritten. Saving the same value again is
    not a change."""
    _allow(user, "assessments.answer_assessment", assessment)
    if not assessment.is_open_for_answers:
        raise TransitionRefused(_("The self-assessment is not open for answers."))
    if question.indicator.dimension.framework_id != assessment.framework_id:
        raise ValidationError(_("This question is not part of this assessment."))
    value = _clean_answer_value(
        question,
        not_applicable=not_applicable,
        choice=choice,
        choices=choices,
        number=number,
        date=date,
        text=text,
    )
    answer, _created = Answer.objects.select_for_update().get_or_create(
        assessment=assessment, question=question
    )
    unchanged = all(getattr(answer, name) == wanted for name, wanted in value.items())
    if unchanged:
        return answer
    if answer.version != expected_version:
        raise AnswerConflict(answer)
    # The conditional update is what makes two simultaneous saves of one version safe.
    updated = Answer.objects.filter(pk=answer.pk, version=expected_version).update(
        **value, version=F("version") + 1, updated_by=user, updated_at=timezone.now()
    )
    answer.refresh_from_db()
    if not updated:
        raise AnswerConflict(answer)
    return answer


@transaction.atomic
def evidence_add(*, answer: Answer, user: Any, file: Any = None, url: str = "") -> Evidence:
    """Attach a checked file or a link to an answer while the self-assessment is open."""
    _allow(user, "assessments.answer_assessment", answer.assessment)
    if not answer.assessment.is_open_for_answers:
        raise TransitionRefused(_("The self-assessment is not open for answers."))
    if not file and not url:
        raise ValidationError(_("Add a file or a link."))
    evidence = Evidence(answer=answer, url=url, added_by=user)
    if file:
        check_evidence(file)
        evidence.file = file
        evidence.original_name = str(file.name)[:200]
    evidence.full_clean(exclude=["file"])
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, user: Any) -> None:
    """Remove evidence while the self-assessment is open."""
    _allow(user, "assessments.answer_assessment", evidence.answer.assessment)
    if not evidence.answer.assessment.is_open_for_answers:
        raise TransitionRefused(_("The self-assessment is not open for answers."))
    evidence.file.delete(save=False)
    evidence.delete()


def missing_for_submission(assessment: Assessment) -> tuple[list[Question], list[Question]]:
    """The questions still unanswered, and those whose required evidence is missing."""
    answers = {
        answer.question_id: answer for answer in assessment.answers.prefetch_related("evidence")
    }
    unanswered, without_evidence = [], []
    questions = Question.objects.filter(
        indicator__dimension__framework=assessment.framework
    ).prefetch_related("translations")
    for question in questions:
        answer = answers.get(question.pk)
        if answer is None or not answer.is_given:
            unanswered.append(question)
        elif question.evidence_required and not answer.not_applicable and not answer.evidence.all():
            without_evidence.append(question)
    return unanswered, without_evidence


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user: Any) -> Assessment:
    """The focal point submits once every question is answered and required evidence attached."""
    _allow(user, "assessments.answer_assessment", assessment)
    _require_stage(assessment, Stage.SELF_ASSESSMENT, Stage.RETURNED)
    unanswered, without_evidence = missing_for_submission(assessment)
    if unanswered or without_evidence:
        raise TransitionRefused(
            _(
                "The assessment is not complete: %(unanswered)s questions without an answer and "
                "%(evidence)s without the evidence they require."
            )
            % {"unanswered": len(unanswered), "evidence": len(without_evidence)}
        )
    return _move(assessment, Stage.SUBMITTED, submitted_at=timezone.now())


# Review -----------------------------------------------------------------------------------------


@transaction.atomic
def review_comment_add(*, answer: Answer, user: Any, text: str) -> ReviewComment:
    """A reviewer comments on one answer of a submitted assessment."""
    _allow(user, "assessments.review_assessment", answer.assessment)
    _require_stage(answer.assessment, Stage.SUBMITTED)
    if not text.strip():
        raise ValidationError({"text": _("Write a comment.")})
    return ReviewComment.objects.create(answer=answer, author=user, text=text.strip())


@transaction.atomic
def assessment_return(*, assessment: Assessment, user: Any, note: str) -> Assessment:
    """A reviewer sends a submitted assessment back for changes, saying what to change."""
    _allow(user, "assessments.review_assessment", assessment)
    _require_stage(assessment, Stage.SUBMITTED)
    if not note.strip():
        raise ValidationError({"note": _("Say what should change.")})
    return _move(assessment, Stage.RETURNED, review_note=note.strip())


@transaction.atomic
def assessment_validate(*, assessment: Assessment, user: Any) -> Assessment:
    """A reviewer validates a submitted assessment; its results become final."""
    _allow(user, "assessments.review_assessment", assessment)
    _require_stage(assessment, Stage.SUBMITTED)
    return _move(assessment, Stage.VALIDATED, validated_at=timezone.now(), validated_by=user)


# Workshop and prioritisation --------------------------------------------------------------------


@transaction.atomic
def workshop_record(
    *,
    assessment: Assessment,
    user: Any,
    held_on: datetime.date,
    facilitators: str,
    findings: str,
    participants: Iterable[dict[str, str]],
) -> Workshop:
    """Record the diagnostic workshop of a validated assessment, with its participants."""
    _allow(user, "assessments.record_workshop", assessment)
    _require_stage(assessment, Stage.VALIDATED, Stage.WORKSHOP)
    participants = list(participants)
    if not participants:
        raise ValidationError({"participants": _("List at least one participant.")})
    workshop, _created = Workshop.objects.update_or_create(
        assessment=assessment,
        defaults={"held_on": held_on, "facilitators": facilitators, "findings": findings},
    )
    workshop.full_clean()
    workshop.participants.all().delete()
    for values in participants:
        participant = WorkshopParticipant(workshop=workshop, **values)
        participant.full_clean()
        participant.save()
    _move(assessment, Stage.WORKSHOP)
    return workshop


def areas_with_potential(assessment: Assessment) -> list[Dimension]:
    return [result.dimension for result in assessment_results(assessment).with_potential]


@transaction.atomic
def priority_rate(
    *,
    assessment: Assessment,
    user: Any,
    participant: WorkshopParticipant,
    dimension: Dimension,
    impact: int,
    feasibility: int,
) -> PriorityRating:
    """A participant's rating (entered by them or by the focal point) of one area with
    potential for development, for impact and feasibility from 1 to 5."""
    _allow(user, "assessments.plan_assessment", assessment)
    _require_stage(assessment, Stage.WORKSHOP)
    if participant.workshop.assessment_id != assessment.pk:
        raise ValidationError(_("This person did not take part in this workshop."))
    if dimension not in areas_with_potential(assessment):
        raise ValidationError(_("Only areas with potential for development are rated."))
    rating, _created = PriorityRating.objects.update_or_create(
        assessment=assessment,
        participant=participant,
        dimension=dimension,
        defaults={"impact": impact, "feasibility": feasibility},
    )
    rating.full_clean()
    return rating


@transaction.atomic
def priorities_select(
    *, assessment: Assessment, user: Any, dimensions: Sequence[Dimension]
) -> list[Priority]:
    """The municipality selects, in order, the areas its work plan will strengthen."""
    _allow(user, "assessments.plan_assessment", assessment)
    _require_stage(assessment, Stage.WORKSHOP, Stage.PRIORITISED)
    if not dimensions:
        raise ValidationError(_("Select at least one priority."))
    allowed = set(areas_with_potential(assessment))
    if any(dimension not in allowed for dimension in dimensions):
        raise ValidationError(_("Only areas with potential for development can be priorities."))
    dropped = assessment.priorities.exclude(dimension__in=dimensions)
    if Action.objects.filter(priority__in=dropped).exists():
        raise ValidationError(_("A priority that already has actions cannot be removed."))
    dropped.delete()
    priorities = []
    for position, dimension in enumerate(dimensions):
        priority, _created = Priority.objects.update_or_create(
            assessment=assessment, dimension=dimension, defaults={"position": position}
        )
        priorities.append(priority)
    _move(assessment, Stage.PRIORITISED)
    return priorities


# Work plan and monitoring -----------------------------------------------------------------------


@transaction.atomic
def action_save(
    *,
    assessment: Assessment,
    user: Any,
    priority: Priority,
    indicator: Indicator,
    title: str,
    owner: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    partners: str = "",
    budget: Decimal | None = None,
    status: str = Action.Status.PLANNED,
    progress: int = 0,
    action: Action | None = None,
) -> Action:
    """Add or change an action of the work plan while it is being written."""
    _allow(user, "assessments.plan_assessment", assessment)
    _require_stage(assessment, Stage.PRIORITISED)
    if priority.assessment_id != assessment.pk:
        raise ValidationError(_("This priority belongs to another assessment."))
    if indicator.dimension_id != priority.dimension_id:
        raise ValidationError({"indicator": _("Choose an indicator of the priority's area.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end cannot be before the start.")})
    action = action or Action(assessment=assessment)
    if action.assessment_id != assessment.pk:
        raise ValidationError(_("This action belongs to another assessment."))
    for name, value in {
        "priority": priority,
        "indicator": indicator,
        "title": title,
        "owner": owner,
        "partners": partners,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "budget": budget,
        "status": status,
        "progress": progress,
    }.items():
        setattr(action, name, value)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def work_plan_submit(*, assessment: Assessment, user: Any) -> Assessment:
    """The focal point submits the work plan once every priority has at least one action."""
    _allow(user, "assessments.plan_assessment", assessment)
    _require_stage(assessment, Stage.PRIORITISED)
    if assessment.priorities.filter(actions__isnull=True).exists():
        raise TransitionRefused(_("Every priority needs at least one action."))
    return _move(assessment, Stage.PLAN_SUBMITTED)


@transaction.atomic
def work_plan_return(*, assessment: Assessment, user: Any, note: str) -> Assessment:
    """A reviewer returns the work plan for changes, saying what to change."""
    _allow(user, "assessments.approve_work_plan", assessment)
    _require_stage(assessment, Stage.PLAN_SUBMITTED)
    if not note.strip():
        raise ValidationError({"note": _("Say what should change.")})
    return _move(assessment, Stage.PRIORITISED, plan_note=note.strip())


@transaction.atomic
def work_plan_approve(*, assessment: Assessment, user: Any) -> Assessment:
    """A reviewer approves the work plan; monitoring starts."""
    _allow(user, "assessments.approve_work_plan", assessment)
    _require_stage(assessment, Stage.PLAN_SUBMITTED)
    return _move(
        assessment, Stage.MONITORING, plan_approved_at=timezone.now(), plan_approved_by=user
    )


@transaction.atomic
def progress_report(
    *,
    action: Action,
    user: Any,
    status: str,
    progress: int,
    note: str,
    reported_on: datetime.date | None = None,
) -> ProgressReport:
    """Report progress on an approved work plan's action; the action takes the new status."""
    assessment = action.assessment
    _allow(user, "assessments.plan_assessment", assessment)
    _require_stage(assessment, Stage.MONITORING, Stage.CERTIFIED)
    report = ProgressReport(
        action=action,
        status=status,
        progress=progress,
        note=note,
        reported_by=user,
        reported_on=reported_on or timezone.localdate(),
    )
    report.full_clean()
    report.save()
    action.status = status
    action.progress = progress
    action.save(update_fields=["status", "progress"])
    return report


# Certification and renewal ----------------------------------------------------------------------


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
    *, assessment: Assessment, user: Any, today: datetime.date | None = None
) -> Certificate:
    """A reviewer awards the seal for the round's year once every condition is met. The seal
    is valid until the end of that year; a renewal round earns the next one."""
    _allow(user, "assessments.award_certificate", assessment)
    _require_stage(assessment, Stage.MONITORING)
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
    _move(assessment, Stage.CERTIFIED)
    return certificate


@transaction.atomic
def renewal_start(*, assessment: Assessment, user: Any, year: int) -> Assessment:
    """After a certified round, the focal point opens the follow-up round for a later year.
    It starts at the self-assessment, on the framework published now."""
    _allow(user, "assessments.answer_assessment", assessment)
    _require_stage(assessment, Stage.CERTIFIED)
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
