"""Consultations through the API, for the staff of each hub (and platform admins), as the pages.

Identifying details are never part of the API: not in lists, not in details, not in writes. They
are kept and read only on the pages, where each reading is logged. Free text (needs, information
given, referral notes) appears only on single records, never in lists.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from migralocal.consultations import selectors, services
from migralocal.consultations.forms import ConsultationForm, ReferralForm, quick_record_defaults
from migralocal.consultations.models import (
    SITUATIONS_TAXONOMY,
    TOPICS_TAXONOMY,
    AgeBand,
    Channel,
    Consultation,
    Disability,
    Gender,
    PreferredLanguage,
    Referral,
)
from migralocal.core import text_limits
from migralocal.core.api import audited_as, typed_body, validated
from migralocal.core.api_framework import RulesPermission
from migralocal.core.no_store import NeverStoredMixin

IDENTIFYING_FIELDS = ("consent_purpose", "name", "contact", "document_number")


class ReferralSummarySerializer(serializers.ModelSerializer):
    service = serializers.CharField(source="service_id")

    class Meta:
        model = Referral
        fields = ("id", "service", "status", "follow_up_on", "updated_at")


class ReferralSerializer(ReferralSummarySerializer):
    consultation = serializers.IntegerField(source="consultation_id")
    hub = serializers.CharField(source="consultation.hub.slug")

    class Meta(ReferralSummarySerializer.Meta):
        fields = (  # type: ignore[assignment]
            "id",
            "consultation",
            "hub",
            "service",
            "status",
            "follow_up_on",
            "updated_at",
        )


class ReferralDetailSerializer(ReferralSerializer):
    class Meta(ReferralSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *ReferralSerializer.Meta.fields,
            "notes",
        )


class ConsultationSerializer(serializers.ModelSerializer):
    """A consultation in bands, without anything that identifies the person."""

    hub = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    nationality = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    migration_situation = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    referrals = ReferralSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Consultation
        fields = (
            "id",
            "hub",
            "country",
            "municipality",
            "date",
            "channel",
            "topics",
            "gender",
            "age_band",
            "nationality",
            "migration_situation",
            "disability",
            "preferred_language",
            "source",
            "referrals",
            "created_at",
        )


class ConsultationDetailSerializer(ConsultationSerializer):
    class Meta(ConsultationSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *ConsultationSerializer.Meta.fields,
            "needs",
            "information_given",
        )


class ConsultationWriteSerializer(serializers.Serializer):
    """What recording a consultation takes: the record page's fields, named by codes and slugs.
    (Documentation of the body; the record page's form validates it.)"""

    hub = serializers.CharField(help_text="The hub's slug.")
    date = serializers.DateField(required=False, help_text="Today when left out.")
    channel = serializers.ChoiceField(
        choices=Channel.choices, required=False, help_text="The user's last channel when left out."
    )
    topics = serializers.ListField(
        child=serializers.CharField(), help_text=f"Term codes of the {TOPICS_TAXONOMY} taxonomy."
    )
    gender = serializers.ChoiceField(choices=Gender.choices, required=False)
    age_band = serializers.ChoiceField(choices=AgeBand.choices, required=False)
    nationality = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="ISO 3166 country code."
    )
    migration_situation = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text=f"A term code of the {SITUATIONS_TAXONOMY} taxonomy.",
    )
    disability = serializers.ChoiceField(choices=Disability.choices, required=False)
    preferred_language = serializers.ChoiceField(choices=PreferredLanguage.choices, required=False)
    needs = serializers.CharField(
        required=False, max_length=text_limits.NOTE, help_text="No names or identifiers here."
    )
    information_given = serializers.CharField(required=False, max_length=text_limits.NOTE)
    referrals = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Service ids (HSDS)."
    )
    follow_up_on = serializers.DateField(required=False, allow_null=True)


