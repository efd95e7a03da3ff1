"""Pages of content translation: coverage per language and module, what is missing, the
translators' files to download, and the import of a translated file (checked, previewed, then
confirmed)."""

from __future__ import annotations

from itertools import islice
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from migralocal.core import content_translation as selectors
from migralocal.core import content_translation_services as services
from migralocal.core.content_translation_files import csv_text, read_csv, read_xliff, xliff
from migralocal.core.content_translation_forms import ExportForm, ImportForm
from migralocal.core.content_translation_models import TranslationImport
from migralocal.core.decorators import AuthenticatedHttpRequest, permission_required
from migralocal.core.forms import language_name

SHOWN_MISSING = 200
STASH = "content_translation_import"


@permission_required(services.VIEW_PERMISSION)
def translation_coverage(request: AuthenticatedHttpRequest) -> HttpResponse:
    languages = selectors.target_languages()
    rows = selectors.coverage(languages)
    context = {
        "target_languages": [(code, language_name(code)) for code in languages],
        "rows": [(row, row.cells(languages)) for row in rows[:-1]],
        "overall": (rows[-1], rows[-1].cells(languages)),
        "export_form": ExportForm(),
    }
    return render(request, "core/translations/coverage.html", context)


@permission_required(services.VIEW_PERMISSION)
def translation_missing(request: AuthenticatedHttpRequest, language: str, module: str) -> Any:
    if language not in selectors.target_languages() or module not in selectors.modules():
        raise Http404
    units = selectors.missing_units(language, module)
    shown = list(islice(units, SHOWN_MISSING))
    total = len(shown) + sum(1 for _unit in units)
    context = {
        "language": language,
        "language_name": language_name(language),
        "module": module,
        "module_name": selectors.module_name(module),
        "units": shown,
        "total": total,
    }
    return render(request, "core/translations/missing.html", context)


@permission_required(services.VIEW_PERMISSION)
def translation_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ExportForm(request.GET)
    if not form.is_valid():
        raise Http404
    language = form.cleaned_data["language"]
    module = form.cleaned_data["module"] or None
    units = selectors.missing_units(language, module)
    name = f"migralocal-{module or 'all'}-{selectors.default_language()}-{language}"
    if form.cleaned_data["format"] == "csv":
        response = HttpResponse(csv_text(units), content_type="text/csv; charset=utf-8")
        extension = "csv"
    else:
        response = HttpResponse(
            xliff(units, language, original=f"migralocal/{module or 'all'}"),
            content_type="application/x-xliff+xml; charset=utf-8",
        )
        extension = "xlf"
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


def _plan_from_stash(stash: dict[str, Any]) -> services.Plan:
    content = str(stash["content"]).encode()
    language = str(stash["language"])
    entries = (
        read_xliff(content, language)
        if stash["file_format"] == TranslationImport.Format.XLIFF
        else read_csv(content)
    )
    return services.plan_import(
        entries,
        language=language,
        file_format=str(stash["file_format"]),
        replace=bool(stash["replace"]),
        file_name=str(stash["file_name"]),
    )


@permission_required(services.IMPORT_PERMISSION)
def translation_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """POST with a file checks it and shows what it would change (nothing is written); POST
    `confirm` writes the checked file, checked again against the data as it is now."""
    may_replace = request.user.has_perm(services.REPLACE_PERMISSION)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        may_replace=may_replace,
    )
    plan = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            language = form.cleaned_data["language"]
            try:
                file_format, entries = services.read_upload(upload, language)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                plan = services.plan_import(
                    entries,
                    language=language,
                    file_format=file_format,
                    replace=bool(form.cleaned_data.get("replace")),
                    file_name=upload.name,
                )
                if plan.ok:
                    status = 200
                    upload.seek(0)
                    request.session[STASH] = {
                        "language": language,
                        "replace": plan.replace,
                        "file_format": file_format,
                        "file_name": upload.name,
                        "content": upload.read().decode("utf-8-sig"),
                    }
    context = {"form": form, "plan": plan, "may_replace": may_replace}
    return render(request, "core/translations/import.html", context, status=status)


def _confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    stash = request.session.get(STASH)
    if not stash:
        messages.error(request, _("Check the file again before importing it."))
        return redirect("core:translation_import")
    plan = _plan_from_stash(stash)
    try:
        record = services.import_translations(plan, actor=request.user)
    except ValidationError:
        # The data changed since the check (an item deleted…): show what is wrong now.
        form = ImportForm(may_replace=request.user.has_perm(services.REPLACE_PERMISSION))
        context = {"form": form, "plan": plan, "may_replace": False}
        return render(request, "core/translations/import.html", context, status=400)
    del request.session[STASH]
    messages.success(
        request,
        _("Translations imported: %(new)d new, %(replaced)d replaced, %(skipped)d skipped.")
        % {
            "new": record.created_count,
            "replaced": record.replaced_count,
            "skipped": record.skipped_count,
        },
    )
    return redirect("core:translation_coverage")
