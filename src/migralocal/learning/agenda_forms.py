"""Forms of an event's agenda and questionnaires: they check the input's shape; the rules are in
`agenda_services`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from migralocal.core import text_limits
from migralocal.learning.models import Questionnaire, QuestionnaireQuestion
from migralocal.learning.models.agenda import SCALE

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SpeakersField(forms.CharField):
    """One speaker a line: name, then (after a semicolon) affiliation."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[dict[str, str]]:  # type: ignore[override]
        text = super().to_python(value) or ""
        speakers = []
        for line in text.splitlines():
            name, _sep, affiliation = line.partition(";")
            if name.strip():
                speakers.append({"name": name.strip(), "affiliation": affiliation.strip()})
        return speakers

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(
                f"{one['name']}; {one['affiliation']}" if one.get("affiliation") else one["name"]
                for one in value
            )
        return value


class AgendaSessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=text_limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    local_start = forms.DateTimeField(label=_("Starts (local time)"), widget=LOCAL)
    local_end = forms.DateTimeField(label=_("Ends (local time)"), widget=LOCAL)
    speakers = SpeakersField(
        label=_("Speakers"),
        required=False,
        max_length=4_000,
        help_text=_("One a line: name; affiliation. Shown to the public."),
    )
    room = forms.CharField(label=_("Room"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The clock time typed is the event's own; Django made it aware in the site's zone.
        for name in ("local_start", "local_end"):
            if data.get(name) and timezone.is_aware(data[name]):
                data[name] = timezone.make_naive(data[name])
        return data


class QuestionnaireAttachForm(forms.Form):
    kind = forms.ChoiceField(label=_("Attach"), choices=Questionnaire.Kind.choices)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question"), max_length=text_limits.NOTE, widget=forms.Textarea(attrs={"rows": 2})
    )
    choices = forms.CharField(
        label=_("Answers (one a line)"),
        required=False,
        max_length=4_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tests only; survey questions are rated from 1 to 5."),
    )
    correct = forms.CharField(
        label=_("Numbers of the correct answers"),
        required=False,
        max_length=50,
        help_text=_("Such as 1, or 1, 3."),
    )

    def clean_choices(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]

    def clean_correct(self) -> list[int]:
        parts = [part.strip() for part in self.cleaned_data["correct"].split(",") if part.strip()]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(_("Give numbers separated by commas."))
        return [int(part) for part in parts]


class AnswerForm(forms.Form):
    """The questionnaire as a form: a choice (or several) per test question, a 1 to 5 rating per
    survey question, and a comment for a survey."""

    def __init__(
        self,
        *args: Any,
        questionnaire: Questionnaire,
        questions: list[QuestionnaireQuestion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        for question in questions:
            name = f"q{question.pk}"
            if questionnaire.is_test:
                self.fields[name] = forms.TypedMultipleChoiceField(
                    label=str(question),
                    coerce=int,
                    choices=[(choice.pk, str(choice)) for choice in question.choices.all()],
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Tick every correct answer."),
                )
            else:
                self.fields[name] = forms.TypedChoiceField(
                    label=str(question),
                    coerce=int,
                    choices=[(value, str(value)) for value in SCALE],
                    widget=forms.RadioSelect,
                    help_text=_("1: very unsatisfied · 5: very satisfied"),
                )
        if not questionnaire.is_test:
            self.fields["comment"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                max_length=text_limits.NOTE,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict[str, Any]:
        return {
            name[1:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("q") and name[1:].isdigit()
        }
