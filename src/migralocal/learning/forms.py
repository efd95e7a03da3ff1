from __future__ import annotations

import zoneinfo
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from migralocal.core import text_limits, uploads
from migralocal.core.models import Country, Organisation, TaxonomyTerm, User
from migralocal.learning.models import (
    Course,
    Event,
    Gender,
    MentoringEngagement,
    Mode,
    ParticipantRole,
    Question,
    Quiz,
    SelfAssessmentQuestion,
)

ANSWER_CHOICES = [
    (0, _("0 · Not at all")),
    (1, _("1 · Just starting")),
    (2, _("2 · Partly")),
    (3, _("3 · Mostly")),
    (4, _("4 · Fully in place")),
]


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet, empty_label: Any) -> None:
    field = cast(forms.ModelChoiceField, form.fields[name])
    field.queryset = queryset
    field.empty_label = empty_label


class QuizForm(forms.Form):
    """One field per question: radio buttons for one answer, checkboxes for several."""

    def __init__(self, *args: Any, quiz: Quiz, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(
            quiz.questions.prefetch_related("translations", "choices__translations")
        )
        for question in self.questions:
            choices = [(choice.pk, str(choice)) for choice in question.choices.all()]
            field: forms.Field
            if question.kind == Question.Kind.MULTIPLE:
                field = forms.TypedMultipleChoiceField(
                    choices=choices,
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose every answer that applies."),
                )
            else:
                field = forms.TypedChoiceField(
                    choices=choices, coerce=int, widget=forms.RadioSelect
                )
            field.label = str(question)
            self.fields[f"question_{question.pk}"] = field

    def answers(self) -> dict[int, list[int]]:
        answers: dict[int, list[int]] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"question_{question.pk}")
            answers[question.pk] = value if isinstance(value, list) else [int(value or 0)]
        return answers


