"""Technical assistance through the API, read as on the pages: each person reads the engagements
they advise, answer for, manage through a programme or review in their country, and the
recommendations of those engagements with the government's responses. A counterpart records
the government's response to a recommendation (POST …/recommendations/{id}/respond/)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from migralocal.advisory import selectors, services
from migralocal.advisory.forms import ResponseForm
from migralocal.advisory.models import Engagement, Instrument, Recommendation
from migralocal.core.api import (
    ReadOnlyViewSet,
    TranslationsField,
    audited_as,
    typed_body,
    validated,
)
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
    programmes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    instruments = InstrumentSerializer(many=True, read_only=True)
    figures = serializers.SerializerMethodField()

    class Meta:
        model = Engagement
        fields = (
            "slug",
            "organisation",
            "department",
            "programmes",
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


class ResponseWriteSerializer(serializers.Serializer):
    """The government's response, as its counterpart records it on the page (documentation of
    the body; the page's form and the service apply the rules)."""

    response = serializers.ChoiceField(choices=Recommendation.Response.choices)
    response_note = serializers.CharField(required=False, allow_blank=True)
    evidence_section = serializers.CharField(required=False, allow_blank=True)
    evidence_link = serializers.CharField(required=False, allow_blank=True)
    evidence_version = serializers.IntegerField(
        required=False, allow_null=True, help_text="The id of a draft of the same instrument."
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
    action_permissions: dict[str, str | None] = {
        "list": None,
        "retrieve": None,
        "respond": "advisory.respond_engagement",
    }

    def get_queryset(self) -> QuerySet[Recommendation]:
        visible = selectors.visible_engagements(self.request.user).values("pk")
        return (
            Recommendation.objects.filter(review_round__instrument__engagement__in=visible)
            .select_related("review_round__instrument__engagement")
            .prefetch_related("translations", "themes")
            .order_by("review_round__instrument_id", "review_round__number", "number")
        )

    @extend_schema(request=ResponseWriteSerializer, responses={200: RecommendationSerializer})
    @action(detail=True, methods=["post"])
    def respond(self, request: Request, pk: Any = None, **kwargs: Any) -> Response:
        """The government's response to a recommendation of a sent round, by one of its
        counterparts: accepted or partly accepted with where it was incorporated, not accepted
        with why, or pending."""
        recommendation = self.get_object()  # out of sight is not found; then the rule
        body = typed_body(request, ResponseWriteSerializer, partial=False)
        form = ResponseForm(body, recommendation=recommendation)
        validated(form)
        with audited_as(request):
            recommendation = services.recommendation_respond(
                actor=request.user, recommendation=recommendation, fields=form.response_fields()
            )
        return Response(RecommendationSerializer(recommendation).data)


ROUTES = [
    ("advisory/engagements", EngagementViewSet, "engagement"),
    ("advisory/recommendations", RecommendationViewSet, "advisory-recommendation"),
]
