"""Forms of the trainers' course authoring pages: every text in both languages on one page (as
the directory's hub and service pages do), and the course's version to detect concurrent edits."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from migralocal.core import text_limits
from migralocal.core.forms import BilingualForm, language_name
from migralocal.core.models import Country
from migralocal.learning import authoring_services
from migralocal.learning.authoring_services import ChoiceInput
from migralocal.learning.course_package import Package, read_package
from migralocal.learning.models import Course, Question


def _title() -> forms.CharField:
    return forms.CharField(label=_("Title"), max_length=200, required=False)


class VersionedForm(BilingualForm):
    """A bilingual form that carries the version of the course the trainer opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CourseCreateForm(BilingualForm):
    translated = (
        ("title", _title, False),
        (
            "summary",
            lambda: forms.CharField(
                label=_("Summary"), max_length=text_limits.TEXT, required=False
            ),
            True,
        ),
    )
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=110,
        help_text=_("Letters, digits and hyphens, for example finanzas-para-osc."),
    )
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none())
    enrolment = forms.ChoiceField(label=_("Enrolment"), choices=Course.Enrolment.choices)

    def __init__(self, *args: Any, countries: QuerySet[Country], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = cast(forms.ModelChoiceField, self.fields["country"])
        country.queryset = countries
        country.empty_label = _("Choose a country")


class CourseForm(VersionedForm):
    translated = CourseCreateForm.translated
    enrolment = forms.ChoiceField(label=_("Enrolment"), choices=Course.Enrolment.choices)

    @classmethod
    def initial_for(cls, course: Course) -> dict[str, Any]:
        return {
            **cls.initial_texts(course),
            "enrolment": course.enrolment,
            "version": course.version,
        }


class ModuleForm(VersionedForm):
    translated = (("title", _title, False),)


class LessonForm(VersionedForm):
    translated = (
        ("title", _title, False),
        (
            "body",
            lambda: forms.CharField(
                label=_("Text (Markdown)"), max_length=text_limits.LESSON_BODY, required=False
            ),
            True,
        ),
    )
    estimated_minutes = forms.IntegerField(
        label=_("Estimated time in minutes"),
        min_value=1,
        max_value=authoring_services.MAX_MINUTES,
        initial=15,
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown to learners as a link; videos are never embedded."),
    )
    attachment = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Checked by its content. Accepted: %(types)s.")
        % {"types": ", ".join(authoring_services.LESSON_FILE_EXTENSIONS)},
    )
    remove_attachment = forms.BooleanField(label=_("Remove the current file"), required=False)

    def clean_video_url(self) -> str:
        url = str(self.cleaned_data.get("video_url") or "")
        authoring_services.check_video_url(url)
        return url

    def clean_attachment(self) -> Any:
        attachment = self.cleaned_data.get("attachment")
        if attachment:
            authoring_services.check_upload(attachment, authoring_services.LESSON_FILE_EXTENSIONS)
        return attachment


class QuizEditForm(VersionedForm):
    translated = (("title", _title, False),)
    pass_mark = forms.IntegerField(label=_("Pass mark (%)"), min_value=1, max_value=100, initial=70)
    max_attempts = forms.IntegerField(
        label=_("Attempts allowed"), min_value=1, max_value=100, initial=3
    )


QUESTION_CHOICE_ROWS = 6


class QuestionForm(VersionedForm):
    """A question and up to six answers, each in both languages with whether it is correct;
    rows left blank are not answers."""

    translated = (
        (
            "text",
            lambda: forms.CharField(
                label=_("Question"), max_length=text_limits.TEXT, required=False
            ),
            True,
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in range(1, QUESTION_CHOICE_ROWS + 1):
            for code, _name in settings.LANGUAGES:
                self.fields[f"choice_{row}_{code}"] = forms.CharField(
                    label=_("Answer %(number)d (%(language)s)")
                    % {"number": row, "language": language_name(code)},
                    max_length=300,
                    required=False,
                    widget=forms.TextInput(attrs={"lang": code}),
                )
            self.fields[f"correct_{row}"] = forms.BooleanField(
                label=_("Answer %(number)d is correct") % {"number": row}, required=False
            )

    def choices(self) -> list[ChoiceInput]:
        given = []
        for row in range(1, QUESTION_CHOICE_ROWS + 1):
            texts = {
                code: {"text": self.cleaned_data.get(f"choice_{row}_{code}", "")}
                for code, _name in settings.LANGUAGES
            }
            if any(values["text"].strip() for values in texts.values()):
                given.append(ChoiceInput(texts, bool(self.cleaned_data.get(f"correct_{row}"))))
        return given

    @classmethod
    def initial_for(cls, question: Question, version: int) -> dict[str, Any]:
        initial: dict[str, Any] = {
            **cls.initial_texts(question),
            "kind": question.kind,
            "version": version,
        }
        for row, choice in enumerate(question.choices.order_by("position", "pk"), start=1):
            initial[f"correct_{row}"] = choice.is_correct
            for code, _name in settings.LANGUAGES:
                initial[f"choice_{row}_{code}"] = (
                    choice.safe_translation_getter("text", language_code=code, default="") or ""
                )
        return initial


class VersionOnlyForm(forms.Form):
    """A button that changes the course (publish, move, remove): only the version travels."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PackageUploadForm(forms.Form):
    checked_package: Package
    package = forms.FileField(
        label=_("Course package (ZIP)"),
        help_text=_("A package exported from MigraLocal. It is imported as a draft."),
    )
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none())

    def __init__(self, *args: Any, countries: QuerySet[Country], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = cast(forms.ModelChoiceField, self.fields["country"])
        country.queryset = countries
        country.empty_label = _("Choose a country")

    def clean_package(self) -> Any:
        upload = self.cleaned_data["package"]
        self.checked_package = read_package(upload)
        return upload
