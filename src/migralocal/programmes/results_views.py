"""The results pages: what a programme reached against its targets (for whoever may see the
programme, counts protected for readers outside it), and the pages where its managers keep the
framework. Thin views over `results_selectors`, `results_services` and `results_exports`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from migralocal.consultations.suppression import HIDDEN_NOTE
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.exports import XLSX_CONTENT_TYPE
from migralocal.core.public_cache import asks_for_download, role_page
from migralocal.programmes import results_exports
from migralocal.programmes import results_services as services
from migralocal.programmes.loaders import programme_for
from migralocal.programmes.models import Programme
from migralocal.programmes.results import ManualActual, Outcome, Output, ResultIndicator, Target
from migralocal.programmes.results_forms import (
    ActualForm,
    IndicatorForm,
    PeriodValueForm,
    ResultsFilterForm,
    TitlesForm,
)
from migralocal.programmes.results_selectors import (
    framework_of,
    reads_full_results,
    shared_results,
)
from migralocal.programmes.views import _add_errors

KEEP = "programmes.change_programme_results"


def _downloads(form: ResultsFilterForm) -> list[tuple[str, str]]:
    chosen = {name: value for name, value in form.data.items() if value and name != "format"}
    labels = {"xlsx": _("Donor workbook (XLSX)"), "pdf": _("Printable results (PDF)")}
    return [
        (label, "?" + urlencode({**chosen, "format": file_format}))
        for file_format, label in labels.items()
    ]


def _keeps(request: HttpRequest, programme: Programme) -> str:
    """Beyond their roles, whether the reader keeps this programme (its managers): they read its
    figures in full and are shown the links to keep it."""
    return f"keeps={request.user.has_perm(KEEP, programme)}"


@permission_required("programmes.view_programme", load=programme_for, visitors=True)
@role_page("programmes", unless=asks_for_download, variant=_keeps)
def programme_results(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Baseline, target, actual and share of each indicator for the chosen days and countries."""
    form = ResultsFilterForm(request.GET or None, programme=programme)
    start, end = form.chosen_range()
    countries = form.chosen_countries()
    shown = countries if countries is not None else form.programme_countries
    suppressed = not reads_full_results(request.user, programme, shown)
    results = shared_results(programme, start, end, countries, suppressed=suppressed)
    file_format = request.GET.get("format", "")
    if file_format in ("xlsx", "pdf"):
        name = f"results-{programme.slug}-{start.isoformat()}-{end.isoformat()}.{file_format}"
        if file_format == "xlsx":
            content, content_type = results_exports.workbook_bytes(results), XLSX_CONTENT_TYPE
        else:
            content, content_type = results_exports.pdf_bytes(results), "application/pdf"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "programmes/results.html",
        {
            "programme": programme,
            "form": form,
            "results": results,
            "note": HIDDEN_NOTE,
            "downloads": _downloads(form),
            "may_keep": request.user.has_perm(KEEP, programme),
        },
    )


# Keeping the framework ------------------------------------------------------------------------


def _framework_url(programme: Programme) -> str:
    return reverse("programmes:results_framework", kwargs={"slug": programme.slug})


