"""The assessment cycle through the API: certified municipalities for everyone, and the rounds a
signed-in person may follow with their scores per dimension, under the pages' rules.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers

from migralocal.assessments import selectors
from migralocal.assessments.models import Assessment, Certificate, Stage
from migralocal.assessments.scoring import rounded
from migralocal.core.api import ReadOnlyViewSet
from migralocal.core.api_framework import RulesPermission


class CertifiedMunicipalitySerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="assessment.organisation.slug")
    organisation_name = serializers.CharField(source="assessment.organisation.name")
    country = serializers.CharField(source="assessment.country.code")
    municipality = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = (
            "number",
            "year",
            "organisation",
            "organisation_name",
            "country",
            "municipality",
            "issued_on",
            "valid_until",
            "verification_url",
        )

    @extend_schema_field({"type": "object", "nullable": True})
    def get_municipality(self, certificate: Certificate) -> dict[str, Any] | None:
        area = certificate.assessment.organisation.municipality
        if area is None:
            return None
        return {"code": area.code, "name": area.name}

    def get_verification_url(self, certificate: Certificate) -> str:
        path = reverse("assessments:verify", args=[certificate.verification_code])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class CertificateFilter(filters.FilterSet):
    country = filters.CharFilter(field_name="assessment__country__code")
    organisation = filters.CharFilter(field_name="assessment__organisation__slug")
    municipality = filters.CharFilter(field_name="assessment__organisation__municipality__code")

    class Meta:
        model = Certificate
        fields = ("year", "country", "organisation", "municipality")


class CertifiedMunicipalityViewSet(ReadOnlyViewSet):
    """Seals awarded to public municipalities, with the address that verifies each certificate:
    what the public list of certified municipalities shows."""

    public_cache_sections = ("assessments",)

    serializer_class = CertifiedMunicipalitySerializer
    filterset_class = CertificateFilter
    ordering_fields = ("year", "number", "issued_on")
    lookup_field = "number"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> QuerySet[Certificate]:
        return selectors.certificates()


class AssessmentSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name")
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    framework = serializers.SerializerMethodField()
    certificate_number = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = (
            "id",
            "organisation",
            "organisation_name",
            "country",
            "year",
            "stage",
            "framework",
            "submitted_at",
            "validated_at",
            "plan_approved_at",
            "certificate_number",
            "updated_at",
        )

    def get_framework(self, assessment: Assessment) -> str:
        return f"{assessment.framework.code}@{assessment.framework.version}"

    def get_certificate_number(self, assessment: Assessment) -> str | None:
        certificate = getattr(assessment, "certificate", None)
        return certificate.number if certificate is not None else None


SCORES_SCHEMA = {
    "type": "object",
    "properties": {
        "overall": {"type": "number", "nullable": True},
        "well_developed_threshold": {"type": "integer"},
        "dimensions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "title": {"type": "string"},
                    "score": {"type": "number", "nullable": True},
                    "well_developed": {"type": "boolean"},
                },
            },
        },
    },
}


class AssessmentDetailSerializer(AssessmentSerializer):
    scores = serializers.SerializerMethodField()

    class Meta(AssessmentSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *AssessmentSerializer.Meta.fields,
            "scores",
        )

    @extend_schema_field(SCORES_SCHEMA)
    def get_scores(self, assessment: Assessment) -> dict[str, Any]:
        """Scores from 0 to 100 per dimension, read as well-developed areas and areas with
        potential for development: the results page's reading, never a ranking."""
        results = selectors.results_of(assessment)
        threshold = assessment.framework.well_developed_threshold
        return {
            "overall": results.overall_display,
            "well_developed_threshold": threshold,
            "dimensions": [
                {
                    "code": result.dimension.code,
                    "title": str(result.dimension),
                    "score": rounded(result.score),
                    "well_developed": result.score is not None and result.score >= threshold,
                }
                for result in results.dimensions
            ],
        }


class AssessmentFilter(filters.FilterSet):
    country = filters.CharFilter(field_name="country__code")
    organisation = filters.CharFilter(field_name="organisation__slug")
    stage = filters.ChoiceFilter(choices=Stage.choices)

    class Meta:
        model = Assessment
        fields = ("year", "country", "organisation", "stage")


class AssessmentViewSet(ReadOnlyViewSet):
    """Rounds of the cycle that the requester may follow: focal points their own municipality's,
    reviewers and programme managers those of their countries, admins all."""

    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    action_permissions = {
        "list": "assessments.browse_assessments",
        "retrieve": "assessments.view_assessment",
    }
    filterset_class = AssessmentFilter
    ordering_fields = ("year", "updated_at")

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return AssessmentDetailSerializer if self.action == "retrieve" else AssessmentSerializer

    def get_queryset(self) -> QuerySet[Assessment]:
        return (
            selectors.assessments_visible_to(self.request.user)
            .select_related("certificate")
            .order_by("-year", "organisation__name", "pk")
        )


ROUTES = [
    ("certified-municipalities", CertifiedMunicipalityViewSet, "certified-municipality"),
    ("assessments", AssessmentViewSet, "assessment"),
]
