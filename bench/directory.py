"""Public directory search: median and p95 time of a search by text + place + language.

Fills a throw-away database with synthetic hubs and services, then times the query the search
page runs (the count and the first page of services). Runs on SQLite and, when it answers, on
PostgreSQL. Sizes: DIRECTORY_BENCH_SERVICES (default 20000), DIRECTORY_BENCH_HUBS (2000),
DIRECTORY_BENCH_QUERIES (200); the PostgreSQL server: DIRECTORY_BENCH_POSTGRES
(postgres://postgres@127.0.0.1:5432/postgres; a database `directory_bench` is created in it).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVICES = int(os.environ.get("DIRECTORY_BENCH_SERVICES", "20000"))
HUBS = int(os.environ.get("DIRECTORY_BENCH_HUBS", "2000"))
QUERIES = int(os.environ.get("DIRECTORY_BENCH_QUERIES", "200"))
POSTGRES = os.environ.get("DIRECTORY_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
WORDS_ES = ["trabajo", "atención", "documentos", "salud", "retorno", "asilo", "orientación"]
WORDS_EN = ["work", "care", "documents", "health", "return", "asylum", "guidance"]
QUERY_WORDS = ["trabajo", "atencion", "documentos", "salud", "work", "retorno"]


def fill() -> None:
    from decimal import Decimal

    from django.db import transaction

    from migralocal.core.models import AdministrativeArea, Country, Organisation
    from migralocal.directory.models import Hub, Language, Service
    from migralocal.directory.search import document_from, refresh_vectors

    rng = random.Random(7)
    country, _created = Country.objects.get_or_create(code="HN", defaults={"iso3": "HND"})
    areas = [
        AdministrativeArea.objects.create(
            country=country, level="municipality", code=f"BENCH-{i}", name=f"Municipio {i}"
        )
        for i in range(50)
    ]
    operator = Organisation.objects.create(
        name="Bench", slug="bench", kind="civil_society", country=country
    )
    hub_translation = Hub._parler_meta.root_model
    service_translation = Service._parler_meta.root_model
    with transaction.atomic():
        hubs = []
        for i in range(HUBS):
            name = f"Ventanilla {i} de {WORDS_ES[i % len(WORDS_ES)]}"
            hubs.append(
                Hub(
                    slug=f"hub-{i}",
                    operator=operator,
                    country=country,
                    municipality=areas[i % len(areas)],
                    kind="information_hub",
                    latitude=Decimal(f"{rng.uniform(13.0, 32.0):.6f}"),
                    longitude=Decimal(f"{rng.uniform(-117.0, -87.0):.6f}"),
                    languages=",es,en," if i % 3 == 0 else ",es,",
                    search_document=document_from([name]),
                )
            )
        Hub.objects.bulk_create(hubs, batch_size=1000)
        hub_translation.objects.bulk_create(
            [
                hub_translation(master=hub, language_code="es", name=f"Ventanilla {hub.slug}")
                for hub in hubs
            ],
            batch_size=1000,
        )
        services, translations, languages = [], [], []
        for i in range(SERVICES):
            hub = hubs[i % HUBS]
            word_es, word_en = WORDS_ES[i % len(WORDS_ES)], WORDS_EN[i % len(WORDS_EN)]
            name_es = f"Servicio {i} de {word_es} y orientación"
            name_en = f"Service {i} for {word_en}"
            description = f"Atención gratuita sobre {word_es} para personas migrantes {i}."
            service = Service(
                id=uuid.UUID(int=i + 1),
                hub=hub,
                country=country,
                municipality=hub.municipality,
                latitude=hub.latitude,
                longitude=hub.longitude,
                search_document=document_from([name_es, name_en, description]),
            )
            services.append(service)
            translations.append(
                service_translation(
                    master=service, language_code="es", name=name_es, description=description
                )
            )
            translations.append(
                service_translation(master=service, language_code="en", name=name_en)
            )
            languages.append(Language(service=service, code="es", name="Español"))
            if i % 4 == 0:
                languages.append(Language(service=service, code="en", name="English"))
        Service.objects.bulk_create(services, batch_size=2000)
        service_translation.objects.bulk_create(translations, batch_size=2000)
        Language.objects.bulk_create(languages, batch_size=2000)
        refresh_vectors(Service.objects.all())
        refresh_vectors(Hub.objects.all())


def time_searches() -> list[float]:
    from django.db import connection

    from migralocal.directory.models import Hub
    from migralocal.directory.selectors import Place, SearchCriteria, service_search

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rng = random.Random(11)
    points = list(Hub.objects.values_list("latitude", "longitude"))
    timings = []
    for _ in range(QUERIES):
        latitude, longitude = rng.choice(points)
        criteria = SearchCriteria(
            text=rng.choice(QUERY_WORDS),
            near=Place(float(latitude), float(longitude), 25.0),
            language=rng.choice(["es", "en"]),
        )
        started = time.perf_counter()
        queryset = service_search(criteria)
        queryset.count()
        list(queryset[:20])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def run_here() -> None:
    """In a child process whose DATABASE_URL names an empty database: fill, then time."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migralocal.settings_test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill()
    filled = time.perf_counter() - started
    timings = time_searches()
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"{connection.vendor:<10} {SERVICES} services, {HUBS} hubs (filled in {filled:.0f} s): "
        f"search text+place+language median {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms over {QUERIES} queries"
    )


def postgres_database() -> str | None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES, connect_timeout=3, autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS directory_bench")
            admin.execute("CREATE DATABASE directory_bench")
    except Exception as error:  # any failure means: no PostgreSQL to bench on
        print(f"PostgreSQL not available ({error.__class__.__name__}); skipping it.")
        return None
    return POSTGRES.rsplit("/", 1)[0] + "/directory_bench"


def main() -> None:
    if "--here" in sys.argv:
        run_here()
        return
    with tempfile.TemporaryDirectory() as tmp:
        targets = [f"sqlite:///{tmp}/bench.sqlite3"]
        postgres = postgres_database()
        if postgres:
            targets.append(postgres)
        for url in targets:
            env = {**os.environ, "DATABASE_URL": url}
            subprocess.run([sys.executable, __file__, "--here"], env=env, check=True)  # noqa: S603


if __name__ == "__main__":
    main()
