"""The dashboard, the public figures and the downloads, as each role meets them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from migralocal.consultations.suppression import TOTAL, cell_identity, rounded_count
from migralocal.core.tests.world import ROLE_NAMES, World
from migralocal.reports.models import ReportExport
from migralocal.reports.tests.builders import build_programme

pytestmark = pytest.mark.django_db

DASHBOARD_READERS = {"admin", "reviewer", "programme_manager"}
# Focal points open the dashboard for their own municipality's figures, protected.
MUNICIPAL_READERS = {"focal_point"}


def client_for(world: World, role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    return client


def expected_status(role: str | None) -> int:
    """Readers see the page; visitors are sent to sign in; everyone else is refused."""
    if role is None:
        return 302
    return 200 if role in DASHBOARD_READERS | MUNICIPAL_READERS else 403


def test_who_may_open_the_dashboard_and_its_downloads(world: World) -> None:
    for role in [None, *ROLE_NAMES]:
        client = client_for(world, role)
        page = client.get(reverse("reports:dashboard"))
        assert page.status_code == expected_status(role), role
        if role is None:
            assert reverse("account_login") in page["Location"]
        # A reader's PDF is made in the downloads test; here, who is refused one.
        formats = ["csv", "xlsx"] if role in DASHBOARD_READERS else ["csv", "xlsx", "pdf"]
        for file_format in formats:
            download = client.get(
                reverse("reports:dashboard"), {"year": "2026", "format": file_format}
            )
            assert download.status_code == expected_status(role), (role, file_format)


def test_everyone_may_open_the_public_figures(world: World) -> None:
    for role in [None, *ROLE_NAMES]:
        response = client_for(world, role).get(reverse("reports:public"), {"year": "2026"})
        assert response.status_code == 200, role
        assert b"&lt;5" in response.content, role


def test_a_reviewer_reads_only_the_countries_they_cover(world: World) -> None:
    build_programme(world)
    client = client_for(world, "reviewer")  # Honduras only
    own = client.get(reverse("reports:dashboard"), {"country": "HN", "year": "2026"})
    assert own.context["report"].indicator("people_trained").total.value == 7
    other = client.get(reverse("reports:dashboard"), {"country": "SV", "year": "2026"})
    assert other.context["report"] is None
    region = client.get(reverse("reports:dashboard"), {"year": "2026"})
    # The whole region covers countries the reviewer does not: protected, as on the public page.
    assert [c.code for c in region.context["report"].scope.countries] == ["HN", "MX", "SV"]
    assert region.context["report"].suppressed


def test_the_page_shows_each_definition_and_links_the_lists_the_reader_may_open(
    world: World,
) -> None:
    build_programme(world)
    manager = client_for(world, "programme_manager")
    page = manager.get(reverse("reports:dashboard"), {"country": "HN", "year": "2026"})
    text = page.content.decode()
    for indicator in page.context["report"].indicators:
        assert str(indicator.definition) in text.replace("&#x27;", "'")
    assert reverse("learning:event_report") in text
    assert reverse("consultations:area_dashboard") in text
    reviewer = client_for(world, "reviewer").get(
        reverse("reports:dashboard"), {"country": "HN", "year": "2026"}
    )
    assert reverse("learning:event_report") not in reviewer.content.decode()


def test_the_downloads_workbook_csv_and_pdf(world: World) -> None:
    build_programme(world)
    manager = client_for(world, "programme_manager")
    query = {"country": "HN", "year": "2026"}
    response = manager.get(reverse("reports:dashboard"), {**query, "format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    names = workbook.sheetnames
    assert len(names) == 16
    assert names[-1] == "Definiciones"
    rows = [[cell.value for cell in row] for row in workbook[names[0]].iter_rows()]
    assert ["Total", "Total", 7] in rows
    assert ["Género", "Mujer", 4] in rows
    definitions = [[cell.value for cell in row] for row in workbook["Definiciones"].iter_rows()]
    assert len(definitions) == 16  # a header and fifteen indicators

    response = manager.get(reverse("reports:dashboard"), {**query, "format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Personas capacitadas,Total,Total,7" in text
    assert "Personas capacitadas,Género,Mujer,4" in text

    response = manager.get(reverse("reports:dashboard"), {**query, "format": "pdf"})
    assert response.content.startswith(b"%PDF")


def test_a_large_export_runs_in_the_background_with_progress(world: World, settings: Any) -> None:
    settings.REPORTS_BACKGROUND_EXPORT_ROWS = 0
    build_programme(world)
    manager = client_for(world, "programme_manager")
    response = manager.get(
        reverse("reports:dashboard"), {"country": "HN", "year": "2026", "format": "xlsx"}
    )
    export = ReportExport.objects.get()
    assert response.status_code == 302 and response["Location"] == export.get_absolute_url()
    assert export.status == ReportExport.Status.DONE and export.percent == 100
    page = manager.get(export.get_absolute_url())
    assert reverse("reports:export_download", args=[export.pk]) in page.content.decode()
    download = manager.get(reverse("reports:export_download", args=[export.pk]))
    assert len(load_workbook(io.BytesIO(download.content)).sheetnames) == 16
    progress = manager.get(reverse("reports:export_progress", args=[export.pk]))
    assert progress["HX-Refresh"] == "true"
    for role in ROLE_NAMES:
        if role != "programme_manager":
            other = client_for(world, role).get(export.get_absolute_url())
            assert other.status_code == 403
            download = client_for(world, role).get(
                reverse("reports:export_download", args=[export.pk])
            )
            assert download.status_code == 403


def test_the_public_page_and_its_downloads_hide_small_counts_and_round_the_rest(
    world: World,
) -> None:
    build_programme(world)
    page = Client().get(reverse("reports:public"), {"country": "HN", "year": "2026"})
    report = page.context["report"]
    assert report.suppressed
    trained = report.indicator("people_trained")
    published = rounded_count(7, cell_identity("reports.people_trained", TOTAL))
    assert published in {5, 10}
    assert str(trained.total) == str(published) and trained.total.rounded
    gender = {row.key: str(row.cell) for row in trained.series[0].rows}
    assert gender["man"] == "<5" and gender["not_recorded"] == "<5"
    assert "<5" in page.content.decode().replace("&lt;", "<")
    response = Client().get(
        reverse("reports:public"), {"country": "HN", "year": "2026", "format": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    assert "Personas capacitadas,Género,Hombre,<5" in text
    assert f"Personas capacitadas,Total,Total,{published}" in text
    assert "redondean a un múltiplo de 5" in text


def test_the_dashboard_query_count_does_not_grow_with_the_records(
    world: World, django_assert_max_num_queries: Any, settings: Any
) -> None:
    from migralocal.reports.tests.builders import MARCH, attend

    settings.PUBLIC_CACHE_SECONDS = 0  # counts the queries of computing the figures
    build_programme(world)
    manager = client_for(world, "programme_manager")
    manager.get(reverse("reports:dashboard"), {"year": "2026"})  # warm caches (sessions, parler)
    with django_assert_max_num_queries(80) as small:
        manager.get(reverse("reports:dashboard"), {"year": "2026"})
    from migralocal.learning.models import Event

    event = Event.objects.get(starts_at=MARCH)
    for number in range(200, 260):
        attend(event, number, gender="woman", role="other", mode="online", country=world.honduras)
    with django_assert_max_num_queries(len(small.captured_queries)):
        manager.get(reverse("reports:dashboard"), {"year": "2026"})


def test_dashboard_figures_are_shared_until_a_module_changes(world: World) -> None:
    """The full figures are computed once for every reader of the scope; the page around them
    (menu, links the reader may follow) is still the reader's own."""
    from migralocal.learning.models import Event
    from migralocal.reports.tests.builders import MARCH, attend

    build_programme(world)
    url = reverse("reports:dashboard")
    query = {"country": "HN", "year": "2026"}
    manager, reviewer = client_for(world, "programme_manager"), client_for(world, "reviewer")
    with CaptureQueriesContext(connection) as computing:
        first = manager.get(url, query)
    with CaptureQueriesContext(connection) as sharing:
        again = reviewer.get(url, query)
    assert len(sharing) < len(computing) / 2
    trained = "people_trained"
    assert first.context["report"].indicator(trained).total.value == (
        again.context["report"].indicator(trained).total.value
    )
    before = again.context["report"].indicator(trained).total.value
    attend(
        Event.objects.get(starts_at=MARCH),
        300,
        gender="woman",
        role="other",
        mode="online",
        country=world.honduras,
    )
    after = manager.get(url, query).context["report"].indicator(trained).total.value
    assert after == before + 1


