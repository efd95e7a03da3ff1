"""Published commitments through the API, filtered like the public list.

Only what the public pages show: never hidden or unmoderated entries, never a submitter's e-mail.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers

from migralocal.commitments import selectors
from migralocal.commitments.forms import CommitmentFilterForm
from migralocal.commitments.models import Commitment, ProgressUpdate
from migralocal.core.api import ReadOnlyViewSet, TranslationsField

FILTER_PARAMETERS = [
    OpenApiParameter("text", str, description="Words in the title, summary or organisation."),
    OpenApiParameter("country", str, description="ISO 3166 code, e.g. CL."),
    OpenApiParameter("theme", str, description="An areas-of-work term code."),
    OpenApiParameter("objective", str, description="A Global Compact objective code, gcm-01…"),
    OpenApiParameter("sdg", str, description="An SDG code, sdg-01… or sdg-10.7."),
    OpenApiParameter("kind", str),
    OpenApiParameter("status", str),
    OpenApiParameter("verification", str, description="verified or not_verified"),
]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    translations = TranslationsField("text")

    class Meta:
        model = ProgressUpdate
        fields = ("date", "translations")


class CommitmentSerializer(serializers.ModelSerializer):
    translations = TranslationsField("title", "summary", "description")
    organisation = serializers.CharField(source="display_organisation")
    organisation_slug = serializers.SlugRelatedField(
        source="organisation", slug_field="slug", read_only=True, allow_null=True
    )
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    sdgs = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    partners = serializers.ListField(source="partner_list", child=serializers.CharField())
    funding_sources = serializers.ListField(source="funding_list", child=serializers.CharField())
    links = serializers.ListField(source="link_list", child=serializers.CharField())
    verified = serializers.BooleanField(source="is_verified")
    updates = ProgressUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = (
            "slug",
            "kind",
            "organisation",
            "organisation_slug",
            "country",
            "original_language",
            "themes",
            "objectives",
            "sdgs",
            "start_date",
            "end_date",
            "partners",
            "funding_sources",
            "links",
            "status",
            "verified",
            "published_at",
            "translations",
            "updates",
        )


@extend_schema_view(list=extend_schema(parameters=FILTER_PARAMETERS))
class CommitmentViewSet(ReadOnlyViewSet):
    """Published commitments, practices and programmes, with their progress updates."""

    public_cache_sections = ("commitments",)

    serializer_class = CommitmentSerializer
    lookup_field = "slug"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Commitment]:
        filters = selectors.CommitmentFilters()
        if self.action == "list":
            form = CommitmentFilterForm(self.request.query_params)
            if not form.is_valid():
                raise exceptions.ValidationError(form.errors.get_json_data())
            filters = selectors.CommitmentFilters.from_cleaned_data(form.cleaned_data)
        updates = Prefetch("updates", ProgressUpdate.objects.prefetch_related("translations"))
        return selectors.commitment_search(filters).prefetch_related(updates)


ROUTES = [("commitments", CommitmentViewSet, "commitment")]
