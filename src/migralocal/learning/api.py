"""Learning through the API: courses and events (the public ones for everyone), registrations for
the people who run the events, and check-in of attendance through the same service as the
attendance page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from migralocal.core.api import ReadOnlyViewSet, TranslationsField, audited_as
from migralocal.core.api_framework import RulesPermission, UtcDateTimeFilter
from migralocal.core.no_store import NeverStoredMixin
from migralocal.learning import selectors, services
from migralocal.learning.models import Course, Event, Mode, Registration


class CourseSerializer(serializers.ModelSerializer):
    translations = TranslationsField("title", "summary")
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    capacity_areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Course
        fields = (
            "slug",
            "country",
            "is_published",
            "enrolment",
            "certification_module",
            "capacity_areas",
            "translations",
        )


class CourseFilter(filters.FilterSet):
    country = filters.CharFilter(field_name="country__code")
    capacity_area = filters.CharFilter(field_name="capacity_areas__code", distinct=True)

    class Meta:
        model = Course
        fields = ("country", "enrolment", "capacity_area", "is_published")


class CourseViewSet(ReadOnlyViewSet):
    """Published courses for everyone; trainers also see the drafts of their countries."""

    public_cache_sections = ("learning",)

    serializer_class = CourseSerializer
    filterset_class = CourseFilter
    ordering_fields = ("position", "created_at")
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Course]:
        return selectors.courses_visible_to(self.request.user).order_by("position", "pk")


class EventSerializer(serializers.ModelSerializer):
    translations = TranslationsField("title", "description")
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    places_taken = serializers.IntegerField(source="confirmed", read_only=True)

    class Meta:
        model = Event
        fields = (
            "slug",
            "kind",
            "format",
            "country",
            "starts_at",
            "ends_at",
            "time_zone",
            "venue",
            "capacity",
            "places_taken",
            "is_public",
            "translations",
        )


class EventFilter(filters.FilterSet):
    country = filters.CharFilter(field_name="country__code")
    starts_after = UtcDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Event
        fields = ("country", "kind", "format", "starts_after", "starts_before")


class EventViewSet(ReadOnlyViewSet):
    """Public events for everyone; signed-in people see every event, as on the events page. The
    meeting link and the check-in code stay on the pages."""

    public_cache_sections = ("learning",)

    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ("starts_at",)
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Event]:
        return selectors.events_visible_to(self.request.user)


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    attendance_mode = serializers.CharField(
        read_only=True, help_text="online or in_person once checked in; empty before."
    )

    class Meta:
        model = Registration
        fields = (
            "id",
            "event",
            "name",
            "email",
            "gender",
            "role",
            "organisation",
            "organisation_name",
            "department",
            "country",
            "status",
            "registered_at",
            "attended_at",
            "attendance_mode",
        )
        read_only_fields = fields


class CheckInSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(
        choices=Mode.choices,
        required=False,
        help_text="online or in_person; the event's own format when left out.",
    )
    department = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="The participant's department or unit; the registered one when left out.",
    )


class RegistrationFilter(filters.FilterSet):
    event = filters.CharFilter(field_name="event__slug")
    attended = filters.BooleanFilter(field_name="attended_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Registration
        fields = ("event", "status", "attended")


class RegistrationViewSet(NeverStoredMixin, ReadOnlyViewSet):
    """Registrations for the events the requester runs (trainers in their countries, admins),
    and the requester's own. `check-in` records attendance, as the attendance page does."""

    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    ordering_fields = ("registered_at", "name", "attended_at")
    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    action_permissions = {
        "list": "learning.follow_own_learning",
        "retrieve": None,
        "check_in": "learning.check_in_registration",
    }

    def get_queryset(self) -> QuerySet[Registration]:
        return selectors.registrations_visible_to(self.request.user).order_by("registered_at", "pk")

    @extend_schema(request=CheckInSerializer, responses={200: RegistrationSerializer})
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request: Request, pk: Any = None, **kwargs: Any) -> Response:
        registration = self.get_object()  # out of sight is not found; then the rule
        payload = CheckInSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with audited_as(request):
            registration = services.registration_check_in(
                registration=registration,
                mode=payload.validated_data.get("mode", ""),
                department=payload.validated_data.get("department", ""),
            )
        return Response(RegistrationSerializer(registration).data)


ROUTES = [
    ("courses", CourseViewSet, "course"),
    ("events", EventViewSet, "event"),
    ("event-registrations", RegistrationViewSet, "event-registration"),
]
