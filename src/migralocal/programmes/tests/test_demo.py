"""The demo's four programmes, with demo activities attached (loading twice is checked for every
table in core's demo tests)."""

from __future__ import annotations

from django.test import Client

from migralocal.directory.models import Hub
from migralocal.programmes.models import Programme


def test_demo_has_the_four_programmes_of_the_seeds(demo_db: None) -> None:
    programmes = {programme.slug: programme for programme in Programme.objects.all()}
    assert set(programmes) == {
        "centros-de-informacion-sobre-migracion",
        "migraciudades-convocatoria-2025",
        "quito-asistencia-tecnica-y-formacion",
        "proyecto-m",
    }
    hubs = programmes["centros-de-informacion-sobre-migracion"]
    assert hubs.hubs.count() == Hub.objects.filter(country__code__in=["HN", "MX", "SV"]).count()
    assert hubs.managers.filter(email="manager@demo.migralocal.org").exists()
    assert programmes["migraciudades-convocatoria-2025"].assessments.count() >= 5
    proyecto_m = programmes["proyecto-m"]
    assert proyecto_m.countries.count() == 6
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
