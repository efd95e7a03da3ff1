from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from migralocal.consultations import conf, figures, selectors, services, tasks, xlsform
from migralocal.consultations.field_data import problem_message
from migralocal.consultations.forms import (
    AccessReasonForm,
    AreaDashboardForm,
    ConsultationForm,
    DashboardForm,
    FieldDataConnectionForm,
    OfflineConsultationForm,
    ReferralForm,
    ReferralResponseForm,
    UploadForm,
    quick_record_defaults,
)
from migralocal.consultations.loaders import (
    consultation_for,
    hub_in_query,
    referral_for,
    upload_for,
)
from migralocal.consultations.models import (
    Consultation,
    FieldDataConnection,
    IdentityRecord,
    Referral,
    SubmissionImport,
)
from migralocal.consultations.permissions import may_read_identity, may_read_shared_identity
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.models import Country, User
from migralocal.core.no_store import never_stored
from migralocal.core.public_cache import asks_for_download, cached_figure, cached_html, role_page
from migralocal.core.routers import replica_reads
from migralocal.core.selectors import focal_point_places
from migralocal.directory.loaders import hub_for
from migralocal.directory.models import Hub, Service

PAGE_SIZE = 25
SEARCH_RESULTS = 8


@permission_required("consultations.record_consultations")
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "consultations/home.html", {"hubs": selectors.hubs_recordable_by(request.user)}
    )


def _record_initial(request: AuthenticatedHttpRequest, hubs: Any) -> dict[str, Any]:
    """A quick record's defaults at the chosen (or first) hub, unless the address says."""
    wanted = request.GET.get("hub", "")
    hub = (hubs.filter(pk=int(wanted)).first() if wanted.isdigit() else None) or hubs.first()
    defaults = quick_record_defaults(request.user)
    return {
        **defaults,
        "hub": hub,
        "date": request.GET.get("date") or defaults["date"],
        "channel": request.GET.get("channel") or defaults["channel"],
    }


@permission_required("consultations.record_consultations")
def record(request: AuthenticatedHttpRequest) -> HttpResponse:
    hubs = selectors.hubs_recordable_by(request.user)
    form = ConsultationForm(request.POST or None, hubs=hubs, initial=_record_initial(request, hubs))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = form.record(request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Consultation %(number)s recorded.") % {"number": consultation.pk}
            )
            if request.POST.get("action") == "another":
                defaults = {
                    "hub": data["hub"].pk,
                    "date": data["date"].isoformat(),
                    "channel": data["channel"],
                }
                return redirect(f"{reverse('consultations:record')}?{urlencode(defaults)}")
            return redirect(consultation)
    chosen = form["referrals"].value() if form.is_bound else []
    chosen_services = (
        Service.objects.filter(pk__in=[pk for pk in chosen or [] if pk])
        .select_related("hub", "organization")
        .prefetch_related("translations", "hub__translations")
    )
    return render(
        request, "consultations/record.html", {"form": form, "chosen_services": chosen_services}
    )


@permission_required("consultations.record_consultations")
def offline_record(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The record form that keeps working without a connection (static/consultations/
    offline-record.js): it shows the hubs and lists a recorder may choose from, nothing of any
    person, so the site's service worker keeps it for this device. `private`: no shared cache."""
    hubs = selectors.hubs_recordable_by(request.user)
    form = OfflineConsultationForm(hubs=hubs, initial=_record_initial(request, hubs))
    response = render(request, "consultations/offline_record.html", {"form": form})
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
@permission_required("consultations.record_consultations")
def offline_sync(request: AuthenticatedHttpRequest) -> JsonResponse:
    """One consultation recorded offline, as JSON with its device id. 201 when recorded, 409 when
    that id was recorded before (the device forgets it either way), 400 with the errors."""
    try:
        data = json.loads(request.body)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return JsonResponse({"errors": {"__all__": [_("Send one record as JSON.")]}}, status=400)
    form = OfflineConsultationForm(data=data, hubs=selectors.hubs_recordable_by(request.user))
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    try:
        consultation = form.record(request.user)
    except services.AlreadyRecorded as already:
        return JsonResponse({"status": "duplicate", "id": already.consultation.pk}, status=409)
    except ValidationError as error:
        return JsonResponse({"errors": {"__all__": error.messages}}, status=400)
    return JsonResponse({"status": "recorded", "id": consultation.pk}, status=201)


@permission_required("consultations.record_at_hub", load=hub_in_query)
def service_search(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    results = selectors.referral_services(hub, text)[:SEARCH_RESULTS] if len(text) >= 2 else []
    # The services already on the form are offered as added, not to be added a second time.
    chosen = {value for value in request.GET.getlist("referrals") if value}
    return render(
        request,
        "consultations/includes/service_results.html",
        {
            "results": results,
            "text": text,
            "chosen": {service.pk for service in results if str(service.pk) in chosen},
        },
    )


@permission_required("consultations.record_consultations")
def service_chosen(request: AuthenticatedHttpRequest, pk: str) -> HttpResponse:
    service: Service = get_object_or_404(
        Service.objects.select_related("hub", "organization").prefetch_related(
            "translations", "hub__translations"
        ),
        pk=pk,
    )
    return render(request, "consultations/includes/chosen_service.html", {"service": service})


@never_stored
@permission_required("consultations.view_consultation", load=consultation_for)
def detail(request: AuthenticatedHttpRequest, consultation: Consultation) -> HttpResponse:
    referrals = _referral_forms(consultation.referrals.all())
    has_identity = IdentityRecord.objects.filter(consultation=consultation).exists()
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "referrals": referrals,
            "has_identity": has_identity,
            # Each referral's status history, with who changed it and on which side.
            "show_history": True,
        },
    )


