from django.contrib import admin
from parler.admin import TranslatableAdmin, TranslatableTabularInline

from migralocal.directory import models


class ScheduleInline(TranslatableTabularInline):
    model = models.Schedule
    fields = ("byday", "opens_at", "closes_at", "description")
    extra = 0


class PhoneInline(admin.TabularInline):
    model = models.Phone
    fields = ("number", "extension", "type", "description")
    extra = 0


class LanguageInline(admin.TabularInline):
    model = models.Language
    fields = ("code", "name", "note")
    extra = 0


class AttributeInline(admin.TabularInline):
    model = models.Attribute
    fields = ("taxonomy_term", "link_type", "value")
    autocomplete_fields = ("taxonomy_term",)
    extra = 0


class ServiceAtLocationInline(admin.TabularInline):
    model = models.ServiceAtLocation
    fields = ("location", "description")
    autocomplete_fields = ("location",)
    extra = 0


class AddressInline(admin.TabularInline):
    model = models.Address
    extra = 0


class PathwayStepInline(admin.StackedInline):
    model = models.PathwayStep
    fields = ("position", "phone", "services")
    filter_horizontal = ("services",)
    extra = 0
    show_change_link = True


@admin.register(models.Hub)
class HubAdmin(TranslatableAdmin):
    list_display = ("__str__", "kind", "status", "country", "municipality", "assured_date")
    list_filter = ("kind", "status", "country")
    search_fields = ("slug", "translations__name", "address")
    autocomplete_fields = ("operator", "municipality")
    readonly_fields = ("location",)
    inlines = (ScheduleInline,)


@admin.register(models.Service)
class ServiceAdmin(TranslatableAdmin):
    list_display = ("__str__", "status", "hub", "country", "assured_date")
    list_filter = ("status", "country")
    search_fields = ("translations__name", "id")
    autocomplete_fields = ("hub", "organization")
    readonly_fields = ("country", "municipality", "latitude", "longitude")
    inlines = (
        AttributeInline,
        ServiceAtLocationInline,
        PhoneInline,
        LanguageInline,
        ScheduleInline,
    )


@admin.register(models.Organization)
class OrganizationAdmin(TranslatableAdmin):
    list_display = ("name", "organisation", "email")
    search_fields = ("name", "alternate_name")
    autocomplete_fields = ("organisation",)


@admin.register(models.Location)
class LocationAdmin(TranslatableAdmin):
    list_display = ("__str__", "location_type", "latitude", "longitude")
    search_fields = ("translations__name", "id")
    inlines = (AddressInline,)


@admin.register(models.ReferralPathway)
class ReferralPathwayAdmin(TranslatableAdmin):
    list_display = ("__str__", "country", "municipality", "is_published")
    list_filter = ("country", "is_published")
    search_fields = ("slug", "translations__title")
    autocomplete_fields = ("municipality",)
    inlines = (PathwayStepInline,)


@admin.register(models.PathwayStep)
class PathwayStepAdmin(TranslatableAdmin):
    list_display = ("__str__", "pathway")
    filter_horizontal = ("services",)


for translated in (models.CostOption, models.RequiredDocument, models.Schedule):
    admin.site.register(translated, TranslatableAdmin)

for plain in (
    models.ServiceAtLocation,
    models.Address,
    models.Contact,
    models.Phone,
    models.Language,
    models.ServiceArea,
    models.Accessibility,
    models.Attribute,
    models.TaxonomyIdentity,
    models.TermIdentity,
):
    admin.site.register(plain)


@admin.register(models.ListingReport)
class ListingReportAdmin(admin.ModelAdmin):
    list_display = ("pk", "hub", "service", "problem", "status", "created_at")
    list_filter = ("status", "problem", "country")
    raw_id_fields = ("hub", "service", "handled_by")
