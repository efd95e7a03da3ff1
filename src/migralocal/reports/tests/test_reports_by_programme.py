"""Every report page, export and API figure filtered by programme, and over any range of days:
only the programmes the reader may see are offered, a private one is refused to everyone else as
if it did not exist, and two programmes never share a cached figure."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from migralocal.core.tests.factories import ProgrammeAssignmentFactory, UserFactory
from migralocal.core.tests.world import ROLE_NAMES, World
from migralocal.learning.models import Event
from migralocal.programmes import services as programme_services
from migralocal.programmes.models import Programme
from migralocal.programmes.tests.builders import make_programme
from migralocal.reports import presentation
from migralocal.reports.models import ReportExport
from migralocal.reports.selectors import DateRange, Period, ReportScope
from migralocal.reports.tests.builders import build_programme, give_records_to
from migralocal.reports.tests.test_api import DASHBOARD, PUBLIC, indicator, token_client

pytestmark = pytest.mark.django_db

URL = reverse("reports:dashboard")
OWN = "centros-de-informacion"
PRIVATE = "programa-reservado"
# Who may see the private programme: the platform admins and its manager.
SEES_PRIVATE = {"admin", "programme_manager"}


@pytest.fixture
def programmes(world: World) -> World:
    """The hand-counted records, a public programme owning some of them, and a private one
    (managed by the programme manager) owning the same."""
    build_programme(world)
    give_records_to(make_programme(world), world)
    give_records_to(make_programme(world, slug=PRIVATE, is_public=False), world)
    return world


def client_for(world: World, role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(world.user(role))
    return client


def trained(response: Any) -> int:
    return int(response.context["report"].indicator("people_trained").total.value)


# Pages ----------------------------------------------------------------------------------------


def test_the_form_offers_the_programmes_the_reader_may_see(programmes: World) -> None:
    for role in ("admin", "programme_manager", "reviewer"):
        form = client_for(programmes, role).get(URL).context["form"]
        offered = {programme.slug for programme in form.fields["programme"].queryset}
        expected = {OWN, PRIVATE} if role in SEES_PRIVATE else {OWN}
        assert offered == expected, role
    public = Client().get(reverse("reports:public")).context["form"]
    assert [programme.slug for programme in public.fields["programme"].queryset] == [OWN]


def test_a_programme_narrows_the_figures_and_the_page_says_so(programmes: World) -> None:
    manager = client_for(programmes, "programme_manager")
    everything = manager.get(URL, {"country": "HN", "year": "2026"})
    own = manager.get(URL, {"programme": OWN, "country": "HN", "year": "2026"})
    # The workshop is the programme's; the course completed in July is not.
    assert trained(everything) == 7
    assert trained(own) == 6
    text = own.content.decode()
    assert "Centros de Información · Honduras · 2026" in text
    assert "Programa: Centros de Información." in text
    # The downloads carry the programme.
    assert all(f"programme={OWN}" in url for _label, url in own.context["downloads"])
    assert "Centros de Información" not in everything.content.decode().split("report-heading")[1]


def test_a_programme_offers_and_defaults_to_its_own_countries(programmes: World) -> None:
    Programme.objects.get(slug=OWN).countries.set([programmes.honduras])
    admin = client_for(programmes, "admin")
    page = admin.get(URL, {"programme": OWN, "year": "2026"})
    form, report = page.context["form"], page.context["report"]
    assert [country.code for country in form.fields["country"].queryset] == ["HN"]
    assert form.fields["country"].empty_label == "Todos los países del programa"
    assert [country.code for country in report.scope.countries] == ["HN"]
    # A country outside the programme is not among the choices.
    refused = admin.get(URL, {"programme": OWN, "country": "SV", "year": "2026"})
    assert refused.context["report"] is None


def test_the_programmes_countries_are_read_in_full_by_who_covers_them(programmes: World) -> None:
    manager = client_for(programmes, "programme_manager")  # Honduras and El Salvador
    region = manager.get(URL, {"year": "2026"}).context["report"]
    assert region.suppressed  # Mexico is in the region, not theirs
    own = manager.get(URL, {"programme": OWN, "year": "2026"}).context["report"]
    assert [country.code for country in own.scope.countries] == ["HN", "SV"]
    assert not own.suppressed
    # The man from El Salvador at the workshop joins the six of Honduras.
    assert own.indicator("people_trained").total.value == 7
    reviewer = client_for(programmes, "reviewer")  # Honduras only: protected
    assert reviewer.get(URL, {"programme": OWN, "year": "2026"}).context["report"].suppressed


def test_a_range_of_days_replaces_the_year(programmes: World) -> None:
    manager = client_for(programmes, "programme_manager")
    march = {"country": "HN", "year": "2026", "start": "2026-03-01", "end": "2026-03-31"}
    page = manager.get(URL, march)
    assert page.context["report"].scope.period == DateRange(
        dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    )
    assert trained(page) == 6  # the workshop, not the course of July
    assert trained(manager.get(URL, {**march, "start": "2025-01-01", "end": "2026-12-31"})) == 8
    # The old addresses still work.
    assert trained(manager.get(URL, {"country": "HN", "year": "2026", "quarter": "3"})) == 1


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-04-01", "2026-03-01", "El último día del intervalo es anterior al primero."),
        ("2010-01-01", "2026-12-31", "Un intervalo abarca como máximo diez años."),
        ("2026-01-01", "", "Indique el primer y el último día del intervalo."),
        ("", "2026-01-01", "Indique el primer y el último día del intervalo."),
        ("2026-02-30", "2026-03-01", "Introduzca una fecha válida."),
    ],
)
def test_a_wrong_range_is_explained_on_the_page(
    programmes: World, start: str, end: str, message: str
) -> None:
    query = {"country": "HN", "start": start, "end": end}
    for client, url in (
        (client_for(programmes, "programme_manager"), URL),
        (Client(), reverse("reports:public")),
    ):
        page = client.get(url, query)
        assert page.status_code == 200
        assert page.context["report"] is None
        assert message in page.content.decode()


def test_a_focal_point_may_choose_a_programme_for_their_municipality(programmes: World) -> None:
    focal_point = client_for(programmes, "focal_point")
    page = focal_point.get(URL, {"programme": OWN, "year": "2026"})
    report = page.context["report"]
    assert report.scope.municipality == programmes.el_progreso
    assert report.scope.programme.slug == OWN and report.suppressed
    refused = focal_point.get(URL, {"programme": PRIVATE, "year": "2026"})
    assert refused.context["report"] is None


# A private programme ---------------------------------------------------------------------------


def test_a_private_programme_is_read_only_by_who_may_see_it(programmes: World) -> None:
    query = {"programme": PRIVATE, "country": "HN", "year": "2026"}
    for role in [None, *ROLE_NAMES]:
        client = client_for(programmes, role)
        public = client.get(reverse("reports:public"), query)
        assert public.status_code == 200, role
        if role in SEES_PRIVATE:
            assert public.context["report"].scope.programme.slug == PRIVATE, role
        else:
            assert public.context["report"] is None, role
            assert "No existe ese programa entre los que usted ve." in public.content.decode()
            assert "Centros de Información" in public.content.decode()  # the public one's name
        csv = client.get(reverse("reports:public"), {**query, "format": "csv"})
        assert csv["Content-Type"].startswith("text/csv") is (role in SEES_PRIVATE), role


def test_a_shared_dashboard_page_never_shows_another_readers_private_programme(
    programmes: World,
) -> None:
    """Dashboard pages are shared by readers with the same roles; a reader who manages a private
    programme has a page of their own."""
    colleague = UserFactory.create(email="colleague@example.org")
    ProgrammeAssignmentFactory.create(
        user=colleague,
        role="programme_manager",
        countries=[programmes.honduras, programmes.el_salvador],
    )
    other = Client()
    other.force_login(colleague)
    manager = client_for(programmes, "programme_manager")
    for reader in (other, manager, other):
        page = reader.get(URL, {"year": "2026"}).content.decode()
        assert (f'value="{PRIVATE}"' in page) is (reader is manager)
    refused = other.get(URL, {"programme": PRIVATE, "year": "2026"})
    assert "No existe ese programa entre los que usted ve." in refused.content.decode()


def test_a_programme_made_private_leaves_the_public_page_at_once(programmes: World) -> None:
    query = {"programme": OWN, "country": "HN", "year": "2026"}
    assert Client().get(reverse("reports:public"), query).context["report"] is not None
    programme = Programme.objects.get(slug=OWN)
    programme.is_public = False
    programme.save()
    again = Client().get(reverse("reports:public"), query)
    assert "No existe ese programa entre los que usted ve." in again.content.decode()


# Cached figures ---------------------------------------------------------------------------------


def test_two_programmes_never_share_a_cached_figure(programmes: World) -> None:
    """The shared figures are named by programme and period, so each scope computes its own."""
    own = Programme.objects.get(slug=OWN)
    empty = make_programme(programmes, slug="sin-actividades")

    def scope(programme: Programme | None, period: Period | DateRange | None = None) -> Any:
        return ReportScope((programmes.honduras,), period or Period(2026), programme=programme)

    scopes = [
        scope(own),
        scope(empty),
        scope(None),
        scope(own, DateRange(dt.date(2026, 3, 1), dt.date(2026, 3, 31))),
    ]
    names = {presentation.shared_name(one, False) for one in scopes}
    assert len(names) == len(scopes)
    totals = [
        presentation.shared_report(one, suppressed=False).indicator("people_trained").total.value
        for one in scopes
    ]
    assert totals == [6, 0, 7, 6]
    # Asked again, each from the cache: still its own.
    again = [
        presentation.shared_report(one, suppressed=False).indicator("people_trained").total.value
        for one in scopes
    ]
    assert again == totals


def test_what_belongs_to_a_programme_changing_renews_its_cached_figures(programmes: World) -> None:
    own = Programme.objects.get(slug=OWN)
    scope = ReportScope((programmes.honduras,), Period(2026), programme=own)
    before = presentation.shared_report(scope, suppressed=False)
    assert before.indicator("people_trained").total.value == 6
    programme_services.activities_detach(
        actor=programmes.user("admin"),
        programme=own,
        kind="events",
        activities=list(Event.objects.filter(slug="taller-2026")),
    )
    after = presentation.shared_report(scope, suppressed=False)
    assert after.indicator("people_trained").total.value == 0


# Exports ----------------------------------------------------------------------------------------


def test_the_downloads_state_the_programme_countries_and_period(programmes: World) -> None:
    manager = client_for(programmes, "programme_manager")
    query = {"programme": OWN, "country": "HN", "start": "2026-01-01", "end": "2026-06-30"}
    csv = manager.get(URL, {**query, "format": "csv"})
    assert (
        csv["Content-Disposition"]
        == f'attachment; filename="results-{OWN}-hn-2026-01-01-2026-06-30.csv"'
    )
    text = csv.content.decode("utf-8-sig")
    assert "Programa,Centros de Información" in text
    assert "Países,Honduras" in text
    assert "Desde,2026-01-01" in text and "Hasta,2026-06-30" in text
    assert "Personas capacitadas,Total,Total,6" in text
    workbook = load_workbook(io.BytesIO(manager.get(URL, {**query, "format": "xlsx"}).content))
    rows = [[cell.value for cell in row][:2] for row in workbook.worksheets[0].iter_rows()]
    assert ["Programa", "Centros de Información"] in rows
    pdf = manager.get(URL, {**query, "format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    assert f"results-{OWN}-hn-" in pdf["Content-Disposition"]
    report = manager.get(URL, query).context["report"]
    summary = render_to_string("reports/summary_pdf.html", {"report": report, "items": []})
    assert "Programa: Centros de Información" in summary
    whole = manager.get(URL, {"country": "HN", "year": "2026", "format": "csv"})
    assert 'Programa,"Ninguno: cuenta toda actividad' in whole.content.decode("utf-8-sig")
    public = Client().get(reverse("reports:public"), {"programme": OWN, "format": "csv"})
    assert f"public-figures-{OWN}-countries-" in public["Content-Disposition"]


def test_a_background_export_keeps_the_programme_and_the_range(
    programmes: World, settings: Any
) -> None:
    settings.REPORTS_BACKGROUND_EXPORT_ROWS = 0
    manager = client_for(programmes, "programme_manager")
    query = {"programme": PRIVATE, "country": "HN", "start": "2026-01-01", "end": "2026-06-30"}
    manager.get(URL, {**query, "format": "xlsx"})
    export = ReportExport.objects.get()
    assert export.parameters["programme"] == PRIVATE
    assert export.parameters["start"] == "2026-01-01" and export.parameters["end"] == "2026-06-30"
    assert export.status == ReportExport.Status.DONE
    assert export.filename == f"results-{PRIVATE}-hn-2026-01-01-2026-06-30.xlsx"
    download = manager.get(reverse("reports:export_download", args=[export.pk]))
    rows = [
        [cell.value for cell in row]
        for row in load_workbook(io.BytesIO(download.content)).worksheets[0].iter_rows()
    ]
    assert ["Programa", "Centros de Información", None] in rows
    assert ["Total", "Total", 6] in rows


def test_a_background_export_fails_once_the_programme_is_no_longer_the_readers(
    programmes: World, settings: Any
) -> None:
    from migralocal.reports import services

    settings.REPORTS_BACKGROUND_EXPORT_ROWS = 0
    manager = programmes.user("programme_manager")
    export = services.export_request(
        user=manager,
        file_format="xlsx",
        parameters={"programme": PRIVATE, "country": "HN", "year": "2026"},
        language="es",
    )
    Programme.objects.get(slug=PRIVATE).managers.remove(manager)
    assert services.export_run(export=export).status == ReportExport.Status.FAILED


# API --------------------------------------------------------------------------------------------


def test_the_api_filters_by_programme_and_range(programmes: World) -> None:
    reviewer = token_client(programmes, "reviewer")
    query = {"country": "HN", "year": "2026"}
    everything = reviewer.get(DASHBOARD, query).json()
    own = reviewer.get(DASHBOARD, {**query, "programme": OWN}).json()
    assert everything["programme"] is None and own["programme"] == OWN
    assert indicator(everything, "people_trained")["total"]["value"] == 7
    assert indicator(own, "people_trained")["total"]["value"] == 6
    spring = reviewer.get(
        DASHBOARD, {**query, "programme": OWN, "start": "2026-03-01", "end": "2026-03-31"}
    ).json()
    assert (spring["start"], spring["end"]) == ("2026-03-01", "2026-03-31")
    assert indicator(spring, "consultations")["total"]["value"] == 0
    wrong = reviewer.get(DASHBOARD, {**query, "start": "2026-03-31", "end": "2026-03-01"})
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/problem+json"


def test_an_unknown_or_hidden_programme_is_the_same_problem(programmes: World) -> None:
    for role in [None, *ROLE_NAMES]:
        client = token_client(programmes, role)
        for url in (PUBLIC, DASHBOARD):
            unknown = client.get(url, {"programme": "no-existe", "year": "2026"})
            private = client.get(url, {"programme": PRIVATE, "year": "2026"})
            if unknown.status_code in {401, 403}:  # not a dashboard reader at all
                assert private.status_code == unknown.status_code, (role, url)
                continue
            assert unknown.status_code == 400, (role, url)
            assert unknown["Content-Type"] == "application/problem+json"
            message = unknown.json()["errors"]["programme"][0]["message"]
            assert message == "No existe ese programa entre los que usted ve."
            if role in SEES_PRIVATE:
                assert private.status_code == 200, (role, url)
                assert private.json()["programme"] == PRIVATE
            else:
                assert private.status_code == 400, (role, url)
                assert private.json() == unknown.json(), (role, url)


def test_the_api_schema_documents_the_programme_and_the_range() -> None:
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    body = schema.json()
    for path in ("/api/v1/reports/public/", "/api/v1/reports/dashboard/"):
        names = {parameter["name"] for parameter in body["paths"][path]["get"]["parameters"]}
        assert {"programme", "start", "end", "country", "year", "quarter"} <= names, path


# Protected figures and ranges of days ----------------------------------------------------------


RANGE = {"start": "2026-03-01", "end": "2026-03-02"}


def test_protected_figures_are_never_given_for_a_range_of_days(programmes: World) -> None:
    """Two ranges a day apart would tell on which day a protected count moved."""
    public = client_for(programmes, None).get(reverse("reports:public"), {"country": "HN", **RANGE})
    assert public.context["report"] is None
    assert "Las cifras protegidas se dan por año o por trimestre" in _text(public)
    # A reviewer covers Honduras only: the region is protected for them, Honduras is not.
    reviewer = client_for(programmes, "reviewer")
    region = reviewer.get(URL, RANGE)
    assert region.context["report"] is None
    own_country = reviewer.get(URL, {"country": "HN", **RANGE})
    assert own_country.context["report"] is not None
    assert not own_country.context["report"].suppressed
    focal = client_for(programmes, "focal_point").get(URL, RANGE)
    assert focal.context["report"] is None
    for client, url in (
        (token_client(programmes, None), PUBLIC),
        (token_client(programmes, "reviewer"), DASHBOARD),
    ):
        answer = client.get(url, RANGE)
        assert answer.status_code == 400, url
        assert answer["Content-Type"] == "application/problem+json"
    full = token_client(programmes, "reviewer").get(DASHBOARD, {"country": "HN", **RANGE})
    assert full.status_code == 200


def _text(response: Any) -> str:
    return response.content.decode().replace("&#x27;", "'")
