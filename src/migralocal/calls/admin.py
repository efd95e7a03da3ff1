from django.contrib import admin
from parler.admin import TranslatableAdmin

from migralocal.calls import models


@admin.register(models.Call)
class CallAdmin(TranslatableAdmin):
    list_display = ("__str__", "programme", "year", "deadline")
    list_filter = ("year", "programme")
    search_fields = ("translations__title",)
    raw_id_fields = ("programme", "framework")


@admin.register(models.CallApplication)
class CallApplicationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "submitted_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("municipality__name",)
    raw_id_fields = ("call", "municipality", "submitted_by", "decided_by", "assessment")
