"""Reads of calls: which calls a person sees, the applications, the cohort and the distribution
of its scores.

The distribution counts municipalities per level, per dimension and per governance domain, to
plan the cohort's workshops ("most are still developing participation"). It never says which
municipality is at which level, and nothing here sorts municipalities by score: the cycle's
results are never a ranking of cities."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from migralocal.assessments.models import Assessment, Framework, Stage
from migralocal.assessments.scoring import Results, assessment_results, framework_structure
from migralocal.calls.models import Call, CallApplication
from migralocal.core.models import Actor, Organisation
from migralocal.core.permissions import roles_of
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.programmes.models import Programme
from migralocal.programmes.selectors import visible_programmes


def visible_calls(user: Actor) -> QuerySet[Call]:
    """The calls of the programmes the user may see."""
    return (
        Call.objects.filter(programme__in=visible_programmes(user).values("pk"))
        .select_related("programme", "framework")
        .prefetch_related("translations", "programme__translations", "framework__translations")
    )


def applications_readable_by(user: Actor) -> QuerySet[CallApplication]:
    """The applications a person reads, as on the pages: every application to the calls they
    decide (platform admins: all; a programme's managers: its calls), and the accepted ones (the
    cohort) of the calls whose cohort they follow as a reviewer of one of the programme's
    countries."""
    rows = CallApplication.objects.select_related("call", "municipality", "assessment").order_by(
        "call_id", "submitted_at", "pk"
    )
    if not (user.is_authenticated and user.is_active):
        return rows.none()
    if user.is_superuser:
        return rows
    condition = Q(call__programme__in=Programme.objects.filter(managers=user).values("pk"))
    covered = roles_of(user).programme_countries.get(ProgrammeRole.REVIEWER.value, set())
    if covered:
        reviewed = visible_programmes(user).filter(countries__in=covered).values("pk")
        condition |= Q(status=CallApplication.Status.ACCEPTED, call__programme__in=reviewed)
    return rows.filter(condition)


def calls_decided_by(user: Actor) -> set[int]:
    """The ids of the calls whose applications `user` decides (none for visitors; every call's
    for platform admins): they read each application in full."""
    if not (user.is_authenticated and user.is_active):
        return set()
    calls = Call.objects.all()
    if not user.is_superuser:
        calls = calls.filter(programme__managers=user)
    return set(calls.values_list("pk", flat=True))


def calls_of(programme: Any) -> QuerySet[Call]:
    return Call.objects.filter(programme=programme).prefetch_related("translations")


def call_by_pk(pk: int) -> Call | None:
    return (
        Call.objects.select_related("programme", "framework")
        .prefetch_related("translations", "programme__translations", "framework__translations")
        .filter(pk=pk)
        .first()
    )


def applications_of(call: Call) -> QuerySet[CallApplication]:
    return call.applications.select_related("municipality", "submitted_by", "assessment").order_by(
        "submitted_at", "pk"
    )


def application_by_pk(pk: int) -> CallApplication | None:
    return (
        CallApplication.objects.select_related("call__programme", "municipality")
        .filter(pk=pk)
        .first()
    )


def municipalities_for(user: Actor, call: Call) -> QuerySet[Organisation]:
    """The municipalities `user` may apply for to `call`: their own (all, for platform admins),
    in the programme's countries, that have not applied yet."""
    rows = Organisation.objects.filter(
        kind=Organisation.Kind.MUNICIPALITY,
        country__in=call.programme.countries.all(),
    ).exclude(call_applications__call=call)
    if not (user.is_active and user.is_superuser):
        rows = rows.filter(
            memberships__user=user, memberships__role=OrganisationRole.FOCAL_POINT
        ).distinct()
    return rows.order_by("name")


def cohort_of(call: Call) -> list[CallApplication]:
    """The accepted applications, with each member's round, in the order of the municipalities'
    names: who is in the cohort and at which stage, without scores."""
    return list(
        call.applications.filter(status=CallApplication.Status.ACCEPTED)
        .select_related("municipality", "assessment__organisation", "assessment__country")
        .order_by("municipality__name")
    )


