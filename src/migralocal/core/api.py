"""Core's API resources, and the serializer field and viewset base that every module's API uses.

Every module lists its resources in `ROUTES` in its own `api.py`; `migralocal/api_urls.py` mounts
them all under /api/v1/.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from auditlog.context import set_actor
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers, viewsets
from rest_framework.request import Request

from migralocal.core import selectors
from migralocal.core.models import AdministrativeArea, Country, Organisation, Taxonomy, TaxonomyTerm
from migralocal.core.public_cache import serve_public


@extend_schema_field(
    {
        "type": "object",
        "description": 'Translated text by language code, e.g. {"es": {"name": …}}',
        "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
    }
)
class TranslationsField(serializers.Field):
    """A parler model's text in every language it has, read from prefetched translations."""

    def __init__(self, *fields: str, **kwargs: Any) -> None:
        self.translated_fields = fields
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, value: Any) -> dict[str, dict[str, str]]:
        return {
            translation.language_code: {
                field: getattr(translation, field) for field in self.translated_fields
            }
            for translation in value.translations.all()
        }


class CountrySerializer(serializers.ModelSerializer):
    translations = TranslationsField("name")

    class Meta:
        model = Country
        fields = ("id", "code", "iso3", "latitude", "longitude", "translations")


class AdministrativeAreaSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = AdministrativeArea
        fields = ("id", "code", "name", "level", "country", "parent", "latitude", "longitude")


class TaxonomyTermSerializer(serializers.ModelSerializer):
    translations = TranslationsField("label", "description")
    taxonomy = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = TaxonomyTerm
        fields = ("id", "taxonomy", "code", "parent", "position", "translations")


class TaxonomySerializer(serializers.ModelSerializer):
    translations = TranslationsField("name", "description")

    class Meta:
        model = Taxonomy
        fields = ("id", "code", "translations")


class OrganisationSerializer(serializers.ModelSerializer):
    translations = TranslationsField("description")
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    areas_of_work = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = (
            "id",
            "slug",
            "name",
            "acronym",
            "kind",
            "country",
            "municipality",
            "areas_of_work",
            "website",
            "email",
            "is_public",
            "translations",
        )


@contextmanager
def audited_as(request: Any) -> Iterator[None]:
    """Audit entries of an API write name the requester: the audit middleware runs before Django
    REST framework reads the token, so it cannot know who they are."""
    with set_actor(request.user, remote_addr=request.META.get("REMOTE_ADDR")):
        yield


def request_object(request: Any) -> dict[str, Any]:
    """A JSON body of a write as a mapping of field names to values."""
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError({"non_field_errors": [str(_("Send a JSON object."))]})
    return dict(request.data)


def form_value(value: Any) -> Any:
    """A value checked by a serializer, as a page's form receives it from a browser."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [form_value(item) for item in value]
    if isinstance(value, dict):
        return {key: form_value(item) for key, item in value.items()}
    if isinstance(value, bool | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def typed_body(
    request: Any, serializer_class: type[serializers.Serializer], *, partial: bool
) -> dict[str, Any]:
    """The body of a write, checked for its shape and types by `serializer_class` (the one the
    schema documents), as the values a page's form takes: the form then applies the page's
    rules. Only the fields the request sends are returned."""
    data = request.data if hasattr(request.data, "getlist") else request_object(request)
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return {key: form_value(value) for key, value in serializer.validated_data.items()}


def validated(form: forms.Form, rename: Any = None) -> dict[str, Any]:
    """Validate a write with the same form as the page, so the same rules and the same translated
    messages apply; its errors become the problem's field errors (renamed by `rename`)."""
    if form.is_valid():
        return form.cleaned_data
    errors: dict[str, list[str]] = {}
    for field, messages in form.errors.items():
        name = "non_field_errors" if field == NON_FIELD_ERRORS else field
        errors.setdefault(rename(name) if rename else name, []).extend(map(str, messages))
    raise exceptions.ValidationError(errors)


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Open reads: the queryset decides what the requester may see."""

    action_permissions: dict[str, str | None] = {"list": None, "retrieve": None}
    # The sections of the public cache whose data the list shows. When set, visitors who are not
    # signed in get the list from the shared cache, after authentication, permissions and
    # throttling have run as for any request.
    public_cache_sections: tuple[str, ...] = ()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        render_list = super().list
        if not self.public_cache_sections or request.user.is_authenticated:
            return render_list(request, *args, **kwargs)
        return serve_public(
            request._request,
            self.public_cache_sections,
            lambda: render_list(request, *args, **kwargs),
            variant=f"api-{request.accepted_renderer.format}",
        )


class CountryViewSet(ReadOnlyViewSet):
    public_cache_sections = ("core",)
    serializer_class = CountrySerializer
    queryset = Country.objects.prefetch_related("translations")
    filterset_fields = ("code",)
    ordering_fields = ("code",)


class AdministrativeAreaViewSet(ReadOnlyViewSet):
    public_cache_sections = ("core",)
    serializer_class = AdministrativeAreaSerializer
    queryset = AdministrativeArea.objects.select_related("country")
    filterset_fields = ("level", "country__code", "parent")
    ordering_fields = ("name", "code")


class TaxonomyViewSet(ReadOnlyViewSet):
    public_cache_sections = ("core",)
    serializer_class = TaxonomySerializer
    queryset = Taxonomy.objects.prefetch_related("translations")
    lookup_field = "code"


class TaxonomyTermViewSet(ReadOnlyViewSet):
    public_cache_sections = ("core",)
    serializer_class = TaxonomyTermSerializer
    queryset = TaxonomyTerm.objects.select_related("taxonomy", "parent").prefetch_related(
        "translations"
    )
    filterset_fields = ("taxonomy__code",)
    ordering_fields = ("position", "code")


class OrganisationFilter(filters.FilterSet):
    country = filters.CharFilter(field_name="country__code")
    area_of_work = filters.CharFilter(field_name="areas_of_work__code")

    class Meta:
        model = Organisation
        fields = ("kind", "country", "is_public", "area_of_work")


class OrganisationViewSet(ReadOnlyViewSet):
    """Organisations the requester may see: public ones, their own, and their programme's."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    public_cache_sections = ("core",)
    ordering_fields = ("name",)
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Organisation]:
        return (
            selectors.organisations_visible_to(self.request.user)
            .select_related("country", "municipality")
            .prefetch_related("translations", "areas_of_work")
            .order_by("name")
        )


ROUTES = [
    ("countries", CountryViewSet, "country"),
    ("areas", AdministrativeAreaViewSet, "area"),
    ("taxonomies", TaxonomyViewSet, "taxonomy"),
    ("taxonomy-terms", TaxonomyTermViewSet, "taxonomy-term"),
    ("organisations", OrganisationViewSet, "organisation"),
]
