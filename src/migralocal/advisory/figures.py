"""Technical assistance as indicators of the reports' catalogue (and so as measures of the
programmes' results frameworks): instruments reviewed, recommendations issued, the share of
answered ones the government adopted, and the officials trained at the plans' trainings, by
agency and gender.

Counted for a report's scope: engagements with a government in its countries (and municipality),
of its programme when it has one, over its period. One grouped query per breakdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migralocal.advisory.models import Engagement, Instrument, PlanActivity, Recommendation
from migralocal.learning.models import Gender, ParticipantRole, Registration

if TYPE_CHECKING:
    from migralocal.reports.selectors import RawIndicator, RawSeries, ReportScope

OFFICIAL_ROLES = (ParticipantRole.MUNICIPAL_OFFICIAL, ParticipantRole.NATIONAL_OFFICIAL)
ADOPTED, NOT_ADOPTED = "adopted", "not_adopted"


def engagements_in(scope: ReportScope) -> QuerySet[Engagement]:
    """The engagements a report counts: with a government of its places, of its programme."""
    condition = Q(organisation__country_id__in=scope.country_ids)
    if scope.municipality is not None:
        condition &= Q(organisation__municipality_id=scope.municipality.pk)
    if scope.programme is not None:
        condition &= Q(programmes=scope.programme.pk)
    return Engagement.objects.filter(condition)


def _series(key: str, title: str, rows: list[tuple[Any, int]], choices: Any) -> RawSeries:
    from migralocal.reports.selectors import RawSeries

    found: dict[Any, int] = {}
    for value, count in rows:
        found[value] = found.get(value, 0) + count
    return RawSeries(
        key,
        title,
        [str(label) for _value, label in choices],
        [found.get(value, 0) for value, _label in choices],
        [str(value) for value, _label in choices],
    )


def _split() -> bool:
    """Whether the reports count every country apart in this pass (`indicators_by_country`):
    then each count is a `ByCountry`, from queries grouped by the government's country too."""
    from migralocal.reports.selectors import _SPLIT

    return _SPLIT.get()


def _counted(count: int, country: int) -> Any:
    from migralocal.reports.selectors import ByCountry

    return ByCountry({country: count}) if _split() else count


def _recommendations(scope: ReportScope) -> list[tuple[int, str, str, str, int, int, int]]:
    """The engagements' recommendations sent or answered in the period, by instrument (and its
    kind), priority and response: how many were sent in the period, and how many answered in
    it, with the government's country. One grouped query serves the three recommendation
    indicators."""
    start, end = scope.period.start, scope.period.end
    sent = Q(review_round__sent_on__gte=start, review_round__sent_on__lte=end)
    answered = Q(responded_at__date__gte=start, responded_at__date__lte=end) & ~Q(
        response=Recommendation.Response.PENDING
    )
    return list(
        Recommendation.objects.filter(
            sent | answered,
            review_round__instrument__engagement__in=engagements_in(scope).values("pk"),
        )
        .values_list(
            "review_round__instrument_id",
            "review_round__instrument__kind",
            "priority",
            "response",
            "review_round__instrument__engagement__organisation__country_id",
        )
        .annotate(sent=Count("pk", filter=sent), answered=Count("pk", filter=answered))
        .order_by()
    )


def trained_in(scope: ReportScope) -> QuerySet[Registration]:
    """Officials who attended a training of an engagement's plan, at an event held in the
    period: each attendance once, however many engagements the event serves."""
    events = PlanActivity.objects.filter(
        engagement__in=engagements_in(scope).values("pk"),
        kind=PlanActivity.Kind.TRAINING,
        event__isnull=False,
    ).values("event_id")
    return Registration.objects.filter(
        event_id__in=events,
        attended_at__isnull=False,
        role__in=OFFICIAL_ROLES,
        event__starts_at__date__gte=scope.period.start,
        event__starts_at__date__lte=scope.period.end,
    )


