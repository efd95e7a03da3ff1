from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from migralocal.consultations import selectors, services
from migralocal.consultations.models import (
    SITUATIONS_TAXONOMY,
    TOPICS_TAXONOMY,
    AgeBand,
    Channel,
    Consultation,
    Disability,
    FieldDataConnection,
    Gender,
    PreferredLanguage,
    Referral,
)
from migralocal.consultations.services import Identity, Profile
from migralocal.core import text_limits, uploads
from migralocal.core.models import AdministrativeArea, Country, TaxonomyTerm, User
from migralocal.core.widgets import LongSelect
from migralocal.directory.models import Hub, Service


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def quick_record_defaults(user: User) -> dict[str, Any]:
    """What a quick record starts from, on the page and in the API: today, the user's last
    channel, and the profile left unstated."""
    return {
        "date": timezone.localdate(),
        "channel": selectors.last_channel_of(user),
        "gender": Gender.NOT_STATED,
        "age_band": AgeBand.NOT_STATED,
        "disability": Disability.NOT_STATED,
    }


class ConsultationForm(forms.Form):
    """The fast form: everything has a default or is optional except the topics. The record
    page and the API both record through it (`record`)."""

    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none(), empty_label=None)
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics asked about"),
        queryset=TaxonomyTerm.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.NOT_STATED)
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=AgeBand.choices, initial=AgeBand.NOT_STATED
    )
    nationality = forms.ModelChoiceField(
        label=_("Nationality"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("Not stated"),
        widget=LongSelect,
    )
    migration_situation = TermChoiceField(
        label=_("Migration situation"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        empty_label=_("Not stated"),
    )
    disability = forms.ChoiceField(
        label=_("Disability"), choices=Disability.choices, initial=Disability.NOT_STATED
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[("", _("Not stated")), *PreferredLanguage.choices],
        required=False,
    )
    needs = forms.CharField(
        label=_("Needs"),
        required=False,
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("No names or identifiers here."),
    )
    information_given = forms.CharField(
        label=_("Information given"),
        required=False,
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    referrals: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Referrals"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.MultipleHiddenInput,
    )
    follow_up_on = forms.DateField(
        label=_("Follow up referrals on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for a week after the consultation."),
    )
    consent_purpose = forms.CharField(
        label=_("What the person agreed their details may be used for"),
        required=False,
        max_length=300,
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    contact = forms.CharField(
        label=_("Phone, e-mail or other contact"), required=False, max_length=200
    )
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=100)
    share_with_services = forms.BooleanField(
        label=_("The person agrees that the services they are referred to may see these details"),
        required=False,
    )

    def __init__(self, *args: Any, hubs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs  # type: ignore[attr-defined]
        self.fields["topics"].queryset = TaxonomyTerm.objects.of(TOPICS_TAXONOMY).prefetch_related(  # type: ignore[attr-defined]
            "translations"
        )
        self.fields["migration_situation"].queryset = TaxonomyTerm.objects.of(  # type: ignore[attr-defined]
            SITUATIONS_TAXONOMY
        ).prefetch_related("translations")
        self.fields["nationality"].queryset = Country.objects.in_name_order().prefetch_related(  # type: ignore[attr-defined]
            "translations"
        )
        self.fields["referrals"].queryset = Service.objects.all()  # type: ignore[attr-defined]

    def clean_date(self) -> Any:
        value = self.cleaned_data["date"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        hub = cleaned.get("hub")
        services = cleaned.get("referrals") or []
        if hub is not None and any(service.country_id != hub.country_id for service in services):
            self.add_error("referrals", _("Refer only to services in the hub's country."))
        if self.identity() is not None and not cleaned.get("consent_purpose", "").strip():
            self.add_error(
                "consent_purpose",
                _("Identifying details can only be kept with the person's consent: say what for."),
            )
        return cleaned

    def record(self, user: User) -> Consultation:
        """Record the consultation this valid form describes. The service's rules still apply:
        it raises ValidationError on what it refuses."""
        data = self.cleaned_data
        return services.consultation_record(
            hub=data["hub"],
            user=user,
            date=data["date"],
            channel=data["channel"],
            topics=list(data["topics"]),
            profile=self.profile(),
            needs=data["needs"],
            information_given=data["information_given"],
            referrals=list(data["referrals"]),
            follow_up_on=data["follow_up_on"],
            identity=self.identity(),
        )

    def profile(self) -> Profile:
        data = self.cleaned_data
        return Profile(
            gender=data["gender"],
            age_band=data["age_band"],
            nationality=data["nationality"],
            migration_situation=data["migration_situation"],
            disability=data["disability"],
            preferred_language=data["preferred_language"],
        )

    def identity(self) -> Identity | None:
        data = self.cleaned_data
        identity = Identity(
            consent_purpose=data.get("consent_purpose", ""),
            name=data.get("name", ""),
            contact=data.get("contact", ""),
            document_number=data.get("document_number", ""),
            share_with_services=bool(data.get("share_with_services")),
        )
        return None if identity.is_empty else identity


class OfflineConsultationForm(ConsultationForm):
    """The form a hub keeps working offline, and what its device sends back: no identifying
    details (they are never kept on a device), no referrals (finding a service needs the
    network), and the id the device made for the record."""

    LEFT_OUT = (
        "referrals",
        "follow_up_on",
        "consent_purpose",
        "name",
        "contact",
        "document_number",
        "share_with_services",
    )

    client_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, hubs: Any, **kwargs: Any) -> None:
        super().__init__(*args, hubs=hubs, **kwargs)
        for name in self.LEFT_OUT:
            del self.fields[name]

    def identity(self) -> Identity | None:
        return None

    def record(self, user: User) -> Consultation:
        """Record it once: raises services.AlreadyRecorded for a second copy of its id."""
        data = self.cleaned_data
        return services.consultation_record_once(
            client_id=data["client_id"],
            hub=data["hub"],
            user=user,
            date=data["date"],
            channel=data["channel"],
            topics=list(data["topics"]),
            profile=self.profile(),
            needs=data["needs"],
            information_given=data["information_given"],
        )


class ReferralForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Referral.Status.choices)
    follow_up_on = forms.DateField(
        label=_("Follow up on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The version read: a change made meanwhile by the receiving service is not overwritten.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") in Referral.OPEN_STATUSES and not cleaned.get("follow_up_on"):
            self.add_error("follow_up_on", _("An open referral needs a follow-up date."))
        return cleaned


class ReferralResponseForm(forms.Form):
    """The receiving service's answer to a referral; a decline says why."""

    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[(status.value, status.label) for status in Referral.RECEIVING_STEPS],
    )
    note = forms.CharField(
        label=_("Note (a reason is needed to decline)"),
        required=False,
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Do not write the person's name or contact here."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, referral: Referral | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if referral is not None:
            steps = set(referral.receiving_steps)
            self.fields["status"].choices = [  # type: ignore[attr-defined]
                (value, label)
                for value, label in self.fields["status"].choices  # type: ignore[attr-defined]
                if value in steps
            ]
            self.initial.setdefault("version", referral.version)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("status") == Referral.Status.DECLINED
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", _("Say why the referral is declined."))
        return cleaned


class AccessReasonForm(forms.Form):
    REASONS = (
        ("follow_up", _("Following up a referral")),
        ("person_request", _("The person asked")),
        ("safeguarding", _("Protection or safeguarding")),
    )
    reason = forms.ChoiceField(label=_("Why do you need to see these details?"), choices=REASONS)

    def reason_text(self) -> str:
        return str(dict(self.REASONS)[self.cleaned_data["reason"]])


class DashboardForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]


class AreaDashboardForm(DashboardForm):
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none())
    municipality: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=AdministrativeArea.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
        widget=LongSelect,
    )

    def __init__(
        self,
        *args: Any,
        countries: Any,
        municipalities: Any,
        municipality_required: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        # A reader who may see some municipalities only chooses one of them, never a country.
        self.fields["municipality"].required = municipality_required

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        country, municipality = cleaned.get("country"), cleaned.get("municipality")
        if country and municipality and municipality.country_id != country.pk:
            self.add_error("municipality", _("Choose a municipality in that country."))
        return cleaned


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("KoboToolbox or ODK export (CSV or JSON)"),
        help_text=_("Export the submissions of the MigraLocal consultation form."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".json")):
            raise forms.ValidationError(_("Upload a .csv or .json export."))
        uploads.check_upload(upload, (".csv", ".json"), settings.CONSULTATIONS_MAX_IMPORT_MB)
        return upload


class FieldDataConnectionForm(forms.ModelForm):
    """Where the hub's form collects submissions. The secret is never shown back: left empty, the
    stored one is kept; the rules (which fields each platform needs) are the service's."""

    secret = forms.CharField(
        label=_("API token (KoboToolbox) or password (ODK Central)"),
        required=False,
        max_length=500,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )
    server_url = forms.URLField(
        label=_("Server address"),
        max_length=200,
        assume_scheme="https",
        help_text=_("For example https://kf.kobotoolbox.org or your ODK Central's address."),
    )

    class Meta:
        model = FieldDataConnection
        fields = ("kind", "server_url", "form_id", "project_id", "username")
        labels = {"form_id": _("Form: the asset uid (KoboToolbox) or the form id (ODK Central)")}
        help_texts = {
            "username": _(
                "ODK Central only: a web user who may view the project's submissions (a Project "
                "Viewer is enough). App users cannot read submissions."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.has_secret:
            self.fields["secret"].help_text = _(
                "A secret is set. Leave this empty to keep it, or type a new one to replace it."
            )
        else:
            self.fields["secret"].help_text = _("Not set yet.")
