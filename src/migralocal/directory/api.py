"""The directory through the API: services as HSDS 3.0 objects in HSDS pages, hubs, pathways.

Reads are public and follow the public search's rules; the filters are the search page's.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any, cast

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, pagination, serializers, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from migralocal.core.api import ReadOnlyViewSet, TranslationsField, audited_as, typed_body
from migralocal.core.api import validated as validated_form
from migralocal.core.models import TaxonomyTerm
from migralocal.core.selectors import terms_of
from migralocal.directory import selectors, services
from migralocal.directory.forms import HUB_FIELDS, HubForm, SearchForm, ServiceForm
from migralocal.directory.hsds import exporting
from migralocal.directory.models import Hub, ReferralPathway, Service
from migralocal.directory.services import LANGUAGE_NAMES


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


# Writes ----------------------------------------------------------------------------------------
# Hubs and services are changed with the manage pages' forms and services, so the same rules and
# translated messages apply. Texts come as {"translations": {"es": {"name": …}}}; a change sent
# with `If-Match` (the ETag of the record as last read) is refused with 412 if it changed since.
# The record is read, compared and written in one transaction that holds its row (PostgreSQL's
# SELECT … FOR UPDATE; on SQLite the transaction takes the write lock as it begins), so of
# several changes sent with the same ETag exactly one is applied and the others get 412.


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("This record has changed since you read it: read it again, then resend.")
    default_code = "precondition_failed"


def require_unchanged(request: Request, representation: Any) -> None:
    """Compare `If-Match` with the ETag a read of the record gives now (the hash the conditional
    GET middleware puts on the JSON it renders)."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return
    current = quote_etag(
        hashlib.md5(JSONRenderer().render(representation), usedforsecurity=False).hexdigest()
    )
    wanted = {tag.removeprefix("W/") for tag in parse_etags(header)}
    if current not in wanted:
        raise PreconditionFailed


def flattened_texts(body: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Turn `translations` into the forms' `name_es`-style fields."""
    translations = body.pop("translations", None)
    if translations is None:
        return body
    languages = dict(settings.LANGUAGES)
    problem = _("Give texts as an object of languages (%(languages)s), each with %(fields)s.") % {
        "languages": ", ".join(languages),
        "fields": ", ".join(fields),
    }
    if not isinstance(translations, dict):
        raise exceptions.ValidationError({"translations": [problem]})
    for code, texts in translations.items():
        if code not in languages or not isinstance(texts, dict):
            raise exceptions.ValidationError({"translations": [problem]})
        for field, value in texts.items():
            if field not in fields:
                raise exceptions.ValidationError({"translations": [problem]})
            body[f"{field}_{code}"] = value
    return body


def error_name(fields: tuple[str, ...]) -> Any:
    """Name a form's `name_es` error as `translations.es.name`, as the body has it."""
    renamed = {
        f"{field}_{code}": f"translations.{code}.{field}"
        for field in fields
        for code, _name in settings.LANGUAGES
    }
    return lambda name: renamed.get(name, name)


def as_form_values(initial: dict[str, Any]) -> dict[str, Any]:
    """A form's initial values as a request would send them."""
    values: dict[str, Any] = {}
    for key, value in initial.items():
        if value is None:
            values[key] = ""
        elif isinstance(value, list):
            values[key] = [getattr(item, "code", item) for item in value]
        elif hasattr(value, "isoformat"):
            values[key] = value.isoformat()
        else:
            values[key] = str(value) if not isinstance(value, str) else value
    return values


TEXTS_SCHEMA = {
    "type": "object",
    "description": 'Texts by language code, e.g. {"es": {"name": "…"}, "en": {"name": "…"}}',
    "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
}


@extend_schema_field(TEXTS_SCHEMA)
class TextsField(serializers.DictField):
    def __init__(self, **kwargs: Any) -> None:
        texts = serializers.DictField(child=serializers.CharField(allow_blank=True))
        super().__init__(child=texts, **kwargs)


class ServiceWriteSerializer(serializers.Serializer):
    """A service as the manage page edits it (documentation of the body; the page's form
    validates it). On a change, fields left out keep their value."""

    hub = serializers.CharField(help_text="The slug of the hub it belongs to (creation only).")
    translations = TextsField(
        help_text="name, description, eligibility_description, application_process, "
        "fees_description per language; a name in at least one language."
    )
    status = serializers.ChoiceField(choices=Service.Status.choices)
    url = serializers.URLField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    minimum_age = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    maximum_age = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    categories = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="service-categories codes"
    )
    migration_profiles = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="migration-situations codes"
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=list(LANGUAGE_NAMES.items())), required=False
    )
    phone = serializers.CharField(required=False, allow_blank=True)
    verified = serializers.BooleanField(
        required=False, help_text="True records today as the day the listing was checked."
    )


