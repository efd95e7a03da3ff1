from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from migralocal.commitments import spam
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.models import Country
from migralocal.core.no_store import never_stored
from migralocal.core.public_cache import public_cache_timeout, public_page
from migralocal.core.selectors import terms_of
from migralocal.directory import reports, selectors, services
from migralocal.directory.forms import (
    HUB_FIELDS,
    HubForm,
    ListingReportForm,
    ListingReportHandleForm,
    SearchForm,
    ServiceForm,
)
from migralocal.directory.hsds import exporting
from migralocal.directory.loaders import hub_for, service_for
from migralocal.directory.models import Hub, ListingReport, Service
from migralocal.directory.opening import first_opening, hub_opening, opens_on

PAGE_SIZE = 20
LISTING_REPORTS_PER_HOUR = 5
HUB_PAGE_SIZE = 30


def _search_form(request: HttpRequest) -> SearchForm:
    return SearchForm(
        request.GET or None,
        needs=selectors.search_needs(),
        countries=selectors.search_countries(),
        municipalities=selectors.search_municipalities(),
    )


def _map_points(hubs: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": str(hub),
            "url": hub.get_absolute_url(),
            "lat": float(hub.latitude),
            "lon": float(hub.longitude),
        }
        for hub in hubs
        if hub.latitude is not None and hub.longitude is not None
    ]


def _personal_or_timely(request: HttpRequest) -> bool:
    """A visitor's position, and "open now", are never served from the cache."""
    return any(request.GET.get(name) for name in ("lat", "lon", "open_now"))


# The query parameters each filter of the search is made of, to take it away in one link.
FILTER_PARAMETERS = {
    "open_now": ("open_now",),
    "need": ("need",),
    "place": ("country", "municipality", "lat", "lon", "distance"),
    "language": ("language",),
    "text": ("q",),
}
PAGE_PARAMETERS = ("page", "hubs_page")


def _query(request: HttpRequest, *, drop: tuple[str, ...] = (), **changes: Any) -> str:
    """The current search's query string, on its first page, with parameters dropped or set."""
    query = request.GET.copy()
    for name in (*drop, *PAGE_PARAMETERS):
        query.pop(name, None)
    for name, value in changes.items():
        query[name] = str(value)
    return "?" + query.urlencode() if query else "?"


def _with_openings(hubs: Any, now: datetime) -> datetime | None:
    """Give each hub its `opening` and `opening_text`; return when the first of them changes."""
    changes = []
    for hub in hubs:
        hub.opening = hub_opening(hub, now)
        hub.opening_text = hub.opening.describe(now)
        if (moment := hub.opening.changes_at(now, hub.timezone)) is not None:
            changes.append(moment)
    return min(changes, default=None)


def _keep_timely(response: HttpResponse, changes_at: datetime | None, now: datetime) -> None:
    """A page saying "open now" is not kept in the shared cache past the moment it turns false."""
    if changes_at is not None and changes_at <= now + timedelta(seconds=public_cache_timeout()):
        patch_cache_control(response, private=True)


def _map(request: HttpRequest, hubs: Any) -> dict[str, Any]:
    """The map is drawn only when asked for and when a tile server is configured; otherwise the
    page sends no map code at all and the list stays the whole answer."""
    asked = request.GET.get("map") == "1"
    return {
        "map_available": bool(settings.MAP_TILE_URL),
        "map_shown": asked and bool(settings.MAP_TILE_URL),
        "map_asked": asked,
        "map_points": _map_points(hubs) if asked and settings.MAP_TILE_URL else [],
        "map_query": _query(request, map=1),
        "list_query": _query(request, drop=("map",)),
    }


def _empty_search_help(
    request: HttpRequest, criteria: selectors.SearchCriteria, now: datetime
) -> dict[str, Any]:
    """Why a search found no hub, and the same search without each filter that emptied it."""
    relaxations = selectors.search_relaxations(criteria, now)
    opening = None
    if "open_now" in relaxations:
        relaxed = selectors.hub_search(replace(criteria, open_now=False), now)
        opening = first_opening(relaxed[:HUB_PAGE_SIZE], now)
    return {
        "relaxations": [
            (name, count, _query(request, drop=FILTER_PARAMETERS[name]))
            for name, count in relaxations.items()
        ],
        "closed_now": "open_now" in relaxations,
        "first_opening": opening and (opening[0], opens_on(opening[1], now)),
    }


def _place_choices(request: HttpRequest, criteria: selectors.SearchCriteria) -> Any:
    """After a need is chosen and before a place is: one link per municipality that has it."""
    return [
        (area, count, _query(request, drop=FILTER_PARAMETERS["place"], municipality=area.pk))
        for area, count in selectors.hub_places(criteria)
    ]


