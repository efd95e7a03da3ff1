"""Trainers author their courses: the course, its modules and lessons in order, quizzes and
their questions, in both languages, from draft to published; and a course as a package to
export or import. Every change is refused if someone else changed the course since the page was
opened (the course's version travels in each form)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.markdown import render_markdown
from migralocal.learning import authoring_services as services
from migralocal.learning import course_package
from migralocal.learning.authoring_forms import (
    CourseCreateForm,
    CourseForm,
    LessonForm,
    ModuleForm,
    PackageUploadForm,
    QuestionForm,
    QuizEditForm,
    VersionOnlyForm,
)
from migralocal.learning.loaders import course_for
from migralocal.learning.models import Course, CourseModule, Lesson, Question, Quiz
from migralocal.learning.selectors import authoring as selectors
from migralocal.learning.views import page_of

AUTHOR = "learning.author_courses"
MANAGE = "learning.manage_course"
TEMPLATES = "learning/authoring/"


def _show_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _outline_url(course: Course) -> str:
    return reverse("learning:authoring_course", kwargs={"slug": course.slug})


def _version(request: AuthenticatedHttpRequest) -> int | None:
    form = VersionOnlyForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


def _refused(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@permission_required(AUTHOR)
def course_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    courses = selectors.authored_courses(user=request.user)
    return render(request, TEMPLATES + "course_list.html", {"page": page_of(request, courses)})


@permission_required(AUTHOR)
def course_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    countries = selectors.authoring_countries(user=request.user)
    form = CourseCreateForm(request.POST or None, countries=countries)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            course = services.course_create(
                user=request.user,
                country=data["country"],
                slug=data["slug"],
                texts=form.texts(),
                enrolment=data["enrolment"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The course was created as a draft."))
            return redirect(_outline_url(course))
    return render(request, TEMPLATES + "course_create.html", {"form": form})


@permission_required(MANAGE, load=course_for)
def course_edit(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    """The course's texts and enrolment rule, its outline, and its publication."""
    form = CourseForm(request.POST or None, initial=CourseForm.initial_for(course))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.course_update(
                course=course,
                user=request.user,
                expected_version=data["version"],
                texts=form.texts(),
                enrolment=data["enrolment"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The course was saved."))
            return redirect(_outline_url(course))
    return render(
        request,
        TEMPLATES + "course_edit.html",
        {
            "course": course,
            "form": form,
            "outline": selectors.course_outline(course),
            "problems": services.publication_problems(course),
        },
    )


@require_POST
@permission_required(MANAGE, load=course_for)
def course_publish(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    version = _version(request)
    published = request.POST.get("action") == "publish"
    if version is not None:
        try:
            services.course_set_published(
                course=course, user=request.user, expected_version=version, published=published
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("The course is published: learners see it.")
                if published
                else _("The course is a draft again: learners no longer see it."),
            )
    return redirect(_outline_url(course))


@permission_required(MANAGE, load=course_for)
def course_export(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    response = HttpResponse(course_package.course_export(course), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{course.slug}.zip"'
    return response


@permission_required(AUTHOR)
def course_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a package: it is checked whole first, and imported as a draft only if valid."""
    countries = selectors.authoring_countries(user=request.user)
    form = PackageUploadForm(request.POST or None, request.FILES or None, countries=countries)
    if request.method == "POST" and form.is_valid():
        package = form.checked_package
        try:
            course = services.course_import_package(
                manifest=package.manifest,
                files=package.files,
                country=form.cleaned_data["country"],
                user=request.user,
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The course was imported as a draft."))
            return redirect(_outline_url(course))
    return render(request, TEMPLATES + "course_import.html", {"form": form})


@require_POST
@permission_required(MANAGE, load=course_for)
def item_move(
    request: AuthenticatedHttpRequest, course: Course, kind: str, pk: int
) -> HttpResponse:
    item: CourseModule | Lesson
    if kind == "module":
        item = get_object_or_404(CourseModule, pk=pk, course=course)
    else:
        item = get_object_or_404(Lesson, pk=pk, module__course=course)
    version = _version(request)
    if version is not None:
        try:
            services.item_move(
                course=course,
                user=request.user,
                expected_version=version,
                item=item,
                up=request.POST.get("direction") == "up",
            )
        except ValidationError as error:
            _refused(request, error)
    return redirect(_outline_url(course))


def _delete(
    request: AuthenticatedHttpRequest, form: Form, remove: Any, record: Model, done: str
) -> bool:
    """Remove `record` when the trainer asked to; False (and the error shown) if refused."""
    try:
        remove(record, user=request.user, expected_version=form.cleaned_data["version"])
    except ValidationError as error:
        _show_errors(form, error)
        return False
    messages.success(request, done)
    return True


@permission_required(MANAGE, load=course_for)
def module_edit(
    request: AuthenticatedHttpRequest, course: Course, pk: int | None = None
) -> HttpResponse:
    module = get_object_or_404(CourseModule, pk=pk, course=course) if pk else None
    initial = {"version": course.version, **(ModuleForm.initial_texts(module) if module else {})}
    form = ModuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if module and request.POST.get("action") == "delete":
            if _delete(
                request,
                form,
                lambda record, **kw: services.module_delete(module=record, **kw),
                module,
                _("The module was removed."),
            ):
                return redirect(_outline_url(course))
        else:
            try:
                services.module_save(
                    course=course,
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                    texts=form.texts(),
                    module=module,
                )
            except ValidationError as error:
                _show_errors(form, error)
            else:
                messages.success(request, _("The module was saved."))
                return redirect(_outline_url(course))
    return render(
        request, TEMPLATES + "module_form.html", {"course": course, "module": module, "form": form}
    )


def _lesson_preview(form: LessonForm) -> dict[str, Any] | None:
    if form.data.get("action") != "preview" or not form.is_valid():
        return None
    return {
        code: {"title": texts["title"], "body": render_markdown(texts["body"])}
        for code, texts in form.texts().items()
    }


@permission_required(MANAGE, load=course_for)
def lesson_create(request: AuthenticatedHttpRequest, course: Course, pk: int) -> HttpResponse:
    module = get_object_or_404(CourseModule, pk=pk, course=course)
    return _lesson_page(request, course, module, None)


@permission_required(MANAGE, load=course_for)
def lesson_edit(request: AuthenticatedHttpRequest, course: Course, pk: int) -> HttpResponse:
    lesson = get_object_or_404(
        Lesson.objects.select_related("module"), pk=pk, module__course=course
    )
    return _lesson_page(request, course, lesson.module, lesson)


def _lesson_page(
    request: AuthenticatedHttpRequest, course: Course, module: CourseModule, lesson: Lesson | None
) -> HttpResponse:
    initial: dict[str, Any] = {"version": course.version}
    if lesson is not None:
        initial.update(
            LessonForm.initial_texts(lesson),
            estimated_minutes=lesson.estimated_minutes,
            video_url=lesson.video_url,
        )
    form = LessonForm(request.POST or None, request.FILES or None, initial=initial)
    preview = _lesson_preview(form)
    action = request.POST.get("action")
    if request.method == "POST" and preview is None and form.is_valid():
        data = form.cleaned_data
        if lesson is not None and action == "delete":
            if _delete(
                request,
                form,
                lambda record, **kw: services.lesson_delete(lesson=record, **kw),
                lesson,
                _("The lesson was removed."),
            ):
                return redirect(_outline_url(course))
        else:
            try:
                lesson = services.lesson_save(
                    module=module,
                    user=request.user,
                    expected_version=data["version"],
                    texts=form.texts(),
                    estimated_minutes=data["estimated_minutes"],
                    video_url=data["video_url"],
                    attachment=data.get("attachment"),
                    remove_attachment=data.get("remove_attachment", False),
                    lesson=lesson,
                )
            except ValidationError as error:
                _show_errors(form, error)
            else:
                messages.success(request, _("The lesson was saved."))
                return redirect(_outline_url(course))
    return render(
        request,
        TEMPLATES + "lesson_form.html",
        {"course": course, "module": module, "lesson": lesson, "form": form, "preview": preview},
    )


@permission_required(MANAGE, load=course_for)
def quiz_edit(request: AuthenticatedHttpRequest, course: Course, pk: int) -> HttpResponse:
    """The quiz closing a lesson (created on first save), and its questions."""
    lesson = get_object_or_404(
        Lesson.objects.select_related("module"), pk=pk, module__course=course
    )
    quiz = Quiz.objects.filter(lesson=lesson).first()
    initial: dict[str, Any] = {"version": course.version}
    if quiz is not None:
        initial.update(
            QuizEditForm.initial_texts(quiz),
            pass_mark=quiz.pass_mark,
            max_attempts=quiz.max_attempts,
        )
    form = QuizEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if quiz is not None and request.POST.get("action") == "delete":
            if _delete(
                request,
                form,
                lambda record, **kw: services.quiz_delete(quiz=record, **kw),
                quiz,
                _("The quiz was removed."),
            ):
                return redirect(_outline_url(course))
        else:
            try:
                quiz = services.quiz_save(
                    lesson=lesson,
                    user=request.user,
                    expected_version=data["version"],
                    texts=form.texts(),
                    pass_mark=data["pass_mark"],
                    max_attempts=data["max_attempts"],
                )
            except ValidationError as error:
                _show_errors(form, error)
            else:
                messages.success(request, _("The quiz was saved."))
                return redirect("learning:authoring_quiz", slug=course.slug, pk=lesson.pk)
    questions = (
        quiz.questions.order_by("position", "pk").prefetch_related("translations", "choices")
        if quiz is not None
        else []
    )
    return render(
        request,
        TEMPLATES + "quiz_form.html",
        {"course": course, "lesson": lesson, "quiz": quiz, "questions": questions, "form": form},
    )


@permission_required(MANAGE, load=course_for)
def question_create(request: AuthenticatedHttpRequest, course: Course, pk: int) -> HttpResponse:
    quiz = get_object_or_404(
        Quiz.objects.select_related("lesson__module"), lesson__pk=pk, lesson__module__course=course
    )
    return _question_page(request, course, quiz, None)


@permission_required(MANAGE, load=course_for)
def question_edit(request: AuthenticatedHttpRequest, course: Course, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("quiz__lesson__module"),
        pk=pk,
        quiz__lesson__module__course=course,
    )
    return _question_page(request, course, question.quiz, question)


def _question_page(
    request: AuthenticatedHttpRequest, course: Course, quiz: Quiz, question: Question | None
) -> HttpResponse:
    initial = (
        QuestionForm.initial_for(question, course.version)
        if question is not None
        else {"version": course.version}
    )
    form = QuestionForm(request.POST or None, initial=initial)
    back = reverse("learning:authoring_quiz", kwargs={"slug": course.slug, "pk": quiz.lesson_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if question is not None and request.POST.get("action") == "delete":
            if _delete(
                request,
                form,
                lambda record, **kw: services.question_delete(question=record, **kw),
                question,
                _("The question was removed."),
            ):
                return redirect(back)
        else:
            try:
                services.question_save(
                    quiz=quiz,
                    user=request.user,
                    expected_version=data["version"],
                    kind=data["kind"],
                    texts=form.texts(),
                    choices=form.choices(),
                    question=question,
                )
            except ValidationError as error:
                _show_errors(form, error)
            else:
                messages.success(request, _("The question was saved."))
                return redirect(back)
    return render(
        request,
        TEMPLATES + "question_form.html",
        {"course": course, "quiz": quiz, "question": question, "form": form, "back": back},
    )
