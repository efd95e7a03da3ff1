"""Frameworks are editable here until published; published versions are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin, TranslatableTabularInline

from migralocal.assessments import models, services


def framework_of(obj: Any) -> models.Framework | None:
    """The framework version a frameworks row belongs to."""
    if obj is None:
        return None
    if isinstance(obj, models.Framework):
        return obj
    if isinstance(obj, models.Dimension):
        return obj.framework
    if isinstance(obj, models.Indicator):
        return obj.dimension.framework
    if isinstance(obj, models.Question):
        return obj.indicator.dimension.framework
    return None


class FrozenWhenPublished:
    """Published framework versions are immutable: no change, no deletion, here or inline."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        framework = framework_of(obj)
        if framework is not None and framework.is_published:
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        framework = framework_of(obj)
        if framework is not None and framework.is_published:
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *parent: Any) -> bool:
        # Inlines are asked with the parent row; the model admins themselves without one.
        framework = framework_of(parent[0] if parent else None)
        if framework is not None and framework.is_published:
            return False
        return super().has_add_permission(request, *parent)  # type: ignore[misc]


class DimensionInline(FrozenWhenPublished, TranslatableTabularInline):
    model = models.Dimension
    fields = ("code", "title", "position", "weight")
    extra = 0
    show_change_link = True


@admin.register(models.Framework)
class FrameworkAdmin(FrozenWhenPublished, TranslatableAdmin):
    list_display = ("__str__", "code", "version", "status", "published_at")
    list_filter = ("status",)
    readonly_fields = ("status", "published_at")
    inlines = (DimensionInline,)
    actions = ("publish",)

    @admin.action(description=_("Publish the selected drafts"))
    def publish(self, request: HttpRequest, queryset: QuerySet[models.Framework]) -> None:
        for framework in queryset:
            try:
                services.framework_publish(framework=framework)
            except ValidationError as error:
                self.message_user(request, f"{framework}: {error.messages[0]}", messages.ERROR)


class IndicatorInline(FrozenWhenPublished, TranslatableTabularInline):
    model = models.Indicator
    fields = ("code", "title", "position", "weight", "migof_domain")
    extra = 0
    show_change_link = True


@admin.register(models.Dimension)
class DimensionAdmin(FrozenWhenPublished, TranslatableAdmin):
    list_display = ("__str__", "code", "framework", "position")
    list_filter = ("framework",)
    inlines = (IndicatorInline,)


class QuestionInline(FrozenWhenPublished, TranslatableTabularInline):
    model = models.Question
    fields = ("code", "text", "kind", "position", "weight")
    extra = 0
    show_change_link = True


@admin.register(models.Indicator)
class IndicatorAdmin(FrozenWhenPublished, TranslatableAdmin):
    list_display = ("__str__", "code", "dimension", "migof_domain")
    list_filter = ("dimension__framework", "migof_domain")
    filter_horizontal = ("gcm_objectives",)
    inlines = (QuestionInline,)


class OptionInline(FrozenWhenPublished, TranslatableTabularInline):
    model = models.Option
    fields = ("code", "label", "score", "position")
    extra = 0


@admin.register(models.Question)
class QuestionAdmin(FrozenWhenPublished, TranslatableAdmin):
    list_display = ("code", "kind", "indicator", "weight", "evidence_required")
    list_filter = ("kind", "indicator__dimension__framework")
    search_fields = ("code", "translations__text")
    inlines = (OptionInline,)


@admin.register(models.Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("organisation", "year", "stage", "framework")
    list_filter = ("stage", "year", "country")
    search_fields = ("organisation__name",)
    raw_id_fields = ("organisation", "previous")
    # The stage moves only through the cycle's services, which check who may move it.
    readonly_fields = ("stage",)


@admin.register(models.Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "assessment", "year", "issued_on", "valid_until")
    list_filter = ("year",)
    search_fields = ("number", "verification_code", "assessment__organisation__name")
    readonly_fields = ("number", "verification_code")
