"""Every upload form refuses a renamed, oversized or zip-bomb file beside the field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from migralocal.assessments.forms import ApplicationForm
from migralocal.assistance.grievance_forms import SubmissionsFileForm
from migralocal.commitments.forms import MultipleFileField
from migralocal.consultations.forms import UploadForm
from migralocal.core.models import Country, TaxonomyTerm
from migralocal.core.tests.files import image_bytes, xlsx_bytes, zip_bomb_xlsx
from migralocal.learning.forms import AttendanceImportForm, CommunityApplicationForm

PDF = b"%PDF-1.7\n" + b"0" * 64
EXECUTABLE = b"MZ\x90\x00\x03" + b"\x00" * 64


def file_errors(form_class: Callable[..., forms.Form], name: str, content: bytes) -> list[str]:
    field = (
        "letter"
        if form_class is ApplicationForm
        else "proof"
        if form_class is CommunityApplicationForm
        else "file"
    )
    extra = (
        {"countries": Country.objects.none(), "areas": TaxonomyTerm.objects.none()}
        if form_class is CommunityApplicationForm
        else {}
    )
    form = form_class(data={}, files={field: SimpleUploadedFile(name, content)}, **extra)
    form.is_valid()
    return list(form.errors.get(field, []))


UPLOAD_FORMS: list[tuple[Callable[..., forms.Form], str, bytes]] = [
    # (form, a name it accepts, content that is not what the name says)
    (UploadForm, "envios.csv", xlsx_bytes([["date"]])),
    (UploadForm, "envios.json", PDF),
    (AttendanceImportForm, "asistencia.csv", image_bytes("PNG")),
    (AttendanceImportForm, "asistencia.xlsx", PDF),
    (ApplicationForm, "carta.pdf", EXECUTABLE),
    (ApplicationForm, "carta.png", PDF),
    (CommunityApplicationForm, "registro.pdf", EXECUTABLE),
    (CommunityApplicationForm, "registro.jpg", PDF),
    (SubmissionsFileForm, "registro.xlsx", PDF),
    (SubmissionsFileForm, "registro.csv", xlsx_bytes([["municipality"]])),
]


@pytest.mark.parametrize(("form_class", "name", "content"), UPLOAD_FORMS)
def test_a_renamed_file_gets_a_translated_error_beside_the_field(
    form_class: Callable[..., forms.Form], name: str, content: bytes
) -> None:
    with translation.override("es"):
        errors = file_errors(form_class, name, content)
    assert errors, f"{form_class.__name__} accepted {name} by its name"
    assert any("contenido" in error or "no es" in error for error in errors), errors


@override_settings(UPLOAD_MAX_MB=1, CONSULTATIONS_MAX_IMPORT_MB=1, ASSESSMENTS_MAX_UPLOAD_MB=1)
@pytest.mark.parametrize(
    ("form_class", "name", "content"),
    [
        (UploadForm, "envios.csv", b"date,channel,topics\n" + b"x" * (6 * 1024 * 1024)),
        (AttendanceImportForm, "asistencia.csv", b"email,name\n" + b"x" * (6 * 1024 * 1024)),
        (ApplicationForm, "carta.pdf", PDF + b"0" * (2 * 1024 * 1024)),
    ],
)
def test_an_oversized_file_is_refused(
    form_class: Callable[..., forms.Form], name: str, content: bytes
) -> None:
    with translation.override("es"):
        errors = file_errors(form_class, name, content)
    assert any("MB" in error for error in errors), errors


def test_a_zip_bomb_attendance_list_is_refused() -> None:
    errors = file_errors(AttendanceImportForm, "asistencia.xlsx", zip_bomb_xlsx())
    assert errors


def test_a_zip_bomb_registration_export_is_refused() -> None:
    assert file_errors(SubmissionsFileForm, "registro.xlsx", zip_bomb_xlsx())


def _clean_attachments(*files: Any) -> list[Any]:
    return MultipleFileField(required=False).clean(list(files))


def test_commitment_attachments_are_checked_by_content_and_size() -> None:
    assert _clean_attachments(SimpleUploadedFile("foto.jpg", image_bytes("JPEG")))
    for name, content in [
        ("informe.pdf", EXECUTABLE),
        ("foto.png", b"\x89PNG\r\n\x1a\n not an image"),
        ("foto.png", b"%PDF-1.7" + b"0" * (6 * 1024 * 1024)),
    ]:
        with pytest.raises(forms.ValidationError):
            _clean_attachments(SimpleUploadedFile(name, content))


# Where each stored file is checked by content. A new FileField must be added here, with its check.
CHECKED_FILE_FIELDS = {
    "core.Organisation.logo": "core.admin.OrganisationAdmin (Pillow and signature)",
    "commitments.Attachment.file": "commitments.services.checked_attachment",
    "learning.Lesson.attachment": "learning.admin.LessonAdmin; authoring_services.lesson_save",
    "consultations.SubmissionImport.file": "consultations.forms.UploadForm",
    "assessments.Application.letter": "assessments.uploads.check_letter",
    "assessments.Evidence.file": "assessments.uploads.check_evidence",
    "programmes.ManualActual.evidence_file": "programmes.results_services.actual_create",
    "advisory.EngagementDocument.file": "advisory.services.document_add (check_document)",
    "advisory.InstrumentVersion.file": "advisory.services.version_upload (check_draft)",
    "learning.OrganisationApplication.proof": "learning.services.community_application_submit",
    "learning.PostAttachment.file": "learning.discussion_services.check_attachments",
}


def test_every_stored_file_field_has_a_content_check() -> None:
    from django.apps import apps
    from django.db import models

    found = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    assert found == set(CHECKED_FILE_FIELDS)


class _Superuser:
    is_active = is_staff = is_superuser = True

    def has_perm(self, permission: str, obj: Any = None) -> bool:
        return True


@pytest.mark.parametrize(
    ("field_name", "name", "content"),
    [
        ("logo", "logo.png", image_bytes("JPEG")),
        ("logo", "logo.png", PDF),
        ("attachment", "guia.pdf", EXECUTABLE),
        ("attachment", "guia.xlsx", zip_bomb_xlsx()),
    ],
)
def test_admin_file_fields_check_content(
    rf: Any, field_name: str, name: str, content: bytes
) -> None:
    from django.contrib import admin

    from migralocal.core.models import Organisation
    from migralocal.learning.models import Lesson

    request = rf.get("/")
    request.user = _Superuser()
    model = Organisation if field_name == "logo" else Lesson
    form_class = admin.site._registry[model].get_form(request)
    field = form_class.base_fields[field_name]
    field.clean(
        SimpleUploadedFile("fine.png", image_bytes("PNG")) if field_name == "logo" else None
    )
    with pytest.raises(forms.ValidationError):
        field.clean(SimpleUploadedFile(name, content))
