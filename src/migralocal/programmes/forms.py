"""The forms of the programme pages: a programme's description, and the choice of what belongs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from migralocal.core.models import Country, Organisation, User
from migralocal.core.roles import ProgrammeRole
from migralocal.core.widgets import DateInput
from migralocal.programmes.models import ACTIVITY_KINDS, Programme
from migralocal.programmes.services import ProgrammeFields

LANGUAGES = (("es", _("Spanish")), ("en", _("English")))


class ProgrammeForm(forms.Form):
    name_es = forms.CharField(label=_("Name (Spanish)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    code_es = forms.CharField(label=_("Code (Spanish)"), max_length=40)
    code_en = forms.CharField(label=_("Code (English)"), max_length=40, required=False)
    description_es = forms.CharField(
        label=_("Description (Spanish)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"), queryset=Country.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    donors = forms.ModelMultipleChoiceField(
        label=_("Donors"), queryset=Organisation.objects.all(), required=False
    )
    implementers = forms.ModelMultipleChoiceField(
        label=_("Implementing organisations"), queryset=Organisation.objects.all(), required=False
    )
    budget = forms.DecimalField(
        label=_("Budget (optional)"), max_digits=14, decimal_places=2, required=False
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
    is_public = forms.BooleanField(label=_("Public"), required=False, initial=True)

    def __init__(self, *args: Any, with_managers: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = self.fields["countries"]
        assert isinstance(countries, forms.ModelMultipleChoiceField)  # noqa: S101  (for mypy)
        countries.queryset = Country.objects.in_name_order()
        if with_managers:
            # Those who may manage a programme: people with a country programme manager role.
            self.fields["managers"] = forms.ModelMultipleChoiceField(
                label=_("Programme managers"),
                queryset=User.objects.filter(
                    programme_assignments__role=ProgrammeRole.PROGRAMME_MANAGER
                ).distinct(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("budget") is not None and not data.get("currency"):
            self.add_error("currency", _("Say the currency of the budget."))
        return data

    def programme_fields(self) -> ProgrammeFields:
        data = self.cleaned_data
        return ProgrammeFields(
            names={code: data[f"name_{code}"] for code, _label in LANGUAGES},
            codes={code: data[f"code_{code}"] for code, _label in LANGUAGES},
            descriptions={code: data[f"description_{code}"] for code, _label in LANGUAGES},
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            countries=data["countries"],
            donors=data["donors"],
            implementers=data["implementers"],
            budget=data["budget"],
            currency=data["currency"],
            is_public=data["is_public"],
        )

    @classmethod
    def initial_of(cls, programme: Programme) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "starts_on": programme.starts_on,
            "ends_on": programme.ends_on,
            "countries": list(programme.countries.all()),
            "donors": list(programme.donors.all()),
            "implementers": list(programme.implementers.all()),
            "budget": programme.budget,
            "currency": programme.currency,
            "is_public": programme.is_public,
            "managers": list(programme.managers.all()),
        }
        for code, _label in LANGUAGES:
            for field in ("name", "code", "description"):
                if programme.has_translation(code):
                    initial[f"{field}_{code}"] = getattr(programme.get_translation(code), field)
        return initial


class CreateProgrammeForm(ProgrammeForm):
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=120,
        help_text=_("Lowercase letters, digits and hyphens, such as proyecto-m."),
    )
    field_order = ("name_es", "name_en", "code_es", "code_en", "slug")

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if Programme.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another programme has this short name."))
        return slug


class ActivitySearchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of activity"), choices=[(kind.code, kind.label) for kind in ACTIVITY_KINDS]
    )
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
