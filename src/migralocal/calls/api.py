"""Calls for applications through the API, read as on the pages: everyone reads the calls of
the programmes they may see; the programme's managers read every application to their calls,
and the reviewers of its countries the accepted ones (the cohort), without what only the
managers read (the municipality's motivation and the decision note)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django_filters import rest_framework as filters
from rest_framework import permissions, serializers

from migralocal.calls import selectors
from migralocal.calls.models import Call, CallApplication
from migralocal.core.api import ReadOnlyViewSet, TranslationsField
from migralocal.core.api_framework import RulesPermission


class CallSerializer(serializers.ModelSerializer):
    translations = TranslationsField("title", "description")
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)
    framework_version = serializers.IntegerField(source="framework.version", read_only=True)
    is_open = serializers.SerializerMethodField(
        help_text="Whether municipalities may still apply (until the end of the deadline day)."
    )

    class Meta:
        model = Call
        fields = (
            "id",
            "programme",
            "framework",
            "framework_version",
            "year",
            "deadline",
            "is_open",
            "translations",
        )

    def get_is_open(self, call: Call) -> bool:
        return call.is_open()


class CallFilter(filters.FilterSet):
    programme = filters.CharFilter(field_name="programme__slug")
    open = filters.BooleanFilter(method="filter_open", label="Open for applications")

    class Meta:
        model = Call
        fields = ("programme", "year", "open")

    def filter_open(
        self, queryset: QuerySet[Call], name: str, value: bool | None
    ) -> QuerySet[Call]:
        if value is None:
            return queryset
        today = timezone.localdate()
        return (
            queryset.filter(deadline__gte=today) if value else queryset.filter(deadline__lt=today)
        )


class CallViewSet(ReadOnlyViewSet):
    """The calls of the programmes the requester may see (public ones; private ones for their
    managers and platform admins), with their deadline and whether they are still open."""

    serializer_class = CallSerializer
    filterset_class = CallFilter
    ordering_fields = ("deadline", "year")
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Call]:
        return selectors.visible_calls(self.request.user).order_by("-deadline", "pk")


class CallApplicationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    assessment_stage = serializers.CharField(
        source="assessment.stage", read_only=True, allow_null=True, default=None
    )
    motivation = serializers.SerializerMethodField(
        help_text="Why the municipality applies; only for those who decide the call's "
        "applications (null for the cohort's reviewers)."
    )
    decision_note = serializers.SerializerMethodField(
        help_text="Only for those who decide the call's applications (null otherwise)."
    )

    class Meta:
        model = CallApplication
        fields = (
            "id",
            "call",
            "municipality",
            "municipality_name",
            "status",
            "submitted_at",
            "decided_at",
            "assessment",
            "assessment_stage",
            "motivation",
            "decision_note",
        )

    def _decides(self, application: CallApplication) -> bool:
        return application.call_id in self.context.get("decided_calls", set())

    def get_motivation(self, application: CallApplication) -> str | None:
        return application.motivation if self._decides(application) else None

    def get_decision_note(self, application: CallApplication) -> str | None:
        return application.decision_note if self._decides(application) else None


class CallApplicationFilter(filters.FilterSet):
    municipality = filters.CharFilter(field_name="municipality__slug")

    class Meta:
        model = CallApplication
        fields = ("call", "status", "municipality")


class CallApplicationViewSet(ReadOnlyViewSet):
    """Applications to calls: every one for those who decide the call's applications (its
    programme's managers, platform admins); the accepted ones, the cohort, for the reviewers of
    the programme's countries. Others get an empty list."""

    serializer_class = CallApplicationSerializer
    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    filterset_class = CallApplicationFilter
    ordering_fields = ("submitted_at",)

    def get_queryset(self) -> QuerySet[CallApplication]:
        return selectors.applications_readable_by(self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["decided_calls"] = selectors.calls_decided_by(self.request.user)
        return context


# The applications first: "calls/applications/" is not a call's address.
ROUTES = [
    ("calls/applications", CallApplicationViewSet, "call-application"),
    ("calls", CallViewSet, "call"),
]
