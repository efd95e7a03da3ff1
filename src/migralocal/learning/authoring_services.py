"""Trainers' writes to courses: the course, its modules, lessons, quizzes and questions, their
order, publication, and the import of a course package.

Every change to a course's content is made against the course's `version`, the one the trainer
opened: if someone saved since, `CourseConflict` is raised and nothing is overwritten. Texts
arrive as `{language: {field: text}}`; a language left blank has no translation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from parler.models import TranslatableModel

from migralocal.core import text_limits
from migralocal.core.models import Country, User
from migralocal.core.permissions import require
from migralocal.core.uploads import SIGNATURES, check_upload
from migralocal.learning.models import (
    Choice,
    Course,
    CourseModule,
    Lesson,
    Question,
    Quiz,
)

Texts = Mapping[str, Mapping[str, str]]

LESSON_FILE_EXTENSIONS = tuple(SIGNATURES)
# The translated fields of each kind of record, with their longest length.
TEXT_LIMITS: dict[str, dict[str, int]] = {
    "course": {"title": 200, "summary": text_limits.TEXT},
    "module": {"title": 200},
    "lesson": {"title": 200, "body": text_limits.LESSON_BODY},
    "quiz": {"title": 200},
    "question": {"text": text_limits.TEXT},
    "choice": {"text": 300},
}
# The field every written language must fill.
REQUIRED_TEXT = {"course": "title", "module": "title", "lesson": "title", "quiz": "title"}
REQUIRED_TEXT.update({"question": "text", "choice": "text"})
MAX_CHOICES = 10
# Addresses of the authoring pages that a course's short name must not take.
RESERVED_SLUGS = frozenset({"new", "import"})
MAX_MINUTES = 24 * 60
VIDEO_URL = URLValidator(schemes=("http", "https"))


class CourseConflict(ValidationError):
    """The course changed since the trainer opened the page."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this course since you opened the page. Your changes were "
                "not saved: open the page again to see theirs, then make yours."
            ),
            code="conflict",
        )


@dataclass(frozen=True)
class ChoiceInput:
    texts: Texts
    is_correct: bool


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def clean_texts(kind: str, texts: Texts) -> dict[str, dict[str, str]]:
    """The texts of one record, stripped and checked: known languages and fields only, within
    their lengths, the required field in every language written and in at least one."""
    limits = TEXT_LIMITS[kind]
    required = REQUIRED_TEXT[kind]
    unknown = set(texts) - set(languages())
    if unknown:
        raise ValidationError(
            _("Unknown language: %(codes)s.") % {"codes": ", ".join(sorted(unknown))},
            code="language",
        )
    cleaned: dict[str, dict[str, str]] = {}
    errors: list[str] = []
    for code in languages():
        given = texts.get(code) or {}
        values = {name: str(given.get(name) or "").strip() for name in limits}
        if not any(values.values()):
            continue
        for name, limit in limits.items():
            if len(values[name]) > limit:
                errors.append(
                    _("%(field)s (%(language)s) is longer than %(limit)d characters.")
                    % {"field": name, "language": code, "limit": limit}
                )
        if not values[required]:
            errors.append(
                _("Give the %(field)s in %(language)s too, or leave that language blank.")
                % {"field": name_of(required), "language": code}
            )
        cleaned[code] = values
    if not cleaned:
        errors.append(
            _("Give the %(field)s in at least one language.") % {"field": name_of(required)}
        )
    if errors:
        raise ValidationError(errors, code="texts")
    return cleaned


def name_of(field: str) -> str:
    return {"title": _("title"), "text": _("text"), "summary": _("summary"), "body": _("text")}[
        field
    ]


def _apply_texts(record: TranslatableModel, texts: dict[str, dict[str, str]]) -> list[str]:
    """Set the written languages on `record`; returns the languages to delete after saving."""
    for code, values in texts.items():
        record.set_current_language(code)
        for name, value in values.items():
            setattr(record, name, value)
    record.set_current_language(next(iter(texts)))
    existing = record.get_available_languages() if record.pk else []
    return [code for code in existing if code not in texts]


def _save_translated(record: TranslatableModel, texts: dict[str, dict[str, str]]) -> None:
    dropped = _apply_texts(record, texts)
    record.save()
    for code in dropped:
        record.delete_translation(code)


def check_video_url(url: str) -> str:
    url = url.strip()
    if url:
        VIDEO_URL(url)
    return url


