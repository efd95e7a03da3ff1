"""The programme pages: thin views over the selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.programmes import iati, selectors, services
from migralocal.programmes.forms import ActivitySearchForm, CreateProgrammeForm, ProgrammeForm
from migralocal.programmes.loaders import programme_for
from migralocal.programmes.models import KINDS_BY_CODE, Programme


def _add_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def programme_list(request: HttpRequest) -> HttpResponse:
    """Public programmes for everyone; private ones too for their managers and the admins."""
    programmes = selectors.visible_programmes(request.user)
    return render(
        request,
        "programmes/programme_list.html",
        {
            "programmes": programmes,
            "may_create": request.user.has_perm("programmes.add_programme"),
        },
    )


@permission_required("programmes.view_programme", load=programme_for, visitors=True)
def programme_detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "belongings": selectors.what_belongs(programme),
            "may_change": request.user.has_perm("programmes.change_programme", programme),
        },
    )


@permission_required("programmes.add_programme")
def programme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CreateProgrammeForm(request.POST or None, with_managers=True)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                actor=request.user,
                slug=form.cleaned_data["slug"],
                fields=form.programme_fields(),
                managers=form.cleaned_data["managers"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The programme was created."))
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": None})


@permission_required("programmes.change_programme", load=programme_for)
def programme_edit(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    with_managers = request.user.has_perm("programmes.change_programme_managers", programme)
    form = ProgrammeForm(
        request.POST or None,
        initial=ProgrammeForm.initial_of(programme),
        with_managers=with_managers,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                actor=request.user, programme=programme, fields=form.programme_fields()
            )
            if with_managers:
                services.programme_managers_set(
                    actor=request.user, programme=programme, managers=form.cleaned_data["managers"]
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


@permission_required("programmes.change_programme_activities", load=programme_for)
def programme_activities(request: AuthenticatedHttpRequest, programme: Programme) -> HttpResponse:
    """A filtered multi-select: pick a kind, search by name, tick those that belong."""
    search = ActivitySearchForm(request.POST or request.GET or {"kind": "hubs"})
    kind_code = search.data.get("kind") if search.is_valid() else "hubs"
    kind = KINDS_BY_CODE.get(str(kind_code), KINDS_BY_CODE["hubs"])
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    shown = list(selectors.candidates(programme, kind, query)[: selectors.CANDIDATES_SHOWN])
    if request.method == "POST":
        by_pk = {str(activity.pk): activity for activity in shown}
        chosen_pks = set(request.POST.getlist("chosen"))
        try:
            attached, detached = services.activities_choose(
                actor=request.user,
                programme=programme,
                kind=kind.code,
                shown=shown,
                chosen=[by_pk[pk] for pk in chosen_pks if pk in by_pk],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Saved: %(attached)d added, %(detached)d removed.")
                % {"attached": attached, "detached": detached},
            )
            return redirect(request.get_full_path())
    belonging = set(
        getattr(programme, kind.field)
        .filter(pk__in=[a.pk for a in shown])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "programmes/programme_activities.html",
        {
            "programme": programme,
            "search": search,
            "kind": kind,
            "query": query,
            "rows": [(activity, activity.pk in belonging) for activity in shown],
            "limit": selectors.CANDIDATES_SHOWN,
        },
    )


@permission_required("programmes.view_programme", load=programme_for, visitors=True)
def programme_iati(request: HttpRequest, programme: Programme) -> HttpResponse:
    """The programme as an IATI 2.03 activity file: public transparency data, so anyone reads a
    public programme's; a private one's only its managers and the admins (and it is audited)."""
    data = iati.programme_iati_download(actor=request.user, programme=programme)
    response = HttpResponse(data, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="iati-{programme.slug}.xml"'
    return response