@permission_required(KEEP, load=programme_for)
def results_framework(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    """Every outcome, output and indicator, with links to add, change and remove them."""
    return render(
        request,
        "programmes/results_framework.html",
        {"programme": programme, "outcomes": framework_of(programme)},
    )


# What each kind of record is: its model, the path from it to its programme, its parent's kind.
KINDS: dict[str, tuple[type[Model], str, str]] = {
    "outcome": (Outcome, "programme", ""),
    "output": (Output, "outcome__programme", "outcome"),
    "indicator": (ResultIndicator, "output__outcome__programme", "output"),
    "target": (Target, "indicator__output__outcome__programme", "indicator"),
    "actual": (ManualActual, "indicator__output__outcome__programme", "indicator"),
}


def _record(programme: Programme, kind: str, pk: Any) -> Any:
    """The programme's record of `kind` with id `pk`: 404 for another programme's."""
    if kind not in KINDS:
        raise Http404
    model, path, _parent = KINDS[kind]
    try:
        return model._default_manager.get(**{"pk": int(pk), path: programme})
    except (ObjectDoesNotExist, TypeError, ValueError):
        raise Http404 from None


def _form_for(kind: str, programme: Programme, data: Any, files: Any, initial: Any) -> Form:
    if kind == "indicator":
        return IndicatorForm(data, initial=initial)
    if kind == "target":
        return PeriodValueForm(data, programme=programme, initial=initial)
    if kind == "actual":
        return ActualForm(data, files, programme=programme, initial=initial)
    return TitlesForm(data, initial=initial)


def _create(
    kind: str, actor: AuthenticatedHttpRequest, programme: Programme, parent: Any, form: Any
) -> Any:
    user = actor.user
    data = form.cleaned_data
    if kind == "outcome":
        return services.outcome_create(
            actor=user, programme=programme, titles=form.titles(), position=data["position"]
        )
    if kind == "output":
        return services.output_create(
            actor=user, outcome=parent, titles=form.titles(), position=data["position"]
        )
    if kind == "indicator":
        return services.indicator_create(actor=user, output=parent, fields=form.indicator_fields())
    period = {
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "value": data["value"],
        "country": data["country"],
    }
    if kind == "target":
        return services.target_create(actor=user, indicator=parent, **period)
    return services.actual_create(
        actor=user,
        indicator=parent,
        source=data["source"],
        evidence_url=data["evidence_url"],
        evidence_file=data["evidence_file"],
        **period,
    )


def _after(programme: Programme, kind: str, record: Any) -> str:
    if kind in ("target", "actual"):
        return reverse(
            "programmes:results_indicator",
            kwargs={"slug": programme.slug, "pk": record.indicator_id},
        )
    return _framework_url(programme)


@permission_required(KEEP, load=programme_for)
def results_new(request: AuthenticatedHttpRequest, programme: Programme, kind: str) -> HttpResponse:
    """A new outcome of the programme, or a new output, indicator, target or reported actual of
    the record `?parent=` names."""
    if kind not in KINDS:
        raise Http404
    parent_kind = KINDS[kind][2]
    parent = _record(programme, parent_kind, request.GET.get("parent")) if parent_kind else None
    if kind == "actual" and parent is not None and parent.is_computed:
        raise Http404
    form = _form_for(kind, programme, request.POST or None, request.FILES or None, None)
    if request.method == "POST" and form.is_valid():
        try:
            record = _create(kind, request, programme, parent, form)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_after(programme, kind, record))
    return render(
        request,
        "programmes/results_form.html",
        {"programme": programme, "form": form, "kind": kind, "parent": parent, "record": None},
    )


@permission_required(KEEP, load=programme_for)
def results_edit(
    request: AuthenticatedHttpRequest, programme: Programme, kind: str, pk: int
) -> HttpResponse:
    """Outcomes, outputs and indicators are changed; targets and actuals are removed and added."""
    if kind not in ("outcome", "output", "indicator"):
        raise Http404
    record = _record(programme, kind, pk)
    initial = (IndicatorForm if kind == "indicator" else TitlesForm).initial_of(record)
    form = _form_for(kind, programme, request.POST or None, None, initial)
    if request.method == "POST" and form.is_valid():
        assert isinstance(form, TitlesForm)  # noqa: S101  (for mypy)
        try:
            if kind == "indicator":
                assert isinstance(form, IndicatorForm)  # noqa: S101  (for mypy)
                services.indicator_update(
                    actor=request.user, indicator=record, fields=form.indicator_fields()
                )
            elif kind == "output":
                services.output_update(
                    actor=request.user,
                    output=record,
                    titles=form.titles(),
                    position=form.cleaned_data["position"],
                )
            else:
                services.outcome_update(
                    actor=request.user,
                    outcome=record,
                    titles=form.titles(),
                    position=form.cleaned_data["position"],
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_framework_url(programme))
    return render(
        request,
        "programmes/results_form.html",
        {"programme": programme, "form": form, "kind": kind, "parent": None, "record": record},
    )


@require_POST
@permission_required(KEEP, load=programme_for)
def results_delete(
    request: AuthenticatedHttpRequest, programme: Programme, kind: str, pk: int
) -> HttpResponse:
    record = _record(programme, kind, pk)
    deletes = {
        "outcome": lambda: services.outcome_delete(actor=request.user, outcome=record),
        "output": lambda: services.output_delete(actor=request.user, output=record),
        "indicator": lambda: services.indicator_delete(actor=request.user, indicator=record),
        "target": lambda: services.target_delete(actor=request.user, target=record),
        "actual": lambda: services.actual_delete(actor=request.user, actual=record),
    }
    deletes[kind]()
    messages.success(request, _("Removed."))
    return redirect(_after(programme, kind, record))


@permission_required(KEEP, load=programme_for)
def results_indicator(
    request: AuthenticatedHttpRequest, programme: Programme, pk: int
) -> HttpResponse:
    """An indicator's targets and, for a reported one, its actuals."""
    indicator = _record(programme, "indicator", pk)
    return render(
        request,
        "programmes/results_indicator.html",
        {
            "programme": programme,
            "indicator": indicator,
            "targets": indicator.targets.select_related("country"),
            "actuals": indicator.manual_actuals.select_related("country", "entered_by"),
        },
    )


@permission_required(KEEP, load=programme_for)
def results_evidence(
    request: AuthenticatedHttpRequest, programme: Programme, pk: int
) -> FileResponse:
    """A reported actual's evidence file, for those who keep the programme's results."""
    actual = _record(programme, "actual", pk)
    if not actual.evidence_file:
        raise Http404
    return FileResponse(actual.evidence_file.open("rb"), as_attachment=True)
