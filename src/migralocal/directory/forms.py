from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from migralocal.core import text_limits
from migralocal.core.forms import BilingualForm
from migralocal.core.models import AdministrativeArea, Country, TaxonomyTerm
from migralocal.core.widgets import LongSelect
from migralocal.directory.models import WEEKDAYS, Hub, ListingReport, Service
from migralocal.directory.selectors import Place, SearchCriteria
from migralocal.directory.services import LANGUAGE_NAMES

LANGUAGE_CHOICES = list(LANGUAGE_NAMES.items())
WEEKDAY_CHOICES = list(
    zip(
        WEEKDAYS,
        (
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ),
        strict=True,
    )
)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=200)
    need = forms.ModelChoiceField(
        label=_("Need"), queryset=TaxonomyTerm.objects.none(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=AdministrativeArea.objects.none(),
        required=False,
        widget=LongSelect,
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *LANGUAGE_CHOICES], required=False
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    lat = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
    )
    distance = forms.ChoiceField(
        label=_("Distance"),
        choices=[
            ("5", "5 km"),
            ("10", "10 km"),
            ("25", "25 km"),
            ("50", "50 km"),
            ("100", "100 km"),
        ],
        initial="25",
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        needs: QuerySet[TaxonomyTerm],
        countries: QuerySet[Country],
        municipalities: QuerySet[AdministrativeArea],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset, empty in (
            ("need", needs, _("Any need")),
            ("country", countries, _("Any country")),
            ("municipality", municipalities, _("Any municipality")),
        ):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = queryset
            field.empty_label = str(empty)
        need = cast(forms.ModelChoiceField, self.fields["need"])
        need.to_field_name = "code"

    def criteria(self) -> SearchCriteria:
        data = self.cleaned_data
        near = None
        if data.get("lat") is not None and data.get("lon") is not None:
            near = Place(data["lat"], data["lon"], float(data.get("distance") or 25))
        return SearchCriteria(
            text=data.get("q", ""),
            need=data.get("need"),
            country=data.get("country"),
            municipality=data.get("municipality"),
            near=near,
            language=data.get("language", ""),
            open_now=data.get("open_now", False),
        )


class HubForm(BilingualForm):
    translated = (
        ("name", lambda: forms.CharField(label=_("Name"), max_length=200, required=False), False),
        (
            "description",
            lambda: forms.CharField(label=_("Description"), max_length=3000, required=False),
            True,
        ),
        (
            "opening_hours",
            lambda: forms.CharField(label=_("Opening hours"), max_length=300, required=False),
            False,
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Hub.Status.choices)
    opening_days = forms.MultipleChoiceField(
        label=_("Open on"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = forms.TimeField(
        label=_("Opens at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes_at = forms.TimeField(
        label=_("Closes at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, decimal_places=6
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    whatsapp = forms.CharField(label=_("WhatsApp number"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=Hub.Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    verified = forms.BooleanField(label=_("I have checked this information today"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"name_{code}") for code, _name in settings.LANGUAGES):
            self.add_error(
                f"name_{settings.LANGUAGE_CODE}", _("Give a name in at least one language.")
            )
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if (opens_at is None) != (closes_at is None):
            self.add_error("closes_at", _("Give both the opening and the closing time."))
        elif opens_at and closes_at and opens_at >= closes_at:
            self.add_error("closes_at", _("Closing time must come after opening time."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data

    @classmethod
    def initial_for(cls, hub: Hub) -> dict[str, Any]:
        schedule = hub.schedules.first()
        return {
            **cls.initial_texts(hub),
            "status": hub.status,
            "address": hub.address,
            "latitude": hub.latitude,
            "longitude": hub.longitude,
            "phone": hub.phone,
            "whatsapp": hub.whatsapp,
            "email": hub.email,
            "website": hub.website,
            "languages": hub.language_codes,
            "channels": hub.channel_codes,
            "opening_days": schedule.byday.split(",") if schedule else [],
            "opens_at": schedule.opens_at if schedule else None,
            "closes_at": schedule.closes_at if schedule else None,
        }


class ServiceForm(BilingualForm):
    translated = (
        ("name", lambda: forms.CharField(label=_("Name"), max_length=250, required=False), False),
        (
            "description",
            lambda: forms.CharField(label=_("Description"), max_length=5000, required=False),
            True,
        ),
        (
            "eligibility_description",
            lambda: forms.CharField(label=_("Who can use it"), max_length=2000, required=False),
            True,
        ),
        (
            "application_process",
            lambda: forms.CharField(label=_("How to apply"), max_length=2000, required=False),
            True,
        ),
        (
            "fees_description",
            lambda: forms.CharField(label=_("Fees"), max_length=1000, required=False),
            False,
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Service.Status.choices)
    categories = forms.ModelMultipleChoiceField(
        label=_("Needs it answers"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    migration_profiles = forms.ModelMultipleChoiceField(
        label=_("Migration profiles served"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minimum_age = forms.IntegerField(
        label=_("Minimum age"), required=False, min_value=0, max_value=120
    )
    maximum_age = forms.IntegerField(
        label=_("Maximum age"), required=False, min_value=0, max_value=120
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail"), required=False)
    verified = forms.BooleanField(label=_("I have checked this information today"), required=False)

    def __init__(
        self,
        *args: Any,
        categories: QuerySet[TaxonomyTerm],
        profiles: QuerySet[TaxonomyTerm],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["categories"]).queryset = categories
        cast(forms.ModelMultipleChoiceField, self.fields["migration_profiles"]).queryset = profiles

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"name_{code}") for code, _name in settings.LANGUAGES):
            self.add_error(
                f"name_{settings.LANGUAGE_CODE}", _("Give a name in at least one language.")
            )
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The maximum age cannot be below the minimum age."))
        return data

    @classmethod
    def initial_for(cls, service: Service) -> dict[str, Any]:
        phone = service.phones.order_by("number").first()
        return {
            **cls.initial_texts(service),
            "status": service.status,
            "categories": service.needs,
            "migration_profiles": service.migration_profiles,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "languages": list(service.languages.values_list("code", flat=True)),
            "phone": phone.number if phone else "",
            "url": service.url,
            "email": service.email,
        }


# The hub's own fields, as the manage page and the API hand them to services.hub_update.
HUB_FIELDS = (
    "status",
    "address",
    "phone",
    "whatsapp",
    "email",
    "website",
    "languages",
    "channels",
    "latitude",
    "longitude",
    "opening_days",
    "opens_at",
    "closes_at",
    "verified",
)


class ListingReportForm(forms.Form):
    """The public "report a problem" form: no account, two fields, a honeypot."""

    problem = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ListingReport.Problem.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the right number or the new address. Do not write your name."),
    )
    # Hidden from people; a bot that fills every field gives itself away.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("homepage"))


class ListingReportHandleForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ListingReport.Status.RESOLVED.value, ListingReport.Status.RESOLVED.label),
            (ListingReport.Status.DISMISSED.value, ListingReport.Status.DISMISSED.label),
        ],
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
