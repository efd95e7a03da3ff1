"""The results figures through the API: the public figures for anyone (small counts hidden, the
rest rounded to a multiple of 5), and the dashboard's full figures for programme staff with a
token, under the same rules as the pages.

Query: `programme` (slug; only what belongs to it counts, and its countries are the region),
`country` (ISO code; none means every country of the region), `municipality` (area code, within
that country), `year`, `quarter` (1 to 4), or a range of days `start` and `end` instead of the
year and quarter. A programme the caller may not see is refused as one that does not exist.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from migralocal.consultations.suppression import Cell
from migralocal.core.api_schema import RulesAutoSchema
from migralocal.reports import presentation, selectors
from migralocal.reports.reading import protected_by_year_or_quarter, read_query

QUERY_PARAMETERS = [
    OpenApiParameter(
        "programme",
        str,
        description="Short name (slug) of a programme: only what belongs to it counts, and none "
        "of the country means the programme's countries. A programme that does not exist, or "
        "that the caller may not see, is a 400 problem.",
    ),
    OpenApiParameter(
        "country",
        str,
        description="ISO 3166 code, e.g. HN; none: the region (or the programme's countries).",
    ),
    OpenApiParameter("municipality", str, description="Area code, within the country."),
    OpenApiParameter("year", int, description="Calendar year; this year if none."),
    OpenApiParameter("quarter", int, enum=[1, 2, 3, 4], description="Quarter of the year."),
    OpenApiParameter(
        "start",
        OpenApiTypes.DATE,
        description="First day of a range of days (with `end`), instead of the year and quarter.",
    ),
    OpenApiParameter(
        "end",
        OpenApiTypes.DATE,
        description="Last day of the range: on or after `start`, at most ten years later.",
    ),
]


class CellSerializer(serializers.Serializer):
    value = serializers.IntegerField(
        allow_null=True, help_text="null when hidden; a multiple of 5 when rounded"
    )
    display = serializers.CharField(help_text='The count, or "<5" when fewer than five.')
    rounded = serializers.BooleanField(
        help_text="The value is rounded to a multiple of 5 (public figures): it may differ from "
        "the true count by up to 4, and a total is rounded on its own."
    )

    def to_representation(self, instance: Cell) -> dict[str, Any]:
        return {"value": instance.shown, "display": str(instance), "rounded": instance.rounded}


class RowSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = CellSerializer(source="cell")


class SeriesSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    rows = RowSerializer(many=True)
    total = CellSerializer()


class IndicatorSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField()
    total = CellSerializer()
    headline = CellSerializer(allow_null=True)
    headline_label = serializers.CharField()
    share = serializers.FloatField(allow_null=True)
    breakdowns = SeriesSerializer(source="series", many=True)


class ReportSerializer(serializers.Serializer):
    programme = serializers.SerializerMethodField(
        help_text="The programme's short name when the figures are of one programme; else null."
    )
    place = serializers.CharField(source="scope.place_label")
    countries = serializers.SerializerMethodField()
    period = serializers.CharField(source="scope.period")
    start = serializers.DateField(source="scope.period.start")
    end = serializers.DateField(source="scope.period.end")
    suppressed = serializers.BooleanField()
    indicators = IndicatorSerializer(many=True)

    def get_programme(self, report: presentation.Report) -> str | None:
        programme = report.scope.programme
        return programme.slug if programme is not None else None

    def get_countries(self, report: presentation.Report) -> list[str]:
        return [country.code for country in report.scope.countries]


class OneReportSchema(RulesAutoSchema):
    """A report is one object, although the router serves it as the resource's list."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False


class _ReportViewSet(viewsets.ViewSet):
    schema = OneReportSchema()
    serializer_class = ReportSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    def countries(self, request: Request) -> Any:
        raise NotImplementedError

    def protects(self, request: Request, scope: selectors.ReportScope) -> bool:
        return True

    def _report(self, request: Request) -> Response:
        query = read_query(
            request.query_params,
            self.countries(request),
            programmes=selectors.programmes_readable_by(request.user),
        )
        if query.scope is None:
            raise exceptions.ValidationError(query.form.errors.get_json_data())
        protected = self.protects(request, query.scope)
        if protected:
            query = protected_by_year_or_quarter(query)
        if query.scope is None:
            raise exceptions.ValidationError(query.form.errors.get_json_data())
        report = presentation.shared_report(query.scope, suppressed=protected)
        return Response(ReportSerializer(report).data)


class PublicFiguresViewSet(_ReportViewSet):
    """The programme's results with small counts hidden and the rest rounded to a multiple of 5,
    as on the public figures page."""

    action_permissions: dict[str, str | None] = {"list": None}

    def countries(self, request: Request) -> Any:
        return selectors.region_countries()

    @extend_schema(parameters=QUERY_PARAMETERS, responses=ReportSerializer)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._report(request)


class DashboardFiguresViewSet(_ReportViewSet):
    """The results dashboard's full figures, for the countries the token's user covers."""

    action_permissions: dict[str, str | None] = {"list": "reports.view_dashboard"}

    def countries(self, request: Request) -> Any:
        return selectors.countries_readable_by(request.user)

    def protects(self, request: Request, scope: selectors.ReportScope) -> bool:
        """Full figures where the user covers every country of the scope; the region is
        protected for those who do not cover it all, as on the dashboard."""
        return not selectors.reads_full_figures(request.user, scope)

    @extend_schema(parameters=QUERY_PARAMETERS, responses=ReportSerializer)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._report(request)


ROUTES = [
    ("reports/public", PublicFiguresViewSet, "reports-public"),
    ("reports/dashboard", DashboardFiguresViewSet, "reports-dashboard"),
]
