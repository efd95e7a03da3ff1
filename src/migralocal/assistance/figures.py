"""Cash assistance figures for the reports catalogue: households and people registered, probable
duplicates and what staff decided, grievances and how long they took to close. Counts only,
never a name; the catalogue protects them as every public figure (small counts hidden, the rest
rounded to 5: reports/presentation.py).

A figure counts what happened in the report's period (a household by the day it was
registered, a pair by the day it was found, a grievance by the day it was received), in
programmes of the report's countries, and of its programme when it has one."""

from __future__ import annotations

import datetime as dt
import statistics
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from migralocal.assistance.grievances import Grievance, GrievanceCategory
from migralocal.assistance.models import (
    CashProgramme,
    DuplicatePair,
    Household,
    Member,
    Payment,
    PaymentVerification,
    PopulationGroup,
    Sex,
)
from migralocal.assistance.verification import Reached, Received
from migralocal.consultations.conf import SMALL_CELL_THRESHOLD

# Imported as a module: reports.selectors imports this one while it loads.
from migralocal.reports import selectors as report_selectors

if TYPE_CHECKING:
    from migralocal.reports.selectors import RawIndicator, RawSeries, ReportScope

# Days from receipt to closing, in bands: (key, label, fewest days, most days).
DAYS_TO_CLOSE = (
    ("0-7", gettext_lazy("Up to 7 days"), 0, 7),
    ("8-30", gettext_lazy("8 to 30 days"), 8, 30),
    ("31-90", gettext_lazy("31 to 90 days"), 31, 90),
    ("91+", gettext_lazy("More than 90 days"), 91, None),
)


def programmes_in(
    scope: ReportScope, only: QuerySet[CashProgramme] | None = None
) -> QuerySet[CashProgramme]:
    """The cash programmes a report covers: in its countries, and its programme's when it has
    one (through `cash_programmes`, whichever way programmes link them); among `only` when
    given (one cash programme's own figures)."""
    programmes = CashProgramme.objects.all() if only is None else only
    return programmes.filter(
        report_selectors._of_programme(scope, "cash_programmes", "pk"),
        country_id__in=scope.country_ids,
    )


def _between(scope: ReportScope, field: str) -> Q:
    return Q(**{f"{field}__date__gte": scope.period.start, f"{field}__date__lte": scope.period.end})


def households_in(
    scope: ReportScope, only: QuerySet[CashProgramme] | None = None
) -> QuerySet[Household]:
    """Households registered in the period with someone still on the register (a household
    whose only member was merged into another record was a duplicate)."""
    households = Household.objects.filter(
        _between(scope, "created_at"),
        Exists(Member.objects.filter(household=OuterRef("pk"), status=Member.Status.ACTIVE)),
        programme__in=programmes_in(scope, only),
    )
    if scope.municipality is not None:
        households = households.filter(municipality_id=scope.municipality.pk)
    return households


def people_in(scope: ReportScope, only: QuerySet[CashProgramme] | None = None) -> QuerySet[Member]:
    return Member.objects.filter(
        status=Member.Status.ACTIVE, household__in=households_in(scope, only)
    )


def pairs_in(
    scope: ReportScope, only: QuerySet[CashProgramme] | None = None
) -> QuerySet[DuplicatePair]:
    pairs = DuplicatePair.objects.filter(
        _between(scope, "found_at"), programme__in=programmes_in(scope, only)
    )
    if scope.municipality is not None:
        pairs = pairs.filter(member_a__household__municipality_id=scope.municipality.pk)
    return pairs


def grievances_in(
    scope: ReportScope, only: QuerySet[CashProgramme] | None = None
) -> QuerySet[Grievance]:
    """Grievances received in the period; in a municipality, those of its households, and those
    raised without a household in programmes that work there."""
    grievances = Grievance.objects.filter(
        _between(scope, "received_at"), programme__in=programmes_in(scope, only)
    )
    if scope.municipality is not None:
        working_there = CashProgramme.objects.filter(municipalities=scope.municipality.pk)
        grievances = grievances.filter(
            Q(household__municipality_id=scope.municipality.pk)
            | Q(household__isnull=True, programme__in=working_there.values("pk"))
        )
    return grievances