def check_minutes(minutes: int) -> int:
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValidationError(
            _("Give the time in minutes, from 1 to %(max)d.") % {"max": MAX_MINUTES},
            code="minutes",
        )
    return minutes


def check_quiz_rules(pass_mark: int, max_attempts: int) -> None:
    if not 1 <= pass_mark <= 100:
        raise ValidationError(_("The pass mark is a percentage from 1 to 100."), code="pass_mark")
    if not 1 <= max_attempts <= 100:
        raise ValidationError(_("Allow from 1 to 100 attempts."), code="attempts")


def check_choices(kind: str, choices: Sequence[ChoiceInput]) -> list[dict[str, dict[str, str]]]:
    """A question has from two to ten answers; one correct for a single-answer question, at
    least one for a several-answers question."""
    check_correct(kind, [choice.is_correct for choice in choices])
    return [clean_texts("choice", choice.texts) for choice in choices]


def check_correct(kind: str, correct_flags: Sequence[bool]) -> None:
    if kind not in Question.Kind.values:
        raise ValidationError(_("Unknown kind of question."), code="kind")
    if not 2 <= len(correct_flags) <= MAX_CHOICES:
        raise ValidationError(
            _("Give from 2 to %(max)d answers.") % {"max": MAX_CHOICES}, code="choices"
        )
    correct = sum(1 for flag in correct_flags if flag)
    if kind == Question.Kind.SINGLE and correct != 1:
        raise ValidationError(
            _("A question with one answer needs exactly one correct answer."), code="correct"
        )
    if kind == Question.Kind.MULTIPLE and correct < 1:
        raise ValidationError(
            _("A question with several answers needs at least one correct answer."),
            code="correct",
        )


