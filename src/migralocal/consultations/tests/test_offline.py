"""The XLSForm converts with pyxform, and its Kobo/ODK exports import back, all or nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from migralocal.consultations import services
from migralocal.consultations.models import Consultation, Referral, SubmissionImport
from migralocal.consultations.submissions import service_choice_name

pytestmark = pytest.mark.django_db

KOBO_HEADER = [
    "start", "date", "channel", "topics", "topics/documents", "topics/health", "gender",
    "age_band", "nationality", "migration_situation", "disability", "preferred_language",
    "needs", "information_given", "referrals", "follow_up_on", "meta/instanceID", "_id",
    "_uuid", "_submission_time",
]  # fmt: skip


def kobo_row(n: int, *, referral: str = "", **changes: str) -> dict[str, str]:
    day = (timezone.localdate() - timedelta(days=n % 30)).isoformat()
    row = {
        "start": f"{day}T09:00:00.000-06:00",
        "date": day,
        "channel": "in_person",
        "topics": "documents health",
        "topics/documents": "1",
        "topics/health": "1",
        "gender": "female",
        "age_band": "18-29",
        "nationality": "HN",
        "migration_situation": "returnee",
        "disability": "no",
        "preferred_language": "es",
        "needs": "",
        "information_given": "",
        "referrals": referral,
        "follow_up_on": "",
        "meta/instanceID": f"uuid:00000000-0000-4000-8000-{n:012d}",
        "_id": str(n),
        "_uuid": f"00000000-0000-4000-8000-{n:012d}",
        "_submission_time": f"{day}T15:00:00",
    }
    row.update(changes)
    return row


def kobo_csv(rows: list[dict[str, str]], delimiter: str = ";") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=KOBO_HEADER, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_export_xlsform_converts_with_pyxform_without_errors(hubs, listings, tmp_path) -> None:
    own, _other = hubs
    out = tmp_path / "form.xlsx"
    call_command("export_xlsform", "--hub", own.slug, str(out), stdout=StringIO())
    result = convert(xlsform=str(out), validate=False, pretty_print=False)
    assert "<h:html" in result.xform
    assert not [warning for warning in result.warnings if "error" in warning.lower()]
    book = load_workbook(out)
    header = [cell.value for cell in book["survey"][1]]
    assert "label::Español (es)" in header and "label::English (en)" in header
    choices = [
        row[1]
        for row in book["choices"].iter_rows(min_row=2, values_only=True)
        if row[0] == "referrals"
    ]
    assert service_choice_name(listings[0].pk) in choices
    assert service_choice_name(listings[2].pk) not in choices  # El Salvador's service


def test_the_xlsform_download_is_for_the_hubs_staff(hubs, world) -> None:
    client = Client()
    client.force_login(world.user("hub_staff"))
    response = client.get(f"/es/consultations/hubs/{hubs[0].slug}/xlsform.xlsx")
    assert load_workbook(io.BytesIO(response.content))["settings"]["B2"].value.startswith(
        "migralocal_consultation"
    )


def test_import_submissions_from_a_kobo_csv(hubs, listings, tmp_path) -> None:
    own, _other = hubs
    rows = [kobo_row(1, referral=service_choice_name(listings[0].pk)), kobo_row(2)]
    path = write(tmp_path, "export.csv", kobo_csv(rows))
    call_command("import_submissions", path, "--hub", own.slug, "--yes", stdout=StringIO())
    assert Consultation.objects.filter(hub=own, source="import").count() == 2
    referral = Referral.objects.get()
    assert referral.service == listings[0]
    assert referral.follow_up_on == referral.consultation.date + timedelta(days=7)
    consultation = Consultation.objects.get(instance_uuid="00000000-0000-4000-8000-000000000002")
    assert {term.code for term in consultation.topics.all()} == {"documents", "health"}
    assert consultation.migration_situation is not None
    assert consultation.migration_situation.code == "returnee"


def test_import_submissions_from_a_json_export(hubs, tmp_path) -> None:
    own, _other = hubs
    records = [
        {key: value for key, value in kobo_row(n).items() if not key.startswith("topics/")}
        for n in (1, 2, 3)
    ]
    path = write(tmp_path, "export.json", json.dumps({"count": 3, "results": records}).encode())
    call_command("import_submissions", path, "--hub", str(own.pk), "--yes", stdout=StringIO())
    assert Consultation.objects.count() == 3


def test_an_odk_central_export_is_understood(hubs, tmp_path) -> None:
    own, _other = hubs
    row = kobo_row(5)
    odk = {
        "SubmissionDate": row["_submission_time"],
        **{k: v for k, v in row.items() if not k.startswith(("_", "meta", "topics/"))},
    }
    odk["meta-instanceID"] = row["meta/instanceID"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(odk))
    writer.writeheader()
    writer.writerow(odk)
    path = write(tmp_path, "central.csv", out.getvalue().encode())
    call_command("import_submissions", path, "--hub", own.slug, "--yes", stdout=StringIO())
    assert Consultation.objects.get().instance_uuid == "00000000-0000-4000-8000-000000000005"


def test_a_submission_is_never_imported_twice(hubs, tmp_path) -> None:
    own, _other = hubs
    path = write(tmp_path, "export.csv", kobo_csv([kobo_row(1), kobo_row(2)]))
    call_command("import_submissions", path, "--hub", own.slug, "--yes", stdout=StringIO())
    path = write(tmp_path, "export2.csv", kobo_csv([kobo_row(1), kobo_row(2), kobo_row(3)]))
    out = StringIO()
    call_command("import_submissions", path, "--hub", own.slug, "--yes", stdout=out)
    assert "1 new, 2 already imported" in out.getvalue()
    assert Consultation.objects.count() == 3


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_written(hubs, tmp_path) -> None:
    own, _other = hubs
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    rows = [
        kobo_row(1),
        kobo_row(2, channel="pigeon"),
        kobo_row(3, date=future),
        kobo_row(4, topics="", **{"topics/documents": "", "topics/health": ""}),
        kobo_row(5, nationality="ZZ", referral="s_nope"),
        kobo_row(1),
    ]
    path = write(tmp_path, "export.csv", kobo_csv(rows))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_submissions", path, "--hub", own.slug, "--yes", stdout=StringIO(), stderr=err
        )
    report = err.getvalue()
    assert "row 3, column channel" in report
    assert "row 4, column date" in report
    assert "row 5, column topics" in report
    assert "row 6, column nationality" in report
    assert "row 6, column referrals" in report
    assert "row 7, column meta/instanceID" in report
    assert not Consultation.objects.exists()


def test_a_file_without_the_forms_columns_is_refused(hubs, tmp_path) -> None:
    path = write(tmp_path, "other.csv", b"name,age\nAna,30\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_submissions",
            path,
            "--hub",
            hubs[0].slug,
            "--yes",
            stdout=StringIO(),
            stderr=err,
        )
    assert "column date" in err.getvalue()


def test_the_command_asks_before_writing(hubs, tmp_path, monkeypatch) -> None:
    path = write(tmp_path, "export.csv", kobo_csv([kobo_row(1)]))
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    call_command("import_submissions", path, "--hub", hubs[0].slug, stdout=StringIO())
    assert not Consultation.objects.exists()


def upload_through_the_page(client: Client, hub, content: bytes, name: str = "export.csv"):
    return client.post(
        f"/es/consultations/hubs/{hub.slug}/import/",
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_the_upload_page_validates_previews_and_imports_on_confirmation(world, hubs) -> None:
    own, _other = hubs
    client = Client()
    client.force_login(world.user("hub_staff"))
    response = upload_through_the_page(client, own, kobo_csv([kobo_row(n) for n in range(1, 4)]))
    upload = SubmissionImport.objects.get()
    assert response.url == f"/es/consultations/imports/{upload.pk}/"
    preview = client.get(response.url)
    assert upload.status == "validated" and len(preview.context["upload"].preview) == 3
    assert not Consultation.objects.exists()
    client.post(response.url, {"action": "confirm"})
    upload.refresh_from_db()
    assert upload.status == "done" and upload.new_rows == 3
    assert not upload.file
    assert Consultation.objects.count() == 3


def test_the_upload_page_lists_errors_and_cannot_be_confirmed(world, hubs) -> None:
    own, _other = hubs
    client = Client()
    client.force_login(world.user("hub_staff"))
    response = upload_through_the_page(client, own, kobo_csv([kobo_row(1, channel="pigeon")]))
    page = client.get(response.url)
    assert page.context["upload"].status == "invalid"
    assert not page.context["upload"].file
    assert "pigeon" in page.content.decode()
    client.post(response.url, {"action": "confirm"})
    assert not Consultation.objects.exists()


def test_large_uploads_run_in_the_background_with_progress(world, hubs, settings) -> None:
    settings.CONSULTATIONS_BACKGROUND_IMPORT_ROWS = 2
    own, _other = hubs
    client = Client()
    client.force_login(world.user("hub_staff"))
    response = upload_through_the_page(client, own, kobo_csv([kobo_row(n) for n in range(1, 6)]))
    upload = SubmissionImport.objects.get()
    assert upload.status == "validated"  # the task ran at once under the test settings
    assert upload.processed_rows == upload.total_rows == 5
    client.post(response.url, {"action": "confirm"})
    progress = client.get(f"/es/consultations/imports/{upload.pk}/progress/")
    assert progress["HX-Refresh"] == "true"
    assert Consultation.objects.count() == 5


def left_running(upload: SubmissionImport, status: str, minutes_ago: int) -> None:
    """As a worker that stopped mid-run leaves it."""
    SubmissionImport.objects.filter(pk=upload.pk).update(
        status=status, started_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    upload.refresh_from_db()


def test_an_import_counts_as_stuck_only_long_after_it_started(world, hubs) -> None:
    own, _other = hubs
    client = Client()
    client.force_login(world.user("hub_staff"))
    upload_through_the_page(client, own, kobo_csv([kobo_row(1)]))
    upload = SubmissionImport.objects.get()
    assert upload.started_at is not None and not upload.looks_stuck()
    left_running(upload, "saving", minutes_ago=5)
    assert not upload.looks_stuck()
    with pytest.raises(ValidationError):
        services.submission_upload_retry(upload=upload, user=world.user("hub_staff"))
    left_running(upload, "saving", minutes_ago=45)
    assert upload.looks_stuck()
    step = services.submission_upload_retry(upload=upload, user=world.user("hub_staff"))
    assert step == "import"
    with pytest.raises(PermissionDenied):
        services.submission_upload_retry(upload=upload, user=world.user("member"))


@pytest.mark.parametrize(("status", "finished"), [("saving", "done"), ("validating", "validated")])
def test_a_stuck_import_can_be_run_again_from_its_page(world, hubs, status, finished) -> None:
    own, _other = hubs
    client = Client()
    client.force_login(world.user("hub_staff"))
    response = upload_through_the_page(client, own, kobo_csv([kobo_row(n) for n in (1, 2)]))
    upload = SubmissionImport.objects.get()
    left_running(upload, status, minutes_ago=5)
    assert "Volver a ejecutar" not in client.get(response.url).content.decode()
    client.post(response.url, {"action": "retry"})  # refused: it may still be running
    upload.refresh_from_db()
    assert upload.status == status
    left_running(upload, status, minutes_ago=120)
    page = client.get(response.url).content.decode()
    assert "Volver a ejecutar" in page
    client.post(response.url, {"action": "retry"})
    upload.refresh_from_db()
    assert upload.status == finished
    assert Consultation.objects.count() == (2 if finished == "done" else 0)