def _by(key: str, title: str, queryset: QuerySet[Any], field: str, choices: Any) -> RawSeries:
    return report_selectors._series(key, title, report_selectors._grouped(queryset, field), choices)


def _by_municipality(households: QuerySet[Household]) -> RawSeries:
    rows = list(
        households.values_list("municipality__code", "municipality__name")
        .annotate(n=Count("pk"))
        .order_by("municipality__name")
    )
    return report_selectors._series(
        "municipality",
        _("Municipality"),
        [(code, count) for code, _name, count in rows],
        [(code, name) for code, name, _count in rows],
    )


def _people_breakdowns(people: QuerySet[Member]) -> tuple[RawSeries, RawSeries, RawSeries]:
    """The sex of the heads of household, and the people by population group and by sex: the
    breakdowns every count of households and their people shares."""
    heads = _by(
        "head_sex", _("Sex of the head of household"), people.filter(is_head=True), "sex",
        Sex.choices,
    )  # fmt: skip
    groups = _by(
        "population_group", _("Population group"), people, "population_group",
        PopulationGroup.choices,
    )  # fmt: skip
    return heads, groups, _by("sex", _("Sex"), people, "sex", Sex.choices)


def registered(
    scope: ReportScope, only: QuerySet[CashProgramme] | None = None
) -> list[RawIndicator]:
    households = households_in(scope, only)
    people = people_in(scope, only)
    groups = _by(
        "population_group",
        _("Population group"),
        households,
        "population_group",
        PopulationGroup.choices,
    )
    heads, people_groups, people_sex = _people_breakdowns(people)
    return [
        report_selectors.RawIndicator(
            "cash_households",
            gettext_lazy("Households registered for cash assistance"),
            gettext_lazy(
                "Households registered in the period by the cash assistance programmes, by "
                "population group, sex of the head of household and municipality. A household "
                "whose only member was merged into another record as a duplicate is not counted."
            ),
            groups.total,
            [groups, heads, _by_municipality(households)],
        ),
        report_selectors.RawIndicator(
            "cash_people",
            gettext_lazy("People registered for cash assistance"),
            gettext_lazy(
                "Members of the households registered in the period, by population group and "
                "sex; records merged into another as duplicates are not counted."
            ),
            people_sex.total,
            [people_groups, people_sex],
        ),
    ]


def duplicates(scope: ReportScope, only: QuerySet[CashProgramme] | None = None) -> RawIndicator:
    decisions = _by(
        "decision", _("Decision"), pairs_in(scope, only), "decision", DuplicatePair.Decision.choices
    )
    return report_selectors.RawIndicator(
        "cash_duplicates",
        gettext_lazy("Probable duplicates and duplicates removed"),
        gettext_lazy(
            "Pairs of registered people that the duplicate finder found in the period, by what "
            "staff decided: the same person (one record merged into the other: a duplicate "
            "removed), different people, or still to review."
        ),
        decisions.total,
        [decisions],
        headline_key=f"decision:{DuplicatePair.Decision.SAME}",
        headline_label=gettext_lazy("Duplicates removed"),
        total_label=gettext_lazy("Probable duplicates found"),
    )


def days_to_close(received: dt.datetime, closed: dt.datetime) -> int:
    return (closed - received).days