def _hub_page(hubs: Any, number: str | None) -> Page:
    """The page of hubs asked for. The first page is read with one row more than it shows: when
    the answer fits on it (a handful of hubs, as a phone's search usually finds), its rows are
    its count, and the count query is saved."""
    if number not in (None, "", "1"):
        return Paginator(hubs, HUB_PAGE_SIZE).get_page(number)
    rows = list(hubs[: HUB_PAGE_SIZE + 1])
    if len(rows) <= HUB_PAGE_SIZE:
        return Paginator(rows, HUB_PAGE_SIZE).page(1)
    return Page(rows[:HUB_PAGE_SIZE], 1, Paginator(hubs, HUB_PAGE_SIZE))


@public_page("directory", unless=_personal_or_timely)
def search(request: HttpRequest) -> HttpResponse:
    form = _search_form(request)
    criteria = form.criteria() if form.is_valid() else selectors.SearchCriteria()
    searched = criteria != selectors.SearchCriteria()
    now = timezone.now()
    service_page = Paginator(selectors.service_search(criteria, now), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    hub_page = _hub_page(selectors.hub_search(criteria, now), request.GET.get("hubs_page"))
    changes_at = _with_openings(hub_page, now)
    choose_place = criteria.need is not None and selectors.without_place(criteria) == criteria
    response = render(
        request,
        "directory/search.html",
        {
            "form": form,
            "criteria": criteria,
            "searched": searched,
            "page": service_page,
            "hub_page": hub_page,
            "near": criteria.near,
            "place_choices": _place_choices(request, criteria) if choose_place else None,
            "empty": _empty_search_help(request, criteria, now)
            if searched and not hub_page.paginator.count
            else None,
            **_map(request, hub_page),
        },
    )
    _keep_timely(response, changes_at, now)
    return response


@public_page("directory")
@permission_required("directory.view_listing", load=hub_for, visitors=True)
def hub_detail(request: HttpRequest, hub: Hub) -> HttpResponse:
    selectors.with_listing_details(hub)
    can_edit = request.user.has_perm("directory.change_hub", hub)
    now = timezone.now()
    changes_at = _with_openings([hub], now)
    response = render(
        request,
        "directory/hub_detail.html",
        {
            "hub": hub,
            "services": selectors.services_of_hub(hub, include_hidden=can_edit),
            "can_edit": can_edit,
            **_map(request, [hub]),
        },
    )
    _keep_timely(response, changes_at, now)
    return response


@public_page("directory")
@permission_required("directory.view_listing", load=hub_for, visitors=True)
def hub_sheet(request: HttpRequest, hub: Hub) -> HttpResponse:
    selectors.with_listing_details(hub)
    page_url = request.build_absolute_uri(hub.get_absolute_url())
    qr_svg = segno.make(page_url, error="m").svg_inline(scale=4, title=str(hub))
    return render(
        request,
        "directory/hub_sheet.html",
        {
            "hub": hub,
            "services": selectors.services_of_hub(hub),
            "page_url": page_url,
            "qr_svg": mark_safe(qr_svg),  # noqa: S308  (segno's own SVG, from our own URL)  # nosec B308
        },
    )


@public_page("directory")
@permission_required("directory.view_listing", load=service_for, visitors=True)
def service_detail(request: HttpRequest, service: Service) -> HttpResponse:
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "can_edit": bool(service.hub)
            and request.user.has_perm("directory.change_service", service),
        },
    )


@public_page("directory")
def pathway_list(request: HttpRequest) -> HttpResponse:
    country = Country.objects.filter(code=request.GET.get("country", "").upper()).first()
    pathways = selectors.published_pathways(country=country)
    page = Paginator(pathways, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/pathway_list.html",
        {"page": page, "countries": selectors.search_countries(), "country": country},
    )


@public_page("directory")
def pathway_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pathway = selectors.pathway_detail(slug)
    if pathway is None:
        raise Http404
    return render(request, "directory/pathway_detail.html", {"pathway": pathway})


