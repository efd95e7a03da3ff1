from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from migralocal.core.models import Country, Organisation, TaxonomyTerm


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *Organisation.Kind.choices], required=False
    )
    area = forms.ModelChoiceField(
        label=_("Area of work"), queryset=TaxonomyTerm.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, countries: QuerySet[Country], areas: QuerySet[TaxonomyTerm], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        country = cast(forms.ModelChoiceField, self.fields["country"])
        country.queryset = countries
        country.empty_label = _("Any country")
        area = cast(forms.ModelChoiceField, self.fields["area"])
        area.queryset = areas
        area.empty_label = _("Any area")


class OrganisationProfileForm(forms.Form):
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
        help_text=_("Saved in the language you are using now; the other language is kept."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Public e-mail"), required=False)
    is_public = forms.BooleanField(
        label=_("Show this profile to visitors without an account"), required=False
    )
    areas_of_work = forms.ModelMultipleChoiceField(
        label=_("Areas of work"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, areas: QuerySet[TaxonomyTerm], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["areas_of_work"]).queryset = areas
