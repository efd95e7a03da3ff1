"""Events: the calendar, registration, check-in at the door or by QR code, attendance imports
and attendance figures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from migralocal.core import exports
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.no_store import never_stored
from migralocal.core.permissions import require
from migralocal.core.public_cache import public_page
from migralocal.core.selectors import memberships_of, programme_countries_of
from migralocal.learning import attendance_import, documents, forms, selectors, services
from migralocal.learning import series as series_services
from migralocal.learning.loaders import event_for
from migralocal.learning.models import Event, Mode, Registration
from migralocal.learning.selectors.agenda import event_page_extras
from migralocal.learning.views import page_of

IMPORT_SALT = "learning.attendance-import"


@public_page("learning")
def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.events_visible_to(request.user)
    return render(
        request,
        "learning/event_list.html",
        {
            "page": page_of(request, events),
            "can_see_figures": request.user.has_perm("learning.view_event_reports"),
        },
    )


@permission_required("learning.view_event_reports")
def event_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Trainers create events in the countries they cover, giving times as clocks show there."""
    form = forms.EventForm(request.POST or None, countries=programme_countries_of(request.user))
    if request.method == "POST" and form.is_valid():
        require(request.user, "learning.manage_event", form.cleaned_data["country"])
        try:
            event = services.event_create(language=get_language(), **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The event was created."))
            return redirect(event)
    return render(request, "learning/event_form.html", {"form": form})


def _viewer_zone(request: HttpRequest) -> Any:
    return selectors.zone_or_none(request.COOKIES.get("migralocal_tz", ""))


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@permission_required("learning.view_event", load=event_for, visitors=True)
def event_detail(request: HttpRequest, event: Event) -> HttpResponse:
    registration = selectors.registration_of(event=event, user=request.user)
    can_register = request.user.has_perm("learning.register_for_event", event)
    registration_open = event.registration_is_open(timezone.now())
    if request.method == "POST" and request.POST.get("action") == "cancel":
        return _cancel_own_registration(request, event, registration)
    form = None
    if can_register and registration is None and not registration_open:
        if request.method == "POST":
            messages.error(request, selectors.registration_closed_message(event))
            return redirect(event)
    elif can_register and registration is None:
        form = forms.EventRegistrationForm(
            request.POST or None, initial=_registration_initial(request)
        )
        if request.method == "POST" and form.is_valid():
            try:
                registration = services.event_register(
                    event=event,
                    user=request.user if request.user.is_authenticated else None,
                    language=get_language(),
                    **form.cleaned_data,
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
            "waiting": selectors.waiting_count(event),
            "registration": registration,
            "waiting_position": selectors.waiting_position(registration),
            "registration_open": registration_open,
            "closed_message": selectors.registration_closed_message(event),
            "form": form,
            "can_register": can_register,
            "can_manage": request.user.has_perm("learning.manage_event", event),
            "can_see_figures": request.user.has_perm("learning.view_event_figures", event),
            "series": series_services.public_series_of(event),
            **event_page_extras(event, registration),
        },
    )


def _registration_initial(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    first = memberships_of(request.user).first()
    return {
        "name": request.user.get_full_name(),
        "email": request.user.email,
        "organisation": first.organisation if first else None,
        "country": first.organisation.country if first else None,
    }


def _cancel_own_registration(
    request: HttpRequest, event: Event, registration: Registration | None
) -> HttpResponse:
    """A person frees their own place; the first on the waiting list gets it."""
    if registration is None or registration.status == Registration.Status.CANCELLED:
        raise PermissionDenied
    services.registration_cancel(registration=registration, site_url=_site_url(request))
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


@never_stored
@permission_required("learning.manage_event", load=event_for)
def event_attendance(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    """The check-in list a trainer keeps on a phone or tablet at the door."""
    if request.method == "POST":
        registration = get_object_or_404(event.registrations, pk=request.POST.get("registration"))
        form = forms.CheckInForm(request.POST)
        if form.is_valid():
            services.registration_check_in(
                registration=registration,
                mode=form.cleaned_data["mode"],
                department=form.cleaned_data["department"],
            )
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
        return redirect(
            reverse("learning:event_attendance", kwargs={"slug": event.slug})
            + f"#r{registration.pk}"
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
            "page": page_of(request, registrations.order_by("name")),
            "query": query,
            "modes": Mode.choices,
            "default_mode": default_mode,
            "checked_in": event.registrations.filter(attended_at__isnull=False).count(),
            "check_in_url": request.build_absolute_uri(
                reverse(
                    "learning:event_self_check_in",
                    kwargs={"slug": event.slug, "code": event.check_in_code},
                )
            ),
        },
    )


@permission_required("learning.manage_event", load=event_for)
def event_qr(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    url = request.build_absolute_uri(
        reverse(
            "learning:event_self_check_in",
            kwargs={"slug": event.slug, "code": event.check_in_code},
        )
    )
    return HttpResponse(documents.qr_svg(url, scale=8), content_type="image/svg+xml")


@permission_required("learning.follow_own_learning", load=event_for)
def event_self_check_in(request: AuthenticatedHttpRequest, event: Event, code: str) -> HttpResponse:
    if code != event.check_in_code:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            services.event_self_check_in(event=event, code=code, user=request.user)
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


@never_stored
@permission_required("learning.manage_event", load=event_for)
def event_import(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    """Upload → check every row → confirm; nothing is written before the confirmation."""
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
            return redirect("learning:event_figures", slug=event.slug)
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
    if figures.departments is not None:
        # Each department's attendees by gender, then by mode, as shares of the department.
        split = figures.departments
        for title, labels, counts_of in (
            (_("Department or unit, by gender"), split.genders, lambda row: row.by_gender),
            (_("Department or unit, by mode"), split.modes, lambda row: row.by_mode),
        ):
            for row in split.rows:
                rows.extend(
                    [title, f"{row.name} · {label}", count, round(count * 100 / row.attendees)]
                    for label, count in zip(labels, counts_of(row), strict=True)
                    if count
                )
    return rows


def figure_headers() -> list[str]:
    return [_("Breakdown"), _("Category"), _("Attendees"), _("Share (%)")]


@permission_required("learning.view_event_figures", load=event_for)
def event_figures(request: AuthenticatedHttpRequest, event: Event) -> HttpResponse:
    figures = selectors.attendance_figures(event.registrations.all())
    file_format = request.GET.get("format")
    if file_format in {"csv", "xlsx"}:
        return exports.table_response(
            f"attendance-{event.slug}", figure_headers(), _figures_rows(figures), file_format
        )
    return render(request, "learning/event_figures.html", {"event": event, "figures": figures})


@permission_required("learning.view_event_reports")
def event_report(request: AuthenticatedHttpRequest) -> HttpResponse:
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
