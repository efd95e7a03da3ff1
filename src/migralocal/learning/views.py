from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from migralocal.core import exports
from migralocal.core.decorators import permission_required
from migralocal.core.markdown import render_markdown
from migralocal.core.models import Organisation
from migralocal.core.public_cache import cached_figure, public_page
from migralocal.core.selectors import memberships_of, programme_countries_of, terms_of
from migralocal.learning import attendance_import, documents, forms, selectors, services
from migralocal.learning.models import (
    Certificate,
    Course,
    Enrolment,
    Event,
    LearningPath,
    Lesson,
    MentoringEngagement,
    MentoringGoal,
    Mode,
    Quiz,
    Registration,
    SelfAssessment,
)

PAGE_SIZE = 20
IMPORT_SALT = "learning.attendance-import"


class _LoginNeeded(Exception):
    pass


def _guarded(view: Any) -> Any:
    """Turn a refusal to an anonymous visitor into a sign-in redirect."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _LoginNeeded:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


# ---------------------------------------------------------------- learner pages


def catalogue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/catalogue.html",
        {
            "page": _page(request, selectors.catalogue()),
            "paths": LearningPath.objects.prefetch_related("translations"),
        },
    )


def _course(request: HttpRequest, slug: str) -> Course:
    course = get_object_or_404(Course.objects.select_related("country"), slug=slug)
    if not request.user.has_perm("learning.view_course", course):
        raise Http404
    return course


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
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
@login_required
def course_enrol(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(request, slug)
    if not request.user.has_perm("learning.enrol_in_course", course):
        raise PermissionDenied
    services.course_enrol(course=course, user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(course)


def _enrolment_for(request: HttpRequest, course: Course) -> Enrolment:
    enrolment = selectors.enrolment_of(user=request.user, course=course)
    if enrolment is None:
        raise PermissionDenied
    return enrolment


@login_required
def lesson_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = _course(request, slug)
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


@login_required
def quiz_take(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = _course(request, slug)
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
def my_learning(request: HttpRequest) -> HttpResponse:
    assessment, path_steps = selectors.my_path(request.user)
    progress = selectors.learner_progress(request.user)
    return render(
        request,
        "learning/my_learning.html",
        {
            "progress": progress,
            "next_steps": [p for p in progress if p.next_lesson is not None][:3],
            "results": selectors.quiz_results_of(request.user)[:20],
            "assessment": assessment,
            "path_steps": path_steps,
            "organisations": [
                m.organisation
                for m in memberships_of(request.user)
                if request.user.has_perm("learning.assess_organisation_capacity", m.organisation)
            ],
        },
    )


@login_required
def certificate_pdf(request: HttpRequest, number: str) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__course", "enrolment__user"), number=number
    )
    if not request.user.has_perm("learning.download_certificate", certificate):
        raise PermissionDenied
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


def _progress_filters(request: HttpRequest) -> tuple[forms.ProgressFilterForm, dict[str, Any]]:
    countries = programme_countries_of(request.user)
    courses = Course.objects.prefetch_related("translations")
    if not request.user.is_superuser:
        courses = courses.filter(country__in=countries)
    form = forms.ProgressFilterForm(request.GET or None, courses=courses)
    return form, (form.cleaned_data if form.is_valid() else {})


@permission_required("learning.view_training_progress")
def training_progress(request: HttpRequest) -> HttpResponse:
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
            "page": _page(request, enrolments),
            "totals": totals,
        },
    )


# ---------------------------------------------------------------- self-assessment and paths


@permission_required("learning.take_capacity_self_assessment")
def self_assessment(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("learning.assess_organisation_capacity", organisation):
        raise PermissionDenied
    questions = list(selectors.self_assessment_questions())
    form = forms.SelfAssessmentForm(
        request.POST if request.method == "POST" else None, questions=questions
    )
    if request.method == "POST" and form.is_valid():
        assessment = services.self_assessment_submit(
            organisation=organisation,
            user=request.user,  # type: ignore[arg-type]
            answers=form.cleaned_data,
        )
        messages.success(request, _("Thank you. Here is the path we recommend."))
        return redirect("learning:self_assessment_result", pk=assessment.pk)
    return render(
        request,
        "learning/self_assessment_form.html",
        {"organisation": organisation, "form": form},
    )


@login_required
def self_assessment_result(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(
        SelfAssessment.objects.select_related("organisation", "recommended_path"), pk=pk
    )
    if not request.user.has_perm("learning.view_capacity_self_assessment", assessment):
        raise PermissionDenied
    recommendation = selectors.recommendation_for(assessment)
    areas = [(term, recommendation.scores.get(term.code, 0)) for term in selectors.capacity_areas()]
    return render(
        request,
        "learning/self_assessment_result.html",
        {
            "assessment": assessment,
            "recommendation": recommendation,
            "areas": areas,
            "path_steps": assessment.recommended_path.steps.select_related("course")
            if assessment.recommended_path
            else [],
        },
    )


# ---------------------------------------------------------------- events


@public_page("learning")
def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.events_visible_to(request.user)
    return render(
        request,
        "learning/event_list.html",
        {
            "page": _page(request, events),
            "can_see_figures": request.user.has_perm("learning.view_event_reports"),
        },
    )


@permission_required("learning.view_event_reports")
def event_create(request: HttpRequest) -> HttpResponse:
    """Trainers create events in the countries they cover, giving times as clocks show there."""
    form = forms.EventForm(request.POST or None, countries=programme_countries_of(request.user))
    if request.method == "POST" and form.is_valid():
        if not request.user.has_perm("learning.manage_event", form.cleaned_data["country"]):
            raise PermissionDenied
        try:
            event = services.event_create(language=get_language(), **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The event was created."))
            return redirect(event)
    return render(request, "learning/event_form.html", {"form": form})


def _event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("country"), slug=slug)
    if not request.user.has_perm("learning.view_event", event):
        if not request.user.is_authenticated:
            raise _LoginNeeded
        raise Http404
    return event


def _viewer_zone(request: HttpRequest) -> Any:
    return selectors.zone_or_none(request.COOKIES.get("migralocal_tz", ""))


@_guarded
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    registration = selectors.registration_of(event=event, user=request.user)
    can_register = request.user.has_perm("learning.register_for_event", event)
    form = None
    if can_register and registration is None:
        initial: dict[str, Any] = {}
        if request.user.is_authenticated:
            first = memberships_of(request.user).first()
            initial = {
                "name": request.user.get_full_name(),
                "email": request.user.email,
                "organisation": first.organisation if first else None,
                "country": first.organisation.country if first else None,
            }
        form = forms.EventRegistrationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.event_register(
                    event=event,
                    user=request.user if request.user.is_authenticated else None,
                    **data,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                if registration.status == Registration.Status.WAITING:
                    messages.info(request, _("The event is full: you are on the waiting list."))
                else:
                    messages.success(request, _("You are registered."))
                return redirect(event)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "learning/event_detail.html",
        {
            "event": event,
            "times": selectors.event_times(event, _viewer_zone(request)),
            "places_taken": selectors.places_taken(event),
            "registration": registration,
            "form": form,
            "can_register": can_register,
            "can_manage": request.user.has_perm("learning.manage_event", event),
            "can_see_figures": request.user.has_perm("learning.view_event_figures", event),
        },
    )


@permission_required("learning.follow_own_learning")
def event_attendance(request: HttpRequest, slug: str) -> HttpResponse:
    """The check-in list a trainer keeps on a phone or tablet at the door."""
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm("learning.manage_event", event):
        raise PermissionDenied
    if request.method == "POST":
        registration = get_object_or_404(event.registrations, pk=request.POST.get("registration"))
        form = forms.CheckInForm(request.POST)
        if form.is_valid():
            services.registration_check_in(
                registration=registration, mode=form.cleaned_data["mode"]
            )
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
        return redirect(
            reverse("learning:event_attendance", kwargs={"slug": slug}) + f"#r{registration.pk}"
        )
    query = request.GET.get("q", "").strip()
    registrations = event.registrations.exclude(
        status=Registration.Status.CANCELLED
    ).select_related("organisation")
    if query:
        registrations = registrations.filter(Q(name__icontains=query) | Q(email__icontains=query))
    default_mode = Mode.ONLINE if event.format == Event.Format.ONLINE else Mode.IN_PERSON
    return render(
        request,
        "learning/event_attendance.html",
        {
            "event": event,
            "page": _page(request, registrations.order_by("name")),
            "query": query,
            "modes": Mode.choices,
            "default_mode": default_mode,
            "checked_in": event.registrations.filter(attended_at__isnull=False).count(),
            "check_in_url": request.build_absolute_uri(
                reverse(
                    "learning:event_self_check_in",
                    kwargs={"slug": slug, "code": event.check_in_code},
                )
            ),
        },
    )


@permission_required("learning.follow_own_learning")
def event_qr(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm("learning.manage_event", event):
        raise PermissionDenied
    url = request.build_absolute_uri(
        reverse("learning:event_self_check_in", kwargs={"slug": slug, "code": event.check_in_code})
    )
    return HttpResponse(documents.qr_svg(url, scale=8), content_type="image/svg+xml")


@login_required
def event_self_check_in(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    if code != event.check_in_code:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            services.event_self_check_in(event=event, code=code, user=request.user)  # type: ignore[arg-type]
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Welcome! You are checked in."))
            return redirect(event)
    return render(
        request,
        "learning/event_self_check_in.html",
        {
            "event": event,
            "error": error,
            "registration": selectors.registration_of(event=event, user=request.user),
        },
    )


@permission_required("learning.follow_own_learning")
def event_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload → check every row → confirm; nothing is written before the confirmation."""
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm("learning.manage_event", event):
        raise PermissionDenied
    form = forms.AttendanceImportForm()
    result = None
    token = ""
    if request.method == "POST" and "confirm" in request.POST:
        try:
            table = signing.loads(request.POST["confirm"], salt=IMPORT_SALT, max_age=3600)
        except signing.BadSignature as error:
            raise PermissionDenied from error
        result = attendance_import.validate_rows(event, table)
        if result.is_valid:
            counts = services.attendance_import(event=event, rows=result.rows)
            messages.success(
                request,
                _("Attendance imported: %(matched)s registrations matched, %(created)s added.")
                % counts,
            )
            return redirect("learning:event_figures", slug=slug)
    elif request.method == "POST":
        form = forms.AttendanceImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                table = attendance_import.read_table(form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error)
            else:
                result = attendance_import.validate_rows(event, table)
                if result.is_valid:
                    token = signing.dumps(table, salt=IMPORT_SALT, compress=True)
    return render(
        request,
        "learning/event_import.html",
        {"event": event, "form": form, "result": result, "token": token},
    )


