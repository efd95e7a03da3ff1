"""The forms of the cash assistance pages: input declared once, at the boundary."""

from __future__ import annotations

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

from migralocal.assistance.importing import MAX_BYTES
from migralocal.assistance.management.commands.import_registrations import DEFAULT_CONSENT


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