def grievances(
    scope: ReportScope, only: QuerySet[CashProgramme] | None = None
) -> list[RawIndicator]:
    received = grievances_in(scope, only)
    categories = _by("category", _("Category"), received, "category", GrievanceCategory.choices)
    statuses = _by("status", _("Status"), received, "status", Grievance.Status.choices)
    days = [
        days_to_close(opened, closed)
        for opened, closed in received.filter(closed_at__isnull=False).values_list(
            "received_at", "closed_at"
        )
        if closed is not None
    ]
    bands = report_selectors.RawSeries(
        "days_to_close",
        _("Days to close"),
        [str(label) for _key, label, _low, _high in DAYS_TO_CLOSE],
        [
            sum(low <= day and (high is None or day <= high) for day in days)
            for _key, _label, low, high in DAYS_TO_CLOSE
        ],
        [key for key, _label, _low, _high in DAYS_TO_CLOSE],
    )
    return [
        report_selectors.RawIndicator(
            "cash_grievances",
            gettext_lazy("Grievances and feedback on cash assistance"),
            gettext_lazy(
                "Grievances and feedback received in the period, from the public form or "
                "recorded by staff, by category and by their status today."
            ),
            categories.total,
            [categories, statuses],
        ),
        report_selectors.RawIndicator(
            "cash_grievances_closed",
            gettext_lazy("Grievances closed and the median days to close"),
            gettext_lazy(
                "Grievances received in the period that have been resolved or closed, by the "
                "days from receipt to closing; the median is the middle of those days."
            ),
            bands.total,
            [bands],
            extra={"median_days_to_close": statistics.median(days) if days else None},
            total_label=gettext_lazy("Grievances closed"),
        ),
    ]


# Enrolment, payments and their verification ----------------------------------------------


def enrolled_in(
    scope: ReportScope, only: QuerySet[CashProgramme] | None = None
) -> QuerySet[Household]:
    """Households enrolled for payments in the period, with someone still on the register."""
    households = Household.objects.filter(
        _between(scope, "enrolled_at"),
        Exists(Member.objects.filter(household=OuterRef("pk"), status=Member.Status.ACTIVE)),
        programme__in=programmes_in(scope, only),
    )
    if scope.municipality is not None:
        households = households.filter(municipality_id=scope.municipality.pk)
    return households


def paid_in(scope: ReportScope, only: QuerySet[CashProgramme] | None = None) -> QuerySet[Payment]:
    """Payments the provider reported paid in the period: one household paid in one cycle."""
    payments = Payment.objects.filter(
        _between(scope, "reconciled_at"),
        status=Payment.Status.PAID,
        cycle__programme__in=programmes_in(scope, only),
    )
    if scope.municipality is not None:
        payments = payments.filter(household__municipality_id=scope.municipality.pk)
    return payments


def sampled_in(
    scope: ReportScope, only: QuerySet[CashProgramme] | None = None
) -> QuerySet[PaymentVerification]:
    """Households drawn for payment verification in the period."""
    sampled = PaymentVerification.objects.filter(
        _between(scope, "draw__drawn_at"), cycle__programme__in=programmes_in(scope, only)
    )
    if scope.municipality is not None:
        sampled = sampled.filter(household__municipality_id=scope.municipality.pk)
    return sampled


def _by_place(queryset: QuerySet[Any], prefix: str) -> RawSeries:
    rows = list(
        queryset.values_list(f"{prefix}municipality__code", f"{prefix}municipality__name")
        .annotate(n=Count("pk"))
        .order_by(f"{prefix}municipality__name")
    )
    return report_selectors._series(
        "municipality",
        _("Municipality"),
        [(code, count) for code, _name, count in rows],
        [(code, name) for code, name, _count in rows],
    )


def _by_cycle(payments: QuerySet[Payment]) -> RawSeries:
    rows = list(payments.values_list("cycle__number").annotate(n=Count("pk")).order_by())
    numbers = sorted({number for number, _count in rows})
    return report_selectors._series(
        "cycle",
        _("Cycle"),
        [(str(number), count) for number, count in rows],
        [(str(number), _("Cycle %(number)d") % {"number": number}) for number in numbers],
    )