SERVICE_FIELDS = (
    "status",
    "url",
    "email",
    "minimum_age",
    "maximum_age",
    "categories",
    "migration_profiles",
    "languages",
    "phone",
    "verified",
)
SERVICE_TEXTS = tuple(name for name, _field, _area in ServiceForm.translated)
HUB_TEXTS = tuple(name for name, _field, _area in HubForm.translated)


class ApiServiceForm(ServiceForm):
    """The manage page's service form, with terms named by their codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args,
            categories=terms_of("service-categories"),
            profiles=terms_of("migration-situations"),
            **kwargs,
        )
        for name in ("categories", "migration_profiles"):
            cast(forms.ModelMultipleChoiceField, self.fields[name]).to_field_name = "code"


def service_form_initial(service: Service) -> dict[str, Any]:
    initial = ServiceForm.initial_for(service)
    for name in ("categories", "migration_profiles"):
        initial[name] = [cast(TaxonomyTerm, term).code for term in initial[name]]
    return as_form_values(initial)


def service_for_response(service: Service) -> Service:
    return (
        Service.objects.select_related("organization")
        .prefetch_related(*exporting.SERVICE_PREFETCH)
        .get(pk=service.pk)
    )


class HsdsServiceSerializer(serializers.BaseSerializer):
    """A service exactly as the HSDS 3.0 service schema has it, in the request's language."""

    def to_representation(self, instance: Service) -> dict[str, Any]:
        return exporting.serialize("service", instance, get_language())


HSDS_SERVICE = {"type": "object", "description": "An HSDS 3.0 service"}


@extend_schema_view(
    list=extend_schema(parameters=SEARCH_PARAMETERS, responses={200: HSDS_SERVICE}),
    retrieve=extend_schema(responses={200: HSDS_SERVICE}),
    create=extend_schema(request=ServiceWriteSerializer, responses={201: HSDS_SERVICE}),
    partial_update=extend_schema(
        request=ServiceWriteSerializer,
        responses={200: HSDS_SERVICE},
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER)],
    ),
)
class ServiceViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnlyViewSet):
    """Public services in Open Referral HSDS 3.0 form, filtered like the search page. Those who
    keep a hub (its hub staff, reviewers of its country, admins) add and change its services."""

    public_cache_sections = ("directory",)

    serializer_class = HsdsServiceSerializer
    # HSDS documents are JSON; the browsable API cannot build its forms from their serializer.
    renderer_classes = [JSONRenderer]
    pagination_class = HsdsPagination
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_permissions = {
        "list": None,
        "retrieve": None,
        "create": "directory.keep_listings",
        "partial_update": "directory.change_service",
    }

    def get_queryset(self) -> QuerySet[Service]:
        if self.action == "partial_update":  # keepers change services the public no longer sees
            return (
                Service.objects.filter(hub__isnull=False)
                .select_for_update(of=("self",))
                .select_related("hub", "organization")
                .prefetch_related(*exporting.SERVICE_PREFETCH)
            )
        criteria = (
            search_criteria(self.request.query_params)
            if self.action == "list"
            else selectors.SearchCriteria()
        )
        return (
            selectors.service_search(criteria, timezone.now())
            .select_related("organization")
            .prefetch_related(*exporting.SERVICE_PREFETCH)
        )

    def _save(self, request: Request, service: Service | None, hub: Hub, values: dict) -> Service:
        form = ApiServiceForm(values)
        data = validated_form(form, rename=error_name(SERVICE_TEXTS))
        with audited_as(request):
            return services.service_save(
                service=service,
                hub=hub,
                user=request.user,
                texts=form.texts(),
                **{key: data[key] for key in SERVICE_FIELDS},
            )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = flattened_texts(
            typed_body(request, ServiceWriteSerializer, partial=False), SERVICE_TEXTS
        )
        hub = Hub.objects.filter(slug=str(body.pop("hub", ""))).first()
        if hub is None:
            raise exceptions.ValidationError({"hub": [str(_("There is no hub with this slug."))]})
        if not request.user.has_perm("directory.add_service", hub):
            self.permission_denied(request)
        service = self._save(request, None, hub, {"status": Service.Status.ACTIVE, **body})
        data = HsdsServiceSerializer(service_for_response(service)).data
        return Response(data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with transaction.atomic():
            service = self.get_object()
            require_unchanged(request, HsdsServiceSerializer(service).data)
            body = flattened_texts(
                typed_body(request, ServiceWriteSerializer, partial=True), SERVICE_TEXTS
            )
            body.pop("hub", None)  # a service stays at its hub
            hub = cast(Hub, service.hub)  # the queryset keeps only services of a hub
            service = self._save(request, service, hub, {**service_form_initial(service), **body})
        return Response(HsdsServiceSerializer(service_for_response(service)).data)


class HubWriteSerializer(serializers.Serializer):
    """A hub as its manage page edits it (documentation of the body; the page's form validates
    it). Fields left out keep their value."""

    translations = TextsField(
        required=False, help_text="name, description, opening_hours per language."
    )
    status = serializers.ChoiceField(choices=Hub.Status.choices, required=False)
    address = serializers.CharField(required=False, allow_blank=True)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    phone = serializers.CharField(required=False, allow_blank=True)
    whatsapp = serializers.CharField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=list(LANGUAGE_NAMES.items())), required=False
    )
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=Hub.Channel.choices), required=False
    )
    opening_days = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="MO, TU, WE, TH, FR, SA, SU"
    )
    opens_at = serializers.TimeField(required=False, allow_null=True)
    closes_at = serializers.TimeField(required=False, allow_null=True)
    verified = serializers.BooleanField(required=False)


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


