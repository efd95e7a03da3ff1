"""The results page for each reader, the pages where managers keep the framework, and the donor
workbook and PDF."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import ROLE_NAMES, World
from migralocal.programmes.results import Outcome, ResultIndicator, Target
from migralocal.programmes.tests.results_builders import Framework, build_framework

pytestmark = pytest.mark.django_db

KEEPERS = {"admin", "programme_manager"}
YEAR = {"year": "2026"}


@pytest.fixture
def framework(world: World) -> Framework:
    return build_framework(world)


def client_for(world: World, role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    return client


def results_url(framework: Framework) -> str:
    return reverse("programmes:results", args=[framework.programme.slug])


def test_the_page_shows_baseline_target_actual_and_share(framework: Framework) -> None:
    page = client_for(framework.world, "programme_manager").get(results_url(framework), YEAR)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Capacidades" in text and "Personal formado" in text
    assert "Personas formadas" in text and "Definición de Personas formadas." in text
    # Seven attendances against a target of 13: a bar with its label.
    assert "<meter" in text and 'value="53.8"' in text and "53,8" in text
    assert "57,1 %" in text  # women's share of those trained
    assert "Actas" not in text  # the sources of reported actuals are on the managers' page
    assert "?year=2026&amp;format=xlsx" in text
    english = client_for(framework.world, "programme_manager").get(
        results_url(framework).replace("/es/", "/en/"), YEAR
    )
    assert "Share of the target" in english.content.decode()


def test_visitors_read_small_counts_hidden(framework: Framework) -> None:
    visitor = client_for(framework.world, None).get(
        results_url(framework), {"start": "2026-01-01", "end": "2026-06-30"}
    )
    manager = client_for(framework.world, "programme_manager").get(
        results_url(framework), {"start": "2026-01-01", "end": "2026-06-30"}
    )
    assert visitor.status_code == 200
    assert "&lt;5" in visitor.content.decode()  # the two meetings of the first half
    assert "&lt;5" not in manager.content.decode()


def test_a_country_is_chosen(framework: Framework) -> None:
    page = client_for(framework.world, "admin").get(
        results_url(framework), {"year": "2026", "country": "HN"}
    )
    assert page.context["results"].indicator("Personas formadas").actual == 6


def test_a_private_programmes_results_are_for_its_managers(world: World) -> None:
    framework = build_framework(world)
    framework.programme.is_public = False
    framework.programme.save()
    for role in ROLE_NAMES:
        status = client_for(world, role).get(results_url(framework)).status_code
        assert status == (200 if role in KEEPERS else 404), role


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_only_keepers_open_the_framework_pages(framework: Framework, role: str) -> None:
    slug = framework.programme.slug
    urls = [
        reverse("programmes:results_framework", args=[slug]),
        reverse("programmes:results_new", args=[slug, "outcome"]),
        reverse("programmes:results_edit", args=[slug, "indicator", framework.trained.pk]),
        reverse("programmes:results_indicator", args=[slug, framework.meetings.pk]),
    ]
    client = client_for(framework.world, role)
    for url in urls:
        assert client.get(url).status_code == (200 if role in KEEPERS else 403), url


def test_a_manager_adds_an_outcome_an_indicator_and_a_target(framework: Framework) -> None:
    slug = framework.programme.slug
    client = client_for(framework.world, "programme_manager")
    response = client.post(
        reverse("programmes:results_new", args=[slug, "outcome"]),
        {"title_es": "Coordinación", "title_en": "Coordination"},
    )
    assert response.status_code == 302
    assert Outcome.objects.filter(translations__title="Coordinación").exists()
    response = client.post(
        reverse("programmes:results_new", args=[slug, "indicator"])
        + f"?parent={framework.output.pk}",
        {
            "title_es": "Municipios certificados",
            "source": "computed",
            "measure": "certification/headline",
            "unit": "number",
            "ascending": "on",
        },
    )
    assert response.status_code == 302
    certified = ResultIndicator.objects.get(translations__title="Municipios certificados")
    response = client.post(
        reverse("programmes:results_new", args=[slug, "target"]) + f"?parent={certified.pk}",
        {"starts_on": "2030-01-01", "ends_on": "2030-12-31", "value": "3"},
    )
    # Outside the programme's period: the error is shown and nothing is saved.
    assert response.status_code == 200
    assert "2024-01-01" in response.content.decode()
    assert not Target.objects.filter(indicator=certified).exists()
    response = client.post(
        reverse("programmes:results_new", args=[slug, "target"]) + f"?parent={certified.pk}",
        {"starts_on": "2026-01-01", "ends_on": "2026-12-31", "value": "3"},
    )
    assert response.status_code == 302
    page = client.get(results_url(framework), YEAR).content.decode()
    assert "Municipios certificados" in page


def test_a_manager_reports_an_actual_with_its_source(framework: Framework) -> None:
    slug = framework.programme.slug
    client = client_for(framework.world, "programme_manager")
    url = reverse("programmes:results_new", args=[slug, "actual"])
    url += f"?parent={framework.meetings.pk}"
    empty = client.post(url, {"starts_on": "2026-10-01", "ends_on": "2026-10-31", "value": "1"})
    assert empty.status_code == 200 and "source" in empty.context["form"].errors
    saved = client.post(
        url,
        {"starts_on": "2026-10-01", "ends_on": "2026-10-31", "value": "1", "source": "Actas"},
    )
    assert saved.status_code == 302
    assert framework.meetings.manual_actuals.count() == 3
    # A computed indicator takes no typed actual.
    computed_url = reverse("programmes:results_new", args=[slug, "actual"])
    assert client.get(computed_url + f"?parent={framework.trained.pk}").status_code == 404


def test_a_record_of_another_programme_is_not_found(framework: Framework) -> None:
    from migralocal.programmes.tests.builders import make_programme

    other = make_programme(framework.world, slug="otro")
    client = client_for(framework.world, "admin")
    url = reverse("programmes:results_edit", args=[other.slug, "indicator", framework.trained.pk])
    assert client.get(url).status_code == 404
    delete = reverse(
        "programmes:results_delete", args=[other.slug, "outcome", framework.outcome.pk]
    )
    assert client.post(delete).status_code == 404
    assert Outcome.objects.filter(pk=framework.outcome.pk).exists()


def test_the_donor_workbook_has_a_sheet_per_outcome_and_the_definitions(
    framework: Framework,
) -> None:
    from openpyxl import load_workbook

    response = client_for(framework.world, "admin").get(
        results_url(framework), {**YEAR, "format": "xlsx"}
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Capacidades", "Definiciones"]
    rows = [list(row) for row in book["Capacidades"].iter_rows(values_only=True)]
    assert ["Países", "El Salvador, Honduras"] in [row[:2] for row in rows] or [
        "Países",
        "Honduras, El Salvador",
    ] in [row[:2] for row in rows]
    assert ["Desde", "2026-01-01"] in [row[:2] for row in rows]
    trained = next(row for row in rows if row[1] == "Personas formadas")
    assert trained[5:8] == [13, 7, 53.8]
    definitions = [row[0] for row in book["Definiciones"].iter_rows(values_only=True)]
    assert "Reuniones de coordinación" in definitions


def test_the_pdf_names_the_programme(framework: Framework) -> None:
    from pypdf import PdfReader

    response = client_for(framework.world, "admin").get(
        results_url(framework), {**YEAR, "format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Centros de Información" in text
    assert "Personas formadas" in text