def enrolled(scope: ReportScope, only: QuerySet[CashProgramme] | None = None) -> list[RawIndicator]:
    households = enrolled_in(scope, only)
    people = Member.objects.filter(status=Member.Status.ACTIVE, household__in=households)
    groups = _by(
        "population_group", _("Population group"), households, "population_group",
        PopulationGroup.choices,
    )  # fmt: skip
    heads, people_groups, people_sex = _people_breakdowns(people)
    return [
        report_selectors.RawIndicator(
            "cash_households_enrolled",
            gettext_lazy("Households enrolled for cash assistance"),
            gettext_lazy(
                "Households enrolled for payments in the period (after targeting and approval), "
                "by population group, sex of the head of household and municipality."
            ),
            groups.total,
            [groups, heads, _by_municipality(households)],
        ),
        report_selectors.RawIndicator(
            "cash_people_enrolled",
            gettext_lazy("People enrolled for cash assistance"),
            gettext_lazy(
                "Members of the households enrolled in the period, by population group and sex."
            ),
            people_sex.total,
            [people_groups, people_sex],
        ),
    ]


def paid(scope: ReportScope, only: QuerySet[CashProgramme] | None = None) -> list[RawIndicator]:
    payments = paid_in(scope, only)
    # One row per member and payment: a household paid in two cycles counts its people twice.
    people = Member.objects.filter(status=Member.Status.ACTIVE, household__payments__in=payments)
    groups = _by(
        "population_group", _("Population group"), payments, "household__population_group",
        PopulationGroup.choices,
    )  # fmt: skip
    heads, people_groups, people_sex = _people_breakdowns(people)
    return [
        report_selectors.RawIndicator(
            "cash_households_paid",
            gettext_lazy("Households paid by cash assistance"),
            gettext_lazy(
                "Households whose transfer the provider reported paid in the period, by "
                "population group, sex of the head of household, municipality and payment "
                "cycle. A household paid in two cycles counts twice."
            ),
            groups.total,
            [groups, heads, _by_place(payments, "household__"), _by_cycle(payments)],
        ),
        report_selectors.RawIndicator(
            "cash_people_paid",
            gettext_lazy("People in the households paid by cash assistance"),
            gettext_lazy(
                "Members of the households paid in the period, by population group and sex; "
                "counted once for each cycle their household was paid in."
            ),
            people_sex.total,
            [people_groups, people_sex],
        ),
    ]


def amounts(scope: ReportScope, only: QuerySet[CashProgramme] | None = None) -> RawIndicator:
    """The amounts paid, one breakdown per currency (never added together), by municipality in
    whole units. An amount made of fewer payments than the small-cell threshold would tell how
    many households were paid there (the transfer rule is public): such municipalities are
    shown together as "other municipalities", and a currency with too few payments not at
    all."""
    payments = paid_in(scope, only)
    rows = list(
        payments.values_list(
            "cycle__programme__currency",
            "household__municipality__code",
            "household__municipality__name",
        )
        .annotate(amount=Sum("amount"), n=Count("pk"))
        .order_by("cycle__programme__currency", "household__municipality__name")
    )
    series: list[RawSeries] = []
    for currency in sorted({row[0] for row in rows}):
        mine = [row for row in rows if row[0] == currency]
        if sum(row[4] for row in mine) < SMALL_CELL_THRESHOLD:
            continue
        shown = [
            (code, name, amount) for _c, code, name, amount, n in mine if n >= SMALL_CELL_THRESHOLD
        ]
        few = [(amount, n) for *_row, amount, n in mine if n < SMALL_CELL_THRESHOLD]
        places = [(code, name) for code, name, _amount in shown]
        found = [(code, int(amount)) for code, _name, amount in shown]
        if few:
            places.append(("other", str(_("Other municipalities"))))
            found.append(("other", int(sum(amount for amount, _n in few))))
        series.append(
            report_selectors._series(
                f"amount_{currency.lower()}",
                _("Amount paid (%(currency)s)") % {"currency": currency.upper()},
                found,
                places,
            )
        )
    return report_selectors.RawIndicator(
        "cash_amounts_paid",
        gettext_lazy("Amounts paid by cash assistance"),
        gettext_lazy(
            "The sum of the transfers the providers reported paid in the period, in whole units "
            "of each currency (different currencies are never added together), by municipality. "
            "Municipalities with fewer than five payments are shown together, and a currency "
            "with fewer than five payments is not shown."
        ),
        report_selectors._count(payments),
        series,
        total_label=gettext_lazy("Payments made"),
        own_totals=True,
    )


