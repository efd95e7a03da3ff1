"""Text that people type never becomes a spreadsheet formula in a file the platform offers.

The demo data is loaded, then every text column that users can write (found from the models, as
in the stored-injection test) is overwritten with text that a spreadsheet would run: `=…`, `+…`,
`-…` and `@…`, dealt in turn over the rows. Every CSV and XLSX download of the pages is then
fetched and opened: no cell may be of formula type, and no cell of a table may start with a
formula character (core/exports.py writes such text with a leading apostrophe).

The API offers no CSV or XLSX (its lists are JSON). The directory's Open Referral package (a
ZIP of CSV files, on a page and in the API) is data exchange read by programs, where every value
must stay exactly as it is (phone numbers start with "+", western longitudes with "-"), so it is
not among these files.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from migralocal.assessments.models import Action
from migralocal.assistance.models import PaymentVerification
from migralocal.consultations.models import Consultation
from migralocal.core.demo import DEMO_ACCOUNTS
from migralocal.core.tests.snapshots import Snapshots
from migralocal.learning.models import Event
from migralocal.reports.models import ReportExport
from tests.security.user_text import overwrite_user_text

pytestmark = pytest.mark.django_db

FORMULAS = (
    '=HYPERLINK("http://evil.example/","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ADMIN = DEMO_ACCOUNTS[0].email
SOURCE = Path(__file__).resolve().parents[2] / "src" / "migralocal"


def _formula_for(field: Any, kind: int) -> str:
    text = FORMULAS[kind]
    return text[: field.max_length] if field.max_length else text


@pytest.fixture(scope="module")
def poisoned(snapshots: Snapshots, django_db_blocker: Any) -> Iterator[list[str]]:
    """The demo data with formulas in every user-written text column, rolled back afterwards."""
    with django_db_blocker.unblock(), snapshots.rolled_back("demo"):
        yield overwrite_user_text(_formula_for, kinds=len(FORMULAS))


@dataclass(frozen=True)
class Download:
    """A file a page offers: who fetches it, and whether it is a table people read (text that
    starts like a formula gets an apostrophe) or a form definition that programs read (text kept
    exactly, as text cells)."""

    name: str
    email: str | None
    url: Callable[[], str]
    for_programs: bool = False


def _hub_slug() -> str:
    return Consultation.objects.select_related("hub").order_by("pk").first().hub.slug


def _consultation_year() -> int:
    return Consultation.objects.order_by("-date").values_list("date", flat=True).first().year


def _area_dashboard(file_format: str) -> str:
    hub = Consultation.objects.select_related("hub").order_by("pk").first().hub
    query = f"?country={hub.country_id}&year={_consultation_year()}&format={file_format}"
    return reverse("consultations:area_dashboard") + query


def _work_plan() -> str:
    assessment_pk = Action.objects.order_by("pk").values_list("assessment", flat=True).first()
    return reverse("assessments:work_plan_xlsx", args=[assessment_pk])


def _event_figures(file_format: str) -> str:
    event = Event.objects.filter(registrations__isnull=False).order_by("pk").first()
    return reverse("learning:event_figures", args=[event.slug]) + f"?format={file_format}"


def _cash_verification(file_format: str) -> str:
    cycle = PaymentVerification.objects.select_related("cycle__programme").first().cycle
    kwargs = {"slug": cycle.programme.slug, "pk": cycle.pk, "file_format": file_format}
    return reverse("assistance:verification_export", kwargs=kwargs)


def _with_format(name: str, file_format: str, query: str = "", **kwargs: Any) -> Callable[[], str]:
    return lambda: reverse(name, **kwargs) + f"?{query}format={file_format}"


def _downloads() -> list[Download]:
    downloads = [
        Download("consultations: XLSForm", ADMIN, lambda: _hub_xlsform(), for_programs=True),
        Download("assessments: work plan", ADMIN, _work_plan),
        Download("reports: background workbook", ADMIN, lambda: _background_export()),
        Download(
            "core: content to translate csv",
            ADMIN,
            lambda: reverse("core:translation_export") + "?language=fr&format=csv",
        ),
    ]
    for file_format in ("csv", "xlsx"):
        downloads += [
            Download(
                f"consultations: hub figures {file_format}",
                ADMIN,
                lambda f=file_format: (
                    reverse("consultations:hub_dashboard", args=[_hub_slug()])
                    + f"?year={_consultation_year()}&format={f}"
                ),
            ),
            Download(
                f"consultations: area figures {file_format}",
                ADMIN,
                lambda f=file_format: _area_dashboard(f),
            ),
            Download(
                f"commitments: list {file_format}",
                None,
                lambda f=file_format: reverse(f"commitments:export_{f}"),
            ),
            Download(
                f"learning: training progress {file_format}",
                ADMIN,
                _with_format("learning:training_progress", file_format),
            ),
            Download(
                f"learning: event figures {file_format}",
                ADMIN,
                lambda f=file_format: _event_figures(f),
            ),
            Download(
                f"learning: attendance by period {file_format}",
                ADMIN,
                _with_format("learning:event_report", file_format),
            ),
            Download(
                f"assistance: payment verification {file_format}",
                ADMIN,
                lambda f=file_format: _cash_verification(f),
            ),
            Download(
                f"reports: dashboard {file_format}",
                ADMIN,
                _with_format("reports:dashboard", file_format, "country=HN&"),
            ),
            Download(
                f"reports: public figures {file_format}",
                None,
                _with_format("reports:public", file_format, "country=HN&"),
            ),
        ]
    return downloads


def _hub_xlsform() -> str:
    return reverse("consultations:xlsform", args=[_hub_slug()])


def _background_export() -> str:
    """The dashboard's workbook made by the task of a large export (then fetched by its page)."""
    with override_settings(REPORTS_BACKGROUND_EXPORT_ROWS=0):
        _client(ADMIN).get(reverse("reports:dashboard") + "?country=HN&format=xlsx")
    export = ReportExport.objects.latest("pk")
    assert export.status == ReportExport.Status.DONE, export.status
    return reverse("reports:export_download", args=[export.pk])