# Levels of a score, from the framework's threshold of a well-developed area.
STARTING, DEVELOPING, WELL_DEVELOPED = "starting", "developing", "well_developed"
LEVELS: tuple[tuple[str, Promise], ...] = (
    (STARTING, _("Starting")),
    (DEVELOPING, _("Developing")),
    (WELL_DEVELOPED, _("Well developed")),
)


def level_of(score: Decimal, threshold: int) -> str:
    """Well developed from the framework's threshold; developing from half of it; starting below."""
    if score >= threshold:
        return WELL_DEVELOPED
    if score * 2 >= threshold:
        return DEVELOPING
    return STARTING


@dataclass(frozen=True)
class LevelCount:
    code: str
    label: Promise
    count: int
    percent: int  # of the scored municipalities, for the bar's width
    start: int  # where this level's part of the stacked bar starts, out of 100


@dataclass(frozen=True)
class DistributionRow:
    """One dimension or domain: how many municipalities are at each level, and how many have
    no score there yet."""

    label: str
    levels: list[LevelCount]
    unscored: int


@dataclass(frozen=True)
class Distribution:
    members: int
    scored: int  # members whose self-assessment has been submitted
    dimensions: list[DistributionRow]
    domains: list[DistributionRow]
    threshold: int


def _rows(
    labels: list[tuple[Any, str]], scores: list[dict[Any, Decimal | None]], threshold: int
) -> list[DistributionRow]:
    rows = []
    for key, label in labels:
        counts = dict.fromkeys((code for code, _label in LEVELS), 0)
        unscored = 0
        for by_key in scores:
            score = by_key.get(key)
            if score is None:
                unscored += 1
            else:
                counts[level_of(score, threshold)] += 1
        scored = sum(counts.values())
        levels, start = [], 0
        for code, name in LEVELS:
            percent = round(100 * counts[code] / scored) if scored else 0
            levels.append(LevelCount(code, name, counts[code], percent, start))
            start += percent
        rows.append(DistributionRow(label, levels, unscored))
    return rows


def scored_rounds(call: Call) -> list[Assessment]:
    """The cohort's rounds on the call's framework whose self-assessment has been submitted: a
    round still answering would count its unanswered questions as nought."""
    rounds = (
        Assessment.objects.filter(
            call_applications__call=call,
            call_applications__status=CallApplication.Status.ACCEPTED,
            framework=call.framework,
        )
        .select_related("framework")
        .prefetch_related(Prefetch("answers"))
    )
    return [assessment for assessment in rounds if assessment.has_reached(Stage.SUBMITTED)]


def cohort_distribution(call: Call) -> Distribution:
    """How many of the cohort's municipalities are at each level, per dimension and per domain,
    from the assessments app's own scores of each round."""
    framework: Framework = call.framework
    threshold = framework.well_developed_threshold
    structure = framework_structure(framework)
    results: list[Results] = [
        assessment_results(assessment, structure) for assessment in scored_rounds(call)
    ]
    dimension_labels = [(d.code, str(d)) for d in structure]
    dimension_scores = [result.dimension_scores_by_code() for result in results]
    domains: dict[Any, str] = {}
    domain_scores = []
    for result in results:
        by_term = {}
        for domain in result.domains:
            domains.setdefault(domain.term.pk, str(domain.term))
            by_term[domain.term.pk] = domain.score
        domain_scores.append(by_term)
    members = CallApplication.objects.filter(
        call=call, status=CallApplication.Status.ACCEPTED
    ).count()
    return Distribution(
        members=members,
        scored=len(results),
        dimensions=_rows(dimension_labels, dimension_scores, threshold),
        domains=_rows(list(domains.items()), domain_scores, threshold),
        threshold=threshold,
    )