class ApiConsultationForm(ConsultationForm):
    """The record page's form, with hubs, terms and countries named by slug and code, and without
    the identifying details, which the API does not take."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, key in (
            ("hub", "slug"),
            ("topics", "code"),
            ("migration_situation", "code"),
            ("nationality", "code"),
        ):
            self.fields[name].to_field_name = key  # type: ignore[attr-defined]
        for name in IDENTIFYING_FIELDS:
            del self.fields[name]


class ConsultationFilter(filters.FilterSet):
    hub = filters.CharFilter(field_name="hub__slug")
    topic = filters.CharFilter(field_name="topics__code", distinct=True)
    date_from = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Consultation
        fields = ("hub", "channel", "topic", "date_from", "date_to")


@extend_schema_view(
    create=extend_schema(
        request=ConsultationWriteSerializer, responses={201: ConsultationDetailSerializer}
    )
)
class ConsultationViewSet(
    NeverStoredMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Consultations of the hubs the requester works at as hub staff; recording one goes through
    the same rules as the record page."""

    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    action_permissions = {
        "list": "consultations.record_consultations",
        "retrieve": "consultations.view_consultation",
        "create": "consultations.record_consultations",
    }
    filterset_class = ConsultationFilter
    ordering_fields = ("date", "created_at")

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "list":
            return ConsultationSerializer
        return ConsultationDetailSerializer

    def get_queryset(self) -> QuerySet[Consultation]:
        return selectors.consultations_visible_to(self.request.user).order_by("-date", "-pk")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = typed_body(request, ConsultationWriteSerializer, partial=False)
        form = ApiConsultationForm(
            {**quick_record_defaults(request.user), **body},
            hubs=selectors.hubs_recordable_by(request.user),
        )
        validated(form)
        with audited_as(request):
            consultation = form.record(request.user)
        consultation = self.get_queryset().get(pk=consultation.pk)
        return Response(
            ConsultationDetailSerializer(consultation).data, status=status.HTTP_201_CREATED
        )


class ReferralWriteSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Referral.Status.choices)
    follow_up_on = serializers.DateField(
        required=False, allow_null=True, help_text="Needed while the referral is open."
    )
    notes = serializers.CharField(required=False, allow_blank=True, max_length=text_limits.NOTE)


class ReferralFilter(filters.FilterSet):
    hub = filters.CharFilter(field_name="consultation__hub__slug")
    follow_up_before = filters.DateFilter(field_name="follow_up_on", lookup_expr="lte")

    class Meta:
        model = Referral
        fields = ("hub", "status", "follow_up_before")


@extend_schema_view(
    partial_update=extend_schema(
        request=ReferralWriteSerializer, responses={200: ReferralDetailSerializer}
    )
)
class ReferralViewSet(
    NeverStoredMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Referrals made at the requester's hubs; following one up (status, next date, notes) goes
    through the same rules as the follow-up page."""

    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    http_method_names = ["get", "patch", "head", "options"]
    action_permissions = {
        "list": "consultations.record_consultations",
        "retrieve": "consultations.view_consultation",
        "partial_update": "consultations.change_referral",
    }
    filterset_class = ReferralFilter
    ordering_fields = ("follow_up_on", "updated_at")

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return ReferralSerializer if self.action == "list" else ReferralDetailSerializer

    def get_queryset(self) -> QuerySet[Referral]:
        consultations = selectors.consultations_visible_to(self.request.user)
        return (
            Referral.objects.filter(consultation__in=consultations.values("pk"))
            .select_related("consultation__hub")
            .order_by("follow_up_on", "pk")
        )

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        referral = self.get_object()
        current = {
            "status": referral.status,
            "follow_up_on": referral.follow_up_on.isoformat() if referral.follow_up_on else "",
            "notes": referral.notes,
        }
        body = typed_body(request, ReferralWriteSerializer, partial=True)
        data = validated(ReferralForm({**current, **body}))
        with audited_as(request):
            referral = services.referral_update(referral=referral, user=request.user, **data)
        return Response(ReferralDetailSerializer(referral).data)


ROUTES = [
    ("consultations", ConsultationViewSet, "consultation"),
    ("referrals", ReferralViewSet, "referral"),
]
