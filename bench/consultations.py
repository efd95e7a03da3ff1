"""Consultations benchmark: dashboard aggregates at scale, and the import rate of a Kobo export.

    .venv/bin/python bench/consultations.py            # 1,000,000 consultations, 100,000-row CSV
    CONSULTATIONS_BENCH_SIZE=50000 CONSULTATIONS_BENCH_IMPORT_ROWS=10000 \
        .venv/bin/python bench/consultations.py

For SQLite (a temporary file) and PostgreSQL (BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/consultations_bench, created and dropped here; skipped if no
server answers) it prints: the time of a country-year dashboard aggregate through the ORM
selectors, the same aggregate as one hand-written SQL GROUP BY, and their ratio (target under 1.5x);
then the import rate of a Kobo CSV (target >= 5,000 rows/s on PostgreSQL) and the peak memory of
the importing process (target < 500 MB). Each part runs in its own process so that its peak
memory is its own.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZE = int(os.environ.get("CONSULTATIONS_BENCH_SIZE", "1000000"))
IMPORT_ROWS = int(os.environ.get("CONSULTATIONS_BENCH_IMPORT_ROWS", "100000"))
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/consultations_bench"
)
YEAR = 2025
REPEAT = 5


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    # DEBUG would keep every query in memory and time its logging, not the database.
    os.environ["DEBUG"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "migralocal.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def build_places() -> dict[str, Any]:
    """Two countries, ten hubs, thirty services: the bench's directory."""
    from migralocal.core.models import AdministrativeArea, Country, Organisation
    from migralocal.directory.models import Hub, Service

    hubs, services = [], []
    for code, iso3, name in (("HN", "HND", "Honduras"), ("SV", "SLV", "El Salvador")):
        country, _ = Country.objects.get_or_create(code=code, defaults={"iso3": iso3})
        country.set_current_language("es")
        country.name = name
        country.save()
        for n in range(5):
            area, _ = AdministrativeArea.objects.get_or_create(
                code=f"{code}-{n}",
                defaults={"country": country, "level": "municipality", "name": f"Municipio {n}"},
            )
            operator, _ = Organisation.objects.get_or_create(
                slug=f"bench-{code}-{n}",
                defaults={
                    "name": f"Municipio {n}",
                    "kind": "municipality",
                    "country": country,
                    "municipality": area,
                },
            )
            hub = Hub(
                slug=f"bench-{code}-{n}",
                operator=operator,
                country=country,
                municipality=area,
                kind="information_hub",
            )
            hub.set_current_language("es")
            hub.name = f"Ventanilla {code} {n}"
            hub.save()
            hubs.append(hub)
            for k in range(3):
                service = Service(hub=hub, country=country, municipality=area)
                service.set_current_language("es")
                service.name = f"Servicio {code} {n} {k}"
                service.save()
                services.append(service)
    return {"hubs": hubs, "services": services}


def generate(size: int) -> None:
    """`size` consultations over two years with topics and referrals, bulk-inserted."""
    from django.db import transaction

    from migralocal.consultations.models import Consultation, Referral
    from migralocal.core.models import Country, TaxonomyTerm

    places = build_places()
    generator = random.Random(7)
    topics = list(TaxonomyTerm.objects.of("consultation-topics").values_list("pk", flat=True))
    situations = list(TaxonomyTerm.objects.of("migration-situations").values_list("pk", flat=True))
    countries = list(Country.objects.values_list("pk", flat=True))
    services_by_country: dict[int, list[Any]] = {}
    for service in places["services"]:
        services_by_country.setdefault(service.country_id, []).append(service.pk)
    start = date(YEAR - 1, 1, 1)
    link = Consultation.topics.through
    batch = 5000
    for first in range(0, size, batch):
        rows = []
        for _n in range(min(batch, size - first)):
            hub = generator.choice(places["hubs"])
            day = start + timedelta(days=generator.randrange(730))
            rows.append(
                Consultation(
                    hub_id=hub.pk,
                    country_id=hub.country_id,
                    municipality_id=hub.municipality_id,
                    date=day,
                    month=day.replace(day=1),
                    channel=generator.choice(["in_person", "phone", "whatsapp", "online"]),
                    gender=generator.choice(["female", "male", "other", "not_stated"]),
                    age_band=generator.choice(["0-11", "12-17", "18-29", "30-44", "45-59", "60+"]),
                    nationality_id=generator.choice(countries),
                    migration_situation_id=generator.choice(situations),
                    disability=generator.choice(["yes", "no", "no", "no"]),
                    preferred_language="es",
                )
            )
        with transaction.atomic():
            created = Consultation.objects.bulk_create(rows)
            link.objects.bulk_create(
                link(consultation_id=c.pk, taxonomyterm_id=t)
                for c in created
                for t in generator.sample(topics, generator.choice([1, 1, 2, 3]))
            )
            Referral.objects.bulk_create(
                Referral(
                    consultation_id=c.pk,
                    service_id=generator.choice(services_by_country[c.country_id]),
                    status=generator.choice(
                        ["made", "accepted", "attended", "closed", "unreachable"]
                    ),
                    follow_up_on=c.date + timedelta(days=7),
                )
                for c in created
                if generator.random() < 0.35
            )