def test_public_figures_come_from_the_cache_until_a_module_changes(
    world: World, django_assert_max_num_queries: Any
) -> None:
    build_programme(world)
    client = Client()
    url = reverse("reports:public")
    first = client.get(url, {"country": "HN", "year": "2026"})
    with django_assert_max_num_queries(0):
        again = client.get(url, {"country": "HN", "year": "2026"})
    assert again.content.count(b"<table") == first.content.count(b"<table") > 0
    world.el_progreso_municipality.save()
    with CaptureQueriesContext(connection) as captured:
        client.get(url, {"country": "HN", "year": "2026"})
    assert len(captured) > 0


def test_old_exports_are_deleted_when_a_new_one_is_asked_for(world: World, settings: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from migralocal.reports import services

    settings.REPORTS_BACKGROUND_EXPORT_ROWS = 0
    build_programme(world)
    manager = client_for(world, "programme_manager")
    query = {"country": "HN", "year": "2026", "format": "xlsx"}
    manager.get(reverse("reports:dashboard"), query)
    old = ReportExport.objects.get()
    ReportExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    page = manager.get(old.get_absolute_url())
    assert "se guarda 7 días" in page.content.decode()
    manager.get(reverse("reports:dashboard"), query)
    assert not ReportExport.objects.filter(pk=old.pk).exists()
    assert ReportExport.objects.count() == 1
    assert services.exports_purge(now=timezone.now() + timedelta(days=6)) == 0
    assert services.exports_purge(now=timezone.now() + timedelta(days=8)) == 1
