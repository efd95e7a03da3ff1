"""The forms of the call pages: a call, an application, a decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from migralocal.assessments.models import Framework
from migralocal.calls.models import Call
from migralocal.calls.services import CallFields
from migralocal.core import text_limits
from migralocal.core.models import Organisation
from migralocal.core.widgets import DateInput

LANGUAGES = ("es", "en")


class CallForm(forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description_es = forms.CharField(
        label=_("Description (Spanish)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    framework = forms.ModelChoiceField(
        label=_("Framework"),
        queryset=Framework.objects.filter(status=Framework.Status.PUBLISHED),
    )
    year = forms.IntegerField(
        label=_("Year of the assessment rounds"), min_value=2000, max_value=2100
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=DateInput,
        help_text=_("The last day on which municipalities may apply."),
    )

    def call_fields(self) -> CallFields:
        data = self.cleaned_data
        return CallFields(
            titles={code: data[f"title_{code}"] for code in LANGUAGES},
            descriptions={code: data[f"description_{code}"] for code in LANGUAGES},
            framework=data["framework"],
            year=data["year"],
            deadline=data["deadline"],
        )

    @classmethod
    def initial_of(cls, call: Call | None) -> dict[str, Any]:
        if call is None:
            return {"year": timezone.localdate().year + 1}
        initial: dict[str, Any] = {
            "framework": call.framework,
            "year": call.year,
            "deadline": call.deadline,
        }
        for code in LANGUAGES:
            if call.has_translation(code):
                translation = call.get_translation(code)
                initial[f"title_{code}"] = translation.title
                initial[f"description_{code}"] = translation.description
        return initial


class ApplyForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Organisation.objects.none(), empty_label=None
    )
    motivation = forms.CharField(
        label=_("Why the municipality applies"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=text_limits.TEXT,
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  (for mypy)
        field.queryset = municipalities


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the municipality"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=text_limits.TEXT,
    )