def _pairs(rows: QuerySet[Registration], first: str, second: str) -> list[tuple[Any, Any, Any]]:
    """Attendances by two fields at once (one grouped query for two breakdowns), counted in the
    country of the event (the government's, as the plan requires)."""
    return [
        (one, two, _counted(count, country))
        for one, two, country, count in rows.values_list(first, second, "event__country_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    ]


def indicators(scope: ReportScope) -> list[RawIndicator]:
    """The technical assistance indicators, in the order pages show them: two grouped queries
    in all, every total the sum of a breakdown."""
    from migralocal.reports.selectors import RawIndicator

    rows = _recommendations(scope)
    # Each instrument once, counted in its government's country.
    instruments = {(one, kind, country) for one, kind, _p, _r, country, sent, _a in rows if sent}
    reviewed = [(kind, _counted(1, country)) for _one, kind, country in instruments]
    issued = [
        (priority, response, _counted(sent, country))
        for _i, _k, priority, response, country, sent, _a in rows
        if sent
    ]
    answered = [
        (response, _counted(count, country))
        for _i, _k, _p, response, country, _s, count in rows
        if count
    ]
    trained = _pairs(trained_in(scope), "gender", "department")
    adoption = [
        (ADOPTED if response in Recommendation.ADOPTED else NOT_ADOPTED, count)
        for response, count in answered
    ]
    # The agencies met in the period: a category each, named as the attendees wrote it.
    departments = sorted({department for _gender, department, _count in trained})
    return [
        RawIndicator(
            "advisory_instruments",
            gettext_lazy("Instruments reviewed"),
            gettext_lazy(
                "Plans, ordinances, strategies, budgets and protocols of a government for which "
                "a programme sent technical recommendations in the period."
            ),
            total=sum(count for _kind, count in reviewed),
            series=[_series("kind", _("Kind"), reviewed, Instrument.Kind.choices)],
        ),
        RawIndicator(
            "advisory_recommendations",
            gettext_lazy("Technical recommendations issued"),
            gettext_lazy(
                "Recommendations sent to a government in the period, by priority and by the "
                "government's response so far."
            ),
            total=sum(count for _priority, _response, count in issued),
            series=[
                _series(
                    "priority",
                    _("Priority"),
                    [(priority, count) for priority, _response, count in issued],
                    Recommendation.Priority.choices,
                ),
                _series(
                    "response",
                    _("Response"),
                    [(response, count) for _priority, response, count in issued],
                    Recommendation.Response.choices,
                ),
            ],
        ),
        RawIndicator(
            "advisory_adopted",
            gettext_lazy("Technical recommendations answered"),
            gettext_lazy(
                "Recommendations the government answered in the period; adopted: accepted in "
                "full or in part. As a percentage, the share adopted."
            ),
            total=sum(count for _response, count in answered),
            series=[
                _series(
                    "adoption",
                    _("Adoption"),
                    adoption,
                    [(ADOPTED, _("Adopted, in full or in part")), (NOT_ADOPTED, _("Not adopted"))],
                )
            ],
            headline_key=f"adoption:{ADOPTED}",
            headline_label=gettext_lazy("adopted"),
        ),
        RawIndicator(
            "advisory_officials_trained",
            gettext_lazy("Officials trained through technical assistance"),
            gettext_lazy(
                "Attendances of municipal or national officials at the learning events of the "
                "trainings of a technical assistance plan, held in the period, by the agency or "
                "unit they work in and by gender."
            ),
            total=sum(count for _gender, _department, count in trained),
            series=[
                _series(
                    "gender",
                    _("Gender"),
                    [(gender, count) for gender, _department, count in trained],
                    Gender.choices,
                ),
                _series(
                    "agency",
                    _("Department or unit"),
                    [(department, count) for _gender, department, count in trained],
                    [(name, name or _("Not stated")) for name in departments],
                ),
            ],
        ),
    ]
