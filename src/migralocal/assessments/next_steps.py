"""What focal points and reviewers should do next in the certification cycle, for their page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from migralocal.assessments import selectors
from migralocal.assessments.models import Assessment, Stage
from migralocal.core.models import Actor, Organisation
from migralocal.core.navigation import NextStep, StepDetail
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.selectors import user_role_set

# The page each stage's work happens on, for the focal point; other stages open the round.
FOCAL_POINT_PAGES = {
    Stage.TRAINING: "assessments:training",
    Stage.VALIDATED: "assessments:workshop",
    Stage.WORKSHOP: "assessments:priorities",
    Stage.PRIORITISED: "assessments:work_plan",
    Stage.MONITORING: "assessments:work_plan",
}
# What waits for a reviewer at each stage, and the permission that decides it.
REVIEW_QUEUE = {
    Stage.APPLIED: "assessments.decide_application",
    Stage.SUBMITTED: "assessments.review_assessment",
    Stage.PLAN_SUBMITTED: "assessments.approve_work_plan",
    Stage.MONITORING: "assessments.award_certificate",
}
QUEUE_SHOWN = 5


def next_steps(user: Actor) -> list[NextStep]:
    return [*_focal_point_steps(user), *_review_queue(user)]


def _municipalities_of_focal_point(user: Actor) -> list[Organisation]:
    roles = user_role_set(user)
    ids = [
        pk for pk, held in roles.organisation_roles.items() if OrganisationRole.FOCAL_POINT in held
    ]
    return list(Organisation.objects.filter(pk__in=ids, kind=Organisation.Kind.MUNICIPALITY))


def _focal_point_steps(user: Actor) -> list[NextStep]:
    steps = []
    for municipality in _municipalities_of_focal_point(user):
        latest = (
            Assessment.objects.filter(organisation=municipality)
            .select_related("organisation", "framework")
            .order_by("-year", "-pk")
            .first()
        )
        if latest is None or latest.stage == Stage.DECLINED:
            if user.has_perm("assessments.apply_for_certification", municipality):
                steps.append(
                    NextStep(
                        _("%(municipality)s: no certification round under way")
                        % {"municipality": municipality.name},
                        reverse("assessments:apply", args=[municipality.slug]),
                        _("Apply for certification"),
                        order=10,
                    )
                )
            continue
        steps.append(round_step(latest))
    return steps


def round_step(assessment: Assessment) -> NextStep:
    """The round's stage, what is missing in each section while it is being answered, and a
    link that continues where the work is."""
    title = _("%(municipality)s: certification round %(year)s") % {
        "municipality": assessment.organisation.name,
        "year": assessment.year,
    }
    stage = StepDetail(_("Stage: %(stage)s") % {"stage": assessment.get_stage_display()})
    detail_url = reverse("assessments:assessment_detail", args=[assessment.pk])
    if not assessment.is_open_for_answers:
        page = FOCAL_POINT_PAGES.get(Stage(assessment.stage), "assessments:assessment_detail")
        return NextStep(
            title, reverse(page, args=[assessment.pk]), _("Continue"), (stage,), order=10
        )
    progress = selectors.section_progress(assessment)
    missing = tuple(
        StepDetail(
            _("%(section)s: %(missing)s")
            % {"section": one.dimension, "missing": _what_is_missing(one)},
            reverse("assessments:section", args=[assessment.pk, one.dimension.code]),
        )
        for one in progress
        if not one.is_complete
    )
    first = selectors.next_section(progress)
    if not missing or first is None:
        done = StepDetail(_("Every section is complete: submit the self-assessment for review."))
        return NextStep(title, detail_url, _("Submit for review"), (stage, done), order=10)
    url = reverse("assessments:section", args=[assessment.pk, first.dimension.code])
    return NextStep(title, url, _("Continue"), (stage, *missing), order=10)


def _what_is_missing(section: selectors.SectionProgress) -> str:
    """ "3 questions without an answer, 1 without the evidence it requires", naming only what
    is missing."""
    parts = []
    if section.unanswered:
        parts.append(
            ngettext(
                "%(count)s question without an answer",
                "%(count)s questions without an answer",
                section.unanswered,
            )
            % {"count": section.unanswered}
        )
    if section.without_evidence:
        parts.append(
            ngettext(
                "%(count)s without the evidence it requires",
                "%(count)s without the evidence they require",
                section.without_evidence,
            )
            % {"count": section.without_evidence}
        )
    return ", ".join(parts)


def _review_queue(user: Actor) -> list[NextStep]:
    """Rounds waiting for a reviewer's decision (every permission of REVIEW_QUEUE is the
    reviewer's in the round's country), in the countries they review."""
    waiting = Assessment.objects.filter(stage__in=list(REVIEW_QUEUE)).select_related("organisation")
    if not (user.is_superuser and user.is_active):
        countries = user_role_set(user).programme_countries.get(ProgrammeRole.REVIEWER.value)
        if not countries:
            return []
        waiting = waiting.filter(country_id__in=countries)
    count = waiting.count()
    if not count:
        return []
    first = list(waiting.order_by("year", "pk")[:QUEUE_SHOWN])
    details = tuple(
        StepDetail(
            f"{assessment.organisation.name} · {assessment.year} · "
            f"{assessment.get_stage_display()}",
            reverse("assessments:assessment_detail", args=[assessment.pk]),
        )
        for assessment in first
    )
    return [
        NextStep(
            ngettext(
                "Your review queue: %(count)s round waits for you",
                "Your review queue: %(count)s rounds wait for you",
                count,
            )
            % {"count": count},
            reverse("assessments:assessment_detail", args=[first[0].pk]),
            _("Open the first"),
            details,
            order=20,
        )
    ]
