"""The demo's four programmes, with demo activities attached (loading twice is checked for every
table in core's demo tests)."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from migralocal.assistance.models import Payment
from migralocal.core.models import User
from migralocal.directory.models import Hub
from migralocal.programmes.models import Programme


def test_demo_has_the_five_programmes_of_the_seeds(demo_db: None) -> None:
    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    assert set(programmes) == {
        "centros-de-informacion-sobre-migracion",
        "migraciudades-convocatoria-2025",
        "quito-asistencia-tecnica-y-formacion",
        "quito-respuesta-covid-19",
        "proyecto-m",
    }
    hubs = programmes["centros-de-informacion-sobre-migracion"]
    assert hubs.hubs.count() == Hub.objects.filter(country__code__in=["HN", "MX", "SV"]).count()
    assert hubs.managers.filter(email="manager@demo.migralocal.org").exists()
    assert programmes["migraciudades-convocatoria-2025"].assessments.count() >= 5
    proyecto_m = programmes["proyecto-m"]
    # Six countries of member organisations, and Costa Rica, where its closing summit was held.
    assert proyecto_m.countries.count() == 7
    assert (proyecto_m.starts_on.year, proyecto_m.ends_on.year) == (2021, 2023)
    assert proyecto_m.events.filter(slug__startswith="encuentro-virtual-").count() == 21
    assert proyecto_m.mentoring_engagements.exists()
    quito = programmes["quito-asistencia-tecnica-y-formacion"]
    assert quito.events.exists() and quito.assessments.exists() and quito.commitments.exists()
    # One round belongs to two programmes: Quito's, and the MigraCiudades call's.
    assert quito.assessments.get().programmes.count() == 2


def test_the_demo_programme_pages_answer(demo_db: None) -> None:
    client = Client()
    page = client.get("/es/programmes/").content.decode()
    assert "Proyecto M" in page
    detail = client.get("/es/programmes/proyecto-m/")
    assert detail.status_code == 200
    assert "Encuentro" in detail.content.decode() or "encuentro" in detail.content.decode()


def test_the_demo_results_come_from_the_demo_records(demo_db: None) -> None:
    """Each demo programme's computed indicators show what its records count, on its results
    page (as its manager reads it: in full); the targets are those the programmes set."""
    from migralocal.core.models import User

    client = Client()
    client.force_login(User.objects.get(email="admin@demo.migralocal.org"))
    shown = {}
    for programme in Programme.objects.all():
        # The whole programme, several years: every year's records count.
        page = client.get(f"/es/programmes/{programme.slug}/results/")
        assert page.status_code == 200
        shown[programme.slug] = page.context["results"]
        counted = [one for one in shown[programme.slug].indicators() if one.source == "computed"]
        assert any(one.actual for one in counted), programme.slug
    quito = shown["quito-asistencia-tecnica-y-formacion"]
    officials = quito.indicator("Funcionarias y funcionarios públicos formados")
    # 210 of the Agencia Metropolitana de Control, 50 of the Secretaría de Territorio and 32 of
    # the Secretaría de Inclusión Social: the trainings of its events.
    assert (officials.target, officials.actual) == (292, 292)
    assert {
        event.slug for event in Programme.objects.get(slug=quito.programme_slug).events.all()
    } == {
        "capacitacion-agencia-metropolitana-de-control",
        "capacitacion-secretaria-de-territorio-habitat-y-vivienda",
        "capacitacion-secretaria-de-inclusion-social",
    }
    women = quito.indicator("Mujeres entre el personal de la Agencia formado")
    # 107 women of the Agencia Metropolitana de Control's 210 officials.
    assert (women.target, women.actual) == (51, Decimal("51.0"))
    proyecto_m = shown["proyecto-m"]
    attendances = proyecto_m.indicator("Asistencias a los encuentros y las cumbres")
    # 21 virtual meetings and two summits, the in-person one in Costa Rica: 406 attendances.
    assert (attendances.target, attendances.actual) == (406, 406)
    assert proyecto_m.indicator("Organizaciones acompañadas").actual
    assert proyecto_m.indicator("Encuentros virtuales realizados").actual == 21
    hubs = shown["centros-de-informacion-sobre-migracion"]
    assert hubs.indicator("Consultas atendidas").actual
    assert hubs.indicator("Derivaciones completadas").actual
    assert shown["migraciudades-convocatoria-2025"].indicator("Municipios certificados").actual


def test_the_demo_counts_sign_ups_and_each_quito_department_from_its_records(
    demo_db: None,
) -> None:
    """Proyecto M's 159 sign-ups (accounts of its events' participants, in six countries) and the
    officials of each of Quito's departments are counted by the platform, and the results page
    shows them."""
    client = Client()
    client.force_login(User.objects.get(email="admin@demo.migralocal.org"))
    proyecto_m = client.get("/es/programmes/proyecto-m/results/").context["results"]
    sign_ups = proyecto_m.indicator("Inscripciones en la plataforma de aprendizaje")
    assert sign_ups.source == "computed"
    assert (sign_ups.target, sign_ups.actual) == (159, 159)
    by_country = {one.code: one.actual for one in sign_ups.countries}
    assert sum(by_country.values()) == 159
    assert sorted(code for code, count in by_country.items() if count) == [
        "CO",
        "GT",
        "HN",
        "MX",
        "SV",
        "US",
    ]

    page = client.get("/es/programmes/quito-asistencia-tecnica-y-formacion/results/")
    quito = page.context["results"]
    expected = {
        "Personal de la Agencia formado": (210, 210),
        "Personal de la Agencia formado en línea": (110, 110),
        "Personal de la Agencia formado de forma presencial": (100, 100),
        "Mujeres entre el personal de la Agencia formado": (51, Decimal("51.0")),
        "Personal de la Secretaría de Territorio formado": (50, 50),
        "Personal de la Secretaría de Inclusión Social formado": (32, 32),
        "Mujeres entre el personal de Inclusión Social formado": (50, Decimal("50.0")),
    }
    for title, figures in expected.items():
        shown = quito.indicator(title)
        assert shown.source == "computed", title
        assert (shown.target, shown.actual) == figures, title
    text = page.content.decode()
    assert (
        "Agencia Metropolitana de Control (Municipio del Distrito Metropolitano de Quito)" in text
    )


def test_demo_covid_transfers_report_what_was_paid_against_their_targets(demo_db: None) -> None:
    covid = Programme.objects.get(slug="quito-respuesta-covid-19")
    paid = Payment.objects.filter(status=Payment.Status.PAID, cycle__programme__programmes=covid)
    client = Client()
    client.force_login(User.objects.get(email="admin@demo.migralocal.org"))
    page = client.get("/es/programmes/quito-respuesta-covid-19/results/")
    results = page.context["results"]
    payments = results.indicator("Pagos recibidos por los hogares")
    assert payments.source == "computed"
    assert (payments.target, payments.actual) == (880, paid.count())
    assert results.indicator("Hogares contactados en la verificación de pagos").actual > 0
