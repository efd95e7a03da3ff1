"""The forms of grievances, referrals from hubs and KoboToolbox or ODK imports."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from migralocal.assistance.grievance_services import GrievanceData
from migralocal.assistance.grievances import Grievance, GrievanceCategory
from migralocal.assistance.importing import MAX_BYTES
from migralocal.assistance.management.commands.import_registrations import DEFAULT_CONSENT
from migralocal.assistance.models import CashProgramme
from migralocal.core import uploads


class PublicGrievanceForm(forms.Form):
    """The public form: no account, a few fields, a honeypot."""

    category = forms.ChoiceField(label=_("What is it about?"), choices=GrievanceCategory.choices)
    description = forms.CharField(
        label=_("What happened?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    contact = forms.CharField(
        label=_("A phone or e-mail to reach you (optional)"),
        max_length=200,
        required=False,
        help_text=_("Only the staff who answer grievances see it."),
    )
    # Hidden from people; a bot that fills every field gives itself away.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("homepage"))

    def grievance_data(self) -> GrievanceData:
        data = self.cleaned_data
        return GrievanceData(
            category=data["category"],
            description=data["description"],
            contact_name=data["contact_name"],
            contact=data["contact"],
        )


class StaffGrievanceForm(PublicGrievanceForm):
    """Recorded by staff on behalf of a person, possibly about a registered household."""

    household_ref = forms.CharField(
        label=_("Household reference (optional)"), max_length=60, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["homepage"]
        self.fields["contact_name"].label = _("Name of the person (optional)")
        self.fields["contact"].label = _("Their phone or e-mail (optional)")

    def is_spam(self) -> bool:
        return False


class GrievanceFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *Grievance.Status.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any")), *GrievanceCategory.choices], required=False
    )

    def filter(self, grievances: QuerySet[Grievance]) -> QuerySet[Grievance]:
        if not self.is_valid():
            return grievances
        for name in ("status", "category"):
            if self.cleaned_data[name]:
                grievances = grievances.filter(**{name: self.cleaned_data[name]})
        return grievances


class GrievanceResponseForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Grievance.Status.choices)
    response = forms.CharField(
        label=_("Response"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The person sees it on the status page: write no personal details."),
    )


class GrievanceStatusForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=20)
    secret = forms.CharField(label=_("Secret code"), max_length=64)


class CashReferralForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Cash assistance programme"), queryset=CashProgramme.objects.none()
    )

    def __init__(self, *args: Any, programmes: QuerySet[CashProgramme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]


def digest_of(*contents: bytes | None) -> str:
    digest = hashlib.sha256()
    for content in contents:
        digest.update(hashlib.sha256(content or b"").digest())
    return digest.hexdigest()


class SubmissionsFileForm(forms.Form):
    """An export of the programme's XLSForm, checked first; imported when sent again, the same
    files, with `confirm`."""

    file = forms.FileField(label=_("Export of the submissions (XLSX, or CSV)"))
    members_file = forms.FileField(
        label=_("CSV file of the members (only with a CSV export)"), required=False
    )
    consent_purpose = forms.CharField(
        label=_("What the people agreed their details may be used for"),
        max_length=300,
        initial=DEFAULT_CONSENT,
    )
    checked = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(
        label=_("I have checked the preview of these same files: import them"), required=False
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        # By content: a file renamed to .xlsx or .csv, or an XLSX that inflates, is refused.
        uploads.check_upload(upload, (".xlsx", ".csv"), MAX_BYTES // (1024 * 1024))
        return upload

    def clean_members_file(self) -> Any:
        upload = self.cleaned_data.get("members_file")
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(_("The file is larger than 20 MB."))
            uploads.check_upload(upload, (".csv",), MAX_BYTES // (1024 * 1024))
        return upload

    def _read(self, name: str) -> bytes | None:
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        upload.seek(0)
        return bytes(upload.read())

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        cleaned["filename"] = upload.name or ""
        cleaned["content"] = self._read("file")
        cleaned["members_content"] = self._read("members_file")
        if cleaned.get("confirm") and cleaned.get("checked") != digest_of(
            cleaned["content"], cleaned["members_content"]
        ):
            raise forms.ValidationError(
                _("Check these files first: the preview shown was of other files.")
            )
        return cleaned