def _claim(course: Course, user: User, expected_version: int) -> None:
    """Check the right to edit `course`, then move it to the next version, or refuse if someone
    else did since `expected_version`. The conditional update makes simultaneous saves safe."""
    require(user, "learning.manage_course", course)
    updated = Course.objects.filter(pk=course.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not updated:
        raise CourseConflict
    course.version = expected_version + 1


def _next_position(queryset: Any) -> int:
    return int(queryset.aggregate(last=Max("position"))["last"] or 0) + 1


def free_slug(wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… when a course already has it."""
    base = slugify(wanted)[:110].strip("-") or "course"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Course.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def course_create(
    *, user: User, country: Country, slug: str, texts: Texts, enrolment: str = "open"
) -> Course:
    """A new course, as a draft, in a country the trainer covers."""
    require(user, "learning.manage_course", country)
    cleaned = clean_texts("course", texts)
    if enrolment not in Course.Enrolment.values:
        raise ValidationError(_("Unknown enrolment rule."), code="enrolment")
    if slug in RESERVED_SLUGS or Course.objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("Another course has this short name. Choose another.")}, code="slug"
        )
    course = Course(slug=slug, country=country, enrolment=enrolment, is_published=False)
    _save_translated(course, cleaned)
    return course


@transaction.atomic
def course_update(
    *, course: Course, user: User, expected_version: int, texts: Texts, enrolment: str
) -> Course:
    cleaned = clean_texts("course", texts)
    if enrolment not in Course.Enrolment.values:
        raise ValidationError(_("Unknown enrolment rule."), code="enrolment")
    _claim(course, user, expected_version)
    course.enrolment = enrolment
    _save_translated(course, cleaned)
    return course


def publication_problems(course: Course) -> list[str]:
    """What keeps a course from being published: a course with no lesson, a quiz with no
    question, a question without its correct answers."""
    problems = []
    if not Lesson.objects.filter(module__course=course).exists():
        problems.append(_("Add at least one lesson before publishing."))
    for quiz in Quiz.objects.filter(lesson__module__course=course).prefetch_related(
        "questions__choices", "translations"
    ):
        questions = list(quiz.questions.all())
        if not questions:
            problems.append(_("The quiz “%(quiz)s” has no question.") % {"quiz": quiz})
        for question in questions:
            flags = [choice.is_correct for choice in question.choices.all()]
            try:
                check_correct(question.kind, flags)
            except ValidationError as error:
                problems.extend(f"{question}: {message}" for message in error.messages)
    return problems


@transaction.atomic
def course_set_published(
    *, course: Course, user: User, expected_version: int, published: bool
) -> Course:
    """Publish a course (learners see it) or take it back to draft (learners no longer do)."""
    if published:
        problems = publication_problems(course)
        if problems:
            raise ValidationError(problems, code="not_ready")
    _claim(course, user, expected_version)
    course.is_published = published
    course.save(update_fields=["is_published"])
    return course


@transaction.atomic
def module_save(
    *,
    course: Course,
    user: User,
    expected_version: int,
    texts: Texts,
    module: CourseModule | None = None,
) -> CourseModule:
    cleaned = clean_texts("module", texts)
    if module is not None and module.course_id != course.pk:
        raise ValidationError(_("This part belongs to another course."), code="course")
    _claim(course, user, expected_version)
    if module is None:
        module = CourseModule(course=course, position=_next_position(course.modules.all()))
    _save_translated(module, cleaned)
    return module


def _refuse_if_learners_did(queryset: Any, message: str) -> None:
    if queryset.exists():
        raise ValidationError(message, code="in_use")


@transaction.atomic
def module_delete(*, module: CourseModule, user: User, expected_version: int) -> None:
    """Remove a module and its lessons, unless learners have completed any of them."""
    _refuse_if_learners_did(
        Lesson.objects.filter(module=module, completions__isnull=False),
        _("Learners have completed lessons of this module; it cannot be removed."),
    )
    _claim(module.course, user, expected_version)
    module.delete()


@transaction.atomic
def lesson_save(
    *,
    module: CourseModule,
    user: User,
    expected_version: int,
    texts: Texts,
    estimated_minutes: int = 15,
    video_url: str = "",
    attachment: Any = None,
    remove_attachment: bool = False,
    lesson: Lesson | None = None,
) -> Lesson:
    """A lesson's Markdown text in each language, its time, a video link (shown as a link,
    never embedded) and a file checked by its content."""
    cleaned = clean_texts("lesson", texts)
    check_minutes(estimated_minutes)
    video_url = check_video_url(video_url)
    if attachment:
        check_upload(attachment, LESSON_FILE_EXTENSIONS)
    if lesson is not None and lesson.module_id != module.pk:
        raise ValidationError(_("This part belongs to another course."), code="course")
    _claim(module.course, user, expected_version)
    if lesson is None:
        lesson = Lesson(module=module, position=_next_position(module.lessons.all()))
    lesson.estimated_minutes = estimated_minutes
    lesson.video_url = video_url
    if attachment:
        lesson.attachment = attachment
    elif remove_attachment:
        lesson.attachment = ""
    _save_translated(lesson, cleaned)
    return lesson


@transaction.atomic
def lesson_delete(*, lesson: Lesson, user: User, expected_version: int) -> None:
    _refuse_if_learners_did(
        lesson.completions.all(),
        _("Learners have completed this lesson; it cannot be removed."),
    )
    _claim(lesson.module.course, user, expected_version)
    lesson.delete()


@transaction.atomic
def item_move(
    *, course: Course, user: User, expected_version: int, item: CourseModule | Lesson, up: bool
) -> None:
    """Move a module among the course's modules, or a lesson among its module's lessons, one
    place up or down; positions are renumbered 1, 2, 3…"""
    if isinstance(item, CourseModule):
        if item.course_id != course.pk:
            raise ValidationError(_("This part belongs to another course."), code="course")
        siblings: list[Any] = list(course.modules.order_by("position", "pk"))
    else:
        if item.module.course_id != course.pk:
            raise ValidationError(_("This part belongs to another course."), code="course")
        siblings = list(item.module.lessons.order_by("position", "pk"))
    _claim(course, user, expected_version)
    index = next(number for number, sibling in enumerate(siblings) if sibling.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


@transaction.atomic
def quiz_save(
    *,
    lesson: Lesson,
    user: User,
    expected_version: int,
    texts: Texts,
    pass_mark: int = 70,
    max_attempts: int = 3,
) -> Quiz:
    """The quiz that closes a lesson (created the first time)."""
    cleaned = clean_texts("quiz", texts)
    check_quiz_rules(pass_mark, max_attempts)
    _claim(lesson.module.course, user, expected_version)
    quiz = Quiz.objects.filter(lesson=lesson).first() or Quiz(lesson=lesson)
    quiz.pass_mark = pass_mark
    quiz.max_attempts = max_attempts
    _save_translated(quiz, cleaned)
    return quiz


@transaction.atomic
def quiz_delete(*, quiz: Quiz, user: User, expected_version: int) -> None:
    _refuse_if_learners_did(
        quiz.attempts.all(), _("Learners have taken this quiz; it cannot be removed.")
    )
    _claim(quiz.lesson.module.course, user, expected_version)
    quiz.delete()


@transaction.atomic
def question_save(
    *,
    quiz: Quiz,
    user: User,
    expected_version: int,
    kind: str,
    texts: Texts,
    choices: Sequence[ChoiceInput],
    question: Question | None = None,
) -> Question:
    """A question with its answers in order and which of them are correct."""
    cleaned = clean_texts("question", texts)
    choice_texts = check_choices(kind, choices)
    if question is not None and question.quiz_id != quiz.pk:
        raise ValidationError(_("This part belongs to another course."), code="course")
    _claim(quiz.lesson.module.course, user, expected_version)
    if question is None:
        question = Question(quiz=quiz, position=_next_position(quiz.questions.all()))
    question.kind = kind
    _save_translated(question, cleaned)
    existing = list(question.choices.order_by("position", "pk"))
    for position, (given, choice_text) in enumerate(zip(choices, choice_texts, strict=True), 1):
        choice = existing[position - 1] if position <= len(existing) else None
        choice = choice or Choice(question=question)
        choice.position = position
        choice.is_correct = given.is_correct
        _save_translated(choice, choice_text)
    for surplus in existing[len(choices) :]:
        surplus.delete()
    return question


@transaction.atomic
def question_delete(*, question: Question, user: User, expected_version: int) -> None:
    _claim(question.quiz.lesson.module.course, user, expected_version)
    question.delete()


@transaction.atomic
def course_import_package(
    *,
    manifest: Mapping[str, Any],
    files: Mapping[str, bytes],
    country: Country,
    user: User | None,
) -> Course:
    """Create a course, as a draft, from a package that `course_package.read_package` has
    validated: all of it or nothing. A short name already taken gets a number added. `user` is
    None only for the operator's management command."""
    if user is not None:
        require(user, "learning.manage_course", country)
    saved: list[str] = []
    try:
        return _import_course(manifest["course"], files, country, saved)
    except BaseException:
        # The rows roll back with the transaction; the files stored so far go too.
        for name in saved:
            Lesson.attachment.field.storage.delete(name)
        raise


def _import_course(
    data: Mapping[str, Any], files: Mapping[str, bytes], country: Country, saved: list[str]
) -> Course:
    course = Course(
        slug=free_slug(data["slug"]),
        country=country,
        enrolment=data["enrolment"],
        is_published=False,
    )
    _save_translated(course, clean_texts("course", data["texts"]))
    for module_position, module_data in enumerate(data["modules"], start=1):
        module = CourseModule(course=course, position=module_position)
        _save_translated(module, clean_texts("module", module_data["texts"]))
        for lesson_position, lesson_data in enumerate(module_data["lessons"], start=1):
            _import_lesson(module, lesson_position, lesson_data, files, saved)
    return course


def _import_lesson(
    module: CourseModule,
    position: int,
    data: Mapping[str, Any],
    files: Mapping[str, bytes],
    saved: list[str],
) -> None:
    lesson = Lesson(
        module=module,
        position=position,
        estimated_minutes=check_minutes(data["estimated_minutes"]),
        video_url=check_video_url(data["video_url"]),
    )
    attached = data.get("file")
    if attached:
        lesson.attachment.save(attached["name"], ContentFile(files[attached["path"]]), save=False)
        saved.append(str(lesson.attachment.name))
    _save_translated(lesson, clean_texts("lesson", data["texts"]))
    quiz_data = data.get("quiz")
    if not quiz_data:
        return
    check_quiz_rules(quiz_data["pass_mark"], quiz_data["max_attempts"])
    quiz = Quiz(
        lesson=lesson, pass_mark=quiz_data["pass_mark"], max_attempts=quiz_data["max_attempts"]
    )
    _save_translated(quiz, clean_texts("quiz", quiz_data["texts"]))
    for question_position, question_data in enumerate(quiz_data["questions"], start=1):
        choices = [
            ChoiceInput(choice["texts"], bool(choice["correct"]))
            for choice in question_data["choices"]
        ]
        choice_texts = check_choices(question_data["kind"], choices)
        question = Question(quiz=quiz, kind=question_data["kind"], position=question_position)
        _save_translated(question, clean_texts("question", question_data["texts"]))
        for choice_position, (given, texts) in enumerate(
            zip(choices, choice_texts, strict=True), start=1
        ):
            choice = Choice(
                question=question, position=choice_position, is_correct=given.is_correct
            )
            _save_translated(choice, texts)
