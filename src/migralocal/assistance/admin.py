"""The admin keeps programmes and staff; households are read on the programme's pages, where
each reading of identifying details is logged, so the admin shows no member's details."""

from django.contrib import admin

from migralocal.assistance import models


@admin.register(models.CashProgramme)
class CashProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "operator", "country", "starts_on", "ends_on")
    list_filter = ("country", "transfer_basis")
    search_fields = ("slug", "name")
    autocomplete_fields = ("operator",)
    raw_id_fields = ("programmes", "municipalities")


@admin.register(models.AssistanceStaff)
class AssistanceStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role",)
    raw_id_fields = ("user", "organisation")