@extend_schema_view(
    list=extend_schema(parameters=SEARCH_PARAMETERS),
    partial_update=extend_schema(
        request=HubWriteSerializer,
        responses={200: HubSerializer},
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER)],
    ),
)
class HubViewSet(mixins.UpdateModelMixin, ReadOnlyViewSet):
    """Public hubs, filtered like the search page; `services` lists their HSDS service ids. Those
    who keep a hub (its hub staff, reviewers of its country, admins) change its listing."""

    public_cache_sections = ("directory",)

    serializer_class = HubSerializer
    lookup_field = "slug"
    filter_backends: list[Any] = []
    http_method_names = ["get", "patch", "head", "options"]
    action_permissions = {
        "list": None,
        "retrieve": None,
        "partial_update": "directory.change_hub",
    }

    def get_queryset(self) -> QuerySet[Hub]:
        if self.action == "partial_update":  # keepers change hubs the public no longer sees
            return self._with_public_services(
                Hub.objects.select_for_update(of=("self",)).select_related(
                    "operator", "country", "municipality"
                )
            )
        criteria = (
            search_criteria(self.request.query_params)
            if self.action == "list"
            else selectors.SearchCriteria()
        )
        return self._with_public_services(selectors.hub_search(criteria, timezone.now()))

    @staticmethod
    def _with_public_services(hubs: QuerySet[Hub]) -> QuerySet[Hub]:
        public_services = Prefetch(
            "services", Service.objects.filter(status__in=selectors.PUBLIC_SERVICE_STATUSES)
        )
        return hubs.prefetch_related("translations", public_services)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with transaction.atomic():
            hub = self.get_object()
            require_unchanged(request, HubSerializer(hub).data)
            body = flattened_texts(typed_body(request, HubWriteSerializer, partial=True), HUB_TEXTS)
            form = HubForm({**as_form_values(HubForm.initial_for(hub)), **body})
            data = validated_form(form, rename=error_name(HUB_TEXTS))
            with audited_as(request):
                services.hub_update(
                    hub=hub,
                    user=request.user,
                    texts=form.texts(),
                    **{key: data[key] for key in HUB_FIELDS},
                )
            return Response(HubSerializer(self.get_queryset().get(pk=hub.pk)).data)


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

    public_cache_sections = ("directory",)

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
        response = HttpResponse(
            exporting.export_zip(get_language()), content_type="application/zip"
        )
        response["Content-Disposition"] = 'attachment; filename="migralocal-hsds.zip"'
        return response


ROUTES = [
    ("services", ServiceViewSet, "service"),
    ("hubs", HubViewSet, "hub"),
    ("pathways", PathwayViewSet, "pathway"),
    ("hsds-export", HsdsExportViewSet, "hsds-export"),
]
