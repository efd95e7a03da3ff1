from django.contrib import admin
from parler.admin import TranslatableAdmin

from migralocal.advisory import models


@admin.register(models.Engagement)
class EngagementAdmin(TranslatableAdmin):
    list_display = ("__str__", "organisation", "status", "starts_on")
    list_filter = ("status", "publishes_adopted")
    search_fields = ("slug", "translations__title", "organisation__name")
    raw_id_fields = ("organisation", "programmes", "advisors", "counterparts")


@admin.register(models.Instrument)
class InstrumentAdmin(TranslatableAdmin):
    list_display = ("__str__", "engagement", "kind", "stage", "expected_adoption_on")
    list_filter = ("kind", "stage")
    raw_id_fields = ("engagement",)


@admin.register(models.ReviewRound)
class ReviewRoundAdmin(admin.ModelAdmin):
    list_display = ("__str__", "instrument", "opened_on", "sent_on")
    raw_id_fields = ("instrument", "version")


@admin.register(models.Recommendation)
class RecommendationAdmin(TranslatableAdmin):
    list_display = ("__str__", "review_round", "priority", "response")
    list_filter = ("priority", "response")
    raw_id_fields = ("review_round", "themes", "evidence_version", "responded_by")


@admin.register(models.InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "instrument", "uploaded_at")
    raw_id_fields = ("instrument", "uploaded_by")


@admin.register(models.EngagementDocument)
class EngagementDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "engagement", "added_at")
    raw_id_fields = ("engagement", "added_by")


@admin.register(models.PlanActivity)
class PlanActivityAdmin(TranslatableAdmin):
    list_display = ("__str__", "engagement", "kind", "starts_on", "ends_on", "status")
    list_filter = ("kind", "status")
    raw_id_fields = ("engagement", "event")