def verification(scope: ReportScope, only: QuerySet[CashProgramme] | None = None) -> RawIndicator:
    sampled = sampled_in(scope, only)
    results = report_selectors._series(
        "result",
        _("Result of the call"),
        [
            (reached or "pending", count)
            for reached, count in sampled.values_list("reached").annotate(n=Count("pk")).order_by()
        ],
        [*Reached.choices, ("pending", _("Not called yet"))],
    )
    received_rows = [
        (value if reached == Reached.YES and value else "not_reached", count)
        for reached, value, count in sampled.values_list("reached", "received")
        .annotate(n=Count("pk"))
        .order_by()
    ]
    received = report_selectors._series(
        "received",
        _("Received the transfer"),
        received_rows,
        [*Received.choices, ("not_reached", _("Not reached or not called yet"))],
    )
    verified = results.counts[0]
    whole = received.counts[0]
    return report_selectors.RawIndicator(
        "cash_verification",
        gettext_lazy("Payment verification"),
        gettext_lazy(
            "Paid households drawn at random in the period to check by phone that the transfer "
            "arrived, by the result of the call and whether they received it. The verification "
            "rate is the households reached over those sampled; the received share, those that "
            "received the whole transfer over those reached."
        ),
        results.total,
        [results, received],
        headline_key=f"result:{Reached.YES}",
        headline_label=gettext_lazy("Verified"),
        total_label=gettext_lazy("Households sampled for verification"),
        extra={
            "verification_rate": verified / results.total if results.total else None,
            "received_share": whole / verified if verified else None,
        },
    )


def _worked_in(scope: ReportScope, only: QuerySet[CashProgramme] | None) -> bool:
    """Whether any record a figure counts is dated in the period, in one query: every figure
    counts among these six (a report for another year, or another country, asks no more)."""
    of_programme = {"programme": OuterRef("pk")}
    of_cycle = {"cycle__programme": OuterRef("pk")}
    return (
        programmes_in(scope, only)
        .filter(
            Exists(Household.objects.filter(_between(scope, "created_at"), **of_programme))
            | Exists(Household.objects.filter(_between(scope, "enrolled_at"), **of_programme))
            | Exists(DuplicatePair.objects.filter(_between(scope, "found_at"), **of_programme))
            | Exists(Grievance.objects.filter(_between(scope, "received_at"), **of_programme))
            | Exists(Payment.objects.filter(_between(scope, "reconciled_at"), **of_cycle))
            | Exists(
                PaymentVerification.objects.filter(_between(scope, "draw__drawn_at"), **of_cycle)
            )
        )
        .exists()
    )


def indicators(
    scope: ReportScope, only: QuerySet[CashProgramme] | None = None
) -> list[RawIndicator]:
    """Every cash assistance indicator of the catalogue, in the order reports show them. Where
    no cash programme worked in the period, one query says so and the figures are zeros without
    asking more (filters on an empty queryset run no query)."""
    if not _worked_in(scope, only):
        only = CashProgramme.objects.none()
    return [
        *registered(scope, only),
        duplicates(scope, only),
        *grievances(scope, only),
        *enrolled(scope, only),
        *paid(scope, only),
        amounts(scope, only),
        verification(scope, only),
    ]