class SelfAssessmentForm(forms.Form):
    def __init__(self, *args: Any, questions: list[SelfAssessmentQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.code] = forms.TypedChoiceField(
                label=str(question), choices=ANSWER_CHOICES, coerce=int, widget=forms.RadioSelect
            )

    def fields_by_area(self) -> list[tuple[TaxonomyTerm, list[forms.BoundField]]]:
        groups: dict[int, tuple[TaxonomyTerm, list[forms.BoundField]]] = {}
        for question in self.questions:
            groups.setdefault(question.area_id, (question.area, []))[1].append(self[question.code])
        return list(groups.values())


class EventRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    role = forms.ChoiceField(label=_("Your role"), choices=ParticipantRole.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    organisation_name = forms.CharField(
        label=_("Organisation, if not in the list"), max_length=200, required=False
    )
    department = forms.CharField(
        label=_("Department or unit"),
        max_length=200,
        required=False,
        help_text=_("Your secretariat, agency or unit within the organisation, if any."),
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "organisation", Organisation.objects.order_by("name"), _("Not listed"))
        _set_queryset(
            self,
            "country",
            Country.objects.in_name_order().prefetch_related("translations"),
            _("Choose a country"),
        )


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(label=_("Short name in addresses"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=text_limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    format = forms.ChoiceField(label=_("Format"), choices=Event.Format.choices)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none())
    time_zone = forms.ChoiceField(label=_("Local time zone"), choices=[])
    local_start = forms.DateTimeField(
        label=_("Starts (local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    local_end = forms.DateTimeField(
        label=_("Ends (local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )
    capacity = forms.IntegerField(
        label=_("Places"), min_value=1, required=False, help_text=_("Leave empty for no limit.")
    )
    local_registration_closes = forms.DateTimeField(
        label=_("Registration closes (local time)"),
        required=False,
        help_text=_("Leave empty to accept registrations until the event ends."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    is_public = forms.BooleanField(
        label=_("Anyone with an e-mail address may register"), required=False, initial=True
    )

    def __init__(self, *args: Any, countries: QuerySet[Country], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "country", countries, _("Choose a country"))
        zones = sorted(
            zone
            for zone in zoneinfo.available_timezones()
            if zone.startswith(("America/", "Europe/", "Asia/Manila"))
        )
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = [(z, z) for z in zones]
        self.fields["time_zone"].initial = "America/Tegucigalpa"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The clock time typed is the event's own; Django made it aware in the site's zone.
        for name in ("local_start", "local_end", "local_registration_closes"):
            if data.get(name) and timezone.is_aware(data[name]):
                data[name] = timezone.make_naive(data[name])
        start, end = data.get("local_start"), data.get("local_end")
        if start and end and end <= start:
            self.add_error("local_end", _("An event must end after it starts."))
        closes = data.get("local_registration_closes")
        if closes and end and closes > end:
            self.add_error(
                "local_registration_closes", _("Registration must close before the event ends.")
            )
        if data.get("slug") and Event.objects.filter(slug=data["slug"]).exists():
            self.add_error("slug", _("Another event already uses this short name."))
        return data


class CheckInForm(forms.Form):
    mode = forms.ChoiceField(label=_("Attended"), choices=Mode.choices)
    department = forms.CharField(label=_("Department or unit"), max_length=200, required=False)


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("Attendance list (CSV or XLSX)"),
        help_text=_(
            "Columns: email and name are required; gender, organisation, department, country, "
            "role, mode and join time are read when present."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        uploads.check_upload(upload, (".csv", ".xlsx", ".txt"), limit_mb=5)
        return upload


class ProgressFilterForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=Course.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country of the organisation"), queryset=Country.objects.none(), required=False
    )
    group_by = forms.ChoiceField(
        label=_("Group by"),
        required=False,
        choices=[
            ("course", _("Course")),
            ("organisation", _("Organisation")),
            ("country", _("Country")),
        ],
    )

    def __init__(self, *args: Any, courses: QuerySet[Course], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "course", courses, _("Every course"))
        _set_queryset(
            self,
            "organisation",
            Organisation.objects.filter(enrolments__course__in=courses).distinct(),
            _("Every organisation"),
        )
        _set_queryset(
            self,
            "country",
            Country.objects.in_name_order().prefetch_related("translations"),
            _("Every country"),
        )


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MentoringStartForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"), queryset=TaxonomyTerm.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    started_on = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        areas: QuerySet[TaxonomyTerm],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "organisation", organisations, _("Choose an organisation"))
        cast(forms.ModelMultipleChoiceField, self.fields["areas"]).queryset = areas


class MentoringGoalForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=TaxonomyTerm.objects.none())
    description = forms.CharField(label=_("Goal"), max_length=300)

    def __init__(self, *args: Any, engagement: MentoringEngagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "area", engagement.areas.all(), _("Choose an area"))


class MentoringSessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=1, max_value=600
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by the mentor, the organisation's members and the programme."),
    )


class MentoringCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How it ended"),
        choices=[
            (MentoringEngagement.Status.COMPLETED, MentoringEngagement.Status.COMPLETED.label),
            (MentoringEngagement.Status.ENDED_EARLY, MentoringEngagement.Status.ENDED_EARLY.label),
        ],
    )
    ended_on = forms.DateField(label=_("End"), widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.CharField(
        label=_("Outcome"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class CommunityFilterForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False
    )
    area = forms.ModelChoiceField(
        label=_("Area of work"), queryset=TaxonomyTerm.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, countries: QuerySet[Country], areas: QuerySet[TaxonomyTerm], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "country", countries, _("Any country"))
        _set_queryset(self, "area", areas, _("Any area"))


class MentoringRequestForm(forms.Form):
    """One goal box per capacity area: the areas asked for are those with a goal written."""

    def __init__(self, *args: Any, areas: list[TaxonomyTerm], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"goal_{area.code}"] = forms.CharField(
                label=str(area),
                required=False,
                max_length=300,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("What should change in this area? Leave empty if not needed."),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(str(data.get(f"goal_{area.code}") or "").strip() for area in self.areas):
            raise forms.ValidationError(_("Write a goal for at least one area."))
        return data

    def goals(self) -> dict[TaxonomyTerm, str]:
        return {area: self.cleaned_data.get(f"goal_{area.code}", "") for area in self.areas}


class MentoringAnswerForm(forms.Form):
    ACCEPT = "accept"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[(ACCEPT, _("Accept and start the mentoring")), (DECLINE, _("Decline"))],
        widget=forms.RadioSelect,
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty to be the mentor yourself."),
    )
    started_on = forms.DateField(
        label=_("Start"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Today when left empty."),
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decline; the organisation reads it."),
    )

    def __init__(self, *args: Any, mentors: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "mentor", mentors, _("Me"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.DECLINE and not str(data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the request is declined."))
        return data


# ---------------------------------------------------------------- joining the community

JOINING_KINDS = [
    (value, label)
    for value, label in Organisation.Kind.choices
    if value != Organisation.Kind.MUNICIPALITY
]


class CommunityApplicationForm(forms.Form):
    """An organisation applies to join the community; the proof is checked by its content."""

    name = forms.CharField(label=_("Organisation's name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=JOINING_KINDS)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none())
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas of work"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Short description"),
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the organisation does, where and with whom."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    proof = forms.FileField(
        label=_("Proof of the organisation (optional)"),
        required=False,
        validators=[uploads.ContentValidator((".pdf", ".png", ".jpg", ".jpeg"))],
        help_text=_("For example its registration certificate: PDF, PNG or JPEG."),
    )

    def __init__(
        self, *args: Any, countries: QuerySet[Country], areas: QuerySet[TaxonomyTerm], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "country", countries, _("Choose a country"))
        cast(forms.ModelMultipleChoiceField, self.fields["areas"]).queryset = areas


class DecisionForm(forms.Form):
    """Approve or decline; a decline always carries a reason."""

    APPROVE = "approve"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[(APPROVE, _("Approve")), (DECLINE, _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decline; the person who asked reads it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.DECLINE and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why you decline."))
        return data


class ApplicationDecisionForm(DecisionForm):
    organisation = forms.ModelChoiceField(
        label=_("Existing organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_(
            "Choose it if the organisation is already on the platform; otherwise leave "
            "empty and it is created."
        ),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "organisation", organisations, _("Create a new organisation"))


def role_choices() -> list[tuple[str, Any]]:
    from migralocal.core.roles import OrganisationRole

    return list(OrganisationRole.choices)


class JoinRequestDecisionForm(DecisionForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=role_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The roles the person will hold in the organisation when approved."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == self.APPROVE and not data.get("roles"):
            self.add_error("roles", _("Give the person at least one role."))
        return data


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the organisation's administrators"),
        required=False,
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who you are and what you do in the organisation."),
    )


class MemberRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=role_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Remove every role to take the person out of the organisation."),
    )


PROFILE_FIELDS = (
    ("offers", _("What we offer"), text_limits.NOTE),
    ("seeks", _("What we seek"), text_limits.NOTE),
    ("populations_served", _("Populations served"), 300),
)


class CommunityProfileForm(forms.Form):
    """The organisation's community profile, with each text in every language at once."""

    areas = forms.ModelMultipleChoiceField(
        label=_("Areas of work"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args: Any, areas: QuerySet[TaxonomyTerm], **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["areas"]).queryset = areas
        for name, label, limit in PROFILE_FIELDS:
            for code, language in settings.LANGUAGES:
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=f"{label} ({language})",
                    max_length=limit,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
                )

    def texts(self) -> dict[str, dict[str, str]]:
        from django.conf import settings

        return {
            code: {
                name: self.cleaned_data.get(f"{name}_{code}", "") for name, _l, _m in PROFILE_FIELDS
            }
            for code, _language in settings.LANGUAGES
        }

    @staticmethod
    def initial_of(organisation: Organisation) -> dict[str, Any]:
        from django.conf import settings

        profile = getattr(organisation, "community_profile", None)
        initial: dict[str, Any] = {"areas": list(organisation.areas_of_work.all())}
        if profile is None:
            return initial
        initial["contact_name"] = profile.contact_name
        initial["contact_email"] = profile.contact_email
        for name, _label, _limit in PROFILE_FIELDS:
            for code, _language in settings.LANGUAGES:
                initial[f"{name}_{code}"] = (
                    profile.safe_translation_getter(name, language_code=code, any_language=False)
                    or ""
                )
        return initial
