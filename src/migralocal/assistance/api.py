"""Cash assistance through the API, read only: the programmes a person may see (for the
operator's assistance staff and platform admins), with their rules as data and never anyone's
personal data, and each programme's figures protected as the public figures are (small counts
hidden, the rest rounded to a multiple of 5)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from migralocal.assistance import figures, selectors
from migralocal.assistance.models import CashProgramme, PopulationGroup
from migralocal.consultations.conf import SMALL_CELL_THRESHOLD
from migralocal.core.api import ReadOnlyViewSet
from migralocal.core.api_framework import RulesPermission
from migralocal.core.no_store import NeverStoredMixin
from migralocal.reports import presentation
from migralocal.reports.api import IndicatorSerializer
from migralocal.reports.selectors import DateRange, ReportScope


class CriterionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    weight = serializers.CharField(help_text="The criterion's weight, from 0 to 100, as text.")


class SizeBandSerializer(serializers.Serializer):
    min = serializers.IntegerField(help_text="Smallest household size of the band.")
    max = serializers.IntegerField(allow_null=True, help_text="Largest size; null: no limit.")
    amount = serializers.CharField(help_text="The amount per household of the band, as text.")


class CashProgrammeSerializer(serializers.ModelSerializer):
    operator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.CharField(source="country.code")
    municipalities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    population_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=PopulationGroup.choices)
    )
    size_bands = SizeBandSerializer(many=True)
    criteria = CriterionSerializer(many=True)

    class Meta:
        model = CashProgramme
        fields = (
            "slug",
            "name",
            "operator",
            "country",
            "municipalities",
            "currency",
            "starts_on",
            "ends_on",
            "budget",
            "population_groups",
            "transfer_basis",
            "transfer_amount",
            "size_bands",
            "cycles",
            "criteria",
        )


class ProgrammeFiguresSerializer(serializers.Serializer):
    programme = serializers.CharField(help_text="The programme's short name.")
    start = serializers.DateField(help_text="First day counted: the programme's start.")
    end = serializers.DateField(help_text="Last day counted: today, or the programme's end.")
    median_days_to_close = serializers.FloatField(
        allow_null=True,
        help_text="Median days from receipt to closing of the grievances closed; null when "
        f"fewer than {SMALL_CELL_THRESHOLD} were closed.",
    )
    verification_rate = serializers.FloatField(
        allow_null=True,
        help_text="Households reached over households sampled for payment verification; null "
        f"when fewer than {SMALL_CELL_THRESHOLD} were sampled.",
    )
    received_share = serializers.FloatField(
        allow_null=True,
        help_text="Households that received the whole transfer over those reached; null when "
        f"fewer than {SMALL_CELL_THRESHOLD} were reached.",
    )
    indicators = IndicatorSerializer(many=True)


def verification_shares(raws: list[Any]) -> dict[str, float | None]:
    """The verification rate and received share, each when its base is not a small count."""
    checked = next(raw for raw in raws if raw.key == "cash_verification")
    reached = checked.series[0].counts[0]
    return {
        "verification_rate": checked.extra["verification_rate"]
        if checked.total >= SMALL_CELL_THRESHOLD
        else None,
        "received_share": checked.extra["received_share"]
        if reached >= SMALL_CELL_THRESHOLD
        else None,
    }


def programme_figures(programme: CashProgramme) -> dict[str, Any]:
    """The programme's figures from its start to today (or its end, when later), protected."""
    start = programme.starts_on
    end = max(programme.ends_on, timezone.localdate())
    scope = ReportScope(countries=(programme.country,), period=DateRange(start, end))
    raws = figures.indicators(scope, CashProgramme.objects.filter(pk=programme.pk))
    closed = next(raw for raw in raws if raw.key == "cash_grievances_closed")
    median = closed.extra.get("median_days_to_close")
    return {
        "programme": programme.slug,
        "start": start,
        "end": end,
        "median_days_to_close": median if closed.total >= SMALL_CELL_THRESHOLD else None,
        **verification_shares(raws),
        "indicators": [presentation.present_indicator(raw, suppressed=True) for raw in raws],
    }


class CashProgrammeViewSet(NeverStoredMixin, ReadOnlyViewSet):
    """The cash assistance programmes the requester works on (every one for platform admins),
    with their rules: population groups served, transfer rule, size bands, cycles and weighted
    criteria. No household or person appears here."""

    serializer_class = CashProgrammeSerializer
    lookup_field = "slug"
    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    action_permissions: dict[str, str | None] = {
        "list": None,
        "retrieve": "assistance.view_cashprogramme",
        "figures": "assistance.view_cashprogramme",
    }
    ordering_fields = ("starts_on", "slug")

    def get_queryset(self) -> QuerySet[CashProgramme]:
        return (
            selectors.programmes_visible_to(self.request.user)
            .prefetch_related("municipalities")
            .order_by("-starts_on", "slug")
        )

    @extend_schema(responses=ProgrammeFiguresSerializer)
    @action(detail=True, methods=["get"])
    def figures(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The programme's figures, protected as the public figures are: households and people
        registered by population group, sex of the head and municipality; duplicates found and
        removed; grievances by category and status, and the days to close them."""
        return Response(ProgrammeFiguresSerializer(programme_figures(self.get_object())).data)


ROUTES = [("assistance/programmes", CashProgrammeViewSet, "cash-programme")]