def _figures_rows(figures: selectors.AttendanceFigures) -> list[list[Any]]:
    rows: list[list[Any]] = [[_("Attendees"), "", figures.attendees, 100]]
    for breakdown in figures.breakdowns:
        rows.extend([breakdown.label, name, count, share] for name, count, share in breakdown.rows)
    return rows


def figure_headers() -> list[str]:
    return [_("Breakdown"), _("Category"), _("Attendees"), _("Share (%)")]


@permission_required("learning.follow_own_learning")
def event_figures(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm("learning.view_event_figures", event):
        raise PermissionDenied
    figures = selectors.attendance_figures(event.registrations.all())
    file_format = request.GET.get("format")
    if file_format in {"csv", "xlsx"}:
        return exports.table_response(
            f"attendance-{event.slug}", figure_headers(), _figures_rows(figures), file_format
        )
    return render(request, "learning/event_figures.html", {"event": event, "figures": figures})


@permission_required("learning.view_event_reports")
def event_report(request: HttpRequest) -> HttpResponse:
    form = forms.PeriodForm(request.GET or None)
    period = form.cleaned_data if form.is_valid() else {}
    events = selectors.events_managed_by(request.user)
    registrations = selectors.registrations_in_period(
        events, period.get("start"), period.get("end")
    )
    figures = selectors.attendance_figures(registrations)
    file_format = request.GET.get("format")
    if file_format in {"csv", "xlsx"}:
        return exports.table_response(
            "attendance-period", figure_headers(), _figures_rows(figures), file_format
        )
    return render(
        request,
        "learning/event_report.html",
        {
            "form": form,
            "figures": figures,
            "event_count": registrations.values("event").distinct().count(),
        },
    )


# ---------------------------------------------------------------- mentoring


@permission_required("learning.browse_mentoring")
def mentoring_list(request: HttpRequest) -> HttpResponse:
    engagements = selectors.mentoring_visible_to(request.user)
    return render(
        request,
        "learning/mentoring_list.html",
        {
            "page": _page(request, engagements),
            "can_start": request.user.has_perm("learning.view_mentoring_figures"),
            "can_see_figures": request.user.has_perm("learning.view_mentoring_figures"),
        },
    )


@permission_required("learning.view_mentoring_figures")
def mentoring_start(request: HttpRequest) -> HttpResponse:
    countries = programme_countries_of(request.user)
    form = forms.MentoringStartForm(
        request.POST or None,
        organisations=Organisation.objects.filter(country__in=countries).order_by("name"),
        areas=selectors.capacity_areas(),
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        if not request.user.has_perm("learning.start_mentoring", organisation):
            raise PermissionDenied
        engagement = services.mentoring_start(
            mentor=request.user,  # type: ignore[arg-type]
            organisation=organisation,
            areas=form.cleaned_data["areas"],
            started_on=form.cleaned_data["started_on"],
        )
        return redirect(engagement)
    return render(request, "learning/mentoring_start.html", {"form": form})


@permission_required("learning.browse_mentoring")
def mentoring_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(
        MentoringEngagement.objects.select_related("mentor", "organisation__country"), pk=pk
    )
    if not request.user.has_perm("learning.view_mentoring", engagement):
        raise PermissionDenied
    can_keep = request.user.has_perm("learning.keep_mentoring_record", engagement)
    goal_form = forms.MentoringGoalForm(engagement=engagement)
    session_form = forms.MentoringSessionForm()
    close_form = forms.MentoringCloseForm()
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "goal":
                goal_form = forms.MentoringGoalForm(request.POST, engagement=engagement)
                if goal_form.is_valid():
                    services.mentoring_goal_add(engagement=engagement, **goal_form.cleaned_data)
                    return redirect(engagement)
            elif action == "achieved":
                goal = get_object_or_404(
                    MentoringGoal, pk=request.POST.get("goal"), engagement=engagement
                )
                services.mentoring_goal_set_achieved(goal=goal, achieved=not goal.is_achieved)
                return redirect(engagement)
            elif action == "session":
                session_form = forms.MentoringSessionForm(request.POST)
                if session_form.is_valid():
                    services.mentoring_session_record(
                        engagement=engagement, **session_form.cleaned_data
                    )
                    messages.success(request, _("The session was recorded."))
                    return redirect(engagement)
            elif action == "close":
                close_form = forms.MentoringCloseForm(request.POST)
                if close_form.is_valid():
                    services.mentoring_close(engagement=engagement, **close_form.cleaned_data)
                    return redirect(engagement)
        except ValidationError as error:
            target = {"goal": goal_form, "session": session_form, "close": close_form}.get(
                action or "", session_form
            )
            for field, errors in (
                error.message_dict.items()
                if hasattr(error, "error_dict")
                else [(None, error.messages)]
            ):
                target.add_error(field if field in target.fields else None, errors)
    return render(
        request,
        "learning/mentoring_detail.html",
        {
            "engagement": engagement,
            "goals": engagement.goals.select_related("area"),
            "sessions": engagement.sessions.all(),
            "can_keep": can_keep,
            "goal_form": goal_form,
            "session_form": session_form,
            "close_form": close_form,
        },
    )


@permission_required("learning.view_mentoring_figures")
def mentoring_figures(request: HttpRequest) -> HttpResponse:
    figures = selectors.mentoring_figures(selectors.mentoring_in_programme_scope(request.user))
    return render(request, "learning/mentoring_figures.html", {"figures": figures})


# ---------------------------------------------------------------- community


@public_page("learning")
def community(request: HttpRequest) -> HttpResponse:
    form = forms.CommunityFilterForm(
        request.GET or None,
        countries=selectors.community_countries(),
        areas=terms_of("areas-of-work"),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    members, growth = cached_figure(["learning"], "community-growth", selectors.community_growth)
    return render(
        request,
        "learning/community.html",
        {
            "form": form,
            "page": _page(
                request,
                selectors.community_directory(
                    country=filters.get("country"), area=filters.get("area")
                ),
            ),
            "members": members,
            "growth": growth,
            "sign_ups": cached_figure(
                ["learning"], "learner-sign-ups", selectors.learner_sign_ups_by_year
            ),
        },
    )