def _client(email: str | None) -> Client:
    client = Client()
    if email is not None:
        client.force_login(get_user_model().objects.get(email=email))
    return client


def _cells(response: Any) -> list[tuple[str, Any]]:
    """Every cell of a CSV or XLSX download as (openpyxl's data type, value); "s" for CSV."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
        return [("s", value) for row in rows for value in row]
    assert "spreadsheetml" in response["Content-Type"], response["Content-Type"]
    workbook = load_workbook(io.BytesIO(content))
    return [
        (cell.data_type, cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]


def _starts_like_a_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _escaped_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("'") and _starts_like_a_formula(value[1:])


def _problems(download: Download, cells: list[tuple[str, Any]]) -> list[str]:
    problems = [f"formula cell {value!r}" for kind, value in cells if kind == "f"]
    if download.for_programs:
        reached = [value for kind, value in cells if _starts_like_a_formula(value)]
    else:
        problems += [
            f"cell starts like a formula {value!r}"
            for _kind, value in cells
            if _starts_like_a_formula(value)
        ]
        reached = [
            value
            for _kind, value in cells
            if isinstance(value, str)
            and value.startswith("'")
            and _starts_like_a_formula(value[1:])
        ]
    if not reached:
        problems.append("no typed text reached the file, so nothing was tested")
    return problems


def test_no_download_holds_a_formula_typed_by_someone(poisoned: list[str]) -> None:
    assert "directory.HubTranslation.name" in poisoned
    problems: dict[str, list[str]] = {}
    for download in _downloads():
        url = download.url()
        response = _client(download.email).get(url)
        assert response.status_code == 200, f"{download.name}: {url} → {response.status_code}"
        found = _problems(download, _cells(response))
        if found:
            problems[download.name] = found
    summary = [f"{name}: {len(all)} problems, e.g. {all[0]}" for name, all in problems.items()]
    assert not problems, "\n".join(summary)


def test_the_api_offers_no_spreadsheet(poisoned: list[str]) -> None:
    """Were an API resource to answer CSV or XLSX, it would belong in the list above."""
    from migralocal.api_urls import router

    client = _client(ADMIN)
    for prefix, _viewset, _basename in router.registry:
        response = client.get(f"/api/v1/{prefix}/", HTTP_ACCEPT="application/json")
        content_type = response["Content-Type"]
        assert content_type.startswith(("application/json", "application/zip")), prefix


# A module that makes its own writer writes its own cells, and a formula gets through: only the
# export module and the Open Referral package (data exchange kept exactly, see above) may.
MAKES_A_WRITER = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(")
ALLOWED_WRITERS = ("core/exports.py", "directory/hsds")


def test_only_the_export_module_writes_spreadsheet_cells() -> None:
    writers = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*.py"))
        if "tests" not in path.parts and MAKES_A_WRITER.search(path.read_text())
    ]
    assert [path for path in writers if not path.startswith(ALLOWED_WRITERS)] == []
