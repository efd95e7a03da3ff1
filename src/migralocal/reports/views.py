"""The results dashboard, the public figures and the exports: thin views over `reading`,
`presentation` and `exports`."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.exports import XLSX_CONTENT_TYPE
from migralocal.core.models import Actor
from migralocal.core.public_cache import asks_for_download, cached_html, public_page, role_page
from migralocal.reports import conf, exports, presentation, selectors, services, tasks
from migralocal.reports.links import link_for
from migralocal.reports.loaders import export_for
from migralocal.reports.models import ReportExport
from migralocal.reports.reading import Query, protected_by_year_or_quarter, read_query

CONTENT_TYPES = {
    "xlsx": XLSX_CONTENT_TYPE,
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}


def _with_links(report: presentation.Report, user: Actor, *, public: bool) -> presentation.Report:
    linked = [
        replace(indicator, link=link_for(indicator.key, report.scope, user, public=public))
        for indicator in report.indicators
    ]
    return replace(report, indicators=linked)


def _file_response(content: bytes, filename: str, file_format: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _downloads(query: Query) -> list[tuple[str, str]]:
    chosen = {name: value for name, value in query.parameters().items() if value}
    labels = {
        "xlsx": _("Workbook (XLSX)"),
        "csv": _("Table (CSV)"),
        "pdf": _("Printable summary (PDF)"),
    }
    return [
        (label, "?" + urlencode({**chosen, "format": file_format}))
        for file_format, label in labels.items()
    ]


def _figures_html(report: presentation.Report) -> str:
    """The figures and charts, rendered once for every reader who gets the same links."""
    links = hashlib.sha256("|".join(i.link for i in report.indicators).encode()).hexdigest()
    return cached_html(
        ["reports"],
        f"report-figures:{presentation.shared_name(report.scope, report.suppressed)}:{links}",
        "reports/includes/figures.html",
        lambda: {"report": report, "items": exports.charts_of(report)},
    )


def _page(
    request: HttpRequest,
    query: Query,
    report: presentation.Report | None,
    *,
    public: bool,
    municipal: bool = False,
) -> HttpResponse:
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": query.form,
            "report": report,
            "figures": _figures_html(report) if report else "",
            "public": public,
            "municipal": municipal,
            "downloads": _downloads(query),
        },
    )


def _not_shared(request: HttpRequest) -> bool:
    """A download, or a reader whose choice of programmes lists a private one they manage: made
    for the request, not shared with readers of the same roles."""
    return asks_for_download(request) or selectors.sees_private_programmes(request.user)


@permission_required("reports.open_dashboard")
@role_page("reports", unless=_not_shared)
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Full figures of the countries the reader covers (the region's, protected, unless they
    cover it all); downloads here or in the background. A focal point reads their own
    municipality's figures, protected."""
    if not request.user.has_perm("reports.view_dashboard"):
        return _municipal_dashboard(request)
    query = read_query(
        request.GET,
        selectors.countries_readable_by(request.user),
        programmes=selectors.programmes_readable_by(request.user),
    )
    if query.scope is None:
        return _page(request, query, None, public=False)
    suppressed = not selectors.reads_full_figures(request.user, query.scope)
    if suppressed:
        query = protected_by_year_or_quarter(query)
    scope = query.scope
    if scope is None:
        return _page(request, query, None, public=False)
    file_format = request.GET.get("format", "")
    if file_format in CONTENT_TYPES:
        if file_format != "csv" and selectors.records_in(scope) > conf.background_export_rows():
            export = services.export_request(
                user=request.user,
                file_format=file_format,
                parameters=query.parameters(),
                language=get_language(),
            )
            tasks.run_export.enqueue(export.pk)
            return redirect(export)
        report = presentation.shared_report(scope, suppressed=suppressed)
        content = services.export_file(report, file_format)
        return _file_response(content, f"results-{scope.slug}.{file_format}", file_format)
    report = presentation.shared_report(scope, suppressed=suppressed)
    return _page(request, query, _with_links(report, request.user, public=False), public=False)


def _municipal_dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The focal point's municipalities only, protected as the public figures are."""
    places = selectors.municipalities_of_focal_point(request.user)
    countries = selectors.region_countries().filter(pk__in=places.values("country_id"))
    query = read_query(
        request.GET,
        countries,
        programmes=selectors.programmes_readable_by(request.user),
        municipalities=places,
    )
    query = protected_by_year_or_quarter(query)
    if query.scope is None:
        return _page(request, query, None, public=False, municipal=True)
    report = presentation.shared_report(query.scope, suppressed=True)
    file_format = request.GET.get("format", "")
    if file_format in CONTENT_TYPES:
        content = services.export_file(report, file_format)
        return _file_response(content, f"figures-{query.scope.slug}.{file_format}", file_format)
    linked = _with_links(report, request.user, public=False)
    return _page(request, query, linked, public=False, municipal=True)


@public_page("reports")
def public(request: HttpRequest) -> HttpResponse:
    """The same figures for anyone, small counts hidden and the rest rounded to 5; downloads are
    protected as well."""
    query = read_query(
        request.GET,
        selectors.region_countries(),
        programmes=selectors.programmes_readable_by(request.user),
    )
    query = protected_by_year_or_quarter(query)
    if query.scope is None:
        return _page(request, query, None, public=True)
    report = presentation.shared_report(query.scope, suppressed=True)
    file_format = request.GET.get("format", "")
    if file_format in CONTENT_TYPES:
        content = services.export_file(report, file_format)
        return _file_response(
            content, f"public-figures-{query.scope.slug}.{file_format}", file_format
        )
    return _page(request, query, _with_links(report, request.user, public=True), public=True)


@permission_required("reports.view_dashboard", load=export_for)
def export_detail(request: AuthenticatedHttpRequest, export: ReportExport) -> HttpResponse:
    return render(
        request, "reports/export.html", {"export": export, "keep_days": conf.export_keep_days()}
    )


@permission_required("reports.view_dashboard", load=export_for)
def export_progress(request: AuthenticatedHttpRequest, export: ReportExport) -> HttpResponse:
    response = render(request, "reports/includes/export_progress.html", {"export": export})
    if not export.is_running:
        # htmx reloads the page to show the download link once the file is ready.
        response["HX-Refresh"] = "true"
    return response


@permission_required("reports.view_dashboard", load=export_for)
def export_download(request: AuthenticatedHttpRequest, export: ReportExport) -> HttpResponse:
    if export.status != ReportExport.Status.DONE:
        return redirect(export)
    content = ReportExport.objects.values_list("content", flat=True).get(pk=export.pk)
    return _file_response(bytes(content), export.filename, export.file_format)


@require_POST
@permission_required("reports.view_dashboard", load=export_for)
def export_retry(request: AuthenticatedHttpRequest, export: ReportExport) -> HttpResponse:
    if export.status == ReportExport.Status.FAILED:
        export.status = ReportExport.Status.QUEUED
        export.save(update_fields=["status"])
        tasks.run_export.enqueue(export.pk)
    return redirect(export)
