"""The forms of the results pages: the period and countries a reader chooses, and the records of
the framework its managers keep. Rules are the services'; these only read the input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from migralocal.core.models import Country
from migralocal.core.widgets import DateInput
from migralocal.programmes.models import Programme
from migralocal.programmes.results import ResultIndicator
from migralocal.programmes.results_selectors import measure_catalogue
from migralocal.programmes.results_services import IndicatorFields


class ResultsFilterForm(forms.Form):
    """Whole programme (nothing chosen), one of its years, or any range of days within it; all
    its countries or one."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=DateInput)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.programme_countries = list(
            programme.countries.prefetch_related("translations").order_by("code")
        )
        years = range(programme.starts_on.year, programme.ends_on.year + 1)
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)  # noqa: S101  (for mypy)
        year_field.choices = [("", _("Whole programme")), *((y, str(y)) for y in years)]
        country_field = self.fields["country"]
        assert isinstance(country_field, forms.ChoiceField)  # noqa: S101  (for mypy)
        country_field.choices = [
            ("", _("All the programme's countries")),
            *((country.code, str(country)) for country in self.programme_countries),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Give both the first and the last day of the range."))
        if start is not None and end is not None and end < start:
            raise forms.ValidationError(_("The range ends after it starts."))
        return data

    def chosen_range(self) -> tuple[dt.date, dt.date]:
        """The days chosen, within the programme's: a range, a year, or the whole programme."""
        first, last = self.programme.starts_on, self.programme.ends_on
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("start") and data.get("end"):
            start, end = data["start"], data["end"]
        elif data.get("year"):
            start, end = dt.date(data["year"], 1, 1), dt.date(data["year"], 12, 31)
        else:
            start, end = first, last
        return max(start, first), max(min(end, last), max(start, first))

    def chosen_countries(self) -> list[Country] | None:
        code = self.cleaned_data.get("country") if self.is_valid() else ""
        if not code:
            return None
        return [country for country in self.programme_countries if country.code == code]


class TitlesForm(forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=1, required=False)

    def titles(self) -> dict[str, str]:
        return {"es": self.cleaned_data["title_es"], "en": self.cleaned_data["title_en"]}

    @classmethod
    def initial_of(cls, record: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {"position": record.position}
        for language in ("es", "en"):
            if record.has_translation(language):
                initial[f"title_{language}"] = record.get_translation(language).title
        return initial


class IndicatorForm(TitlesForm):
    definition_es = forms.CharField(
        label=_("Definition (Spanish)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    definition_en = forms.CharField(
        label=_("Definition (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    source = forms.ChoiceField(
        label=_("Where the actual comes from"),
        choices=ResultIndicator.Source.choices,
        widget=forms.RadioSelect,
        initial=ResultIndicator.Source.COMPUTED,
    )
    measure = forms.ChoiceField(
        label=_("What the platform counts"),
        required=False,
        help_text=_("For an indicator counted by the platform: a figure of the reports."),
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=ResultIndicator.Unit.choices)
    ascending = forms.BooleanField(label=_("Higher is better"), required=False, initial=True)
    baseline_value = forms.DecimalField(
        label=_("Baseline"), max_digits=14, decimal_places=2, required=False
    )
    baseline_year = forms.IntegerField(label=_("Baseline year"), required=False)
    disaggregations = forms.CharField(
        label=_("Disaggregations (reported indicators)"),
        max_length=300,
        required=False,
        help_text=_("Separated by commas, such as: gender, country."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ChoiceField)  # noqa: S101  (for mypy)
        measure.choices = [("", "—"), *((m.code, m.label) for m in measure_catalogue())]

    def indicator_fields(self) -> IndicatorFields:
        data = self.cleaned_data
        return IndicatorFields(
            titles=self.titles(),
            definitions={"es": data["definition_es"], "en": data["definition_en"]},
            source=data["source"],
            measure=data["measure"],
            unit=data["unit"],
            ascending=data["ascending"],
            baseline_value=data["baseline_value"],
            baseline_year=data["baseline_year"],
            disaggregations=data["disaggregations"],
            position=data["position"],
        )

    @classmethod
    def initial_of(cls, record: Any) -> dict[str, Any]:
        initial = super().initial_of(record)
        for language in ("es", "en"):
            if record.has_translation(language):
                initial[f"definition_{language}"] = record.get_translation(language).definition
        parts = (record.measure_key, record.measure_series, record.measure_category)
        return initial | {
            "source": record.source,
            "measure": "/".join(part for part in parts if part),
            "unit": record.unit,
            "ascending": record.ascending,
            "baseline_value": record.baseline_value,
            "baseline_year": record.baseline_year,
            "disaggregations": record.disaggregations,
        }


class PeriodValueForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    ends_on = forms.DateField(label=_("To"), widget=DateInput)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("All the programme's countries"),
    )
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ModelChoiceField)  # noqa: S101  (for mypy)
        country.queryset = programme.countries.prefetch_related("translations").order_by("code")


class ActualForm(PeriodValueForm):
    source = forms.CharField(
        label=_("Source"),
        max_length=2000,
        help_text=_("Who counted it and how: an attendance list, minutes, a partner's report."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence (address)"), required=False, assume_scheme="https"
    )
    evidence_file = forms.FileField(label=_("Evidence (file)"), required=False)
