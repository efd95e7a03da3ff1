"""The forms of the technical assistance pages. Texts are asked in Spanish (required) and
English (optional), as in the other modules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from migralocal.advisory import services
from migralocal.advisory.models import (
    GOVERNMENT_KINDS,
    THEME_TAXONOMIES,
    Engagement,
    Instrument,
    InstrumentVersion,
    PlanActivity,
    Recommendation,
)
from migralocal.assessments.models import Assessment, Priority
from migralocal.assessments.models import Indicator as AssessmentIndicator
from migralocal.core.models import Actor, Organisation, TaxonomyTerm, User
from migralocal.core.widgets import DateInput
from migralocal.learning.models import Event
from migralocal.programmes.models import Programme
from migralocal.programmes.selectors import visible_programmes


class EngagementForm(forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    scope_es = forms.CharField(
        label=_("Scope (Spanish)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    scope_en = forms.CharField(
        label=_("Scope (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Government"),
        queryset=Organisation.objects.filter(kind__in=GOVERNMENT_KINDS).order_by("name"),
    )
    department = forms.CharField(label=_("Department or unit"), max_length=200, required=False)
    requested_by = forms.CharField(label=_("Who asked"), max_length=200)
    requested_on = forms.DateField(label=_("Asked on"), widget=DateInput, required=False)
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Engagement.Status.choices)
    advisors = forms.ModelMultipleChoiceField(
        label=_("Advisors"),
        queryset=User.objects.filter(programme_assignments__isnull=False).distinct(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    counterparts = forms.ModelMultipleChoiceField(
        label=_("Government counterparts"),
        queryset=User.objects.filter(
            memberships__organisation__kind__in=GOVERNMENT_KINDS
        ).distinct(),
        required=False,
        help_text=_("Members of the government advised, who answer the recommendations."),
    )

    def __init__(self, *args: Any, engagement: Engagement | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if engagement is None:
            return
        # Those already named stay choosable, whatever roles they hold today.
        for name in ("advisors", "counterparts"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101  (for mypy)
            current = getattr(engagement, name).values_list("pk", flat=True)
            offered = field.queryset if field.queryset is not None else User.objects.none()
            field.queryset = User.objects.filter(
                Q(pk__in=offered.values("pk")) | Q(pk__in=list(current))
            )

    @staticmethod
    def initial_of(engagement: Engagement) -> dict[str, Any]:
        initial: dict[str, Any] = {
            field: getattr(engagement, field)
            for field in (
                "organisation",
                "department",
                "requested_by",
                "requested_on",
                "starts_on",
                "ends_on",
                "status",
            )
        }
        for language in ("es", "en"):
            initial[f"title_{language}"] = engagement.safe_translation_getter(
                "title", language_code=language, default=""
            )
            initial[f"scope_{language}"] = engagement.safe_translation_getter(
                "scope", language_code=language, default=""
            )
        initial["advisors"] = list(engagement.advisors.all())
        initial["counterparts"] = list(engagement.counterparts.all())
        return initial

    def engagement_fields(self) -> services.EngagementFields:
        data = self.cleaned_data
        return services.EngagementFields(
            titles={language: data[f"title_{language}"] for language in ("es", "en")},
            scopes={language: data[f"scope_{language}"] for language in ("es", "en")},
            organisation=data["organisation"],
            department=data["department"],
            requested_by=data["requested_by"],
            requested_on=data["requested_on"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            status=data["status"],
        )


class NewEngagementForm(EngagementForm):
    slug = forms.SlugField(label=_("Short name in addresses"), max_length=120)
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes"),
        queryset=Programme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one of them managed by you; other managers add theirs later."),
    )

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        programmes = self.fields["programmes"]
        assert isinstance(programmes, forms.ModelMultipleChoiceField)  # noqa: S101  (for mypy)
        programmes.queryset = visible_programmes(user)

    def clean_programmes(self) -> list[Programme]:
        chosen = list(self.cleaned_data["programmes"])
        if not any(self.user.has_perm("advisory.add_engagement", one) for one in chosen):
            raise forms.ValidationError(_("Choose at least one programme you manage."))
        return chosen

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"])
        if Engagement.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This short name is taken."))
        return slug


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), required=False)
    link = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")


class InstrumentForm(forms.Form):
    name_es = forms.CharField(label=_("Name (Spanish)"), max_length=300)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Instrument.Kind.choices)
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    owner_department = forms.CharField(
        label=_("Department in charge"), max_length=200, required=False
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=Instrument.Stage.choices)
    expected_adoption_on = forms.DateField(
        label=_("Expected adoption"), widget=DateInput, required=False
    )

    @staticmethod
    def initial_of(instrument: Instrument) -> dict[str, Any]:
        initial: dict[str, Any] = {
            field: getattr(instrument, field)
            for field in ("kind", "acronym", "owner_department", "stage", "expected_adoption_on")
        }
        for language in ("es", "en"):
            initial[f"name_{language}"] = instrument.safe_translation_getter(
                "name", language_code=language, default=""
            )
        return initial

    def instrument_fields(self) -> services.InstrumentFields:
        data = self.cleaned_data
        return services.InstrumentFields(
            names={"es": data["name_es"], "en": data["name_en"]},
            kind=data["kind"],
            acronym=data["acronym"],
            owner_department=data["owner_department"],
            stage=data["stage"],
            expected_adoption_on=data["expected_adoption_on"],
        )


class VersionForm(forms.Form):
    file = forms.FileField(label=_("Draft (PDF, Word or OpenDocument)"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RoundForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Draft reviewed"), queryset=InstrumentVersion.objects.none(), required=False
    )

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version = self.fields["version"]
        assert isinstance(version, forms.ModelChoiceField)  # noqa: S101
        version.queryset = instrument.versions.all()


def theme_choices() -> Any:
    return (
        TaxonomyTerm.objects.filter(taxonomy__code__in=THEME_TAXONOMIES)
        .select_related("taxonomy")
        .prefetch_related("translations", "taxonomy__translations")
        .order_by("taxonomy__code", "pk")
    )


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.taxonomy} · {obj}"


class RecommendationForm(forms.Form):
    text_es = forms.CharField(
        label=_("Recommendation (Spanish)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    text_en = forms.CharField(
        label=_("Recommendation (English)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Recommendation.Priority.choices)
    themes = ThemeChoiceField(
        label=_("Themes"), queryset=TaxonomyTerm.objects.none(), required=False
    )

    @staticmethod
    def initial_of(recommendation: Recommendation) -> dict[str, Any]:
        return {
            "text_es": recommendation.safe_translation_getter(
                "text", language_code="es", default=""
            ),
            "text_en": recommendation.safe_translation_getter(
                "text", language_code="en", default=""
            ),
            "priority": recommendation.priority,
            "themes": list(recommendation.themes.all()),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = self.fields["themes"]
        assert isinstance(themes, forms.ModelMultipleChoiceField)  # noqa: S101
        themes.queryset = theme_choices()


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Government's response"), choices=Recommendation.Response.choices
    )
    response_note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence_section = forms.CharField(
        label=_("Section or article where it was incorporated"), max_length=200, required=False
    )
    evidence_version = forms.ModelChoiceField(
        label=_("Draft that shows it"), queryset=InstrumentVersion.objects.none(), required=False
    )
    evidence_link = forms.URLField(
        label=_("Link that shows it"), required=False, assume_scheme="https"
    )

    def __init__(self, *args: Any, recommendation: Recommendation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version = self.fields["evidence_version"]
        assert isinstance(version, forms.ModelChoiceField)  # noqa: S101
        version.queryset = recommendation.review_round.instrument.versions.all()

    def response_fields(self) -> services.ResponseFields:
        data = self.cleaned_data
        return services.ResponseFields(
            response=data["response"],
            note=data["response_note"],
            section=data["evidence_section"],
            link=data["evidence_link"],
            version=data["evidence_version"],
        )


class RecommendationFilterForm(forms.Form):
    instrument = forms.ModelChoiceField(
        label=_("Instrument"), queryset=Instrument.objects.none(), required=False
    )
    round = forms.IntegerField(label=_("Round"), min_value=1, required=False)
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=[("", _("Any")), *Recommendation.Priority.choices],
        required=False,
    )
    response = forms.ChoiceField(
        label=_("Response"),
        choices=[("", _("Any")), *Recommendation.Response.choices],
        required=False,
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=TaxonomyTerm.objects.none(), required=False
    )

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instrument = self.fields["instrument"]
        theme = self.fields["theme"]
        assert isinstance(instrument, forms.ModelChoiceField)  # noqa: S101
        assert isinstance(theme, forms.ModelChoiceField)  # noqa: S101
        instrument.queryset = engagement.instruments.prefetch_related("translations")
        theme.queryset = theme_choices()

    def chosen(self) -> Any:
        from migralocal.advisory.selectors import RecommendationFilter

        if not self.is_valid():
            return RecommendationFilter()
        data = self.cleaned_data
        return RecommendationFilter(
            instrument=data["instrument"].pk if data["instrument"] else None,
            round_number=data["round"],
            priority=data["priority"],
            response=data["response"],
            theme=data["theme"].pk if data["theme"] else None,
        )


class ActivityForm(forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanActivity.Kind.choices)
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput)
    owners = forms.CharField(
        label=_("Responsible"),
        max_length=300,
        help_text=_("Who is in charge: people or units, separated by commas."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=PlanActivity.Status.choices)
    event = forms.ModelChoiceField(
        label=_("Learning event of the training"),
        queryset=Event.objects.none(),
        required=False,
        help_text=_("Its registrations and attendance are counted there."),
    )

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        event = self.fields["event"]
        assert isinstance(event, forms.ModelChoiceField)  # noqa: S101
        # The events held in the government's country, the latest first.
        event.queryset = (
            Event.objects.filter(country_id=engagement.organisation.country_id)
            .prefetch_related("translations")
            .order_by("-starts_at")
        )

    @staticmethod
    def initial_of(activity: PlanActivity) -> dict[str, Any]:
        initial: dict[str, Any] = {
            field: getattr(activity, field)
            for field in ("kind", "starts_on", "ends_on", "owners", "status", "event")
        }
        for language in ("es", "en"):
            initial[f"title_{language}"] = activity.safe_translation_getter(
                "title", language_code=language, default=""
            )
        return initial

    def activity_fields(self) -> services.ActivityFields:
        data = self.cleaned_data
        return services.ActivityFields(
            titles={"es": data["title_es"], "en": data["title_en"]},
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            owners=data["owners"],
            status=data["status"],
            event=data["event"],
        )


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.dimension} · {obj}"


class ActionForm(forms.Form):
    """The work-plan action a recommendation becomes, in the government's current work plan."""

    priority = forms.ModelChoiceField(label=_("Priority"), queryset=Priority.objects.none())
    indicator = IndicatorChoiceField(
        label=_("Indicator it should move"), queryset=AssessmentIndicator.objects.none()
    )
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.CharField(label=_("Responsible"), max_length=200)
    starts_on = forms.DateField(label=_("Start"), widget=DateInput)
    ends_on = forms.DateField(label=_("End"), widget=DateInput)

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        priority = self.fields["priority"]
        indicator = self.fields["indicator"]
        assert isinstance(priority, forms.ModelChoiceField)  # noqa: S101
        assert isinstance(indicator, forms.ModelChoiceField)  # noqa: S101
        priorities = assessment.priorities.select_related("dimension").prefetch_related(
            "dimension__translations"
        )
        priority.queryset = priorities
        indicator.queryset = (
            AssessmentIndicator.objects.filter(dimension__in=priorities.values("dimension"))
            .select_related("dimension")
            .prefetch_related("translations", "dimension__translations")
        )

    def action_fields(self) -> services.ActionFields:
        data = self.cleaned_data
        return services.ActionFields(
            priority=data["priority"],
            indicator=data["indicator"],
            title=data["title"],
            owner=data["owner"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
