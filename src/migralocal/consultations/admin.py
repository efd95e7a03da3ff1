"""Admin shows the anonymous log only. Identifying details are not registered: they may be read
only by the hub's staff, through the logged page."""

from django.contrib import admin
from django.db.models import URLField

from migralocal.consultations import models


class ReferralInline(admin.TabularInline):
    model = models.Referral
    fields = ("service", "status", "follow_up_on")
    raw_id_fields = ("service",)
    extra = 0


@admin.register(models.Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("pk", "hub", "date", "channel", "source")
    list_filter = ("source", "channel", "country")
    date_hierarchy = "date"
    raw_id_fields = ("hub", "nationality", "migration_situation", "recorded_by")
    exclude = ("needs", "information_given", "topics")
    inlines = (ReferralInline,)


@admin.register(models.SubmissionImport)
class SubmissionImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "hub", "status", "total_rows", "new_rows", "created_at")
    list_filter = ("status",)
    readonly_fields = ("errors", "preview")


@admin.register(models.FieldDataConnection)
class FieldDataConnectionAdmin(admin.ModelAdmin):
    list_display = ("hub", "kind", "server_url", "form_id", "last_pulled_at", "last_error")
    list_filter = ("kind",)
    raw_id_fields = ("hub", "created_by")
    # The token or password is never shown, not even encrypted: it is set on the hub's page.
    exclude = ("secret",)
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    readonly_fields = ("last_submission_time", "last_pulled_at", "last_error", "last_error_at")