def timed(function: Any) -> float:
    durations = []
    for _n in range(REPEAT):
        began = time.perf_counter()
        function()
        durations.append(time.perf_counter() - began)
    return statistics.median(durations)


def aggregate_part() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from migralocal.consultations import selectors
    from migralocal.consultations.models import Consultation
    from migralocal.core.models import Country

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    generate(SIZE)
    generated = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    country = Country.objects.get(code="HN")
    scope = selectors.Scope(year=YEAR, country_id=country.pk)
    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    table = Consultation._meta.db_table
    topic_table = Consultation.topics.through._meta.db_table

    def raw(sql: str) -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(sql, [country.pk, first, last])
            return cursor.fetchall()

    month_sql = (
        f"SELECT month, COUNT(*) FROM {table} WHERE country_id = %s AND date >= %s AND date <= %s "  # noqa: S608
        "GROUP BY month"
    )
    topic_sql = (
        f"SELECT t.taxonomyterm_id, COUNT(*) FROM {topic_table} t "  # noqa: S608
        f"JOIN {table} c ON c.id = t.consultation_id "
        "WHERE c.country_id = %s AND c.date >= %s AND c.date <= %s GROUP BY t.taxonomyterm_id"
    )
    # The same GROUP BY the selectors run, as ORM querysets; labels are read apart.
    in_scope = selectors.consultations_in(scope)
    by_month = in_scope.values_list("month").annotate(n=Count("pk")).order_by()
    by_topic = (
        Consultation.topics.through.objects.filter(consultation__in=in_scope.values("pk"))
        .values_list("taxonomyterm_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    orm_month = selectors.count_by_month(scope)
    assert sum(orm_month.counts) == sum(count for _m, count in raw(month_sql))  # noqa: S101
    return {
        "generated": generated,
        "month_orm": timed(lambda: list(by_month.all())),
        "month_sql": timed(lambda: raw(month_sql)),
        "topic_orm": timed(lambda: list(by_topic.all())),
        "topic_sql": timed(lambda: raw(topic_sql)),
        "dashboard_orm": timed(lambda: selectors.breakdowns(scope, by_hub=True)),
        "rows_in_scope": sum(orm_month.counts),
    }


def write_kobo_csv(path: Path, rows: int, services: list[str]) -> None:
    generator = random.Random(11)
    header = [
        "date",
        "channel",
        "topics",
        "gender",
        "age_band",
        "nationality",
        "migration_situation",
        "disability",
        "preferred_language",
        "needs",
        "information_given",
        "referrals",
        "follow_up_on",
        "meta/instanceID",
        "_id",
        "_uuid",
    ]
    topic_codes = ["documents", "labour-migration", "health", "asylum", "return-reintegration"]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(header)
        for n in range(rows):
            day = date(YEAR, 1, 1) + timedelta(days=n % 365)
            instance = f"10000000-0000-4000-8000-{n:012d}"
            writer.writerow(
                [
                    day.isoformat(),
                    generator.choice(["in_person", "phone", "whatsapp"]),
                    " ".join(generator.sample(topic_codes, generator.choice([1, 2]))),
                    generator.choice(["female", "male"]),
                    generator.choice(["18-29", "30-44"]),
                    "HN",
                    generator.choice(["returnee", "in-transit"]),
                    "no",
                    "es",
                    "",
                    "",
                    generator.choice(services) if generator.random() < 0.35 else "",
                    "",
                    f"uuid:{instance}",
                    str(n),
                    instance,
                ]
            )


def import_part() -> dict[str, Any]:
    from django.core.management import call_command

    from migralocal.consultations import services
    from migralocal.consultations.submissions import (
        read_records,
        service_choice_name,
        validate_submissions,
    )
    from migralocal.directory.models import Hub, Service

    call_command("migrate", verbosity=0)
    if not Hub.objects.filter(slug="bench-HN-0").exists():
        build_places()
    hub = Hub.objects.get(slug="bench-HN-0")
    codes = [
        service_choice_name(pk)
        for pk in Service.objects.filter(country=hub.country_id).values_list("pk", flat=True)
    ]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "kobo.csv"
        write_kobo_csv(path, IMPORT_ROWS, codes)
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        began = time.perf_counter()
        with path.open("rb") as stream:
            validation = validate_submissions(read_records(stream, path.name), hub)
        checked = time.perf_counter() - began
        assert validation.is_valid, validation.errors[:5]  # noqa: S101
        written = services.submissions_import(hub=hub, user=None, rows=validation.rows)
        total = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": written,
        "validate_s": checked,
        "total_s": total,
        "peak_mb": peak / 1024,
        "baseline_mb": baseline / 1024,
    }


def child(part: str, database_url: str) -> None:
    setup_django(database_url)
    result = aggregate_part() if part == "aggregate" else import_part()
    print("RESULT " + json.dumps(result))


def run_child(part: str, database_url: str) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603  (this very script, with our own arguments)
        [sys.executable, __file__, "--child", part, database_url],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(done.stderr[-3000:])


def postgres_available() -> bool:
    import psycopg

    try:
        psycopg.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def recreate_postgres() -> None:
    import psycopg

    name = POSTGRES_URL.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')


def drop_postgres() -> None:
    import psycopg

    name = POSTGRES_URL.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')


def report(engine: str, aggregate: dict[str, Any], imported: dict[str, Any]) -> None:
    print(
        f"\n{engine}: {SIZE:,} consultations generated in {aggregate['generated']:.1f} s; "
        f"{aggregate['rows_in_scope']:,} in the country-year"
    )
    print(f"  {'aggregate':<34}{'ORM':>10}{'SQL':>10}{'ratio':>8}")
    for key, label in (("month", "country-year by month"), ("topic", "country-year by topic")):
        orm, sql = aggregate[f"{key}_orm"], aggregate[f"{key}_sql"]
        print(f"  {label:<34}{orm * 1000:>8.1f}ms{sql * 1000:>8.1f}ms{orm / sql:>7.2f}x")
    print(f"  {'whole dashboard (12 breakdowns)':<34}{aggregate['dashboard_orm'] * 1000:>8.1f}ms")
    rate = imported["rows"] / imported["total_s"]
    print(
        f"  import of a {imported['rows']:,}-row Kobo CSV: {imported['total_s']:.1f} s "
        f"(validation {imported['validate_s']:.1f} s) = {rate:,.0f} rows/s; "
        f"peak memory {imported['peak_mb']:.0f} MB (before: {imported['baseline_mb']:.0f} MB)"
    )


def main() -> None:
    print(f"Consultations benchmark: {SIZE:,} consultations, {IMPORT_ROWS:,}-row import")
    with tempfile.TemporaryDirectory() as directory:
        aggregate_db = f"sqlite:///{directory}/aggregate.sqlite3"
        import_db = f"sqlite:///{directory}/import.sqlite3"
        report("SQLite", run_child("aggregate", aggregate_db), run_child("import", import_db))
    if not postgres_available():
        print("\nPostgreSQL: not reachable, skipped.")
        return
    try:
        recreate_postgres()
        aggregate = run_child("aggregate", POSTGRES_URL)
        recreate_postgres()
        imported = run_child("import", POSTGRES_URL)
        report("PostgreSQL", aggregate, imported)
    finally:
        drop_postgres()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
