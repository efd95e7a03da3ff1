"""Reports read right: one region for every page, the focal point's protected figures, what each
export covers, counts in the language's own writing, charts whose labels are whole, and
workbook columns wide enough to read."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from migralocal.consultations.figures import Row, Series
from migralocal.consultations.suppression import Cell
from migralocal.core.tests.world import World
from migralocal.reports import charts, exports, presentation, selectors
from migralocal.reports.numbers import figure_text
from migralocal.reports.tests.builders import build_programme

pytestmark = pytest.mark.django_db

DASHBOARD = "/es/reports/"
PUBLIC = "/es/reports/public/"


def client_for(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


# One region --------------------------------------------------------------------------------


def test_the_region_is_one_set_of_countries_for_every_reader(world: World) -> None:
    build_programme(world)
    region = [country.code for country in selectors.region_countries()]
    assert region == ["HN", "MX", "SV"]
    for_manager = selectors.scope_from(
        country=None, municipality=None, period=selectors.Period(2026)
    )
    assert [country.code for country in for_manager.countries] == region


def test_the_managers_and_the_public_pages_agree_on_the_region(world: World) -> None:
    build_programme(world)
    manager = client_for(world, "programme_manager").get(DASHBOARD, {"year": "2026"})
    public = Client().get(PUBLIC, {"year": "2026"})
    managers, publics = manager.context["report"], public.context["report"]
    assert managers.scope.countries == publics.scope.countries
    # The manager covers Honduras and El Salvador, not Mexico: the region reads as the public's.
    assert managers.suppressed
    for key in ("consultations", "people_trained", "hubs_active"):
        assert managers.indicator(key).total == publics.indicator(key).total, key
    assert "Países: El Salvador, Honduras, México" in manager.content.decode()
    assert "Países: El Salvador, Honduras, México" in public.content.decode()


def test_an_admin_reads_the_whole_region_in_full(world: World) -> None:
    build_programme(world)
    page = client_for(world, "admin").get(DASHBOARD, {"year": "2026"})
    report = page.context["report"]
    assert not report.suppressed
    assert report.indicator("people_trained").total.value == 8  # seven in Honduras, one in SV


# The focal point's municipality -------------------------------------------------------------


def test_the_focal_point_reads_the_own_municipalitys_figures_protected(world: World) -> None:
    build_programme(world)
    client = client_for(world, "focal_point")
    page = client.get(DASHBOARD, {"year": "2026"})
    assert page.status_code == 200
    report = page.context["report"]
    assert report.suppressed
    assert report.scope.municipality == world.el_progreso
    assert report.scope.country_ids == [world.honduras.pk]
    # The same cells as anyone outside the hub reads on the public page.
    public = Client().get(
        PUBLIC, {"country": "HN", "municipality": world.el_progreso.code, "year": "2026"}
    )
    assert (
        report.indicator("consultations").total
        == public.context["report"].indicator("consultations").total
    )
    assert "«<5»" in page.content.decode() or "&lt;5" in page.content.decode()


def test_the_focal_point_may_choose_no_other_place(world: World) -> None:
    build_programme(world)
    client = client_for(world, "focal_point")
    other = client.get(
        DASHBOARD, {"country": "SV", "municipality": world.san_salvador.code, "year": "2026"}
    )
    assert other.status_code == 200 and other.context["report"] is None
    country_only = client.get(DASHBOARD, {"country": "HN", "municipality": "", "year": "2026"})
    assert country_only.context["report"].scope.municipality == world.el_progreso
    download = client.get(DASHBOARD, {"year": "2026", "format": "csv"})
    assert download.status_code == 200
    assert "El Progreso" in download.content.decode("utf-8-sig")


# What each export covers --------------------------------------------------------------------


def test_every_export_lists_its_countries_and_period(world: World) -> None:
    build_programme(world)
    client = client_for(world, "programme_manager")
    query = {"year": "2026", "quarter": "1"}
    csv_text = client.get(DASHBOARD, {**query, "format": "csv"}).content.decode("utf-8-sig")
    assert 'Países,"El Salvador, Honduras, México"' in csv_text
    assert "Período,T1 2026" in csv_text
    assert "Desde,2026-01-01" in csv_text and "Hasta,2026-03-31" in csv_text

    workbook = load_workbook(io.BytesIO(client.get(DASHBOARD, {**query, "format": "xlsx"}).content))
    first = [[cell.value for cell in row] for row in workbook.worksheets[0].iter_rows()]
    assert ["Países", "El Salvador, Honduras, México"] in [row[:2] for row in first]
    assert ["Desde", "2026-01-01"] in [row[:2] for row in first]

    pdf = client.get(DASHBOARD, {**query, "format": "pdf"}).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "El Salvador, Honduras, México" in text
    assert "T1 2026" in text and "31/03/2026" in text


def test_workbook_columns_are_as_wide_as_their_text(world: World) -> None:
    build_programme(world)
    content = (
        client_for(world, "programme_manager")
        .get(DASHBOARD, {"country": "HN", "year": "2026", "format": "xlsx"})
        .content
    )
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    for column in ("A", "B"):
        longest = max(len(str(cell.value or "")) for cell in sheet[column])
        width = sheet.column_dimensions[column].width
        assert width >= min(longest, 60), (column, width, longest)


# Counts as each language writes them ---------------------------------------------------------


def test_counts_use_the_languages_thousands_separator() -> None:
    with translation.override("es"):
        assert figure_text(Cell(22573)) == "22\xa0573"
        assert figure_text(63.5) == "63,5"
    with translation.override("en"):
        assert figure_text(Cell(22573)) == "22,573"
    assert figure_text(Cell(3, primary=True)) == "<5"


def test_report_pages_show_counts_with_the_separator(world: World) -> None:
    scope = selectors.scope_from(country=None, municipality=None, period=selectors.Period(2026))
    series = Series("topic", "Tema", [Row("Documentos", Cell(22573), 100.0)], Cell(22573))
    indicator = presentation.Indicator("consultations", "Consultas", "…", Cell(22573), [series])
    report = presentation.Report(scope, [indicator], suppressed=False)
    with translation.override("es"):
        html = render_to_string(
            "reports/includes/figures.html",
            {"report": report, "items": exports.charts_of(report)},
        )
    assert "22573" not in html
    assert html.count("22\xa0573") >= 4  # headline, heading, table row and total, chart


# Charts ---------------------------------------------------------------------------------------


def test_chart_labels_are_never_cut() -> None:
    long = "Regularización migratoria y documentos de identidad para niñas, niños y adolescentes"
    rows = [Row(long, Cell(12), 100.0), Row("Salud", Cell(3, primary=True), 0.0)]
    svg = str(charts.bars_svg(Series("topic", "Tema", rows, Cell(15)), "Temas"))
    lines = re.findall(r"<tspan [^>]*>([^<]*)</tspan>", svg)
    assert " ".join(lines[:-1]) == long
    assert "…" not in svg
    for line in lines:
        assert len(line) * charts.CHARACTER_WIDTH <= charts.LABEL_WIDTH - charts.LABEL_GAP
    height = float(re.search(r'viewBox="0 0 \d+ ([\d.]+)"', svg)[1])  # type: ignore[index]
    last_y = max(float(y) for y in re.findall(r'<tspan x="[\d.]+" y="([\d.]+)"', svg))
    assert last_y < height


def test_a_period_is_a_whole_quarter() -> None:
    period = selectors.Period(2026, 1)
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
