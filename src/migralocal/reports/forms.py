"""The dashboard's choice of programme, place and period, validated at the boundary (GET
parameters: `programme` slug, `country` ISO code, `municipality` area code, and either `year` and
`quarter` or a range of days, `start` and `end`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from migralocal.core.models import AdministrativeArea, Country
from migralocal.core.widgets import DateInput, LongSelect
from migralocal.programmes.models import Programme
from migralocal.reports.selectors import DateRange, Period

QUARTERS = [
    ("", _("Whole year")),
    ("1", _("January to March")),
    ("2", _("April to June")),
    ("3", _("July to September")),
    ("4", _("October to December")),
]
# The longest range of days a report covers: ten years, leap days included. A programme runs for
# a few years; a longer range is a typing mistake, and would read every record there is.
LONGEST_RANGE_DAYS = 3653


class ReportForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Every activity, whatever its programme"),
        # The same words for a programme that does not exist and one the reader may not see.
        error_messages={"invalid_choice": _("There is no such programme among those you see.")},
    )
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
    start = forms.DateField(
        label=_("Or from"),
        required=False,
        widget=DateInput,
        help_text=_("A range of days instead of the year and quarter."),
    )
    end = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(
        self,
        *args: Any,
        countries: QuerySet[Country],
        municipalities: QuerySet[AdministrativeArea],
        years: list[int],
        programmes: QuerySet[Programme],
        programme_chosen: bool = False,
        municipality_required: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if municipality_required:
            # A reader who may see only some municipalities chooses one of them, never a country.
            self.fields["country"].required = True
            self.fields["municipality"].required = True
        if programme_chosen:
            self.fields["country"].empty_label = _("All the programme's countries")  # type: ignore[attr-defined]
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["country"].queryset = countries  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        country, municipality = cleaned.get("country"), cleaned.get("municipality")
        if municipality and (country is None or municipality.country_id != country.pk):
            self.add_error("municipality", _("Choose a municipality in the chosen country."))
        self._clean_range(cleaned)
        return cleaned

    def _clean_range(self, cleaned: dict[str, Any]) -> None:
        if "start" in self.errors or "end" in self.errors:
            return
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None and end is None:
            return
        if start is None or end is None:
            self.add_error(
                "start" if start is None else "end",
                _("Give both the first and the last day of the range."),
            )
        elif end < start:
            self.add_error("end", _("The last day of the range comes before its first day."))
        elif (end - start).days + 1 > LONGEST_RANGE_DAYS:
            self.add_error("end", _("A range may cover at most ten years."))

    def period(self) -> Period | DateRange:
        """The range of days when one was given, otherwise the year or its quarter."""
        cleaned = self.cleaned_data
        start: dt.date | None = cleaned.get("start")
        end: dt.date | None = cleaned.get("end")
        if start is not None and end is not None:
            return DateRange(start, end)
        return Period(cleaned["year"], cleaned.get("quarter"))
