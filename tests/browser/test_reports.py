"""The results dashboard in the browser: the demo programme manager changes country and period,
sees the figures change, downloads the workbook, and the page passes axe on desktop and phone."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO, StringIO
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from migralocal.core.demo import DEMO_PASSWORD
from migralocal.core.demo import load as load_core_demo
from migralocal.core.models import Country, Organisation
from migralocal.directory.tests.helpers import make_hub
from migralocal.learning.tests.builders import make_event
from migralocal.reports.tests.builders import attend
from tests.browser.conftest import serious_accessibility_violations, sign_in

MANAGER = "manager@demo.migralocal.org"


@pytest.fixture
def trainings(transactional_db: None) -> int:
    """The core demo (accounts, places) and a year of training events: Honduras six people in
    March and two in August, Mexico three in March."""
    load_core_demo(StringIO())
    year = timezone.localdate().year
    honduras, mexico = Country.objects.get(code="HN"), Country.objects.get(code="MX")
    for slug, country, month, people in (
        ("taller-hn-marzo", honduras, 3, 6),
        ("taller-hn-agosto", honduras, 8, 2),
        ("taller-mx-marzo", mexico, 3, 3),
    ):
        event = make_event(country, slug, starts_at=dt.datetime(year, month, 5, 15, tzinfo=dt.UTC))
        for number in range(people):
            gender = "woman" if number % 2 == 0 else "man"
            attend(event, number, gender=gender, role="hub_staff", mode="online", country=country)
    return year


def trained(page: Any) -> Any:
    return page.locator(".headline-figures [data-indicator=people_trained]")


def test_programme_manager_changes_place_and_period_and_downloads(
    page: Any, trainings: int
) -> None:
    sign_in(page, MANAGER, DEMO_PASSWORD)
    page.goto("/es/reports/")
    # The whole region spans countries the manager does not cover: it reads as the public page
    # reads it, 11 people trained rounded to a multiple of 5.
    expect(trained(page)).to_have_text(re.compile(r"^(10|15)$"))
    region = trained(page).inner_text()
    assert serious_accessibility_violations(page) == []
    page.goto("/es/reports/public/")
    expect(trained(page)).to_have_text(region)
    page.goto("/es/reports/")

    page.select_option("select[name=country]", "HN")
    page.locator("#report-filters button[type=submit]").click()
    page.wait_for_url("**country=HN**")
    expect(trained(page)).to_have_text("8")

    page.select_option("select[name=quarter]", "1")
    page.locator("#report-filters button[type=submit]").click()
    page.wait_for_url("**quarter=1**")
    expect(trained(page)).to_have_text("6")
    expect(page.locator("#report-heading")).to_contain_text(f"T1 {trainings}")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Libro de cálculo (XLSX)").click()
    workbook = load_workbook(BytesIO(download_info.value.path().read_bytes()))
    assert workbook.sheetnames[-1] == "Definiciones"
    assert ["Total", "Total", 6] in [
        [cell.value for cell in row] for row in workbook[workbook.sheetnames[0]].iter_rows()
    ]


def test_the_dashboard_and_public_figures_on_a_phone(phone_page: Any, trainings: int) -> None:
    phone_page.goto("/es/reports/public/")
    # 11 people trained, published rounded to a multiple of 5 (docs/data-protection.md)
    expect(trained(phone_page)).to_have_text(re.compile(r"^(10|15)$"))
    assert serious_accessibility_violations(phone_page) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    sign_in(phone_page, MANAGER, DEMO_PASSWORD)
    phone_page.goto("/es/reports/?country=MX")
    expect(trained(phone_page)).to_have_text("3")  # the dashboard hides nothing
    assert serious_accessibility_violations(phone_page) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_focal_point_opens_the_own_municipalitys_figures(page: Any, trainings: int) -> None:
    """Municipal focal points read their municipality's figures (protected) on both figure
    pages, instead of being refused; the menus offer no other place."""
    city = Organisation.objects.get(slug="alcaldia-municipal-de-san-pedro-sula")
    make_hub(operator=city, municipality=city.municipality, slug="ventanilla-sps")
    sign_in(page, "focal.point@demo.migralocal.org", DEMO_PASSWORD)
    for path in ("/es/reports/", "/es/consultations/dashboard/"):
        answer = page.goto(path)
        assert answer is not None and answer.status == 200, path
        municipalities = page.locator("select[name=municipality] option:not([value=''])")
        expect(municipalities).to_have_count(1)
        expect(municipalities).to_contain_text("San Pedro Sula")
        assert serious_accessibility_violations(page) == [], path
    page.goto("/es/reports/")
    expect(page.locator("#report-heading")).to_contain_text("San Pedro Sula")
