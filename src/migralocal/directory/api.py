"""The directory through the API: services as HSDS 3.0 objects in HSDS pages, hubs, pathways.

Reads are public and follow the public search's rules; the filters are the search page's.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, cast

from django import forms
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, pagination, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from migralocal.core.api import ReadOnlyViewSet, TranslationsField
from migralocal.directory import hsds, selectors
from migralocal.directory.forms import SearchForm
from migralocal.directory.models import Hub, ReferralPathway, Service


class HsdsPagination(pagination.PageNumberPagination):
    """The page object of the HSDS 3.0 API: `contents` with page facts around it."""

    page_size = 25
    page_size_query_param = "per_page"
    max_page_size = 200

    def get_paginated_response(self, data: Any) -> Response:
        page = cast(Any, self.page)  # set by paginate_queryset, which always runs first
        return Response(
            OrderedDict(
                total_items=page.paginator.count,
                total_pages=page.paginator.num_pages,
                page_number=page.number,
                size=len(data),
                first_page=not page.has_previous(),
                last_page=not page.has_next(),
                empty=not data,
                contents=data,
            )
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["total_items", "total_pages", "page_number", "contents"],
            "properties": {
                "total_items": {"type": "integer"},
                "total_pages": {"type": "integer"},
                "page_number": {"type": "integer"},
                "size": {"type": "integer"},
                "first_page": {"type": "boolean"},
                "last_page": {"type": "boolean"},
                "empty": {"type": "boolean"},
                "contents": schema,
            },
        }


class ApiSearchForm(SearchForm):
    """The search page's filters, with countries and municipalities named by their codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("country", "municipality"):
            cast(forms.ModelChoiceField, self.fields[name]).to_field_name = "code"


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Free text; accents and case are ignored."),
    OpenApiParameter("need", str, description="A service-category term code."),
    OpenApiParameter("country", str, description="ISO 3166 code, e.g. HN."),
    OpenApiParameter("municipality", str, description="Administrative area code."),
    OpenApiParameter("language", str, description="Language code, e.g. es."),
    OpenApiParameter("open_now", bool),
    OpenApiParameter("lat", float),
    OpenApiParameter("lon", float),
    OpenApiParameter("distance", int, description="Kilometres around lat/lon: 5 to 100."),
]


def search_criteria(params: Any) -> selectors.SearchCriteria:
    form = ApiSearchForm(
        params,
        needs=selectors.search_needs(),
        countries=selectors.search_countries(),
        municipalities=selectors.search_municipalities(),
    )
    if not form.is_valid():
        raise exceptions.ValidationError(form.errors.get_json_data())
    return form.criteria()


class HsdsServiceSerializer(serializers.BaseSerializer):
    """A service exactly as the HSDS 3.0 service schema has it, in the request's language."""

    def to_representation(self, instance: Service) -> dict[str, Any]:
        return hsds.serialize("service", instance, get_language())


@extend_schema_view(
    list=extend_schema(
        parameters=SEARCH_PARAMETERS,
        responses={200: {"type": "object", "description": "An HSDS 3.0 service"}},
    ),
    retrieve=extend_schema(responses={200: {"type": "object", "description": "An HSDS service"}}),
)
class ServiceViewSet(ReadOnlyViewSet):
    """Public services in Open Referral HSDS 3.0 form, filtered like the search page."""

    serializer_class = HsdsServiceSerializer
    pagination_class = HsdsPagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Service]:
        criteria = (
            search_criteria(self.request.query_params)
            if self.action == "list"
            else selectors.SearchCriteria()
        )
        return (
            selectors.service_search(criteria, timezone.now())
            .select_related("organization")
            .prefetch_related(*hsds.SERVICE_PREFETCH)
        )


class HubSerializer(serializers.ModelSerializer):
    translations = TranslationsField("name", "description", "opening_hours")
    operator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    languages = serializers.ListField(source="language_codes", child=serializers.CharField())
    channels = serializers.ListField(source="channel_codes", child=serializers.CharField())
    services = serializers.SerializerMethodField()

    class Meta:
        model = Hub
        fields = (
            "slug",
            "kind",
            "status",
            "operator",
            "country",
            "municipality",
            "address",
            "latitude",
            "longitude",
            "timezone",
            "languages",
            "channels",
            "phone",
            "whatsapp",
            "email",
            "website",
            "assured_date",
            "translations",
            "services",
        )

    def get_services(self, hub: Hub) -> list[str]:
        return [str(service.pk) for service in hub.services.all()]


@extend_schema_view(list=extend_schema(parameters=SEARCH_PARAMETERS))
class HubViewSet(ReadOnlyViewSet):
    """Public hubs, filtered like the search page; `services` lists their HSDS service ids."""

    serializer_class = HubSerializer
    lookup_field = "slug"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Hub]:
        criteria = (
            search_criteria(self.request.query_params)
            if self.action == "list"
            else selectors.SearchCriteria()
        )
        public_services = Prefetch(
            "services", Service.objects.filter(status__in=selectors.PUBLIC_SERVICE_STATUSES)
        )
        return selectors.hub_search(criteria, timezone.now()).prefetch_related(public_services)


class PathwayStepSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    phone = serializers.CharField()
    translations = TranslationsField("title", "instructions")
    services = serializers.SerializerMethodField()

    def get_services(self, step: Any) -> list[str]:
        return [str(service.pk) for service in step.services.all()]


class PathwaySerializer(serializers.ModelSerializer):
    translations = TranslationsField("title", "summary")
    need = serializers.SlugRelatedField(
        source="situation", slug_field="code", read_only=True, allow_null=True
    )
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    steps = PathwayStepSerializer(many=True, read_only=True)

    class Meta:
        model = ReferralPathway
        fields = ("slug", "need", "country", "municipality", "first_call", "translations", "steps")


class PathwayViewSet(ReadOnlyViewSet):
    """Published referral pathways: what to do, step by step, and which services help."""

    serializer_class = PathwaySerializer
    lookup_field = "slug"
    filterset_fields = ("country__code",)

    def get_queryset(self) -> QuerySet[ReferralPathway]:
        public_services = Prefetch(
            "steps__services",
            Service.objects.filter(status__in=selectors.PUBLIC_SERVICE_STATUSES),
        )
        return selectors.published_pathways().prefetch_related(
            "steps__translations", public_services
        )


class HsdsExportViewSet(viewsets.ViewSet):
    """The whole public directory as an HSDS 3.0 export: services.json and the tabular
    datapackage (csv/), in one zip: the same file as the download on the directory page."""

    action_permissions: dict[str, str | None] = {"list": None}

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def list(self, request: Request, format: str | None = None) -> HttpResponse:
        if format is not None:
            # The router also mounts /hsds-export.json; the export is a zip, nothing else.
            raise exceptions.NotFound
        response = HttpResponse(hsds.export_zip(get_language()), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="migralocal-hsds.zip"'
        return response


ROUTES = [
    ("services", ServiceViewSet, "service"),
    ("hubs", HubViewSet, "hub"),
    ("pathways", PathwayViewSet, "pathway"),
    ("hsds-export", HsdsExportViewSet, "hsds-export"),
]
