"""Thin forms: they check the input's shape; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from migralocal.advisory.models import Engagement
from migralocal.assessments.models import (
    Action,
    Dimension,
    Indicator,
    Priority,
    Question,
    TrainedOfficial,
    WorkshopParticipant,
)
from migralocal.assessments.uploads import (
    EVIDENCE_EXTENSIONS,
    LETTER_EXTENSIONS,
    check_evidence,
    check_letter,
)
from migralocal.core import text_limits

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplicationForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the round"), min_value=2000, max_value=2100)
    population = forms.IntegerField(label=_("Population of the municipality"), min_value=1)
    migrant_population = forms.IntegerField(
        label=_("Estimated migrant, refugee and returnee population"), min_value=0, required=False
    )
    current_work = forms.CharField(
        label=_("What the municipality already does for migrants"),
        max_length=text_limits.TEXT,
        widget=forms.Textarea,
    )
    motivation = forms.CharField(
        label=_("Why the municipality applies"), max_length=text_limits.TEXT, widget=forms.Textarea
    )
    mayor_name = forms.CharField(label=_("Mayor's name"), max_length=200)
    letter = forms.FileField(
        label=_("Letter of intent signed by the mayor"),
        help_text=_("PDF or a photo (PNG, JPEG), at most 10 MB."),
        validators=[check_letter],
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(LETTER_EXTENSIONS)}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class OfficialForm(forms.ModelForm):
    class Meta:
        model = TrainedOfficial
        fields = ("name", "position", "gender", "modules_completed")


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=text_limits.TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


YES_NO_PARTLY = [("yes", _("Yes")), ("partly", _("Partly")), ("no", _("No"))]


class AnswerForm(forms.Form):
    """One question's answer, with its version (to detect concurrent edits) and evidence."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, office document or image, at most 10 MB."),
        validators=[check_evidence],
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EVIDENCE_EXTENSIONS)}),
    )
    evidence_url = forms.URLField(
        label=_("Or a link to the evidence"), required=False, assume_scheme="https"
    )

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"q{question.pk}")
        super().__init__(*args, **kwargs)
        self.question = question
        label = question.safe_translation_getter("text", any_language=True)
        help_text = question.safe_translation_getter("help_text", any_language=True) or ""
        options = [
            (option.code, option.safe_translation_getter("label", any_language=True))
            for option in question.options.all()
        ]
        kind = question.kind
        field: forms.Field
        if kind == Question.Kind.YES_NO_PARTLY:
            field = forms.ChoiceField(choices=YES_NO_PARTLY, widget=forms.RadioSelect)
        elif kind == Question.Kind.SINGLE_CHOICE:
            field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
        elif kind == Question.Kind.MULTIPLE_CHOICE:
            field = forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple)
        elif kind == Question.Kind.NUMBER:
            field = forms.DecimalField(min_value=0, max_digits=14, decimal_places=2)
        elif kind == Question.Kind.DATE:
            field = forms.DateField(widget=DATE_INPUT)
        else:
            field = forms.CharField(
                max_length=text_limits.TEXT, widget=forms.Textarea(attrs={"rows": 3})
            )
        field.label = label
        # Django writes a field's help text as it is, unescaped: a framework's guidance is data
        # (typed by whoever loads a framework), so it is escaped here.
        field.help_text = escape(help_text)
        field.required = False
        self.fields = {"value": field, **self.fields}
        if question.allows_not_applicable:
            self.fields["not_applicable"] = forms.BooleanField(
                label=_("Not applicable"), required=False
            )

    def answer_values(self) -> dict[str, Any]:
        value = self.cleaned_data.get("value")
        kind = self.question.kind
        return {
            "not_applicable": bool(self.cleaned_data.get("not_applicable")),
            "choice": value or ""
            if kind in {Question.Kind.YES_NO_PARTLY, Question.Kind.SINGLE_CHOICE}
            else "",
            "choices": value or [] if kind == Question.Kind.MULTIPLE_CHOICE else [],
            "number": value if kind == Question.Kind.NUMBER else None,
            "date": value if kind == Question.Kind.DATE else None,
            "text": value or "" if kind == Question.Kind.TEXT else "",
        }


