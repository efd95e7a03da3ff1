"""The dashboard's choice of place and period, validated at the boundary (GET parameters:
`country` ISO code, `municipality` area code, `year`, `quarter`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from migralocal.core.models import AdministrativeArea, Country
from migralocal.core.widgets import LongSelect

QUARTERS = [
    ("", _("Whole year")),
    ("1", _("January to March")),
    ("2", _("April to June")),
    ("3", _("July to September")),
    ("4", _("October to December")),
]


class ReportForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Whole region"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=AdministrativeArea.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All municipalities"),
        widget=LongSelect,
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=QUARTERS, required=False, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        countries: QuerySet[Country],
        municipalities: QuerySet[AdministrativeArea],
        years: list[int],
        municipality_required: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if municipality_required:
            # A reader who may see only some municipalities chooses one of them, never a country.
            self.fields["country"].required = True
            self.fields["municipality"].required = True
        self.fields["country"].queryset = countries  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        country, municipality = cleaned.get("country"), cleaned.get("municipality")
        if municipality and (country is None or municipality.country_id != country.pk):
            self.add_error("municipality", _("Choose a municipality in the chosen country."))
        return cleaned
