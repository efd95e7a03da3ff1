"""The forms of the targeting and payment pages: input declared once, at the boundary."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from migralocal.assistance.models import CashProgramme, FinancialServiceProvider, Household
from migralocal.assistance.payments import ExportColumn, ProviderKind
from migralocal.core.models import AdministrativeArea
from migralocal.core.widgets import DateInput

REPORT_MAX_BYTES = 10 * 1024 * 1024


class ApprovalForm(forms.Form):
    households = forms.ModelMultipleChoiceField(
        label=_("Households to approve"),
        queryset=Household.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, programme: CashProgramme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["households"].queryset = Household.objects.filter(  # type: ignore[attr-defined]
            programme=programme, status=Household.Status.ELIGIBLE
        )


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProviderKind.choices)
    export_columns = forms.MultipleChoiceField(
        label=_("Columns of its payment list"),
        help_text=_("The payment reference and the amount are needed to read its report back."),
        choices=ExportColumn.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ExportColumn.REFERENCE, ExportColumn.AMOUNT],
    )


class CycleForm(forms.Form):
    number = forms.IntegerField(label=_("Cycle number"), min_value=1, max_value=120)
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput)


class PaymentListForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Financial service provider"),
        queryset=FinancialServiceProvider.objects.none(),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Only the households of these municipalities (optional)"),
        queryset=AdministrativeArea.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, programme: CashProgramme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = programme.providers.all()  # type: ignore[attr-defined]
        self.fields["municipalities"].queryset = AdministrativeArea.objects.filter(  # type: ignore[attr-defined]
            pk__in=programme.households.values("municipality")
        )


class ReportForm(forms.Form):
    report = forms.FileField(
        label=_("The provider's report (CSV or XLSX)"),
        help_text=_(
            "Columns: reference, status (paid, failed or unclaimed), amount, provider_reference."
        ),
    )

    def clean_report(self) -> tuple[bytes, str]:
        upload = self.cleaned_data["report"]
        if upload.size > REPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        name = str(upload.name or "")
        if not name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Send a CSV or XLSX file."))
        return bytes(upload.read()), name