def answer_initial(answer: Any) -> dict[str, Any]:
    if answer is None:
        return {"version": 0}
    kind = answer.question.kind
    value: Any = {
        Question.Kind.YES_NO_PARTLY: answer.choice,
        Question.Kind.SINGLE_CHOICE: answer.choice,
        Question.Kind.MULTIPLE_CHOICE: answer.choices,
        Question.Kind.NUMBER: answer.number,
        Question.Kind.DATE: answer.date,
        Question.Kind.TEXT: answer.text,
    }[kind]
    return {"version": answer.version, "value": value, "not_applicable": answer.not_applicable}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=text_limits.TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"c{question.pk}")
        super().__init__(*args, **kwargs)


class WorkshopForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    facilitators = forms.CharField(label=_("Facilitators"), max_length=300)
    findings = forms.CharField(
        label=_("Findings"), max_length=text_limits.TEXT, widget=forms.Textarea
    )


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = WorkshopParticipant
        fields = ("name", "role", "organisation", "gender")


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=4, min_num=1, validate_min=True)

RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class RatingForm(forms.Form):
    """One participant's ratings of every area with potential, for impact and feasibility."""

    def __init__(
        self,
        *args: Any,
        participants: list[WorkshopParticipant],
        areas: list[Dimension],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        self.fields["participant"] = forms.ModelChoiceField(
            label=_("Participant"),
            queryset=WorkshopParticipant.objects.filter(pk__in=[p.pk for p in participants]),
        )
        for area in areas:
            title = area.safe_translation_getter("title", any_language=True)
            self.fields[f"impact_{area.pk}"] = forms.TypedChoiceField(
                label=_("Impact: %(area)s") % {"area": title},
                choices=RATING_CHOICES,
                coerce=int,
            )
            self.fields[f"feasibility_{area.pk}"] = forms.TypedChoiceField(
                label=_("Feasibility: %(area)s") % {"area": title},
                choices=RATING_CHOICES,
                coerce=int,
            )


class PrioritySelectForm(forms.Form):
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Priorities for the work plan"),
        queryset=Dimension.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, areas: list[Dimension], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["dimensions"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101
        field.queryset = Dimension.objects.filter(pk__in=[a.pk for a in areas])
        self.order = [a.pk for a in areas]

    def ordered_dimensions(self) -> list[Dimension]:
        chosen = list(self.cleaned_data["dimensions"])
        return sorted(chosen, key=lambda d: self.order.index(d.pk))


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = (
            "priority",
            "indicator",
            "title",
            "owner",
            "partners",
            "starts_on",
            "ends_on",
            "budget",
            "status",
            "progress",
            "engagement",
        )
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args: Any, assessment: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        priorities = Priority.objects.filter(assessment=assessment).select_related("dimension")
        self.fields["priority"].queryset = priorities  # type: ignore[attr-defined]
        # The technical assistance given to this government, which may support the action.
        self.fields["engagement"].queryset = (  # type: ignore[attr-defined]
            Engagement.objects.filter(organisation_id=assessment.organisation_id).prefetch_related(
                "translations"
            )
        )
        self.fields["indicator"].queryset = Indicator.objects.filter(  # type: ignore[attr-defined]
            dimension__in=[p.dimension for p in priorities]
        ).prefetch_related("translations")


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("What happened"),
        max_length=text_limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"a{action.pk}")
        kwargs.setdefault("initial", {"status": action.status, "progress": action.progress})
        super().__init__(*args, **kwargs)


class RenewalForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the follow-up"), min_value=2000, max_value=2100)


class YearFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]  # type: ignore[attr-defined]