@permission_required("directory.export_directory", visitors=True)
def export_download(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(exporting.export_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="migralocal-hsds.zip"'
    return response


@permission_required("directory.keep_listings")
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.hubs_kept_by(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "directory/manage.html", {"page": page})


def _preview(form: Any) -> dict[str, dict[str, str]] | None:
    return form.texts() if form.data.get("action") == "preview" and form.is_valid() else None


@permission_required("directory.change_hub", load=hub_for)
def hub_edit(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    form = HubForm(request.POST or None, initial=HubForm.initial_for(hub))
    preview = _preview(form)
    if request.method == "POST" and preview is None and form.is_valid():
        data = form.cleaned_data
        try:
            services.hub_update(
                hub=hub,
                user=request.user,
                texts=form.texts(),
                **{key: data[key] for key in HUB_FIELDS},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The hub was saved."))
            return redirect(hub)
    return render(
        request, "directory/hub_form.html", {"hub": hub, "form": form, "preview": preview}
    )


def _service_form(request: HttpRequest, initial: dict[str, Any]) -> ServiceForm:
    return ServiceForm(
        request.POST or None,
        initial=initial,
        categories=terms_of("service-categories"),
        profiles=terms_of("migration-situations"),
    )


def _save_service(
    request: AuthenticatedHttpRequest, form: ServiceForm, hub: Hub, service: Service | None
) -> Service | None:
    data = form.cleaned_data
    try:
        return services.service_save(
            service=service,
            hub=hub,
            user=request.user,
            texts=form.texts(),
            **{
                key: data[key]
                for key in (
                    "status",
                    "url",
                    "email",
                    "minimum_age",
                    "maximum_age",
                    "categories",
                    "migration_profiles",
                    "languages",
                    "phone",
                    "verified",
                )
            },
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


@permission_required("directory.add_service", load=hub_for)
def service_create(request: AuthenticatedHttpRequest, hub: Hub) -> HttpResponse:
    form = _service_form(request, {"status": Service.Status.ACTIVE})
    preview = _preview(form)
    if request.method == "POST" and preview is None and form.is_valid():
        service = _save_service(request, form, hub, None)
        if service is not None:
            messages.success(request, _("The service was saved."))
            return redirect(hub)
    return render(
        request,
        "directory/service_form.html",
        {"hub": hub, "service": None, "form": form, "preview": preview},
    )


@permission_required("directory.change_service", load=service_for)
def service_edit(request: AuthenticatedHttpRequest, service: Service) -> HttpResponse:
    if service.hub is None:  # a service imported without a hub is kept through imports
        raise PermissionDenied
    hub = service.hub
    form = _service_form(request, ServiceForm.initial_for(service))
    preview = _preview(form)
    if (
        request.method == "POST"
        and preview is None
        and form.is_valid()
        and _save_service(request, form, hub, service) is not None
    ):
        messages.success(request, _("The service was saved."))
        return redirect(hub)
    return render(
        request,
        "directory/service_form.html",
        {"hub": hub, "service": service, "form": form, "preview": preview},
    )


# Problems with a listing, reported by the public -------------------------------------------


def _listing_report(
    request: HttpRequest, *, hub: Hub | None = None, service: Service | None = None
) -> HttpResponse:
    """Anyone reports a problem with a listing, without an account: rate-limited by address,
    and a bot that fills the hidden field is answered as if it had succeeded."""
    listing = service or hub
    form = ListingReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_spam():
            return render(request, "directory/report_received.html", {"listing": listing})
        if not spam.within_rate_limit(
            "listing-report", spam.client_address(request), limit=LISTING_REPORTS_PER_HOUR
        ):
            form.add_error(
                None, _("Too many submissions from your address. Please try again in an hour.")
            )
            status = 429
        elif form.is_valid():
            try:
                reports.listing_report_submit(
                    hub=hub,
                    service=service,
                    problem=form.cleaned_data["problem"],
                    details=form.cleaned_data["details"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(request, "directory/report_received.html", {"listing": listing})
    return render(
        request, "directory/report_problem.html", {"form": form, "listing": listing}, status=status
    )


@never_stored
@permission_required("directory.view_listing", load=hub_for, visitors=True)
def hub_report(request: HttpRequest, hub: Hub) -> HttpResponse:
    return _listing_report(request, hub=hub)


@never_stored
@permission_required("directory.view_listing", load=service_for, visitors=True)
def service_report(request: HttpRequest, service: Service) -> HttpResponse:
    return _listing_report(request, service=service)


@never_stored
@permission_required("directory.keep_listings")
def listing_reports(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The queue of problems reported on the listings the user keeps, open ones by default."""
    status = request.GET.get("status", ListingReport.Status.OPEN)
    if status not in ListingReport.Status.values:
        status = ""
    page = Paginator(
        selectors.listing_reports_for(request.user, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/listing_reports.html",
        {
            "page": page,
            "status": status,
            "statuses": ListingReport.Status.choices,
            "form": ListingReportHandleForm(),
        },
    )


def _report_for(request: HttpRequest, pk: int) -> ListingReport:
    report = ListingReport.objects.select_related("hub", "service").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


@require_POST
@permission_required("directory.handle_listing_report", load=_report_for)
def listing_report_handle(request: AuthenticatedHttpRequest, report: ListingReport) -> HttpResponse:
    form = ListingReportHandleForm(request.POST)
    if form.is_valid():
        try:
            reports.listing_report_handle(report=report, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Report handled."))
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
    return redirect("directory:listing_reports")
