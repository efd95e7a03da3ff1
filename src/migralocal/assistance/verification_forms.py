"""The forms of payment verification: input declared once, at the boundary."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from migralocal.assistance.verification import NOTES_MAX, Reached, Received, Satisfaction
from migralocal.core.widgets import DateInput


class DrawForm(forms.Form):
    size = forms.IntegerField(
        label=_("Number of households"), min_value=1, max_value=100000, required=False
    )
    share = forms.DecimalField(
        label=_("Or a share of the paid households (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (cleaned.get("size") is None) == (cleaned.get("share") is None) and not self.errors:
            raise forms.ValidationError(
                _("Give either a number of households or a share, not both.")
            )
        return cleaned


class ResultForm(forms.Form):
    reached = forms.ChoiceField(
        label=_("Was the household reached?"), choices=Reached.choices, widget=forms.RadioSelect
    )
    received = forms.ChoiceField(
        label=_("Did it receive the transfer?"),
        choices=[("", _("Not asked")), *Received.choices],
        required=False,
    )
    amount_received = forms.DecimalField(
        label=_("Amount received"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction"),
        choices=[("", _("Not asked")), *Satisfaction.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    contacted_on = forms.DateField(label=_("Day of the call"), widget=DateInput)
    notes = forms.CharField(
        label=_("Notes"),
        help_text=_("Short, and without names, documents or phone numbers."),
        max_length=NOTES_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, currency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount_received"].label = _("Amount received (%(currency)s)") % {
            "currency": currency
        }
