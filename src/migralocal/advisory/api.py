"""Technical assistance through the API, read as on the pages: each person reads the engagements
they advise, answer for, manage through a programme or review in their country, and the
recommendations of those engagements with the government's responses."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework import permissions, serializers

from migralocal.advisory import selectors
from migralocal.advisory.models import Engagement, Instrument, Recommendation
from migralocal.core.api import ReadOnlyViewSet, TranslationsField
from migralocal.core.api_framework import RulesPermission
from migralocal.core.no_store import NeverStoredMixin


class InstrumentSerializer(serializers.ModelSerializer):
    translations = TranslationsField("name")

    class Meta:
        model = Instrument
        fields = (
            "id",
            "kind",
            "acronym",
            "owner_department",
            "stage",
            "expected_adoption_on",
            "translations",
        )


class FiguresSerializer(serializers.Serializer):
    instruments = serializers.IntegerField()
    recommendations = serializers.IntegerField()
    answered = serializers.IntegerField()
    adopted = serializers.IntegerField()
    share_adopted = serializers.IntegerField(
        allow_null=True, help_text="Of the answered recommendations, the percent adopted."
    )


class EngagementSerializer(serializers.ModelSerializer):
    translations = TranslationsField("title", "scope")
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    instruments = InstrumentSerializer(many=True, read_only=True)
    figures = serializers.SerializerMethodField()

    class Meta:
        model = Engagement
        fields = (
            "slug",
            "organisation",
            "department",
            "programme",
            "requested_by",
            "requested_on",
            "starts_on",
            "ends_on",
            "status",
            "publishes_adopted",
            "translations",
            "instruments",
            "figures",
        )

    def get_figures(self, engagement: Engagement) -> dict[str, Any]:
        return dict(FiguresSerializer(selectors.figures_of(engagement)).data)


class RecommendationSerializer(serializers.ModelSerializer):
    translations = TranslationsField("text")
    engagement = serializers.CharField(source="review_round.instrument.engagement.slug")
    instrument = serializers.IntegerField(source="review_round.instrument_id")
    round = serializers.IntegerField(source="review_round.number")
    sent_on = serializers.DateField(source="review_round.sent_on", allow_null=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = (
            "id",
            "engagement",
            "instrument",
            "round",
            "sent_on",
            "number",
            "priority",
            "themes",
            "translations",
            "response",
            "response_note",
            "evidence_section",
            "evidence_link",
            "responded_at",
        )


class RecommendationFilter(filters.FilterSet):
    engagement = filters.CharFilter(field_name="review_round__instrument__engagement__slug")
    instrument = filters.NumberFilter(field_name="review_round__instrument_id")

    class Meta:
        model = Recommendation
        fields = ("engagement", "instrument", "priority", "response")


class EngagementViewSet(NeverStoredMixin, ReadOnlyViewSet):
    """The engagements the requester takes part in, manages or reviews, with their instruments
    and figures (instruments, recommendations issued, answered, adopted, share adopted)."""

    serializer_class = EngagementSerializer
    lookup_field = "slug"
    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    filterset_fields = ("status",)
    ordering_fields = ("starts_on", "slug")

    def get_queryset(self) -> QuerySet[Engagement]:
        return (
            selectors.visible_engagements(self.request.user)
            .prefetch_related("instruments__translations")
            .order_by("-starts_on", "slug")
        )


class RecommendationViewSet(NeverStoredMixin, ReadOnlyViewSet):
    """The recommendations of the engagements the requester reads, with the government's
    responses and where each adopted one was incorporated."""

    serializer_class = RecommendationSerializer
    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    filterset_class = RecommendationFilter
    ordering_fields = ("number", "responded_at")

    def get_queryset(self) -> QuerySet[Recommendation]:
        visible = selectors.visible_engagements(self.request.user).values("pk")
        return (
            Recommendation.objects.filter(review_round__instrument__engagement__in=visible)
            .select_related("review_round__instrument__engagement")
            .prefetch_related("translations", "themes")
            .order_by("review_round__instrument_id", "review_round__number", "number")
        )


ROUTES = [
    ("advisory/engagements", EngagementViewSet, "engagement"),
    ("advisory/recommendations", RecommendationViewSet, "advisory-recommendation"),
]
