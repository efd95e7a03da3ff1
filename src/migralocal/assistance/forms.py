"""The forms of the cash assistance pages: input declared once, at the boundary."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from migralocal.assistance.importing import MAX_BYTES
from migralocal.assistance.management.commands.import_registrations import DEFAULT_CONSENT
from migralocal.assistance.models import CashProgramme, PopulationGroup, Sex, TransferBasis
from migralocal.assistance.services import HouseholdData, MemberData, ProgrammeFields
from migralocal.core.models import AdministrativeArea, Country, Organisation
from migralocal.core.widgets import DateInput
from migralocal.programmes.models import Programme


def digest_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class RegistrationFileForm(forms.Form):
    """A CSV file, checked first; imported when sent again, the same file, with `confirm`."""

    file = forms.FileField(label=_("Registration file (CSV)"))
    consent_purpose = forms.CharField(
        label=_("What the people agreed their details may be used for"),
        max_length=300,
        initial=DEFAULT_CONSENT,
    )
    checked = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(
        label=_("I have checked the preview of this same file: import it"), required=False
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return bytes(upload.read())

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        content = cleaned.get("file")
        if (
            isinstance(content, bytes)
            and cleaned.get("confirm")
            and (cleaned.get("checked") != digest_of(content))
        ):
            raise forms.ValidationError(
                _("Check this file first: the preview shown was of another file.")
            )
        return cleaned


class AccessReasonForm(forms.Form):
    REASONS = (
        ("registration", _("Checking a registration")),
        ("payment", _("Following up a payment")),
        ("person_request", _("The person asked")),
        ("grievance", _("Answering a grievance")),
    )
    reason = forms.ChoiceField(label=_("Why do you need to see these details?"), choices=REASONS)

    def reason_text(self) -> str:
        return str(dict(self.REASONS)[self.cleaned_data["reason"]])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=(("same", _("Same person")), ("different", _("Different people")))
    )


class HouseholdSearchForm(forms.Form):
    q = forms.CharField(label=_("Household or person reference"), required=False, max_length=60)


BAND_LINE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)|(\+))?\s*:\s*([0-9.,]+)\s*$")


class CashProgrammeForm(forms.Form):
    """A programme and its rules. Size bands and criteria are written one a line, so a programme
    defines its own without code; the service checks what they mean."""

    name = forms.CharField(label=_("Name"), max_length=200)
    operator = forms.ModelChoiceField(label=_("Operator"), queryset=Organisation.objects.all())
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes that fund it (optional)"),
        queryset=Programme.objects.all(),
        required=False,
    )
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=AdministrativeArea.objects.filter(level=AdministrativeArea.Level.MUNICIPALITY),
        required=False,
    )
    currency = forms.CharField(label=_("Currency"), max_length=3)
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput)
    budget = forms.DecimalField(label=_("Budget"), max_digits=14, decimal_places=2, min_value=0)
    population_groups = forms.MultipleChoiceField(
        label=_("Population groups served"),
        choices=PopulationGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    transfer_basis = forms.ChoiceField(label=_("Transfer rule"), choices=TransferBasis.choices)
    transfer_amount = forms.DecimalField(
        label=_("Amount per household or per member"),
        max_digits=12,
        decimal_places=2,
        required=False,
    )
    size_bands = forms.CharField(
        label=_("Household size bands"),
        help_text=_('One a line, such as "1-3: 60" and "4+: 90".'),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    cycles = forms.IntegerField(label=_("Number of cycles"), min_value=1, max_value=120)
    criteria = forms.CharField(
        label=_("Eligibility and vulnerability criteria"),
        help_text=_('One a line: code | label | weight, such as "dependants | Dependants | 3".'),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    compare_across_programmes = forms.BooleanField(
        label=_("Look for duplicates in the operator's other programmes"),
        help_text=_("Only with the programmes that allow it too."),
        required=False,
    )

    def clean_size_bands(self) -> list[dict[str, Any]]:
        bands = []
        for line in self.cleaned_data["size_bands"].splitlines():
            if not line.strip():
                continue
            found = BAND_LINE.match(line)
            if found is None:
                raise forms.ValidationError(_('Write each band as "1-3: 60" or "4+: 90".'))
            low, high, _open, amount = found.groups()
            bands.append({"min": low, "max": high, "amount": amount.replace(",", ".")})
        return bands

    def clean_criteria(self) -> list[dict[str, Any]]:
        criteria = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 3:
                raise forms.ValidationError(_("Write each criterion as code | label | weight."))
            criteria.append({"code": parts[0], "label": parts[1], "weight": parts[2]})
        return criteria

    def programme_fields(self) -> ProgrammeFields:
        data = self.cleaned_data
        return ProgrammeFields(
            name=data["name"],
            operator=data["operator"],
            country=data["country"],
            currency=data["currency"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            budget=data["budget"],
            population_groups=data["population_groups"],
            transfer_basis=data["transfer_basis"],
            transfer_amount=data["transfer_amount"],
            size_bands=data["size_bands"],
            cycles=data["cycles"],
            criteria=data["criteria"],
            municipalities=data["municipalities"],
            programmes=data["programmes"],
            compare_across_programmes=data["compare_across_programmes"],
        )

    @staticmethod
    def initial_of(programme: CashProgramme) -> dict[str, Any]:
        bands = "\n".join(
            f"{band['min']}{'-' + str(band['max']) if band['max'] else '+'}: {band['amount']}"
            for band in programme.size_bands
        )
        criteria = "\n".join(
            f"{c['code']} | {c['label']} | {c['weight']:g}" for c in programme.criteria
        )
        return {
            "name": programme.name,
            "operator": programme.operator_id,
            "programmes": list(programme.programmes.values_list("pk", flat=True)),
            "country": programme.country_id,
            "municipalities": list(programme.municipalities.values_list("pk", flat=True)),
            "currency": programme.currency,
            "starts_on": programme.starts_on,
            "ends_on": programme.ends_on,
            "budget": programme.budget,
            "population_groups": programme.population_groups,
            "transfer_basis": programme.transfer_basis,
            "transfer_amount": programme.transfer_amount,
            "size_bands": bands,
            "cycles": programme.cycles,
            "criteria": criteria,
            "compare_across_programmes": programme.compare_across_programmes,
        }


class NewCashProgrammeForm(CashProgrammeForm):
    slug = forms.SlugField(label=_("Short name in addresses"), max_length=120)
    field_order = ("slug",)


class HouseholdForm(forms.Form):
    household_ref = forms.CharField(label=_("Household reference"), max_length=60)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=AdministrativeArea.objects.none()
    )
    population_group = forms.ChoiceField(label=_("Population group"), choices=())
    consent_purpose = forms.CharField(
        label=_("What the people agreed their details may be used for"),
        max_length=300,
        initial=DEFAULT_CONSENT,
    )
    consent_given = forms.BooleanField(
        label=_("The head of household gave this consent for every member listed")
    )
    has_disability = forms.BooleanField(
        label=_("Someone in the household lives with a disability"), required=False
    )
    income_lost = forms.BooleanField(label=_("The household lost its income"), required=False)
    other_assistance = forms.BooleanField(
        label=_("The household receives other assistance"), required=False
    )

    def __init__(self, *args: Any, programme: CashProgramme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = programme.municipalities.all()
        if not areas.exists():
            areas = AdministrativeArea.objects.filter(
                country=programme.country_id, level=AdministrativeArea.Level.MUNICIPALITY
            )
        self.fields["municipality"].queryset = areas  # type: ignore[attr-defined]
        self.fields["population_group"].choices = [  # type: ignore[attr-defined]
            (value, label)
            for value, label in PopulationGroup.choices
            if value in programme.population_groups
        ]

    def household_data(self, members: list[dict[str, Any]]) -> HouseholdData:
        """The household and its members (the member forms' cleaned data, blanks left out), as
        the registration service takes them."""
        data = self.cleaned_data
        return HouseholdData(
            household_ref=data["household_ref"],
            municipality=data["municipality"],
            population_group=data["population_group"],
            has_disability=data["has_disability"],
            income_lost=data["income_lost"],
            other_assistance=data["other_assistance"],
            members=[
                MemberData(**member, population_group=data["population_group"])
                for member in members
                if member
            ],
        )


class MemberForm(forms.Form):
    person_ref = forms.CharField(label=_("Person reference"), max_length=60)
    given_names = forms.CharField(label=_("Given names"), max_length=150)
    family_names = forms.CharField(label=_("Family names"), max_length=150)
    # Blank first: a member form left empty on the page stays unchanged, and is skipped.
    sex = forms.ChoiceField(label=_("Sex"), choices=[*BLANK_CHOICE_DASH, *Sex.choices])
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput, required=False)
    document_type = forms.CharField(label=_("Document type"), max_length=40, required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=60, required=False)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput({"type": "tel"})
    )


MemberFormSet = forms.formset_factory(
    MemberForm, extra=5, min_num=1, validate_min=True, max_num=20, validate_max=True
)
