from django.contrib import admin
from parler.admin import TranslatableAdmin

from migralocal.commitments import models


class AttachmentInline(admin.TabularInline):
    model = models.Attachment
    extra = 0
    readonly_fields = ("content_type", "size", "created_at")


class DecisionInline(admin.TabularInline):
    """Read-only: the moderation record is written by the services, never by hand."""

    model = models.ModerationDecision
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_state", "to_state", "message", "actor_label", "created_at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Commitment)
class CommitmentAdmin(TranslatableAdmin):
    list_display = ("__str__", "kind", "country", "moderation_state", "is_hidden", "published_at")
    list_filter = ("moderation_state", "is_hidden", "kind", "status", "country")
    search_fields = ("slug", "translations__title", "organisation__name", "organisation_name")
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("themes", "objectives", "sdgs")
    # State changes go through the reviewers' page so that each one is recorded and e-mailed.
    readonly_fields = (
        "moderation_state",
        "is_hidden",
        "email_confirmed_at",
        "published_at",
        "verified_at",
    )
    inlines = (AttachmentInline, DecisionInline)


@admin.register(models.ProgressUpdate)
class ProgressUpdateAdmin(TranslatableAdmin):
    list_display = ("commitment", "date", "author")
    search_fields = ("commitment__translations__title",)
    autocomplete_fields = ("commitment",)


@admin.register(models.Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("commitment", "reason", "is_open", "created_at")
    list_filter = ("reason", "is_open")
    readonly_fields = ("commitment", "reason", "comment", "reporter", "created_at", "resolved_at")


@admin.register(models.ModerationDecision)
class ModerationDecisionAdmin(admin.ModelAdmin):
    list_display = ("commitment", "action", "actor_label", "created_at")
    list_filter = ("action",)
    search_fields = ("actor_label", "message")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
