from typing import Any, cast

from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from migralocal.core import two_factor_lockout
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


class _RefusedWhileLocked:
    """Refuses every code, the right one too, while the account is locked after wrong codes."""

    user: Any

    def clean_code(self) -> str:
        if two_factor_lockout.is_locked(self.user):
            raise forms.ValidationError(
                _(
                    "This account is locked after too many wrong authenticator codes, for "
                    "%(minutes)s minutes after the last one. If you need access sooner, ask a "
                    "platform administrator to lift the lock."
                )
                % {"minutes": two_factor_lockout.lockout_minutes()},
                code="locked",
            )
        return cast(str, super().clean_code())  # type: ignore[misc]


class LockAwareAuthenticateForm(_RefusedWhileLocked, AuthenticateForm):
    """The code step of sign-in (settings.MFA_FORMS)."""


class LockAwareReauthenticateForm(_RefusedWhileLocked, ReauthenticateForm):
    """The code asked again before a sensitive change (settings.MFA_FORMS)."""


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Enrolment code from an administrator"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


class BilingualForm(forms.Form):
    """A form with one field per language for each translated text, so both are edited at once."""

    translated: tuple[tuple[str, Any, bool], ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translated_fields = {}
        for name, make_field, textarea in self.translated:
            for code, _name in settings.LANGUAGES:
                field = make_field()
                field.label = f"{field.label} ({language_name(code)})"
                if textarea:
                    field.widget = forms.Textarea(attrs={"rows": 4, "lang": code})
                else:
                    field.widget.attrs["lang"] = code
                translated_fields[f"{name}_{code}"] = field
        self.fields = {**translated_fields, **self.fields}

    def texts(self) -> dict[str, dict[str, str]]:
        return {
            code: {
                name: self.cleaned_data.get(f"{name}_{code}", "")
                for name, _f, _t in self.translated
            }
            for code, _name in settings.LANGUAGES
        }

    @classmethod
    def initial_texts(cls, obj: Any) -> dict[str, str]:
        initial = {}
        for name, _field, _textarea in cls.translated:
            for code, _name in settings.LANGUAGES:
                initial[f"{name}_{code}"] = (
                    obj.safe_translation_getter(name, language_code=code, default="") or ""
                )
        return initial