@never_stored
@permission_required("consultations.view_consultation", load=consultation_for)
def identity(request: AuthenticatedHttpRequest, consultation: Consultation) -> HttpResponse:
    # Not a permission Django's superuser shortcut may pass: the hub's staff alone read these.
    if not may_read_identity(request.user, consultation):
        raise PermissionDenied
    form = AccessReasonForm(request.POST or None)
    record = None
    if request.method == "POST" and form.is_valid():
        record = services.identity_read(
            consultation=consultation, user=request.user, reason=form.reason_text()
        )
        if record is None:
            raise Http404
    return render(
        request,
        "consultations/identity.html",
        {"consultation": consultation, "form": form, "record": record},
    )


@require_POST
@permission_required("consultations.change_referral", load=referral_for)
def referral_edit(request: AuthenticatedHttpRequest, referral: Referral) -> HttpResponse:
    form = ReferralForm(request.POST, prefix=f"r{referral.pk}")
    if form.is_valid():
        try:
            services.referral_update(referral=referral, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Referral updated."))
    else:
        _report_errors(request, form)
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(referral.consultation)


def _report_errors(request: AuthenticatedHttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@never_stored
@permission_required("consultations.view_incoming_referrals")
def incoming(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The referrals hubs made to the services of the user's organisations, to answer."""
    status = request.GET.get("status", "")
    if status not in Referral.Status.values:
        status = ""
    page = Paginator(
        selectors.incoming_referrals_of(request.user, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/incoming.html",
        {
            "page": page,
            "status": status,
            "statuses": Referral.Status.choices,
            "rows": [
                (referral, ReferralResponseForm(referral=referral, prefix=f"r{referral.pk}"))
                for referral in page
            ],
        },
    )


@require_POST
@permission_required("consultations.respond_to_referral", load=referral_for)
def referral_respond(request: AuthenticatedHttpRequest, referral: Referral) -> HttpResponse:
    form = ReferralResponseForm(request.POST, referral=referral, prefix=f"r{referral.pk}")
    if form.is_valid():
        try:
            services.referral_respond(referral=referral, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Referral updated."))
    else:
        _report_errors(request, form)
    return redirect("consultations:incoming")


@never_stored
@permission_required("consultations.respond_to_referral", load=referral_for)
def shared_identity(request: AuthenticatedHttpRequest, referral: Referral) -> HttpResponse:
    """The details the person agreed to share with the service referred to, read with a reason
    and logged; the receiving service's staff alone, not platform admins."""
    if not may_read_shared_identity(request.user, referral):
        raise PermissionDenied
    form = AccessReasonForm(request.POST or None)
    record = None
    asked = request.method == "POST" and form.is_valid()
    if asked:
        record = services.referral_shared_identity_read(
            referral=referral, user=request.user, reason=form.reason_text()
        )
    return render(
        request,
        "consultations/shared_identity.html",
        {"referral": referral, "form": form, "record": record, "asked": asked},
    )


@never_stored
@permission_required("consultations.view_hub_dashboard", load=hub_for)
def hub_consultations(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    page = Paginator(selectors.consultations_of_hub(hub), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "consultations/hub.html", {"hub": hub, "page": page})


@never_stored
@permission_required("consultations.view_hub_dashboard", load=hub_for)
def follow_ups(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    lists = selectors.follow_ups_of_hub(hub)
    overdue = Paginator(lists.overdue, PAGE_SIZE).get_page(request.GET.get("overdue_page"))
    due = Paginator(lists.due, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/follow_ups.html",
        {
            "hub": hub,
            "overdue": overdue,
            "page": due,
            "overdue_forms": _referral_forms(overdue),
            "due_forms": _referral_forms(due),
        },
    )


def _referral_forms(referrals: Any) -> list[tuple[Referral, ReferralForm]]:
    return [
        (
            referral,
            ReferralForm(
                initial={
                    "status": referral.status,
                    "follow_up_on": referral.follow_up_on,
                    "notes": referral.notes,
                    "version": referral.version,
                },
                prefix=f"r{referral.pk}",
            ),
        )
        for referral in referrals
    ]


def _download(board: figures.Dashboard, name: str, kind: str) -> HttpResponse:
    if kind == "xlsx":
        response = HttpResponse(
            figures.export_xlsx(board),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(figures.export_csv(board), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@permission_required("consultations.view_hub_dashboard", load=hub_for)
def hub_dashboard(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    """Full figures for the hub's own staff; downloads leave the hub, so they are protected
    (small counts hidden, the rest rounded to 5)."""
    years = selectors.years_with_consultations()
    form = DashboardForm(request.GET or None, years=years)
    year = form.cleaned_data["year"] if form.is_valid() else years[0]
    scope = selectors.Scope(year=year, hub=hub)
    kind = request.GET.get("format", "")
    if kind in {"csv", "xlsx"}:
        return _download(
            figures.dashboard(scope, suppressed=True), f"consultations-{hub.slug}-{year}", kind
        )
    board = figures.dashboard(scope, suppressed=False)
    return render(
        request,
        "consultations/dashboard.html",
        {"hub": hub, "form": form, "board": board, "year": year},
    )


def _area_board(scope: selectors.Scope) -> figures.Dashboard:
    """Protected figures of an area are the same for everyone allowed to see them: computed once
    (on the read replica, when there is one) and shared until a consultation changes."""

    def compute() -> figures.Dashboard:
        with replica_reads():
            return figures.dashboard(scope, suppressed=True, by_hub=True)

    return cached_figure(["consultations"], f"area-dashboard:{_area_name(scope)}", compute)


def _area_name(scope: selectors.Scope) -> str:
    return f"{scope.year}:{scope.country_id}:{scope.municipality_id}"


@permission_required("consultations.view_area_dashboard")
@role_page("consultations", unless=asks_for_download)
def area_dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Suppressed figures by country or municipality, for the countries the user covers. The
    municipalities offered are those of the chosen country (the first, until one is chosen). A
    focal point who covers no country reads their own municipalities' figures only."""
    countries = selectors.countries_with_figures_for(request.user)
    own_places = None
    if not countries:
        own_places = focal_point_places(request.user)
        countries = Country.objects.filter(pk__in=own_places.values("country_id"))
    chosen = next(
        (country for country in countries if str(country.pk) == request.GET.get("country")),
        next(iter(countries), None),
    )
    municipalities = selectors.municipalities_with_hubs(chosen)
    if own_places is not None:
        municipalities = municipalities.filter(pk__in=own_places.values("pk"))
    years = selectors.years_with_consultations()
    form = AreaDashboardForm(
        request.GET or None,
        years=years,
        countries=countries,
        municipalities=municipalities,
        municipality_required=own_places is not None,
        initial={"country": chosen, "year": years[0], "municipality": municipalities.first()},
    )
    figures = ""
    if form.is_valid():
        data = form.cleaned_data
        municipality = data.get("municipality")
        scope = selectors.Scope(
            year=data["year"],
            country_id=data["country"].pk,
            municipality_id=municipality.pk if municipality else None,
        )
        kind = request.GET.get("format", "")
        if kind in {"csv", "xlsx"}:
            place = municipality.code if municipality else data["country"].code
            return _download(_area_board(scope), f"consultations-{place}-{data['year']}", kind)
        figures = cached_html(
            ["consultations"],
            f"area-figures:{_area_name(scope)}",
            "consultations/includes/figures.html",
            lambda: {"board": _area_board(scope)},
        )
    return render(request, "consultations/area_dashboard.html", {"form": form, "figures": figures})


@permission_required("consultations.import_submissions", load=hub_for)
def xlsform_download(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{hub.slug}.xlsx"'
    xlsform.write_xlsform(hub, response)
    return response


def _is_large(upload: Any) -> bool:
    # Roughly 150 bytes a row in a Kobo export: enough to tell a background-sized file.
    return upload.size > conf.background_import_rows() * 150


@permission_required("consultations.import_submissions", load=hub_for)
def upload(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        created = services.submission_upload_create(hub=hub, user=request.user, file=file)
        _validate(created, in_background=_is_large(file))
        return redirect("consultations:upload_detail", pk=created.pk)
    recent = Paginator(hub.submission_imports.all(), PAGE_SIZE).get_page(request.GET.get("page"))
    connection = FieldDataConnection.objects.filter(hub=hub).first()
    return render(
        request,
        "consultations/upload.html",
        {"hub": hub, "form": form, "page": recent, "connection": connection},
    )


@never_stored
@sensitive_post_parameters("secret")
@permission_required("consultations.import_submissions", load=hub_for)
def field_data_connection(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    """Connect the hub's form on KoboToolbox or ODK Central; the secret is never shown back."""
    if request.method == "POST" and request.POST.get("action") == "disconnect":
        services.field_data_connection_remove(hub=hub, user=request.user)
        messages.success(request, _("The hub is disconnected; its earlier imports stay."))
        return redirect("consultations:field_data_connection", slug=hub.slug)
    connection = FieldDataConnection.objects.filter(hub=hub).first()
    form = FieldDataConnectionForm(request.POST or None, instance=connection)
    if request.method == "POST" and form.is_valid():
        try:
            services.field_data_connection_save(
                hub=hub,
                user=request.user,
                values=form.cleaned_data,
                secret=form.cleaned_data["secret"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, _("The connection is saved."))
            return redirect("consultations:field_data_connection", slug=hub.slug)
    return render(
        request,
        "consultations/field_data_connection.html",
        {
            "hub": hub,
            "form": form,
            "connection": connection,
            "problem": problem_message(connection) if connection and connection.last_error else "",
        },
    )


@require_POST
@permission_required("consultations.import_submissions", load=hub_for)
def field_data_pull(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    """Pull the connection's new submissions now, and say what came of it."""
    connection = FieldDataConnection.objects.filter(hub=hub).first()
    if connection is None:
        messages.error(request, _("Connect the hub to KoboToolbox or ODK Central first."))
        return redirect("consultations:field_data_connection", slug=hub.slug)
    outcome = services.field_data_pull(connection=connection, user=request.user)
    if outcome.problem:
        messages.error(request, outcome.problem)
        return redirect("consultations:field_data_connection", slug=hub.slug)
    if outcome.waiting is not None:
        messages.warning(
            request, _("An earlier pull waits for your decision: nothing new was pulled.")
        )
        return redirect("consultations:upload_detail", pk=outcome.waiting.pk)
    if outcome.upload is None:
        messages.info(request, _("No new submissions."))
        return redirect("consultations:field_data_connection", slug=hub.slug)
    return redirect("consultations:upload_detail", pk=outcome.upload.pk)


def _validate(upload: SubmissionImport, *, in_background: bool) -> None:
    if in_background:
        tasks.validate_upload.enqueue(upload.pk)
    else:
        services.submission_upload_validate(upload=upload)


def _import(upload: SubmissionImport, user: User, *, skip_rows_with_problems: bool = False) -> None:
    if upload.total_rows > conf.background_import_rows():
        tasks.run_upload.enqueue(upload.pk, skip_rows_with_problems)
    else:
        services.submission_upload_run(
            upload=upload, user=user, skip_rows_with_problems=skip_rows_with_problems
        )


def _retry(upload: SubmissionImport, user: User) -> None:
    step = services.submission_upload_retry(upload=upload, user=user)
    if step == "validate":
        _validate(upload, in_background=_is_large(upload.file))
    else:
        _import(upload, user)


@never_stored
@permission_required("consultations.import_submissions", load=upload_for)
def upload_detail(request: AuthenticatedHttpRequest, found: SubmissionImport) -> HttpResponse:
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "confirm":
        if found.status != SubmissionImport.Status.VALIDATED:
            messages.error(request, _("Only a checked file without errors can be imported."))
        else:
            _import(found, request.user)
        return redirect("consultations:upload_detail", pk=found.pk)
    if action == "import_good_rows":
        if not found.awaits_decision:
            messages.error(
                request, _("Only a pulled batch that waits for a decision can be imported.")
            )
        else:
            _import(found, request.user, skip_rows_with_problems=True)
        return redirect("consultations:upload_detail", pk=found.pk)
    if action == "discard":
        try:
            services.pulled_import_discard(upload=found, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("consultations:upload_detail", pk=found.pk)
    if action == "retry":
        try:
            _retry(found, request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("consultations:upload_detail", pk=found.pk)
    page = Paginator(found.errors, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/upload_detail.html",
        {"upload": found, "hub": found.hub, "page": page, "stuck": found.looks_stuck()},
    )


@permission_required("consultations.import_submissions", load=upload_for)
def upload_progress(request: AuthenticatedHttpRequest, found: SubmissionImport) -> HttpResponse:
    response = render(request, "consultations/includes/progress.html", {"upload": found})
    if not found.is_running:
        # htmx reloads the page to show the result once the work is done.
        response["HX-Refresh"] = "true"
    return response
