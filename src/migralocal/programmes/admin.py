from django.contrib import admin
from parler.admin import TranslatableAdmin

from migralocal.programmes import models


@admin.register(models.Programme)
class ProgrammeAdmin(TranslatableAdmin):
    list_display = ("__str__", "slug", "starts_on", "ends_on", "is_public")
    list_filter = ("is_public", "countries")
    search_fields = ("slug", "translations__name", "translations__code")
    filter_horizontal = ("countries",)
    autocomplete_fields = ("donors", "implementers")
    # Activities are many; their ids are typed, or chosen on the programme's own pages.
    raw_id_fields = (
        "managers",
        *(kind.field for kind in models.ACTIVITY_KINDS),
    )
