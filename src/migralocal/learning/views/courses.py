"""Courses: the catalogue, a course and its lessons and quizzes, one's own learning,
certificates, and the trainers' progress tables."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from migralocal.core import exports
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.markdown import render_markdown
from migralocal.core.models import User
from migralocal.core.selectors import memberships_of, programme_countries_of
from migralocal.learning import documents, forms, selectors, services
from migralocal.learning.loaders import certificate_for, course_for, path_for
from migralocal.learning.models import (
    Certificate,
    Course,
    Enrolment,
    LearningPath,
    Lesson,
    Quiz,
)
from migralocal.learning.views import page_of


def catalogue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/catalogue.html",
        {
            "page": page_of(request, selectors.catalogue()),
            "paths": LearningPath.objects.prefetch_related("translations"),
        },
    )


@permission_required("learning.view_path", load=path_for, visitors=True)
def path_detail(request: HttpRequest, path: LearningPath) -> HttpResponse:
    """A learning path: its courses in order, with the learner's progress; anyone signed in may
    follow it, without a self-assessment."""
    following = selectors.is_following(user=request.user, path=path)
    if request.method == "POST":
        if not request.user.has_perm("learning.follow_path", path):
            raise PermissionDenied
        user = cast(User, request.user)
        if request.POST.get("action") == "stop":
            services.path_stop_following(path=path, user=user)
            messages.success(request, _("You no longer follow this path."))
        else:
            services.path_follow(path=path, user=user)
            messages.success(request, _("You follow this path. It is in My learning."))
        return redirect(path)
    return render(
        request,
        "learning/path_detail.html",
        {
            "path": path,
            "steps": selectors.step_progress_of(request.user, path),
            "following": following,
        },
    )


@permission_required("learning.view_course", load=course_for, visitors=True)
def course_detail(request: HttpRequest, course: Course) -> HttpResponse:
    enrolment = selectors.enrolment_of(user=request.user, course=course)
    lessons = list(selectors.lessons_of(course))
    done = selectors.completed_lesson_ids(enrolment)
    modules: list[tuple[Any, list[Lesson]]] = []
    for lesson in lessons:
        if not modules or modules[-1][0] != lesson.module:
            modules.append((lesson.module, []))
        modules[-1][1].append(lesson)
    return render(
        request,
        "learning/course_detail.html",
        {
            "course": course,
            "modules": modules,
            "enrolment": enrolment,
            "progress": selectors.course_progress(enrolment) if enrolment else None,
            "done": done,
            "can_enrol": request.user.has_perm("learning.enrol_in_course", course),
            "can_see_progress": request.user.has_perm("learning.view_course_progress", course),
        },
    )


@require_POST
@permission_required("learning.enrol_in_course", load=course_for)
def course_enrol(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    services.course_enrol(course=course, user=request.user)
    messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(course)


def _enrolment_for(request: AuthenticatedHttpRequest, course: Course) -> Enrolment:
    """Quizzes are for the course's learners: enrolment is a state, not a role, so even a
    platform admin is refused until enrolled."""
    enrolment = selectors.enrolment_of(user=request.user, course=course)
    if enrolment is None:
        raise PermissionDenied
    return enrolment


@permission_required("learning.follow_own_learning", load=course_for)
def lesson_detail(request: AuthenticatedHttpRequest, course: Course, pk: int) -> HttpResponse:
    lesson = get_object_or_404(selectors.lessons_of(course), pk=pk)
    enrolment = selectors.enrolment_of(user=request.user, course=course)
    if enrolment is None and not request.user.has_perm("learning.manage_course", course):
        messages.info(request, _("Enrol in the course to open its lessons."))
        return redirect(course)
    if request.method == "POST":
        if enrolment is None:
            raise PermissionDenied
        try:
            services.lesson_complete(enrolment=enrolment, lesson=lesson)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(lesson)
        messages.success(request, _("Lesson completed."))
        progress = selectors.course_progress(enrolment)
        return redirect(progress.next_lesson or course)
    quiz = getattr(lesson, "quiz", None)
    return render(
        request,
        "learning/lesson_detail.html",
        {
            "course": course,
            "lesson": lesson,
            "body": render_markdown(
                lesson.safe_translation_getter("body", any_language=True) or ""
            ),
            "quiz": quiz,
            "is_done": lesson.pk in selectors.completed_lesson_ids(enrolment),
            "enrolment": enrolment,
        },
    )


@permission_required("learning.follow_own_learning", load=course_for)
def quiz_take(request: AuthenticatedHttpRequest, course: Course, pk: int) -> HttpResponse:
    quiz = get_object_or_404(
        Quiz.objects.select_related("lesson__module"), pk=pk, lesson__module__course=course
    )
    enrolment = _enrolment_for(request, course)
    attempts = enrolment.attempts.filter(quiz=quiz).order_by("number")
    passed = selectors.has_passed(enrolment=enrolment, quiz=quiz)
    left = selectors.attempts_left(enrolment=enrolment, quiz=quiz)
    form = forms.QuizForm(request.POST if request.method == "POST" else None, quiz=quiz)
    if request.method == "POST" and not passed and left and form.is_valid():
        try:
            attempt = services.quiz_submit(enrolment=enrolment, quiz=quiz, answers=form.answers())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if attempt.passed:
                messages.success(
                    request,
                    _("You passed with %(score)s%%. The lesson is complete.")
                    % {"score": attempt.score},
                )
            else:
                messages.error(
                    request,
                    _("You scored %(score)s%%; the pass mark is %(mark)s%%.")
                    % {"score": attempt.score, "mark": quiz.pass_mark},
                )
            return redirect("learning:quiz_take", slug=course.slug, pk=quiz.pk)
    return render(
        request,
        "learning/quiz.html",
        {
            "course": course,
            "quiz": quiz,
            "form": form,
            "attempts": attempts,
            "passed": passed,
            "attempts_left": left,
            "next": selectors.course_progress(enrolment).next_lesson,
        },
    )


@permission_required("learning.follow_own_learning")
def my_learning(request: AuthenticatedHttpRequest) -> HttpResponse:
    assessment, followed_paths = selectors.my_paths(request.user)
    progress = selectors.learner_progress(request.user)
    return render(
        request,
        "learning/my_learning.html",
        {
            "progress": progress,
            "next_steps": [p for p in progress if p.next_lesson is not None][:3],
            "results": selectors.quiz_results_of(request.user)[:20],
            "assessment": assessment,
            "followed_paths": followed_paths,
            "organisations": [
                m.organisation
                for m in memberships_of(request.user)
                if request.user.has_perm("learning.assess_organisation_capacity", m.organisation)
            ],
        },
    )


@permission_required("learning.download_certificate", load=certificate_for)
def certificate_pdf(request: AuthenticatedHttpRequest, certificate: Certificate) -> HttpResponse:
    verify_url = request.build_absolute_uri(certificate.get_absolute_url())
    response = HttpResponse(
        documents.certificate_pdf(certificate, verify_url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
    return response


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_by_code(code)
    return render(
        request,
        "learning/certificate_verify.html",
        {"certificate": certificate},
        status=200 if certificate else 404,
    )


# ---------------------------------------------------------------- trainer progress


def _progress_filters(
    request: AuthenticatedHttpRequest,
) -> tuple[forms.ProgressFilterForm, dict[str, Any]]:
    """The courses of the countries the reader covers (every country, for a platform admin)."""
    courses = Course.objects.prefetch_related("translations").filter(
        country__in=programme_countries_of(request.user)
    )
    form = forms.ProgressFilterForm(request.GET or None, courses=courses)
    return form, (form.cleaned_data if form.is_valid() else {})


@permission_required("learning.view_training_progress")
def training_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _progress_filters(request)
    enrolments = selectors.progress_enrolments_for(
        request.user,
        course=filters.get("course"),
        organisation=filters.get("organisation"),
        country=filters.get("country"),
    )
    group_by = filters.get("group_by") or "course"
    file_format = request.GET.get("format")
    totals = selectors.lesson_counts()
    if file_format in {"csv", "xlsx"}:
        return exports.table_response(
            "training-progress",
            [
                _("Learner"),
                _("E-mail"),
                _("Course"),
                _("Organisation"),
                _("Country"),
                _("Lessons done"),
                _("Lessons"),
                _("Enrolled"),
                _("Completed"),
            ],
            (
                [
                    e.user.get_full_name(),
                    e.user.email,
                    str(e.course),
                    str(e.organisation or ""),
                    str(e.organisation.country if e.organisation else ""),
                    e.lessons_done,  # type: ignore[attr-defined]
                    totals.get(e.course_id, 0),
                    e.enrolled_at.date().isoformat(),
                    e.completed_at.date().isoformat() if e.completed_at else "",
                ]
                for e in enrolments
            ),
            file_format,
        )
    return render(
        request,
        "learning/training_progress.html",
        {
            "form": form,
            "groups": selectors.progress_summary(enrolments, group_by),
            "group_by": group_by,
            "page": page_of(request, enrolments),
            "totals": totals,
        },
    )


# ---------------------------------------------------------------- self-assessment and paths
